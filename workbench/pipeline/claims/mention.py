"""The typed mention the claims rules decide on, and the table of those rules (``RULES``), in pipeline order.

Every stage is one decision point of the extractor, run by the engine of ``workbench.pipeline.rules``; the rules of
a stage are tried in the order their modules register them (the package imports the modules in pipeline order):

scan · odd · glued · prefix · month · multiplier · period · fraction · half · scale · digits · unit · code ·
position · noun · group · bare
    reading: where a quantity starts, what it is (number words, digit forms, the unit or noun after the number)
era · hedge · unhedge · bound · reject · reread · split · label · model · age · year_range · range · or_more · year
    the words around a freshly read quantity: hedges, idioms, labels, splits, ages, ranges, years
escape · page · date · anaphora · change · part · finite · checkable · target · speaker
    the whole text: page furniture, undated dates, counts that refer back, from/to changes, parts of a group
    ("including 48 at the embassy"), which mentions are claims at all, goals, and where the speaker came from

Two stages are not run by ``first``: the scanner inlines the one "glued" rule (it runs at every digit), and every
"page" rule runs (each names the stretches of page furniture it covers). A stage runs only where its rules can
apply, a condition each call site states next to the call (the "checkable" rules judge counts that lack a unit, a
noun or a context; the "reject" rules spelled idioms and quoted words; the "label" rules a cue word, a hyphen or
"©" before the number; the unit and digit rules start at the first that the next characters allow), so a plain
mention costs few rule calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.pipeline.rules import Trace, rule_set
from workbench.pipeline.sentences import Sentence

STAGES = (
    "scan",
    "odd",
    "glued",
    "prefix",
    "month",
    "multiplier",
    "period",
    "fraction",
    "half",
    "scale",
    "digits",
    "unit",
    "code",
    "position",
    "noun",
    "group",
    "bare",
    "era",
    "hedge",
    "unhedge",
    "bound",
    "reject",
    "reread",
    "split",
    "label",
    "model",
    "age",
    "year_range",
    "range",
    "or_more",
    "year",
    "escape",
    "page",
    "date",
    "anaphora",
    "change",
    "part",
    "finite",
    "checkable",
    "target",
    "speaker",
)
RULES = rule_set("claims", STAGES)
rule = RULES.rule


@dataclass(slots=True)
class _Reading:
    """What every mention has: where it is, what it was read as, and what the context rules made of it."""

    start: int
    end: int
    kind: str  # a claim kind; "" or "skip" for a reading that is no quantity (dropped, with the rule that said so)
    value: float | None
    unit: str | None = None
    value_high: float | None = None
    scale: float = 1.0  # multiplier taken from a scale word, so a range partner can share it
    number: float | None = None  # the number as written, before scale and unit factor
    factor: float = 1.0  # unit conversion applied to the value (10 for decades to years), shared the same way
    spelled: bool = False
    year_like: bool = False  # four digits that read as a year unless a unit or noun says otherwise
    bare: bool = False  # no unit, noun or scale: kept only when a hedge or a change makes it checkable
    anaphora_check: bool = False  # a plain count, which "the two countries" style context can cancel
    lead: int = 0  # start of the hedge, or of the mention when there is none
    hedge: str | None = None
    role: str | None = None
    group: int | None = None
    target: bool = False
    change_member: bool = False
    sentence: Sentence = (0, 0)
    before: str | None = None  # the LOOK_BACK characters before ``start``, reversed, kept for later context rules
    trace: Trace = field(default_factory=list)  # the names of the rules that fired on it, in order


class Mention(_Reading):
    """A quantity found in the text, before and while the context rules decide whether and how it is a claim.

    The flags below are set by the rules that decide them, on the few mentions they concern; for the others they
    are the class's defaults, so reading a number costs no assignment for each (thousands of numbers an article)."""

    needs_hedge: bool = False  # "a year", "an hour": one unit of time is a length only with a hedge that bounds it
    year_from_published: bool = False  # a date written without its year, which took the publication's
    part: bool = False  # a counted part of a group ("10 of whom"), checkable without a noun of its own
    grouped: bool = False  # digits with thousands separators ("251,000"), which write amounts, not labels
    tally: bool = False  # one side of a vote's tally ("an 8-1 vote"): a count of one that is still a claim
    after_name: bool = False  # a year after a name ("the Obama 2012 campaign"): a year even before a plural noun
    from_cue: bool = False  # "from" right before it: the start of a change once a "to" follows
    delta: bool = False  # the amount of a change ("rose by 6 cents"), which shares the change's group
    anaphoric: bool = False  # refers back to things already named ("the two countries"): no new figure


read_by = RULES.read
"""What the first firing rule of a reading stage reads (a mention, or None), with that rule's name on its trace
(after the names its own sub-readings traced: "25k people" reads the noun of the scaled number, then the letter
scale, the order in which they fired)."""


def dropped(mention: Mention, rejected: list[Mention] | None) -> list[Mention]:
    """No mention to keep; ``rejected`` (when ``explain`` asks for it) keeps it, with the rule that dropped it."""
    if rejected is not None:
        rejected.append(mention)
    return []


def also_traced(mention: Mention, name: str) -> None:
    """Record on a partner mention the rule that changed it too (the "from" end of a change the "to" closes)."""
    if not mention.trace or mention.trace[-1] != name:
        mention.trace.append(name)
