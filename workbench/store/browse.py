"""Read-only SQL for browsing: listings a page at a time, rows by id, cluster members, article mentions.

A filter, a search or a new order must answer in milliseconds on 200,000 claims, so nothing here lists every
matching id: a listing is a keyset query (``workbench/store/keyset.py``) whose order an index delivers, read one
page of ids at a time; each page then fetches its rows by id with everything a list line shows. Counts are
separate queries, run after the first page is on screen. Text search goes through the FTS5 indexes of
``workbench/store/search.py``. Effective verdicts follow the product rule: an item's own verdict, else its
cluster's.
"""

from __future__ import annotations

import contextlib
import json
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from workbench.store import keyset, search
from workbench.store.db import is_postgresql
from workbench.store.keyset import Key, Query, Term, Where
from workbench.store.repository import (
    CHECKABLE_SQL,
    HUMAN_DISMISSALS_SQL,
    SENTENCE,
    Store,
    effective_verdict,
    live_item,
    review_joins,
)
from workbench.store.stories import story_ids

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
TEXTS_CHUNK = 50  # article texts read per query (a few MB at most, even of long articles)
COUNTS_KEPT = 64  # counts remembered per browser (one per view and filter), until the database changes
# How long (thousands of SQLite steps: some 6,000 rows, a few ms) a page may walk its order's index before the listing starts from
# its filters' indexes instead.
WALK_BUDGET = 60
# Cluster ids per step of building the widest-cluster order (some 20 ms each on the corpus).
CLUSTER_SIZES_RANGE = 10_000
STORY_LISTS_KEPT = 8  # Stories lists remembered per browser (one per title/outlet filter), until the data changes
# Where and when the article's web page was captured (NULL for articles from text files): the page archive.
CAPTURE_COLUMNS = "pg.final_url AS captured_url, pg.fetched_at AS captured_at, pg.origin AS captured_from"
CAPTURE_JOIN = "LEFT JOIN pages pg ON pg.article_id = a.id"
# Clusters in a conflict (bind the item type twice).
CONFLICTED_SQL = (
    "SELECT cluster_a FROM live_conflicts WHERE kind = ? UNION SELECT cluster_b FROM live_conflicts WHERE kind = ?"
)


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
        return (
            not any((self.kind, self.outlet, self.speaker, self.text, self.verdict, self.source, self.conflicts_only))
            and self.cluster_id is None
            and self.story_id is None
        )


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


def _filter_clauses(table: str, alias: str, filters: BrowseFilter) -> Where:
    """The conditions of every filter but the text search and the verdict (see ``Where`` for the two forms)."""
    dismissed = filters.verdict == DISMISSED
    where = Where()
    where.add("a.superseded_by IS NULL")
    where.add(f"{alias}.dismissed IN {HUMAN_DISMISSALS_SQL}" if dismissed else live_item(alias))
    if filters.kind:
        where.add(f"+{alias}.kind = ?", filters.kind, driving=f"{alias}.kind = ?", driving_params=[filters.kind])
    if filters.outlet:
        where.add(
            "a.outlet LIKE ? ESCAPE '\\'",
            _like(filters.outlet),
            driving=f"{alias}.article_id IN (SELECT id FROM articles WHERE superseded_by IS NULL "
            "AND outlet LIKE ? ESCAPE '\\')",
            driving_params=[_like(filters.outlet)],
        )
    if filters.speaker:
        where.add(
            f"{alias}.speaker LIKE ? ESCAPE '\\'",
            _like(filters.speaker),
            driving=f"{alias}.speaker IN (SELECT DISTINCT speaker FROM {table} WHERE speaker LIKE ? ESCAPE '\\')",
            driving_params=[_like(filters.speaker)],
        )
    if filters.source:  # one article, one cluster: always few rows, so these may steer SQLite from the start
        where.add("a.source = ?", filters.source)
    if filters.cluster_id is not None:
        where.add(f"{alias}.cluster_id = ?", filters.cluster_id)
    if filters.checkworthy and table == "claims":
        where.add(
            CHECKABLE_SQL.format(alias=alias)
            if filters.checkworthy == CHECKABLE
            else f"{alias}.checkworthy = 'context'"
        )
    if filters.story_id is not None:  # a story is a handful of articles: it may steer SQLite from the start
        where.add("a.story_id = ?", filters.story_id)
    if filters.conflicts_only:
        kinds = [ITEM_TABLES[table]] * 2
        where.add(
            f"+{alias}.cluster_id IN ({CONFLICTED_SQL})",
            *kinds,
            driving=f"{alias}.cluster_id IN ({CONFLICTED_SQL})",
            driving_params=kinds,
        )
    return where


