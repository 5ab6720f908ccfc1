"""The team's registered reviewers: the names every event of a shared database may carry.

Plain, portable SQL (SQLite and PostgreSQL alike). Names compare case-insensitively when registering, so "Ana" and
"ana" cannot both become people; the spelling registered first is the one events carry.
"""

from __future__ import annotations

from typing import Any

from workbench.store.repository import Store


def reviewer_rows(store: Store) -> list[dict[str, Any]]:
    """Every registered reviewer with when and by whom they were added, and how many events they have made."""
    return store.rows(
        "SELECT r.name, r.added_at, r.added_by, "
        "(SELECT count(*) FROM events e WHERE e.reviewer = r.name) AS events "
        "FROM reviewers r ORDER BY lower(r.name)"
    )


def reviewer_names(store: Store) -> list[str]:
    return [row["name"] for row in store.rows("SELECT name FROM reviewers ORDER BY lower(name)")]


def find_reviewer(store: Store, name: str) -> str | None:
    """The registered spelling of ``name`` compared case-insensitively, or None."""
    rows = store.rows("SELECT name FROM reviewers WHERE lower(name) = lower(?)", [name])
    return rows[0]["name"] if rows else None


def insert_reviewer(store: Store, name: str, *, at: str, added_by: str | None) -> None:
    store.db.execute("INSERT INTO reviewers (name, added_at, added_by) VALUES (?, ?, ?)", [name, at, added_by])


def has_reviewers(store: Store) -> bool:
    return bool(store.rows("SELECT 1 AS one FROM reviewers LIMIT 1"))
