"""Several ingests of the same files at once: each text is stored once, and none of them dies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, write_bytes
from workbench.pipeline.analyze import Analysis
from workbench.services import ingest as ingest_module
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def test_a_text_stored_by_another_ingest_meanwhile_counts_as_unchanged(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_bytes(tmp_path, "story.txt", ARTICLE.encode())
    analyze = ingest_module.safe_analyze
    raced: list[int] = []

    def analyze_while_another_ingest_runs(text: str, published: str | None, language: str) -> Analysis | str:
        if not raced:  # the other process reads, analyses and stores the same file while this one analyses
            raced.append(0)
            with Store.open(db_path) as other:
                raced[0] = ingest_paths(other, [path], workers=1).ingested
        return analyze(text, published, language)

    monkeypatch.setattr(ingest_module, "safe_analyze", analyze_while_another_ingest_runs)
    with Store.open(db_path) as store:
        report = ingest_paths(store, [path], workers=1)
        assert raced == [1]
        assert (report.ingested, report.unchanged, report.new_versions, report.rejected) == (0, 1, 0, [])
        assert store.counts()["versions"] == 1


@pytest.mark.slow
def test_three_concurrent_ingests_of_one_file_all_succeed(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for i in range(3):
        write_bytes(folder, f"story-{i}.txt", (ARTICLE.replace("Monday", f"day {i}") * 40).encode())
    db = db_path
    command = [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", "--workers", "1", str(folder)]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (_stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    totals = [out + err for out, err in outputs]
    assert sum(int(t.split(" ingested")[0].split()[-1]) for t in totals) == 3
    with Store.open(db) as store:
        assert store.counts() == {**store.counts(), "articles": 3, "versions": 3}
