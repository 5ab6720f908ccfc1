"""Figures the extractor missed on multi-outlet coverage of one event (issue 11), read as whole claims: the value,
unit, hedge and role a fact-checker compares across outlets."""

from __future__ import annotations

from workbench.pipeline.claims import extract_claims
from workbench.pipeline.numbers import read_number


def read(text: str) -> list[tuple[str, float | None, float | None, str | None, str | None, str | None]]:
    return [(c.mention, c.value, c.value_high, c.unit, c.hedge, c.role) for c in extract_claims(text)]


def test_a_half_dozen_is_six_and_its_noun_is_counted():
    assert read("A police officer said about a half-dozen gunmen entered the school.") == [
        ("a half-dozen gunmen", 6.0, None, "gunman", "about", None)
    ]
    assert read_number("half-dozen", 0).value == 6
    assert read_number("a half dozen eggs", 0).value == 6
    assert read_number("half a million", 0).value == 500_000
    assert read("Half the people left.")[0][1] == 0.5, "half of a group stays a share"


def test_both_sides_of_a_tally_are_votes_and_a_score_is_none():
    assert read("The House voted 230-197 to charge him and 229-198 on the second article.") == [
        ("230", 230.0, None, "vote", None, None),
        ("197", 197.0, None, "vote", None, None),
        ("229", 229.0, None, "vote", None, None),
        ("198", 198.0, None, "vote", None, None),
    ]
    assert [r[1] for r in read("Article one was adopted by 230 to 197, with one member voting present.")] == [
        230.0,
        197.0,
    ]
    assert read("The Lakers won 3-1 on Sunday.") == []


def test_parts_of_a_group_count_what_the_group_counts():
    claims = read(
        "A total of 60 Russians are being expelled, including 48 at the Russian embassy and 12 at the United Nations."
    )
    assert [(mention, value, unit) for mention, value, _, unit, _, _ in claims] == [
        ("60 Russians", 60.0, "russian"),
        ("48", 48.0, "russian"),
        ("12", 12.0, "russian"),
    ]
    assert read("He scored 48 at the Garden and 12 at home.") == []


def test_a_change_up_to_a_level_is_no_bound():
    assert read("The jobless rate, ticking up to 7.9 percent from 7.8 percent.") == [
        ("7.9 percent", 7.9, None, "percent", None, "to"),
        ("7.8 percent", 7.8, None, "percent", None, "from"),
    ]
    assert read("It could take up to 10 years.")[0][4] == "up_to"


def test_a_suspended_hyphen_joins_a_range():
    assert read("Prosecutors urged a seven- to nine-year prison sentence.") == [
        ("seven- to nine-year", 7.0, 9.0, "years", None, None)
    ]
