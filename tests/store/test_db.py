"""Opening the database: pragmas, migrations recorded and applied, newer schemas refused, bad files named."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from workbench.models import Article, Claim, Quote
from workbench.store import db as dbmod
from workbench.store.migrations import LATEST_VERSION, MIGRATIONS, Migration
from workbench.store.repository import Store, item_rows

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def _sql_errors() -> tuple[type[Exception], ...]:
    """What a failing statement raises: sqlite3's error, or psycopg's on PostgreSQL."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.OperationalError,)
    return (sqlite3.OperationalError, psycopg.Error)


@pytest.mark.sqlite_only  # SQLite's own settings (PRAGMA journal_mode, foreign_keys, busy_timeout)
def test_fresh_database_has_wal_foreign_keys_and_busy_timeout(store: Store) -> None:
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == dbmod.BUSY_TIMEOUT_MS


@pytest.mark.sqlite_only  # SQLite's journal-mode switch
def test_opening_waits_for_the_wal_switch_instead_of_failing_at_once(tmp_path: Path) -> None:
    """A new file still in rollback mode while another connection writes to it: SQLite refuses the WAL switch at
    once (it does not call the busy handler there), which stopped one of three ingests started together on a new
    database. Opening waits until the writer is done instead."""
    path = tmp_path / "new.db"
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO schema_migrations VALUES (0, 'held', 'now')")  # locked until the ROLLBACK
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        sqlite3.connect(path, timeout=5).execute("PRAGMA journal_mode = WAL")
    release = threading.Timer(0.3, lambda: writer.execute("ROLLBACK"))
    release.start()
    try:
        db = dbmod.connect(path)
    finally:
        release.join()
        writer.close()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS
    db.close()


