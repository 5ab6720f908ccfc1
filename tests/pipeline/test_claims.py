"""Claim extraction on hand-written news sentences: kinds, hedges, ranges, changes, targets and non-claims."""

from __future__ import annotations

import pytest

import workbench.pipeline.claims.extract as extract_module
from workbench.models import Claim, Quote
from workbench.pipeline.claims import extract_claims
from workbench.pipeline.quotes import extract_quotes
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import SpeakerRef


def claims_in(text: str, published: str | None = None) -> list[Claim]:
    found = extract_claims(text, published, quotes=[])
    for claim in found:
        assert text[claim.start : claim.end] == claim.mention
        assert_valid(claim)
    return found


def assert_valid(claim: Claim) -> None:
    """The extractor builds claims without validation; the model must accept every one of them unchanged."""
    validated = Claim.model_validate(claim.model_dump())
    assert validated == claim
    assert validated.model_dump_json() == claim.model_dump_json()


def only(text: str, published: str | None = None) -> Claim:
    found = claims_in(text, published)
    assert len(found) == 1, [(c.mention, c.kind) for c in found]
    return found[0]


def mentions(text: str) -> list[str]:
    return [c.mention for c in claims_in(text)]


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("The deal is worth $3 billion in total.", "$3 billion", 3e9, "USD"),
        ("Prices reached US$58.24 per barrel on Friday.", "US$58.24", 58.24, "USD"),
        ("The fund holds €3.5bn in bonds.", "€3.5bn", 3.5e9, "EUR"),
        ("The club paid £3m for him.", "£3m", 3e6, "GBP"),
        ("Shares closed at ¥28,030 in Tokyo.", "¥28,030", 28030, "JPY"),
        ("A loaf now costs 300,000 tomans in Tehran.", "300,000 tomans", 3e6, "IRR"),
        ("The budget set aside 5 billion rials for repairs.", "5 billion rials", 5e9, "IRR"),
        ("Sales came to 3 billion dollars.", "3 billion dollars", 3e9, "USD"),
        ("They paid 40 million Canadian dollars for it.", "40 million Canadian dollars", 4e7, "CAD"),
        ("The bank lent 2.2 billion shekels to builders.", "2.2 billion shekels", 2.2e9, "ILS"),
        ("A stamp costs 50 cents more.", "50 cents", 0.5, "USD"),
        ("The ministry spent USD 4 million on it.", "USD 4 million", 4e6, "USD"),
        ("Investors lost 3bn USD in a week.", "3bn USD", 3e9, "USD"),
        ("He sold a million-dollar home.", "a million-dollar", 1e6, "USD"),
    ],
)
def test_money_value_in_currency_units_and_iso_code(text, mention, value, unit):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("money", mention, pytest.approx(value), unit)


def test_multimillion_dollar_is_money_without_a_value():
    claim = only("Iran has signed several multimillion-dollar contracts with the government.")
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("money", "multimillion-dollar", None, "USD")


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("Turnout was 45% in the capital.", "45%", 45, "percent"),
        ("Turnout was 45 percent in the capital.", "45 percent", 45, "percent"),
        ("Turnout was 45 per cent in the capital.", "45 per cent", 45, "percent"),
        ("Support slipped 3 percentage points in May.", "3 percentage points", 3, "percentage point"),
        ("Prices fell -1.3% in March.", "-1.3%", -1.3, "percent"),
    ],
)
def test_percent(text, mention, value, unit):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("percent", mention, pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit", "hedge"),
    [
        ("The bank cut its rate by half a percentage point.", "half a percentage point", 0.5, "percentage point", None),
        (
            "Inflation eased a tenth of a percentage point.",
            "a tenth of a percentage point",
            0.1,
            "percentage point",
            None,
        ),
        ("Fraud is less than a percent of all claims.", "a percent", 1, "percent", "less_than"),
        ("Yields moved about a quarter of a percent.", "a quarter of a percent", 0.25, "percent", "about"),
        (
            "Rates rose by three-quarters of a percentage point.",
            "three-quarters of a percentage point",
            0.75,
            "percentage point",
            None,
        ),
        ("The fund lost one-tenth of one percent.", "one-tenth of one percent", 0.1, "percent", None),
    ],
)
def test_shares_of_a_percent_and_an_article_as_the_number(text, mention, value, unit, hedge):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit, claim.hedge) == (
        "percent",
        mention,
        pytest.approx(value),
        unit,
        hedge,
    )


def test_a_percentage_without_a_number_is_no_claim():
    assert claims_in("As a percentage of the budget, defence spending fell.") == []
    assert claims_in("He calculated a percentage for each county.") == []


def test_dash_joined_results_with_the_second_smaller_are_a_split_not_a_range():
    found = claims_in("The measure passed with a 61-38 percent margin, and the mayor led 52%-41% in March.")
    assert [(c.mention, c.kind, c.value, c.value_high, c.unit) for c in found] == [
        ("61", "percent", 61, None, "percent"),
        ("38 percent", "percent", 38, None, "percent"),
        ("52%", "percent", 52, None, "percent"),
        ("41%", "percent", 41, None, "percent"),
    ]


def test_a_split_after_a_capitalized_name_is_not_a_model_number():
    found = claims_in("Polls show Garcia 47-39 percent ahead.")
    assert [(c.mention, c.value) for c in found] == [("47", 47), ("39 percent", 39)]


def test_hyphenated_to_joins_a_range():
    claim = only("Between 30-to-35 percent of the land is forest.")
    assert (claim.mention, claim.value, claim.value_high, claim.unit) == ("30-to-35 percent", 30, 35, "percent")


def test_signed_percents_and_plus_minus_margins_are_read():
    assert [
        (c.mention, c.value, c.unit) for c in claims_in("Exports were +4.5% and imports +12 percentage points.")
    ] == [("4.5%", 4.5, "percent"), ("12 percentage points", 12, "percentage point")]
    claim = only("The survey has a margin of error of +/-2.5 percentage points.")
    assert (claim.mention, claim.value) == ("2.5 percentage points", 2.5)


