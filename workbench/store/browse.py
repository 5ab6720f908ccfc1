"""Read-only SQL for browsing: ordered id lists, pages of rows by id, cluster members, article mentions.

Browsing 100,000 items must not sort and decorate 100,000 rows per screenful, so a listing is two steps: one lean
query returns the ordered ids that match a filter (cheap: integers only), and each page then fetches its few dozen
rows by id with everything a list line shows. Effective verdicts follow the product rule: an item's own verdict,
else its cluster's.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.store.repository import (
    CHECKABLE_SQL,
    HUMAN_DISMISSALS_SQL,
    SENTENCE,
    Store,
    effective_verdict,
    live_item,
    review_joins,
)

ITEM_TABLES = {"claims": "claim", "quotes": "quote"}
# Check-worthiness filters: the review queue (checkable, or not assessed yet) or only the context numbers.
CHECKABLE, CONTEXT = "checkable", "context"
# Orders of a listing. Every order ends in reading order (date, article, position), so ties stay stable.
READING, CHECKWORTHINESS, NEWEST, CLUSTER_SIZE = "reading", "checkworthiness", "newest", "cluster"
ORDERS = (READING, CHECKWORTHINESS, NEWEST, CLUSTER_SIZE)
# Verdict filters beyond the labels themselves; DISMISSED lists the items a reviewer dismissed (hidden otherwise).
UNREVIEWED, IN_PROGRESS, REVIEWED, DISMISSED = "unreviewed", "in_progress", "reviewed", "dismissed"
# SQLite caps bound parameters (32766 in modern builds); stay far below it.
ID_CHUNK = 500
# Where and when the article's web page was captured (NULL for articles from text files): the page archive.
CAPTURE_COLUMNS = "pg.final_url AS captured_url, pg.fetched_at AS captured_at, pg.origin AS captured_from"
CAPTURE_JOIN = "LEFT JOIN pages pg ON pg.article_id = a.id"
# Clusters in a conflict (bind the item type twice).
CONFLICTED_SQL = ("SELECT cluster_a FROM live_conflicts WHERE kind = ? "
                  "UNION SELECT cluster_b FROM live_conflicts WHERE kind = ?")


@dataclass(frozen=True)
class BrowseFilter:
    """What a listing is narrowed to; every field is optional and they combine with AND.

    ``verdict`` is a verdict label, ``unreviewed`` (no effective verdict), ``in_progress``, ``reviewed`` (any
    effective verdict) or ``dismissed`` (only the items a reviewer dismissed, which every other filter hides).
    ``checkworthy`` (claims only) is ``checkable`` (the review queue: checkable claims and those not assessed yet)
    or ``context``. ``order`` is one of ``ORDERS``; it sorts, it does not narrow.
    """

    kind: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    text: str | None = None
    verdict: str | None = None
    source: str | None = None
    cluster_id: int | None = None
    checkworthy: str | None = None
    order: str = READING
    story_id: int | None = None
    conflicts_only: bool = False
    # Blind review: verdicts are this reviewer's own judgements, colleagues' are not looked at (not a filter of
    # which items show, so ``is_empty`` ignores it).
    blind_for: str | None = None

    @property
    def is_empty(self) -> bool:
        """No filter the user chose (the check-worthiness view and the order are settings, not filters)."""
        return not any((self.kind, self.outlet, self.speaker, self.text, self.verdict, self.source,
                        self.conflicts_only)) and self.cluster_id is None and self.story_id is None


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _check_table(table: str) -> str:
    if table not in ITEM_TABLES:
        raise ValueError(f"not an item table: {table!r}")
    return table[0]


def _review_joins(table: str, alias: str, blind_for: str | None = None) -> tuple[str, list[Any]]:
    """The joins to the item's and its cluster's review (``ri``, ``rc``) and, for a blind reviewer, to their own
    judgements (``ji``, ``jc``); with the parameters those joins bind, which come before any WHERE parameter."""
    entity = ITEM_TABLES[table]
    joins = review_joins(alias, entity, "ri", "rc")
    if blind_for is None:
        return joins, []
    joins += (
        f" LEFT JOIN judgements ji ON ji.entity_type = '{entity}' AND ji.entity_id = {alias}.id AND ji.reviewer = ?"
        f" LEFT JOIN judgements jc ON jc.entity_type = '{entity}_cluster' AND jc.entity_id = {alias}.cluster_id"
        " AND jc.reviewer = ?"
    )
    return joins, [blind_for, blind_for]


def _verdicts(blind_for: str | None) -> tuple[str, str]:
    """The aliases of the item's own and its cluster's verdict rows: the shared reviews, or a blind reviewer's
    judgements."""
    return ("ji", "jc") if blind_for is not None else ("ri", "rc")


def _verdict_clause(verdict: str, blind_for: str | None = None) -> tuple[str, list[Any]]:
    effective = effective_verdict(*_verdicts(blind_for))
    if verdict == UNREVIEWED:
        return f"{effective} IS NULL", []
    if verdict == REVIEWED:
        return f"{effective} IS NOT NULL", []
    if verdict == IN_PROGRESS:
        return f"{effective} IS NULL AND 'in_progress' IN (ri.status, rc.status)", []
    return f"{effective} = ?", [verdict]


def item_ids(store: Store, table: str, filters: BrowseFilter) -> list[int]:
    """Ids of the current items matching ``filters``, in reading order (date, article, position)."""
    alias = _check_table(table)
    dismissed = filters.verdict == DISMISSED
    clauses = ["a.superseded_by IS NULL",
               f"{alias}.dismissed IN {HUMAN_DISMISSALS_SQL}" if dismissed else live_item(alias)]
    params: list[Any] = []
    if filters.kind:
        clauses.append(f"{alias}.kind = ?")
        params.append(filters.kind)
    if filters.outlet:
        clauses.append("a.outlet LIKE ? ESCAPE '\\'")
        params.append(_like(filters.outlet))
    if filters.speaker:
        clauses.append(f"{alias}.speaker LIKE ? ESCAPE '\\'")
        params.append(_like(filters.speaker))
    if filters.source:
        clauses.append("a.source = ?")
        params.append(filters.source)
    if filters.cluster_id is not None:
        clauses.append(f"{alias}.cluster_id = ?")
        params.append(filters.cluster_id)
    if filters.checkworthy and table == "claims":
        clauses.append(CHECKABLE_SQL.format(alias=alias) if filters.checkworthy == CHECKABLE
                       else f"{alias}.checkworthy = 'context'")
    if filters.story_id is not None:
        clauses.append("a.story_id = ?")
        params.append(filters.story_id)
    if filters.conflicts_only:
        clauses.append(f"{alias}.cluster_id IN ({CONFLICTED_SQL})")
        params.extend([ITEM_TABLES[table]] * 2)
    joins = ""
    if filters.verdict and not dismissed:
        joins, join_params = _review_joins(table, alias, filters.blind_for)
        clause, extra = _verdict_clause(filters.verdict, filters.blind_for)
        clauses.append(clause)
        params = [*join_params, *params, *extra]
    order, order_join = _order_by(table, alias, filters.order)
    sql = (
        f"SELECT {alias}.id FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id{joins}{order_join} "
        f"WHERE {' AND '.join(clauses)} ORDER BY {order}"
    )
    ids = [row[0] for row in store.db.execute(sql, params).fetchall()]
    if filters.text:
        matching = _text_matches(store, table, filters.text)
        ids = [item_id for item_id in ids if item_id in matching]
    return ids


def _order_by(table: str, alias: str, order: str) -> tuple[str, str]:
    """The ORDER BY terms of a listing and the join it needs (cluster sizes), ending in reading order."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")
    reading = f"a.published IS NULL, a.published, a.source, {alias}.start, {alias}.id"
    if order == CHECKWORTHINESS and table == "claims":
        return f"{alias}.checkworthy_score IS NULL, {alias}.checkworthy_score DESC, {reading}", ""
    if order == NEWEST:
        return f"a.published IS NULL, a.published DESC, a.source, {alias}.start, {alias}.id", ""
    if order == CLUSTER_SIZE:
        sizes = (f" LEFT JOIN (SELECT x.cluster_id, count(*) AS n FROM {table} x JOIN articles xa ON "
                 "xa.id = x.article_id WHERE xa.superseded_by IS NULL AND x.cluster_id IS NOT NULL "
                 f"GROUP BY x.cluster_id) sizes ON sizes.cluster_id = {alias}.cluster_id")
        return f"coalesce(sizes.n, 1) DESC, {alias}.cluster_id, {reading}", sizes
    return reading, ""


