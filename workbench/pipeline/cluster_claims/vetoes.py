"""**Conflicts within a story** pair two clusters whose claims state the same quantity of the same subject at the
same reference time with figures no rounding or hedge reconciles. Linking asks "one statement?"; a conflict asks
"one quantity?", so a conflict may join two clusters that linking keeps apart. Flagging needs:

* no rule of :data:`CONFLICT_VETOES` parting the two (an ordered table of named rules, cheap ones first: another
  unit, qualifier, role or "from" value; values that agree; articles more than a day apart; "N other" against a
  total; far apart (25%, or 50% in one frame; a figure hedged towards a bound is near by what it stands for:
  "nearly 12" is 9 to 12); a round figure standing for the other (money only within a fifth of its cell); a later
  higher count (an update); two named subjects; a sentence looking back ("four years ago"); a threshold ("the 60
  votes it needs"); two measure words ("killing 50 ... wounding at least 53") or an age; a figure among many others
  (tables, exit polls); small counts of one to a dozen; whole percentages (polls, groups, shares: outlets that
  disagree on one rate print its decimals); a part against a whole ("including 132", "54 of the total 71"); two
  reference years, or a past one named only by its year ("the 2008 bombing killed 150"); then what the sentences
  say of when, where and how the figure holds (:mod:`.cues`): a tally of votes or delegates; a figure scoped to a
  US state or a province the other does not name; one expected or yet to come against a fact; a countdown printed
  on two days; a figure cut short ("8 percent" for 8.5); an average, a span or a direction against another; a
  running count; the other's figure printed beside one's own for something else; a first printing against a
  revision; a span of time with nothing in common after it; a reading of winds or a market index; two tables; two
  ranks in a race);
* the same subject in words (the counted noun or the measure word and a word beside the number, a rare name of the
  story and a word, or three words) and a statement score of 0.75 or more (the context score, +0.5 when one
  measure is named beside both numbers, else less the crowding penalty and +0.5 for the same word before them);
* neither article printing the other's figure for the same subject, and each claim the other's best in its article.

Not polls, estimates, years or dates. The two claims are kept, so a reviewer sees both sentences.
``conflict_veto`` names the first rule that keeps two claims of one story apart; ``_story_conflicts(..., why=)``
traces every pair to the rule that decided it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from workbench.pipeline.cluster_claims.cues import mention_heads
from workbench.pipeline.cluster_claims.features import (
    CLOSE_DAYS,
    CONFLICT_DAYS,
    ESTIMATE,
    SMALL_COUNT,
    STORY_CONFLICT_DAYS,
    STORY_CONFLICT_RATIO,
    STORY_CONFLICT_SHARED,
    STORY_CONFLICT_STRONG_RATIO,
    STORY_CROWD,
    STORY_CROWD_PENALTY,
    STORY_NAME_BONUS,
    STORY_NAME_SHARE,
    STORY_PRECISE,
    STORY_REPEAT_CONTEXT,
    _meet,
    _same_figure,
    _significant_digits,
)
from workbench.pipeline.cluster_claims.rarity import WordRarity
from workbench.pipeline.cluster_claims.statement import _Claim


def _restates(first: _Claim, second: _Claim, rarity: WordRarity, hedged: bool = False) -> bool:
    """Two claims of one article that state one figure: the same value (and hedge, unless ``hedged``: "at least
    145 dead" and "the toll climbed to 145"), and either specific enough that an article does not use it for two
    things (see ``_Claim.repeatable``), or printed beside the same other figure ("to 25%, up from 10%" twice)."""
    if (
        first.value != second.value
        or first.family != second.family
        or (not hedged and (first.low, first.high) != (second.low, second.high))
    ):
        return False
    if first.unit != second.unit:
        return _counts_one_group(first, second)
    if first.repeatable and second.repeatable:
        return first.story_context(second, rarity) >= STORY_REPEAT_CONTEXT
    if first.subjects_differ(second):
        return False
    return first.figures_agree(second) or _counts_one_group(first, second)


def _counts_one_group(first: _Claim, second: _Claim) -> bool:
    """One article counting one group twice in other words: "60 Russians are being expelled" and "the expulsion of
    60 Russian intelligence officers" (the same number of the same kind of thing, not a small one, in one
    statement: a word beside the number other than the counted noun in common, "expel" here). "11 people inside the
    bar" and "massacred 11 people at a synagogue" are two groups of one size."""
    return (
        first.kind == "count"
        and bool(first.unit)
        and bool(second.unit)
        and first.family == second.family
        and first.specificity >= STORY_PRECISE / 2
        and first.modifiers_agree(second)
        and not (first.months and second.months and not _meet(first.months, second.months))
        and _context_in_common(first, second)
    )


