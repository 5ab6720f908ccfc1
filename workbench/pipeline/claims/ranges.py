"""Ranges ("5 to 7 percent", "1999-2013") and four-digit numbers that are years."""

from __future__ import annotations

import re

from workbench.pipeline.claims.lexicon import CHANGE_WORD_SET, REFERENCE_YEAR_NOUNS, YEAR_HEDGES, is_plural
from workbench.pipeline.claims.mention import Mention
from workbench.pipeline.claims.patterns import (
    AFTER_BLANK_SEP,
    BETWEEN_END,
    BLANKS,
    DELTA_END,
    FROM_END,
    PREFIX_HYPHEN,
    RANGE_SEP,
    RANGE_SEP_STARTS,
    WORDS,
    YEAR_LEADS,
    behind,
    clause_start_of,
)
from workbench.pipeline.claims.reading import read_quantity


def read_range(text: str, first: Mention, year: int | None) -> Mention | None:
    """``first`` widened to a range with the quantity after "-", "to", "and" (after "between") or "or"."""
    if first.kind not in ("money", "percent", "count", "quantity", "duration") or first.value is None:
        return None
    if first.value_high is not None:
        return None
    follows = text[first.end : first.end + 1]
    if follows not in RANGE_SEP_STARTS or follows in BLANKS and text[first.end + 1 : first.end + 2] not in \
            AFTER_BLANK_SEP:
        return None  # what follows the number cannot start a range: most numbers, decided without the pattern
    separator = RANGE_SEP.match(text, first.end)
    if not separator:
        return None
    word = separator.group().strip(" \t\u00a0").lower()
    if len(word) > 2 and word[0] in "-–—":
        word = word.strip("-–—")  # "40-to-45 percent"
    between = bool(BETWEEN_END.match(behind(text, first.lead, 24)))
    if word == "and" and not between:
        return None
    second_start = separator.end()
    if second_start >= len(text):
        return None
    second = read_quantity(text, second_start, year)
    if second is None or second.kind in ("skip", "date") or second.value is None:
        return None
    if first.year_like and first.bare:
        if second.year_like and second.bare or word in ("-", "–", "—") and second.kind == "count" and second.bare:
            return _year_range(text, first, second, separator, word)
        if second.year_like and second.kind == "count" and _reference_noun_after(text, second):
            # "1999-2013 levels", "from 2010 to 2015 prices": years the figures are taken at, not a count
            return _year_range(text, first, _digits_only(second), separator, word)
    if second.year_like and second.bare and not first.bare:
        return None
    if second.value_high is not None:
        return None
    low_unit, low_kind = first.unit, first.kind
    low = first.value
    if first.bare or (first.kind == second.kind and first.unit is None):
        if word == "or" and second.bare:
            return None
        low_kind, low_unit = second.kind, second.unit
        if first.scale == 1.0 and second.scale > 1.0 and first.value < (second.number or 0):
            low = first.value * second.scale
        low *= second.factor
    elif first.kind == "money" and second.kind == "money" and first.unit == second.unit:
        if first.scale == 1.0 and second.scale > 1.0 and first.value < (second.number or 0):
            low = first.value * second.scale
    elif first.kind == "money" and second.kind == "count" and second.unit is None and second.scale > 1.0 \
            and first.scale == 1.0 and first.value < (second.number or 0):
        # "$600-700 million": the currency written once, the scale once
        low = first.value * second.scale
        second.kind, second.unit = "money", first.unit
    elif second.bare and word not in ("or",):
        if second.value <= low:
            return None
        second.kind, second.unit = first.kind, first.unit
        second.value *= (first.scale if second.scale == 1.0 and first.scale > 1.0 else 1.0) * first.factor
    elif (second.kind, second.unit) != (first.kind, first.unit):
        return None
    if word == "or" and not first.bare and not (first.kind == "money" and first.scale == 1.0 and second.scale > 1.0
                                                and first.value < (second.number or 0)):
        return None  # "$5 or $10" may be alternatives; "$10 or $15 million" shares its scale, a range
    if second.kind != low_kind and not second.bare:
        return None
    if second.value <= low:
        return None
    if word in ("to", "through", "thru", "until", "till") and _is_change_context(text, first):
        # "rose from 5 to 7 percent" states two values of a change, not a range; share the unit and stop.
        if first.bare:
            first.kind, first.unit, first.value, first.bare = low_kind, low_unit, low, False
        return None
    return Mention(
        first.start, second.end, low_kind, low, low_unit, value_high=second.value, scale=second.scale,
        spelled=first.spelled, lead=first.lead, hedge=first.hedge, bare=first.bare and second.bare, before=first.before,
    )



