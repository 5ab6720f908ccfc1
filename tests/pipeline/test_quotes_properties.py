"""Properties that hold for any text: no exceptions, valid offsets, ordered quotes, linear work on huge input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.work import work_done
from workbench.pipeline.quotes import extract_quotes
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import claim_speakers

# Text built from the characters that matter: every quotation mark, apostrophes, punctuation, capitals for
# names, reporting verbs and pronouns, spaces and paragraph breaks.
_PIECES = st.sampled_from(
    [
        "“", "”", "‘", "’", '"', "'", "''", "``", "«", "»", "„", "‹", "›", "`",
        " ", " ", " ", "\n", "\n\n", ".", ",", ":", ";", "!", "?", "—", "(", ")", "[", "]",
        "said", "says", "told", "added", "according to", "he", "she", "they", "the president",
        "Raisi", "Ebrahim Raisi", "President", "Maduro", "Mr.", "Iran’s", "didn’t", "the ’90s", "students’",
        "rock ’n’ roll", "We will win", "a", "x", "$3 billion", "5%", "20", "that",
    ]
)  # fmt: skip
_TEXT = st.lists(_PIECES, max_size=80).map("".join)
_ANY_TEXT = st.one_of(_TEXT, st.text(max_size=300))


def _check(text: str) -> None:
    quotes = extract_quotes(text)
    previous_end = -1
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert quote.start >= previous_end, "quotes are in text order and do not overlap"
        previous_end = quote.end
        assert quote.kind in ("direct", "fragment")
        assert quote.sentence_start <= quote.start and quote.end <= quote.sentence_end <= len(text)
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)
        if quote.cue is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        if quote.speaker is not None:
            assert quote.speaker.strip() == quote.speaker and quote.speaker


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY_TEXT)
def test_extract_quotes_never_raises_and_spans_are_valid(text: str):
    _check(text)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.lists(st.tuples(st.integers(0, 400), st.integers(0, 20)), max_size=8))
def test_claim_speakers_never_raises_and_answers_every_span(text: str, raw_spans: list[tuple[int, int]]):
    spans = [(min(s, len(text)), min(s + n, len(text))) for s, n in raw_spans]
    refs = claim_speakers(text, spans, extract_quotes(text), split_sentences(text))
    assert len(refs) == len(spans)
    for ref in refs:
        if ref is not None:
            assert ref.name and 0 <= ref.start < ref.end <= len(text)


# One line of these, with one more quotation mark at its end, once tripped quadratic pairing.
ODD_QUOTE_UNITS = ['He said "yes and no. ', "a“", "x “y ” z « w ' ’ ‘ ", "word\"word 'tis the students’ "]


@pytest.mark.parametrize("unit", ODD_QUOTE_UNITS, ids=range(len(ODD_QUOTE_UNITS)))
def test_work_grows_linearly_on_one_line_with_odd_quote_counts(unit: str):
    """Pathological input must cost bounded work: no backtracking, no quadratic pairing. Ten times the text may
    cost at most fifteen times the work; it is counted, not timed (tests/work.py), so load cannot fail it.
    benchmarks/linearity_bench.py times the 30 MB line."""
    sizes = []
    for chars in (3_000, 30_000):
        text = unit * (chars // len(unit)) + '"'
        quotes, work = work_done(extract_quotes, text)
        for quote in quotes[:50]:
            assert text[quote.start : quote.end] == quote.text
        sizes.append(work)
    assert sizes[1] <= 15 * sizes[0], sizes


def test_work_grows_linearly_with_paragraph_count():
    paragraph = "“We will win,” Raisi said. Trade rose to $3 billion, he added. “Not now,” said Maduro.\n\n"
    extract_quotes(paragraph)  # warm the caches so that both counts are of the same, steady work
    (small, small_work), (large, large_work) = (work_done(extract_quotes, paragraph * n) for n in (200, 800))
    assert len(small) == 2 * 200 and len(large) == 2 * 800
    assert large_work <= 4 * 1.5 * small_work, (small_work, large_work)
