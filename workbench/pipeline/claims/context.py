"""What the words around a freshly read quantity decide: eras, hedges, idioms, labels, ages, "or more".

``read_at`` is the driver: it reads the quantity at a scanner hit and runs the context stages on it in order."""

from __future__ import annotations

import re

from workbench.pipeline.claims.lexicon import (
    HEDGES,
    LABELLED_NOUNS,
    MOTION_BEFORE_UP,
    NAME_CUES,
    NOT_NAMES,
    OR_MORE_HEDGES,
    OVER_MEANS_MORE_AFTER,
    PREPOSITION_HEADS,
    PREPOSITION_HEDGES,
    STOPWORDS,
    YEAR_HEDGES,
)
from workbench.pipeline.claims.mention import RULES, Mention, dropped, read_by, rule
from workbench.pipeline.claims.patterns import (
    AGE_BEFORE,
    AGO,
    APPOSED_AGE_AFTER,
    BY_END,
    CLOSING_QUOTES,
    CUE_REACH,
    DASHES,
    ERA_AFTER,
    HEAD_BEFORE,
    HEDGE_BEFORE,
    HYPHEN_WORD_BEFORE,
    LAST_WORD_CAPITALIZED,
    LOOK_BACK,
    LOWER_WORD_AFTER,
    NAME_BEFORE_COMMA,
    OPENING_QUOTES,
    OR_MORE,
    OVER_BEFORE,
    SPAN_LEADS,
    WORD_BEFORE,
    behind,
)
from workbench.pipeline.claims.ranges import read_range, read_split, settle_year
from workbench.pipeline.claims.reading import noun_after, read_quantity
from workbench.pipeline.claims.words import word_stages


def read_at(
    text: str,
    start: int,
    word: str | None,
    year: int | None,
    before: str | None = None,
    rejected: list[Mention] | None = None,
) -> tuple[list[Mention], int]:
    """The mentions that start at a scanner hit (``word`` when it is a number word), and where scanning resumes.

    ``before`` is ``behind(text, start, LOOK_BACK)`` when the scanner has it already; ``rejected`` collects what
    the rules dropped (for ``explain``)."""
    if word is not None:
        lower = word.lower()
        special = None
        for stage in word_stages(text, start, lower):
            special = read_by(stage, text, start, word, lower)
            if special is not None:
                break
        if special is not None:
            if not special.kind:
                return dropped(special, rejected), special.end
            special.before = behind(text, special.start, LOOK_BACK)
            attach_hedge(special, special.before)  # "less than a percent", "more than doubled", "nearly a third"
            if special.needs_hedge:
                if special.hedge == "more_than" and RULES.first("unhedge", special.trace, text, special):
                    special.hedge = None  # "spread over a year"
                if RULES.first("bound", special.trace, special):
                    return dropped(special, rejected), special.end
            return [special], special.end
    first = read_quantity(text, start, year)
    if first is None:
        return [], start + 1
    if first.kind == "skip":
        return dropped(first, rejected), first.end
    if first.kind in ("date", "year_range"):
        return [first], first.end
    reversed_before = before if before is not None and first.start == start else behind(text, first.start, LOOK_BACK)
    if first.bare and text[first.end : first.end + 1] == " " and text[first.end + 1 : first.end + 2] in "ABC":
        era = RULES.first("era", first.trace, text, first, reversed_before)
        if era is not None:
            return [era], era.end
    first.before = reversed_before
    attach_hedge(first, reversed_before)
    if first.kind == "duration" and first.hedge == "more_than" and RULES.first("unhedge", first.trace, text, first):
        first.hedge, first.lead = None, first.start  # "cut $772 billion over 10 years": during, not more than
    elif first.hedge == "up_to" and RULES.first("unhedge", first.trace, text, first):
        first.hedge, first.lead = None, first.start  # "ticking up to 7.9 percent": the change's "to", read later
    # the "reject" rules judge a spelled "one day" or "one bit" and words in quotation marks
    if (
        first.spelled
        and (first.kind == "quantity" or first.kind == "duration" and first.value == 1)
        or text[first.start - 1 : first.start] in OPENING_QUOTES
    ) and RULES.first("reject", first.trace, text, first, reversed_before):
        return dropped(first, rejected), first.end
    if first.kind == "count" and first.unit == "time":
        RULES.first("reread", first.trace, text, first)
    split = (
        read_split(text, first, year)
        if text[first.end : first.end + 1] in DASHES or text.startswith(" to ", first.end) and first.bare
        else None
    )  # "adopted by 230 to 197": a vote's tally
    if split is not None:
        return split, split[-1].end  # before the name rules: "Trump 48-41 percent" is no model number
    if (
        not first.hedge
        and not text[first.start].isalpha()
        and (first.kind == "count" or first.kind == "quantity" or "©" in reversed_before)
    ):
        word_before = WORD_BEFORE.match(reversed_before) if first.kind in ("count", "quantity") else None
        # what a label rule needs before the number: "©", a hyphen, or a cue word such as "Article"
        if (
            reversed_before[:1] == "-"
            or "©" in reversed_before
            or word_before is not None
            and word_before.group(3)[::-1].lower() in NAME_CUES
        ) and RULES.first("label", first.trace, text, first, reversed_before, word_before):
            return dropped(first, rejected), first.end
        if (
            first.kind == "count"
            and word_before is not None
            and _capitalized_before(first, word_before)
            and RULES.first("model", first.trace, text, first) is True
        ):  # "keep": a year of a named event
            return dropped(first, rejected), first.end
    # the "age" rules need "age"/"aged" right before the number, or ", " after a name
    if (first.bare or first.kind == "count" and first.unit is None) and (
        "eg" in reversed_before[:8].lower() or text[first.start - 2 : first.start] == ", "
    ):
        RULES.first("age", first.trace, text, first)
    ranged = read_range(text, first, year)
    if ranged is not None:
        first = ranged
    elif text.startswith(" or ", first.end) and first.hedge is None and first.value not in (None, 1):
        RULES.first("or_more", first.trace, text, first)
    if first.year_like:
        settle_year(text, first)
    return [first], first.end


