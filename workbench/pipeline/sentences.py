"""Sentence spans with offsets, from sentencex (a maintained, fast, rule-based segmenter)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from sentencex import get_sentence_boundaries

Sentence = tuple[int, int]


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Half-open ``(start, end)`` spans of the sentences in ``text``, trimmed of surrounding whitespace.

    Paragraph breaks always end a sentence. Offsets are ``str`` indices, so ``text[start:end]`` is the sentence.
    """
    spans: list[Sentence] = []
    for boundary in get_sentence_boundaries(language or "en", text):
        start, end = boundary["start_index"], boundary["end_index"]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            # sentencex keeps "\n" inside a sentence when no punctuation ends the line (headlines, datelines);
            # a line break is a sentence boundary in news copy, so split there too.
            line_start = start
            while True:
                newline = text.find("\n", line_start, end)
                if newline < 0:
                    spans.append((line_start, end))
                    break
                piece_end = newline
                while piece_end > line_start and text[piece_end - 1].isspace():
                    piece_end -= 1
                if piece_end > line_start:
                    spans.append((line_start, piece_end))
                line_start = newline + 1
                while line_start < end and text[line_start].isspace():
                    line_start += 1
                if line_start >= end:
                    break
    return spans


def sentence_at(spans: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence containing ``offset`` (spans sorted by start), or None if it falls between sentences."""
    index = bisect_right([s for s, _ in spans], offset) - 1 if spans else -1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return None


class SentenceIndex:
    """Fast repeated ``sentence_at`` lookups over one text's sentences."""

    def __init__(self, spans: Sequence[Sentence]):
        self.spans = list(spans)
        self._starts = [s for s, _ in self.spans]

    def containing(self, start: int, end: int | None = None) -> Sentence:
        """The sentence holding ``start``; if the range crosses sentences, the union of those it touches."""
        end = start if end is None else end
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = max(bisect_right(self._starts, max(end - 1, start)) - 1, 0)
        if not self.spans:
            return (start, end)
        s_start = min(self.spans[first][0], start)
        s_end = max(self.spans[last][1], end)
        return (s_start, s_end)
