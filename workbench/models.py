"""Pydantic models shared by every layer: what an article, claim, quote, verdict, source and event are.

Offsets are Python ``str`` indices into the stored article text, end exclusive, so ``text[start:end]`` is the
mention. Pipeline functions return these models with ``id`` and ``article_id`` unset; the store fills them in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ClaimKind = Literal["money", "percent", "count", "duration", "year", "year_range", "date", "quantity", "multiple"]
CLAIM_KINDS: tuple[str, ...] = ClaimKind.__args__  # type: ignore[attr-defined]
# Kinds whose value is a point or span on the calendar (a year, yyyymmdd), written without thousands separators.
CALENDAR_KINDS = frozenset({"year", "year_range", "date"})
# Kinds whose figure is exact as printed (never rounded): a year, a date, "20-year"; they are not amounts that
# change or carry a target, and two of them match only when equal.
EXACT_KINDS = CALENDAR_KINDS | {"duration"}


def iso_date(value: float | None) -> str | None:
    """A date claim's value as ISO 8601. The extractor stores YYYYMMDD with 00 for a day it was not told and no
    year when none could be inferred, so 20231018 is 2023-10-18, 20231000 is 2023-10, and 1018 ("October 18"
    with no year anywhere) is --10-18, ISO's form without a year, never a number that reads like a count."""
    if value is None or not float(value).is_integer() or value < 0:
        return None
    number = int(value)
    year, month, day = number // 10000, number // 100 % 100, number % 100
    if not 1 <= month <= 12 or day > 31:
        return None
    shown = f"{month:02d}" + (f"-{day:02d}" if day else "")
    return f"{year:04d}-{shown}" if year else f"--{shown}"


Hedge = Literal["more_than", "less_than", "at_least", "at_most", "about", "nearly", "up_to"]
HEDGES: tuple[str, ...] = Hedge.__args__  # type: ignore[attr-defined]

Role = Literal["from", "to"]
# Whether a claim states a checkable fact or its number only locates or labels something (pipeline/checkworthy/).
# Stored beside the claim (claims.checkworthy, checkworthy_score), not on ``Claim``: extraction does not decide it.
Checkworthy = Literal["checkable", "context"]
CHECKWORTHY_LABELS: tuple[str, ...] = Checkworthy.__args__  # type: ignore[attr-defined]
QuoteKind = Literal["direct", "fragment"]
EntityType = Literal["claim", "quote", "claim_cluster", "quote_cluster"]

# Why a reviewer took an item out of the lists and exports (the item and its records are kept).
DismissReason = Literal["not_a_claim", "not_a_quote", "duplicate"]
DISMISS_REASONS: tuple[str, ...] = DismissReason.__args__  # type: ignore[attr-defined]
Origin = Literal["extracted", "added"]

VerdictLabel = Literal["true", "mostly_true", "half_true", "mostly_false", "false", "unverifiable"]
VERDICT_LABELS: tuple[str, ...] = VerdictLabel.__args__  # type: ignore[attr-defined]
WorkflowState = Literal["unreviewed", "in_progress"]
WORKFLOW_STATES: tuple[str, ...] = WorkflowState.__args__  # type: ignore[attr-defined]
# ClaimReview ratingValue per label (bestRating 5, worstRating 1); unverifiable has none.
RATING_VALUES: dict[str, int | None] = {
    "true": 5,
    "mostly_true": 4,
    "half_true": 3,
    "mostly_false": 2,
    "false": 1,
    "unverifiable": None,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Article(_Model):
    """One version of one news text.

    ``source`` is what people see (the file's path relative to the folder ingested, or the JSONL id);
    ``source_key`` names the article across versions and never collides (``file:PATH``, ``jsonl:[file, outlet,
    id]``); left out, it is ``file:`` + source.
    """

    id: int | None = None
    source: str
    source_key: str | None = None
    version: int = 1
    content_hash: str
    text: str
    outlet: str = "unknown"
    published: str | None = None
    title: str | None = None
    url: str | None = None
    language: str = "en"
    path: str | None = None
    ingested_at: datetime | None = None
    author: str | None = None
    superseded_by: int | None = None
    extractor_version: int | None = None
    """The version of the extractor that produced this article's items (None: recorded before versions were)."""
    story_id: int | None = None  # the story (news event) it reports, once grouped


class Claim(_Model):
    """A checkable quantitative mention, normalized.

    ``value`` is None only for unvalued mentions such as "multimillion-dollar". ``change_group`` links the
    ``from``/``to`` records of one change statement (article-local in pipeline output, global once stored).
    """

    id: int | None = None
    article_id: int | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    mention: str
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)
    kind: ClaimKind
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    hedge: Hedge | None = None
    change_group: int | None = None
    role: Role | None = None
    target: bool = False
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cluster_id: int | None = None
    trace: list[str] = Field(default_factory=list)
    """Names of the extraction rules that decided this mention, in order (not stored; ``explain`` recomputes it)."""


class Quote(_Model):
    """Words the article presents as someone's exact words; the span excludes the quotation marks."""

    id: int | None = None
    article_id: int | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: QuoteKind = "direct"
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    cluster_id: int | None = None
    trace: list[str] = Field(default_factory=list)
    """Names of the detection and attribution rules that decided this quote and its speaker (not stored)."""


class Source(_Model):
    """Evidence attached to a review: a web page plus an optional reference value to compare with the claim."""

    id: int | None = None
    entity_type: EntityType
    entity_id: int
    url: str
    title: str | None = None
    excerpt: str | None = None
    note: str | None = None
    retrieved_at: str | None = None
    reference_value: float | None = None
    reference_unit: str | None = None
    comparison: dict[str, Any] | None = None
    reviewer: str | None = None
    created_at: datetime | None = None


class Verdict(_Model):
    """A reviewer's judgement on a claim, quote, or cluster; ``label`` may also be a workflow state."""

    entity_type: EntityType
    entity_id: int
    label: VerdictLabel | WorkflowState
    rationale: str | None = None
    reviewer: str | None = None
    updated_at: datetime | None = None
    version: int = 0

    @property
    def rating_value(self) -> int | None:
        return RATING_VALUES.get(self.label)


class Event(_Model):
    """One append-only change record: who changed what, when, from what to what."""

    id: int | None = None
    at: datetime
    reviewer: str
    entity_type: str
    entity_id: int
    action: str
    before: Any = None
    after: Any = None
    undoes: int | None = None