@rule(
    "era",
    examples=["Rome was founded in [[753 B.C.]]", "It was built in [[476 AD]]."],
    counter=["He scored [[753]] points."],
)
def era_year(text: str, first: Mention, reversed_before: str) -> Mention | None:
    """Digits before an era are a year, negative before Christ ("753 B.C.", "476 AD"); it keeps only "about"."""
    era = ERA_AFTER.match(text, first.end)
    if not era or not text[first.start : first.end].isdigit():
        return None
    sign = 1 if era.group(1)[0] in "A" else -1
    year_of_era = Mention(first.start, era.end(), "year", sign * first.value, lead=first.start, trace=first.trace)
    attach_hedge(year_of_era, reversed_before)
    if year_of_era.hedge not in YEAR_HEDGES:
        year_of_era.hedge, year_of_era.lead = None, first.start
    return year_of_era


def attach_hedge(mention: Mention, reversed_before: str) -> None:
    """The hedge right before the mention ("more than"), with ``reversed_before`` from ``behind``."""
    match = HEDGE_BEFORE.match(reversed_before)
    if match:
        phrase = " ".join(match.group()[::-1].lower().split())
        RULES.first("hedge", mention.trace, mention, match, phrase, reversed_before)


@rule(
    "hedge",
    examples=["It was a debate about [[two guys]].", "A decision over [[two programs]] came."],
    counter=["He paid about [[$5]] for it."],
)
def preposition_not_hedge(mention: Mention, match: re.Match, phrase: str, reversed_before: str) -> bool:
    """ "about" or "over" after a word that takes it as a preposition ("a debate about") is no hedge.

    It says what is talked of, not how many; durations are excepted ("about 10 years ago")."""
    if phrase not in PREPOSITION_HEDGES or mention.kind == "duration":
        return False
    head = HEAD_BEFORE.match(reversed_before, match.end())
    return bool(head and head.group(1)[::-1].lower() in PREPOSITION_HEADS)


