"""Reference value vs claimed value: every hedge, ranges, stated precision, units, and the stored outcome."""

from __future__ import annotations

import json
import math

import pytest

from workbench.services.compare import (
    APPROX_TOLERANCE,
    compare_reference,
    normalize_unit,
    parse_figure,
    rounding_slack,
)


@pytest.mark.parametrize(
    ("hedge", "value", "reference", "consistent"),
    [
        ("more_than", 3e9, 3.2e9, True),  # "more than $3 billion" vs 3.2e9
        ("more_than", 3e9, 3e9, False),  # strictly more
        ("more_than", 3e9, 2.9e9, False),
        ("at_least", 3e9, 3e9, True),
        ("at_least", 3e9, 2.99e9, False),
        ("less_than", 5, 7, False),  # "less than 5%" vs 7
        ("less_than", 5, 4.9, True),
        ("less_than", 5, 5, False),
        ("at_most", 5, 5, True),
        ("up_to", 5, 5.1, False),
        ("up_to", 5, 0, True),
        ("about", 100, 104, True),  # "about 100" vs 104
        ("about", 100, 90, True),  # the tolerance bound itself is inside
        ("about", 100, 110, True),
        ("about", 100, 111, False),
        ("about", 100, 89, False),
        ("nearly", 100, 95, True),
        ("nearly", 100, 100, True),
        ("nearly", 100, 104, False),  # "nearly" means not quite
        ("nearly", 100, 89.9, False),
    ],
)
def test_each_hedge(hedge: str, value: float, reference: float, consistent: bool) -> None:
    result = compare_reference(value, reference, hedge=hedge, unit="USD")
    assert result.comparable is True
    assert result.consistent is consistent, result.explanation


def test_about_reports_its_tolerance_and_the_figures() -> None:
    result = compare_reference(100, 104, hedge="about", unit="flights", reference_unit="flights")
    assert result.tolerance == APPROX_TOLERANCE == 0.10
    assert (result.low, result.high) == pytest.approx((90, 110))
    assert result.ratio == pytest.approx(100 / 104)
    assert result.percent_difference == pytest.approx(-3.846, abs=1e-3)
    assert result.explanation == "reference 104 is consistent with about 100 (±10%)"


def test_ratio_and_percent_difference_are_measured_from_the_reference() -> None:
    result = compare_reference(3e9, 3.2e9, hedge="more_than", unit="USD", reference_unit="usd")
    assert result.ratio == pytest.approx(0.9375)
    assert result.percent_difference == pytest.approx(-6.25)
    assert result.explanation == "reference 3,200,000,000 is consistent with more than 3,000,000,000"
    assert compare_reference(5, 0, unit="percent").ratio is None


@pytest.mark.parametrize(
    ("value", "high", "hedge", "reference", "consistent"),
    [
        (1999, 2013, None, 2005, True),
        (1999, 2013, None, 2013, True),
        (1999, 2013, None, 2015, False),
        (10, 12, None, 12.4, True),  # 12 as stated covers 11.5..12.5
        (10, 12, None, 13, False),
        (10, 12, "about", 13, True),  # about 10-12: 9..13.2
        (10, 12, "about", 13.5, False),
        (12, 10, None, 11, True),  # a reversed range is still a range
    ],
)
def test_ranges(value: float, high: float, hedge: str | None, reference: float, consistent: bool) -> None:
    result = compare_reference(value, reference, value_high=high, hedge=hedge, unit="years")
    assert result.consistent is consistent, result.explanation


def test_a_range_compares_its_midpoint() -> None:
    assert compare_reference(10, 11, value_high=12).ratio == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("value", "reference", "consistent"),
    [
        (3e9, 3.2e9, True),  # "$3 billion" rounds 2.5..3.5 billion
        (3e9, 3.6e9, False),
        (3.2e9, 3.24e9, True),
        (3.2e9, 3.3e9, False),
        (600e6, 640e6, True),
        (104, 104.4, True),
        (104, 105, False),
        (0.3, 0.34, True),
    ],
)
def test_unhedged_figures_are_read_at_their_stated_precision(value: float, reference: float, consistent: bool) -> None:
    assert compare_reference(value, reference, unit="USD").consistent is consistent


def test_rounding_slack_is_half_the_last_significant_digit() -> None:
    assert rounding_slack(3e9) == 5e8
    assert rounding_slack(3.2e9) == pytest.approx(5e7)
    assert rounding_slack(104) == 0.5
    assert rounding_slack(0.1 + 0.2) == pytest.approx(0.05)
    assert rounding_slack(0) == 0