def test_a_plus_sign_before_a_phone_number_is_still_page_furniture():
    assert claims_in("For tickets call +44 20 7946 0000 before noon.") == []


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("He left for a tour of three Latin American nations on Monday.", "three Latin American nations", 3, "nation"),
        ("Two dozen protesters gathered outside.", "Two dozen protesters", 24, "protester"),
        ("The field holds 1.2 million barrels of crude.", "1.2 million barrels", 1.2e6, "barrel"),
        ("The army sent 2,000 troops to the border.", "2,000 troops", 2000, "troop"),
        ("The flood displaced 300 families in the valley.", "300 families", 300, "family"),
        ("The attack killed 40 people.", "40 people", 40, "person"),
    ],
)
def test_counts_take_the_counted_noun_as_unit(text, mention, value, unit):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("count", mention, pytest.approx(value), unit)


def test_vague_amounts_are_one_order_of_magnitude():
    claim = only("Tens of thousands of protesters filled the square.")
    assert (claim.mention, claim.value, claim.value_high, claim.unit) == (
        "Tens of thousands of protesters",
        1e4,
        1e5,
        "protester",
    )
    money = only("The war cost hundreds of millions of dollars.")
    assert (money.kind, money.value, money.value_high, money.unit) == ("money", 1e8, 1e9, "USD")


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit", "hedge"),
    [
        ("Maduro signed a 20-year cooperation agreement with Iran.", "20-year", 20, "years", None),
        ("After more than two decades of neglect the plant closed.", "two decades", 20, "years", "more_than"),
        ("Relations were restored after seven years.", "seven years", 7, "years", None),
        ("In the last two years, trade has grown.", "two years", 2, "years", None),
        ("The visit took place one year after the deal.", "one year", 1, "years", None),
        ("A 45-year-old man was arrested.", "45-year-old", 45, "years", None),
        ("The talks lasted three days.", "three days", 3, "days", None),
        ("After a decade of war the city is empty.", "a decade", 10, "years", None),
    ],
)
def test_durations_in_years_months_days(text, mention, value, unit, hedge):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit, claim.hedge) == (
        "duration",
        mention,
        value,
        unit,
        hedge,
    )


@pytest.mark.parametrize(
    ("text", "kind", "mention", "value", "high"),
    [
        ("In 2018, a cyber attack hit the grid.", "year", "2018", 2018, None),
        ("Shortages lasted throughout 2020.", "year", "2020", 2020, None),
        ("He ruled the country (1999-2013) with an iron fist.", "year_range", "1999-2013", 1999, 2013),
        ("Ties stalled from 2013 to 2021.", "year_range", "2013 to 2021", 2013, 2021),
        ("Between 2010 and 2015 the economy shrank.", "year_range", "2010 and 2015", 2010, 2015),
        ("The plan dates from the 1990s.", "year_range", "1990s", 1990, 1999),
        ("It was the best of the 2019-20 season.", "year_range", "2019-20", 2019, 2020),
    ],
)
def test_years_and_year_ranges(text, kind, mention, value, high):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.value_high, claim.unit) == (kind, mention, value, high, None)


def test_a_four_digit_count_is_not_a_year():
    claim = only("Police arrested 2000 people after the match.")
    assert (claim.kind, claim.value, claim.unit) == ("count", 2000, "person")


@pytest.mark.parametrize(
    ("text", "published", "mention", "value"),
    [
        ("The tweet was posted on February 4, 2023 at noon.", None, "February 4, 2023", 20230204),
        ("The vote is set for 4 February 2023.", None, "4 February 2023", 20230204),
        ("The report is dated 2023-06-13.", None, "2023-06-13", 20230613),
        ("Talks resume on June 13.", "2023-06-12", "June 13", 20230613),
        ("Talks resume on June 13.", None, "June 13", 613),
        ("Inflation peaked in June 2022.", None, "June 2022", 20220600),
    ],
)
def test_dates_are_yyyymmdd_numbers(text, published, mention, value):
    claim = only(text, published)
    assert (claim.kind, claim.mention, claim.value) == ("date", mention, value)


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("Output reached 1.2 million barrels per day.", "1.2 million barrels per day", 1.2e6, "barrel/day"),
        ("Exports hit 500,000 bpd in May.", "500,000 bpd", 5e5, "barrel/day"),
        ("The ship carried 500 tonnes of wheat.", "500 tonnes", 500, "tonne"),
        ("The road is 20 km long.", "20 km", 20, "km"),
        ("They built a 300 MW solar plant.", "300 MW", 300, "MW"),
        ("Temperatures hit 40°C on Sunday.", "40°C", 40, "degC"),
        ("The pipeline will carry 10 bcm of gas.", "10 bcm", 1e10, "m3"),
    ],
)
def test_quantities_with_units(text, mention, value, unit):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("quantity", mention, pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Imports rose fivefold in a decade.", "fivefold", 5),
        ("Imports rose 5-fold since then.", "5-fold", 5),
        ("The price of bread has doubled.", "doubled", 2),
        ("Rents are three times higher than in 2010.", "three times", 3),
        ("The new plant is twice as large.", "twice", 2),
    ],
)
def test_multiples(text, mention, value):
    found = [c for c in claims_in(text) if c.kind == "multiple"]
    assert [(c.mention, c.value, c.unit) for c in found] == [(mention, value, "times")]


@pytest.mark.parametrize(
    ("phrase", "hedge"),
    [
        ("more than", "more_than"),
        ("over", "more_than"),
        ("above", "more_than"),
        ("less than", "less_than"),
        ("under", "less_than"),
        ("below", "less_than"),
        ("at least", "at_least"),
        ("at most", "at_most"),
        ("no more than", "at_most"),
        ("about", "about"),
        ("around", "about"),
        ("roughly", "about"),
        ("some", "about"),
        ("approximately", "about"),
        ("nearly", "nearly"),
        ("almost", "nearly"),
        ("up to", "up_to"),
    ],
)
def test_hedges_stay_out_of_the_span(phrase, hedge):
    claim = only(f"Officials said {phrase} 300 workers lost their jobs.")
    assert (claim.mention, claim.hedge, claim.value) == ("300 workers", hedge, 300)


