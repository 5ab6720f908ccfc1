"""The SQL of the review workflow: reviews, judgements, sources, notes, the event log and re-ingest moves.

Kept apart from ``repository.py`` so the article/claim store and the review store can change independently; both
share the one connection of a ``Store``. Nothing here decides anything: the rules (versions, undo, inheritance)
live in ``workbench.services.review``, which wraps the writes below in one ``store.transaction()`` each.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from workbench.store.corrections import TABLES as CORRECTABLE_TYPES
from workbench.store.corrections import CorrectionStore
from workbench.store.db import inserted_id
from workbench.store.repository import Store, effective_verdict, review_joins, verdict_origin

REVIEW_FIELDS = ("verdict", "rationale", "status", "assignee", "orphaned")
REVIEW_DEFAULTS: dict[str, Any] = {
    "verdict": None,
    "rationale": None,
    "status": "unreviewed",
    "assignee": None,
    "orphaned": 0,
    "verdict_by": None,
    "verdict_at": None,
}
SOURCE_COLUMNS = (
    "entity_type",
    "entity_id",
    "url",
    "title",
    "excerpt",
    "note",
    "retrieved_at",
    "reference_value",
    "reference_unit",
    "comparison",
    "reviewer",
    "created_at",
)
NOTE_COLUMNS = ("entity_type", "entity_id", "text", "reviewer", "created_at")
# Which table holds the items an entity type names, and the entity type of their clusters.
ITEM_TABLES = {"claim": "claims", "quote": "quotes", "claim_cluster": "claims", "quote_cluster": "quotes"}
CLUSTER_TYPES = {"claim": "claim_cluster", "quote": "quote_cluster"}
# Where reviewers' work lives: what a write command checks for damage before adding to it.
REVIEW_TABLES = ("reviews", "judgements", "sources", "notes", "events", "moves")
_REMOVABLE = ("sources", "notes")


class ReviewStore:
    """Review data of one ``Store``; cheap to create, holds no state but the store."""

    def __init__(self, store: Store):
        self.store = store
        self.db = store.db

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return self.store.rows(sql, params)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    # -- the items being reviewed --------------------------------------------------------------------------------

    def entity_exists(self, entity_type: str, entity_id: int) -> bool:
        table = ITEM_TABLES[entity_type]
        column = "cluster_id" if entity_type.endswith("_cluster") else "id"
        return self.store.scalar(f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", [entity_id]) is not None

    def is_current(self, entity_type: str, entity_id: int) -> bool:
        """Whether the item (a cluster: any member) belongs to a current article version."""
        table = ITEM_TABLES[entity_type]
        column = "cluster_id" if entity_type.endswith("_cluster") else "id"
        return (
            self.store.scalar(
                f"SELECT 1 FROM {table} i JOIN articles a ON a.id = i.article_id WHERE i.{column} = ? "
                "AND a.superseded_by IS NULL LIMIT 1",
                [entity_id],
            )
            is not None
        )

    def claim_figure(self, claim_id: int) -> dict[str, Any] | None:
        return self._one(
            "SELECT id, mention, kind, value, value_high, unit, hedge, target FROM claims WHERE id = ?", [claim_id]
        )

    def items_of_article(self, entity_type: str, article_id: int) -> list[dict[str, Any]]:
        """Claims or quotes of one article with what re-anchoring compares: text, figure, offsets. A corrected
        figure is compared as the extractor read it, since the new version's items are fresh extractions."""
        if entity_type == "claim":
            sql = (
                "SELECT id, start, end, mention AS text, kind, value, value_high, unit FROM claims "
                "WHERE article_id = ? ORDER BY start, id"
            )
        else:
            sql = "SELECT id, start, end, text, kind FROM quotes WHERE article_id = ? ORDER BY start, id"
        return CorrectionStore(self.store).extracted_rows(entity_type, self.rows(sql, [article_id]))

    def ids_with_records(self, entity_type: str, ids: Iterable[int]) -> set[int]:
        """Which of ``ids`` carry anything a reviewer recorded (review, judgement, source, note, correction)."""
        wanted = json.dumps(list(ids))
        found: set[int] = set()
        for table in ("reviews", "judgements", "sources", "notes", "corrections"):
            found.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT DISTINCT entity_id FROM {table} WHERE entity_type = ? "
                    "AND entity_id IN (SELECT value FROM json_each(?))",
                    [entity_type, wanted],
                )
            )
        return found

    # -- reviews -------------------------------------------------------------------------------------------------

    def get_review(self, entity_type: str, entity_id: int) -> dict[str, Any] | None:
        return self._one("SELECT * FROM reviews WHERE entity_type = ? AND entity_id = ?", [entity_type, entity_id])

    def save_review(
        self, entity_type: str, entity_id: int, fields: dict[str, Any], *, reviewer: str, at: str, version: int
    ) -> None:
        """Create or update the review row; ``fields`` are a subset of REVIEW_FIELDS."""
        values = {**fields, "reviewer": reviewer, "updated_at": at, "version": version}
        columns = ", ".join(values)
        updates = ", ".join(f"{c} = excluded.{c}" for c in values)
        self.db.execute(
            f"INSERT INTO reviews (entity_type, entity_id, {columns}) VALUES (?, ?, {', '.join('?' * len(values))}) "
            f"ON CONFLICT (entity_type, entity_id) DO UPDATE SET {updates}",
            [entity_type, entity_id, *values.values()],
        )

    def set_orphaned(self, entity_type: str, entity_id: int, orphaned: int) -> None:
        """Flag (1), discard (2) or clear (0) an orphaned review without counting it as the entity's change."""
        self.db.execute(
            "UPDATE reviews SET orphaned = ? WHERE entity_type = ? AND entity_id = ?",
            [orphaned, entity_type, entity_id],
        )

    def list_reviews(self, *, assignee: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
        clauses, params = ["1"], []
        if assignee is not None:
            clauses.append("assignee = ?")
            params.append(assignee)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        return self.rows(f"SELECT * FROM reviews WHERE {' AND '.join(clauses)} ORDER BY entity_type, entity_id", params)

    # -- judgements ----------------------------------------------------------------------------------------------

    def get_judgement(self, entity_type: str, entity_id: int, reviewer: str) -> dict[str, Any] | None:
        return self._one(
            "SELECT verdict, rationale FROM judgements WHERE entity_type = ? AND entity_id = ? AND reviewer = ?",
            [entity_type, entity_id, reviewer],
        )

    def get_judgement_row(self, entity_type: str, entity_id: int, reviewer: str) -> dict[str, Any] | None:
        return self._one(
            "SELECT verdict, rationale, at FROM judgements WHERE entity_type = ? AND entity_id = ? AND reviewer = ?",
            [entity_type, entity_id, reviewer],
        )

    def set_judgement(
        self, entity_type: str, entity_id: int, reviewer: str, verdict: str | None, rationale: str | None, at: str
    ) -> None:
        """A reviewer's own verdict; None withdraws it (the events keep the record)."""
        if verdict is None:
            self.db.execute(
                "DELETE FROM judgements WHERE entity_type = ? AND entity_id = ? AND reviewer = ?",
                [entity_type, entity_id, reviewer],
            )
            return
        self.db.execute(
            "INSERT INTO judgements (entity_type, entity_id, reviewer, verdict, rationale, at) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (entity_type, entity_id, reviewer) DO UPDATE SET verdict = excluded.verdict, "
            "rationale = excluded.rationale, at = excluded.at",
            [entity_type, entity_id, reviewer, verdict, rationale, at],
        )

    def all_judgements(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM judgements ORDER BY entity_type, entity_id, reviewer")

    # -- sources and notes (rows are never deleted: ``removed`` hides them) -------------------------------------

    def insert_source(self, record: dict[str, Any]) -> int:
        values = [
            json.dumps(record[c]) if c == "comparison" and record[c] is not None else record[c] for c in SOURCE_COLUMNS
        ]
        cursor = self.db.execute(
            f"INSERT INTO sources ({', '.join(SOURCE_COLUMNS)}) VALUES ({', '.join('?' * len(SOURCE_COLUMNS))})",
            values,
        )
        return inserted_id(cursor.lastrowid)

    def insert_note(self, record: dict[str, Any]) -> int:
        cursor = self.db.execute(
            f"INSERT INTO notes ({', '.join(NOTE_COLUMNS)}) VALUES ({', '.join('?' * len(NOTE_COLUMNS))})",
            [record[c] for c in NOTE_COLUMNS],
        )
        return inserted_id(cursor.lastrowid)

    def get_row(self, table: str, row_id: int) -> dict[str, Any] | None:
        _check_removable(table)
        row = self._one(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        return _decode_source(row) if row and table == "sources" else row

    def set_removed(self, table: str, row_id: int, removed: bool) -> None:
        _check_removable(table)
        self.db.execute(f"UPDATE {table} SET removed = ? WHERE id = ?", [int(removed), row_id])

    def attached(self, table: str, entities: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
        """Live sources or notes of the given entities, oldest first."""
        _check_removable(table)
        if not entities:
            return []
        where = " OR ".join("(entity_type = ? AND entity_id = ?)" for _ in entities)
        rows = self.rows(
            f"SELECT * FROM {table} WHERE removed = 0 AND ({where}) ORDER BY id",
            [v for entity in entities for v in entity],
        )
        return [_decode_source(r) for r in rows] if table == "sources" else rows

    # -- events --------------------------------------------------------------------------------------------------

    def insert_event(
        self,
        *,
        at: str,
        reviewer: str,
        entity_type: str,
        entity_id: int,
        action: str,
        before: Any,
        after: Any,
        version: int,
        undoes: int | None = None,
        redoes: int | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO events (at, reviewer, entity_type, entity_id, action, before, after, undoes, redoes, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [at, reviewer, entity_type, entity_id, action, _dump(before), _dump(after), undoes, redoes, version],
        )
        return inserted_id(cursor.lastrowid)

    def get_event(self, event_id: int) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM events WHERE id = ?", [event_id])
        return _decode_event(row) if row else None

    def events_of(self, entities: Sequence[tuple[str, int]], *, newest_first: bool = False) -> list[dict[str, Any]]:
        if not entities:
            return []
        where = " OR ".join("(entity_type = ? AND entity_id = ?)" for _ in entities)
        order = "DESC" if newest_first else ""
        rows = self.rows(
            f"SELECT * FROM events WHERE {where} ORDER BY id {order}", [v for entity in entities for v in entity]
        )
        return [_decode_event(r) for r in rows]

    def latest_event(self, entity_type: str, entity_id: int) -> dict[str, Any] | None:
        row = self._one(
            "SELECT * FROM events WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
            [entity_type, entity_id],
        )
        return _decode_event(row) if row else None

    def iter_reviewer_events(self, reviewer: str, actions: Sequence[str]) -> Iterator[dict[str, Any]]:
        """A reviewer's events, newest first, limited to ``actions`` (walked by undo/redo, usually briefly)."""
        marks = ", ".join("?" * len(actions))
        yield from self.store.iter_rows(
            f"SELECT id, action, undoes, redoes FROM events WHERE reviewer = ? AND action IN ({marks}) "
            "ORDER BY id DESC",
            [reviewer, *actions],
        )

    def count_events(self) -> int:
        return int(self.store.scalar("SELECT count(*) FROM events"))

    # -- moves across article versions ---------------------------------------------------------------------------

    def moved_to(self, entity_type: str, old_id: int) -> int | None:
        return self.store.scalar("SELECT new_id FROM moves WHERE entity_type = ? AND old_id = ?", [entity_type, old_id])

    def moved_from(self, entity_type: str, new_id: int) -> list[int]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT old_id FROM moves WHERE entity_type = ? AND new_id = ?", [entity_type, new_id]
            )
        ]

    def move_records(self, entity_type: str, old_id: int, new_id: int, event_id: int) -> None:
        """Re-key everything recorded on an item to its successor; the event says so, ``moves`` remembers it.
        Corrections go along and are applied to the successor's columns."""
        for table in ("reviews", "judgements", "sources", "notes"):
            self.db.execute(
                f"UPDATE {table} SET entity_id = ? WHERE entity_type = ? AND entity_id = ?",
                [new_id, entity_type, old_id],
            )
        if entity_type in CORRECTABLE_TYPES:
            CorrectionStore(self.store).move(entity_type, old_id, new_id)
        self.db.execute(
            "INSERT INTO moves (entity_type, old_id, new_id, event_id) VALUES (?, ?, ?, ?)",
            [entity_type, old_id, new_id, event_id],
        )

    # -- read models for the UI and exports ----------------------------------------------------------------------

    def effective_sql(self, item_type: str, *, where: str = "", with_sources: bool = True) -> str:
        """One SELECT over claims or quotes joined to their own and their cluster's review.

        A verdict of its own wins; otherwise the cluster's applies. Columns: entity_id, cluster_id, verdict,
        origin ('own' | 'cluster' | NULL), origin_type, origin_id, rationale, reviewer and reviewed_at (who set
        that verdict, and when), status,
        assignee, orphaned, version (of the item's own review), and with ``with_sources`` the live source URLs
        of the item and its cluster joined by " | " plus the newest reference value and unit among them.
        """
        table, cluster_type = ITEM_TABLES[item_type], CLUSTER_TYPES[item_type]

        def chosen(column: str) -> str:
            return f"CASE WHEN o.verdict IS NOT NULL THEN o.{column} ELSE k.{column} END"

        sources = ""
        if with_sources:
            mine = (
                f"SELECT id, url, reference_value, reference_unit FROM sources WHERE removed = 0 AND "
                f"entity_type = '{item_type}' AND entity_id = i.id UNION ALL "
                f"SELECT id, url, reference_value, reference_unit FROM sources WHERE removed = 0 AND "
                f"entity_type = '{cluster_type}' AND entity_id = i.cluster_id"
            )
            sources = (
                f", (SELECT group_concat(url, ' | ') FROM ({mine} ORDER BY id)) AS sources"
                f", (SELECT json_array(reference_value, reference_unit) FROM ({mine}) "
                "WHERE reference_value IS NOT NULL ORDER BY id DESC LIMIT 1) AS reference"
            )
        return (
            f"SELECT i.id AS entity_id, i.cluster_id, {effective_verdict()} AS verdict, "
            f"{verdict_origin()} AS origin, "
            f"{verdict_origin(mine=repr(item_type), theirs=repr(cluster_type))} AS origin_type, "
            f"{verdict_origin(mine='i.id', theirs='i.cluster_id')} AS origin_id, "
            f"{chosen('rationale')} AS rationale, {chosen('verdict_by')} AS reviewer, "
            f"{chosen('verdict_at')} AS reviewed_at, COALESCE(o.status, 'unreviewed') AS status, o.assignee, "
            f"COALESCE(o.orphaned, 0) AS orphaned, COALESCE(o.version, 0) AS version{sources} "
            f"FROM {table} i{review_joins('i', item_type)} "
            f"{where} ORDER BY i.id"
        )

    def iter_effective(
        self, item_type: str, ids: Iterable[int] | None = None, *, with_sources: bool = True
    ) -> Iterator[dict[str, Any]]:
        params: list[Any] = []
        where = ""
        if ids is not None:
            where = "WHERE i.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(ids)))
        for row in self.store.iter_rows(self.effective_sql(item_type, where=where, with_sources=with_sources), params):
            reference = row.pop("reference", None)
            if with_sources:
                row["reference_value"], row["reference_unit"] = json.loads(reference) if reference else (None, None)
            yield row

    def orphans(self) -> list[dict[str, Any]]:
        """Reviews whose item vanished in a newer article version, with enough context to re-attach them."""
        return self.rows(
            "SELECT r.entity_type, r.entity_id, r.verdict, r.rationale, r.status, r.assignee, r.reviewer, "
            "r.updated_at, r.version, COALESCE(c.mention, q.text) AS text, a.id AS article_id, a.source, "
            "a.version AS article_version, a.superseded_by, "
            "(SELECT count(*) FROM sources s WHERE s.removed = 0 AND s.entity_type = r.entity_type "
            " AND s.entity_id = r.entity_id) AS sources, "
            "(SELECT count(*) FROM notes n WHERE n.removed = 0 AND n.entity_type = r.entity_type "
            " AND n.entity_id = r.entity_id) AS notes "
            "FROM reviews r "
            "LEFT JOIN claims c ON r.entity_type = 'claim' AND c.id = r.entity_id "
            "LEFT JOIN quotes q ON r.entity_type = 'quote' AND q.id = r.entity_id "
            "LEFT JOIN articles a ON a.id = COALESCE(c.article_id, q.article_id) "
            "WHERE r.orphaned = 1 ORDER BY a.source, r.entity_type, r.entity_id"
        )


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _decode_event(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("before", "after"):
        row[key] = json.loads(row[key]) if row[key] is not None else None
    return row


def _decode_source(row: dict[str, Any]) -> dict[str, Any]:
    if row.get("comparison") is not None:
        row["comparison"] = json.loads(row["comparison"])
    return row


def _check_removable(table: str) -> None:
    if table not in _REMOVABLE:
        raise ValueError(f"not a removable table: {table!r}")
