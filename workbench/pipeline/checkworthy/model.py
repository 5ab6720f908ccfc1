"""Features of an assessment and the logistic model that weighs them (trained by benchmarks/train_checkworthy.py)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from workbench.models import CALENDAR_KINDS, Claim, Quote
from workbench.pipeline.checkworthy.cues import _APPOSITIVE_AGE, CUES, cues_of
from workbench.pipeline.checkworthy.mention import MODEL_FILE, Assessment, Surroundings, surroundings
from workbench.pipeline.rules import Trace

# ---------------------------------------------------------------------------------------------------------------
# Features and the model


def _magnitude(value: float | None) -> str:
    if value is None:
        return "none"
    size = abs(value)
    return (
        "<2"
        if size < 2
        else "<10"
        if size < 10
        else "<100"
        if size < 100
        else "<1e4"
        if size < 1e4
        else "<1e6"
        if size < 1e6
        else "big"
    )


def features(s: Surroundings, cues: Sequence[str] | None = None) -> list[str]:
    """The sparse binary features of one claim: its kind, its cues and its order of magnitude.

    Words next to the number were tried as features too (left and right neighbours); they did not improve the
    cross-validated figures on 600 labels, so the cues carry the context instead. The counted noun was a feature
    up to model v6; with ~2,000 labels each noun is seen a few times, so its weight memorised those items rather
    than a rule, and leaving it out cost nothing on the review-labels annotator's items (round I)."""
    claim = s.claim
    found = [f"kind={claim.kind}", *(f"cue={name}" for name in (cues if cues is not None else cues_of(s)))]
    if claim.kind not in CALENDAR_KINDS:
        found.append(f"size={claim.kind}:{_magnitude(claim.value)}")
        if claim.kind in ("count", "duration", "quantity"):
            found.append("bare" if _APPOSITIVE_AGE.match(s.mention) else "worded")
    return found


@dataclass(frozen=True)
class Model:
    """A logistic model over binary features: P(checkable) = sigmoid(bias + sum of the weights of the features)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    version: str = ""

    def score(self, names: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data.get("threshold", 0.5)),
            version=str(data.get("version", "")),
        )


@cache
def shipped_model() -> Model:
    """The model trained by benchmarks/train_checkworthy.py, read once from the package."""
    text = resources.files("workbench.pipeline").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def assess(s: Surroundings, model: Model | None = None) -> Assessment:
    model = model or shipped_model()
    cues = cues_of(s)
    score = round(model.score(features(s, cues)), 4)
    return Assessment("checkable" if score >= model.threshold else "context", score, tuple(cues))


def assess_claims(
    text: str, claims: Sequence[Claim], quotes: Sequence[Quote] = (), model: Model | None = None
) -> list[Assessment]:
    """Check-worthiness of each claim of one article, in order."""
    return [assess(surroundings(text, claim, quotes), model) for claim in claims]


def _probe(text: str) -> list[tuple[int, int, Trace]]:
    """For the rule-examples test: every claim the extractor finds in ``text``, with the cues that fire on it."""
    from workbench.pipeline.analyze import analyze_text

    analysis = analyze_text(text)
    return [(c.start, c.end, cues_of(surroundings(text, c, analysis.quotes))) for c in analysis.claims]


CUES.probe = _probe
CueTest = Callable[[Surroundings], bool]
