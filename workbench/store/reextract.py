"""The SQL of re-extraction: which articles to redo, the run log that makes a killed run resumable, and the rows of
one article's items as re-extraction rewrites them (in place, so their ids and records stay put)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workbench.store import search
from workbench.store.corrections import TABLES
from workbench.store.db import inserted_id, utcnow
from workbench.store.repository import CLAIM_FIELDS, QUOTE_FIELDS, Store

# The extracted columns re-extraction writes (everything the extractor decides; not the cluster).
EXTRACTED_COLUMNS = {
    "claim": tuple(f for f in CLAIM_FIELDS if f not in ("article_id", "cluster_id")),
    "quote": tuple(f for f in QUOTE_FIELDS if f not in ("article_id", "cluster_id")),
}


class ReextractStore:
    def __init__(self, store: Store):
        self.store = store
        self.db = store.db

    # -- which articles --------------------------------------------------------------------------------------------

    def article_ids(self, selection: dict[str, Any], current_version: int, *, skip_run: int | None = None) -> list[int]:
        """Current articles in id order: ``all``; ``stale`` (made by another extractor version, or unknown);
        ``since`` (made by version ``since_version`` or later). Articles a run already finished are skipped."""
        clauses, params = ["superseded_by IS NULL"], []
        if selection["mode"] == "stale":
            clauses.append("(extractor_version IS NULL OR extractor_version != ?)")
            params.append(current_version)
        elif selection["mode"] == "since":
            clauses.append("extractor_version >= ?")
            params.append(selection["since_version"])
        if skip_run is not None:
            clauses.append("id NOT IN (SELECT article_id FROM reextract_articles WHERE run_id = ?)")
            params.append(skip_run)
        return [
            row[0]
            for row in self.db.execute(f"SELECT id FROM articles WHERE {' AND '.join(clauses)} ORDER BY id", params)
        ]

    def versions(self) -> dict[int | None, int]:
        """How many current articles each extractor version produced (None: not recorded)."""
        return {
            row[0]: row[1]
            for row in self.db.execute(
                "SELECT extractor_version, count(*) FROM articles WHERE superseded_by IS NULL GROUP BY 1 ORDER BY 1"
            )
        }

    def set_version(self, article_id: int, version: int) -> None:
        self.db.execute("UPDATE articles SET extractor_version = ? WHERE id = ?", [version, article_id])

    # -- runs ------------------------------------------------------------------------------------------------------

    def unfinished_run(self, selection: dict[str, Any], version: int) -> dict[str, Any] | None:
        rows = self.store.rows(
            "SELECT * FROM reextract_runs WHERE finished_at IS NULL AND selection = ? AND extractor_version = ? "
            "ORDER BY id DESC LIMIT 1",
            [json.dumps(selection, sort_keys=True), version],
        )
        return rows[0] if rows else None

    def open_run(self, selection: dict[str, Any], version: int, reviewer: str) -> int:
        with self.store.transaction():
            cursor = self.db.execute(
                "INSERT INTO reextract_runs (selection, extractor_version, reviewer, started_at) VALUES (?, ?, ?, ?)",
                [json.dumps(selection, sort_keys=True), version, reviewer, utcnow()],
            )
        return inserted_id(cursor.lastrowid)

    def finish_run(self, run_id: int) -> None:
        with self.store.transaction():
            self.db.execute("UPDATE reextract_runs SET finished_at = ? WHERE id = ?", [utcnow(), run_id])

    def record_article(self, run_id: int, article_id: int, counts: dict[str, int]) -> None:
        """The last write of an article's transaction: its entry in the run's log; its new and moved items are
        indexed for search in the same transaction."""
        search.sync(self.db)
        self.db.execute(
            "INSERT INTO reextract_articles (run_id, article_id, counts) VALUES (?, ?, ?)",
            [run_id, article_id, json.dumps(counts, sort_keys=True)],
        )

    def run_counts(self, run_id: int) -> list[dict[str, int]]:
        return [
            json.loads(row[0])
            for row in self.db.execute(
                "SELECT counts FROM reextract_articles WHERE run_id = ? ORDER BY article_id", [run_id]
            )
        ]

    # -- one article's items ---------------------------------------------------------------------------------------

    def items(self, entity_type: str, article_id: int) -> list[dict[str, Any]]:
        """Every item row of the article (hidden ones too), in text order."""
        return self.store.rows(
            f"SELECT * FROM {TABLES[entity_type]} WHERE article_id = ? ORDER BY start, id", [article_id]
        )

    def replace_sentences(self, article_id: int, sentences: Sequence[tuple[int, int]]) -> None:
        self.db.execute("DELETE FROM sentences WHERE article_id = ?", [article_id])
        self.db.conn.executemany(
            "INSERT INTO sentences (article_id, start, end) VALUES (?, ?, ?)",
            [(article_id, s, e) for s, e in sentences],
        )

    def update_item(self, entity_type: str, item_id: int, values: dict[str, Any]) -> None:
        if values:
            self.db.execute(
                f"UPDATE {TABLES[entity_type]} SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                [*values.values(), item_id],
            )

    def insert_item(self, entity_type: str, article_id: int, values: dict[str, Any]) -> int:
        record = {**values, "article_id": article_id}
        cursor = self.db.execute(
            f"INSERT INTO {TABLES[entity_type]} ({', '.join(record)}) VALUES ({', '.join('?' * len(record))})",
            list(record.values()),
        )
        return inserted_id(cursor.lastrowid)

    def shared_clusters(self, entity_type: str, ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` name a cluster that other items belong to (they must keep their cluster)."""
        return {
            row[0]
            for row in self.db.execute(
                f"SELECT DISTINCT cluster_id FROM {TABLES[entity_type]} WHERE cluster_id IN "
                "(SELECT value FROM json_each(?)) AND cluster_id != id",
                [json.dumps(list(ids))],
            )
        }