def _verdict_where(where: Where, table: str, alias: str, verdict: str, blind_for: str | None = None) -> None:
    """The effective-verdict condition; for the rare verdicts, also the reviews it can start from (an item whose
    own review or whose cluster's review has the verdict: a superset of the effective ones). A blind reviewer's
    verdicts are their judgements, which the walk reads (no starting index)."""
    clause, params = _verdict_clause(verdict, blind_for)
    entity = ITEM_TABLES[table]
    wanted = {UNREVIEWED: None, REVIEWED: "verdict IS NOT NULL", IN_PROGRESS: "status = 'in_progress'"}.get(
        verdict, "verdict = ?"
    )
    if wanted is None or blind_for is not None:
        where.add(clause, *params)
        return
    extra = [] if verdict in (REVIEWED, IN_PROGRESS) else [verdict]
    where.add(
        clause,
        *params,
        driving=f"({alias}.id IN (SELECT entity_id FROM reviews WHERE entity_type = '{entity}' AND {wanted}) "
        f"OR {alias}.cluster_id IN (SELECT entity_id FROM reviews WHERE entity_type = '{entity}_cluster' "
        f"AND {wanted}))",
        driving_params=[*extra, *extra],
    )


def _reading_terms(alias: str) -> tuple[Term, ...]:
    """Date (undated last), article, position: the end of every order, so ties stay stable."""
    terms = (Term("coalesce(a.published, '~')"), Term("a.source"), Term("a.id"))
    return terms if alias == "a" else (*terms, Term(f"{alias}.start"), Term(f"{alias}.id"))


