"""Sentence-level context: counts that refer back ("anaphora"), from/to changes ("change"), and which mentions are
checkable claims at all ("checkable")."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from math import isfinite

from workbench.models import EXACT_KINDS
from workbench.pipeline.claims.lexicon import CHANGE_WORD_SET, PARTY_NOUNS
from workbench.pipeline.claims.mention import RULES, Mention, also_traced, rule
from workbench.pipeline.claims.patterns import (
    ANAPHORIC,
    CHANGE_REACH_WORDS,
    COMPARED,
    CUE_REACH,
    DELTA_END,
    FROM_END,
    NOT_A_LEVEL_TO,
    POSSESSIVE,
    ROLE_CUE_BEFORE,
    TO_CHAIN,
    TO_END,
    WORDS,
    behind,
    clause_start_of,
)


@dataclass(slots=True)
class Changes:
    """What the change rules know while they walk one text's mentions in order."""

    text: str
    pending: Mention | None = None  # an open change: a "from" value or a change amount
    sentence_mentions: list[Mention] = field(default_factory=list)  # the earlier amounts of the current sentence
    groups: int = 0  # change groups numbered so far

    def changing(self, mention: Mention) -> bool:
        """A change verb among the last few words: "has increased from", "rose sharply in May to"."""
        clause_start = clause_start_of(self.text, mention.lead, mention.sentence[0])
        words = WORDS.findall(self.text[clause_start : mention.lead].lower())[-CHANGE_REACH_WORDS:]
        return not CHANGE_WORD_SET.isdisjoint(words)

    def join(self, first: Mention, second: Mention, name: str) -> None:
        """Put two mentions into one change group; ``name`` is the rule that joined them, traced on both."""
        if first.group is None:
            self.groups += 1
            first.group = self.groups
        second.group = first.group
        first.change_member = second.change_member = True
        also_traced(first, name)


def mark_changes(text: str, mentions: list[Mention]) -> bool:
    """Roles "from"/"to" and change membership, pairing only within one sentence; whether any change was found.
    Counts that may refer back ("the two countries") are judged on the way ("anaphora" rules)."""
    state = Changes(text)
    current_sentence = None
    for mention in mentions:
        sentence = mention.sentence
        if (
            mention.anaphora_check
            and not mention.hedge
            and mention.value is not None
            and mention.value <= 12
            and mention.kind == "count"
            and mention.value_high is None
        ):
            before = mention.before if mention.before is not None else behind(text, mention.start, CUE_REACH)
            # what the "anaphora" rules need before the count: a determiner ("the"), or a possessive before parties
            if mention.unit in PARTY_NOUNS or ANAPHORIC.match(before, 0, CUE_REACH):
                RULES.first("anaphora", mention.trace, mention, before)
        if sentence != current_sentence:
            state.pending, current_sentence, state.sentence_mentions = None, sentence, []
        if mention.kind in EXACT_KINDS:
            continue  # points and spans of time are not the levels a change moves between
        reversed_before = (
            mention.before
            if mention.lead == mention.start and mention.before is not None
            else behind(text, mention.lead, CUE_REACH)
        )
        if mention.kind == "multiple" or ROLE_CUE_BEFORE.match(reversed_before, 0, CUE_REACH):
            # only after "from", "to", "by" or a change verb: the common case is decided without the rules
            RULES.first("change", mention.trace, state, mention, reversed_before)
        state.sentence_mentions.append(mention)
    return state.groups > 0


@rule(
    "anaphora",
    examples=["Talks between [[the two countries]] resumed.", "[[All three nations]] signed."],
    counter=["[[Two countries]] signed.", "They met the [[two dozen]] envoys."],
)
def definite_determiner(mention: Mention, before: str) -> bool:
    """A small count after a definite determiner refers back ("the two countries", "all three nations")."""
    if ANAPHORIC.match(before, 0, CUE_REACH):
        mention.anaphoric = True
        return True
    return False


