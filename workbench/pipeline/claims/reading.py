"""Reading one quantity at a position: a currency sign, the number, its scale, then what follows it.

``read_quantity`` and ``classify`` are the drivers; the decisions are the rules of the "prefix", "month",
"digits" (``reading``), "unit" (``units``) and "noun" (``nouns``) stages. The helpers here are shared by them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
    SUFFIX_STARTERS,
    TOMAN_IN_RIALS,
    UNIT_SCALES,
    is_plural,
    singular_of,
)
from workbench.pipeline.claims.mention import RULES, Mention, read_by, rule
from workbench.pipeline.claims.patterns import (
    BLANKS,
    CASUALTY,
    CURRENCY_AFTER,
    CURRENCY_AT,
    DAY_FIRST,
    FIRST_SUFFIX,
    ISO_DATE,
    LETTER_SCALE,
    MONTH_FIRST,
    NEXT_TOKEN,
    NO_SUFFIX_AFTER,
    NOUN_TOKEN,
    OF,
    ORDINAL,
    PLUS_OR_BEFORE,
    RATE,
    SIMPLE_FRACTION,
    SLASHED,
    SUFFIX_RANK,
    behind,
)
from workbench.pipeline.numbers import LETTER_SCALES, NumberReading, read_digit_scale, read_number

MakeMention = Callable[..., Mention]
"""``classify``'s factory of mentions from ``start`` to a stop, with the reading's value, scale and flags."""

UNIT_RULE_AT: dict[int, int] = {}
"""For each rank of a suffix reader, the position of the first "unit" rule that may fire (filled by ``units``)."""


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
    digits = reading.digits
    if digits is not None:
        end = reading.end
        # the "digits" rules need after the digits a slash (the slashed rules), a dash after four digits (an ISO
        # date), a letter (an ordinal), or more than nine digits (the last rule): start at the first that may fire
        follows = text[end : end + 1]
        first_rule = (
            _DIGITS_AT["slashed_fraction"]
            if follows in ("/", "⁄")
            else _DIGITS_AT["iso_date"]
            if follows == "-" and len(digits) == 4
            else _DIGITS_AT["ordinal"]
            if follows.isalpha() and not reading.scaled
            else _DIGITS_AT["long_digit_string"]
            if len(digits) > 9 and follows
            else None
        )
        if first_rule is not None:
            found = RULES.read_from("digits", first_rule, text, start, reading, year)
            if found is not None:
                return found
    if currency:
        return read_by("prefix", text, start, reading, currency)
    return classify(text, start, reading, year)


@rule(
    "prefix",
    examples=[
        "The deal is worth [[$3 billion]].",
        "They paid [[£3m]] for him.",
        "The ministry spent [[USD 4 million]] on it.",
        "Sales hit [[$5 billion dollars]].",
    ],
    counter=["The deal is worth [[3 billion dollars]]."],
)
def currency_before(text: str, start: int, reading: NumberReading, currency: str) -> Mention:
    """A currency sign or code before the number makes it money ("$3 billion", "£3m", "USD 4 million").

    A letter or word scale and a repeated currency name ("$5 billion dollars") stay inside the span."""
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
        scale = scale_of(reading)
    repeated = CURRENCY_AFTER.match(text, end)
    if repeated and not repeated.group(4) and currency_of(repeated) == currency:
        end = repeated.end()
    value = reading.value * (scale if not reading.scaled else 1.0)
    return Mention(
        start,
        end,
        "money",
        value,
        currency,
        scale=scale,
        number=value / scale if scale else value,
        spelled=reading.spelled,
        lead=start,
        value_high=high_of(reading, scale),
    )


@rule(
    "digits",
    examples=["Add [[1/2 pound]] of flour.", "Add [[1/16 of]] a pint.", "After [[9/11]] everything changed."],
    counter=["It rose [[5 percent]]."],
)
def slashed_fraction(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """A slashed fraction is an amount only with a unit or "of" after it ("1/2 pound"; "9/11" is dropped)."""
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


def _slashed(text: str, start: int, reading: NumberReading) -> tuple[re.Match, float | None] | None:
    """A slashed form after the digits ("6/13/2023", "24/7") and the date it writes, if any."""
    if text[reading.end : reading.end + 1] not in ("/", "⁄") or reading.scaled:
        return None
    slashed = SLASHED.match(text, reading.end)
    return (slashed, _slashed_date(text[start : slashed.end()])) if slashed else None


@rule(
    "digits",
    examples=["On [[6/13/2023]] they met.", "Filed [[13/06/23]] in court."],
    counter=["Open [[24/7]] all year."],
)
def slashed_date(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """Three slashed numbers that make a valid date are a date ("6/13/2023", month first when it can be)."""
    slashed = _slashed(text, start, reading)
    if slashed is None or slashed[1] is None:
        return None
    return Mention(start, slashed[0].end(), "date", slashed[1], "date", lead=start)


@rule(
    "digits",
    examples=["Open [[24/7]] all year.", "Version [[1/2/3/4]] is out."],
    counter=["On [[6/13/2023]] they met."],
)
def slashed_code(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """Other slashed numbers ("24/7", "1/2/3") are codes, scores or dates no reader could place: dropped."""
    slashed = _slashed(text, start, reading)
    return Mention(start, slashed[0].end(), "skip", None) if slashed is not None else None


@rule("digits", examples=["Filed on [[2023-06-13]] in court."], counter=["In [[2019-20]] it grew."])
def iso_date(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """ "2023-06-13": four digits, a month and a day joined by dashes are a date."""
    end = reading.end
    if text[end : end + 1] != "-" or not reading.digits or len(reading.digits) != 4:
        return None
    iso = ISO_DATE.match(text, end)
    if not iso:
        return None
    month, day = int(iso.group(1)), int(iso.group(2))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    value = int(reading.digits) * 10000 + month * 100 + day
    return Mention(start, iso.end(), "date", value, "date", lead=start)


@rule(
    "digits",
    examples=["In the [[18th]] century.", "He came [[2nd]] in the race."],
    counter=["On [[18th August]] they met."],
)
def ordinal(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """Ordinals ("the 18th century", "2nd place") rank rather than count; "18th August" is a date."""
    end = reading.end
    if not text[end : end + 1].isalpha() or reading.scaled:
        return None
    found = ORDINAL.match(text, end)
    if found and not (reading.digits.isdigit() and 1 <= reading.value <= 31 and DAY_FIRST.match(text, end)):
        return Mention(start, found.end(), "skip", None)
    return None


@rule("digits", examples=["Account [[12345678901]] was frozen."], counter=["Turnout was [[1,234,567,890]] votes."])
def long_digit_string(text: str, start: int, reading: NumberReading, year: int | None) -> Mention | None:
    """More than nine digits without separators are account, ISBN or tracking numbers."""
    digits = reading.digits
    if len(digits) > 9 and "," not in digits and "." not in digits and reading.end < len(text):
        return Mention(start, reading.end, "skip", None)
    return None


_DIGITS_AT = {rule.name: at for at, rule in enumerate(RULES.in_stage("digits"))}  # where read_quantity starts them


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


def scale_of(reading: NumberReading) -> float:
    """The scale a reading carries, for sharing with a range partner: 1e9 for "3 billion"."""
    if not reading.scaled or reading.value == 0:
        return 1.0
    for scale in (1e12, 1e9, 1e6, 1e3):
        if abs(reading.value) >= scale:
            return scale
    return 1.0


def high_of(reading: NumberReading, scale: float = 1.0) -> float | None:
    return None if reading.high is None else reading.high * (1.0 if reading.scaled else scale)


def currency_of(match: re.Match, scaled: bool = False) -> str | None:
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
    """What kind of quantity a number is, from the words that directly follow it: the "unit" rules when a unit,
    currency, percent or date word may follow, then the "noun" rules."""
    end = reading.end
    value = reading.value
    scale = scale_of(reading) if reading.scaled else 1.0
    spelled = reading.spelled

    def mention(
        kind: str,
        stop: int,
        unit: str | None,
        val: float | None = None,
        factor: float = 1.0,
        *,
        high: float | None = None,
        bare: bool = False,
        anaphora_check: bool = False,
    ) -> Mention:
        """A mention from ``start`` to ``stop``; ``factor`` converts both ends ("two decades", "tomans"), and
        ``high`` replaces the reading's own upper end."""
        amount = (value if val is None else val) * factor
        if high is None:
            high = reading.high
        # positional, in Mention's field order (the most frequent construction; keywords cost a third more):
        # start, end, kind, value, unit, value_high, scale, number, factor, spelled, year_like, bare,
        # anaphora_check, lead
        return Mention(
            start,
            stop,
            kind,
            amount,
            unit,
            None if high is None else high * factor,
            scale,
            amount / scale / factor,
            factor,
            spelled,
            kind == "count" and is_year_like(reading),
            bare,
            anaphora_check,
            start,
        )

    if _may_have_suffix(text, end):
        first = FIRST_SUFFIX.match(text, end)
        if first is not None:  # the unit rules before the reader it found cannot fire: they are skipped
            rank = SUFFIX_RANK[first.lastgroup]
            found = RULES.read_from("unit", UNIT_RULE_AT[rank], text, start, reading, year, mention, first, rank)
            if found is not None:
                return found
        if reading.digits is not None and text[end : end + 1].isalpha():
            found = read_by("code", text, start, reading, year, mention, first, len(SUFFIX_RANK))
            if found is not None:
                return found
    if reading.high is not None or text.endswith("of ", 0, start) or text.startswith((" in ", " out ", "-in-"), end):
        found = read_by("position", text, start, reading, mention)
        if found is not None:
            return found
    if text[end : end + 1] in BLANKS:
        found = read_by("noun", text, start, reading, mention)
        # the "group" rules need more than one, then a participle ("17 dead") or "of" ("10 of whom")
        if found is None and reading.value > 1 and (text.startswith(" of ", end) or CASUALTY.match(text, end)):
            found = read_by("group", text, start, reading, mention)
        if found is not None:
            return found
    # the grouped-digits rule needs a thousands separator; without one the last rule reads a bare number
    grouped = reading.digits is not None and "," in reading.digits
    return RULES.read_from("bare", 0 if grouped else 1, text, start, reading, mention)


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


