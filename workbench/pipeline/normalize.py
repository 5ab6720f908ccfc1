"""Text normalization shared by quote and claim clustering.

Outlets reprint the same words with different quotation marks, dashes, apostrophes, accents, case, editorial
brackets and ellipses; clustering compares words, so all of that is erased here, in one place, the same way for
every caller.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_DOUBLE_QUOTES = '"“”„‟«»‹›〝〞〟＂'
_APOSTROPHES = "‘’‛`´′ʼʹ"
_DASHES = "‐‑‒–—―−﹘﹣－"
_FOLDED = {**dict.fromkeys(_DOUBLE_QUOTES, " "), **dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_DASHES, "-")}
# str.translate with a mapping looks every character up in a dict (about 0.25 us each: most of fold's time on an
# article); a character class finds the few marks to replace in C and leaves the rest alone.
_FOLDED_MARK = re.compile("[" + re.escape("".join(_FOLDED)) + "]")
# An editorial insertion "[from the United States]", "(Obama)" or an elision "..." / "…" / ". . .": the words
# around it were not contiguous in what the speaker said, so they become separate pieces.
_GAP = re.compile(r"\[[^\]]*\]?|\([^()]*\)|\.(?:\s*\.){2,}|…")
# Combining marks (accents once NFKD has split them off): "Simón" and "Simon" are one name in news copy.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# A word: letters/digits, with inner apostrophes ("it's", "iran's"); hyphens, slashes and dots split words.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# The same pattern for text without an underscore, where it finds the same words a third faster.
_PLAIN_WORD = re.compile(r"\w+(?:'\w+)*")

# Function words carry no identity: a phrase made only of them ("it is not that") is no evidence of a shared
# quote, and they are left out of claim contexts.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it it's its itself just let me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
    such than that that's the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told according one there's we're they're i'm we've i've don't
    isn't wasn't aren't can't won't didn't doesn't
    """.split()
)

# Titles and honorifics do not tell two speakers apart ("President Raisi" is "Ebrahim Raisi").
_TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir president vice prime minister foreign secretary senator sen rep representative
    gov governor mayor general gen chancellor king queen prince ayatollah sheikh leader chief spokesman
    spokeswoman spokesperson former the of
    """.split()
)


def fold(text: str) -> str:
    """Case, compatibility forms, accents, quote marks, dashes and apostrophes erased; everything else kept."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", _COMBINING.sub("", unicodedata.normalize("NFKD", text)))
    return _FOLDED_MARK.sub(_folded_mark, text).casefold()


def _folded_mark(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def words(text: str) -> list[str]:
    """The words of already-folded text, punctuation dropped."""
    return (_WORD if "_" in text else _PLAIN_WORD).findall(text)


class NormalizedQuote(NamedTuple):
    """A quote as words: ``text`` joins all words with single spaces; ``pieces`` are the runs between gaps."""

    text: str
    pieces: tuple[str, ...]

    @property
    def n_words(self) -> int:
        return self.text.count(" ") + 1 if self.text else 0


# Contractions read as the words they stand for: one outlet prints "It's not a smart theory", another "It is not a
# smart theory" (an 's after a pronoun is read as "is"; "it's been" then differs from "it has been" by one word).
_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"\b(it|that|he|she|there|what|who|here|where)'s\b"), r"\1 is"),
)


def expand_contractions(folded: str) -> str:
    """Folded text with its contractions written out (see ``_CONTRACTIONS``)."""
    if "'" not in folded:
        return folded
    for pattern, full in _CONTRACTIONS:
        folded = pattern.sub(full, folded)
    return folded


def normalize_quote(text: str) -> NormalizedQuote:
    """Quote text reduced to comparable words, remembering where brackets and ellipses cut it; contractions are
    written out, so a printing that spells them out is the same wording."""
    folded = expand_contractions(fold(text))
    pieces = tuple(" ".join(ws) for ws in (words(part) for part in _GAP.split(folded)) if ws)
    return NormalizedQuote(" ".join(pieces), pieces)


def content_words(tokens: list[str] | tuple[str, ...]) -> list[str]:
    """Tokens that are not function words."""
    return [t for t in tokens if t not in STOPWORDS]


def speaker_key(name: str | None) -> frozenset[str] | None:
    """A speaker as a set of name words without titles, or None when nobody is named."""
    if not name:
        return None
    key = frozenset(w for w in words(fold(name)) if w not in _TITLES)
    return key or None


def speakers_agree(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """Two named speakers agree when one name is part of the other ("Raisi" / "Ebrahim Raisi")."""
    return a is not None and b is not None and (a <= b or b <= a)
