"""Export, edit as a spreadsheet would, import: the edits land as events, nothing else changes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import SEEDS
from tests.export.conftest import Sample
from workbench.cli import main
from workbench.export.csv_export import export_csv
from workbench.export.importer import apply_import, plan_import
from workbench.services.review import ReviewService
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

# What follows an edit by its nature: who reviewed, when, the version, and where the verdict comes from.
DERIVED = {"verdict_source", "rating_value", "reviewer", "reviewed_at", "version"}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def save_as_spreadsheet(rows: list[dict[str, str]], path: Path, *, delimiter: str = ",") -> Path:
    """What a spreadsheet app writes back: BOM, CRLF, minimal quoting, its own column order, an added column."""
    columns = ["notes", *reversed(list(rows[0]))]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, columns, delimiter=delimiter, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "notes": "checked by phone"})
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, ["--reviewer", "bo", *args])


def exported_claims(runner: CliRunner, folder: str) -> Path:
    result = invoke(runner, "export", "csv", "--out", folder)
    assert result.exit_code == 0, result.output
    return next(Path(folder).glob("claims-*.csv"))


def test_round_trip_on_the_seeds(runner: CliRunner, tmp_path: Path, default_db: Path) -> None:
    assert invoke(runner, "ingest", str(SEEDS)).exit_code == 0
    first = exported_claims(runner, "first")
    rows = read(first)
    big = max(rows, key=lambda r: (int(r["cluster_size"]), -int(r["id"])))
    money = next(r for r in rows if r["kind"] == "money" and r["cluster_id"] != big["cluster_id"])
    negativeish = next(r for r in rows if r["id"] not in (big["id"], money["id"]))
    edited = [dict(row) for row in rows]
    by_id = {row["id"]: row for row in edited}
    by_id[money["id"]].update(
        verdict="mostly_false",
        rationale="=SUM(A1)",
        sources="https://stats.example/trade |https://news.example/a",
        reference_value="3.2E+09",
        reference_unit="USD",
    )
    by_id[big["id"]].update(verdict="TRUE", rationale="All three outlets agree.")
    by_id[negativeish["id"]]["mention"] = by_id[negativeish["id"]]["mention"].lstrip("'")  # app dropped the '
    upload = save_as_spreadsheet(edited, tmp_path / "edited.csv")

    dry = invoke(runner, "import", "verdicts", str(upload), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would apply 2 rows" in dry.output and "=SUM(A1)" in dry.output
    assert read(exported_claims(runner, "unchanged")) == rows, "a dry run writes nothing"

    result = invoke(runner, "import", "verdicts", str(upload))
    assert result.exit_code == 0, result.output
    assert "applied 2 rows, " in result.output and "0 refused, 0 rejected" in result.output

    with Store.open(default_db) as store:
        service = ReviewService(store, "bo")
        review = service.review(f"claim:{money['id']}")
        assert (review.verdict, review.rationale, review.reviewer) == ("mostly_false", "=SUM(A1)", "bo")
        sources = service.sources(f"claim:{money['id']}")
        assert [(s.url, s.reference_value, s.reference_unit) for s in sources] == [
            ("https://stats.example/trade", None, None),
            ("https://news.example/a", 3.2e9, "USD"),
        ]
        history = service.history(f"claim:{money['id']}")
        assert [e.action for e in history] == ["verdict", "source_add", "source_add"]
        assert {e.reviewer for e in history} == {"bo"}
        assert service.review(f"claim:{big['id']}").verdict == "true"

    again = read(exported_claims(runner, "again"))
    assert [r["id"] for r in again] == [r["id"] for r in rows]
    expected_edits = {
        money["id"]: {
            "verdict": "mostly_false",
            "rationale": "'=SUM(A1)",
            "reference_value": "3200000000",
            "sources": "https://stats.example/trade | https://news.example/a",
            "reference_unit": "USD",
        },
        big["id"]: {"verdict": "true", "rationale": "All three outlets agree."},
    }
    for before, after in zip(rows, again, strict=True):
        changed = {k for k in before if before[k] != after[k]} - DERIVED
        assert changed == set(expected_edits.get(before["id"], {})), (before["id"], changed)
        for column, value in expected_edits.get(before["id"], {}).items():
            assert after[column] == value
    edited_row = next(r for r in again if r["id"] == money["id"])
    assert (edited_row["verdict_source"], edited_row["rating_value"], edited_row["reviewer"]) == ("own", "2", "bo")
    assert edited_row["version"] == "3"


def test_refused_and_rejected_rows_leave_the_rest_applied(sample: Sample, tmp_path: Path) -> None:
    path = export_csv(sample.store, tmp_path / "out").paths["claims"]
    rows = read(path)
    service = ReviewService(sample.store, "ana")
    service.set_verdict(f"claim-cluster:{rows[1]['cluster_id']}", "true")  # after the export: rows 1 and 3
    rows[0]["verdict"] = "maybe"
    rows[1].update(verdict="false", rationale="Changed meanwhile")
    rows[2].update(verdict="false", sources="https://stats.example/inflation")
    rows[3].update(verdict="half_true", sources="ftp://files.example/x")
    upload = save_as_spreadsheet(rows, tmp_path / "edited.csv", delimiter=";")
    plan = plan_import(sample.store, upload)
    assert [str(p) for p in plan.errors] == [
        "row 2, column verdict: unknown verdict 'maybe'; use one of true, mostly_true, half_true, mostly_false, "
        "false, unverifiable, unreviewed, in_progress",
        "row 5, column sources: only http and https source URLs are accepted, this has ftp: (ftp://files.example/x)",
    ]
    assert [str(p) for p in plan.refused] == [
        f"row 3, column version: claim {rows[1]['id']} changed in the database since the export (version 1, the "
        "file has 0); export again and redo the edit"
    ]
    applied = apply_import(sample.store, plan, "bo").applied
    assert [(edit.row, str(edit.item)) for edit in applied] == [(4, f"claim:{rows[2]['id']}")]
    bo = ReviewService(sample.store, "bo")
    assert bo.review(f"claim:{rows[2]['id']}").verdict == "false"
    assert [s.url for s in bo.sources(f"claim:{rows[2]['id']}")] == ["https://stats.example/inflation"]
    assert bo.review(f"claim:{rows[1]['id']}").version == 0 and bo.review(f"claim:{rows[0]['id']}").version == 0


def test_edits_in_a_cluster_member_and_a_source_of_the_cluster(sample: Sample, tmp_path: Path) -> None:
    service = ReviewService(sample.store, "ana")
    rows = read(export_csv(sample.store, tmp_path / "a").paths["claims"])
    cluster = f"claim-cluster:{rows[1]['cluster_id']}"
    service.set_verdict(cluster, "mostly_true", "Customs data.")
    service.add_source(cluster, "https://stats.example/customs", reference_value=3.1e9, reference_unit="USD")
    rows = read(export_csv(sample.store, tmp_path / "b").paths["claims"])
    member = rows[3]
    assert (member["verdict"], member["verdict_source"]) == ("mostly_true", "cluster")
    member.update(reference_value="3300000000")
    rows[1]["sources"] = ""
    plan = plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "edited.csv"))
    assert [str(p) for p in plan.errors] == [
        f"row 3, column sources: https://stats.example/customs is a source of claim cluster {rows[1]['cluster_id']}"
        "; remove it there"
    ]
    (edit,) = plan.edits
    assert [(c.field, c.before, c.after) for c in edit.changes] == [
        ("reference", "3,100,000,000 USD", "3,300,000,000 USD")
    ]
    apply_import(sample.store, plan, "bo")
    after = {r["id"]: r for r in read(export_csv(sample.store, tmp_path / "c").paths["claims"])}[member["id"]]
    assert (after["verdict"], after["verdict_source"]) == ("mostly_true", "cluster")
    assert (after["reference_value"], after["sources"]) == ("3300000000", "https://stats.example/customs")


def test_a_file_that_is_not_an_export_is_refused_whole(runner: CliRunner, tmp_path: Path, default_db: Path) -> None:
    (tmp_path / "other.csv").write_text("name,age\nana,3\n", encoding="utf-8")
    result = invoke(runner, "import", "verdicts", "other.csv")
    assert result.exit_code == 1
    assert "not an exported claims or quotes CSV (the header lacks id, version)" in result.output
    (tmp_path / "latin1.csv").write_bytes("id,version,mention\n1,0,caf\xe9\n".encode("latin-1"))
    assert "not UTF-8 at byte 26" in invoke(runner, "import", "verdicts", "latin1.csv").output


def test_multiline_rationale_round_trips_and_a_second_import_changes_nothing(sample: Sample, tmp_path: Path) -> None:
    rows = read(export_csv(sample.store, tmp_path / "a").paths["claims"])
    rows[0].update(verdict="half_true", rationale="Line one\r\nLine two\u2028still two")
    first = apply_import(sample.store, plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "e.csv")), "bo")
    assert len(first.applied) == 1 and first.ok
    review = ReviewService(sample.store, "bo").review(f"claim:{rows[0]['id']}")
    assert review.rationale == "Line one\nLine two\u2028still two"
    again = read(export_csv(sample.store, tmp_path / "b").paths["claims"])
    plan = plan_import(sample.store, save_as_spreadsheet(again, tmp_path / "f.csv"))
    assert (plan.edits, plan.errors, plan.refused, plan.unchanged) == ([], [], [], 4)


def test_labels_are_read_as_people_type_them(sample: Sample, tmp_path: Path) -> None:
    rows = read(export_csv(sample.store, tmp_path / "a").paths["claims"])
    typed = ["Mostly True", "mostly-true", " HALF  TRUE ", "Unverifiable"]
    for row, label in zip(rows, typed, strict=True):
        row["verdict"] = label
    plan = plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "labels.csv"))
    assert plan.errors == []
    apply_import(sample.store, plan, "bo")
    service = ReviewService(sample.store, "bo")
    assert [service.review(f"claim:{row['id']}").verdict for row in rows] == [
        "mostly_true",
        "mostly_true",
        "half_true",
        "unverifiable",
    ]


def test_spreadsheet_error_values_are_refused_by_row_and_column(sample: Sample, tmp_path: Path) -> None:
    """LibreOffice saves a rationale typed as "=SUM(…) …" back as Err:509, Excel as #NAME?: never store those."""
    rows = read(export_csv(sample.store, tmp_path / "a").paths["claims"])
    rows[0].update(verdict="false", rationale="Err:509")
    rows[1].update(verdict="#NAME?")
    rows[2].update(verdict="true", reference_value="#VALUE!", sources="https://stats.example/x")
    rows[3].update(verdict="true", rationale="The figure is #1 in the series")  # an ordinary text stays fine
    plan = plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "errors.csv"))
    assert [(p.row, p.column) for p in plan.errors] == [(2, "rationale"), (3, "verdict"), (4, "reference_value")]
    assert "'Err:509' is a spreadsheet error value" in str(plan.errors[0])
    assert str(plan.errors[1]).startswith("row 3, column verdict: '#NAME?' is a spreadsheet error value")
    assert [edit.row for edit in plan.edits] == [5]
    apply_import(sample.store, plan, "bo")
    service = ReviewService(sample.store, "bo")
    assert [service.review(f"claim:{row['id']}").rationale for row in rows] == [
        None,
        None,
        None,
        "The figure is #1 in the series",
    ]


