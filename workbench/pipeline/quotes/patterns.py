"""Compiled patterns of quote detection: runs of marks, cheap sentence ends, the places where titles are named."""

from __future__ import annotations

import re

# Runs of quotation-mark characters; one character class, so the regex engine skips plain text at C speed.
MARK_RUN = re.compile("[\"“”„«»‹›‘’'`]+")

# The word after an apostrophe, to tell elision ('til) from an opening mark.
WORD_AFTER = re.compile(r"[A-Za-z]+")

SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")

# Before a quoted title: a preposition ("on “Hannity”"), a group ("hacking group “LulzSec”") or a possessive.
TITLE_POSITION = re.compile(r"(?:\b(?:on|in|at|from|of|with|by|group|groups)|[’']s)[ \t]*$")
