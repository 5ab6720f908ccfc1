"""Opening the database: pragmas, migrations, transactions.

One SQLite file in WAL mode so a reviewer's TUI can read while an ingest writes; foreign keys on; a busy timeout so
two processes wait for each other instead of failing. Writes go through ``transaction()``, which takes the write
lock up front (``BEGIN IMMEDIATE``) so a read-then-write never dies half-way with "database is locked".

Read-only commands open the file read-only and take no lock at all: in WAL mode they read a snapshot while an
ingest writes, however long its transaction. Only a database whose schema is behind is migrated first (once, under
the write lock). A SQLite file that is not a workbench database is refused untouched: no tables, no WAL switch.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from workbench.store import urls
from workbench.store.migrations import (
    DEFERRABLE_INDEXES,
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    Rebuild,
    index_statement,
)

BUSY_TIMEOUT_MS = 30_000
SCHEMA_MIGRATIONS_SQL = (
    "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)
DEFAULT_DB = "workbench.db"


class StoreError(Exception):
    """A problem with the database file that the user has to act on."""


class NewerSchemaError(StoreError):
    pass


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db``, else ``$WORKBENCH_DB``, else ``./workbench.db``; a ``postgresql://`` URL stays a string (a Path
    would fold its ``//``), typed as a Path because every caller only passes it on to ``open_db``."""
    chosen = explicit or os.environ.get("WORKBENCH_DB") or DEFAULT_DB
    if urls.is_url(str(chosen)):
        return str(chosen)  # type: ignore[return-value]
    return Path(chosen)


def is_postgresql(db: Any) -> bool:
    pg = sys.modules.get("workbench.store.pg")  # not loaded: no PostgreSQL database was opened
    return pg is not None and isinstance(db, pg.PgDatabase)


def inserted_id(rowid: int | None) -> int:
    """The id of the row an INSERT just made: sqlite3 and sqlite-utils type it Optional, since other statements
    leave it unset, so this is the one place that says an insert must have made a row."""
    if rowid is None:
        raise StoreError("the insert made no row")
    return int(rowid)


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def connect(path: str | os.PathLike[str], *, readonly: bool = False) -> sqlite_utils.Database:
    """A sqlite-utils Database with the pragmas every workbench connection needs (no migrations).

    ``readonly`` opens the file read-only (it must exist) and changes nothing in it, not even the journal mode.
    A ``postgresql://`` URL connects to that database instead (store/pg.py).
    """
    if urls.is_url(str(path)):
        from workbench.store import pg

        try:
            return pg.connect(str(path))  # type: ignore[return-value]
        except pg.psycopg.Error as exc:
            raise StoreError(describe_error(str(path), exc)) from exc
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    conn = None
    try:
        if readonly:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        # Autocommit at the driver level: every transaction is an explicit BEGIN from transaction() or
        # sqlite-utils' atomic(), never an implicit one left open by a stray write.
        conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_foreign(conn, path)
        if not readonly:
            mode = _switch_to_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            if str(mode).lower() != "wal" and str(path) != ":memory:":
                raise StoreError(f"{path}: could not switch to WAL journal mode (got {mode})")
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(describe_error(path, exc)) from exc
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    return sqlite_utils.Database(conn, execute_plugins=False)


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """Put the file in WAL mode, waiting as long as the busy timeout for it: SQLite answers a journal-mode switch
    that meets another connection's lock with "database is locked" at once, without calling the busy handler, so
    several processes opening one new database together (three ingests started at once) failed in no time with a
    message about a 30 s wait. A file already in WAL mode needs no switch and takes no lock."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
        if mode.lower() == "wal":
            return mode
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            lowered = str(exc).lower()
            if ("locked" not in lowered and "busy" not in lowered) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Someone else's SQLite file (tables, but no ``schema_migrations``) must not get workbench tables added."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    refuse_other_tables(tables, path)


def refuse_other_tables(tables: list[str], shown_as: object) -> None:
    """A database holding tables but no ``schema_migrations`` is someone else's: refused before anything is written."""
    if tables and "schema_migrations" not in tables:
        shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
        raise StoreError(
            f"{shown_as}: not a workbench database (it holds other tables: {shown}); nothing was changed. "
            "Pass another database with --db"
        )


