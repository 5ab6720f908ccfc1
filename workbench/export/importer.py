"""``workbench import verdicts``: bring a reviewer's spreadsheet edits of an exported CSV back as review events.

A spreadsheet round trip changes much more than the reviewer did: a BOM, CRLF line ends, ``;`` as separator,
reordered or added columns, "TRUE" for "true", 3.2E+09 for 3200000000, the neutralizing ``'`` kept or dropped.
All of that is forgiven. What is not forgiven is what would record something the reviewer did not mean: an
unknown verdict label or an invalid source URL rejects that row (naming the row and the column), and a row whose
item changed in the database since the export (its ``version``) is refused, because applying it would silently
overwrite a colleague's newer work. Every other row is applied.

Each row's edits are written to the row's own claim or quote through the review service, in one transaction per
row, so they become events by the importing reviewer with full history and undo. The row as the reviewer left it
is what the item shows afterwards: editing only the rationale of an inherited verdict gives the item its own
verdict with the same label.

A blind export (``export csv --blind``, a ``blind_for`` column) holds one reviewer's own judgements and sources
only. Its rows are compared with that reviewer's judgements, so a verdict equal to a colleague's current one is
still recorded as the reviewer's judgement (``ReviewService.judge``), and it never replaces the colleague's
verdict; the export-time version is not checked, as nothing of anyone else's is overwritten.
"""

from __future__ import annotations

import csv as _csv
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.export.csv_export import BLIND_COLUMN, SOURCE_SEPARATOR, restore_cell, split_sources
from workbench.models import VERDICT_LABELS, WORKFLOW_STATES
from workbench.services.review import ItemRef, ReviewError, ReviewService, validate_url
from workbench.store.exports import ITEM_TYPES, ExportFilter, ItemTable, iter_items
from workbench.store.repository import Store

EDITABLE = ("verdict", "rationale", "sources", "reference_value", "reference_unit")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$")
# What a spreadsheet stores in place of a formula it could not compute (LibreOffice: Err:509; Excel and others:
# #NAME? #VALUE! ...): the reviewer's words are gone, so such a cell must never become a rationale or a label.
_ERROR_VALUE = re.compile(r"^(?:Err:\d{3}|#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|SPILL!|CALC!|FIELD!|"
                          r"BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA|EXTERNAL!|PYTHON!))$", re.IGNORECASE)


class ImportFileError(Exception):
    """The file as a whole cannot be read as an exported CSV; nothing was imported."""


@dataclass
class RowProblem:
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class RowEdit:
    """What one row asks for, relative to the database as it is now."""

    row: int
    item: ItemRef
    cluster: ItemRef
    version: int
    changes: list[Change] = field(default_factory=list)
    verdict: str | None = None
    rationale: str | None = None
    write_verdict: bool = False
    add_urls: list[str] = field(default_factory=list)
    remove_sources: list[int] = field(default_factory=list)
    reference: tuple[float | None, str | None] | None = None
    reference_url: str | None = None


@dataclass
class ImportPlan:
    table: ItemTable
    edits: list[RowEdit] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    refused: list[RowProblem] = field(default_factory=list)
    unchanged: int = 0
    blind_for: str | None = None  # a blind export: whose own judgements the file holds


@dataclass
class ImportReport:
    plan: ImportPlan
    applied: list[RowEdit] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.plan.errors or self.plan.refused)


