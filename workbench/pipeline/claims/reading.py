"""Reading one quantity at a position: currency, number, scale, then what follows it (unit, currency, noun)."""

from __future__ import annotations

import re

from workbench.pipeline.claims.lexicon import (
    ADJECTIVE_ONLY_CURRENCIES,
    COUNTED_MEASURES,
    CURRENCY_ADJECTIVES,
    CURRENCY_NAMES,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIX_SIGNS,
    ISO_CODES,
    MEASURE_SYMBOLS,
    MEASURE_WORDS,
    MONTHS,
    NOT_COUNTED,
    RATE_PERIODS,
    SHARED_NAMES,
    SUBUNITS,
    SUFFIX_STARTERS,
    TIME_UNITS,
    TOMAN_IN_RIALS,
    UNIT_SCALES,
    is_plural,
    singular_of,
)
from workbench.pipeline.claims.mention import Mention
from workbench.pipeline.claims.patterns import (
    AND_CENTS,
    CASUALTY,
    COMPARATIVE,
    COMPOUND_NOUN,
    COUNTER_BEFORE,
    CURRENCY_AFTER,
    CURRENCY_AT,
    CURRENCY_STARTS,
    DAY_FIRST,
    DECADE,
    DEGREE_WORDS,
    FIRST_SUFFIX,
    FOLD,
    ISO_DATE,
    LETTER_SCALE,
    MEASURE,
    MONTH_FIRST,
    NEXT_TOKEN,
    NO_SUFFIX_AFTER,
    NOUN_TOKEN,
    OF,
    ORDINAL,
    OWN,
    OWNER,
    PARTITIVE,
    PLUS_OR_BEFORE,
    RATE,
    RATIO,
    SIMPLE_FRACTION,
    SLASHED,
    SUBUNIT,
    SUFFIX_RANK,
    TIME_UNIT,
    TIMES,
    behind,
)
from workbench.pipeline.numbers import LETTER_SCALES, NumberReading, read_digit_scale, read_number


def read_quantity(text: str, start: int, year: int | None) -> Mention | None:
    """One quantity at ``start`` (currency, number, scale, unit or noun), without ranges or context rules."""
    prefix = CURRENCY_AT.match(text, start) if not text[start].isdigit() else None
    currency = None
    pos = start
    negative = False
    if prefix:
        code = prefix.group()
        currency = CURRENCY_PREFIXES.get(code) or (code if code in ISO_CODES else None)
        pos = prefix.end()
        while pos < len(text) and text[pos] in " \t\u00a0":
            pos += 1
    elif text.startswith(("-", "−"), start):
        negative = True
        pos += 1
    elif text.startswith(("minus", "Minus"), start) and start + 6 < len(text) and text[start + 5] in " -":
        pos += 6
        if PLUS_OR_BEFORE.match(behind(text, start, 12)):
            start = pos  # "plus or minus 3 points", a margin of error: the size, as "±3 points" reads
        else:
            negative = True
    if pos >= len(text):
        return None
    reading = read_number(text, pos)
    if reading is None:
        return None
    if negative:
        reading.value = -reading.value
    if reading.digits is not None:
        fraction = _slashed_fraction(text, start, reading, year)
        if fraction is not None:
            return fraction
        odd = _reject_digit_form(text, start, reading, year)
        if odd is not None:
            return odd
    if currency:
        return _finish_money(text, start, reading, currency, currency_before=True)
    return classify(text, start, reading, year)



