"""Source identity: articles with the same file name in different folders, or the same JSONL id from two files or
two outlets, are different articles; databases stored before the scoped identity are adopted without loss."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ARTICLE, SEEDS, write_bytes
from workbench.cli import main
from workbench.pipeline.reader import content_hash
from workbench.services.ingest import ingest_paths
from workbench.services.review import ReviewService
from workbench.store import db as dbmod
from workbench.store.migrations import MIGRATIONS
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def _bbc(tmp_path: Path) -> Path:
    """The BBC News dataset's layout: the same file names in every category folder."""
    root = tmp_path / "bbc"
    for category in ("business", "politics", "sport"):
        write_bytes(root / category, "001.txt", ARTICLE.replace("Monday", f"a {category} day").encode())
    return root


def test_same_file_name_in_different_folders_is_three_articles(store: Store, tmp_path: Path) -> None:
    report = ingest_paths(store, [_bbc(tmp_path)], workers=1)
    assert (report.ingested, report.new_versions, report.rejected) == (3, 0, [])
    assert sorted(a["source"] for a in store.list_articles()) == [
        "business/001.txt",
        "politics/001.txt",
        "sport/001.txt",
    ]
    again = ingest_paths(store, [tmp_path / "bbc"], workers=1)
    assert (again.ingested, again.unchanged, again.new_versions) == (0, 3, 0)


def test_a_file_named_alone_keeps_the_identity_it_got_with_its_folder(store: Store, tmp_path: Path) -> None:
    root = _bbc(tmp_path)
    ingest_paths(store, [root], workers=1)
    one = root / "politics" / "001.txt"
    assert ingest_paths(store, [one], workers=1).unchanged == 1
    one.write_text(ARTICLE.replace("$3 billion", "$4 billion"), encoding="utf-8")
    changed = ingest_paths(store, [one], workers=1)
    assert (changed.ingested, changed.new_versions) == (0, 1)
    current = {a["source"]: a["version"] for a in store.list_articles()}
    assert current == {"business/001.txt": 1, "politics/001.txt": 2, "sport/001.txt": 1}


def test_a_file_named_alone_is_named_by_its_file_name(store: Store, tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "deep" / "er", "story.txt", ARTICLE.encode())
    ingest_paths(store, [path], workers=1)
    assert [(a["source"], a["source_key"]) for a in store.list_articles()] == [("story.txt", "file:story.txt")]


def _jsonl(folder: Path, name: str, records: list[dict]) -> Path:
    return write_bytes(folder, name, "".join(json.dumps(r) + "\n" for r in records).encode())


def test_one_jsonl_id_from_two_outlets_or_two_files_is_separate_articles(store: Store, tmp_path: Path) -> None:
    a = _jsonl(
        tmp_path / "in",
        "a.jsonl",
        [
            {"id": "42", "outlet": "Mehr", "text": ARTICLE},
            {"id": "42", "outlet": "Breitbart", "text": ARTICLE.replace("Monday", "Tuesday")},
        ],
    )
    b = _jsonl(tmp_path / "in", "b.jsonl", [{"id": "42", "outlet": "Mehr", "text": ARTICLE + "More.\n"}])
    report = ingest_paths(store, [a, b], workers=1)
    assert (report.ingested, report.new_versions) == (3, 0)
    rows = store.list_articles()
    assert [r["source"] for r in rows] == ["42", "42", "42"]
    assert {r["source_key"] for r in rows} == {
        'jsonl:["a.jsonl", "Mehr", "42"]',
        'jsonl:["a.jsonl", "Breitbart", "42"]',
        'jsonl:["b.jsonl", "Mehr", "42"]',
    }
    assert ingest_paths(store, [tmp_path / "in"], workers=1).unchanged == 3


