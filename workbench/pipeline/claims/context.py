"""What the words around a freshly read quantity decide: hedges, idioms, names, splits, ages, "or more"."""

from __future__ import annotations

from workbench.pipeline.claims.lexicon import (
    HEDGES,
    LABELLED_NOUNS,
    NAME_CUES,
    NOT_NAMES,
    OR_MORE_HEDGES,
    OVER_MEANS_MORE_AFTER,
    PREPOSITION_HEADS,
    PREPOSITION_HEDGES,
    RATIO_NOUNS,
    STOPWORDS,
    YEAR_HEDGES,
)
from workbench.pipeline.claims.mention import Mention
from workbench.pipeline.claims.patterns import (
    AGE_BEFORE,
    AGO,
    APPOSED_AGE_AFTER,
    BY_END,
    CLOSING_QUOTES,
    CUE_REACH,
    DASH_JOIN,
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
    TALLY,
    TALLY_BEFORE,
    WORD_BEFORE,
    behind,
)
from workbench.pipeline.claims.ranges import read_range, settle_year
from workbench.pipeline.claims.reading import counted_noun, read_quantity
from workbench.pipeline.claims.words import read_word_special
from workbench.pipeline.numbers import read_number


def read_at(
    text: str, start: int, word: str | None, year: int | None, before: str | None = None
) -> tuple[list[Mention], int]:
    """The mentions that start at a scanner hit (``word`` when it is a number word), and where scanning resumes.

    ``before`` is ``behind(text, start, LOOK_BACK)`` when the scanner has it already."""
    if word is not None:
        special = read_word_special(text, start, word)
        if special is not None:
            if not special.kind:
                return [], special.end
            special.before = behind(text, special.start, LOOK_BACK)
            _attach_hedge(special, special.before)  # "less than a percent", "more than doubled", "nearly a third"
            if special.extra.get("needs_hedge"):
                if special.hedge == "more_than" and _over_spans_the_period(text, special):
                    special.hedge = None  # "spread over a year"
                if special.hedge is None or special.hedge == "about":
                    return [], special.end  # "about a week later" tells the story's time, it bounds nothing
            return [special], special.end
    first = read_quantity(text, start, year)
    if first is None:
        return [], start + 1
    if first.kind == "skip":
        return [], first.end
    if first.kind in ("date", "year_range"):
        return [first], first.end
    if first.bare and text[first.end : first.end + 1] == " " and text[first.end + 1 : first.end + 2] in "ABC":
        era = ERA_AFTER.match(text, first.end)
        if era and text[first.start : first.end].isdigit():
            sign = 1 if era.group(1)[0] in "A" else -1  # "753 B.C.", "2500 BCE", "476 AD"
            year_of_era = Mention(first.start, era.end(), "year", sign * first.value, lead=first.start)
            _attach_hedge(year_of_era, before if before is not None and first.start == start else
                          behind(text, first.start, LOOK_BACK))
            if year_of_era.hedge not in YEAR_HEDGES:
                year_of_era.hedge, year_of_era.lead = None, first.start
            return [year_of_era], era.end()
    reversed_before = before if before is not None and first.start == start else behind(text, first.start, LOOK_BACK)
    first.before = reversed_before
    _attach_hedge(first, reversed_before)
    if first.hedge == "more_than" and first.kind == "duration" and _over_spans_the_period(text, first):
        first.hedge, first.lead = None, first.start  # "cut $772 billion over 10 years": during, not more than
    if first.kind == "duration" and first.value == 1 and first.unit == "days" and first.spelled and \
            not first.hedge and not SPAN_LEADS.match(reversed_before):
        return [], first.end  # "and then one day she called": a way of telling, not a length of time
    if first.kind == "quantity" and first.unit == "bit" and first.spelled:
        return [], first.end  # "not one bit", "a bit": no amount of information
    if text[first.start - 1 : first.start] in OPENING_QUOTES and text[first.end : first.end + 1] in CLOSING_QUOTES \
            and text[first.end - 1 : first.end].isalpha() and LAST_WORD_CAPITALIZED.search(text, first.start, first.end):
        return [], first.end  # "“60 Minutes”", "“Fifty Shades”": a title in quotation marks
    if first.kind == "count" and first.unit == "time" and BY_END.match(behind(text, first.lead, CUE_REACH)):
        first.kind, first.unit = "multiple", "times"  # "could drop by more than five times": a factor
    split = _read_split(text, first, year) if text[first.end : first.end + 1] in DASHES else None
    if split is not None:
        return split, split[-1].end  # before the name rule: "Trump 48-41 percent" is no model number
    if _looks_like_name(text, first, reversed_before):
        return [], first.end
    if first.bare or first.kind == "count" and first.unit is None:
        _read_age_before(text, first)
    ranged = read_range(text, first, year)
    if ranged is not None:
        first = ranged
    elif text.startswith(" or ", first.end) and first.hedge is None and first.value not in (None, 1):
        _read_or_more(text, first)
    if first.year_like:
        settle_year(text, first)
    return [first], first.end



def _read_or_more(text: str, mention: Mention) -> None:
    """The hedge of "150 or more" (at least), "10 or fewer" (at most), "20 years or so" (about); a plain number
    takes the noun after the hedge as what it counts ("10 or more children"), and the span reaches it."""
    if mention.kind not in ("money", "percent", "count", "quantity", "duration") or mention.value_high is not None:
        return
    found = OR_MORE.match(text, mention.end)
    if not found:
        return
    mention.hedge = OR_MORE_HEDGES.get(found.group(1).lower(), "at_least")
    if mention.kind == "count" and mention.unit is None:
        noun = counted_noun(text, found.end(), 2)
        if noun is not None:
            mention.unit, mention.end, mention.bare, mention.year_like = noun[0], noun[1], False, False