@rule("anaphora", examples=["Trade between [[our two countries]] grew."], counter=["[[Its 11 founders]] met."])
def party_possessive(mention: Mention, before: str) -> bool:
    """Parties after a possessive ("our two countries") are counted by their owners: no new figure.

    Other possessives state a count of their own ("its 11 founders")."""
    if mention.unit in PARTY_NOUNS and POSSESSIVE.match(before, 0, CUE_REACH):
        mention.anaphoric = True
        return True
    return False


@rule(
    "change",
    examples=["Trade grew from [[$600 million]] to $3 billion.", "Sales hit $5bn, up 3% from [[$4.8bn]]."],
    counter=["Trade grew to [[$3 billion]]."],
)
def change_from(state: Changes, mention: Mention, reversed_before: str) -> bool:
    """ "from" before an amount opens a change; it is the "from" end under a change verb or a compared level.

    In "$5bn, up 3% from $4.8bn" the earlier level ($5bn) becomes the "to" end."""
    if not FROM_END.match(reversed_before, 0, CUE_REACH):
        return False
    mention.from_cue = True
    if state.changing(mention):
        mention.role = "from"
    level = _level_before(state.text, state.sentence_mentions, mention)
    if level is not None:
        level.role, mention.role = "to", "from"
        for between in state.sentence_mentions[state.sentence_mentions.index(level) + 1 :]:
            if between.delta or between.kind == "multiple":
                state.join(level, between, "change_from")
        state.join(level, mention, "change_from")
    state.pending = mention
    return True


def _level_before(text: str, earlier: list[Mention], origin: Mention) -> Mention | None:
    """In "$5bn, up 3% from $4.8bn" (or "to $5bn from $4.8bn") the earlier value is the level after the change."""
    for candidate in reversed(earlier):
        if candidate.kind != origin.kind or candidate.unit != origin.unit:
            continue
        gap = text[candidate.end : origin.lead]
        if len(gap) <= 60 and (candidate.role == "to" or COMPARED.search(gap)):
            return candidate
        return None
    return None


@rule(
    "change",
    examples=[
        "Trade grew from $600 million to [[$3 billion]].",
        "Sales rose 20% to [[$5 billion]].",
        "It rose first to $10 billion and then to [[$20 billion]].",
    ],
    counter=["He gave it to [[300 people]].", "In addition to [[30 rules]] it added more."],
)
def change_to(state: Changes, mention: Mention, reversed_before: str) -> bool:
    """ "to" before an amount is the level a change reaches ("grew from $600 million to $3 billion").

    It needs an open "from" or change amount, a change verb, or an earlier "to" level ("first to $10 billion
    and then to $20 billion"); fixed phrases ("due to", "in addition to") are none."""
    if not TO_END.match(reversed_before, 0, CUE_REACH) or NOT_A_LEVEL_TO.match(reversed_before, 0, CUE_REACH):
        return False
    pending = state.pending
    if pending is None and not state.changing(mention) and not _continues_to(state, mention):
        return False
    mention.role = "to"
    if pending is not None and (pending.kind == mention.kind or pending.role is None):
        if pending.from_cue:
            pending.role = "from"
        state.join(pending, mention, "change_to")
    state.pending = None
    return True


def _continues_to(state: Changes, mention: Mention) -> bool:
    """ "first to $10 billion and then to $20 billion": a second level of the same change."""
    last = state.sentence_mentions[-1] if state.sentence_mentions else None
    return bool(last and last.role == "to" and TO_CHAIN.match(state.text, last.end, mention.lead))


@rule("change", examples=["Output [[doubled]] to 2 million barrels."], counter=["Output rose [[5-fold]] since 2010."])
def multiple_opens_change(state: Changes, mention: Mention, reversed_before: str) -> bool:
    """A verb of multiplying ("doubled to") is the amount of a change whose level may follow."""
    if mention.kind == "multiple" and state.text[mention.start].isalpha() and mention.unit == "times":
        state.pending = mention
        return True
    return False


