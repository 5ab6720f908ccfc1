"""Claim clustering: what counts as the same claim, what is a conflict, and the incremental API."""

from __future__ import annotations

from collections import Counter

import pytest

from workbench.models import Claim
from workbench.pipeline.cluster_claims import (
    ClaimClusterIndex,
    ClaimItem,
    WordRarity,
    canonical_word,
    claim_relation,
    cluster_claims,
    masked_statement,
    publication_day,
)
from workbench.services.clustering import _claim_item

# The seed articles' dates (see the brief): 003 is a repost of a year-old story.
SEED_DATES = {"000": "2023-06-13", "001": "2023-06-13", "003": "2022-06-11", "004": "2023-06-12"}
DAY = "2023-06-13"

TWENTY_YEAR_AGREEMENT = (
    "The encounter took place one year after Maduro’s official visit to Tehran, where the socialist dictator "
    "signed a 20-year cooperation agreement with Iran."
)
TWENTY_YEAR_PLAN = (
    "The Iranian leader welcomed the inking of a 20-year cooperation plan between Iran and Venezuela during the "
    "latter’s visit in Tehran, saying, “Long-term cooperation requires follow-ups on agreements and their "
    "implementation.”"
)
TWENTY_YEAR_SIGNING = (
    "“We are drawing up a detailed roadmap for cooperation with Iran in various fields, science and technology "
    "areas in particular,” referring to the talks in Tehran and the signing of the 20-year cooperation."
)
THREE_NATIONS = (
    "On Monday morning Iran’s local time, President Raisi left Tehran for a tour of three Latin American nations "
    "-Venezuela, Nicaragua, and Cuba- at the head of large politico-economic delegation."
)
THREE_COUNTRIES = (
    "TEHRAN – Iranian President Ebrahim Raisi left Tehran for Caracas in a tour of three Latin American countries "
    "on Monday morning."
)
TRADE_RISE = (
    "Raisi explained that bilateral trade volume has increased from $600 million in 2021 to more than $3 billion "
    "today, adding that both regimes plan to increase it first to $10 billion and then to $20 billion."
)


def claim(
    item_id: int, article: str, sentence: str, mention: str, kind: str, value: float | None, unit: str | None, **extra
) -> ClaimItem:
    start = sentence.index(mention)
    statement = masked_statement(sentence, start, start + len(mention))
    return ClaimItem(item_id, article, kind, value, unit, statement, **extra)


def trade(item_id: int, article: str, figure: str, value: float, **extra) -> ClaimItem:
    """The same statement as several outlets print it in one week (dated, unless ``published`` says otherwise)."""
    sentence = f"Raisi said that bilateral trade volume with Venezuela has increased to {figure} this year."
    return claim(item_id, article, sentence, figure, "money", value, "USD", role="to", **{"published": DAY, **extra})


def same(result: dict[int, int], *ids: int) -> bool:
    return len({result[i] for i in ids}) == 1


def apart(result: dict[int, int], *ids: int) -> bool:
    return len({result[i] for i in ids}) == len(ids)


def test_masked_statement_hides_the_claim_and_other_numbers():
    sentence = "Trade rose from $600 million in 2021 to $3 billion."
    start = sentence.index("$3 billion")
    assert masked_statement(sentence, start, start + 10) == "Trade rose from $# million in # to {#}."
    assert masked_statement("abc", 10, 20) == "abc{#}"  # offsets past the end are clamped, never raise


def test_synonyms_and_stems():
    assert canonical_word("nations") == canonical_word("countries") == "country"
    assert {canonical_word(w) for w in ("agreement", "plan", "deal", "pact")} == {"agreement"}
    assert {canonical_word(w) for w in ("rise", "rose", "increased", "grow")} == {"increase"}
    assert canonical_word("signing") == canonical_word("inked") == "sign"


