"""Sentence spans with offsets, from sentencex (a maintained, fast, rule-based segmenter)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from sentencex import get_sentence_boundaries

Sentence = tuple[int, int]

# sentencex slows down more than linearly on a very long line (seen: 6 MB in 4 s, 30 MB in minutes), so long texts
# are segmented in blocks that end at a line break or, failing that, after sentence punctuation and a space.
BLOCK_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s+")


def blocks(text: str, size: int = BLOCK_CHARS, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` ranges covering ``text[start:end]``, each at most ``size`` long, cut at a line
    break in their second half, else after sentence punctuation and a space, else at a space, else anywhere."""
    found = []
    length = len(text) if end is None else end
    while length - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit)
        if cut >= 0:
            cut += 1
        else:
            last = None
            for last in _SENTENCE_END.finditer(text, start + size // 2, limit):  # noqa: B007 - the last one
                pass
            cut = last.end() if last else (text.rfind(" ", start, limit) + 1 or limit)
            if cut <= start:
                cut = limit
        found.append((start, cut))
        start = cut
    found.append((start, length))
    return found


def cap_sentences(text: str, spans: Sequence[Sentence], limit: int) -> list[Sentence]:
    """``spans`` with every sentence longer than ``limit`` cut into pieces of at most ``limit`` (trimmed), the
    way ``blocks`` cuts: what a run-on "sentence" of 200,000 numbers costs downstream is then bounded."""
    capped: list[Sentence] = []
    for start, end in spans:
        if end - start <= limit:
            capped.append((start, end))
            continue
        for piece_start, piece_end in blocks(text, limit, start, end):
            _add_sentence(text, piece_start, piece_end, capped)
    return capped


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Half-open ``(start, end)`` spans of the sentences in ``text``, trimmed of surrounding whitespace.

    Paragraph breaks always end a sentence. Offsets are ``str`` indices, so ``text[start:end]`` is the sentence.
    """
    spans: list[Sentence] = []
    for block_start, block_end in blocks(text):
        block = text if (block_start, block_end) == (0, len(text)) else text[block_start:block_end]
        # Most articles have no glued sentences at all: one search of the block spares a search per sentence. A
        # sentence's match is also the block's (the same characters, no less context), so none here means none there.
        unglue = _GLUED.search(text, block_start, block_end) is not None
        for boundary in _boundaries(block, language or "en"):
            start, end = block_start + boundary["start_index"], block_start + boundary["end_index"]
            _add_sentence(text, start, end, spans, unglue)
    return spans


# Non-ASCII spaces become ASCII ones (one character for one, so offsets hold): sentencex 1.0 panics when a period
# sits next to a multi-byte space ("end byte index 33 is not a char boundary; it is inside '\u{a0}'").
# A character class, not ``str.translate``: translate looks every character up in a dict (a quarter of a millisecond
# per article, 3% of extraction); a regex that finds none of them costs a sixteenth of that.
_NON_ASCII_SPACE = re.compile("[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _boundaries(block: str, language: str) -> list[dict[str, int]]:
    """sentencex's boundaries for ``block``, never its panic: a segmenter bug must not lose an article."""
    try:
        return get_sentence_boundaries(language, _NON_ASCII_SPACE.sub(" ", block))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - pyo3's PanicException derives from BaseException
        # Same length, ASCII only: the byte/char confusion behind the panic cannot happen.
        ascii_block = "".join(c if c < "\x80" else "x" for c in block)
        try:
            return get_sentence_boundaries(language, ascii_block)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # noqa: BLE001
            return [{"start_index": 0, "end_index": len(block)}]


def _add_sentence(text: str, start: int, end: int, spans: list[Sentence], unglue: bool = True) -> None:
    """Append ``text[start:end]`` trimmed, split at line breaks; cut where sentences were glued when ``unglue``.

    sentencex keeps a line break inside a sentence when no punctuation ends the line (headlines, datelines), but a
    line break is a sentence boundary in news copy. ``str.strip`` trims what ``str.isspace`` calls whitespace.
    """
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        piece_end = end if newline < 0 else newline
        kept = text[position:piece_end].lstrip()
        if kept:
            piece_start = piece_end - len(kept)
            piece_end = piece_start + len(kept.rstrip())
            if unglue:
                _add_unglued(text, piece_start, piece_end, spans)
            else:
                spans.append((piece_start, piece_end))
        if newline < 0:
            break
        position = newline + 1


# Copy that lost its space between sentences ('…," he wrote.Gates said …', 'record.”CNN is'): a word of two or more
# lowercase letters, sentence punctuation (and a curly closing quotation mark: a straight one may open the next
# sentence), then a capitalised word. sentencex often sees one sentence there, so "he said" after it went to a name
# of the sentence before. The cut is the match's end; the pattern opens on the punctuation, not on a look-behind, so
# the regex engine skips to candidate characters instead of trying every position (a tenth of the time per article).
_GLUED = re.compile(r"[.!?](?:(?<=[a-z]{2}[.!?])|(?<=[a-z][.!?])\u201d)(?=[A-Z][A-Za-z])")
_WEB_CHUNK = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|io|tv|co|us|uk)\b", re.IGNORECASE)


def _add_unglued(text: str, start: int, end: int, spans: list[Sentence]) -> None:
    """Append ``text[start:end]`` cut where two sentences were glued together without a space, never inside a web
    address or e-mail ("Politico.Com", "www.Breitbart.com")."""
    for glued in _GLUED.finditer(text, start, end):
        cut = glued.end()
        chunk_start = max(text.rfind(" ", start, cut), text.rfind("\n", start, cut)) + 1 or start
        chunk_end = min((i for i in (text.find(" ", cut, end), text.find("\n", cut, end)) if i >= 0), default=end)
        if _WEB_CHUNK.search(text, max(chunk_start, start), chunk_end):
            continue
        spans.append((start, cut))
        start = cut
    spans.append((start, end))


class SentenceIndex:
    """Which sentence holds an offset, by binary search over one text's sentence starts."""

    def __init__(self, spans: Sequence[Sentence]):
        self.spans = list(spans)
        self._starts = [s for s, _ in self.spans]

    def containing(self, start: int, end: int | None = None) -> Sentence:
        """The sentence holding ``start``; if the range crosses sentences, the union of those it touches."""
        if end is None:
            end = start
        spans = self.spans
        if not spans:
            return (start, end)
        first = bisect_right(self._starts, start) - 1
        if first < 0:
            first = 0
        if end - 1 > start:  # the range may reach into later sentences
            last = bisect_right(self._starts, end - 1) - 1
            s_end = spans[last if last > 0 else 0][1]
        else:
            s_end = spans[first][1]
        s_start = spans[first][0]
        return (s_start if s_start < start else start, s_end if s_end > end else end)
