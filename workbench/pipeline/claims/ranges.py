"""Two numbers joined by a dash or "to": splits of a poll or vote ("51-44 percent"), ranges ("5 to 7 percent",
"1999-2013"), and four-digit numbers that are years."""

from __future__ import annotations

import re

from workbench.pipeline.claims.lexicon import CHANGE_WORD_SET, RATIO_NOUNS, REFERENCE_YEAR_NOUNS, YEAR_HEDGES, is_plural
from workbench.pipeline.claims.mention import RULES, Mention, rule
from workbench.pipeline.claims.patterns import (
    AFTER_BLANK_SEP,
    BETWEEN_END,
    BLANKS,
    DASH_JOIN,
    DELTA_END,
    FROM_END,
    LOOK_BACK,
    PREFIX_HYPHEN,
    RANGE_SEP,
    RANGE_SEP_STARTS,
    TALLY,
    TALLY_BEFORE,
    TALLY_CLAUSE_REACH,
    VOTE_IN_CLAUSE,
    WORDS,
    YEAR_LEADS,
    behind,
    clause_start_of,
)
from workbench.pipeline.claims.reading import read_quantity
from workbench.pipeline.numbers import read_number

NOT_A_RANGE = object()  # what a range rule returns when it decides that two numbers are no range


def read_split(text: str, first: Mention, year: int | None) -> list[Mention] | None:
    """Two results written with a dash, the second smaller (a poll, a vote, a margin); None when this is none."""
    if first.kind not in ("percent", "count") or first.value is None or first.value_high is not None or first.year_like:
        return None
    return RULES.first("split", first.trace, text, first, year)


@rule(
    "split",
    examples=[
        "The Senate passed it in a [[7]]-2 vote.",
        "It passed by a vote of [[53]]-44 on Tuesday.",
        "The board voted 8-[[1]] vote to approve it.",
        "Article one was adopted by [[230]] to 197.",
        "The vote on Article I came down [[230]]-197-1 (present).",
        "The House voted 230-197 on the first charge and [[229]]-198 on the second.",
    ],
    counter=[
        "The poll gave him [[51]]-44 percent.",
        "It was a [[17]]-21 vote.",
        "Prices went from [[230]] to 197.",
        "They won the game [[3]]-1 on Sunday.",
    ],
)
def vote_tally(text: str, first: Mention, year: int | None) -> list[Mention] | None:
    """Both sides of a vote's tally, winners first, are counts of votes ("a 7-2 vote", "adopted by 230 to 197").

    A third figure (those voting present, "230-197-1") stays outside. A tie and a lone dissent ("an 8-1 vote") are
    included, which a poll's split would not take. Without "vote" after it the tally needs a vote before it: a cue
    right before ("passed by") or a vote named earlier in the sentence ("The House voted 230-197 ... and 229-198
    ..."); a score ("won 3-1") has neither."""
    if not first.bare or not text[first.start : first.end].isdigit():
        return None
    tally = TALLY.match(text, first.end)
    if tally is None or not (
        tally.group(3) or TALLY_BEFORE.match(behind(text, first.lead, 16)) or _vote_earlier(text, first.lead)
    ):
        return None
    against = int(tally.group(2))
    if against > first.value:
        return None  # "a 17-21 vote" is no winners-first tally; a range or a score, left to other rules
    first.kind, first.unit, first.bare, first.anaphora_check = "count", "vote", False, False
    end = tally.end() if tally.group(3) else tally.end(2)
    second = Mention(
        tally.start(2),
        end,
        "count",
        float(against),
        "vote",
        number=float(against),
        lead=tally.start(2),
        before=behind(text, tally.start(2), LOOK_BACK),
        trace=["vote_tally"],
    )
    first.tally = second.tally = True  # "an 8-1 vote": a count of one, still a claim
    return [first, second]


def _vote_earlier(text: str, lead: int) -> bool:
    """A vote named earlier in the sentence ("The votes for impeachment were 230-197-1")."""
    window = text[max(0, lead - TALLY_CLAUSE_REACH) : lead]
    return bool(VOTE_IN_CLAUSE.search(window[window.rfind(". ") + 1 :]))


def _split_partner(text: str, first: Mention, year: int | None) -> Mention | None:
    """The second result of a split: a percent or a count with a unit, smaller than the first."""
    separator = DASH_JOIN.match(text, first.end)
    second = read_quantity(text, separator.end(), year) if separator and separator.end() < len(text) else None
    if (
        second is None
        or second.kind not in ("percent", "count")
        or second.unit is None
        or second.value is None
        or second.value_high is not None
        or not 0 <= second.value < first.value
    ):
        return None
    return second


