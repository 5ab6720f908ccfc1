"""Read-only SQL for stories: one summary line per story, and a story's claims grouped by cluster.

A story listing must stay quick on 18,000 articles, so counts come from grouped subqueries over the current
articles, not from a query per story.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workbench.store.repository import SENTENCE, Store, effective_verdict, like_escape, review_joins

CHUNK = 500

_SUMMARY_SQL = """
WITH arts AS (
    SELECT id, story_id, outlet, published FROM articles
    WHERE superseded_by IS NULL AND story_id IN (SELECT value FROM json_each(?))
), claim_counts AS (
    SELECT a.story_id, count(*) AS n,
        sum(CASE WHEN {verdict} IS NULL THEN 1 ELSE 0 END) AS todo
    FROM claims c JOIN arts a ON a.id = c.article_id{claim_reviews}
    GROUP BY a.story_id
), quote_counts AS (
    SELECT a.story_id, count(*) AS n,
        sum(CASE WHEN {verdict} IS NULL THEN 1 ELSE 0 END) AS todo
    FROM quotes q JOIN arts a ON a.id = q.article_id{quote_reviews}
    GROUP BY a.story_id
), conflict_counts AS (
    SELECT story_id, count(*) AS n FROM live_conflicts
    WHERE kind = 'claim' AND story_id IN (SELECT value FROM json_each(?))
    GROUP BY story_id
)
SELECT s.id, s.title, min(a.published) AS first_published, max(a.published) AS last_published,
    count(a.id) AS articles, json_group_array(DISTINCT a.outlet) AS outlets,
    coalesce(cc.n, 0) AS claims, coalesce(qc.n, 0) AS quotes, coalesce(k.n, 0) AS conflicts,
    coalesce(cc.todo, 0) + coalesce(qc.todo, 0) AS unreviewed
FROM stories s JOIN arts a ON a.story_id = s.id
LEFT JOIN claim_counts cc ON cc.story_id = s.id
LEFT JOIN quote_counts qc ON qc.story_id = s.id
LEFT JOIN conflict_counts k ON k.story_id = s.id
GROUP BY s.id, cc.n, qc.n, k.n, cc.todo, qc.todo
""".format(
    verdict=effective_verdict("ri", "rc"),
    claim_reviews=review_joins("c", "claim", "ri", "rc"),
    quote_reviews=review_joins("q", "quote", "ri", "rc"),
)


def story_ids(store: Store, *, min_articles: int = 2, text: str | None = None, outlet: str | None = None) -> list[int]:
    """Stories with at least ``min_articles`` current articles, widest first (then by date): the Stories list.
    ``text`` matches the title, ``outlet`` any of its articles' outlets (both case-insensitive)."""
    clauses, params = ["a.superseded_by IS NULL", "a.story_id IS NOT NULL"], []
    having = ["count(*) >= ?"]
    having_params: list[object] = [min_articles]
    if text:
        clauses.append("s.title LIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(text)}%")
    if outlet:
        having.append("max(a.outlet LIKE ? ESCAPE '\\')")
        having_params.append(f"%{like_escape(outlet)}%")
    rows = store.db.execute(
        f"SELECT a.story_id FROM articles a JOIN stories s ON s.id = a.story_id WHERE {' AND '.join(clauses)} "
        f"GROUP BY a.story_id HAVING {' AND '.join(having)} "
        "ORDER BY count(*) DESC, min(a.published) IS NULL, min(a.published), a.story_id",
        params + having_params,
    )
    return [row[0] for row in rows]


def story_summaries(store: Store, ids: Sequence[int] | None = None, *, min_articles: int = 1) -> list[dict[str, Any]]:
    """One row per story (the given ids in their order, else every story with ``min_articles`` current articles,
    widest first): title, date span, outlets, counts of articles, claims, quotes, conflicts and unreviewed items."""
    if ids is None:
        ids = story_ids(store, min_articles=min_articles)
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = json.dumps(list(ids[start : start + CHUNK]))
        for row in store.rows(_SUMMARY_SQL, [chunk, chunk]):
            row["outlets"] = sorted(json.loads(row["outlets"]))
            found[row["id"]] = row
    return [found[story] for story in ids if story in found]


def story_claims(store: Store, story_id: int) -> list[dict[str, Any]]:
    """The claims of a story's current articles with their sentences and clusters, in cluster order: clusters
    printed by most articles first, members by date and outlet."""
    rows = store.rows(
        "SELECT c.id, c.article_id, c.cluster_id, c.start, c.end, c.sentence_start, c.sentence_end, c.mention, "
        "c.kind, c.value, c.value_high, c.unit, c.hedge, a.outlet, a.published, a.source, "
        f"{effective_verdict()} AS verdict "
        f"FROM claims c JOIN articles a ON a.id = c.article_id{review_joins('c', 'claim')} "
        "WHERE a.story_id = ? AND a.superseded_by IS NULL ORDER BY c.article_id, c.start",
        [story_id],
    )
    list(store.with_text_slices(rows, sentence=SENTENCE))
    spread: dict[int, set[int]] = {}
    for row in rows:
        spread.setdefault(row["cluster_id"] or row["id"], set()).add(row["article_id"])
    return sorted(
        rows,
        key=lambda row: (
            -len(spread[row["cluster_id"] or row["id"]]),
            row["cluster_id"] or row["id"],
            row["published"] or "",
            row["outlet"],
            row["start"],
        ),
    )


def story_of_items(store: Store, table: str, ids: Sequence[int]) -> dict[int, int | None]:
    """The story of each claim or quote id."""
    if table not in ("claims", "quotes"):
        raise ValueError(f"not an item table: {table!r}")
    found: dict[int, int | None] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        for item_id, story in store.db.execute(
            f"SELECT i.id, a.story_id FROM {table} i JOIN articles a ON a.id = i.article_id WHERE i.id IN ({marks})",
            chunk,
        ):
            found[item_id] = story
    return found
