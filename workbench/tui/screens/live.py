"""Colleagues' changes arriving in an open list: repaint what is on screen, mark what changed, say who did it.

The main screen polls the backend a few times a second (one pragma on SQLite, no query). When someone else
committed, one worker reads the events since the last look, and the screen then reloads only the pages in view and
the open item, so the cursor, the scroll position and anything typed in a form or the search field stay as they
are. Rows changed by others carry a mark until the reviewer highlights them; a notification names who changed what.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.message import Message

from workbench.services.live import Change, ChangeSet
from workbench.tui.format import event_summary, row_line, safe

if TYPE_CHECKING:
    from workbench.tui.backend import Backend
    from workbench.tui.widgets.item_list import ItemList

POLL_S = 0.4  # a colleague's change shows within about this long (plus one page read)
COUNTS_EVERY_S = 5.0  # while commits without events arrive (an ingest), the tabs' counts are refreshed this often
SHOWN_CHANGES = 3  # a notification lists this many changes, then counts the rest
# The entity types whose changes mark a row of each item view: the item itself, or its cluster.
MARKED_TYPES = {"claims": ("claim", "claim_cluster"), "quotes": ("quote", "quote_cluster")}


class ChangesReady(Message):
    """What colleagues changed since the screen last looked (read by a worker)."""

    def __init__(self, changes: ChangeSet) -> None:
        super().__init__()
        self.changes = changes


def row_marks(view: str, row: dict[str, Any], marks: dict[tuple[str, int], str]) -> str | None:
    """Who changed the row's item or its cluster since the reviewer last highlighted it (None: nobody)."""
    types = MARKED_TYPES.get(view)
    if not types or not marks:
        return None
    return marks.get((types[0], row["id"])) or marks.get((types[1], row.get("cluster_id") or row["id"]))


def change_line(change: Change, *, blind: bool) -> str:
    """One line per change, like "bob: claim 12 verdict unreviewed → false"; in blind review only who touched
    what, never what they decided."""
    what = change.entity_type.replace("_", " ") + f" {change.entity_id}"
    if blind:
        return f"{safe(change.reviewer)} changed {what}"
    return f"{safe(change.reviewer)}: {what} {event_summary(change.action, change.before, change.after)}"


def announcement(changes: ChangeSet, *, blind: bool) -> str | None:
    """The notification's text for ``changes`` (None when no colleague changed anything)."""
    found = changes.changes
    if not found:
        return None
    lines = [change_line(change, blind=blind) for change in found[-SHOWN_CHANGES:]]
    rest = len(found) - len(lines)
    if rest:
        lines.insert(0, f"{rest}{'+' if changes.truncated else ''} earlier changes by {', '.join(changes.reviewers)}")
    return "\n".join(lines)


class LiveList:
    """The main screen's share of live updates (a mixin: the screen provides ``backend``, ``items``, ``view``,
    ``load_detail``, ``relist`` and ``busy``)."""

    view: str
    load_detail: Callable[[], None]
    relist: Callable[[], None]
    _fetch_counts: Callable[[], Any]
    notify: Callable[..., None]
    set_interval: Callable[..., Any]
    post_message: Callable[[Message], bool]
    app: Any
    if TYPE_CHECKING:  # read-only properties of the screen

        @property
        def backend(self) -> Backend: ...
        @property
        def items(self) -> ItemList: ...
        @property
        def busy(self) -> bool: ...

    def start_live(self) -> None:
        self.marks: dict[tuple[str, int], str] = {}
        self._live_stale = False
        self._live_fetching = False
        self._counted_at = 0.0
        self._counts_due = False
        self.set_interval(POLL_S, self._poll_live)

    def marking_renderer(self, view: str) -> Callable[[dict[str, Any], int], Text]:
        """The list's line renderer for ``view``, with the "changed by others" mark read at paint time."""

        def render(row: dict[str, Any], width: int) -> Text:
            who = row_marks(view, row, self.marks)
            return row_line(view, {**row, "changed_by": who} if who else row, width)

        return render

    def clear_mark(self, row: dict[str, Any] | None) -> None:
        """The reviewer looked at the item: its mark (and its cluster's) goes."""
        types = MARKED_TYPES.get(self.view)
        if row is None or not types or not self.marks:
            return
        keys = ((types[0], row["id"]), (types[1], row.get("cluster_id") or row["id"]))
        if any(self.marks.pop(key, None) for key in keys):
            self.items.repaint()

    def _refresh_counts(self, *, at_once: bool = False) -> None:
        """Count again if due and not counted in the last ``COUNTS_EVERY_S`` (the poll retries a postponed one)."""
        now = time.monotonic()
        if self._counts_due and (at_once or now - self._counted_at >= COUNTS_EVERY_S):
            self._counts_due = False
            self._counted_at = now
            self._fetch_counts()

    def _poll_live(self) -> None:
        """Every ``POLL_S``: note a commit made elsewhere, and read it once nothing of this screen's is pending
        (an unsaved write reloads everything itself when it lands)."""
        if self.backend.poll_changes():
            self._live_stale = True
        self._refresh_counts()
        if self._live_stale and not self._live_fetching and not self.busy:
            self._live_stale = False
            self._live_fetching = True
            self._fetch_changes()

    @work(thread=True, group="live", exit_on_error=False)
    def _fetch_changes(self) -> None:
        try:
            self.post_message(ChangesReady(self.backend.changes()))
        finally:
            self._live_fetching = False

    def on_changes_ready(self, message: ChangesReady) -> None:
        changes = message.changes
        current = self.items.row_at(self.items.cursor)
        types = MARKED_TYPES.get(self.view)
        looking_at = set()
        if current is not None and types:
            looking_at = {(types[0], current["id"]), (types[1], current.get("cluster_id") or current["id"])}
        for change in changes.changes:
            if change.key not in looking_at:  # the open item shows the change itself
                self.marks[change.key] = change.reviewer
        text = announcement(changes, blind=self.backend.blind)
        if text is not None:
            self.notify(text, title="Changed by others", timeout=6, markup=False)
        if changes.relists:
            self.relist()
        else:
            self.items.reload_rows(self.items.visible_indexes)
            self.items.repaint()
        if changes.changes or changes.own:
            self.load_detail()  # the open item, and its cluster's members and their verdicts in the pane
        # Counts move only when items enter or leave the lists: a dismissal, an addition, an ingest (which writes
        # no events, and commits article after article: counting 450,000 rows on each would cost more than it says).
        if changes.relists or not (changes.changes or changes.own):
            self._counts_due = True
            self._refresh_counts(at_once=changes.relists)
        top = self.app.screen
        if top is not self and hasattr(top, "reload_after_write"):
            top.reload_after_write()
