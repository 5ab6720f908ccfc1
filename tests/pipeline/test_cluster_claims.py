"""Claim clustering: what counts as the same claim, what is a conflict, and the incremental API."""

from __future__ import annotations

from workbench.models import Claim
from workbench.pipeline.cluster_claims import (
    ClaimClusterIndex,
    ClaimItem,
    canonical_word,
    claim_relation,
    cluster_claims,
    masked_statement,
)

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


def claim(item_id: int, article: str, sentence: str, mention: str, kind: str, value: float | None, unit: str | None,
          **extra) -> ClaimItem:
    start = sentence.index(mention)
    statement = masked_statement(sentence, start, start + len(mention))
    return ClaimItem(item_id, article, kind, value, unit, statement, **extra)


def trade(item_id: int, article: str, figure: str, value: float, **extra) -> ClaimItem:
    sentence = f"Raisi said that bilateral trade volume with Venezuela has increased to {figure} this year."
    return claim(item_id, article, sentence, figure, "money", value, "USD", role="to", **extra)


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


def test_the_brief_examples_cluster():
    items = [
        claim(1, "001", TWENTY_YEAR_AGREEMENT, "20-year", "duration", 20, "years"),
        claim(2, "003", TWENTY_YEAR_PLAN, "20-year", "duration", 20, "years"),
        claim(3, "003", TWENTY_YEAR_SIGNING, "20-year", "duration", 20, "years"),
        claim(4, "000", THREE_NATIONS, "three Latin American nations", "count", 3, "nations"),
        claim(5, "004", THREE_COUNTRIES, "three", "count", 3, "countries"),
    ]
    assignments, conflicts = cluster_claims(items)
    assert same(assignments, 1, 2, 3)
    assert same(assignments, 4, 5)
    assert apart(assignments, 1, 4)
    assert conflicts == []


def test_the_same_number_in_unrelated_statements_stays_apart():
    items = [
        claim(1, "a", TWENTY_YEAR_AGREEMENT, "20-year", "duration", 20, "years"),
        claim(2, "b", "The court in Tehran handed him a 20-year prison sentence with Iran's approval.", "20-year",
              "duration", 20, "years"),
        claim(3, "c", "Iran and Venezuela signed $3 billion in trade deals.", "$3 billion", "money", 3e9, "USD"),
        claim(4, "d", "Iran and Venezuela signed a $3 billion loan.", "$3 billion", "money", 3e9, "USD"),
    ]
    assignments, conflicts = cluster_claims(items)
    assert apart(assignments, 1, 2, 3, 4)
    assert conflicts == []


def test_rounding_and_hedges_are_not_conflicts():
    items = [
        claim(1, "001", TRADE_RISE, "more than $3 billion", "money", 3e9, "USD", hedge="more_than", role="to"),
        trade(2, "c", "$3.2 billion", 3.2e9),
        trade(3, "d", "$3 billion", 3e9),
        trade(4, "e", "$2 billion", 2e9),
    ]
    assignments, conflicts = cluster_claims(items)
    assert same(assignments, 1, 2, 3)
    assert apart(assignments, 1, 4)
    assert conflicts == [(1, 4)]


def test_value_compatibility():
    assert claim_relation(trade(1, "a", "$3 billion", 3e9), trade(2, "b", "$3.04 billion", 3.04e9)) == "same"
    assert claim_relation(trade(1, "a", "$3.5 billion", 3.5e9), trade(2, "b", "$3 billion", 3e9)) == "conflict"
    assert claim_relation(trade(1, "a", "$3.2 billion", 3.2e9), trade(2, "b", "$3.04 billion", 3.04e9)) == "conflict"
    percent = "Inflation in Venezuela reached {} last year, the central bank said."
    assert claim_relation(
        claim(1, "a", percent.format("20%"), "20%", "percent", 20, "percent"),
        claim(2, "b", percent.format("20.3%"), "20.3%", "percent", 20.3, "percent"),
    ) == "same"
    assert claim_relation(
        claim(1, "a", percent.format("20%"), "20%", "percent", 20, "percent"),
        claim(2, "b", percent.format("21%"), "21%", "percent", 21, "percent"),
    ) == "conflict"
    years = "Maduro signed a {} cooperation agreement with Iran in Tehran."
    assert claim_relation(
        claim(1, "a", years.format("20-year"), "20-year", "duration", 20, "years"),
        claim(2, "b", years.format("25-year"), "25-year", "duration", 25, "years"),
    ) == "conflict"


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
    new_items = [trade(3, "c", "$2 billion", 2e9), trade(4, "d", "$3.2 billion", 3.2e9)]
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
    stored = Claim(id=7, article_id=1, start=start, end=start + 20, mention="more than $3 billion",
                   sentence_start=16, sentence_end=len(text), kind="money", value=3e9, unit="USD", hedge="more_than",
                   role="to")
    item = ClaimItem.from_claim(stored, text, article="001")
    assert item.id == 7 and item.hedge == "more_than" and item.role == "to"
    assert "increased from $# million in # to {#} today" in item.statement


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