def test_exported_source_is_the_jsonl_id_and_the_seed_file_name(
    runner: CliRunner, tmp_path: Path, db_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    feed = _jsonl(tmp_path, "feed.jsonl", [{"id": "abp-7", "outlet": "ABP", "text": ARTICLE}])
    assert runner.invoke(main, ["--db", str(db_path), "ingest", "-q", str(seeds), str(feed)]).exit_code == 0
    assert runner.invoke(main, ["--db", str(db_path), "export", "jsonl", "--out", "out"]).exit_code == 0
    sources = {json.loads(line)["source"] for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()}
    assert "abp-7" in sources and "001_3ce812547ec02d89.txt" in sources
    assert all("/" not in s and not s.startswith(("file:", "jsonl:")) for s in sources)


def _legacy_db(db_path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """A database as the workbench wrote it before source keys: (source, text, outlet, path) per version."""
    db = dbmod.connect(db_path)
    dbmod.apply_migrations(db, tuple(m for m in MIGRATIONS if m.version <= 2))
    previous = None
    versions: dict[str, int] = {}
    for source, text, outlet, path in rows:
        versions[source] = versions.get(source, 0) + 1
        cursor = db.execute(
            "INSERT INTO articles (source, version, content_hash, outlet, path, text, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'then')",
            [source, versions[source], content_hash(text), outlet, path, text],
        )
        if previous is not None and previous[0] == source:
            db.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", [cursor.lastrowid, previous[1]])
        previous = (source, cursor.lastrowid)
    db.close()


@pytest.mark.sqlite_only  # builds an older schema by hand
def test_a_legacy_database_is_adopted_unchanged_and_keeps_its_reviews(db_path: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    files = sorted(seeds.glob("*.txt"))
    _legacy_db(db_path, [(f.name, f.read_text(encoding="utf-8"), "x", str(f)) for f in files])
    with Store.open(db_path) as store:
        assert {k for (k,) in store.db.execute("SELECT source_key FROM articles")} == {
            f"legacy:{f.name}" for f in files
        }
        ids = sorted(a["id"] for a in store.list_articles())
        report = ingest_paths(store, [seeds], workers=1)
        assert (report.ingested, report.unchanged, report.new_versions, report.warnings) == (0, 5, 0, [])
        assert sorted(a["id"] for a in store.list_articles()) == ids
        assert {a["source"] for a in store.list_articles()} == {f.name for f in files}
        assert ingest_paths(store, [seeds], workers=1).unchanged == 5


@pytest.mark.sqlite_only  # builds an older schema by hand
def test_a_collided_legacy_chain_goes_to_its_current_file_and_the_others_come_back(
    db_path: Path, tmp_path: Path
) -> None:
    root = _bbc(tmp_path)
    texts = {c: (root / c / "001.txt").read_text(encoding="utf-8") for c in ("business", "politics", "sport")}
    # What the old ingest did: three versions of one article "001.txt", the sport text current.
    _legacy_db(db_path, [("001.txt", texts[c], "unknown", str(root / c / "001.txt")) for c in texts])
    with Store.open(db_path) as store:
        sport_id = store.list_articles()[0]["id"]
        ReviewService(store, "ana").set_verdict(f"claim:{_first_claim(store, sport_id)}", "true")
        report = ingest_paths(store, [root], workers=1)
        assert (report.ingested, report.unchanged, report.new_versions) == (2, 1, 0)
        current = {a["source"]: a["id"] for a in store.list_articles()}
        assert current["sport/001.txt"] == sport_id
        assert set(current) == {"business/001.txt", "politics/001.txt", "sport/001.txt"}
        assert ReviewService(store, "ana").review(f"claim:{_first_claim(store, sport_id)}").verdict == "true"


def _first_claim(store: Store, article_id: int) -> int:
    row = store.db.execute("SELECT min(id) FROM claims WHERE article_id = ?", [article_id]).fetchone()
    if row[0] is None:  # legacy rows were inserted bare: give the article one claim to review
        store.db.execute(
            "INSERT INTO claims (article_id, start, end, mention, sentence_start, sentence_end, kind) "
            "VALUES (?, 0, 1, 'C', 0, 1, 'count')",
            [article_id],
        )
        return _first_claim(store, article_id)
    return int(row[0])


@pytest.mark.sqlite_only  # builds an older schema by hand
def test_legacy_jsonl_rows_are_adopted_by_file_and_outlet(db_path: Path, tmp_path: Path) -> None:
    feed = _jsonl(tmp_path, "feed.jsonl", [{"id": "7", "outlet": "ABP", "text": ARTICLE + "Edited.\n"}])
    _legacy_db(db_path, [("7", ARTICLE, "ABP", str(feed))])
    with Store.open(db_path) as store:
        old_id = store.list_articles()[0]["id"]
        report = ingest_paths(store, [feed], workers=1)
        assert (report.ingested, report.new_versions) == (0, 1)
        versions = store.db.execute("SELECT id, source, source_key, version FROM articles ORDER BY id").fetchall()
        assert versions[0][:2] == (old_id, "7") and versions[1][1:] == ("7", 'jsonl:["feed.jsonl", "ABP", "7"]', 2)
        assert versions[0][2] == versions[1][2]


def test_two_files_of_one_name_named_alone_are_told_apart_by_a_warning(store: Store, tmp_path: Path) -> None:
    first = write_bytes(tmp_path / "a", "story.txt", ARTICLE.encode())
    second = write_bytes(tmp_path / "b", "story.txt", ARTICLE.replace("Monday", "Friday").encode())
    ingest_paths(store, [first], workers=1)
    report = ingest_paths(store, [second], workers=1)
    assert report.new_versions == 1
    assert [str(w) for w in report.warnings] == [
        f"{second}: stored as a new version of 'story.txt', which was read from {first}; to keep both as separate "
        "articles, ingest the folder that holds them both"
    ]
    both = ingest_paths(store, [tmp_path], workers=1)  # as the warning says: now both are kept
    assert (both.ingested, both.unchanged) == (1, 1)
    assert sorted(a["source"] for a in store.list_articles()) == ["a/story.txt", "story.txt"]


def test_the_same_record_in_another_jsonl_file_is_not_a_second_article(store: Store, tmp_path: Path) -> None:
    record = {"id": "42", "outlet": "Mehr", "text": ARTICLE}
    _jsonl(tmp_path, "slice.jsonl", [record])
    ingest_paths(store, [tmp_path / "slice.jsonl"], workers=1)
    full = _jsonl(
        tmp_path,
        "full.jsonl",
        [
            record,
            {"id": "43", "outlet": "Mehr", "text": ARTICLE + "Other.\n"},
            {"id": "42", "outlet": "ABP", "text": ARTICLE},
        ],
    )
    report = ingest_paths(store, [full], workers=1)
    assert (report.ingested, report.unchanged, report.new_versions) == (2, 1, 0)
    assert sorted((a["source"], a["outlet"]) for a in store.list_articles()) == [
        ("42", "ABP"),
        ("42", "Mehr"),
        ("43", "Mehr"),
    ]
