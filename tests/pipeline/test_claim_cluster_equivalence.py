"""The faster paths of claim clustering against the definitions they replace: the same clusters and conflicts on
generated batches, the same keys, the same features."""

from __future__ import annotations

from itertools import product
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench.pipeline.cluster_claims.index as engine
from workbench.pipeline.candidates import stable_key
from workbench.pipeline.cluster_claims import ClaimClusterIndex, ClaimItem, _Claim, masked_statement
from workbench.pipeline.cluster_claims.cues import conflict_cues
from workbench.pipeline.cluster_claims.features import _word_key

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Few words, so that claims share one, two or many context words; some are cue words (tallies, forecasts, places).
WORDS = "trade rose jobs votes expected in Ohio the rate of Iran deal billion people killed said reported".split()
FIGURES = [(3e9, None), (3.04e9, None), (3e9, "more_than"), (20.0, None), (25.0, "about"), (7.9, None), (8.1, None)]
KINDS = [("money", "USD"), ("count", "people"), ("percent", "percent")]


@st.composite
def claim_batches(draw) -> list[ClaimItem]:
    items = []
    for i in range(draw(st.integers(2, 30))):
        left = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=7)))
        right = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=7)))
        sentence = f"{left} NUMBER {right}."
        start = sentence.index("NUMBER")
        value, hedge = draw(st.sampled_from(FIGURES))
        kind, unit = draw(st.sampled_from(KINDS))
        items.append(
            ClaimItem(
                i,
                draw(st.sampled_from("abcd")),
                kind,
                value,
                unit,
                masked_statement(sentence, start, start + 6),
                hedge=hedge,
                published=draw(st.sampled_from([None, "2023-06-12", "2023-06-13", "2024-09-01"])),
                story=draw(st.sampled_from([None, None, 1, 2])),
                mention="NUMBER",
            )
        )
    return items


def _assign(items: list[ClaimItem]) -> tuple[dict[int, int], list[tuple[int, int]], list]:
    index = ClaimClusterIndex()
    assignments, conflicts = index.assign(items)
    return assignments, conflicts, index.conflict_details


@SETTINGS
@given(claim_batches(), st.sampled_from([0, 1, 2, 50]))
def test_skipping_candidates_with_one_shared_key_changes_no_cluster(items, stop):
    """A candidate found through a single merge key is skipped unless a word it shares was too common to be read;
    the result is what comparing every candidate gives, also when common words are skipped (small ``stop``)."""
    with mock.patch.object(engine, "STOP_POSTINGS", stop):
        fast = _assign(items)
        with mock.patch.object(engine, "_too_few_shared", lambda *args: False):
            every = _assign(items)
    assert fast == every


def _merge_keys_as_defined(claim: _Claim, bins: list[str]) -> list[int]:
    word_keys = [_word_key(word) for word in claim.features]
    return [hash((key, word_key)) for key in (stable_key(f"{claim.block}|{b}") for b in bins) for word_key in word_keys]


@SETTINGS
@given(claim_batches())
def test_merge_and_conflict_keys_are_the_defined_hashes(items):
    for item in items:
        claim = _Claim(item)
        for bins in (claim.index_bins(), claim.query_bins()):
            assert claim.merge_keys(bins) == _merge_keys_as_defined(claim, bins)
        head = stable_key(f"{claim.block}|{claim.head}")
        assert claim.conflict_keys() == [hash((head, _word_key(word))) for word in claim.features]


@SETTINGS
@given(claim_batches())
def test_cues_read_on_first_use_are_the_statements_cues(items):
    for item in items:
        expected = conflict_cues(item.statement, item.kind, _Claim(item).unit) if item.story is not None else ()
        assert _Claim(item).cues == expected


def test_keys_follow_bins_then_words():
    """``_stopped_words`` reads a key's word from its position: bin by bin, words in the order of ``features``."""
    claim = _Claim(ClaimItem(1, "a", "money", 3e9, "USD", "Iran trade rose to {#} last year."))
    bins = claim.query_bins()
    keys = claim.merge_keys(bins)
    expected = [hash((stable_key(f"{claim.block}|{b}"), _word_key(w))) for b, w in product(bins, claim.features)]
    assert keys == expected and len(keys) == len(bins) * len(claim.features) > 2
