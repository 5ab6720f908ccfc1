"""Opening the database: pragmas, migrations, transactions.

One SQLite file in WAL mode so a reviewer's TUI can read while an ingest writes; foreign keys on; a busy timeout so
two processes wait for each other instead of failing. Writes go through ``transaction()``, which takes the write
lock up front (``BEGIN IMMEDIATE``) so a read-then-write never dies half-way with "database is locked".
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from workbench.store.migrations import LATEST_VERSION, MIGRATIONS, Migration

BUSY_TIMEOUT_MS = 30_000
DEFAULT_DB = "workbench.db"


class StoreError(Exception):
    """A problem with the database file that the user has to act on."""


class NewerSchemaError(StoreError):
    pass


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db``, else ``$WORKBENCH_DB``, else ``./workbench.db``."""
    chosen = explicit or os.environ.get("WORKBENCH_DB") or DEFAULT_DB
    return Path(chosen)


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def connect(path: str | os.PathLike[str]) -> sqlite_utils.Database:
    """A sqlite-utils Database with the pragmas every workbench connection needs (no migrations)."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        # Autocommit at the driver level: every transaction is an explicit BEGIN from transaction() or
        # sqlite-utils' atomic(), never an implicit one left open by a stray write.
        conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a workbench database ({exc})") from exc
    if str(mode).lower() != "wal" and str(path) != ":memory:":
        raise StoreError(f"{path}: could not switch to WAL journal mode (got {mode})")
    return sqlite_utils.Database(conn, execute_plugins=False)


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One atomic unit of work: ``BEGIN IMMEDIATE`` at the top level, a savepoint when nested."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
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
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
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
        with transaction(db):
            # Re-check inside the write lock: another process may have migrated meanwhile.
            if schema_version(db) >= migration.version:
                continue
            for statement in migration.statements:
                db.execute(statement)
            if migration.python is not None:
                migration.python(db)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.name, utcnow()],
            )
            db.execute(f"PRAGMA user_version = {migration.version}")
        applied.append(migration.version)
    return applied


def open_db(path: str | os.PathLike[str]) -> sqlite_utils.Database:
    """Connect and migrate: the way every command opens the workbench database."""
    db = connect(path)
    try:
        apply_migrations(db, path=path)
    except BaseException:
        db.close()
        raise
    return db


def integrity_ok(db: sqlite_utils.Database) -> bool:
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


__all__ = [
    "LATEST_VERSION",
    "StoreError",
    "NewerSchemaError",
    "apply_migrations",
    "connect",
    "integrity_ok",
    "open_db",
    "resolve_db_path",
    "schema_version",
    "transaction",
    "utcnow",
]
