"""Hostile inputs cost one message each: lone surrogates, deep nesting, symlink loops, FIFOs, devices, sizes over the
limit while reading, unreadable folders, empty JSONL files, file names that are not UTF-8."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, write_bytes
from workbench.pipeline import reader
from workbench.pipeline.reader import ArticleInput, InputRejected, Problem, discover, read_inputs, read_limited
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


def read_all(*paths: Path) -> list[ArticleInput | Problem]:
    found = discover(paths)
    return [*found.problems, *(item for item, _ in read_inputs(found.files, roots=found.roots))]


def _lines(folder: Path, name: str, lines: list[str]) -> Path:
    return write_bytes(folder, name, ("\n".join(lines) + "\n").encode())


def test_a_lone_surrogate_is_replaced_with_a_warning_and_the_batch_goes_on(store: Store, tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": ARTICLE.replace("Monday", f"day {i}")}) for i in range(5)]
    lines[2] = '{"id": "bad", "title": "T \\udc00", "text": "Pay rose 5% \\ud83d today, officials said."}'
    path = _lines(tmp_path, "feed.jsonl", lines)
    report = ingest_paths(store, [path], workers=1)
    assert (report.ingested, report.rejected) == (5, [])
    warned = [str(w) for w in report.warnings if "surrogate" in w.reason]
    assert warned == [
        f'{path} line 3: "title" holds 1 lone surrogate (first \\udc00 at character 2), which is not valid Unicode; '
        "replaced by U+FFFD",
        f'{path} line 3: "text" holds 1 lone surrogate (first \\ud83d at character 12), which is not valid Unicode; '
        "replaced by U+FFFD",
    ]
    bad = next(a for a in store.list_articles() if a["source"] == "bad")
    assert store.article_text(bad["id"]) == "Pay rose 5% \ufffd today, officials said."
    assert store.db.execute("SELECT count(*) FROM claims WHERE cluster_id IS NULL").fetchone()[0] == 0


def test_json_nested_too_deeply_is_one_problem(tmp_path: Path) -> None:
    deep = '{"text": ' + "[" * 200_000 + "]" * 200_000 + "}"
    path = _lines(tmp_path, "deep.jsonl", [deep, json.dumps({"id": "ok", "text": "Fine."})])
    items = read_all(path)
    assert [i.reason if isinstance(i, Problem) else i.source for i in items] == [
        "JSON nested too deeply to read (an article is one flat object)",
        "ok",
    ]


@posix_only
def test_symlink_loops_and_broken_links_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_bytes(folder, "good.txt", b"A story.")
    os.symlink(folder / "b.txt", folder / "a.txt")
    os.symlink(folder / "a.txt", folder / "b.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    items = read_all(folder)
    problems = {Path(i.label).name: i.reason for i in items if isinstance(i, Problem)}
    assert problems == {
        "a.txt": "symbolic link loop (the link leads back to itself); skipped",
        "b.txt": "symbolic link loop (the link leads back to itself); skipped",
        "dangling.txt": f"broken symbolic link (to {str(folder / 'gone.txt')!r}); skipped",
    }
    assert [i.source for i in items if isinstance(i, ArticleInput)] == ["good.txt"]


def _within(seconds: float, work):  # noqa: ANN001, ANN202 - a test helper
    """Run ``work`` in a thread; a read that blocks (a FIFO without a writer) fails the test instead of hanging."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "reading blocked"
    return result[0]


@posix_only
def test_a_fifo_and_a_link_to_a_device_are_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_bytes(folder, "good.txt", b"A story.")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.jsonl")
    os.symlink("/dev/zero", folder / "zero.txt")
    items = _within(20, lambda: read_all(folder))
    problems = {Path(i.label).name: i.reason for i in items if isinstance(i, Problem)}
    assert problems == {
        "pipe.txt": "not a regular file (a FIFO or named pipe); skipped",
        "pipe.jsonl": "not a regular file (a FIFO or named pipe); skipped",
        "zero.txt": "not a regular file (a character device); skipped",
    }
    assert [i.source for i in items if isinstance(i, ArticleInput)] == ["good.txt"]


