"""Labelled check-worthiness items, located in the corpus and matched to the claims the pipeline extracts now.

Shared by ``train_checkworthy.py`` (which learns from them) and ``review_labels_eval.py`` (which scores them), so
both read the labels the same way. Items come from two places:

* ../shared/data/review-labels/checkworthy-dev.jsonl: located by ``article_id`` + ``find`` (a unique substring of
  the article) and the mention inside it;
* benchmarks/labels/checkworthy_own.jsonl: located by ``article_id`` + ``start``/``end``.

Each article is read from the corpus and run through today's ``analyze_text``; an item is matched to the claim
with the same span, else to the claim that overlaps it most. An item with no such claim is ``missing`` (the
extractor no longer finds that number): it cannot be in anyone's queue, so the scorer counts it as not labelled
checkable.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.models import Claim, Quote
from workbench.pipeline.analyze import analyze_text
from workbench.pipeline.checkworthy import Assessment
from workbench.pipeline.reader import normalize_newlines

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
REVIEW_LABELS = SHARED / "review-labels"
CORPUS = SHARED / "corpus" / "abp-news.jsonl.gz"
_ID = re.compile(r'"id":\s*"([^"]+)"')
OWN_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_own.jsonl"


@dataclass
class LabelledItem:
    item_id: str
    source: str  # "dev" (review-labels dev), "own-train", "own-heldout"
    article_id: str
    label: str  # checkable, context, not_a_quantity
    borderline: bool
    start: int | None = None
    end: int | None = None
    find: str | None = None
    mention: str | None = None
    kind: str | None = None  # the kind the labeller's database stored

    @property
    def checkable(self) -> bool:
        return self.label == "checkable"


@dataclass
class Located:
    """An item with its article text, the claim matched to it (None: missing), the check-worthiness the pipeline
    gave that claim, and the article's quotes."""

    item: LabelledItem
    text: str
    claim: Claim | None
    assessment: Assessment | None
    quotes: list[Quote]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def review_dev_items() -> list[LabelledItem]:
    path = REVIEW_LABELS / "checkworthy-dev.jsonl"
    if not path.exists():
        return []
    return [
        LabelledItem(
            row["item_id"],
            "dev",
            row["article_id"],
            row["label"],
            bool(row.get("borderline")),
            find=row["find"],
            mention=row["mention"],
            kind=row.get("db_kind"),
        )
        for row in read_jsonl(path)
        if "about" not in row
    ]


FRESH_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh.jsonl"
FRESH2_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh2.jsonl"
FRESH3_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh3.jsonl"
FRESH4_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh4.jsonl"
FRESH5_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh5.jsonl"
FRESH6_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh6.jsonl"
FRESH7_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh7.jsonl"
FRESH8_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh8.jsonl"
FRESH9_LABELS = ROOT / "benchmarks" / "labels" / "checkworthy_fresh9.jsonl"


def own_items(which: Iterable[str] = ("train", "heldout"), path: Path = OWN_LABELS) -> list[LabelledItem]:
    """Our own labels of ``path`` (checkworthy_own.jsonl, or checkworthy_fresh.jsonl with ``which=["fresh"]``)."""
    wanted = set(which)
    return [
        LabelledItem(
            row["item"],
            f"own-{row['set']}",
            row["article_id"],
            row["label"],
            bool(row["borderline"]),
            start=row["start"],
            end=row["end"],
        )
        for row in read_jsonl(path)
        if row["set"] in wanted
    ]


def corpus_articles(ids: set[str], corpus: Path = CORPUS) -> dict[str, dict]:
    """The corpus records of ``ids``, with text normalised as the workbench reader stores it."""
    found: dict[str, dict] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            head = _ID.search(line[:200])
            if head is not None and head.group(1) not in ids:
                continue
            record = json.loads(line)
            if record.get("id") in ids:
                record["text"] = normalize_newlines(record["text"].removeprefix("\ufeff"))
                found[record["id"]] = record
    return found


def _span_of(item: LabelledItem, text: str) -> tuple[int, int] | None:
    if item.start is not None and item.end is not None:
        return item.start, item.end
    assert item.find is not None and item.mention is not None
    at = text.find(item.find)
    if at < 0:
        return None
    inner = item.find.find(item.mention)
    if inner < 0:
        return None
    return at + inner, at + inner + len(item.mention)


def _match(span: tuple[int, int], claims: list[Claim]) -> int | None:
    """The index of the claim at ``span``, else of the claim overlapping it most."""
    start, end = span
    for i, c in enumerate(claims):
        if c.start == start and c.end == end:
            return i
    overlapping = [
        (min(end, c.end) - max(start, c.start), i) for i, c in enumerate(claims) if c.start < end and start < c.end
    ]
    return max(overlapping)[1] if overlapping else None


def locate(items: list[LabelledItem], corpus: Path = CORPUS) -> Iterator[Located]:
    """Each item matched to today's extraction of its article (articles analysed once each)."""
    articles = corpus_articles({item.article_id for item in items}, corpus)
    analysed: dict[str, tuple[list[Claim], list[Quote], list[Assessment]]] = {}
    for item in items:
        record = articles.get(item.article_id)
        if record is None:
            continue
        text = record["text"]
        if item.article_id not in analysed:
            analysis = analyze_text(text, record.get("date") or record.get("published"))
            analysed[item.article_id] = (analysis.claims, analysis.quotes, analysis.checkworthiness)
        claims, quotes, assessments = analysed[item.article_id]
        span = _span_of(item, text)
        at = _match(span, claims) if span else None
        yield Located(item, text, None if at is None else claims[at], None if at is None else assessments[at], quotes)
