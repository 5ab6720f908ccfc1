"""Read-only commands take no lock; foreign, corrupted, read-only and full databases are one line and exit 1.

The tests of a damaged, read-only or full SQLite file are SQLite's alone; taking no lock and refusing someone
else's database run on both engines."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.conftest import ARTICLE, SEEDS, write_bytes
from workbench.cli import main
from workbench.store import db as dbmod
from workbench.store.migrations import LATEST_VERSION, MIGRATIONS
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def one_line_error(result: Result, *needles: str) -> str:
    """The command failed with exit 1 and said why in one line, with no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def seeded(runner: CliRunner, tmp_path: Path, db_path: Path) -> str:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    assert runner.invoke(main, ["--db", str(db_path), "ingest", "-q", str(seeds)]).exit_code == 0
    return str(db_path)


def _raw(db: str | Path) -> Any:  # noqa: ANN401 - a DB-API connection of either driver
    """A plain autocommit connection of the database's own driver, outside the workbench."""
    if str(db).startswith("postgresql:"):
        import psycopg

        return psycopg.connect(str(db), autocommit=True)
    return sqlite3.connect(db, isolation_level=None)


@contextlib.contextmanager
def _writing(db: str) -> Iterator[None]:
    """Another process in the middle of a write transaction, holding the write lock as the workbench takes it
    (SQLite's BEGIN IMMEDIATE; on PostgreSQL the advisory lock of store/pg.py) until the block ends."""
    writer = _raw(db)
    try:
        if str(db).startswith("postgresql:"):
            from workbench.store.pg import WRITE_LOCK

            writer.execute("BEGIN")
            writer.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        else:
            writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE articles SET title = 'changing' WHERE id = 1")
        yield
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_read_commands_answer_while_another_process_holds_the_write_lock(
    runner: CliRunner, seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 1000)  # were they to wait for the lock, fail in a second
    with _writing(seeded):
        claims = runner.invoke(main, ["--db", seeded, "claims", "--json", "--all"])
        assert claims.exit_code == 0, claims.output
        assert len(claims.output.splitlines()) > 20
        for command in (
            ["quotes"],
            ["articles"],
            ["audit", "quotes"],
            ["history", "claim:1"],
            ["orphans"],
            ["agreement"],
            ["export", "jsonl", "--out", "j"],
            ["export", "csv", "--out", "c"],
        ):
            result = runner.invoke(main, ["--db", seeded, *command])
            assert result.exit_code == 0, (command, result.output)
        assert json.loads(claims.output.splitlines()[0])["id"] >= 1


