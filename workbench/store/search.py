"""Full-text search over claims and quotes: SQLite FTS5, kept in step with the item tables.

Each claim or quote is one FTS5 document: its sentence (clipped to ``CONTEXT`` characters either side of the item,
so one 30 MB "sentence" cannot make a 30 MB document), preceded by the item's own words when the sentence does not
hold them (a quote across sentences). A search then costs a few index lookups instead of scanning 100 MB of text.

The indexes are contentless (``content=''``): the sentences stay in the articles, not a second time in the index
(the full corpus: +50 MB instead of +140 MB). A contentless index forgets its documents, so removing one needs the
words it was given; every document is a pure function of the item's columns and its article's text, and article
texts never change, so the old columns are enough to rebuild it exactly.

Keeping in step does not depend on each write path remembering to: triggers (see the migration) record every
inserted, moved or deleted item in ``search_pending`` (with the columns it was indexed with), and ``sync`` indexes
what is pending. The store calls it at the end of each write transaction that adds or re-extracts items, and a
search calls it first, so an item written by any path is found. Changing ``document`` needs a migration that
rebuilds both indexes (``rebuild``): documents indexed the old way could not be removed the new way.

On PostgreSQL each index is a table of (item id, tsvector) with a GIN index, fed by the same ``search_pending`` list
(a trigger function records the items) and the same ``document``. Words are split and folded here, in Python, the
way FTS5's unicode61 tokenizer does it (letters and digits, no case, no diacritics), and given to the 'simple'
text-search configuration, so a search finds the same items on both engines; a row is removed by its id, so no
old words are needed there.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterator

import sqlite_utils

# Item table -> (its FTS5 table, the column holding the item's own words).
INDEXES = {"claims": ("claims_fts", "mention"), "quotes": ("quotes_fts", "text")}
CONTEXT = 600  # characters of the sentence kept either side of the item
MAX_WORDS = 2000  # characters of an item's own words (a pathological quote of megabytes stays bounded)
PREFIX_MIN = 3  # a search word this long or longer also finds longer words ("tarif" finds "tariffs")
_WORD = re.compile(r"[^\W_]+")
_LOCATION = ("article_id", "start", "end", "sentence_start", "sentence_end")


def document(
    words: str | None, text: str, start: int, end: int, sentence_start: int | None, sentence_end: int | None
) -> str:
    """What is indexed for one item: its sentence around it, and its own words when the sentence lacks them."""
    if sentence_start is None or sentence_end is None or sentence_end <= sentence_start:
        return (words or "")[:MAX_WORDS]
    lo, hi = max(sentence_start, start - CONTEXT), min(sentence_end, end + CONTEXT)
    context = text[lo:hi]
    if lo <= start and end <= hi:
        return context
    return f"{(words or '')[:MAX_WORDS]}\n{context}"


def _fold(text: str) -> str:
    """Lower case without diacritics: what FTS5's ``unicode61 remove_diacritics 2`` compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _terms(query: str) -> Iterator[tuple[list[str], bool]]:
    """Each typed word as its tokens, and whether its last token matches as a prefix."""
    for word in query.split():
        tokens = _WORD.findall(word)
        if tokens:
            yield tokens, len(tokens[-1]) >= PREFIX_MIN and not tokens[-1].isdigit()


def tsquery(query: str) -> str | None:
    """``match_expression`` for PostgreSQL: every word (a phrase of its tokens, the last one maybe a prefix)."""
    terms = []
    for tokens, prefix in _terms(query):
        folded = [token for t in tokens for token in _WORD.findall(_fold(t))]
        phrase = " <-> ".join(folded) + (":*" if prefix else "")
        terms.append(f"({phrase})")
    return " & ".join(terms) or None


def tsvector_text(text: str) -> str:
    """A document as the words PostgreSQL indexes: split and folded as FTS5 does (see the module's docstring)."""
    return " ".join(_WORD.findall(_fold(text)))


def match_expression(query: str) -> str | None:
    """The FTS5 query for what a reviewer typed: every word must occur (in any order) in the item's sentence.

    Each word is passed as a quoted FTS5 string, so nothing typed is read as query syntax (``AND``, ``-``, ``*``,
    ``"``); FTS5 splits it like the indexed text ("3.2" is the phrase 3 2, "Iran's" is iran s). Words of
    ``PREFIX_MIN`` letters or more match as prefixes, so a search finds plurals and works while typing; numbers
    match whole ("3" does not find 30). None when nothing searchable was typed.
    """
    terms = []
    for tokens, prefix in _terms(query):
        phrase = '"' + " ".join(tokens).replace('"', '""') + '"'
        terms.append(phrase + ("*" if prefix else ""))
    return " ".join(terms) or None