def test_the_size_limit_holds_while_reading(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A file that says it is empty (as /proc files do) but never ends: reading stops just past the limit."""
    monkeypatch.setattr(reader, "MAX_ARTICLE_BYTES", 3 * 2**20)
    empty = write_bytes(tmp_path, "e.txt", b"")
    served = 0

    class Endless(io.RawIOBase):
        def fileno(self) -> int:
            return handle.fileno()

        def read(self, size: int = -1) -> bytes:
            nonlocal served
            size = 1 << 20 if size is None or size < 0 else min(size, 1 << 20)
            served += size
            return b"x" * size

    with open(empty, "rb") as handle:
        monkeypatch.setattr(reader, "open_regular", lambda path: Endless())
        with pytest.raises(InputRejected, match="more than 3.0 MiB \\(reading stopped there\\), over the 3 MiB"):
            read_limited(empty)
    assert served <= 4 * 2**20 + 1


def test_a_file_over_the_limit_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reader, "MAX_ARTICLE_BYTES", 2**20)
    big = write_bytes(tmp_path, "big.txt", b"word " * 300_000)
    [problem] = read_all(big)
    assert isinstance(problem, Problem)
    assert problem.reason == "file is 1.4 MiB, over the 1 MiB limit for one article"


def test_a_jsonl_line_over_the_limit_is_skipped_and_the_next_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(reader, "MAX_ARTICLE_BYTES", 2**20)
    long = json.dumps({"id": "long", "text": "word " * 400_000})
    path = _lines(tmp_path, "feed.jsonl", [long, json.dumps({"id": "short", "text": "Fine."})])
    items = read_all(path)
    assert [(i.label.rsplit(" ", 2)[-2:], i.reason) if isinstance(i, Problem) else i.source for i in items] == [
        (["line", "1"], "line is over the 1 MiB limit for one article; skipped"),
        "short",
    ]


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf", "has only blank lines (or a byte order mark)"),
        (b"\n\n  \n", "has only blank lines (or a byte order mark)"),
    ],
)
def test_an_empty_jsonl_file_gets_a_message(tmp_path: Path, data: bytes, what: str) -> None:
    path = write_bytes(tmp_path, "empty.jsonl", data)
    [problem] = read_all(path)
    assert isinstance(problem, Problem)
    assert (problem.severity, problem.reason) == ("skipped", f"no articles: the file {what}")


def test_an_unreadable_sub_folder_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_bytes(folder, "good.txt", b"A story.")
    write_bytes(folder / "locked", "hidden.txt", b"Another story.")
    locked = str(folder / "locked")
    real_scandir = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202 - what a mode-000 folder does for a user who is not root
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = read_all(folder)
    assert [str(i) for i in items if isinstance(i, Problem)] == [
        f"{locked}: cannot read this folder (Permission denied); the files in it were skipped"
    ]
    assert [i.source for i in items if isinstance(i, ArticleInput)] == ["good.txt"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads mode-000 folders")
def test_a_mode_000_sub_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_bytes(folder / "locked", "hidden.txt", b"Another story.")
    (folder / "locked").chmod(0)
    try:
        items = read_all(folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert [i.reason for i in items] == ["cannot read this folder (Permission denied); the files in it were skipped"]


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_file_name_that_is_not_utf8_is_stored_printably(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))).write_text(ARTICLE, encoding="utf-8")
    report = ingest_paths(store, [folder], workers=1)
    assert (report.ingested, report.rejected) == (1, [])
    assert [a["source"] for a in store.list_articles()] == ["caf\\xe9.txt"]
    assert ingest_paths(store, [folder], workers=1).unchanged == 1
