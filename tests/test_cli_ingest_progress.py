"""What `workbench ingest` tells a user as it goes and at the end: phases, periodic plain lines, the counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS, write_bytes
from workbench.cli import main
from workbench.cli.ingest import PlainIngestProgress
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

COUNTS = re.compile(
    r"^(\d+) articles, (\d+) claims, (\d+) quotes, (\d+) clusters, (\d+) conflicts, (\d+) stories "
    r"\((\d+) of several articles\), (\d+) rejected in [\d.]+ s$"
)


def progress_lines(output: str) -> list[str]:
    """The plain progress lines without their elapsed seconds."""
    return [re.sub(r" \(\d+ s\)$", "", line) for line in output.splitlines() if line.startswith("ingest: ")]


def counts_line(output: str) -> tuple[int, ...]:
    found = [COUNTS.match(line) for line in output.splitlines()]
    matches = [m for m in found if m]
    assert len(matches) == 1, output
    return tuple(int(n) for n in matches[0].groups())


def stored_counts(db: Path) -> tuple[int, ...]:
    with Store.open(db) as store:
        one = store.db.execute
        return (
            one("SELECT count(*) FROM articles").fetchone()[0],
            one("SELECT count(*) FROM claims").fetchone()[0],
            one("SELECT count(*) FROM quotes").fetchone()[0],
            one(
                "SELECT (SELECT count(DISTINCT cluster_id) FROM claims) + "
                "(SELECT count(DISTINCT cluster_id) FROM quotes)"
            ).fetchone()[0],
            one("SELECT count(*) FROM cluster_conflicts").fetchone()[0],
            one("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0],
            len(store.shared_stories()),
        )


def test_ingest_to_a_pipe_prints_each_phase_then_the_counts_of_what_it_stored(tmp_path: Path, db_path: Path) -> None:
    db = db_path
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(SEEDS)])
    assert result.exit_code == 0, result.output
    lines = progress_lines(result.output)
    assert lines[0] == "ingest: extracting"
    assert re.fullmatch(r"ingest: extracting 100% of [\d.]+ kB, 5 inputs read", lines[-4]), lines
    assert lines[-3:] == ["ingest: stories", "ingest: clustering quotes", "ingest: clustering claims"]
    articles, claims, quotes, clusters, conflicts, stories, shared, rejected = counts_line(result.output)
    assert (articles, claims, quotes, clusters, conflicts, stories, shared) == stored_counts(db)
    assert rejected == 0 and claims > 0 and quotes > 0 and 0 < shared < stories < articles


def test_a_rerun_counts_nothing_new_and_skips_clustering(tmp_path: Path, db_path: Path) -> None:
    db = db_path
    CliRunner().invoke(main, ["--db", str(db), "ingest", str(SEEDS)])
    again = CliRunner().invoke(main, ["--db", str(db), "ingest", str(SEEDS)])
    assert again.exit_code == 0, again.output
    assert counts_line(again.output) == (0, 0, 0, 0, 0, 0, 0, 0)
    assert "ingest: clustering quotes" not in progress_lines(again.output)


def test_rejected_inputs_are_counted(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    write_bytes(folder, "good.txt", (SEEDS / "000_513bc50b4b9a9dea.txt").read_bytes())
    write_bytes(folder, "bad.txt", b"broken \xc3\x28 bytes")
    result = CliRunner().invoke(main, ["--db", str(db_path), "ingest", str(folder)])
    assert result.exit_code == 1
    assert counts_line(result.output)[0] == 1 and counts_line(result.output)[-1] == 1


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_prints_a_line_per_interval_not_per_article(capsys: object) -> None:
    clock = FakeClock()
    progress = PlainIngestProgress(interval=5.0, clock=clock)
    with progress:
        progress.phase("extracting")
        progress.start(1_000_000)
        for article in range(1, 11):
            clock.now += 1.0  # one article a second: a line every fifth, none repeated when the phase ends
            progress.advance(article * 100_000, f"a{article}.txt")
        progress.phase("stories")
    lines = capsys.readouterr().err.splitlines()  # type: ignore[attr-defined]
    assert lines == [
        "ingest: extracting (0 s)",
        "ingest: extracting 50% of 1.0 MB, 5 inputs read (5 s)",
        "ingest: extracting 100% of 1.0 MB, 10 inputs read (10 s)",
        "ingest: stories (10 s)",
    ]
