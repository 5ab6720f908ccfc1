"""A learned veto on a merge of two claims from different articles: a small logistic regression over the engine's
own evidence for the pair (how far apart in time, how specific the figure, how much of the statement the two
sentences share, whether one story holds both), trained on the hand-labelled merge pairs of the corpus samples by
``benchmarks/train_pair_veto.py`` and shipped as ``claim_pair_veto.json`` beside the check-worthiness model.

Applying it is a dot product (no scikit-learn at run time). The veto refuses a merge only when the model's
probability that the two claims state the same fact is below the shipped threshold (chosen inside the training
folds), so it removes the merges the model is confident are wrong and leaves every doubtful one to the rules.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz

from workbench.pipeline.cluster_claims.rarity import WordRarity
from workbench.pipeline.cluster_claims.statement import _Claim

MODEL_FILE = "claim_pair_veto.json"
# Far apart in time: past this many days a restated figure needs the far evidence level (features.CLOSE_DAYS).
_MONTHS = 30.0
_EVIDENCE_CAP = 12.0
_KINDS = ("money", "percent", "count", "duration", "year", "date")

FEATURES: tuple[str, ...] = (
    "same_story",
    "undated",
    "log_days",
    "specificity",
    "hedged",
    "hedges_differ",
    "printed_alike",
    "value_gap",
    "overlap",
    "shared_words",
    "heads_equal",
    "anchors_differ",
    "similarity",
    "evidence",
    "story_context",
    "sentence_ratio",
    "richness",
    "estimate",
    "crowded",
    "generic",
    "context_figure",
    "shared_names",
    "names_apart",
    "subjects_differ",
    "measures_differ",
    "same_measure",
    "shares_qualifier",
    "modifiers_differ",
    "units_differ",
    "years_apart",
    "times_differ",
    "listed",
    *(f"kind_{kind}" for kind in _KINDS),
)


def _evidence(first: _Claim, second: _Claim, rarity: WordRarity) -> float:
    return min(rarity.evidence(set(first.topic).intersection(second.topic)), _EVIDENCE_CAP)


def _overlap(first: _Claim, second: _Claim, rarity: WordRarity) -> float:
    return first._overlap(second, rarity, 1, 0.0)


def _similarity(first: _Claim, second: _Claim, rarity: WordRarity) -> float:
    return first._similarity(second, rarity)


def _sentence_ratio(first: _Claim, second: _Claim, rarity: WordRarity) -> float:
    return fuzz.token_set_ratio(first.statement, second.statement) / 100.0


def _times_differ(first: _Claim, second: _Claim, rarity: WordRarity) -> float:
    return float(first.past != second.past or first.anchored != second.anchored)


# The features that cost most to read (a topic intersection, a fuzzy match, a claim's sentence read for its time
# words), each with the range it lies in (an overlap coefficient and a Dice coefficient are at most 1, the evidence is
# capped), the most reach for the cost first: :func:`pair_veto` reads them last, and only while they can still move the
# model's decision across its threshold.
DEFERRED: dict[str, tuple[float, float, Callable[[_Claim, _Claim, WordRarity], float]]] = {
    "evidence": (0.0, _EVIDENCE_CAP, _evidence),
    "overlap": (0.0, 1.0, _overlap),
    "similarity": (0.0, 1.0, _similarity),
    "sentence_ratio": (0.0, 1.0, _sentence_ratio),
    "times_differ": (0.0, 1.0, _times_differ),
}


def pair_features(first: _Claim, second: _Claim, rarity: WordRarity) -> list[float]:
    """The evidence of :data:`FEATURES` for two claims, in that order (numbers, read from both claims as the engine
    reads them)."""
    features = _eager_features(first, second, rarity)
    return [
        DEFERRED[name][2](first, second, rarity) if value is None else value
        for name, value in zip(FEATURES, features, strict=True)
    ]


def _eager_features(first: _Claim, second: _Claim, rarity: WordRarity) -> list[float | None]:
    """:func:`pair_features` without the :data:`DEFERRED` ones (None in their places)."""
    undated = first.day is None or second.day is None
    days = 0 if undated else abs((first.day or 0) - (second.day or 0))
    value_gap = 0.0
    if first.value is not None and second.value is not None:
        scale = max(abs(first.value), abs(second.value))
        value_gap = abs(first.value - second.value) / scale if scale else 0.0
    first_hedge, second_hedge = first.hedge, second.hedge
    shared = sum(1 for word in first.features if word in second.features)
    kind = first.kind
    shared_names = sum(1 for name in first.names if name in second.names)
    return [
        float(first.story is not None and first.story == second.story),
        float(undated),
        math.log1p(days / _MONTHS),
        min(first.specificity, second.specificity),
        float(bool(first_hedge or second_hedge)),
        float(first_hedge != second_hedge),
        float(first.value == second.value and first.figures == second.figures),
        min(value_gap, 1.0),
        None,  # overlap
        float(min(shared, 8)),
        float(bool(first.head) and first.head == second.head),
        float(first._anchors_differ(second)),
        None,  # similarity
        None,  # evidence
        first.story_context(second, rarity),
        None,  # sentence_ratio
        math.log1p(min(len(first.features), len(second.features))),
        float(first.estimate or second.estimate),
        float(first.crowded or second.crowded),
        float(first.generic or second.generic),
        float(first.context_figure or second.context_figure),
        float(min(shared_names, 4)),
        float(bool(first.names and second.names) and not shared_names),
        float(first.subjects_differ(second)),
        float(first.measures_differ(second)),
        float(first.same_measure(second)),
        float(first.shares_qualifier(second)),
        float(not first.modifiers_agree(second)),
        float(first.unit != second.unit),
        float(bool(first.years and second.years) and not set(first.years) & set(second.years)),
        None,  # times_differ
        float(first.listed or second.listed),
        *(float(kind == name or (name == "year" and kind == "year_range")) for name in _KINDS),
    ]


class PairModel(NamedTuple):
    """Standardized logistic regression: P(same) = sigmoid(bias + sum(weight * (x - mean) / scale))."""

    weights: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(
            w * (x - m) / s for w, x, m, s in zip(self.weights, features, self.means, self.scales, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    @classmethod
    def from_json(cls, data: dict) -> PairModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("claim pair veto: the model's features are not this module's")
        return cls(
            tuple(data["weights"]),
            tuple(data["means"]),
            tuple(data["scales"]),
            float(data["bias"]),
            float(data["threshold"]),
        )


@cache
def shipped_model() -> PairModel | None:
    """The model shipped with the package, or None when there is none (the veto then refuses nothing)."""
    path = resources.files("workbench.pipeline").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return PairModel.from_json(json.loads(path.read_text(encoding="utf-8")))


class _Plan(NamedTuple):
    """A model rearranged for :func:`pair_veto`: z = offset + sum(weight * x), P(same) < threshold as z < cut."""

    offset: float
    eager: tuple[tuple[int, float], ...]  # (position in FEATURES, weight per unit)
    # (position, weight per unit, least and most it adds, how it is read), in :data:`DEFERRED`'s order
    deferred: tuple[tuple[int, float, float, float, Callable[[_Claim, _Claim, WordRarity], float]], ...]
    cut: float


# How far the rearranged sum must be from the cut to decide without the model's own formula: its rounding differs
# from the formula's by far less.
_MARGIN = 1e-9


@cache
def _plan(model: PairModel) -> _Plan | None:
    if not 0.0 < model.threshold < 1.0:
        return None
    per_unit = [weight / scale for weight, scale in zip(model.weights, model.scales, strict=True)]
    offset = model.bias - sum(weight * mean for weight, mean in zip(per_unit, model.means, strict=True))
    deferred = []
    for name, (low, high, read) in DEFERRED.items():
        position = FEATURES.index(name)
        weight = per_unit[position]
        deferred.append((position, weight, min(weight * low, weight * high), max(weight * low, weight * high), read))
    eager = tuple((i, weight) for i, weight in enumerate(per_unit) if FEATURES[i] not in DEFERRED)
    return _Plan(offset, eager, tuple(deferred), math.log(model.threshold / (1.0 - model.threshold)))


def pair_veto(first: _Claim, second: _Claim, rarity: WordRarity, model: PairModel | None = None) -> bool:
    """Whether the model refuses to merge the two claims (P(same) below its threshold).

    The costly features (:data:`DEFERRED`) are read only while the ones not yet read could still move the dot product
    across the threshold: nine pairs in ten are decided without the fuzzy match. The answer is the formula's: a pair
    within rounding of the threshold is decided by :meth:`PairModel.probability` on every feature."""
    model = model or shipped_model()
    if model is None:
        return False
    plan = _plan(model)
    if plan is None:
        return model.probability(pair_features(first, second, rarity)) < model.threshold
    features = _eager_features(first, second, rarity)
    z = plan.offset + sum(weight * features[i] for i, weight in plan.eager)  # type: ignore[operator, misc]
    low = z + sum(entry[2] for entry in plan.deferred)
    high = z + sum(entry[3] for entry in plan.deferred)
    for position, weight, least, most, read in plan.deferred:
        if low > plan.cut + _MARGIN:
            return False
        if high < plan.cut - _MARGIN:
            return True
        value = features[position] = read(first, second, rarity)
        low += weight * value - least
        high += weight * value - most
    if low > plan.cut + _MARGIN:
        return False
    if high < plan.cut - _MARGIN:
        return True
    return model.probability(features) < model.threshold  # type: ignore[arg-type]
