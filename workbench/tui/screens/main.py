"""The main screen: Claims | Quotes | Articles, a filter bar, the virtual list and the detail pane.

The screen owns the flow: widgets announce what the user did, the screen runs service calls in thread workers and
hands the results back to the widgets. Writes go through one queue drained by one writer thread, in order, so
pressing 1 then 2 quickly records true then mostly_true, never the reverse.

The forms, the other screens and the text editor they use are imported by the actions that open them: the first
rows paint without loading them.
"""

from __future__ import annotations

import gc
import queue
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Tab, Tabs
from textual.worker import Worker, WorkerState, get_current_worker

from workbench.services.catalog import (
    CHECKABLE,
    ITEM_VIEWS,
    OPENING,
    ORDER_NAMES,
    UNREVIEWED,
    VIEW_ORDERS,
    VIEWS,
    BrowseFilter,
    Listing,
    View,
)
from workbench.services.review import ConflictError, ItemRef, NothingToUndo, ReviewError
from workbench.tui.backend import Backend, Detail, WriteOutcome
from workbench.tui.format import header_line
from workbench.tui.messages import (
    CountReady,
    CountsReady,
    DetailReady,
    ListingReady,
    PagesReady,
    PositionFound,
    WhyReady,
    WriteDone,
    WriteFailed,
)
from workbench.tui.screens.live import LiveList
from workbench.tui.widgets.detail import DetailPane
from workbench.tui.widgets.filter_bar import FilterBar
from workbench.tui.widgets.footer import KeysFooter
from workbench.tui.widgets.item_list import PAGE_SIZE, ItemList

TITLES = {"claims": "Claims", "quotes": "Quotes", "articles": "Articles", "stories": "Stories"}
# Views whose rows are not reviewed items: the pane describes the highlighted row, Enter opens it.
ROW_VIEWS = ("articles", "stories")
# The moment after a listing belongs to painting it and to the next keys; preparing other orders waits this long.
PREPARE_DELAY_S = 1.0
CHROME_DELAY_S = 0.05  # a view's tab and filter bar wait this long for its first rows, to be drawn with them
DETAIL_DELAY_S = 0.05  # holding an arrow key down should not queue a detail load per row
# Verdict keys: 1..5 from true to false, 0 for unverifiable (the order the scale is read in).
VERDICT_KEYS = (
    ("1", "true"),
    ("2", "mostly_true"),
    ("3", "half_true"),
    ("4", "mostly_false"),
    ("5", "false"),
    ("0", "unverifiable"),
)
REVIEW_ACTIONS = {
    "verdict",
    "cluster_scope",
    "rationale",
    "add_source",
    "add_note",
    "in_progress",
    "assign",
    "open_cluster",
    "next_unreviewed",
    "previous_unreviewed",
    "dismiss_item",
    "edit_fields",
    "split_cluster",
    "merge_clusters",
    "not_conflict",
    "explain",
}
# Filters of the item views: they work on an empty list too (k onto a kind with no items must lead on to the next).
ITEM_FILTER_ACTIONS = {"toggle_unreviewed", "cycle_kind"}

VERDICT_GROUP = Binding.Group("Verdict", compact=True)

Job = Callable[[Backend], WriteOutcome]


@dataclass
class ViewState:
    filters: BrowseFilter
    selected_id: int | None = None


def _freeze_heap() -> None:
    """Once the first rows are painted, exempt every object alive then (the modules, the widgets, the services:
    they live as long as the app) from Python's cyclic garbage collector, until the screen unmounts. A full
    collection walks every tracked object and stops the event loop meanwhile: over the ~110,000 objects of a
    launched workbench it took 60-100 CPU ms (200-380 ms at a load of 9), which landed on whichever key allocated
    at that moment; frozen, it walks only what was allocated since (~45,000 objects). Frozen objects are still
    freed when nothing refers to them; only a reference cycle among them waits for the unfreeze."""
    gc.freeze()


def _first_page_index(listing: Listing, item_id: int | None) -> int | None:
    return next((i for i, row in enumerate(listing.first) if row["id"] == item_id), None) if item_id else None


def verdict_bindings() -> list[Binding]:
    """The verdict keys, shared by every screen that judges items (one id each, so [keys] remaps them all)."""
    return [
        Binding(
            key,
            f"verdict('{label}')",
            label.replace("_", " ").capitalize(),
            group=VERDICT_GROUP,
            tooltip=f"Verdict: {label.replace('_', ' ')} (1 true … 5 false, 0 unverifiable)",
            id=f"verdict_{label}",
        )
        for key, label in VERDICT_KEYS
    ]


class ListHeader(Widget):
    """The column titles above the list (a line of its own so it never scrolls away)."""

    view: reactive[str] = reactive("claims")

    def render(self) -> Any:
        return header_line(self.view, max(self.size.width - 1, 10))


class StatusLine(Widget):
    """Position and filter summary; a fixed one-line widget, so updating it on every keypress costs no layout."""

    text: reactive[str] = reactive("")

    def render(self) -> Any:
        return Text(self.text)