def _text_matches(store: Store, table: str, text: str) -> set[int]:
    """Current items whose own words or sentence contain ``text`` (case-insensitive).

    Linear in the corpus: SQLite finds the articles that contain the text, Python finds where, and items whose
    sentence holds a match are kept. (Slicing each item's sentence with SQL substr is quadratic in an article's
    length: a 30 MB article made every search hang.)
    """
    alias = _check_table(table)
    own = f"{alias}.mention" if table == "claims" else f"{alias}.text"
    found = {row[0] for row in store.db.execute(
        f"SELECT {alias}.id FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id "
        f"WHERE a.superseded_by IS NULL AND {own} LIKE ? ESCAPE '\\'", [_like(text)])}
    pattern = re.compile(re.escape(text), re.IGNORECASE)
    articles = store.db.execute(
        "SELECT id, text FROM articles WHERE superseded_by IS NULL AND text LIKE ? ESCAPE '\\'", [_like(text)])
    for article_id, body in articles:
        starts = [m.start() for m in pattern.finditer(body)]
        if not starts:
            continue
        length = len(text)
        for item_id, sentence_start, sentence_end in store.db.execute(
            f"SELECT id, sentence_start, sentence_end FROM {table} WHERE article_id = ?", [article_id]
        ):
            first = bisect_left(starts, sentence_start)
            if first < len(starts) and starts[first] + length <= sentence_end:
                found.add(item_id)
    return found