@pytest.mark.parametrize(
    ("text", "kind", "mention", "value", "high", "unit"),
    [
        ("The project will cost $10 to $15 billion.", "money", "$10 to $15 billion", 1e10, 1.5e10, "USD"),
        ("Prices rose 10-15% last year.", "percent", "10-15%", 10, 15, "percent"),
        ("Between 5 and 10 million people fled.", "count", "5 and 10 million people", 5e6, 1e7, "person"),
        ("The work takes two to three years.", "duration", "two to three years", 2, 3, "years"),
        ("Tickets range from $10 to $20.", "money", "$10 to $20", 10, 20, "USD"),
    ],
)
def test_ranges_give_value_and_value_high(text, kind, mention, value, high, unit):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.value_high, claim.unit) == (
        kind,
        mention,
        pytest.approx(value),
        pytest.approx(high),
        unit,
    )


def test_change_from_to_shares_a_group_and_the_year_stays_separate():
    found = claims_in("Officials said exports grew from $600 million in 2021 to more than $3 billion this year.")
    assert [(c.mention, c.kind, c.value, c.unit, c.hedge, c.role) for c in found] == [
        ("$600 million", "money", 6e8, "USD", None, "from"),
        ("2021", "year", 2021, None, None, None),
        ("$3 billion", "money", 3e9, "USD", "more_than", "to"),
    ]
    assert found[0].change_group == found[2].change_group == 1
    assert found[1].change_group is None


def test_change_amount_joins_the_level_it_leads_to():
    found = claims_in("Revenue rose by 20% to $5 billion. Output doubled to 2 million barrels per day.")
    assert [(c.mention, c.role, c.change_group) for c in found] == [
        ("20%", None, 1),
        ("$5 billion", "to", 1),
        ("doubled", None, 2),
        ("2 million barrels per day", "to", 2),
    ]


def test_level_before_up_from_is_the_to_value():
    found = claims_in("Sales were $5bn, up 3% from $4.8bn a year earlier.")
    assert [(c.mention, c.role, c.change_group) for c in found] == [
        ("$5bn", "to", 1),
        ("3%", None, 1),
        ("$4.8bn", "from", 1),
    ]


def test_a_lone_change_target_has_a_role_but_no_group():
    claim = only("Unemployment fell to 3% in May.")
    assert (claim.role, claim.change_group) == ("to", None)


def test_targets_are_goals_not_facts():
    found = claims_in(
        "Trade grew to $3 billion, and both governments plan to increase it first to $10 billion and then to "
        "$20 billion. The firm aims to reach 50% of the market."
    )
    assert [(c.mention, c.target) for c in found] == [
        ("$3 billion", False),
        ("$10 billion", True),
        ("$20 billion", True),
        ("50%", True),
    ]


def test_earnings_after_a_goal_in_another_clause_are_facts():
    found = claims_in("The company, which plans to expand, earned $5 billion last year.")
    assert [(c.mention, c.target) for c in found] == [("$5 billion", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Raisi described the relations between the two countries as strategic.",
        "The two presidents met after both sides agreed.",
        "All three ministers attended, and the three countries signed.",
        "Caracas was the first stop on his tour, the second was Managua.",
        "He proposed the 22nd amendment and the 3rd round.",
        "The airline bought a Boeing 737 and an Airbus A320.",
        "Under Article 5 and Section 427 Row 21 the rules differ.",
        "All Content is licensed under a Creative Commons Attribution 4.0 International License.",
        "Tengo la seguridad. pic.twitter.com/u6KeMmXddz",
        "Read it at https://example.com/2023/06/13/story-123.html today.",
        "Update to version 2.1.3 of Windows 10 now.",
        "Call +1 202 555 0143 or (202) 555-0143 before 10:30 a.m. or 5 pm.",
        "COVID-19 and the G20 summit and 5G networks.",
        "Follow @user123 and #G20 online.",
        "One of the victims was one of his friends.",
        "The score was 2-1 after a 5-4 decision.",
        "Copyright 2023 by the agency.",
    ],
)
def test_not_claims(text):
    assert claims_in(text) == []


def test_anaphora_needs_a_determiner():
    assert mentions("Two countries signed, then the two countries met.") == ["Two countries"]


def test_every_claim_knows_its_sentence():
    text = "Raisi arrived on Monday.\n\nTrade rose to $3 billion last year. Both sides agreed."
    claim = only(text)
    assert text[claim.sentence_start : claim.sentence_end] == "Trade rose to $3 billion last year."


def test_given_sentences_are_used():
    text = "Trade rose to $3 billion. It was a record."
    claim = extract_claims(text, quotes=[], sentences=[(0, len(text))])[0]
    assert (claim.sentence_start, claim.sentence_end) == (0, len(text))


def test_speakers_come_from_the_speaker_resolver(monkeypatch):
    text = "Raisi said trade grew to $3 billion."
    quote = Quote(start=0, end=5, text="Raisi")
    seen = {}

    def fake_speakers(text_, spans, quotes, sentences):
        seen.update(spans=list(spans), quotes=list(quotes), sentences=list(sentences))
        return [SpeakerRef("Ebrahim Raisi", 0, 5) for _ in spans]

    monkeypatch.setattr(extract_module, "claim_speakers", fake_speakers)
    claim = extract_claims(text, quotes=[quote])[0]
    assert (claim.speaker, claim.speaker_start, claim.speaker_end) == ("Ebrahim Raisi", 0, 5)
    assert seen == {"spans": [(claim.start, claim.end)], "quotes": [quote], "sentences": split_sentences(text)}


def test_quotes_are_extracted_only_when_not_given_and_the_text_quotes_someone(monkeypatch):
    calls = []
    monkeypatch.setattr(extract_module, "extract_quotes", lambda text: calls.append(text) or [])
    quoting = 'He said: "It cost $3 billion."'
    extract_claims(quoting, quotes=[])
    assert calls == []
    extract_claims("It cost $3 billion.")
    assert calls == []
    extract_claims(quoting)
    assert calls == [quoting]