def describe_error(path: str | os.PathLike[str], exc: BaseException) -> str:
    """One line saying what went wrong with the database file and what to do about it."""
    message = str(exc)
    lowered = message.lower()
    psycopg = sys.modules.get("psycopg")
    if urls.is_url(str(path)) or (psycopg is not None and isinstance(exc, psycopg.Error)):
        return f"{urls.redact(str(path))}: PostgreSQL error ({urls.first_line(exc)})"
    if "not a database" in lowered:
        return f"{path}: not a workbench database ({message})"
    if "malformed" in lowered or "corrupt" in lowered:
        return (
            f"{path}: the database file is damaged ({message}); restore it from a backup, or salvage it "
            f"with `sqlite3 {path} .recover`"
        )
    if "disk is full" in lowered or "disk i/o" in lowered:
        return f"{path}: {message}; free some space (the step that failed was rolled back, nothing half-written)"
    if "readonly" in lowered or "read-only" in lowered:
        return (
            f"{path}: the database is read-only for you (check the permissions of the file and its folder); "
            "commands that only read still work"
        )
    if "locked" in lowered or "busy" in lowered:
        return (
            f"{path}: another process kept the database locked for more than {BUSY_TIMEOUT_MS // 1000} s; "
            "try again when it has finished"
        )
    if "unable to open" in lowered:
        return f"{path}: cannot open the database file (does it exist, and may you read its folder?)"
    return f"{path}: database error ({message})"


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One atomic unit of work: ``BEGIN IMMEDIATE`` at the top level (on PostgreSQL BEGIN and the database's
    advisory write lock, see store/pg.py), a savepoint when nested."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    if is_postgresql(db):
        db.begin()
    else:
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        if is_postgresql(db):
            db.commit()
        else:
            conn.execute("COMMIT")


def schema_version(db: sqlite_utils.Database) -> int:
    if "schema_migrations" not in db.table_names():
        return 0
    row = db.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def apply_migrations(
    db: sqlite_utils.Database, migrations: tuple[Migration, ...] = MIGRATIONS, path: str | os.PathLike[str] = "?"
) -> list[int]:
    """Bring the database up to the newest known schema; refuse one written by a newer workbench."""
    newest_known = migrations[-1].version if migrations else 0
    with transaction(db):
        db.execute(SCHEMA_MIGRATIONS_SQL)
        current = schema_version(db)
    if current > newest_known:
        raise NewerSchemaError(
            f"{path}: database schema version {current} is newer than this workbench supports "
            f"(up to {newest_known}); upgrade workbench to open it"
        )
    applied = []
    for migration in migrations:
        if migration.version <= current:
            continue
        # Rebuilding a table that others reference needs foreign keys off, which SQLite only allows outside a
        # transaction; they are checked by hand before the commit instead.
        if migration.rebuilds:
            db.execute("PRAGMA foreign_keys = OFF")
        try:
            with transaction(db):
                # Re-check inside the write lock: another process may have migrated meanwhile.
                if schema_version(db) >= migration.version:
                    continue
                if is_postgresql(db) and migration.postgresql is not None:
                    for statement in migration.postgresql:
                        db.execute_native(statement)  # type: ignore[attr-defined]  # a PgDatabase here
                else:
                    for rebuild in migration.rebuilds:
                        _rebuild(db, rebuild)
                    for statement in migration.statements:
                        db.execute(statement)
                if migration.python is not None:
                    migration.python(db)
                if migration.rebuilds and db.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise StoreError(f"{path}: migration {migration.version} would break foreign keys; not applied")
                db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [migration.version, migration.name, utcnow()],
                )
                db.execute(f"PRAGMA user_version = {migration.version}")
        finally:
            if migration.rebuilds:
                db.execute("PRAGMA foreign_keys = ON")
        applied.append(migration.version)
    return applied


def _rebuild(db: sqlite_utils.Database, rebuild: Rebuild) -> None:
    """SQLite's twelve-step table change: the old table moves aside, the edited one takes its name and its rows.

    ``legacy_alter_table`` keeps the rename from rewriting the other tables' REFERENCES to the old copy.
    """
    table, old = rebuild.table, f"{rebuild.table}__before_migration"
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
    if row is None:
        raise StoreError(f"cannot rebuild table {table}: it does not exist")
    sql = row[0]
    for pattern, replacement in rebuild.edits:
        sql, count = re.subn(pattern, replacement, sql, count=1)
        if not count:
            raise StoreError(f"cannot rebuild table {table}: its definition has no match for {pattern!r}")
    companions = [
        r[0]
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL "
            "ORDER BY type, name",
            [table],
        )
    ]
    old_columns = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute(f'ALTER TABLE "{table}" RENAME TO "{old}"')
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    db.execute(sql)
    columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
    missing = [c for c in columns if c not in old_columns and c not in rebuild.fill]
    if missing:
        raise StoreError(f"cannot rebuild table {table}: no value for the new columns {', '.join(missing)}")
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(rebuild.fill.get(c, f'"{c}"') for c in columns)
    db.execute(f'INSERT INTO "{table}" ({names}) SELECT {values} FROM "{old}"')
    db.execute(f'DROP TABLE "{old}"')
    for statement in companions:
        db.execute(statement)


