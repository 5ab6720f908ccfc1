"""Reviewers' corrections as a measure of the extractor: precision, recall and speaker accuracy.

Every item a reviewer looked at (anything recorded on it) or added is a judged example. Among the judged items the
current extractor produces, a dismissal (not a claim, not a quote, duplicate) is a false detection and a corrected
field other than the speaker is a wrongly read item; an item a reviewer added, or judged, that the extractor does
not produce (any more) is a miss. So

- precision = 1 - (dismissed + wrongly read) / judged items the extractor produced,
- recall = correct detections / (correct detections + misses),
- speaker accuracy = kept items whose speaker nobody had to correct / kept items.

A correction the extractor now agrees with (after ``reextract``) is no error. The same tally scores any extraction
against the reviewed items (the gold set), which is how ``reextract --dry-run`` compares an old and a new
extractor before anything is written.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from workbench.models import DISMISS_REASONS
from workbench.store.corrections import ADDED, EDITABLE, CorrectionStore
from workbench.store.repository import Store

# Fields whose correction means the extractor read the item wrongly (the speaker has its own measure).
WRONG_FIELDS = {entity_type: tuple(f for f in fields if f != "speaker") for entity_type, fields in EDITABLE.items()}
MIN_OVERLAP = 0.5  # an extracted span matches a reviewed one when they share half their union


@dataclass
class Tally:
    """Counts behind precision, recall and speaker accuracy (add tallies with ``+``)."""

    produced: int = 0
    dismissed: int = 0
    wrong: int = 0
    missed: int = 0
    speakers: int = 0
    speakers_right: int = 0
    fields: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.produced + other.produced,
            self.dismissed + other.dismissed,
            self.wrong + other.wrong,
            self.missed + other.missed,
            self.speakers + other.speakers,
            self.speakers_right + other.speakers_right,
            self.fields + other.fields,
        )

    @property
    def correct(self) -> int:
        return self.produced - self.dismissed - self.wrong

    @property
    def precision(self) -> float | None:
        return self.correct / self.produced if self.produced else None

    @property
    def recall(self) -> float | None:
        found = self.produced - self.dismissed
        return found / (found + self.missed) if found + self.missed else None

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speakers_right / self.speakers if self.speakers else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "judged": self.produced,
            "dismissed": self.dismissed,
            "wrong": self.wrong,
            "missed": self.missed,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "speakers": self.speakers,
            "speakers_right": self.speakers_right,
            "speaker_accuracy": _round(self.speaker_accuracy),
            "fields": dict(sorted(self.fields.items())),
        }


@dataclass
class CorrectionsEval:
    overall: Tally
    by_type: dict[str, Tally]
    by_kind: dict[str, Tally]
    by_outlet: dict[str, Tally]

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "by_type": {k: t.as_dict() for k, t in self.by_type.items()},
            "by_kind": {k: t.as_dict() for k, t in self.by_kind.items()},
            "by_outlet": {k: t.as_dict() for k, t in self.by_outlet.items()},
        }


def evaluate_corrections(store: Store) -> CorrectionsEval:
    """The extractor measured by every judged item of the current articles."""
    overall, by_type = Tally(), {}
    by_kind: dict[str, Tally] = defaultdict(Tally)
    by_outlet: dict[str, Tally] = defaultdict(Tally)
    fixes = CorrectionStore(store)
    for entity_type in EDITABLE:
        tally = Tally()
        for item in fixes.reviewed_items(entity_type):
            one = _judge(item)
            tally += one
            kind = item["corrections"].get("kind", {}).get("extracted") if item["origin"] == "extracted" else None
            by_kind[f"{entity_type}:{kind or item['kind']}"] += one
            by_outlet[item["outlet"]] += one
        by_type[entity_type] = tally
        overall += tally
    return CorrectionsEval(overall, by_type, dict(sorted(by_kind.items())), dict(sorted(by_outlet.items())))


def _judge(item: dict[str, Any]) -> Tally:
    """One judged item as a tally: produced or missed, dismissed, wrongly read, speaker right or not."""
    corrections = item["corrections"]
    dismissal = corrections.get("dismissed")
    if item["origin"] == "added":
        produced = bool(corrections.get(ADDED, {}).get("extracted"))
    else:
        produced = (dismissal["extracted"] if dismissal else item["dismissed"]) is None
    human_dismissed = item["dismissed"] in DISMISS_REASONS
    if not produced:
        return Tally(missed=int(not human_dismissed))
    if human_dismissed:
        return Tally(produced=1, dismissed=1)
    errors = [
        name
        for name, found in corrections.items()
        if name in EDITABLE[item["entity_type"]] and differs(found["extracted"], found["value"])
    ]
    wrong = any(name in WRONG_FIELDS[item["entity_type"]] for name in errors)
    return Tally(
        produced=1, wrong=int(wrong), speakers=1, speakers_right=int("speaker" not in errors), fields=Counter(errors)
    )


# -- scoring an extraction against the reviewed items ---------------------------------------------------------------


@dataclass
class GoldSet:
    """The reviewed items of the current articles, by article, with the reviewer's values; and the stored
    extraction of an article (what the extractor produced, before corrections)."""

    store: Store
    items: dict[int, list[dict[str, Any]]]

    def of(self, article_id: int) -> list[dict[str, Any]]:
        return self.items.get(article_id, [])

    def produced(self, article_id: int) -> list[dict[str, Any]]:
        if article_id not in self.items:
            return []
        fixes = CorrectionStore(self.store)
        return [row for entity_type in EDITABLE for row in fixes.produced_items(entity_type, article_id)]


def gold_set(store: Store) -> GoldSet:
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    fixes = CorrectionStore(store)
    for entity_type in EDITABLE:
        for item in fixes.reviewed_items(entity_type):
            items[item["article_id"]].append(item)
    return GoldSet(store, dict(items))


def score(gold: Iterable[dict[str, Any]], produced: Iterable[dict[str, Any]]) -> Tally:
    """How well ``produced`` (items of one article, with ``entity_type``) matches the reviewed items ``gold``."""
    gold, produced = list(gold), list(produced)
    pairs = _overlaps(gold, produced)
    tally = Tally()
    for index, item in enumerate(gold):
        positive = item["dismissed"] not in DISMISS_REASONS
        match = pairs.get(index)
        if match is None:
            tally.missed += int(positive)
            continue
        tally.produced += 1
        if not positive:
            tally.dismissed += 1
            continue
        found = produced[match]
        errors = [name for name in EDITABLE[item["entity_type"]] if differs(_value(found, name), _value(item, name))]
        tally.fields.update(errors)
        tally.wrong += int(any(name in WRONG_FIELDS[item["entity_type"]] for name in errors))
        tally.speakers += 1
        tally.speakers_right += int("speaker" not in errors)
    return tally


def _overlaps(gold: list[dict[str, Any]], produced: list[dict[str, Any]]) -> dict[int, int]:
    """One-to-one pairs ``gold index -> produced index`` of the same type, best overlap first."""
    candidates = []
    for g, item in enumerate(gold):
        for p, found in enumerate(produced):
            if found["entity_type"] != item["entity_type"]:
                continue
            shared = min(item["end"], found["end"]) - max(item["start"], found["start"])
            union = max(item["end"], found["end"]) - min(item["start"], found["start"])
            if shared > 0 and shared / union >= MIN_OVERLAP:
                candidates.append((shared / union, -g, -p))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, p in sorted(candidates, reverse=True):
        if -g not in pairs and -p not in taken:
            pairs[-g] = -p
            taken.add(-p)
    return pairs


def _value(row: dict[str, Any], name: str) -> Any:
    value = row.get(name)
    return bool(value) if name == "target" and value is not None else value


def differs(a: Any, b: Any) -> bool:
    """Whether two field values differ; figures within rounding of each other are the same."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a != b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return not math.isclose(a, b, rel_tol=1e-9)
    return a != b


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