@rule(
    "split",
    examples=["He won by a [[3]]-to-1 margin.", "They hold a [[2]]-1 advantage."],
    counter=["They won the game [[3]]-1 on Sunday."],
)
def ratio_margin(text: str, first: Mention, year: int | None) -> list[Mention] | None:
    """ "a 3-to-1 margin": a bare number, a dash and one of a margin or ratio noun is one multiple, not a split."""
    second = _split_partner(text, first, year)
    if (
        second is None
        or second.kind != "count"
        or second.value != 1
        or second.unit not in RATIO_NOUNS
        or not first.bare
    ):
        return None
    first.kind, first.unit, first.bare, first.anaphora_check = "multiple", "times", False, False
    first.end = read_number(text, second.start).end
    return [first]


@rule(
    "split",
    examples=[
        "The poll gave him [[51]]-44 percent.",
        "Support stood at [[50%]]-40%.",
        "A [[51]]-44 percent majority backed it.",
    ],
    counter=["Prices rose [[5-7 percent]] this year."],
)
def poll_split(text: str, first: Mention, year: int | None) -> list[Mention] | None:
    """Two results joined by a dash, the second smaller, are a split ("51-44 percent"), not a range.

    A bare first takes the unit the second carries. Scores ("won 2-1") stay unread."""
    second = _split_partner(text, first, year)
    if second is None or second.kind == "count" and second.value == 1:
        return None
    if first.bare:
        first.kind, first.unit, first.bare, first.anaphora_check = second.kind, second.unit, False, False
    elif (first.kind, first.unit) != (second.kind, second.unit):
        return None
    second.before = behind(text, second.start, LOOK_BACK)
    second.trace.append("poll_split")
    return [first, second]


def read_range(text: str, first: Mention, year: int | None) -> Mention | None:
    """``first`` widened to a range with the quantity after "-", "to", "and" (after "between") or "or"."""
    if first.kind not in ("money", "percent", "count", "quantity", "duration") or first.value is None:
        return None
    if first.value_high is not None:
        return None
    follows = text[first.end : first.end + 1]
    if (
        follows not in RANGE_SEP_STARTS
        or follows in BLANKS
        and text[first.end + 1 : first.end + 2] not in AFTER_BLANK_SEP
    ):
        return None  # what follows the number cannot start a range: most numbers, decided without the pattern
    separator = RANGE_SEP.match(text, first.end)
    if not separator:
        return None
    word = separator.group().strip(" \t\u00a0").lower()
    if len(word) > 2 and word[0] in "-–—":
        word = word.strip("-–—").strip(" \t\u00a0")  # "40-to-45 percent", "seven- to nine-year"
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
        years = RULES.first("year_range", first.trace, text, first, second, separator, word)
        if years is not None:
            return None if years is NOT_A_RANGE else years
    parts = _range_parts(first, second, word)
    if parts is None:
        return None
    found = RULES.first("range", first.trace, text, first, second, word, parts)
    return None if found is NOT_A_RANGE else found


def _years(text: str, first: Mention, second: Mention, separator: re.Match, word: str) -> Mention | object | None:
    """Two years as a range, NOT_A_RANGE when they are years but no range ("2019 or 2020"), None when the second
    is no year."""
    if second.year_like and second.bare or word in ("-", "–", "—") and second.kind == "count" and second.bare:
        return _year_range(text, first, second, separator, word) or NOT_A_RANGE
    if second.year_like and second.kind == "count" and _reference_noun_after(text, second):
        # "1999-2013 levels", "from 2010 to 2015 prices": years the figures are taken at, not a count
        return _year_range(text, first, _digits_only(second), separator, word) or NOT_A_RANGE
    return None


@rule(
    "year_range",
    examples=[
        "Exports grew in [[1999-2013]].",
        "The [[2019-20]] season.",
        "Between [[2010 and 2015]] it rose.",
        "Prices at [[1999-2013]] levels.",
    ],
    counter=["Elections in [[2019]] or 2020."],
)
def year_range(text: str, first: Mention, second: Mention, separator: re.Match, word: str) -> Mention | None:
    """Two years joined by a dash, "to" or "and" (after "between") are a year range; "2019-20" ends in 2020."""
    found = _years(text, first, second, separator, word)
    return found if isinstance(found, Mention) else None


@rule("year_range", examples=["Elections in [[2019]] or 2020."], counter=["Exports grew in [[1999-2013]]."])
def not_a_year_range(text: str, first: Mention, second: Mention, separator: re.Match, word: str) -> object | None:
    """Two years joined by "or", or a later year first, are two years, not a range."""
    return NOT_A_RANGE if _years(text, first, second, separator, word) is NOT_A_RANGE else None


def _range_parts(first: Mention, second: Mention, word: str) -> tuple[str, str | None, float] | None:
    """The kind, unit and low value a range of ``first`` and ``second`` would have, with the unit and scale the
    two share ("5 to 7 percent", "$600-700 million"); None when they cannot form one (different units, "$5 or
    $10" as alternatives, a second smaller than the first). May give ``second`` the unit written only once."""
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
    elif (
        first.kind == "money"
        and second.kind == "count"
        and second.unit is None
        and second.scale > 1.0
        and first.scale == 1.0
        and first.value < (second.number or 0)
    ):
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
    if (
        word == "or"
        and not first.bare
        and not (
            first.kind == "money" and first.scale == 1.0 and second.scale > 1.0 and first.value < (second.number or 0)
        )
    ):
        return None  # "$5 or $10" may be alternatives; "$10 or $15 million" shares its scale, a range
    if second.kind != low_kind and not second.bare:
        return None
    if second.value <= low:
        return None
    return low_kind, low_unit, low