def test_blind_second_review_round_trip(runner: CliRunner, tmp_path: Path, default_db: Path) -> None:
    """Two reviewers agreeing on 5 of 6 claims: the second works blind, and agreement counts all six."""
    import json

    assert invoke(runner, "ingest", str(SEEDS)).exit_code == 0
    rows = read(exported_claims(runner, "all"))
    chosen = [r["id"] for r in rows[:6]]
    labels = ["true", "true", "false", "half_true", "mostly_false", "unverifiable"]
    with Store.open(default_db) as store:
        ana = ReviewService(store, "ana")
        for item, label in zip(chosen, labels, strict=True):
            ana.set_verdict(f"claim:{item}", label, f"ana's reason {item}")
        ana.add_source(f"claim:{chosen[0]}", "https://ana.example/evidence")
    blind = invoke(runner, "--reviewer", "bob", "export", "csv", "--blind", "--out", "blind")
    assert blind.exit_code == 0, blind.output
    sheet = read(next(Path("blind").glob("claims-*.csv")))
    assert {r["blind_for"] for r in sheet} == {"bob"}
    for row in sheet:
        assert (row["verdict"], row["rationale"], row["sources"], row["reviewer"]) == ("unreviewed", "", "", ""), row
    bob_says = dict(zip(chosen, ["true", "True", "false", "half-true", "mostly_false", "false"], strict=True))
    for row in sheet:
        if row["id"] in bob_says:
            row["verdict"] = bob_says[row["id"]]
    upload = save_as_spreadsheet(sheet, tmp_path / "bob.csv")
    as_ana = runner.invoke(main, ["--reviewer", "ana", "import", "verdicts", str(upload)])
    assert as_ana.exit_code == 1 and "exported blind for bob" in as_ana.output
    imported = runner.invoke(main, ["--reviewer", "bob", "import", "verdicts", str(upload)])
    assert imported.exit_code == 0, imported.output
    assert "applied 6 rows" in imported.output
    with Store.open(default_db) as store:
        service = ReviewService(store, "bob")
        for item, label in zip(chosen, labels, strict=True):  # ana's verdicts stand, rationale and all
            shared = service.review(f"claim:{item}")
            assert (shared.verdict, shared.verdict_by, shared.rationale) == (label, "ana", f"ana's reason {item}")
        assert [service.judgement(f"claim:{item}").verdict for item in chosen] == [
            "true",
            "true",
            "false",
            "half_true",
            "mostly_false",
            "false",
        ]
    agreed = runner.invoke(main, ["agreement", "--json"])
    assert agreed.exit_code == 0, agreed.output
    (pair,) = [json.loads(line) for line in agreed.output.splitlines()]
    assert (pair["reviewer_a"], pair["reviewer_b"], pair["items"], pair["agreed"]) == ("ana", "bob", 6, 5)
    assert pair["kappa"] is not None and pair["kappa_low"] <= pair["kappa"] <= pair["kappa_high"]
    # bob's next blind sheet shows his own judgements, and importing it unchanged changes nothing.
    assert invoke(runner, "--reviewer", "bob", "export", "csv", "--blind", "--out", "again").exit_code == 0
    again = {r["id"]: r for r in read(next(Path("again").glob("claims-*.csv")))}
    assert [again[item]["verdict"] for item in chosen[:3]] == ["true", "true", "false"]
    assert again[chosen[0]]["sources"] == "" and again[chosen[0]]["reviewer"] == "bob"
    unchanged = runner.invoke(
        main, ["--reviewer", "bob", "import", "verdicts", str(next(Path("again").glob("claims-*.csv")))]
    )
    assert "applied 0 rows" in unchanged.output


