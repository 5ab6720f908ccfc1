"""The learned claim pair veto: the shipped model reads this module's features, and a pair it refuses stays apart on
both paths of the engine (a story's links and the stricter rules across stories)."""

from __future__ import annotations

import math

import pytest

from workbench.pipeline.cluster_claims import ClaimClusterIndex, ClaimItem, WordRarity, _Claim, masked_statement
from workbench.pipeline.cluster_claims import pair_veto as veto_module
from workbench.pipeline.cluster_claims.pair_veto import FEATURES, PairModel, pair_features, pair_veto, shipped_model

AGREEMENT = (
    "The encounter took place one year after Maduro's official visit to Tehran, where the socialist dictator "
    "signed a 20-year cooperation agreement with Iran."
)
PLAN = (
    "The Iranian leader welcomed the inking of a 20-year cooperation plan between Iran and Venezuela during the "
    "latter's visit in Tehran, saying long-term cooperation requires follow-ups."
)
JOBS = "Employers added 171,000 jobs in October, the Labor Department said on Friday."
JOBS_AGAIN = "The economy added 171,000 jobs last month, according to the Labor Department's report."


def claim(item_id: int, article: str, sentence: str, mention: str, kind: str, value: float, unit: str, **extra):
    start = sentence.index(mention)
    return ClaimItem(
        item_id, article, kind, value, unit, masked_statement(sentence, start, start + len(mention)), **extra
    )


def model(bias: float) -> PairModel:
    """A model that says the same probability of every pair: refuses all (low bias) or none (high bias)."""
    zeros = tuple(0.0 for _ in FEATURES)
    return PairModel(zeros, zeros, tuple(1.0 for _ in FEATURES), bias, 0.2)


def cross_story() -> list[ClaimItem]:
    return [
        claim(1, "a", AGREEMENT, "20-year", "duration", 20, "years", published="2023-06-13"),
        claim(2, "b", PLAN, "20-year", "duration", 20, "years", published="2023-06-12"),
    ]


def one_story() -> list[ClaimItem]:
    return [
        claim(1, "a", JOBS, "171,000", "count", 171000, "jobs", published="2014-11-07", story=7),
        claim(2, "b", JOBS_AGAIN, "171,000", "count", 171000, "jobs", published="2014-11-07", story=7),
    ]


def test_the_shipped_model_reads_this_modules_features():
    shipped = shipped_model()
    assert shipped is not None
    assert len(shipped.weights) == len(shipped.means) == len(shipped.scales) == len(FEATURES)
    assert 0.0 < shipped.threshold < 0.5  # a veto: it refuses only what it is confident is two facts
    first, second = (_Claim(item) for item in one_story())
    assert len(pair_features(first, second, WordRarity.of(one_story()))) == len(FEATURES)


def test_a_reprinted_figure_of_one_story_is_not_refused():
    items = one_story()
    first, second = (_Claim(item) for item in items)
    assert not pair_veto(first, second, WordRarity.of(items))


@pytest.mark.parametrize("items", [cross_story(), one_story()], ids=["across stories", "within a story"])
def test_a_pair_the_model_refuses_stays_apart(monkeypatch, items):
    monkeypatch.setattr(veto_module, "shipped_model", lambda: model(10.0))
    index = ClaimClusterIndex()
    assert len(set(index.assign(items)[0].values())) == 1  # the rules merge them
    monkeypatch.setattr(veto_module, "shipped_model", lambda: model(-10.0))
    index = ClaimClusterIndex()
    index.link_trace = {}
    assert index.assign(items)[0] == {1: 1, 2: 2}
    if items[0].story is None:
        assert list(index.link_trace.values()) == ["learned"]  # "why did these not merge?" names the veto


@pytest.mark.parametrize("items", [cross_story(), one_story()], ids=["across stories", "within a story"])
def test_the_early_exit_decides_as_the_model_formula(items):
    """pair_veto reads its costly features only while they can move the decision: at every threshold, the pair's own
    probability and the floats beside it included, it refuses exactly what the formula on all features refuses."""
    first, second = (_Claim(item) for item in items)
    rarity = WordRarity.of(items)
    shipped = shipped_model()
    assert shipped is not None
    probability = shipped.probability(pair_features(first, second, rarity))
    below, above = math.nextafter(probability, 0.0), math.nextafter(probability, 1.0)
    for threshold in (0.01, 0.21, 0.5, 0.99, probability / 2, below, probability, above, (1 + probability) / 2):
        model = shipped._replace(threshold=threshold)
        assert pair_veto(first, second, rarity, model) == (probability < threshold)
