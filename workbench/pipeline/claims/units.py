"""The "unit" rules: what a unit, currency, percent sign, multiple or month right after a number makes of it.

Each rule gets ``(text, start, reading, year, mention, first, rank)``: ``first`` is the one match of every suffix
pattern at the number's end (``FIRST_SUFFIX``) and ``rank`` the position of the reader it found in
``SUFFIX_READERS``, so a rule whose reader ranks after it returns at once: a number followed by a unit word does
not fail half a dozen patterns first. The "code" rules after them read letters glued to digits ("1990s", "5G").
"""

from __future__ import annotations

import re

from workbench.pipeline.claims.lexicon import MONTHS, SUBUNITS, TIME_UNITS, singular_of
from workbench.pipeline.claims.mention import RULES, Mention, rule
from workbench.pipeline.claims.patterns import (
    AND_CENTS,
    COMPARATIVE,
    COMPOUND_NOUN,
    CURRENCY_AFTER,
    DAY_FIRST,
    DECADE,
    FOLD,
    LETTER_SCALE,
    MEASURE,
    OF,
    SUBUNIT,
    SUFFIX_RANK,
    TIME_UNIT,
    TIMES,
)
from workbench.pipeline.claims.reading import (
    UNIT_RULE_AT,
    MakeMention,
    classify,
    currency_follows,
    currency_of,
    finish_measure,
    money_factor,
    noun_after,
    percent_unit,
)
from workbench.pipeline.numbers import LETTER_SCALES, NumberReading, read_number

Suffix = re.Match | None  # FIRST_SUFFIX's match at the number's end