def hits_query(db: sqlite_utils.Database, table: str, query: str) -> tuple[str, list[str]] | None:
    """A SELECT of the ids of the items matching ``query`` (in the database's engine), or None when nothing
    searchable was typed."""
    index, _ = _index(table)
    if _postgresql(db):
        expression = tsquery(query)
        sql = f"SELECT id FROM {index} WHERE body @@ to_tsquery('simple', ?)"
    else:
        expression = match_expression(query)
        sql = f"SELECT rowid FROM {index} WHERE {index} MATCH ?"
    return None if expression is None else (sql, [expression])


def _postgresql(db: sqlite_utils.Database) -> bool:
    from workbench.store.db import is_postgresql

    return is_postgresql(db)


def matching_ids(db: sqlite_utils.Database, table: str, query: str) -> Iterator[int]:
    """Ids of the items (of any article version, dismissed or not) whose document matches ``query``, ascending."""
    found = hits_query(db, table, query)
    if found is None:
        return iter(())
    sync(db)
    sql, params = found
    return (row[0] for row in db.execute(f"{sql} ORDER BY 1", params))


def pending(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM search_pending").fetchone()[0])


def sync(db: sqlite_utils.Database) -> int:
    """Index the items recorded in ``search_pending``; returns how many were pending.

    Runs inside the caller's transaction when there is one (an ingest's article), else in its own. A connection
    that cannot write (a read-only open) leaves the pending items for the next writer.
    """
    if db.execute("SELECT 1 FROM search_pending LIMIT 1").fetchone() is None:
        return 0
    from workbench.store.db import transaction

    done = 0
    try:
        with transaction(db):
            for table in INDEXES:
                done += _sync_table_postgresql(db, table) if _postgresql(db) else _sync_table(db, table)
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_READONLY:
            raise
    return done


def _sync_table(db: sqlite_utils.Database, table: str) -> int:
    index, words = _index(table)
    rows = db.execute(
        f"SELECT p.item_id, p.indexed, p.old_words, p.old_article_id, p.old_start, p.old_end, "
        f"p.old_sentence_start, p.old_sentence_end, i.id, i.{words}, i.article_id, i.start, i.end, "
        "i.sentence_start, i.sentence_end "
        f"FROM search_pending p LEFT JOIN {table} i ON i.id = p.item_id WHERE p.item_table = ? "
        "ORDER BY coalesce(i.article_id, p.old_article_id)",
        [table],
    ).fetchall()
    texts = _ArticleTexts(db)
    removals, additions = [], []
    for item_id, indexed, old_words, *rest in rows:
        old, (current_id, new_words, *new) = rest[:5], rest[5:]
        if indexed:
            removals.append(("delete", item_id, document(old_words, texts.get(old[0]), *old[1:])))
        if current_id is not None:
            additions.append((item_id, document(new_words, texts.get(new[0]), *new[1:])))
    db.conn.executemany(f"INSERT INTO {index} ({index}, rowid, body) VALUES (?, ?, ?)", removals)
    db.conn.executemany(f"INSERT INTO {index} (rowid, body) VALUES (?, ?)", additions)
    db.execute("DELETE FROM search_pending WHERE item_table = ?", [table])
    return len(rows)


def _sync_table_postgresql(db: sqlite_utils.Database, table: str) -> int:
    index, words = _index(table)
    rows = db.execute(
        f"SELECT p.item_id, i.id, i.{words}, i.article_id, i.start, i.end, i.sentence_start, i.sentence_end "
        f"FROM search_pending p LEFT JOIN {table} i ON i.id = p.item_id WHERE p.item_table = ? "
        "ORDER BY i.article_id",
        [table],
    ).fetchall()
    texts = _ArticleTexts(db)
    additions = [
        (item_id, tsvector_text(document(new_words, texts.get(article_id), *location)))
        for item_id, current_id, new_words, article_id, *location in rows
        if current_id is not None
    ]
    db.conn.executemany(f"DELETE FROM {index} WHERE id = ?", [(row[0],) for row in rows])
    db.conn.executemany(f"INSERT INTO {index} (id, body) VALUES (?, to_tsvector('simple', ?))", additions)
    db.execute("DELETE FROM search_pending WHERE item_table = ?", [table])
    return len(rows)


def rebuild(db: sqlite_utils.Database) -> None:
    """Empty both indexes and index every item again (a migration that changes ``document`` calls this)."""
    from workbench.store.db import transaction

    with transaction(db):
        for table, (index, _) in INDEXES.items():
            if _postgresql(db):
                db.execute(f"DELETE FROM {index}")
            else:
                db.execute(f"INSERT INTO {index} ({index}) VALUES ('delete-all')")
            db.execute(f"DELETE FROM search_pending WHERE item_table = '{table}'")
            db.execute(f"INSERT INTO search_pending (item_table, item_id) SELECT '{table}', id FROM {table}")
        sync(db)


class _ArticleTexts:
    """The text of the article being indexed (rows come grouped by article, so one is kept at a time)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._id: int | None = None
        self._text = ""

    def get(self, article_id: int) -> str:
        if article_id != self._id:
            row = self._db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
            self._id, self._text = article_id, row[0] if row else ""
        return self._text


def _index(table: str) -> tuple[str, str]:
    if table not in INDEXES:
        raise ValueError(f"not an item table: {table!r}")
    return INDEXES[table]


def _trigger_statements() -> Iterator[str]:
    """Triggers that record in ``search_pending`` each item inserted, deleted, or changed in what it indexes."""
    for table, (_, words) in INDEXES.items():
        old = f"old.{words}, " + ", ".join(f"old.{column}" for column in _LOCATION)
        record = (
            "INSERT OR IGNORE INTO search_pending (item_table, item_id, indexed, old_words, old_article_id, "
            "old_start, old_end, old_sentence_start, old_sentence_end)"
        )
        yield (
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT OR IGNORE INTO search_pending (item_table, item_id) VALUES ('{table}', new.id); END"
        )
        yield (
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {words}, {', '.join(_LOCATION)} ON {table} "
            f"BEGIN {record} VALUES ('{table}', old.id, 1, {old}); END"
        )
        yield (
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN "
            f"{record} VALUES ('{table}', old.id, 1, {old}); END"
        )


def schema_statements() -> tuple[str, ...]:
    """The migration's SQL: the two indexes, the pending list, its triggers, and every existing item pending."""
    indexes = tuple(
        f"CREATE VIRTUAL TABLE {index} USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2')"
        for index, _ in INDEXES.values()
    )
    pending_table = """
        CREATE TABLE search_pending (
            item_table TEXT NOT NULL CHECK (item_table IN ('claims', 'quotes')),
            item_id INTEGER NOT NULL,
            indexed INTEGER NOT NULL DEFAULT 0,  -- 1: in the index with the old_* columns, which remove it
            old_words TEXT,
            old_article_id INTEGER,
            old_start INTEGER,
            old_end INTEGER,
            old_sentence_start INTEGER,
            old_sentence_end INTEGER,
            PRIMARY KEY (item_table, item_id)
        ) WITHOUT ROWID
        """
    everything = tuple(
        f"INSERT INTO search_pending (item_table, item_id) SELECT '{table}', id FROM {table}" for table in INDEXES
    )
    return (*indexes, pending_table, *_trigger_statements(), *everything)


def schema_statements_postgresql() -> tuple[str, ...]:
    """The migration's SQL on PostgreSQL: tsvector tables with GIN indexes, the same pending list, a trigger
    function that records items in it, and every existing item pending."""
    indexes = tuple(
        statement
        for index, _ in INDEXES.values()
        for statement in (
            f"CREATE TABLE {index} (id BIGINT PRIMARY KEY, body tsvector NOT NULL)",
            f"CREATE INDEX {index}_body ON {index} USING GIN (body)",
        )
    )
    pending_table = """
        CREATE TABLE search_pending (
            item_table TEXT NOT NULL CHECK (item_table IN ('claims', 'quotes')),
            item_id BIGINT NOT NULL,
            indexed BIGINT NOT NULL DEFAULT 0,
            old_words TEXT,
            old_article_id BIGINT,
            old_start BIGINT,
            old_end BIGINT,
            old_sentence_start BIGINT,
            old_sentence_end BIGINT,
            PRIMARY KEY (item_table, item_id)
        )
        """
    function = """
        CREATE FUNCTION search_pending_record() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO search_pending (item_table, item_id) VALUES (TG_TABLE_NAME, NEW.id) ON CONFLICT DO NOTHING;
            ELSE
                INSERT INTO search_pending (item_table, item_id, indexed) VALUES (TG_TABLE_NAME, OLD.id, 1)
                ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END $$
        """
    triggers = []
    for table, (_, words) in INDEXES.items():
        columns = ", ".join([words, *(f'"{c}"' for c in _LOCATION)])
        for name, event in (("insert", "INSERT"), ("update", f"UPDATE OF {columns}"), ("delete", "DELETE")):
            triggers.append(
                f"CREATE TRIGGER {table}_search_{name} AFTER {event} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION search_pending_record()"
            )
    everything = tuple(
        f"INSERT INTO search_pending (item_table, item_id) SELECT '{table}', id FROM {table}" for table in INDEXES
    )
    return (*indexes, pending_table, function, *triggers, *everything)


def migrate(db: sqlite_utils.Database) -> None:
    """The migration's Python step: index every item the SQL step listed as pending."""
    sync(db)


__all__ = [
    "CONTEXT",
    "INDEXES",
    "document",
    "hits_query",
    "match_expression",
    "matching_ids",
    "pending",
    "rebuild",
    "sync",
    "tsquery",
]