def test_a_fresh_database_records_every_migration(empty_db_path: Path) -> None:
    with Store.open(empty_db_path) as store:
        assert store.schema_version == LATEST_VERSION
        versions = [row[0] for row in store.db.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [m.version for m in MIGRATIONS]


def test_first_schema_version_upgrades_on_open_keeping_data(empty_db_path: Path) -> None:
    db_path = empty_db_path
    db = dbmod.connect(db_path)
    dbmod.apply_migrations(db, MIGRATIONS[:1])
    db.execute(
        "INSERT INTO articles (source, version, content_hash, text, ingested_at) VALUES ('a.txt', 1, 'h', 'T', 'now')"
    )
    assert dbmod.schema_version(db) == 1
    db.close()
    with Store.open(db_path) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.db.execute("SELECT source, text FROM articles").fetchall() == [("a.txt", "T")]


def test_upgrade_applies_only_missing_migrations_in_order(empty_db_path: Path) -> None:
    extra = MIGRATIONS + (Migration(LATEST_VERSION + 1, "test column", ("ALTER TABLE articles ADD COLUMN x TEXT",)),)
    db = dbmod.connect(empty_db_path)
    assert dbmod.apply_migrations(db) == [m.version for m in MIGRATIONS]
    assert dbmod.apply_migrations(db, extra) == [LATEST_VERSION + 1]
    assert dbmod.apply_migrations(db, extra) == []
    assert db.execute("SELECT x FROM articles").fetchall() == []  # the new column is there
    db.close()


def test_failed_migration_rolls_back_completely(empty_db_path: Path) -> None:
    broken = MIGRATIONS + (Migration(LATEST_VERSION + 1, "broken", ("CREATE TABLE t (a TEXT)", "NOT SQL")),)
    db = dbmod.connect(empty_db_path)
    with pytest.raises(_sql_errors()):
        dbmod.apply_migrations(db, broken)
    assert dbmod.schema_version(db) == LATEST_VERSION
    assert "t" not in db.table_names()
    db.close()


def test_newer_database_is_refused_with_a_clear_message(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.db.execute("INSERT INTO schema_migrations VALUES (?, 'future', 'now')", [LATEST_VERSION + 5])
    with pytest.raises(dbmod.NewerSchemaError, match=rf"schema version {LATEST_VERSION + 5} is newer"):
        Store.open(db_path)


@pytest.mark.sqlite_only  # a file that is not SQLite's
def test_not_a_database_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(dbmod.StoreError, match="notes.db: not a workbench database"):
        Store.open(path)


@pytest.mark.sqlite_only  # a file path whose folder is missing
def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(dbmod.StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "x.db")


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", "/tmp/env.db")
    assert dbmod.resolve_db_path("cli.db") == Path("cli.db")
    assert dbmod.resolve_db_path(None) == Path("/tmp/env.db")
    monkeypatch.delenv("WORKBENCH_DB")
    assert dbmod.resolve_db_path(None) == Path("workbench.db")


def test_transaction_rolls_back_everything_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.db.execute(
            "INSERT INTO articles (source, version, content_hash, text, ingested_at) VALUES ('a', 1, 'h', 't', 'n')"
        )
        with store.transaction():  # nested: a savepoint
            store.db.execute(
                "INSERT INTO articles (source, version, content_hash, text, ingested_at) VALUES ('b', 1, 'h', 't', 'n')"
            )
        raise RuntimeError("boom")
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_claims_keep_their_order_and_each_change_group_takes_its_first_claims_id(store: Store) -> None:
    text = "Sales rose from 5 to 7 units, then 9; costs fell from 3 to 2, and 4 stayed."
    spans = [("5", 0), ("7", 0), ("9", None), ("3", 1), ("2", 1), ("4", None)]
    claims = []
    for mention, group in spans:
        start = text.index(mention, claims[-1].end if claims else 0)
        claims.append(
            Claim(
                start=start,
                end=start + 1,
                mention=mention,
                sentence_start=0,
                sentence_end=len(text),
                kind="count",
                value=float(mention),
                change_group=group,
            )
        )
    article = Article(source="a.txt", content_hash="h", text=text)
    stored = store.store_article_parts(
        article, [([(0, len(text))], claims, [], [("checkable", 0.5)] * len(claims), None)]
    )
    rows = store.rows("SELECT id, mention, change_group FROM claims WHERE article_id = ? ORDER BY id", [stored.id])
    assert [r["mention"] for r in rows] == ["5", "7", "9", "3", "2", "4"]
    ids = [r["id"] for r in rows]
    assert [r["change_group"] for r in rows] == [ids[0], ids[0], None, ids[3], ids[3], None]


@pytest.mark.sqlite_only  # SQLite's temp_store setting
def test_savepoints_go_to_memory_only_while_articles_are_stored(store: Store) -> None:
    """Each article's savepoint journals the pages it changes; while an ingest stores articles that journal is kept
    in memory, and the connection's setting is given back afterwards, also after a failure."""
    temp_store = lambda: store.db.execute("PRAGMA temp_store").fetchone()[0]  # noqa: E731
    assert temp_store() == 0
    with store.savepoints_in_memory():
        assert temp_store() == 2
    assert temp_store() == 0
    with pytest.raises(OSError), store.savepoints_in_memory():
        raise OSError("disk full")
    assert temp_store() == 0


@pytest.mark.sqlite_only
def test_savepoints_stay_on_disk_when_the_connection_has_temp_tables(store: Store) -> None:
    """Changing temp_store drops a connection's TEMP tables (a browser's search hits): then it is left alone."""
    store.db.execute("CREATE TEMP TABLE hits (id INTEGER PRIMARY KEY)")
    store.db.execute("INSERT INTO hits VALUES (7)")
    with store.savepoints_in_memory():
        assert store.db.execute("PRAGMA temp_store").fetchone()[0] == 0
    assert store.db.execute("SELECT id FROM hits").fetchall() == [(7,)]


def test_an_article_stored_from_its_rows_is_the_article_stored_from_its_models(store: Store) -> None:
    """Extraction workers hand over ``ItemRows`` (plain tuples) instead of the models: the same rows are stored,
    change groups, check-worthiness and clustering readings included."""
    text = 'Sales rose from 5 to 7 units, "a record", said Ana Ruiz; 9 stayed.'
    claims = [
        Claim(start=16, end=17, mention="5", sentence_start=0, sentence_end=len(text), kind="count", value=5.0,
              change_group=0, role="from", speaker="Ana Ruiz", trace=["rule"]),
        Claim(start=21, end=22, mention="7", sentence_start=0, sentence_end=len(text), kind="count", value=7.0,
              change_group=0, role="to", target=True),
        Claim(start=57, end=58, mention="9", sentence_start=0, sentence_end=len(text), kind="count", value=9.0),
    ]  # fmt: skip
    quotes = [Quote(start=31, end=39, text="a record", speaker="Ana Ruiz", cue="said", trace=["rule"])]
    part = ([(0, len(text))], claims, quotes, [("checkable", 0.75), ("context", 0.25), ("checkable", 0.5)],
            ["f0", None, "f2"])  # fmt: skip
    stored = [
        store.store_article_parts(Article(source=f"{i}.txt", content_hash=f"h{i}", text=text), [given]).id
        for i, given in enumerate([part, item_rows(part)])
    ]

    def rows(table: str, article_id: int) -> list[tuple[object, ...]]:
        order = "start" if table == "sentences" else "id"
        found = store.rows(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", [article_id])
        first = found[0]["id"] if found and "id" in found[0] else 0
        return [
            tuple((v - first if k in ("id", "change_group") and v is not None else v) for k, v in r.items()
                  if k != "article_id")
            for r in found
        ]  # fmt: skip

    for table in ("sentences", "claims", "quotes"):
        assert rows(table, stored[0]) == rows(table, stored[1])
    claimed = store.rows("SELECT mention, target, checkworthy, cluster_features FROM claims WHERE article_id = ?",
                         [stored[1]])  # fmt: skip
    assert [tuple(r.values()) for r in claimed] == [("5", 0, "checkable", "f0"), ("7", 1, "context", None),
                                                    ("9", 0, "checkable", "f2")]  # fmt: skip
