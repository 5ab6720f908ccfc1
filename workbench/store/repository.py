"""All SQL of the workbench lives here: the store that the services call."""

from __future__ import annotations

import contextlib
import json
import operator
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from workbench.models import DISMISS_REASONS, Article, Claim, Quote
from workbench.store import db as dbmod
from workbench.store import search
from workbench.store.migrations import DEFERRABLE_INDEXES

ARTICLE_COLUMNS = (
    "id, source, source_key, version, content_hash, outlet, published, title, url, language, path, ingested_at, "
    "superseded_by, story_id"
)
SENTENCE = ("sentence_start", "sentence_end")
# What one window of an article gives the store: sentences, claims, quotes, a (label, score) per claim or None, and
# each claim's statement read for clustering (see ``cluster_claims.prepared_claims``) or None.
ArticlePart = tuple[
    Sequence[tuple[int, int]],
    Sequence[Claim],
    Sequence[Quote],
    Sequence[tuple[str, float]] | None,
    Sequence[str | None] | None,
]
METADATA_COLUMNS = ("outlet", "published", "title", "url", "language", "author")
CLAIM_FIELDS = tuple(f for f in Claim.model_fields if f not in ("id", "trace"))
QUOTE_FIELDS = tuple(f for f in Quote.model_fields if f not in ("id", "trace"))
# The columns of an ``ItemRows`` claim and quote row, in order.
CLAIM_ROW = tuple(f for f in CLAIM_FIELDS if f != "article_id")
QUOTE_ROW = tuple(f for f in QUOTE_FIELDS if f not in ("article_id", "cluster_id"))
_CLAIM_VALUES = operator.attrgetter(*CLAIM_ROW)
_QUOTE_VALUES = operator.attrgetter(*QUOTE_ROW)
_TARGET, _CLUSTER, _GROUP = (CLAIM_ROW.index(name) for name in ("target", "cluster_id", "change_group"))


@dataclass(frozen=True)
class ItemRows:
    """One ``ArticlePart`` as the rows the store inserts: what an extraction worker hands over to the storing
    process, since plain tuples pickle and unpickle several times faster than the models (see ``item_rows``)."""

    sentences: Sequence[tuple[int, int]]
    claims: Sequence[tuple[Any, ...]]
    """``CLAIM_ROW`` values (target as 0/1, no cluster, the article-local change group), then the check-worthiness
    label and score when ``assessed``, then the clustering reading when ``prepared``."""
    quotes: Sequence[tuple[Any, ...]]
    """``QUOTE_ROW`` values."""
    assessed: bool
    prepared: bool


def item_rows(part: ArticlePart | ItemRows) -> ItemRows:
    """The rows of one part of an article, as ``store_article_parts`` inserts them."""
    if isinstance(part, ItemRows):
        return part
    sentences, claims, quotes, checkworthiness, prepared = part
    if checkworthiness is not None and len(checkworthiness) != len(claims):
        raise ValueError(f"{len(checkworthiness)} check-worthiness values for {len(claims)} claims")
    if prepared is not None and len(prepared) != len(claims):
        raise ValueError(f"{len(prepared)} prepared features for {len(claims)} claims")
    rows = []
    for i, claim in enumerate(claims):
        values = list(_CLAIM_VALUES(claim))
        values[_TARGET] = int(bool(claim.target))
        values[_CLUSTER] = None
        if checkworthiness is not None:
            values += checkworthiness[i]
        if prepared is not None:
            values.append(prepared[i])
        rows.append(tuple(values))
    return ItemRows(
        list(sentences), rows, list(map(_QUOTE_VALUES, quotes)), checkworthiness is not None, prepared is not None
    )


# Claims in the review queue: checkable, or not assessed yet (hiding an unassessed claim would hide it silently).
CHECKABLE_SQL = "coalesce({alias}.checkworthy, 'checkable') = 'checkable'"


HUMAN_DISMISSALS_SQL = "(" + ", ".join(f"'{reason}'" for reason in DISMISS_REASONS) + ")"


def live_item(alias: str) -> str:
    """The one SQL condition that keeps dismissed items (by a reviewer, or no longer extracted) out of lists,
    counts, clusters and exports; every reader of current items adds it next to ``a.superseded_by IS NULL``."""
    return f"{alias}.dismissed IS NULL"