def _context_in_common(first: _Claim, second: _Claim) -> bool:
    """Whether the words beside the two numbers share one besides the counted nouns (see ``_Claim.features``)."""
    heads = {first.head, second.head}
    return any(word in second.features and word not in heads for word in first.features)


def _crowding(first: int, second: int) -> float:
    """Two articles full of figures of one kind (poll tables, vote shares) pair some up by chance: the more
    figures each has, the more evidence a pair needs."""
    crowd = first * second / STORY_CROWD
    return STORY_CROWD_PENALTY * math.log10(crowd) if crowd > 1 else 0.0


def _story_name_weights(claims: list[_Claim]) -> Callable[[str], float]:
    """How much a name two sentences share says, inside one story: nothing for a name most of its sentences give
    ("Trump" in a story about Trump)."""
    names = Counter(name for claim in claims for name in claim.names)
    limit = STORY_NAME_SHARE * len(claims)
    return lambda name: STORY_NAME_BONUS if names[name] <= limit else 0.0


def _same_subject(first: _Claim, second: _Claim, name_weight: Callable[[str], float]) -> bool:
    """Whether two statements of one story are about the same thing, as far as words tell: the counted noun or
    measure and a word beside the number in common ("141 people dead" / "145 people ... dead"), a rare name of the
    story and a word ("Biden ... fifth with 8.5 percent"), or several words ("Dow Jones industrial average fell").
    The counted noun alone ("jobs", "people") makes no two statements one."""
    common = [word for word in first.features if word in second.features and word != first.head]
    shared = len(common)
    if shared >= STORY_CONFLICT_SHARED:
        return True
    if not shared:
        return False
    governing = {first.near_left, second.near_left} - {""}
    if shared >= 2 and not governing.isdisjoint(common):
        return True  # the word that governs one number among two in common: "killing {#}" / "death toll ... {#}"
    measured = first.kind in ("count", "quantity", "duration") and bool(first.unit) and first.unit == second.unit
    measured = measured or bool(first.measure and first.measure == second.measure)  # "killing {#}" / "death toll"
    return measured or any(name_weight(name) for name in first.names if name in second.names)


class Veto(NamedTuple):
    """One named reason why two claims of one story from two articles are not one statement printed with two
    figures (see the module docstring); ``applies`` is symmetric."""

    name: str
    doc: str
    applies: Callable[[_Claim, _Claim], bool]


def _other_unit(first: _Claim, second: _Claim) -> bool:
    return first.unit != second.unit and not (first.kind == "count" and (not first.unit or not second.unit))


def _far_apart(first: _Claim, second: _Claim) -> bool:
    """Far apart in value, where a hedge on a figure of three or more significant digits stretches it no further
    than it prints ("almost $15.7 million" is 15.6 to 15.7 million, not a quarter less: it is not $8.9 million)."""
    ratio = STORY_CONFLICT_STRONG_RATIO if first.same_frame(second) else STORY_CONFLICT_RATIO
    gap = [(min(a, b), max(a, b)) for a in _printed_reach(first) for b in _printed_reach(second)]
    low, high = min(gap, key=lambda pair: pair[1] - pair[0])
    return not (low > 0 and high / low <= ratio)


def _printed_reach(claim: _Claim) -> tuple[float, float]:
    if claim.figures is None and claim.value is not None and _significant_digits(claim.value) >= STORY_PRECISE_DIGITS:
        return (claim.value, claim.value)
    return claim._reach()


# A figure with this many significant digits is precise: a hedge beside it ("almost $15.7 million") does not make it
# stand for a quarter less.
STORY_PRECISE_DIGITS = 3