@pytest.mark.parametrize(
    ("unit", "reference_unit"),
    [("USD", "EUR"), ("percent", "USD"), (None, "USD"), ("flights", "passengers")],
)
def test_unit_mismatch_is_said_and_not_compared(unit: str | None, reference_unit: str) -> None:
    result = compare_reference(3e9, 3.2e9, unit=unit, reference_unit=reference_unit, hedge="more_than")
    assert (result.comparable, result.consistent, result.ratio) == (False, None, None)
    assert result.explanation.startswith("unit mismatch: the claim is in ")
    assert reference_unit in result.explanation


@pytest.mark.parametrize(
    ("unit", "reference_unit"),
    [("percent", "%"), ("USD", "usd"), ("USD", "$"), ("years", "year"), ("countries", "Country"), ("flights", None)],
)
def test_unit_spellings_that_mean_the_same_are_compared(unit: str, reference_unit: str | None) -> None:
    assert compare_reference(5, 5, unit=unit, reference_unit=reference_unit).comparable is True


def test_normalize_unit() -> None:
    assert normalize_unit(" Per  Cent ") == "percent"
    assert normalize_unit("") is None
    assert normalize_unit("mass") == "mass"


def test_no_claimed_value_or_non_finite_numbers_are_not_compared() -> None:
    assert compare_reference(None, 5).comparable is False
    assert compare_reference(5, math.nan).comparable is False
    with pytest.raises(ValueError, match="unknown hedge"):
        compare_reference(5, 5, hedge="roughly")


def test_open_bounds_are_json_ready() -> None:
    stored = compare_reference(3e9, 3.2e9, hedge="more_than").as_dict()
    assert stored["high"] is None and stored["low"] == 3e9
    assert json.loads(json.dumps(stored, allow_nan=False)) == stored


@pytest.mark.parametrize(
    ("mention", "value", "reference", "consistent"),
    [
        ("20-year", 20, 15, False),  # a third off: not "consistent"
        ("20 years", 20, 19.6, True),  # 20 flat is 19.5..20.5
        ("20 years", 20, 21, False),
        ("1,200 workers", 1200, 1250, False),
        ("twenty years", 20, 15, False),  # spelled out, just as exact
        ("$3 billion", 3e9, 3.2e9, True),  # a scale word: as precise as the 3
        ("$3.2 billion", 3.2e9, 3.3e9, False),
        ("$600 million", 600e6, 640e6, True),
        ("2.5%", 2.5, 2.56, False),
        ("2.5%", 2.5, 2.54, True),
        ("-1.3 percent", -1.3, -1.34, True),
        ("50 cents", 0.5, 0.504, True),  # cents are stored in dollars: precise to the cent
        ("50 cents", 0.5, 0.51, False),
    ],
)
def test_a_flat_figure_is_read_at_the_precision_it_is_written(
    mention: str, value: float, reference: float, consistent: bool
) -> None:
    result = compare_reference(value, reference, mention=mention)
    assert result.consistent is consistent, result.explanation


def test_the_explanation_shows_the_stated_bounds() -> None:
    result = compare_reference(20, 15, unit="years", mention="20 years")
    assert result.explanation == "reference 15 is outside 20 as stated (19.5..20.5)"
    assert result.percent_difference == pytest.approx(33.333, abs=1e-3)


def test_ranges_and_hedges_keep_their_rules_with_a_mention() -> None:
    assert compare_reference(1999, 2005, value_high=2013, mention="1999-2013").consistent is True
    assert compare_reference(10, 12.4, value_high=12, mention="10-12 years").consistent is True
    assert compare_reference(100, 104, hedge="about", mention="about 100 flights").consistent is True
    assert compare_reference(20, 22, hedge="more_than", mention="more than 20").consistent is True


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("3.2e9", 3.2e9),
        ("3,200,000,000", 3.2e9),
        ("3.2 billion", 3.2e9),
        ("1.2 billion", 1.2e9),
        ("3.2bn", 3.2e9),
        ("450k", 450e3),
        ("1,200.5 million", 1200.5e6),
        ("-3.5", -3.5),
        ("  ", None),
    ],
)
def test_typed_figures(typed: str, value: float | None) -> None:
    assert parse_figure(typed) == (pytest.approx(value) if value is not None else None)


@pytest.mark.parametrize("typed", ["abc", "1,2", "3.2 gazillion", "1e400", "$"])
def test_typed_figures_that_are_not_numbers(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a number|is too large"):
        parse_figure(typed)
