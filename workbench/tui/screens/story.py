"""One story: its claims grouped by cluster, each outlet's figure side by side, and where outlets disagree."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.services.catalog import ConflictView, StoryView
from workbench.tui.format import CONFLICT_MARK, format_figure, safe, snippet, verdict_text
from workbench.tui.messages import StoryReady

SENTENCE_WIDTH = 90


def conflict_line(conflict: ConflictView) -> Text:
    """Both figures of a conflict, each with its outlet and sentence, one beside the other."""
    line = Text(f"{CONFLICT_MARK} ", style="bold red")
    for number, claim in enumerate((conflict.a, conflict.b)):
        if number:
            line.append("   ≠   ", style="bold red")
        line.append(f"{format_figure(claim)} ", style="bold")
        line.append(f"({safe(claim['outlet'])} {safe(claim.get('published')) or 'no date'}): ", style="dim")
        line.append_text(_sentence(claim, 60))
    return line


def _sentence(claim: dict[str, Any], width: int = SENTENCE_WIDTH) -> Text:
    sentence, offset = claim.get("sentence"), claim.get("sentence_start")
    if sentence and offset is not None:
        return snippet(sentence, claim["start"] - offset, claim["end"] - offset, width=width)
    return Text(safe(claim.get("mention")))


def story_header(story: StoryView) -> Group:
    summary = story.summary
    first, last = safe(summary.get("first_published")), safe(summary.get("last_published"))
    dates = first if first == last else f"{first} – {last}"
    head = Text(safe(summary["title"]), style="bold")
    facts = Text(
        f"{summary['articles']} articles · {dates or 'no date'} · {', '.join(map(safe, summary['outlets']))}"
        f" · {summary['claims']} claims · {summary['quotes']} quotes · {summary['unreviewed']} to review",
        style="dim",
    )
    lines = [head, facts]
    if story.conflicts:
        lines.append(
            Text(
                f"{len(story.conflicts)} conflicting figure{'s' if len(story.conflicts) != 1 else ''}:",
                style="bold red",
            )
        )
        lines += [conflict_line(conflict) for conflict in story.conflicts]
    else:
        lines.append(Text("No conflicting figures found in this story.", style="dim"))
    return Group(*lines)


class StoryScreen(Screen[None]):
    """Claims of the story, cluster by cluster: the widest clusters (printed by most outlets) first."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", tooltip="Back to the stories", id="close_story"),
        Binding(
            "c",
            "open_cluster",
            "Cluster",
            tooltip="The highlighted claim's whole cluster, across stories",
            id="story_cluster",
        ),
    ]

    def __init__(self, story_id: int) -> None:
        super().__init__()
        self.story_id = story_id
        self.story: StoryView | None = None
        self._rows: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("loading…", style="dim"), id="story-summary")
        yield DataTable(id="story-claims", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"story {self.story_id} · enter opens the article · c the cluster"
        self._load()

    @work(thread=True, exclusive=True, group="story", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(StoryReady(self.app.backend.story(self.story_id)))  # type: ignore[attr-defined]

    @on(StoryReady)
    def _ready(self, message: StoryReady) -> None:
        summary = self.query_one("#story-summary", Static)
        self.story = story = message.story
        if story is None:
            summary.update(Text(f"Story {self.story_id} has no current articles.", style="italic dim"))
            return
        summary.update(story_header(story))
        conflicting = story.conflicting()
        table = self.query_one("#story-claims", DataTable)
        table.clear(columns=True)
        table.add_columns("cluster", "", "outlet", "date", "figure", "sentence", "verdict")
        for cluster_id, claims in story.clusters():
            outlets = len({claim["outlet"] for claim in claims})
            for number, claim in enumerate(claims):
                key = str(claim["id"])
                self._rows[key] = claim
                mark = Text(CONFLICT_MARK, style="bold red") if cluster_id in conflicting else Text("")
                table.add_row(
                    Text(f"{cluster_id} ×{outlets}" if number == 0 else "", style="bold"),
                    mark if number == 0 else Text(""),
                    Text(safe(claim["outlet"])),
                    Text(safe(claim.get("published")) or "no date"),
                    Text(format_figure(claim), style="bold"),
                    _sentence(claim),
                    verdict_text(claim["verdict"]) if claim.get("verdict") else Text("—", style="dim"),
                    key=key,
                )
        table.focus()

    def _current(self) -> dict[str, Any] | None:
        table = self.query_one("#story-claims", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._rows.get(str(key))

    @on(DataTable.RowSelected)
    def _open(self, message: DataTable.RowSelected) -> None:
        from workbench.tui.screens.article import ArticleScreen

        claim = self._rows.get(str(message.row_key.value))
        if claim is not None:
            self.app.push_screen(ArticleScreen(claim["article_id"], focus=(claim["start"], claim["end"])))

    def action_open_cluster(self) -> None:
        from workbench.tui.screens.cluster import ClusterScreen

        claim = self._current()
        if claim is not None:
            self.app.push_screen(ClusterScreen("claims", claim["cluster_id"] or claim["id"], claim["id"]))
