"""Properties that hold for any text: no exceptions, valid offsets, ordered quotes, bounded time on huge input."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def test_a_30_mb_single_line_with_odd_quote_counts_finishes_quickly():
    """Pathological input must cost bounded work: no backtracking regex, no quadratic pairing."""
    units = ['He said "yes and no. ', "a“", "x “y ” z « w ' ’ ‘ ", "word\"word 'tis the students’ "]
    for unit in units:
        text = unit * (30_000_000 // len(unit) // len(units)) + '"'
        started = time.perf_counter()
        quotes = extract_quotes(text)
        elapsed = time.perf_counter() - started
        assert elapsed < 20, (unit, elapsed)
        for quote in quotes[:50]:
            assert text[quote.start : quote.end] == quote.text


def test_time_grows_linearly_with_paragraph_count():
    paragraph = "“We will win,” Raisi said. Trade rose to $3 billion, he added. “Not now,” said Maduro.\n\n"
    small, large = paragraph * 200, paragraph * 800
    timings = []
    for text in (small, large):
        started = time.perf_counter()
        extract_quotes(text)
        timings.append(time.perf_counter() - started)
    assert timings[1] < timings[0] * 8 + 0.5, timings
