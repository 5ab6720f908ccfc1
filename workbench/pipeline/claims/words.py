"""Quantities led by a word rather than digits, in stages by the word that leads them (``word_stages``):
"multiplier" ("doubled", "fivefold", "twice", "multimillion-dollar"), "period" ("a decade", "a percent"),
"fraction" ("a third of", "two-thirds"), "half" ("half of") and "scale" ("several thousand", "million" alone).

Each rule gets ``(text, start, word, lower)``; the first that fires reads the mention. None from all of them means
"read it as a number"; a mention of kind "" means "nothing here, go on after it" (dropped, with the rule's name)."""

from __future__ import annotations

import re

from workbench.pipeline.claims.lexicon import (
    CURRENCY_NAMES,
    FOLD_WORDS,
    FRACTION_PARTS,
    PERIOD_SHARES,
    TIME_UNITS,
    VERB_MULTIPLES,
)
from workbench.pipeline.claims.mention import Mention, rule
from workbench.pipeline.claims.patterns import (
    A_PERIOD,
    AND_A_HALF,
    ARTICLE_PERCENT,
    AS_BEFORE,
    BLANKS,
    DOUBLE_AS_VERB,
    DOWN,
    FEW_BEFORE,
    FRACTION,
    HALF_OF,
    HYPHENED_FRACTION,
    MULTI_MONEY,
    OF_A_PERCENT,
    PART_BEFORE,
    QUARTER_OF_YEAR,
    TWICE,
    behind,
)
from workbench.pipeline.claims.reading import classify, currency_follows, percent_unit
from workbench.pipeline.numbers import NUMBER_WORDS, SCALE_WORDS, NumberReading

# The stages whose rules may read a word-led quantity, by the word that opens it: an article may open a period, a
# percent or a fraction ("a decade", "a percent", "a third"), "half" a period or a share ("half a year", "half of"),
# a small number a fraction ("two-thirds").
_OPENER_STAGES = {
    "a": ("period", "fraction"),
    "an": ("period", "fraction"),
    "half": ("period", "half"),
} | dict.fromkeys("one two three four five six seven eight nine ten".split(), ("fraction",))
_PERIOD = ("period",)


def word_stages(text: str, start: int, lower: str) -> tuple[str, ...]:
    """The stages whose rules may read a number word (lowercase, as the scanner found it), in the order they are
    tried; none for a plain number. The word classes do not overlap, so no rule of another stage could fire; the
    "fraction" rules need a fraction written there ("a third", "two-thirds")."""
    if lower in VERB_MULTIPLES or lower in FOLD_WORDS or lower == "twice" or lower.startswith("multi"):
        return ("multiplier",)
    if lower in SCALE_WORDS or lower == "tens":
        return ("scale",)
    stages: tuple[str, ...] = _OPENER_STAGES.get(lower.split(None, 1)[0], ()) if lower else ()
    if "fraction" in stages and _fraction(text, start) is None:
        return _PERIOD if stages[0] == "period" else ()
    return stages


def _nothing(start: int, end: int) -> Mention:
    return Mention(start, end, "", None)


