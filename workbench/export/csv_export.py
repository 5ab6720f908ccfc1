"""The annotated CSV: one row per claim (and per quote in a second file), for spreadsheets and for re-import.

Spreadsheet apps run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some, TAB or CR) as a formula,
and article text is written by strangers. Following OWASP, such text cells get a leading ``'`` and every text cell
is quoted; numbers are written bare so they stay numbers (-1.3 is a value, not a formula). The prefix is
reversible: ``restore_cell`` takes it off on import, and a text that itself begins with ``'`` before one of those
characters gets one more ``'``, so every text survives the round trip exactly.
"""

from __future__ import annotations

import csv as _csv
import hashlib
import io
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from workbench.export.files import (
    AtomicFiles,
    ExportProgress,
    open_temporary,
    timestamp,
    timestamped_path,
    tracked,
)
from workbench.export.parallel import Beside, SecondProcess, worth_a_second_process
from workbench.models import RATING_VALUES, iso_date
from workbench.store.exports import ITEM_TYPES, ExportFilter, ItemTable, count_items, iter_items
from workbench.store.repository import Store

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SOURCE_SEPARATOR = " | "

_REVIEW_COLUMNS = ("cluster_id", "cluster_size", "verdict", "verdict_source", "rating_value", "rationale", "sources")
_TRAILER = ("reviewer", "reviewed_at", "version", "corrected", "origin", "fingerprint")
CLAIM_COLUMNS: tuple[str, ...] = (
    "id",
    "outlet",
    "published",
    "source",
    "mention",
    "sentence",
    "kind",
    "value",
    "value_high",
    "unit",
    "hedge",
    "role",
    "target",
    "speaker",
    "checkworthy",
    "checkworthy_score",
    *_REVIEW_COLUMNS,
    "conflicts",
    "reference_value",
    "reference_unit",
    "story_id",
    *_TRAILER,
)
QUOTE_COLUMNS: tuple[str, ...] = (
    "id",
    "outlet",
    "published",
    "source",
    "text",
    "sentence",
    "kind",
    "speaker",
    "cue",
    *_REVIEW_COLUMNS,
    "story_id",
    *_TRAILER,
)
FIELD_SEPARATOR = ", "
COLUMNS: dict[str, tuple[str, ...]] = {"claims": CLAIM_COLUMNS, "quotes": QUOTE_COLUMNS}
# A blind export names its reviewer in every row, so the import compares with that reviewer's own judgements.
BLIND_COLUMN = "blind_for"


def _needs_prefix(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS) or (text.startswith("'") and _needs_prefix(text[1:]))


def neutralize_cell(text: str) -> str:
    """``text`` as a spreadsheet will show it and never run it."""
    return "'" + text if _needs_prefix(text) else text


def restore_cell(cell: str) -> str:
    """The inverse of ``neutralize_cell``; a cell a person typed without the prefix comes back unchanged."""
    return cell[1:] if cell.startswith("'") and _needs_prefix(cell[1:]) else cell


def fingerprint(item_type: str, row: dict[str, Any]) -> str:
    """Who a row is, independent of its id: the item type and a hash of where its words are and what they say.

    The importer checks it against the item the row's id names, so a row pasted from the quotes sheet, or an id
    column sorted on its own, is refused instead of landing on another item (the version check cannot tell: every
    unreviewed item is at version 0).
    """
    words = row["mention"] if item_type == "claim" else row["text"]
    key = f"{row['article_id']}\x1f{row['start']}\x1f{row['end']}\x1f{words}"
    return f"{item_type}:{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def split_sources(cell: str) -> list[str]:
    """URLs of a sources cell, in order, without blanks or repeats (spreadsheet users vary the spacing)."""
    return list(dict.fromkeys(part.strip() for part in cell.split("|") if part.strip()))


_PREFIXED = frozenset((*FORMULA_TRIGGERS, "'"))
# Lines are handed to the file in batches: each write call encodes and buffers, which costs more than a line.
WRITE_EVERY = 500
_QUOTE, _QUOTES = '"', '""'


def csv_line(row: dict[str, Any], pick: Callable[[dict[str, Any]], tuple[Any, ...]]) -> str:
    """One row, byte for byte as ``csv_writer`` writes it (a property test holds the two equal): text neutralized
    and quoted, numbers bare (whole floats as ints, so 3000000000.0 reads 3000000000), None as an empty text cell.

    Hot (450,000 calls for a full corpus). The csv module walks every character of every cell, which made it half
    the cost of a row; here a text cell is one ``replace`` and one f-string. Types are branched on inline.
    """
    row["target"] = None if row.get("target") is None else ("true" if row["target"] else "false")
    if row["kind"] == "date" and "value" in row:  # 20231018 reads like a count; a date reads as one
        row["value"], row["value_high"] = iso_date(row["value"]), iso_date(row["value_high"])
    row["rating_value"] = RATING_VALUES.get(row["verdict"])
    row["sources"] = sources_cell(row["sources"])
    row["corrected"] = FIELD_SEPARATOR.join(row["corrected"]) or None
    return csv_cells(pick(row))


