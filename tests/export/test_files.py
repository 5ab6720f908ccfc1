"""Exports appear whole or not at all, and never overwrite one another."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from workbench.export.files import AtomicFiles, current_umask, timestamped_path


def test_files_of_a_batch_appear_together(tmp_path: Path) -> None:
    with AtomicFiles() as files:
        files.open(tmp_path / "a.jsonl").write("{}\n")
        files.open(tmp_path / "b.jsonl").write("{}\n")
        assert list(tmp_path.iterdir()) != [] and not (tmp_path / "a.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "b.jsonl"]


@pytest.mark.parametrize("interruption", [RuntimeError, KeyboardInterrupt])
def test_an_interrupted_batch_changes_nothing(tmp_path: Path, interruption: type[BaseException]) -> None:
    (tmp_path / "a.jsonl").write_text("old\n", encoding="utf-8")
    with pytest.raises(interruption), AtomicFiles() as files:
        files.open(tmp_path / "a.jsonl").write("new\n")
        files.open(tmp_path / "b.jsonl").write("half")
        raise interruption
    assert [p.name for p in tmp_path.iterdir()] == ["a.jsonl"], "no temporary file is left behind"
    assert (tmp_path / "a.jsonl").read_text(encoding="utf-8") == "old\n"


def test_timestamped_names_do_not_collide(tmp_path: Path) -> None:
    first = timestamped_path(tmp_path, "claims", ".csv", "20240501-101500")
    first.write_text("x", encoding="utf-8")
    assert first.name == "claims-20240501-101500.csv"
    assert timestamped_path(tmp_path, "claims", ".csv", "20240501-101500").name == "claims-20240501-101500-2.csv"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_exports_honour_the_umask(tmp_path: Path, umask: int) -> None:
    """Like any file the user creates: 0644 under the usual umask 022, not the 0600 of a temporary file."""
    previous = os.umask(umask)
    try:
        assert current_umask() == umask
        with AtomicFiles() as files:
            files.open(tmp_path / "claims.csv").write("id\r\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "claims.csv").stat().st_mode) == 0o666 & ~umask
