"""Group new articles into stories, then give every stored claim and quote without a cluster its cluster.

Assignments are never revised: a new article joins a story or founds one named after itself, and a new item joins
an existing cluster or founds a new one named after itself, so story and cluster ids (and the verdicts reviewers put
on clusters) stay stable as articles arrive. Articles are keyed by source, so a new version of an article counts as
the same article (and keeps its story).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from workbench.pipeline.cluster_claims import ClaimClusterIndex, ClaimItem, figures_near, masked_statement, years_near
from workbench.pipeline.cluster_quotes import QuoteClusterIndex, QuoteItem
from workbench.pipeline.stories import READ_CHARS, StoryArticle, StoryIndex, story_title, window
from workbench.store.repository import Store


def cluster_pending(store: Store, phase: Callable[[str], None] | None = None) -> dict[str, int]:
    """Group what is ungrouped and cluster what is unclustered; returns how many stories were founded, how many
    stories that now have two or more articles took one of this run's (``shared_stories``: the ones the Stories
    view lists), how many quotes, claims and conflicts were placed, and how many clusters their items founded
    (``clusters``).

    Rows become the engines' compact items as they stream in, so memory follows the index, not the table.
    ``phase`` hears the name of each step as it starts, for progress reports.
    """
    phase = phase or (lambda name: None)
    phase("stories")
    founded, grouped = _group_pending(store)
    shared = store.shared_stories()
    # One function each, so the quote index is freed before the claim index is built: together they were the
    # ingest's peak memory.
    quotes = _cluster_quotes(store, shared, phase)
    claims, conflicts = _cluster_claims(store, shared, phase)
    clusters = sum(item == cluster for placed in (quotes, claims) for item, cluster in placed.items())
    return {
        "stories": founded,
        "shared_stories": len(grouped & shared),
        "quotes": len(quotes),
        "claims": len(claims),
        "conflicts": len(conflicts),
        "clusters": clusters,
    }


def _cluster_quotes(store: Store, shared: set[int], phase: Callable[[str], None]) -> dict[int, int]:
    strings: dict[str, str] = {}
    pending_quotes = [_quote_item(row, shared, strings) for row in store.clustering_items("quotes", "pending")]
    if not pending_quotes:  # a re-run with nothing new must not pay for loading every stored cluster
        return {}
    phase("clustering quotes")
    quote_index = QuoteClusterIndex()
    for row in store.clustering_items("quotes", "clustered"):
        quote_index.add_existing(_quote_item(row, shared, strings), row["cluster_id"])
    # Handed over one by one, so that the index's preparing them frees the rows' raw texts (see assign).
    quotes = quote_index.assign(pending_quotes.pop() for _ in range(len(pending_quotes)))
    store.set_clusters("quotes", quotes)
    return quotes


def _cluster_claims(store: Store, shared: set[int], phase: Callable[[str], None]) -> tuple[dict[int, int], list[Any]]:
    strings: dict[str, str] = {}
    pending_claims = [_claim_item(row, shared, strings) for row in store.clustering_items("claims", "pending")]
    if not pending_claims:
        return {}, []
    phase("clustering claims")
    claim_index = ClaimClusterIndex()
    for row in store.clustering_items("claims", "representatives"):
        claim_index.add_representative(_claim_item(row, shared, strings))
    stories = {item.story for item in pending_claims if item.story is not None}
    for row in store.story_clustering_items("claims", stories):
        claim_index.add_story_member(_claim_item(row, shared, strings), row["cluster_id"])
    # Handed over one by one, so that the index lets each item go once it has read it (see assign).
    claims, _ = claim_index.assign(pending_claims.pop() for _ in range(len(pending_claims)))
    conflicts = claim_index.conflict_details
    with store.transaction():
        store.set_clusters("claims", claims)
        store.add_conflicts("claim", conflicts)
    return claims, conflicts


def group_pending_stories(store: Store) -> int:
    """Put every ungrouped current article into a story; returns how many stories were founded."""
    return _group_pending(store)[0]


def _group_pending(store: Store) -> tuple[int, set[int]]:
    """How many stories grouping the ungrouped articles founded, and every story it put an article in."""
    pending = [_story_article(row) for row in store.ungrouped_articles(READ_CHARS)]
    if not pending:
        return 0, set()
    index = StoryIndex()
    span = window(article.day for article in pending)
    first, last = (None, None) if span is None else (_iso(span[0]), _iso(span[1]))
    undated = any(article.day is None for article in pending)
    for row in store.grouped_articles_near(first, last, undated, READ_CHARS):
        index.add_existing(_story_article(row))
    assignments = index.assign(pending)
    by_id = {article.id: article for article in pending}
    titles = {
        story: story_title(by_id[story].title, by_id[story].text)
        for story in set(assignments.values())
        if story in by_id
    }
    store.set_stories(assignments, titles)
    return len(titles), set(assignments.values())


def _iso(day: int) -> str:
    return date.fromordinal(max(1, day)).isoformat()


def _story_article(row: dict[str, Any]) -> StoryArticle:
    return StoryArticle(
        id=row["id"],
        source=row["source"],
        published=row["published"],
        title=row["title"],
        text=row["text"],
        story=row.get("story_id"),
    )


def _quote_item(row: dict[str, Any], shared: set[int], strings: dict[str, str] | None = None) -> QuoteItem:
    """``strings``: see :func:`_one_copy`."""
    one = _one_copy(strings)
    return QuoteItem(
        id=row["id"],
        article=one(row["source"]),
        text=row["text"],
        speaker=one(row["speaker"]),
        published=one(row["published"]),
        story=_shared_story(row, shared),
    )


def _one_copy(strings: dict[str, str] | None) -> Callable[[str | None], Any]:
    """The value as the first item of a run that had it holds it: every row brings its own copy of its article's
    source key and date, of its kind and unit, and a run keeps 200,000 items at once (a fifth of the claim items'
    memory was such copies). Without ``strings``, the row's own copy."""
    if strings is None:
        return lambda value: value
    keep = strings.setdefault
    return lambda value: value if value is None else keep(value, value)


def _shared_story(row: dict[str, Any], shared: set[int]) -> int | None:
    """The item's story when other articles share it; a story of one article links nothing."""
    story = row.get("story_id")
    return story if story in shared else None


def _claim_item(
    row: dict[str, Any], shared: set[int] | None = None, strings: dict[str, str] | None = None
) -> ClaimItem:
    """``strings``: see :func:`_one_copy`."""
    start = row["start"] - row["sentence_start"]
    end = row["end"] - row["sentence_start"]
    sentence = row["sentence"] or ""
    one = _one_copy(strings)
    return ClaimItem(
        id=row["id"],
        article=one(row["source"]),
        kind=one(row["kind"]),
        value=row["value"],
        unit=one(row["unit"]),
        statement=masked_statement(sentence, start, end),
        value_high=row["value_high"],
        hedge=one(row["hedge"]),
        role=one(row["role"]),
        target=bool(row["target"]),
        published=one(row["published"]),
        story=row.get("story_id") if shared is None else _shared_story(row, shared),
        mention=one(row.get("mention") or ""),
        near=figures_near(sentence, start, end),
        years=years_near(sentence, start, end),
        prepared=row.get("cluster_features"),
    )
