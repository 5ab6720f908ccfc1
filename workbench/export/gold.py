"""``workbench export gold``: the items reviewers judged, with their corrected values, as a regression set.

A team's corrections are the truth its next extractor must meet: every claim and quote a reviewer recorded
something on or added, with the reviewer's values and, per corrected field, what the extractor had said; dismissed
items come too, as negative examples. ``articles.jsonl`` holds the texts the offsets index, so the set stands on
its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.export.files import AtomicFiles
from workbench.export.jsonl import with_iso_dates
from workbench.export.records import ArticleRecord, GoldClaimRecord, GoldQuoteRecord
from workbench.models import DISMISS_REASONS
from workbench.store.corrections import CorrectionStore
from workbench.store.exports import ExportFilter, ITEM_TYPES, iter_current_articles, iter_items
from workbench.store.repository import Store

GOLD_FILES = {"claims": GoldClaimRecord, "quotes": GoldQuoteRecord}


@dataclass
class GoldReport:
    directory: Path
    written: dict[str, int] = field(default_factory=dict)


def export_gold(store: Store, directory: Path) -> GoldReport:
    """Write ``claims.jsonl``, ``quotes.jsonl`` and ``articles.jsonl`` (only the articles they come from)."""
    report = GoldReport(directory)
    fixes = CorrectionStore(store)
    articles: set[int] = set()
    with AtomicFiles() as files:
        for table, model in GOLD_FILES.items():
            handle = files.open(directory / f"{table}.jsonl")
            count = 0
            for row in iter_items(store, table, ExportFilter(judged=True)):  # type: ignore[arg-type]
                found = fixes.corrections_of(ITEM_TYPES[table], row["id"])
                row["extracted"] = {name: c["extracted"] for name, c in found.items() if name in row["corrected"]}
                row["dismissed"] = row["dismissed"] if row["dismissed"] in DISMISS_REASONS else None
                if table == "claims":
                    with_iso_dates(row)
                handle.write(model.model_validate({n: row[n] for n in model.model_fields}).model_dump_json() + "\n")
                articles.add(row["article_id"])
                count += 1
            report.written[table] = count
        handle = files.open(directory / "articles.jsonl")
        report.written["articles"] = 0
        for row in iter_current_articles(store):
            if row["id"] in articles:
                handle.write(ArticleRecord.model_validate(row).model_dump_json() + "\n")
                report.written["articles"] += 1
    return report
