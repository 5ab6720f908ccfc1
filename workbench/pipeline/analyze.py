"""Everything extracted from one article text, in one pure call (so it can run in a worker process)."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.models import Claim, Quote
from workbench.pipeline.checkworthy import Assessment, assess_claims
from workbench.pipeline.claims import extract_claims
from workbench.pipeline.quotes import extract_quotes
from workbench.pipeline.sentences import split_sentences

# Raise this whenever a change to the extractors changes what they find, so `workbench reextract` knows which
# stored articles an older extractor produced (each article records the version that produced its items).
EXTRACTOR_VERSION = 1


@dataclass
class Analysis:
    sentences: list[tuple[int, int]]
    claims: list[Claim]
    quotes: list[Quote]
    checkworthiness: list[Assessment] = field(default_factory=list)
    """One per claim, in the same order."""


def analyze_text(text: str, published: str | None = None, language: str = "en") -> Analysis:
    sentences = split_sentences(text, language)
    quotes = extract_quotes(text)
    claims = extract_claims(text, published, quotes=quotes, sentences=sentences)
    return Analysis(sentences, claims, quotes, assess_and_trace(text, claims, quotes))


def assess_and_trace(text: str, claims: list[Claim], quotes: list[Quote]) -> list[Assessment]:
    """Each claim's check-worthiness, its cues added to the claim's trace (so ``explain`` shows why it is context)."""
    assessments = assess_claims(text, claims, quotes)
    for claim, assessment in zip(claims, assessments, strict=True):
        claim.trace.extend(assessment.cues)
    return assessments
