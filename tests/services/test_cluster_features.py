"""The statement readings the ingest's extraction workers store with each claim (claims.cluster_features): stored,
read back by clustering, and the same clusters as reading the statements."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench.pipeline.cluster_claims.statement as statement_module
from tests.conftest import SEEDS
from tests.story_fixtures import write_quake
from workbench.pipeline.cluster_claims.statement import decode_statement
from workbench.services.clustering import _claim_item, cluster_pending
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def _clustering(store: Store) -> tuple[dict[int, int], dict[int, int], list[tuple[int, ...]]]:
    clusters = {row["id"]: row["cluster_id"] for row in store.rows("SELECT id, cluster_id FROM claims")}
    stories = {row["id"]: row["story_id"] for row in store.rows("SELECT id, story_id FROM articles")}
    conflicts = store.rows("SELECT cluster_a, cluster_b, story_id, item_a, item_b FROM cluster_conflicts ORDER BY 1, 2")
    return clusters, stories, [tuple(row.values()) for row in conflicts]


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_stores_a_reading_clustering_decodes(store: Store, tmp_path: Path, workers: int) -> None:
    ingest_paths(store, [write_quake(tmp_path), SEEDS], workers=workers)
    rows = list(store.clustering_items("claims", "clustered"))
    assert len(rows) > 20
    for row in rows:
        assert row["cluster_features"], row["mention"]
        assert decode_statement(row["cluster_features"], _claim_item(row)) is not None, row["mention"]


def test_clusters_from_stored_readings_are_those_from_the_statements(store: Store, tmp_path: Path) -> None:
    """Re-clustered from scratch without the stored readings (a database from before migration 14), the stories,
    clusters and conflicts are the ones the readings gave."""
    ingest_paths(store, [write_quake(tmp_path), SEEDS], workers=1)
    stored = _clustering(store)
    assert stored[2], "the quake's revised toll is a conflict"
    store.clear_clustering()
    with store.transaction():
        store.db.execute("UPDATE claims SET cluster_features = NULL")
    cluster_pending(store)
    assert _clustering(store) == stored


def test_clustering_reads_no_statement_whose_reading_is_stored(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_paths(store, [write_quake(tmp_path), SEEDS], workers=1)
    store.clear_clustering()

    def read_statement(*args: object, **kwargs: object) -> None:
        raise AssertionError("a statement read again although its reading was stored")

    monkeypatch.setattr(statement_module, "read_statement", read_statement)
    assert cluster_pending(store)["claims"] > 20


def test_items_of_one_run_share_one_copy_of_each_repeated_value(store: Store, tmp_path: Path) -> None:
    """A run keeps its items at once: the claims of one article hold one copy of its source key and date, and the
    claims of one kind one copy of the kind, instead of one per row; the items are otherwise the row's own."""
    ingest_paths(store, [SEEDS], workers=1)
    rows = list(store.clustering_items("claims", "clustered"))
    strings: dict[str, str] = {}
    shared = [_claim_item(row, None, strings) for row in rows]
    alone = [_claim_item(row) for row in rows]
    assert shared == alone
    first = {}
    for item in shared:
        for value in (item.article, item.kind, item.published):
            assert first.setdefault(value, value) is value, value
    assert len({item.article for item in shared}) == 5 < len(shared)
