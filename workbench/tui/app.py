"""The workbench terminal UI: a thin shell over the catalog and review services.

The CLI (``workbench review``) opens the store and builds the services; the app only ever sees them through
``Backend``, so the TUI never imports the store (an import-linter contract checks this).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workbench.services.catalog import Catalog, View
from workbench.services.review import ReviewService
from workbench.tui.backend import Backend
from workbench.tui.commands import WorkbenchCommands
from workbench.tui.screens.main import MainScreen
from workbench.tui.widgets.item_list import ItemList


def binding_ids() -> set[str]:
    """Every id a user may remap in the config file's ``[keys]`` table."""
    # The other screens are imported when first opened (the list paints sooner); their keys are needed here.
    from workbench.tui.screens.article import ArticleScreen
    from workbench.tui.screens.cluster import ClusterScreen
    from workbench.tui.screens.corrections import OrphansScreen, SpanScreen
    from workbench.tui.screens.forms import FORM_BINDINGS
    from workbench.tui.screens.help import HelpScreen
    from workbench.tui.screens.story import StoryScreen

    found: set[str] = set()
    for owner in (
        WorkbenchApp,
        MainScreen,
        ArticleScreen,
        ClusterScreen,
        StoryScreen,
        HelpScreen,
        ItemList,
        SpanScreen,
        OrphansScreen,
    ):
        found.update(b.id for b in owner.BINDINGS if isinstance(b, Binding) and b.id)
    found.update(b.id for b in FORM_BINDINGS if b.id)
    return found


class WorkbenchApp(App[None]):
    CSS_PATH = "workbench.tcss"
    TITLE = "workbench"
    COMMANDS = App.COMMANDS | {WorkbenchCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", tooltip="Every key on this screen and what it does", id="help"),
        # Textual's own quit and palette keys carry no id, so the help screen and [keys] could not name them.
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            id="command_palette",
            tooltip="Every action and jump target (views, articles, speakers, outlets) by name",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            show=False,
            priority=True,
            id="quit",
            tooltip="Quit the workbench (every change is already saved)",
        ),
    ]

    def __init__(
        self,
        catalog: Catalog,
        review: ReviewService,
        *,
        keymap: Mapping[str, str] | None = None,
        article_id: int | None = None,
    ) -> None:
        super().__init__()
        # Nothing slides: the view tabs' underline animated for 0.3 s after every ] or [, repainting the screen about
        # 15 times while the new view's rows were being drawn (CPU per view switch 0.15-0.20 -> 0.11 s at 221k
        # claims, benchmarks/run.py), and a keyboard user reads the active tab, not its motion.
        self.animation_level = "none"
        self.backend = Backend(catalog, review)
        self._user_keymap = dict(keymap or {})
        self._first_article = article_id  # opened over the list at start (`workbench review URL`)
        self.sub_title = f"{Path(catalog.path).name} · reviewer {review.reviewer}"

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    def on_unmount(self) -> None:
        self.backend.close()

    def on_mount(self) -> None:
        self.apply_keymap(self._user_keymap)
        if self._first_article is not None:
            self.open_article(self._first_article)

    def apply_keymap(self, keymap: Mapping[str, str]) -> None:
        """Remap keys by binding id (the config file's ``[keys]``); unknown ids are reported, not ignored."""
        if not keymap:
            return
        known = binding_ids()
        unknown = sorted(set(keymap) - known)
        if unknown:
            self.notify(
                f"Unknown action ids in [keys]: {', '.join(unknown)}. See ? for the ids.",
                title="Config",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.set_keymap({k: v for k, v in keymap.items() if k in known})

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def show_main(self, view: View | None = None, **filters: str) -> None:
        """Back to the list (closing articles and clusters), optionally another view or a speaker/outlet filter."""
        while not isinstance(self.screen, MainScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        main = self.main_screen
        if view is not None:
            main.switch_view(view)
        if filters:
            main.filter_by(**filters)

    def open_article(self, article_id: int) -> None:
        from workbench.tui.screens.article import ArticleScreen

        self.push_screen(ArticleScreen(article_id))

    def open_orphans(self) -> None:
        from workbench.tui.screens.corrections import OrphansScreen

        if not isinstance(self.screen, OrphansScreen):
            self.push_screen(OrphansScreen())

    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key on this screen and what it does", self.action_help)
        yield SystemCommand(
            "Orphaned reviews", "Reviews whose item vanished: re-attach or discard them", self.open_orphans
        )