@rule(
    "unit",
    examples=[
        "Prices rose [[45 percent]].",
        "Rates rose [[0.25 percentage points]].",
        "Inflation hit [[9.1%]] in June.",
        "It fell [[40 basis points]].",
    ],
    counter=["Prices rose [[45 points]]."],
)
def percent_after(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """A percent sign or word ("%", "percent", "per cent", "percentage points", "basis points") after the number."""
    return mention("percent", first.end(), percent_unit(first.group())) if rank == 0 else None


@rule("unit", examples=["It drew [[25k]] visitors.", "A [[3m people]] rally."], counter=["He ran the [[100m]] final."])
def letter_scale(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """A letter scale glued to digits multiplies them ("25k"); "3m" is a million only before what it counts.

    "m" is a million before a currency, "of" or a counted noun ("3m people"); "100m" alone is a hundred metres."""
    if rank > 1 or reading.digits is None or reading.scaled:
        return None
    letter = LETTER_SCALE.match(text, reading.end)
    if not letter or letter.group(1) not in "kKmM":
        return None
    stop = letter.end()
    if letter.group(1) in "mM" and not (
        currency_follows(text, stop) or OF.match(text, stop) or noun_after(text, stop, 2) is not None
    ):
        return None
    scaled = NumberReading(reading.value * LETTER_SCALES[letter.group(1)], stop, scaled=True, digits=reading.digits)
    return classify(text, start, scaled, year)


@rule(
    "unit",
    examples=[
        "A loaf costs [[300,000 tomans]].",
        "Sales came to [[3 billion dollars]].",
        "They paid [[40 million Canadian dollars]].",
        "Investors lost [[3bn USD]].",
        "It cost [[3 dollars 50 cents]].",
    ],
    counter=["He weighs [[200 pounds]]."],
)
def currency_after(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """A currency name, code or sign after the number makes it money ("3 billion dollars", "3bn USD").

    An adjective picks the country ("Canadian dollars"), tomans become rials, and "dollars and 50 cents" join."""
    money = CURRENCY_AFTER.match(text, reading.end) if rank <= 2 else None
    if not money:
        return None
    currency = currency_of(money, reading.scaled)
    if not currency:
        return None
    cents = _cents_after(text, money.end()) if money.group(2) and not reading.scaled else None
    if cents:
        return mention("money", cents[1], currency, reading.value + cents[0])
    return mention("money", money.end(), currency, factor=money_factor(money))


def _cents_after(text: str, pos: int) -> tuple[float, int] | None:
    """ "... dollars (and) 50 cents": the cents as a fraction of the main unit, and where they end."""
    gap = AND_CENTS.match(text, pos)
    reading = read_number(text, gap.end()) if gap else None
    if reading is None or reading.high is not None or not 0 < reading.value < 100:
        return None
    subunit = SUBUNIT.match(text, reading.end)
    if not subunit or not subunit.group(1):
        return None
    return reading.value / 100, subunit.end()


@rule(
    "unit",
    examples=["A stamp costs [[50 cents]] more.", "Milk is [[80p]] a pint."],
    counter=["It is [[five p]] cheaper."],
)
def subunit_money(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """Cents and pence are money in their main unit ("50 cents" is 0.5 USD); a spelled number before "p" is not."""
    if rank > 3 or reading.scaled:
        return None
    subunit = SUBUNIT.match(text, reading.end)
    if not subunit or not (subunit.group(1) or not reading.spelled):
        return None
    currency, factor = SUBUNITS[(subunit.group(1) or subunit.group(2)).lower()]
    return mention("money", subunit.end(), currency, factor=factor)


@rule(
    "unit",
    examples=[
        "A [[20-year]] cooperation plan.",
        "It took [[two decades]].",
        "A [[45-year-old]] man.",
        "It lasted [[three weeks]].",
    ],
    counter=["He sold [[20 cars]]."],
)
def time_unit_after(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """A unit of time after the number makes a duration ("20-year", "three weeks", "45-year-old").

    Decades and centuries are counted in years."""
    duration = TIME_UNIT.match(text, reading.end) if rank <= 4 else None
    if not duration:
        return None
    unit_word = duration.group(1).lower()
    unit_word = unit_word[:-1] if unit_word.endswith("s") and unit_word[:-1] in TIME_UNITS else unit_word
    unit_word = "century" if unit_word == "centuries" else unit_word
    unit, factor = TIME_UNITS[unit_word]
    return mention("duration", duration.end(), unit, factor=factor)


@rule(
    "unit",
    examples=[
        "The road is [[12 km]] long.",
        "Output hit [[1.2 million barrels per day]].",
        "A [[500 MW]] plant.",
        "Exports of [[10 bcm]] of gas.",
    ],
    counter=["[[Three m]] was all."],
)
def measure_after(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """A measure unit after the number makes a quantity ("12 km", "500 MW"; barrels are counted)."""
    measure = MEASURE.match(text, reading.end) if rank <= 5 else None
    if not measure or measure.group(2) == "m" and reading.spelled:
        return None
    return finish_measure(text, measure, mention)


@rule("unit", examples=["Output rose [[5-fold]] since 2010."], counter=["Output rose [[5 percent]]."])
def fold_after(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """ "5-fold", "10 fold": a multiple."""
    fold = FOLD.match(text, reading.end) if rank <= 6 else None
    return mention("multiple", fold.end(), "times") if fold else None


@rule(
    "unit",
    examples=["It is [[five times]] as large.", "Prices are [[three times]] higher."],
    counter=["They met [[five times]] last year."],
)
def times_comparative(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """ "five times as large", "three times higher": a multiple."""
    times = TIMES.match(text, reading.end) if rank <= 7 else None
    return mention("multiple", times.end(), "times") if times and COMPARATIVE.match(text, times.end()) else None


@rule("unit", examples=["They met [[five times]] last year."], counter=["It is [[five times]] as large."])
def times_count(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """ "met five times": a count of occasions."""
    times = TIMES.match(text, reading.end) if rank <= 7 else None
    return mention("count", times.end(), "time") if times else None


@rule(
    "unit",
    examples=["They met on [[13 June 2023]].", "On [[the 4th of July]] it opened."],
    counter=["They met in [[June]]."],
)
def day_month_date(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """A day before a month name is a date ("13 June 2023", "4th of July").

    A day without a year takes the publication's year."""
    if rank > 8 or reading.digits is None or reading.scaled:
        return None
    day_first = DAY_FIRST.match(text, reading.end)
    value = reading.value
    if not day_first or not reading.digits.isdigit() or not 1 <= value <= 31:
        return None
    stated = day_first.group(2)
    month = MONTHS[day_first.group(1).rstrip(".")]
    year_value = int(stated) if stated else (year or 0)
    found = mention("date", day_first.end(), "date", year_value * 10000 + month * 100 + int(value))
    if not stated and year:
        found.year_from_published = True
    return found


@rule(
    "unit", examples=["A [[63-seat]] majority.", "A [[12 page]] document leaked."], counter=["A [[one-seat]] majority."]
)
def compound_noun(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """A counted noun that English writes in the singular as a modifier ("a 63-seat majority") is what it counts."""
    compound = COMPOUND_NOUN.match(text, reading.end) if rank <= 9 and reading.value != 1 else None
    return mention("count", compound.end(), singular_of(compound.group(1))) if compound else None


@rule("code", examples=["Music of the [[1990s]] returned."], counter=["He bought [[5G]] phones."])
def decade(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """ "the 1990s" is the year range 1990-1999."""
    end = reading.end
    if (
        reading.digits is None
        or not text[end : end + 1].isalpha()
        or len(reading.digits) != 4
        or not reading.digits.endswith("0")
    ):
        return None
    found = DECADE.match(text, end)
    return mention("year_range", found.end(), None, reading.value, high=reading.value + 9) if found else None


@rule(
    "code",
    examples=["He bought [[5G]] phones.", "A [[3D]] printer.", "The [[737MAX]] was grounded."],
    counter=["Music of the [[1990s]] returned."],
)
def code_with_letters(
    text: str, start: int, reading: NumberReading, year: int | None, mention: MakeMention, first: Suffix, rank: int
) -> Mention | None:
    """Digits with letters glued after them ("5G", "3D", "737MAX") are codes and names."""
    end = reading.end
    if reading.digits is not None and text[end : end + 1].isalpha():
        return Mention(start, end, "skip", None)
    return None


# The rank of the suffix reader each rule answers to (SUFFIX_READERS' order): a number followed by a time unit
# starts at "time_unit_after", as the rules before it look for a percent, a letter scale or a currency.
_RANKS = {
    "percent_after": "percent",
    "letter_scale": "letter",
    "currency_after": "money",
    "subunit_money": "subunit",
    "time_unit_after": "duration",
    "measure_after": "measure",
    "fold_after": "fold",
    "times_comparative": "times",
    "times_count": "times",
    "day_month_date": "day",
    "compound_noun": "compound",
}
_UNIT_RULES = [rule.name for rule in RULES.in_stage("unit")]
if list(_RANKS) != _UNIT_RULES:
    raise RuntimeError(f"the unit rules must be registered in SUFFIX_READERS' order, not {_UNIT_RULES}")
UNIT_RULE_AT.update(
    {
        rank: _UNIT_RULES.index(next(name for name in _UNIT_RULES if SUFFIX_RANK[_RANKS[name]] >= rank))
        for rank in range(len(SUFFIX_RANK))
    }
)