@rule(
    "change",
    examples=["Prices rose by [[6 cents]] to $27.90.", "Sales jumped [[20%]] to $5 billion."],
    counter=["The bill passed by [[52%]] to 48%."],
)
def change_amount(state: Changes, mention: Mention, reversed_before: str) -> bool:
    """After "by" or a change verb an amount is how much a change moved ("rose by 6 cents").

    It joins the level it leads to; "voted by 52% to 48%" splits a vote, with no change verb."""
    if (
        not DELTA_END.match(reversed_before, 0, CUE_REACH)
        or mention.kind not in ("percent", "money", "count", "quantity")
        or not state.changing(mention)
    ):
        return False
    mention.delta = True
    state.pending = mention
    return True


def number_change_groups(mentions: list[Mention]) -> None:
    """Renumber groups 1, 2, ... in text order after some mentions were dropped; lone members lose theirs."""
    sizes: dict[int, int] = {}
    for mention in mentions:
        if mention.group is not None:
            sizes[mention.group] = sizes.get(mention.group, 0) + 1
    renumber: dict[int, int] = {}
    for mention in mentions:
        if mention.group is None:
            continue
        if sizes[mention.group] < 2:
            mention.group = None
            continue
        mention.group = renumber.setdefault(mention.group, len(renumber) + 1)


def is_checkable(mention: Mention) -> bool:
    """Whether a mention is a claim; the rule that says it is none is traced on it. Only counts can lack what makes
    a figure checkable (a unit, a hedge, a change)."""
    value, high = mention.value, mention.value_high
    if not (value is None or isfinite(value)) or not (high is None or isfinite(high)):
        return RULES.first("finite", mention.trace, mention) is None  # the guard below, which fires
    if mention.kind != "count" or not (mention.bare or mention.unit is None or mention.value == 1 or mention.anaphoric):
        return True  # what the rules below look for: a bare count, one without a noun, a count of one, anaphora
    return RULES.first("checkable", mention.trace, mention) is None


@rule("finite", counter=["It cost [[$5 trillion]]."])
def not_finite(mention: Mention) -> bool:
    """A value that overflows a float is no figure a reader could compare.

    A guard: the scanner skips runs of sixty characters, so no written number reaches it."""
    return (
        mention.value is not None
        and not math.isfinite(mention.value)
        or (mention.value_high is not None and not math.isfinite(mention.value_high))
    )


@rule("checkable", examples=["He scored [[251]] in the match."], counter=["Turnout rose to more than [[251]]."])
def bare_count(mention: Mention) -> bool:
    """A bare number (no unit, noun or scale) is a claim only with a hedge, a change or separators."""
    return mention.bare and not (mention.hedge or mention.role or mention.change_member or mention.grouped)


@rule("checkable", examples=["There were [[a dozen]]."], counter=["[[Two]] of whom were children."])
def count_without_noun(mention: Mention) -> bool:
    """A count that names nothing it counts is no claim without a hedge, change, scale or group."""
    return (
        mention.unit is None
        and mention.value is not None
        and mention.value_high is None
        and not (
            mention.hedge
            or mention.role
            or mention.change_member
            or mention.grouped
            or mention.scale > 1
            or mention.part
        )
    )


@rule(
    "checkable",
    examples=["[[One person]] died."],
    counter=["More than [[one person]] died.", "The board voted 8-[[1]] to approve it."],
)
def count_of_one(mention: Mention) -> bool:
    """A count of one thing ("one person") is no figure to check, unless hedged or one side of a vote."""
    return mention.value == 1 and not mention.hedge and mention.value_high is None and not mention.tally


@rule("checkable", examples=["Talks between [[the two countries]] resumed."], counter=["[[Two countries]] signed."])
def refers_back(mention: Mention) -> bool:
    """A count that refers back to things already named (the "anaphora" rules) states no new figure."""
    return mention.anaphoric
