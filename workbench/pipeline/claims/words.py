"""Quantities led by a word rather than digits: multiples ("doubled"), shares ("a third of"), periods ("a decade")."""

from __future__ import annotations

from workbench.pipeline.claims.lexicon import (
    CURRENCY_NAMES,
    FOLD_WORDS,
    FRACTION_PARTS,
    PERIOD_SHARES,
    TIME_UNITS,
    VERB_MULTIPLES,
)
from workbench.pipeline.claims.mention import Mention
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


def read_word_special(text: str, start: int, word: str) -> Mention | None:
    """Word-led mentions that are not plain numbers: multiples ("doubled"), shares ("a third of"), periods ("a
    decade"), unvalued money ("multimillion-dollar") and vague scales ("several thousand"). None means "read it as
    a number"; a mention of kind "" means "nothing here, go on after it"."""
    lower = word.lower()
    if lower in VERB_MULTIPLES:
        follows = start + len(word)
        if lower in ("double", "triple") and not DOUBLE_AS_VERB.match(text, follows) or \
                lower.endswith("ing") and DOWN.match(text, follows):
            return Mention(start, start + len(word), "", None)
        return Mention(start, start + len(word), "multiple", VERB_MULTIPLES[lower], "times", lead=start)
    if lower in FOLD_WORDS:
        return Mention(start, start + len(word), "multiple", FOLD_WORDS[lower], "times", lead=start)
    if lower == "twice":
        if TWICE.match(text, start):
            return Mention(start, start + len(word), "multiple", 2, "times", lead=start)
        return Mention(start, start + len(word), "", None)
    if lower.startswith("multi"):
        money = MULTI_MONEY.match(text, start)
        if money:
            return Mention(start, money.end(), "money", None, CURRENCY_NAMES.get(money.group(1).lower(), "GBP"),
                            lead=start)
        return Mention(start, start + len(word), "", None)
    if lower[:1] in "ah" and not lower.startswith(("hundred", "half")) or lower.startswith("half "):
        period = A_PERIOD.match(text, start)
        if period:
            share = PERIOD_SHARES[" ".join(period.group(1).lower().split())]
            unit_word = period.group(2).lower()
            stop = period.end()
            and_a_half = AND_A_HALF.match(text, stop) if share == 1 else None  # "a century and a half"
            if and_a_half:
                share, stop = 1.5, and_a_half.end()
            if unit_word in ("decade", "century"):
                years = share * (10 if unit_word == "decade" else 100)
                return Mention(start, stop, "duration", years, "years", lead=start)
            # "more than a year", "nearly an hour": one unit is a length only with a hedge that bounds it ("once a
            # year", "about a week later" are none)
            found = Mention(start, stop, "duration", share, TIME_UNITS[unit_word][0], lead=start)
            found.extra["needs_hedge"] = True
            return found
    if lower[-1:] in BLANKS or lower == "half":  # "a ", "half a ": an article before a scale, period, percent
        article = ARTICLE_PERCENT.match(text, start)
        if article and not AS_BEFORE.match(behind(text, start, 8)):  # "as a percent of GDP" is no amount
            return Mention(start, article.end(), "percent", 0.5 if article.group(1) else 1.0,
                            percent_unit(article.group(2)), lead=start)
    fraction = FRACTION.match(text, start) or HYPHENED_FRACTION.match(text, start)
    if fraction and fraction.group(2).lower().startswith("quarter") and QUARTER_OF_YEAR.match(text, fraction.end()):
        return Mention(start, fraction.end(), "", None)  # "in one quarter of this year": a period, not a share
    if fraction:
        count, part = fraction.group(1).lower(), fraction.group(2).lower()
        numerator = 1 if count in ("a", "an") else NUMBER_WORDS[count]
        denominator = FRACTION_PARTS[part.rstrip("s") if part != "halves" else "half"]
        of_percent = OF_A_PERCENT.match(text, fraction.end())
        if of_percent:
            return Mention(start, of_percent.end(), "percent", numerator / denominator,
                            percent_unit(of_percent.group(1)), lead=start)
        return Mention(start, fraction.end(), "multiple", numerator / denominator, "ratio", lead=start)
    if lower == "half":
        if PART_BEFORE.match(behind(text, start, 16)):
            return Mention(start, start + 4, "", None)  # "the second half of 2018": a period, not a share
        half = HALF_OF.match(text, start)
        return Mention(start, half.end(), "multiple", 0.5, "ratio", lead=start) if half else None
    few = FEW_BEFORE.match(behind(text, start, 16)) if lower in SCALE_WORDS else None
    if lower in SCALE_WORDS and (few is not None or not currency_follows(text, start + len(word))):
        if few is None:
            return Mention(start, start + len(word), "", None)  # "million" alone is no amount; "million-dollar" is
        # "several thousand supporters", "a few million": vague, one order of magnitude like "thousands"
        scale = SCALE_WORDS[lower]
        reading = NumberReading(scale, start + len(word), spelled=True, scaled=True, high=scale * 10)
        found = classify(text, start - few.end(), reading, None)
        return found if found is not None and found.kind in ("count", "money") else Mention(
            start, start + len(word), "", None)
    if lower == "tens" and not text.startswith(" of ", start + 4):
        return Mention(start, start + len(word), "", None)
    return None
