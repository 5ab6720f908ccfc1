"""Browsing use cases: listings of claims, quotes and articles, one item's context, an article with its mentions.

The review UI must answer every filter within 50 ms on 200,000 claims, so a listing is never a list of every id:
``Listing`` holds its first page and reads further pages by their sort keys (keyset pages, see
``workbench/store/keyset.py``); how many rows it has is a separate question (``Catalog.count``), asked after the
first page is on screen. Everything here is read-only; verdicts and the rest go through ``ReviewService``. No
Textual here: the CLI or a test may browse the same way.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from workbench.services.archive import capture_of
from workbench.store import browse
from workbench.store.browse import BrowseFilter, Browser
from workbench.store.keyset import Key
from workbench.store.repository import Store
from workbench.store.stories import story_claims, story_summaries

View = Literal["claims", "quotes", "articles", "stories"]
VIEWS: tuple[View, ...] = ("claims", "quotes", "articles", "stories")
ITEM_VIEWS: tuple[View, ...] = ("claims", "quotes")
# The entity type a view's items are reviewed as (the review service's vocabulary).
ENTITY_TYPES = {"claims": "claim", "quotes": "quote"}
UNREVIEWED, IN_PROGRESS, REVIEWED, DISMISSED = browse.UNREVIEWED, browse.IN_PROGRESS, browse.REVIEWED, browse.DISMISSED
CHECKABLE, CONTEXT = browse.CHECKABLE, browse.CONTEXT
READING, CHECKWORTHINESS, NEWEST, CLUSTER_SIZE = (
    browse.READING,
    browse.CHECKWORTHINESS,
    browse.NEWEST,
    browse.CLUSTER_SIZE,
)
# The orders each view offers, the first being where it opens: a reviewer's queue opens on the claims most worth
# checking, with context numbers (years, ages, "two years ago") left out until asked for.
VIEW_ORDERS: dict[str, tuple[str, ...]] = {
    "claims": (CHECKWORTHINESS, READING, NEWEST, CLUSTER_SIZE),
    "quotes": (READING, NEWEST, CLUSTER_SIZE),
    "articles": (READING,),
    "stories": (READING,),
}
ORDER_NAMES = {
    READING: "reading order",
    CHECKWORTHINESS: "most check-worthy first",
    NEWEST: "newest first",
    CLUSTER_SIZE: "widest cluster first",
}
OPENING: dict[str, BrowseFilter] = {
    "claims": BrowseFilter(checkworthy=CHECKABLE, order=CHECKWORTHINESS),
    "quotes": BrowseFilter(),
    "articles": BrowseFilter(),
    "stories": BrowseFilter(),
}

__all__ = [
    "ArticleView",
    "BrowseFilter",
    "Catalog",
    "ClusterView",
    "ConflictView",
    "ItemDetail",
    "Listing",
    "OPENING",
    "StoryView",
    "VIEWS",
]


PAGE_SIZE = 100
# Stories whose list lines the preparations read ahead, a few at a time: the widest stories hold thousands of items,
# so the first page of the Stories tab costs ~30 ms of counting on a full corpus, which ``]`` should not wait for.
STORIES_AHEAD = PAGE_SIZE
STORIES_PER_STEP = 20
STORY_LINES_KEPT = 2_000  # list lines remembered (a few hundred bytes each)
BOUNDS_KEPT = 4096  # pages whose first and last sort keys a listing remembers (to page on from them)


@dataclass
class Listing:
    """One view under one filter: its first page of rows, its row count once asked (``Catalog.count``), and the
    sort keys at the edges of the pages read so far, from which the next page before or after is one index range.
    """

    view: View
    filters: BrowseFilter
    first: list[dict[str, Any]]
    page_size: int = PAGE_SIZE
    count: int | None = None  # None until counted
    bounds: OrderedDict[int, tuple[Key, Key]] = field(default_factory=OrderedDict, repr=False)

    def __post_init__(self) -> None:
        if self.count is None and len(self.first) < self.page_size:
            self.count = len(self.first)  # a short first page is the whole listing

    def __len__(self) -> int:
        """The rows known to exist: the count, or the first page while counting."""
        return self.count if self.count is not None else len(self.first)

    def remember(self, number: int, keys: Sequence[Key]) -> None:
        if keys:
            self.bounds[number] = (keys[0], keys[-1])
            self.bounds.move_to_end(number)
            while len(self.bounds) > BOUNDS_KEPT:
                self.bounds.popitem(last=False)


@dataclass(frozen=True)
class ConflictView:
    """Two claim clusters that state the same thing with figures that cannot both be right, and the two claims
    (``a`` of ``cluster_a``, ``b`` of ``cluster_b``: list rows with their sentences) that show it side by side."""

    cluster_a: int
    cluster_b: int
    story_id: int | None
    a: dict[str, Any]
    b: dict[str, Any]

    def other(self, cluster_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """(this cluster's claim, the other cluster's claim) as seen from ``cluster_id``."""
        return (self.a, self.b) if cluster_id == self.cluster_a else (self.b, self.a)

    def as_dict(self) -> dict[str, Any]:
        keep = (
            "id",
            "cluster_id",
            "outlet",
            "published",
            "source",
            "mention",
            "sentence",
            "kind",
            "value",
            "value_high",
            "unit",
            "hedge",
        )
        return {
            "story_id": self.story_id,
            "cluster_a": self.cluster_a,
            "cluster_b": self.cluster_b,
            "a": {k: self.a.get(k) for k in keep},
            "b": {k: self.b.get(k) for k in keep},
        }


@dataclass(frozen=True)
class ClusterView:
    """One cluster's current members across outlets, the earliest printing, and clusters that contradict it."""

    table: str
    cluster_id: int
    members: list[dict[str, Any]]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    conflict_pairs: list[ConflictView] = field(default_factory=list)

    @property
    def earliest(self) -> dict[str, Any] | None:
        """A member with the earliest publication date (the first by source and offset when several share it);
        None when no member has a date."""
        dated = [m for m in self.members if m.get("published")]
        return min(dated, key=lambda m: (m["published"], m["source"], m["start"])) if dated else None

    @property
    def earliest_articles(self) -> int:
        """How many articles print a member on the earliest date (0: no member has a date)."""
        earliest = self.earliest
        if earliest is None:
            return 0
        return len({m["article_id"] for m in self.members if m.get("published") == earliest["published"]})

    @property
    def first(self) -> dict[str, Any] | None:
        """The first appearance by publication date; None when no member has a date or when articles of the same
        earliest day tie (dates have no time of day: we do not guess which came first)."""
        return self.earliest if self.earliest_articles == 1 else None

    @property
    def outlets(self) -> list[str]:
        return sorted({m["outlet"] for m in self.members})

    @property
    def wordings(self) -> int:
        """How many different wordings the members use (1: everyone printed the same words)."""
        return len({" ".join(str(m["wording"]).split()).casefold() for m in self.members})


