"""Reading one name: the personal name at the end of a noun phrase, its descriptors, party tags, organisations."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from workbench.pipeline.names.lexicon import (
    FIRST_NAME_GENDER,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAME_WORDS,
    OFFICE_OBJECTS,
    ORG_OR_PLACE_HEADS,
    PARTIES,
    PLACE_FIRST_WORDS,
    PLACES,
    ROLE_CANONICAL,
    ROLE_HYPERNYMS,
    STATE_ABBREVIATIONS,
    SURNAME_HEADS,
    SURNAME_PLACES,
    SURNAME_TITLES,
    TITLE_PREFIXES,
    TITLE_WORDS,
    WEAK_TITLES,
)
from workbench.pipeline.names.patterns import PARTY_TAG
from workbench.pipeline.names.tokens import Token, fold, is_possessive, place_stem, tokenize


def _strong_title(word: str) -> bool:
    """A title word that names an office, not a party or a place ("Chairman", not "Republican")."""
    return word in TITLE_WORDS and word not in WEAK_TITLES


def is_title(token: Token) -> bool:
    """A title word, hyphenated ones included ("Editor-in-Chief", "Vice-Chair")."""
    low = token.lower
    if "-" in low and not token.text.isupper():
        first, *_, last = low.split("-")
        # "Editor-in-Chief", "Vice-Chair"; "Co-host", "Ex-Senator": a prefix before a title
        return first in TITLE_WORDS or (first in TITLE_PREFIXES and last in TITLE_WORDS)
    return low in TITLE_WORDS


def looks_like_name_word(token: Token) -> bool:
    """Capitalised word or initial that can be part of a personal name."""
    text = token.text
    if not text[:1].isupper() or is_possessive(text):
        return False
    if len(text) == 2 and text.endswith("."):
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not text.isupper() or (len(letters) <= 2 and text.endswith("."))


def split_name(tokens: list[Token]) -> tuple[list[Token], set[str]]:
    """The personal name at the end of a noun phrase and the descriptors before it.

    "Iran's Oil Minister Javad Owji" -> (["Javad", "Owji"], {"iran", "oil", "minister"}). The name is what follows
    the last title word or possessive; an empty name means the phrase is only a description ("the president").
    """
    name, roles = split_name_frozen(tokens)
    return name, set(roles)


_TEXT = itemgetter(2)  # a token's text, read in C


def split_name_frozen(tokens: list[Token]) -> tuple[list[Token], frozenset[str]]:
    """``split_name`` with its roles frozen, remembered by the tokens' words: the same few thousand phrases ("The",
    "President Donald Trump", "the minister") recur across articles, and every name indexed, mention resolved and
    quoted name registered split them anew (7% of extraction)."""
    start, end, roles = _name_slice(tuple(map(_TEXT, tokens)))
    return tokens[start:end], roles


@lru_cache(maxsize=65536)
def _name_slice(words: tuple[str, ...]) -> tuple[int, int, frozenset[str]]:
    """Where ``_read_name`` puts the name among ``words``, and the roles: it reads nothing but the words, and the
    name is always a run of consecutive tokens."""
    name, roles = _read_name([Token(i, i + 1, word) for i, word in enumerate(words)])
    return (name[0].start, name[-1].end, frozenset(roles)) if name else (0, 0, frozenset(roles))


def _read_name(tokens: list[Token]) -> tuple[list[Token], set[str]]:
    cut = 0
    for i, token in enumerate(tokens):
        article = token.lower in ("the", "a", "an") and token.text != "A."  # "Michael A. Peterson": an initial
        if is_title(token) or is_possessive(token.text) or article or not token.is_cap:
            if token.lower in NAME_PARTICLES and 0 < i < len(tokens) - 1 and tokens[i + 1].is_cap:
                continue
            cut = i + 1
    if cut == len(tokens) and _title_surname(tokens):
        cut -= 1  # "plant worker Justin King": a title word at the end after a first name is a surname
        while cut > 0 and tokens[cut - 1].is_cap and not is_title(tokens[cut - 1]):
            cut -= 1
    name = strip_suffixes(tokens[cut:])
    if any(t.lower in ("of", "for") for t in tokens[:cut]):
        name = drop_office_object(name)
    while name and not looks_like_name_word(name[0]):
        name = name[1:]
    # a capitalised title stays whole ("Chairman Fred Upton": place-stemmed it was "chairm", no title at all)
    roles = {
        place_stem(t.text) if t.is_cap and not _strong_title(t.lower) else t.lower for t in tokens[:cut] if t.is_word
    }
    roles.discard("the")
    return name, roles


def drop_office_object(name: list[Token]) -> list[Token]:
    """ "(Director of) National Intelligence James Clapper" -> "James Clapper": the office's object is no name."""
    while len(name) > 2 and (fold(name[0].text) in OFFICE_OBJECTS or fold(name[0].text) in ORG_OR_PLACE_HEADS):
        name = name[1:]
    return name


