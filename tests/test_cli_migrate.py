"""``workbench migrate --to``: the seeds database with reviews goes into PostgreSQL whole, and is refused twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from tests.pg_server import fresh_database
from workbench.cli import main
from workbench.services.review import ReviewService
from workbench.store.repository import Store

pytestmark = pytest.mark.slow


@pytest.fixture
def target(pg_template: str) -> Iterator[str]:
    """An empty PostgreSQL database (the template is migrated but holds no rows)."""
    with fresh_database(pg_template) as url:
        yield url


@pytest.fixture
def reviewed(runner: CliRunner, tmp_path: Path) -> Path:
    """The seeds, ingested, with verdicts, a note, a source, an undo and a redo by two reviewers."""
    path = tmp_path / "desk.db"
    assert runner.invoke(main, ["--db", str(path), "ingest", str(SEEDS), "--quiet"]).exit_code == 0
    with Store.open(path) as store:
        claims = [row[0] for row in store.db.execute("SELECT id FROM claims ORDER BY id LIMIT 3")]
        quote = store.db.execute("SELECT cluster_id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
        ana, ben = ReviewService(store, "ana"), ReviewService(store, "ben")
        ana.set_verdict(f"claim:{claims[0]}", "false", rationale="the ministry says 500m")
        ana.add_note(f"claim:{claims[0]}", "ask the ministry")
        ana.add_source(f"claim:{claims[0]}", "https://stats.example/trade", title="Trade", reference_value=5e8)
        ben.set_verdict(f"claim:{claims[1]}", "true")
        ben.undo()
        ben.redo()
        ana.set_verdict(f"quote-cluster:{quote}", "unverifiable")
        ana.set_verdict(f"claim:{claims[2]}", "half_true")
        ana.undo()
    return path


def _tables(conn: object, names: list[str]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted, as comparable tuples (bytes as bytes, numbers as numbers)."""
    tables = {}
    for name in names:
        rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()  # type: ignore[attr-defined]
        tables[name] = sorted(
            (tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows), key=repr
        )
    return tables


def test_seeds_with_reviews_round_trip_every_table(runner: CliRunner, reviewed: Path, target: str) -> None:
    result = runner.invoke(main, ["--db", str(reviewed), "migrate", "--to", target, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "DIFFERENT" not in result.output and "│ events " in result.output

    import sqlite3

    source = sqlite3.connect(reviewed)
    names = [
        row[0]
        for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if row[0] not in ("schema_migrations", "search_pending")
        and "_fts" not in row[0]
        and not row[0].startswith("sqlite_")
    ]
    expected = _tables(source, names)
    assert expected["events"] and expected["sources"] and expected["notes"] and expected["judgements"]
    with psycopg.connect(target) as conn:
        columns = {name: [r[1] for r in source.execute(f'PRAGMA table_info("{name}")')] for name in names}
        copied = {
            name: sorted(
                (
                    tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                    for row in conn.execute(
                        f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns[name])} FROM "{name}"'
                    )
                ),
                key=repr,
            )
            for name in names
        }
    assert copied == expected

    # The copy is a working database: the same listings, history, and new rows get new ids.
    for args in (["claims", "--json"], ["quotes", "--json"], ["stories"], ["history", "claim:1"]):
        assert (
            runner.invoke(main, ["--db", target, *args]).output
            == runner.invoke(main, ["--db", str(reviewed), *args]).output
        ), args
    with Store.open(target) as store:
        undone = ReviewService(store, "ben").undo()
        assert undone.id == max(row[0] for row in expected["events"]) + 1
        assert store.db.execute("SELECT count(*) FROM claims_fts").fetchone()[0] == len(expected["claims"])


def test_a_database_with_rows_is_refused_and_left_untouched(runner: CliRunner, reviewed: Path, target: str) -> None:
    assert runner.invoke(main, ["--db", str(reviewed), "migrate", "--to", target, "--quiet"]).exit_code == 0
    with psycopg.connect(target) as conn:
        before = conn.execute("SELECT count(*) FROM events").fetchone()
    result = runner.invoke(main, ["--db", str(reviewed), "migrate", "--to", target, "--quiet"])
    assert result.exit_code == 1
    assert "not empty (table" in result.output and "nothing was changed" in result.output
    with psycopg.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == before


def test_someone_elses_database_is_refused(runner: CliRunner, reviewed: Path, pg_template: str) -> None:
    with fresh_database(pg_template) as url:
        with psycopg.connect(url, autocommit=True) as conn:
            for table in ("articles", "claims", "schema_migrations"):
                conn.execute(f"DROP TABLE {table} CASCADE")
            conn.execute("CREATE TABLE payroll (id int)")
        result = runner.invoke(main, ["--db", str(reviewed), "migrate", "--to", url, "--quiet"])
        assert result.exit_code == 1 and "other tables" in result.output


def test_usage_errors_exit_2(runner: CliRunner, reviewed: Path) -> None:
    result = runner.invoke(main, ["--db", str(reviewed), "migrate", "--to", "mysql://x/y"])
    assert result.exit_code == 2 and "postgresql://" in result.output
    assert runner.invoke(main, ["migrate", "--help"]).output.count("Example") == 1
