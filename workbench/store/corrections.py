"""The SQL of corrections: reviewers' fixes of what the extractor produced, and "not a conflict" marks.

A correction overwrites the item's own column, so every reader (lists, exports, ClaimReview, clustering) sees the
corrected value without knowing corrections exist; the ``corrections`` row keeps what the extractor said (the
*extracted* value) and what the reviewer set, keyed by item, so re-anchoring can carry it to the item's successor
and undo can give the extractor's value back. The item's ``corrected`` column caches the list of fields a reviewer
changed for the exports. Nothing here decides anything: ``workbench.services.corrections`` does, inside the review
service's transactions and event log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from workbench.store import search
from workbench.store.db import inserted_id
from workbench.store.repository import Store, live_item

TABLES = {"claim": "claims", "quote": "quotes"}
# The fields a reviewer may fix, per item type (the brief's list).
EDITABLE: dict[str, tuple[str, ...]] = {
    "claim": ("kind", "value", "value_high", "unit", "hedge", "role", "target", "speaker"),
    "quote": ("kind", "speaker"),
}
# Columns a correction may set: the editable fields, the item's cluster and its dismissal.
CORRECTABLE: dict[str, tuple[str, ...]] = {t: (*fields, "cluster_id", "dismissed") for t, fields in EDITABLE.items()}
ADDED = "added"  # the pseudo-field of an item a reviewer added: extracted says whether the extractor finds it too
# Corrections that ``corrected`` names in exports (a dismissal or an addition has its own field there).
_LISTED = "field NOT IN ('dismissed', 'added')"
NOT_EXTRACTED, WITHDRAWN = "not_extracted", "withdrawn"


def _table(entity_type: str) -> str:
    if entity_type not in TABLES:
        raise ValueError(f"not a correctable item type: {entity_type!r}")
    return TABLES[entity_type]


def to_column(field: str, value: Any) -> Any:
    """A field's value as the item column stores it (a flag as 0/1)."""
    return int(bool(value)) if field == "target" and value is not None else value