def test_speakers_inside_quotes_are_the_same_whether_quotes_are_given_or_found():
    text = 'Officials met on Monday. "Trade grew to $3 billion," Ebrahim Raisi said. Exports rose 5%, he added.'
    found = extract_claims(text)
    assert found == extract_claims(text, quotes=extract_quotes(text))
    assert [c.speaker for c in found] == ["Ebrahim Raisi", "Ebrahim Raisi"]
    for claim in found:
        assert_valid(claim)


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("A third of those screened were obese.", "A third", 1 / 3),
        ("Two-thirds of voters disapprove.", "Two-thirds", 2 / 3),
        ("Half of Americans say so.", "Half", 0.5),
        ("Four in 10 voters backed the plan.", "Four in 10 voters", 0.4),
        ("One out of three Germans agreed.", "One out of three Germans", 1 / 3),
    ],
)
def test_fractions_and_ratios_are_multiples_with_unit_ratio(text, mention, value):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("multiple", mention, pytest.approx(value), "ratio")


def test_halves_and_quarters_of_a_period_are_not_shares():
    assert [c.kind for c in claims_in("Stocks fell in the second half of 2018 and in one quarter of this year.")] == [
        "year"
    ]


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("It only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD"),
        ("Operating profit rose to 361 million pounds.", "361 million pounds", 3.61e8, "GBP"),
        ("He bought a notebook for 1,200€ online.", "1,200€", 1200, "EUR"),
        ("The fine was 5 Liberian dollars.", "5 Liberian dollars", 5, "dollar"),
        ("Bread costs 7 pesos now.", "7 pesos", 7, "peso"),
    ],
)
def test_money_forms(text, mention, value, unit):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("money", mention, pytest.approx(value), unit)


def test_pounds_without_a_scale_or_adjective_are_weight():
    claim = only("The suspect weighed 200 pounds.")
    assert (claim.kind, claim.value, claim.unit) == ("quantity", 200, "lb")


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("A man aged 45 was arrested.", "aged 45", 45),
        ("She died at age 94.", "age 94", 94),
        ("He was three years old then.", "three years old", 3),
        ("The mission took 2½ years.", "2½ years", 2.5),
    ],
)
def test_ages_and_mixed_numbers_are_durations(text, mention, value):
    claim = only(text)
    assert (claim.kind, claim.mention, claim.value, claim.unit) == ("duration", mention, value, "years")


@pytest.mark.parametrize(
    "text",
    [
        "He entered the 2020 race early.",
        "Some 2016 Sanders supporters switched.",
        "Emissions are 45 percent below 1990 levels.",
        "They backed a 1994 assault weapons ban.",
    ],
)
def test_four_digit_numbers_before_names_and_reference_nouns_are_years(text):
    assert [c.kind for c in claims_in(text) if c.kind != "percent"] == ["year"]


def test_a_change_verb_governs_only_nearby_to():
    found = claims_in("The government raised taxes and sent aid to 3 million people.")
    assert [(c.mention, c.role) for c in found] == [("3 million people", None)]


def test_first_half_and_doubling_down_are_not_claims():
    assert claims_in("In the first half of the year he was doubling down on singles and doubles.") == []


def test_several_and_a_few_with_a_scale_are_vague_amounts():
    claim = only("Several thousand Trump supporters gathered.")
    assert (claim.mention, claim.value, claim.value_high, claim.unit) == (
        "Several thousand Trump supporters",
        1000,
        10000,
        "supporter",
    )
    assert claims_in("He listed a few reasons, not the million reasons or the (trillion) others.") == []


def test_overflowing_numbers_are_dropped():
    assert claims_in("It cost $" + "999," * 120 + "999 trillion.") == []


def test_empty_and_claimless_text():
    assert extract_claims("") == []
    assert extract_claims("No numbers here at all.") == []


@pytest.mark.parametrize(
    ("text", "mention", "hedge"),
    [
        ("Output more than doubled last year.", "doubled", "more_than"),
        ("Nearly a third of the staff left.", "a third", "nearly"),
        ("The dispute lasted more than a decade.", "a decade", "more_than"),
    ],
)
def test_word_led_amounts_keep_their_hedge(text, mention, hedge):
    claim = only(text)
    assert (claim.mention, claim.hedge) == (mention, hedge)


def test_a_dash_ratio_with_a_ratio_noun_is_one_multiple_and_a_score_is_no_claim():
    found = claims_in("The measure passed by a 3-to-1 margin; the home side won 2-1 thanks to a late goal.")
    assert [(c.mention, c.kind, c.value, c.unit) for c in found] == [("3-to-1", "multiple", 3, "times")]
    claim = only("By a two-to-one margin, residents backed the plan.")
    assert (claim.mention, claim.kind, claim.value) == ("two-to-one", "multiple", 2)


def test_as_a_percent_of_is_a_measure_not_one_percent():
    assert claims_in("Debt as a percent of output keeps rising.") == []


def test_live_stock_quotes_after_a_ticker_are_page_furniture():
    text = "Shares of Acme ACME, +2.15% and Globex GLBX, -0.48% moved, while the index rose 1.2% on Friday."
    assert [c.mention for c in claims_in(text)] == ["1.2%"]


@pytest.mark.parametrize(
    "furniture",
    [
        "Photos: Storm season A boat sits on a road on Monday, June 3, after 40 inches of rain. Hide Caption 1 of 9",
        "Photos: Storm season Crews clear 12 roads. Hide Caption 2 of 9 Photos: Storm season A 3-mile queue forms.",
        "The mayor speaks in Dayton, Ohio, Friday, Aug. 2, 2019. (AP Photo/Jane Roe)",
        "Voters queue in Reno, Nev., March 3, 2020. (Sam Poe/The Reno Daily via AP)",
        "Officials meet in Geneva, June 20, 2017. REUTERS/John Doe",
        "FILE - In this Tuesday, May 9, 2018 file photo, the senator speaks to 30 reporters.",
        "Why 3 states moved their primaries Read more",
        "READ MORE: Five takeaways from the 2019 budget",
        "This article is more than 2 years old",
        "Support independent reporting: chip in $5 today. Chip in $10 or more to help us.",
        "JUST WATCHED Ten years in 4 minutes Replay More Videos ...",
        "Audit finds the agency lost $20 Million 2:41",
    ],
)
def test_page_furniture_paragraphs_hold_no_claims(furniture):
    assert claims_in(f"The plan costs $3 billion.\n{furniture}\nIt passed 61 to 38.")[:1] == claims_in(
        "The plan costs $3 billion."
    )
    assert not [c for c in claims_in(f"The plan costs $3 billion.\n{furniture}\nIt passed.") if c.start > 30]


