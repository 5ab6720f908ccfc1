"""One cluster across outlets: who printed it when, in which words, and which clusters contradict it."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench.services.archive import describe_capture
from workbench.services.catalog import ClusterView
from workbench.services.review import ItemRef
from workbench.tui.format import format_figure, safe, snippet, verdict_text
from workbench.tui.messages import ClusterReady
from workbench.tui.screens.main import verdict_bindings
from workbench.tui.widgets.detail import cluster_renderable


def _wording(member: dict) -> Text:
    """A quote's words; for a claim, its sentence around the figure (the figure alone says little)."""
    sentence, offset = member.get("sentence"), member.get("sentence_start")
    if "value" in member and sentence and offset is not None:
        return snippet(sentence, member["start"] - offset, member["end"] - offset, width=100)
    return Text(safe(member["wording"]))


class ClusterScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", tooltip="Back to the list", id="close"),
        *verdict_bindings(),
    ]

    def __init__(self, table: str, cluster_id: int, current_id: int) -> None:
        super().__init__()
        self.table = table
        self.cluster_id = cluster_id
        self.current_id = current_id
        self._cursor_id: int | None = None  # the member judged last, where the cursor stays after a reload
        self.cluster: ClusterView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("loading…", style="dim"), id="cluster-summary")
        yield DataTable(id="members", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        noun = "claim" if self.table == "claims" else "quote"
        self.sub_title = (
            f"{noun} cluster {self.cluster_id} · enter opens the article · 1-5, 0 judge the {noun} under the cursor"
        )
        self._load()

    @work(thread=True, exclusive=True, group="cluster", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(ClusterReady(self.app.backend.cluster(self.table, self.cluster_id)))  # type: ignore

    def reload_after_write(self) -> None:
        """A verdict written from here (or an undo) changed a member: show it, the cursor staying where it was."""
        member = self._member_under_cursor()
        if member is not None:
            self._cursor_id = member["id"]
        self._load()

    def _member_under_cursor(self) -> dict | None:
        if self.cluster is None or not self.cluster.members:
            return None
        row = self.query_one("#members", DataTable).cursor_row
        return self.cluster.members[row] if 0 <= row < len(self.cluster.members) else None

    def action_verdict(self, label: str) -> None:
        """The verdict keys judge the member under the cursor, through the main screen's writer (one queue, in
        order, with the same conflict handling as in the list)."""
        member = self._member_under_cursor()
        if member is None:
            self.notify("The cluster is still loading; try again in a moment.", severity="warning", timeout=2)
            return
        ref = ItemRef("claim" if self.table == "claims" else "quote", member["id"])
        expected = member["own_version"]
        self.app.main_screen.submit(lambda b: b.set_verdict(ref, label, expected))  # type: ignore[attr-defined]

    @on(ClusterReady)
    def _ready(self, message: ClusterReady) -> None:
        self.cluster = cluster = message.cluster
        # The summary line and the conflicts, without the member lines the table below shows in full.
        self.query_one("#cluster-summary", Static).update(cluster_renderable(cluster, self.current_id, limit=0))
        table = self.query_one("#members", DataTable)
        table.clear(columns=True)
        # Where and when each printing's web page was captured, when any member came from the web.
        captured = any(member.get("captured_at") for member in cluster.members)
        # A claim's figure as each member read it, so members that disagree on the value stand out.
        figures = self.table == "claims"
        table.add_columns(
            "",
            "published",
            "outlet",
            "speaker",
            *(["figure"] if figures else []),
            "wording",
            "own verdict",
            *(["captured"] if captured else []),
        )
        first = cluster.first
        for member in cluster.members:
            marker = (
                "▶" if member["id"] == self.current_id else ("1st" if first and member["id"] == first["id"] else "")
            )
            capture = (
                [
                    Text(
                        safe(
                            describe_capture(
                                member.get("captured_from"), member.get("captured_url"), member["captured_at"]
                            )
                        )
                        if member.get("captured_at")
                        else "—",
                        style="dim",
                    )
                ]
                if captured
                else []
            )
            table.add_row(
                Text(marker, style="bold cyan"),
                Text(safe(member["published"]) or "no date"),
                Text(safe(member["outlet"])),
                Text(safe(member["speaker"]) or "—"),
                *([Text(format_figure(member))] if figures else []),
                _wording(member),
                verdict_text(member["own_verdict"]) if member["own_verdict"] else Text("—", style="dim"),
                *capture,
                key=str(member["id"]),
            )
        ids = [m["id"] for m in cluster.members]
        focus = self._cursor_id if self._cursor_id in ids else self.current_id
        if focus in ids:
            table.move_cursor(row=ids.index(focus))
        table.focus()

    @on(DataTable.RowSelected)
    def _open(self, message: DataTable.RowSelected) -> None:
        from workbench.tui.screens.article import ArticleScreen

        if self.cluster is None:
            return
        member = next(m for m in self.cluster.members if str(m["id"]) == message.row_key.value)
        self.app.push_screen(ArticleScreen(member["article_id"], focus=(member["start"], member["end"])))
