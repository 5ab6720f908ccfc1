"""The faster paths of claim clustering against the definitions they replace: the same clusters and conflicts on
generated batches, the same keys, the same features."""

from __future__ import annotations

import dataclasses
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench.pipeline.cluster_claims.index as engine
import workbench.pipeline.cluster_claims.statement as statement_module
import workbench.pipeline.cluster_claims.story as story
from workbench.pipeline.candidates import stable_key
from workbench.pipeline.cluster_claims import ClaimClusterIndex, ClaimItem, _Claim, masked_statement, prepared_statement
from workbench.pipeline.cluster_claims.cues import conflict_cues
from workbench.pipeline.cluster_claims.features import (
    _ANCHOR_START,
    _ANCHORS,
    _BEFORE_ALONE,
    _CLAUSE_MARK,
    _DATED_MONTH,
    _DIRECTION,
    _IGNORED,
    _MONTHS,
    _MOTION,
    _NAME,
    _NEEDED,
    _PART_AFTER,
    _PART_BEFORE,
    _PAST,
    _TOKEN,
    _WHOLE_BEFORE,
    CLAIM_MASK,
    CONFLICT_NUMBER_WINDOW,
    CONTEXT_WORDS,
    FRAME_TOKENS,
    MEASURES,
    NEAR_CHARS,
    NEEDED_REACH,
    NUMBER_MASK,
    PART_REACH,
    _content,
    canonical_word,
    subject_names,
)
from workbench.pipeline.cluster_claims.statement import _nearest_measure, _own_clause, _tokens_after, _tokens_before
from workbench.pipeline.normalize import fold, words

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
def test_skipping_candidates_that_share_fewer_than_two_words_changes_no_cluster(items, stop):
    """A candidate found through a single merge key is skipped unless a word it shares was too common to be read,
    and one found through several keys when they are one word in several value bins; the result is what comparing
    every candidate gives, also when common words are skipped (small ``stop``)."""
    with mock.patch.object(engine, "STOP_POSTINGS", stop):
        fast = _assign(items)
        every_candidate = lambda self, claim, counts, stopped: list(counts)  # noqa: E731
        with mock.patch.object(engine.ClaimClusterIndex, "_sharing_two_words", every_candidate):
            every = _assign(items)
    assert fast == every


@SETTINGS
@given(claim_batches())
def test_merge_and_conflict_keys_are_the_defined_hashes(items):
    for item in items:
        claim = _Claim(item)
        for bins in (claim.index_bins(), claim.query_bins()):
            assert claim.bin_keys(bins) == [stable_key(f"{claim.block}|{b}") for b in bins]
        assert claim.word_keys() == [stable_key(word) for word in claim.features]
        head = stable_key(f"{claim.block}|{claim.head}")
        assert claim.conflict_keys() == [hash((head, stable_key(word))) for word in claim.features]


@SETTINGS
@given(claim_batches())
def test_cues_read_on_first_use_are_the_statements_cues(items):
    for item in items:
        expected = conflict_cues(item.statement, item.kind, _Claim(item).unit) if item.story is not None else ()
        assert _Claim(item).cues == expected


def _content_as_defined(tokens: list[str]) -> list[str]:
    found = []
    for i, token in enumerate(tokens):
        if token in _MOTION and i + 1 < len(tokens) and tokens[i + 1] in _DIRECTION:
            found.append(_DIRECTION[tokens[i + 1]])
        elif token not in _IGNORED and not token.isdigit():
            found.append(canonical_word(token))
    return found


TOKENS = ["rose", "up", "down", "fell", "the", "of", "said", "2019", "x1", "jobs", "iran's", "countries", "dropped"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS) | st.text(alphabet="abcdefgs'19 ", max_size=12), max_size=20))
def test_content_words_equal_their_definition(pieces):
    tokens = words(fold(" ".join(pieces)))  # what every caller passes
    assert _content(tokens) == _content_as_defined(tokens)