def unreviewed_among(store: Store, table: str, ids: Sequence[int], blind_for: str | None = None) -> set[int]:
    """Which of ``ids`` (a few hundred) have no effective verdict (blind: no judgement of the reviewer's own): one
    indexed lookup per id."""
    alias = _check_table(table)
    found: set[int] = set()
    joins, join_params = _review_joins(table, alias, blind_for)
    clause, _ = _verdict_clause(UNREVIEWED, blind_for)
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        found.update(row[0] for row in store.db.execute(
            f"SELECT {alias}.id FROM {table} {alias}{joins} WHERE {alias}.id IN ({marks}) AND {clause}",
            [*join_params, *chunk]))
    return found


def item_rows(store: Store, table: str, ids: Sequence[int], blind_for: str | None = None) -> list[dict[str, Any]]:
    """The list-line rows of ``ids`` (in the order given), with article metadata, cluster size and verdicts (blind:
    the reviewer's own judgements)."""
    alias = _check_table(table)
    joins, join_params = _review_joins(table, alias, blind_for)
    own_verdict, cluster_verdict = (f"{rows}.verdict" for rows in _verdicts(blind_for))
    own = (
        "c.mention, c.value, c.value_high, c.unit, c.hedge, c.role, c.target, c.checkworthy, c.checkworthy_score, "
        "(SELECT count(*) FROM live_conflicts k WHERE k.kind = 'claim' AND k.cluster_a = c.cluster_id) + "
        "(SELECT count(*) FROM live_conflicts k WHERE k.kind = 'claim' AND k.cluster_b = c.cluster_id) "
        "AS conflicts"
    ) if table == "claims" else "q.text, q.cue"
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for row in store.rows(
            f"SELECT {alias}.id, {alias}.article_id, {alias}.start, {alias}.end, {alias}.kind, {alias}.speaker, "
            f"{alias}.cluster_id, {own}, a.outlet, a.published, a.source, a.title, a.story_id, "
            f"{alias}.sentence_start, {alias}.sentence_end, "
            f"(SELECT count(*) FROM {table} m JOIN articles ma ON ma.id = m.article_id "
            f" WHERE m.cluster_id = {alias}.cluster_id AND ma.superseded_by IS NULL AND {live_item('m')})"
            " AS cluster_size, "
            f"{own_verdict} AS own_verdict, {cluster_verdict} AS cluster_verdict, "
            "COALESCE(ri.status, 'unreviewed') AS status, rc.status AS cluster_status, ri.assignee, "
            f"ri.version AS review_version, {alias}.origin, {alias}.dismissed, {alias}.corrected "
            f"FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id{joins} "
            f"WHERE {alias}.id IN ({marks})",
            [*join_params, *chunk],
        ):
            row["corrected"] = json.loads(row["corrected"]) if row["corrected"] else []
            found[row["id"]] = row
    _with_sentences(store, found)
    return [found[i] for i in ids if i in found]


