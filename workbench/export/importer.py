"""``workbench import verdicts``: bring a reviewer's spreadsheet edits of an exported CSV back as review events.

A spreadsheet round trip changes much more than the reviewer did: a BOM, CRLF line ends, ``;`` as separator,
reordered or added columns, "TRUE" for "true", 3.2E+09 for 3200000000, the neutralizing ``'`` kept or dropped.
All of that is forgiven. What is not forgiven is what would record something the reviewer did not mean: an
unknown verdict label or an invalid source URL rejects that row (naming the row and the column), and a row whose
item changed in the database since the export (its ``version``) is refused, because applying it would silently
overwrite a colleague's newer work. Every other row is applied.

A row is matched to its item by ``id`` and checked by ``fingerprint`` (item type and a hash of the item's words and
place, written by the export): a row pasted from the quotes sheet, or an id column sorted on its own, names another
item than its cells describe, and is rejected rather than applied there. Files exported before the fingerprint
column are checked by their ``mention`` (claims) or ``text`` (quotes) instead. Ids are whole numbers as exported:
``1e2`` or ``-1`` are not read as 100 or as a missing item.

The file is read as a stream, a batch of rows at a time, so a million-row file needs the memory of one batch (and
one integer per row, to find ids given twice). A cell may be as long as an article.

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

import codecs
import csv as _csv
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.export.csv_export import BLIND_COLUMN, SOURCE_SEPARATOR, fingerprint, restore_cell, split_sources
from workbench.models import VERDICT_LABELS, WORKFLOW_STATES
from workbench.pipeline.reader import MAX_ARTICLE_BYTES
from workbench.services.review import ItemRef, ReviewError, ReviewService, validate_url
from workbench.store.exports import ITEM_TYPES, ExportFilter, ItemTable, iter_items, sources_by_entity, stored_ids
from workbench.store.repository import Store

EDITABLE = ("verdict", "rationale", "sources", "reference_value", "reference_unit")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$")
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")
LARGEST_ID = 2**63 - 1  # SQLite's largest integer: a bigger "id" names nothing
BATCH_ROWS = 1000
# What a spreadsheet stores in place of a formula it could not compute (LibreOffice: Err:509; Excel and others:
# #NAME? #VALUE! ...): the reviewer's words are gone, so such a cell must never become a rationale or a label.
_ERROR_VALUE = re.compile(
    r"^(?:Err:\d{3}|#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|SPILL!|CALC!|FIELD!|"
    r"BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA|EXTERNAL!|PYTHON!))$",
    re.IGNORECASE,
)


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
    warnings: list[str] = field(default_factory=list)
    blind_for: str | None = None  # a blind export: whose own judgements the file holds

    def extend(self, other: ImportPlan) -> None:
        self.edits += other.edits
        self.errors += other.errors
        self.refused += other.refused
        self.unchanged += other.unchanged
        self.warnings += other.warnings


@dataclass
class ImportReport:
    plan: ImportPlan
    applied: list[RowEdit] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.plan.errors or self.plan.refused)


# -- reading the file ------------------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[ItemTable, list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The table the file exports, its header, and its rows as (spreadsheet row number, cells by column name),
    read as the caller iterates. The file is checked to be UTF-8 first, so a bad byte refuses it whole."""
    _check_utf8(path)
    handle = path.open(encoding="utf-8-sig", newline="")
    try:
        first_line = handle.readline()
        try:
            dialect: Any = _csv.Sniffer().sniff(first_line, delimiters=",;\t")
        except _csv.Error:
            dialect = _csv.excel
        # newline="" splits records only at CR/LF, not at U+2028 and friends inside a cell.
        reader = _csv.reader(
            itertools.chain([first_line], handle), delimiter=dialect.delimiter, quotechar='"', doublequote=True
        )
        with _cells_as_long_as_an_article():
            header = [name.strip() for name in next(reader, [])]
    except BaseException:
        handle.close()
        raise
    missing = [name for name in ("id", "version") if name not in header]
    table: ItemTable | None = "claims" if "mention" in header else "quotes" if "text" in header else None
    if missing or table is None:
        handle.close()
        need = ", ".join(missing) if missing else "mention (claims) or text (quotes)"
        raise ImportFileError(f"{path}: not an exported claims or quotes CSV (the header lacks {need})")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        with handle, _cells_as_long_as_an_article():
            try:
                for number, cells in enumerate(reader, start=2):
                    if any(cell.strip() for cell in cells):
                        yield number, {name: cell for name, cell in zip(header, cells, strict=False) if name}
            except _csv.Error as exc:
                raise ImportFileError(
                    f"{path}: unreadable CSV at line {reader.line_num} ({exc}); nothing after it was read"
                ) from exc

    return table, header, rows()


