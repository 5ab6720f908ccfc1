"""The core stays UI-free and the TUI reaches data only through services (import-linter contracts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; "
         "sys.exit(c.main(standalone_mode=False, args=[]))"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0


def test_contract_would_catch_textual_in_the_core(tmp_path: Path) -> None:
    """The contract is real: a core module importing textual breaks it."""
    offender = REPO / "workbench" / "pipeline" / "_contract_probe.py"
    offender.write_text("import textual  # probe\n", encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; "
             "sys.exit(c.main(standalone_mode=False, args=['--no-cache']))"],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )
    finally:
        offender.unlink()
    assert "BROKEN" in result.stdout and "workbench.pipeline._contract_probe" in result.stdout
