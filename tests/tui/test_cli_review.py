"""``workbench review``: ingests first (same report as ``workbench ingest``), then opens the app on that database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from workbench.cli import main
from workbench.tui.app import WorkbenchApp

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def test_review_ingests_then_opens_the_app(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    opened: list[dict[str, int]] = []
    monkeypatch.setattr("workbench.cli.tui._has_terminal", lambda: True)
    monkeypatch.setattr(WorkbenchApp, "run", lambda app: opened.append(app.backend.counts()))
    db = str(db_path)
    result = runner.invoke(main, ["--db", str(db), "--reviewer", "ana", "review", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "5 ingested" in result.output
    assert opened and opened[0]["articles"] == 5


def test_review_without_a_terminal_is_a_usage_error(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    result = runner.invoke(main, ["--db", str(db_path), "review"])
    assert result.exit_code == 2
    assert "needs a terminal" in result.output