def from_column(field: str, value: Any) -> Any:
    return bool(value) if field == "target" and value is not None else value


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class CorrectionStore:
    """Correction data of one ``Store``; cheap to create, holds no state but the store."""

    def __init__(self, store: Store):
        self.store = store
        self.db = store.db

    # -- items -----------------------------------------------------------------------------------------------------

    def item(self, entity_type: str, item_id: int) -> dict[str, Any] | None:
        """Every column of one claim or quote with its article's source, outlet, date and whether it is current."""
        rows = self.store.rows(
            f"SELECT i.*, a.source, a.outlet, a.published, a.superseded_by FROM {_table(entity_type)} i "
            "JOIN articles a ON a.id = i.article_id WHERE i.id = ?",
            [item_id],
        )
        return rows[0] if rows else None

    def columns(self, entity_type: str, item_id: int, fields: Iterable[str]) -> dict[str, Any]:
        names = _checked(entity_type, fields)
        row = self.store.rows(f"SELECT {', '.join(names)} FROM {_table(entity_type)} WHERE id = ?", [item_id])
        if not row:
            return dict.fromkeys(names)
        return {name: from_column(name, row[0][name]) for name in names}

    def set_columns(self, entity_type: str, item_id: int, values: dict[str, Any]) -> None:
        if not values:
            return
        names = _checked(entity_type, values)
        self.db.execute(
            f"UPDATE {_table(entity_type)} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
            [*(to_column(n, values[n]) for n in names), item_id],
        )

    def insert_item(self, entity_type: str, article_id: int, record: dict[str, Any]) -> int:
        """A reviewer's new item, withdrawn until the event that adds it (undo withdraws it again)."""
        values = {**record, "article_id": article_id, "origin": "added", "dismissed": WITHDRAWN}
        if "target" in values:
            values["target"] = int(bool(values["target"]))
        cursor = self.db.execute(
            f"INSERT INTO {_table(entity_type)} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
        item_id = inserted_id(cursor.lastrowid)
        # Its own cluster until a reviewer merges it: clustering a whole corpus again for one item is too slow.
        self.db.execute(f"UPDATE {_table(entity_type)} SET cluster_id = id WHERE id = ?", [item_id])
        search.sync(self.db)
        return item_id

    def item_at(self, entity_type: str, article_id: int, start: int, end: int) -> int | None:
        """A listed item of this type marking exactly ``[start, end)`` of the article, if any."""
        return self.store.scalar(
            f"SELECT id FROM {_table(entity_type)} i WHERE article_id = ? AND start = ? AND end = ? AND "
            f"{live_item('i')} LIMIT 1",
            [article_id, start, end],
        )

    def sentence_of(self, article_id: int, start: int, end: int) -> tuple[int, int] | None:
        """The stored sentence that holds ``[start, end)``, if one does."""
        row = self.db.execute(
            "SELECT start, end FROM sentences WHERE article_id = ? AND start <= ? ORDER BY start DESC LIMIT 1",
            [article_id, start],
        ).fetchone()
        return (row[0], row[1]) if row and row[1] >= end else None

    def people_of(self, article_id: int) -> list[str]:
        """The speakers the extractor named in one article, most frequent first: the choices for a speaker fix."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT speaker FROM (SELECT speaker FROM claims WHERE article_id = ? UNION ALL "
                "SELECT speaker FROM quotes WHERE article_id = ?) WHERE speaker IS NOT NULL "
                "GROUP BY speaker ORDER BY count(*) DESC, speaker",
                [article_id, article_id],
            )
        ]

    # -- corrections -----------------------------------------------------------------------------------------------

    def corrections_of(self, entity_type: str, item_id: int) -> dict[str, dict[str, Any]]:
        """The item's corrections by field: extracted and reviewer's values (decoded), note, reviewer, time."""
        rows = self.store.rows(
            "SELECT * FROM corrections WHERE entity_type = ? AND entity_id = ? ORDER BY field", [entity_type, item_id]
        )
        return {row["field"]: _decoded(row) for row in rows}

    def correction(self, entity_type: str, item_id: int, field: str) -> dict[str, Any] | None:
        rows = self.store.rows(
            "SELECT * FROM corrections WHERE entity_type = ? AND entity_id = ? AND field = ?",
            [entity_type, item_id, field],
        )
        return _decoded(rows[0]) if rows else None

    def put(
        self, entity_type: str, item_id: int, field: str, value: Any, *, note: str | None, reviewer: str, at: str
    ) -> None:
        """Set a correction and the item's column. The extracted value is kept from an earlier correction, else
        taken from the column before it is overwritten (for ``added``: False, the extractor did not find it)."""
        existing = self.correction(entity_type, item_id, field)
        if field == ADDED:
            baseline = existing["extracted"] if existing else False
        else:
            baseline = existing["extracted"] if existing else self.columns(entity_type, item_id, [field])[field]
        self.db.execute(
            "INSERT INTO corrections (entity_type, entity_id, field, extracted, value, note, reviewer, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity_type, entity_id, field) DO UPDATE SET "
            "extracted = excluded.extracted, value = excluded.value, note = excluded.note, "
            "reviewer = excluded.reviewer, at = excluded.at",
            [entity_type, item_id, field, _dump(baseline), _dump(value), note, reviewer, at],
        )
        if field != ADDED:
            self.set_columns(entity_type, item_id, {field: value})
        self.refresh_corrected(entity_type, item_id)

    def drop(self, entity_type: str, item_id: int, field: str) -> None:
        """Remove a correction; the column gets the extractor's value back."""
        existing = self.correction(entity_type, item_id, field)
        if existing is None:
            return
        self.db.execute(
            "DELETE FROM corrections WHERE entity_type = ? AND entity_id = ? AND field = ?",
            [entity_type, item_id, field],
        )
        if field != ADDED:
            self.set_columns(entity_type, item_id, {field: existing["extracted"]})
        self.refresh_corrected(entity_type, item_id)

    def set_extracted(self, entity_type: str, item_id: int, field: str, extracted: Any) -> None:
        """What a newer extractor says about a corrected field; the reviewer's value stays in force."""
        self.db.execute(
            "UPDATE corrections SET extracted = ? WHERE entity_type = ? AND entity_id = ? AND field = ?",
            [_dump(extracted), entity_type, item_id, field],
        )

    def refresh_corrected(self, entity_type: str, item_id: int) -> None:
        self.db.execute(
            f"UPDATE {_table(entity_type)} SET corrected = (SELECT CASE WHEN count(*) THEN json_group_array(field) "
            f"END FROM (SELECT field FROM corrections WHERE entity_type = ? AND entity_id = ? AND {_LISTED} "
            "ORDER BY field)) WHERE id = ?",
            [entity_type, item_id, item_id],
        )

    def reapply(self, entity_type: str, item_id: int) -> None:
        """After re-anchoring moved an item's corrections onto its successor: the successor's own (newly
        extracted) values become the extracted ones, and the reviewer's values go back into its columns."""
        for field, found in self.corrections_of(entity_type, item_id).items():
            if field == ADDED:
                continue
            current = self.columns(entity_type, item_id, [field])[field]
            self.set_extracted(entity_type, item_id, field, current)
            self.set_columns(entity_type, item_id, {field: found["value"]})
        self.refresh_corrected(entity_type, item_id)

    def extracted_rows(self, entity_type: str, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` (item columns) with every corrected field set back to what the extractor said."""
        if not rows:
            return []
        found: dict[int, dict[str, Any]] = {}
        for row in self.store.iter_rows(
            "SELECT entity_id, field, extracted FROM corrections WHERE entity_type = ? AND field != 'added' "
            "AND entity_id IN (SELECT value FROM json_each(?))",
            [entity_type, json.dumps([r["id"] for r in rows])],
        ):
            found.setdefault(row["entity_id"], {})[row["field"]] = json.loads(row["extracted"])
        result = []
        for row in rows:
            overlay = {k: v for k, v in found.get(row["id"], {}).items() if k in row}
            result.append({**row, **overlay} if overlay else dict(row))
        return result

    def move(self, entity_type: str, old_id: int, new_id: int) -> None:
        """Re-key an item's corrections to its successor (with the other records; see ``ReviewStore``)."""
        self.db.execute(
            "UPDATE corrections SET entity_id = ? WHERE entity_type = ? AND entity_id = ?",
            [new_id, entity_type, old_id],
        )
        self.reapply(entity_type, new_id)

    # -- clusters --------------------------------------------------------------------------------------------------

    def cluster_items(self, entity_type: str, cluster_id: int) -> list[dict[str, Any]]:
        """Every item filed under ``cluster_id`` (all versions, dismissed ones too), listed ones first."""
        return self.store.rows(
            f"SELECT i.id, i.article_id, i.dismissed, a.superseded_by IS NULL AND {live_item('i')} AS listed "
            f"FROM {_table(entity_type)} i JOIN articles a ON a.id = i.article_id WHERE i.cluster_id = ? "
            "ORDER BY listed DESC, i.id",
            [cluster_id],
        )

    def cluster_of(self, entity_type: str, item_id: int) -> int | None:
        return self.store.scalar(f"SELECT cluster_id FROM {_table(entity_type)} WHERE id = ?", [item_id])

    def manual_clusters(self, entity_type: str) -> dict[int, int]:
        """Items a reviewer put in a cluster by hand (``item -> cluster``): clustering must leave them there."""
        return {
            row[0]: json.loads(row[1])
            for row in self.db.execute(
                "SELECT entity_id, value FROM corrections WHERE field = 'cluster_id' AND entity_type = ?", [entity_type]
            )
        }

    # -- not a conflict --------------------------------------------------------------------------------------------

    def not_conflict(self, kind: str, a: int, b: int) -> dict[str, Any] | None:
        low, high = sorted((a, b))
        rows = self.store.rows(
            "SELECT * FROM not_conflicts WHERE kind = ? AND cluster_a = ? AND cluster_b = ?", [kind, low, high]
        )
        return rows[0] if rows else None

    def set_not_conflict(
        self, kind: str, a: int, b: int, *, active: bool, note: str | None, reviewer: str, at: str
    ) -> None:
        low, high = sorted((a, b))
        self.db.execute(
            "INSERT INTO not_conflicts (kind, cluster_a, cluster_b, note, reviewer, at, removed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, cluster_a, cluster_b) DO UPDATE SET "
            "note = excluded.note, reviewer = excluded.reviewer, at = excluded.at, removed = excluded.removed",
            [kind, low, high, note, reviewer, at, int(not active)],
        )

    # -- what reviewers checked (evaluation and the gold set) ------------------------------------------------------

    def produced_items(self, entity_type: str, article_id: int) -> list[dict[str, Any]]:
        """The article's items as the stored extraction produced them (extracted values, no additions unless the
        extractor finds them too, dismissed ones included while the extractor still finds them)."""
        rows = self.store.rows(
            f"SELECT i.* FROM {_table(entity_type)} i WHERE i.article_id = ? AND ("
            "(i.origin = 'extracted' AND coalesce((SELECT c.extracted FROM corrections c WHERE c.entity_type = ? "
            "AND c.entity_id = i.id AND c.field = 'dismissed'), json_quote(i.dismissed), 'null') = 'null') OR "
            "(i.origin = 'added' AND EXISTS (SELECT 1 FROM corrections c WHERE c.entity_type = ? "
            "AND c.entity_id = i.id AND c.field = 'added' AND c.extracted = 'true'))) ORDER BY i.start, i.id",
            [article_id, entity_type, entity_type],
        )
        return [{**row, "entity_type": entity_type} for row in self.extracted_rows(entity_type, rows)]

    def reviewed_items(self, entity_type: str) -> list[dict[str, Any]]:
        """Current items a reviewer looked at (anything recorded on them) or added, with their corrections and
        outlet, dismissed ones included. Withdrawn additions are left out, and so are items the extractor no longer
        finds unless their review waits as an orphan (a discarded orphan no longer counts)."""
        table = _table(entity_type)
        rows = self.store.rows(
            f"SELECT i.*, a.outlet FROM {table} i JOIN articles a ON a.id = i.article_id "
            f"WHERE a.superseded_by IS NULL AND i.dismissed IS NOT '{WITHDRAWN}' AND (i.origin = 'added' OR "
            "EXISTS (SELECT 1 FROM reviews r WHERE r.entity_type = ? AND r.entity_id = i.id "
            f"AND (i.dismissed IS NOT '{NOT_EXTRACTED}' OR r.orphaned = 1))) ORDER BY i.id",
            [entity_type],
        )
        by_id = {row["id"]: {**row, "entity_type": entity_type, "corrections": {}} for row in rows}
        for row in self.store.iter_rows(
            "SELECT * FROM corrections WHERE entity_type = ? AND entity_id IN (SELECT value FROM json_each(?))",
            [entity_type, json.dumps(list(by_id))],
        ):
            by_id[row["entity_id"]]["corrections"][row["field"]] = _decoded(row)
        return list(by_id.values())


def _checked(entity_type: str, fields: Iterable[str]) -> list[str]:
    names = list(fields)
    allowed = CORRECTABLE[entity_type]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise ValueError(f"not a correctable {entity_type} column: {', '.join(unknown)}")
    return names


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "extracted": json.loads(row["extracted"]) if row["extracted"] is not None else None,
        "value": json.loads(row["value"]) if row["value"] is not None else None,
    }
