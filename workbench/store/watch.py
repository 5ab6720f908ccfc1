"""Noticing that someone else committed, cheaply enough to ask several times a second.

An open workbench polls a watcher; only when it says something changed does it read the events table for what.
The SQLite watcher asks ``PRAGMA data_version``, which costs no I/O and moves only when *another* connection
commits, so a reviewer's own writes never wake their own screen. Any engine can use ``EventWatcher`` (the newest
event id), which sees reviewers' changes but not an ingest; the PostgreSQL store brings its own (LISTEN/NOTIFY).

Changes are read back by event id: ``changes_since(store, after)`` returns every event newer than ``after`` (the
primary key's order, one indexed range), so a poll costs the same on 200 claims and on 200,000.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING, Any, Protocol

from workbench.store.db import is_postgresql
from workbench.store.reviews import _decode_event

if TYPE_CHECKING:
    from workbench.store.repository import Store

# A burst larger than this (an import of a thousand verdicts) is reported as "at least this many" changes.
MAX_CHANGES = 500


class ChangeWatcher(Protocol):
    """Says whether the database may hold commits made elsewhere since it was last asked."""

    def changed(self) -> bool: ...

    def close(self) -> None:
        """Release what the watcher holds of its own, never the store's connection; the watchers that read through
        the store's connection (SQLite's data_version, the event id) hold nothing and inherit this."""
        return None


class DataVersionWatcher(ChangeWatcher):
    """SQLite: ``PRAGMA data_version`` of the store's own connection, so its own commits do not count.

    The pragma needs the connection, which other threads use inside transactions; the watcher never waits for
    it (a busy connection means "ask again at the next poll"), so a poll cannot stall the screen.
    """

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock | None = None) -> None:
        self._conn = conn
        self._lock = lock
        self._seen = self._read()

    def _read(self) -> int | None:
        if self._lock is not None and not self._lock.acquire(blocking=False):
            return None
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        finally:
            if self._lock is not None:
                self._lock.release()

    def changed(self) -> bool:
        version = self._read()
        if version is None or version == self._seen:
            return False
        self._seen = version
        return True


class EventWatcher(ChangeWatcher):
    """Any engine: the newest event id moved. Sees every reviewer's change (not an ingest, which writes none)."""

    def __init__(self, store: Store, lock: threading.RLock | None = None) -> None:
        self._store = store
        self._lock = lock
        self._seen = latest_event_id(store)

    def changed(self) -> bool:
        if self._lock is not None and not self._lock.acquire(blocking=False):
            return False
        try:
            newest = latest_event_id(self._store)
        finally:
            if self._lock is not None:
                self._lock.release()
        if newest == self._seen:
            return False
        self._seen = newest
        return True


class NotifyWatcher(ChangeWatcher):
    """PostgreSQL: every committed write transaction NOTIFYs (store/pg.py); a listening connection of its own
    hears them without a query, and skips those of the store's own connection, as data_version does."""

    def __init__(self, store: Store) -> None:
        from workbench.store import pg

        db: Any = store.db  # a pg.PgDatabase: the Store types its db as the sqlite-utils one it duck-types
        self._listener = pg.ChangeListener(db.url)
        self._own = db.conn.raw.info.backend_pid

    def changed(self) -> bool:
        return self._listener.poll(ignore_pid=self._own)

    def close(self) -> None:
        self._listener.close()


def watcher_for(store: Store, lock: threading.RLock | None = None) -> ChangeWatcher:
    """The cheapest watcher the store's engine offers. ``lock``: the one the store's other users hold."""
    conn = getattr(store.db, "conn", None)
    if isinstance(conn, sqlite3.Connection):
        return DataVersionWatcher(conn, lock)
    if is_postgresql(store.db):
        return NotifyWatcher(store)
    return EventWatcher(store, lock)


def latest_event_id(store: Store) -> int:
    """The token of "now": changes are the events after it."""
    row = store.db.execute("SELECT max(id) FROM events").fetchone()
    return int(row[0] or 0)


def changes_since(store: Store, after: int, limit: int = MAX_CHANGES) -> list[dict[str, Any]]:
    """Events with an id above ``after``, oldest first, at most ``limit`` (the newest of them, when more)."""
    rows = store.rows(
        "SELECT id, at, reviewer, entity_type, entity_id, action, before, after FROM events "
        "WHERE id > ? ORDER BY id DESC LIMIT ?",
        [after, limit],
    )
    rows.reverse()
    return [_decode_event(row) for row in rows]