def _sum_of_parts(first: _Claim, second: _Claim) -> bool:
    """One figure is the total of the other and a figure printed beside it ("increase spending by roughly $300
    billion" / "increase defense spending by $165 billion and hike domestic spending by $131 billion"): a whole
    against a part."""

    def totals(whole: _Claim, part: _Claim) -> bool:
        if whole.value is None or part.value is None or not part.near or whole.figures or part.figures:
            return False
        if abs(whole.value) <= abs(part.value):
            return False
        low, high = whole.low, whole.high  # as printed: "at least 239" is no total of 238 and 109
        for printed in part.near:
            for scale in _SCALES:
                other = printed * scale
                if abs(part.value) / 10 <= abs(other) <= abs(part.value) * 10 and low <= part.value + other <= high:
                    return True
        return False

    return totals(first, second) or totals(second, first)


# The multipliers a printed figure beside a number may carry ("$131 billion" is printed 131).
_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)


def _other_head(first: _Claim, second: _Claim) -> bool:
    """The words beside the two numbers name two measures of the people counted (see ``cues._HEADS``): "murder 58
    people" / "left 59 dead" (the killer is among the dead), "20 others have been released" / "two dozen people
    are believed to have died", "527 injured" / "406 taken to hospital"."""
    mine, theirs = _heads(first), _heads(second)
    return bool(mine and theirs) and mine.isdisjoint(theirs)


def _heads(claim: _Claim) -> set[str]:
    """The measure classes of a claim: its mention's own words ("59 dead") and the words beside it."""
    found = {cue for cue in claim.cues if cue.startswith("head:")}
    found.update(mention_heads(claim.mention))
    return found


def _other_year(first: _Claim, second: _Claim) -> bool:
    return bool(first.years and second.years) and not _meet_years(first.years, second.years)


def _past_year(first: _Claim, second: _Claim) -> bool:
    return (not first.years or not second.years) and first.past_year != second.past_year


def _meet_years(first: tuple[int, ...], second: tuple[int, ...]) -> bool:
    return any(year in second for year in first)


def _either(cue: str) -> Callable[[_Claim, _Claim], bool]:
    return lambda a, b: cue in a.cues or cue in b.cues


def _one_only(cue: str) -> Callable[[_Claim, _Claim], bool]:
    return lambda a, b: (cue in a.cues) != (cue in b.cues)


def _other_place(first: _Claim, second: _Claim) -> bool:
    """One figure is said of a place ("In Ohio, ...", "in Benguet province", "statewide") the other sentence does
    not name."""

    def scoped_elsewhere(mine: _Claim, theirs: _Claim) -> bool:
        places = [cue[3:] for cue in mine.cues if cue.startswith("in:")]
        return bool(places) and not any(f"named:{place}" in theirs.cues for place in places)

    return scoped_elsewhere(first, second) or scoped_elsewhere(second, first)


def _other_sector(first: _Claim, second: _Claim) -> bool:
    """The two figures count different parts of an economy or payroll: "private sector employers added 246,000" is
    a part of "the economy added 236,000", "the federal government cut 4,200" of "governments cut 10,000"."""
    return {cue for cue in first.cues if cue.startswith("sector:")} != {
        cue for cue in second.cues if cue.startswith("sector:")
    }


def _forecast(first: _Claim, second: _Claim) -> bool:
    """One figure is expected and the other is said as a fact (not also of the future: "we can expect him to
    outline ... his five-day visit" / "he will conclude his six-day visit")."""

    def expected(claim: _Claim) -> bool:
        return "forecast" in claim.cues or "future" in claim.cues

    return expected(first) != expected(second)


def _truncated(first: _Claim, second: _Claim) -> bool:
    """The figure with fewer decimals is the other cut short: "8 percent" for 8.5, "3.5 percent" for 3.58 (a
    ratio's "one in five" is no cut of "one in four")."""
    if not (first.point and second.point) or first.value is None or second.value is None or first.kind == "multiple":
        return False
    (step, value), (fine_step, fine) = sorted(
        ((first.unit_step, first.value), (second.unit_step, second.value)), key=lambda pair: -pair[0]
    )
    if step == fine_step or float(fine).is_integer() or step >= 1000:
        return False
    return abs(math.floor(fine / step + 1e-9) * step - value) < step / 1000


def _other_direction(first: _Claim, second: _Claim) -> bool:
    return ("up" in first.cues and "down" in second.cues) or ("down" in first.cues and "up" in second.cues)


def _pairs_other_figure(first: _Claim, second: _Claim) -> bool:
    """The other sentence prints this figure too, beside its own: it gives that figure to something else."""
    return any(_same_figure(first.value, near) for near in second.near if first.value is not None) or any(
        _same_figure(second.value, near) for near in first.near if second.value is not None
    )


