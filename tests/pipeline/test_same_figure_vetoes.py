"""Rules that part two claims of one story however alike their figures and words (``vetoes.SAME_FIGURE_VETOES``):
each with a pair it parts and a pair it leaves to the other rules."""

from __future__ import annotations

from tests.pipeline.test_story_rules import apart, claim, prepared, same
from workbench.pipeline.cluster_claims import ClaimItem, cluster_claims
from workbench.pipeline.cluster_claims.vetoes import _tallied, same_figure_veto


def _percent(item_id: int, article: str, sentence: str, mention: str, **extra) -> ClaimItem:
    return claim(item_id, article, sentence, mention, "percent", float(mention.split()[0]), "percent", **extra)


def _votes(item_id: int, article: str, sentence: str) -> ClaimItem:
    return claim(item_id, article, sentence, "197", "count", 197, "vote")


def _ranged(item_id: int, sentence: str, mention: str, kind: str, low: float, high: float) -> ClaimItem:
    unit = "USD" if kind == "money" else None
    return claim(item_id, f"outlet{item_id}", sentence, mention, kind, low, unit, value_high=high)


def test_a_rise_and_a_fall_are_two_moves_not_one_figure_rounded_two_ways():
    gained = _percent(
        1,
        "ap",
        "Markets rallied across Asia, with Japan's Nikkei up 2.56 percent and China's Shanghai Composite gaining "
        "0.83 percent.",
        "0.83 percent",
    )
    week = "China's Shanghai Composite ended the day {} 0.8 percent and off 3 percent for the week."
    fell = _percent(2, "reuters", week.format("down"), "0.8 percent")
    assert same_figure_veto(prepared(gained), prepared(fell)) == "opposite-changes"
    assert apart(cluster_claims([gained, fell])[0], 1, 2)
    rose = _percent(3, "reuters", week.format("up"), "0.8 percent")
    assert same_figure_veto(prepared(gained), prepared(rose)) is None
    assert same(cluster_claims([gained, rose])[0], 1, 3), "two rises: one move, rounded"


def test_the_level_of_a_change_is_no_move_of_its_own():
    sentence = "The unemployment rate fell from 7.9 percent in October to 7.7 percent."
    fell = _percent(1, "ap", sentence, "7.9 percent", role="from")
    rose = _percent(2, "cnn", "The unemployment rate rose to 7.9 percent in October.", "7.9 percent", role="to")
    assert "down" in prepared(fell).cues and "up" in prepared(rose).cues
    assert same_figure_veto(prepared(fell), prepared(rose)) is None, "October's level, printed in two changes"
    assert same(cluster_claims([fell, rose])[0], 1, 2)


def test_two_votes_that_share_one_count_are_two_tallies():
    rules = _votes(
        1,
        "cnn",
        "After about an hour of discussion, the House voted 228 to 197 to set the rules for debating the articles "
        "of impeachment.",
    )
    article = _votes(
        2, "fox", "Article one, abuse of power, was adopted by 230 to 197, with one member voting present."
    )
    first, second = prepared(rules), prepared(article)
    assert _tallied(first) and _tallied(second)
    assert same_figure_veto(first, second) == "other-tallies"
    assert apart(cluster_claims([rules, article])[0], 1, 2)
    again = _votes(3, "nbc", "The first article, abuse of power, passed 230-197, with one member voting present.")
    assert same_figure_veto(second, prepared(again)) is None, "the same tally in other words"
    assert same(cluster_claims([article, again])[0], 2, 3)


def test_a_figure_beside_another_is_no_tally_by_itself():
    assert not _tallied(
        prepared(claim(1, "a", "The House voted 228 times in 2019.", "228 times", "count", 228, "time"))
    )
    assert _tallied(prepared(claim(1, "a", "The Senate passed it 52-48.", "52", "count", 52, None)))


def test_two_ranges_printed_with_other_ends_are_two_figures():
    burr_range = "$628,000 and $1.72 million"
    burr = _ranged(
        1,
        f"Burr sold off a significant percentage of his stocks, unloading between {burr_range} of his holdings on "
        "Feb. 13 in 33 separate transactions.",
        burr_range,
        "money",
        628_000,
        1_720_000,
    )
    loeffler = _ranged(
        2,
        "She reported selling between nearly $1.3 million and $3.1 million worth of stocks owned jointly with her "
        "husband between late January and mid-February.",
        "$1.3 million and $3.1 million",
        "money",
        1_300_000,
        3_100_000,
    )
    assert same_figure_veto(prepared(burr), prepared(loeffler)) == "other-printed-ranges"
    assert apart(cluster_claims([burr, loeffler])[0], 1, 2)
    again = _ranged(3, f"Burr unloaded between {burr_range} of his holdings.", burr_range, "money", 628_000, 1_720_000)
    assert same_figure_veto(prepared(burr), prepared(again)) is None, "one range, printed twice"
    decade = _ranged(4, "It happened at a party in the early 1980s, she says.", "1980s", "year_range", 1980, 1989)
    years = _ranged(5, "The party took place in the summer of 1983-1984.", "1983-1984", "year_range", 1983, 1984)
    assert same_figure_veto(prepared(decade), prepared(years)) is None, "a decade is no printed range"
