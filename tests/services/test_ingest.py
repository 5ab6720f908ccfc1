"""Ingest: identity by content, versions, per-file problems, all-or-nothing articles, metadata from manifests."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, SEEDS, fresh_db, listed, write_bytes
from workbench.services.ingest import IngestProgress, ingest_paths
from workbench.services.review import ReviewError
from workbench.store import search
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def test_seeds_ingest_with_outlet_and_date_then_are_unchanged(store: Store, tmp_path: Path) -> None:
    seeds = seed_copy(tmp_path)
    first = ingest_paths(store, [seeds], workers=1)
    assert (first.ingested, first.unchanged, first.new_versions, first.rejected) == (5, 0, 0, [])
    rows = {r["source"]: (r["outlet"], r["published"]) for r in store.list_articles()}
    assert rows["001_3ce812547ec02d89.txt"] == ("Breitbart", "2023-06-13")
    assert rows["003_7479094391d83e34.txt"] == ("Al Mayadeen (reposted)", "2022-06-11")
    assert len(rows) == 5
    again = ingest_paths(store, [seeds], workers=1)
    assert (again.ingested, again.unchanged, again.new_versions) == (0, 5, 0)
    assert store.counts()["versions"] == 5


def test_stored_text_matches_offsets_of_every_item(store: Store, tmp_path: Path) -> None:
    report = ingest_paths(store, [seed_copy(tmp_path)], workers=1)
    for article_id in report.article_ids:
        text = store.article_text(article_id)
        assert text is not None
        for claim in store.claims_of_article(article_id):
            assert text[claim.start : claim.end] == claim.mention
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        for quote in store.quotes_of_article(article_id):
            assert text[quote.start : quote.end] == quote.text


def test_changed_text_becomes_a_new_version_and_the_old_is_kept(store: Store, tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "story.txt", ARTICLE.encode())
    first = ingest_paths(store, [path], workers=1)
    path.write_text(ARTICLE.replace("$3 billion", "$3.2 billion"), encoding="utf-8")
    second = ingest_paths(store, [path], workers=1)
    assert (second.ingested, second.new_versions) == (0, 1)
    old, new = first.article_ids[0], second.article_ids[0]
    versions = store.db.execute("SELECT id, version, superseded_by FROM articles ORDER BY version").fetchall()
    assert versions == [(old, 1, new), (new, 2, None)]
    assert [a["id"] for a in store.list_articles()] == [new]
    assert "$3.2 billion" in (store.article_text(new) or "")
    # the original content again is neither new nor a third version, and not silently "unchanged" either: the
    # current version still holds the edited text, so the reader is told
    path.write_text(ARTICLE, encoding="utf-8")
    third = ingest_paths(store, [path], workers=1)
    assert (third.ingested, third.new_versions, third.unchanged) == (0, 0, 0)
    assert [str(p) for p in third.rejected] == [
        f"{path}: this text is version 1 of 'story.txt', but version 2 is current; going back to an earlier text "
        "is not supported, so nothing was changed (edit the text, or ingest it under another name)"
    ]
    assert [a["id"] for a in store.list_articles()] == [new]
    # the current text again is plainly unchanged
    path.write_text(ARTICLE.replace("$3 billion", "$3.2 billion"), encoding="utf-8")
    assert ingest_paths(store, [path], workers=1).unchanged == 1


def test_reviews_that_cannot_be_carried_over_keep_the_old_version_current(store: Store, tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "story.txt", ARTICLE.encode())
    (old,) = ingest_paths(store, [path], workers=1).article_ids

    def refuse(store: Store, previous: int, new: int) -> None:
        raise ReviewError(f"review of {previous} is locked")

    path.write_text(ARTICLE.replace("$3 billion", "$3.2 billion"), encoding="utf-8")
    report = ingest_paths(store, [path], workers=1, on_new_version=refuse)
    assert (report.new_versions, report.article_ids) == (0, [])
    assert [str(p) for p in report.rejected] == [
        f"{path}: its reviews could not be carried over to the new version (review of {old} is locked); the new "
        "version was not stored"
    ]
    assert store.db.execute("SELECT id, superseded_by FROM articles").fetchall() == [(old, None)]


def test_same_text_under_two_names_is_two_articles(store: Store, tmp_path: Path) -> None:
    write_bytes(tmp_path / "in", "outlet-a.txt", ARTICLE.encode())
    write_bytes(tmp_path / "in", "outlet-b.txt", ARTICLE.encode())
    report = ingest_paths(store, [tmp_path / "in"], workers=1)
    assert report.ingested == 2


def test_bad_files_are_reported_and_the_rest_goes_in(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    write_bytes(folder, "good.txt", ARTICLE.encode())
    write_bytes(folder, "199.txt", "a \u00a315.8m signing".encode("cp1252"))
    write_bytes(folder, "empty.txt", b"")
    write_bytes(folder, "png.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write_bytes(folder, "lines.jsonl", (json.dumps({"id": "j1", "text": ARTICLE}) + "\n{oops\n").encode())
    report = ingest_paths(store, [folder], workers=1)
    assert report.ingested == 2
    assert sorted(Path(p.label.split(" line ")[0]).name for p in report.rejected) == [
        "199.txt",
        "lines.jsonl",
        "png.txt",
    ]
    assert [Path(p.label).name for p in report.skipped] == ["empty.txt"]
    assert not report.ok


def test_a_failure_while_storing_leaves_no_partial_article(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "batch"
    write_bytes(folder, "a.txt", ARTICLE.encode())
    write_bytes(folder, "b.txt", ARTICLE.replace("Monday", "Tuesday").encode())
    original = Store._insert_quotes

    def failing(self: Store, article_id: int, quotes: list) -> None:  # type: ignore[type-arg]
        original(self, article_id, quotes)
        if self.db.execute("SELECT source FROM articles WHERE id = ?", [article_id]).fetchone()[0] == "b.txt":
            raise OSError("disk full")

    monkeypatch.setattr(Store, "_insert_quotes", failing)
    with pytest.raises(OSError):
        ingest_paths(store, [folder], workers=1)
    assert [r[0] for r in store.db.execute("SELECT source FROM articles")] == ["a.txt"]
    for table in ("claims", "quotes", "sentences"):
        orphans = store.db.execute(
            f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0


def test_parallel_and_serial_ingest_store_the_same(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    lines = "".join(
        json.dumps({"id": f"n{i}", "text": ARTICLE.replace("Monday", f"day {i}"), "outlet": f"O{i % 3}"}) + "\n"
        for i in range(30)
    )
    path = write_bytes(tmp_path, "many.jsonl", lines.encode())
    results = []
    for workers in (1, 2):
        with fresh_db(engine, tmp_path / f"w{workers}", request) as db, Store.open(db) as store:
            report = ingest_paths(store, [path], workers=workers)
            assert report.ingested == 30
            results.append([(r["source"], r["mention"], r["value"]) for r in listed(store, "claims")])
            # indexed once per committed batch, not per article: still every item, nothing left pending
            assert search.pending(store.db) == 0
            key = "rowid" if engine == "sqlite" else "id"  # the item's id in the index: FTS5's rowid, tsvector's id
            for table, (index, _) in search.INDEXES.items():
                items = [row[0] for row in store.db.execute(f"SELECT id FROM {table} ORDER BY id")]
                assert items and items == [row[0] for row in store.db.execute(f"SELECT {key} FROM {index} ORDER BY 1")]
            assert len(list(search.matching_ids(store.db, "quotes", "invincible"))) == 30
    assert results[0] == results[1]


def test_every_item_is_clustered_after_ingest(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [seed_copy(tmp_path)], workers=1)
    for table in ("claims", "quotes"):
        assert store.db.execute(f"SELECT count(*) FROM {table} WHERE cluster_id IS NULL").fetchone()[0] == 0


def test_an_extractor_bug_rejects_that_article_only(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.services.ingest as ingest_module

    real = ingest_module.analyze_text

    def flaky(text: str, published: str | None = None, language: str = "en"):  # type: ignore[no-untyped-def]
        if "poison" in text:
            raise AttributeError("'NoneType' object has no attribute 'end'")
        return real(text, published, language)

    monkeypatch.setattr(ingest_module, "analyze_text", flaky)
    write_bytes(tmp_path / "in", "a.txt", ARTICLE.encode())
    write_bytes(tmp_path / "in", "b.txt", b"This poison pill breaks the extractor.")
    report = ingest_paths(store, [tmp_path / "in"], workers=1)
    assert report.ingested == 1
    assert len(report.rejected) == 1 and report.rejected[0].label.endswith("b.txt")
    assert "internal error while extracting (AttributeError" in report.rejected[0].reason


@pytest.mark.parametrize("published", ["0001-11-30", "1899-12-31", "2999-01-01"])
def test_implausible_publication_dates_are_unknown_with_a_warning(store: Store, tmp_path: Path, published: str) -> None:
    """Before 1900 or in the future: a typo or a placeholder. Kept, the article sorted first in every list and
    "March 9" in it became year 2."""
    line = json.dumps(
        {
            "id": "odd-1",
            "outlet": "Wire",
            "published": published,
            "text": "The summit opened on March 9 with 45 delegations.",
        }
    )
    folder = write_bytes(tmp_path / "in", "batch.jsonl", (line + "\n").encode()).parent
    report = ingest_paths(store, [folder], workers=1)
    assert report.ingested == 1 and report.ok
    (warning,) = [str(w) for w in report.warnings]
    assert f"published {published!r} is implausible" in warning and "stored without a date" in warning
    (article,) = store.list_articles()
    assert article["published"] is None
    (march,) = [c for c in store.claims_of_article(article["id"]) if c.kind == "date"]
    assert march.value == 309  # month and day only: no year was inferred from the bad date


def _write_lock_free(db_path: Path) -> bool:
    """Whether another process could take the write lock right now, without waiting: SQLite's BEGIN IMMEDIATE, or
    on PostgreSQL the advisory lock every writer takes (store/pg.py)."""
    if str(db_path).startswith("postgresql:"):
        import psycopg

        from workbench.store.pg import WRITE_LOCK

        with psycopg.connect(str(db_path), autocommit=True) as other:
            row = other.execute("SELECT pg_try_advisory_lock(%s)", [WRITE_LOCK]).fetchone()
            return bool(row and row[0])  # the session lock ends with the connection
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_no_extraction_runs_while_the_ingest_holds_the_write_lock(
    store: Store, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles are committed in batches, but a reviewer's write must never wait on an extraction."""
    import workbench.services.ingest as ingest_module

    real = ingest_module.analyze_text
    lock_free: list[bool] = []

    def probing(text: str, published: str | None = None, language: str = "en"):  # type: ignore[no-untyped-def]
        lock_free.append(_write_lock_free(db_path))
        return real(text, published, language)

    monkeypatch.setattr(ingest_module, "analyze_text", probing)
    for i in range(4):
        write_bytes(tmp_path / "in", f"{i}.txt", ARTICLE.replace("Monday", f"day {i}").encode())
    report = ingest_paths(store, [tmp_path / "in"], workers=1)
    assert report.ingested == 4
    assert lock_free == [True] * 4
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_an_error_after_some_articles_keeps_those_articles_whole(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch open when the run dies of an error keeps the articles it stored whole (no partial one)."""
    import workbench.services.ingest as ingest_module

    real = ingest_module.analyze_text

    def crashing(text: str, published: str | None = None, language: str = "en"):  # type: ignore[no-untyped-def]
        if "day 2" in text:
            raise KeyboardInterrupt
        return real(text, published, language)

    monkeypatch.setattr(ingest_module, "analyze_text", crashing)
    for i in range(4):
        write_bytes(tmp_path / "in", f"{i}.txt", ARTICLE.replace("Monday", f"day {i}").encode())
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [tmp_path / "in"], workers=1)
    assert [r[0] for r in store.db.execute("SELECT source FROM articles ORDER BY id")] == ["0.txt", "1.txt"]
    assert not store.db.conn.in_transaction
    per_article = [r[0] for r in store.db.execute("SELECT count(*) FROM claims GROUP BY article_id")]
    assert len(per_article) == 2 and per_article[0] == per_article[1] > 0  # both with all their claims


@pytest.mark.sqlite_only  # SQLite's temp_store setting
def test_articles_are_stored_with_their_savepoints_in_memory(store: Store, tmp_path: Path) -> None:
    """The storing phase journals each article's savepoint in memory (a temporary file cost a quarter of its CPU);
    clustering afterwards, whose savepoints span whole tables, and the connection after the ingest do not."""
    seen: list[tuple[str, int]] = []
    temp_store = lambda: store.db.execute("PRAGMA temp_store").fetchone()[0]  # noqa: E731

    class Watch(IngestProgress):
        def advance(self, done_bytes: int, label: str) -> None:
            seen.append(("storing", temp_store()))

        def phase(self, name: str) -> None:
            seen.append((name, temp_store()))

    report = ingest_paths(store, [seed_copy(tmp_path)], workers=1, progress=Watch())
    assert report.ingested == 5
    assert seen.count(("storing", 2)) == 5
    assert ("stories", 0) in seen and ("clustering claims", 0) in seen
    assert temp_store() == 0
