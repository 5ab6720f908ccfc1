"""The claims rule table: traces name the rules that decided each claim, dropped numbers say which rule dropped
them, and the table itself is complete (every rule documented and tried on examples)."""

from __future__ import annotations

import math

import pytest

from tests.conftest import SEEDS
from workbench.pipeline.claims import RULES, explain_claims, extract_claims
from workbench.pipeline.claims.change import is_checkable
from workbench.pipeline.claims.mention import Mention
from workbench.pipeline.rules import families

SENTENCE = (
    "Raisi said trade between the two countries grew from $600 million in 2021 to more than $3 billion, and "
    "both plan to increase it to $10 billion."
)


def traces(text: str, published: str | None = None) -> dict[str, list[str]]:
    """The claims table's own rules in each trace (the speakers package's rules follow them; tested below)."""
    return {claim.mention: [name for name in claim.trace if name in RULES] for claim in extract_claims(text, published)}


def test_a_claims_trace_goes_on_with_how_the_speakers_rules_found_its_speaker() -> None:
    claim = next(c for c in extract_claims(SENTENCE) if c.mention == "$600 million")
    own = [name for name in claim.trace if name in RULES]
    speaker_steps = claim.trace[len(own) :]
    assert claim.trace[: len(own)] == own and own[-1] == "speaker_of_sentence"
    assert speaker_steps, claim.trace
    assert all(name not in RULES for name in speaker_steps)


@pytest.mark.parametrize(
    ("text", "mention", "trace"),
    [
        (SENTENCE, "$600 million", ["currency_before", "change_from", "change_to", "speaker_of_sentence"]),
        (SENTENCE, "2021", ["bare_number", "bare_year", "speaker_of_sentence"]),
        (SENTENCE, "$3 billion", ["currency_before", "hedge_before", "change_to", "speaker_of_sentence"]),
        (SENTENCE, "$10 billion", ["currency_before", "change_to", "goal_to_reach", "speaker_of_sentence"]),
        ("They signed a 20-year cooperation plan.", "20-year", ["time_unit_after"]),
        ("He toured three Latin American nations.", "three Latin American nations", ["counted_noun"]),
        ("Exports grew in 1999-2013.", "1999-2013", ["bare_number", "year_range"]),
        ("It was a multimillion-dollar deal.", "multimillion-dollar", ["multi_money"]),
        ("Turnout was 251,000.", "251,000", ["grouped_number"]),
        ("Output doubled to 2 million barrels.", "doubled", ["verb_multiple", "multiple_opens_change", "change_to"]),
        ("Smith, 59, served as chief of staff.", "59", ["bare_number", "age_after_name"]),
        (
            "Costs could drop by more than five times.",
            "five times",
            ["times_count", "hedge_before", "by_times_factor", "multiple_opens_change"],
        ),
        ("They met on Dec. 22 in Tehran.", "Dec. 22", ["month_day_date", "year_nearest_publication"]),
        ('Raisi said: "Trade will reach $10 billion soon."', "$10 billion", ["currency_before", "speaker_of_quote"]),
    ],
)
def test_each_claim_traces_the_rules_that_decided_it_in_order(text: str, mention: str, trace: list[str]) -> None:
    published = "2024-01-05" if "Dec. 22" in text else None
    assert traces(text, published)[mention] == trace


def test_a_date_without_its_year_takes_the_nearest_one_and_says_so() -> None:
    claim = next(c for c in extract_claims("They met on Dec. 22 in Tehran.", "2024-01-05"))
    assert claim.value == 20231222
    assert claim.trace[-1] == "year_nearest_publication"


@pytest.mark.parametrize(
    ("text", "mention", "dropped_by"),
    [
        ("Talks between the two countries resumed.", "two countries", "refers_back"),
        ("He scored 251 in the match.", "251", "bare_count"),
        ("The Boeing 737 is grounded.", "737", "model_number"),
        ("They met at 10:30 on Monday.", "10:30", "clock_phone_footnote"),
        ("And then one day she called.", "one day", "one_day_idiom"),
        ("Under Article 5 of the treaty.", "5", "name_cue"),
        ("In the 18th century it grew.", "18th", "ordinal"),
    ],
)
def test_a_dropped_number_names_the_rule_that_dropped_it(text: str, mention: str, dropped_by: str) -> None:
    claims, dropped = explain_claims(text)
    assert mention not in [c.mention for c in claims]
    found = [d for d in dropped if d.mention.startswith(mention)]
    assert found, [(d.mention, d.trace) for d in dropped]
    assert found[0].trace[-1] == dropped_by
    assert text[found[0].start : found[0].end] == found[0].mention


def test_explaining_changes_nothing_extracted() -> None:
    text = SEEDS.joinpath("001_3ce812547ec02d89.txt").read_text(encoding="utf-8")
    claims, _ = explain_claims(text, "2023-06-13")
    assert [c.model_dump() for c in claims] == [c.model_dump() for c in extract_claims(text, "2023-06-13")]


def test_every_traced_name_is_a_registered_rule() -> None:
    import workbench.pipeline.speakers  # noqa: F401  (registers the speakers' rules a claim's trace ends with)

    known = families().values()
    for path in sorted(SEEDS.glob("*.txt")):
        claims, dropped = explain_claims(path.read_text(encoding="utf-8"))
        for trace in [c.trace for c in claims] + [d.trace for d in dropped]:
            assert trace, "every claim and dropped number was decided by some rule"
            assert trace[0] in RULES, trace
            assert all(any(name in rules for rules in known) for name in trace), trace


def test_every_rule_has_a_one_sentence_doc_and_examples() -> None:
    without_examples = set()
    for rule in RULES:
        assert rule.doc.endswith((".", ")", '"')) and len(rule.doc) <= 115, (rule.name, rule.doc)
        if not rule.examples:
            without_examples.add(rule.name)
    # The overflow guard cannot be reached from text (the scanner skips sixty-character runs): tested below.
    assert without_examples == {"not_finite"}


def test_the_overflow_guard_drops_an_infinite_value() -> None:
    overflowed = Mention(0, 5, "money", math.inf, "USD")
    assert not is_checkable(overflowed)
    assert overflowed.trace == ["not_finite"]
    assert is_checkable(Mention(0, 5, "money", 5.0, "USD"))