def test_an_embedded_tweets_date_line_is_metadata_but_its_text_is_a_claim():
    text = "Unemployment is at 3.5%! — Jane Roe (@janeroe) January 9, 2019\nThe rate was 3.7% on May 2, 2018."
    assert [c.mention for c in claims_in(text)] == ["3.5%", "3.7%", "May 2, 2018"]


def test_inline_headline_lists_after_a_name_are_page_furniture():
    text = "Senator Jane Roe Jane Mary RoeSenate passes 2020 budget Five takeaways from 3 debates MORE said 40% agree."
    assert [c.mention for c in claims_in(text)] == ["40%"]


def test_photo_credits_in_a_dateline_do_not_hide_the_story():
    assert [c.mention for c in claims_in("LONDON (Reuters) - Sales rose 5% in 2019, the company said.")] == [
        "5%",
        "2019",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("And then one day she called her sister.", []),
        ("The strike lasted for one day.", [("one day", "duration")]),
        ("It took one day to repair the line.", [("one day", "duration")]),
        ("“Not one bit,” the coach said.", []),
        ("He sat for the “60 Minutes” interview.", []),
        ("Output could fall by more than five times this year.", [("five times", "multiple")]),
        ("She has visited the region five times.", [("five times", "count")]),
        ("Polls in the western half of the state close later.", []),
    ],
)
def test_idioms_titles_and_regions_are_not_amounts(text, expected):
    assert [(c.mention, c.kind) for c in claims_in(text)] == expected


@pytest.mark.parametrize(
    ("text", "mention", "kind", "value", "high", "unit"),
    [
        (
            "Deaths rose among adults between the ages of 25 and 64 years.",
            "25 and 64 years",
            "duration",
            25,
            64,
            "years",
        ),
        ("The plan would spend $600-700 million on roads.", "$600-700 million", "money", 6e8, 7e8, "USD"),
        ("Crews laid tens of thousands of miles of cable.", "tens of thousands of miles", "quantity", 1e4, 1e5, "mile"),
        ("About seven-in-ten voters agree.", "seven-in-ten voters", "multiple", 0.7, None, "ratio"),
        ("Gains went to the top one-tenth of 1 percent.", "one-tenth of 1 percent", "percent", 0.1, None, "percent"),
        ("The survey ran November 16-19, 2015.", "November 16-19, 2015", "date", 20151116, 20151119, "date"),
    ],
)
def test_ranges_shares_and_spans_read_whole(text, mention, kind, value, high, unit):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.value_high, claim.unit) == (
        mention,
        kind,
        pytest.approx(value),
        pytest.approx(high) if high else None,
        unit,
    )


def test_numbers_written_with_thousands_separators_are_amounts_even_without_a_noun():
    found = claims_in("Turnout was 251,000, versus 289,000 in 2008.")
    assert [(c.mention, c.kind, c.value) for c in found] == [
        ("251,000", "count", 251000),
        ("289,000", "count", 289000),
        ("2008", "year", 2008),
    ]
    assert claims_in("She scored 12 and 9.") == []
    assert [c.mention for c in claims_in("The rate was 4.4 per 100,000.")] == []


@pytest.mark.parametrize(
    ("text", "mention", "kind", "value", "unit"),
    [
        ("Jane Roe, 59, served as chief of staff.", "59", "duration", 59, "years"),
        ("The storm hit on Saturday 18th August.", "18th August", "date", 818, "date"),
        ("Obama's 2015 nomination passed the Senate.", "2015", "year", 2015, None),
        ("The ban covers 58 other foreign apps.", "58 other foreign apps", "count", 58, "app"),
        ("Schools need 1 gigabit of bandwidth.", "1 gigabit", "quantity", 1, "Gbit"),
    ],
)
def test_ages_after_names_ordinal_dates_possessive_years_and_other(text, mention, kind, value, unit):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.unit) == (mention, kind, value, unit)


def test_numbers_after_names_in_a_list_are_not_ages_and_centuries_are_not_dates():
    assert claims_in("Texas, 38, California, 55, and Florida, 29.") == []
    assert claims_in("In the 18th century the town grew.") == []


@pytest.mark.parametrize(
    ("text", "mention", "hedge"),
    [
        ("The plan cuts $772 billion over 10 years, versus current law.", "10 years", None),
        ("The bill had failed over three days of debate.", "three days", None),
        ("Over five years, the plan would admit 200,000 workers.", "five years", None),
        ("He sought to block them from turning over eight years of tax returns.", "eight years", None),
        ("She served over two years in federal prison.", "two years", "more_than"),
        ("They have covered politics for over 150 years.", "150 years", "more_than"),
        ("It is the lowest rate in over 51 years.", "51 years", "more_than"),
        ("We pledged over two years ago to join hands.", "two years", "more_than"),
        ("It took over 50 years to change.", "50 years", "more_than"),
        ("a man over 60 years old", "60 years old", "more_than"),
        ("He spoke for just over two hours.", "two hours", "more_than"),
    ],
)
def test_over_before_a_period_is_more_than_only_after_words_of_length(text, mention, hedge):
    found = [c for c in claims_in(text) if c.kind == "duration"]
    assert [(c.mention, c.hedge) for c in found] == [(mention, hedge)]
    assert text[found[0].start : found[0].end] == mention


