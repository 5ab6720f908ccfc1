"""Claims and quotes inside a story: specific figures link across paraphrase, rounding and hedges; equal values
that count different things stay apart; the same statement with another figure is a conflict, never a merge."""

from __future__ import annotations

from workbench.pipeline.cluster_claims import ClaimClusterIndex, ClaimItem, _Claim, cluster_claims, masked_statement
from workbench.pipeline.cluster_quotes import QuoteItem, cluster_quotes

DAY = "2012-11-02"


def claim(
    item_id: int,
    article: str,
    sentence: str,
    mention: str,
    kind: str,
    value: float,
    unit: str | None,
    story: int | None = 1,
    **extra,
) -> ClaimItem:
    start = sentence.index(mention)
    return ClaimItem(
        item_id,
        article,
        kind,
        value,
        unit,
        masked_statement(sentence, start, start + len(mention)),
        story=story,
        mention=mention,
        published=extra.pop("published", DAY),
        **extra,
    )


def jobs(story: int | None) -> list[ClaimItem]:
    return [
        claim(
            1,
            "fox",
            "The report offered a mixed bag, with the economy adding a better-than-expected 171,000 jobs.",
            "171,000 jobs",
            "count",
            171_000,
            "job",
            story,
        ),
        claim(
            2,
            "politico",
            "The gain of 171,000 jobs in October beat expectations.",
            "171,000 jobs",
            "count",
            171_000,
            "job",
            story,
        ),
        claim(
            3,
            "townhall",
            "Unemployment crept up in October to 7.9 percent, as 170,000 nonfarm payroll jobs were added.",
            "170,000 nonfarm payroll jobs",
            "count",
            170_000,
            "job",
            story,
        ),
    ]


def same(result: dict[int, int], *ids: int) -> bool:
    return len({result[i] for i in ids}) == 1


def apart(result: dict[int, int], *ids: int) -> bool:
    return len({result[i] for i in ids}) == len(ids)


def test_a_specific_figure_links_across_paraphrase_and_rounding_only_within_a_story():
    assert same(cluster_claims(jobs(story=1))[0], 1, 2, 3)
    outside = cluster_claims(jobs(story=None))[0]
    assert apart(outside, 1, 3), "across stories the stricter rules want the statement, not just the figure"


def test_rounding_and_hedges_read_as_intervals_within_a_story():
    def figure(value: float, hedge: str | None = None, high: float | None = None, kind: str = "percent") -> _Claim:
        return _Claim(
            ClaimItem(
                0,
                "a",
                kind,
                value,
                "percent" if kind == "percent" else "official",
                "x {#} y",
                value_high=high,
                hedge=hedge,
                story=1,
            )
        )

    assert figure(9).story_compatible(figure(9.4)), "9 percent is 9.4 percent rounded"
    assert not figure(9).story_compatible(figure(9.6)), "9.6 rounds to 10"
    assert not figure(8).story_compatible(figure(8.5)), "8 does not stand for 8.5 (more than 5% off)"
    assert figure(12, "more_than", kind="count").story_compatible(figure(17, kind="count")), "more than a dozen: 17"
    assert figure(600, "more_than", kind="count").story_compatible(figure(617, kind="count"))
    assert not figure(12, "nearly", kind="count").story_compatible(figure(8, kind="count"))
    assert figure(7, high=9, kind="count").story_compatible(figure(9, kind="count"))


def test_equal_values_that_count_different_things_stay_apart():
    items = [
        claim(
            1,
            "fox",
            "Still, Moscow has in turn ordered 23 British diplomats to leave.",
            "23 British diplomats",
            "count",
            23,
            "diplomat",
        ),
        claim(
            2,
            "guardian",
            "The UK expelled 23 Russian diplomats in the wake of the poisoning.",
            "23 Russian diplomats",
            "count",
            23,
            "diplomat",
        ),
        claim(
            3,
            "fox",
            "The prior September jobs report showed the unemployment rate dropping to 7.8 percent.",
            "7.8 percent",
            "percent",
            7.8,
            "percent",
        ),
        claim(4, "cnn", "In January 2009, the unemployment rate was 7.8%.", "7.8%", "percent", 7.8, "percent"),
    ]
    result = cluster_claims(items)[0]
    assert apart(result, 1, 2), "British and Russian diplomats"
    assert apart(result, 3, 4), "September 2012 and January 2009"