def _story_details_as_defined(item: ClaimItem, claim: _Claim) -> dict[str, object]:
    """The details as they were read eagerly, for every story claim, before they were read on first use."""
    folded = fold(item.statement)
    left, mask, right = folded.partition(CLAIM_MASK)
    if not mask:
        left, right = folded, ""
    right_content = _content(words(right))
    own = (
        _DATED_MONTH.sub(r"\1", left).rsplit(NUMBER_MASK, 1)[-1]
        + " "
        + _DATED_MONTH.sub(r"\1", right).split(NUMBER_MASK, 1)[0]
    )
    own_left, own_right = left.rsplit(NUMBER_MASK, 1)[-1], right.split(NUMBER_MASK, 1)[0]
    part = not _PART_BEFORE.isdisjoint(words(own_left)[-PART_REACH:]) or bool(_PART_AFTER.match(right))
    measure = next((word for word in claim.modifiers if word in MEASURES), "") or _nearest_measure(
        _own_clause(left), right_content
    )
    if "old" in words(fold(item.mention)) or right_content[:CONTEXT_WORDS][:1] == ["old"]:
        measure = "age"
    return {
        "months": tuple(sorted({word for word in words(own) if word in _MONTHS})),
        "subjects": subject_names(item.statement),
        "past": not _PAST.isdisjoint(words(left) + words(right)) or bool(_BEFORE_ALONE.search(folded)),
        "part": "part" if part else "whole" if _WHOLE_BEFORE.search(left) else "",
        "measure": measure,
        "threshold": not _NEEDED.isdisjoint(words(own_left)[-NEEDED_REACH:] + words(own_right)[:NEEDED_REACH]),
        "anchored": not _ANCHORS.isdisjoint(words(_CLAUSE_MARK.split(left)[-1])) or bool(_ANCHOR_START.match(folded)),
    }


DETAIL_WORDS = WORDS + "including of whom previously ago before, needs originally in September 4 March # old".split()


@SETTINGS
@given(st.lists(st.sampled_from(DETAIL_WORDS), max_size=9), st.lists(st.sampled_from(DETAIL_WORDS), max_size=9))
def test_story_details_read_on_first_use_are_the_eager_ones(left, right):
    statement = f"{' '.join(left)} {CLAIM_MASK} {' '.join(right)}"
    item = ClaimItem(1, "a", "count", 12.0, "people", statement, story=3, mention="12 dead people")
    claim = _Claim(item)
    expected = _story_details_as_defined(item, claim)
    assert {name: getattr(claim, name) for name in expected} == expected
    outside = _Claim(dataclasses.replace(item, story=None))
    assert [getattr(outside, name) for name in expected] == [(), (), False, "", "", False, False]


@SETTINGS
@given(claim_batches())
def test_merge_keys_read_at_once_are_the_bins_and_words_keys(items):
    for item in items:
        claim = _Claim(item)
        keys = claim.merge_keys()
        assert keys.lookup == claim.bin_keys(claim.query_bins())
        assert keys.filed == claim.bin_keys(claim.index_bins())
        assert keys.words == claim.word_keys()
        assert claim.conflict_keys(keys.words) == claim.conflict_keys()


# Story figures of every kind the pairing treats apart: years and dates of them, spans of time in several units,
# counted nouns, ranges, hedges, round and precise figures, and values at the edges of each other's rounding.
STORY_FIGURES = [
    ("year", None, 2017.0, None),
    ("year", None, 2018.0, None),
    ("date", None, 20170300.0, None),
    ("date", None, 20180115.0, None),
    ("duration", "days", 11.0, None),
    ("duration", "weeks", 2.0, None),
    ("duration", "years", 7.0, 9.0),
    ("duration", "months", 24.0, None),
    ("duration", "hours", 15.0, None),
    ("count", "people", 19.0, None),
    ("count", "members", 19.0, None),
    ("count", "diplomats", 60.0, None),
    ("count", "officials", 12.0, 120.0),
    ("percent", "percent", 9.0, None),
    ("percent", "percent", 9.4, None),
    ("percent", "percent", 7.9, None),
    ("money", "USD", 3e9, None),
    ("money", "USD", 3.04e9, None),
    ("money", "EUR", 3e9, None),
]
HEDGES = [None, None, "about", "more_than", "nearly", "up_to"]