@pytest.mark.sqlite_only  # opens the file read-only (mode=ro), which a server database has no counterpart of
def test_a_read_command_migrates_an_old_database_once(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = dbmod.connect(path)
    dbmod.apply_migrations(db, MIGRATIONS[:1])
    db.close()
    with Store.open(path, readonly=True) as store:
        assert store.schema_version == LATEST_VERSION
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("CREATE TABLE t (x)")


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "someone-else.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["claims", "--json"],
        ["articles"],
        ["ingest", "seeds"],
        ["verdict", "claim:1", "true"],
        ["export", "jsonl", "--out", "x"],
    ],
)
@pytest.mark.sqlite_only  # the file's bytes, WAL file and journal mode; test_a_foreign_database_... is the twin
def test_a_foreign_sqlite_database_is_refused_untouched(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    path = _foreign(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = runner.invoke(main, ["--db", str(path), *command])
    one_line_error(result, "someone-else.db: not a workbench database (it holds other tables: notes)")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["notes"]
    conn.close()


def _tables(db: str | Path) -> list[str]:
    with contextlib.closing(_raw(db)) as conn:
        if str(db).startswith("postgresql:"):
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"
        return [row[0] for row in conn.execute(sql).fetchall()]


@pytest.mark.parametrize("command", [["claims", "--json"], ["verdict", "claim:1", "true"]])
def test_a_foreign_database_is_refused_untouched(runner: CliRunner, empty_db_path: Path, command: list[str]) -> None:
    """Someone else's database (tables, none of them the workbench's) gets no workbench tables added."""
    with contextlib.closing(_raw(empty_db_path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (id, body) VALUES (1, 'mine')")
    result = runner.invoke(main, ["--db", str(empty_db_path), *command])
    one_line_error(result, "not a workbench database (it holds other tables: notes)")
    assert _tables(empty_db_path) == ["notes"]
    with contextlib.closing(_raw(empty_db_path)) as conn:
        assert conn.execute("SELECT body FROM notes").fetchall() == [("mine",)]


def _corrupt_table(db_path: str, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage, as a bad disk or a stray write would."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


@pytest.mark.parametrize(
    ("table", "command"),
    [
        ("claims", ["claims", "--json"]),
        ("claims", ["export", "csv", "--out", "x"]),
        ("events", ["verdict", "claim:1", "true"]),
        ("reviews", ["verdict", "claim:1", "true"]),
    ],
)
@pytest.mark.sqlite_only  # overwrites a page of the SQLite file
def test_a_damaged_database_is_one_line(runner: CliRunner, seeded: str, table: str, command: list[str]) -> None:
    _corrupt_table(seeded, table)
    result = runner.invoke(main, ["--db", seeded, *command])
    one_line_error(result, f"{Path(seeded).name}: the database file is damaged", ".recover")


@pytest.mark.sqlite_only  # overwrites a page of the SQLite file
@pytest.mark.parametrize("table", ["judgements", "notes", "moves"])
def test_a_damaged_database_takes_no_verdict(runner: CliRunner, seeded: str, table: str) -> None:
    """Even damage in a review table the verdict itself would not touch: reviewers' work must not pile up there."""
    _corrupt_table(seeded, table)
    result = runner.invoke(main, ["--db", seeded, "verdict", "claim:1", "true"])
    one_line_error(result, "damaged")
    conn = sqlite3.connect(seeded)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    conn.close()


@pytest.mark.sqlite_only  # a SQLite file opened read-only, as its file mode would (PostgreSQL: the role's grants)
def test_a_read_only_database_is_one_line_for_writers_and_readable(
    runner: CliRunner, seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = dbmod.open_db
    monkeypatch.setattr(dbmod, "open_db", lambda path, readonly=False: opened(path, readonly=True))  # as mode 444
    result = runner.invoke(main, ["--db", seeded, "verdict", "claim:1", "true"])
    one_line_error(result, f"{Path(seeded).name}: the database is read-only for you")
    assert runner.invoke(main, ["--db", seeded, "claims", "--json"]).exit_code == 0


EMPTY_PAGES = 70  # an empty database with every migration applied holds about 62 pages of 4 KiB


@pytest.mark.sqlite_only  # SQLite's max_page_count stands in for a full disk
def test_a_full_disk_is_one_line_and_leaves_whole_articles(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect = dbmod.connect

    def small_disk(path: str | os.PathLike[str], *, readonly: bool = False):  # noqa: ANN202
        db = connect(path, readonly=readonly)
        # SQLite says "database or disk is full" beyond this: room for the schema and a few articles
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {max(pages, EMPTY_PAGES) + 40}")
        return db

    monkeypatch.setattr(dbmod, "connect", small_disk)
    folder = tmp_path / "in"
    for i in range(40):
        write_bytes(folder, f"s{i:02d}.txt", (ARTICLE.replace("Monday", f"day {i}") * 5).encode())
    result = runner.invoke(main, ["--db", "full.db", "ingest", "-q", "--workers", "1", str(folder)])
    line = one_line_error(result, "full.db: database or disk is full", "nothing half-written")
    assert "Traceback" not in line
    monkeypatch.setattr(dbmod, "connect", connect)
    with Store.open(tmp_path / "full.db") as store:
        assert store.integrity_ok()
        assert 0 < store.counts()["articles"] < 40
        assert (
            store.db.execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
            ).fetchone()[0]
            == 0
        )


@pytest.mark.sqlite_only  # the SQLite file's permissions
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes read-only files")
def test_a_mode_444_database_reads_and_refuses_writes(runner: CliRunner, seeded: str) -> None:
    os.chmod(seeded, 0o444)
    try:
        assert runner.invoke(main, ["--db", seeded, "claims", "--json"]).exit_code == 0
        one_line_error(runner.invoke(main, ["--db", seeded, "verdict", "claim:1", "true"]), "read-only")
    finally:
        os.chmod(seeded, 0o644)