def _check_utf8(path: Path, chunk_bytes: int = 1 << 20) -> None:
    """Decode the whole file once, a megabyte at a time: ``ImportFileError`` at the first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    fed = 0
    try:
        with path.open("rb") as raw:
            head = raw.read(3)
            if head != b"\xef\xbb\xbf":
                raw.seek(0)
                head = b""
            fed = len(head)
            while True:
                data = raw.read(chunk_bytes)
                pending = len(decoder.getstate()[0])
                try:
                    decoder.decode(data, final=not data)
                except UnicodeDecodeError as exc:
                    raise ImportFileError(
                        f'{path}: not UTF-8 at byte {fed - pending + exc.start}; save it as "CSV UTF-8"'
                    ) from exc
                fed += len(data)
                if not data:
                    return
    except OSError as exc:
        raise ImportFileError(f"{path}: {exc.strerror or exc}") from exc


@contextmanager
def _cells_as_long_as_an_article() -> Iterator[None]:
    """The csv module refuses cells over 128 KiB; an exported sentence (or outlet, or title) can be a whole
    article."""
    previous = _csv.field_size_limit()
    _csv.field_size_limit(max(previous, MAX_ARTICLE_BYTES))
    try:
        yield
    finally:
        _csv.field_size_limit(previous)


# -- comparing with the database -------------------------------------------------------------------------------


def plan_import(store: Store, path: Path) -> ImportPlan:
    """Compare every row with the database; nothing is written."""
    plan: ImportPlan | None = None
    for batch in iter_import(store, path):
        if plan is None:
            plan = batch
        else:
            plan.extend(batch)
    assert plan is not None  # iter_import yields at least one plan
    return plan


def iter_import(store: Store, path: Path, batch_rows: int = BATCH_ROWS) -> Iterator[ImportPlan]:
    """The plan of each batch of ``batch_rows`` rows, in file order (at least one, maybe empty). Nothing is
    written: apply each batch as it comes (``apply_import``) to import a file of any size in bounded memory."""
    table, header, rows = read_rows(path)
    check = _identity_check(table, header)
    warnings = (
        []
        if "fingerprint" in header
        else [
            f"{path} has no fingerprint column (exported by an older workbench): rows are checked by their "
            f"{'mention' if table == 'claims' else 'text'} instead"
        ]
    )
    # Checked over the whole file before the first batch is planned: batches are applied as they come, so a
    # second reviewer's row at line 5,000 must not be found after 4 batches were already written.
    blind_for = _blind_for(path, read_rows(path)[2]) if BLIND_COLUMN in header else None
    seen: dict[int, int] = {}
    sources = sources_by_entity(store)
    batch: list[tuple[int, dict[str, str]]] = []
    yielded = False
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_rows:
            yield _plan_batch(store, table, batch, seen, sources, check, warnings if not yielded else [], blind_for)
            yielded, batch = True, []
    if batch or not yielded:
        yield _plan_batch(store, table, batch, seen, sources, check, warnings if not yielded else [], blind_for)


def _blind_for(path: Path, rows: Iterable[tuple[int, dict[str, str]]]) -> str | None:
    """Whose own judgements a blind export holds (its ``blind_for`` column): every row must name the same
    reviewer. ``rows`` is a read of its own, streamed through once."""
    blind = {restore_cell(cells.get(BLIND_COLUMN, "")).strip() for _, cells in rows}
    if len(blind) > 1:
        raise ImportFileError(
            f"{path}: column {BLIND_COLUMN} must name one reviewer in every row (it names "
            f"{', '.join(sorted(repr(b) for b in blind))}); export it again"
        )
    return next(iter(blind), "") or None


IdentityCheck = Callable[[ItemRef, dict[str, str], dict[str, Any]], "RowProblem | None"]


def _plan_batch(
    store: Store,
    table: ItemTable,
    batch: list[tuple[int, dict[str, str]]],
    seen: dict[int, int],
    sources: dict[tuple[str, int], list[dict[str, Any]]],
    check: IdentityCheck,
    warnings: list[str],
    blind_for: str | None = None,
) -> ImportPlan:
    plan = ImportPlan(table, warnings=list(warnings), blind_for=blind_for)
    parsed: list[tuple[int, dict[str, str], int, int]] = []
    for number, cells in batch:
        item_id, version = _whole(cells.get("id", "")), _whole(cells.get("version", ""))
        if item_id is None or version is None:
            column = "id" if item_id is None else "version"
            what = "an id" if column == "id" else "a version"
            plan.errors.append(
                RowProblem(number, column, f"{cells.get(column, '')!r} is not {what} (a whole number as exported)")
            )
        elif item_id in seen:
            plan.errors.append(RowProblem(number, "id", f"{item_id} is also in row {seen[item_id]}; keep one"))
        else:
            seen[item_id] = number
            parsed.append((number, cells, item_id, version))
    ids = [item_id for _, _, item_id, _ in parsed if item_id <= LARGEST_ID]
    # a blind file is compared with its reviewer's own sources (read per batch: blind files are small)
    current = {
        row["id"]: row
        for row in iter_items(
            store, table, ExportFilter(ids=ids, blind_for=blind_for), sources=sources if blind_for is None else None
        )
    }
    elsewhere = stored_ids(store, table, [i for i in ids if i not in current])
    for number, cells, item_id, version in parsed:
        ref = ItemRef(ITEM_TYPES[table], item_id)
        now = current.get(item_id)
        if now is None and item_id not in elsewhere:
            plan.errors.append(
                RowProblem(
                    number,
                    "id",
                    f"there is no {ref.entity_type} {item_id} in this database "
                    "(was the id edited, or is the file from another database?)",
                )
            )
            continue
        mismatch = check(ref, cells, now) if now is not None else None
        if mismatch is not None:
            mismatch.row = number
            plan.errors.append(mismatch)
            continue
        problems: list[RowProblem] = []
        edit = _row_edit(number, ref, version, cells, now, problems)
        if problems:
            plan.errors.extend(problems)
        elif edit is None:
            plan.unchanged += 1
        elif now is None:
            plan.refused.append(
                RowProblem(
                    number,
                    None,
                    f"{ref.label} is not in the database any more (its "
                    "article has a newer version); export again and redo the edit",
                )
            )
        elif now["version"] != version and plan.blind_for is None:
            plan.refused.append(
                RowProblem(
                    number,
                    "version",
                    f"{ref.label} changed in the database since the "
                    f"export (version {now['version']}, the file has {version})"
                    "; export again and redo the edit",
                )
            )
        else:
            plan.edits.append(edit)
    plan.errors.sort(key=lambda problem: problem.row)
    return plan


def _identity_check(table: ItemTable, header: list[str]) -> IdentityCheck:
    """Whether a row's cells describe the item its id names: by fingerprint, or (older files) by its words."""
    item_type = ITEM_TYPES[table]
    words = "mention" if table == "claims" else "text"

    def by_fingerprint(ref: ItemRef, cells: dict[str, str], now: dict[str, Any]) -> RowProblem | None:
        given = restore_cell(cells.get("fingerprint", "")).strip()
        if not given:
            return RowProblem(
                0, "fingerprint", "empty: rows are matched by id and fingerprint; copy whole rows from an export"
            )
        kind = given.split(":", 1)[0]
        if kind != item_type:
            return RowProblem(
                0,
                "fingerprint",
                f"this row is a {kind}'s ({given}), but the file lists {table}; was it pasted from the {kind}s file?",
            )
        if given != fingerprint(item_type, now):
            return RowProblem(
                0,
                "fingerprint",
                f"{given} is not the fingerprint of {ref.label}: the id column "
                "was changed or sorted on its own; export again and redo the edit",
            )
        return None

    def by_words(ref: ItemRef, cells: dict[str, str], now: dict[str, Any]) -> RowProblem | None:
        if words not in cells:
            return None
        cell = cells[words]
        if now[words] in (cell, restore_cell(cell), restore_cell(cell).replace("\r\n", "\n")):
            return None
        return RowProblem(
            0,
            words,
            f"{cell!r} is not the {words} of {ref.label} ({now[words]!r}): the id column "
            "was changed or sorted on its own; export again and redo the edit",
        )

    return by_fingerprint if "fingerprint" in header else by_words


