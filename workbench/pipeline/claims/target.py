"""The "target" rules: goals rather than facts ("plans to increase it to $10 billion", "aims to reach", "a target
of"). Each gets the lowercase words of the clause before the amount."""

from __future__ import annotations

from bisect import bisect_right

from workbench.models import EXACT_KINDS
from workbench.pipeline.claims.lexicon import GOAL_NOUNS, REACH_VERBS, TARGET_WORDS
from workbench.pipeline.claims.mention import RULES, Mention, rule
from workbench.pipeline.claims.patterns import (
    GOAL_OPENINGS,
    GOAL_WORD,
    GOAL_WORD_ANY_CASE,
    GOAL_WORD_AT,
    LONGEST_GOAL_WORD,
    WORDS,
    clause_start_of,
)


def mark_targets(text: str, mentions: list[Mention]) -> None:
    """Goals rather than facts: "plans to increase it to $10 billion", "aims to reach", "a target of".

    A goal word alone is not enough ("targeted for assassination in a year that has seen 113 ..."): it must
    name the amount itself (a target of, aiming for) or govern a verb that reaches or moves an amount.
    """
    amounts = [m for m in mentions if m.kind not in EXACT_KINDS]
    if not amounts:
        return
    # A goal word matters only between an amount's sentence start and the amount, so only that stretch is
    # searched; its end leaves room for the longest goal word to finish, so no word is cut short.
    if len(amounts) == 1:
        low, high = amounts[0].sentence[0], amounts[0].lead + LONGEST_GOAL_WORD
    else:
        low, high = min(m.sentence[0] for m in amounts), max(m.lead for m in amounts) + LONGEST_GOAL_WORD
    lowered = text.lower()
    if len(lowered) == len(text):
        goal_words = [match.start("goal") for match in GOAL_WORD.finditer(lowered, max(low - 1, 0), high)]
        if low == 0 and lowered[:2] in GOAL_OPENINGS and GOAL_WORD_AT.match(lowered, 0, high):
            goal_words.insert(0, 0)
    else:  # a few letters ("İ") change length when lowered, and offsets must stay those of ``text``
        goal_words = [match.start() for match in GOAL_WORD_ANY_CASE.finditer(text, low, high)]
    if not goal_words:
        return  # most texts state no goal at all
    for mention in amounts:
        nearest = bisect_right(goal_words, mention.lead) - 1
        if nearest < 0 or goal_words[nearest] < mention.sentence[0]:
            continue
        sentence_start = mention.sentence[0]
        clause_start = clause_start_of(text, mention.lead, sentence_start)
        cut = max(
            text.rfind(",", clause_start, mention.lead),
            text.rfind(":", clause_start, mention.lead),
            text.rfind("(", clause_start, mention.lead),
        )
        words = WORDS.findall(text[max(clause_start, cut + 1) : mention.lead].lower())
        mention.target = RULES.first("target", mention.trace, words) is not None


def _goal_words(words: list[str]) -> list[tuple[str, list[str]]]:
    """Each goal word of the clause, last first, with the words after it."""
    return [
        (words[index], words[index + 1 :]) for index in range(len(words) - 1, -1, -1) if words[index] in TARGET_WORDS
    ]


@rule(
    "target",
    examples=[
        "They set a target of [[$10 billion]].",
        "It is aiming for [[5 percent]] growth.",
        "The goal is [[1 million]] homes.",
    ],
    counter=["He was targeted in a year that saw [[113 attacks]]."],
)
def goal_named(words: list[str]) -> bool:
    """A goal noun or a goal word before "for", "at", "of" or "is" names a goal ("a target of", "aiming for")."""
    for word, following in _goal_words(words):
        if word in GOAL_NOUNS or following[:1] and following[0] in ("for", "at", "of", "is", "was", "be"):
            return True
    return False


@rule(
    "target",
    examples=["Both plan to increase it to [[$10 billion]].", "They aim to reach [[5 million]] users."],
    counter=["Both plan to meet [[10 leaders]]."],
)
def goal_to_reach(words: list[str]) -> bool:
    """A goal word governing a verb of reaching makes the amount a goal ("plans to increase it to")."""
    for _word, following in _goal_words(words):
        if following[:1] == ["to"] and not REACH_VERBS.isdisjoint(following[1:]):
            return True
    return False


@rule("target", examples=["The law set to raise it to [[$15]] an hour."], counter=["They set up [[12 teams]]."])
def set_to_reach(words: list[str]) -> bool:
    """ "set to" before a verb of reaching ("set to raise it to $15") makes the amount a goal."""
    if "set" not in words:
        return False
    at = words.index("set")
    return words[at + 1 : at + 2] == ["to"] and not REACH_VERBS.isdisjoint(words[at + 2 :])