@dataclass(frozen=True)
class ItemDetail:
    """A claim or a quote in its context: every stored field, its sentence with the mention span, its cluster."""

    table: str
    record: dict[str, Any]
    sentence: str
    mention_start: int
    mention_end: int
    cluster: ClusterView

    @property
    def id(self) -> int:
        return int(self.record["id"])

    @property
    def entity_type(self) -> str:
        return ENTITY_TYPES[self.table]

    @property
    def cluster_entity_type(self) -> str:
        return f"{self.entity_type}_cluster"

    @property
    def is_current(self) -> bool:
        return self.record.get("superseded_by") is None


@dataclass(frozen=True)
class StoryView:
    """A story: its summary line, its claims grouped by cluster (widest clusters first, each outlet's figure side by
    side) and its conflicts."""

    summary: dict[str, Any]
    claims: list[dict[str, Any]]
    conflicts: list[ConflictView]

    @property
    def id(self) -> int:
        return int(self.summary["id"])

    def clusters(self) -> list[tuple[int, list[dict[str, Any]]]]:
        """(cluster id, its claims in this story), in the order of ``claims``."""
        grouped: dict[int, list[dict[str, Any]]] = {}
        for claim in self.claims:
            grouped.setdefault(claim["cluster_id"] or claim["id"], []).append(claim)
        return list(grouped.items())

    def conflicting(self) -> dict[int, list[int]]:
        """Cluster id → the clusters of this story it conflicts with."""
        found: dict[int, list[int]] = {}
        for conflict in self.conflicts:
            found.setdefault(conflict.cluster_a, []).append(conflict.cluster_b)
            found.setdefault(conflict.cluster_b, []).append(conflict.cluster_a)
        return found


