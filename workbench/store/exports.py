"""Bulk reads for the exports and the CSV import: one query per table, with effective verdicts joined in.

An export of 100,000 claims must take a couple of seconds, so nothing here runs a query per row: cluster sizes come
from one grouped subquery, the item's own review and its cluster's review from two joins on the ``reviews`` primary
key, and the sources of every reviewed entity from a single scan that the caller indexes in memory.

Inheritance is per field: a member shows its own verdict, rationale and sources where it has them, and its cluster's
otherwise ("a verdict on a cluster applies to its members unless a member has its own"). ``verdict_source`` says
whether the verdict is the item's own or its cluster's. ``version`` is the item's review version plus its cluster's:
both only grow, so the sum changes whenever anything the row shows about the review changes, which is what the
importer's optimistic check needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from workbench.store.repository import CLAIM_FIELDS, QUOTE_FIELDS, Store, _like_escape, _sentence_sql

ItemTable = Literal["claims", "quotes"]
ENTITY_TYPES: dict[str, tuple[str, str]] = {"claims": ("claim", "claim_cluster"), "quotes": ("quote", "quote_cluster")}
_ITEM_COLUMNS = {
    table: ", ".join(f"i.{name}" for name in ("id", *fields) if name != "cluster_id")
    for table, fields in (("claims", CLAIM_FIELDS), ("quotes", QUOTE_FIELDS))
}
FINAL_VERDICTS_SQL = "('true', 'mostly_true', 'half_true', 'mostly_false', 'false', 'unverifiable')"

_REVIEW_COLUMNS = "entity_type, entity_id, verdict, rationale, status, reviewer, updated_at, version"
# Until the review migration has run (an old database opened read-only by a tool), the joins see no reviews.
_NO_REVIEWS = f"(SELECT {', '.join('NULL AS ' + c.strip() for c in _REVIEW_COLUMNS.split(','))} WHERE 0)"


@dataclass
class ExportFilter:
    """Which items an export holds (all optional, combined with AND); ``verdict`` is the effective label."""

    verdict: str | None = None
    outlet: str | None = None
    cluster_id: int | None = None
    reviewed_only: bool = False
    ids: tuple[int, ...] | None = None


def _has_reviews(store: Store) -> bool:
    return store._scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'reviews'") > 0


def _items_sql(store: Store, table: ItemTable, filters: ExportFilter, order: str) -> tuple[str, list[Any]]:
    if table not in ENTITY_TYPES:
        raise ValueError(f"not an item table: {table!r}")
    own_type, cluster_type = ENTITY_TYPES[table]
    reviews = "reviews" if _has_reviews(store) else _NO_REVIEWS
    inner_clauses = ["a.superseded_by IS NULL"]
    params: list[Any] = [own_type, cluster_type]
    if filters.outlet:
        inner_clauses.append("a.outlet LIKE ? ESCAPE '\\'")
        params.append(f"%{_like_escape(filters.outlet)}%")
    if filters.cluster_id is not None:
        inner_clauses.append("coalesce(i.cluster_id, i.id) = ?")
        params.append(filters.cluster_id)
    if filters.ids is not None:
        inner_clauses.append(f"i.id IN ({', '.join('?' * len(filters.ids)) or 'NULL'})")
        params.extend(filters.ids)
    outer_clauses = ["1"]
    if filters.verdict:
        outer_clauses.append("verdict = ?")
        params.append(filters.verdict)
    if filters.reviewed_only:
        outer_clauses.append(f"verdict IN {FINAL_VERDICTS_SQL}")
    # The verdict's own row supplies who reviewed it and when; without any verdict, whichever row says more.
    by_verdict = "CASE WHEN own.verdict IS NOT NULL THEN own.{0} WHEN cl.verdict IS NOT NULL THEN cl.{0} " \
                 "ELSE coalesce(own.{0}, cl.{0}) END"
    sql = f"""
        WITH sizes AS (
            SELECT x.cluster_id, count(*) AS n FROM {table} x JOIN articles xa ON xa.id = x.article_id
            WHERE xa.superseded_by IS NULL AND x.cluster_id IS NOT NULL GROUP BY x.cluster_id
        )
        SELECT * FROM (
            SELECT {_ITEM_COLUMNS[table]}, coalesce(i.cluster_id, i.id) AS cluster_id,
                a.source, a.outlet, a.published, a.title, a.url AS article_url,
                {_sentence_sql("i")} AS sentence,
                substr(a.text, i.start + 1, i.end - i.start) AS span_text,
                coalesce(sizes.n, 1) AS cluster_size,
                CASE WHEN own.verdict IS NOT NULL THEN own.verdict
                     WHEN cl.verdict IS NOT NULL THEN cl.verdict
                     WHEN 'in_progress' IN (own.status, cl.status) THEN 'in_progress'
                     ELSE 'unreviewed' END AS verdict,
                CASE WHEN own.verdict IS NOT NULL THEN 'own' WHEN cl.verdict IS NOT NULL THEN 'cluster' END
                    AS verdict_source,
                coalesce(own.rationale, cl.rationale) AS rationale,
                {by_verdict.format("reviewer")} AS reviewer,
                {by_verdict.format("updated_at")} AS reviewed_at,
                coalesce(own.version, 0) + coalesce(cl.version, 0) AS version,
                own.version AS own_version
            FROM {table} i
            JOIN articles a ON a.id = i.article_id
            LEFT JOIN sizes ON sizes.cluster_id = i.cluster_id
            LEFT JOIN {reviews} own ON own.entity_type = ? AND own.entity_id = i.id
            LEFT JOIN {reviews} cl ON cl.entity_type = ? AND cl.entity_id = i.cluster_id
            WHERE {" AND ".join(inner_clauses)}
        ) WHERE {" AND ".join(outer_clauses)}
        ORDER BY {order}
    """
    return sql, params


ORDER_READING = "published, source, start, id"
ORDER_ARTICLE = "article_id, start, id"


def iter_items(store: Store, table: ItemTable, filters: ExportFilter | None = None, *,
               order: str = ORDER_READING) -> Iterator[dict[str, Any]]:
    """Current claims or quotes with article metadata, sentence, cluster size and effective review columns.

    ``span_text`` is the article text at ``[start, end)``, so callers can check offsets without loading articles.
    """
    sql, params = _items_sql(store, table, filters or ExportFilter(), order)
    return store._iter_rows(sql, params)


def count_items(store: Store, table: ItemTable, filters: ExportFilter | None = None) -> int:
    sql, params = _items_sql(store, table, filters or ExportFilter(), "id")
    return int(store._scalar(f"SELECT count(*) FROM ({sql})", params))


def iter_current_articles(store: Store) -> Iterator[dict[str, Any]]:
    return store._iter_rows(
        "SELECT id, source, version, outlet, published, title, url, language, content_hash, text "
        "FROM articles WHERE superseded_by IS NULL ORDER BY id"
    )


def articles_by_id(store: Store, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Metadata (no text) of the given articles, for the appearances of a ClaimReview."""
    if not ids:
        return {}
    rows = store._rows(
        "SELECT id, source, outlet, published, title, url FROM articles "
        f"WHERE id IN ({', '.join('?' * len(ids))})", sorted(ids)
    )
    return {row["id"]: row for row in rows}


def sources_by_entity(store: Store) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Every live source, grouped by the entity it supports, oldest first (few rows: one scan beats a join)."""
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    if not _has_reviews(store):
        return {}
    for row in store._iter_rows("SELECT * FROM sources WHERE removed = 0 ORDER BY id"):
        grouped[(row["entity_type"], row["entity_id"])].append(row)
    return dict(grouped)


def reviewed_entities(store: Store) -> list[dict[str, Any]]:
    """Review rows that carry a final verdict, oldest id first: each is one ClaimReview."""
    if not _has_reviews(store):
        return []
    return store._rows(
        f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE verdict IN {FINAL_VERDICTS_SQL} AND orphaned = 0 "
        "ORDER BY entity_type, entity_id"
    )
