"""The review workflow: the only API through which the TUI and the CLI record and read verdicts.

A team must trust that nothing it records is lost or silently changed, so:

- every change is one transaction that updates the current state *and* appends an event (who, when, entity,
  action, before, after); rows of sources and notes are hidden, never deleted;
- each entity carries a ``version`` (the number of events on it). A writer that passes ``expected_version`` is
  refused with ``ConflictError`` when someone else wrote in between, instead of overwriting their work;
- undo and redo append events too. Undo takes back the reviewer's own latest change (redo the latest undo, like
  an editor); it is refused when someone else has since changed the same fields;
- every reviewer's own latest verdict per entity is kept (``judgements``) so agreement can be measured even after
  a colleague overrode it.

Entities are ``ItemRef``s: a claim, a quote, or a cluster of either (cluster id == its representative item's id).
A verdict on a cluster applies to members without their own (``effective_verdict``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from workbench.models import (
    RATING_VALUES,
    VERDICT_LABELS,
    WORKFLOW_STATES,
    EntityType,
    Event,
    Source,
    Verdict,
    VerdictLabel,
)
from workbench.services.compare import compare_reference
from workbench.services.reviewers import ReviewerError, check_reviewer
from workbench.store.corrections import CorrectionStore
from workbench.store.db import StoreError, utcnow
from workbench.store.repository import Store
from workbench.store.reviews import CLUSTER_TYPES, REVIEW_DEFAULTS, REVIEW_FIELDS, REVIEW_TABLES, ReviewStore

__all__ = [
    "BlameLine",
    "ConflictError",
    "EffectiveVerdict",
    "ItemRef",
    "Note",
    "NothingToUndo",
    "Review",
    "ReviewError",
    "ReviewEvent",
    "ReviewService",
    "ValidationError",
    "describe_event",
    "validate_url",
]

ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]
# Actions a reviewer can undo; re-anchoring after a re-ingest is bookkeeping, not a reviewer's change.
# Corrections (workbench.services.corrections) are undone the same way.
CORRECTION_ACTIONS = (
    "correct",
    "dismiss",
    "restore",
    "add",
    "cluster_split",
    "cluster_move",
    "cluster_merge",
    "not_conflict",
    "discard",
)
UNDOABLE = (
    "verdict",
    "judgement",
    "status",
    "assign",
    "source_add",
    "source_remove",
    "note_add",
    "note_remove",
    *CORRECTION_ACTIONS,
)
# Events an ingest writes for whoever runs it, not a reviewer's judgement: they need no registered name.
BOOKKEEPING = ("orphan", "reanchor")
# Event sections that change items rather than reviews: corrected fields, item rows (an addition), the orphan
# flag of other entities' reviews, "not a conflict" marks. Their snapshots compare as they are.
CORRECTION_SECTIONS = ("corrections", "row", "flags", "not_conflict")
MAX_URL_LENGTH = 2048
# A host name label: letters (any script) or digits, inner hyphens, at most 63 characters.
_HOST_LABEL = re.compile(r"^(?!-)(?:[^\W_]|-){1,63}(?<!-)$")


class ReviewError(Exception):
    """Something the user has to act on; the message says what and how."""


class ValidationError(ReviewError, ValueError):
    """The input itself is wrong (unknown label, bad URL, missing item)."""


class ConflictError(ReviewError):
    """Someone else changed the entity since the caller last read it; nothing was written."""


class NothingToUndo(ReviewError):
    pass


# -- entity references -------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class ItemRef:
    """What a verdict, source or note is about. Written ``claim:12``, ``quote:7``, ``claim-cluster:3``."""

    entity_type: str
    entity_id: int

    def __post_init__(self) -> None:
        if self.entity_type not in ENTITY_TYPES:
            raise ValidationError(
                f"unknown item type {self.entity_type!r}; use one of: "
                + ", ".join(t.replace("_", "-") for t in ENTITY_TYPES)
            )

    @classmethod
    def parse(cls, text: str) -> ItemRef:
        kind, sep, number = text.strip().partition(":")
        if not sep or not number.strip().isdigit():
            raise ValidationError(
                f"{text!r} is not an item; write it like claim:12, quote:7, claim-cluster:3 or quote-cluster:5"
            )
        return cls(kind.strip().lower().replace("-", "_"), int(number))

    @classmethod
    def of(cls, item: ItemRef | tuple[str, int] | str) -> ItemRef:
        if isinstance(item, ItemRef):
            return item
        if isinstance(item, str):
            return cls.parse(item)
        return cls(item[0], int(item[1]))

    @property
    def key(self) -> tuple[str, int]:
        return (self.entity_type, self.entity_id)

    @property
    def label(self) -> str:
        """How messages name it: "claim 12", "quote cluster 5"."""
        return f"{self.entity_type.replace('_', ' ')} {self.entity_id}"

    def __str__(self) -> str:
        return f"{self.entity_type.replace('_', '-')}:{self.entity_id}"


ItemLike = ItemRef | tuple[str, int] | str


# -- what the service returns ------------------------------------------------------------------------------------


class Review(Verdict):
    """The current shared state of one entity. ``label`` is the verdict when there is one, else the status.
    ``reviewer``/``updated_at`` name the latest change of any kind; ``verdict_by``/``verdict_at`` who set the
    verdict and when."""

    verdict: VerdictLabel | None = None
    status: str = "unreviewed"
    assignee: str | None = None
    orphaned: bool = False
    verdict_by: str | None = None
    verdict_at: datetime | None = None


class EffectiveVerdict(Verdict):
    """The verdict that applies to an item and where it comes from: its own, or its cluster's."""

    origin: Literal["own", "cluster"] | None = None
    origin_type: str | None = None
    origin_id: int | None = None
    cluster_id: int | None = None
    status: str = "unreviewed"
    assignee: str | None = None
    orphaned: bool = False


