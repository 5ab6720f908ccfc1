"""A re-run of a JSON Lines file ingested whole skips it by fingerprint, without parsing a line; anything less than
whole, or any change to its bytes or encoding, reads it again."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, write_bytes
from workbench.services import ingest as ingest_service
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def lines(count: int, start: int = 0) -> bytes:
    return "".join(
        json.dumps({"id": f"n{i}", "text": ARTICLE.replace("Monday", f"day {i}"), "outlet": "O"}) + "\n"
        for i in range(start, start + count)
    ).encode()


@pytest.fixture
def files_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the reader was asked to read, in order."""
    read: list[Path] = []
    original = ingest_service.read_inputs

    def recording(files, encoding=None, **options):  # type: ignore[no-untyped-def]
        files = list(files)
        read.extend(files)
        return original(files, encoding, **options)

    monkeypatch.setattr(ingest_service, "read_inputs", recording)
    return read


def test_a_rerun_skips_the_whole_file_and_counts_its_articles_unchanged(
    store: Store, tmp_path: Path, files_read: list[Path]
) -> None:
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(lines(4)))
    first = ingest_paths(store, [path], workers=1)
    assert (first.ingested, first.unchanged, first.rejected) == (4, 0, [])
    files_read.clear()
    again = ingest_paths(store, [path], workers=1)
    assert (again.ingested, again.unchanged, again.new_versions, again.rejected) == (0, 4, 0, [])
    assert files_read == []
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_changed_bytes_or_another_encoding_read_the_file_again(
    store: Store, tmp_path: Path, files_read: list[Path]
) -> None:
    path = write_bytes(tmp_path, "batch.jsonl", lines(3))
    ingest_paths(store, [path], workers=1)
    path.write_bytes(lines(4))  # one line more
    grown = ingest_paths(store, [path], workers=1)
    assert (grown.ingested, grown.unchanged) == (1, 3)
    files_read.clear()
    other = ingest_paths(store, [path], workers=1, encoding="latin-1")
    assert files_read == [path] and (other.ingested, other.unchanged) == (0, 4)


def test_a_file_with_a_bad_line_is_read_and_reported_every_time(
    store: Store, tmp_path: Path, files_read: list[Path]
) -> None:
    path = write_bytes(tmp_path, "batch.jsonl", lines(2) + b"{not json\n")
    for _ in range(2):
        files_read.clear()
        report = ingest_paths(store, [path], workers=1)
        assert files_read == [path]
        assert [p.label for p in report.rejected] == [f"{path} line 3"]
    assert store.db.execute("SELECT count(*) FROM ingested_files").fetchone()[0] == 0


def test_a_file_with_warnings_and_a_blank_text_is_skipped_and_says_them_again(
    store: Store, tmp_path: Path, files_read: list[Path]
) -> None:
    odd = [
        {"id": "old", "text": ARTICLE, "outlet": "O", "published": "0001-11-30"},  # implausible date: a warning
        {"id": "blank", "text": "   ", "outlet": "O"},  # nothing to ingest: skipped
    ]
    path = write_bytes(tmp_path, "batch.jsonl", lines(2) + "".join(json.dumps(r) + "\n" for r in odd).encode())
    first = ingest_paths(store, [path], workers=1)
    assert (first.ingested, first.rejected) == (3, [])
    said = [(str(p), p.severity) for p in (*first.warnings, *first.skipped)]
    assert [label for label, _ in said] == [
        f"{path} line 3: published '0001-11-30' is implausible (before 1900); stored without a date, so dates "
        "without a year in the text stay without one",
        f"{path} line 4: no text (whitespace only)",
    ]
    files_read.clear()
    again = ingest_paths(store, [path], workers=1)
    assert files_read == []
    assert (again.ingested, again.unchanged, again.rejected) == (0, 3, [])
    assert [(str(p), p.severity) for p in (*again.warnings, *again.skipped)] == said


def test_a_line_whose_text_changed_is_read_and_stored_as_a_new_version(
    store: Store, tmp_path: Path, files_read: list[Path]
) -> None:
    path = write_bytes(tmp_path, "batch.jsonl", lines(3))
    ingest_paths(store, [path], workers=1)
    path.write_bytes(lines(3).replace(b"day 1", b"day 1, late"))
    changed = ingest_paths(store, [path], workers=1)
    assert files_read[-1:] == [path]
    assert (changed.ingested, changed.new_versions, changed.unchanged) == (0, 1, 2)
    texts = [row[0] for row in store.db.execute("SELECT text FROM articles WHERE superseded_by IS NULL ORDER BY id")]
    assert sum("day 1, late" in text for text in texts) == 1


def test_a_rejected_line_fixed_since_is_ingested_and_the_file_then_skipped(
    store: Store, tmp_path: Path, files_read: list[Path]
) -> None:
    path = write_bytes(tmp_path, "batch.jsonl", lines(2) + b"{not json\n")
    assert len(ingest_paths(store, [path], workers=1).rejected) == 1
    path.write_bytes(lines(3))
    fixed = ingest_paths(store, [path], workers=1)
    assert (fixed.ingested, fixed.unchanged, fixed.rejected) == (1, 2, [])
    files_read.clear()
    assert (ingest_paths(store, [path], workers=1).unchanged, files_read) == (3, [])