@st.composite
def story_batches(draw) -> list[ClaimItem]:
    items = []
    for i in range(draw(st.integers(2, 40))):
        kind, unit, value, high = draw(st.sampled_from(STORY_FIGURES))
        value *= draw(st.sampled_from([1.0, 1.0, 1.05, 0.95, 1.2]))
        left = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=5)))
        right = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=5)))
        sentence = f"{left} NUMBER {right}."
        start = sentence.index("NUMBER")
        items.append(
            ClaimItem(
                i,
                draw(st.sampled_from("abc")),
                kind,
                value,
                unit,
                masked_statement(sentence, start, start + 6),
                value_high=high,
                hedge=None if high is not None else draw(st.sampled_from(HEDGES)),
                published="2023-06-12",
                story=1,
                mention="NUMBER",
            )
        )
    return items


def _all_pairs(claims: list[_Claim]) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story_batches())
def test_story_pairs_left_out_are_never_compatible(items):
    """The pairs a story's linking no longer tests (see ``_maybe_compatible``) all fail ``story_compatible``, and the
    ones it tests come once each, in order."""
    claims = [_Claim(item) for item in items]
    for kind in ("year", "other"):
        same_kind = [claim for claim in claims if (claim.kind in ("year", "date")) == (kind == "year")]
        kept = story._maybe_compatible(same_kind)
        assert kept == sorted(set(kept))
        for i, j in set(_all_pairs(same_kind)) - set(kept):
            assert not same_kind[i].story_compatible(same_kind[j])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story_batches())
def test_story_linking_with_pairs_left_out_is_linking_every_pair(items):
    fast = _assign(items)
    with mock.patch.object(story, "_maybe_compatible", _all_pairs):
        every = _assign(items)
    assert fast == every


# Words, numbers, masks and punctuation of every width around the stretch the short scan reads.
SIDE_PIECES = ["#", "##", "the", "rate", "x_y", "9.4", "Iran's", "—", ",", " ", "  ", "abcdefghijklmnopqrstuvwxyz", "é"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SIDE_PIECES), max_size=60))
def test_tokens_beside_the_mask_from_a_short_stretch_are_those_of_the_long_one(pieces):
    side = "".join(pieces)
    window = max(FRAME_TOKENS, CONFLICT_NUMBER_WINDOW)
    assert _tokens_before(side)[-window:] == _TOKEN.findall(side[-NEAR_CHARS:])[-window:]
    assert _tokens_after(side)[:window] == _TOKEN.findall(side[:NEAR_CHARS])[:window]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Iran", "The", "President", "Washington", "Sanders", "Mr", "Éric", "Monday"]), max_size=8)
)
def test_names_read_through_the_cache_are_the_defined_names(names):
    statement = "said " + " and ".join(names) + f" had {CLAIM_MASK}"
    expected = tuple(
        sorted({canonical_word(fold(name)) for name in _NAME.findall(statement) if fold(name) not in _IGNORED})
    )
    item = ClaimItem(1, "a", "count", 12.0, "people", statement, story=3, mention="12 people")
    assert _Claim(item).names == expected


# -- readings stored at extraction (claims.cluster_features) ------------------------------------------------------

# Words that reach every field of a reading: names, a word for the usual, "other", another number, brackets, a change
# ("up"), counted nouns, clause marks.
READING_WORDS = [
    *WORDS,
    "Obama",
    "Sanders's",
    "average",
    "often",
    "other",
    "#",
    "(",
    ")",
    ",",
    "up",
    "down",
    "Monday",
    "—",
    "a",
    "dozen",
    "British",
]
MENTIONS = [
    ("NUMBER", "count", "people"),
    ("NUMBER other British diplomats", "count", "diplomats"),
    ("NUMBER", "money", "USD"),
]


