"""Whole input files already ingested without an error, by fingerprint: a re-run of an 18,000-article JSON Lines
file skips it after hashing its bytes instead of parsing and looking up every line. The reader's warnings and
skipped lines of such a file are kept with it, so a skip reports them again as reading it would."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.store import db as dbmod
from workbench.store.repository import Store

# A problem the reader reported in a file: where in it (" line 12", or "" for the file itself), why, and its severity.
FileProblem = tuple[str, str, str]


@dataclass(frozen=True)
class KnownFile:
    articles: int
    problems: tuple[FileProblem, ...] = ()


def known_files(store: Store, fingerprints: Iterable[str]) -> dict[str, KnownFile]:
    """Each of ``fingerprints`` that was ingested whole before: its article count and the reader's problems."""
    found: dict[str, KnownFile] = {}
    for fingerprint in fingerprints:
        row = store.db.execute(
            "SELECT articles, problems FROM ingested_files WHERE fingerprint = ?", [fingerprint]
        ).fetchone()
        if row is not None:
            problems = tuple((str(w), str(r), str(s)) for w, r, s in json.loads(row[1] or "[]"))
            found[fingerprint] = KnownFile(row[0], problems)
    return found


def record_file(store: Store, fingerprint: str, path: str, articles: int, problems: Sequence[FileProblem] = ()) -> None:
    """Every line of the file is stored (or was already, or the reader skipped it): the next run may skip it."""
    with store.transaction():
        store.db.execute(
            "INSERT INTO ingested_files (fingerprint, path, articles, ingested_at, problems) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (fingerprint) DO UPDATE SET path = excluded.path, articles = excluded.articles, "
            "ingested_at = excluded.ingested_at, problems = excluded.problems",
            [fingerprint, path, articles, dbmod.utcnow(), json.dumps(problems) if problems else None],
        )