class ReviewEvent(Event):
    """An event as stored: ``redoes`` links a redo to the undo it reverses; ``version`` is the entity's after it."""

    redoes: int | None = None
    version: int = 0


class Note(BaseModel):
    """A reviewer's free-text remark on an entity."""

    model_config = ConfigDict(extra="forbid")

    id: int
    entity_type: str
    entity_id: int
    text: str
    reviewer: str
    created_at: datetime


@dataclass(frozen=True)
class _Written:
    event: dict[str, Any]
    review: Review


@dataclass(frozen=True)
class BlameLine:
    """Which event set a field's current value (``event_id`` None: never set, the default applies)."""

    field: str
    value: Any
    event_id: int | None
    reviewer: str | None
    at: str | None
    action: str | None


# -- validation (pure) -------------------------------------------------------------------------------------------


def validate_url(url: str) -> str:
    """The URL as stored, or ValidationError saying what is wrong with it. Surrounding whitespace is forgiven."""
    if not isinstance(url, str) or not url.strip():
        raise ValidationError("the source URL is empty")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise ValidationError(f"the source URL is {len(url)} characters long; at most {MAX_URL_LENGTH} are accepted")
    for position, char in enumerate(url):
        if char.isspace():
            raise ValidationError(f"the source URL contains a space at position {position}; encode it as %20")
        if unicodedata.category(char) in ("Cc", "Cf"):
            raise ValidationError(
                f"the source URL contains a control character U+{ord(char):04X} at position {position}"
            )
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise ValidationError(f"only http and https source URLs are accepted, this has {shown} ({url})")
    if not parts.netloc:
        raise ValidationError(f"the source URL has no host ({url}); write it like https://example.org/page")
    if "@" in parts.netloc:
        raise ValidationError("the source URL contains a user name or password; remove it before sharing")
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ValidationError(f"the source URL has an invalid port ({exc})") from exc
    if not _valid_host(host, bracketed=parts.netloc.startswith("[")):
        raise ValidationError(f"the source URL has an invalid host {host!r}")
    return url


def _valid_host(host: str, *, bracketed: bool) -> bool:
    if bracketed:
        return ":" in host and all(c in "0123456789abcdef:." for c in host.lower())
    labels = host.rstrip(".").split(".")
    return bool(host) and all(_HOST_LABEL.match(label) for label in labels)


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _parse_time(value: str | date | datetime | None) -> str:
    if value is None:
        return utcnow()
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = value.strip()
    try:
        # A bare date stays a date: the reviewer did not say at what time.
        return date.fromisoformat(text).isoformat() if len(text) == 10 else datetime.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise ValidationError(f"retrieved-at {value!r} is not an ISO date or date-time (e.g. 2024-05-01)") from exc


def _when(at: str | None) -> str:
    """A timestamp for messages: minutes are enough to recognise a colleague's change."""
    if not at:
        return "an unknown time"
    try:
        moment = datetime.fromisoformat(at).astimezone(UTC)
    except ValueError:
        return at
    if moment.date() == datetime.now(UTC).date():
        return moment.strftime("%H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M UTC")


# -- the service -------------------------------------------------------------------------------------------------