@pytest.mark.parametrize("dated", [False, True])
def test_the_brief_examples_cluster(dated):
    """With the seed dates the agreement is restated a year later: its distinctive words carry it across."""

    def seed(article: str) -> dict:
        return {"published": SEED_DATES[article]} if dated else {}

    items = [
        claim(1, "001", TWENTY_YEAR_AGREEMENT, "20-year", "duration", 20, "years", **seed("001")),
        claim(2, "003", TWENTY_YEAR_PLAN, "20-year", "duration", 20, "years", **seed("003")),
        claim(3, "003", TWENTY_YEAR_SIGNING, "20-year", "duration", 20, "years", **seed("003")),
        claim(4, "000", THREE_NATIONS, "three Latin American nations", "count", 3, "nations", **seed("000")),
        claim(5, "004", THREE_COUNTRIES, "three", "count", 3, "countries", **seed("004")),
    ]
    assignments, conflicts = cluster_claims(items)
    assert same(assignments, 1, 2, 3)
    assert same(assignments, 4, 5)
    assert apart(assignments, 1, 4)
    assert conflicts == []


def test_the_same_number_in_unrelated_statements_stays_apart():
    items = [
        claim(1, "a", TWENTY_YEAR_AGREEMENT, "20-year", "duration", 20, "years"),
        claim(
            2,
            "b",
            "The court in Tehran handed him a 20-year prison sentence with Iran's approval.",
            "20-year",
            "duration",
            20,
            "years",
        ),
        claim(3, "c", "Iran and Venezuela signed $3 billion in trade deals.", "$3 billion", "money", 3e9, "USD"),
        claim(4, "d", "Iran and Venezuela signed a $3 billion loan.", "$3 billion", "money", 3e9, "USD"),
    ]
    assignments, conflicts = cluster_claims(items)
    assert apart(assignments, 1, 2, 3, 4)
    assert conflicts == []


def test_rounding_and_hedges_are_not_conflicts():
    items = [
        trade(1, "b", "more than $3 billion", 3e9, hedge="more_than"),
        trade(2, "c", "$3.2 billion", 3.2e9),
        trade(3, "d", "$3 billion", 3e9),
        trade(4, "e", "$2 billion", 2e9),
    ]
    assignments, conflicts = cluster_claims(items)
    assert same(assignments, 1, 2, 3)
    assert apart(assignments, 1, 4)
    assert conflicts == [(1, 4)]
    # The hedge stretches a figure in another outlet's wording of the same statement too.
    rise = claim(
        5, "001", TRADE_RISE, "more than $3 billion", "money", 3e9, "USD", hedge="more_than", role="to", published=DAY
    )
    assert claim_relation(rise, trade(2, "c", "$3.2 billion", 3.2e9)) == "same"


def test_value_compatibility():
    assert claim_relation(trade(1, "a", "$3 billion", 3e9), trade(2, "b", "$3.04 billion", 3.04e9)) == "same"
    assert claim_relation(trade(1, "a", "$3.5 billion", 3.5e9), trade(2, "b", "$3 billion", 3e9)) == "conflict"
    assert claim_relation(trade(1, "a", "$3.2 billion", 3.2e9), trade(2, "b", "$3.04 billion", 3.04e9)) == "conflict"
    assert claim_relation(inflation(1, "a", "20%"), inflation(2, "b", "20.3%")) == "same"
    assert claim_relation(inflation(1, "a", "20%"), inflation(2, "b", "21%")) == "conflict"
    years = "Maduro signed a {} cooperation agreement with Iran in Tehran."
    assert (
        claim_relation(
            claim(1, "a", years.format("20-year"), "20-year", "duration", 20, "years", published=DAY),
            claim(2, "b", years.format("25-year"), "25-year", "duration", 25, "years", published=DAY),
        )
        == "conflict"
    )


def inflation(item_id: int, article: str, figure: str, **extra) -> ClaimItem:
    sentence = f"Inflation in Venezuela reached {figure} last year, the central bank said."
    value = float(figure.rstrip("%"))
    return claim(item_id, article, sentence, figure, "percent", value, "percent", **{"published": DAY, **extra})


