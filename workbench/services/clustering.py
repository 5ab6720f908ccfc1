"""Give every stored claim and quote without a cluster its cluster, against the clusters already stored.

Assignments are never revised: a new item joins an existing cluster or founds a new one named after itself, so
cluster ids (and the verdicts reviewers put on clusters) stay stable as articles arrive. Articles are keyed by
source, so a new version of an article counts as the same article.
"""

from __future__ import annotations

from typing import Any

from workbench.pipeline.cluster_claims import ClaimClusterIndex, ClaimItem, masked_statement
from workbench.pipeline.cluster_quotes import QuoteClusterIndex, QuoteItem
from workbench.store.repository import Store


def cluster_pending(store: Store) -> dict[str, int]:
    """Cluster what is unclustered; returns how many quotes, claims and conflicts were placed.

    Rows become the engines' compact items as they stream in, so memory follows the index, not the table.
    """
    quotes: dict[int, int] = {}
    pending_quotes = [_quote_item(row) for row in store.clustering_items("quotes", "pending")]
    if pending_quotes:  # a re-run with nothing new must not pay for loading every stored cluster
        quote_index = QuoteClusterIndex()
        for row in store.clustering_items("quotes", "clustered"):
            quote_index.add_existing(_quote_item(row), row["cluster_id"])
        quotes = quote_index.assign(pending_quotes)
        store.set_clusters("quotes", quotes)

    claims: dict[int, int] = {}
    conflicts: list[tuple[int, int]] = []
    pending_claims = [_claim_item(row) for row in store.clustering_items("claims", "pending")]
    if pending_claims:
        claim_index = ClaimClusterIndex()
        for row in store.clustering_items("claims", "representatives"):
            claim_index.add_representative(_claim_item(row))
        claims, conflicts = claim_index.assign(pending_claims)
        with store.transaction():
            store.set_clusters("claims", claims)
            store.add_conflicts("claim", conflicts)
    return {"quotes": len(quotes), "claims": len(claims), "conflicts": len(conflicts)}


def _quote_item(row: dict[str, Any]) -> QuoteItem:
    return QuoteItem(id=row["id"], article=row["source"], text=row["text"], speaker=row["speaker"],
                     published=row["published"])


def _claim_item(row: dict[str, Any]) -> ClaimItem:
    start = row["start"] - row["sentence_start"]
    end = row["end"] - row["sentence_start"]
    return ClaimItem(
        id=row["id"],
        article=row["source"],
        kind=row["kind"],
        value=row["value"],
        unit=row["unit"],
        statement=masked_statement(row["sentence"] or "", start, end),
        value_high=row["value_high"],
        hedge=row["hedge"],
        role=row["role"],
        target=bool(row["target"]),
        published=row["published"],
    )