def _later_reading(first: _Claim, second: _Claim) -> bool:
    readings = first.unit in READING_UNITS or "reading" in first.cues or "reading" in second.cues
    return first.unit in HOURLY_UNITS or (readings and first.day != second.day)


def _other_rank(first: _Claim, second: _Claim) -> bool:
    mine = {cue for cue in first.cues if cue.startswith("rank:")}
    theirs = {cue for cue in second.cues if cue.startswith("rank:")}
    return bool(mine and theirs) and mine.isdisjoint(theirs)


# Two sentences that each print this many other figures are two tables.
TWO_LISTS_FIGURES = 3
# Units of readings that change from one day to the next: wind speeds, index points, temperatures. A storm's winds
# are read again every few hours, so two articles of one day may print two readings; a market index closes once.
READING_UNITS = frozenset("mph kph knot point degree".split())
HOURLY_UNITS = frozenset("mph kph knot".split())


# Cheap rules first; the first that applies names the veto.
CONFLICT_VETOES: tuple[Veto, ...] = (
    Veto("other-unit", "another unit or measure: miles are not kilometres, homes are not structures", _other_unit),
    Veto(
        "other-qualifier",
        'words in the mentions tell the counted things apart: "23 British diplomats" / "23 Russian diplomats"',
        lambda a, b: not a.modifiers_agree(b),
    ),
    Veto(
        "values-agree", "rounding or a hedge reconciles the two figures", lambda a, b: not a.story_contradicts_values(b)
    ),
    Veto(
        "days-apart",
        "the articles are more than a day apart (or undated): later figures are news",
        lambda a, b: not a.close_to(b, STORY_CONFLICT_DAYS),
    ),
    Veto(
        "others-vs-total",
        '"38 other senators" and "39 senators" agree',
        lambda a, b: a.counts_others != b.counts_others,
    ),
    Veto(
        "other-role",
        'where a change started and where it ended are two facts, and a "from" value is one no longer true',
        lambda a, b: bool(a.role and b.role and a.role != b.role) or "from" in (a.role, b.role),
    ),
    Veto("far-apart", "outlets that disagree print 141 and 145 dead, not 29 and 200", _far_apart),
    Veto(
        "rounding",
        '"the 400-page report" is a way of saying 448 pages (not for money: amounts are copied)',
        lambda a, b: a.approximates(b) or b.approximates(a),
    ),
    Veto("update", "a count printed a day later and higher: it rose", lambda a, b: a.updates(b) or b.updates(a)),
    Veto(
        "other-subject",
        '"Clinton has 1,243" / "Sanders has 1,056"; "Indiana has 57" / "Pennsylvania 71"',
        lambda a, b: a.subjects_differ(b),
    ),
    Veto(
        "looks-back",
        'a sentence recalls an earlier event ("has occurred before ... killed all 121", "four years ago"): which one'
        " is not known",
        lambda a, b: a.past or b.past,
    ),
    Veto("threshold", '"the 60 votes it needs" is no count of votes cast', lambda a, b: a.threshold != b.threshold),
    Veto(
        "other-measure",
        'the words beside the numbers name two measures ("killing 50 people and wounding at least 53 more"), or one'
        ' is an age ("a 19-year-old man"): whose age is another question',
        lambda a, b: a.measures_differ(b) or "age" in (a.measure, b.measure),
    ),
    Veto(
        "in-a-list",
        "a figure among several others (tables, exit polls) pairs up by chance, unless a name says of what",
        lambda a, b: (a.listed or b.listed) and not (a.subjects and _meet(a.subjects, b.subjects)),
    ),
    Veto(
        "small-counts",
        'one story counts many groups of one to a dozen ("four governors", "three witnesses"): they differ',
        lambda a, b: a.kind == "count" and min(abs(a.value or 0), abs(b.value or 0)) < SMALL_COUNT,
    ),
    Veto(
        "whole-percents",
        "whole percentages of one story are polls, groups and shares; outlets that disagree on one rate print its"
        " decimals (2.3% / 2.4%)",
        lambda a, b: a.kind == "percent" and float(a.value or 0).is_integer() and float(b.value or 0).is_integer(),
    ),
    Veto(
        "part-of-whole",
        '"including 132 children", "9 of whom were staff": a part is not the total',
        lambda a, b: a.part != b.part,
    ),
    Veto(
        "other-time",
        'a figure is anchored to another time ("Before Saturday, Trump had 742", "originally hoped for 500,000"; two'
        ' anchors, "As of April 4, 86 deaths" / "Earlier this week, 118 deaths", are two times too)',
        lambda a, b: a.anchored or b.anchored,
    ),
    Veto("other-year", 'the two figures are said of different years ("in 2008" / "in 2014")', _other_year),
    Veto(
        "past-year", 'one figure is of a past event named only by its year ("the 2008 bombing killed 150")', _past_year
    ),
    Veto(
        "tallies",
        'votes and delegates are counted per bill, candidate and state, and again each hour of a count ("Sanders has'
        ' 567 delegates" / "691 delegates are at stake", "voted 236-191" / "passing on a 218-209 vote")',
        lambda a, b: _either("tally")(a, b) and not (a.threshold and b.threshold),
    ),
    Veto(
        "other-sector",
        'one figure counts a sector the other does not name ("private sector employers added 246,000 jobs" / "the'
        ' economy added 236,000 jobs")',
        _other_sector,
    ),
    Veto(
        "other-place",
        'one figure is said of a place the other sentence does not name ("In Ohio, ... an unemployment rate of 7.3%"'
        ' / "unemployment above 8 percent")',
        _other_place,
    ),
    Veto(
        "expected-vs-fact",
        'one figure is what was expected or what will be ("they had been expecting about 160,000 jobs", "there will'
        ' be 39 senators", "If the storm hits ..., the 130 mph winds") and the other is said as a fact',
        _forecast,
    ),
    Veto(
        "countdown",
        'days left to a coming day, printed on two days ("eight days to go until the election" / "seven days left")',
        lambda a, b: _either("countdown")(a, b) and a.day != b.day,
    ),
    Veto(
        "truncated",
        'the figure with fewer decimals is the other cut short ("fifth with 8 percent" / "fifth with 8.5 percent")',
        _truncated,
    ),
    Veto(
        "usual-vs-one",
        'an average or usual figure against one instance ("average job gains of 202,000" / "188,000 in June")',
        lambda a, b: a.generic != b.generic,
    ),
    Veto(
        "other-period",
        'one figure totals a span or gives a rate ("151,000 jobs over the past five months", "202,000 a month") and'
        " the other does not",
        _one_only("period"),
    ),
    Veto(
        "other-direction",
        'one figure is a rise and the other a fall ("closed 1,985 points higher" / "2,352.60 points lower")',
        _other_direction,
    ),
    Veto(
        "running",
        'a figure said of the moment of writing ("so far", "currently", "remain hospitalized", "with 91% of precincts'
        " reporting\"): another article's reading an hour later differs without contradicting it",
        _either("running"),
    ),
    Veto(
        "pairs-other-figure",
        'the other sentence prints this figure too, for something else ("Warren ... 9 percent" / "Warren and Biden'
        ' ... with 9.4 percent and 8.4 percent")',
        _pairs_other_figure,
    ),
    Veto(
        "first-vs-revised",
        'a first printing against a revision ("in its initial report, 165,000 jobs" / "a revised 149,000 jobs")',
        lambda a, b: _one_only("first")(a, b) or _one_only("revised")(a, b),
    ),
    Veto(
        "other-scope",
        'one figure leaves out part of the group or counts the attacker in ("37 states besides Montana", "37 states'
        ' have similar provisions", "59 dead including the gunman") and the other does not ("one of 38 states")',
        _one_only("scope"),
    ),
    Veto("other-head", 'two measures of the people counted ("murder 58 people" / "left 59 dead")', _other_head),
    Veto(
        "sum-of-parts",
        'one figure totals the other and a figure beside it ("roughly $300 billion" / "$165 billion and ... $131'
        ' billion")',
        _sum_of_parts,
    ),
    Veto(
        "bare-duration",
        'a span of time says of what only by the words after it ("for 36 years", "12 years under his brother"): two'
        ' spans need the same one ("16 hours of peace talks" / "17 hours of talks")',
        lambda a, b: a.kind == "duration" and not a.same_measure(b),
    ),
    Veto(
        "later-reading",
        'a reading that changes by the hour: the winds of a storm ("winds weakened to 125 mph" / "a storm with 120 mph'
        ' winds"), or a market index or temperature printed on two days ("the Dow ... to 27,960.80" / "the Dow ... at'
        ' 26,596.28" a day later)',
        _later_reading,
    ),
    Veto(
        "two-lists",
        "both figures sit among three or more others (two tables of rates by group): which row pairs with which is a guess,"
        " even when the same groups are named",
        lambda a, b: min(len(a.near), len(b.near)) >= TWO_LISTS_FIGURES,
    ),
    Veto(
        "vague-vs-figure",
        'a word for many or a wide range ("rose 164,000 to 12.2 million", "dozens") is not a printing of one figure',
        lambda a, b: _vague_vs_figure(a, b),
    ),
    Veto(
        "other-rank",
        'the places beside the numbers differ ("Warren finished fourth with 9 percent" / "Biden finished fifth with'
        ' 8.5 percent"): other candidates',
        _other_rank,
    ),
)