def test_a_round_figure_is_a_rounding_of_a_nearby_figure_only():
    """ "8%" covers 7.5–8.5 by its digits, but an outlet that writes 8% for 7.6% reports another figure."""
    assert claim_relation(inflation(1, "a", "8%"), inflation(2, "b", "7.9%")) == "same"
    assert claim_relation(inflation(1, "a", "8%"), inflation(2, "b", "7.6%")) == "conflict"
    assert claim_relation(trade(1, "a", "$3 billion", 3e9), trade(2, "b", "$3.1 billion", 3.1e9)) == "conflict"
    assert (
        claim_relation(trade(1, "a", "about $3 billion", 3e9, hedge="about"), trade(2, "b", "$3.2 billion", 3.2e9))
        == "same"
    )


def test_conflicts_need_two_articles_and_the_same_role_and_unit():
    same_article = cluster_claims([trade(1, "a", "$3 billion", 3e9), trade(2, "a", "$2 billion", 2e9)])
    assert same_article[1] == []
    # The "from" and "to" values of one change are different claims, never a conflict.
    from_value = claim(1, "001", TRADE_RISE, "$600 million", "money", 6e8, "USD", role="from")
    to_value = claim(2, "002", TRADE_RISE, "more than $3 billion", "money", 3e9, "USD", hedge="more_than", role="to")
    assert claim_relation(from_value, to_value) is None
    euros = trade(3, "b", "€3 billion", 3e9)
    assert claim_relation(ClaimItem(**{**_fields(euros), "unit": "EUR"}), trade(4, "c", "$3 billion", 3e9)) is None


def _fields(item: ClaimItem) -> dict:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def test_unvalued_claims_cluster_but_never_conflict():
    sentence = "Over the past year, Iran has signed several multimillion-dollar contracts with the Maduro regime."
    first = claim(1, "a", sentence, "multimillion-dollar", "money", None, "USD")
    second = claim(2, "b", sentence.replace("several", "many"), "multimillion-dollar", "money", None, "USD")
    assert cluster_claims([first, second]) == ({1: 1, 2: 1}, [])


def test_incremental_assign_reports_conflicts_with_stored_clusters_and_matches_a_rebuild():
    stored_items = [trade(1, "a", "$3 billion", 3e9), trade(2, "b", "$3.04 billion", 3.04e9)]
    new_items = [trade(3, "c", "$2 billion", 2e9), trade(4, "d", "$2.98 billion", 2.98e9)]
    live = ClaimClusterIndex()
    stored, _ = live.assign(stored_items)
    assignments, conflicts = live.assign(new_items)
    assert assignments == {3: 3, 4: 1}
    assert conflicts == [(1, 3)]

    rebuilt = ClaimClusterIndex()
    for item in stored_items:
        rebuilt.add_existing(item, stored[item.id])
    assert rebuilt.assign(new_items) == (assignments, conflicts)
    assert live.assign(stored_items) == ({}, [])


def test_item_from_a_stored_claim():
    text = "Intro sentence. " + TRADE_RISE
    start = text.index("more than $3 billion")
    stored = Claim(
        id=7,
        article_id=1,
        start=start,
        end=start + 20,
        mention="more than $3 billion",
        sentence_start=16,
        sentence_end=len(text),
        kind="money",
        value=3e9,
        unit="USD",
        hedge="more_than",
        role="to",
    )
    item = ClaimItem.from_claim(stored, text, article="001", published="2023-06-13")
    assert item.id == 7 and item.hedge == "more_than" and item.role == "to" and item.published == "2023-06-13"
    assert "increased from $# million in # to {#} today" in item.statement
    # The clustering service reads the same fields, the article's date included, from the store's rows.
    row = {
        "id": 7,
        "source": "001",
        "sentence": TRADE_RISE,
        "sentence_start": 16,
        "published": "2023-06-13",
        "mention": "more than $3 billion",
        **stored.model_dump(include={"start", "end", "kind", "value", "value_high", "unit", "hedge", "role", "target"}),
    }
    assert _claim_item(row) == ClaimItem(**{**_fields(item), "article": "001"})


