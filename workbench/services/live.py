"""Live updates: what colleagues changed since this screen last looked, for an open workbench to show.

An open TUI asks ``poll()`` a few times a second; it costs one pragma (SQLite) and no query. Only when it says
something was committed elsewhere does the TUI ask ``changes()``: the events after the last one seen, as one
indexed range of the events table, never a re-listing, so a poll costs the same on 200 claims and 200,000.
Events by this reviewer are left out (their own screen already shows them); a commit without events (an ingest)
comes back as an empty change set with ``touched`` set, so the screen can refresh counts.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workbench.store import watch
from workbench.store.repository import Store

# Actions whose events add items to the lists or take them out: the list must be read again, not only repainted.
RELISTING_ACTIONS = ("dismiss", "restore", "add", "reattach", "discard")
# How far back (in event ids) a read looks for events committed out of id order (see ``LiveUpdates.changes``).
REORDER_WINDOW = 100


@dataclass(frozen=True)
class Change:
    """One colleague's change, as the events table recorded it."""

    event_id: int
    at: datetime
    reviewer: str
    entity_type: str
    entity_id: int
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def key(self) -> tuple[str, int]:
        return (self.entity_type, self.entity_id)

    @property
    def relists(self) -> bool:
        """Whether items entered or left the lists (also through an undo or redo of such a change)."""
        after = self.after or {}
        if self.action in RELISTING_ACTIONS or "row" in after:
            return True
        return any("dismissed" in fields for fields in (after.get("corrections") or {}).values())


@dataclass(frozen=True)
class ChangeSet:
    """What changed after ``since`` up to ``token`` (pass ``token`` next time): colleagues' changes, oldest first."""

    since: int
    token: int
    changes: tuple[Change, ...]
    ids: tuple[int, ...] = ()  # every event read, this reviewer's included
    own: int = 0  # events of this reviewer in the range (another window of theirs): shown, not announced
    truncated: bool = False  # more changes than were read: the screen should reload as a whole

    @property
    def keys(self) -> set[tuple[str, int]]:
        return {change.key for change in self.changes}

    @property
    def reviewers(self) -> list[str]:
        return sorted({change.reviewer for change in self.changes})

    @property
    def relists(self) -> bool:
        return self.truncated or any(change.relists for change in self.changes)


def changes_since(
    store: Store, since: int, reviewer: str, limit: int = watch.MAX_CHANGES, *, seen: Collection[int] = ()
) -> ChangeSet:
    """Everyone else's events after event ``since`` (less those in ``seen``): the service call behind "what
    changed since T"."""
    rows = [row for row in watch.changes_since(store, since, limit + 1 + len(seen)) if row["id"] not in seen]
    truncated = len(rows) > limit
    rows = rows[-limit:]
    token = max((row["id"] for row in rows), default=since)
    theirs = [row for row in rows if row["reviewer"] != reviewer]
    return ChangeSet(
        ids=tuple(row["id"] for row in rows),
        since=since,
        token=token,
        changes=tuple(
            Change(
                event_id=row["id"],
                at=datetime.fromisoformat(row["at"]),
                reviewer=row["reviewer"],
                entity_type=row["entity_type"],
                entity_id=row["entity_id"],
                action=row["action"],
                before=row["before"],
                after=row["after"],
            )
            for row in theirs
        ),
        own=len(rows) - len(theirs),
        truncated=truncated,
    )


class LiveUpdates:
    """One open screen's view of other people's commits; ``lock`` is the one guarding the store's connection."""

    def __init__(self, store: Store, lock: threading.RLock | None = None) -> None:
        self.store = store
        self.watcher = watch.watcher_for(store, lock)
        self.token = watch.latest_event_id(store)
        self._seen = self._window_ids(self.token)

    def _window_ids(self, token: int) -> set[int]:
        return {row["id"] for row in watch.changes_since(self.store, max(token - REORDER_WINDOW, 0), REORDER_WINDOW)}

    def poll(self) -> bool:
        """Whether anything may have been committed elsewhere since the last poll (cheap; never waits)."""
        return self.watcher.changed()

    def close(self) -> None:
        """Stop watching: on PostgreSQL this closes the listening connection, which would stay open on the server
        until the process ends (a desk's database counts every open window's)."""
        self.watcher.close()

    def changes(self, reviewer: str) -> ChangeSet:
        """Colleagues' changes since the last call; the caller holds the store's lock.

        The read starts ``REORDER_WINDOW`` events before the newest seen, skipping those already seen: on a server
        database a transaction can commit after one that took a higher id, and its event would be missed by a
        plain "id above the newest seen". (SQLite commits one writer at a time, so there it finds nothing more.)
        """
        found = changes_since(self.store, max(self.token - REORDER_WINDOW, 0), reviewer, seen=self._seen)
        self.token = max(self.token, found.token)
        self._seen = {i for i in (*self._seen, *found.ids) if i > self.token - REORDER_WINDOW}
        return found