def conflict_veto(first: _Claim, second: _Claim) -> str | None:
    """The name of the first rule of :data:`CONFLICT_VETOES` that says two claims of one story from two articles are
    not one statement printed with two figures, or None when none does."""
    for veto in CONFLICT_VETOES:
        if veto.applies(first, second):
            return veto.name
    return None


# -- linking across stories --------------------------------------------------------------------------------------


def _other_poll(first: _Claim, second: _Claim) -> bool:
    # Undated articles keep the stricter evidence level alone: nothing tells their polls apart in time.
    return (
        (first.poll or second.poll)
        and first.day is not None
        and second.day is not None
        and not first.close_to(second, CLOSE_DAYS)
    )


# The words of a poll's methodology note ("the survey's overall sampling error is plus or minus 3 points"; poll,
# survey and sampling fold into "estimate"): every poll prints them, so they tell no poll from another.
_POLL_NOTE = frozenset({ESTIMATE, "margin", "error", "plus", "minus", "overall", "full", "sample", "result"})
POLL_NOTE_SHARED = 2  # words beyond the note's own that two notes of one poll share (who was asked, how, when)


def _poll_note(claim: _Claim) -> bool:
    """A poll's own figure (``_Claim.poll``) in a sentence about its error: its methodology note."""
    return claim.poll and "error" in claim.topic


