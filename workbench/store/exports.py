"""Bulk reads for the exports and the CSV import: one query per table, with effective verdicts joined in.

An export of 100,000 claims must take a couple of seconds, so nothing here runs a query per row: cluster sizes come
from one grouped subquery, the item's own review and its cluster's review from two joins on the ``reviews`` primary
key, and the sources (a few rows) from one scan indexed in memory. The rules are those of the review store's
``effective_sql`` (the item's own verdict, else its cluster's; rationale, who set that verdict and when, from
whichever gave it; the live sources of both), which is too slow to embed (a self-join and two correlated
subqueries per row); a test checks that both agree.

``version`` is the item's own review version plus its cluster's. Both only grow, so the sum changes whenever
anything a row shows about the review changes, which is what the importer's optimistic check needs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from workbench.models import VERDICT_LABELS
from workbench.store.repository import (
    CHECKABLE_SQL,
    CLAIM_FIELDS,
    QUOTE_FIELDS,
    SENTENCE,
    Store,
    effective_verdict,
    like_escape,
    live_item,
    verdict_origin,
)
from workbench.store.reviews import CLUSTER_TYPES

ItemTable = Literal["claims", "quotes"]
ITEM_TYPES: dict[str, str] = {"claims": "claim", "quotes": "quote"}
FINAL_VERDICTS_SQL = "(" + ", ".join(f"'{label}'" for label in VERDICT_LABELS) + ")"
_ITEM_COLUMNS = {
    table: ", ".join(f"i.{name}" for name in ("id", *fields) if name != "cluster_id")
    for table, fields in (("claims", (*CLAIM_FIELDS, "checkworthy", "checkworthy_score")), ("quotes", QUOTE_FIELDS))
}


@dataclass
class ExportFilter:
    """Which items an export holds (all optional, combined with AND); ``verdict`` is the effective label."""

    verdict: str | None = None
    outlet: str | None = None
    cluster_id: int | None = None
    reviewed_only: bool = False
    ids: Iterable[int] | None = None
    judged: bool = False
    """The gold set: only items a reviewer recorded something on or added, the dismissed ones included."""
    checkable_only: bool = False  # claims: leave out the context numbers (quotes are not filtered)
    story_id: int | None = None
    # Blind: the review columns are this reviewer's own judgements and sources; nobody else's show.
    blind_for: str | None = None


def _item_clauses(table: ItemTable, filters: ExportFilter) -> tuple[list[str], list[Any]]:
    """WHERE clauses on the item (``i``) and its article (``a``) alone: cheap, usable without the review join."""
    clauses = ["a.superseded_by IS NULL"]
    params: list[Any] = []
    if filters.judged:
        clauses.append(
            "i.dismissed IS NOT 'withdrawn' AND (i.origin = 'added' OR EXISTS (SELECT 1 FROM reviews r "
            "WHERE r.entity_type = ? AND r.entity_id = i.id AND (i.dismissed IS NOT 'not_extracted' "
            "OR r.orphaned = 1)))"
        )
        params.append(ITEM_TYPES[table])
    else:
        clauses.append(live_item("i"))
    if filters.checkable_only and table == "claims":
        clauses.append(CHECKABLE_SQL.format(alias="i"))
    if filters.outlet:
        clauses.append("a.outlet LIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(filters.outlet)}%")
    if filters.cluster_id is not None:
        clauses.append("coalesce(i.cluster_id, i.id) = ?")
        params.append(filters.cluster_id)
    if filters.story_id is not None:
        clauses.append("a.story_id = ?")
        params.append(filters.story_id)
    if filters.ids is not None:
        clauses.append("i.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(filters.ids)))
    return clauses, params


def _items_sql(table: ItemTable, filters: ExportFilter) -> tuple[str, list[Any]]:
    if table not in ITEM_TYPES:
        raise ValueError(f"not an item table: {table!r}")
    item_type = ITEM_TYPES[table]
    clauses, item_params = _item_clauses(table, filters)
    # A few rows by id (the importer's batches) need the sizes of their own clusters only, not a count of all.
    only_their_clusters = ""
    size_params: list[Any] = []
    if filters.ids is not None:
        only_their_clusters = (
            f"AND x.cluster_id IN (SELECT y.cluster_id FROM {table} y WHERE y.id IN (SELECT value FROM json_each(?)))"
        )
        size_params.append(item_params[-1])
    params: list[Any] = [*size_params, item_type, CLUSTER_TYPES[item_type]]
    # Whose verdicts the row shows: the shared reviews (o: the item's, k: its cluster's), or a blind reviewer's own
    # judgements (jo, jk) with the shared rows kept for status and version.
    own, cluster, by, at, judgements = "o", "k", "verdict_by", "verdict_at", ""
    if filters.blind_for is not None:
        own, cluster, by, at = "jo", "jk", "reviewer", "at"
        judgements = (
            "LEFT JOIN judgements jo ON jo.entity_type = ? AND jo.entity_id = i.id AND jo.reviewer = ? "
            "LEFT JOIN judgements jk ON jk.entity_type = ? AND jk.entity_id = i.cluster_id "
            "AND jk.reviewer = ?"
        )
        params += [item_type, filters.blind_for, CLUSTER_TYPES[item_type], filters.blind_for]
    params += item_params
    outer = ["1"]
    if filters.verdict:
        outer.append("verdict = ?")
        params.append(filters.verdict)
    if filters.reviewed_only:
        outer.append(f"verdict IN {FINAL_VERDICTS_SQL}")

    def chosen(column: str) -> str:
        return f"CASE WHEN {own}.verdict IS NOT NULL THEN {own}.{column} ELSE {cluster}.{column} END"

    sql = f"""
        WITH sizes AS (
            SELECT x.cluster_id, count(*) AS n FROM {table} x JOIN articles xa ON xa.id = x.article_id
            WHERE xa.superseded_by IS NULL AND x.cluster_id IS NOT NULL AND {live_item("x")} {only_their_clusters}
            GROUP BY x.cluster_id
        )
        SELECT * FROM (
            SELECT {_ITEM_COLUMNS[table]}, coalesce(i.cluster_id, i.id) AS cluster_id, i.origin, i.dismissed,
                coalesce(i.corrected, '[]') AS corrected,
                a.source, a.outlet, a.published, a.title, a.url AS article_url, a.story_id,
                coalesce(sizes.n, 1) AS cluster_size,
                coalesce({effective_verdict(own, cluster)},
                         CASE o.status WHEN 'in_progress' THEN 'in_progress' ELSE 'unreviewed' END) AS verdict,
                {verdict_origin(own, cluster)} AS verdict_source, {cluster}.verdict AS cluster_verdict,
                {chosen("rationale")} AS rationale, {chosen(by)} AS reviewer,
                {chosen(at)} AS reviewed_at,
                coalesce(o.version, 0) AS own_version, coalesce(o.version, 0) + coalesce(k.version, 0) AS version
            FROM {table} i
            JOIN articles a ON a.id = i.article_id
            LEFT JOIN sizes ON sizes.cluster_id = i.cluster_id
            LEFT JOIN reviews o ON o.entity_type = ? AND o.entity_id = i.id
            LEFT JOIN reviews k ON k.entity_type = ? AND k.entity_id = i.cluster_id
            {judgements}
            WHERE {" AND ".join(clauses)}
        ) WHERE {" AND ".join(outer)}
        ORDER BY article_id, start, id
    """
    return sql, params


def iter_items(
    store: Store,
    table: ItemTable,
    filters: ExportFilter | None = None,
    *,
    sources: dict[tuple[str, int], list[dict[str, Any]]] | None = None,
) -> Iterator[dict[str, Any]]:
    """Current claims or quotes in text order per article, with article metadata, sentence, cluster size and the
    effective review columns.

    Article order is ingest order: the ``(article_id, start)`` index delivers it without sorting 100,000 wide rows.
    ``span_text`` is the article text at ``[start, end)``, so callers can check offsets without loading articles.
    ``conflict_cluster_ids`` lists the clusters the item's cluster conflicts with (``conflicts`` the same as one
    CSV cell). ``sources`` lists the live sources of the item and of its cluster, oldest first; ``reference_value``
    and ``reference_unit`` are the newest reference figure among them. ``sources`` (``sources_by_entity``) saves
    reading them again when the caller asks for many small batches. Values are as corrected by reviewers;
    ``corrected`` lists the fields a reviewer changed and ``origin`` says whether a reviewer added the item.
    Dismissed items are left out.
    """
    filters = filters or ExportFilter()
    sql, params = _items_sql(table, filters)
    attached = sources_by_entity(store, filters.blind_for) if sources is None else sources
    item_type = ITEM_TYPES[table]
    own_sources = {key[1]: found for key, found in attached.items() if key[0] == item_type}
    cluster_sources = {key[1]: found for key, found in attached.items() if key[0] == CLUSTER_TYPES[item_type]}
    conflicts = store.conflict_map(item_type)
    rows = store.with_text_slices(store.iter_rows(sql, params), span_text=("start", "end"), sentence=SENTENCE)
    # Hot: once per exported row (450,000 in a full corpus), so the common case (no corrections, conflicts or
    # sources) takes no call it does not need.
    for row in rows:
        corrected = row["corrected"]
        row["corrected"] = [] if corrected == "[]" else json.loads(corrected)
        clusters = conflicts.get(row["cluster_id"])
        row["conflict_cluster_ids"] = clusters or []
        row["conflicts"] = " | ".join(map(str, clusters)) if clusters else None
        own, inherited = own_sources.get(row["id"]), cluster_sources.get(row["cluster_id"])
        if own or inherited:
            row["sources"] = sorted((*(own or ()), *(inherited or ())), key=_source_id)
            figure = next((s for s in reversed(row["sources"]) if s["reference_value"] is not None), None)
        else:
            row["sources"], figure = [], None
        row["reference_value"] = figure["reference_value"] if figure else None
        row["reference_unit"] = figure["reference_unit"] if figure else None
        row["blind_for"] = filters.blind_for
        yield row


def _source_id(source: dict[str, Any]) -> int:
    return int(source["id"])


def count_items(store: Store, table: ItemTable, filters: ExportFilter | None = None) -> int:
    """How many rows ``iter_items`` will yield; without verdict filters it skips the review join (for speed)."""
    filters = filters or ExportFilter()
    if filters.verdict or filters.reviewed_only:
        sql, params = _items_sql(table, filters)
        return int(store.scalar(f"SELECT count(*) FROM ({sql})", params))
    clauses, params = _item_clauses(table, filters)
    return int(
        store.scalar(
            f"SELECT count(*) FROM {table} i JOIN articles a ON a.id = i.article_id WHERE {' AND '.join(clauses)}",
            params,
        )
    )


def stored_ids(store: Store, table: ItemTable, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` exist in ``table`` at all, in any article version."""
    if table not in ITEM_TYPES:
        raise ValueError(f"not an item table: {table!r}")
    return {
        row[0]
        for row in store.db.execute(
            f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(list(ids))]
        )
    }


def iter_current_articles(store: Store, story_id: int | None = None) -> Iterator[dict[str, Any]]:
    clause, params = ("AND a.story_id = ?", [story_id]) if story_id is not None else ("", [])
    return store.iter_rows(
        "SELECT a.id, a.source, a.version, a.outlet, a.published, a.title, a.url, a.language, a.author, "
        "pg.final_url AS captured_url, pg.fetched_at AS captured_at, a.content_hash, a.story_id, a.text "
        "FROM articles a LEFT JOIN pages pg ON pg.article_id = a.id "
        f"WHERE a.superseded_by IS NULL {clause} ORDER BY a.id",
        params,
    )


def sources_by_entity(store: Store, reviewer: str | None = None) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Every live source (or those ``reviewer`` added), grouped by the entity it supports, oldest first (few rows:
    one scan beats a join)."""
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    mine, params = ("AND reviewer = ? ", [reviewer]) if reviewer is not None else ("", [])
    for row in store.iter_rows(f"SELECT * FROM sources WHERE removed = 0 {mine}ORDER BY id", params):
        grouped[(row["entity_type"], row["entity_id"])].append(row)
    return dict(grouped)
