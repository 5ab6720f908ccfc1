"""Context figures (years, dates, words for many, whole percentages, small counts) and figures that are not
specific link only on the words around them: being each article's only "2016" or only "$500 billion" says
nothing of which fact it is. Each rule with a pair it keeps apart and a like pair that still links."""

from __future__ import annotations

import math

import pytest

from tests.pipeline.test_story_rules import claim
from workbench.pipeline.cluster_claims import _Claim, cluster_claims, link_veto
from workbench.pipeline.cluster_claims import statement as statement_module


def linked(*items) -> bool:
    assignments, _ = cluster_claims(list(items))
    return len({assignments[item.id] for item in items}) == 1


def year(item_id, article, sentence, **extra):
    return claim(item_id, article, sentence, "2016", "year", 2016, None, published="2019-10-10", **extra)


def test_a_year_each_article_prints_once_needs_the_same_event_words():
    election = year(1, "a", "House Democrats have wanted to undo the results of the 2016 election for three years.")
    debates = year(2, "b", "In 2016, Bernie Sanders famously refused to attack Clinton's emails in the debates.")
    assert _Claim(election).context_figure and _Claim(debates).context_figure
    assert not linked(election, debates), "two events of one year, each article's only 2016"
    again = year(3, "b", "Democrats still hope to undo the results of the 2016 election, McCarthy said on Tuesday.")
    assert linked(election, again), "the same election in the same words still links"


def test_without_the_rule_the_lone_years_linked(monkeypatch):
    monkeypatch.setattr(statement_module, "CONTEXT_FIGURE_STORY", -math.inf)
    monkeypatch.setattr(statement_module, "NONSPECIFIC_STORY_CONTEXT", -math.inf)
    election = year(1, "a", "House Democrats have wanted to undo the results of the 2016 election for three years.")
    debates = year(2, "b", "In 2016, Bernie Sanders famously refused to attack Clinton's emails in the debates.")
    assert linked(election, debates)


def test_a_year_is_not_chained_into_a_group_through_a_third_sentence():
    first = year(1, "a", "Comey reopened the email inquiry days before the 2016 election, Clinton told the crowd.")
    second = year(2, "b", "Russian hackers broke into the servers of the Democratic National Committee in 2016.")
    bridge = year(
        3,
        "c",
        "Clinton told the crowd Russian hackers broke into Democratic National Committee servers and Comey reopened"
        " the email inquiry before the 2016 election.",
    )
    assignments, _ = cluster_claims([first, second, bridge])
    assert assignments[1] != assignments[2], "a group holds only years whose own sentences share their words"
    assert assignments[3] in (assignments[1], assignments[2]), "the bridge itself links to one of them"


def count(item_id, article, sentence, mention, value, unit, **extra):
    return claim(item_id, article, sentence, mention, "count", value, unit, **extra)


def test_a_word_for_many_needs_the_same_group():
    workers = count(
        1,
        "a",
        "Democrats emphasized the plight of thousands of federal workers during the shutdown, which entered day 22.",
        "thousands of federal workers",
        1000,
        "worker",
        value_high=10000,
    )
    agents = count(
        2,
        "b",
        "The association that represents thousands of FBI agents warned that the shutdown could delay lab work.",
        "thousands of FBI agents",
        1000,
        "agent",
        value_high=10000,
    )
    assert not linked(workers, agents)
    others = count(
        3,
        "b",
        "Thousands of federal workers missed their first paycheck of the shutdown on Friday, day 22.",
        "Thousands of federal workers",
        1000,
        "worker",
        value_high=10000,
    )
    assert linked(workers, others), "the same noun and the same shutdown words still link"