def _reject_digit_form(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """Digit strings that are not amounts: ordinals, codes, slashed forms, ISO dates. None when fine."""
    end = reading.end
    if end >= len(text):
        return None
    char = text[end]
    slashed = SLASHED.match(text, end) if char in "/⁄" and not reading.scaled else None
    if slashed:
        numeric_date = _slashed_date(text[start:slashed.end()])
        if numeric_date is not None:
            return Mention(start, slashed.end(), "date", numeric_date, "date", lead=start)
        return Mention(start, slashed.end(), "skip", None)
    if char == "-" and reading.digits and len(reading.digits) == 4:
        iso = ISO_DATE.match(text, end)
        if iso:
            month, day = int(iso.group(1)), int(iso.group(2))
            if 1 <= month <= 12 and 1 <= day <= 31:
                value = int(reading.digits) * 10000 + month * 100 + day
                return Mention(start, iso.end(), "date", value, "date", lead=start)
    if char.isalpha() and not reading.scaled:
        ordinal = ORDINAL.match(text, end)
        if ordinal and not (reading.digits.isdigit() and 1 <= reading.value <= 31 and DAY_FIRST.match(text, end)):
            return Mention(start, ordinal.end(), "skip", None)  # "the 18th century"; "18th August" is a date
    if len(reading.digits) > 9 and "," not in reading.digits and "." not in reading.digits:
        return Mention(start, end, "skip", None)  # account, ISBN and tracking numbers
    return None



def _slashed_fraction(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """"1/2 pound", "1/16 of a pint": a fraction is an amount only with a unit or "of" after it ("9/11" is not)."""
    match = SIMPLE_FRACTION.match(text, reading.end) if text[reading.end : reading.end + 1] in ("/", "⁄") else None
    if not match or not reading.digits.isdigit():
        return None
    numerator, denominator = int(reading.digits), int(match.group(1))
    if not 0 < numerator < denominator <= 1000:
        return None
    value = numerator / denominator
    if OF.match(text, match.end()):
        return Mention(start, match.end(), "multiple", value, "ratio", lead=start)
    found = classify(text, start, NumberReading(value, match.end()), year)
    if found is None or found.kind not in ("quantity", "duration", "money", "percent"):
        return Mention(start, match.end(), "skip", None)
    return found



def _slashed_date(token: str) -> float | None:
    parts = token.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    first, second, year = (int(p) for p in parts)
    if len(parts[2]) == 2:
        year += 2000 if year < 50 else 1900
    month, day = (first, second) if first <= 12 else (second, first)
    if 1 <= month <= 12 and 1 <= day <= 31 and len(parts[2]) in (2, 4):
        return year * 10000 + month * 100 + day
    return None



def _finish_money(
    text: str, start: int, reading: NumberReading, currency: str, *, currency_before: bool
) -> Mention:
    """Money once the currency is known: letter scales ("$3m"), and a repeated name ("$5 billion dollars")."""
    end = reading.end
    scale = 1.0
    if not reading.scaled and not reading.spelled:
        letter = LETTER_SCALE.match(text, end)
        if letter:
            scale = LETTER_SCALES[letter.group(1)]
            end = letter.end()
        else:
            word_scale = read_digit_scale(text, end)
            if word_scale:
                scale, end = word_scale
    elif reading.scaled:
        scale = _scale_of(reading)
    if currency_before:
        repeated = CURRENCY_AFTER.match(text, end)
        if repeated and not repeated.group(4) and _currency_of(repeated) == currency:
            end = repeated.end()
    value = reading.value * (scale if not reading.scaled else 1.0)
    return Mention(start, end, "money", value, currency, scale=scale, number=value / scale if scale else value,
                    spelled=reading.spelled, lead=start, value_high=high_of(reading, scale))



def _scale_of(reading: NumberReading) -> float:
    """The scale a reading carries, for sharing with a range partner: 1e9 for "3 billion"."""
    if not reading.scaled or reading.value == 0:
        return 1.0
    for scale in (1e12, 1e9, 1e6, 1e3):
        if abs(reading.value) >= scale:
            return scale
    return 1.0



def high_of(reading: NumberReading, scale: float = 1.0) -> float | None:
    return None if reading.high is None else reading.high * (1.0 if reading.scaled else scale)



def _currency_of(match: re.Match, scaled: bool = False) -> str | None:
    """ISO code (or name) of a currency written after the amount.

    Bare "pounds" is weight ("200 pounds", "2 million pounds of beef") except after a scale word: "361 million
    pounds" in business copy is sterling.
    """
    adjective, name, code, sign = match.group(1), match.group(2), match.group(3), match.group(4)
    if code:
        return code
    if sign:
        return CURRENCY_SUFFIX_SIGNS[sign]
    name = name.lower()
    if name in ("bolívares", "bolivares"):
        name = "bolivar"
    singular = name if name in CURRENCY_NAMES else name[:-1] if name.endswith("s") else name
    if name == "kroner":
        singular = "kroner"
    if adjective:
        key = " ".join(adjective.lower().replace("\u00a0", " ").split())
        if key in CURRENCY_ADJECTIVES and singular not in ("sterling", "pound sterling", "pounds sterling"):
            return CURRENCY_ADJECTIVES[key]
        if singular in SHARED_NAMES:
            return singular  # "Liberian dollars": a currency, but not one we can name
    if singular in ADJECTIVE_ONLY_CURRENCIES:
        sterling = adjective or scaled and not OF.match(match.string, match.end())
        return ADJECTIVE_ONLY_CURRENCIES[singular] if sterling else None
    return CURRENCY_NAMES.get(singular)



def classify(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """What kind of quantity a number is, from the words that directly follow it."""
    end = reading.end
    value = reading.value
    scale = _scale_of(reading) if reading.scaled else 1.0
    spelled = reading.spelled

    def mention(kind: str, stop: int, unit: str | None, val: float | None = None, factor: float = 1.0, *,
                high: float | None = None, bare: bool = False, anaphora_check: bool = False) -> Mention:
        """A mention from ``start`` to ``stop``; ``factor`` converts both ends ("two decades", "tomans"), and
        ``high`` replaces the reading's own upper end."""
        amount = (value if val is None else val) * factor
        if high is None:
            high = reading.high
        # positional, in Mention's field order (the most frequent construction; keywords cost a third more):
        # start, end, kind, value, unit, value_high, scale, number, factor, spelled, year_like, bare,
        # anaphora_check, lead
        return Mention(start, stop, kind, amount, unit, None if high is None else high * factor, scale,
                        amount / scale / factor, factor, spelled, kind == "count" and _is_year_like(reading), bare,
                        anaphora_check, start)

    if _may_have_suffix(text, end):
        found = classify_suffix(text, start, reading, year, mention)
        if found is not None:
            return found
    return _classify_noun(text, start, reading, mention)



def _may_have_suffix(text: str, end: int) -> bool:
    """Whether a unit, currency, percent sign or date word may follow; most numbers are followed by a plain
    word ("300 people"), and this one check spares them a dozen pattern matches."""
    follows = text[end : end + 1]
    if not follows or follows in NO_SUFFIX_AFTER:
        return False
    if not follows.isspace():
        return True
    token = NEXT_TOKEN.match(text, end)
    return token is None or token.group(1).lower().rstrip(".") in SUFFIX_STARTERS



def classify_suffix(text: str, start: int, reading: NumberReading, year: int | None, mention) -> Mention | None:
    """The quantity when a unit, currency, percent, time unit, multiple or month follows the number."""
    end = reading.end
    value = reading.value
    spelled = reading.spelled
    first = FIRST_SUFFIX.match(text, end)
    rank = SUFFIX_RANK[first.lastgroup] if first else len(SUFFIX_RANK)  # readers before it cannot apply
    if rank == 0:
        return mention("percent", first.end(), percent_unit(first.group()))

    # Letter scales: "25k"; "3m people" is three million, "100m" alone is a hundred metres.
    if rank <= 1 and reading.digits is not None and not reading.scaled:
        letter = LETTER_SCALE.match(text, end)
        if letter and letter.group(1) in "kKmM":
            is_million = letter.group(1) in "mM"
            if not is_million or currency_follows(text, letter.end()) or OF.match(text, letter.end()) or \
                    counted_noun(text, letter.end(), 2) is not None:
                reading = NumberReading(value * LETTER_SCALES[letter.group(1)], letter.end(), scaled=True,
                                        digits=reading.digits)
                return classify(text, start, reading, year)

    money = CURRENCY_AFTER.match(text, end) if rank <= 2 else None
    if money:
        currency = _currency_of(money, reading.scaled)
        if currency:
            cents = _cents_after(text, money.end()) if money.group(2) and not reading.scaled else None
            if cents:
                return mention("money", cents[1], currency, value + cents[0])
            return mention("money", money.end(), currency, factor=_money_factor(money))
    if rank <= 3 and not reading.scaled:
        subunit = SUBUNIT.match(text, end)
        if subunit and (subunit.group(1) or not spelled):
            currency, factor = SUBUNITS[(subunit.group(1) or subunit.group(2)).lower()]
            return mention("money", subunit.end(), currency, factor=factor)

    duration = TIME_UNIT.match(text, end) if rank <= 4 else None
    if duration:
        unit_word = duration.group(1).lower()
        unit_word = unit_word[:-1] if unit_word.endswith("s") and unit_word[:-1] in TIME_UNITS else unit_word
        unit_word = "century" if unit_word == "centuries" else unit_word
        unit, factor = TIME_UNITS[unit_word]
        return mention("duration", duration.end(), unit, factor=factor)

    measure = MEASURE.match(text, end) if rank <= 5 else None
    if measure and not (measure.group(2) == "m" and reading.spelled):
        return _finish_measure(text, measure, mention)

    fold = FOLD.match(text, end) if rank <= 6 else None
    if fold:
        return mention("multiple", fold.end(), "times")
    times = TIMES.match(text, end) if rank <= 7 else None
    if times:
        if COMPARATIVE.match(text, times.end()):
            return mention("multiple", times.end(), "times")
        return mention("count", times.end(), "time")

    if rank <= 8 and reading.digits is not None and not reading.scaled:
        day_first = DAY_FIRST.match(text, end)
        if day_first and reading.digits.isdigit() and 1 <= value <= 31:
            stated = day_first.group(2)
            month = MONTHS[day_first.group(1).rstrip(".")]
            year_value = int(stated) if stated else (year or 0)
            found = mention("date", day_first.end(), "date", year_value * 10000 + month * 100 + int(value))
            if not stated and year:
                found.extra["year_from_published"] = True
            return found

    compound = COMPOUND_NOUN.match(text, end) if rank <= 9 and value != 1 else None
    if compound:
        return mention("count", compound.end(), singular_of(compound.group(1)))

    if reading.digits is not None and end < len(text) and text[end].isalpha():
        decade = DECADE.match(text, end)
        if decade and len(reading.digits) == 4 and reading.digits.endswith("0"):
            return mention("year_range", decade.end(), None, value, high=value + 9)
        return Mention(start, end, "skip", None)  # "5G", "3D", "737MAX": codes and names
    return None



def percent_unit(word: str) -> str:
    """What a percent sign or word measures in: "percent", "percentage point" or "basis point"."""
    word = word.lower()
    if "point" in word and "percent" in word:
        return "percentage point"
    return "basis point" if "basis" in word or word.strip().startswith("bp") else "percent"



def _classify_noun(text: str, start: int, reading: NumberReading, mention) -> Mention:
    """A count of the noun that follows, a ratio ("four in 10"), a vague amount, or a bare number."""
    end = reading.end
    value = reading.value
    if reading.high is not None:
        return _finish_vague(text, end, mention)
    if text.endswith("of ", 0, start) and COUNTER_BEFORE.match(behind(text, start, 16)):
        return Mention(start, end, "skip", None)  # "Photo 8 of 12", "3 of 5 stars": positions, not amounts
    ratio = RATIO.match(text, end) if text.startswith((" in ", " out ", "-in-"), end) else None
    whole = read_number(text, ratio.end()) if ratio else None
    if whole and not whole.high and whole.value > value > 0 and not _is_year_like(whole):
        noun = counted_noun(text, whole.end, 2)
        return mention("multiple", noun[1] if noun else whole.end, "ratio", value / whole.value)
    noun = counted_noun(text, end, value)
    if noun is not None:
        return mention("count", noun[1], noun[0], anaphora_check=True)
    casualty = CASUALTY.match(text, end) if value > 1 else None
    if casualty:
        return mention("count", casualty.end(), "person", anaphora_check=True)
    if value > 1 and text.startswith(" of ", end):
        part = _partitive(text, end)
        if part is not None:
            found = mention(part[0], end, part[1], anaphora_check=part[0] == "count")
            found.extra["part"] = True  # a counted part of a group, checkable without a noun of its own
            return found
    bare = mention("count", end, None, bare=not reading.scaled, anaphora_check=True)
    if reading.digits is not None and "," in reading.digits and not text.endswith("per ", 0, start):
        bare.extra["grouped"] = True  # ("4.4 per 100,000" is the base of a rate, not an amount)
    return bare



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
        noun = counted_noun(text, pos, 2) if match.group("pronoun") in ("those", "these") else None
        return "count", noun[0] if noun else None
    if match.group("determiner"):
        if OWN.match(text, pos):
            noun = counted_noun(text, pos - 1, 2)  # "16 of their own (reporters)"
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
        noun = counted_noun(text, group.end, 2)  # "five of the three-ton satellites"
        return ("count", noun[0]) if noun else None
    noun = counted_noun(text, pos - 1, 2)
    return ("count", noun[0]) if noun else None



def _cents_after(text: str, pos: int) -> tuple[float, int] | None:
    """"... dollars (and) 50 cents": the cents as a fraction of the main unit, and where they end."""
    gap = AND_CENTS.match(text, pos)
    reading = read_number(text, gap.end()) if gap else None
    if reading is None or reading.high is not None or not 0 < reading.value < 100:
        return None
    subunit = SUBUNIT.match(text, reading.end)
    if not subunit or not subunit.group(1):
        return None
    return reading.value / 100, subunit.end()



def _money_factor(match: re.Match) -> float:
    """Tomans are ten rials; every other currency name is taken as written."""
    name = match.group(2)
    return TOMAN_IN_RIALS if name and name.lower().startswith("toman") else 1.0



def _finish_vague(text: str, end: int, mention) -> Mention:
    """"thousands of protesters", "hundreds of millions of dollars": the amount and what it is of."""
    of = OF.match(text, end)
    if of:
        money = CURRENCY_AFTER.match(text, of.end())
        currency = _currency_of(money) if money else None
        if currency:
            return mention("money", money.end(), currency, factor=_money_factor(money))
        measure = MEASURE.match(text, of.end())
        if measure and measure.group(1) and measure.start(1) == of.end() + 1:  # "thousands of miles", a word unit
            return _finish_measure(text, measure, mention)
        noun = counted_noun(text, of.end(), 2)
        if noun is not None:
            return mention("count", noun[1], noun[0])
    else:
        money = CURRENCY_AFTER.match(text, end)
        currency = _currency_of(money, True) if money else None
        if currency:
            return mention("money", money.end(), currency, factor=_money_factor(money))
        noun = counted_noun(text, end, 2)  # "several hundred people"
        if noun is not None:
            return mention("count", noun[1], noun[0])
    return mention("count", end, None)



def _finish_measure(text: str, measure: re.Match, mention) -> Mention:
    """A measured quantity, with a rate period if one follows ("barrels per day", "km/h")."""
    word, symbol = measure.group(1), measure.group(2)
    if word:
        key = " ".join(word.lower().split())
        if key not in MEASURE_WORDS:
            key = key[:-1] if key[:-1] in MEASURE_WORDS else key[:-2] if key[:-2] in MEASURE_WORDS else key
        unit = MEASURE_WORDS.get(key, key)
        scale_key = key
    else:
        unit = MEASURE_SYMBOLS[symbol] if symbol in MEASURE_SYMBOLS else MEASURE_SYMBOLS[" ".join(symbol.split())]
        scale_key = symbol
    stop = measure.end()
    factor = 1.0
    if scale_key in UNIT_SCALES:
        factor, unit = UNIT_SCALES[scale_key]
    rate = RATE.match(text, stop) if "/" not in unit else None
    if rate:
        unit = f"{unit}/{RATE_PERIODS[rate.group(1).lower()]}"
        stop = rate.end()
    kind = "count" if unit in COUNTED_MEASURES else "quantity"
    return mention(kind, stop, unit, factor=factor)



def currency_follows(text: str, pos: int) -> bool:
    found = CURRENCY_AFTER.match(text, pos)
    return bool(found and _currency_of(found))



def _is_year_like(reading: NumberReading) -> bool:
    return bool(reading.digits and len(reading.digits) == 4 and reading.digits.isdigit()
                and 1000 <= reading.value <= 2100)



def counted_noun(text: str, pos: int, value: float) -> tuple[str, int] | None:
    """The noun a number counts and where it ends: "three Latin American nations" gives ("nation", end).

    The head is the last word of the first run of plural words within four words; capitalized modifiers and
    adjectives may come before it. For one thing, the first lowercase content word is the head.
    """
    cursor = pos
    head: tuple[str, int] | None = None
    for _ in range(4):
        token = NOUN_TOKEN.match(text, cursor)
        if not token:
            break
        word = token.group(1).rstrip("-")
        lower = word.lower()
        if lower == "other" and cursor == pos:
            cursor = token.end()  # "58 other Chinese apps"
            continue
        if lower in NOT_COUNTED or lower.endswith(("'s", "’s")):
            break
        if word[:1].isupper() and word in MONTHS:
            break
        if value == 1:
            if word[:1].islower():
                return singular_of(lower), token.start(1) + len(word)
        elif is_plural(lower):
            head = (singular_of(lower), token.start(1) + len(word))
        elif head is not None:
            break
        cursor = token.end()
    return head



def read_month_date(text: str, start: int, year: int | None) -> Mention | None:
    match = MONTH_FIRST.match(text, start)
    if not match:
        return None
    month = MONTHS[match.group(1).rstrip(".")]
    day, last_day, stated_year, year_only = match.group(2), match.group(3), match.group(4), match.group(5)
    if year_only:
        value = int(year_only) * 10000 + month * 100
    else:
        if not 1 <= int(day) <= 31:
            return None
        value = int(stated_year or year or 0) * 10000 + month * 100 + int(day)
    if last_day and int(day) < int(last_day) <= 31:  # "November 16-19, 2015"
        found = Mention(start, match.end(), "date", value, "date", lead=start,
                         value_high=value - int(day) + int(last_day))
    elif last_day:
        found = Mention(start, match.start(3) - 1, "date", value, "date", lead=start)
    else:
        found = Mention(start, match.end(), "date", value, "date", lead=start)
    if not year_only and not stated_year and year:
        found.extra["year_from_published"] = True
    return found