# -- reading the file ------------------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[ItemTable, Iterator[tuple[int, dict[str, str]]]]:
    """The table the file exports and its rows as (spreadsheet row number, cells by column name)."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 at byte {exc.start}; save it as \"CSV UTF-8\"") from exc
    except OSError as exc:
        raise ImportFileError(f"{path}: {exc.strerror or exc}") from exc
    first_line = content.split("\n", 1)[0]
    try:
        dialect: Any = _csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except _csv.Error:
        dialect = _csv.excel
    # StringIO with newline="" splits records only at CR/LF, not at U+2028 and friends inside a cell.
    reader = _csv.reader(io.StringIO(content, newline=""), delimiter=dialect.delimiter, quotechar='"',
                         doublequote=True)
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in ("id", "version") if name not in header]
    table: ItemTable | None = "claims" if "mention" in header else "quotes" if "text" in header else None
    if missing or table is None:
        need = ", ".join(missing) if missing else "mention (claims) or text (quotes)"
        raise ImportFileError(f"{path}: not an exported claims or quotes CSV (the header lacks {need})")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, {name: cell for name, cell in zip(header, cells, strict=False) if name}

    return table, rows()


# -- comparing with the database -------------------------------------------------------------------------------


def plan_import(store: Store, path: Path) -> ImportPlan:
    """Compare every row with the database (a blind file: with its reviewer's own judgements); nothing is written."""
    table, rows = read_rows(path)
    plan = ImportPlan(table)
    parsed: list[tuple[int, dict[str, str], int, int]] = []
    seen: dict[int, int] = {}
    blind: set[str] = set()
    for number, cells in rows:
        blind.add(restore_cell(cells.get(BLIND_COLUMN, "")).strip())
        item_id = _integer(cells.get("id", ""))
        version = _integer(cells.get("version", ""))
        if item_id is None or version is None:
            column = "id" if item_id is None else "version"
            plan.errors.append(RowProblem(number, column, f"{cells.get(column, '')!r} is not a whole number"))
        elif item_id in seen:
            plan.errors.append(RowProblem(number, "id", f"{item_id} is also in row {seen[item_id]}; keep one"))
        else:
            seen[item_id] = number
            parsed.append((number, cells, item_id, version))
    if blind - {""}:
        if len(blind) != 1:
            raise ImportFileError(f"{path}: column {BLIND_COLUMN} must name one reviewer in every row (it names "
                                  f"{', '.join(sorted(repr(b) for b in blind))}); export it again")
        (plan.blind_for,) = blind
    current = {row["id"]: row for row in iter_items(store, table, ExportFilter(ids=seen, blind_for=plan.blind_for))}
    for number, cells, item_id, version in parsed:
        ref = ItemRef(ITEM_TYPES[table], item_id)
        problems: list[RowProblem] = []
        edit = _row_edit(number, ref, version, cells, current.get(item_id), problems)
        if problems:
            plan.errors.extend(problems)
        elif edit is None:
            plan.unchanged += 1
        elif current.get(item_id) is None:
            plan.refused.append(RowProblem(number, None, f"{ref.label} is not in the database any more (its "
                                           "article has a newer version); export again and redo the edit"))
        elif current[item_id]["version"] != version and plan.blind_for is None:
            plan.refused.append(RowProblem(number, "version", f"{ref.label} changed in the database since the "
                                           f"export (version {current[item_id]['version']}, the file has {version})"
                                           "; export again and redo the edit"))
        else:
            plan.edits.append(edit)
    return plan


def _row_edit(number: int, ref: ItemRef, version: int, cells: dict[str, str], now: dict[str, Any] | None,
              problems: list[RowProblem]) -> RowEdit | None:
    """The edit a row asks for, or None when it matches the database; problems go to ``problems``."""
    now = now or {"verdict": "unreviewed", "verdict_source": None, "cluster_verdict": None, "rationale": None,
                  "sources": [], "reference_value": None, "reference_unit": None, "cluster_id": ref.entity_id}
    edit = RowEdit(number, ref, ItemRef(f"{ref.entity_type}_cluster", now["cluster_id"]), version)
    cluster = edit.cluster.label

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(number, column, message))

    for column in EDITABLE:
        if _ERROR_VALUE.match(cells.get(column, "").strip()):
            problem(column, f"{cells[column].strip()!r} is a spreadsheet error value, not what was typed: the cell "
                            "held a formula the spreadsheet could not compute; retype it (start text with ' so it "
                            "is not read as a formula)")
    if problems:
        return None
    verdict = now["verdict"]
    if "verdict" in cells:
        verdict = _label(cells["verdict"]) or "unreviewed"
        if verdict not in VERDICT_LABELS and verdict not in WORKFLOW_STATES:
            problem("verdict", f"unknown verdict {cells['verdict']!r}; use one of "
                    + ", ".join((*VERDICT_LABELS, *WORKFLOW_STATES)))
    rationale = _text(cells["rationale"]) if "rationale" in cells else now["rationale"]
    if (verdict, rationale) != (now["verdict"], now["rationale"]) and not problems:
        if verdict not in VERDICT_LABELS and rationale:
            problem("rationale", "a rationale needs a verdict from the scale; set one in column verdict or clear "
                                 "the rationale")
        elif verdict not in VERDICT_LABELS and now["verdict_source"] == "cluster":
            problem("verdict", f"the verdict {now['verdict']!r} comes from {cluster}; change it there")
        else:
            edit.write_verdict, edit.verdict, edit.rationale = True, verdict, rationale
            # Withdrawing an own verdict lets the cluster's show through: say so rather than promise "unreviewed".
            after = f"{now['cluster_verdict']} (cluster)" if verdict in WORKFLOW_STATES and now["cluster_verdict"] \
                else verdict
            edit.changes.append(Change("verdict", _verdict_shown(now), after))
            if rationale != now["rationale"]:
                edit.changes.append(Change("rationale", now["rationale"] or "", rationale or ""))

    shown = list(dict.fromkeys(s["url"] for s in now["sources"]))
    wanted = shown
    if "sources" in cells:
        wanted = []
        for url in split_sources(restore_cell(cells["sources"])):
            try:
                wanted.append(validate_url(url))
            except ReviewError as exc:
                problem("sources", str(exc))
    own = [s for s in now["sources"] if s["entity_type"] == ref.entity_type]
    for url in shown:
        if url not in wanted:
            if any(s["url"] == url and s not in own for s in now["sources"]):
                problem("sources", f"{url} is a source of {cluster}; remove it there")
            edit.remove_sources += [s["id"] for s in own if s["url"] == url]
    edit.add_urls = [url for url in wanted if url not in shown]
    if edit.add_urls or edit.remove_sources:
        edit.changes.append(Change("sources", SOURCE_SEPARATOR.join(shown), SOURCE_SEPARATOR.join(wanted)))

    _reference_edit(edit, cells, now, wanted, own, problem)
    if problems or not edit.changes:
        return None
    return edit