def review_joins(alias: str, item_type: str, own: str = "o", cluster: str = "k") -> str:
    """The item's own review and its cluster's review, LEFT JOINed as ``own`` and ``cluster``: the two inputs of
    ``effective_verdict``."""
    return (
        f" LEFT JOIN reviews {own} ON {own}.entity_type = '{item_type}' AND {own}.entity_id = {alias}.id"
        f" LEFT JOIN reviews {cluster} ON {cluster}.entity_type = '{item_type}_cluster'"
        f" AND {cluster}.entity_id = {alias}.cluster_id"
    )


def effective_verdict(own: str = "o", cluster: str = "k") -> str:
    """A verdict on a cluster applies to its members unless a member has its own: the one SQL statement of that
    rule, over the reviews joined by ``review_joins`` (NULL while neither has a verdict)."""
    return f"coalesce({own}.verdict, {cluster}.verdict)"


def verdict_origin(own: str = "o", cluster: str = "k", mine: str = "'own'", theirs: str = "'cluster'") -> str:
    """Where ``effective_verdict`` came from: ``mine`` when the item has its own, ``theirs`` when it inherits."""
    return f"CASE WHEN {own}.verdict IS NOT NULL THEN {mine} WHEN {cluster}.verdict IS NOT NULL THEN {theirs} END"


@dataclass(frozen=True)
class StoredVersion:
    id: int
    source_key: str
    version: int
    content_hash: str
    current: bool = True  # False once a newer version superseded it
    source: str = ""
    outlet: str = ""
    path: str | None = None


@dataclass(frozen=True)
class Stored:
    """What ``store_article_version`` did: ``created`` is False when another process stored the same text first."""

    id: int
    created: bool
    previous_id: int | None = None


