"""Properties of claim extraction on arbitrary text: it never raises, spans are exact, calls are independent,
and the work done stays linear on long single-line input (counted, not timed: see tests/work.py)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench.pipeline.claims.extract as extract_module
from tests.work import work_done
from workbench.models import Claim
from workbench.pipeline.claims import extract_claims, lexicon
from workbench.pipeline.numbers import ci_trie, trie_pattern
from workbench.pipeline.sentences import split_sentences

# Pieces that reach every reader: currencies, scales, units, hedges, range and change words, months, names.
PIECES = [
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "USD",
    "3",
    "45",
    "1,200",
    "2.5",
    "2018",
    "1999",
    "-",
    "–",
    "−",
    "%",
    "/",
    ":",
    "(",
    ")",
    "[",
    "]",
    ".",
    ",",
    "'",
    "’",
    "\u201c",
    "\u201d",
    " ",
    "  ",
    "\n",
    "\t",
    "million",
    "bn",
    "m",
    "k",
    "percent",
    "per cent",
    "dollars",
    "rials",
    "tomans",
    "pounds",
    "the",
    "two",
    "three",
    "twenty-five",
    "a",
    "dozen",
    "dozens of",
    "thousands",
    "tens of",
    "half",
    "and",
    "or",
    "to",
    "from",
    "between",
    "more than",
    "up to",
    "about",
    "at least",
    "over",
    "rose",
    "fell",
    "by",
    "doubled",
    "fivefold",
    "times",
    "plans to",
    "year",
    "years",
    "-year-old",
    "decades",
    "km",
    "MW",
    "barrels per day",
    "bpd",
    "tonnes",
    "people",
    "nations",
    "June",
    "May",
    "Jan.",
    "4th",
    "COVID-19",
    "Article",
    "version",
    "http://x.co/1",
    "@a1",
    "#5",
    "pic.twitter.com/u6",
    "a.m.",
    "10:30",
    "+1",
    "©",
    "mid-",
    "sub-",
    "multimillion-dollar",
    "twice as",
    "999," * 120 + "999",
    "½",
    "1/2",
    "of",
    "in 10",
    "aged",
]
news_like = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=40
).map("".join)
any_text = st.text(max_size=300) | news_like


def check_spans(text: str) -> list:
    found = extract_claims(text, quotes=[])
    previous_start = -1
    for claim in found:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.mention
        assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_end <= len(text)
        assert claim.start >= previous_start
        previous_start = claim.start
        if claim.value_high is not None and claim.value is not None:
            assert claim.value_high > claim.value
        assert all(math.isfinite(v) for v in (claim.value, claim.value_high) if v is not None)
        assert Claim.model_validate(claim.model_dump()) == claim  # built unvalidated; the model must agree
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_never_raises_and_spans_are_exact(text):
    check_spans(text)


@settings(max_examples=100, deadline=None)
@given(any_text, any_text)
def test_results_do_not_depend_on_other_texts(first, second):
    alone = extract_claims(first, quotes=[])
    extract_claims(second, quotes=[])
    assert extract_claims(first, quotes=[]) == alone


@settings(max_examples=100, deadline=None)
@given(news_like)
def test_published_only_changes_dates(text):
    plain = extract_claims(text, quotes=[])
    dated = extract_claims(text, "2023-06-13", quotes=[])
    # the trace of a date without a year also names the rule that took the year from the publication date
    same = {"value", "trace"}
    assert [c.model_dump(exclude=same) for c in plain] == [c.model_dump(exclude=same) for c in dated]
    assert [c.value for c in plain if c.kind != "date"] == [c.value for c in dated if c.kind != "date"]


# Pieces that reach every branch of the one-sentence shortcut and of sentencex's rules around it: terminators,
# abbreviations, list markers, brackets, quotes, blanks and control characters.
SENTENCE_PIECES = [
    "Mr",
    "U",
    "S",
    "the",
    "I",
    "a",
    "ii",
    "1",
    "23",
    "e",
    "g",
    "No",
    "Jan",
    "etc",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x1c",
    ".",
    "!",
    "?",
    "...",
    "?!",
    ",",
    ";",
    ":",
    "'",
    '"',
    "(",
    ")",
    "[",
    "]",
    "*",
    "+",
    "-",
    "#",
    "x@y.com",
    "é",
    "—",
    "“",
    "”",
    "\u00a0",
    "•",
    "2.5",
    ".5",
    "3.",
    "e.g.",
    "U.S.",
    "a.b",
    "!a",
    "[1]",
    "ii.v",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=16).map("".join))
def test_one_sentence_shortcut_agrees_with_the_segmenter(text):
    assert extract_module._sentence_spans(text) == split_sentences(text)


NEWS = (
    "Raisi said trade grew from $600 million in 2021 to more than $3 billion, and both plan to increase it to "
    "$10 billion. About 45 percent of the 1,200 workers, some two dozen engineers, left after 20 years; "
    "output doubled to 1.2 million barrels per day (1999-2013). See pic.twitter.com/u6KeMmXddz on June 13. "
)
# Inputs built to trip backtracking or quadratic loops: long runs of one token class, with no blanks.
ADVERSARIAL = [
    NEWS.replace("\n", " "),
    "1" * 1000,
    "1," * 500,
    "1.1" * 300,
    "$" * 1000,
    "$1" * 500,
    "a " * 500,
    "one-" * 300,
    "aaaa." * 300 + "com",
    "x" * 2000 + "@",
    "1-" * 500,
    "more than " * 200,
    "the two " * 200,
    "from 1 to " * 200,
    "between 2010 and " * 100,
    "- " * 500,
    "June " * 400,
    "1/" * 500,
    "—" * 1000,
]


@pytest.fixture
def claims_only(monkeypatch):
    """Count the claim extractor itself; speaker attribution is another module with its own tests."""
    monkeypatch.setattr(extract_module, "claim_speakers", lambda text, spans, quotes, sentences: [None] * len(spans))


@pytest.mark.parametrize("unit", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_work_grows_linearly_on_single_line_text(unit, claims_only):
    """Ten times the text may cost at most fifteen times the work (a quadratic step would cost a hundred times).
    Work is counted, not timed, so a loaded machine cannot fail it; benchmarks/linearity_bench.py has the speed."""
    small = unit * max(1, 2_000 // len(unit))
    large = small * 10
    check_spans(small)  # warm the caches so that both counts below are of the same, steady work
    small_found, small_work = work_done(check_spans, small)
    large_found, large_work = work_done(check_spans, large)
    if unit == ADVERSARIAL[0]:  # news: every copy is read alike, however long the line
        assert len(large_found) == 10 * len(small_found) > 0
    assert large_work <= 15 * small_work, (small_work, large_work)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "per",
                "cent",
                "Per",
                "PER",
                "pErcent",
                "ſ",
                "K",
                "k",
                "İ",
                "i",
                "million",
                "MN",
                "mLn",
                "bn",
                "Bn",
                " ",
                "-",
                "x",
                "é",
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_case_insensitive_tries_match_what_their_plain_form_matches(text):
    """``ci_trie`` puts a first-letter test before a case-insensitive branch; it must never change a match."""
    words = ["percent", "per cent", "million", "mn", "mln", "bn", "kilo", "is"]
    fast, plain = re.compile(ci_trie(words)), re.compile("(?i:" + trie_pattern(words) + ")")
    for pos in range(len(text) + 1):
        found, expected = fast.match(text, pos), plain.match(text, pos)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(sorted(lexicon.TIME_UNITS)),
    st.sampled_from(["", "s", "es", "ies", "ss", "x", "ies"]),
    st.integers(0, 2),
)
def test_time_unit_forms_are_exactly_the_words_whose_singular_is_a_time_unit(unit, ending, cut):
    word = unit[: len(unit) - cut] + ending
    assert (word in lexicon.TIME_UNIT_FORMS) == (lexicon.singular_of(word) in lexicon.TIME_UNITS)