def _title_surname(tokens: list[Token]) -> bool:
    """ "Justin King": the phrase ends on a surname-like title word right after a capitalised first name."""
    if len(tokens) < 2 or tokens[-1].lower not in SURNAME_TITLES or not tokens[-1].is_cap:
        return False
    first = tokens[-2]
    folded = fold(first.text)
    return (
        first.is_cap
        and not is_title(first)
        and not is_possessive(first.text)
        and looks_like_name_word(first)
        and folded not in PLACE_FIRST_WORDS
        and folded not in NOT_NAME_WORDS
        and place_stem(first.text) == folded
    )


def strip_suffixes(name: list[Token]) -> list[Token]:
    """ "Mike Hookem MEP" -> "Mike Hookem"; "Martin Luther King Jr." -> "Martin Luther King"."""
    while len(name) > 1 and name[-1].text.lower() in NAME_SUFFIXES:
        name = name[:-1]
    return name


def is_org_or_place(name: list[Token]) -> bool:
    """Capitalised sequences such as "Fars News" or "Latin America" are not people."""
    if not name:
        return False
    if len(name) == 2 and fold(name[-1].text) in SURNAME_HEADS and _first_name(fold(name[0].text)):
        return False  # "Kristen Day", "Mary Hall": a first name before a head that is also a surname
    if fold(name[-1].text) in ORG_OR_PLACE_HEADS or fold(name[0].text) in PLACE_FIRST_WORDS:
        return True
    last = fold(name[-1].text)
    if last in PLACES and (len(name) == 1 or last not in SURNAME_PLACES):
        return True
    return all(t.text.isupper() and len(t.text) > 1 for t in name)


def _first_name(word: str) -> bool:
    return word in FIRST_NAME_GENDER and word not in PLACES  # "Virginia House" stays a place


def is_org_or_place_name(name: str) -> bool:
    return is_org_or_place(tokenize(name))


def canonical_roles(roles: set[str]) -> set[str]:
    """Role words in the form descriptions use: abbreviations spelt out, demonyms stemmed."""
    out = {ROLE_CANONICAL.get(r, r) for r in roles}
    return out | {place_stem(r) for r in out}


def role_stems(roles: set[str]) -> set[str]:
    out = canonical_roles(roles)
    return out | {hyper for hyper, offices in ROLE_HYPERNYMS.items() if out & offices}


def party_tag_roles(text: str, end: int) -> set[str]:
    """Roles a party tag right after a name gives: {"republican", "ohio", "lawmaker"} for ", R-Ohio"."""
    match = PARTY_TAG.match(text, end)
    if match is None:
        return set()
    state = match.group(2).rstrip(".")
    state = STATE_ABBREVIATIONS.get(state.replace(".", "").lower(), state)
    if fold(state.split()[-1]) not in PLACES and " " not in state:
        return set()
    return {*PARTIES[match.group(1)], "lawmaker"} | {place_stem(w) for w in state.split()}


_HOME_PLACE = re.compile(r"[ \t]+of[ \t]+((?:(?:New|North|South|West|Rhode)[ \t])?[A-Z][a-z]+)(?=[,.;:)\s]|$)")


def home_place_roles(text: str, end: int) -> set[str]:
    """The place a name is 'of' ("Rep. Bob Goodlatte of Virginia"): support for a later "the Virginia Republican"."""
    match = _HOME_PLACE.match(text, end)
    if match is None or fold(match.group(1).split()[-1]) not in PLACES:
        return set()
    return {place_stem(w) for w in match.group(1).split()}


# ", D-N.Y., the committee's chairman," / ", the company's chief executive.": an office held, written after the name
# (and its party tag) as a closed appositive; the office is the last word, before a comma or the sentence's end.
_APPOSITIVE_OFFICE = re.compile(
    r"(?:[ \t]*(?:,|\()[ \t]*[RDI][-–][A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z.]+)?[ \t]*[,)])?"
    r",?[ \t]+the[ \t]+(?:[a-z]+[’']s[ \t]+)?(?:[a-z-]+[ \t]+)?([a-z]+)(?=[ \t]*[,;)]|\.[ \t\n])"
)


def appositive_office_roles(text: str, end: int) -> set[str]:
    """The office a closed appositive after a name gives ("Rep. Eliot Engel, D-N.Y., the committee's chairman,"
    -> {"chairman"}), so a later "the chairman" finds him; only strong titles, never a party or a place."""
    match = _APPOSITIVE_OFFICE.match(text, end)
    if match is None or not _strong_title(match.group(1)):
        return set()
    return {match.group(1)}


def split_at_punctuation(tokens: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = [[]]
    for token in tokens:
        if token.is_word:
            groups[-1].append(token)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def trim_possessive(name: list[Token]) -> list[Token]:
    if name and is_possessive(name[-1].text):
        last = name[-1]
        return name[:-1] + [Token(last.start, last.end - 2, last.text[:-2])]
    return name


def name_surface(text: str, name: list[Token]) -> str:
    return " ".join(text[name[0].start : name[-1].end].split())