def test_counted_nouns_of_two_kinds_are_two_figures():
    counterparts = count(
        1,
        "a",
        "She has been invited to update her 27 counterparts on the state of Brexit.",
        "27 counterparts",
        27,
        "counterpart",
    )
    votes = count(
        2,
        "b",
        "The government was defeated by 27 votes on Monday, on a plan about the Brexit deal.",
        "27 votes",
        27,
        "vote",
    )
    assert _Claim(counterparts).nouns_differ(_Claim(votes))
    assert not linked(counterparts, votes)
    crew = count(3, "a", "All 19 firefighters of the Granite Mountain crew died.", "19 firefighters", 19, "firefighter")
    members = count(4, "b", "The blaze killed 19 members of the Granite Mountain crew.", "19 members", 19, "member")
    assert not _Claim(crew).nouns_differ(_Claim(members)), "one family in other words is still one group"


def test_a_word_for_many_without_a_counted_noun_never_links():
    spent = claim(
        1,
        "a",
        "Republicans blew through millions to keep a ruby red seat in Georgia.",
        "millions",
        "count",
        1e6,
        None,
        value_high=1e9,
    )
    groups = claim(
        2,
        "b",
        "Ossoff, Handel and outside groups have spent millions on the Georgia seat.",
        "millions",
        "count",
        1e6,
        None,
        value_high=1e9,
    )
    assert _Claim(spent).bare_vague
    assert not linked(spent, groups)
    apart = [replace_story(item, None) for item in (spent, groups)]
    assert link_veto(*map(_Claim, apart)) == "bare-vague"
    assert not linked(*apart)


def replace_story(item, story):
    from dataclasses import replace

    return replace(item, story=story)


@pytest.mark.parametrize("story", [1, None])
def test_a_whole_percentage_of_another_group_stays_apart(story):
    late = claim(
        1,
        "a",
        "Of voters who settled on a candidate in the last week, 46 percent said they backed Mr. Trump.",
        "46 percent",
        "percent",
        46,
        "percent",
        story=story,
    )
    vote = claim(
        2,
        "b",
        "The front-runner won the Florida primary with 46 percent of the vote, and all 99 delegates.",
        "46 percent",
        "percent",
        46,
        "percent",
        story=story,
    )
    assert not linked(late, vote)
    again = claim(
        3,
        "b",
        "Of the voters who settled on a candidate in the last week, 46 percent backed Trump, polls found.",
        "46 percent",
        "percent",
        46,
        "percent",
        story=story,
    )
    assert linked(late, again), "the same group in the same words still links"


def test_a_round_figure_in_a_story_needs_some_words_in_common():
    cuts = claim(
        1,
        "a",
        "$500 billion -- the amount the Department of Defense faces in potential cuts over 10 years.",
        "$500 billion",
        "money",
        5e11,
        "USD",
    )
    cliff = claim(
        2,
        "b",
        "Without a deal, a $500 billion mix of tax hikes and spending cutbacks will kick in Jan. 1.",
        "$500 billion",
        "money",
        5e11,
        "USD",
    )
    assert not linked(cuts, cliff)
    jobs = claim(3, "a", "Employers added 171,000 jobs in October.", "171,000 jobs", "count", 171000, "job")
    payrolls = claim(
        4, "b", "Payrolls rose by 171,000 last month, the Labor Department said.", "171,000", "count", 171000, None
    )
    assert linked(jobs, payrolls), "a specific figure still links on its own"


def test_people_is_any_group_of_people():
    operatives = count(
        1,
        "a",
        "The U.S. began expelling 12 intelligence operatives from the Russian mission to the UN.",
        "12 intelligence operatives",
        12,
        "operative",
    )
    at_the_un = count(2, "b", "The 60 expelled include 48 at the embassy and 12 at the UN mission.", "12", 12, "people")
    assert not _Claim(operatives).nouns_differ(_Claim(at_the_un)), "the extractor counts people where no noun follows"
    votes = count(3, "b", "The motion failed by 12 votes at the UN mission.", "12 votes", 12, "vote")
    assert _Claim(operatives).nouns_differ(_Claim(votes))
