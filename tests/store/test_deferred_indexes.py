"""An ingest into an empty database builds the indexes that every commit would rewrite all over once, after
storing; nothing else loses an index, and a killed run's missing indexes come back on the next open."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from workbench.services import ingest as ingest_module
from workbench.services.ingest import IngestProgress, ingest_paths
from workbench.store import db as dbmod
from workbench.store.migrations import DEFERRABLE_INDEXES
from workbench.store.repository import Store

pytestmark = pytest.mark.sqlite_only  # SQLite's indexes; PostgreSQL keeps its own


def _indexes(store: Store) -> dict[str, str]:
    return dict(store.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


class _Watch(IngestProgress):
    """Which of the deferrable indexes exist while each article is stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: list[list[str]] = []

    def advance(self, done_bytes: int, label: str) -> None:
        present = _indexes(self.store)
        self.seen.append([name for name in DEFERRABLE_INDEXES if name in present])


def _seeds(tmp_path: Path, name: str = "seeds") -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / name))


def test_a_bulk_load_into_an_empty_database_builds_the_scattered_indexes_after_storing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _indexes(store)
    monkeypatch.setattr(ingest_module, "BULK_LOAD_BYTES", 0)
    watch = _Watch(store)
    report = ingest_paths(store, [_seeds(tmp_path)], workers=1, progress=watch)
    assert report.ingested == 5 and report.claims > 0
    assert watch.seen == [[]] * 5  # stored without them
    assert _indexes(store) == fresh  # and built at the end, as the migrations define them
    plan = " ".join(
        str(row[3]) for row in store.db.execute("EXPLAIN QUERY PLAN SELECT id FROM claims WHERE kind = 'money'")
    )
    assert "claims_k" in plan  # an index on kind serves the filter again


def test_a_database_with_items_or_a_small_ingest_keeps_its_indexes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = _Watch(store)
    ingest_paths(store, [_seeds(tmp_path)], workers=1, progress=watch)  # under BULK_LOAD_BYTES
    assert watch.seen == [list(DEFERRABLE_INDEXES)] * 5
    monkeypatch.setattr(ingest_module, "BULK_LOAD_BYTES", 0)
    more = tmp_path / "more"
    more.mkdir()
    (more / "extra.txt").write_text("Exports rose 12 percent to $4 billion in May, the ministry said.\n")
    watch = _Watch(store)
    ingest_paths(store, [more], workers=1, progress=watch)  # a database with claims: a reviewer may browse it
    assert watch.seen == [list(DEFERRABLE_INDEXES)]


def test_opening_a_database_builds_the_indexes_a_killed_bulk_load_left_missing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        fresh = _indexes(store)
        with store.transaction():
            for name in DEFERRABLE_INDEXES:  # what a bulk load killed before its end leaves behind
                store.db.execute(f"DROP INDEX {name}")
        assert dbmod.missing_indexes(store.db) == list(DEFERRABLE_INDEXES)
    with Store.open(db_path) as store:
        assert _indexes(store) == fresh
        assert dbmod.restore_indexes(store.db) == []  # nothing missing: nothing done, no write lock taken


def test_a_failed_bulk_load_still_builds_its_indexes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _indexes(store)
    monkeypatch.setattr(ingest_module, "BULK_LOAD_BYTES", 0)

    def crashing(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_module, "analyze_text", crashing)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [_seeds(tmp_path)], workers=1)
    assert _indexes(store) == fresh