@rule(
    "hedge",
    examples=[
        "Exports reached more than [[$3 billion]].",
        "It took nearly [[two years]].",
        "Up to [[300 people]] came.",
        "It fell less than [[a percent]].",
    ],
    counter=["Exports reached [[$3 billion]]."],
)
def hedge_before(mention: Mention, match: re.Match, phrase: str, reversed_before: str) -> bool:
    """A hedge right before the mention ("more than", "about", "nearly", "up to") bounds or softens it.

    The hedge stays outside the span."""
    mention.hedge = HEDGES.get(phrase)
    if mention.hedge:
        mention.lead = mention.start - match.end()
        return True
    return False


@rule(
    "unhedge",
    examples=["They will cut $772 billion over [[10 years]].", "Spread it over [[a year]] or so."],
    counter=["He served for over [[two years]].", "She is over [[60 years old]].", "It was over [[ten years]] ago."],
)
def over_means_during(text: str, mention: Mention) -> bool:
    """ "over" before a period says when, not how long ("$772 billion over 10 years"): no hedge.

    Only "for", "in", "served" and the like before it, "ago" after it, or an age make it "more than"."""
    return mention.hedge == "more_than" and _over_spans_the_period(text, mention)


@rule(
    "unhedge",
    examples=[
        "The jobless rate, ticking up to [[7.9 percent]] from 7.8 percent.",
        "Unemployment edged up to [[5 percent]].",
    ],
    counter=["Up to [[300 people]] came.", "It could take up to [[10 years]]."],
)
def up_to_after_motion(text: str, mention: Mention) -> bool:
    """ "ticked up to 7.9 percent" is a change reaching 7.9, not "at most 7.9": a verb of motion governs "up"."""
    if mention.hedge != "up_to":
        return False
    word = WORD_BEFORE.match(behind(text, mention.lead, 24))
    return bool(word and word.group(3)[::-1].lower() in MOTION_BEFORE_UP)


@rule(
    "bound",
    examples=["We met about [[a week]] later.", "Once [[a year]] they meet."],
    counter=["It took more than [[a year]] to build."],
)
def unbounded_period(mention: Mention) -> bool:
    """One unit of time without a bounding hedge ("about a week later", "once a year") tells the story's time."""
    return mention.hedge is None or mention.hedge == "about"


@rule("reject", examples=["And then [[one day]] she called."], counter=["It lasted for [[one day]]."])
def one_day_idiom(text: str, first: Mention, reversed_before: str) -> bool:
    """ "one day" is a way of telling ("and then one day she called"), unless "for", "within" or the like measure it."""
    return (
        first.kind == "duration"
        and first.value == 1
        and first.unit == "days"
        and first.spelled
        and not first.hedge
        and not SPAN_LEADS.match(reversed_before)
    )


@rule("reject", examples=["He did not care [[one bit]]."], counter=["A [[64 bit]] processor."])
def not_one_bit(text: str, first: Mention, reversed_before: str) -> bool:
    """ "not one bit", "a bit": no amount of information."""
    return first.kind == "quantity" and first.unit == "bit" and first.spelled


@rule(
    "reject",
    examples=["He appeared on “[[60 Minutes]]” last week.", "She read “[[Fifty Shades]]” twice."],
    counter=["He waited “[[60 minutes]]” for it."],
)
def quoted_title(text: str, first: Mention, reversed_before: str) -> bool:
    """A capitalized quantity in quotation marks is a title ("“60 Minutes”", "“Fifty Shades”")."""
    return (
        text[first.start - 1 : first.start] in OPENING_QUOTES
        and text[first.end : first.end + 1] in CLOSING_QUOTES
        and text[first.end - 1 : first.end].isalpha()
        and bool(LAST_WORD_CAPITALIZED.search(text, first.start, first.end))
    )


