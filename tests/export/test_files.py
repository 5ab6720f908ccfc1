"""Exports appear whole or not at all, and never overwrite one another."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from workbench.cli import main
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

if sys.platform != "win32":
    import resource

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


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
def test_a_full_disk_is_one_line_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A file-size limit makes every write past 16 KiB fail the way a full disk does (an OSError on write and on
    the flush at close); the export says so in one line and removes its temporary files."""
    db = tmp_path / "s.db"
    ingest = [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", str(SEEDS)]
    assert subprocess.run(ingest, capture_output=True).returncode == 0

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    out = tmp_path / "out"
    export = [sys.executable, "-m", "workbench", "--db", str(db), "export", "jsonl", "--out", str(out)]
    reader = sqlite3.connect(db)  # keeps the WAL index (32 KiB) in place, as a colleague's open TUI would
    reader.execute("SELECT count(*) FROM articles").fetchone()
    try:
        result = subprocess.run(export, capture_output=True, text=True, preexec_fn=small_disk, timeout=120)
    finally:
        reader.close()
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"Error: cannot write the export into {out}: File too large"], result.stderr
    assert list(out.iterdir()) == []


def test_leftovers_of_a_killed_export_are_removed_by_the_next(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".claims-20240501-101500.csv.{dead_pid}.k2j4h1x9.tmp"
    running = tmp_path / f".quotes-20240501-101500.csv.{os.getppid()}.ab12cd34.tmp"  # a live writer's
    foreign = tmp_path / ".notes.tmp"
    for path in (stale, running, foreign):
        path.write_text("half", encoding="utf-8")
    with AtomicFiles() as files:
        files.open(tmp_path / "claims.csv").write("id\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["claims.csv", running.name, foreign.name])


SIGTERM_MIDWAY = """
import os, signal, sys
from workbench.cli import main
from workbench.export import csv_export

original = csv_export.tracked

def tracked(rows, progress, label, total):
    for number, row in enumerate(original(rows, progress, label, total)):
        if number == 3:
            os.kill(os.getpid(), signal.SIGTERM)
        yield row

csv_export.tracked = tracked
main(sys.argv[1:])
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def assert_sigterm_midway_leaves_nothing(tmp_path: Path, script: str = SIGTERM_MIDWAY) -> None:
    """The seeds exported to CSV by ``script``, which sends itself SIGTERM half-way: it dies of that signal, with no
    traceback, and leaves no file in the output folder."""
    db = tmp_path / "s.db"
    ingest = [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", str(SEEDS)]
    assert subprocess.run(ingest, capture_output=True).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", script, "--db", str(db), "export", "csv", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_sigterm_during_an_export_leaves_nothing_behind(tmp_path: Path) -> None:
    assert_sigterm_midway_leaves_nothing(tmp_path)


@pytest.fixture
def seeded_db(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        assert ingest_paths(store, [SEEDS], workers=1).ingested == 5
    return db


@pytest.mark.parametrize("where", ["under-a-file", "dev-null", "read-only"])
def test_an_export_that_cannot_be_written_is_one_line(
    seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = {
        "under-a-file": tmp_path / "a-file" / "exports",
        "dev-null": Path(os.devnull),
        "read-only": tmp_path / "locked",
    }[where]
    if where == "read-only":  # what a folder without write permission does (root would write anyway)

        def refused(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", str(out))

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    runner = CliRunner()
    for command in (
        ["export", "csv"],
        ["export", "jsonl"],
        ["export", "claimreview", "--org", "Desk", "--base-url", "https://desk.example/checks/"],
    ):
        result = runner.invoke(main, ["--db", str(seeded_db), *command, "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit)
        lines = [line for line in result.output.splitlines() if line.strip()]
        reason = (
            "Permission denied" if where == "read-only" else "a file is in the way (an export needs a folder there)"
        )
        assert lines == [f"Error: cannot write the export into {out}: {reason}"], result.output
    assert not list(tmp_path.rglob("*.tmp"))


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