def _is_change_context(text: str, first: Mention) -> bool:
    """Whether a change verb governs the "from" before a quantity, or directly precedes a quantity with its own
    unit ("rose 6 cents to $27.90": the amount of the change, then the level). A bare number right after the verb
    starts a range of the amount: "rose 4 to 5 percent", "gained four to five points"."""
    reversed_before = behind(text, first.lead, 24)
    if FROM_END.match(reversed_before):
        clause_start = clause_start_of(text, first.lead)
        return not CHANGE_WORD_SET.isdisjoint(WORDS.findall(text[clause_start : first.lead].lower()))
    return not first.bare and bool(DELTA_END.match(reversed_before))



def _reference_noun_after(text: str, mention: Mention) -> bool:
    """Whether the noun counted by a four-digit number is one that years qualify ("2013 levels", "2010 dollars")."""
    return text[mention.start + 4 : mention.end].strip().lower() in REFERENCE_YEAR_NOUNS



def _digits_only(mention: Mention) -> Mention:
    """The four digits of a year read with a noun, as a bare year-like number."""
    return Mention(mention.start, mention.start + 4, "count", mention.value, lead=mention.start, year_like=True,
                    bare=True)



def _year_range(text: str, first: Mention, second: Mention, separator: re.Match, word: str) -> Mention | None:
    """"1999-2013", "2019-20", "from 2013 to 2021", "between 2010 and 2015"."""
    high = second.value
    stop = second.end
    raw = text[separator.end() : second.end]
    if word in ("-", "–", "—") and len(raw) == 2 and raw.isdigit():
        high = first.value // 100 * 100 + int(raw)
    elif not (second.year_like and second.bare):
        return None
    if word == "or":
        return None
    if high <= first.value:
        return None
    return Mention(first.start, stop, "year_range", first.value, None, value_high=high, lead=first.lead)



def settle_year(text: str, mention: Mention) -> None:
    """A four-digit number is a year unless it counts a plural noun outside year phrases ("2000 people")."""
    if mention.kind == "count" and mention.unit is None and mention.bare:
        mention.kind, mention.bare, mention.anaphora_check = "year", False, False
        mention.hedge = mention.hedge if mention.hedge in YEAR_HEDGES else None
        if mention.hedge is None:
            mention.lead = mention.start
        return
    if mention.kind == "count" and mention.unit is not None:
        # Edited news writes counts of a thousand or more with a comma, so "2016 Democrats", "the 2018
        # elections", "some 2016 Sanders supporters" and "1994 assault weapons ban" are years, as is a
        # reference year ("below 1990 levels", "in 2010 dollars"); "killed 2000 people" stays a count.
        noun = text[mention.start + 4 : mention.end]
        counts = noun[:1] in " \t" and noun.strip()[:1].islower() and len(noun.split()) == 1 and not (
            "after_name" in mention.extra or
            YEAR_LEADS.match(behind(text, mention.start, 16)) or PREFIX_HYPHEN.match(behind(text, mention.start, 8))
        ) and is_plural(noun.strip()) and noun.strip().lower() not in REFERENCE_YEAR_NOUNS
        if not counts:
            mention.hedge = mention.hedge if mention.hedge in YEAR_HEDGES else None
            mention.lead = mention.start if mention.hedge is None else mention.lead
            mention.kind, mention.unit, mention.end, mention.anaphora_check = "year", None, mention.start + 4, False