class ReviewService:
    """Review use cases for one reviewer on one store. Create one per reviewer session; it holds no cache."""

    def __init__(self, store: Store, reviewer: str):
        if not reviewer or not reviewer.strip():
            raise ValidationError(
                "a reviewer name is needed: pass --reviewer, set $WORKBENCH_REVIEWER or the config file's reviewer"
            )
        self.store = store
        self.reviewer = reviewer.strip()
        self.data = ReviewStore(store)
        self.fixes = CorrectionStore(store)
        self._registered = False  # checked against the team's reviewers (once it passed in team mode)

    def require_registered(self) -> None:
        """``ValidationError`` unless this reviewer may write: in team mode a registered name (its registered
        spelling is adopted), outside it any name. Every write checks; commands call it up front as well, so a
        typo is reported before any work rather than at the first keypress."""
        if self._registered:
            return
        try:
            name = check_reviewer(self.store, self.reviewer)
        except ReviewerError as exc:
            raise ValidationError(str(exc)) from exc
        if self.store.team_mode:
            self.reviewer, self._registered = name, True

    @staticmethod
    def check_writable(store: Store) -> None:
        """``ReviewError`` if a table that reviews write to is damaged: SQLite notices damage only on the pages a
        statement touches, so a command that is about to write checks first."""
        try:
            store.check_tables(REVIEW_TABLES)
        except StoreError as exc:
            raise ReviewError(str(exc)) from exc

    # -- writes ------------------------------------------------------------------------------------------------

    def set_verdict(
        self, item: ItemLike, label: str, rationale: str | None = None, *, expected_version: int | None = None
    ) -> Review:
        """Record a verdict from the scale; a workflow state (``unreviewed``, ``in_progress``) clears it."""
        ref = self._existing(item)
        if label not in VERDICT_LABELS and label not in WORKFLOW_STATES:
            raise ValidationError(
                f"unknown verdict {label!r}; choose one of: " + ", ".join((*VERDICT_LABELS, *WORKFLOW_STATES))
            )
        rationale = _clean_text(rationale)
        verdict = label if label in VERDICT_LABELS else None
        status = "reviewed" if verdict else label
        after = {
            "review": {"verdict": verdict, "rationale": rationale, "status": status},
            # Clearing withdraws this reviewer's judgement altogether (its rationale included).
            "judgement": {"reviewer": self.reviewer, "verdict": verdict, "rationale": rationale if verdict else None},
        }
        return self._commit(ref, "verdict", after, expected_version=expected_version).review

    def judge(
        self, item: ItemLike, label: str, rationale: str | None = None, *, expected_version: int | None = None
    ) -> Review:
        """Record this reviewer's own judgement, even when it equals the current verdict, so agreement counts it.

        The shared verdict changes only when none stands or it is this reviewer's own: a colleague's verdict is
        never replaced from here (a blind second review must not overwrite the first). A workflow state withdraws
        the judgement.
        """
        ref = self._existing(item)
        if label not in VERDICT_LABELS and label not in WORKFLOW_STATES:
            raise ValidationError(
                f"unknown verdict {label!r}; choose one of: " + ", ".join((*VERDICT_LABELS, *WORKFLOW_STATES))
            )
        current = self.data.get_review(*ref.key)
        if current is None or current["verdict"] is None or current["verdict_by"] in (None, self.reviewer):
            return self.set_verdict(ref, label, rationale, expected_version=expected_version)
        verdict = label if label in VERDICT_LABELS else None
        after = {
            "judgement": {
                "reviewer": self.reviewer,
                "verdict": verdict,
                "rationale": _clean_text(rationale) if verdict else None,
            }
        }
        return self._commit(ref, "judgement", after, expected_version=expected_version).review

    def set_status(self, item: ItemLike, status: str, *, expected_version: int | None = None) -> Review:
        """Flag the workflow state (e.g. ``in_progress`` while checking); a recorded verdict stands meanwhile."""
        ref = self._existing(item)
        if status not in WORKFLOW_STATES:
            raise ValidationError(f"unknown status {status!r}; choose one of: {', '.join(WORKFLOW_STATES)}")
        return self._commit(ref, "status", {"review": {"status": status}}, expected_version=expected_version).review

    def assign(self, item: ItemLike, assignee: str | None, *, expected_version: int | None = None) -> Review:
        """Give the item to a reviewer (None or "" unassigns)."""
        ref = self._existing(item)
        return self._commit(
            ref, "assign", {"review": {"assignee": _clean_text(assignee)}}, expected_version=expected_version
        ).review

    def add_source(
        self,
        item: ItemLike,
        url: str,
        *,
        title: str | None = None,
        excerpt: str | None = None,
        note: str | None = None,
        retrieved_at: str | date | datetime | None = None,
        reference_value: float | None = None,
        reference_unit: str | None = None,
        expected_version: int | None = None,
    ) -> Source:
        """Attach evidence. With a reference value the claim's figure is compared and the outcome stored with it."""
        ref = self._existing(item)
        record = {
            "entity_type": ref.entity_type,
            "entity_id": ref.entity_id,
            "url": validate_url(url),
            "title": _clean_text(title),
            "excerpt": _clean_text(excerpt),
            "note": _clean_text(note),
            "retrieved_at": _parse_time(retrieved_at),
            "reference_value": reference_value,
            "reference_unit": _clean_text(reference_unit),
            "comparison": self._comparison(ref, reference_value, _clean_text(reference_unit)),
            "reviewer": self.reviewer,
            "created_at": utcnow(),
        }
        written = self._commit(
            ref, "source_add", {"source": {**record, "removed": False}}, expected_version=expected_version
        )
        return self._source(written.event["after"]["source"]["id"])

    def remove_source(self, source_id: int, *, expected_version: int | None = None) -> None:
        self._remove("sources", "source", source_id, expected_version)

    def add_note(self, item: ItemLike, text: str, *, expected_version: int | None = None) -> Note:
        ref = self._existing(item)
        text = _clean_text(text) or ""
        if not text:
            raise ValidationError("the note is empty")
        record = {
            "entity_type": ref.entity_type,
            "entity_id": ref.entity_id,
            "text": text,
            "reviewer": self.reviewer,
            "created_at": utcnow(),
        }
        written = self._commit(
            ref, "note_add", {"note": {**record, "removed": False}}, expected_version=expected_version
        )
        return Note(**_live(self.data.get_row("notes", written.event["after"]["note"]["id"])))

    def remove_note(self, note_id: int, *, expected_version: int | None = None) -> None:
        self._remove("notes", "note", note_id, expected_version)

    def undo(self) -> ReviewEvent:
        """Take back this reviewer's latest change that is not undone yet; returns the new ``undo`` event."""
        with self.store.transaction():
            target = self._stack_top(undo=True)
            if target is None:
                raise NothingToUndo(f"{self.reviewer} has nothing to undo")
            return self._revert(target, "undo")

    def redo(self) -> ReviewEvent:
        """Re-apply the change this reviewer undid last, unless a new change came after that undo."""
        with self.store.transaction():
            target = self._stack_top(undo=False)
            if target is None:
                raise NothingToUndo(f"{self.reviewer} has nothing to redo")
            return self._revert(target, "redo")

    # -- reads -------------------------------------------------------------------------------------------------

    def review(self, item: ItemLike) -> Review:
        """The entity's own current state with its version (0: nothing recorded yet)."""
        ref = ItemRef.of(item)
        return _review(ref, self.data.get_review(*ref.key))

    def effective_verdict(self, entity_type: str, entity_id: int) -> EffectiveVerdict:
        """The verdict that applies to a claim or quote (its own, else its cluster's); a cluster has only its own."""
        ref = ItemRef(entity_type, entity_id)
        if ref.entity_type in CLUSTER_TYPES:
            rows = list(self.data.iter_effective(ref.entity_type, [ref.entity_id], with_sources=False))
            if not rows:
                raise ValidationError(f"{ref.label} does not exist")
            return _effective(ref.entity_type, rows[0])
        own = self.review(ref)
        origin = "own" if own.verdict else None
        return EffectiveVerdict(
            entity_type=ref.entity_type,
            entity_id=ref.entity_id,
            label=own.label,
            rationale=own.rationale,
            reviewer=own.verdict_by or own.reviewer,
            updated_at=own.verdict_at or own.updated_at,
            version=own.version,
            origin=origin,
            origin_type=ref.entity_type if origin else None,
            origin_id=ref.entity_id if origin else None,
            cluster_id=ref.entity_id,
            status=own.status,
            assignee=own.assignee,
            orphaned=own.orphaned,
        )

    def effective_verdicts_bulk(
        self, item_type: Literal["claim", "quote"], ids: Iterable[int] | None = None, *, with_sources: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Effective verdicts of many claims or quotes in one SQL join, as plain dicts in id order (for exports).

        Keys: see ``ReviewStore.effective_sql``; ``label`` and ``rating_value`` are added.
        """
        if item_type not in CLUSTER_TYPES:
            raise ValidationError(f"bulk verdicts are per claim or per quote, not {item_type!r}")
        for row in self.data.iter_effective(item_type, ids, with_sources=with_sources):
            row["label"] = row["verdict"] or _workflow(row["status"])
            row["rating_value"] = RATING_VALUES.get(row["verdict"]) if row["verdict"] else None
            yield row

    def judgement(self, item: ItemLike) -> Review | None:
        """This reviewer's own latest judgement on the entity (None: none), whoever's verdict is the current one:
        what a blind reviewer sees instead of the shared state."""
        ref = ItemRef.of(item)
        row = self.data.get_judgement_row(*ref.key, self.reviewer)
        if row is None:
            return None
        return Review(
            entity_type=ref.entity_type,
            entity_id=ref.entity_id,
            label=row["verdict"],
            verdict=row["verdict"],
            rationale=row["rationale"],
            status="reviewed",
            reviewer=self.reviewer,
            updated_at=row["at"],
            verdict_by=self.reviewer,
            verdict_at=row["at"],
        )

    def sources(self, item: ItemLike) -> list[Source]:
        ref = ItemRef.of(item)
        return [Source(**_live(row)) for row in self.data.attached("sources", [ref.key])]

    def notes(self, item: ItemLike) -> list[Note]:
        ref = ItemRef.of(item)
        return [Note(**_live(row)) for row in self.data.attached("notes", [ref.key])]

    def history(self, item: ItemLike) -> list[ReviewEvent]:
        """Every event on the entity, oldest first, including those on its earlier versions before a re-ingest."""
        return [_event(row) for row in self.data.events_of(self._lineage(ItemRef.of(item)))]

    def blame(self, item: ItemLike) -> dict[str, BlameLine]:
        """For each current field of the review, the event (and so the reviewer) that set it."""
        ref = ItemRef.of(item)
        current = self.data.get_review(*ref.key) or REVIEW_DEFAULTS
        found: dict[str, BlameLine] = {}
        for event in self.data.events_of(self._lineage(ref), newest_first=True):
            section = (event["after"] or {}).get("review") or {}
            for name in REVIEW_FIELDS:
                if name in section and name not in found:
                    found[name] = BlameLine(
                        name, current[name], event["id"], event["reviewer"], event["at"], event["action"]
                    )
            if len(found) == len(REVIEW_FIELDS):
                break
        return {
            name: found.get(name) or BlameLine(name, current[name], None, None, None, None) for name in REVIEW_FIELDS
        }

    def orphans(self) -> list[dict[str, Any]]:
        """Reviews left behind by a re-ingest because no item of the new version matched; never dropped."""
        return self.data.orphans()

    def assigned(self, assignee: str | None = None) -> list[dict[str, Any]]:
        """Review rows assigned to ``assignee`` (default: this reviewer)."""
        return self.data.list_reviews(assignee=assignee or self.reviewer)

    # -- re-ingest bookkeeping (called by workbench.services.reanchor) ------------------------------------------

    def move_records(self, entity_type: str, old_id: int, new_id: int, detail: dict[str, Any]) -> int:
        """Carry everything recorded on an item over to its successor in a new article version, as one event.

        Refused (ConflictError) when the successor already has records of its own: merging two reviews would
        silently drop one of them.
        """
        old, new = ItemRef(entity_type, old_id), ItemRef(entity_type, new_id)
        with self.store.transaction():
            if self.data.ids_with_records(entity_type, [new_id]):
                raise ConflictError(f"{new.label} already has its own review; {old.label} was not moved onto it")
            row = self.data.get_review(*old.key)
            version = (row["version"] if row else 0) + 1
            at = utcnow()
            event_id = self.data.insert_event(
                at=at,
                reviewer=self.reviewer,
                entity_type=entity_type,
                entity_id=new_id,
                action="reanchor",
                before={"entity": str(old)},
                after={"entity": str(new), **detail},
                version=version,
            )
            self.data.move_records(entity_type, old_id, new_id, event_id)
            self.data.save_review(entity_type, new_id, {}, reviewer=self.reviewer, at=at, version=version)
        return event_id

    def mark_orphaned(self, item: ItemLike, reason: str) -> bool:
        """Flag an item whose records found no successor; they stay where they are. False if already flagged."""
        ref = ItemRef.of(item)
        row = self.data.get_review(*ref.key)
        if row and row["orphaned"]:
            return False
        self._commit(ref, "orphan", {"review": {"orphaned": 1}, "reason": reason})
        return True

    # -- the write path ----------------------------------------------------------------------------------------

    def _existing(self, item: ItemLike) -> ItemRef:
        """The item, if a reviewer can act on it: it exists and belongs to a current article version (a write on
        a superseded item would be recorded where nobody looks)."""
        ref = ItemRef.of(item)
        if not self.data.entity_exists(*ref.key):
            raise ValidationError(f"{ref.label} does not exist")
        if not self.data.is_current(*ref.key):
            raise ValidationError(self._not_current(ref))
        return ref

    def _not_current(self, ref: ItemRef) -> str:
        """The refusal for a superseded item, in the words of ``import verdicts``, naming where to act instead."""
        if ref.entity_type in CLUSTER_TYPES.values():
            return f"{ref.label} has no member in a current article version any more"
        current = self._resolve(ref)
        row = self.data.get_review(*ref.key)
        if current != ref and self.data.is_current(*current.key):
            where = f"its current item is {current}"
        elif row and row["orphaned"]:
            where = "no item of the new version matched it (`workbench orphans` lists it)"
        else:
            where = "find it in the current version of its article"
        return f"{ref.label} is not in the database any more (its article has a newer version): {where}"

    def _commit(
        self,
        ref: ItemRef,
        action: str,
        after: dict[str, Any],
        *,
        expected_version: int | None = None,
        require: dict[str, Any] | None = None,
        undoes: int | None = None,
        redoes: int | None = None,
    ) -> _Written:
        """Check, apply ``after`` and append its event, atomically.

        ``expected_version`` guards a fresh change (the version the caller saw); ``require`` guards an undo/redo
        (the state the reverted event left must still be there).
        """
        if action not in BOOKKEEPING:
            self.require_registered()
        with self.store.transaction():
            row = self.data.get_review(*ref.key)
            version = row["version"] if row else 0
            if expected_version is not None and expected_version != version:
                raise self._conflict(
                    ref, f"was changed by {{who}} (version {version}, you had {expected_version}); reload and retry"
                )
            if require is not None and self._read(ref, require) != _comparable(require):
                raise self._conflict(
                    ref, f"was changed by {{who}} after that; {action} refused so the newer change is kept"
                )
            at = utcnow()
            after = self._stamp_verdict(after, at)
            before = self._read(ref, after)
            after = self._apply(ref, after, before, at)
            self.data.save_review(
                ref.entity_type,
                ref.entity_id,
                after.get("review", {}),
                reviewer=self.reviewer,
                at=at,
                version=version + 1,
            )
            event_id = self.data.insert_event(
                at=at,
                reviewer=self.reviewer,
                entity_type=ref.entity_type,
                entity_id=ref.entity_id,
                action=action,
                before=before,
                after=after,
                version=version + 1,
                undoes=undoes,
                redoes=redoes,
            )
            event = self.data.get_event(event_id)
            assert event is not None
            # Read inside the transaction: after COMMIT another process may already have moved on.
            return _Written(event, _review(ref, self.data.get_review(*ref.key)))

    def _stamp_verdict(self, after: dict[str, Any], at: str) -> dict[str, Any]:
        """A change that writes the verdict records who set it and when, apart from who touched the row last; an
        undo or redo brings back the stamp its snapshot holds (events older than the stamp get this change's)."""
        review = after.get("review")
        if review is None or "verdict" not in review or "verdict_by" in review:
            return after
        decided = review["verdict"] is not None
        return {
            **after,
            "review": {
                **review,
                "verdict_by": self.reviewer if decided else None,
                "verdict_at": at if decided else None,
            },
        }

    def _read(self, ref: ItemRef, sections: dict[str, Any]) -> dict[str, Any]:
        """The current values of exactly what ``sections`` would change: an event's ``before``."""
        current: dict[str, Any] = {}
        for name, values in sections.items():
            if name == "review":
                row = self.data.get_review(*ref.key) or REVIEW_DEFAULTS
                current[name] = {f: row[f] for f in values}
            elif name == "judgement":
                mine = self.data.get_judgement(*ref.key, values["reviewer"]) or {"verdict": None, "rationale": None}
                current[name] = {"reviewer": values["reviewer"], **mine}
            elif name in ("source", "note"):
                stored = self.data.get_row(name + "s", values["id"]) if "id" in values else None
                current[name] = {"id": values.get("id"), "removed": bool(stored["removed"]) if stored else True}
            elif name in CORRECTION_SECTIONS:
                current[name] = self._read_items(name, values)
        return current

    def _read_items(self, name: str, values: dict[str, Any]) -> dict[str, Any]:
        """The current state of what a correction section names: per item and field the reviewer's correction
        (``{"set": value, "note": text}``, None when the extractor's value stands), raw item columns, the orphan
        flag of reviews, a "not a conflict" mark."""
        if name == "not_conflict":
            row = self.fixes.not_conflict(values["kind"], values["a"], values["b"])
            live = bool(row) and not row["removed"]  # type: ignore[index]
            return {
                "kind": values["kind"],
                "a": values["a"],
                "b": values["b"],
                "active": live,
                "note": row["note"] if live and row else None,
            }
        current: dict[str, Any] = {}
        for key, fields in values.items():
            ref = ItemRef.parse(key)
            if name == "flags":
                row = self.data.get_review(*ref.key)
                current[key] = {"orphaned": row["orphaned"] if row else 0}
            elif name == "row":
                current[key] = self.fixes.columns(ref.entity_type, ref.entity_id, fields)
            else:
                found = self.fixes.corrections_of(ref.entity_type, ref.entity_id)
                current[key] = {
                    field: {"set": found[field]["value"], "note": found[field]["note"]} if field in found else None
                    for field in fields
                }
        return current

    def _apply_items(self, name: str, values: dict[str, Any], at: str) -> None:
        if name == "not_conflict":
            self.fixes.set_not_conflict(
                values["kind"],
                values["a"],
                values["b"],
                active=values["active"],
                note=values.get("note"),
                reviewer=self.reviewer,
                at=at,
            )
            return
        for key, fields in values.items():
            ref = ItemRef.parse(key)
            if name == "flags":
                self.data.set_orphaned(*ref.key, fields["orphaned"])
            elif name == "row":
                self.fixes.set_columns(ref.entity_type, ref.entity_id, fields)
            else:
                for field, state in fields.items():
                    if state is None:
                        self.fixes.drop(ref.entity_type, ref.entity_id, field)
                    else:
                        self.fixes.put(
                            ref.entity_type,
                            ref.entity_id,
                            field,
                            state["set"],
                            note=state.get("note"),
                            reviewer=self.reviewer,
                            at=at,
                        )

    def _apply(self, ref: ItemRef, after: dict[str, Any], before: dict[str, Any], at: str) -> dict[str, Any]:
        """Write the sections other than the review row; a new source or note gets its id (in both snapshots)."""
        after = dict(after)
        for name, values in after.items():
            if name == "judgement":
                self.data.set_judgement(*ref.key, values["reviewer"], values["verdict"], values["rationale"], at)
            elif name in ("source", "note") and "id" not in values:
                insert = self.data.insert_source if name == "source" else self.data.insert_note
                after[name] = {**values, "id": insert(values)}
                before[name]["id"] = after[name]["id"]
            elif name in ("source", "note"):
                self.data.set_removed(name + "s", values["id"], values["removed"])
            elif name in CORRECTION_SECTIONS:
                self._apply_items(name, values, at)
        return after

    def _remove(self, table: str, section: str, row_id: int, expected_version: int | None) -> None:
        row = self.data.get_row(table, row_id)
        if row is None or row["removed"]:
            raise ValidationError(f"{section} {row_id} does not exist or was already removed")
        ref = self._resolve(ItemRef(row["entity_type"], row["entity_id"]))
        self._commit(
            ref, f"{section}_remove", {section: {"id": row_id, "removed": True}}, expected_version=expected_version
        )

    def _conflict(self, ref: ItemRef, template: str) -> ConflictError:
        """ "claim 12 was changed by ana at 10:42 (...)": names the latest writer so people can talk it over."""
        last = self.data.latest_event(*ref.key)
        who = f"{last['reviewer']} at {_when(last['at'])}" if last else "someone"
        return ConflictError(f"{ref.label} {template.format(who=who)}")

    def _comparison(
        self, ref: ItemRef, reference_value: float | None, reference_unit: str | None
    ) -> dict[str, Any] | None:
        if reference_value is None:
            if reference_unit is not None:
                raise ValidationError("a reference unit needs a reference value")
            return None
        if not math.isfinite(reference_value):
            raise ValidationError(f"the reference value {reference_value} is not a finite number")
        if ref.entity_type not in ("claim", "claim_cluster"):
            raise ValidationError(f"a reference value compares with a claimed figure; {ref.label} is not a claim")
        # A cluster's figure is its representative claim's (cluster id == representative id).
        claim = self.data.claim_figure(ref.entity_id)
        if claim is None:
            return None
        result = compare_reference(
            claim["value"],
            reference_value,
            value_high=claim["value_high"],
            unit=claim["unit"],
            reference_unit=reference_unit,
            hedge=claim["hedge"],
            mention=claim["mention"],
        ).as_dict()
        result["claim_id"] = claim["id"]
        if claim["target"]:
            result["note"] = "the claim states a target, not a fact"
        return result

    def _source(self, source_id: int) -> Source:
        return Source(**_live(self.data.get_row("sources", source_id)))

    # -- undo / redo -------------------------------------------------------------------------------------------

    def _stack_top(self, *, undo: bool) -> dict[str, Any] | None:
        """The event undo (or redo) acts on, found by walking this reviewer's events backwards.

        Changes and redos push onto the undo stack and undos pop it; undos push onto the redo stack, redos pop it
        and any new change empties it. Walking backwards, a pending pop skips the next push.
        """
        pending = 0
        for row in self.data.iter_reviewer_events(self.reviewer, (*UNDOABLE, "undo", "redo")):
            pushes = row["action"] != "undo" if undo else row["action"] == "undo"
            pops = row["action"] == "undo" if undo else row["action"] == "redo"
            if not undo and row["action"] in UNDOABLE:
                return None
            if pops:
                pending += 1
            elif pushes:
                if pending == 0:
                    return self.data.get_event(row["id"])
                pending -= 1
        return None

    def _revert(self, target: dict[str, Any], action: str) -> ReviewEvent:
        ref = self._resolve(ItemRef(target["entity_type"], target["entity_id"]))
        link = {"undoes": target["id"]} if action == "undo" else {"redoes": target["id"]}
        before, after = self._followed(target["before"]), self._followed(target["after"])
        return _event(self._commit(ref, action, before, require=after, **link).event)

    def _followed(self, sections: dict[str, Any]) -> dict[str, Any]:
        """Sections whose items were re-anchored since, re-keyed to where those items' records live now."""
        result = dict(sections)
        for name in ("corrections", "row", "flags"):
            if name in result:
                result[name] = {str(self._resolve(ItemRef.parse(key))): values for key, values in result[name].items()}
        return result

    # -- lineage across article versions -----------------------------------------------------------------------

    def _resolve(self, ref: ItemRef) -> ItemRef:
        """Where an item's records live now, following re-ingest moves forward."""
        seen = {ref}
        while (new_id := self.data.moved_to(*ref.key)) is not None:
            ref = ItemRef(ref.entity_type, new_id)
            if ref in seen:
                break
            seen.add(ref)
        return ref

    def _lineage(self, ref: ItemRef) -> list[tuple[str, int]]:
        """The item and every earlier version of it that re-ingest moved records from."""
        found, frontier = [ref.key], [ref.entity_id]
        while frontier:
            older = [old for new in frontier for old in self.data.moved_from(ref.entity_type, new)]
            frontier = [old for old in older if (ref.entity_type, old) not in found]
            found.extend((ref.entity_type, old) for old in frontier)
        return found


def describe_event(event: Event) -> str:
    """One plain line for a history listing: "verdict unreviewed -> true", "undo of #12: source hidden"."""
    before, after = event.before or {}, event.after or {}
    if event.action == "reanchor":
        return f"moved from {before.get('entity')} (article {after.get('article_id')}, match {after.get('score')})"
    if event.action == "orphan":
        return f"orphaned: {after.get('reason', 'no match in the new version')}"
    changes = correction_changes(before, after, entity=str(ItemRef(event.entity_type, event.entity_id)))
    if "judgement" in after and "review" not in after:  # judged beside a colleague's standing verdict
        old, new = (before.get("judgement") or {}).get("verdict"), after["judgement"].get("verdict")
        changes.append(f"own judgement {old or '-'} -> {new or '-'}")
    old_review, new_review = before.get("review", {}), after.get("review", {})
    for name in REVIEW_FIELDS:
        if name in new_review and old_review.get(name) != new_review[name]:
            old, new = old_review.get(name), new_review[name]
            changes.append(
                f"rationale {'set' if new else 'cleared'}"
                if name == "rationale"
                else f"{name} {old if old is not None else '-'} -> {new if new is not None else '-'}"
            )
    for name in ("source", "note"):
        if name in after:
            row = after[name]
            label = row.get("url") or row.get("text") or ""
            state = {"_add": "added", "_remove": "removed"}.get(event.action.removeprefix(name))
            changes.append(
                f"{name} #{row.get('id')} {state or ('hidden' if row.get('removed') else 'restored')}"
                + (f": {label}" if label else "")
            )
    summary = "; ".join(changes) or "no change"
    link = event.undoes if event.action == "undo" else getattr(event, "redoes", None)
    return f"{event.action} of #{link}: {summary}" if link else summary


def correction_changes(before: dict[str, Any], after: dict[str, Any], *, entity: str = "") -> list[str]:
    """Plain phrases for the correction sections of an event: "speaker Raisi -> Maduro", "claim:9 cluster_id 7 ->
    9" (an item other than the event's own ``entity`` is named)."""
    changes = []
    for key, fields in (after.get("corrections") or {}).items():
        old_fields = (before.get("corrections") or {}).get(key) or {}
        named = "" if key == entity else f"{key} "
        for field, state in fields.items():
            changes.append(f"{named}{field} {_state_word(old_fields.get(field))} -> {_state_word(state)}")
    for key, fields in (after.get("row") or {}).items():
        if "dismissed" in fields:
            changes.append(f"{key} {'withdrawn' if fields['dismissed'] else 'added'}")
    for key, fields in (after.get("flags") or {}).items():
        changes.append(f"{key} review {'orphaned' if fields.get('orphaned') == 1 else 'attached'}")
    if mark := after.get("not_conflict"):
        changes.append(
            f"{mark['kind']} clusters {mark['a']} and {mark['b']}: "
            + ("not a conflict" if mark["active"] else "conflict flag back")
        )
    return changes


def _state_word(state: dict[str, Any] | None) -> str:
    if state is None:
        return "(extracted)"
    value = state.get("set")
    return "-" if value is None else str(value)


def _review(ref: ItemRef, row: dict[str, Any] | None) -> Review:
    row = row or {**REVIEW_DEFAULTS, "version": 0}
    return Review(
        entity_type=ref.entity_type,
        entity_id=ref.entity_id,
        label=row["verdict"] or _workflow(row["status"]),
        verdict=row["verdict"],
        rationale=row["rationale"],
        status=row["status"],
        assignee=row["assignee"],
        orphaned=bool(row["orphaned"]),
        reviewer=row.get("reviewer"),
        updated_at=row.get("updated_at"),
        version=row["version"],
        verdict_by=row.get("verdict_by"),
        verdict_at=row.get("verdict_at"),
    )


def _workflow(status: str) -> str:
    return status if status in WORKFLOW_STATES else "unreviewed"


def _comparable(sections: dict[str, Any]) -> dict[str, Any]:
    """What an undo check compares: the fields an event changed (a source's full record reduces to its flag)."""
    reduced = {}
    for name, values in sections.items():
        if name in ("source", "note"):
            reduced[name] = {"id": values["id"], "removed": values["removed"]}
        elif name in ("review", "judgement", *CORRECTION_SECTIONS):
            reduced[name] = dict(values)
    return reduced


def _live(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        raise ValidationError("no such row")
    return {k: v for k, v in row.items() if k != "removed"}


def _event(row: dict[str, Any]) -> ReviewEvent:
    return ReviewEvent(**row)


def _effective(entity_type: str, row: dict[str, Any]) -> EffectiveVerdict:
    return EffectiveVerdict(
        entity_type=entity_type,
        entity_id=row["entity_id"],
        label=row["verdict"] or _workflow(row["status"]),
        rationale=row["rationale"],
        reviewer=row["reviewer"],
        updated_at=row["reviewed_at"],
        version=row["version"],
        origin=row["origin"],
        origin_type=row["origin_type"],
        origin_id=row["origin_id"],
        cluster_id=row["cluster_id"],
        status=row["status"],
        assignee=row["assignee"],
        orphaned=bool(row["orphaned"]),
    )