@st.composite
def reading_items(draw) -> list[ClaimItem]:
    items = []
    for i in range(draw(st.integers(1, 12))):
        left = " ".join(draw(st.lists(st.sampled_from(READING_WORDS), max_size=12)))
        right = " ".join(draw(st.lists(st.sampled_from(READING_WORDS), max_size=12)))
        mention, kind, unit = draw(st.sampled_from(MENTIONS))
        sentence = f"{left} {mention} {right}."
        start = sentence.index(mention)
        items.append(
            ClaimItem(
                i,
                "a",
                kind,
                draw(st.sampled_from([12.0, 3e9, 7.9])),
                unit,
                masked_statement(sentence, start, start + len(mention)),
                role=draw(st.sampled_from([None, "to"])),
                published="2023-06-12",
                story=draw(st.sampled_from([None, 4])),
                mention=mention,
            )
        )
    return items


def _stored(items: list[ClaimItem]) -> list[ClaimItem]:
    """The items as the clustering service reads them after an ingest that stored their readings."""
    return [dataclasses.replace(item, prepared=prepared_statement(item)) for item in items]


def _state(claim: _Claim) -> dict[str, tuple[type, object]]:
    """Everything a prepared claim holds (its type too: a list where a tuple was would compare unequal elsewhere)."""
    return {
        name: (type(getattr(claim, name)), getattr(claim, name))
        for name in _Claim.__slots__
        if name not in ("_item", "_weighted")
    }


@settings(max_examples=300, deadline=None)
@given(reading_items())
def test_a_stored_reading_prepares_the_claim_its_statement_does(items):
    for item, stored in zip(items, _stored(items), strict=True):
        assert stored.prepared is not None
        assert _state(_Claim(stored)) == _state(_Claim(item))


def _traced(items: list[ClaimItem]) -> tuple[object, ...]:
    index = ClaimClusterIndex()
    index.link_trace = {}
    assignments, conflicts = index.assign(items)
    return assignments, conflicts, index.conflict_details, index.link_trace


@SETTINGS
@given(claim_batches())
def test_clustering_stored_readings_is_clustering_the_statements(items):
    assert _traced(_stored(items)) == _traced(items)


@SETTINGS
@given(story_batches())
def test_story_linking_of_stored_readings_is_linking_the_statements(items):
    assert _traced(_stored(items)) == _traced(items)


def test_a_reading_of_another_statement_or_other_rules_is_read_again():
    """A claim corrected or re-extracted after its reading was stored, or a reading stored by other rules, is read
    from the statement: the clusters never depend on a stale reading."""
    sentence = "Trade between Iran and Iraq reached NUMBER billion dollars last year."
    start = sentence.index("NUMBER")
    item = ClaimItem(1, "a", "money", 3e9, "USD", masked_statement(sentence, start, start + 6), mention="NUMBER")
    prepared = prepared_statement(item)
    assert prepared is not None
    moved = masked_statement(sentence, 0, 5)  # the claim's span corrected to another stretch of the sentence
    for changed in (
        dataclasses.replace(item, statement=moved, prepared=prepared),
        dataclasses.replace(item, kind="count", unit="dollars", prepared=prepared),
        dataclasses.replace(item, mention="3 billion", prepared=prepared),
    ):
        assert statement_module.decode_statement(prepared, changed) is None
        assert _state(_Claim(changed)) == _state(_Claim(dataclasses.replace(changed, prepared=None)))
    assert statement_module.decode_statement(prepared, item) is not None
    with mock.patch.object(statement_module, "_RULES_VERSION", statement_module._RULES_VERSION + 1):
        assert statement_module.decode_statement(prepared, item) is None