def _read_split(text: str, first: Mention, year: int | None) -> list[Mention] | None:
    """Two results written with a dash, the second smaller: "50%-40%", "a 51-44 percent majority", "a 48-to-41
    vote" are a split (a poll, a vote), not a range, and ``first`` takes the unit the second carries; "a 3-to-1
    margin" is a ratio, one multiple. None when this is neither (scores such as "won 2-1" stay unread)."""
    if first.kind not in ("percent", "count") or first.value is None or first.value_high is not None or first.year_like:
        return None
    if first.bare and text[first.start : first.end].isdigit():
        tally = _read_tally(text, first)
        if tally is not None:
            return tally
    separator = DASH_JOIN.match(text, first.end)
    second = read_quantity(text, separator.end(), year) if separator and separator.end() < len(text) else None
    if second is None or second.kind not in ("percent", "count") or second.unit is None or second.value is None \
            or second.value_high is not None or not 0 <= second.value < first.value:
        return None
    if second.kind == "count" and second.value == 1:
        if second.unit not in RATIO_NOUNS or not first.bare:
            return None
        first.kind, first.unit, first.bare, first.anaphora_check = "multiple", "times", False, False
        first.end = read_number(text, second.start).end
        return [first]
    if first.bare:
        first.kind, first.unit, first.bare, first.anaphora_check = second.kind, second.unit, False, False
    elif (first.kind, first.unit) != (second.kind, second.unit):
        return None
    second.before = behind(text, second.start, LOOK_BACK)
    return [first, second]



def _read_tally(text: str, first: Mention) -> list[Mention] | None:
    """Both sides of a vote, each a count of votes; a tie ("a 4-4 vote") and a lone dissent ("an 8-1 vote")
    included, which the split of a poll would not take."""
    tally = TALLY.match(text, first.end)
    if tally is None or not (tally.group(2) or TALLY_BEFORE.match(behind(text, first.lead, 16))):
        return None
    against = int(tally.group(1))
    if against > first.value:
        return None  # "a 17-21 vote" is no winners-first tally; a range or a score, left to other rules
    first.kind, first.unit, first.bare, first.anaphora_check = "count", "vote", False, False
    second = Mention(tally.start(1), tally.end(), "count", float(against), "vote", number=float(against),
                      lead=tally.start(1), before=behind(text, tally.start(1), LOOK_BACK))
    first.extra["tally"] = second.extra["tally"] = True  # "an 8-1 vote": a count of one, still a claim
    return [first, second]



def _read_age_before(text: str, mention: Mention) -> None:
    """"aged 45", "age 87": an age written before the number is a duration in years."""
    age = AGE_BEFORE.match(mention.before, 0, 8) if mention.before is not None else \
        AGE_BEFORE.match(behind(text, mention.start, 8))
    if age and mention.value is not None and 0 < mention.value < 150:
        mention.kind, mention.unit, mention.bare, mention.year_like = "duration", "years", False, False
        mention.start = mention.lead = mention.start - age.end()
        mention.before = None
        mention.anaphora_check = False
    elif mention.bare and mention.value is not None and 0 < mention.value < 130 and mention.value == int(mention.value) \
            and text[mention.start - 2 : mention.start] == ", " and APPOSED_AGE_AFTER.match(text, mention.end) \
            and NAME_BEFORE_COMMA.match(behind(text, mention.start - 2, 24)):
        # "Smith, 59, served as chief of staff": a name, then an age set off by commas
        mention.kind, mention.unit, mention.bare, mention.year_like = "duration", "years", False, False
        mention.anaphora_check = False



def _attach_hedge(mention: Mention, reversed_before: str) -> None:
    """The hedge right before the mention ("more than"), with ``reversed_before`` from ``behind``."""
    match = HEDGE_BEFORE.match(reversed_before)
    if match:
        phrase = " ".join(match.group()[::-1].lower().split())
        if phrase in PREPOSITION_HEDGES and mention.kind != "duration":  # "a decision about 10 years ago"
            head = HEAD_BEFORE.match(reversed_before, match.end())
            if head and head.group(1)[::-1].lower() in PREPOSITION_HEADS:
                return
        mention.hedge = HEDGES.get(phrase)
        if mention.hedge:
            mention.lead = mention.start - match.end()



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



def _looks_like_name(text: str, mention: Mention, before: str) -> bool:
    """Numbers that label rather than count: "Attribution 4.0", "Boeing 737", "Article 5", "COVID-19"."""
    if mention.hedge or text[mention.start].isalpha():
        return False
    if before.lstrip(" \t\u00a0").startswith("©"):
        return True
    if mention.kind != "count" and mention.kind != "quantity":
        return False  # a unit or currency says it is an amount: "Article 5 percent" does not occur
    word = WORD_BEFORE.match(before)
    if word and word.group(3)[::-1].lower() in NAME_CUES:
        return True
    if mention.kind == "quantity":
        return False
    hyphened = HYPHEN_WORD_BEFORE.match(before) if before[:1] == "-" else None
    if hyphened and hyphened.group(1)[-1].isupper():
        return True
    if word and len(word.group(1)) == 1 and not word.group(2):
        token = word.group(3)[::-1].rstrip(".")
        if mention.year_like and token.endswith(("'s", "’s")):
            return False  # "Obama's 2015 nomination": a year after a possessive, not a model number
        if token.lower() not in NOT_NAMES and any(c.isupper() for c in token):
            if mention.year_like and mention.value >= 1800 and _modifies_a_noun(text, mention.start + 4):
                mention.extra["after_name"] = True  # a year even before a plural noun: "Apple 2018 sales"
                return False  # "the Obama 2012 campaign", "Romney 2012 finance chair": the year of a name's event
            return True
    return False