class Store:
    """The workbench database. Open with ``Store.open(path)``; close it, or use it as a context manager."""

    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path

    # -- lifecycle -------------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> Store:
        """``readonly``: for commands that only read; no lock is taken, so they answer during a long ingest."""
        resolved = dbmod.resolve_db_path(path)
        return cls(dbmod.open_db(resolved, readonly=readonly), resolved)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[sqlite_utils.Database]:
        return dbmod.transaction(self.db)

    @contextlib.contextmanager
    def savepoints_in_memory(self) -> Iterator[None]:
        """While storing articles one savepoint each: SQLite copies every page an article's savepoint changes into
        a sub-journal, by default a temporary file, and writing it was a quarter of the ingest's storing CPU. In
        memory it holds one article's pages at a time. Only for that phase: a savepoint around a whole clustering
        run would hold most of a table. The setting is left alone when the connection has TEMP tables (changing
        it drops them) and on PostgreSQL."""
        conn = self.db.conn
        if dbmod.is_postgresql(self.db) or conn.execute("SELECT 1 FROM temp.sqlite_master LIMIT 1").fetchone():
            yield
            return
        before = int(conn.execute("PRAGMA temp_store").fetchone()[0])
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            yield
        finally:
            # SQLite refuses the switch inside a transaction a failure left open; the setting then stays: harmless
            with contextlib.suppress(sqlite3.OperationalError):
                conn.execute(f"PRAGMA temp_store = {before}")

    @contextlib.contextmanager
    def indexes_built_after(self, bulk: bool) -> Iterator[None]:
        """A bulk load (``bulk``) into a database without claims or quotes stores them without the
        ``DEFERRABLE_INDEXES`` and builds those once at the end: row by row, each commit rewrote pages all over
        them. Dropped in a transaction of their own; a run killed before the end leaves them missing, and the next
        open of the database (``db.restore_indexes``) builds them. Otherwise, and on PostgreSQL, nothing changes."""
        if (
            not bulk
            or dbmod.is_postgresql(self.db)
            or self.scalar("SELECT 1 FROM claims UNION ALL SELECT 1 FROM quotes LIMIT 1") is not None
        ):
            yield
            return
        with self.transaction():
            for name in DEFERRABLE_INDEXES:
                self.db.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            yield
        finally:
            dbmod.restore_indexes(self.db)

    @property
    def schema_version(self) -> int:
        return dbmod.schema_version(self.db)

    @property
    def team_mode(self) -> bool:
        """Whether every write must name a registered reviewer: once anyone has registered a reviewer (``workbench
        reviewers add``), on either engine. A PostgreSQL database is not in team mode by itself: a desk registers
        its reviewers first, and until then a new shared database accepts any name, as a new SQLite file does
        (refusing every write of a database nobody has set up yet would make its first use an error)."""
        return self.db.execute("SELECT 1 FROM reviewers LIMIT 1").fetchone() is not None

    def integrity_ok(self) -> bool:
        return dbmod.integrity_ok(self.db)

    def check_tables(self, tables: Iterable[str]) -> None:
        """``StoreError`` if any of ``tables`` is damaged: a command about to write there checks first, since
        SQLite itself only notices damage on the pages a statement happens to touch. Fast on review-sized tables."""
        for table in tables:
            try:
                result = self.db.execute(f'PRAGMA quick_check("{table}")').fetchone()[0]
            except sqlite3.DatabaseError as exc:
                raise dbmod.StoreError(dbmod.describe_error(self.path, exc)) from exc
            if result != "ok":
                raise dbmod.StoreError(
                    dbmod.describe_error(
                        self.path, sqlite3.DatabaseError(f"database disk image is malformed: table {table}: {result}")
                    )
                )

    # Query helpers for the store's own modules (browse, reviews, exports ...): SQL stays inside workbench/store/.

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name, so callers read them by name whatever the SELECT's order."""
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def iter_rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[dict[str, Any]]:
        """``rows`` a thousand at a time: exports of a whole corpus never hold it in memory (on PostgreSQL through a
        server-side cursor, ``PgDatabase.stream``)."""
        if dbmod.is_postgresql(self.db):
            yield from self.db.stream(sql, params)  # type: ignore[attr-defined]  # a PgDatabase here
            return
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(1000):
            for row in batch:
                yield dict(zip(names, row, strict=True))

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- articles ----------------------------------------------------------------------------------------------------

    _VERSION_COLUMNS = "id, source_key, version, content_hash, superseded_by IS NULL, source, outlet, path"

    def find_version(self, source_key: str, content_hash: str) -> StoredVersion | None:
        row = self.db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM articles WHERE source_key = ? AND content_hash = ?",
            [source_key, content_hash],
        ).fetchone()
        return StoredVersion(*row) if row else None

    def current_version(self, source_key: str) -> StoredVersion | None:
        row = self.db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM articles WHERE source_key = ? AND superseded_by IS NULL",
            [source_key],
        ).fetchone()
        return StoredVersion(*row) if row else None

    def current_versions_named(self, source: str) -> list[StoredVersion]:
        """The current articles shown as ``source`` (the name people see: two folders may each hold an x.txt)."""
        rows = self.db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM articles WHERE source = ? AND superseded_by IS NULL ORDER BY id",
            [source],
        ).fetchall()
        return [StoredVersion(*row) for row in rows]

    def current_version_at(self, path: str) -> StoredVersion | None:
        """The current article last read from the file at ``path`` (an absolute path), under whatever key."""
        row = self.db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM articles WHERE path = ? AND superseded_by IS NULL "
            "AND source_key LIKE 'file:%' ORDER BY id DESC LIMIT 1",
            [path],
        ).fetchone()
        return StoredVersion(*row) if row else None

    def current_jsonl_twin(self, source: str, outlet: str, content_hash: str) -> StoredVersion | None:
        """The current article with this JSONL id, outlet and text read from any JSONL file."""
        row = self.db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM articles WHERE source = ? AND outlet = ? AND content_hash = ? "
            "AND superseded_by IS NULL AND source_key LIKE 'jsonl:%' ORDER BY id LIMIT 1",
            [source, outlet, content_hash],
        ).fetchone()
        return StoredVersion(*row) if row else None

    def rename_source(self, old_key: str, new_key: str, source: str) -> int:
        """Give every version stored under ``old_key`` the identity ``new_key`` (adopting rows stored before
        identities were scoped); returns how many rows moved, 0 when ``new_key`` was taken meanwhile."""
        with self.transaction():
            if self.scalar("SELECT 1 FROM articles WHERE source_key = ? LIMIT 1", [new_key]):
                return 0
            return self.db.execute(
                "UPDATE articles SET source_key = ?, source = ? WHERE source_key = ?", [new_key, source, old_key]
            ).rowcount

    def unanchored_predecessor(self, article_id: int) -> int | None:
        """The version ``article_id`` superseded, if any of its claims or quotes still carries a review, judgement,
        source or note that re-anchoring neither moved (moving re-keys them) nor flagged orphaned."""

        def left_behind(table: str, entity_type: str) -> str:
            recorded = " OR ".join(
                f"EXISTS (SELECT 1 FROM {records} r WHERE r.entity_type = '{entity_type}' AND r.entity_id = x.id)"
                for records in ("reviews", "judgements", "sources", "notes")
            )
            return (
                f"EXISTS (SELECT 1 FROM {table} x WHERE x.article_id = p.id AND ({recorded}) AND NOT EXISTS "
                f"(SELECT 1 FROM reviews o WHERE o.entity_type = '{entity_type}' AND o.entity_id = x.id "
                "AND o.orphaned = 1))"
            )

        row = self.db.execute(
            f"SELECT p.id FROM articles p WHERE p.superseded_by = ? AND ({left_behind('claims', 'claim')} OR "
            f"{left_behind('quotes', 'quote')})",
            [article_id],
        ).fetchone()
        return int(row[0]) if row else None

    def update_article_metadata(self, article_id: int, metadata: dict[str, Any]) -> bool:
        """Refresh outlet/date/title/url from a newer manifest; returns whether anything changed."""
        allowed = {k: v for k, v in metadata.items() if k in METADATA_COLUMNS}
        if not allowed:
            return False
        current = self.rows(f"SELECT {', '.join(allowed)} FROM articles WHERE id = ?", [article_id])[0]
        changed = {k: v for k, v in allowed.items() if current[k] != v}
        if changed:
            with self.transaction():
                self.db.table("articles").update(article_id, changed)
        return bool(changed)

    def add_article_version(
        self,
        article: Article,
        sentences: Sequence[tuple[int, int]],
        claims: Sequence[Claim],
        quotes: Sequence[Quote],
        checkworthiness: Sequence[tuple[str, float]] | None = None,
    ) -> int:
        """Store one article version with everything extracted from it, atomically; returns its id."""
        return self.store_article_version(article, sentences, claims, quotes, checkworthiness).id

    def store_article_version(
        self,
        article: Article,
        sentences: Sequence[tuple[int, int]],
        claims: Sequence[Claim],
        quotes: Sequence[Quote],
        checkworthiness: Sequence[tuple[str, float]] | None = None,
    ) -> Stored:
        """Store one article version with everything extracted from it, atomically (see ``store_article_parts``)."""
        return self.store_article_parts(article, [(sentences, claims, quotes, checkworthiness, None)])

    def store_article_parts(
        self,
        article: Article,
        parts: Iterable[ArticlePart | ItemRows],
        *,
        index_now: bool = True,
    ) -> Stored:
        """Store one article version with everything extracted from it, atomically.

        ``parts`` (see ``ArticlePart``) are (sentences, claims, quotes, check-worthiness, clustering readings), or
        their ``ItemRows``, in article order, consumed one at a time inside the transaction, so an article extracted window by window never
        has all its claims in memory; an exception while they are produced rolls the whole article back. A previous current version of the same source is
        marked superseded (kept, never deleted). Article-local change groups of the claims become global: the id of
        the group's first stored claim. The check-worthiness holds a (label, score) per claim of its part, in order;
        without it (None) the claims wait for ``workbench checkworthy``. The same text already stored under the same
        key (another ingest of the same file got there first) is not stored again, and ``parts`` is then not
        consumed. ``index_now=False`` leaves the new items to the caller's ``search.sync`` before it commits: an
        ingest syncs once per batch of articles, since FTS5 writes its pending terms out as a segment at every
        savepoint, and a segment per article (then merging them) cost more than indexing the words.
        """
        key = article.source_key or f"file:{article.source}"
        with self.transaction():
            existing = self.find_version(key, article.content_hash)
            if existing is not None:
                return Stored(existing.id, created=False)
            previous = self.current_version(key)
            version = (self.scalar("SELECT max(version) FROM articles WHERE source_key = ?", [key]) or 0) + 1
            record = article.model_dump(exclude={"id", "superseded_by"})
            record["source_key"] = key
            record["version"] = version
            record["ingested_at"] = record["ingested_at"] or dbmod.utcnow()
            if not isinstance(record["ingested_at"], str):
                record["ingested_at"] = record["ingested_at"].isoformat()
            article_id = self._insert_article(record)
            if previous is not None:
                # A new version reports the same event: it stays in its story.
                self.db.execute(
                    "UPDATE articles SET story_id = (SELECT story_id FROM articles WHERE id = ?) WHERE id = ?",
                    [previous.id, article_id],
                )
                self.db.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", [article_id, previous.id])
            group_ids: dict[int, int] = {}
            for part in parts:
                rows = item_rows(part)
                self.db.conn.executemany(
                    "INSERT INTO sentences (article_id, start, end) VALUES (?, ?, ?)",
                    ((article_id, s, e) for s, e in rows.sentences),
                )
                self._insert_claims(article_id, rows, group_ids)
                self._insert_quotes(article_id, rows.quotes)
            if index_now:
                search.sync(self.db)  # the new items are searchable when the article is
        return Stored(int(article_id), created=True, previous_id=previous.id if previous else None)

    def _insert_article(self, record: dict[str, Any]) -> int:
        if dbmod.is_postgresql(self.db):
            return dbmod.inserted_id(self.db.table("articles").insert(record).last_pk)
        # Plain SQL: sqlite-utils' insert first lists the tables and views, a tenth of storing an article.
        columns = ", ".join(f'"{name}"' for name in record)
        sql = f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(record))})"
        return dbmod.inserted_id(self.db.conn.execute(sql, list(record.values())).lastrowid)

    def _insert_claims(self, article_id: int, rows: ItemRows, group_ids: dict[int, int]) -> None:
        """Prepared INSERTs in batches (an article may hold 200,000 claims): the first claim of a change group is
        inserted alone, to get its own id as the group's; the others take the first one's (``group_ids``: local
        group -> id, across parts). The clustering readings (``rows.prepared``) are what clustering reads off each
        claim's statement, read by the extraction workers (see ``cluster_claims.prepared_claims``)."""
        extra = ["checkworthy", "checkworthy_score"] if rows.assessed else []
        extra += ["cluster_features"] if rows.prepared else []
        columns = [*CLAIM_ROW, *extra]
        sql = f"INSERT INTO claims (article_id, {', '.join(columns)}) VALUES (?, {', '.join('?' for _ in columns)})"
        group = 1 + _GROUP
        cursor = self.db.conn.cursor()
        batch: list[list[Any]] = []
        for row in rows.claims:
            values = [article_id, *row]
            local_group = values[group]
            if local_group is None:
                batch.append(values)
                continue
            values[group] = group_ids.get(local_group)
            if local_group in group_ids:
                batch.append(values)
                continue
            cursor.executemany(sql, batch)
            batch.clear()
            cursor.execute(sql, values)
            group_ids[local_group] = int(cursor.lastrowid or 0)
            cursor.execute("UPDATE claims SET change_group = id WHERE id = ?", [cursor.lastrowid])
        cursor.executemany(sql, batch)

    def _insert_quotes(self, article_id: int, quotes: Sequence[tuple[Any, ...]]) -> None:
        """One prepared INSERT for all of them (``QUOTE_ROW`` values): sqlite-utils' ``insert_all`` cost more than
        the SQL itself."""
        sql = f"INSERT INTO quotes (article_id, {', '.join(QUOTE_ROW)}) VALUES (?, {', '.join('?' for _ in QUOTE_ROW)})"
        self.db.conn.executemany(sql, ((article_id, *row) for row in quotes))

    def with_text_slices(
        self, rows: Iterable[dict[str, Any]], *, texts: Mapping[int, str] | None = None, **slices: tuple[str, str]
    ) -> Iterator[dict[str, Any]]:
        """Rows with ``row[name] = text[row[start_key]:row[end_key]]`` of their article, for each
        ``name=(start_key, end_key)``; each article's text is read once per run of its rows (or taken from
        ``texts``, read beforehand by ``article_texts``).

        Never slice in SQL: SQLite's substr walks a text from its start on every call, so 20,000 sentences of one
        30 MB article took four minutes; Python slices in constant time. Rows should come grouped by article.
        """
        article_id, text = None, ""
        for row in rows:
            if row["article_id"] != article_id:
                article_id = row["article_id"]
                text = (texts.get(article_id) if texts is not None else self.article_text(article_id)) or ""
            for name, (start_key, end_key) in slices.items():
                start = row.get(start_key)
                row[name] = None if start is None else text[start : row[end_key]]
            yield row

    def get_article(self, article_id: int) -> Article | None:
        rows = self.rows("SELECT * FROM articles WHERE id = ?", [article_id])
        return Article(**rows[0]) if rows else None

    def article_text(self, article_id: int) -> str | None:
        return self.scalar("SELECT text FROM articles WHERE id = ?", [article_id])

    def article_texts(self, article_ids: Sequence[int]) -> dict[int, str]:
        """Several articles' texts in one query: on PostgreSQL each query is a round trip to the server."""
        marks = ", ".join("?" * len(article_ids))
        return dict(
            self.db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", list(article_ids)).fetchall()
        )

    def list_articles(self, *, current_only: bool = True) -> list[dict[str, Any]]:
        where = "WHERE superseded_by IS NULL" if current_only else ""
        return self.rows(
            f"SELECT {ARTICLE_COLUMNS}, length(text) AS length, "
            f"(SELECT count(*) FROM claims c WHERE c.article_id = a.id AND {live_item('c')}) AS claims, "
            f"(SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND {live_item('q')}) AS quotes "
            f"FROM articles a {where} ORDER BY published, source"
        )

    def iter_articles(self, *, current_only: bool = True) -> Iterator[dict[str, Any]]:
        where = "WHERE superseded_by IS NULL" if current_only else ""
        return self.iter_rows(f"SELECT * FROM articles {where} ORDER BY id")

    def sentences(self, article_id: int) -> list[tuple[int, int]]:
        return [
            (s, e)
            for s, e in self.db.execute(
                "SELECT start, end FROM sentences WHERE article_id = ? ORDER BY start", [article_id]
            ).fetchall()
        ]

    def counts(self) -> dict[str, int]:
        return {
            "articles": self.scalar("SELECT count(*) FROM articles WHERE superseded_by IS NULL"),
            "versions": self.scalar("SELECT count(*) FROM articles"),
            "claims": self.scalar(
                "SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.superseded_by IS NULL "
                f"AND {live_item('c')}"
            ),
            "quotes": self.scalar(
                "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.superseded_by IS NULL "
                f"AND {live_item('q')}"
            ),
            # Stories printed by two or more articles (what the Stories view lists).
            "stories": self.scalar(
                "SELECT count(*) FROM (SELECT 1 FROM articles WHERE superseded_by IS NULL AND story_id IS NOT NULL "
                "GROUP BY story_id HAVING count(*) > 1)"
            ),
        }

    # -- claims and quotes -----------------------------------------------------------------------------------------

    def claims_of_article(self, article_id: int) -> list[Claim]:
        rows = self.rows(
            f"SELECT id, {', '.join(CLAIM_FIELDS)} FROM claims WHERE article_id = ? ORDER BY start", [article_id]
        )
        return [Claim(**row) for row in rows]

    def quotes_of_article(self, article_id: int) -> list[Quote]:
        rows = self.rows(
            f"SELECT id, {', '.join(QUOTE_FIELDS)} FROM quotes WHERE article_id = ? ORDER BY start", [article_id]
        )
        return [Quote(**row) for row in rows]

    # -- check-worthiness --------------------------------------------------------------------------------------------

    def articles_to_assess(self, *, everything: bool = False) -> list[int]:
        """Articles with claims whose check-worthiness is not stored yet (or, ``everything``, with any claims)."""
        where = "" if everything else " WHERE checkworthy IS NULL"
        return [row[0] for row in self.db.execute(f"SELECT DISTINCT article_id FROM claims{where} ORDER BY 1")]

    def claim_checkworthiness(self, article_id: int) -> dict[int, tuple[str | None, float | None]]:
        """Each claim of an article: its stored (label, score), (None, None) when not assessed yet."""
        return {
            row[0]: (row[1], row[2])
            for row in self.db.execute(
                "SELECT id, checkworthy, checkworthy_score FROM claims WHERE article_id = ?", [article_id]
            )
        }

    def count_unassessed(self) -> int:
        return int(self.scalar("SELECT count(*) FROM claims WHERE checkworthy IS NULL"))

    def checkworthy_counts(self) -> dict[str, int]:
        """How many current claims carry each label (``None``: not assessed yet)."""
        return {
            row[0]: row[1]
            for row in self.db.execute(
                "SELECT c.checkworthy, count(*) FROM claims c JOIN articles a ON a.id = c.article_id "
                "WHERE a.superseded_by IS NULL GROUP BY c.checkworthy"
            )
        }

    def set_checkworthiness(self, assessed: Iterable[tuple[str, float, int]]) -> None:
        """Store ``(label, score, claim id)`` triples in one transaction."""
        with self.transaction():
            self.db.conn.executemany(
                "UPDATE claims SET checkworthy = ?, checkworthy_score = ? WHERE id = ?", list(assessed)
            )

    # -- clustering --------------------------------------------------------------------------------------------------

    def clustering_items(self, table: str, which: str) -> Iterator[dict[str, Any]]:
        """Rows for the clustering engines, streamed, with only the columns they read.

        ``which``: ``pending`` (no cluster yet, current versions only), ``clustered`` (all versions: a cluster
        outlives its first article's version) or ``representatives`` (the item each cluster is named after).
        Dismissed items are neither clustered nor matched against.
        """
        _check_item_table(table)
        alias = table[0]
        where = {
            "pending": f"{alias}.cluster_id IS NULL AND a.superseded_by IS NULL",
            "clustered": f"{alias}.cluster_id IS NOT NULL",
            "representatives": f"{alias}.cluster_id = {alias}.id",
        }[which] + f" AND {live_item(alias)}"
        return self._clustering_rows(table, where, [])

    def story_clustering_items(self, table: str, story_ids: Iterable[int]) -> Iterator[dict[str, Any]]:
        """Clustered items of current articles of these stories (what new items of the stories may join)."""
        _check_item_table(table)
        alias = table[0]
        ids = json.dumps(sorted(set(story_ids)))
        return self._clustering_rows(
            table,
            f"{alias}.cluster_id IS NOT NULL AND a.superseded_by IS NULL AND {live_item(alias)} "
            "AND a.story_id IN (SELECT value FROM json_each(?))",
            [ids],
        )

    def _clustering_rows(self, table: str, where: str, params: list[Any]) -> Iterator[dict[str, Any]]:
        if table == "quotes":
            return self.iter_rows(
                "SELECT q.id, q.cluster_id, q.text, q.speaker, a.source_key AS source, a.published, a.story_id "
                f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where} ORDER BY q.id",
                params,
            )
        return self.with_text_slices(
            self.iter_rows(
                "SELECT c.id, c.article_id, c.cluster_id, c.kind, c.value, c.value_high, c.unit, c.hedge, c.role, "
                "c.target, c.start, c.end, c.sentence_start, c.sentence_end, c.mention, c.cluster_features, "
                f"a.source_key AS source, a.published, a.story_id FROM claims c JOIN articles a ON a.id = c.article_id WHERE {where} "
                "ORDER BY c.article_id, c.id",
                params,
            ),
            sentence=SENTENCE,
        )

    def shared_clusters(
        self, table: str, *, min_articles: int = 2, speaker: str | None = None, text: str | None = None
    ) -> list[int]:
        """Clusters whose current members come from at least ``min_articles`` articles, widest first."""
        _check_item_table(table)
        alias = table[0]
        text_column = "c.mention" if table == "claims" else "q.text"
        clauses = ["a.superseded_by IS NULL", live_item(alias)]
        params: list[object] = []
        having = ["count(DISTINCT a.source_key) >= ?"]
        having_params: list[object] = [min_articles]
        if speaker:
            having.append(f"max({alias}.speaker LIKE ? ESCAPE '\\')")
            having_params.append(f"%{like_escape(speaker)}%")
        if text:
            having.append(f"max({text_column} LIKE ? ESCAPE '\\')")
            having_params.append(f"%{like_escape(text)}%")
        rows = self.db.execute(
            f"SELECT {alias}.cluster_id FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id "
            f"WHERE {' AND '.join(clauses)} AND {alias}.cluster_id IS NOT NULL GROUP BY {alias}.cluster_id "
            f"HAVING {' AND '.join(having)} ORDER BY count(DISTINCT a.source_key) DESC, {alias}.cluster_id",
            params + having_params,
        ).fetchall()
        return [row[0] for row in rows]

    def set_clusters(self, table: str, assignments: dict[int, int]) -> None:
        _check_item_table(table)
        with self.transaction():
            self.db.conn.executemany(
                # in id order: the rows and their index entries are then written page after page, not at random
                f"UPDATE {table} SET cluster_id = ? WHERE id = ?",
                [(c, i) for i, c in sorted(assignments.items())],
            )

    def add_conflicts(self, kind: str, pairs: Iterable[Sequence[int | None]]) -> None:
        """Record conflicting cluster pairs: ``(a, b)``, or ``(a, b, item_a, item_b, story_id)`` with the items of
        ``a`` and ``b`` that show the disagreement. A pair already recorded keeps its first items."""
        rows = []
        for pair in pairs:
            a, b, *rest = pair
            if a is None or b is None or a == b:
                continue
            item_a, item_b, story = (list(rest) + [None, None, None])[:3]
            if a > b:
                a, b, item_a, item_b = b, a, item_b, item_a
            rows.append((kind, a, b, item_a, item_b, story))
        if rows:
            with self.transaction():
                self.db.conn.executemany(
                    "INSERT OR IGNORE INTO cluster_conflicts (kind, cluster_a, cluster_b, item_a, item_b, story_id) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )

    def list_conflicts(self, kind: str = "claim", story_id: int | None = None) -> list[dict[str, Any]]:
        """Conflicting cluster pairs (optionally of one story), with the two items that show each, newest story
        last. This is the list a "not a conflict" mark filters: a pair is named by (kind, cluster_a, cluster_b)."""
        clause, params = ("AND story_id = ?", [kind, story_id]) if story_id is not None else ("", [kind])
        return self.rows(
            "SELECT kind, cluster_a, cluster_b, item_a, item_b, story_id FROM live_conflicts "
            f"WHERE kind = ? {clause} ORDER BY story_id IS NULL, story_id, cluster_a, cluster_b",
            params,
        )

    def conflict_map(self, kind: str = "claim") -> dict[int, list[int]]:
        """Cluster id → the clusters it conflicts with (one scan: the table is small)."""
        found: dict[int, list[int]] = {}
        for a, b in self.db.execute(
            "SELECT cluster_a, cluster_b FROM live_conflicts WHERE kind = ? ORDER BY cluster_a, cluster_b", [kind]
        ):
            found.setdefault(a, []).append(b)
            found.setdefault(b, []).append(a)
        return {cluster: sorted(others) for cluster, others in found.items()}

    # -- stories ---------------------------------------------------------------------------------------------------

    def ungrouped_articles(self, lead: int) -> Iterator[dict[str, Any]]:
        """Current articles without a story yet, with what story grouping reads (the first ``lead`` characters of
        the text: the whole of a long one would cost memory and say nothing more about the event)."""
        return self.iter_rows(
            "SELECT id, source, published, title, substr(text, 1, ?) AS text FROM articles "
            "WHERE story_id IS NULL AND superseded_by IS NULL ORDER BY id",
            [lead],
        )

    def clear_clustering(self) -> None:
        """Forget every story, cluster and conflict, so that the next clustering run starts from scratch. For
        evaluation copies of a database: reviews on clusters would lose their clusters."""
        with self.transaction():
            self.db.execute("UPDATE articles SET story_id = NULL")
            self.db.execute("DELETE FROM stories")
            self.db.execute("UPDATE claims SET cluster_id = NULL")
            self.db.execute("UPDATE quotes SET cluster_id = NULL")
            self.db.execute("DELETE FROM cluster_conflicts")

    def grouped_articles_near(
        self, first_day: str | None, last_day: str | None, undated: bool, lead: int
    ) -> Iterator[dict[str, Any]]:
        """Current grouped articles published between two ISO dates (inclusive), and the undated ones if asked:
        the stories new articles of those days may join (the first ``lead`` characters of their text)."""
        clauses, params = [], []
        if first_day is not None and last_day is not None:
            clauses.append("(published >= ? AND published <= ?)")  # ISO text: a range on the index
            params += [first_day, f"{last_day}T99"]
        if undated:
            clauses.append("published IS NULL")
        if not clauses:
            return iter(())
        return self.iter_rows(
            "SELECT id, source, published, title, substr(text, 1, ?) AS text, story_id FROM articles "
            f"WHERE story_id IS NOT NULL AND superseded_by IS NULL AND ({' OR '.join(clauses)}) ORDER BY id",
            [lead, *params],
        )

    def shared_stories(self) -> set[int]:
        """Stories with two or more current articles (the only ones inside which items are linked)."""
        return {
            row[0]
            for row in self.db.execute(
                "SELECT story_id FROM articles WHERE superseded_by IS NULL AND story_id IS NOT NULL "
                "GROUP BY story_id HAVING count(*) > 1"
            )
        }

    def set_stories(self, assignments: dict[int, int], titles: dict[int, str]) -> None:
        """Create the new stories (id → title) and put the articles (id → story id) in theirs, atomically."""
        with self.transaction():
            now = dbmod.utcnow()
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO stories (id, title, created_at) VALUES (?, ?, ?)",
                [(story, title, now) for story, title in sorted(titles.items())],
            )
            self.db.conn.executemany(
                "UPDATE articles SET story_id = ? WHERE id = ?",
                [(story, article) for article, story in assignments.items()],
            )

    def conflicts_of(self, kind: str, cluster_id: int) -> list[int]:
        return [
            row[0]
            for row in self.db.execute(
                "SELECT cluster_b FROM live_conflicts WHERE kind = ? AND cluster_a = ? "
                "UNION SELECT cluster_a FROM live_conflicts WHERE kind = ? AND cluster_b = ?",
                [kind, cluster_id, kind, cluster_id],
            ).fetchall()
        ]


def _check_item_table(table: str) -> None:
    if table not in ("claims", "quotes"):
        raise ValueError(f"not an item table: {table!r}")


def like_escape(value: str) -> str:
    """A user's search text as a literal LIKE pattern (with ``ESCAPE '\\'``): "50%" finds 50%, not 50-anything."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