def article_ids(store: Store, filters: BrowseFilter) -> list[int]:
    """Ids of the current articles whose outlet matches and whose title, source or outlet contains the text."""
    clauses = ["superseded_by IS NULL"]
    params: list[Any] = []
    if filters.outlet:
        clauses.append("outlet LIKE ? ESCAPE '\\'")
        params.append(_like(filters.outlet))
    if filters.text:
        clauses.append("(title LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\' OR outlet LIKE ? ESCAPE '\\')")
        params.extend([_like(filters.text)] * 3)
    sql = f"SELECT id FROM articles WHERE {' AND '.join(clauses)} ORDER BY published IS NULL, published, source, id"
    return [row[0] for row in store.db.execute(sql, params).fetchall()]


def article_rows(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """List-line rows of articles: metadata, length and how many claims and quotes each has."""
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for row in store.rows(
            "SELECT a.id, a.source, a.version, a.outlet, a.published, a.title, a.url, a.language, "
            "length(a.text) AS length, "
            f"(SELECT count(*) FROM claims c WHERE c.article_id = a.id AND {live_item('c')}) AS claims, "
            f"(SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND {live_item('q')}) AS quotes "
            f"FROM articles a WHERE a.id IN ({marks})",
            chunk,
        ):
            found[row["id"]] = row
    return [found[i] for i in ids if i in found]


def item_record(store: Store, table: str, item_id: int) -> dict[str, Any] | None:
    """Every stored field of one claim or quote plus its article's metadata (not its text)."""
    alias = _check_table(table)
    rows = store.rows(
        f"SELECT {alias}.*, a.source, a.version AS article_version, a.outlet, a.published, a.title, a.url, "
        f"a.superseded_by, {CAPTURE_COLUMNS} "
        f"FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id {CAPTURE_JOIN} WHERE {alias}.id = ?",
        [item_id],
    )
    return rows[0] if rows else None


def cluster_members(store: Store, table: str, cluster_id: int, blind_for: str | None = None) -> list[dict[str, Any]]:
    """Current members of a cluster with their outlet, date, wording and sentence, earliest first (blind: each
    member's own verdict is the reviewer's own judgement)."""
    alias = _check_table(table)
    joins, join_params = _review_joins(table, alias, blind_for)
    own_verdict = f"{_verdicts(blind_for)[0]}.verdict"
    wording = f"{alias}.mention AS wording" if table == "claims" else f"{alias}.text AS wording"
    extra = ", c.value, c.value_high, c.unit, c.hedge" if table == "claims" else ""
    members = store.rows(
        f"SELECT {alias}.id, {alias}.article_id, {alias}.start, {alias}.end, {alias}.kind, {alias}.speaker, "
        f"{alias}.sentence_start, {alias}.sentence_end, {wording}{extra}, a.outlet, a.published, a.source, a.title, "
        f"{own_verdict} AS own_verdict, COALESCE(ri.version, 0) AS own_version, {CAPTURE_COLUMNS} "
        f"FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id{joins} {CAPTURE_JOIN} "
        f"WHERE {alias}.cluster_id = ? AND a.superseded_by IS NULL AND {live_item(alias)} "
        f"ORDER BY a.published IS NULL, a.published, a.source, {alias}.start",
        [*join_params, cluster_id],
    )
    _with_sentences(store, {row["id"]: row for row in members})
    return members


def _with_sentences(store: Store, rows: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Fill each row's ``sentence`` (in place), reading each article's text once."""
    ordered = sorted(rows.values(), key=lambda row: row["article_id"])
    for _ in store.with_text_slices(ordered, sentence=SENTENCE):
        pass  # with_text_slices fills the rows as it goes
    return rows


def cluster_summaries(store: Store, table: str, cluster_ids: Sequence[int]) -> list[dict[str, Any]]:
    """For each cluster id (in the order given): its representative's wording, value, outlet and date, and its
    current size and number of outlets."""
    alias = _check_table(table)
    wording = f"{alias}.mention AS wording, c.value, c.value_high, c.unit, c.hedge" if table == "claims" \
        else f"{alias}.text AS wording, q.speaker"
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(cluster_ids):
        marks = ", ".join("?" * len(chunk))
        for row in store.rows(
            f"SELECT {alias}.id AS cluster_id, {wording}, a.outlet, a.published, "
            f"(SELECT count(*) FROM {table} m JOIN articles ma ON ma.id = m.article_id "
            f" WHERE m.cluster_id = {alias}.id AND ma.superseded_by IS NULL AND {live_item('m')}) AS size, "
            f"(SELECT count(DISTINCT ma.outlet) FROM {table} m JOIN articles ma ON ma.id = m.article_id "
            f" WHERE m.cluster_id = {alias}.id AND ma.superseded_by IS NULL AND {live_item('m')}) AS outlets "
            f"FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id WHERE {alias}.id IN ({marks})",
            chunk,
        ):
            found[row["cluster_id"]] = row
    return [found[i] for i in cluster_ids if i in found]


def article_mentions(store: Store, article_id: int) -> list[dict[str, Any]]:
    """Every listed claim and quote span of one article, in text order, for highlighting the article view; items
    a reviewer dismissed come too (``dismissed`` says why), so the article shows what was taken out."""
    return store.rows(
        "SELECT 'claims' AS item_table, id, start, end, kind, dismissed FROM claims WHERE article_id = ? "
        f"AND (dismissed IS NULL OR dismissed IN {HUMAN_DISMISSALS_SQL}) "
        "UNION ALL SELECT 'quotes', id, start, end, kind, dismissed FROM quotes WHERE article_id = ? "
        f"AND (dismissed IS NULL OR dismissed IN {HUMAN_DISMISSALS_SQL}) "
        "ORDER BY start, item_table",
        [article_id, article_id],
    )


def top_speakers(store: Store, limit: int = 200) -> list[tuple[str, int]]:
    """Speakers of current items, most frequent first: jump targets for the command palette."""
    return [
        (row[0], row[1])
        for row in store.db.execute(
            "SELECT speaker, count(*) AS n FROM ("
            " SELECT c.speaker FROM claims c JOIN articles a ON a.id = c.article_id"
            f"  WHERE c.speaker IS NOT NULL AND a.superseded_by IS NULL AND {live_item('c')}"
            " UNION ALL SELECT q.speaker FROM quotes q JOIN articles a ON a.id = q.article_id"
            f"  WHERE q.speaker IS NOT NULL AND a.superseded_by IS NULL AND {live_item('q')}"
            ") GROUP BY speaker ORDER BY n DESC, speaker LIMIT ?",
            [limit],
        ).fetchall()
    ]


def outlets(store: Store) -> list[str]:
    return [row[0] for row in store.db.execute(
        "SELECT DISTINCT outlet FROM articles WHERE superseded_by IS NULL ORDER BY outlet").fetchall()]


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i:i + ID_CHUNK] for i in range(0, len(ids), ID_CHUNK)]
