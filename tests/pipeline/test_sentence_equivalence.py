"""Sentence helpers that take faster paths than their definitions; these tests hold them to the definitions.

Each reference is the code as it was before the faster path replaced it (issue 14: extraction CPU per article)."""

from __future__ import annotations

from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.pipeline import sentences
from workbench.pipeline.sentences import Sentence, SentenceIndex, split_sentences

# Sentence punctuation, curly and straight quotes, capitals after lowercase (glued sentences), web chunks, and
# whitespace of several kinds (line breaks, tabs, no-break and other Unicode spaces, which ``isspace`` knows).
_PIECES = [*"ab said He Gates www. .com @ :// Politico.Com Mr. 3.5".split(), *'.!?\u201d", \n\t\xa0\u2003\x1c', "  "]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=60)


def _add_sentence_reference(text: str, start: int, end: int, spans: list[Sentence]) -> None:
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        piece_end = end if newline < 0 else newline
        piece_start = position
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > piece_start:
            sentences._add_unglued(text, piece_start, piece_end, spans)
        if newline < 0:
            break
        position = newline + 1


def _split_reference(text: str) -> list[Sentence]:
    spans: list[Sentence] = []
    for block_start, block_end in sentences.blocks(text):
        block = text[block_start:block_end]
        for boundary in sentences._boundaries(block, "en"):
            start, end = block_start + boundary["start_index"], block_start + boundary["end_index"]
            _add_sentence_reference(text, start, end, spans)
    return spans


def _containing_reference(spans: list[Sentence], start: int, end: int | None = None) -> Sentence:
    starts = [s for s, _ in spans]
    end = start if end is None else end
    first = max(bisect_right(starts, start) - 1, 0)
    last = max(bisect_right(starts, max(end - 1, start)) - 1, 0)
    if not spans:
        return (start, end)
    return (min(spans[first][0], start), max(spans[last][1], end))


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.integers(0, 80), st.integers(0, 80))
def test_add_sentence_trims_and_cuts_like_the_reference(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    expected: list[Sentence] = []
    _add_sentence_reference(text, start, end, expected)
    found: list[Sentence] = []
    sentences._add_sentence(text, start, end, found)
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_split_sentences_equals_the_reference(text: str) -> None:
    assert split_sentences(text) == _split_reference(text)


def test_split_sentences_long_text_in_blocks_equals_the_reference() -> None:
    text = ("The vote was close.He said so.\n  Next line\xa0ends here. " * 600) + "Final words.Gates said."
    found = split_sentences(text)
    assert len(found) > 1000
    assert found == _split_reference(text)
    assert all(text[s:e] == text[s:e].strip() for s, e in found)


def test_glued_sentences_are_still_cut_when_the_article_has_them() -> None:
    # sentencex sees one sentence inside the quotation marks; the cut after "forever." is ours
    text = (
        "\u201cWe kept the plant alive and put our money where our mouths were, not to hold down pay forever.Every"
        " candidate should join the picket lines.\u201d\n\nThe world mourned."
    )
    assert len(sentences._boundaries(text, "en")) == 3  # the paragraph break is a boundary of its own
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "\u201cWe kept the plant alive and put our money where our mouths were, not to hold down pay forever.",
        "Every candidate should join the picket lines.\u201d",
        "The world mourned.",
    ]
    assert split_sentences(text) == _split_reference(text)


_SPANS = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 8)), max_size=8).map(
    lambda raw: sorted({(s, s + n) for s, n in raw})
)


@settings(max_examples=500, deadline=None)
@given(_SPANS, st.integers(0, 70), st.none() | st.integers(0, 70))
def test_containing_equals_the_reference(spans: list[Sentence], start: int, end: int | None) -> None:
    assert SentenceIndex(spans).containing(start, end) == _containing_reference(spans, start, end)