def _row_edit(
    number: int,
    ref: ItemRef,
    version: int,
    cells: dict[str, str],
    now: dict[str, Any] | None,
    problems: list[RowProblem],
) -> RowEdit | None:
    """The edit a row asks for, or None when it matches the database; problems go to ``problems``."""
    now = now or {
        "verdict": "unreviewed",
        "verdict_source": None,
        "cluster_verdict": None,
        "rationale": None,
        "sources": [],
        "reference_value": None,
        "reference_unit": None,
        "cluster_id": ref.entity_id,
    }
    edit = RowEdit(number, ref, ItemRef(f"{ref.entity_type}_cluster", now["cluster_id"]), version)
    cluster = edit.cluster.label

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(number, column, message))

    for column in EDITABLE:
        if _ERROR_VALUE.match(cells.get(column, "").strip()):
            problem(
                column,
                f"{cells[column].strip()!r} is a spreadsheet error value, not what was typed: the cell "
                "held a formula the spreadsheet could not compute; retype it (start text with ' so it "
                "is not read as a formula)",
            )
    if problems:
        return None
    verdict = now["verdict"]
    if "verdict" in cells:
        verdict = _label(cells["verdict"]) or "unreviewed"
        if verdict not in VERDICT_LABELS and verdict not in WORKFLOW_STATES:
            problem(
                "verdict",
                f"unknown verdict {cells['verdict']!r}; use one of " + ", ".join((*VERDICT_LABELS, *WORKFLOW_STATES)),
            )
    rationale = _text(cells["rationale"]) if "rationale" in cells else now["rationale"]
    if (verdict, rationale) != (now["verdict"], now["rationale"]) and not problems:
        if verdict not in VERDICT_LABELS and rationale:
            problem(
                "rationale",
                "a rationale needs a verdict from the scale; set one in column verdict or clear the rationale",
            )
        elif verdict not in VERDICT_LABELS and now["verdict_source"] == "cluster":
            problem("verdict", f"the verdict {now['verdict']!r} comes from {cluster}; change it there")
        else:
            edit.write_verdict, edit.verdict, edit.rationale = True, verdict, rationale
            # Withdrawing an own verdict lets the cluster's show through: say so rather than promise "unreviewed".
            after = (
                f"{now['cluster_verdict']} (cluster)"
                if verdict in WORKFLOW_STATES and now["cluster_verdict"]
                else verdict
            )
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