@rule(
    "reread", examples=["Costs could drop by more than [[five times]]."], counter=["They met [[five times]] last year."]
)
def by_times_factor(text: str, first: Mention) -> bool:
    """ "drop by five times": "times" after "by" is a factor, a multiple, not a count of occasions."""
    if BY_END.match(behind(text, first.lead, CUE_REACH)):
        first.kind, first.unit = "multiple", "times"
        return True
    return False


@rule("label", examples=["Copyright © [[2019]] The Times."], counter=["In [[2019]] the Times grew."])
def copyright_year(text: str, first: Mention, before: str, word: re.Match | None) -> bool:
    """A number after "©" is the page's copyright line."""
    return before.lstrip(" \t\u00a0").startswith("©")


@rule(
    "label",
    examples=["Under Article [[5]] of the treaty.", "Version [[4.0]] is out.", "Flight [[370]] vanished."],
    counter=["Under [[5]] articles of the treaty."],
)
def name_cue(text: str, first: Mention, before: str, word: re.Match | None) -> bool:
    """A number after "Article", "version", "No.", "Flight" and the like labels rather than counts."""
    return bool(word and word.group(3)[::-1].lower() in NAME_CUES)


@rule("label", examples=["Mid-[[2018]] prices rose."], counter=["In mid-[[2018]] prices rose."])
def code_after_capital(text: str, first: Mention, before: str, word: re.Match | None) -> bool:
    """A count hyphened to a capitalized word is part of a name ("COVID-19").

    The scanner starts a number after a hyphen only in "mid-", "pre-" and the like, so in practice this drops
    "Mid-2018" at a sentence start."""
    if first.kind != "count" or before[:1] != "-":
        return False
    hyphened = HYPHEN_WORD_BEFORE.match(before)
    return bool(hyphened and hyphened.group(1)[-1].isupper())


def _capitalized_before(first: Mention, word: re.Match | None) -> str | None:
    """The capitalized word one blank before a count ("Boeing 737"), not a sentence opener such as "In": what the
    "model" rules judge."""
    if first.kind != "count" or not word or len(word.group(1)) != 1 or word.group(2):
        return None
    token = word.group(3)[::-1].rstrip(".")
    if first.year_like and token.endswith(("'s", "’s")):
        return None
    return token if token.lower() not in NOT_NAMES and any(c.isupper() for c in token) else None


@rule(
    "model",
    examples=["The Obama [[2012]] campaign raised money.", "Romney [[2012]] finance chair."],
    counter=["The Boeing [[737]] is grounded.", "The Russell [[2000]] index fell."],
)
def year_of_named_event(text: str, first: Mention) -> str | None:
    """A year between a name and a noun is the year of the name's event ("the Obama 2012 campaign").

    It stays a year even before a plural noun ("Apple 2018 sales"), unlike a model number."""
    if first.year_like and first.value >= 1800 and _modifies_a_noun(text, first.start + 4):
        first.after_name = True
        return "keep"
    return None


@rule(
    "model",
    examples=["Sanders won most of New Hampshire's [[24 delegates]].", "Apple's [[12 stores]] shut."],
    counter=["The Boeing [[737]] is grounded.", "Boeing's [[737]] is grounded."],
)
def count_after_possessive(text: str, first: Mention) -> str | None:
    """A count of a noun after a possessive name ("New Hampshire's 24 delegates") is the name's, not a model."""
    word = WORD_BEFORE.match(behind(text, first.start, 24))
    if first.unit is None or not word or not word.group(3)[::-1].endswith(("'s", "’s")):
        return None
    return "keep"


@rule(
    "model",
    examples=["The Boeing [[737]] is grounded.", "The Russell [[2000]] index fell."],
    counter=["Obama's [[2015]] nomination failed.", "In [[2015]] it failed."],
)
def model_number(text: str, first: Mention) -> bool:
    """A number right after a capitalized word that opens no sentence labels a model ("Boeing 737").

    A year after a possessive ("Obama's 2015 nomination") never gets here."""
    return True


