"""Word tokens with offsets, and the keys names are compared by (case, accents, possessives and demonyms folded)."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from workbench.pipeline.names.lexicon import ABBREVIATIONS
from workbench.pipeline.names.patterns import TOKEN

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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens with text offsets; a final dot stays only on abbreviations and initials."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    for match in TOKEN.finditer(text, start, end):
        word = match.group()
        s, e = match.span()
        if len(word) > 1 and word.endswith("."):
            core = word[:-1]
            keep = core.lower() in ABBREVIATIONS or (len(core) == 1 and core.isupper()) or "." in core
            if not keep:
                tokens.append(Token(s, e - 1, core))
                tokens.append(Token(e - 1, e, "."))
                continue
        tokens.append(Token(s, e, word))
    return tokens


def fold(word: str) -> str:
    """Case- and accent-insensitive key, possessive dropped: "Nicolás" and "Nicolas’s" compare equal."""
    word = re.sub(r"[’']s$", "", word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().rstrip(".")


def place_stem(word: str) -> str:
    """Crude stem that lets a demonym meet its country: "Iranian"/"Iran’s" -> "iran", "Venezuelan" -> "venezuel"."""
    word = fold(word)
    for suffix in ("ian", "ese", "ish", "an", "i", "a"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def is_possessive(word: str) -> bool:
    return len(word) > 2 and word[-2:] in ("’s", "'s")