def _other_poll_note(first: _Claim, second: _Claim) -> bool:
    if (first.story is not None and first.story == second.story) or not (_poll_note(first) and _poll_note(second)):
        return False
    shared = set(first.topic).intersection(second.topic) - _POLL_NOTE
    return len(shared) < POLL_NOTE_SHARED


def _vague_vs_figure(first: _Claim, second: _Claim) -> bool:
    return first.vague != second.vague


def _other_range(first: _Claim, second: _Claim) -> bool:
    if first.figures is None or second.figures is None:
        return False
    return not all(_same_figure(mine, theirs) for mine, theirs in zip(first.figures, second.figures, strict=True))


def _hedged_apart(first: _Claim, second: _Claim) -> bool:
    hedged = not (first.point and second.point) and first.figures is None and second.figures is None
    return (
        hedged
        and first.value != second.value
        and first.day is not None
        and second.day is not None
        and not first.close_to(second, CONFLICT_DAYS)
    )


def _told_apart_in_stories(first: _Claim, second: _Claim) -> bool:
    return (
        first.story is not None
        and second.story is not None
        and first.story != second.story
        and (not first._story_words_agree(second) or first.subjects_differ(second))
    )


def _opposite_changes(first: _Claim, second: _Claim) -> bool:
    # a change's "from" or "to" value is a level: "fell to 7.7% from 7.9%" states October's 7.9, as "rose to 7.9" did
    return not first.role and not second.role and _other_direction(first, second)


# A figure paired with another as one result: "voted 228 to {#}", "a {#}-46 lead" (``#``: another number).
_PAIRED = re.compile(r"#\s*(?:to|-|–)\s*\{#\}|\{#\}\s*(?:to|-|–)\s*#")


def _tallied(claim: _Claim) -> bool:
    """The figure is one side of a result printed as two numbers: which result it is shows in the other side."""
    return _PAIRED.search(claim.statement) is not None


def _other_tallies(first: _Claim, second: _Claim) -> bool:
    return _tallied(first) and _tallied(second) and bool(first.near and second.near) and not first.figures_agree(second)