def test_numbers_of_one_reprinted_sentence_do_not_conflict():
    sentence = "Neither Santorum in the 2012 cycle nor Huckabee in the 2008 cycle reported more than $1 million."
    first = claim(1, "a", sentence, "2012", "year", 2012, None)
    second = claim(2, "b", sentence, "2008", "year", 2008, None)
    assert cluster_claims([first, second]) == ({1: 1, 2: 2}, [])
    poll = "Biden maintains a comfortable 41%-12% lead over Warren in South Carolina."
    start = poll.index("41%")
    lead = ClaimItem(3, "c", "percent", 41, "percent", masked_statement(poll, start, start + 3))
    start = poll.index("12%")
    trail = ClaimItem(4, "d", "percent", 12, "percent", masked_statement(poll, start, start + 3))
    assert cluster_claims([lead, trail]) == ({3: 3, 4: 4}, [])


def test_figures_at_the_float_limit_are_compared_as_unvalued():
    huge = ClaimItem(1, "a", "money", 1.7e308, "USD", "It cost {#} to build.", hedge="more_than")
    also_huge = ClaimItem(2, "b", "money", float("inf"), "USD", "It cost {#} to build.")
    assert cluster_claims([huge, also_huge]) == ({1: 1, 2: 1}, [])


# A news-sized background: these canonical words are in 2–6% of 100,000 claims; every other word is rare.
COUNTS = {
    "people": 6000,
    "killed": 5000,
    "shooting": 3000,
    "police": 4000,
    "officials": 4000,
    "voted": 5000,
    "lawmakers": 3000,
    "approved": 2500,
    "congress": 4000,
    "passed": 3000,
    "program": 2500,
    "funding": 1500,
    "council": 1500,
    "close": 3000,
    "closed": 3000,
    "plant": 800,
    "toledo": 150,
    "extension": 400,
    "highway": 300,
    "vote": 5000,
    "measure": 2000,
    "winning": 2500,
    "poll": 3000,
    "final": 3000,
    "count": 2000,
}
NEWS = WordRarity(Counter({canonical_word(word): count for word, count in COUNTS.items()}), claims=100_000)


def shootings() -> tuple[ClaimItem, ClaimItem, ClaimItem]:
    """Five dead at a mall, five dead at a school two days later, and the mall story retold by another outlet."""

    def report(item_id: int, article: str, sentence: str, published: str) -> ClaimItem:
        mention = "five people" if "five people" in sentence else "Five people"
        return claim(item_id, article, sentence, mention, "count", 5, "people", published=published)

    return (
        report(1, "a", "Police said five people were killed in the shooting at a mall in Dunmore on Friday.", DAY),
        report(2, "b", "Police said five people were killed in the shooting at a school in Kelsey.", "2023-06-15"),
        report(3, "c", "Five people were killed in the shooting at the Dunmore mall, police said.", "2023-06-14"),
    )


def test_common_words_are_not_evidence():
    """Two shootings with five dead share "police", "people", "killed", "shooting": news says that every day."""
    mall, school, retold = shootings()
    assert claim_relation(mall, school, NEWS) is None
    assert claim_relation(mall, retold, NEWS) == "same"


def test_rarity_is_learned_from_the_claims_clustered_together():
    """In a handful of claims every word is rare; among 600 shooting reports "police" and "killed" are not."""
    assert cluster_claims(shootings())[0] == {1: 1, 2: 1, 3: 1}
    background = [
        claim(
            100 + n,
            f"x{n}",
            f"Police said {n} people were killed in a shooting in Town{n}.",
            f"{n} people",
            "count",
            n,
            "people",
            published=DAY,
        )
        for n in range(100, 700)
    ]
    assignments, conflicts = cluster_claims([*shootings(), *background])
    assert (assignments[1], assignments[2], assignments[3]) == (1, 2, 1)
    assert conflicts == []


def extension(item_id: int, article: str, sentence: str, published: str | None) -> ClaimItem:
    return claim(item_id, article, sentence, "90-day", "duration", 90, "days", published=published)


