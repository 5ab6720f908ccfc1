"""Reviewer identity: registering the team's names and checking a writer against them.

A shared database's history is only as good as its names: "Ana", "ana " and "Anna" would be three people to
``workbench agreement`` and to blame. In team mode (``Store.team_mode``) a write names a registered reviewer or is
refused, with the closest registered name offered, so a typo is caught before it enters the history.
"""

from __future__ import annotations

import shlex
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from workbench.store import reviewers as table
from workbench.store.db import utcnow
from workbench.store.repository import Store

MAX_NAME_LENGTH = 80
# Below this similarity (0-100) a registered name is not offered as what was meant.
SUGGEST_SCORE = 60
# A new name this similar to a registered one gets a warning when registered ("Ana Lma" beside "Ana Lima").
RESEMBLES_SCORE = 85


class ReviewerError(ValueError):
    """A reviewer name that cannot be used; the message says why and what to do instead."""


@dataclass(frozen=True)
class Reviewer:
    name: str
    added_at: datetime
    added_by: str | None
    events: int


def clean_name(name: str) -> str:
    """The name as stored: NFC, trimmed, inner runs of spaces as one; control characters are refused (a name
    is printed in every history line, and must not carry escape codes into a terminal)."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned:
        raise ReviewerError("a reviewer name cannot be empty")
    if any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise ReviewerError(f"reviewer name {cleaned!r} holds control or invisible characters")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ReviewerError(f"a reviewer name is at most {MAX_NAME_LENGTH} characters ({len(cleaned)} given)")
    return cleaned


@dataclass(frozen=True)
class Added:
    """What registering a name did: ``name`` as stored, whether it is new, and a registered name it resembles
    (a typo in ``reviewers add`` would create the very second person the table is there to prevent)."""

    name: str
    created: bool
    resembles: str | None = None


def add_reviewer(store: Store, name: str, *, added_by: str | None = None) -> Added:
    """Register ``name``, unless it is registered already in any case."""
    cleaned = clean_name(name)
    with store.transaction():
        existing = table.find_reviewer(store, cleaned)
        if existing is not None:
            return Added(existing, False)
        resembles = closest_reviewer(cleaned, table.reviewer_names(store), score=RESEMBLES_SCORE)
        table.insert_reviewer(store, cleaned, at=utcnow(), added_by=added_by)
    return Added(cleaned, True, resembles)


def list_reviewers(store: Store) -> list[Reviewer]:
    return [
        Reviewer(row["name"], datetime.fromisoformat(row["added_at"]), row["added_by"], int(row["events"]))
        for row in table.reviewer_rows(store)
    ]


def closest_reviewer(name: str, names: list[str], *, score: float = SUGGEST_SCORE) -> str | None:
    """The registered name ``name`` most likely meant (a typo, other case, a missing letter), or None."""
    from rapidfuzz import fuzz, process, utils  # here: the TUI starts without it (no name is compared there)

    found = process.extractOne(name, names, scorer=fuzz.WRatio, processor=utils.default_process)
    return found[0] if found is not None and found[1] >= score else None


def check_reviewer(store: Store, name: str) -> str:
    """The registered spelling of ``name``; outside team mode any name passes as given.

    Raises ``ReviewerError`` with one line naming the closest registered name, so a typo never becomes a person.
    """
    if not store.team_mode:
        return name
    found = table.find_reviewer(store, clean_name(name))
    if found is not None:
        return found
    names = table.reviewer_names(store)
    guess = closest_reviewer(name, names)
    hint = f"did you mean {guess!r}? " if guess else ""
    shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    raise ReviewerError(
        f"reviewer {name!r} is not registered in this team database; {hint}pass --reviewer NAME "
        f"(registered: {shown}) or register it with `workbench reviewers add {shlex.quote(name)}`"
    )