@pytest.mark.parametrize(
    ("text", "published", "value", "high"),
    [
        ("The government shut down on Dec. 22 over the wall.", "2019-01-08", 20181222, None),
        ("The poll was conducted Dec. 5-9 online.", "2020-01-03", 20191205, 20191209),
        ("Coverage starts January 1 for new policies.", "2013-12-29", 20140101, None),
        ("It began on 22 December, officials said.", "2019-01-08", 20181222, None),
        ("The shutdown began Oct. 1, officials said.", "2013-10-09", 20131001, None),
        ("The primary is on June 7, officials said.", "2016-05-26", 20160607, None),
        ("The deal was signed July 4, officials said.", "2016", 20160704, None),  # no full date: its year stands
        ("The deal was signed Dec. 22, 2017, officials said.", "2019-01-08", 20171222, None),  # a stated year stands
    ],
)
def test_a_date_without_a_year_takes_the_year_nearest_to_publication(text, published, value, high):
    claim = only(text, published)
    assert claim.kind == "date"
    assert (claim.value, claim.value_high) == (value, high)


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("The margin of error is plus or minus 4 percentage points.", "4 percentage points", 4, "percentage point"),
        ("It has a margin of error of plus or minus 3.1%.", "3.1%", 3.1, "percent"),
        ("The margin of error is plus/minus 3 points.", "3 points", 3, "point"),
        ("Plus or minus 4 points, the pollster said.", "4 points", 4, "point"),
        ("Temperatures fell to minus 20 degrees overnight.", "minus 20 degrees", -20, "degree"),
    ],
)
def test_plus_or_minus_gives_the_size_of_a_margin_not_a_negative_number(text, mention, value, unit):
    claim = only(text)
    assert (claim.mention, claim.value, claim.unit) == (mention, value, unit)


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit", "hedge"),
    [
        ("The standoff lasted more than a year.", "a year", 1, "years", "more_than"),
        ("He waited nearly an hour for the bus.", "an hour", 1, "hours", "nearly"),
        ("They met at least a week later.", "a week", 1, "weeks", "at_least"),
        ("It ended in less than half an hour.", "half an hour", 0.5, "hours", "less_than"),
        ("She has been away for over a month.", "a month", 1, "months", "more_than"),
        ("The talks took almost a year and a half.", "a year and a half", 1.5, "years", "nearly"),
        ("The bust stood there for almost a century and a half.", "a century and a half", 150, "years", "nearly"),
    ],
)
def test_one_unit_of_time_with_a_hedge_is_a_duration(text, mention, value, unit, hedge):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.unit, claim.hedge) == (
        mention,
        "duration",
        value,
        unit,
        hedge,
    )


@pytest.mark.parametrize(
    "text",
    [
        "The board meets once a year.",
        "A year ago the plan failed.",
        "A day later, officials left.",
        "They met about a week later.",
        "It cooks a pizza in around a minute.",
        "The work was spread over a year.",
        "It pays $5 a year in fees.",
    ],
)
def test_one_unit_of_time_without_a_hedge_is_no_duration(text):
    assert [c for c in claims_in(text) if c.kind == "duration"] == []


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit", "hedge"),
    [
        ("Others put the toll at 150 or more.", "150", 150, None, "at_least"),
        ("Families with 10 or more children qualify.", "10 or more children", 10, "child", "at_least"),
        ("Firms with 50 or fewer employees are exempt.", "50 or fewer employees", 50, "employee", "at_most"),
        ("The grant is worth $5 million or more.", "$5 million", 5e6, "USD", "at_least"),
        ("The project takes 20 years or so to finish.", "20 years", 20, "years", "about"),
        ("Prices grew 20 percent or less.", "20 percent", 20, "percent", "at_most"),
    ],
)
def test_a_hedge_after_the_amount(text, mention, value, unit, hedge):
    claim = only(text)
    assert (claim.mention, claim.value, claim.unit, claim.hedge) == (mention, value, unit, hedge)


@pytest.mark.parametrize("text", ["One or more people may have seen it.", "It closed in 2010 or more recently."])
def test_or_more_after_one_or_a_year_is_no_hedged_count(text):
    assert [(c.kind, c.hedge) for c in claims_in(text) if c.kind == "count" or c.hedge] == []


def test_a_video_players_whole_line_and_a_slideshow_link_are_page_furniture():
    text = (
        "JUST WATCHED Crossfire: The GOP in 2014? Replay More Videos ... MUST WATCH Crossfire: The GOP in 2014? 01:37"
        "\n\nSlideshow (16 Images)\n\nAbout 800,000 government workers are furloughed since 2018."
    )
    assert mentions(text) == ["800,000 government workers", "2018"]
    assert mentions("The museum showed 16 images of the slideshow in 2014.") == ["16 images", "2014"]


def test_terminal_escape_sequences_hold_no_quantities():
    """Scraped text can carry colour codes and hyperlinks: their digits are parameters, not amounts."""
    text = "Hello \x1b[31mred\x1b[0m: 20 people came. \x1b]8;;https://x.example/2020\x07Up\x1b]8;;\x07 5% in 2021."
    found = [(c.mention, c.value) for c in extract_claims(text)]
    assert found == [("20 people", 20.0), ("5%", 5.0), ("2021", 2021.0)]
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.mention


@pytest.mark.parametrize(
    ("text", "mention", "value", "hedge"),
    [
        ("The shooting last week left 17 dead.", "17 dead", 17, None),
        ("The blast killed many; at least 12 injured were taken to hospital.", "12 injured", 12, "at_least"),
        ("Officials said 34 killed in New Orleans.", "34 killed", 34, None),
        ("The latest number of casualties was 33 dead.", "33 dead", 33, None),
        ("The quake left more than a dozen dead.", "a dozen dead", 12, "more_than"),
    ],
)
def test_a_number_of_dead_or_injured_counts_people(text, mention, value, hedge):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.unit, claim.hedge) == (
        mention,
        "count",
        value,
        "person",
        hedge,
    )


