"""Compiled patterns of attribution: cue words, role descriptions, transcript labels, party tags."""

from __future__ import annotations

import re

from workbench.pipeline.names import ROLE_NOUNS, TITLE_WORDS
from workbench.pipeline.numbers import trie_pattern
from workbench.pipeline.speakers.lexicon import CUE_WORDS, PERSON_ROLES

PARTY_TAG_TOKEN = re.compile(r"[RDI][-–][A-Z]")


CUE_WORD_SEARCH = re.compile(r"\b(?:" + trie_pattern(CUE_WORDS) + r")\b")


# "Trump lawyer Jay Sekulow", "Bush speechwriter David Frum": roles whose holder is named after a name modifying them.
_MODIFIED_ROLES = frozenset(
    "spokesman spokeswoman spokesperson lawyer attorney aide adviser advisor speechwriter strategist pollster "
    "appointee ally confidant biographer donor supporter backer loyalist surrogate critic fan".split()
)
MODIFIER_OF_NAME = re.compile(
    r"[ \t]+(?:" + "|".join(sorted(TITLE_WORDS & ROLE_NOUNS | _MODIFIED_ROLES, key=len, reverse=True)) + r")[ \t]+[A-Z]"
)


TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z’'.\-]+(?: [A-Z][A-Z’'.\-]+){0,2}):\s")


# "the Iranian president", "the minister": a role that stands for a person named elsewhere in the article.
# "[Tt](?<!\w[Tt])he" is "\b[Tt]he": a pattern that opens on a letter lets the regex engine skip to the next "t",
# where one that opens on "\b" is tried at every position of the article.
ROLE_DESCRIPTION = re.compile(
    r"[Tt](?<!\w[Tt])he\s+((?:[\w’'-]+\s+){0,2}?)(" + "|".join(reversed(PERSON_ROLES)) + r")\b(?![ \t]+[A-Z])"
)