def test_far_apart_or_undated_statements_need_rare_words():
    """A moderately distinctive statement merges within weeks; a year later (or undated) it needs more."""
    approved = "Lawmakers approved a 90-day extension of the highway funding program on Thursday."
    passed = "Congress passed a 90-day extension of the highway funding program."
    assert claim_relation(extension(1, "a", approved, DAY), extension(2, "b", passed, "2023-07-02"), NEWS) == "same"
    assert claim_relation(extension(1, "a", approved, DAY), extension(2, "b", passed, "2024-09-01"), NEWS) is None
    assert claim_relation(extension(1, "a", approved, None), extension(2, "b", passed, "2023-07-02"), NEWS) is None
    # A name nobody else uses carries a restatement across a year.
    named = "Lawmakers approved a 90-day extension of the Bexley Causeway highway funding program."
    renamed = "The 90-day extension of the Bexley Causeway highway funding program ran out."
    assert claim_relation(extension(1, "a", named, DAY), extension(2, "b", renamed, "2024-09-01"), NEWS) == "same"


def test_a_year_alone_is_weak_evidence():
    """A year matches thousands of sentences, so even the same week it needs the evidence of a far match."""
    voted = claim(
        1, "a", "The Toledo council voted in 2008 to close the plant.", "2008", "year", 2008, None, published=DAY
    )
    also = claim(
        2, "b", "In 2008 the Toledo council voted to close the plant.", "2008", "year", 2008, None, published=DAY
    )
    assert claim_relation(voted, also, NEWS) is None
    closed = claim(
        3,
        "a",
        "The Toledo council voted to close the plant for 90 days.",
        "90 days",
        "duration",
        90,
        "days",
        published=DAY,
    )
    shut = claim(
        4,
        "b",
        "For 90 days the plant will be closed, the Toledo council voted.",
        "90 days",
        "duration",
        90,
        "days",
        published=DAY,
    )
    assert claim_relation(closed, shut, NEWS) == "same"


def bilateral(item_id: int, article: str, sentence: str, figure: str, value: float, **extra) -> ClaimItem:
    return claim(item_id, article, sentence, figure, "money", value, "USD", **{"published": DAY, **extra})


REACHED = "Bilateral trade between Iran and Venezuela reached {} last year, officials said."


def test_the_same_statement_with_another_figure_the_same_week_is_a_conflict():
    three = bilateral(1, "a", REACHED.format("$3 billion"), "$3 billion", 3e9)
    five = bilateral(
        2,
        "b",
        "Officials said bilateral trade between Iran and Venezuela reached $5 billion last year.",
        "$5 billion",
        5e9,
    )
    assert claim_relation(three, five) == "conflict"
    assert cluster_claims([three, five]) == ({1: 1, 2: 2}, [(1, 2)])
    # Figures a month apart are news, not a contradiction; undated ones cannot be placed in time.
    assert (
        claim_relation(
            three, bilateral(2, "b", REACHED.format("$5 billion"), "$5 billion", 5e9, published="2023-07-20")
        )
        is None
    )
    assert (
        claim_relation(three, bilateral(2, "b", REACHED.format("$5 billion"), "$5 billion", 5e9, published=None))
        is None
    )


def test_a_conflict_needs_the_same_words_around_the_number():
    """Other words next to the figure may mean another figure: "worth $5 billion" is not "reached $3 billion"."""
    three = bilateral(1, "a", REACHED.format("$3 billion"), "$3 billion", 3e9)
    worth = bilateral(
        2,
        "b",
        "Bilateral trade between Iran and Venezuela, worth $5 billion last year, officials said.",
        "$5 billion",
        5e9,
    )
    assert claim_relation(three, worth) is None


def test_hedges_are_bounds_for_conflicts():
    """ "More than 100" is true of 180: no conflict, though not the same figure either."""

    def injured(item_id: int, figure: str, value: float, hedge: str | None) -> ClaimItem:
        sentence = f"The blast in Kelsey injured {figure}, officials said."
        return claim(item_id, "ab"[item_id % 2], sentence, figure, "count", value, "people", hedge=hedge, published=DAY)

    assert (
        claim_relation(
            injured(1, "more than 100 people", 100, "more_than"), injured(2, "about 180 people", 180, "about")
        )
        is None
    )
    assert claim_relation(injured(1, "100 people", 100, None), injured(2, "180 people", 180, None)) == "conflict"
    assert (
        claim_relation(
            injured(1, "up to 100 people", 100, "up_to"), injured(2, "more than 180 people", 180, "more_than")
        )
        == "conflict"
    )


