"""Moving a desk from a SQLite file to a shared PostgreSQL database (``workbench migrate --to``)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from workbench.store import db as dbmod
from workbench.store import pg, transfer
from workbench.store.db import StoreError
from workbench.store.pg import is_url
from workbench.store.transfer import Progress, TableCheck


@dataclass(frozen=True)
class MigrationReport:
    target: str  # the URL, password hidden
    checks: list[TableCheck]

    @property
    def equal(self) -> bool:
        return all(check.equal for check in self.checks)


def migrate_to(source_path: str | os.PathLike[str], url: str, progress: Progress = lambda _: None) -> MigrationReport:
    """Copy the SQLite database at ``source_path`` into the empty PostgreSQL database at ``url``, then compare
    every table; ``StoreError`` (nothing written) when the target is not empty or cannot be reached."""
    if not pg.is_url(url):
        raise dbmod.StoreError(f"{url}: not a postgresql:// URL")
    if pg.is_url(str(source_path)):
        raise dbmod.StoreError("the database to copy from must be a SQLite file (--db FILE)")
    if not os.path.isfile(source_path):
        raise dbmod.StoreError(f"{source_path}: no such database file")
    source = dbmod.open_db(source_path, readonly=True)
    try:
        target = dbmod.connect(url)
        try:
            transfer.refuse_unless_empty(target)  # type: ignore[arg-type]
            dbmod.apply_migrations(target, path=pg.redact(url))
            tables = transfer.copy_database(source, target, progress)  # type: ignore[arg-type]
            checks = transfer.verify(source, target, tables, progress)
        finally:
            target.close()
    finally:
        source.close()
    return MigrationReport(pg.redact(url), checks)


__all__ = ["MigrationReport", "StoreError", "is_url", "migrate_to"]
