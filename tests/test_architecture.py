"""The core stays UI-free and the TUI reaches data only through services (import-linter contracts)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

LINT = ("import sys; from importlinter.cli import lint_imports_command as c; "
        "sys.exit(c.main(standalone_mode=False, args=['--no-cache']))")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    # cwd first on sys.path, so the package under ``root`` is the one analysed; the timeout only guards a hang
    return subprocess.run([sys.executable, "-c", LINT], cwd=root, capture_output=True, text=True, timeout=900)


def test_import_contracts_hold() -> None:
    result = lint_imports(REPO)
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0


def test_contract_would_catch_textual_in_the_core(tmp_path: Path) -> None:
    """The contract is real: a core module importing textual breaks it (checked on a copy of the package)."""
    shutil.copytree(REPO / "workbench", tmp_path / "workbench", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "workbench" / "pipeline" / "_contract_probe.py").write_text("import textual  # probe\n")
    result = lint_imports(tmp_path)
    assert "BROKEN" in result.stdout and "workbench.pipeline._contract_probe" in result.stdout, result.stdout
