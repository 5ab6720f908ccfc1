"""The filter bar: one search box that understands ``outlet:`` and ``speaker:``, a kind and a verdict selector.

It only turns what the user typed into a ``BrowseFilter`` and announces it; the screen decides what to load.
"""

from __future__ import annotations

import shlex
from dataclasses import replace
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from workbench.models import CLAIM_KINDS, VERDICT_LABELS
from workbench.services.catalog import DISMISSED, IN_PROGRESS, REVIEWED, UNREVIEWED, BrowseFilter

KINDS = {"claims": CLAIM_KINDS, "quotes": ("direct", "fragment"), "articles": (), "stories": ()}
VERDICT_CHOICES = (UNREVIEWED, IN_PROGRESS, REVIEWED, *VERDICT_LABELS, DISMISSED)
FIELD_PREFIXES = ("outlet", "speaker")
DEBOUNCE_S = 0.25


def parse_query(query: str) -> dict[str, Any]:
    """``outlet:"al mayadeen" speaker:raisi 3 billion`` → outlet, speaker, and the remaining words as text."""
    try:
        tokens = shlex.split(query)
    except ValueError:  # an unbalanced quote while typing
        tokens = query.split()
    found: dict[str, str | None] = {"outlet": None, "speaker": None}
    words = []
    for token in tokens:
        name, sep, value = token.partition(":")
        if sep and name.lower() in FIELD_PREFIXES and value:
            found[name.lower()] = value
        else:
            words.append(token)
    found["text"] = " ".join(words) or None
    return found


def query_of(filters: BrowseFilter) -> str:
    """The search box text that ``parse_query`` turns back into ``filters`` (kind and verdict excluded)."""
    parts = [f"{name}:{shlex.quote(value)}" for name in FIELD_PREFIXES if (value := getattr(filters, name))]
    if filters.text:
        parts.append(filters.text)
    return " ".join(parts)


class SteadySelect(Select[str]):
    """A drop-down whose box never changes size (the stylesheet fixes it: 22 cells, one line), so showing another
    value repaints its label without laying out the screen. Textual's label asks for a layout on every change,
    a layout of the whole main screen (3-10 CPU ms), which k, t and x each paid before their rows were painted."""

    def on_mount(self) -> None:
        label = self.query_one("SelectCurrent > #label", Static)
        label.update = partial(Static.update, label, layout=False)  # type: ignore[method-assign]


class FilterBar(Horizontal):
    class Changed(Message):
        def __init__(self, filters: BrowseFilter) -> None:
            super().__init__()
            self.filters = filters

    class Done(Message):
        """The user pressed Enter or Escape in the search box: focus goes back to the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filters = BrowseFilter()
        self._view = "claims"
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search words · outlet:NAME · speaker:NAME", id="search", compact=True)
        yield SteadySelect(
            [(k, k) for k in CLAIM_KINDS],
            prompt="any kind",
            id="kind",
            compact=True,
            tooltip="Only this kind of claim or quote (k cycles)",
        )
        yield SteadySelect(
            [(v.replace("_", " "), v) for v in VERDICT_CHOICES],
            prompt="any verdict",
            id="verdict",
            compact=True,
            tooltip="Only items with this effective verdict (t: unreviewed only); "
            "dismissed: the items reviewers took out",
        )

    @property
    def filters(self) -> BrowseFilter:
        return self._filters

    def set_state(self, view: str, filters: BrowseFilter) -> None:
        """Show ``filters`` for ``view`` without announcing a change."""
        self._filters = filters
        search = self.query_one("#search", Input)
        kind = self.query_one("#kind", Select)
        verdict = self.query_one("#verdict", Select)
        with self.prevent(Input.Changed, Select.Changed):
            search.value = query_of(filters)
            if view != self._view:
                kind.set_options([(k.replace("_", " "), k) for k in KINDS[view]])
                self._view = view
            kind.value = filters.kind if filters.kind in KINDS[view] else Select.NULL
            kind.disabled = not KINDS[view]
            verdict.value = filters.verdict or Select.NULL
            verdict.disabled = view in ("articles", "stories")

    def focus_search(self) -> None:
        """Focus the search box now, not after the keys already queued: "/tariffs" typed in one burst must put
        "tariffs" in the box, not toggle a filter (t) and open the Assign form (a) on the way."""
        self.screen.set_focus(self.query_one("#search", Input))

    def update_filters(self, **changes: Any) -> None:
        """Change some fields (from a key or the palette) and announce it."""
        self.set_state(self._view, replace(self._filters, **changes))
        self._announce()

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_S, self._from_widgets)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self._from_widgets()
        self.post_message(self.Done())

    @on(Select.Changed)
    def _selected(self) -> None:
        self._from_widgets()

    def _from_widgets(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        kind = self.query_one("#kind", Select).value
        verdict = self.query_one("#verdict", Select).value
        parsed = parse_query(self.query_one("#search", Input).value)
        # replace, not a new filter: the order and the context toggle are not widgets of this bar.
        filters = replace(
            self._filters,
            kind=None if kind is Select.NULL else str(kind),
            verdict=None if verdict is Select.NULL else str(verdict),
            # Set by keys, not by these widgets: typing a search keeps them.
            conflicts_only=self._filters.conflicts_only,
            story_id=self._filters.story_id,
            **parsed,
        )
        if filters != self._filters:
            self._filters = filters
            self._announce()

    def _announce(self) -> None:
        self.post_message(self.Changed(self._filters))

    def key_escape(self) -> None:
        self.post_message(self.Done())