def test_an_article_that_restates_an_amount_keeps_it_in_one_cluster():
    items = [
        claim(
            1,
            "csm",
            "The CBO estimates that raising the minimum wage to $10.10 an hour would cost 500,000 jobs.",
            "$10.10",
            "money",
            10.10,
            "USD",
        ),
        claim(
            2,
            "csm",
            "Backers of a $10.10 minimum wage say it would lift millions out of poverty.",
            "$10.10",
            "money",
            10.10,
            "USD",
        ),
        claim(
            3,
            "usa",
            "Senate Democrats are pushing for a $10.10 increase in the federal minimum wage.",
            "$10.10",
            "money",
            10.10,
            "USD",
        ),
    ]
    assert same(cluster_claims(items)[0], 1, 2, 3)


QUAKE_A = "A powerful earthquake struck the hill towns around Norcia, killing at least 247 people, officials said."
QUAKE_B = "The death toll from the earthquake around Norcia stood at 241 people on Thursday, officials said."


def quake(story: int | None) -> list[ClaimItem]:
    return [
        claim(1, "planet", QUAKE_A, "247 people", "count", 247, "person", story, hedge="at_least"),
        claim(2, "post", QUAKE_B, "241 people", "count", 241, "person", story, published="2012-11-03"),
    ]


def test_a_revised_toll_in_one_story_is_a_conflict_with_both_claims_never_a_merge():
    index = ClaimClusterIndex()
    assignments, conflicts = index.assign(quake(story=7))
    assert apart(assignments, 1, 2)
    assert conflicts == [(1, 2)]
    (detail,) = index.conflict_details
    assert (detail.cluster_a, detail.cluster_b, detail.claim_a, detail.claim_b, detail.story) == (1, 2, 1, 2, 7)


def test_figures_far_apart_or_of_two_articles_that_print_both_are_no_conflict():
    far = [
        claim(1, "planet", QUAKE_A, "247 people", "count", 247, "person", hedge="at_least"),
        claim(2, "post", QUAKE_B.replace("241", "41"), "41 people", "count", 41, "person"),
    ]
    assert cluster_claims(far)[1] == [], "247 and 41 are not two printings of one toll"
    both = [
        *quake(story=1),
        claim(
            3,
            "post",
            "Earlier, officials had counted 247 people dead in the earthquake.",
            "247 people",
            "count",
            247,
            "person",
        ),
    ]
    assert cluster_claims(both)[1] == [], "the second article prints 247 too: the two figures count two things"


def test_new_claims_join_a_stored_cluster_of_their_story():
    stored = jobs(story=1)[:2]
    live = ClaimClusterIndex()
    first, _ = live.assign(stored)
    new = jobs(story=1)[2:]
    rebuilt = ClaimClusterIndex()
    for item in stored:
        rebuilt.add_representative(item) if first[item.id] == item.id else None
        rebuilt.add_story_member(item, first[item.id])
    assert rebuilt.assign(new)[0] == {3: first[1]} == live.assign(new)[0]


def test_a_light_misquote_links_inside_a_story_only():
    said = "We're devastated. We just lost 19 of the finest people you'll ever meet."
    misquoted = "Emotionally, we're devastated. We just lost 19 of some of the finest people you'll ever meet."
    inside = cluster_quotes([QuoteItem(1, "npr", said, story=3), QuoteItem(2, "csm", misquoted, story=3)])
    outside = cluster_quotes([QuoteItem(1, "npr", said), QuoteItem(2, "csm", misquoted)])
    assert inside[1] == inside[2] and outside[1] != outside[2]


def test_an_editorial_insertion_in_parentheses_does_not_block_a_quote():
    full = "He said he was going to lower the unemployment rate, and that's 9 million jobs short of what he promised"
    short = "That's 9 million jobs short of what (Obama) promised"
    result = cluster_quotes([QuoteItem(1, "politico", full), QuoteItem(2, "fox", short)])
    assert result[1] == result[2]
