"""The link vetoes: two claims whose statements match on their words across stories that are still two facts (the
wrong merges of the corpus sample: another poll's note, a vague amount against a figure, another range). For each,
a pair it keeps apart and a like pair that still links, through the whole engine."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from tests.pipeline.test_cluster_claims import claim
from workbench.pipeline.cluster_claims import (
    LINK_VETOES,
    STORY_SPECIFIC,
    STORY_SUBJECT_BONUS,
    ClaimClusterIndex,
    WordRarity,
    _Claim,
    _StoryLinker,
    claim_relation,
    cluster_claims,
    link_veto,
)
from workbench.pipeline.cluster_claims.vetoes import SAME_FIGURE_VETOES

MARGIN = "The poll has an overall margin of error of plus or minus {} for the registered voters surveyed."
NOTE = "The margin of error was plus or minus {} for all adults and registered voters, the report said."
DEPORTATION = (
    "The stakes are high, as {} who entered the country illegally as children face deportation if Congress fails "
    "to act by March 5."
)
AGES = "Those adults {} and their parents fall in between on the question of student debt relief."


def margin(item_id, article, published, sentence=MARGIN, figure="3 percentage points", value=3.0):
    return claim(
        item_id, article, sentence.format(figure), figure, "percent", value, "percentage point", published=published
    )


def linked(first, second) -> bool:
    assignments, _ = cluster_claims([first, second])
    return assignments[first.id] == assignments[second.id]


def test_a_poll_note_years_apart_is_another_poll():
    apart = (margin(1, "a", "2014-05-19"), margin(2, "b", "2016-06-24"))
    assert link_veto(*map(_Claim, apart)) == "other-poll"
    assert not linked(*apart)
    week = (margin(1, "a", "2014-05-19"), margin(2, "b", "2014-05-26"))
    assert link_veto(*map(_Claim, week)) is None
    assert linked(*week), "two outlets printing one poll's note in one week still link"


def test_a_margin_of_error_is_a_poll_figure_without_the_word_poll():
    note = _Claim(margin(1, "a", "2018-06-13", NOTE))
    assert note.poll and not note.estimate
    apart = (margin(1, "a", "2018-06-13", NOTE), margin(2, "b", "2020-06-24", NOTE))
    assert not linked(*apart)
    assert linked(margin(1, "a", "2018-06-13", NOTE), margin(2, "b", "2018-06-15", NOTE))


def test_two_polls_notes_in_one_month_that_describe_their_polls_in_no_words_alike_are_two_polls():
    overall = "The survey's overall sampling error is plus or minus {}."
    full = "The full poll has a margin of sampling error of plus or minus {}."
    apart = (margin(1, "a", "2012-10-01", overall), margin(2, "b", "2012-10-09", full))
    assert link_veto(*map(_Claim, apart)) == "other-poll-note"
    assert not linked(*apart)
    nationwide = (
        "The nationwide survey of 1,000 registered voters, taken by landline and cellphone Tuesday through Sunday, "
        "has a margin of error of plus or minus {}."
    )
    reprinted = (
        "The nationwide poll of 1,000 registered voters, taken by landline and cellphone from Dec. 11-16, has a "
        "margin of error of plus or minus {}."
    )
    one_poll = (margin(1, "a", "2012-12-03", nationwide), margin(2, "b", "2012-12-17", reprinted))
    assert link_veto(*map(_Claim, one_poll)) is None
    assert linked(*one_poll), "one poll's note, described alike, still links"


def test_undated_poll_figures_keep_the_evidence_rule_alone():
    undated = (margin(1, "a", None), margin(2, "b", None))
    assert link_veto(*map(_Claim, undated)) is None


def immigrants(item_id, article, figure, value, **extra):
    return claim(item_id, article, DEPORTATION.format(figure), figure, "count", value, "immigrant", **extra)


def test_a_word_for_many_is_not_a_printing_of_a_figure():
    vague = immigrants(1, "a", "hundreds of thousands of immigrants", 1e5, value_high=1e6, published="2018-02-13")
    figure = immigrants(2, "b", "nearly 1 million immigrants", 1e6, hedge="nearly", published="2018-02-16")
    assert link_veto(_Claim(vague), _Claim(figure)) == "vague-vs-figure"
    assert not linked(vague, figure)
    alike = immigrants(2, "b", "hundreds of thousands of immigrants", 1e5, value_high=1e6, published="2018-02-16")
    assert linked(vague, alike)


def ages(item_id, article, figure, low, high):
    return claim(
        item_id, article, AGES.format(figure), figure, "duration", low, "years", value_high=high, published="2020-04-22"
    )


def test_two_ranges_are_one_figure_only_with_the_same_ends():
    thirties = ages(1, "a", "ages 30 to 49", 30, 49)
    wider = ages(2, "b", "ages 18 to 55", 18, 55)
    assert link_veto(_Claim(thirties), _Claim(wider)) == "other-range"
    assert not linked(thirties, wider)
    assert linked(thirties, ages(2, "b", "ages 30 to 49", 30, 49))


def test_every_link_veto_is_named_and_says_why():
    names = [veto.name for veto in LINK_VETOES]
    assert len(set(names)) == len(names) == 7 + len(SAME_FIGURE_VETOES)
    assert set(SAME_FIGURE_VETOES) <= set(LINK_VETOES), "the rules that part two figures in a story hold across stories"
    assert all(len(veto.doc) > 40 for veto in LINK_VETOES)


def test_the_index_traces_the_veto_that_kept_a_matching_pair_apart():
    index = ClaimClusterIndex()
    index.link_trace = {}
    first, second = margin(1, "a", "2014-05-19"), margin(2, "b", "2016-06-24")
    assignments, _ = index.assign([first, second])
    assert assignments[1] != assignments[2]
    assert set(index.link_trace.values()) == {"other-poll"}


LAND = "The study found the plant-based burger requires {} less land compared to a quarter pound of beef."


def land(item_id, article, figure, value, published, **extra):
    return claim(
        item_id, article, LAND.format(figure), figure, "percent", value, "percent", published=published, **extra
    )


def test_a_figure_only_a_hedge_reconciles_is_another_fact_after_a_week():
    exact = land(1, "a", "93%", 93.0, "2019-09-02")
    months_later = land(2, "b", "about 95 percent", 95.0, "2020-03-19", hedge="about")
    assert link_veto(_Claim(exact), _Claim(months_later)) == "hedged-apart"
    assert not linked(exact, months_later)
    same_week = land(2, "b", "about 95 percent", 95.0, "2019-09-04", hedge="about")
    assert link_veto(_Claim(exact), _Claim(same_week)) is None
    assert linked(exact, same_week), "outlets of one week hedge one figure"
    assert linked(exact, land(2, "b", "93 percent", 93.0, "2020-03-19")), "the same figure printed later"


# "kill" and "police" are common; "gunman", "opened fire", "afternoon" are not; "newsroom" is rare.
SHOOTINGS = WordRarity(
    Counter({"afternoon": 150, "fire": 150, "open": 150, "gunman": 150, "kill": 3000, "police": 3000, "newsroom": 20}),
    claims=100_000,
)


def shooting(item_id, article, sentence, published):
    return claim(item_id, article, sentence, "five people", "count", 5, "person", published=published)


def test_more_than_a_year_apart_a_figure_needs_twice_the_far_evidence():
    newsroom = shooting(
        1, "a", "A gunman opened fire on Thursday afternoon and killed five people in the newsroom.", "2018-06-28"
    )
    airport = "A gunman opened fire on Friday afternoon, killing five people at the airport, police said."
    assert claim_relation(newsroom, shooting(2, "b", airport, "2017-01-06"), SHOOTINGS) is None
    assert claim_relation(newsroom, shooting(2, "b", airport, "2018-01-06"), SHOOTINGS) == "same", (
        "the same few rare words half a year apart are the far level, as before"
    )
    retold = "A gunman opened fire on a Thursday afternoon and killed five people in the newsroom, police said."
    assert claim_relation(newsroom, shooting(2, "b", retold, "2019-12-28"), SHOOTINGS) == "same", (
        "a rare word more (the newsroom) still links a story retold"
    )


def common_but(rare: dict[str, int], *items) -> WordRarity:
    """Rarity among 100,000 claims where every word of ``items`` is common except those of ``rare``."""
    counts = Counter({word: 3000 for item in items for word in _Claim(item).topic} | rare)
    return WordRarity(counts, claims=100_000)


CONTEST = "The next contest is not until April 19, so he faces {} of being cast as the loser of the race."
CONTEST_AGAIN = "She faces a closer contest than expected in New York, where she could be cast as the loser in {}."


def test_a_figure_that_could_be_anything_needs_a_second_rare_word_across_stories():
    first = claim(1, "a", CONTEST.format("two weeks"), "two weeks", "duration", 2, "weeks", published="2016-04-05")
    second = claim(
        2, "b", CONTEST_AGAIN.format("two weeks"), "two weeks", "duration", 2, "weeks", published="2016-04-05"
    )
    # one rare word ("contest", in 160 of 100,000 claims: evidence 2.5) above the close level of 2
    rarity = common_but({"contest": 160}, first, second)
    assert _Claim(first).specificity == 0
    assert claim_relation(first, second, rarity) is None, "'two weeks' of two events in one month share a word"
    rarer = common_but({"contest": 160, "loser": 160}, first, second)
    assert claim_relation(first, second, rarer) == "same", "a second rare word is the evidence it needs"
    one_story = [replace(item, story=4) for item in (first, second)]
    assert claim_relation(*one_story, rarity) == "same", "within a story its own rules weigh the figure"


def test_a_specific_figure_carries_a_link_on_one_rare_word():
    wage = "The city council voted to raise the minimum wage for contract workers to {} an hour next year."
    again = "Contract workers will earn at least {} an hour under the minimum wage the council passed."
    first = claim(1, "a", wage.format("$10.10"), "$10.10", "money", 10.1, "USD", published="2014-02-12")
    second = claim(2, "b", again.format("$10.10"), "$10.10", "money", 10.1, "USD", published="2014-02-14")
    rarity = common_but({"contract": 160}, first, second)
    assert _Claim(first).specificity == STORY_SPECIFIC
    assert claim_relation(first, second, rarity) == "same"
    small = [
        claim(1, "a", wage.format("$10"), "$10", "money", 10.0, "USD", published="2014-02-12"),
        claim(2, "b", again.format("$10"), "$10", "money", 10.0, "USD", published="2014-02-14"),
    ]
    assert claim_relation(*small, common_but({"contract": 160}, *small)) is None, "a round $10 needs more"


VOTE = (
    "With 97 percent of the expected vote counted, Sanders had 26 percent of the vote, while Buttigieg had 24 percent."
)
WINNER = "With 95 percent of precincts reporting, the networks declared {} the winner, with 26 percent of the vote."
TURNOUT = "Turnout was around 26 percent of eligible voters, Sanders aides said, below the 2008 primary."


def test_the_same_named_subject_counts_for_a_link_within_a_story():
    def share(item_id, article, sentence, **extra):
        return claim(item_id, article, sentence, "26 percent", "percent", 26.0, "percent", story=7, **extra)

    vote, turnout = share(1, "a", VOTE), share(3, "a", TURNOUT)
    named, unnamed = share(2, "b", WINNER.format("Sanders")), share(2, "b", WINNER.format("sanders"))
    assert _Claim(vote).subjects == _Claim(named).subjects == ("sander",) and not _Claim(unnamed).subjects
    scores = []
    for winner in (named, unnamed):  # the same words; only the capital makes "Sanders" a name
        items = [vote, turnout, winner]
        linker = _StoryLinker([], [_Claim(item) for item in items], common_but({}, *items))
        linker.groups()
        scores.append(linker.scores[1, 2])
    assert scores[0] > scores[1], "whose figure it is counts, though every sentence of the story names Sanders"
    assert scores[0] - scores[1] == pytest.approx(STORY_SUBJECT_BONUS)