def csv_cells(values: Iterable[Any]) -> str:
    """A line of cells as ``csv_writer`` writes them (the cells of ``csv_line``)."""
    return (
        ",".join(
            [
                '""'
                if v is None
                else f'"{v.replace(_QUOTE, _QUOTES)}"'
                if v.__class__ is str and v[:1] not in _PREFIXED
                else f'"{neutralize_cell(v).replace(_QUOTE, _QUOTES)}"'
                if v.__class__ is str
                else str(v)
                if v.__class__ is int
                else (str(int(v)) if v.is_integer() and -1e18 < v < 1e18 else repr(v))
                if v.__class__ is float
                else _written_by_csv(v)
                for v in values
            ]
        )
        + "\r\n"
    )


def _written_by_csv(value: Any) -> str:
    """A cell of a type the fast path does not know (a bool, a Decimal from PostgreSQL), as the csv module writes
    it (a second cell keeps a lone empty field from being written specially)."""
    buffer = io.StringIO()
    csv_writer(buffer).writerow([value, 0])
    return buffer.getvalue().removesuffix(",0\r\n")


def sources_cell(sources: list[dict[str, Any]]) -> str | None:
    """The URLs a row shows, in order, each once (an item and its cluster may cite the same page)."""
    return SOURCE_SEPARATOR.join(dict.fromkeys(s["url"] for s in sources)) if sources else None


def csv_writer(handle: IO[str]) -> Any:
    """Text cells always quoted, numbers bare, CRLF line ends (RFC 4180, what spreadsheet apps write)."""
    return _csv.writer(handle, quoting=_csv.QUOTE_NONNUMERIC, lineterminator="\r\n")


@dataclass
class CsvReport:
    paths: dict[str, Path] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)


def export_csv(
    store: Store,
    directory: Path,
    filters: ExportFilter | None = None,
    *,
    excel: bool = False,
    progress: ExportProgress | None = None,
    tables: tuple[ItemTable, ...] = ("claims", "quotes"),
    stamp: str | None = None,
) -> CsvReport:
    """Write ``claims-<timestamp>.csv`` and ``quotes-<timestamp>.csv``; ``excel`` adds the BOM Excel needs for
    UTF-8. With ``filters.blind_for`` the review columns hold only that reviewer's own judgements and sources (a
    second reviewer must not see the first one's verdicts), and a ``blind_for`` column names the reviewer."""
    filters = filters or ExportFilter()
    if filters.ids is not None:  # read by the count and by each table (in another process, too): an iterator once
        filters = replace(filters, ids=list(filters.ids))
    stamp = stamp or timestamp()
    encoding = "utf-8-sig" if excel else "utf-8"
    report = CsvReport()
    with AtomicFiles() as files:
        report.paths = {table: timestamped_path(directory, table, ".csv", stamp) for table in tables}
        first_total = count_items(store, tables[0], filters) if tables else 0
        if len(tables) == 2 and worth_a_second_process(store, first_total):
            first, second = tables
            progress = progress or ExportProgress()
            temp = files.reserve(report.paths[first])
            with SecondProcess(store, _write_table_into, temp, first, filters, encoding) as beside:
                progress.start(" and ".join(tables), first_total + count_items(store, second, filters))
                handle = files.open(report.paths[second], encoding=encoding)
                report.written[second] = write_table(store, handle, second, filters, Beside(progress, beside), 0)
                report.written[first] = beside.result(progress)
            report.written = {table: report.written[table] for table in tables}
        else:
            for table in tables:
                handle = files.open(report.paths[table], encoding=encoding)
                total = first_total if table == tables[0] else count_items(store, table, filters)
                report.written[table] = write_table(store, handle, table, filters, progress, total)
    return report


def write_table(
    store: Store, handle: IO[str], table: ItemTable, filters: ExportFilter, progress: ExportProgress | None, total: int
) -> int:
    """One table's CSV into ``handle``; the number of rows."""
    rows = tracked(iter_items(store, table, filters), progress, table, total)
    columns = COLUMNS[table] + ((BLIND_COLUMN,) if filters.blind_for is not None else ())
    return write_rows(handle, _fingerprinted(rows, ITEM_TYPES[table]), columns)


def _write_table_into(
    store: Store, progress: ExportProgress, temp: Path, table: ItemTable, filters: ExportFilter, encoding: str
) -> int:
    """``write_table`` in the second process, into the file the first one reserved."""
    with open_temporary(temp, encoding=encoding) as handle:
        return write_table(store, handle, table, filters, progress, 0)


def _fingerprinted(rows: Iterator[dict[str, Any]], item_type: str) -> Iterator[dict[str, Any]]:
    for row in rows:
        row["fingerprint"] = fingerprint(item_type, row)
        yield row


def write_rows(handle: IO[str], rows: Iterator[dict[str, Any]], columns: tuple[str, ...]) -> int:
    csv_writer(handle).writerow(columns)
    pick = operator.itemgetter(*columns)
    count = 0
    lines: list[str] = []
    for row in rows:
        lines.append(csv_line(row, pick))
        if len(lines) == WRITE_EVERY:
            handle.write("".join(lines))
            count += len(lines)
            lines.clear()
    handle.write("".join(lines))
    return count + len(lines)
