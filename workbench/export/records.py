"""The JSONL export contract (see the product brief), as models: the scorer and other tools read these fields.

Field order here is the order written. JSON Schemas in ``schema/`` are generated from these classes.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from workbench.models import ClaimKind, Hedge, QuoteKind, Role, VerdictLabel, WorkflowState


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
    content_hash: str = Field(description="sha256 of text (UTF-8)")
    text: str


class _ItemRecord(_Record):
    id: int
    article_id: int
    source: str
    outlet: str
    published: str | None
    start: int = Field(ge=0, description="Python str index into the article text")
    end: int = Field(ge=0, description="Exclusive end; text[start:end] is the mention")


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
    verdict: VerdictLabel | WorkflowState
    date: str | None = Field(description="A date claim's value as ISO 8601: 2023-10-18, 2023-10 (no day), --10-18 "
                             "(no year could be inferred); null for other kinds. value keeps the number YYYYMMDD")
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


EXPORT_RECORDS: dict[str, type[_Record]] = {
    "articles": ArticleRecord,
    "claims": ClaimRecord,
    "quotes": QuoteRecord,
}
