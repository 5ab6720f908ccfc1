"""Quote audit: where a quote first appeared, who printed it after, and how its wording drifted on the way.

The first appearance is the earliest publication date among the cluster's articles. Articles without a date are
listed but never called first: when no member has a date, or several share the earliest date (dates have no time
of day), the first appearance is not known and the audit says so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.pipeline.drift import Drift, wording_drift
from workbench.services.catalog import Catalog, ClusterView
from workbench.store.repository import Store


@dataclass(frozen=True)
class Printing:
    """One member of the cluster, compared with the cluster's representative wording. ``earliest``: it carries the
    earliest date (perhaps with others); ``first``: it alone does, so it is the first appearance."""

    member: dict[str, Any]
    drift: Drift
    first: bool
    speaker_differs: bool
    earliest: bool = False


@dataclass(frozen=True)
class QuoteAudit:
    cluster_id: int
    wording: str
    printings: list[Printing]
    first_known: bool
    outlets: list[str]
    speakers: list[str]

    @property
    def first(self) -> Printing | None:
        return next((p for p in self.printings if p.first), None) if self.first_known else None

    @property
    def earliest_tied(self) -> int:
        """How many printings share the earliest date (0: none is dated)."""
        return sum(p.earliest for p in self.printings)

    @property
    def drifted(self) -> list[Printing]:
        return [p for p in self.printings if not p.first and not p.drift.verbatim]

    def as_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "wording": self.wording,
            "first_known": self.first_known,
            "earliest_tied": self.earliest_tied,
            "outlets": self.outlets,
            "speakers": self.speakers,
            "printings": [
                {
                    "quote_id": p.member["id"],
                    "article_id": p.member["article_id"],
                    "source": p.member["source"],
                    "outlet": p.member["outlet"],
                    "published": p.member["published"],
                    "speaker": p.member["speaker"],
                    "text": p.member["wording"],
                    "first": p.first,
                    "earliest": p.earliest,
                    "verbatim": p.drift.verbatim,
                    "truncated": p.drift.truncated,
                    "similarity": round(p.drift.similarity, 3),
                    "edits": [str(edit) for edit in p.drift.edits],
                    "speaker_differs": p.speaker_differs,
                    "captured_url": p.member.get("captured_url"),
                    "captured_at": p.member.get("captured_at"),
                    "captured_from": p.member.get("captured_from"),
                }
                for p in self.printings
            ],
        }


def audit_cluster(cluster: ClusterView) -> QuoteAudit:
    """The audit of one quote cluster (members are ordered earliest first, undated last).

    Wordings are compared with the cluster's representative, its longest full wording: the first printing may be
    only a fragment of the quote, and a fragment says nothing about how the rest was worded.
    """
    first = cluster.earliest
    reference = next((m for m in cluster.members if m["id"] == cluster.cluster_id), None)
    reference = reference or max(cluster.members, key=lambda m: len(m["wording"]), default=None)
    earliest = [m["id"] for m in cluster.members if first is not None and m["published"] == first["published"]]
    known = len(earliest) == 1
    printings = []
    for member in cluster.members:
        base = reference["wording"] if reference else member["wording"]
        differs = bool(
            reference and member["speaker"] and reference["speaker"] and member["speaker"] != reference["speaker"]
        )
        printings.append(
            Printing(
                member,
                wording_drift(base, member["wording"]),
                known and member["id"] in earliest,
                differs,
                member["id"] in earliest,
            )
        )
    speakers = sorted({m["speaker"] for m in cluster.members if m["speaker"]})
    wording = reference["wording"] if reference else ""
    return QuoteAudit(cluster.cluster_id, wording, printings, known, cluster.outlets, speakers)


def audit_quotes(
    store: Store,
    *,
    cluster_id: int | None = None,
    min_articles: int = 2,
    speaker: str | None = None,
    text: str | None = None,
) -> list[QuoteAudit]:
    """Audits of the quote clusters printed by at least ``min_articles`` articles (or of one cluster)."""
    catalog = Catalog(store)
    ids = (
        [cluster_id]
        if cluster_id is not None
        else store.shared_clusters("quotes", min_articles=min_articles, speaker=speaker, text=text)
    )
    return [audit_cluster(catalog.cluster("quotes", cid)) for cid in ids]