def _order_terms(table: str, alias: str, order: str) -> tuple[Term, ...]:
    """The sort terms of a listing, each served by an index (migration "browse"), ending in reading order."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")
    reading = _reading_terms(alias)
    if order == CHECKWORTHINESS and table == "claims":
        return (Term(f"coalesce({alias}.checkworthy_score, -1)", descending=True, grouped=True), *reading)
    if order == NEWEST:
        return (Term("coalesce(a.published, '')", descending=True), *reading[1:])
    if order == CLUSTER_SIZE:
        return (Term("s.n", descending=True), Term("s.cluster_id"), *reading)
    return reading


def item_query(browser: Browser, table: str, filters: BrowseFilter, *, unreviewed: bool = False) -> Query:
    """The listing of current claims or quotes under ``filters`` in their order, as a keyset query;
    ``unreviewed`` keeps only the items without an effective verdict (what ``n`` looks for)."""
    alias = _check_table(table)
    where = _filter_clauses(table, alias, filters)
    source = f"{table} {alias} JOIN articles a ON a.id = {alias}.article_id"
    walk = None
    if filters.order == CLUSTER_SIZE:
        # Widest cluster first: the walk's outer loop runs over the clusters by size (CROSS JOIN fixes the loop
        # order); a rare filter's plan (``driven``) starts from the filter instead, with the join order free
        # (forced onto the sizes, a search for a rare word read all 200,000 clusters: 5 to 14 s).
        sizes = browser.cluster_sizes(table)
        source = (
            f"{table} {alias} JOIN {sizes} s ON s.cluster_id = {alias}.cluster_id "
            f"JOIN articles a ON a.id = {alias}.article_id"
        )
        walk = (
            f"{sizes} s CROSS JOIN {table} {alias} ON {alias}.cluster_id = s.cluster_id "
            f"JOIN articles a ON a.id = {alias}.article_id"
        )
    elif filters.order in (READING, NEWEST) or table != "claims":
        # Date orders walk the articles' order index and each article's items by position. Without statistics
        # SQLite would rather scan and sort every item (70 ms on 200,000 claims, against 0.3 ms); the rare-filter
        # plan (``driven``) keeps the free join order.
        walk = f"articles a CROSS JOIN {table} {alias} ON {alias}.article_id = a.id"
    verdict = filters.verdict if filters.verdict != DISMISSED else None
    join_params: list[Any] = []
    if verdict or unreviewed:
        joins, join_params = _review_joins(table, alias, filters.blind_for)
        source += joins
        walk = walk and walk + joins
    if verdict:
        _verdict_where(where, table, alias, verdict, filters.blind_for)
    if unreviewed:
        _verdict_where(where, table, alias, UNREVIEWED, filters.blind_for)
    if filters.text:
        hits = browser.search_hits(table, filters.text)
        where.add(f"+{alias}.id IN (SELECT id FROM {hits})", driving=f"{alias}.id IN (SELECT id FROM {hits})")
    return Query.of(
        f"{alias}.id", source, where, _order_terms(table, alias, filters.order), walk=walk, source_params=join_params
    )


def article_query(filters: BrowseFilter) -> Query:
    """Current articles whose outlet matches and whose title, source or outlet contains the text."""
    where = Where()
    where.add("a.superseded_by IS NULL")
    if filters.outlet:
        where.add("a.outlet LIKE ? ESCAPE '\\'", _like(filters.outlet))
    if filters.text:
        where.add(
            "(a.title LIKE ? ESCAPE '\\' OR a.source LIKE ? ESCAPE '\\' OR a.outlet LIKE ? ESCAPE '\\')",
            *[_like(filters.text)] * 3,
        )
    return Query.of("a.id", "articles a", where, _reading_terms("a"))


class Browser:
    """Listings of one connection, read a page at a time, with what makes that fast: counts cached until the
    database changes, and two kinds of TEMP tables (private to the connection, never written to the file).

    A text search fills ``temp.search_hits_<table>`` with the ids FTS5 found, which the listing then walks its
    order against (or starts from, when they are few). Widest-cluster order needs each cluster's size as an index
    to walk: ``temp.cluster_sizes_<table>_a`` or ``_b``, rebuilt (into the other one) when clusters may have
    changed; the TUI builds it in the background before anyone asks (``build_cluster_sizes``).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._own_changes = 0  # rows this browser wrote into its TEMP tables (not a change of the data)
        self._hits: dict[str, tuple[str, tuple[int, int]]] = {}
        self._sparse: OrderedDict[tuple[Any, ...], bool] = OrderedDict()  # listings that start from a filter
        self._sizes: dict[str, tuple[str, tuple[Any, ...]]] = {}  # table: (TEMP table in use, clusters' state)
        self._counts: OrderedDict[tuple[Any, ...], int] = OrderedDict()
        self._story_lists: OrderedDict[tuple[Any, ...], list[int]] = OrderedDict()

    @property
    def db(self) -> Any:
        return self.store.db

    def signature(self) -> tuple[int, int]:
        """Changes whenever anyone committed a change to the database (this connection, or another process)."""
        conn = self.db.conn
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes - self._own_changes

    def _temp_write(self, *statements: tuple[str, Sequence[Any]]) -> None:
        """Statements on this browser's TEMP tables, which ``signature`` does not count as changes: their rows here,
        and on PostgreSQL the transaction id they take (``PgDatabase.private_writes``)."""
        conn = self.db.conn
        before = conn.total_changes
        try:
            with self.db.private_writes() if is_postgresql(self.db) else contextlib.nullcontext():
                for sql, params in statements:
                    conn.execute(sql, params)
        finally:
            self._own_changes += conn.total_changes - before

    # -- text search -----------------------------------------------------------------------------------------------

    def search_hits(self, table: str, text: str) -> str:
        """The TEMP table of the ids of items whose sentence has every word of ``text`` (store/search.py)."""
        name = f"temp.search_hits_{table}"
        known = self._hits.get(table)
        if known is None or known != (text, self.signature()):
            hits = search.hits_query(self.db, table, text)
            search.sync(self.db)
            self._temp_write(
                (f"CREATE TEMP TABLE IF NOT EXISTS search_hits_{table} (id INTEGER PRIMARY KEY)", ()),
                (f"DELETE FROM {name}", ()),
                *([(f"INSERT INTO {name} {hits[0]}", hits[1])] if hits else []),
                # PostgreSQL keeps no statistics on a temp table until told to: without them it guesses 2,260 hits
                # and scans every claim to join them (63 ms for 722 hits at 221k claims; 6 ms with them).
                *([(f"ANALYZE search_hits_{table}", ())] if is_postgresql(self.db) else []),
            )
            self._hits[table] = (text, self.signature())
        return name

    # -- widest cluster first --------------------------------------------------------------------------------------

    def cluster_sizes(self, table: str) -> str:
        """The TEMP table of each current cluster's size, (re)built first when the clusters may have changed."""
        if self.cluster_sizes_stale(table):
            for _ in self.build_cluster_sizes(table):
                pass
        return self._sizes[table][0]

    def cluster_sizes_stale(self, table: str) -> bool:
        known = self._sizes.get(table)
        return known is None or known[1] != self._clusters_state(table)

    def build_cluster_sizes(self, table: str) -> Iterator[None]:
        """Build the sizes into the one of two TEMP tables that listings are not reading, a range of cluster ids
        at a time, yielding after each range: a caller that shares the connection between threads can let other
        statements run in between (counting 200,000 claims by cluster takes a few hundred ms). The new table is
        used from the last range on; a listing asked for meanwhile builds its own (``cluster_sizes``)."""
        alias = _check_table(table)
        state = self._clusters_state(table)
        started_with = self._sizes.get(table)
        current = started_with[0] if started_with else ""
        name = f"temp.cluster_sizes_{table}_{'b' if current.endswith('_a') else 'a'}"
        bare = name.removeprefix("temp.")
        self._temp_write(
            (f"CREATE TEMP TABLE IF NOT EXISTS {bare} (cluster_id INTEGER PRIMARY KEY, n INTEGER NOT NULL)", ()),
            (f"CREATE INDEX IF NOT EXISTS temp.{bare}_order ON {bare} (n DESC, cluster_id)", ()),
            (f"DELETE FROM {name}", ()),
        )
        highest = self.db.execute(f"SELECT max(cluster_id) FROM {table}").fetchone()[0] or 0
        for low in range(0, highest + 1, CLUSTER_SIZES_RANGE):
            yield
            if self._sizes.get(table) is not started_with:  # a listing built them meanwhile: nothing left to do
                return
            self._temp_write(
                (
                    # Superseded articles are few: one list of them beats a lookup of every item's article.
                    f"INSERT INTO {name} SELECT {alias}.cluster_id, count(*) FROM {table} {alias} "
                    f"WHERE {alias}.cluster_id >= ? AND {alias}.cluster_id < ? AND {live_item(alias)} "
                    f"AND {alias}.article_id NOT IN (SELECT id FROM articles WHERE superseded_by IS NOT NULL) "
                    f"GROUP BY {alias}.cluster_id",
                    (low, low + CLUSTER_SIZES_RANGE),
                ),
            )
        self._sizes[table] = (name, state)

    def _clusters_state(self, table: str) -> tuple[Any, ...]:
        """What cluster sizes depend on, read from indexes: new items or articles, superseded articles, and
        reviewers' cluster moves, dismissals and re-extractions (verdicts leave it alone, so reviewing in
        widest-cluster order does not rebuild the sizes after every keypress)."""
        return tuple(
            self.db.execute(
                f"SELECT (SELECT max(id) FROM {table}), (SELECT max(id) FROM articles), "
                "(SELECT count(*) FROM articles WHERE superseded_by IS NULL), "
                "(SELECT count(*) || ' ' || coalesce(max(at), '') FROM corrections WHERE entity_type = ?), "
                "(SELECT count(*) FROM reextract_articles)",
                [ITEM_TABLES[table]],
            ).fetchone()
        )

    # -- listings --------------------------------------------------------------------------------------------------

    def query(self, view: str, filters: BrowseFilter, *, unreviewed: bool = False) -> Query:
        return article_query(filters) if view == "articles" else item_query(self, view, filters, unreviewed=unreviewed)

    def _stories(self, filters: BrowseFilter) -> list[int]:
        """The Stories list in order, remembered until the database changes: stories are ordered by how many
        articles they have (a GROUP BY no index delivers), and there are few of them (one per news event), so
        the list itself is the page index; a story's sort key is its position."""
        memo = ("stories", filters.text, filters.outlet, self.signature())
        found = self._story_lists.get(memo)
        if found is None:
            found = self._story_lists[memo] = story_ids(self.store, text=filters.text, outlet=filters.outlet)
            while len(self._story_lists) > STORY_LISTS_KEPT:
                self._story_lists.popitem(last=False)
        self._story_lists.move_to_end(memo)
        return found

    def _story_page(
        self, filters: BrowseFilter, *, after: Key | None, before: Key | None, from_end: bool, offset: int, limit: int
    ) -> list[tuple[int, Key]]:
        ids = self._stories(filters)
        if after is not None:
            start = after[0] + 1 + offset
        elif before is not None or from_end:
            end = before[0] if before is not None else len(ids)
            start = max(0, end - limit)
            limit = end - start
        else:
            start = offset
        return [(story, (start + i,)) for i, story in enumerate(ids[start : start + limit])]

    def page(
        self,
        view: str,
        filters: BrowseFilter,
        *,
        after: Key | None = None,
        before: Key | None = None,
        from_end: bool = False,
        offset: int = 0,
        limit: int = 100,
        unreviewed: bool = False,
    ) -> list[tuple[int, Key]]:
        """(id, sort key) of ``limit`` listed rows: the first ones, the last ones, those after or before a key, or
        from an offset (a jump into the middle of a long list: SQLite steps over ``offset`` index entries).

        The rows are looked for in the order's index first; when that reads more than ``WALK_BUDGET`` allows, the
        matching rows are rare, and the listing (for as long as the data stays the same) starts from its filters'
        own indexes instead (see ``keyset.Where``)."""
        if view == "stories":
            return (
                []
                if unreviewed
                else self._story_page(
                    filters, after=after, before=before, from_end=from_end, offset=offset, limit=limit
                )
            )
        query = self.query(view, filters, unreviewed=unreviewed)

        def page(query: keyset.Query) -> list[tuple[int, keyset.Key]]:
            return keyset.page(
                self.db, query, after=after, before=before, from_end=from_end, offset=offset, limit=limit
            )

        memo = (view, filters, unreviewed, from_end or before is not None, self.signature())
        if query.driving and memo not in self._sparse:
            try:
                with keyset.budget(self.db.conn, WALK_BUDGET):
                    return page(query)
            except keyset.OverBudget:
                self._sparse[memo] = True
                while len(self._sparse) > COUNTS_KEPT:
                    self._sparse.popitem(last=False)
        return page(query.driven() if query.driving else query)

    def count(self, view: str, filters: BrowseFilter) -> int:
        """How many rows the listing has; remembered until the database changes (the order does not count)."""
        if view == "stories":
            return len(self._stories(filters))
        key = (view, replace(filters, order=READING), self.signature())
        if key in self._counts:
            self._counts.move_to_end(key)
            return self._counts[key]
        found = keyset.count(self.db, self.query(view, replace(filters, order=READING)))
        self._counts[(view, replace(filters, order=READING), self.signature())] = found
        while len(self._counts) > COUNTS_KEPT:
            self._counts.popitem(last=False)
        return found

    def position(self, view: str, filters: BrowseFilter, item_id: int) -> int | None:
        """Where an item stands in the listing (0-based), or None when the listing does not hold it."""
        if view == "stories":
            key = self.key_of(view, filters, item_id)
            return None if key is None else int(key[0])
        return keyset.position(self.db, self.query(view, filters), item_id)

    def key_of(self, view: str, filters: BrowseFilter, item_id: int) -> Key | None:
        if view == "stories":
            ids = self._stories(filters)
            return (ids.index(item_id),) if item_id in ids else None
        return keyset.key_of(self.db, self.query(view, filters), item_id)

    def next_unreviewed(self, view: str, filters: BrowseFilter, key: Key, backwards: bool = False) -> int | None:
        """The id of the nearest listed item after (or before) ``key`` without an effective verdict, wrapping
        around the end of the list; None when every listed item has one."""
        if backwards:
            found = self.page(view, filters, before=key, limit=1, unreviewed=True) or self.page(
                view, filters, from_end=True, limit=1, unreviewed=True
            )
        else:
            found = self.page(view, filters, after=key, limit=1, unreviewed=True) or self.page(
                view, filters, limit=1, unreviewed=True
            )
        return found[0][0] if found else None

    def ids(self, view: str, filters: BrowseFilter) -> list[int]:
        """Every listed id in order, a page at a time (scripts and tests; the review screen pages instead)."""
        found: list[int] = []
        after: Key | None = None
        while batch := self.page(view, filters, after=after, limit=ID_CHUNK * 10):
            found.extend(item_id for item_id, _ in batch)
            after = batch[-1][1]
        return found