def test_dead_and_injured_after_numbers_that_are_no_counts():
    assert mentions("The blast left 130 dead and 200 wounded.") == ["130 dead", "200 wounded"]
    assert [(c.mention, c.unit) for c in claims_in("The crash left 4 dead bodies.")] == [("4 dead bodies", "body")]
    assert [(c.mention, c.kind) for c in claims_in("In 2015 dead fish washed up.")] == [("2015", "year")]
    assert mentions("The two dead were named. One dead end remains.") == []


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("It saw two of the most violent rebellions of the decade.", "two", 2, "rebellion"),
        ("Two of Iran's main non-petroleum exports fell.", "Two", 2, "export"),
        ("Twenty-five of those stories were featured.", "Twenty-five", 25, "story"),
        ("Fifteen of those arrested were released.", "Fifteen", 15, None),
        ("The governors met, eight of whom were Republicans.", "eight", 8, None),
        ("They had to quarantine four of them.", "four", 4, None),
        ("The paper ran a column from 16 of their own.", "16", 16, None),
        ("He lost three of his top fundraisers.", "three", 3, "fundraiser"),
        ("It is reckoned to have 35m of its Echo devices installed.", "35m", 35e6, "device"),
    ],
)
def test_a_part_of_a_group_is_a_count(text, mention, value, unit):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.unit) == (mention, "count", value, unit)


def test_a_part_of_a_counted_group_leaves_the_group_its_own_claim():
    found = [(c.mention, c.value, c.unit) for c in claims_in("He closed eight of the state's 16 facilities.")]
    assert found == [("eight", 8, "facility"), ("16 facilities", 16, "facility")]
    found = [
        (c.mention, c.value, c.unit, c.hedge) for c in claims_in("Trump may get as many as 80 of the 95 delegates.")
    ]
    assert found == [("80", 80, "delegate", "up_to"), ("95 delegates", 95, "delegate", None)]
    found = [
        (c.mention, c.kind, c.value, c.unit) for c in claims_in("He raised 280 million of the 1.5 billion shekels.")
    ]
    assert found == [("280 million", "money", 280e6, "ILS"), ("1.5 billion shekels", "money", 1.5e9, "ILS")]
    found = [(c.mention, c.unit) for c in claims_in("The deal buys five of the three-ton satellites.")]
    assert found == [("five", "satellite"), ("three-ton", "ton")]


@pytest.mark.parametrize(
    "text",
    [
        "Week 3 of the season began.",
        "Game 7 of the World Series sold out.",
        "He is one of the best players.",
        "The two of them met.",
        "Section 230 of the act shields sites.",
        "Photo 3 of 12 shows the crowd.",
        "In 2 of the last 3 years it fell.",
        "He ran 3 of the 5 km.",
    ],
)
def test_no_part_of_a_group_without_a_plural_group_or_with_a_label(text):
    assert [c.mention for c in claims_in(text) if c.kind == "count"] == []


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("Other than Zuckerberg, its 11 founders include Reid Hoffman.", "11 founders", 11, "founder"),
        ("His wife and their two young kids are in the Philippines.", "two young kids", 2, "kid"),
        ("Perot is survived by his five children.", "five children", 5, "child"),
        ("Mr. Clinton did the same during his two terms in office.", "two terms", 2, "term"),
    ],
)
def test_a_count_after_a_possessive_states_what_the_owner_has(text, mention, value, unit):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.unit) == (mention, "count", value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Our two countries signed a deal.",
        "Their two nations agreed on trade.",
        "The leaders said their two governments would talk.",
        "The two companies merged.",
        "Both sides met; all three parties agreed.",
    ],
)
def test_the_parties_to_a_relation_after_a_possessive_and_definite_counts_refer_back(text):
    assert claims_in(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was confirmed by a vote of 53-44 along party lines.", [("53", 53), ("44", 44)]),
        ("The Senate voted 51-49 to approve it.", [("51", 51), ("49", 49)]),
        ("It was approved on a 7-2 vote.", [("7", 7), ("2 vote", 2)]),
        ("The court deadlocked in a 4-4 vote.", [("4", 4), ("4 vote", 4)]),
        ("The 5-4 vote stands; an 8-1 vote followed.", [("5", 5), ("4 vote", 4), ("8", 8), ("1 vote", 1)]),
        ("The bill passed on a 231-188 vote over Democratic opposition.", [("231", 231), ("188 vote", 188)]),
    ],
)
def test_both_sides_of_a_vote_tally_count_votes(text, expected):
    found = claims_in(text)
    assert [(c.mention, c.value) for c in found] == expected
    assert {(c.kind, c.unit, c.hedge) for c in found} == {("count", "vote", None)}


@pytest.mark.parametrize(
    "text",
    [
        "The Warriors won 110-102 at home.",
        "The team's 3-2 win stunned fans.",
        "The vote was 17-21 yesterday.",
        "He won a 5-4 decision on points.",
    ],
)
def test_scores_and_reversed_pairs_are_no_vote_tally(text):
    assert [c for c in claims_in(text) if c.unit == "vote"] == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("There was a debate about two guys in the race.", "two guys"),
        ("It was the decision over two controversial programs.", "two controversial programs"),
        ("Concerns about 2 million people losing coverage grew.", "2 million people"),
        ("They have yet to reach a decision about 2016.", "2016"),
    ],
)
def test_about_or_over_after_a_noun_of_talk_or_dispute_is_a_preposition(text, mention):
    claim = only(text)
    assert (claim.mention, claim.hedge) == (mention, None)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("He said about 20 people died.", "about"),
        ("The news came about 10 years ago.", "about"),
        ("About 500 people came to the debate.", "about"),
        ("The debate drew over 500 people.", "more_than"),
    ],
)
def test_about_and_over_stay_hedges_elsewhere(text, hedge):
    assert only(text).hedge == hedge


def test_money_alternatives_share_a_scale_written_once():
    claim = only("It would cost $10 or $15 million more.")
    assert (claim.mention, claim.value, claim.value_high, claim.unit) == ("$10 or $15 million", 1e7, 1.5e7, "USD")
    found = [
        (c.mention, c.value, c.value_high) for c in claims_in("Whether to use $250,000 or $1 million was unclear.")
    ]
    assert found == [("$250,000", 250000, None), ("$1 million", 1e6, None)]
    assert mentions("A ticket costs $5 or $10 a month.") == ["$5", "$10"]


