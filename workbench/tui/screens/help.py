"""The help screen (``?``): every key of the screen it was opened from, as currently mapped, and what they mean."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workbench.tui.format import VERDICT_SHORT, VERDICT_STYLES

SEARCH_HELP = (
    "Search: words match the mention or its sentence (a quote's text). outlet:NAME and speaker:NAME narrow to "
    'an outlet or a speaker (quote names with spaces: outlet:"al mayadeen"). The kind and verdict selectors '
    "sit beside the search box."
)
CONFIG_HELP = (
    "Remap any key in the config file's [keys] table, by the id in the last column, e.g.\n"
    '    [keys]\n    verdict_true = "f1"\n    undo = "ctrl+z,u"'
)


def key_table(screen: Screen[object]) -> Table:
    """The keys active on ``screen`` grouped by binding id, so remapped keys show as they are now."""
    table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
    table.add_column("keys", no_wrap=True)
    table.add_column("action")
    table.add_column("what it does")
    table.add_column("id", style="dim")
    grouped: dict[str, tuple[list[str], Binding]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.id or not binding.description or binding.system:
            continue  # Textual's generic scrolling and focus keys are listed once, below the table
        keys, _ = grouped.setdefault(binding.id, ([], binding))
        keys.append(screen.app.get_key_display(Binding(key, binding.action)))
    for name, (keys, binding) in grouped.items():
        table.add_row(Text(", ".join(keys), style="bold"), Text(binding.description), Text(binding.tooltip), Text(name))
    return table


def legend() -> RenderableType:
    line = Text("List verdict column: ")
    for label, short in VERDICT_SHORT.items():
        line.append(short, style=VERDICT_STYLES[label])
        line.append(f" = {label.replace('_', ' ')}   ")
    line.append("\n(in parentheses) = inherited from the item's cluster; ×N = the cluster has N members.")
    return line


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", tooltip="Close the help", id="close_help")]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self._content = Group(
            Text("Keys on this screen", style="bold underline"),
            key_table(screen),
            Text(),
            Text(
                "Verdicts: 1 true · 2 mostly true · 3 half true · 4 mostly false · 5 false · 0 unverifiable.\n"
                "Press g first to give the verdict (or source, note, rationale) to the whole cluster."
            ),
            Text(),
            legend(),
            Text(),
            Text(SEARCH_HELP),
            Text(),
            Text(CONFIG_HELP, style="dim"),
            Text(
                "\nEverywhere: tab / shift+tab move the focus (tab to the detail pane to scroll it with arrows). "
                "esc closes this help.",
                style="dim",
            ),
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._content)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
