"""Copying a SQLite workbench database into an empty PostgreSQL one, and proving the copy equal.

Every table is copied with PostgreSQL's COPY (fast, and typed by the target's columns) in one transaction, so a
failed copy leaves the target as empty as it was. Tables go in foreign-key order; a column that references its own
table (an article's ``superseded_by`` points at the newer version, inserted later) is filled in a second pass.
The search index is not copied (FTS5 and tsvector differ): the items' triggers list them as pending and the index
is built from them before the commit. Identity sequences are set past the largest copied id.

The check reads both databases back: per table the row count and a checksum, the sha256 of the sorted digests of
the rows (each row as JSON of its values), which is independent of row order and of the engines' collations.
"""

from __future__ import annotations

import graphlib
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from workbench.store import search
from workbench.store.db import StoreError, is_postgresql, transaction
from workbench.store.pg import PgDatabase, redact

# What is not copied: SQLite's own tables, the FTS5 index (rebuilt on the target) and the migrations record (the
# target has its own, written by the same migrations).
SKIPPED_PREFIXES = ("sqlite_", "claims_fts", "quotes_fts")
SKIPPED = {"schema_migrations", "search_pending"}
BATCH = 5000


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def equal(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


Progress = Callable[[str], None]


def copied_tables(source: Any) -> list[str]:
    """The source's data tables in an order where every table comes after those it references."""
    names = [
        name
        for name in source.table_names()
        if name not in SKIPPED and not name.startswith(SKIPPED_PREFIXES) and not name.startswith("search_")
    ]
    graph = graphlib.TopologicalSorter[str]()
    for name in sorted(names):
        graph.add(name, *(ref for ref in _references(source, name) if ref != name and ref in names))
    return list(graph.static_order())


def _references(source: Any, table: str) -> list[str]:
    return [row[2] for row in source.execute(f'PRAGMA foreign_key_list("{table}")')]


def _self_references(source: Any, table: str) -> list[str]:
    return [row[3] for row in source.execute(f'PRAGMA foreign_key_list("{table}")') if row[2] == table]


def _columns(source: Any, table: str) -> list[str]:
    return [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]


def refuse_unless_empty(target: PgDatabase) -> None:
    """A target holding any row (or tables that are not the workbench's) is refused untouched."""
    names = target.table_names()
    if names and "schema_migrations" not in names:
        shown = ", ".join(names[:5])
        raise StoreError(
            f"{redact(target.url)}: not empty (it holds other tables: {shown}); migrate copies into an empty "
            "database only, nothing was changed"
        )
    for name in names:
        if name == "schema_migrations":
            continue
        if target.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is not None:
            raise StoreError(
                f"{redact(target.url)}: not empty (table {name} has rows); migrate copies into an empty database "
                "only, nothing was changed"
            )


def copy_database(source: Any, target: PgDatabase, progress: Progress = lambda _: None) -> list[str]:
    """Copy every data table of ``source`` (SQLite) into ``target`` (an empty, migrated PostgreSQL workbench
    database) in one transaction; returns the tables copied."""
    if is_postgresql(source) or not is_postgresql(target):
        raise StoreError("migrate copies a SQLite database into a PostgreSQL one")
    tables = copied_tables(source)
    target_columns = {name: set(_target_columns(target, name)) for name in tables}
    with transaction(target):  # type: ignore[arg-type]  # PgDatabase duck-types the sqlite-utils Database
        for table in tables:
            columns = [c for c in _columns(source, table) if c in target_columns[table]]
            if not columns:
                raise StoreError(f"table {table}: the target has none of its columns")
            later = [c for c in _self_references(source, table) if c in columns]
            progress(f"copying {table}")
            _copy_table(source, target, table, columns, later)
        _reset_sequences(target, tables)
        progress("building the search index")
        search.sync(target)  # type: ignore[arg-type]
    return tables


def _target_columns(target: PgDatabase, table: str) -> list[str]:
    rows = target.conn.raw.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in rows]


def _copy_table(source: Any, target: PgDatabase, table: str, columns: list[str], later: list[str]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    positions = [columns.index(c) for c in later]
    deferred: list[tuple[Any, ...]] = []
    key = columns.index("id") if later and "id" in columns else None
    cursor = source.execute(f'SELECT {names} FROM "{table}"')
    with target.conn.raw.cursor() as pg_cursor, pg_cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                if positions and key is not None and any(row[p] is not None for p in positions):
                    deferred.append((row[key], *(row[p] for p in positions)))
                    row = tuple(None if i in positions else v for i, v in enumerate(row))
                copy.write_row(row)
    if deferred:
        assignments = ", ".join(f'"{c}" = %s' for c in later)
        with target.conn.raw.cursor() as pg_cursor:
            pg_cursor.executemany(
                f'UPDATE "{table}" SET {assignments} WHERE id = %s', [(*row[1:], row[0]) for row in deferred]
            )


def _reset_sequences(target: PgDatabase, tables: list[str]) -> None:
    """Identity columns continue after the largest copied id (COPY with explicit ids does not move them)."""
    for table in tables:
        if not target.conn.has_id(table):
            continue
        sequence = target.conn.raw.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table]).fetchone()
        if sequence and sequence[0]:
            target.conn.raw.execute(
                f'SELECT setval(%s, coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)', [sequence[0]]
            )


def verify(source: Any, target: Any, tables: list[str], progress: Progress = lambda _: None) -> list[TableCheck]:
    """Row counts and checksums of every copied table on both sides, over the source's columns."""
    checks = []
    for table in tables:
        progress(f"checking {table}")
        columns = ", ".join(f'"{c}"' for c in _columns(source, table))
        sql = f'SELECT {columns} FROM "{table}"'
        source_rows, source_sum = checksum(source.execute(sql))
        target_rows, target_sum = checksum(target.execute(sql))
        checks.append(TableCheck(table, source_rows, target_rows, source_sum, target_sum))
    return checks


def checksum(cursor: Any) -> tuple[int, str]:
    """(rows, sha256 of the sorted row digests): equal for equal tables whatever order the rows come in."""
    digests = sorted(_digest(row) for row in _rows(cursor))
    total = hashlib.sha256()
    for digest in digests:
        total.update(digest)
    return len(digests), total.hexdigest()


def _rows(cursor: Any) -> Iterator[Any]:
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def _digest(row: Any) -> bytes:
    values = [bytes(v).hex() if isinstance(v, bytes | memoryview) else v for v in row]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).digest()


__all__ = ["TableCheck", "checksum", "copied_tables", "copy_database", "refuse_unless_empty", "verify"]
