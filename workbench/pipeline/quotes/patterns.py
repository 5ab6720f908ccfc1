"""Compiled patterns of quote detection: runs of marks, cheap sentence ends, the places where titles are named."""

from __future__ import annotations

import re

# Runs of quotation-mark characters; one character class, so the regex engine skips plain text at C speed.
MARK_RUN = re.compile("[\"“”„«»‹›‘’'`]+")

# The word after an apostrophe, to tell elision ('til) from an opening mark.
WORD_AFTER = re.compile(r"[A-Za-z]+")

SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")

# Before a quoted title: a preposition ("on “Hannity”", "On “Fox News Sunday,”"), a group ("hacking group
# “LulzSec”"), the listener of "told" ("told “Fox News Sunday”") or a possessive.
TITLE_POSITION = re.compile(
    r"(?:\b(?:[Oo]n|[Ii]n|[Aa]t|[Ff]rom|of|with|by|group|groups|told|tells|telling)|[’']s)[ \t]*$"
)

# After a quoted title: the show, publication or programme it names ("the “Fox News Sunday” host").
TITLE_HEAD = re.compile(
    r"[ \t]*(?:host|hosts|anchor|program|programme|show|interview|appearance|broadcast|segment|moderator|panel|"
    r"episode|podcast|column|editorial|article)\b"
)
