"""Reviewers correct the extractor: dismiss an item, fix its fields, add a missed one, move items between clusters,
merge clusters, mark two clusters "not a conflict", re-attach or discard an orphaned review.

Every correction is an event of the review log, written through ``ReviewService._commit``: undo, redo, history,
the optimistic version check and its message work exactly as for verdicts. A correction overwrites the item's
column (so lists, exports, ClaimReview and clustering read the reviewer's value) and keeps the extractor's value
beside it, so undo gives the extractor's value back and re-extraction can tell whether a newer extractor gets the
field right by itself.

Clusters are named after their representative item (cluster id == that item's id), and a cluster's verdict is about
the representative's claim. So when the representative leaves a cluster, the *other* members move to a cluster
named after the first of them; the plan of every cluster change says beforehand which verdicts members gain or
lose, and a cluster review left without members is flagged orphaned (listed by ``orphans``, never dropped).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from workbench.models import CLAIM_KINDS, DISMISS_REASONS, HEDGES
from workbench.services.review import (
    BlameLine,
    ItemLike,
    ItemRef,
    Review,
    ReviewService,
    ValidationError,
)
from workbench.store.corrections import ADDED, EDITABLE, NOT_EXTRACTED, WITHDRAWN
from workbench.store.db import utcnow

QUOTE_KINDS = ("direct", "fragment")
ROLES = ("from", "to")
NUMERIC = ("value", "value_high")
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}
_NUMBER = re.compile(r"^\s*([-+]?[\d,]*\.?\d+(?:e[-+]?\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)
_TRUE, _FALSE = ("true", "yes", "1", "y"), ("false", "no", "0", "n")
MAX_TEXT = 500  # a speaker or unit longer than this is a paste accident, not a name


def parse_number(text: str) -> float | None:
    """A typed number: "3.2e9", "3,200,000,000", "3.2 billion", "3.2bn"; None when empty; ValueError otherwise."""
    if not text.strip():
        return None
    match = _NUMBER.match(text)
    if not match or match.group(2).lower() not in ("", *_SCALE):
        raise ValueError(f"{text.strip()!r} is not a number; write e.g. 3.2e9, 3,200,000,000 or 3.2 billion")
    value = float(match.group(1).replace(",", "")) * _SCALE.get(match.group(2).lower(), 1.0)
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is too large")
    return value


def parse_field(entity_type: str, name: str, text: str) -> Any:
    """A field's value from what a person typed (``workbench correct claim:12 value=3.2bn target=no``); an empty
    text means "no value"."""
    fields = EDITABLE[entity_type]
    if name not in fields:
        raise ValidationError(
            f"{name!r} is not a field of a {entity_type} that can be corrected; use one of: " + ", ".join(fields)
        )
    text = text.strip()
    try:
        if name in NUMERIC:
            return parse_number(text)
    except ValueError as exc:
        raise ValidationError(f"{name}: {exc}") from exc
    if name == "target":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE or not text:
            return False
        raise ValidationError(f"target: {text!r} is not yes or no")
    return text or None


def check_field(entity_type: str, name: str, value: Any) -> Any:
    """``value`` as stored for field ``name`` of a claim or quote, or ValidationError naming what is wrong."""
    fields = EDITABLE[entity_type]
    if name not in fields:
        raise ValidationError(
            f"{name!r} is not a field of a {entity_type} that can be corrected; use one of: " + ", ".join(fields)
        )
    if isinstance(value, str):
        value = value.strip() or None
    choices = {"kind": CLAIM_KINDS if entity_type == "claim" else QUOTE_KINDS, "hedge": HEDGES, "role": ROLES}
    if name in choices:
        if value is None and name != "kind":
            return None
        if value not in choices[name]:
            raise ValidationError(f"{name} {value!r} is not one of: {', '.join(choices[name])}")
        return value
    if name in NUMERIC:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValidationError(f"{name} {value!r} is not a finite number")
        return float(value)
    if name == "target":
        return bool(value)
    if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
        raise ValidationError(f"{name} must be a text of at most {MAX_TEXT} characters")
    return value


@dataclass
class ClusterPlan:
    """What a cluster change will do, before it does it: the event's entity, the new cluster of each item it
    moves, cluster reviews left without members, and one plain line per consequence for the confirm line."""

    entity: ItemRef
    action: str
    assignments: dict[int, int] = field(default_factory=dict)
    orphaned: list[ItemRef] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return " ".join(self.lines)


class CorrectionService(ReviewService):
    """Correction use cases for one reviewer; reads and undo are the review service's."""

    @classmethod
    def of(cls, review: ReviewService) -> CorrectionService:
        return review if isinstance(review, CorrectionService) else cls(review.store, review.reviewer)

    # -- fields ------------------------------------------------------------------------------------------------

    def correct(
        self, item: ItemLike, changes: dict[str, Any], *, note: str | None = None, expected_version: int | None = None
    ) -> Review:
        """Set fields of a claim or quote; a value equal to the extractor's removes the correction instead."""
        ref, row = self._item(item)
        if not changes:
            raise ValidationError('name at least one field to correct, e.g. speaker="Ebrahim Raisi"')
        states = {}
        found = self.fixes.corrections_of(*ref.key)
        for name, value in changes.items():
            value = check_field(ref.entity_type, name, value)
            extracted = found[name]["extracted"] if name in found else _column(row, name)
            state = None if value == extracted else {"set": value, "note": _clean(note)}
            current = {"set": found[name]["value"], "note": found[name]["note"]} if name in found else None
            if state != current:
                states[name] = state
        if not states:
            raise ValidationError(f"{ref.label} already has " + ", ".join(f"{k}={v!r}" for k, v in changes.items()))
        return self._commit(
            ref, "correct", {"corrections": {str(ref): states}}, expected_version=expected_version
        ).review

    def restore_fields(self, item: ItemLike, names: list[str], *, expected_version: int | None = None) -> Review:
        """Give fields the extractor's values back (removes the reviewer's corrections of them)."""
        ref, _ = self._item(item)
        found = self.fixes.corrections_of(*ref.key)
        unknown = [name for name in names if name not in EDITABLE[ref.entity_type]]
        if unknown:
            raise ValidationError(f"not a correctable field of a {ref.entity_type}: {', '.join(unknown)}")
        states = {name: None for name in names if name in found}
        if not states:
            raise ValidationError(f"{ref.label} has no correction of {', '.join(names)}")
        return self._commit(
            ref, "correct", {"corrections": {str(ref): states}}, expected_version=expected_version
        ).review

    # -- dismissal ---------------------------------------------------------------------------------------------

    def dismiss(
        self, item: ItemLike, reason: str | None = None, note: str | None = None, *, expected_version: int | None = None
    ) -> Review:
        """Take an item out of the lists and exports: not a claim / not a quote / a duplicate, with a reason."""
        ref, row = self._item(item)
        reason = reason or f"not_a_{ref.entity_type}"
        allowed = (f"not_a_{ref.entity_type}", "duplicate")
        if reason not in DISMISS_REASONS or reason not in allowed:
            raise ValidationError(f"a {ref.entity_type} is dismissed as one of: {', '.join(allowed)} (not {reason!r})")
        if row["dismissed"] in DISMISS_REASONS:
            raise ValidationError(f"{ref.label} is already dismissed ({row['dismissed'].replace('_', ' ')})")
        state = {"set": reason, "note": _clean(note)}
        return self._commit(
            ref, "dismiss", {"corrections": {str(ref): {"dismissed": state}}}, expected_version=expected_version
        ).review

    def restore(self, item: ItemLike, *, expected_version: int | None = None) -> Review:
        """Bring a dismissed item back into the lists and exports."""
        ref, row = self._item(item)
        if row["dismissed"] not in DISMISS_REASONS:
            raise ValidationError(f"{ref.label} is not dismissed")
        return self._commit(
            ref, "restore", {"corrections": {str(ref): {"dismissed": None}}}, expected_version=expected_version
        ).review

    # -- additions ---------------------------------------------------------------------------------------------

    def add_item(
        self, entity_type: str, article_id: int, start: int, end: int, fields: dict[str, Any] | None = None
    ) -> ItemRef:
        """Add a claim or quote the extractor missed at ``text[start:end]`` of a current article.

        ``fields`` may repeat the words as ``mention`` (claim) or ``text`` (quote): they must equal the span, so a
        miscounted offset is caught. A claim needs its ``kind``. The item gets a cluster of its own.
        """
        if entity_type not in EDITABLE:
            raise ValidationError(f"only a claim or a quote can be added, not {entity_type!r}")
        fields = dict(fields or {})
        article = self.store.get_article(article_id)
        if article is None:
            raise ValidationError(f"article {article_id} does not exist")
        if article.superseded_by is not None:
            raise ValidationError(f"article {article_id} is an old version; add to article {article.superseded_by}")
        text = article.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValidationError(
                f"{start}:{end} is not a span of article {article_id} (its text has {len(text)} "
                "characters; start must be below end)"
            )
        words = text[start:end]
        typed_key = "mention" if entity_type == "claim" else "text"
        typed = fields.pop(typed_key, None)
        if typed is not None and typed != words:
            raise ValidationError(
                f"text[{start}:{end}] of article {article_id} is {words!r}, not {typed!r}; "
                "check the offsets (Python string indices, end exclusive)"
            )
        if words != words.strip():
            raise ValidationError(f"text[{start}:{end}] is {words!r}: start and end at the words, not the spaces")
        values = {name: check_field(entity_type, name, value) for name, value in fields.items()}
        if entity_type == "claim" and values.get("kind") is None:
            raise ValidationError("a claim needs its kind: one of " + ", ".join(CLAIM_KINDS))
        record = {"start": start, "end": end, typed_key: words, **values}
        if entity_type == "claim":
            record.setdefault("target", False)
        else:
            record.setdefault("kind", "direct")
        sentence = self.fixes.sentence_of(article_id, start, end) or _line_of(text, start, end)
        record["sentence_start"], record["sentence_end"] = sentence
        with self.store.transaction():
            existing = self.fixes.item_at(entity_type, article_id, start, end)
            if existing is not None:
                raise ValidationError(
                    f"{entity_type} {existing} already marks text[{start}:{end}] of article "
                    f"{article_id}; correct that one instead"
                )
            item_id = self.fixes.insert_item(entity_type, article_id, record)
            ref = ItemRef(entity_type, item_id)
            self.fixes.put(entity_type, item_id, ADDED, True, note=None, reviewer=self.reviewer, at=utcnow())
            self._commit(ref, "add", {"row": {str(ref): {"dismissed": None}}})
        return ref

    # -- clusters ----------------------------------------------------------------------------------------------

    def plan_move(self, item: ItemLike, target: int | None = None) -> ClusterPlan:
        """What moving ``item`` out of its cluster (``target`` None: to a cluster of its own) would change."""
        ref, row = self._item(item)
        cluster_type = f"{ref.entity_type}_cluster"
        current = row["cluster_id"]
        if current is None:
            raise ValidationError(f"{ref.label} is not clustered yet; run `workbench ingest` to cluster it")
        members = self.fixes.cluster_items(ref.entity_type, current)
        others = [m for m in members if m["id"] != ref.entity_id]
        if target is not None:
            if target == current:
                raise ValidationError(f"{ref.label} is already in {cluster_type.replace('_', ' ')} {target}")
            if not self.data.entity_exists(cluster_type, target):
                raise ValidationError(f"{cluster_type.replace('_', ' ')} {target} does not exist")
        elif not others:
            raise ValidationError(f"{ref.label} is already alone in its cluster")
        elif current != ref.entity_id and self.fixes.cluster_items(ref.entity_type, ref.entity_id):
            raise ValidationError(
                f"{ref.label} cannot have a cluster of its own: {cluster_type.replace('_', ' ')} "
                f"{ref.entity_id} is taken; move it to that cluster instead"
            )
        plan = ClusterPlan(ref, "cluster_split" if target is None else "cluster_move")
        goes_to = target if target is not None else ref.entity_id
        listed = sum(1 for m in others if m["listed"])
        representative = current == ref.entity_id
        if representative and others:
            heir = others[0]["id"]
            plan.assignments.update({m["id"]: heir for m in others})
            plan.lines.append(
                f"{ref.label} names {_cluster(cluster_type, current)}, so its other {listed} "
                f"listed member{'s' if listed != 1 else ''} move to a cluster named after "
                f"{ref.entity_type} {heir}{self._verdict_change(cluster_type, current, None, 'they')}"
            )
        if target is not None or not representative:
            plan.assignments[ref.entity_id] = goes_to
            where = _cluster(cluster_type, target) if target is not None else "a cluster of its own"
            plan.lines.append(
                f"{ref.label} leaves {_cluster(cluster_type, current)} for {where}"
                + self._verdict_change(cluster_type, current, target, "it", own=ref)
            )
        else:
            verdict = self._cluster_verdict(cluster_type, current)
            plan.lines.append(
                f"{ref.label} stays in {_cluster(cluster_type, current)}, alone"
                + (f", with the cluster's verdict {verdict}." if verdict else ".")
            )
        if representative and target is not None:
            self._orphan_if_reviewed(plan, ItemRef(cluster_type, current), "it has no members left")
        return plan

    def move_to_cluster(
        self, item: ItemLike, target: int | None = None, *, expected_version: int | None = None
    ) -> ClusterPlan:
        """Move an item out of its cluster, to its own (``target`` None) or to cluster ``target``."""
        with self.store.transaction():
            plan = self.plan_move(item, target)
            self._apply_plan(plan, expected_version)
        return plan

    def plan_merge(self, cluster: ItemLike, other: ItemLike) -> ClusterPlan:
        """What merging two clusters of the same kind would change. The first named keeps its id, unless only the
        second has a review: then the second keeps its id, so no verdict is lost."""
        first, second = ItemRef.of(cluster), ItemRef.of(other)
        for ref in (first, second):
            if not ref.entity_type.endswith("_cluster"):
                raise ValidationError(f"{ref} is not a cluster; write it like claim-cluster:7")
            if not self.data.entity_exists(*ref.key):
                raise ValidationError(f"{ref.label} does not exist")
        if first.entity_type != second.entity_type:
            raise ValidationError(f"{first.label} and {second.label} are of different kinds")
        if first == second:
            raise ValidationError(f"{first.label} cannot be merged with itself")
        keeps, goes = first, second
        if not self._has_review(first) and self._has_review(second):
            keeps, goes = second, first
        item_type = first.entity_type.removesuffix("_cluster")
        moving = self.fixes.cluster_items(item_type, goes.entity_id)
        plan = ClusterPlan(first, "cluster_merge", assignments={m["id"]: keeps.entity_id for m in moving})
        listed = sum(1 for m in moving if m["listed"])
        plan.lines.append(
            f"{listed} listed member{'s' if listed != 1 else ''} of {goes.label} join {keeps.label}"
            + self._verdict_change(first.entity_type, goes.entity_id, keeps.entity_id, "they")
        )
        self._orphan_if_reviewed(plan, goes, f"it was merged into {keeps.label}")
        return plan

    def merge_clusters(self, cluster: ItemLike, other: ItemLike, *, expected_version: int | None = None) -> ClusterPlan:
        with self.store.transaction():
            plan = self.plan_merge(cluster, other)
            self._apply_plan(plan, expected_version)
        return plan

    def plan_not_conflict(self, cluster: ItemLike, other: ItemLike, *, active: bool = True) -> ClusterPlan:
        """What marking two clusters "not a conflict" (``active`` False: flagging them again) would change."""
        first, second = ItemRef.of(cluster), ItemRef.of(other)
        if not first.entity_type.endswith("_cluster") or first.entity_type != second.entity_type:
            raise ValidationError("name two clusters of the same kind, like claim-cluster:7 claim-cluster:9")
        kind = first.entity_type.removesuffix("_cluster")
        marked = self.fixes.not_conflict(kind, first.entity_id, second.entity_id)
        is_marked = bool(marked) and not marked["removed"]  # type: ignore[index]
        if active:
            if is_marked:  # first: a marked pair is no longer among the flagged conflicts
                raise ValidationError(f"{first.label} and {second.label} are already marked not a conflict")
            if second.entity_id not in self.store.conflicts_of(kind, first.entity_id):
                raise ValidationError(f"{first.label} and {second.label} are not flagged as conflicting")
            line = (
                f"{first.label} and {second.label} will no longer be flagged as conflicting "
                "(the mark stays in the history; undo flags them again)"
            )
        else:
            if not is_marked:
                raise ValidationError(f"{first.label} and {second.label} are not marked not a conflict")
            line = f"{first.label} and {second.label} will be flagged as conflicting again"
        return ClusterPlan(first, "not_conflict", lines=[line])

    def mark_not_conflict(
        self,
        cluster: ItemLike,
        other: ItemLike,
        *,
        note: str | None = None,
        active: bool = True,
        expected_version: int | None = None,
    ) -> ClusterPlan:
        plan = self.plan_not_conflict(cluster, other, active=active)
        second = ItemRef.of(other)
        kind = plan.entity.entity_type.removesuffix("_cluster")
        low, high = sorted((plan.entity.entity_id, second.entity_id))
        mark = {"kind": kind, "a": low, "b": high, "active": active, "note": _clean(note) if active else None}
        self._commit(plan.entity, "not_conflict", {"not_conflict": mark}, expected_version=expected_version)
        return plan

    # -- orphans -----------------------------------------------------------------------------------------------

    def reattach(self, orphan: ItemLike, target: ItemLike) -> int:
        """Move an orphaned review (verdict, sources, notes, corrections) onto the item it belongs to now."""
        old, new = ItemRef.of(orphan), self._existing(target)
        if old.entity_type != new.entity_type:
            raise ValidationError(f"{old.label} can only be re-attached to another {old.entity_type.replace('_', ' ')}")
        row = self.data.get_review(*old.key)
        if not row or row["orphaned"] != 1:
            raise ValidationError(f"{old.label} has no orphaned review")
        if old == new:
            raise ValidationError(f"{old.label} cannot be re-attached to itself")
        with self.store.transaction():
            event_id = self.move_records(old.entity_type, old.entity_id, new.entity_id, {"by_hand": True})
            self._commit(new, "reattach", {"review": {"orphaned": 0}})
        return event_id

    def discard(self, orphan: ItemLike, *, expected_version: int | None = None) -> Review:
        """Stop listing an orphaned review: it stays in the database and its history (undo lists it again)."""
        ref = ItemRef.of(orphan)
        row = self.data.get_review(*ref.key)
        if not row or row["orphaned"] != 1:
            raise ValidationError(f"{ref.label} has no orphaned review")
        return self._commit(ref, "discard", {"review": {"orphaned": 2}}, expected_version=expected_version).review

    # -- reads -------------------------------------------------------------------------------------------------

    def corrections(self, item: ItemLike) -> dict[str, dict[str, Any]]:
        """The item's corrections by field: what the extractor said, what the reviewer set, who, when."""
        ref = ItemRef.of(item)
        return self.fixes.corrections_of(*ref.key)

    def correction_blame(self, item: ItemLike) -> list[BlameLine]:
        """For each corrected field of a claim or quote, the event (and so the reviewer) that set its value; a
        cluster change made on another entity (a merge) names the reviewer and time without an event id."""
        ref = ItemRef.of(item)
        found = self.fixes.corrections_of(*ref.key)
        lines: dict[str, BlameLine] = {}
        keys = {str(ItemRef(ref.entity_type, old)) for _, old in self._lineage(ref)}
        for event in self.data.events_of(self._lineage(ref), newest_first=True):
            for key, fields in ((event["after"] or {}).get("corrections") or {}).items():
                for name in fields if key in keys else ():
                    if name in found and name not in lines:
                        lines[name] = BlameLine(
                            name, found[name]["value"], event["id"], event["reviewer"], event["at"], event["action"]
                        )
        return [
            lines.get(name) or BlameLine(name, row["value"], None, row["reviewer"], row["at"], None)
            for name, row in found.items()
        ]

    def people(self, item: ItemLike) -> list[str]:
        """The speakers named in the item's article, most frequent first (choices for a speaker fix)."""
        ref, row = self._item(item)
        return self.fixes.people_of(row["article_id"])

    # -- internals ---------------------------------------------------------------------------------------------

    def _item(self, item: ItemLike) -> tuple[ItemRef, dict[str, Any]]:
        ref = ItemRef.of(item)
        if ref.entity_type not in EDITABLE:
            raise ValidationError(f"{ref.label} is a cluster; corrections apply to a claim or a quote")
        row = self.fixes.item(*ref.key)
        if row is not None and row["superseded_by"] is not None:
            raise ValidationError(f"{ref.label} belongs to an old version of its article; correct the current one")
        if row is None or row["dismissed"] in (WITHDRAWN, NOT_EXTRACTED):
            raise ValidationError(
                f"{ref.label} does not exist"
                + (" (its addition was undone)" if row and row["dismissed"] == WITHDRAWN else "")
                + (" (the extractor no longer finds it)" if row and row["dismissed"] == NOT_EXTRACTED else "")
            )
        return ref, row

    def _apply_plan(self, plan: ClusterPlan, expected_version: int | None) -> None:
        item_type = plan.entity.entity_type.removesuffix("_cluster")
        states = {
            str(ItemRef(item_type, item_id)): {"cluster_id": self._cluster_state(item_type, item_id, cluster)}
            for item_id, cluster in plan.assignments.items()
        }
        sections: dict[str, Any] = {"corrections": states}
        if plan.orphaned:
            sections["flags"] = {str(ref): {"orphaned": 1} for ref in plan.orphaned}
        self._commit(plan.entity, plan.action, sections, expected_version=expected_version)

    def _cluster_state(self, item_type: str, item_id: int, cluster: int) -> dict[str, Any] | None:
        found = self.fixes.correction(item_type, item_id, "cluster_id")
        return None if found and found["extracted"] == cluster else {"set": cluster, "note": None}

    def _has_review(self, ref: ItemRef) -> bool:
        """Whether a reviewer judged the entity (verdict, rationale, status, assignee, sources or notes); a review
        row that only counts events (a "not a conflict" mark, say) is no judgement to keep."""
        row = self.data.get_review(*ref.key)
        if row and (row["verdict"] or row["rationale"] or row["assignee"] or row["status"] == "in_progress"):
            return True
        return bool(self.data.attached("sources", [ref.key]) or self.data.attached("notes", [ref.key]))

    def _orphan_if_reviewed(self, plan: ClusterPlan, cluster: ItemRef, why: str) -> None:
        row = self.data.get_review(*cluster.key)
        if self._has_review(cluster) and not (row and row["orphaned"] == 1):
            plan.orphaned.append(cluster)
            verdict = f" (verdict {row['verdict']})" if row and row["verdict"] else ""
            plan.lines.append(f"The review of {cluster.label}{verdict} is kept and listed as orphaned, since {why}.")

    def _verdict_change(
        self, cluster_type: str, old: int, new: int | None, who: str, *, own: ItemRef | None = None
    ) -> str:
        """ ", and lose the inherited verdict true": how the members' inherited verdict changes."""
        if own is not None:
            mine = self.data.get_review(*own.key)
            if mine and mine["verdict"]:
                return f"; it keeps its own verdict {mine['verdict']}."
        before = self._cluster_verdict(cluster_type, old)
        after = self._cluster_verdict(cluster_type, new) if new is not None else None
        if before == after:
            return "." if before is None else f"; {who} keep{'s' if who == 'it' else ''} the verdict {before}."
        if after is None:
            return f", and no longer inherit{'s' if who == 'it' else ''} the verdict {before}."
        if before is None:
            return f", and inherit{'s' if who == 'it' else ''} the verdict {after}."
        return f": the inherited verdict changes from {before} to {after}."

    def _cluster_verdict(self, cluster_type: str, cluster: int | None) -> str | None:
        row = self.data.get_review(cluster_type, cluster) if cluster is not None else None
        return row["verdict"] if row else None


def _column(row: dict[str, Any], name: str) -> Any:
    return bool(row[name]) if name == "target" else row[name]


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    return text.strip() or None


def _cluster(cluster_type: str, cluster_id: int | None) -> str:
    return f"{cluster_type.replace('_', ' ')} {cluster_id}"


def _line_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The line around a span, when no stored sentence holds it (an addition across a sentence boundary)."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last
