"""The footer of key hints, rebuilt only when keys it has never shown appear."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

# What the footer shows for one action: the key of its first shown binding, the label, the group, the tooltip and
# whether it is enabled (Textual's footer shows one key per action, the first).
Shown = dict[str, tuple[Any, ...]]


class KeysFooter(Footer):
    """Textual's footer rebuilds every key widget on every "bindings changed" signal; a focus move sends several,
    and the search box's Enter moves the focus back to the list (the box hides the letter keys while it has the
    focus): two rebuilds, each costing more than reading a page of 200,000 claims. This footer coalesces the
    signals of one refresh into one check, hides and shows the keys it already built when only that changed, and
    rebuilds only when a key appears that it has not built or one changed its label, key or state."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: Shown | None = None
        self._visible: Shown | None = None
        self._pending = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._update_keys)

    def shown_keys(self) -> Shown:
        """What ``compose`` would show, per action, as comparable values."""
        shown: Shown = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding.key, binding.description, binding.group, enabled, tooltip)
        return shown

    async def _update_keys(self) -> None:
        self._pending = False
        if isinstance(self.screen.focused, Input):
            # Typing in a box hides the letter keys; the footer keeps the keys of what the box returns to (Enter
            # and Escape go back), instead of hiding them and showing them again a moment later.
            return
        shown = self.shown_keys()
        if shown == self._visible:
            return
        built = self._built
        if built is not None and all(built.get(action) == what for action, what in shown.items()):
            self._visible = shown
            self._show_only(shown)
            return
        self._built = self._visible = shown
        await self.recompose()

    def _show_only(self, shown: Shown) -> None:
        for key in self.query(FooterKey):
            if not key.has_class("-command-palette"):
                key.display = key.action in shown
        for group in self.query(KeyGroup):
            group.display = any(key.display for key in group.query(FooterKey))
            following = self.children[self.children.index(group) + 1 :][:1]
            for label in following:
                if isinstance(label, FooterLabel):
                    label.display = group.display