def test_polls_and_surveys_never_conflict():
    """A poll's figure differs from another poll's, or from the vote count, without anyone being wrong."""

    def poll(item_id: int, figure: str, value: float) -> ClaimItem:
        sentence = f"A new poll shows Mayor Bexley winning {figure} of the vote in Toledo."
        return claim(item_id, "ab"[item_id % 2], sentence, figure, "percent", value, "percent", published=DAY)

    assert claim_relation(poll(1, "52%", 52), poll(2, "47%", 47)) is None


def test_poll_figures_merge_only_on_strong_evidence():
    """Two polls in one week share "poll", the place and often a figure: that makes them neither the same poll nor
    a contradiction. The same words about a vote count are one claim."""

    def share(item_id: int, sentence: str) -> ClaimItem:
        return claim(item_id, "ab"[item_id % 2], sentence, "52%", "percent", 52, "percent", published=DAY)

    assert (
        claim_relation(
            share(1, "A new poll shows the Toledo council measure winning 52% of the vote."),
            share(2, "The Toledo council measure is winning 52% of the vote, a survey found."),
            NEWS,
        )
        is None
    )
    assert (
        claim_relation(
            share(1, "The final count shows the Toledo council measure winning 52% of the vote."),
            share(2, "The Toledo council measure is winning 52% of the vote in the final count."),
            NEWS,
        )
        == "same"
    )


def test_another_number_of_the_same_sentence_is_another_claim():
    """Reprinted boilerplate holds a number twice; masking the first or the second gives different claims."""
    sentence = "Read more: 2020 race tightens as 2020 hopefuls rally in Des Moines."
    first = sentence.index("2020")
    second = sentence.index("2020", first + 1)
    a = ClaimItem(1, "a", "year", 2020, None, masked_statement(sentence, first, first + 4), published=DAY)
    b = ClaimItem(2, "b", "year", 2020, None, masked_statement(sentence, second, second + 4), published=DAY)
    assert claim_relation(a, b) is None
    assert claim_relation(a, ClaimItem(**{**_fields(a), "id": 3, "article": "c"})) == "same"


def test_publication_days():
    assert publication_day("2023-06-13") - publication_day("2023-06-12") == 1
    assert publication_day("2023-06-13T23:59:00+02:00") == publication_day("2023-06-13")
    for unusable in (None, "", "June 2023", "0001-11-30", "2023-13-01"):
        assert publication_day(unusable) is None


@pytest.mark.parametrize("order", [1, -1])
def test_a_heading_joins_the_figure_its_article_gives(order):
    """ "20-year cooperation" alone on a line restates the body's agreement; in another article it matches nothing."""
    items = [
        claim(1, "001", TWENTY_YEAR_AGREEMENT, "20-year", "duration", 20, "years"),
        claim(2, "003", TWENTY_YEAR_PLAN, "20-year", "duration", 20, "years"),
        claim(3, "003", "20-year cooperation", "20-year", "duration", 20, "years"),
        claim(4, "005", "20-year cooperation", "20-year", "duration", 20, "years"),
        claim(5, "003", "10-year cooperation", "10-year", "duration", 10, "years"),
        claim(6, "003", "20-year sentence", "20-year", "duration", 20, "years"),
    ][::order]
    assignments, _ = cluster_claims(items)
    assert same(assignments, 1, 2, 3)
    assert apart(assignments, 1, 4, 5, 6)


def test_a_heading_joins_its_article_in_a_later_batch_too():
    index = ClaimClusterIndex()
    first, _ = index.assign([claim(1, "001", TWENTY_YEAR_AGREEMENT, "20-year", "duration", 20, "years")])
    later, _ = index.assign(
        [
            claim(2, "003", TWENTY_YEAR_PLAN, "20-year", "duration", 20, "years"),
            claim(3, "003", "20-year cooperation", "20-year", "duration", 20, "years"),
        ]
    )
    assert later[2] == later[3] == first[1]
