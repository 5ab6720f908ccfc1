"""Exports whose second file is written by a second process: the same bytes as one process writes, and nothing
half-written when either process fails."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.export.conftest import Sample
from tests.export.test_files import SIGTERM_MIDWAY, assert_sigterm_midway_leaves_nothing
from workbench.export import csv_export, jsonl, parallel
from workbench.export.csv_export import export_csv
from workbench.export.jsonl import export_jsonl
from workbench.services.review import ReviewService
from workbench.store.exports import ExportFilter
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def second_processes(monkeypatch: pytest.MonkeyPatch) -> list[parallel.SecondProcess[Any]]:
    """Every export takes a second process, however small; the list holds the ones started."""
    started: list[parallel.SecondProcess[Any]] = []

    class Recorded(parallel.SecondProcess[Any]):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            started.append(self)

    monkeypatch.setattr(parallel, "PARALLEL_MIN_ROWS", 0)
    monkeypatch.setattr(csv_export, "SecondProcess", Recorded)
    monkeypatch.setattr(jsonl, "SecondProcess", Recorded)
    return started


def reviewed(sample: Sample) -> Store:
    """The sample with what makes export rows differ: a cluster verdict with a source and reference figure, an
    item's own verdict, and a claim whose offsets miss its text (reported, not written)."""
    review = ReviewService(sample.store, "ana")
    claims = {row["mention"]: row for row in sample.store.rows("SELECT id, cluster_id, mention FROM claims")}
    cluster = ("claim_cluster", claims["more than $3 billion"]["cluster_id"])
    review.set_verdict(cluster, "mostly_true", "=1+2 the official figure is close")
    review.add_source(cluster, "https://stats.example/trade", reference_value=3.2e9, reference_unit="USD")
    review.set_verdict(("claim", claims["-1.3 percent"]["id"]), "false", 'said "fell", rose')
    sample.store.db.execute("UPDATE claims SET start = start + 1 WHERE mention = '$600 million'")
    return sample.store


