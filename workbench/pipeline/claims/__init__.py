"""Quantitative claims in news text: every number a fact-checker could check, normalized so mentions compare.

One left-to-right pass: a scanner regex finds where a quantity may start (digits or a number word), a look back
from the digits finds a currency sign or month name written before them, and anchored readers take it from
there, so the cost is linear in the text and no pattern can backtrack over more than a few words. Context rules
(hedges, names, anaphora, changes, goals) look only at a short window before the mention.

Conventions of the output (see ``Claim``):

* Spans hold the currency sign or code, the number with its scale word, and the unit or counted noun when it
  directly follows: "$3 billion", "45 percent", "20-year", "three Latin American nations". Hedges ("more than")
  stay outside the span and go into ``hedge``; so do "from" and "between" of a range.
* ``unit``: ISO 4217 code for money when the currency is identifiable (a bare currency name such as "pesos" gives
  its singular lowercase name); "percent" (or "percentage point", "basis point"); durations in "years", "months",
  "weeks", "days", "hours", "minutes", "seconds" (decades and centuries become years); the lowercase singular
  counted noun for counts ("nation"), or None when a count has no noun; a customary symbol for measures ("km",
  "tonne", "MW", "barrel/day"); "times" for multiples ("fivefold", "doubled") and "ratio" for shares ("a third
  of", "four in 10"). Tomans, which have no ISO code, are converted to rials, cents and pence to their main
  unit. A price per unit ("$58 per barrel") is money; the "per barrel" stays outside the span.
* Money values are in currency units (3e9 for "$3 billion"); "multimillion-dollar" has value None.
* Years: value 2018, unit None. Year ranges and decades: value 1999, value_high 2013 ("1990s" is 1990-1999).
  Ages are durations ("45-year-old", "aged 45": 45 years).
* Dates: value is the number YYYYMMDD (20230204); a missing day is 00 (20230600 for "June 2023"); a missing
  year is taken from ``published`` when given (the year nearest to a full publication date, so "Dec. 22" in a
  January article is last December), else 0 (so "June 13" alone is 613).
* Vague amounts are one order of magnitude: "thousands" is 1000-10000, "dozens" 12-120.
* Changes: "from X ... to Y" gives role "from" and "to"; a change amount ("rose 20% to", "doubled to") has no
  role but shares the change_group of the record it leads to. change_group is set only when at least two records
  belong to one change, numbered from 1 in text order.
"""

# The rule modules, imported in pipeline order: importing registers their rules in the order each stage tries them.
from workbench.pipeline.claims import scanner, words, reading, units, nouns, context, ranges  # noqa: F401, I001
from workbench.pipeline.claims import page, change, parts, target  # noqa: F401
from workbench.pipeline.claims.extract import Dropped, explain_claims, extract_claims
from workbench.pipeline.claims.lexicon import IRREGULAR_PLURALS, TIME_UNITS
from workbench.pipeline.claims.mention import RULES


def _probe(text: str) -> list[tuple[int, int, list[str]]]:
    """Every mention the rules decided on in ``text``, claims and dropped numbers alike, for the examples test."""
    claims, dropped = explain_claims(text, _published(text))
    return [(c.start, c.end, c.trace) for c in claims] + [(d.start, d.end, d.trace) for d in dropped]


def _published(text: str) -> str | None:
    """An example may set the publication date: "(published 2024-01-05) ..."."""
    return text[11:21] if text.startswith("(published ") else None


RULES.probe = _probe

__all__ = ["RULES", "Dropped", "IRREGULAR_PLURALS", "TIME_UNITS", "explain_claims", "extract_claims"]
