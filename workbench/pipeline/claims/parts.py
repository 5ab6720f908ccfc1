"""Counts of a part of a group that leave the noun out: "60 Russians are being expelled, including 48 at the Russian
embassy and 12 at the United Nations", "its 24 delegates: 9 for Sanders, 9 for Buttigieg and 6 for Klobuchar".

The number is bare, so on its own it is no claim; what makes it one is the group it divides (a larger count of the
same sentence, or "including" right before it) and the name it is given to or placed at after a preposition."""

from __future__ import annotations

import re

from workbench.pipeline.claims.mention import RULES, Mention, rule
from workbench.pipeline.claims.patterns import BLANK, behind

# After the number: a preposition that places or gives the part, then within a few words a name ("at the Russian
# embassy", "for Sanders", "at the country's mission to the United Nations").
PART_AFTER = re.compile(
    BLANK
    + r"+(?:at|in|for|from|(?:attached|assigned|posted)"
    + BLANK
    + r"+to)"
    + BLANK
    + r"+(?:[a-z’'\-]+"
    + BLANK
    + r"+){0,5}[A-Z]"
)
INCLUDING_BEFORE = re.compile(r"\s*(?:gnidulcni|sedulcni|edulcni|dedulcni)(?![\w])")  # reversed
LIST_END = re.compile(r"(?:,|,?" + BLANK + r"+and)" + BLANK + r"+\Z")  # ", " or " and " before the next part
LIST_GAP = 80  # characters from one part to the next at most
PART_REACH = 24


def mark_parts(text: str, mentions: list[Mention]) -> None:
    """Bare counts followed by a preposition and a name become counts of a part (the "part" rules)."""
    previous: Mention | None = None
    groups: list[Mention] = []
    for mention in mentions:
        if previous is None or previous.sentence != mention.sentence:
            groups, previous = [], None
        if (
            mention.bare
            and mention.kind == "count"
            and mention.value is not None
            and not mention.hedge
            and PART_AFTER.match(text, mention.end)
        ):
            RULES.first("part", mention.trace, text, mention, groups, previous)
        if mention.kind == "count" and mention.unit is not None and mention.value is not None:
            groups.append(mention)
        previous = mention


def _as_part(mention: Mention, unit: str | None) -> bool:
    mention.unit, mention.bare, mention.part, mention.anaphora_check = unit, False, True, False
    return True


@rule(
    "part",
    examples=[
        "A total of 60 Russians are being expelled, including [[48]] at the Russian embassy.",
        "Its 24 delegates would be split: [[9]] for Sanders, 9 for Buttigieg.",
    ],
    counter=["He scored [[48]] at the Garden.", "A total of 6 Russians left, including [[48]] at the embassy."],
)
def part_of_a_group(text: str, mention: Mention, groups: list[Mention], previous: Mention | None) -> bool:
    """A bare count placed at or given to a name is a part of a larger count earlier in the sentence."""
    for group in reversed(groups):
        if group.value is not None and group.value > mention.value:
            return _as_part(mention, group.unit)
    return False


@rule(
    "part",
    examples=["The spies expelled include [[48]] in the Russian embassy in Washington."],
    counter=["The spies expelled were [[48]] in the Russian embassy."],
)
def part_after_including(text: str, mention: Mention, groups: list[Mention], previous: Mention | None) -> bool:
    """ "include 48 in the Russian embassy": "including" says the count is a part of what went before."""
    return bool(INCLUDING_BEFORE.match(behind(text, mention.start, PART_REACH))) and _as_part(mention, None)


@rule(
    "part",
    examples=["They include 48 in the Russian embassy and [[12]] at the Russian mission at the UN."],
    counter=["They include 48 in the embassy, and he scored [[12]] at the Garden."],
)
def next_part_of_a_list(text: str, mention: Mention, groups: list[Mention], previous: Mention | None) -> bool:
    """The next item of a list of parts ("48 at the embassy and 12 at the United Nations") is a part as well."""
    gap = text[previous.end : mention.start] if previous is not None and previous.part else ""
    if len(gap) > LIST_GAP or not LIST_END.search(gap) or any(c.isdigit() or c in ";:." for c in gap.rstrip()):
        return False
    return _as_part(mention, previous.unit)
