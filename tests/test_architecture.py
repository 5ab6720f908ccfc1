"""The layers the README states hold (import-linter contracts in pyproject.toml); each contract is shown to bite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

LINT = (
    "import sys; from importlinter.cli import lint_imports_command as c; "
    "sys.exit(c.main(standalone_mode=False, args=['--no-cache']))"
)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    # cwd first on sys.path, so the package under ``root`` is the one analysed; the timeout only guards a hang
    return subprocess.run([sys.executable, "-c", LINT], cwd=root, capture_output=True, text=True, timeout=900)


def test_import_contracts_hold() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def broken_by(tmp_path: Path, module: str, source: str) -> str:
    """lint-imports on a copy of the package with one probe module added; its report of broken contracts."""
    shutil.copytree(REPO / "workbench", tmp_path / "workbench", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "workbench" / Path(*module.split("."))).with_suffix(".py").write_text(source)
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        ("pipeline._contract_probe", "import textual  # probe\n", "The core never imports Textual BROKEN"),
        (
            "pipeline._contract_probe",
            "import workbench.store.repository  # probe\n",
            "The pipeline imports nothing above models BROKEN",
        ),
        (
            "cli._contract_probe",
            "import workbench.pipeline.reader  # probe\n",
            "The CLI and the TUI call services only BROKEN",
        ),
        ("services._contract_probe", "import workbench.export.jsonl  # probe\n", "Layers: cli > tui > export"),
        (
            "pipeline.quotes._contract_probe",
            "import workbench.pipeline.claims.lexicon  # probe\n",
            "Claims and quotes are independent",
        ),
    ],
)
def test_each_contract_catches_a_violation(tmp_path: Path, module: str, source: str, contract: str) -> None:
    """The contracts are real: a probe module importing across a boundary breaks exactly the contract guarding it."""
    report = broken_by(tmp_path, module, source)
    assert contract in report and f"workbench.{module}" in report, report
