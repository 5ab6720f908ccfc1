"""``articles.jsonl``, ``claims.jsonl``, ``quotes.jsonl``: the contract the quality scorer reads (see the brief).

Each line is built through the record models of ``workbench.export.records``, so a field that drifts from the
contract fails here rather than in the scorer. A record whose offsets do not point at its own text would be scored
as a wrong extraction, so it is left out and reported instead of written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from workbench.export.files import AtomicFiles, ExportProgress, tracked
from workbench.export.records import ArticleRecord, ClaimRecord, QuoteRecord
from workbench.models import iso_date
from workbench.store.exports import count_items, iter_current_articles, iter_items
from workbench.store.repository import Store

JSONL_FILES = ("articles", "claims", "quotes")


@dataclass
class JsonlReport:
    directory: Path
    written: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def export_jsonl(store: Store, directory: Path, progress: ExportProgress | None = None) -> JsonlReport:
    """Write the three files into ``directory``; they replace earlier ones only once all three are complete."""
    report = JsonlReport(directory)
    sources = {
        "articles": (ArticleRecord, iter_current_articles(store), store.counts()["articles"], None),
        "claims": (ClaimRecord, iter_items(store, "claims"), count_items(store, "claims"),
                   "mention"),
        "quotes": (QuoteRecord, iter_items(store, "quotes"), count_items(store, "quotes"),
                   "text"),
    }
    with AtomicFiles() as files:
        for name, (model, rows, total, text_field) in sources.items():
            handle = files.open(directory / f"{name}.jsonl")
            written = 0
            for line in _lines(model, tracked(rows, progress, name, total), text_field, report):
                handle.write(line)
                written += 1
            report.written[name] = written
    return report


def _lines(model: type[BaseModel], rows: Iterator[dict[str, Any]], text_field: str | None,
           report: JsonlReport) -> Iterator[str]:
    names = tuple(model.model_fields)
    for row in rows:
        if text_field is not None and row["span_text"] != row[text_field]:
            report.problems.append(
                f"{row['source']}: {model.__name__.removesuffix('Record').lower()} {row['id']} left out: "
                f"text[{row['start']}:{row['end']}] is {row['span_text']!r}, not {row[text_field]!r}"
            )
            continue
        if model is ClaimRecord:
            dated = row["kind"] == "date"
            row["date"] = iso_date(row["value"]) if dated else None
            row["date_high"] = iso_date(row["value_high"]) if dated else None
        record = model.model_validate({name: row[name] for name in names})
        yield record.model_dump_json() + "\n"
