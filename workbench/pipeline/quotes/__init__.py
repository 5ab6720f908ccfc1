"""Direct quotes and their speakers.

Conventions:
- A quote's span excludes its marks and surrounding spaces; only outermost quotations are returned (a quote
  inside a quote is part of the outer speaker's words).
- A quotation that runs over several paragraphs (an opening mark on each, a closing mark only on the last) gives
  one Quote per paragraph, all with the speaker found anywhere in the chain, so ``text[start:end]`` never
  contains the next paragraph's opening mark.
- An unclosed mark ends at the paragraph end when it opens the paragraph (the multi-paragraph style), else at
  the next opening mark of its kind or after three sentences. A paragraph is a line.
- Limits for input that is not prose: at most 20,000 marks and 300 quotations per paragraph.

The scanner (``marks``, ``scanner``) finds the quotations; the decisions are named rules: the "quotes" family
decides what is a quotation and its kind (``kind``), the "speakers" family who said it (``attribute`` and
``workbench.pipeline.speakers``). ``Quote.trace`` lists the rules that decided each quote, in order.
"""

from __future__ import annotations

import re

from workbench.pipeline.quotes.extract import extract_quotes
from workbench.pipeline.quotes.marks import Notes
from workbench.pipeline.quotes.scanner import scan_quotations
from workbench.pipeline.quotes.types import QUOTE_RULES, Region
from workbench.pipeline.rules import Trace
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import SPEAKER_RULES, claim_speakers

_NUMBER = re.compile(r"\d[\d,.]*")


def probe_quotes(text: str) -> list[tuple[int, int, Trace]]:
    """Each quote's span and its speaker's mention with the quote's trace, and what the rules rejected."""
    notes: Notes = []
    found: list[tuple[int, int, Trace]] = []
    for quote in extract_quotes(text, notes):
        found.append((quote.start, quote.end, quote.trace))
        if quote.speaker_start is not None and quote.speaker_end is not None:
            found.append((quote.speaker_start, quote.speaker_end, quote.trace))
    return found + notes


def probe_speakers(text: str) -> list[tuple[int, int, Trace]]:
    """``probe_quotes``, and the speaker of every number as claims ask for it (the number and the speaker's
    mention, with the ``SpeakerRef`` trace)."""
    quotes = extract_quotes(text)
    spans = [m.span() for m in _NUMBER.finditer(text)]
    found = probe_quotes(text)
    for span, ref in zip(spans, claim_speakers(text, spans, quotes, split_sentences(text)), strict=True):
        if ref is not None:
            found += [(span[0], span[1], list(ref.trace)), (ref.start, ref.end, list(ref.trace))]
    return found


QUOTE_RULES.probe = probe_quotes
SPEAKER_RULES.probe = probe_speakers

__all__ = ["QUOTE_RULES", "Region", "extract_quotes", "probe_quotes", "probe_speakers", "scan_quotations"]