@rule(
    "multiplier",
    examples=["Demand will [[double]] next year.", "They are doubling down on it."],
    counter=["Sales [[doubled]] in May.", "Sales will double to $5 billion."],
)
def not_a_multiple_verb(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "double" or "triple" with nothing to multiply ("will double next year"), or "doubling down": no multiple."""
    if lower not in VERB_MULTIPLES:
        return None
    follows = start + len(word)
    if (
        lower in ("double", "triple")
        and not DOUBLE_AS_VERB.match(text, follows)
        or lower.endswith("ing")
        and DOWN.match(text, follows)
    ):
        return _nothing(start, follows)
    return None


@rule(
    "multiplier",
    examples=["Sales [[doubled]] in May.", "Prices [[tripled]] since then."],
    counter=["Demand will [[double]] next year."],
)
def verb_multiple(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "doubled", "tripled", "halved": a verb of multiplying is a multiple (times 2, 3, 0.5)."""
    if lower not in VERB_MULTIPLES:
        return None
    return Mention(start, start + len(word), "multiple", VERB_MULTIPLES[lower], "times", lead=start)


@rule("multiplier", examples=["Output rose [[fivefold]] since 2010."], counter=["Output rose [[five]] percent."])
def fold_word(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "fivefold", "tenfold": a multiple."""
    if lower not in FOLD_WORDS:
        return None
    return Mention(start, start + len(word), "multiple", FOLD_WORDS[lower], "times", lead=start)


@rule(
    "multiplier",
    examples=["It costs [[twice]] as much.", "Prices are [[twice]] the average."],
    counter=["He called [[twice]] yesterday."],
)
def twice_comparative(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "twice as much", "twice the average": a multiple of two."""
    if lower != "twice" or not TWICE.match(text, start):
        return None
    return Mention(start, start + len(word), "multiple", 2, "times", lead=start)


@rule("multiplier", examples=["He called [[twice]] yesterday."], counter=["It costs [[twice]] as much."])
def twice_alone(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "twice" without a comparison is how often something happened, no quantity to check."""
    return _nothing(start, start + len(word)) if lower == "twice" else None


@rule(
    "multiplier",
    examples=["A [[multimillion-dollar]] deal was signed.", "A [[multi-billion euro]] plan."],
    counter=["A [[multimillion]] project."],
)
def multi_money(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "multimillion-dollar": money of unknown value in the named currency."""
    if not lower.startswith("multi"):
        return None
    money = MULTI_MONEY.match(text, start)
    if not money:
        return None
    return Mention(start, money.end(), "money", None, CURRENCY_NAMES.get(money.group(1).lower(), "GBP"), lead=start)


@rule("multiplier", examples=["A [[multimillion]] project."], counter=["A [[multimillion-dollar]] deal was signed."])
def multi_alone(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "multimillion" without a currency names no amount."""
    return _nothing(start, start + len(word)) if lower.startswith("multi") else None


@rule(
    "period",
    examples=[
        "It took [[a decade]] to build.",
        "After [[a century and a half]] of rule.",
        "It took more than [[a year]].",
    ],
    counter=["A hundred [[days]] passed."],
)
def a_period(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "a decade", "half a century" are durations; "a year", "an hour" count only with a hedge ("bound")."""
    if not (lower[:1] in "ah" and not lower.startswith(("hundred", "half")) or lower.startswith("half ")):
        return None
    period = A_PERIOD.match(text, start)
    if not period:
        return None
    share = PERIOD_SHARES[" ".join(period.group(1).lower().split())]
    unit_word = period.group(2).lower()
    stop = period.end()
    and_a_half = AND_A_HALF.match(text, stop) if share == 1 else None
    if and_a_half:
        share, stop = 1.5, and_a_half.end()
    if unit_word in ("decade", "century"):
        years = share * (10 if unit_word == "decade" else 100)
        return Mention(start, stop, "duration", years, "years", lead=start)
    found = Mention(start, stop, "duration", share, TIME_UNITS[unit_word][0], lead=start)
    found.needs_hedge = True
    return found


@rule(
    "period",
    examples=["Rates rose [[a percent]] in May.", "Rates fell [[half a percentage point]]."],
    counter=["Debt as a percent of GDP rose."],
)
def article_percent(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "a percent", "half a percentage point": an article as the number; "as a percent of GDP" is no amount."""
    if not (lower[-1:] in BLANKS or lower == "half"):
        return None
    article = ARTICLE_PERCENT.match(text, start)
    if not article or AS_BEFORE.match(behind(text, start, 8)):
        return None
    return Mention(
        start, article.end(), "percent", 0.5 if article.group(1) else 1.0, percent_unit(article.group(2)), lead=start
    )


def _fraction(text: str, start: int) -> re.Match | None:
    return FRACTION.match(text, start) or HYPHENED_FRACTION.match(text, start)


@rule("fraction", examples=["Sales fell in [[one quarter]] of this year."], counter=["[[A quarter]] of voters agreed."])
def quarter_of_year(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "one quarter of this year" is a period, not a share."""
    fraction = _fraction(text, start)
    if fraction and fraction.group(2).lower().startswith("quarter") and QUARTER_OF_YEAR.match(text, fraction.end()):
        return _nothing(start, fraction.end())
    return None


@rule(
    "fraction",
    examples=[
        "[[A third]] of voters agreed.",
        "Prices are [[two-thirds]] below the trend.",
        "Rates rose [[a tenth of a percent]].",
    ],
    counter=["The [[third]] vote failed."],
)
def fraction_share(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "a third of", "two-thirds": a share, as a ratio; a share "of a percent" is a percent."""
    fraction = _fraction(text, start)
    if not fraction:
        return None
    count, part = fraction.group(1).lower(), fraction.group(2).lower()
    numerator = 1 if count in ("a", "an") else NUMBER_WORDS[count]
    denominator = FRACTION_PARTS[part.rstrip("s") if part != "halves" else "half"]
    of_percent = OF_A_PERCENT.match(text, fraction.end())
    if of_percent:
        return Mention(
            start, of_percent.end(), "percent", numerator / denominator, percent_unit(of_percent.group(1)), lead=start
        )
    return Mention(start, fraction.end(), "multiple", numerator / denominator, "ratio", lead=start)


@rule("half", examples=["In the second [[half]] of 2018 sales fell."], counter=["[[Half of]] the voters agreed."])
def half_of_period(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "the second half of 2018" is a period, not a share."""
    return _nothing(start, start + 4) if lower == "half" and PART_BEFORE.match(behind(text, start, 16)) else None


@rule(
    "half",
    examples=["[[Half of]] the voters agreed.", "[[Half the]] money is gone."],
    counter=["In the second [[half]] of 2018 sales fell."],
)
def half_of(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "half of", "half the": a share of one half."""
    if lower != "half":
        return None
    half = HALF_OF.match(text, start)
    return Mention(start, half.end(), "multiple", 0.5, "ratio", lead=start) if half else None


@rule(
    "scale",
    examples=["Several [[thousand supporters]] marched.", "It cost a few [[million dollars]]."],
    counter=["It cost [[a million dollars]]."],
)
def vague_scale(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "several thousand", "a few million dollars": vague, one order of magnitude, kept as a count or money."""
    if lower not in SCALE_WORDS:
        return None
    few = FEW_BEFORE.match(behind(text, start, 16))
    if few is None:
        return None
    scale = SCALE_WORDS[lower]
    reading = NumberReading(scale, start + len(word), spelled=True, scaled=True, high=scale * 10)
    found = classify(text, start - few.end(), reading, None)
    return found if found is not None and found.kind in ("count", "money") else _nothing(start, start + len(word))


@rule("scale", examples=["Their [[million]] was never found."], counter=["A [[million-dollar]] home sold."])
def lone_scale_word(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "million" alone is no amount ("million-dollar" is)."""
    if lower not in SCALE_WORDS or currency_follows(text, start + len(word)):
        return None
    return _nothing(start, start + len(word))


@rule("scale", examples=["The [[tens]] column."], counter=["[[Tens of thousands]] marched."])
def tens_alone(text: str, start: int, word: str, lower: str) -> Mention | None:
    """ "tens" without "of" is no amount ("tens of thousands" is)."""
    return _nothing(start, start + len(word)) if lower == "tens" and not text.startswith(" of ", start + 4) else None