def percent_unit(word: str) -> str:
    """What a percent sign or word measures in: "percent", "percentage point" or "basis point"."""
    word = word.lower()
    if "point" in word and "percent" in word:
        return "percentage point"
    return "basis point" if "basis" in word or word.strip().startswith("bp") else "percent"


def money_factor(match: re.Match) -> float:
    """Tomans are ten rials; every other currency name is taken as written."""
    name = match.group(2)
    return TOMAN_IN_RIALS if name and name.lower().startswith("toman") else 1.0


def finish_measure(text: str, measure: re.Match, mention: MakeMention) -> Mention:
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
    return bool(found and currency_of(found))


def is_year_like(reading: NumberReading) -> bool:
    return bool(
        reading.digits and len(reading.digits) == 4 and reading.digits.isdigit() and 1000 <= reading.value <= 2100
    )


def noun_after(text: str, pos: int, value: float) -> tuple[str, int] | None:
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


@rule(
    "month",
    examples=["They met on [[June 13, 2023]].", "Talks ran [[November 16-19, 2015]].", "It opened in [[June 2023]]."],
    counter=["They met in [[June]]."],
)
def month_day_date(text: str, start: int, year: int | None) -> Mention | None:
    """A month name before a day or a year is a date ("June 13, 2023", "November 16-19", "June 2023").

    A day without a year takes the publication's year."""
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
        found = Mention(
            start, match.end(), "date", value, "date", lead=start, value_high=value - int(day) + int(last_day)
        )
    elif last_day:
        found = Mention(start, match.start(3) - 1, "date", value, "date", lead=start)
    else:
        found = Mention(start, match.end(), "date", value, "date", lead=start)
    if not year_only and not stated_year and year:
        found.year_from_published = True
    return found