def _reference_edit(edit: RowEdit, cells: dict[str, str], now: dict[str, Any], wanted: list[str],
                    own: list[dict[str, Any]], problem: Callable[[str, str], None]) -> None:
    """A changed reference figure goes on a fresh source of the item: the newest figure is the one shown.

    Its URL is the row's newly added one, else the source that carried the old figure, else the row's last URL.
    An own source with that URL is replaced, so the item lists each page once.
    """
    if "reference_value" not in cells and "reference_unit" not in cells:
        return
    value_cell = restore_cell(cells.get("reference_value", "")).strip()
    value = _number(value_cell) if value_cell else None
    if value_cell and value is None:
        problem("reference_value", f"{value_cell!r} is not a number")
        return
    unit = _text(cells["reference_unit"]) if "reference_unit" in cells else now["reference_unit"]
    before = (now["reference_value"], now["reference_unit"])
    if (value, unit) == before or (value is not None and before[0] is not None
                                   and math.isclose(value, before[0], rel_tol=1e-9) and unit == before[1]):
        return
    carrier = next((s for s in reversed(now["sources"]) if s["reference_value"] is not None), None)
    if value is None:
        if carrier is not None and carrier not in own:
            problem("reference_value", f"the reference figure comes from a source of {edit.cluster.label}; "
                                       "change it there")
            return
        url = carrier["url"] if carrier else None
    else:
        url = (edit.add_urls[-1] if edit.add_urls else carrier["url"] if carrier and carrier["url"] in wanted
               else wanted[-1] if wanted else None)
    if url is None:
        problem("reference_value", "a reference figure needs a source: put its URL in column sources")
        return
    edit.reference, edit.reference_url = (value, unit), url
    if url in edit.add_urls:
        edit.add_urls.remove(url)
    edit.remove_sources += [s["id"] for s in own if s["url"] == url and s["id"] not in edit.remove_sources]
    edit.changes.append(Change("reference", _figure(*before), _figure(value, unit)))


# -- applying --------------------------------------------------------------------------------------------------


def apply_import(store: Store, plan: ImportPlan, reviewer: str) -> ImportReport:
    """Write each planned row as review events, one transaction per row; a row that fails is refused whole."""
    if plan.blind_for is not None and plan.blind_for != reviewer:
        raise ValueError(f"the file was exported blind for {plan.blind_for}; import it as {plan.blind_for}")
    service = ReviewService(store, reviewer)
    report = ImportReport(plan)
    for edit in plan.edits:
        try:
            with store.transaction():
                _apply_row(service, edit, blind=plan.blind_for is not None)
        except ReviewError as exc:
            plan.refused.append(RowProblem(edit.row, None, str(exc)))
        else:
            report.applied.append(edit)
    return report


def _apply_row(service: ReviewService, edit: RowEdit, *, blind: bool = False) -> None:
    expected = service.review(edit.item).version
    now = expected + service.review(edit.cluster).version
    if now != edit.version and not blind:
        raise ReviewError(f"{edit.item.label} changed in the database meanwhile (version {now}, the file has "
                          f"{edit.version}); export again and redo the edit")
    if edit.write_verdict:
        record = service.judge if blind else service.set_verdict
        record(edit.item, edit.verdict or "unreviewed", edit.rationale, expected_version=expected)
        expected += 1
    for source_id in edit.remove_sources:
        service.remove_source(source_id, expected_version=expected)
        expected += 1
    for url in edit.add_urls:
        service.add_source(edit.item, url, expected_version=expected)
        expected += 1
    if edit.reference is not None and edit.reference_url is not None:
        value, unit = edit.reference
        service.add_source(edit.item, edit.reference_url, reference_value=value,
                           reference_unit=unit if value is not None else None, expected_version=expected)


# -- cells -----------------------------------------------------------------------------------------------------


def _label(cell: str) -> str:
    """A verdict as people type it: "Mostly True", "mostly-true", "MOSTLY_TRUE" are all mostly_true."""
    return re.sub(r"[\s_-]+", "_", restore_cell(cell).strip().casefold())


def _text(cell: str) -> str | None:
    """A text cell as stored: the neutralizing ' off, CRLF inside the cell (some apps write it) back to LF."""
    return restore_cell(cell).replace("\r\n", "\n").strip() or None


def _number(cell: str) -> float | None:
    """A spreadsheet's number: 3.2E+09, 3200000000, or 3,200,000,000 (thousands grouping only, never a decimal
    comma, which would be ambiguous)."""
    if _GROUPED_NUMBER.match(cell):
        cell = cell.replace(",", "")
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _integer(cell: str) -> int | None:
    value = _number(cell.strip())
    return int(value) if value is not None and value.is_integer() else None


def _verdict_shown(row: dict[str, Any]) -> str:
    return f"{row['verdict']} (cluster)" if row["verdict_source"] == "cluster" else row["verdict"]


def _figure(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    shown = f"{value:,.0f}" if value.is_integer() else f"{value:g}"
    return f"{shown} {unit}" if unit else shown