def open_db(path: str | os.PathLike[str], *, readonly: bool = False) -> sqlite_utils.Database:
    """Connect and migrate: the way every command opens the workbench database.

    ``readonly`` (commands that only read): an existing database whose schema is current is opened read-only, with
    no lock and no write of any kind; one that is behind is migrated first; a missing one is created.
    A ``postgresql://`` URL opens that database (it must exist; the workbench creates its tables).
    """
    if urls.is_url(str(path)):
        return _open_postgresql(str(path))
    if readonly and Path(path).is_file():
        db = connect(path, readonly=True)
        try:
            current = _readable_version(db, path)
        except BaseException:
            db.close()
            raise
        if current == LATEST_VERSION:
            return db
        db.close()
        open_db(path).close()  # migrate once, under the write lock
        return connect(path, readonly=True)
    db = connect(path)
    try:
        apply_migrations(db, path=path)
        restore_indexes(db)
    except BaseException:
        db.close()
        raise
    return db


def missing_indexes(db: sqlite_utils.Database) -> list[str]:
    """The ``DEFERRABLE_INDEXES`` the database lacks: an ingest into an empty database builds them after storing."""
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return [name for name in DEFERRABLE_INDEXES if name not in present]


def restore_indexes(db: sqlite_utils.Database) -> list[str]:
    """Build the ``DEFERRABLE_INDEXES`` that are missing (an ingest killed before it built them, or one that ends
    now); returns their names. Takes the write lock only when one is missing."""
    if is_postgresql(db) or not missing_indexes(db):
        return []
    with transaction(db):
        missing = missing_indexes(db)  # again under the write lock: another process may have built them
        for name in missing:
            db.execute(index_statement(name))
    return missing


def _open_postgresql(url: str) -> Any:
    from workbench.store import pg

    shown = pg.redact(url)
    try:
        db = pg.connect(url)
    except pg.psycopg.Error as exc:
        raise StoreError(describe_error(shown, exc)) from exc
    try:
        if _pg_schema_version(db, shown) != LATEST_VERSION:  # migrating takes the write lock: only when behind
            apply_migrations(db, path=shown)  # type: ignore[arg-type]  # PgDatabase duck-types the sqlite-utils one
    except pg.psycopg.Error as exc:
        db.close()
        raise StoreError(describe_error(shown, exc)) from exc
    except BaseException:
        db.close()
        raise
    return db


def _pg_schema_version(db: Any, shown: str) -> int:
    """The recorded schema version, read without the write lock: a reader or a TUI opening a current database must
    not wait for a colleague's ingest to commit, as on SQLite. 0 for an empty database; ``StoreError`` for one
    holding someone else's tables, which must not get the workbench's added (as ``_refuse_foreign`` on SQLite)."""
    if db.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is not None:
        return schema_version(db)
    tables = [
        row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
    ]
    refuse_other_tables(tables, shown)
    return 0


def _readable_version(db: sqlite_utils.Database, path: str | os.PathLike[str]) -> int:
    try:
        current = schema_version(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(describe_error(path, exc)) from exc
    if current > LATEST_VERSION:
        raise NewerSchemaError(
            f"{path}: database schema version {current} is newer than this workbench supports "
            f"(up to {LATEST_VERSION}); upgrade workbench to open it"
        )
    return current


def integrity_ok(db: sqlite_utils.Database) -> bool:
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


__all__ = [
    "LATEST_VERSION",
    "StoreError",
    "NewerSchemaError",
    "apply_migrations",
    "connect",
    "describe_error",
    "integrity_ok",
    "is_postgresql",
    "open_db",
    "resolve_db_path",
    "restore_indexes",
    "schema_version",
    "transaction",
    "utcnow",
]
