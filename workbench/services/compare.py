"""Compare a claimed figure with a reference figure from a source: a pure function, no database.

The reader's question is "does the official figure bear the claim out?", so the answer respects how the claim was
worded:

- a range ``value..value_high`` holds when the reference lies inside it;
- ``more_than`` / ``less_than`` are strict, ``at_least`` / ``at_most`` / ``up_to`` inclusive;
- ``about`` holds within ``APPROX_TOLERANCE`` (10 %) of the claimed value, either side;
- ``nearly`` holds from 10 % below the claimed value up to the value itself ("nearly 100" is not 104);
- an unhedged figure is read at its stated precision, the way a fact-checker reads it: a number written out is
  precise to its last digit, so "20 years" is 19.5..20.5 and "1,200 workers" 1,199.5..1,200.5; a number with a
  scale word is as precise as its own significant digits, so "$3 billion" holds for anything that rounds to
  3 billion (2.5e9..3.5e9) and "3.2 billion" for 3.15e9..3.25e9. Without the mention's wording the value's
  significant digits decide. An unhedged range keeps that significant-digit slack at its ends.

``ratio`` is claimed / reference and ``percent_difference`` is (claimed - reference) / |reference| * 100, both
measured from the reference because the reference is the yardstick; a range uses its midpoint. Units are compared
after folding case and a few spellings ("%" = "percent", "$" = "USD"); different units are reported and not
compared, because 3 billion USD and 3 billion EUR are not the same claim.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

APPROX_TOLERANCE = 0.10
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Scale words and suffixes a reviewer types after a reference figure ("3.2 billion", "3.2bn", "450k").
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}
_TYPED_FIGURE = re.compile(
    r"^\s*([-+]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:e[-+]?\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE
)
_UNIT_ALIASES = {
    "%": "percent",
    "pct": "percent",
    "per cent": "percent",
    "percentage": "percent",
    "$": "usd",
    "us$": "usd",
    "dollars": "usd",
    "€": "eur",
    "euros": "eur",
    "£": "gbp",
    "yr": "years",
    "year": "years",
    "month": "months",
    "day": "days",
}


@dataclass(frozen=True)
class Comparison:
    """The outcome, stored as JSON beside the source. ``consistent`` is None when the figures cannot be compared."""

    comparable: bool
    consistent: bool | None
    explanation: str
    ratio: float | None = None
    percent_difference: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    tolerance: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: an open bound (``more_than`` has no upper one) is None, as JSON has no infinity."""
        return {k: None if isinstance(v, float) and math.isinf(v) else v for k, v in asdict(self).items()}


def normalize_unit(unit: str | None) -> str | None:
    """The unit as compared: case and spacing folded, aliases mapped, plurals made singular ("Countries" ==
    "country", "%" == "percent"), so only a real difference of unit stops a comparison."""
    if unit is None or not unit.strip():
        return None
    folded = " ".join(unit.strip().casefold().split())
    folded = _UNIT_ALIASES.get(folded, folded)
    if len(folded) > 3 and folded.endswith("ies"):
        return folded[:-3] + "y"
    if len(folded) > 3 and folded.endswith("s") and not folded.endswith("ss"):
        return folded[:-1]
    return folded


def parse_figure(text: str) -> float | None:
    """A figure as a reviewer types it, in the TUI or on the command line: "3.2e9", "3,200,000,000", "3.2 billion",
    "3.2bn", "450k"; None when empty; ValueError with an example otherwise."""
    if not text.strip():
        return None
    match = _TYPED_FIGURE.match(text)
    if not match or not any(c.isdigit() for c in match.group(1)) or match.group(2).lower() not in ("", *_SCALES):
        raise ValueError(f"{text.strip()!r} is not a number; write e.g. 3.2e9, 3,200,000,000 or 3.2 billion")
    value = float(match.group(1).replace(",", "")) * _SCALES.get(match.group(2).lower(), 1.0)
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is too large")
    return value


def stated_slack(mention: str | None, value: float) -> float:
    """How far from ``value`` the claim as worded in ``mention`` still holds (see the module doc)."""
    match = _NUMERAL.search(mention or "")
    written = match.group().replace(",", "") if match else ""
    numeral = float(written) if written else 0.0
    if numeral == 0:
        # Spelled out: "twenty years" is as exact as "20 years"; "a million" rounds like 1e6.
        exact = mention is not None and float(value).is_integer() and abs(value) < 1000
        return 0.5 if exact else rounding_slack(value)
    scale = abs(value) / numeral
    if scale >= 999:  # a scale word: "600 million" is as precise as 600 with its zeros unsure
        return rounding_slack(numeral) * scale
    return 0.5 * 10.0 ** -len(written.partition(".")[2]) * scale


