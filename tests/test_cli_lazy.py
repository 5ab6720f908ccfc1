"""The lazy command group: `--help` lists every command without importing it, `review` imports only what it uses."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

import workbench.cli
from workbench.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _every_command() -> dict[str, tuple[str, click.Command]]:
    """Each module's COMMANDS, imported for real: what the lazy table must describe."""
    found: dict[str, tuple[str, click.Command]] = {}
    for module_info in pkgutil.iter_modules(workbench.cli.__path__):
        module = importlib.import_module(f"workbench.cli.{module_info.name}")
        for command in getattr(module, "COMMANDS", ()):
            assert command.name not in found, f"{command.name} is defined twice"
            found[command.name] = (module.__name__, command)
    return found


def test_the_lazy_table_names_every_command_where_it_lives_with_its_own_summary() -> None:
    commands = _every_command()
    assert sorted(main.lazy) == sorted(commands)  # a module's new command must be added to the table
    for name, (module, command) in commands.items():
        entry = main.lazy[name]
        assert entry.module == module
        assert getattr(importlib.import_module(module), entry.attribute) is command
        assert entry.summary == command.get_short_help_str(10_000), name


def test_help_lists_every_command_as_an_eager_group_would(runner: CliRunner) -> None:
    eager = click.Group(
        main.name,
        params=main.params,
        help=main.help,
        context_settings=main.context_settings,
        invoke_without_command=True,
    )
    for _, command in _every_command().values():
        eager.add_command(command)
    lazy_help = runner.invoke(main, ["--help"], prog_name="workbench")
    eager_help = runner.invoke(eager, ["--help"], prog_name="workbench")
    assert lazy_help.exit_code == 0
    assert lazy_help.output == eager_help.output
    listed = lazy_help.output.split("Commands:\n", 1)[1]
    assert [line.split()[0] for line in listed.splitlines() if line.strip()] == sorted(main.lazy)


def _modules_after(args: list[str], tmp_path: Path) -> tuple[int, list[str]]:
    """Run the command in a fresh interpreter: its exit status and the workbench (and database driver) modules it
    imported."""
    script = (
        "import json, sys\n"
        "from workbench.cli import main\n"
        "try:\n"
        f"    main({args!r}, prog_name='workbench')\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m.startswith(('workbench', 'psycopg')))]))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    code, modules = json.loads(completed.stdout.strip().splitlines()[-1])
    return code, modules


HEAVY = ("workbench.export", "workbench.cli.export", "workbench.cli.ingest", "workbench.services.ingest")
EXTRACTOR = ("workbench.pipeline.claims", "workbench.pipeline.quotes", "workbench.pipeline.analyze")
# Screens and forms opened by keys, with the table and text editor widgets they use: loaded when first opened.
LATER = ("workbench.tui.screens.cluster", "workbench.tui.screens.corrections", "workbench.tui.screens.forms")


def test_help_imports_no_command(tmp_path: Path) -> None:
    code, modules = _modules_after(["--help"], tmp_path)
    assert code == 0
    assert [m for m in modules if m.startswith("workbench.cli.") and m != "workbench.cli.common"] == []


def test_review_imports_the_app_but_not_the_extractor_the_exporters_or_the_forms(tmp_path: Path) -> None:
    # Without a terminal `review` stops with a usage error right after importing what the app needs.
    code, modules = _modules_after(["--db", str(tmp_path / "w.db"), "review"], tmp_path)
    assert code == 2
    assert "workbench.tui.app" in modules and "workbench.cli.tui" in modules
    assert [m for m in modules if m.startswith(HEAVY + EXTRACTOR + LATER)] == []
    # A SQLite database needs no PostgreSQL driver (importing psycopg cost a tenth of a second of every launch).
    assert [m for m in modules if m.startswith(("psycopg", "workbench.store.pg"))] == []


def test_an_invoked_command_is_imported_and_runs(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--db", str(tmp_path / "w.db"), "export", "--help"])
    assert result.exit_code == 0
    assert "jsonl" in result.output and "claimreview" in result.output
