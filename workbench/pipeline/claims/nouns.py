"""The "noun" rules: what a number is when no unit follows it: a count of the noun after it, a ratio ("four in
10"), a vague amount ("thousands of protesters"), a part of a group ("10 of whom"), or a bare number.

Each rule gets ``(text, start, reading, mention)``. The "position" rules (vague amounts, positions, ratios) run only
where their cue is: a vague reading, "of " before the number, " in " or " out " after it; the "noun" rules only
where a blank follows the number (a noun comes after one); the "group" rules (casualties, parts of a group) only
after more than one and a blank; the "bare" rules last, the last of them always firing, so every reading gets a
kind.
"""

from __future__ import annotations

from workbench.pipeline.claims.mention import Mention, rule
from workbench.pipeline.claims.patterns import (
    CASUALTY,
    COUNTER_BEFORE,
    CURRENCY_AFTER,
    CURRENCY_STARTS,
    DEGREE_WORDS,
    KILLED_BEFORE,
    MEASURE,
    OF,
    OWN,
    OWNER,
    PARTITIVE,
    RATIO,
    SHARE_OF_VOTE,
    behind,
)
from workbench.pipeline.claims.reading import (
    MakeMention,
    currency_of,
    finish_measure,
    is_year_like,
    money_factor,
    noun_after,
    read_quantity,
)
from workbench.pipeline.numbers import NumberReading, read_number