@rule(
    "age",
    examples=["He died [[aged 87]].", "Children under [[age 5]] were sick."],
    counter=["He died at [[87]] last week."],
)
def age_word_before(text: str, mention: Mention) -> bool:
    """ "aged 45", "age 87": an age written before the number is a duration in years."""
    age = (
        AGE_BEFORE.match(mention.before, 0, 8)
        if mention.before is not None
        else AGE_BEFORE.match(behind(text, mention.start, 8))
    )
    if not age or mention.value is None or not 0 < mention.value < 150:
        return False
    mention.kind, mention.unit, mention.bare, mention.year_like = "duration", "years", False, False
    mention.start = mention.lead = mention.start - age.end()
    mention.before = None
    mention.anaphora_check = False
    return True


@rule(
    "age", examples=["Smith, [[59]], served as chief of staff."], counter=["Texas, 38, California, [[55]], and others."]
)
def age_after_name(text: str, mention: Mention) -> bool:
    """ "Smith, 59, served as ...": a name, then a number set off by commas, is an age in years."""
    if (
        mention.bare
        and mention.value is not None
        and 0 < mention.value < 130
        and mention.value == int(mention.value)
        and text[mention.start - 2 : mention.start] == ", "
        and APPOSED_AGE_AFTER.match(text, mention.end)
        and NAME_BEFORE_COMMA.match(behind(text, mention.start - 2, 24))
    ):
        mention.kind, mention.unit, mention.bare, mention.year_like = "duration", "years", False, False
        mention.anaphora_check = False
        return True
    return False


@rule(
    "or_more",
    examples=[
        "It will take [[150]] or more days.",
        "Groups of [[10]] or fewer children.",
        "It lasted [[20 years]] or so.",
    ],
    counter=["Buy [[three]] or four apples."],
)
def or_more_after(text: str, mention: Mention) -> bool:
    """A hedge after the amount: "150 or more", "10 or fewer", "20 years or so".

    A plain number takes the noun after the hedge as what it counts ("10 or more children")."""
    if mention.kind not in ("money", "percent", "count", "quantity", "duration") or mention.value_high is not None:
        return False
    found = OR_MORE.match(text, mention.end)
    if not found:
        return False
    mention.hedge = OR_MORE_HEDGES.get(found.group(1).lower(), "at_least")
    if mention.kind == "count" and mention.unit is None:
        noun = noun_after(text, found.end(), 2)
        if noun is not None:
            mention.unit, mention.end, mention.bare, mention.year_like = noun[0], noun[1], False, False
    return True


def _over_spans_the_period(text: str, mention: Mention) -> bool:
    """Whether the bare "over" before a duration says when (during the period) rather than how long: only the
    words in ``OVER_MEANS_MORE_AFTER`` before it, "ago" after it, or an age ("over 60 years old") make it "more
    than"; "just over" and "well over" are other hedges and never reach here."""
    over = OVER_BEFORE.match(behind(text, mention.start, 8))
    if not over or mention.start - over.end() != mention.lead or AGO.match(text, mention.end):
        return False
    if text[mention.end - 3 : mention.end].lower() == "old" or text[mention.end - 3 : mention.end].lower() == "age":
        return False
    words = text[max(0, mention.lead - 24) : mention.lead].split()
    previous = words[-1].lower().strip("\"'“”‘’(") if words else ""
    return previous not in OVER_MEANS_MORE_AFTER


def _modifies_a_noun(text: str, end: int) -> bool:
    """Whether a lowercase content word follows, as a noun the number modifies ("2012 campaign"), and not one that
    a model or index number names ("Russell 2000 index")."""
    word = LOWER_WORD_AFTER.match(text, end)
    return bool(word and word.group(1) not in STOPWORDS and word.group(1) not in LABELLED_NOUNS)