def item_ids(store: Store, table: str, filters: BrowseFilter) -> list[int]:
    """Ids of the current items matching ``filters``, in the listing's order (scripts and tests)."""
    _check_table(table)
    return Browser(store).ids(table, filters)


def article_ids(store: Store, filters: BrowseFilter) -> list[int]:
    """Ids of the current articles matching ``filters``, in reading order (scripts and tests)."""
    return Browser(store).ids("articles", filters)


def item_rows(store: Store, table: str, ids: Sequence[int], blind_for: str | None = None) -> list[dict[str, Any]]:
    """The list-line rows of ``ids`` (in the order given), with article metadata, cluster size and verdicts (blind:
    the reviewer's own judgements)."""
    alias = _check_table(table)
    joins, join_params = _review_joins(table, alias, blind_for)
    own_verdict, cluster_verdict = (f"{rows}.verdict" for rows in _verdicts(blind_for))
    own = (
        (
            "c.mention, c.value, c.value_high, c.unit, c.hedge, c.role, c.target, c.checkworthy, c.checkworthy_score, "
            "(SELECT count(*) FROM live_conflicts k WHERE k.kind = 'claim' AND k.cluster_a = c.cluster_id) + "
            "(SELECT count(*) FROM live_conflicts k WHERE k.kind = 'claim' AND k.cluster_b = c.cluster_id) "
            "AS conflicts"
        )
        if table == "claims"
        else "q.text, q.cue"
    )
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
    """Fill each row's ``sentence`` (in place), reading each article's text once, ``TEXTS_CHUNK`` articles a
    query: a page's rows come from some 30 articles, and one query each cost PostgreSQL 30 round trips (3 to
    40 ms each on a loaded machine) for a page whose listing query takes 7."""
    by_article: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(rows.values(), key=lambda row: row["article_id"]):
        by_article.setdefault(row["article_id"], []).append(row)
    articles = list(by_article)
    for first in range(0, len(articles), TEXTS_CHUNK):
        chunk = articles[first : first + TEXTS_CHUNK]
        texts = store.article_texts(chunk)
        for _ in store.with_text_slices((row for a in chunk for row in by_article[a]), texts=texts, sentence=SENTENCE):
            pass  # with_text_slices fills the rows as it goes
    return rows


def cluster_summaries(store: Store, table: str, cluster_ids: Sequence[int]) -> list[dict[str, Any]]:
    """For each cluster id (in the order given): its representative's wording, value, outlet and date, and its
    current size and number of outlets."""
    alias = _check_table(table)
    wording = (
        f"{alias}.mention AS wording, c.value, c.value_high, c.unit, c.hedge"
        if table == "claims"
        else f"{alias}.text AS wording, q.speaker"
    )
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
    return [
        row[0]
        for row in store.db.execute(
            "SELECT DISTINCT outlet FROM articles WHERE superseded_by IS NULL ORDER BY outlet"
        ).fetchall()
    ]


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + ID_CHUNK] for i in range(0, len(ids), ID_CHUNK)]
