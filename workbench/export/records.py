"""The JSONL export contract (see the product brief), as models: the scorer and other tools read these fields.

Field order here is the order written. JSON Schemas in ``schema/`` are generated from these classes.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from workbench.models import (
    Checkworthy,
    ClaimKind,
    DismissReason,
    Hedge,
    Origin,
    QuoteKind,
    Role,
    VerdictLabel,
    WorkflowState,
)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRecord(_Record):
    """articles.jsonl: one line per current article version; ``text`` is what offsets index into."""

    id: int
    source: str = Field(description="File name as ingested, or the JSONL id")
    version: int
    outlet: str
    published: str | None
    title: str | None
    url: str | None
    language: str
    author: str | None
    captured_url: str | None = Field(
        description="For an article read from a web page: the address it was fetched "
        "from (after redirects), or the address a saved page names"
    )
    captured_at: str | None = Field(description="When its web page was fetched or the saved page read (UTC)")
    content_hash: str = Field(description="sha256 of text (UTF-8)")
    story_id: int | None = Field(description="The story (news event) the article reports; see stories.jsonl")
    text: str


class _ItemRecord(_Record):
    id: int
    article_id: int
    source: str
    outlet: str
    published: str | None
    start: int = Field(ge=0, description="Python str index into the article text")
    end: int = Field(ge=0, description="Exclusive end; text[start:end] is the mention")
    story_id: int | None = Field(description="The story of the item's article")


class ClaimRecord(_ItemRecord):
    """claims.jsonl: one line per quantity mention."""

    mention: str
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)
    kind: ClaimKind
    value: float | None
    value_high: float | None = Field(description="Upper end of a range, else null")
    unit: str | None
    hedge: Hedge | None
    change_group: int | None = Field(description="Shared by the from/to records of one change statement")
    role: Role | None
    target: bool
    speaker: str | None
    cluster_id: int
    conflict_cluster_ids: list[int] = Field(
        description="Clusters that state the same thing with a figure this cluster's cannot be"
    )
    verdict: VerdictLabel | WorkflowState
    checkworthy: Checkworthy | None = Field(
        description="checkable: states a fact to check; context: the number only locates or labels something. "
        "Null only for claims stored before check-worthiness existed (run `workbench checkworthy`)"
    )
    checkworthy_score: float | None = Field(ge=0, le=1, description="Probability that the claim is checkable")
    corrected: list[str] = Field(description="Fields a reviewer changed (their values are the reviewer's)")
    origin: Origin = Field(description="extracted, or added by a reviewer")
    date: str | None = Field(
        description="A date claim's value as ISO 8601: 2023-10-18, 2023-10 (no day), --10-18 "
        "(no year could be inferred); null for other kinds. value keeps the number YYYYMMDD"
    )
    date_high: str | None = Field(description="The end of a date range (November 16-19), as ISO 8601, else null")


class QuoteRecord(_ItemRecord):
    """quotes.jsonl: one line per quotation (offsets exclude the quotation marks)."""

    text: str
    kind: QuoteKind
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cluster_id: int
    corrected: list[str] = Field(description="Fields a reviewer changed (their values are the reviewer's)")
    origin: Origin = Field(description="extracted, or added by a reviewer")


_DISMISSED = Field(description="Why a reviewer dismissed it (a negative example), or null")
_EXTRACTED = Field(description="For each corrected field, what the extractor had said")


class GoldClaimRecord(ClaimRecord):
    """gold/claims.jsonl (``workbench export gold``): a claim a reviewer judged, with the reviewer's values."""

    dismissed: DismissReason | None = _DISMISSED
    extracted: dict[str, Any] = _EXTRACTED


class GoldQuoteRecord(QuoteRecord):
    """gold/quotes.jsonl: a quote a reviewer judged, with the reviewer's values."""

    dismissed: DismissReason | None = _DISMISSED
    extracted: dict[str, Any] = _EXTRACTED


class StoryRecord(_Record):
    """stories.jsonl: one line per story (articles of several outlets reporting one news event)."""

    id: int = Field(description="The id of the story's first article; stable as articles arrive")
    title: str
    first_published: str | None
    last_published: str | None
    articles: int
    outlets: list[str]
    claims: int
    quotes: int
    conflicts: int = Field(description="Conflicting claim cluster pairs found in the story")


EXPORT_RECORDS: dict[str, type[_Record]] = {
    "articles": ArticleRecord,
    "claims": ClaimRecord,
    "quotes": QuoteRecord,
    "gold-claims": GoldClaimRecord,
    "gold-quotes": GoldQuoteRecord,
    "stories": StoryRecord,
}
