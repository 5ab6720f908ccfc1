"""Quote clustering in a second process while this one clusters the claims: the same rows as one process gives,
and a failure in the second process reported with nothing of the run's clusters written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import workbench.services.clustering as clustering
from tests.conftest import SEEDS
from tests.story_fixtures import write_quake
from workbench.services.clustering import ClusteringError, cluster_pending
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store


def _clustering(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "stories": "SELECT id, story_id FROM articles ORDER BY id",
        "claims": "SELECT id, cluster_id FROM claims ORDER BY id",
        "quotes": "SELECT id, cluster_id FROM quotes ORDER BY id",
        "conflicts": "SELECT kind, cluster_a, cluster_b, item_a, item_b, story_id FROM cluster_conflicts ORDER BY 2, 3",
    }
    return {name: [tuple(row.values()) for row in store.rows(sql)] for name, sql in queries.items()}


@pytest.fixture
def ingested(store: Store, tmp_path: Path) -> Store:
    ingest_paths(store, [write_quake(tmp_path), SEEDS], workers=1)
    return store


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every pending quote is worth a second process; the futures of the children that ran."""
    monkeypatch.setattr(clustering, "PARALLEL_QUOTES", 0)
    seen: list[object] = []
    child_result = clustering._child_result

    def recorded(in_child: Any) -> dict[int, int]:
        seen.append(in_child)
        return child_result(in_child)

    monkeypatch.setattr(clustering, "_child_result", recorded)
    return seen


def test_two_processes_give_the_rows_of_one(ingested: Store, children: list[object]) -> None:
    serial = _clustering(ingested)
    assert serial["conflicts"], "the quake's revised toll is a conflict"
    assert len({cluster for _, cluster in serial["quotes"]}) < len(serial["quotes"]), "some quotes share a cluster"
    ingested.clear_clustering()

    counts = cluster_pending(ingested, workers=2)

    assert len(children) == 1
    assert _clustering(ingested) == serial
    assert counts["quotes"] == len(serial["quotes"]) and counts["claims"] == len(serial["claims"])


def test_one_worker_keeps_the_quotes_in_this_process(ingested: Store, children: list[object]) -> None:
    ingested.clear_clustering()
    assert cluster_pending(ingested, workers=1)["quotes"] > 0
    assert children == []


def test_a_failure_in_the_second_process_is_reported_and_nothing_is_clustered(
    ingested: Store, children: list[object], tmp_path: Path
) -> None:
    ingested.clear_clustering()
    not_a_database = tmp_path / "not-a-database.db"
    not_a_database.write_text("these are not the pages of a database\n" * 200)
    ingested.path = not_a_database  # what the second process opens; this one keeps its connection

    with pytest.raises(ClusteringError, match="quote clustering failed"):
        cluster_pending(ingested, workers=2)

    assert len(children) == 1
    rows = _clustering(ingested)
    assert all(story is not None for _, story in rows["stories"]), "the stories came first, and are kept"
    assert all(cluster is None for _, cluster in rows["claims"] + rows["quotes"])
    assert rows["conflicts"] == []
