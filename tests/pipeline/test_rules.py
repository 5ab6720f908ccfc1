"""The rule engine, and every registered rule's examples run through its family's extractor."""

from __future__ import annotations

import importlib

import pytest

from workbench.pipeline import rules as rules_module
from workbench.pipeline.rules import RuleSet, parse_example

# Importing the extractors registers their rule sets.
for _name in ("workbench.pipeline.analyze",):
    importlib.import_module(_name)


def _fired(rule_set: RuleSet, example: str, name: str) -> bool:
    parsed = parse_example(example)
    assert rule_set.probe is not None
    for start, end, trace in rule_set.probe(parsed.text):
        if name not in trace:
            continue
        if parsed.start is None or (start < parsed.end and parsed.start < end):
            return True
    return False


def _cases() -> list[tuple[str, str, str, bool]]:
    cases = []
    for family, rule_set in sorted(rules_module.families().items()):
        if rule_set.probe is None:
            continue
        for rule in rule_set:
            cases += [(family, rule.name, example, True) for example in rule.examples]
            cases += [(family, rule.name, example, False) for example in rule.counter_examples]
    return cases


@pytest.mark.parametrize(
    ("family", "name", "example", "fires"),
    _cases() or [pytest.param("", "", "", True, marks=pytest.mark.skip(reason="no rule set registers a probe yet"))],
)
def test_every_rule_example(family: str, name: str, example: str, fires: bool) -> None:
    rule_set = rules_module.families()[family]
    assert _fired(rule_set, example, name) is fires, (
        f"{family} rule {name!r} should {'fire' if fires else 'not fire'} on {example!r}"
    )


def test_parse_example_marks_the_mention() -> None:
    example = parse_example("a [[20-year]] cooperation plan")
    assert example.text == "a 20-year cooperation plan"
    assert example.mention == "20-year"
    assert parse_example("no mark").start is None
    with pytest.raises(ValueError):
        parse_example("[[one]] and [[two]]")


def test_first_traces_the_deciding_rule_and_each_traces_all() -> None:
    table = RuleSet("test-family", ("reject", "flag"))

    @table.rule("reject", examples=["x"])
    def too_short(word: str) -> bool:
        """Words under three letters are no names."""
        return len(word) < 3

    @table.rule("reject")
    def lowercase(word: str) -> bool:
        """A lowercase word is no name."""
        return word.islower()

    @table.rule("flag")
    def has_digit(word: str) -> bool:
        """A digit marks a code."""
        return any(c.isdigit() for c in word)

    @table.rule("flag")
    def upper(word: str) -> str | None:
        """All capitals: an acronym."""
        return "acronym" if word.isupper() else None

    trace: list[str] = []
    assert table.first("reject", trace, "ab") is True
    assert trace == ["too_short"]
    trace = []
    assert table.first("reject", trace, "Abc") is None
    assert trace == []
    trace = []
    assert table.each("flag", trace, "AB1") == [True, "acronym"]
    assert trace == ["has_digit", "upper"]
    assert table.decide("reject", "abcd") == ("lowercase", True)
    assert table.decide("flag", "AB") == ("upper", "acronym")
    assert table.decide("flag", "Abc") == (None, None)

    @table.rule("flag")
    def long_word(word: str) -> bool:
        """A word over ten letters: a compound."""
        return len(word) > 10

    assert table.decide("flag", "Extraordinarily") == ("long_word", True)  # a rule added later is run too
    assert table.get("upper").doc == "All capitals: an acronym."
    with pytest.raises(ValueError):
        table.add(table.get("upper"))

    def documented() -> None:
        """Has a doc, but names no stage of the table."""

    with pytest.raises(ValueError, match="unknown stage"):
        table.rule("nonexistent-stage")(documented)
