"""Sentence spans: valid offsets, line breaks as boundaries, long single lines segmented in bounded time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import workbench.pipeline.sentences as sentences
from workbench.pipeline.sentences import SentenceIndex, split_sentences

TEXT = (
    "Maduro stresses need to bolster cooperation\n"
    "The Venezuelan President met Raisi on Monday. Trade rose to $3 billion, he said.\n\n"
    "\u201cWe will win,\u201d Maduro said.  "
)


def test_spans_are_trimmed_sentences_split_at_line_breaks() -> None:
    spans = split_sentences(TEXT)
    assert [TEXT[s:e] for s, e in spans] == [
        "Maduro stresses need to bolster cooperation",
        "The Venezuelan President met Raisi on Monday.",
        "Trade rose to $3 billion, he said.",
        "\u201cWe will win,\u201d Maduro said.",
    ]


def test_long_single_line_is_segmented_like_the_whole(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    line = " ".join(f"Story {i} says profits rose {i}% in {2000 + i % 20}." for i in range(3000))
    blockwise = split_sentences(line)
    assert len(blockwise) == 3000
    monkeypatch.setattr(sentences, "BLOCK_CHARS", 10**9)
    assert split_sentences(line) == blockwise


def test_sentence_index_finds_the_sentence_and_unions_crossings() -> None:
    spans = split_sentences(TEXT)
    index = SentenceIndex(spans)
    inside = TEXT.index("$3 billion")
    assert index.containing(inside) == spans[2]
    crossing = TEXT.index("Monday")
    assert index.containing(crossing, inside) == (spans[1][0], spans[2][1])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\u201c\u201d\"'\u00a0Z1")), max_size=400))
def test_spans_are_valid_ordered_and_non_empty(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end


def test_sentencex_panic_on_multibyte_spaces_is_contained() -> None:
    text = ".\u201c\u201d\u00a0a'1\n?a\u201d.\u00a0\u00a0b\u201d.a1\u00a0\u201d? Z\u00a0.\"\u201c\u201d\u201c\n \u201c!"
    spans = split_sentences(text)
    assert spans and all(text[s:e].strip() == text[s:e] for s, e in spans)


def test_panicking_segmenter_falls_back(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []

    def panicking(language: str, text: str) -> list:  # type: ignore[type-arg]
        calls.append(text)
        if len(calls) == 1:
            raise BaseException("pyo3 panic")  # what sentencex's PanicException looks like to Python
        return [{"start_index": 0, "end_index": len(text)}]

    monkeypatch.setattr(sentences, "get_sentence_boundaries", panicking)
    assert split_sentences("Caf\u00e9 \u00a0opened.") == [(0, 13)]
    assert calls[1] == "Cafx xopened."


def test_sentences_glued_without_a_space_are_split_but_abbreviations_are_not() -> None:
    text = (
        'to Boy Scouts and your sons," he wrote.Gates said he was not asking the board."But I must speak," he said.\n'
        "Mr.Smith met Dr.Jones."
    )
    assert [text[s:e] for s, e in split_sentences(text)] == [
        'to Boy Scouts and your sons," he wrote.',
        'Gates said he was not asking the board."',
        'But I must speak," he said.',
        "Mr.Smith met Dr.Jones.",
    ]
