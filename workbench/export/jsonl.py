"""``articles.jsonl``, ``claims.jsonl``, ``quotes.jsonl``: the contract the quality scorer reads (see the brief).

Each line has the fields of the record models of ``workbench.export.records``, in their order, and is serialized by
pydantic's own JSON serializer, so it is byte for byte what ``model_dump_json`` writes. The rows are not validated
on the way: they come from the store already of the contract's types, and validating them was two thirds of the
cost of a line (470,000 lines of a full corpus). The tests hold every line of their exports to the models. A record
whose offsets do not point at its own text would be scored as a wrong extraction, so it is left out and reported
instead of written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import IO, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import to_json

from workbench.export.files import AtomicFiles, ExportProgress, open_temporary, tracked
from workbench.export.parallel import Beside, SecondProcess, worth_a_second_process
from workbench.export.records import ArticleRecord, ClaimRecord, QuoteRecord, StoryRecord
from workbench.models import iso_date
from workbench.store.exports import ExportFilter, count_items, iter_current_articles, iter_items
from workbench.store.repository import Store
from workbench.store.stories import story_summaries

JSONL_FILES = ("articles", "claims", "quotes", "stories")


@dataclass
class JsonlReport:
    directory: Path
    written: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def export_jsonl(
    store: Store, directory: Path, progress: ExportProgress | None = None, story_id: int | None = None
) -> JsonlReport:
    """Write the four files into ``directory``; they replace earlier ones only once all four are complete.
    With ``story_id``, only that story's articles, claims and quotes (and its line of stories.jsonl).

    On a large database claims.jsonl is written by a second process (``SecondProcess``) while this one writes the
    other three; the bytes are the same either way."""
    report = JsonlReport(directory)
    filters = ExportFilter(story_id=story_id)
    if story_id is None:  # every current item: the counts of the whole database (one scan per table)
        totals = store.counts()
    else:
        totals = {name: count_items(store, name, filters) for name in ("claims", "quotes")}
    problems: dict[str, list[str]] = {}
    with AtomicFiles() as files, contextlib.ExitStack() as stack:
        beside: SecondProcess[tuple[int, list[str]]] | None = None
        if worth_a_second_process(store, totals["claims"]):  # started first: it works while the stories are read
            temp = files.reserve(directory / "claims.jsonl")
            beside = stack.enter_context(SecondProcess(store, _write_claims_into, temp, filters))
        stories = story_summaries(store, None if story_id is None else [story_id])
        if story_id is not None:
            totals["articles"] = sum(story["articles"] for story in stories)
        sources: dict[str, _Source] = {
            "articles": (ArticleRecord, iter_current_articles(store, story_id), totals["articles"], None),
            "claims": _claims_source(store, filters, totals["claims"]),
            "quotes": (QuoteRecord, iter_items(store, "quotes", filters), totals["quotes"], "text"),
            "stories": (StoryRecord, iter(stories), len(stories), None),
        }
        if beside is not None:
            progress = progress or ExportProgress()
            progress.start("articles, claims, quotes and stories", sum(source[2] for source in sources.values()))
            for name in ("articles", "quotes", "stories"):
                handle = files.open_binary(directory / f"{name}.jsonl")
                report.written[name], problems[name] = write_file(handle, sources[name], Beside(progress, beside))
            report.written["claims"], problems["claims"] = beside.result(progress)
        else:
            for name, source in sources.items():
                handle = files.open_binary(directory / f"{name}.jsonl")
                report.written[name], problems[name] = write_file(handle, source, progress, name)
    report.written = {name: report.written[name] for name in JSONL_FILES}
    report.problems = [problem for name in JSONL_FILES for problem in problems[name]]
    return report


# What a file is made of: its record model, its rows, how many, and the field its offsets must point at.
_Source = tuple[type[BaseModel], Iterator[dict[str, Any]], int, str | None]


def _claims_source(store: Store, filters: ExportFilter, total: int) -> _Source:
    return (ClaimRecord, iter_items(store, "claims", filters), total, "mention")


def write_file(
    handle: IO[bytes], source: _Source, progress: ExportProgress | None, label: str = ""
) -> tuple[int, list[str]]:
    """One JSONL file into ``handle``: how many lines, and the records left out for offsets that miss their text."""
    model, rows, total, text_field = source
    problems: list[str] = []
    written = 0
    for line in _lines(model, tracked(rows, progress, label, total), text_field, problems):
        handle.write(line)
        written += 1
    return written, problems


def _write_claims_into(
    store: Store, progress: ExportProgress, temp: Path, filters: ExportFilter
) -> tuple[int, list[str]]:
    """claims.jsonl in the second process, into the file the first one reserved."""
    with open_temporary(temp, binary=True) as handle:
        return write_file(handle, _claims_source(store, filters, 0), progress)


def _lines(
    model: type[BaseModel], rows: Iterator[dict[str, Any]], text_field: str | None, problems: list[str]
) -> Iterator[bytes]:
    names = tuple(model.model_fields)
    booleans, floats = _stored_as_numbers(model)
    for row in rows:
        if text_field is not None and row["span_text"] != row[text_field]:
            problems.append(
                f"{row['source']}: {model.__name__.removesuffix('Record').lower()} {row['id']} left out: "
                f"text[{row['start']}:{row['end']}] is {row['span_text']!r}, not {row[text_field]!r}"
            )
            continue
        if model is ClaimRecord:
            with_iso_dates(row)
        for name in booleans:
            row[name] = bool(row[name])
        for name in floats:
            if row[name].__class__ is int:
                row[name] = float(row[name])
        # inf_nan_mode as the models serialize (ser_json_inf_nan's default): JSON has no Infinity.
        yield to_json({name: row[name] for name in names}, inf_nan_mode="null") + b"\n"


def _stored_as_numbers(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields whose stored form is not their JSON type: booleans kept as 0/1, and floats a database may hand
    back as whole ints (validation turned both into what the model says; serializing a plain dict does not)."""

    def types(name: str) -> tuple[Any, ...]:
        annotation = model.model_fields[name].annotation
        return get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)

    return (
        tuple(name for name in model.model_fields if bool in types(name)),
        tuple(name for name in model.model_fields if float in types(name)),
    )


def with_iso_dates(row: dict[str, Any]) -> dict[str, Any]:
    """A claim row with ``date`` and ``date_high``: a date claim's value (the number YYYYMMDD) as ISO 8601."""
    dated = row["kind"] == "date"
    row["date"] = iso_date(row["value"]) if dated else None
    row["date_high"] = iso_date(row["value_high"]) if dated else None
    return row
