"""Browsing use cases: listings of claims, quotes and articles, one item's context, an article with its mentions.

The review UI must stay fast on 100,000 items, so a listing is an ordered list of ids (``Listing``) and rows are
fetched a page at a time by id. Everything here is read-only; verdicts and the rest go through ``ReviewService``.
No Textual here: the CLI or a test may browse the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from workbench.store import browse
from workbench.store.browse import BrowseFilter
from workbench.store.repository import Store

View = Literal["claims", "quotes", "articles"]
VIEWS: tuple[View, ...] = ("claims", "quotes", "articles")
ITEM_VIEWS: tuple[View, ...] = ("claims", "quotes")
# The entity type a view's items are reviewed as (the review service's vocabulary).
ENTITY_TYPES = {"claims": "claim", "quotes": "quote"}
UNREVIEWED, IN_PROGRESS, REVIEWED = browse.UNREVIEWED, browse.IN_PROGRESS, browse.REVIEWED

__all__ = [
    "ArticleView",
    "BrowseFilter",
    "Catalog",
    "ClusterView",
    "ItemDetail",
    "Listing",
    "VIEWS",
]


@dataclass(frozen=True)
class Listing:
    """The ordered ids of one view under one filter; rows come from ``Catalog.rows`` page by page."""

    view: View
    filters: BrowseFilter
    ids: Sequence[int]

    def __len__(self) -> int:
        return len(self.ids)

    def index_of(self, item_id: int) -> int | None:
        try:
            return self.ids.index(item_id)  # type: ignore[union-attr]
        except ValueError:
            return None


@dataclass(frozen=True)
class ClusterView:
    """One cluster's current members across outlets, the earliest printing, and clusters that contradict it."""

    table: str
    cluster_id: int
    members: list[dict[str, Any]]
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def first(self) -> dict[str, Any] | None:
        """The first appearance by publication date; None when no member has a date (we do not guess)."""
        dated = [m for m in self.members if m.get("published")]
        return min(dated, key=lambda m: (m["published"], m["source"], m["start"])) if dated else None

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
class ArticleView:
    """An article's metadata, its full text, and every claim and quote span in it (text order)."""

    record: dict[str, Any]
    text: str
    mentions: list[dict[str, Any]]


class Catalog:
    """Read-side queries for one store. Not thread-safe by itself: callers serialize access to the connection."""

    def __init__(self, store: Store):
        self.store = store

    @property
    def path(self) -> str:
        return str(self.store.path)

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def listing(self, view: View, filters: BrowseFilter | None = None) -> Listing:
        filters = filters or BrowseFilter()
        if view == "articles":
            ids = browse.article_ids(self.store, filters)
        else:
            ids = browse.item_ids(self.store, view, filters)
        return Listing(view, filters, ids)

    def rows(self, view: View, ids: Sequence[int], blind_for: str | None = None) -> list[dict[str, Any]]:
        """The list lines for ``ids`` (one page), in the same order; ``blind_for``: verdicts are that reviewer's
        own judgements only."""
        if view == "articles":
            return browse.article_rows(self.store, ids)
        return browse.item_rows(self.store, view, ids, blind_for)

    def next_unreviewed(self, listing: Listing, after: int, *, backwards: bool = False) -> int | None:
        """Position in ``listing`` of the next item without an effective verdict after position ``after``,
        wrapping around; None when every listed item has one. Looks a few hundred positions at a time, so the
        usual answer (a few rows away) costs one small query even in a list of 100,000."""
        if listing.view == "articles" or not listing.ids:
            return None
        count = len(listing.ids)
        step = -1 if backwards else 1
        for chunk in range(1, count + 1, browse.ID_CHUNK):
            offsets = range(chunk, min(chunk + browse.ID_CHUNK, count + 1))
            window = [(after + step * offset) % count for offset in offsets]
            pending = browse.unreviewed_among(self.store, listing.view, [listing.ids[p] for p in window],
                                              listing.filters.blind_for)
            for position in window:
                if listing.ids[position] in pending:
                    return position
        return None

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
            cluster=self.cluster(view, cluster_id, blind_for) if cluster_id is not None
            else ClusterView(view, item_id, []),
        )

    def cluster(self, view: str, cluster_id: int, blind_for: str | None = None) -> ClusterView:
        members = browse.cluster_members(self.store, view, cluster_id, blind_for)
        conflict_kind = "claim" if view == "claims" else "quote"
        conflicting = self.store.conflicts_of(conflict_kind, cluster_id)
        return ClusterView(view, cluster_id, members, browse.cluster_summaries(self.store, view, conflicting))

    def shared_clusters(self, view: str, *, min_articles: int = 2, speaker: str | None = None,
                        text: str | None = None) -> list[dict[str, Any]]:
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
        )

    def speakers(self, limit: int = 200) -> list[tuple[str, int]]:
        return browse.top_speakers(self.store, limit)

    def outlets(self) -> list[str]:
        return browse.outlets(self.store)
