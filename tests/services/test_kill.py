"""An ingest killed with SIGKILL half-way leaves a clean database, and running it again finishes the batch: on
SQLite the file's journal rolls the open transaction back, on PostgreSQL the server does when the connection dies."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ARTICLE
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

N_ARTICLES = 600
# Only against a hang: a loaded machine makes the ingest slower, which must never fail the test.
HANG_GUARD_S = 900


def _count(db_path: Path) -> int:
    """Articles stored so far, read without taking a lock or creating the database."""
    if str(db_path).startswith("postgresql:"):
        import psycopg

        with psycopg.connect(str(db_path), autocommit=True) as pg:
            row = pg.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else 0
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_midway_then_rerun_completes(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(N_ARTICLES):
        body = ARTICLE.replace("Monday", f"day {i}") + f"\nIt was story number {i} of {N_ARTICLES}.\n" * 20
        (folder / f"story-{i:04d}.txt").write_text(body, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "workbench",
        "--db",
        str(db_path),
        "ingest",
        "--quiet",
        "--workers",
        "1",
        str(folder),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + HANG_GUARD_S
    while _count(db_path) < 25:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "ingest hung"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    with Store.open(db_path) as store:
        assert store.integrity_ok()
        stored = store.counts()["articles"]
        assert 25 <= stored < N_ARTICLES
        # whole articles only: every stored article has its sentences, none belongs to a missing article
        assert (
            store.db.execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
            ).fetchone()[0]
            == 0
        )

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_ARTICLES - stored} ingested, {stored} unchanged" in rerun.stderr + rerun.stdout
    with Store.open(db_path) as store:
        assert store.counts()["articles"] == N_ARTICLES
        assert store.db.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0] == N_ARTICLES
        for table in ("claims", "quotes"):
            assert store.db.execute(f"SELECT count(*) FROM {table} WHERE cluster_id IS NULL").fetchone()[0] == 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's (here: init's) reaping is left


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_die_with_a_killed_ingest(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(40):  # a second or so each, and under the size that is extracted window by window in the parent
        (folder / f"story-{i:04d}.txt").write_text(ARTICLE.replace("Monday", f"day {i}") * 400, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "workbench",
        "--db",
        str(db_path),
        "ingest",
        "--quiet",
        "--workers",
        "2",
        str(folder),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 or min(_cpu_seconds(pid) for pid in workers) < 0.5:  # both busy extracting
        assert process.poll() is None and time.monotonic() < deadline, "the ingest never started its workers"
        time.sleep(0.1)
        workers = _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 60  # a guard, not a speed: they poll every 0.5 s, a loaded machine delays that
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)], "worker processes outlived the killed ingest"
