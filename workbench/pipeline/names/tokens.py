"""Word tokens with offsets, and the keys names are compared by (case, accents, possessives and demonyms folded)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from workbench.pipeline.names.lexicon import ABBREVIATIONS
from workbench.pipeline.names.patterns import SPACED_TOKEN


class Token(NamedTuple):
    """A word or punctuation mark with its offsets; a tuple because attribution makes millions of them."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().rstrip(".")

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


# A NamedTuple's own constructor is a Python function; the tuple one is not, and tokens are made by the million
# (here and by the name index's run reader): new_tuple(Token, (start, end, text)).
new_tuple = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens with text offsets; a final dot stays only on abbreviations and initials.

    One loop over ``findall``'s strings, offsets counted from their lengths: name indexing and attribution
    tokenize every name, the words before it and each cue's stretch (a sixth of extraction), and most stretches
    hold no dot at all.
    """
    end = len(text) if end is None else end
    tokens: list[Token] = []
    append = tokens.append
    position = start
    if text.find(".", start, end) < 0:
        for blanks, word in SPACED_TOKEN.findall(text, start, end):
            position += len(blanks)
            after = position + len(word)
            append(new_tuple(Token, (position, after, word)))
            position = after
        return tokens
    for blanks, word in SPACED_TOKEN.findall(text, start, end):
        position += len(blanks)
        after = position + len(word)
        if len(word) > 1 and word[-1] == ".":
            core = word[:-1]
            if not (core.lower() in ABBREVIATIONS or (len(core) == 1 and core.isupper()) or "." in core):
                append(new_tuple(Token, (position, after - 1, core)))
                append(new_tuple(Token, (after - 1, after, ".")))
                position = after
                continue
        append(new_tuple(Token, (position, after, word)))
        position = after
    return tokens


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-insensitive key, possessive dropped: "Nicolás" and "Nicolas’s" compare equal.

    Cached: attribution folds the same few thousand words of an article over and over (a third of its time).
    Not ``normalize.fold``: that one also makes ’ and ' one character, which changes which name forms the
    speaker resolver joins (5 speakers of 36,532 quotes on a 3,000-article slice, one of them wrong).
    """
    word = re.sub(r"[’']s$", "", word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().rstrip(".")


@lru_cache(maxsize=65536)
def place_stem(word: str) -> str:
    """Crude stem that lets a demonym meet its country: "Iranian"/"Iran’s" -> "iran", "Venezuelan" -> "venezuel"."""
    word = fold(word)
    for suffix in ("ian", "ese", "ish", "an", "i", "a"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def is_possessive(word: str) -> bool:
    return len(word) > 2 and word[-2:] in ("’s", "'s")
