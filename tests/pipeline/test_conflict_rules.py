"""The conflict vetoes as a table: for every named rule, a pair of one story it keeps apart (it is the first rule
that fires) and a like pair that no rule keeps apart; and the evidence that makes two figures one measure."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.pipeline.test_story_rules import claim as story_claim
from tests.pipeline.test_story_rules import prepared
from workbench.pipeline.cluster_claims import CONFLICT_VETOES, WordRarity, cluster_claims, conflict_veto, years_near
from workbench.pipeline.cluster_claims.story import _close_pairs, _every_pair, _story_conflicts


def claim(item_id, article, sentence, mention, kind, value, unit, **extra):
    """A claim of story 1 as the clustering service builds it, with the years printed near it."""
    item = story_claim(item_id, article, sentence, mention, kind, value, unit, **extra)
    start = sentence.index(mention)
    return replace(item, years=years_near(sentence, start, start + len(mention)))


def count(item_id, article, sentence, mention, value, unit="person", **extra):
    return prepared(claim(item_id, article, sentence, mention, "count", value, unit, **extra))


def percent(item_id, article, sentence, mention, value, **extra):
    return prepared(claim(item_id, article, sentence, mention, "percent", value, "percent", **extra))


def money(item_id, article, sentence, mention, value, **extra):
    return prepared(claim(item_id, article, sentence, mention, "money", value, "USD", **extra))


DAY, DAY_AFTER = "2019-05-13", "2019-05-14"


def duration(item_id, article, sentence, mention, value, published=DAY, unit="days"):
    return prepared(claim(item_id, article, sentence, mention, "duration", value, unit, published=published))


TOLL = "The attack on the school killed {} people, officials said."
CLEAR = (count(1, "a", TOLL.format(141), "141 people", 141), count(2, "b", TOLL.format(145), "145 people", 145))

# name -> (a pair the rule keeps apart, a like pair no rule keeps apart)
EXAMPLES = {
    "other-unit": (
        (CLEAR[0], count(2, "b", "The fire destroyed 145 homes, officials said.", "145 homes", 145, "home")),
        CLEAR,
    ),
    "other-qualifier": (
        (
            count(1, "a", "Britain expelled 23 Russian diplomats.", "23 Russian diplomats", 23, "diplomat"),
            count(2, "b", "Russia expelled 25 British diplomats.", "25 British diplomats", 25, "diplomat"),
        ),
        (
            count(1, "a", "Britain expelled 23 Russian diplomats.", "23 Russian diplomats", 23, "diplomat"),
            count(2, "b", "Britain expelled 25 Russian diplomats.", "25 Russian diplomats", 25, "diplomat"),
        ),
    ),
    "values-agree": ((CLEAR[0], count(2, "b", TOLL.format(141), "141 people", 141)), CLEAR),
    "days-apart": (
        (CLEAR[0], count(2, "b", TOLL.format(140), "140 people", 140, published="2019-05-20")),
        (CLEAR[0], count(2, "b", TOLL.format(140), "140 people", 140, published="2019-05-14")),
    ),
    "others-vs-total": (
        (
            count(1, "a", "Only two of the 50 states allow it.", "50 states", 50, "state"),
            count(2, "b", "The judges knew what the other 48 states were doing.", "48 states", 48, "state"),
        ),
        (
            count(1, "a", "Only two of the 50 states allow it.", "50 states", 50, "state"),
            count(2, "b", "The judges knew what the 48 states were doing.", "48 states", 48, "state"),
        ),
    ),
    "other-role": (
        (
            percent(1, "a", "The top rate rose to 39.6 percent this week.", "39.6 percent", 39.6, role="to"),
            percent(2, "b", "The top rate went up from 35.5 percent this week.", "35.5 percent", 35.5, role="from"),
        ),
        (
            percent(1, "a", "The top rate rose to 39.6 percent this week.", "39.6 percent", 39.6, role="to"),
            percent(2, "b", "The top rate rose to 35.5 percent this week.", "35.5 percent", 35.5, role="to"),
        ),
    ),
    "far-apart": ((CLEAR[0], count(2, "b", TOLL.format(250), "250 people", 250)), CLEAR),
    "rounding": (
        (
            money(1, "a", "Lawmakers agreed on a $1 trillion spending package.", "$1 trillion", 1e12),
            money(2, "b", "Lawmakers agreed on a $1.07 trillion spending package.", "$1.07 trillion", 1.07e12),
        ),
        (
            money(1, "a", "It levies tariffs on another $325 billion in Chinese goods.", "$325 billion", 325e9),
            money(2, "b", "It levies tariffs on another $300 billion in Chinese goods.", "$300 billion", 300e9),
        ),
    ),
    "update": (
        (CLEAR[0], count(2, "b", TOLL.format(145), "145 people", 145, published="2019-05-14")),
        (CLEAR[0], count(2, "b", TOLL.format(139), "139 people", 139, published="2019-05-14")),
    ),
    "other-subject": (
        (
            count(1, "a", "Clinton has 1,243 staffers in all.", "1,243 staffers", 1243, "staffer"),
            count(2, "b", "Sanders has 1,156 staffers in all.", "1,156 staffers", 1156, "staffer"),
        ),
        (
            count(1, "a", "Clinton has 1,243 staffers in all.", "1,243 staffers", 1243, "staffer"),
            count(2, "b", "Clinton has 1,156 staffers in all.", "1,156 staffers", 1156, "staffer"),
        ),
    ),
    "looks-back": (
        (
            count(1, "a", "He won 150 seats four years ago.", "150 seats", 150, "seat"),
            count(2, "b", "He won 140 seats four years ago.", "140 seats", 140, "seat"),
        ),
        (
            count(1, "a", "He won 150 seats on Tuesday.", "150 seats", 150, "seat"),
            count(2, "b", "He won 140 seats on Tuesday.", "140 seats", 140, "seat"),
        ),
    ),
    "threshold": (
        (
            count(1, "a", "The bill fell short of the 60 sponsors it needs.", "60 sponsors", 60, "sponsor"),
            count(2, "b", "The bill got 54 sponsors in the Senate.", "54 sponsors", 54, "sponsor"),
        ),
        (
            count(1, "a", "The bill fell short with 60 sponsors in the Senate.", "60 sponsors", 60, "sponsor"),
            count(2, "b", "The bill got 54 sponsors in the Senate.", "54 sponsors", 54, "sponsor"),
        ),
    ),
    "other-measure": (
        (
            count(1, "a", "The gunman killed 49 people at the club.", "49 people", 49),
            count(2, "b", "The gunman killed 50 people and wounded at least 53 more.", "53", 53, None),
        ),
        (
            count(1, "a", "The earthquake killed at least 247 people.", "247 people", 247, hedge="at_least"),
            count(2, "b", "The death toll from the earthquake had risen to 241.", "241", 241, None),
        ),
    ),
    "in-a-list": (
        (
            percent(
                1,
                "a",
                "Acceptance was 8.1%, 10.6% for Hispanics, 13.2% for blacks, 12.5% for whites, 11.1% overall.",
                "13.2%",
                13.2,
            ),
            percent(2, "b", "Acceptance for this class was 11.8% in the end.", "11.8%", 11.8),
        ),
        (
            percent(1, "a", "Acceptance for this class was 13.2% in the end.", "13.2%", 13.2),
            percent(2, "b", "Acceptance for this class was 11.8% in the end.", "11.8%", 11.8),
        ),
    ),
    "small-counts": (
        (
            count(1, "a", "Rubio won the backing of four governors this week.", "four governors", 4, "governor"),
            count(2, "b", "Trump won the backing of six governors this week.", "six governors", 6, "governor"),
        ),
        (
            count(1, "a", "Rubio won the backing of 14 governors this week.", "14 governors", 14, "governor"),
            count(2, "b", "Rubio won the backing of 16 governors this week.", "16 governors", 16, "governor"),
        ),
    ),
    "whole-percents": (
        (
            percent(1, "a", "Democrats oppose the strike by 44 percent.", "44 percent", 44),
            percent(2, "b", "Americans oppose the strike by 51 percent.", "51 percent", 51),
        ),
        (
            percent(1, "a", "The Dow dropped 600 points, or 2.3%, on Monday.", "2.3%", 2.3),
            percent(2, "b", "The Dow fell 617 points, or 2.4%, on Monday.", "2.4%", 2.4),
        ),
    ),
    "part-of-whole": (
        (
            count(1, "a", "The siege left 141 people dead, officials said.", "141 people", 141),
            count(2, "b", "The siege left 150 dead, including 132 people at the school.", "132 people", 132),
        ),
        (
            count(1, "a", "The siege left 141 people dead, officials said.", "141 people", 141),
            count(2, "b", "The siege left 132 people dead at the school.", "132 people", 132),
        ),
    ),
    "other-time": (
        (
            count(1, "a", "Before Saturday, Trump had 742 donors in all.", "742 donors", 742, "donor"),
            count(2, "b", "Trump has 821 donors in all.", "821 donors", 821, "donor"),
        ),
        (
            count(1, "a", "On Saturday, Trump had 742 donors in all.", "742 donors", 742, "donor"),
            count(2, "b", "Trump has 821 donors in all.", "821 donors", 821, "donor"),
        ),
    ),
    "other-year": (
        (
            count(1, "a", "The bombing in 2008 killed 150 people in Karachi.", "150 people", 150),
            count(2, "b", "The bombing in 2007 killed 139 people in Karachi.", "139 people", 139),
        ),
        (
            count(1, "a", "The bombing in 2008 killed 150 people in Karachi.", "150 people", 150),
            count(2, "b", "The bombing in 2008 killed 139 people in Karachi.", "139 people", 139),
        ),
    ),
    "past-year": (
        (
            count(1, "a", "The 2008 bombing in Karachi killed 150 people.", "150 people", 150),
            count(2, "b", "The bombing in Karachi killed 139 people.", "139 people", 139),
        ),
        (
            count(1, "a", "The 2019 bombing in Karachi killed 150 people.", "150 people", 150),
            count(2, "b", "The bombing in Karachi killed 139 people.", "139 people", 139),
        ),
    ),
    "tallies": (
        (
            count(1, "a", "Sanders has 567 delegates overall.", "567 delegates", 567, "delegate"),
            count(2, "b", "Sanders has 591 delegates overall.", "591 delegates", 591, "delegate"),
        ),
        (
            count(1, "a", "Sanders has 567 staffers overall.", "567 staffers", 567, "staffer"),
            count(2, "b", "Sanders has 591 staffers overall.", "591 staffers", 591, "staffer"),
        ),
    ),
    "other-place": (
        (
            percent(1, "a", "In Ohio, the unemployment rate was 7.3% in May.", "7.3%", 7.3),
            percent(2, "b", "The unemployment rate was 8.2% in May.", "8.2%", 8.2),
        ),
        (
            percent(1, "a", "In Ohio, the unemployment rate was 7.3% in May.", "7.3%", 7.3),
            percent(2, "b", "In Ohio, the unemployment rate was 8.2% in May.", "8.2%", 8.2),
        ),
    ),
    "other-sector": (
        (
            count(
                1, "a", "Overall, private sector employers added 246,000 jobs in May.", "246,000 jobs", 246000, "job"
            ),
            count(2, "b", "Overall, employers added 236,000 jobs in May.", "236,000 jobs", 236000, "job"),
        ),
        (
            count(
                1, "a", "Overall, private sector employers added 246,000 jobs in May.", "246,000 jobs", 246000, "job"
            ),
            count(
                2, "b", "Overall, private sector employers added 264,000 jobs in May.", "264,000 jobs", 264000, "job"
            ),
        ),
    ),
    "expected-vs-fact": (
        (
            count(1, "a", "Economists were expecting employers to add 160,000 jobs.", "160,000 jobs", 160000, "job"),
            count(2, "b", "Employers added 171,000 jobs in February.", "171,000 jobs", 171000, "job"),
        ),
        (
            count(1, "a", "Economists said employers added 160,000 jobs.", "160,000 jobs", 160000, "job"),
            count(2, "b", "Employers added 171,000 jobs in February.", "171,000 jobs", 171000, "job"),
        ),
    ),
    "countdown": (
        (
            duration(1, "a", "With eight days to go until the election, Obama leads.", "eight days", 8),
            duration(2, "b", "With seven days to go until the election, Obama leads.", "seven days", 7, DAY_AFTER),
        ),
        (
            duration(1, "a", "With eight days to go until the election, Obama leads.", "eight days", 8),
            duration(2, "b", "With seven days to go until the election, Obama leads.", "seven days", 7),
        ),
    ),
    "truncated": (
        (
            percent(1, "a", "The senator finished fifth with 8 percent.", "8 percent", 8),
            percent(2, "b", "The senator finished fifth with 8.5 percent.", "8.5 percent", 8.5),
        ),
        (
            percent(1, "a", "The senator finished fifth with 8.4 percent.", "8.4 percent", 8.4),
            percent(2, "b", "The senator finished fifth with 8.5 percent.", "8.5 percent", 8.5),
        ),
    ),
    "usual-vs-one": (
        (
            count(1, "a", "Employers added an average of 202,000 jobs in June.", "202,000 jobs", 202000, "job"),
            count(2, "b", "Employers added 188,000 jobs in June.", "188,000 jobs", 188000, "job"),
        ),
        (
            count(1, "a", "Employers added 202,000 jobs in June.", "202,000 jobs", 202000, "job"),
            count(2, "b", "Employers added 188,000 jobs in June.", "188,000 jobs", 188000, "job"),
        ),
    ),
    "other-period": (
        (
            count(1, "a", "Construction added 151,000 jobs over the past five months.", "151,000 jobs", 151000, "job"),
            count(2, "b", "Construction added 155,000 jobs in February.", "155,000 jobs", 155000, "job"),
        ),
        (
            count(1, "a", "Construction added 151,000 jobs in February.", "151,000 jobs", 151000, "job"),
            count(2, "b", "Construction added 155,000 jobs in February.", "155,000 jobs", 155000, "job"),
        ),
    ),
    "other-direction": (
        (
            count(1, "a", "The index closed 1,985 points higher on Thursday.", "1,985 points", 1985, "point"),
            count(2, "b", "The index closed 2,352 points lower on Thursday.", "2,352 points", 2352, "point"),
        ),
        (
            count(1, "a", "The index closed 1,985 points lower on Thursday.", "1,985 points", 1985, "point"),
            count(2, "b", "The index closed 2,352 points lower on Thursday.", "2,352 points", 2352, "point"),
        ),
    ),
    "running": (
        (
            count(1, "a", "Officials said 55 people remain hospitalized after the bombing.", "55 people", 55),
            count(2, "b", "Officials said 50 people were hospitalized after the bombing.", "50 people", 50),
        ),
        (
            count(1, "a", "Officials said 55 people were hospitalized after the bombing.", "55 people", 55),
            count(2, "b", "Officials said 50 people were hospitalized after the bombing.", "50 people", 50),
        ),
    ),
    "pairs-other-figure": (
        (
            percent(1, "a", "The two finished with 9.4 percent and 8.4 percent of the vote.", "8.4 percent", 8.4),
            percent(2, "b", "The senator finished with 9.4 percent of the vote.", "9.4 percent", 9.4),
        ),
        (
            percent(1, "a", "The two finished with 7.1 percent and 8.4 percent of the vote.", "8.4 percent", 8.4),
            percent(2, "b", "The senator finished with 9.4 percent of the vote.", "9.4 percent", 9.4),
        ),
    ),
    "other-scope": (
        (
            count(1, "a", "Montana is one of 38 states with a no-aid provision.", "38 states", 38, "state"),
            count(
                2,
                "b",
                "Thirty-seven states besides Montana have a no-aid provision.",
                "Thirty-seven states",
                37,
                "state",
            ),
        ),
        (
            count(1, "a", "Montana is one of 38 states with a no-aid provision.", "38 states", 38, "state"),
            count(2, "b", "Montana is one of 37 states with a no-aid provision.", "37 states", 37, "state"),
        ),
    ),
    "other-head": (
        (
            count(1, "a", "The gunman used them to murder 58 people in Las Vegas last fall.", "58 people", 58),
            count(2, "b", "The mass shooting in Las Vegas last fall left 59 dead.", "59 dead", 59, None),
        ),
        (
            count(1, "a", "The gunman in Las Vegas last fall killed 58 people.", "58 people", 58),
            count(2, "b", "The mass shooting in Las Vegas last fall left 59 dead.", "59 dead", 59, None),
        ),
    ),
    "sum-of-parts": (
        (
            money(
                1,
                "a",
                "The deal raises spending by roughly $300 billion over two years.",
                "$300 billion",
                3e11,
                hedge="about",
            ),
            money(
                2,
                "b",
                "The deal raises defense spending by $240 billion and domestic spending by $61 billion over two years.",
                "$240 billion",
                240e9,
            ),
        ),
        (
            money(
                1,
                "a",
                "The deal raises spending by roughly $300 billion over two years.",
                "$300 billion",
                3e11,
                hedge="about",
            ),
            money(
                2,
                "b",
                "The deal raises defense spending by $240 billion and domestic spending by $10 billion over two years.",
                "$240 billion",
                240e9,
            ),
        ),
    ),
    "first-vs-revised": (
        (
            count(
                1, "a", "In its initial report, the bureau said 165,000 jobs were added.", "165,000 jobs", 165000, "job"
            ),
            count(2, "b", "The bureau said a revised 149,000 jobs were added.", "149,000 jobs", 149000, "job"),
        ),
        (
            count(1, "a", "In its report, the bureau said 165,000 jobs were added.", "165,000 jobs", 165000, "job"),
            count(2, "b", "The bureau said 149,000 jobs were added.", "149,000 jobs", 149000, "job"),
        ),
    ),
    "bare-duration": (
        (
            duration(1, "a", "Opponents have been waiting for 45 years to see it.", "45 years", 45, unit="years"),
            duration(2, "b", "The ruling broke with 40 years of court precedent.", "40 years", 40, unit="years"),
        ),
        (
            duration(1, "a", "The deal came after 16 hours of peace talks.", "16 hours", 16, unit="hours"),
            duration(2, "b", "The deal came after 17 hours of talks.", "17 hours", 17, unit="hours"),
        ),
    ),
    "later-reading": (
        (
            prepared(claim(1, "a", "Its sustained winds were 50 mph.", "50 mph", "quantity", 50, "mph")),
            prepared(
                claim(2, "b", "Its sustained winds were 45 mph.", "45 mph", "quantity", 45, "mph", published=DAY_AFTER)
            ),
        ),
        (
            count(1, "a", "The index closed 1,985 points lower on Thursday.", "1,985 points", 1985, "point"),
            count(2, "b", "The index closed 2,352 points lower on Thursday.", "2,352 points", 2352, "point"),
        ),
    ),
    "two-lists": (
        (
            percent(
                1,
                "a",
                "Acceptance was 8.1% for Asians, 10.6% for Hispanics, 13.2% for Blacks, 11.1% for whites, 9.7% overall.",
                "13.2%",
                13.2,
            ),
            percent(
                2,
                "b",
                "The class is 25.6% Asian, 13.1% Black, 11.8% Hispanic, 2.2% native and 40.1% white.",
                "11.8%",
                11.8,
            ),
        ),
        (
            percent(
                1,
                "a",
                "Acceptance was 8.1% for Asians, 10.6% for Hispanics, 13.2% for Blacks, 11.1% for whites, 9.7% overall.",
                "13.2%",
                13.2,
            ),
            percent(2, "b", "Acceptance for Asians and Hispanics was 11.8% this year.", "11.8%", 11.8),
        ),
    ),
    "vague-vs-figure": (
        (
            count(
                1,
                "a",
                "The number of unemployed rose 164,000 to 12.2 million.",
                "164,000 to 12.2 million",
                164000,
                None,
                value_high=12.2e6,
            ),
            count(2, "b", "The number of unemployed rose 155,000 in December.", "155,000", 155000, None),
        ),
        (
            count(1, "a", "The number of unemployed rose 164,000 in December.", "164,000", 164000, None),
            count(2, "b", "The number of unemployed rose 155,000 in December.", "155,000", 155000, None),
        ),
    ),
    "other-rank": (
        (
            percent(1, "a", "The senator finished fourth with 9.3 percent.", "9.3 percent", 9.3),
            percent(2, "b", "The senator finished fifth with 8.5 percent.", "8.5 percent", 8.5),
        ),
        (
            percent(1, "a", "The senator finished fifth with 9.3 percent.", "9.3 percent", 9.3),
            percent(2, "b", "The senator finished fifth with 8.5 percent.", "8.5 percent", 8.5),
        ),
    ),
}


def test_every_veto_has_examples_and_a_doc():
    assert {veto.name for veto in CONFLICT_VETOES} == set(EXAMPLES)
    assert all(veto.doc for veto in CONFLICT_VETOES)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_veto_is_the_first_rule_to_part_its_pair_and_leaves_a_like_pair_alone(name):
    (first, second), (like_first, like_second) = EXAMPLES[name]
    assert conflict_veto(first, second) == name
    assert conflict_veto(second, first) == name, "the rules are symmetric"
    assert conflict_veto(like_first, like_second) is None


def test_years_near_a_figure_are_read_from_the_sentence_not_its_own_mention():
    sentence = "The 2008 suicide bombing killed 150, and in October 2007 about 139 died; it cost $2015 in 2019.5 terms."
    start = sentence.index("150")
    assert years_near(sentence, start, start + 3) == (2007, 2008)
    assert years_near("In 2014 it was 2014.", 15, 19) == (2014,), "the claim's own year is not its reference"


def test_a_figure_hedged_towards_a_bound_is_near_by_what_it_stands_for():
    debate = "The vote came after eight hours of highly charged partisan debate."
    longer = "After nearly 12 hours of debate on the House floor, Democrats voted."
    first = prepared(claim(1, "a", debate, "eight hours", "duration", 8, "hours"))
    second = prepared(claim(2, "b", longer, "12 hours", "duration", 12, "hours", hedge="nearly"))
    assert first.near_in_value(second), "nearly 12 stands for 9 to 12: a quarter from 8, not a half"
    plain = prepared(
        claim(
            3, "b", "After 12 hours of debate on the House floor, Democrats voted.", "12 hours", "duration", 12, "hours"
        )
    )
    assert not first.near_in_value(plain)
    assert first.same_measure(second), "'debate' after one number is among the words after the other"


def test_a_conversion_in_brackets_is_said_of_what_follows_them():
    converted = prepared(
        claim(1, "a", "The towns lie 100 kilometers (60 miles) northeast of Rome.", "60 miles", "quantity", 60, "mile")
    )
    assert converted.head == "northeast"
    regions = prepared(
        claim(
            2,
            "b",
            "The quake jolted three regions 80 to 100 miles northeast of Rome.",
            "80 to 100 miles",
            "quantity",
            80,
            "mile",
            value_high=100,
        )
    )
    assert converted.same_frame(regions), "one distance: the same word after both numbers, and the place named"
    assert conflict_veto(converted, regions) is None, "60 is a third from 80: far, but one frame allows it"
    elsewhere = prepared(
        claim(
            3,
            "b",
            "The quake jolted three regions 80 to 100 miles northeast of the capital, officials in Rome said.",
            "80 to 100 miles",
            "quantity",
            80,
            "mile",
            value_high=100,
        )
    )
    assert not converted.same_frame(elsewhere), "a name elsewhere in the sentence is no frame"
    assert conflict_veto(converted, elsewhere) == "far-apart"


def test_the_same_measure_makes_two_tolls_in_other_words_a_conflict_and_the_trace_says_why():
    items = [
        claim(
            1,
            "ap",
            "The earthquake toppled homes in central Italy, killing at least 247 people and injuring hundreds.",
            "247 people",
            "count",
            247,
            "person",
            hedge="at_least",
        ),
        claim(
            2,
            "fox",
            "Italy's civil protection agency reported the death toll had risen to 241 early Thursday.",
            "241",
            "count",
            241,
            None,
        ),
    ]
    assignments, conflicts = cluster_claims(items)
    assert conflicts == [tuple(sorted((assignments[1], assignments[2])))]
    members = [(prepared(item), assignments[item.id]) for item in items]
    why: dict[tuple[int, int], str] = {}
    _story_conflicts(1, members, WordRarity.of(items), why)
    assert why[(1, 2)].startswith("conflict")
    wounded = claim(
        3,
        "fox",
        "The earthquake killed 250 people and wounded at least 241 others on Thursday.",
        "241",
        "count",
        241,
        None,
    )
    members = [(prepared(items[0]), 10), (prepared(wounded), 11)]
    why = {}
    assert _story_conflicts(1, members, WordRarity.of([items[0], wounded]), why) == []
    assert why[(1, 3)] == "other-measure"


def test_a_hedge_on_a_precise_figure_does_not_bring_it_near_another():
    almost = money(
        1, "a", "He ended the quarter with almost $15.7 million in the bank.", "$15.7 million", 15.7e6, hedge="nearly"
    )
    other = money(2, "b", "She ended the quarter with $8.9 million in the bank.", "$8.9 million", 8.9e6)
    assert conflict_veto(almost, other) == "far-apart", "almost $15.7 million is not 11.8 million"
    round_one = money(
        3, "a", "He ended the quarter with almost $11 million in the bank.", "$11 million", 11e6, hedge="nearly"
    )
    assert conflict_veto(round_one, other) != "far-apart", "almost $11 million may stand for 9 million"


def test_a_sector_named_a_few_words_before_the_verb_is_the_figures_sector():
    adp = count(
        1,
        "a",
        "The payroll processor ADP reported that private employers added a hefty 195,000 jobs in August.",
        "195,000 jobs",
        195000,
        "job",
    )
    labor = count(
        2, "b", "U.S. employers added 188,000 jobs in August, the Labor Department said.", "188,000 jobs", 188000, "job"
    )
    assert "sector:private" in adp.cues
    assert conflict_veto(adp, labor) == "other-sector"


def test_what_a_count_of_people_counts_is_read_past_function_words_and_not_from_another_number():
    released = count(
        1,
        "a",
        "Gunmen took 170 people hostage, killing at least three of them while some 20 others have been released.",
        "20",
        20,
        None,
        hedge="about",
    )
    died = count(
        2, "b", "More than two dozen people are believed to have died.", "two dozen people", 24, hedge="more_than"
    )
    assert [cue for cue in released.cues if cue.startswith("head:")] == ["head:released"]
    assert [cue for cue in died.cues if cue.startswith("head:")] == ["head:dead"]
    assert conflict_veto(released, died) == "other-head"


def test_conflicts_read_only_pairs_a_day_apart_and_find_what_reading_every_pair_finds():
    """Without a trace, only the pairs of articles at most a day apart are compared (the days-apart rule refuses
    the rest), in the order every pair is read: the same conflicts, with the same claims showing them."""
    days = ["2019-05-13", "2019-05-14", "2019-05-16", "2019-05-13", "2019-05-17", "2019-05-15"]
    tolls = [141, 145, 150, 147, 160, 152]
    members = [
        (count(n, f"outlet{n}", TOLL.format(toll), f"{toll} people", toll, published=day), 100 + n)
        for n, (day, toll) in enumerate(zip(days, tolls, strict=True), start=1)
    ]
    claims = [claim for claim, _ in members]
    rarity = WordRarity.of([])
    assert [(a.id, b.id) for a, b in _close_pairs(claims)] == [
        (a.id, b.id) for a, b in _every_pair(claims) if abs((a.day or 0) - (b.day or 0)) <= 1
    ]
    assert [(a.id, b.id) for a, b in _close_pairs(claims)] == [(1, 2), (1, 4), (2, 4), (2, 6), (3, 5), (3, 6)]
    why: dict[tuple[int, int], str] = {}
    traced = _story_conflicts(1, members, rarity, why)
    assert why[(1, 3)] == "days-apart"
    found = _story_conflicts(1, members, rarity)
    assert found == traced
    assert [(c.claim_a, c.claim_b) for c in found] == [(1, 4), (2, 4)]