@rule(
    "position",
    examples=[
        "[[Thousands of protesters]] marched.",
        "It cost [[hundreds of millions of dollars]].",
        "[[Dozens of]] were hurt.",
    ],
    counter=["[[Three protesters]] marched."],
)
def vague_amount(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """ "thousands of protesters": one order of magnitude (1,000 to 10,000), and what it is of."""
    return _finish_vague(text, reading.end, mention) if reading.high is not None else None


def _finish_vague(text: str, end: int, mention: MakeMention) -> Mention:
    """ "thousands of protesters", "hundreds of millions of dollars": the amount and what it is of."""
    of = OF.match(text, end)
    if of:
        money = CURRENCY_AFTER.match(text, of.end())
        currency = currency_of(money) if money else None
        if currency:
            return mention("money", money.end(), currency, factor=money_factor(money))
        measure = MEASURE.match(text, of.end())
        if measure and measure.group(1) and measure.start(1) == of.end() + 1:  # "thousands of miles", a word unit
            return finish_measure(text, measure, mention)
        noun = noun_after(text, of.end(), 2)
        if noun is not None:
            return mention("count", noun[1], noun[0])
    else:
        money = CURRENCY_AFTER.match(text, end)
        currency = currency_of(money, True) if money else None
        if currency:
            return mention("money", money.end(), currency, factor=money_factor(money))
        noun = noun_after(text, end, 2)  # "several hundred people"
        if noun is not None:
            return mention("count", noun[1], noun[0])
    return mention("count", end, None)


@rule(
    "position",
    examples=["See Photo 8 of [[12]].", "It earned 3 of [[5]] stars."],
    counter=["[[8 of the]] 12 were sold."],
)
def position_of_total(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """ "Photo 8 of 12", "3 of 5 stars": the second number after "<digits> of" is a position, not an amount."""
    if text.endswith("of ", 0, start) and COUNTER_BEFORE.match(behind(text, start, 16)):
        return Mention(start, reading.end, "skip", None)
    return None


@rule(
    "position",
    examples=["[[Four in 10 Americans]] agree.", "[[One out of five]] fails."],
    counter=["[[Four]] in the morning."],
)
def ratio_in(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """ "four in 10 Americans", "one out of five": a share, as a ratio."""
    end, value = reading.end, reading.value
    ratio = RATIO.match(text, end) if text.startswith((" in ", " out ", "-in-"), end) else None
    whole = read_number(text, ratio.end()) if ratio else None
    if not whole or whole.high or not whole.value > value > 0 or is_year_like(whole):
        return None
    noun = noun_after(text, whole.end, 2)
    return mention("multiple", noun[1] if noun else whole.end, "ratio", value / whole.value)


@rule(
    "noun",
    examples=[
        "[[Three Latin American nations]] signed.",
        "It hired [[300 people]].",
        "[[One person]] died.",
        "[[58 other Chinese apps]] were banned.",
    ],
    counter=["[[300]] in total."],
)
def counted_noun(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """A number counts the plural noun that follows ("three Latin American nations", "one person").

    The head is the last word of the first run of plural words within four words."""
    noun = noun_after(text, reading.end, reading.value)
    return mention("count", noun[1], noun[0], anaphora_check=True) if noun is not None else None


@rule(
    "group",
    examples=["The blast left [[17 dead]].", "Police said [[40 injured]] were treated."],
    counter=["[[One dead]] was found."],
)
def casualty_count(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """ "left 17 dead", "40 injured": a participle that states what happened to people counts people."""
    casualty = CASUALTY.match(text, reading.end) if reading.value > 1 else None
    return mention("count", casualty.end(), "person", anaphora_check=True) if casualty else None


@rule(
    "group",
    examples=[
        "[[Two]] of the most powerful drivers.",
        "[[Fifteen]] of those arrested were freed.",
        "[[10]] of whom were children.",
        "[[280 million]] of the 1.5 billion shekels.",
    ],
    counter=["Week [[3]] of the season."],
)
def partitive_count(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """A part of a group ("two of the drivers", "10 of whom") takes its group's kind and unit.

    It is checkable without a noun of its own; the span stays on the number."""
    if reading.value <= 1 or not text.startswith(" of ", reading.end):
        return None
    part = _partitive(text, reading.end)
    if part is None:
        return None
    found = mention(part[0], reading.end, part[1], anaphora_check=part[0] == "count")
    found.part = True
    return found


def _partitive(text: str, end: int) -> tuple[str, str | None] | None:
    """A part of a group: "two of the most powerful drivers", "eight of the state's 16 facilities", "Fifteen of
    those arrested", "10 of whom", "280 million of the 1.5 billion shekels". The kind and unit the part takes
    from its group (no unit after a pronoun); the span stays on the number, as the noun does not follow it.
    None when the words after "of" name no group of plural things or amounts ("Week 3 of the season")."""
    match = PARTITIVE.match(text, end)
    if not match:
        return None
    pos = match.end()
    if match.group("pronoun"):
        noun = noun_after(text, pos, 2) if match.group("pronoun") in ("those", "these") else None
        return "count", noun[0] if noun else None
    if match.group("determiner"):
        if OWN.match(text, pos):
            noun = noun_after(text, pos - 1, 2)  # "16 of their own (reporters)"
            return "count", noun[0] if noun else None
        owner = OWNER.match(text, pos)
        pos = owner.end() if owner else pos
    degree = DEGREE_WORDS.match(text, pos)
    pos = degree.end() if degree else pos
    if text[pos : pos + 1].isdigit() or text[pos : pos + 1] in CURRENCY_STARTS or read_number(text, pos):
        group = read_quantity(text, pos, None)
        if group is None or group.year_like:
            return None
        if group.kind in ("count", "money") and group.unit is not None:
            return group.kind, group.unit
        noun = noun_after(text, group.end, 2)  # "five of the three-ton satellites"
        return ("count", noun[0]) if noun else None
    noun = noun_after(text, pos - 1, 2)
    return ("count", noun[0]) if noun else None


@rule(
    "bare",
    examples=["Turnout was [[251,000]].", "The city has [[1,200]]."],
    counter=["It was 4.4 per [[100,000]].", "Turnout was [[251]]."],
)
def grouped_number(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """Digits with thousands separators write an amount even without a noun ("turnout was 251,000").

    "4.4 per 100,000" is the base of a rate."""
    if reading.digits is None or "," not in reading.digits or text.endswith("per ", 0, start):
        return None
    found = mention("count", reading.end, None, bare=not reading.scaled, anaphora_check=True)
    found.grouped = True
    return found


@rule(
    "bare",
    examples=["She finished third with [[19.8]] of the vote.", "He won [[52]] of the popular vote."],
    counter=["He won [[52]] of the 100 votes.", "Of the vote, [[19.8]] went to her."],
)
def share_of_the_vote(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """ "19.8 of the vote" is a share in percent with its sign left out, as results are often printed."""
    if not 0 < reading.value <= 100 or reading.scaled or not SHARE_OF_VOTE.match(text, reading.end):
        return None
    return mention("percent", reading.end, "percent")


@rule(
    "bare",
    examples=["The 1933 fire, which killed [[29]], was the deadliest.", "A blast killing [[14]] on Monday."],
    counter=["The storm killed [[29 cattle]].", "He killed [[1]]."],
)
def killed_count(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention | None:
    """ "which killed 29": a verb of killing before a number that names nothing it counts counts people."""
    if reading.value <= 1 or reading.scaled or not KILLED_BEFORE.match(behind(text, start, 12)):
        return None
    return mention("count", reading.end, "person", anaphora_check=True)


@rule(
    "bare",
    examples=["Turnout rose to more than [[251]].", "It cost [[3 million]]."],
    counter=["Turnout was [[251,000]]."],
)
def bare_number(text: str, start: int, reading: NumberReading, mention: MakeMention) -> Mention:
    """A number with nothing after it that says what it is: kept only with a hedge, change or scale."""
    return mention("count", reading.end, None, bare=not reading.scaled, anaphora_check=True)
