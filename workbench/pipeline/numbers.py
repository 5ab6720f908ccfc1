"""Reading numbers as English writes them: digits with separators and scale words, number words, vague amounts.

Kept apart from claim logic so that "what number is written here" has one answer, whatever the claim around it.
Every reader takes ``(text, pos)`` and matches anchored at ``pos``, so a caller never rescans text it has passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored by shared prefixes.

    Python's ``re`` tries alternatives one by one; a prefix tree lets it reject most positions on the first
    character, which keeps whole-text scans several times faster than a flat ``a|b|c`` list. Longer words win
    over their prefixes because each optional tail is greedy. A space in a word matches one run of blanks.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends_here = "" in node
        branches = [
            (r"[ \t\u00a0]+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return emit(tree)


def ci_trie(words: Iterable[str], *, capture: bool = False) -> str:
    """``trie_pattern(words)`` matched in any case, behind a one-character test of the possible first letters.

    The regex engine tries a case-insensitive branch letter by letter, where a case-sensitive one fails on its
    first character at once; the test rejects most positions before any branch is tried. ``capture`` makes the
    words group 1 of the fragment.
    """
    words = list(words)
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    body = "(" + trie_pattern(words) + ")" if capture else trie_pattern(words)
    return f"(?=(?i:[{firsts}]))(?i:{body})"


UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = {**UNITS, **TENS, **SCALE_WORDS, "dozen": 12}

# Scale words and abbreviations that may follow digits ("1.2 million", "3bn", "$5 mln"). Single letters
# (m, k, b) are ambiguous with units and are decided by the caller, which knows whether money is meant.
DIGIT_SCALES = {
    **SCALE_WORDS,
    "dozen": 12,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
LETTER_SCALES = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "T": 1e12}

VULGAR_FRACTIONS = {
    "½": 0.5,
    "¼": 0.25,
    "¾": 0.75,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "⅕": 0.2,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
# A fraction after a whole number: "10½", "10 ½", "10 1/2".
_FRACTION_TAIL = re.compile(r"[ \t]?([" + "".join(VULGAR_FRACTIONS) + r"])|[ \t](\d{1,2})[/⁄](\d{1,2})(?![\d/⁄.,])")
_TAIL_BLANKS = frozenset(" \t")
_WORD = re.compile(ci_trie(NUMBER_WORDS) + r"(?![\w])")
_WORD_GAP = re.compile(r"[ \t]*-[ \t]*|[ \t]+(?:and[ \t]+)?")
_A_SCALE = re.compile(r"(?i:an?)[ \t]+(?=(?i:hundred|thousand|million|billion|trillion|dozen)\b)")
_HALF = re.compile(r"(?i:[ \t]+and[ \t]+a[ \t]+half)(?![\w])")
# "half a dozen", "half a million", and "a half-dozen" or "half-dozen" (six)
_HALF_A = re.compile(
    r"(?i:(?:an?[ \t]+)?half(?:[ \t]+(?:an?[ \t]+)?|-(?=(?i:dozen)\b)))"
    r"(?=(?i:dozen|hundred|thousand|million|billion|trillion)\b)"
)
_DIGIT_SCALE = re.compile(r"(?:[ \t]?-?[ \t]?)" + ci_trie(DIGIT_SCALES) + r"(?![\w])")
# Digits, and (by a lookahead that costs nothing when it fails) whether a scale word follows them, which spares
# most numbers the scale reader.
_DIGITS = re.compile(
    r"(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)(?:(?=(?P<scaled>" + _DIGIT_SCALE.pattern + ")))?"
)
_VAGUE = re.compile(
    r"(?i:(?:(tens|dozens|hundreds)[ \t]+of[ \t]+)?(dozens|hundreds|thousands|millions|billions|trillions))(?![\w])"
)
_VAGUE_BASE = {
    "tens": 10,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}


@dataclass(slots=True)
class NumberReading:
    """A number as written: its value, where it ends, and how it was written (which later rules care about)."""

    value: float
    end: int
    spelled: bool = False  # written in words ("three"), which is how anaphoric counts are written
    scaled: bool = False  # carries a scale word or letter ("3 billion", "3bn"), so never a bare year or id
    digits: str | None = None  # the digit string as written, for telling years and codes apart
    high: float | None = None  # upper end of a vague amount ("thousands" is 1,000 to 10,000)


def read_digits(text: str, pos: int) -> NumberReading | None:
    """Digits with English separators at ``pos``; None for version strings such as "1.2.3"."""
    return _read_digits(text, pos)[0]


def _read_digits(text: str, pos: int) -> tuple[NumberReading | None, bool]:
    """``read_digits``, and whether a scale word may follow the reading."""
    match = _DIGITS.match(text, pos)
    if not match:
        return None, False
    end = match.end()
    if end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit():
        return None, False  # "1.2.3", "10.0.0.1", "1,2,3": identifiers, not quantities
    raw = match.group()
    value = float(raw.replace(",", ""))
    follows = text[end : end + 1]
    if follows in _TAIL_BLANKS:
        follows = text[end + 1 : end + 2]  # "10 ½", "10 1/2": most numbers are followed by a blank and a word
        may_have_tail = follows in VULGAR_FRACTIONS or follows.isdigit()
    else:
        may_have_tail = follows in VULGAR_FRACTIONS
    tail = _FRACTION_TAIL.match(text, end) if may_have_tail and raw.isdigit() and len(raw) <= 3 else None
    if tail:
        numerator, denominator = (1, 1) if tail.group(1) else (int(tail.group(2)), int(tail.group(3)))
        if tail.group(1) or 0 < numerator < denominator:
            value += VULGAR_FRACTIONS[tail.group(1)] if tail.group(1) else numerator / denominator
            return NumberReading(value, tail.end(), digits=text[pos : tail.end()]), True
    return NumberReading(value, end, digits=raw if raw[0] != "." else "0" + raw), match.group("scaled") is not None


def read_digit_scale(text: str, pos: int) -> tuple[float, int] | None:
    """Scale words after digits ("million", "bn", "-billion", "hundred million") as (multiplier, end)."""
    multiplier, end = 1.0, pos
    while True:
        match = _DIGIT_SCALE.match(text, end)
        if not match:
            break
        scale = DIGIT_SCALES[match.group().strip(" \t-").lower()]
        if multiplier > 1 and scale <= multiplier:
            break  # "3 million thousand" is not English; stop before the second word
        multiplier, end = multiplier * scale, match.end()
    return (multiplier, end) if end > pos else None


def read_words(text: str, pos: int) -> NumberReading | None:
    """A number in words at ``pos``: "three", "twenty-five", "two hundred and fifty thousand", "a million".

    Two small numbers in a row ("one two") do not combine; "and" joins only after a hundred or a larger scale,
    as in British "two hundred and fifty".
    """
    prefix = _A_SCALE.match(text, pos) or _HALF_A.match(text, pos)
    halve = bool(prefix and "half" in prefix.group().lower())
    if prefix:
        pos = prefix.end()
    total = 0.0
    current = 0.0
    last = ""  # "unit", "tens", "hundred", "scale"
    end = pos
    cursor = pos
    while True:
        match = _WORD.match(text, cursor)
        if not match:
            break
        word = match.group().lower()
        if word in UNITS:
            if last in ("unit",) or (last == "tens" and UNITS[word] >= 10) or (last == "tens" and word == "zero"):
                break
            current += UNITS[word]
            last = "unit"
        elif word in TENS:
            if last in ("unit", "tens"):
                break
            current += TENS[word]
            last = "tens"
        elif word == "hundred":
            if last == "hundred":
                break
            current = (current or 1) * 100
            last = "hundred"
        elif word == "dozen":
            current = (current or 1) * 12
            last = "scale"
        else:
            scale = SCALE_WORDS[word]
            total += (current or 1) * scale
            current = 0
            last = "scale"
        end = match.end()
        gap = _WORD_GAP.match(text, end)
        if not gap:
            break
        if "and" in gap.group().lower() and last not in ("hundred", "scale"):
            break
        cursor = gap.end()
    if end == pos:
        return None
    value = total + current
    half = _HALF.match(text, end)
    if half and last in ("unit", "tens"):
        value += 0.5
        end = half.end()
    if halve:
        value /= 2
    return NumberReading(value, end, spelled=True, scaled=last == "scale" or value >= 1000)


def read_vague(text: str, pos: int) -> NumberReading | None:
    """Vague amounts as a range of one order of magnitude: "thousands" 1e3-1e4, "tens of thousands" 1e4-1e5."""
    match = _VAGUE.match(text, pos)
    if not match:
        return None
    multiplier, base = match.group(1), match.group(2).lower()
    low = _VAGUE_BASE[base] * (_VAGUE_BASE[multiplier.lower()] if multiplier else 1)
    return NumberReading(low, match.end(), spelled=True, scaled=True, high=low * 10)


def read_number(text: str, pos: int) -> NumberReading | None:
    """Whatever number starts at ``pos``: digits (with a scale word), number words, or a vague amount."""
    if pos < len(text) and text[pos] in VULGAR_FRACTIONS:
        return NumberReading(VULGAR_FRACTIONS[text[pos]], pos + 1, digits=text[pos])
    if pos < len(text) and (text[pos].isdigit() or text.startswith(".", pos)):
        reading, scale_may_follow = _read_digits(text, pos)
        if reading is None:
            return None
        scale = read_digit_scale(text, reading.end) if scale_may_follow else None
        if scale:
            reading.value *= scale[0]
            reading.end = scale[1]
            reading.scaled = True
        return reading
    return read_vague(text, pos) or read_words(text, pos)