def rounding_slack(value: float) -> float:
    """Half a unit of the last significant digit of ``value`` as written: 3e9 → 5e8, 3.2e9 → 5e7, 104 → 0.5."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    # repr-level precision (12 significant digits) erases binary noise such as 0.30000000000000004.
    exponent = Decimal(format(abs(value), ".12g")).normalize().as_tuple().exponent
    return 0.5 * 10.0 ** int(exponent)


def compare_reference(
    value: float | None,
    reference: float,
    *,
    value_high: float | None = None,
    unit: str | None = None,
    reference_unit: str | None = None,
    hedge: str | None = None,
    tolerance: float = APPROX_TOLERANCE,
    mention: str | None = None,
) -> Comparison:
    """Whether ``reference`` bears out the claim ``[hedge] value[..value_high] unit``, worded as ``mention``.

    A missing ``reference_unit`` means "in the claim's unit": people type the bare number they found.
    """
    if value is None:
        return Comparison(False, None, "the claim has no numeric value to compare with")
    if not (math.isfinite(value) and math.isfinite(reference)):
        return Comparison(False, None, "the claimed or the reference value is not a finite number")
    claim_unit, ref_unit = normalize_unit(unit), normalize_unit(reference_unit)
    if ref_unit is not None and ref_unit != claim_unit:
        return Comparison(
            False,
            None,
            f"unit mismatch: the claim is in {unit or 'no unit'}, the reference in {reference_unit}; not compared",
            unit=unit,
        )
    low, high, rule = _bounds(value, value_high, hedge, tolerance, mention)
    consistent = _inside(reference, low, high, hedge)
    claimed = value if value_high is None else (value + value_high) / 2
    ratio = claimed / reference if reference != 0 else None
    percent = (claimed - reference) / abs(reference) * 100 if reference != 0 else None
    verdict = "consistent with" if consistent else "outside"
    return Comparison(
        comparable=True,
        consistent=consistent,
        explanation=f"reference {_fmt(reference)} is {verdict} {rule}",
        ratio=ratio,
        percent_difference=percent,
        low=low,
        high=high,
        unit=unit,
        tolerance=tolerance if hedge in ("about", "nearly") else None,
    )


def _bounds(
    value: float, value_high: float | None, hedge: str | None, tolerance: float, mention: str | None = None
) -> tuple[float, float, str]:
    """The accepted interval for the reference, and the claim in words."""
    lo, hi = (value, value_high) if value_high is not None else (value, value)
    lo, hi = min(lo, hi), max(lo, hi)
    shown = _fmt(lo) if lo == hi else f"{_fmt(lo)}..{_fmt(hi)}"
    if hedge in ("more_than", "at_least"):
        return lo, math.inf, f"{hedge.replace('_', ' ')} {shown}"
    if hedge in ("less_than", "at_most", "up_to"):
        return -math.inf, hi, f"{hedge.replace('_', ' ')} {shown}"
    if hedge == "about":
        return lo - abs(lo) * tolerance, hi + abs(hi) * tolerance, f"about {shown} (±{tolerance:.0%})"
    if hedge == "nearly":
        return lo - abs(lo) * tolerance, hi, f"nearly {shown} (up to {tolerance:.0%} below)"
    if hedge is not None:
        raise ValueError(f"unknown hedge {hedge!r}")
    if value_high is None and mention is not None:
        slack = stated_slack(mention, value)
        low, high = lo - slack, hi + slack
    else:
        low, high = lo - rounding_slack(lo), hi + rounding_slack(hi)
    return low, high, f"{shown} as stated ({_fmt(low)}..{_fmt(high)})"


def _inside(reference: float, low: float, high: float, hedge: str | None) -> bool:
    if hedge == "more_than":
        return reference > low
    if hedge == "less_than":
        return reference < high
    # The computed bounds carry float noise (100 * 0.9 = 90.00000000000001); a relative epsilon keeps exact
    # boundary cases inside.
    eps = 1e-9 * max(abs(low) if math.isfinite(low) else 0, abs(high) if math.isfinite(high) else 0, 1.0)
    return low - eps <= reference <= high + eps


def _fmt(number: float) -> str:
    """Figures as people write them: 3,200,000,000 rather than 3.2e+09; small ones with up to 6 digits."""
    if 1e4 <= abs(number) < 1e16 and float(number).is_integer():
        return f"{number:,.0f}"
    return format(number, ".6g")
