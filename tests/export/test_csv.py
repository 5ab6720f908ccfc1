"""The annotated CSV: real rows and cells, formula neutralization, numbers kept numeric, atomic files."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA, write_bytes
from tests.export.conftest import Sample, add_article, claim, quote
from workbench.cli import main
from workbench.export.csv_export import (
    CLAIM_COLUMNS,
    FORMULA_TRIGGERS,
    QUOTE_COLUMNS,
    csv_cells,
    csv_writer,
    export_csv,
    neutralize_cell,
    restore_cell,
)
from workbench.services.review import ReviewService
from workbench.store.exports import ExportFilter
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

NUMERIC = {"id", "value", "value_high", "cluster_id", "cluster_size", "rating_value", "reference_value", "version"}
HOSTILE = (
    '=HYPERLINK("http://evil.example","Latin America sees strong growth")\n'
    "+1+1 and growth of 5.5% in 2004\n"
    "@SUM(A1) exports grew 34%\n"
    "-2+3\n"
    "\t=1+2 took 7 days\n"
    "\r=1+2 took 8 days\n"
    "'=1+2 took 9 days\n"
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def line_of(text: str, start: str) -> str:
    return next(line for line in text.split("\n") if line.startswith(start))


def add_hostile(store: Store) -> None:
    text = HOSTILE
    claims = [
        claim(text, "5.5%", "percent", 5.5, "percent", speaker="=cmd|' /C calc'!A0"),
        claim(text, "34%", "percent", 34, "percent", speaker="@SUM(A1)"),
        claim(text, "-2+3", "count", -2, "=1+2"),
        claim(text, "7 days", "duration", 7, "days"),
        claim(text, "8 days", "duration", 8, "days"),
        claim(text, "9 days", "duration", 9, "days"),
    ]
    quotes = [quote(text, '=HYPERLINK("http://evil.example","Latin America sees strong growth")', "+1+1")]
    add_article(store, "csv-injection.txt", text, claims, quotes, outlet="-2+3 News")


def test_claims_csv_has_the_rows_and_cells(sample: Sample, tmp_path: Path) -> None:
    report = export_csv(sample.store, tmp_path, stamp="20240101-120000")
    assert report.paths["claims"].name == "claims-20240101-120000.csv"
    assert report.paths["quotes"].name == "quotes-20240101-120000.csv"
    rows = read_csv(report.paths["claims"])
    assert list(rows[0]) == list(CLAIM_COLUMNS)
    assert [r["mention"] for r in rows] == [
        "$600 million",
        "more than $3 billion",
        "'-1.3 percent",
        "more than $3 billion",
    ]
    first = rows[0]
    assert (first["outlet"], first["published"], first["source"], first["kind"]) == (
        "Mehr News Agency",
        "2023-06-13",
        "000_trade.txt",
        "money",
    )
    assert (first["value"], first["unit"], first["role"], first["target"], first["speaker"]) == (
        "600000000",
        "USD",
        "from",
        "false",
        "Raisi",
    )
    assert first["sentence"].startswith("Raisi said trade")
    assert rows[1]["hedge"] == "more_than" and rows[1]["cluster_size"] == "2"
    assert rows[1]["cluster_id"] == rows[3]["cluster_id"]
    assert {r["verdict"] for r in rows} == {"unreviewed"} and {r["version"] for r in rows} == {"0"}
    quotes = read_csv(report.paths["quotes"])
    assert list(quotes[0]) == list(QUOTE_COLUMNS)
    assert [(q["text"], q["speaker"], q["cue"]) for q in quotes] == [
        ("We will be invincible,", "Nicolas Maduro", "said"),
        ("We will be invincible.", "Nicolas Maduro", "told"),
    ]


def test_review_columns_show_the_effective_verdict(sample: Sample, tmp_path: Path) -> None:
    service = ReviewService(sample.store, "ana")
    rows = read_csv(export_csv(sample.store, tmp_path / "before").paths["claims"])
    cluster = rows[1]["cluster_id"]
    service.set_verdict(f"claim-cluster:{cluster}", "mostly_true", "Customs data.")
    service.add_source(
        f"claim-cluster:{cluster}", "https://stats.example/a", reference_value=3.2e9, reference_unit="USD"
    )
    service.add_source(f"claim-cluster:{cluster}", "https://stats.example/b")
    service.set_verdict(f"claim:{rows[3]['id']}", "unverifiable")
    report = export_csv(sample.store, tmp_path / "after", ExportFilter(reviewed_only=True))
    reviewed = read_csv(report.paths["claims"])
    assert [(r["id"], r["verdict"], r["verdict_source"], r["rating_value"]) for r in reviewed] == [
        (rows[1]["id"], "mostly_true", "cluster", "4"),
        (rows[3]["id"], "unverifiable", "own", ""),
    ]
    inherited = reviewed[0]
    assert inherited["sources"] == "https://stats.example/a | https://stats.example/b"
    assert (inherited["reference_value"], inherited["reference_unit"]) == ("3200000000", "USD")
    assert (inherited["rationale"], inherited["reviewer"], inherited["version"]) == ("Customs data.", "ana", "3")
    assert inherited["reviewed_at"].startswith("20")
    assert read_csv(report.paths["quotes"]) == []


def test_formula_cells_are_neutralized_and_numbers_stay_numbers(store: Store, tmp_path: Path) -> None:
    add_hostile(store)
    report = export_csv(store, tmp_path)
    raw = report.paths["claims"].read_text(encoding="utf-8")
    rows = read_csv(report.paths["claims"])
    by_mention = {r["mention"]: r for r in rows}
    assert by_mention["5.5%"]["sentence"] == "'+1+1 and growth of 5.5% in 2004"
    assert by_mention["5.5%"]["speaker"] == "'=cmd|' /C calc'!A0"
    assert by_mention["34%"]["sentence"] == "'@SUM(A1) exports grew 34%"
    assert by_mention["34%"]["speaker"] == "'@SUM(A1)"
    assert by_mention["'-2+3"]["unit"] == "'=1+2" and by_mention["'-2+3"]["value"] == "-2"
    assert by_mention["7 days"]["sentence"] == "'\t=1+2 took 7 days"
    assert by_mention["8 days"]["sentence"] == "'\r=1+2 took 8 days"
    assert by_mention["9 days"]["sentence"] == "''=1+2 took 9 days", "a leading ' is doubled so import can undo it"
    assert all(r["outlet"] == "'-2+3 News" for r in rows)
    assert ",-2," in raw, "a negative number is written bare, not quoted or prefixed"
    assert "\"'+1+1 and growth" in raw, "text cells are quoted"
    (quote_row,) = read_csv(report.paths["quotes"])
    assert quote_row["text"] == "'" + line_of(HOSTILE, "=HYPERLINK")
    assert quote_row["speaker"] == "'+1+1"
    assert_no_formula_cells(rows + [quote_row])


def assert_no_formula_cells(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, cell in row.items():
            if column in NUMERIC and cell:
                float(cell)
            else:
                assert not cell.startswith(FORMULA_TRIGGERS), (column, cell)


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+1", "-x", "@a", "\tx", "\rx", "'=x", "''+x", "'plain", "plain", "", "'", "'-", "a=b"]
)
def test_neutralizing_is_reversible(text: str) -> None:
    cell = neutralize_cell(text)
    assert not cell.startswith(FORMULA_TRIGGERS)
    assert restore_cell(cell) == text


def test_hostile_article_from_the_shared_data_is_neutralized(runner: CliRunner, tmp_path: Path) -> None:
    source = SHARED_DATA / "bad-inputs" / "csv-injection.txt"
    if not source.is_file():
        pytest.skip(f"{source} is not available")
    write_bytes(tmp_path / "in", "csv-injection.txt", source.read_bytes())
    assert runner.invoke(main, ["ingest", str(tmp_path / "in")]).exit_code == 0
    result = runner.invoke(main, ["export", "csv", "--out", "out"])
    assert result.exit_code == 0, result.output
    rows = [row for path in sorted((tmp_path / "out").iterdir()) for row in read_csv(path)]
    assert any(r.get("mention") == "5.5%" for r in rows)
    assert_no_formula_cells(rows)


def test_excel_flag_writes_a_bom_and_default_folder_is_exports(
    sample: Sample, runner: CliRunner, tmp_path: Path
) -> None:
    db = str(sample.store.path)
    result = runner.invoke(main, ["--db", db, "export", "csv", "--excel"])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "exports").iterdir())
    assert [p.name.split("-")[0] for p in files] == ["claims", "quotes"]
    assert all(p.read_bytes().startswith(b'\xef\xbb\xbf"id"') for p in files)
    assert "wrote 4 claims to exports/claims-" in result.output
    again = runner.invoke(main, ["--db", db, "export", "csv", "--outlet", "breitbart"])
    assert again.exit_code == 0
    (newest,) = set((tmp_path / "exports").glob("claims-*.csv")) - set(files)
    assert [r["outlet"] for r in read_csv(newest)] == ["Breitbart"]
    assert not newest.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_failed_export_leaves_no_file(sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.export import csv_export

    def explode(*args: object) -> list[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(csv_export, "csv_line", explode)
    with pytest.raises(KeyboardInterrupt):
        export_csv(sample.store, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_csv_parses_back_to_the_same_cells(sample: Sample, tmp_path: Path) -> None:
    """Quoting is proper: a sentence with a comma, quotes and a newline is one cell."""
    text = 'He said "yes, 5 times",\nthen left.'
    add_article(sample.store, "q.txt", text, [claim(text, "5 times", "count", 5, "times")], [])
    rows = read_csv(export_csv(sample.store, tmp_path).paths["claims"])
    row = next(r for r in rows if r["source"] == "q.txt")
    assert row["sentence"] == 'He said "yes, 5 times",'


def written_by_the_csv_module(values: list[Any]) -> str:
    """The cell rules applied the slow, obvious way: neutralized text, whole floats as ints, None as empty text,
    then the csv module's own quoting."""
    cells = [
        ""
        if v is None
        else neutralize_cell(v)
        if isinstance(v, str)
        else int(v)
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e18
        else v
        for v in values
    ]
    buffer = io.StringIO()
    csv_writer(buffer).writerow(cells)
    return buffer.getvalue()


CELLS = st.one_of(
    st.none(),
    st.text(),
    st.sampled_from(["", "=1+2", "'+x", "''-3", '"quoted", he said', "a,b", "x\r\ny", "\x00", "'", "@", "\t1"]),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False),
)


@given(st.lists(CELLS, min_size=1, max_size=6))
def test_cells_are_written_byte_for_byte_as_the_csv_module_writes_them(values: list[Any]) -> None:
    assert csv_cells(values) == written_by_the_csv_module(values)


def test_a_hostile_row_is_written_as_the_csv_module_writes_it() -> None:
    values = [7, '=HYPERLINK("x")', None, 3e9, -1.3, "'-2", 'line\nbreak, "quoted"', float("nan"), 1e20, True]
    assert csv_cells(values) == written_by_the_csv_module(values)
    assert csv_cells(values).startswith('7,"\'=HYPERLINK(""x"")","",3000000000,-1.3,"\'\'-2",')
