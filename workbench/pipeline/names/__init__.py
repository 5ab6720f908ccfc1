"""Names of people and organisations as news copy writes them, without an NER model.

English news introduces a person once with titles and descriptors ("Iran's Oil Minister Javad Owji") and then
uses the surname, a title plus surname ("President Raisi"), a role ("the minister") or a pronoun. These helpers
strip the descriptors, recognise the short forms and map them back to the fullest form the article uses, so every
layer (quotes, claims) names the same person the same way.

``lexicon`` holds the word tables, ``patterns`` the compiled regexes, ``tokens`` the tokenizer and comparison keys,
``parse`` the reading of one name, ``index`` the names of one article (``NameIndex``).
"""

from __future__ import annotations

from workbench.pipeline.names.index import NameIndex, Person, is_plural_role
from workbench.pipeline.names.lexicon import (
    DESCRIPTION_MODIFIERS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    OFFICE_OBJECTS,
    ORG_OR_PLACE_HEADS,
    PLACE_FIRST_WORDS,
    PLACES,
    PRONOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    WEAK_TITLES,
)
from workbench.pipeline.names.parse import (
    canonical_roles,
    drop_office_object,
    is_org_or_place,
    is_org_or_place_name,
    is_title,
    looks_like_name_word,
    party_tag_roles,
    split_name,
    strip_suffixes,
)
from workbench.pipeline.names.tokens import Token, fold, is_possessive, place_stem, tokenize

__all__ = [
    "is_plural_role",
    "DESCRIPTION_MODIFIERS",
    "NAME_PARTICLES",
    "NOT_NAME_WORDS",
    "OFFICE_OBJECTS",
    "ORG_OR_PLACE_HEADS",
    "PLACE_FIRST_WORDS",
    "PLACES",
    "PRONOUNS",
    "ROLE_NOUNS",
    "TITLE_WORDS",
    "WEAK_TITLES",
    "NameIndex",
    "Person",
    "Token",
    "canonical_roles",
    "drop_office_object",
    "fold",
    "is_org_or_place",
    "is_org_or_place_name",
    "is_possessive",
    "is_title",
    "looks_like_name_word",
    "party_tag_roles",
    "place_stem",
    "split_name",
    "strip_suffixes",
    "tokenize",
]
