"""Links the whole corpus's held-out samples showed wrong, each kept apart by a general rule, with the printing of one
figure that the rule still links."""

from __future__ import annotations

from dataclasses import replace

from tests.pipeline.test_link_vetoes import linked
from tests.pipeline.test_story_rules import claim, prepared
from workbench.pipeline.cluster_claims import link_veto


def _compatible(first, second) -> bool:
    return prepared(first).story_compatible(prepared(second))


def test_a_printed_round_figure_stands_for_what_its_writer_can_have_rounded():
    homeless = claim(
        1,
        "csm",
        "The White House estimates that 100,000 formerly homeless people would lose access to shelter.",
        "100,000",
        "count",
        100_000,
        "person",
    )
    jobs = claim(
        2, "fox", "Job gains were lowered from an initially estimated 157,000.", "157,000", "count", 157_000, ""
    )
    jobs_about = claim(3, "fox", "Job gains were about 157,000.", "157,000", "count", 157_000, "", hedge="about")
    assert not _compatible(homeless, jobs_about), "100,000 is not 50,000 to 150,000 beside a hedged figure"
    assert not _compatible(homeless, jobs)
    close = claim(4, "npr", "Some 104,000 homeless people would lose shelter.", "104,000", "count", 104_000, "person")
    assert _compatible(homeless, close), "a rounding within 5% still links"

    fundraising = claim(
        5, "politico", "White House estimates put the total at $100 million.", "$100 million", "money", 1e8, "USD"
    )
    spending = claim(
        6,
        "times",
        "Outside spending totaled nearly $200 million between them.",
        "$200 million",
        "money",
        2e8,
        "USD",
        hedge="nearly",
    )
    spent = claim(7, "cnn", "Outside groups spent $190 million.", "$190 million", "money", 1.9e8, "USD")
    assert not _compatible(fundraising, spending), "nearly $200 million is not $100 million"
    assert _compatible(spent, spending)


def test_a_hedge_stretches_a_figure_by_a_share_of_it_not_by_its_whole_rounding_step():
    deficit = claim(
        1,
        "cnn",
        "It would reduce the deficit by more than $20 billion.",
        "$20 billion",
        "money",
        2e10,
        "USD",
        hedge="more_than",
    )
    budget = claim(
        2,
        "npr",
        "The deal would set the budget at just about $1 trillion.",
        "$1 trillion",
        "money",
        1e12,
        "USD",
        hedge="about",
    )
    assert not _compatible(deficit, budget), "about $1 trillion is not anything from zero to $2 trillion"
    dozen = claim(
        3, "ap", "More than a dozen officials resigned.", "a dozen", "count", 12, "official", hedge="more_than"
    )
    seventeen = claim(4, "bbc", "Seventeen officials resigned.", "Seventeen", "count", 17, "official")
    assert _compatible(dozen, seventeen), "more than a dozen still reads as a reporter uses it"


def test_a_hedged_year_is_that_year_give_or_take_one():
    soured = claim(
        1,
        "reuters",
        "Relations soured around 2013 as Pyongyang stepped up its missile programs.",
        "2013",
        "year",
        2013,
        None,
        hedge="about",
    )
    test = claim(2, "fox", "The harshest since its first nuclear experiment in 2006.", "2006", "year", 2006, None)
    assert not _compatible(soured, test), "around 2013 is not 2006"
    assert _compatible(soured, claim(3, "ap", "Relations soured in 2013.", "2013", "year", 2013, None))


def test_two_hedged_figures_link_only_when_one_lies_within_the_others_reach():
    knew = claim(
        1,
        "usatoday",
        "Trump knew for more than two weeks that Flynn lied about his contact.",
        "two weeks",
        "duration",
        2,
        "weeks",
        hedge="more_than",
    )
    tenure = claim(
        2,
        "npr",
        "Flynn, whose tenure lasted less than four weeks, was in touch with Russians.",
        "four weeks",
        "duration",
        4,
        "weeks",
        hedge="less_than",
    )
    assert not _compatible(knew, tenure), "two bounds that only stretch to meet are two spans"
    gassed = claim(
        3, "ap", "The attack killed more than 1,000 people.", "1,000", "count", 1000, "person", hedge="more_than"
    )
    toll = claim(
        4, "cnn", "The attack killed more than 1,400 people.", "1,400", "count", 1400, "person", hedge="more_than"
    )
    assert _compatible(gassed, toll), "1,400 lies within more than 1,000: one toll"


