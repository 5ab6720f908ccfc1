"""Everything extracted from one article text, in one pure call (so it can run in a worker process).

A text longer than any real article (``WINDOW_THRESHOLD``; the longest in the 1.3-million-article corpus has 76,553
characters) is analysed in windows of at most ``WINDOW_CHARS``, cut at line breaks, else sentence ends, else spaces,
and its sentences are cut to at most ``WINDOW_SENTENCE_CHARS``. Each window is extracted on its own and its offsets
shifted back, so the memory and time of extraction (and of clustering, which reads a claim's sentence) follow the
window, not the article: a 30 MB single line or 200,000 numbers in one "sentence" cost what their size says.
``analysis_parts`` hands the windows over one at a time, so the ingest stores each before the next is extracted.
The price is context across a window's edge (a "he" resolved to a name two windows back), which such inputs lack
anyway. Real news never takes this path, so its output is unchanged. Shorter texts only get their "sentences" cut
at ``SENTENCE_CHARS``, far beyond any real one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from workbench.models import Claim, Quote
from workbench.pipeline.checkworthy import Assessment, assess_claims
from workbench.pipeline.claims import extract_claims
from workbench.pipeline.quotes import extract_quotes
from workbench.pipeline.sentences import Sentence, blocks, cap_sentences, split_sentences

WINDOW_THRESHOLD = 100_000
WINDOW_CHARS = 20_000
WINDOW_SENTENCE_CHARS = 200
# Any text: a "sentence" longer than this is cut too (at spaces). No claim of the corpus sits in a sentence longer
# than 3,945 characters, so real news is untouched; a 99,000-character run-on list of numbers is not quadratic.
SENTENCE_CHARS = 5_000

# Raise this whenever a change to the extractors changes what they find, so `workbench reextract` knows which
# stored articles an older extractor produced (each article records the version that produced its items).
EXTRACTOR_VERSION = 1

_CLAIM_OFFSETS = ("start", "end", "sentence_start", "sentence_end", "speaker_start", "speaker_end")
_QUOTE_OFFSETS = (
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "sentence_start",
    "sentence_end",
)


@dataclass
class Analysis:
    sentences: list[tuple[int, int]]
    claims: list[Claim]
    quotes: list[Quote]
    checkworthiness: list[Assessment] = field(default_factory=list)
    """One per claim, in the same order."""
    prepared: list[str | None] = field(default_factory=list)
    """One per claim, in the same order, where the ingest read them (its extraction workers, see
    ``cluster_claims.prepared_claims``): what clustering reads off each claim's statement. Empty otherwise."""


def analyze_text(text: str, published: str | None = None, language: str = "en") -> Analysis:
    whole = Analysis([], [], [])
    for part in analysis_parts(text, published, language):
        whole.sentences += part.sentences
        whole.claims += part.claims
        whole.quotes += part.quotes
        whole.checkworthiness += part.checkworthiness
    return whole


def assess_and_trace(text: str, claims: list[Claim], quotes: list[Quote]) -> list[Assessment]:
    """Each claim's check-worthiness, its cues added to the claim's trace (so ``explain`` shows why it is context)."""
    assessments = assess_claims(text, claims, quotes)
    for claim, assessment in zip(claims, assessments, strict=True):
        claim.trace.extend(assessment.cues)
    return assessments


def is_windowed(text: str) -> bool:
    return len(text) > WINDOW_THRESHOLD


def analysis_parts(text: str, published: str | None = None, language: str = "en") -> Iterator[Analysis]:
    """The analysis of ``text`` in article order: one part, or one per window with article offsets (change groups
    numbered apart across windows). Lazy: a window is extracted when the previous one has been taken."""
    if not is_windowed(text):
        found = split_sentences(text, language)
        sentences = cap_sentences(text, found, SENTENCE_CHARS)
        quotes = extract_quotes(text, sentences=_english(found, language))
        claims = extract_claims(text, published, quotes=quotes, sentences=sentences)
        yield Analysis(sentences, claims, quotes, assess_and_trace(text, claims, quotes))
        return
    groups = 0
    for start, end in blocks(text, WINDOW_CHARS):
        window = text[start:end]
        found = split_sentences(window, language)
        sentences = cap_sentences(window, found, WINDOW_SENTENCE_CHARS)
        quotes = extract_quotes(window, sentences=_english(found, language))
        claims = extract_claims(window, published, quotes=quotes, sentences=sentences)
        part = Analysis(
            [(s + start, e + start) for s, e in sentences],
            [],
            [_shifted(quote, start, _QUOTE_OFFSETS) for quote in quotes],
            assess_and_trace(window, claims, quotes),
        )  # in window offsets, before the shift
        local_groups = [c.change_group for c in claims if c.change_group is not None]
        for claim in claims:
            moved = _shifted(claim, start, _CLAIM_OFFSETS)
            if claim.change_group is not None:  # article-local ids: keep them apart across windows
                moved.change_group = claim.change_group + groups
            part.claims.append(moved)
        groups += max(local_groups, default=0) + 1
        yield part


def _english(sentences: list[Sentence], language: str) -> list[Sentence] | None:
    """The sentences quote extraction may reuse: it segments as English whatever the article's language."""
    return sentences if (language or "en") == "en" else None


ItemT = TypeVar("ItemT", Claim, Quote)


def _shifted(item: ItemT, by: int, fields: tuple[str, ...]) -> ItemT:
    update = {name: getattr(item, name) + by for name in fields if getattr(item, name) is not None}
    return item.model_copy(update=update)