def _reference_edit(
    edit: RowEdit,
    cells: dict[str, str],
    now: dict[str, Any],
    wanted: list[str],
    own: list[dict[str, Any]],
    problem: Callable[[str, str], None],
) -> None:
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
    if (value, unit) == before or (
        value is not None
        and before[0] is not None
        and math.isclose(value, before[0], rel_tol=1e-9)
        and unit == before[1]
    ):
        return
    carrier = next((s for s in reversed(now["sources"]) if s["reference_value"] is not None), None)
    if value is None:
        if carrier is not None and carrier not in own:
            problem(
                "reference_value", f"the reference figure comes from a source of {edit.cluster.label}; change it there"
            )
            return
        url = carrier["url"] if carrier else None
    else:
        url = (
            edit.add_urls[-1]
            if edit.add_urls
            else carrier["url"]
            if carrier and carrier["url"] in wanted
            else wanted[-1]
            if wanted
            else None
        )
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
        raise ReviewError(
            f"{edit.item.label} changed in the database meanwhile (version {now}, the file has "
            f"{edit.version}); export again and redo the edit"
        )
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
        service.add_source(
            edit.item,
            edit.reference_url,
            reference_value=value,
            reference_unit=unit if value is not None else None,
            expected_version=expected,
        )


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


def _whole(cell: str) -> int | None:
    """An id or version as exported: digits only. A spreadsheet's 1e2 or 12.5, or -1, is not one."""
    cell = restore_cell(cell).strip()
    return int(cell) if _WHOLE_NUMBER.match(cell) else None


def _verdict_shown(row: dict[str, Any]) -> str:
    return f"{row['verdict']} (cluster)" if row["verdict_source"] == "cluster" else row["verdict"]


def _figure(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    shown = f"{value:,.0f}" if value.is_integer() else f"{value:g}"
    return f"{shown} {unit}" if unit else shown
