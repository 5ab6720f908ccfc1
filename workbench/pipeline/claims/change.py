"""Sentence-level context: anaphoric counts, from/to changes, and which mentions are checkable claims at all."""

from __future__ import annotations

import math

from workbench.pipeline.claims.lexicon import CHANGE_WORD_SET, PARTY_NOUNS
from workbench.pipeline.claims.mention import Mention
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


def is_checkable(mention: Mention) -> bool:
    if mention.value is not None and not math.isfinite(mention.value) or (
            mention.value_high is not None and not math.isfinite(mention.value_high)):
        return False  # "999,999,...,999 trillion" overflows a float; no reader could compare it anyway
    if mention.kind == "count":
        grouped = mention.extra.get("grouped", False)  # "turnout was 251,000": thousands separators write amounts
        if mention.bare and not (mention.hedge or mention.role or mention.change_member or grouped):
            return False
        if mention.unit is None and mention.value is not None and mention.value_high is None and not (
            mention.hedge or mention.role or mention.change_member or mention.scale > 1 or grouped
            or "part" in mention.extra
        ):
            return False
        if mention.value == 1 and not mention.hedge and mention.value_high is None and "tally" not in mention.extra:
            return False
        if mention.extra.get("anaphoric"):
            return False
    return True



def mark_changes(text: str, mentions: list[Mention]) -> bool:
    """Roles "from"/"to" and change membership, pairing only within one sentence; whether any change was found."""
    pending: Mention | None = None  # an open change: a "from" value or a change amount
    current_sentence = None
    sentence_mentions: list[Mention] = []
    next_group = [0]
    for mention in mentions:
        sentence = mention.sentence
        if mention.anaphora_check:
            _mark_anaphora(text, mention)
        if sentence != current_sentence:
            pending, current_sentence, sentence_mentions = None, sentence, []
        if mention.kind in ("year", "date", "year_range", "duration"):
            continue  # points and spans of time are not the levels a change moves between
        reversed_before = mention.before if mention.lead == mention.start and mention.before is not None else \
            behind(text, mention.lead, CUE_REACH)
        if mention.kind != "multiple" and not ROLE_CUE_BEFORE.match(reversed_before, 0, CUE_REACH):
            sentence_mentions.append(mention)
            continue  # no "from", "to", "by" or change verb right before: the common case, decided cheaply

        def changing() -> bool:
            """A change verb among the last few words: "has increased from", "rose sharply in May to"."""
            clause_start = clause_start_of(text, mention.lead, sentence[0])
            words = WORDS.findall(text[clause_start : mention.lead].lower())[-CHANGE_REACH_WORDS:]
            return not CHANGE_WORD_SET.isdisjoint(words)

        def continues_to() -> bool:
            """"first to $10 billion and then to $20 billion": a second level of the same change."""
            last = sentence_mentions[-1] if sentence_mentions else None
            return bool(last and last.role == "to" and TO_CHAIN.match(text, last.end, mention.lead))

        if FROM_END.match(reversed_before, 0, CUE_REACH):
            mention.extra["from"] = True
            if changing():
                mention.role = "from"
            level = _level_before(text, sentence_mentions, mention)
            if level is not None:
                level.role, mention.role = "to", "from"
                for between in sentence_mentions[sentence_mentions.index(level) + 1 :]:
                    if between.extra.get("delta") or between.kind == "multiple":
                        _join(level, between, next_group)
                _join(level, mention, next_group)
            pending = mention
        elif TO_END.match(reversed_before, 0, CUE_REACH) and not NOT_A_LEVEL_TO.match(reversed_before, 0, CUE_REACH) \
                and (pending is not None or changing() or continues_to()):
            mention.role = "to"
            if pending is not None and (pending.kind == mention.kind or pending.role is None):
                if pending.extra.get("from"):
                    pending.role = "from"
                _join(pending, mention, next_group)
            pending = None
        elif mention.kind == "multiple" and text[mention.start].isalpha() and mention.unit == "times":
            pending = mention
        elif DELTA_END.match(reversed_before, 0, CUE_REACH) and mention.kind in ("percent", "money", "count",
                                                                                   "quantity") and changing():
            # the amount of a change ("rose by 6 cents"); "voted by 52% to 48%", "passed by 432 votes to 202"
            # split a vote, with no change verb
            mention.extra["delta"] = True
            pending = mention
        sentence_mentions.append(mention)
    return next_group[0] > 0



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



def _join(first: Mention, second: Mention, next_group: list[int]) -> None:
    if first.group is None:
        next_group[0] += 1
        first.group = next_group[0]
    second.group = first.group
    first.change_member = second.change_member = True



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



def _mark_anaphora(text: str, mention: Mention) -> None:
    """Small counts after a definite determiner refer back: "the two countries", "all three nations"."""
    if not mention.anaphora_check or mention.hedge or mention.value is None or mention.value > 12:
        return
    if mention.kind != "count" or mention.value_high is not None:
        return
    before = mention.before if mention.before is not None else behind(text, mention.start, CUE_REACH)
    if ANAPHORIC.match(before, 0, CUE_REACH) or mention.unit in PARTY_NOUNS and POSSESSIVE.match(
            before, 0, CUE_REACH):
        mention.extra["anaphoric"] = True