class MainScreen(LiveList, Screen[None]):
    BINDINGS = [
        Binding(
            "slash",
            "search",
            "Search",
            tooltip="Search words; outlet:NAME and speaker:NAME narrow further",
            id="search",
        ),
        Binding(
            "t",
            "toggle_unreviewed",
            "To-do only",
            tooltip="Show only items without a verdict, or all",
            id="toggle_unreviewed",
        ),
        Binding(
            "k", "cycle_kind", "Kind", show=False, tooltip="Cycle the kind filter (money, percent, …)", id="cycle_kind"
        ),
        Binding("x", "clear_filters", "Clear filters", show=False, tooltip="Remove every filter", id="clear_filters"),
        Binding(
            "o",
            "cycle_order",
            "Order",
            show=False,
            tooltip="Cycle the order: most check-worthy first, reading order, newest first, widest cluster first",
            id="cycle_order",
        ),
        Binding(
            "h",
            "toggle_context",
            "Context numbers",
            show=False,
            tooltip="Show or hide the context numbers (years, dates, ages, 'two years ago', labels) among the claims",
            id="toggle_context",
        ),
        Binding(
            "n",
            "next_unreviewed",
            "Next to-do",
            tooltip="Jump to the next item without a verdict",
            id="next_unreviewed",
        ),
        Binding(
            "p",
            "previous_unreviewed",
            "Previous to-do",
            show=False,
            tooltip="Jump to the previous item without a verdict",
            id="previous_unreviewed",
        ),
        Binding(
            "right_square_bracket",
            "next_view",
            "Next view",
            show=False,
            tooltip="Claims → Quotes → Articles → Stories",
            id="next_view",
        ),
        Binding(
            "left_square_bracket",
            "previous_view",
            "Previous view",
            show=False,
            tooltip="Stories → Articles → Quotes → Claims",
            id="previous_view",
        ),
        Binding(
            "f",
            "toggle_conflicts",
            "Conflicts only",
            tooltip="Show only claims whose figure another outlet prints differently (⚠), or all claims",
            id="toggle_conflicts",
        ),
        Binding(
            "c",
            "open_cluster",
            "Cluster",
            tooltip="The item's cluster: every outlet's wording and date",
            id="open_cluster",
        ),
        Binding(
            "w",
            "explain",
            "Why?",
            show=False,
            tooltip="Why is this a claim? The extractor's rules that decided it, with their docs (again: hide)",
            id="explain",
        ),
        *verdict_bindings(),
        Binding(
            "g",
            "cluster_scope",
            "Whole cluster",
            tooltip="The next review action applies to the whole "
            "cluster instead of this item (press again or esc to cancel)",
            id="cluster_scope",
        ),
        Binding("r", "rationale", "Rationale", tooltip="Write or edit the rationale of the verdict", id="rationale"),
        Binding("s", "add_source", "Source", tooltip="Attach a source: URL, title, reference value", id="add_source"),
        Binding("m", "add_note", "Note", tooltip="Add a note for the team", id="add_note"),
        Binding(
            "i",
            "in_progress",
            "In progress",
            show=False,
            tooltip="Mark as being checked (again: back to unreviewed)",
            id="in_progress",
        ),
        Binding("a", "assign", "Assign", show=False, tooltip="Give the item to a reviewer", id="assign"),
        Binding(
            "d",
            "dismiss_item",  # not "dismiss": that is the Screen's own action (close the screen)
            "Dismiss",
            show=False,
            tooltip="Not a claim / not a quote / "
            "duplicate: take the item out of the lists and exports (again on a dismissed item: bring it back)",
            id="dismiss",
        ),
        Binding(
            "e",
            "edit_fields",
            "Edit",
            show=False,
            tooltip="Correct what the extractor read: kind, value, unit, hedge, role, target, speaker",
            id="edit_fields",
        ),
        Binding(
            "S",
            "split_cluster",
            "Split",
            show=False,
            tooltip="Move the item out of its cluster: to its own or to another cluster",
            id="split_cluster",
        ),
        Binding(
            "J",
            "merge_clusters",
            "Merge",
            show=False,
            tooltip="Merge the item's cluster with another cluster",
            id="merge_clusters",
        ),
        Binding(
            "N",
            "not_conflict",
            "Not a conflict",
            show=False,
            tooltip="Clear the conflict flag between the item's cluster and a conflicting one",
            id="not_conflict",
        ),
        Binding(
            "ctrl+z,u", "undo", "Undo", tooltip="Take back your latest change (it stays in the history)", id="undo"
        ),
        Binding("ctrl+y,U", "redo", "Redo", show=False, tooltip="Re-apply what you undid last", id="redo"),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            show=False,
            tooltip="Reload the list and the item from the database",
            id="reload",
        ),
        Binding(
            "b",
            "toggle_blind",
            "Blind review",
            show=False,
            tooltip="Blind second review: hide colleagues' "
            "verdicts, rationales, sources and notes, and record your own judgements (again: show all)",
            id="toggle_blind",
        ),
        Binding("escape", "cancel", "Cancel", show=False, tooltip="Cancel 'whole cluster'", id="cancel"),
    ]

    # Textual repaints the whole screen when the focus moves (its ``focused`` repaints): the search box's Enter
    # moves it back to the list, and that full repaint cost the search more than reading the listing. The two
    # widgets whose focus changed restyle and repaint themselves; nothing else on this screen shows the focus.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    cluster_scope: reactive[bool] = reactive(False, init=False)
    why: reactive[bool] = reactive(False, init=False)  # the "Why?" section follows the selection while on

    def __init__(self) -> None:
        super().__init__()
        self.view: View = "claims"
        self.states: dict[str, ViewState] = {v: ViewState(OPENING[v]) for v in VIEWS}
        self.listing: Listing | None = None
        self._keys_state: tuple[str, bool] | None = None  # what the keys were last refreshed for
        self.detail: Detail | None = None
        self.counts: dict[str, int] = {}
        self._token = 0
        self._detail_timer: Timer | None = None
        self._prepare_timer: Timer | None = None
        self._chrome_timer: Timer | None = None  # set while a view switch has not shown the new view's tab yet
        self._unsaved = 0  # writes queued or running
        self._jobs: queue.Queue[tuple[Job, tuple[str, Any] | None, Any] | None] = queue.Queue()
        self.drafts: dict[tuple[str, Any], Any] = {}
        self._heap_frozen = False

    @property
    def backend(self) -> Backend:
        return self.app.backend

    # -- layout ----------------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(*(Tab(TITLES[v], id=v) for v in VIEWS), id="views")
        yield FilterBar(id="filters")
        with Horizontal(id="panes"):
            with Vertical(id="list-side"):
                yield ListHeader(id="list-header")
                yield ItemList(self.marking_renderer("claims"), id="items")
                yield StatusLine(id="status")
            yield DetailPane(id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self.query_one(FilterBar).set_state(self.view, self.states[self.view].filters)
        self.items.focus()
        self._writer()
        self.load_listing()
        self.start_live()

    def on_unmount(self) -> None:
        self._jobs.put(None)
        if self._heap_frozen:  # back to the collector: what the app held is garbage once it ends
            gc.unfreeze()

    @property
    def items(self) -> ItemList:
        return self.query_one("#items", ItemList)

    @property
    def pane(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    def _refresh_review_keys(self) -> None:
        """Refresh the keys when what ``check_action`` reads changed (view, an empty list): each refresh rebuilds
        the footer, which costs more than reading a listing."""
        state = (self.view, self._has_items)
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()

    @property
    def _has_items(self) -> bool:
        """Whether the listing has items; before the first one arrives, assumed so (the review keys show from the
        start instead of the footer being built twice on the way to the first rows; they act on no item yet)."""
        return self.listing is None or bool(self.listing)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Review keys only where there is an item to review (hidden from the footer in the Articles view)."""
        if action in REVIEW_ACTIONS and (self.view not in ITEM_VIEWS or not self._has_items):
            return False
        if action in ITEM_FILTER_ACTIONS and self.view not in ITEM_VIEWS:
            return False
        if action == "cancel" and not self.cluster_scope:
            return False
        if action in ("toggle_context", "toggle_conflicts") and self.view != "claims":
            return False
        if action == "cycle_order" and len(VIEW_ORDERS.get(self.view, ())) < 2:
            return False
        return True

    # -- listing ---------------------------------------------------------------------------------------------------

    def load_listing(self, keep_id: int | None = None, *, fallback: int | None = None, locate: bool = False) -> None:
        """Read the view's listing again: its first page at once, its count after it is painted.

        ``keep_id`` (after a write) puts the cursor back on that item wherever it now is, or at ``fallback`` when
        it left the list; both are worked out before the list is shown. ``locate`` (a view switch) shows the first
        page at once and moves to the view's selected item once it is found, unless the user moved meanwhile.
        """
        self._token += 1
        self._fetch_listing(
            self._token,
            self.view,
            self.states[self.view].filters,
            keep_id,
            fallback,
            self.states[self.view].selected_id if locate else None,
        )

    @work(thread=True, exclusive=True, group="listing", exit_on_error=False)
    def _fetch_listing(
        self,
        token: int,
        view: View,
        filters: BrowseFilter,
        keep_id: int | None,
        fallback: int | None,
        locate_id: int | None,
    ) -> None:
        backend = self.backend
        listing = backend.listing(view, filters, PAGE_SIZE)
        position = _first_page_index(listing, keep_id)
        if position is None and keep_id is not None:
            position = backend.position(listing, keep_id)
        if position is None and fallback is not None and len(listing):
            position = min(fallback, backend.count(listing) - 1)
        if position is not None and position >= len(listing):
            backend.count(listing)  # the list must be that long before the cursor can go there
        counts = backend.counts() if not listing.first else None  # the empty list's message needs them
        self.post_message(ListingReady(token, listing, counts, position))
        if locate_id is not None and _first_page_index(listing, locate_id) is None:
            found = backend.position(listing, locate_id)
            if found is not None:
                self._post_position(token, listing, found, untouched_only=True)

    def _post_position(self, token: int, listing: Listing, position: int, *, untouched_only: bool = False) -> None:
        """From a worker: move the cursor to ``position``, counting the listing first if it is not known that
        long."""
        if position >= len(listing):
            self.post_message(CountReady(token, self.backend.count(listing)))
        self.post_message(PositionFound(token, position, untouched_only=untouched_only))

    @on(ListingReady)
    def _listing_ready(self, message: ListingReady) -> None:
        if message.token != self._token:
            return
        self._show_view_chrome()
        self.listing = listing = message.listing
        if message.counts is not None:
            self.counts = message.counts
        position = message.position
        if position is None:
            position = _first_page_index(listing, self.states[self.view].selected_id) or 0
        self.query_one("#list-header", ListHeader).view = self.view
        self.items.show(
            message.token,
            listing.first,
            len(listing),
            renderer=self.marking_renderer(self.view),
            cursor=position,
            empty_text=self._empty_text(listing),
        )
        if not listing.first:
            self.detail = None
            self.pane.show_message(self._empty_text(listing))
        self._update_tabs()
        self._update_status()
        self._refresh_review_keys()
        # The totals after the rows are on screen: counting 200,000 claims must not compete with painting them.
        self.call_after_refresh(self._fetch_totals, message.token, listing)
        if not self._heap_frozen:
            self._heap_frozen = True
            self.call_after_refresh(_freeze_heap)

    def _fetch_totals(self, token: int, listing: Listing) -> None:
        if token != self._token:
            return
        if listing.count is None:
            self._fetch_count(token, listing)
        self._fetch_counts()
        if listing.view != "stories":
            self._read_stories_ahead(token)
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        self._prepare_timer = self.set_timer(PREPARE_DELAY_S, partial(self._prepare, token, listing.view))

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def _fetch_count(self, token: int, listing: Listing) -> None:
        self.post_message(CountReady(token, self.backend.count(listing)))

    @on(CountReady)
    def _count_ready(self, message: CountReady) -> None:
        if message.token == self._token:
            self.items.set_count(message.token, message.count)
            self._update_status()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _fetch_counts(self) -> None:
        self.post_message(CountsReady(self.backend.counts()))

    @work(thread=True, exclusive=True, group="stories-ahead", exit_on_error=False)
    def _read_stories_ahead(self, token: int) -> None:
        """The Stories tab's first page, read right after the totals rather than after the idle second the other
        preparations wait for: ``]`` pressed three times in a row reaches Stories before that second has passed,
        and reading it there cost the switch ~50 ms on a full corpus. Once read it is remembered until the data
        changes, so after other listings this is a look-up."""
        worker = get_current_worker()
        self.backend.read_stories_ahead(lambda: worker.is_cancelled or token != self._token)

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare(self, token: int, view: View) -> None:
        """While nobody waits, what the view's other orders need (o must not spend half a second building the
        widest-cluster order); a newer listing stops it between two short steps."""
        worker = get_current_worker()
        self.backend.prepare(view, lambda: worker.is_cancelled or token != self._token)

    @on(CountsReady)
    def _counts_ready(self, message: CountsReady) -> None:
        self.counts = message.counts
        self._update_tabs()
        self._update_status()

    def _empty_text(self, listing: Listing) -> str:
        if not self.counts.get("articles"):
            return "No articles yet — run `workbench ingest PATH` (or `workbench review PATH`) to add some."
        noun = TITLES[listing.view].lower()
        if listing.view == "stories" and listing.filters.is_empty:
            return "No story is reported by two or more articles yet: every article stands alone."
        if listing.filters.conflicts_only and replace(listing.filters, conflicts_only=False).is_empty:
            return (
                "No conflicting figures: no two outlets print the same statement with different numbers. f shows all."
            )
        if listing.filters.is_empty and listing.filters.checkworthy == CHECKABLE:
            return (
                f"No checkable {noun} in the {self.counts['articles']:,} articles — press h to show the context "
                "numbers (years, dates, ages, labels)."
            )
        if listing.filters.is_empty:
            return f"No {noun} were found in the {self.counts['articles']:,} articles."
        return f"No {noun} match this filter — press x to clear it, / to change the search."

    def _update_tabs(self) -> None:
        """Relabel the tabs whose total changed: setting a label lays the whole screen out again, even the same."""
        for view in VIEWS:
            count = self.counts.get(view)
            tab = self.query_one(f"#{view}", Tab)
            label = f"{TITLES[view]} {count:,}" if count is not None else TITLES[view]
            if tab.label.plain != label:
                tab.label = label

    def _update_status(self) -> None:
        listing = self.listing
        if listing is None:
            return
        total = self.counts.get(self.view)
        shown = self.items.count
        counted = listing.count is not None
        where = f"{self.items.cursor + 1:,} of {shown:,}{'' if counted else '+'}" if shown else "0"
        text = f"{where} {TITLES[self.view].lower()}"
        if self.backend.blind:  # first: a mode that changes what every verdict key does must never scroll away
            text = f"BLIND: only your own judgements (b shows all) · {text}"
        if not counted:
            text += " (counting…)"
        elif not listing.filters.is_empty and total is not None:
            text += f" (filtered from {total:,})"
        if len(VIEW_ORDERS[self.view]) > 1:
            text += f" · {ORDER_NAMES[listing.filters.order]} (o)"
        if self.view == "claims":
            text += self._context_note(listing, total)
        if self._unsaved:
            text += " · saving…"
        self.query_one(StatusLine).text = text

    @staticmethod
    def _context_note(listing: Listing, total: int | None) -> str:
        """Say how many claims the queue leaves out: the tab counts every claim, the list only the checkable ones,
        and "23" on the tab over "1 of 11" in the list read as missing rows."""
        if listing.filters.checkworthy != CHECKABLE:
            return " · context numbers shown (h hides)"
        if listing.filters.is_empty and listing.count is not None and total is not None and total > listing.count:
            hidden = total - listing.count
            return f" · {hidden:,} context number{'' if hidden == 1 else 's'} hidden (h shows)"
        return " · context numbers hidden (h shows)"

    @on(ItemList.RowsWanted)
    def _rows_wanted(self, message: ItemList.RowsWanted) -> None:
        if self.listing is not None and message.token == self._token:
            self._fetch_pages(message.token, self.listing, message.pages)

    @work(thread=True, exclusive=True, group="pages", exit_on_error=False)
    def _fetch_pages(self, token: int, listing: Listing, pages: tuple[int, ...]) -> None:
        loaded = {}
        for page in pages:
            if get_current_worker().is_cancelled:
                break
            loaded[page] = self.backend.page(listing, page)
        if loaded:
            self.post_message(PagesReady(token, loaded))

    @on(PagesReady)
    def _pages_ready(self, message: PagesReady) -> None:
        self.items.add_pages(message.token, message.pages)
        if self.view in ROW_VIEWS and self.detail is None:
            self._show_article_row()

    # -- the highlighted item --------------------------------------------------------------------------------------

    @on(ItemList.Highlighted)
    def _highlighted(self, message: ItemList.Highlighted) -> None:
        if isinstance(message, ItemList.Selected):
            return
        self.states[self.view].selected_id = message.item_id
        self.clear_mark(self.items.row_at(message.index))
        self.cluster_scope = False
        self._update_status()
        if self.view in ROW_VIEWS:
            self.detail = None
            self._show_article_row()
            return
        if self.detail is None or self.detail.item.id != message.item_id:
            self.detail = None
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY_S, self.load_detail)

    @property
    def busy(self) -> bool:
        """Whether a write is unsaved or the highlighted item's detail is still to be loaded."""
        return self._unsaved > 0 or (self._detail_timer is not None and self.detail is None and self.view in ITEM_VIEWS)

    def _show_article_row(self) -> None:
        row = self.items.row_at(self.items.cursor)
        if row is not None:
            if self.view == "stories":
                self.pane.show_story(row)
            else:
                self.pane.show_article(row)

    def load_detail(self) -> None:
        item_id = self.items.current_id
        if item_id is not None and self.view in ITEM_VIEWS:
            self._fetch_detail(self.view, item_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _fetch_detail(self, view: View, item_id: int) -> None:
        self.post_message(DetailReady(view, item_id, self.backend.detail(view, item_id)))

    @on(DetailReady)
    def _detail_ready(self, message: DetailReady) -> None:
        if message.view != self.view or message.item_id != self.items.current_id:
            return
        self.detail = message.detail
        if message.detail is None:
            self.pane.show_message(
                "This item is no longer in the database (its article was re-ingested?). ctrl+r reloads the list."
            )
            return
        self.pane.show_item(message.detail, cluster_scope=self.cluster_scope)
        self._load_why()

    def action_explain(self) -> None:
        self.why = not self.why

    def watch_why(self) -> None:
        self._load_why()

    def _load_why(self) -> None:
        """Show the rules behind the current item while ``why`` is on (re-running the extractor: a worker)."""
        detail = self.detail
        if not self.why or detail is None:
            self.pane.show_why(None)
            return
        self.pane.show_why("finding the rules that decided it…")
        self._fetch_why(self.view, detail.item.id, detail.ref)

    @work(thread=True, exclusive=True, group="why", exit_on_error=False)
    def _fetch_why(self, view: View, item_id: int, ref: ItemRef) -> None:
        try:
            self.post_message(WhyReady(view, item_id, self.backend.explain(ref)))
        except Exception as exc:  # noqa: BLE001 - a bug in one article's extraction must not close the workbench
            self.post_message(WhyReady(view, item_id, None, f"{type(exc).__name__}: {exc}"))

    @on(WhyReady)
    def _why_ready(self, message: WhyReady) -> None:
        if not self.why or message.view != self.view or self.detail is None or self.detail.item.id != message.item_id:
            return
        self.pane.show_why(message.explanation or f"could not explain this item: {message.error}")

    def watch_cluster_scope(self) -> None:
        if self.detail is not None:
            self.pane.show_item(self.detail, cluster_scope=self.cluster_scope)
        self.refresh_bindings()

    # -- opening things --------------------------------------------------------------------------------------------

    @on(ItemList.Selected)
    def _selected(self, message: ItemList.Selected) -> None:
        from workbench.tui.screens.article import ArticleScreen

        row = self.items.row_at(message.index)
        if self.view == "stories":
            from workbench.tui.screens.story import StoryScreen

            self.app.push_screen(StoryScreen(message.item_id))
        elif self.view == "articles":
            self.app.push_screen(ArticleScreen(message.item_id))
        elif row is not None:
            self.app.push_screen(ArticleScreen(row["article_id"], focus=(row["start"], row["end"])))

    def action_open_cluster(self) -> None:
        from workbench.tui.screens.cluster import ClusterScreen

        if (detail := self._need_detail()) is not None:
            self.app.push_screen(ClusterScreen(detail.item.table, detail.item.cluster.cluster_id, detail.item.id))

    # -- views and filters -----------------------------------------------------------------------------------------

    @on(Tabs.TabActivated)
    def _tab_activated(self, message: Tabs.TabActivated) -> None:
        view = message.tab.id
        if view and view != self.view and view in VIEWS:
            self.switch_view(view)

    def switch_view(self, view: View) -> None:
        """Read the new view's listing at once; its tab, filter bar, keys and "loading…" are shown with its first
        rows (or after ``CHROME_DELAY_S`` if they are slow), so the switch costs one layout of the screen, not two
        (each took a frame of 10-15 ms CPU before the first row of the new list was painted)."""
        if view == self.view:
            return
        self.view = view
        self.detail = None
        self.cluster_scope = False
        if self._chrome_timer is not None:
            self._chrome_timer.stop()
        self._chrome_timer = self.set_timer(CHROME_DELAY_S, partial(self._show_view_chrome, waiting=True))
        self.load_listing(locate=True)

    def _show_view_chrome(self, *, waiting: bool = False) -> None:
        """The parts of the screen that name the current view, if a switch left them behind. ``waiting``: the
        rows are slow to come, and the detail pane says so at once. Otherwise the pane's "loading…" waits until the
        rows are painted: the pane's text sizes its sections, and each new size lays the screen out again (two or
        three layouts, 15-40 CPU ms), which drawn in the same frame as the new rows delayed them. A row view's pane
        shows the highlighted row as soon as it is listed, so it says nothing in between."""
        if self._chrome_timer is None:
            return
        self._chrome_timer.stop()
        self._chrome_timer = None
        self.query_one(Tabs).active = self.view
        self.query_one(FilterBar).set_state(self.view, self.states[self.view].filters)
        if waiting:
            self.pane.show_message("loading…")
        elif self.view in ITEM_VIEWS:
            self.call_after_refresh(self._detail_loading, self.view)
        self.refresh_bindings()

    def _detail_loading(self, view: View) -> None:
        if self.view == view and self.detail is None:
            self.pane.show_message("loading…")

    def _step_view(self, step: int) -> None:
        self.switch_view(VIEWS[(VIEWS.index(self.view) + step) % len(VIEWS)])

    def action_next_view(self) -> None:
        self._step_view(1)

    def action_previous_view(self) -> None:
        self._step_view(-1)

    @on(FilterBar.Changed)
    def _filters_changed(self, message: FilterBar.Changed) -> None:
        if self._chrome_timer is not None:
            return  # typed into the previous view's filters during a switch
        self.set_filters(message.filters)

    def set_filters(self, filters: BrowseFilter) -> None:
        self._show_view_chrome()  # the filter bar must show this view's filters before they change
        state = self.states[self.view]
        if filters != state.filters:
            state.filters = filters
            self.query_one(FilterBar).set_state(self.view, filters)
            self.load_listing()

    @on(FilterBar.Done)
    def _filter_done(self) -> None:
        self.items.focus()

    def action_search(self) -> None:
        self._show_view_chrome()
        self.query_one(FilterBar).focus_search()

    def action_toggle_unreviewed(self) -> None:
        current = self.states[self.view].filters
        self.set_filters(replace(current, verdict=None if current.verdict == UNREVIEWED else UNREVIEWED))

    def action_cycle_kind(self) -> None:
        from workbench.tui.widgets.filter_bar import KINDS

        kinds = (None, *KINDS[self.view])
        current = self.states[self.view].filters
        following = kinds[(kinds.index(current.kind) + 1) % len(kinds)] if current.kind in kinds else None
        self.set_filters(replace(current, kind=following))

    def _cleared(self) -> BrowseFilter:
        """The view's opening state, keeping the order and the context toggle (settings, not filters)."""
        current = self.states[self.view].filters
        return replace(OPENING[self.view], order=current.order, checkworthy=current.checkworthy)

    def action_toggle_conflicts(self) -> None:
        current = self.states[self.view].filters
        self.set_filters(replace(current, conflicts_only=not current.conflicts_only))

    def action_clear_filters(self) -> None:
        self.set_filters(self._cleared())

    def action_cycle_order(self) -> None:
        orders = VIEW_ORDERS[self.view]
        current = self.states[self.view].filters
        following = orders[(orders.index(current.order) + 1) % len(orders)] if current.order in orders else orders[0]
        self.set_filters(replace(current, order=following))
        self.notify(f"Order: {ORDER_NAMES[following]}", timeout=2)

    def action_toggle_context(self) -> None:
        if self.view != "claims":
            return
        current = self.states[self.view].filters
        showing = current.checkworthy != CHECKABLE
        self.set_filters(replace(current, checkworthy=CHECKABLE if showing else None))

    def filter_by(self, **fields: Any) -> None:
        """A jump from the command palette: narrow the current item view to one speaker or outlet."""
        if self.view not in ITEM_VIEWS:
            self.switch_view("claims")
        self.set_filters(replace(self._cleared(), **fields))

    def action_reload(self) -> None:
        self.load_listing(keep_id=self.items.current_id)

    def action_toggle_blind(self) -> None:
        """Everything on screen was read with or without colleagues' verdicts: read it all again."""
        blind = self.backend.toggle_blind()
        self.notify(
            "Blind review: colleagues' verdicts, rationales, sources and notes are hidden; your verdicts "
            "are recorded as your own judgements"
            if blind
            else "Blind review off: the team's verdicts show again",
            title="Blind review",
            timeout=6,
            markup=False,
        )
        self.detail = None
        self.load_listing(keep_id=self.items.current_id)
        self.load_detail()

    def action_cancel(self) -> None:
        self.cluster_scope = False

    def action_next_unreviewed(self, backwards: bool = False) -> None:
        if self.listing is None or not self.items.count:
            return
        nearby = self._unreviewed_nearby(backwards)
        if nearby is not None:
            self.items.move_to(nearby)
        else:
            self._find_unreviewed(self._token, self.listing, self.items.current_id, backwards)

    def action_previous_unreviewed(self) -> None:
        self.action_next_unreviewed(backwards=True)

    def _unreviewed_nearby(self, backwards: bool) -> int | None:
        """The next row without an effective verdict among the rows already loaded next to the cursor."""
        step = -1 if backwards else 1
        index = self.items.cursor + step
        while 0 <= index < self.items.count and (row := self.items.row_at(index)) is not None:
            if not row.get("own_verdict") and not row.get("cluster_verdict"):
                return index
            index += step
        return None

    @work(thread=True, exclusive=True, group="find", exit_on_error=False)
    def _find_unreviewed(self, token: int, listing: Listing, item_id: int | None, backwards: bool) -> None:
        found = self.backend.next_unreviewed(listing, item_id, backwards)
        if found is None:
            self.post_message(PositionFound(token, None))
        else:
            self._post_position(token, listing, found[0])

    @on(PositionFound)
    def _position_found(self, message: PositionFound) -> None:
        if message.token != self._token:
            return
        if message.position is None:
            self.notify("Every item in this list has a verdict.", title="Nothing left to review")
        elif not message.untouched_only or self.items.cursor == 0:
            self.items.move_to(message.position)

    # -- review actions --------------------------------------------------------------------------------------------

    def _need_detail(self) -> Detail | None:
        """The loaded item, or None with a word to the user: acting on a half-loaded item would be a guess."""
        detail = self.detail
        if detail is None or detail.item.id != self.items.current_id:
            self.notify("The item is still loading; try again in a moment.", severity="warning", timeout=2)
            return None
        return detail

    def _target(self) -> tuple[Detail, ItemRef] | None:
        detail = self._need_detail()
        if detail is None:
            return None
        ref = detail.cluster_ref if self.cluster_scope else detail.ref
        self.cluster_scope = False
        return detail, ref

    def action_cluster_scope(self) -> None:
        if self._need_detail() is not None:
            self.cluster_scope = not self.cluster_scope

    def action_verdict(self, label: str) -> None:
        if (target := self._target()) is not None:
            detail, ref = target
            expected = detail.review.version_of(ref)
            self.submit(lambda b: b.set_verdict(ref, label, expected))

    def action_in_progress(self) -> None:
        if (target := self._target()) is not None:
            detail, ref = target
            expected = detail.review.version_of(ref)
            self.submit(lambda b: b.toggle_in_progress(ref, expected))

    def action_rationale(self) -> None:
        from workbench.tui.screens.forms import TextPrompt

        if (target := self._target()) is None:
            return
        detail, ref = target
        key = ("rationale", ref)
        current = self.drafts.get(key, detail.review.review_of(ref).rationale or "")
        expected = detail.review.version_of(ref)

        def save(text: str | None) -> None:
            if text is not None:
                self.submit(lambda b: b.set_rationale(ref, text, expected), key, text)

        self.app.push_screen(TextPrompt(f"Rationale for {ref.label}", current, multiline=True), save)

    def action_add_note(self) -> None:
        from workbench.tui.screens.forms import TextPrompt

        if (target := self._target()) is None:
            return
        detail, ref = target
        key = ("note", ref)
        expected = detail.review.version_of(ref)

        def save(text: str | None) -> None:
            if text:
                self.submit(lambda b: b.add_note(ref, text, expected), key, text)

        self.app.push_screen(TextPrompt(f"Note on {ref.label}", self.drafts.get(key, ""), multiline=True), save)

    def action_assign(self) -> None:
        from workbench.tui.screens.forms import TextPrompt

        if (target := self._target()) is None:
            return
        detail, ref = target
        expected = detail.review.version_of(ref)
        current = detail.review.review_of(ref).assignee or self.backend.reviewer

        def save(name: str | None) -> None:
            if name is not None:
                self.submit(lambda b: b.assign(ref, name, expected))

        self.app.push_screen(TextPrompt(f"Assign {ref.label} to (empty: nobody)", current), save)

    def action_add_source(self) -> None:
        from workbench.tui.screens.forms import SourceForm

        if (target := self._target()) is None:
            return
        detail, ref = target
        key = ("source", ref)
        expected = detail.review.version_of(ref)
        figure = detail.item.record if detail.item.table == "claims" else None

        def save(fields: dict[str, Any] | None) -> None:
            if fields:
                self.submit(lambda b: b.add_source(ref, fields, expected), key, fields)

        self.app.push_screen(SourceForm(ref.label, figure, self.drafts.get(key)), save)

    # -- corrections -----------------------------------------------------------------------------------------------

    def action_dismiss_item(self) -> None:
        from workbench.tui.screens.corrections import DismissForm

        detail = self._need_detail()
        if detail is None:
            return
        ref, record = detail.ref, detail.item.record
        expected = detail.review.own.version
        if record.get("dismissed"):
            self.submit(lambda b: b.restore(ref, expected))
            return

        def save(values: dict[str, Any] | None) -> None:
            if values:
                self.submit(lambda b: b.dismiss(ref, values["reason"], values["note"], expected))

        self.app.push_screen(DismissForm(ref.entity_type, record), save)

    def action_edit_fields(self) -> None:
        detail = self._need_detail()
        if detail is None:
            return
        self._open_editor(detail)

    @work(thread=True, exclusive=True, group="people", exit_on_error=False)
    def _open_editor(self, detail: Detail) -> None:
        people = self.backend.people(detail.ref)
        self.app.call_from_thread(self._show_editor, detail, people)

    def _show_editor(self, detail: Detail, people: list[str]) -> None:
        from workbench.tui.screens.corrections import EditForm

        ref, expected = detail.ref, detail.review.own.version

        def save(changes: dict[str, Any] | None) -> None:
            if changes:
                self.submit(lambda b: b.correct(ref, changes, expected))

        self.app.push_screen(EditForm(ref.entity_type, detail.item.record, people), save)

    def action_split_cluster(self) -> None:
        from workbench.tui.screens.corrections import ClusterForm, parse_cluster

        detail = self._need_detail()
        if detail is None:
            return
        ref, expected = detail.ref, detail.review.own.version
        cluster = detail.cluster_ref

        def save(text: str | None) -> None:
            if text is not None:
                self.submit(lambda b: b.move(ref, parse_cluster(text), expected))

        self.app.push_screen(
            ClusterForm(
                f"Move {ref.label} out of {cluster.label}",
                "to cluster",
                "",
                lambda text: self.backend.plan_move(ref, parse_cluster(text)),
                hint="Empty: a cluster of its own. Or type the number of the cluster it belongs to.",
            ),
            save,
        )

    def action_merge_clusters(self) -> None:
        from workbench.tui.screens.corrections import ClusterForm, parse_cluster

        detail = self._need_detail()
        if detail is None:
            return
        cluster, expected = detail.cluster_ref, detail.review.cluster.version
        offered = detail.item.cluster.conflicts[0]["cluster_id"] if detail.item.cluster.conflicts else ""

        def other(text: str) -> ItemRef:
            number = parse_cluster(text)
            if number is None:
                raise ValueError("type the number of the cluster to merge with")
            return ItemRef(cluster.entity_type, number)

        def save(text: str | None) -> None:
            if text:
                self.submit(lambda b: b.merge(cluster, other(text), expected))

        self.app.push_screen(
            ClusterForm(
                f"Merge {cluster.label} with",
                "cluster",
                str(offered),
                lambda text: self.backend.plan_merge(cluster, other(text)),
                hint="The same claim or quote under two clusters: their members become one cluster.",
            ),
            save,
        )

    def action_not_conflict(self) -> None:
        from workbench.tui.screens.corrections import ClusterForm, parse_cluster

        detail = self._need_detail()
        if detail is None:
            return
        cluster, expected = detail.cluster_ref, detail.review.cluster.version
        conflicts = [str(c["cluster_id"]) for c in detail.item.cluster.conflicts]
        if not conflicts:
            self.notify(f"{cluster.label} is not flagged as conflicting with any cluster.", timeout=3)
            return

        def other(text: str) -> ItemRef:
            number = parse_cluster(text)
            if number is None:
                raise ValueError("type the number of the conflicting cluster")
            return ItemRef(cluster.entity_type, number)

        def save(text: str | None) -> None:
            if text:
                self.submit(lambda b: b.not_conflict(cluster, other(text), expected))

        self.app.push_screen(
            ClusterForm(
                f"Not a conflict: {cluster.label} and",
                "cluster",
                conflicts[0],
                lambda text: self.backend.plan_not_conflict(cluster, other(text)),
                hint=f"Flagged as conflicting: {', '.join(conflicts)}",
            ),
            save,
        )

    def action_undo(self) -> None:
        self.submit(lambda b: b.undo())

    def action_redo(self) -> None:
        self.submit(lambda b: b.redo())

    # -- the writer ------------------------------------------------------------------------------------------------

    def submit(self, job: Job, draft_key: tuple[str, Any] | None = None, draft: Any = None) -> None:
        self._unsaved += 1
        self._update_status()
        self._jobs.put((job, draft_key, draft))

    @work(thread=True, group="writer", exit_on_error=False)
    def _writer(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                entry = self._jobs.get(timeout=0.5)
            except queue.Empty:
                continue
            if entry is None:
                return
            job, draft_key, draft = entry
            try:
                outcome = job(self.backend)
            except Exception as exc:  # noqa: BLE001 - every failure must reach the user, and the writer live on
                self.post_message(WriteFailed(exc, draft_key, draft))
            else:
                self.post_message(WriteDone(outcome, draft_key))

    @on(WriteDone)
    def _write_done(self, message: WriteDone) -> None:
        self._unsaved -= 1
        self._update_status()
        self.notify(message.outcome.message, markup=False, timeout=3)
        if message.draft_key is not None:
            self.drafts.pop(message.draft_key, None)
        if message.outcome.dropped is not None or message.outcome.relist:
            self.relist()
        self._refresh_after_write()

    def relist(self) -> None:
        """Items entered or left the list (a dismissal, an addition, an undo): load it again, keeping the cursor on
        the item, or where it was when the item left."""
        self.load_listing(keep_id=self.items.current_id, fallback=self.items.cursor)

    @on(WriteFailed)
    def _write_failed(self, message: WriteFailed) -> None:
        self._unsaved -= 1
        self._update_status()
        error = message.error
        if message.draft_key is not None:
            self.drafts[message.draft_key] = message.draft
        if isinstance(error, ConflictError):
            kept = " What you typed is kept: open the form again to retry." if message.draft_key else ""
            self.notify(
                f"{error} The item was reloaded; nothing of theirs or yours was overwritten.{kept}",
                title="Changed by someone else",
                severity="warning",
                timeout=10,
                markup=False,
            )
        elif isinstance(error, NothingToUndo):
            self.notify(str(error), timeout=3, markup=False)
        elif isinstance(error, ReviewError | ValueError):
            self.notify(str(error), title="Not saved", severity="error", timeout=8, markup=False)
        else:
            self.notify(
                f"{type(error).__name__}: {error}",
                title="Not saved (unexpected error)",
                severity="error",
                timeout=15,
                markup=False,
            )
        self._refresh_after_write()

    def _refresh_after_write(self) -> None:
        """A cluster verdict or an undo may change many rows: reload the visible pages and the item, and the
        screen on top when it judges items through this writer too (the cluster view)."""
        self.items.reload_rows()
        self.load_detail()
        top = self.app.screen
        if top is not self and hasattr(top, "reload_after_write"):
            top.reload_after_write()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                f"{type(error).__name__}: {error}", title="Could not load", severity="error", timeout=10, markup=False
            )