def test_words_that_part_two_figures_of_one_story_part_them_across_stories():
    others = claim(
        1,
        "reuters",
        "Two other conservative justices, Clarence Thomas and Brett Kavanaugh, joined Gorsuch in the majority.",
        "Two other conservative justices",
        "count",
        2,
        "justice",
        story=1,
        published="2020-04-21",
    )
    appointed = claim(
        2,
        "usatoday",
        "Schumer addressed two Trump-appointed associate justices, Neil Gorsuch and Brett Kavanaugh.",
        "two Trump-appointed associate justices",
        "count",
        2,
        "justice",
        story=2,
        published="2020-03-04",
    )
    assert link_veto(prepared(others), prepared(appointed)) == "told-apart-in-stories"
    assert not linked(others, appointed)
    outside = [replace(others, story=None), replace(appointed, story=None)]
    assert link_veto(*map(prepared, outside)) is None, "a claim outside a story has no such words read"


def test_a_limit_is_its_own_figure_not_any_figure_below_it():
    seats = claim(
        1,
        "bbc",
        "The victory in the final contest took their total number of MPs up to 365.",
        "365",
        "count",
        365,
        None,
        hedge="up_to",
    )
    members = claim(2, "bbc2", "There needed to be 48 MPs out of 317 Conservative MPs.", "317", "count", 317, "mp")
    assert not _compatible(seats, members), "up to 365 is 365, not 317"
    growth = claim(
        3, "cnn", "The Fed forecast the economy would grow as much as 2.9%.", "2.9%", "percent", 2.9, "percent"
    )
    growth = replace(growth, hedge="up_to")
    estimate = claim(4, "nyt", "The economy would grow 2.2 percent.", "2.2 percent", "percent", 2.2, "percent")
    assert not _compatible(growth, estimate), "as much as 2.9% is no printing of 2.2%"
    months = claim(
        5, "usatoday", "He faces up to 12 months in prison.", "12 months", "duration", 12, "months", hedge="up_to"
    )
    year = claim(6, "guardian", "He now faces up to a year in prison.", "a year", "duration", 1, "years", hedge="up_to")
    plain = claim(7, "ap", "He faces 12 months in prison.", "12 months", "duration", 12, "months")
    assert _compatible(months, year), "one limit in two units"
    assert _compatible(months, plain), "a limit and its figure printed plain"


def _share(item_id: int, article: str, sentence: str, mention: str, value: float, **extra):
    return claim(item_id, article, sentence, mention, "percent", value, "percent", **extra)


def test_a_hedged_share_stands_for_its_rounding_cell_not_for_a_share_of_itself():
    power = _share(1, "bbc", "More than 70% of people on Puerto Rico were without power.", "70%", 70, hedge="more_than")
    still = _share(2, "abc", "95 percent of Puerto Rico is still without power.", "95 percent", 95)
    assert not _compatible(power, still), "more than 70% is 70 to 80, not 95"
    assert _compatible(power, _share(3, "ap", "76% were without power.", "76%", 76))
    average = _share(4, "csm", "Trump leads with an average of 33 percent.", "33 percent", 33, hedge="about")
    stood = _share(5, "blog", "Trump stood at 28.6 percent in the average.", "28.6 percent", 28.6)
    assert not _compatible(average, stood), "about 33 percent is not 28.6"
    share = _share(6, "cnn", "He won nearly 19% of the vote.", "19%", 19, hedge="nearly")
    printed = _share(7, "npr", "He won 18.7 percent of the vote.", "18.7 percent", 18.7)
    assert _compatible(share, printed), "a hedge still covers its own last digit"
    above = _share(8, "townhall", "The unemployment rate has been above 8% for 41 months.", "8%", 8, hedge="more_than")
    over = _share(9, "politico", "No president has won with a jobless rate over 7.4 percent.", "7.4 percent", 7.4)
    over = replace(over, hedge="more_than")
    assert not prepared(above).story_contradicts_values(prepared(over)), "two thresholds, no conflict"
