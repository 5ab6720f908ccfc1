"""A PostgreSQL server for the tests: pgserver (PostgreSQL 16 in a wheel) started in a temporary folder.

One server per test session and xdist worker; each test gets its own database, cloned from a template that is
migrated once (CREATE DATABASE ... TEMPLATE copies files: a few milliseconds instead of running the migrations).
A server that cannot start skips the PostgreSQL half of the tests locally, with the reason, and fails them in CI
(``CI=true``), where a skip would hide that the second engine went untested.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator

import pytest

TEMPLATE = "workbench_template"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


def _url(base: str, database: str) -> str:
    """``base`` (pgserver's URI of the postgres database) naming ``database`` instead."""
    head, _, query = base.partition("?")
    return f"{head.rsplit('/', 1)[0]}/{database}" + (f"?{query}" if query else "")


def session_template() -> Iterator[str]:
    """Start the server, migrate the template database, yield its URL; stop the server afterwards."""
    try:
        import pgserver
        import psycopg
    except ImportError as exc:
        _unavailable(f"{exc.name} is not installed (pip install -e '.[test]')")
        return
    folder = tempfile.mkdtemp(prefix="wb-pg-")  # short: the server's socket lives here (108-byte limit)
    try:
        server = pgserver.get_server(folder, cleanup_mode="stop")
    except Exception as exc:  # noqa: BLE001 - whatever stops it, the reason is reported
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"pgserver could not start a server in {folder}: {exc}")
        return
    try:
        base = server.get_uri()
        with psycopg.connect(base, autocommit=True) as conn:
            # A throwaway server: a commit need not wait for the disk (a crash loses the last commits, never
            # consistency), which is most of a test's time on a loaded machine. A killed client still rolls back.
            conn.execute("ALTER SYSTEM SET synchronous_commit = off")
            conn.execute("ALTER SYSTEM SET fsync = off")
            # No background ANALYZE either: it takes a transaction id whenever it wakes, and the tests of the
            # browser's signature (the next id the server hands out) must see only their own writes.
            conn.execute("ALTER SYSTEM SET autovacuum = off")
            conn.execute("SELECT pg_reload_conf()")
            conn.execute(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'")
        from workbench.store.repository import Store

        template = _url(base, TEMPLATE)
        Store.open(template).close()
        yield template
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def fresh_database(template: str, *, migrated: bool = True) -> Iterator[str]:
    """A new database cloned from the template (``migrated=False``: an empty one, for tests of the migrations
    themselves); dropped afterwards (connections left open are ended)."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = _url(template, "postgres")
    source = TEMPLATE if migrated else "template0 ENCODING 'UTF8' LC_COLLATE 'C'"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {source}")
    try:
        yield _url(template, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
