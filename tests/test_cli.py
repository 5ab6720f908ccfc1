"""The command line: exit statuses, one line per rejected file, help with an example on every command."""

from __future__ import annotations

import json
from pathlib import Path

import click
import psycopg
import pytest
from click.testing import CliRunner

from tests.conftest import ARTICLE, SEEDS, write_bytes
from workbench.cli import main

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand, asked of the group the way click does (``main`` is lazy: its ``commands``
    dict is empty until a command is looked up)."""
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        found.append(prefix + (name,))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, prefix + (name,)))
    return found


@pytest.mark.parametrize("command", all_commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: tuple[str, ...]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`workbench {' '.join(command)} --help` shows no example"


def test_ingest_seeds_then_again(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    db = str(db_path)
    first = runner.invoke(main, ["--db", db, "ingest", str(SEEDS)])
    assert first.exit_code == 0, first.output
    assert "5 ingested, 0 unchanged, 0 new versions, 0 rejected" in first.output
    second = runner.invoke(main, ["--db", db, "ingest", str(SEEDS)])
    assert "0 ingested, 5 unchanged, 0 new versions, 0 rejected" in second.output
    listed = runner.invoke(main, ["--db", db, "articles", "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert {r["outlet"] for r in rows} >= {"Breitbart", "Mehr News Agency"}


def test_rejections_exit_1_with_one_line_each(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    write_bytes(folder, "good.txt", ARTICLE.encode())
    write_bytes(folder, "199.txt", "a \u00a315.8m signing".encode("cp1252"))
    write_bytes(folder, "bin.txt", b"\x89PNG\r\n\x1a\n")
    result = runner.invoke(main, ["--db", str(db_path), "ingest", str(folder)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert any("199.txt: not valid UTF-8 at byte 2 (0xA3)" in line for line in errors)
    assert any("bin.txt: binary file (PNG image), not text" in line for line in errors)
    assert "1 ingested" in result.output


def test_database_from_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(db_path))
    result = runner.invoke(main, ["ingest", str(write_bytes(tmp_path / "in", "a.txt", ARTICLE.encode()))])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["articles", "--json"])
    assert [json.loads(line)["source"] for line in listed.output.splitlines()] == ["a.txt"]
    assert not (tmp_path / "workbench.db").exists()  # nothing went to the default file


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["ingest"]).exit_code == 2
    assert runner.invoke(main, ["claims", "--kind", "banana"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2


def test_unusable_database_exits_1_naming_it(runner: CliRunner, tmp_path: Path, engine: str, db_path: Path) -> None:
    """Someone else's database is refused untouched: a file that is not SQLite, or PostgreSQL with other tables."""
    if engine == "sqlite":
        target, expected = str(write_bytes(tmp_path, "bad.db", b"garbage" * 200)), "bad.db: not a workbench database"
    else:
        target, expected = str(db_path), "not a workbench database (it holds other tables: payroll)"
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
            conn.execute("CREATE TABLE payroll (id int)")
    result = runner.invoke(main, ["--db", target, "articles"])
    assert result.exit_code == 1
    assert expected in result.output
    if engine == "postgresql":
        with psycopg.connect(target) as conn:
            tables = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            assert [row[0] for row in tables] == ["payroll"]


def test_terminal_output_never_carries_escape_codes(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    text = "Evil [bold red]x[/] \x1b[2J said \u201cpay $5 million \x1b]0;pwned\x07 now,\u201d the boss said.\n"
    path = write_bytes(tmp_path, "evil\x1b[31m.txt", text.encode())
    db = str(db_path)
    assert runner.invoke(main, ["--db", db, "ingest", str(path)]).exit_code == 0
    for command in (["articles"], ["claims"], ["quotes"]):
        output = runner.invoke(main, ["--db", db, *command]).output
        assert "\x1b" not in output and "\x07" not in output


def test_quote_clusters_listing(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    db = str(db_path)
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    result = runner.invoke(main, ["--db", db, "quotes", "--clusters", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    carried = [r for r in rows if r["wording"].startswith("The Islamic Republic of Iran, thanks to the blessings")]
    assert len(carried) == 1 and carried[0]["outlets"] == 2 and carried[0]["speaker"] == "Ebrahim Raisi"
    assert all(r["size"] >= 2 for r in rows)


def test_claims_table_prints_years_as_written_and_amounts_with_separators(
    runner: CliRunner, tmp_path: Path, db_path: Path
) -> None:
    db = str(db_path)
    path = write_bytes(tmp_path, "story.txt", b"Trade rose to $3 billion in 2021, up from 1999-2013 levels.\n")
    assert runner.invoke(main, ["--db", db, "ingest", str(path)]).exit_code == 0
    result = runner.invoke(main, ["--db", db, "claims", "--all", "--order", "reading"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    cells = {
        line.split("│")[3].strip(): [c.strip() for c in line.split("│")[5:7]]
        for line in result.output.splitlines()
        if line.count("│") > 8
    }
    assert cells["2021"] == ["2021", ""]
    assert cells["1999-2013"] == ["1999", "2013"]
    assert cells["$3 billion"] == ["3,000,000,000", ""]


@pytest.mark.parametrize("args", [[], ["--reviewer", "ana"]], ids=["bare", "options only"])
def test_no_command_prints_the_overview(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Missing command" not in result.output
    assert "Claim-tracking and fact-check workbench." in result.output and "workbench COMMAND --help" in result.output
