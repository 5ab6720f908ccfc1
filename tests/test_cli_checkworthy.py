"""`workbench claims` opens on checkable claims; --all, --context, --order; `workbench checkworthy`; CSV --checkable."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from workbench.cli import main
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def seeded(runner: CliRunner, tmp_path: Path, db_path: Path) -> str:
    db = str(db_path)
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    return db


def _json(runner: CliRunner, db: str, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = runner.invoke(main, ["--db", db, "claims", "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_claims_lists_checkable_claims_most_check_worthy_first(runner: CliRunner, seeded: str) -> None:
    rows = _json(runner, seeded)
    assert rows and {row["checkworthy"] for row in rows} == {"checkable"}
    scores = [row["checkworthy_score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert rows[0]["kind"] == "money"
    assert not {"year", "year_range"} & {row["kind"] for row in rows}


def test_all_adds_the_context_numbers_and_context_lists_only_them(runner: CliRunner, seeded: str) -> None:
    queue, everything, context = (
        _json(runner, seeded),
        _json(runner, seeded, "--all"),
        _json(runner, seeded, "--context", "--order", "reading"),
    )
    assert len(everything) == len(queue) + len(context)
    assert {row["checkworthy"] for row in context} == {"context"}
    assert {"2021", "2000s"} <= {row["mention"] for row in context}
    dates = [(row["published"], row["source"], row["start"]) for row in context]
    assert dates == sorted(dates)


def test_all_and_context_together_is_a_usage_error(runner: CliRunner, seeded: str) -> None:
    result = runner.invoke(main, ["--db", seeded, "claims", "--all", "--context"])
    assert result.exit_code == 2 and "exclude each other" in result.output


def test_the_table_shows_the_label_and_the_score(runner: CliRunner, seeded: str) -> None:
    result = runner.invoke(main, ["--db", seeded, "claims", "--kind", "money"], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    assert "check" in result.output and "score" in result.output and "checkable" in result.output


def test_checkworthy_assesses_an_older_database(runner: CliRunner, seeded: str) -> None:
    with Store.open(seeded) as store:
        store.db.execute("UPDATE claims SET checkworthy = NULL, checkworthy_score = NULL")
    listed = runner.invoke(main, ["--db", seeded, "claims", "--json"])
    assert "have no check-worthiness yet" in listed.output
    result = runner.invoke(main, ["--db", seeded, "checkworthy"])
    assert result.exit_code == 0, result.output
    with Store.open(seeded) as store:
        assert store.count_unassessed() == 0
        counts = store.checkworthy_counts()
    assert f"now {counts['checkable']:,} checkable, {counts['context']:,} context" in result.output
    again = runner.invoke(main, ["--db", seeded, "checkworthy", "--all"])
    assert again.exit_code == 0 and again.output.startswith("0 claims (re)assessed")


def test_csv_export_has_the_column_and_the_checkable_filter(runner: CliRunner, seeded: str, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--db", seeded, "export", "csv", "--checkable", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "out").glob("claims-*.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {row["checkworthy"] for row in rows} == {"checkable"}
    assert len(rows) == len(_json(runner, seeded))
