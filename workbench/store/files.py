"""Whole input files already ingested without a problem, by fingerprint: a re-run of an 18,000-article JSON Lines
file skips it after hashing its bytes instead of parsing and looking up every line."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.store import db as dbmod
from workbench.store.repository import Store


def known_files(store: Store, fingerprints: Iterable[str]) -> dict[str, int]:
    """The recorded article count of each of ``fingerprints`` that was ingested whole before."""
    wanted = list(fingerprints)
    found: dict[str, int] = {}
    for fingerprint in wanted:
        row = store.db.execute("SELECT articles FROM ingested_files WHERE fingerprint = ?", [fingerprint]).fetchone()
        if row is not None:
            found[fingerprint] = row[0]
    return found


def record_file(store: Store, fingerprint: str, path: str, articles: int) -> None:
    """Every line of the file is stored (or was already): the next run may skip it."""
    with store.transaction():
        store.db.execute(
            "INSERT INTO ingested_files (fingerprint, path, articles, ingested_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (fingerprint) DO UPDATE SET path = excluded.path, articles = excluded.articles, "
            "ingested_at = excluded.ingested_at",
            [fingerprint, path, articles, dbmod.utcnow()],
        )