@pytest.mark.parametrize(
    ("text", "mention", "value", "hedge"),
    [
        ("The city was founded in 753 B.C. by legend.", "753 B.C.", -753, None),
        ("Alexander died in 323 BC in Babylon.", "323 BC", -323, None),
        ("The temple dates to 2500 BCE at least.", "2500 BCE", -2500, None),
        ("The Prophet Muhammad died around 640 AD.", "640 AD", 640, "about"),
    ],
)
def test_years_of_an_era(text, mention, value, hedge):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.hedge) == (mention, "year", value, hedge)


@pytest.mark.parametrize(
    "text",
    [
        "He worked on the Obama 2012 campaign.",
        "Jim, a Romney 2012 finance chair, spoke.",
        "Potential 2012 presidential rivals met.",
        "Apple 2012 sales jumped.",
        "Gore 2012 voters.",
    ],
)
def test_a_year_after_a_name_modifying_a_noun_is_a_year(text):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value) == ("2012", "year", 2012)


@pytest.mark.parametrize(
    "text", ["He bought a Boeing 737 jet.", "It runs Windows 2000 and XP.", "The Nasdaq 100 index rose."]
)
def test_a_model_number_after_a_name_stays_a_name(text):
    assert claims_in(text) == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Congress made cuts to hundreds of programs.", "hundreds of programs"),
        ("He made cuts to 40 programs after prices rose.", "40 programs"),
        ("The bill, in addition to more than 30 new rules, passed after rents rose.", "30 new rules"),
        ("Families making up to about $60,000 qualify.", "$60,000"),
    ],
)
def test_to_after_a_noun_or_in_a_fixed_phrase_is_no_level_of_a_change(text, mention):
    claim = only(text)
    assert (claim.mention, claim.role, claim.change_group) == (mention, None, None)


def test_to_after_a_change_verb_still_names_the_new_level():
    found = [(c.mention, c.role) for c in claims_in("Spending was cut to $5 billion; prices rose from $3 to $5.")]
    assert found == [("$5 billion", "to"), ("$3", "from"), ("$5", "to")]
    assert [(c.mention, c.role) for c in claims_in("The pace will rocket up to over 1,000 a day.")] == [("1,000", "to")]


@pytest.mark.parametrize(
    ("text", "mention", "value", "hedge"),
    [
        ("Investment fell almost two-thirds below the trend line.", "two-thirds", 2 / 3, "nearly"),
        ("The treaty needs a two-thirds majority.", "two-thirds", 2 / 3, None),
        ("He sold his one-third stake.", "one-third", 1 / 3, None),
    ],
)
def test_a_hyphened_fraction_needs_no_of(text, mention, value, hedge):
    claim = only(text)
    assert (claim.mention, claim.kind, claim.value, claim.unit, claim.hedge) == (
        mention,
        "multiple",
        value,
        "ratio",
        hedge,
    )


def test_ordinals_joined_by_a_hyphen_are_no_fraction():
    assert claims_in("The first-quarter results and a second-half rally.") == []


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [
        ("A poll of 944 U.S. adults was released.", "944 U.S. adults", "adult"),
        ("He met 3 U.N. officials in Geneva.", "3 U.N. officials", "official"),
        ("There are about 230 U.S. troops deployed.", "230 U.S. troops", "troop"),
    ],
)
def test_an_abbreviation_with_periods_modifies_the_counted_noun(text, mention, unit):
    claim = only(text)
    assert (claim.mention, claim.unit) == (mention, unit)


def test_a_sentence_period_ends_the_counted_noun():
    assert mentions("They sold 5 apples. People left.") == ["5 apples"]
    assert mentions("It bought 40 jets from the U.S. in 2019.") == ["40 jets", "2019"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare number right after the change verb starts a range of the amount, not the from-level
        ("Prices rose 4 to 5 percent.", [("4 to 5 percent", 4.0, 5.0, "percent", None, False)]),
        ("The nominee gained about four to five points.", [("four to five points", 4.0, 5.0, "point", None, False)]),
        # an amount with its own unit, then "to": the change's amount and its new level
        (
            "Wages rose by 6 cents to $27.90.",
            [("6 cents", 0.06, None, "USD", None, True), ("$27.90", 27.9, None, "USD", "to", True)],
        ),
        (
            "Exports jumped 20% to $5 billion.",
            [("20%", 20.0, None, "percent", None, True), ("$5 billion", 5e9, None, "USD", "to", True)],
        ),
        # "from": two levels of a change
        (
            "Prices rose from 4 to 5 percent.",
            [("4", 4.0, None, "percent", "from", True), ("5 percent", 5.0, None, "percent", "to", True)],
        ),
        # "by X to Y" without a change verb splits a vote: no change, no roles
        (
            "The UK public voted by 52% to 48% to leave the EU.",
            [("52%", 52.0, None, "percent", None, False), ("48%", 48.0, None, "percent", None, False)],
        ),
    ],
)
def test_amount_ranges_changes_and_splits_after_to(text, expected):
    claims = extract_claims(text)
    got = [(c.mention, c.value, c.value_high, c.unit, c.role, c.change_group is not None) for c in claims]
    assert got == [(m, v, h, u, r, g) for m, v, h, u, r, g in expected]


def test_a_number_naming_an_index_or_model_after_a_name_is_no_year():
    assert [c.mention for c in extract_claims("Small caps in the Russell 2000 index fell 3% on Monday.")] == ["3%"]
    assert [c.mention for c in extract_claims("He ran a Windows 2000 server for 12 years.")] == ["12 years"]
    years = [(c.mention, c.kind) for c in extract_claims("The Obama 2012 campaign spent heavily.")]
    assert years == [("2012", "year")]


def test_a_year_range_before_a_reference_noun_is_no_count():
    found = [(c.mention, c.kind, c.value, c.value_high) for c in extract_claims("Output fell below 1999-2013 levels.")]
    assert found == [("1999-2013", "year_range", 1999.0, 2013.0)]
    counted = [(c.mention, c.kind, c.unit) for c in extract_claims("It killed 2000-3000 people.")]
    assert counted == [("2000-3000 people", "count", "person")]