def test_a_blind_sheet_must_name_one_reviewer(sample: Sample, tmp_path: Path) -> None:
    from workbench.export.importer import ImportFileError
    from workbench.store.exports import ExportFilter

    rows = read(export_csv(sample.store, tmp_path / "a", ExportFilter(blind_for="bob")).paths["claims"])
    assert {r["blind_for"] for r in rows} == {"bob"}
    rows[1]["blind_for"] = "ana"
    with pytest.raises(ImportFileError, match=r"must name one reviewer in every row \(it names 'ana', 'bob'\)"):
        plan_import(sample.store, save_as_spreadsheet(rows, tmp_path / "mixed.csv"))


def test_a_mixed_blind_sheet_is_refused_before_any_batch(sample: Sample, tmp_path: Path) -> None:
    """Batches are applied as they come, so the other reviewer's row in the LAST batch must stop the import
    before the first batch is even planned."""
    from workbench.export.importer import ImportFileError, iter_import
    from workbench.store.exports import ExportFilter

    rows = read(export_csv(sample.store, tmp_path / "a", ExportFilter(blind_for="bob")).paths["claims"])
    assert len(rows) >= 3
    rows[-1]["blind_for"] = "ana"
    batches = iter_import(sample.store, save_as_spreadsheet(rows, tmp_path / "late.csv"), batch_rows=1)
    with pytest.raises(ImportFileError, match="must name one reviewer in every row"):
        next(batches)