_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")


def _printed_range(claim: _Claim) -> bool:
    """A range printed as two numbers ("between $628,000 and $1.72 million", "1983-1984"), not a word for many
    ("dozens") or a decade ("the 1980s")."""
    return claim.figures is not None and not claim.vague and len(_DIGIT_RUN.findall(claim.mention)) >= 2


def _other_printed_ranges(first: _Claim, second: _Claim) -> bool:
    return _printed_range(first) and _printed_range(second) and _other_range(first, second)


# Rules that part two claims however alike their statements and figures, inside a story as across stories.
SAME_FIGURE_VETOES: tuple[Veto, ...] = (
    Veto(
        "opposite-changes",
        "one figure is a rise and the other a fall, neither the from/to level of a change ('the Shanghai Composite "
        "gaining 0.83 percent' / 'ended the day down 0.8 percent'): two moves, not one rounded two ways",
        _opposite_changes,
    ),
    Veto(
        "other-tallies",
        "both figures are one side of a result printed as two numbers, and the other sides differ ('voted 228 to "
        "197' / 'adopted by 230 to 197'): two votes that share one count",
        _other_tallies,
    ),
    Veto(
        "other-printed-ranges",
        "two ranges printed with other ends ('between $628,000 and $1.72 million' / 'between nearly $1.3 million and "
        "$3.1 million' of two senators' stock sales): overlapping is not being one figure, inside a story too",
        _other_printed_ranges,
    ),
)


def same_figure_veto(first: _Claim, second: _Claim) -> str | None:
    """The name of the first rule of :data:`SAME_FIGURE_VETOES` that parts two claims, or None."""
    for veto in SAME_FIGURE_VETOES:
        if veto.applies(first, second):
            return veto.name
    return None


LINK_VETOES: tuple[Veto, ...] = (
    Veto(
        "other-poll",
        "a poll's figure (a result, a margin of error, a sample size) printed more than 60 days from the other: "
        "another poll gives the same 3 points or 1,000 voters by chance; the far evidence level did not stop it, as "
        "every methodology note shares 'margin of error plus or minus'",
        _other_poll,
    ),
    Veto(
        "other-poll-note",
        "two polls' methodology notes ('the survey's overall sampling error is plus or minus three percentage "
        "points' / 'the full poll has a margin of sampling error of plus or minus three percentage points') that "
        "describe their polls in no words alike: every poll prints the same margin, whatever the days between",
        _other_poll_note,
    ),
    Veto(
        "vague-vs-figure",
        "a word for many ('hundreds of thousands of immigrants') is not a printing of a figure ('nearly 1 million "
        "immigrants'), as within a story",
        _vague_vs_figure,
    ),
    Veto(
        "bare-vague",
        "a word for many with no counted noun ('Republicans blew through millions', 'outside groups have spent "
        "millions') names nothing of its own: two such are two facts",
        lambda a, b: a.bare_vague or b.bare_vague,
    ),
    Veto(
        "other-range",
        "two ranges with other ends ('ages 30 to 49' / 'between 18 and 55'): overlapping is not being one figure",
        _other_range,
    ),
    Veto(
        "hedged-apart",
        "two printed figures that only a hedge reconciles, more than a week apart ('93% less land' / 'about 95 "
        "percent less land', 'almost $7 million' / 'nearly $6.8 million'): outlets covering one event in one week "
        "round and hedge one figure, but later a different figure is another fact",
        _hedged_apart,
    ),
    Veto(
        "told-apart-in-stories",
        "two claims of two stories whose words beside the figures tell them apart as they would inside one story "
        "(a qualifier: 'two other conservative justices' / 'two Trump-appointed associate justices'; a measure, a "
        "month, the subject of the clause): shared rare words of two events do not make them one",
        _told_apart_in_stories,
    ),
    *SAME_FIGURE_VETOES,
)


def link_veto(first: _Claim, second: _Claim) -> str | None:
    """The name of the first rule of :data:`LINK_VETOES` that says two claims whose statements match are still two
    facts, or None. These part claims the word evidence of ``_Claim.same_statement`` joins across stories: on the
    corpus sample they were the poll notes, vague amounts and ranges among the wrong merges."""
    for veto in LINK_VETOES:
        if veto.applies(first, second):
            return veto.name
    return None