@dataclass(frozen=True)
class ArticleView:
    """An article's metadata, its full text, and every claim and quote span in it (text order)."""

    record: dict[str, Any]
    text: str
    mentions: list[dict[str, Any]]
    capture: dict[str, Any] | None = None  # where and when its web page was captured (the page archive)


class Catalog:
    """Read-side queries for one store. Not thread-safe by itself: callers serialize access to the connection."""

    def __init__(self, store: Store):
        self.store = store
        self.browser = Browser(store)
        self._counts: tuple[tuple[int, int], dict[str, int]] | None = None
        self._story_lines: tuple[tuple[int, int], dict[int, dict[str, Any]]] = ((-1, -1), {})

    @property
    def path(self) -> str:
        return str(self.store.path)

    def counts(self) -> dict[str, int]:
        """Current articles, claims and quotes; remembered until the database changes (three scans of 200,000
        rows would cost every filter change 150 ms)."""
        signature = self.browser.signature()
        if self._counts is None or self._counts[0] != signature:
            self._counts = (signature, self.store.counts())
        return dict(self._counts[1])

    def unassessed(self) -> int:
        """Claims stored before check-worthiness existed and not assessed yet (they stay in the queue)."""
        return self.store.count_unassessed()

    def listing(self, view: View, filters: BrowseFilter | None = None, *, page_size: int = PAGE_SIZE) -> Listing:
        """The view's items under ``filters`` (without filters, what the view opens on: ``OPENING``), with the
        first page read; the count is left for ``count``."""
        filters = filters if filters is not None else OPENING[view]
        found = self.browser.page(view, filters, limit=page_size)
        listing = Listing(
            view, filters, self._rows(view, [item_id for item_id, _ in found], filters.blind_for), page_size
        )
        listing.remember(0, [key for _, key in found])
        return listing

    def preparations(self, view: View) -> Iterator[None]:
        """Steps that prepare, ahead of the key that needs it, what a view's listings in another order would
        compute on the spot (the widest-cluster order's cluster sizes); each step is short, so a caller sharing
        the connection lets other calls run between them. Nothing to do when it is up to date. The Stories tab's
        first page has steps of its own (``stories_ahead``), which a caller runs sooner than these."""
        if view in ITEM_VIEWS and self.browser.cluster_sizes_stale(view):
            yield from self.browser.build_cluster_sizes(view)

    def stories_ahead(self) -> Iterator[None]:
        """Steps that read the Stories tab's first page (its order and its list lines) before ``]`` asks for it;
        remembered until the database changes, so once read each step is a look-up."""
        ids = [story for story, _ in self.browser.page("stories", OPENING["stories"], limit=STORIES_AHEAD)]
        for start in range(0, len(ids), STORIES_PER_STEP):
            yield
            self._story_rows(ids[start : start + STORIES_PER_STEP])

    def count(self, listing: Listing) -> int:
        """How many rows the listing has (remembered on it, and by filter until the database changes)."""
        listing.count = self.browser.count(listing.view, listing.filters)
        return listing.count

    def page(self, listing: Listing, number: int) -> list[dict[str, Any]]:
        """Rows ``number * page_size`` up to the next page, read from the sort key of a neighbouring page when
        one was read (one index range), else from the end or by skipping (a jump into a long list)."""
        size, bounds = listing.page_size, listing.bounds
        if number - 1 in bounds:
            where: dict[str, Any] = {"after": bounds[number - 1][1]}
        elif number + 1 in bounds:
            where = {"before": bounds[number + 1][0]}
        elif listing.count is not None and number > 0 and number == (listing.count - 1) // size:
            where = {"from_end": True, "limit": listing.count - number * size}
        else:
            where = {"offset": number * size}
        found = self.browser.page(listing.view, listing.filters, **{"limit": size, **where})
        listing.remember(number, [key for _, key in found])
        return self._rows(listing.view, [item_id for item_id, _ in found], listing.filters.blind_for)

    def rows(self, view: View, ids: Sequence[int], blind_for: str | None = None) -> list[dict[str, Any]]:
        """The list lines for ``ids``, in the same order; ``blind_for``: verdicts are that reviewer's own
        judgements only."""
        return self._rows(view, ids, blind_for)

    def _rows(self, view: View, ids: Sequence[int], blind_for: str | None = None) -> list[dict[str, Any]]:
        if view == "articles":
            return browse.article_rows(self.store, ids)
        if view == "stories":
            return self._story_rows(ids)
        return browse.item_rows(self.store, view, ids, blind_for)

    def _story_rows(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        """The Stories list lines, remembered by story until the database changes (a verdict changes a story's
        count of items to do, so any change forgets them all)."""
        signature = self.browser.signature()
        if self._story_lines[0] != signature:
            self._story_lines = (signature, {})
        known = self._story_lines[1]
        if missing := [story for story in ids if story not in known]:
            if len(known) + len(missing) > STORY_LINES_KEPT:
                known.clear()
            known.update((row["id"], row) for row in story_summaries(self.store, missing))
        return [{**known[story], "outlets": list(known[story]["outlets"])} for story in ids if story in known]

    def position(self, listing: Listing, item_id: int) -> int | None:
        """Where an item stands in the listing, or None when the listing does not hold it (a count up to it)."""
        return self.browser.position(listing.view, listing.filters, item_id)

    def next_unreviewed(
        self, listing: Listing, item_id: int | None, *, backwards: bool = False
    ) -> tuple[int, int] | None:
        """(position, id) of the next listed item without an effective verdict after ``item_id`` (before it when
        ``backwards``), wrapping around; None when every listed item has one. One keyset query finds it, one
        count places it."""
        if listing.view not in ITEM_VIEWS:
            return None
        key = self.browser.key_of(listing.view, listing.filters, item_id) if item_id is not None else None
        if key is None:
            found = self.browser.page(listing.view, listing.filters, limit=1, unreviewed=True, from_end=backwards)
            found_id = found[0][0] if found else None
        else:
            found_id = self.browser.next_unreviewed(listing.view, listing.filters, key, backwards=backwards)
        if found_id is None:
            return None
        position = self.position(listing, found_id)
        return None if position is None else (position, found_id)

    def ids(self, view: View, filters: BrowseFilter | None = None) -> list[int]:
        """Every listed id in order (scripts and tests; the review screen reads pages instead)."""
        return self.browser.ids(view, filters if filters is not None else OPENING[view])

    def iter_rows(
        self, view: View, filters: BrowseFilter | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """The listing's rows in order, read a page at a time, at most ``limit``."""
        listing = self.listing(view, filters, page_size=min(limit or 1000, 1000))
        number, rows, given = 0, listing.first, 0
        while rows:
            for row in rows:
                if limit is not None and given >= limit:
                    return
                yield row
                given += 1
            if len(rows) < listing.page_size:
                return
            number += 1
            rows = self.page(listing, number)

    def detail(self, view: View, item_id: int, blind_for: str | None = None) -> ItemDetail | None:
        if view not in ITEM_VIEWS:
            raise ValueError(f"{view} has no item detail")
        record = browse.item_record(self.store, view, item_id)
        if record is None:
            return None
        text = self.store.article_text(record["article_id"]) or ""
        start = record.get("sentence_start")
        end = record.get("sentence_end")
        if start is None or end is None or not (start <= record["start"] <= record["end"] <= end):
            # A quote may lack a sentence span, or span several sentences: show the quote itself as context.
            start, end = record["start"], record["end"]
        cluster_id = record.get("cluster_id")
        return ItemDetail(
            table=view,
            record=record,
            sentence=text[start:end],
            mention_start=record["start"] - start,
            mention_end=record["end"] - start,
            cluster=self.cluster(view, cluster_id, blind_for)
            if cluster_id is not None
            else ClusterView(view, item_id, []),
        )

    def cluster(self, view: str, cluster_id: int, blind_for: str | None = None) -> ClusterView:
        members = browse.cluster_members(self.store, view, cluster_id, blind_for)
        conflict_kind = "claim" if view == "claims" else "quote"
        conflicting = self.store.conflicts_of(conflict_kind, cluster_id)
        pairs = self.conflicts(cluster_id=cluster_id) if view == "claims" and conflicting else []
        return ClusterView(view, cluster_id, members, browse.cluster_summaries(self.store, view, conflicting), pairs)

    def conflicts(self, story_id: int | None = None, cluster_id: int | None = None) -> list[ConflictView]:
        """Conflicting claim clusters (of one story, or of one cluster), each with the two claims that show it."""
        rows = self.store.list_conflicts("claim", story_id)
        if cluster_id is not None:
            rows = [row for row in rows if cluster_id in (row["cluster_a"], row["cluster_b"])]
        # A pair recorded without its claims is shown by the clusters' representatives (a cluster's id is its
        # representative claim's id).
        pairs = [(row, row["item_a"] or row["cluster_a"], row["item_b"] or row["cluster_b"]) for row in rows]
        claims = {
            row["id"]: row
            for row in browse.item_rows(self.store, "claims", sorted({i for _, a, b in pairs for i in (a, b)}))
        }
        return [
            ConflictView(row["cluster_a"], row["cluster_b"], row["story_id"], claims[a], claims[b])
            for row, a, b in pairs
            if a in claims and b in claims
        ]

    def stories(self, min_articles: int = 2) -> list[dict[str, Any]]:
        """Summaries of the stories with at least ``min_articles`` articles, widest first."""
        return story_summaries(self.store, min_articles=min_articles)

    def story(self, story_id: int) -> StoryView | None:
        summary = story_summaries(self.store, [story_id])
        if not summary:
            return None
        return StoryView(summary[0], story_claims(self.store, story_id), self.conflicts(story_id=story_id))

    def shared_clusters(
        self, view: str, *, min_articles: int = 2, speaker: str | None = None, text: str | None = None
    ) -> list[dict[str, Any]]:
        """Summaries of the clusters printed by at least ``min_articles`` articles, widest first."""
        ids = self.store.shared_clusters(view, min_articles=min_articles, speaker=speaker, text=text)
        return browse.cluster_summaries(self.store, view, ids)

    def article(self, article_id: int) -> ArticleView | None:
        record = self.store.get_article(article_id)
        if record is None:
            return None
        return ArticleView(
            record=record.model_dump(exclude={"text"}),
            text=record.text,
            mentions=browse.article_mentions(self.store, article_id),
            capture=capture_of(self.store, article_id),
        )

    def speakers(self, limit: int = 200) -> list[tuple[str, int]]:
        return browse.top_speakers(self.store, limit)

    def outlets(self) -> list[str]:
        return browse.outlets(self.store)
