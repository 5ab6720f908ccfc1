"""Import rows are identified by type and fingerprint, ids are parsed strictly, cells may be as long as an article,
and the file is read as a stream."""

from __future__ import annotations

import csv
import hashlib
import io
import tracemalloc
from pathlib import Path

import pytest

from tests.export.conftest import Sample, add_article, claim
from tests.export.test_importer import read, save_as_spreadsheet
from workbench.export.csv_export import export_csv
from workbench.export.importer import apply_import, iter_import, plan_import
from workbench.services.review import ReviewService

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def exported(sample: Sample, tmp_path: Path, table: str = "claims") -> list[dict[str, str]]:
    return read(export_csv(sample.store, tmp_path / f"export-{table}").paths[table])


def test_a_quotes_row_pasted_into_the_claims_sheet_is_rejected(sample: Sample, tmp_path: Path) -> None:
    claims, quotes = exported(sample, tmp_path), exported(sample, tmp_path, "quotes")
    pasted = {name: quotes[0].get(name, "") for name in claims[0]}
    pasted.update(id=claims[0]["id"], verdict="false")  # the quote's id happens to be a claim's id too
    plan = plan_import(sample.store, save_as_spreadsheet([pasted, *claims[1:]], tmp_path / "mixed.csv"))
    assert [str(p) for p in plan.errors] == [
        f"row 2, column fingerprint: this row is a quote's ({quotes[0]['fingerprint']}), but the file lists claims; "
        "was it pasted from the quotes file?"
    ]
    assert plan.edits == []


def test_an_id_column_sorted_on_its_own_applies_nothing(sample: Sample, tmp_path: Path) -> None:
    rows = exported(sample, tmp_path)
    for row, verdict in zip(rows, ("true", "false", "half_true", "mostly_false"), strict=True):
        row["verdict"] = verdict
    ids = [row["id"] for row in rows]
    for row, shifted in zip(rows, ids[1:] + ids[:1], strict=True):  # the id column alone, sorted another way
        row["id"] = shifted
    plan = plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "sorted.csv"))
    assert plan.edits == [] and len(plan.errors) == len(rows)
    first = plan.errors[0]
    assert (first.row, first.column) == (2, "fingerprint")
    assert f"is not the fingerprint of claim {ids[1]}: the id column was changed or sorted on its own" in str(first)
    assert apply_import(sample.store, plan, "bo").applied == []
    assert {ReviewService(sample.store, "bo").review(f"claim:{i}").version for i in ids} == {0}


def test_an_old_export_without_fingerprints_is_checked_by_its_mention(sample: Sample, tmp_path: Path) -> None:
    rows = exported(sample, tmp_path)
    for row in rows:
        del row["fingerprint"]
    rows[0]["id"], rows[1]["id"] = rows[1]["id"], rows[0]["id"]
    rows[0]["verdict"] = rows[2]["verdict"] = "false"
    plan = plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "old.csv"))
    assert plan.warnings == [
        f"{tmp_path / 'old.csv'} has no fingerprint column (exported by an older workbench): "
        "rows are checked by their mention instead"
    ]
    assert [(p.row, p.column) for p in plan.errors] == [(2, "mention"), (3, "mention")]
    assert [str(edit.item) for edit in plan.edits] == [f"claim:{rows[2]['id']}"]


def test_ids_are_parsed_strictly_and_missing_ones_are_called_missing(sample: Sample, tmp_path: Path) -> None:
    rows = exported(sample, tmp_path)
    template = dict(rows[0], verdict="true")
    bad = [dict(template, id=value) for value in ("999999", "-1", "1e2", "12345678901234567890123", "3.0")]
    plan = plan_import(sample.store, save_as_spreadsheet(bad, tmp_path / "ids.csv"))
    assert [str(p) for p in plan.errors] == [
        "row 2, column id: there is no claim 999999 in this database (was the id edited, or is the file from "
        "another database?)",
        "row 3, column id: '-1' is not an id (a whole number as exported)",
        "row 4, column id: '1e2' is not an id (a whole number as exported)",
        "row 5, column id: there is no claim 12345678901234567890123 in this database (was the id edited, or is "
        "the file from another database?)",
        "row 6, column id: '3.0' is not an id (a whole number as exported)",
    ]
    assert plan.refused == [] and plan.edits == []


def test_a_row_of_a_superseded_version_is_still_told_apart(sample: Sample, tmp_path: Path) -> None:
    rows = exported(sample, tmp_path)
    text = sample.store.article_text(sample.repost_id) or ""
    newer = text.replace("Trade grew", "Trade really grew")
    add_article(
        sample.store,
        "001_repost.txt",
        newer,
        [claim(newer, "more than $3 billion", "money", 3e9, "USD", hedge="more_than")],
        [],
        outlet="Breitbart",
    )
    gone = next(r for r in rows if r["source"] == "001_repost.txt")
    gone["verdict"] = "true"
    plan = plan_import(sample.store, save_as_spreadsheet([gone], tmp_path / "old-version.csv"))
    assert [str(p) for p in plan.refused] == [
        f"row 2: claim {gone['id']} is not in the database any more (its article has a newer version); export "
        "again and redo the edit"
    ]


def test_cells_as_long_as_an_article_round_trip(sample: Sample, tmp_path: Path) -> None:
    long_outlet = "Outlet " + "x" * 200_000
    text = "Exports rose by 7 percent last year.\n"
    add_article(
        sample.store, "long.txt", text, [claim(text, "7 percent", "percent", 7, "percent")], [], outlet=long_outlet
    )
    limit = csv.field_size_limit(10**8)  # for this test's own reading of the export
    try:
        rows = exported(sample, tmp_path)
    finally:
        csv.field_size_limit(limit)
    assert any(len(r["outlet"]) > 131_072 for r in rows)
    target = next(r for r in rows if r["outlet"] == long_outlet)
    target["verdict"] = "mostly_true"
    plan = plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "long.csv"))
    assert (plan.errors, [str(e.item) for e in plan.edits]) == ([], [f"claim:{target['id']}"])


def test_rows_come_in_batches_and_a_repeated_id_is_caught_across_them(sample: Sample, tmp_path: Path) -> None:
    rows = exported(sample, tmp_path)
    rows[3] = dict(rows[0])
    plans = list(iter_import(sample.store, save_as_spreadsheet(rows, tmp_path / "b.csv"), batch_rows=2))
    assert len(plans) == 2
    assert [str(p) for p in plans[1].errors] == [f"row 5, column id: {rows[0]['id']} is also in row 2; keep one"]
    assert sum(p.unchanged for p in plans) == 3


def test_a_dry_run_of_a_large_file_holds_one_batch_at_a_time(sample: Sample, tmp_path: Path) -> None:
    """The memory of a dry run does not grow with the file: a 24 MB file is planned within a fraction of it."""
    template = exported(sample, tmp_path)[0]
    path = tmp_path / "big.csv"
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, list(template), lineterminator="\r\n")
    writer.writeheader()
    for number in range(6_000):
        writer.writerow(
            dict(template, id=str(1_000_000 + number), sentence=hashlib.sha256(str(number).encode()).hexdigest() * 125)
        )  # 4 KB cells
    path.write_text(buffer.getvalue(), encoding="utf-8")
    del buffer
    size = path.stat().st_size
    tracemalloc.start()
    try:
        problems = sum(len(plan.errors) for plan in iter_import(sample.store, path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problems == 6_000
    assert peak < size / 3, (peak, size)