@rule(
    "range",
    examples=["Trade rose from [[5]] to 7 percent.", "Sales grew from [[$5 billion]] to $7 billion."],
    counter=["Prices of [[5 to 7 percent]] are normal."],
)
def change_not_range(
    text: str, first: Mention, second: Mention, word: str, parts: tuple[str, str | None, float]
) -> object | None:
    """ "rose from 5 to 7 percent" states the two ends of a change, not a range: a bare first takes the unit."""
    if word not in ("to", "through", "thru", "until", "till") or not _is_change_context(text, first):
        return None
    if first.bare:
        first.kind, first.unit, first.value, first.bare = parts[0], parts[1], parts[2], False
    return NOT_A_RANGE


@rule(
    "range",
    examples=[
        "Prices of [[5 to 7 percent]] are normal.",
        "It costs [[$600-700 million]].",
        "Between [[25 and 64]] years old.",
        "Some [[10 or 15 million]] dollars.",
        "They urged a [[seven- to nine-year]] sentence.",
        "A [[two- or three-day]] visit.",
    ],
    counter=["Trade rose from [[5]] to 7 percent."],
)
def value_range(text: str, first: Mention, second: Mention, word: str, parts: tuple[str, str | None, float]) -> Mention:
    """Two amounts joined by a dash, "to", "or" or "between ... and" are one range ("5 to 7 percent").

    The unit and scale written once are shared by both ends ("$600-700 million")."""
    low_kind, low_unit, low = parts
    return Mention(
        first.start,
        second.end,
        low_kind,
        low,
        low_unit,
        value_high=second.value,
        scale=second.scale,
        spelled=first.spelled,
        lead=first.lead,
        hedge=first.hedge,
        bare=first.bare and second.bare,
        before=first.before,
        trace=first.trace,
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
    return Mention(
        mention.start, mention.start + 4, "count", mention.value, lead=mention.start, year_like=True, bare=True
    )


def _year_range(text: str, first: Mention, second: Mention, separator: re.Match, word: str) -> Mention | None:
    """ "1999-2013", "2019-20", "from 2013 to 2021", "between 2010 and 2015"."""
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
    return Mention(
        first.start, stop, "year_range", first.value, None, value_high=high, lead=first.lead, trace=first.trace
    )


def settle_year(text: str, mention: Mention) -> None:
    """A four-digit number is a year unless it counts a plural noun outside year phrases ("2000 people")."""
    RULES.first("year", mention.trace, text, mention)


def _as_year(mention: Mention) -> None:
    """A year keeps only the hedge "about" ("more than 2018" bounds nothing) and spans the four digits."""
    mention.hedge = mention.hedge if mention.hedge in YEAR_HEDGES else None
    mention.lead = mention.start if mention.hedge is None else mention.lead
    mention.kind, mention.anaphora_check = "year", False


@rule(
    "year",
    examples=["Elections were held in [[2018]].", "About [[2015]], prices fell."],
    counter=["Police counted [[2,018]] people."],
)
def bare_year(text: str, mention: Mention) -> bool:
    """Four digits between 1000 and 2100 with no unit or noun are a year."""
    if mention.kind == "count" and mention.unit is None and mention.bare:
        _as_year(mention)
        mention.bare = False
        return True
    return False


@rule(
    "year",
    examples=[
        "The [[2018]] elections were close.",
        "Some [[2016]] Sanders supporters left.",
        "Emissions fell below [[1990]] levels.",
        "The Apple [[2018]] sales report.",
    ],
    counter=["The storm killed [[2000 people]]."],
)
def year_before_noun(text: str, mention: Mention) -> bool:
    """A four-digit number before a noun is a year ("the 2018 elections"), unless it counts people or things.

    Edited news writes counts of a thousand or more with a comma, so "2016 Democrats" and "1990 levels" are years;
    "killed 2000 people" stays a count."""
    if mention.kind != "count" or mention.unit is None:
        return False
    noun = text[mention.start + 4 : mention.end]
    counts = (
        noun[:1] in " \t"
        and noun.strip()[:1].islower()
        and len(noun.split()) == 1
        and not (
            mention.after_name
            or YEAR_LEADS.match(behind(text, mention.start, 16))
            or PREFIX_HYPHEN.match(behind(text, mention.start, 8))
        )
        and is_plural(noun.strip())
        and noun.strip().lower() not in REFERENCE_YEAR_NOUNS
    )
    if counts:
        return False
    _as_year(mention)
    mention.unit, mention.end = None, mention.start + 4
    return True