def files(folder: Path) -> dict[str, bytes]:
    return {path.name.split("-")[0]: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("excel", [False, True])
def test_csv_written_by_two_processes_is_byte_identical(
    sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, excel: bool
) -> None:
    store = reviewed(sample)
    one = export_csv(store, tmp_path / "one", excel=excel)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ROWS", 0)
    started: list[object] = []
    monkeypatch.setattr(csv_export, "SecondProcess", lambda *a: started.append(a) or parallel.SecondProcess(*a))
    two = export_csv(store, tmp_path / "two", excel=excel)
    assert [call[3] for call in started] == ["claims"]  # (store, work, temporary file, table, ...)
    assert two.written == one.written == {"claims": 4, "quotes": 2}
    assert list(two.paths) == ["claims", "quotes"]
    written = files(tmp_path / "two")
    assert written == files(tmp_path / "one")
    assert b"mostly_true" in written["claims"] and b"https://stats.example/trade" in written["claims"]
    assert written["claims"].startswith(b"\xef\xbb\xbf") == excel
    assert not [path for path in (tmp_path / "two").iterdir() if path.name.startswith(".")]


def test_a_blind_export_of_some_ids_by_two_processes_is_byte_identical(
    sample: Sample, tmp_path: Path, second_processes: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filter goes to the second process too, a one-pass iterator of ids included."""
    store = reviewed(sample)
    ids = [row["id"] for row in store.rows("SELECT id FROM claims WHERE kind = 'money'")]
    export_csv(store, tmp_path / "two", ExportFilter(blind_for="ana", ids=iter(ids)))
    assert len(second_processes) == 1
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ROWS", 10**9)
    export_csv(store, tmp_path / "one", ExportFilter(blind_for="ana", ids=ids))
    written = files(tmp_path / "two")
    assert written == files(tmp_path / "one")
    rows = written["claims"].split(b"\r\n")[1:-1]
    assert len(rows) == 3 and all(row.endswith(b',"ana"') for row in rows) and b"-1.3" not in written["claims"]


def test_jsonl_written_by_two_processes_is_byte_identical(
    sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = reviewed(sample)
    one = export_jsonl(store, tmp_path / "one")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ROWS", 0)
    two = export_jsonl(store, tmp_path / "two")
    assert two.written == one.written == {"articles": 2, "claims": 3, "quotes": 2, "stories": 1}
    assert two.problems == one.problems and "$600 million" in two.problems[0] and len(two.problems) == 1
    assert files(tmp_path / "two") == files(tmp_path / "one")
    assert set(files(tmp_path / "two")) == {"articles.jsonl", "claims.jsonl", "quotes.jsonl", "stories.jsonl"}


def test_a_failure_here_stops_the_second_process_and_leaves_no_file(
    sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second_processes: list[Any]
) -> None:
    def explode(*args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(csv_export, "csv_line", explode)  # only this process's rows: the second one is spawned
    with pytest.raises(KeyboardInterrupt):
        export_csv(sample.store, tmp_path / "out")
    assert len(second_processes) == 1
    assert list((tmp_path / "out").iterdir()) == []
    assert multiprocessing.active_children() == []


@pytest.mark.sqlite_only
def test_a_failure_in_the_second_process_is_raised_here_and_leaves_no_file(
    sample: Sample, tmp_path: Path, second_processes: list[Any]
) -> None:
    """The second process opens the database by its path; a file that is no database there makes it fail."""
    database = Path(sample.store.path)
    stand_in = database.with_name("stand-in.db")
    stand_in.write_bytes(b"not a database " * 100)
    os.replace(stand_in, database)  # this process keeps reading the files it opened
    for journal in ("-wal", "-shm"):  # the write-ahead log still holds every page of the database
        database.with_name(database.name + journal).unlink()
    with pytest.raises(Exception, match="not a database|not a workbench database|file is not a database"):
        export_jsonl(sample.store, tmp_path / "out")
    assert len(second_processes) == 1
    assert list((tmp_path / "out").iterdir()) == []
    assert multiprocessing.active_children() == []


@pytest.mark.sqlite_only
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_while_two_processes_write_leaves_nothing_behind(tmp_path: Path) -> None:
    script = SIGTERM_MIDWAY.replace(
        "original = csv_export.tracked",
        "from workbench.export import parallel\nparallel.PARALLEL_MIN_ROWS = 0\noriginal = csv_export.tracked",
    )
    assert script != SIGTERM_MIDWAY  # the second process really is forced on
    assert_sigterm_midway_leaves_nothing(tmp_path, script)


UNGUARDED = """
import sys
from pathlib import Path
from workbench.export import parallel
from workbench.export.csv_export import export_csv
from workbench.store.repository import Store

print("the script ran", flush=True)
parallel.PARALLEL_MIN_ROWS = 0
with Store.open(sys.argv[1], readonly=True) as store:
    print(export_csv(store, Path(sys.argv[2])).written, flush=True)
"""


@pytest.mark.sqlite_only
def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    """The second process is spawned; it must not run the calling script again (as multiprocessing does with a
    main module that has a file)."""
    db = tmp_path / "s.db"
    ingest = [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", str(SEEDS)]
    assert subprocess.run(ingest, capture_output=True).returncode == 0
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(db), str(tmp_path / "out")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("the script ran") == 1
    with Store.open(db, readonly=True) as store:
        claims = len(store.rows("SELECT id FROM claims"))
    assert f"'claims': {claims}" in result.stdout and claims > 0
    assert sorted(path.name.split("-")[0] for path in (tmp_path / "out").iterdir()) == ["claims", "quotes"]


def killed_outright(store: Store, progress: object) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def refusing(store: Store, progress: object, words: str) -> int:
    raise ValueError(f"{words} ({store.scalar('SELECT count(*) FROM articles')} articles)")


@pytest.mark.sqlite_only
def test_what_ends_the_second_process_is_raised_here(sample: Sample) -> None:
    refused = pytest.raises(ValueError, match=r"^refused \(2 articles\)$")
    with parallel.SecondProcess(sample.store, refusing, "refused") as second, refused:
        second.result(parallel.ExportProgress())
    killed = pytest.raises(ChildProcessError, match=r"second process stopped \(exit status -9\)")
    with parallel.SecondProcess(sample.store, killed_outright) as second, killed:
        second.result(parallel.ExportProgress())


class Recording(parallel.ExportProgress):
    def __init__(self) -> None:
        self.started: list[tuple[str, int]] = []
        self.done = 0

    def start(self, label: str, total: int) -> None:
        self.started.append((label, total))

    def advance(self, count: int) -> None:
        self.done += count


def test_one_progress_bar_counts_the_rows_of_both_processes(
    sample: Sample, tmp_path: Path, second_processes: list[Any]
) -> None:
    progress = Recording()
    export_csv(sample.store, tmp_path / "csv", progress=progress)
    assert progress.started == [("claims and quotes", 6)] and progress.done == 6
    progress = Recording()
    export_jsonl(sample.store, tmp_path / "jsonl", progress)
    assert progress.started == [("articles, claims, quotes and stories", 9)] and progress.done == 9
    assert len(second_processes) == 2
