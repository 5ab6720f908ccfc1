"""The export query's review columns agree with the review service, and its cheap count with its rows."""

from __future__ import annotations

import pytest

from tests.export.conftest import Sample
from workbench.services.review import ReviewService
from workbench.store.exports import ExportFilter, count_items, iter_items

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def by_mention(sample: Sample) -> dict[tuple[str, str], dict]:
    return {(row["source"], row["mention"]): row for row in iter_items(sample.store, "claims")}


def review_sample(sample: Sample) -> ReviewService:
    """A cluster verdict, a member's own verdict over it, a status, and sources on both levels."""
    service = ReviewService(sample.store, "ana")
    rows = by_mention(sample)
    billions = rows[("000_trade.txt", "more than $3 billion")]
    service.set_verdict(("claim_cluster", billions["cluster_id"]), "mostly_true", "Customs data for 2022.")
    service.add_source(
        ("claim_cluster", billions["cluster_id"]),
        "https://stats.example/trade",
        reference_value=3.2e9,
        reference_unit="USD",
    )
    repost = rows[("001_repost.txt", "more than $3 billion")]
    service.set_verdict(("claim", repost["id"]), "false", "The repost dates it to 2021.")
    service.add_source(("claim", repost["id"]), "https://archive.example/2021", reference_value=2.1e9)
    service.set_status(("claim", rows[("000_trade.txt", "$600 million")]["id"]), "in_progress")
    return service


def test_review_columns_agree_with_the_review_service(sample: Sample) -> None:
    service = review_sample(sample)
    exported = {row["id"]: row for row in iter_items(sample.store, "claims")}
    for expected in service.effective_verdicts_bulk("claim"):
        row = exported[expected["entity_id"]]
        assert row["verdict"] == expected["label"]
        assert row["verdict_source"] == expected["origin"]
        assert (row["rationale"], row["reviewer"], row["reviewed_at"]) == (
            expected["rationale"],
            expected["reviewer"],
            expected["reviewed_at"],
        )
        assert row["own_version"] == expected["version"]
        assert " | ".join(s["url"] for s in row["sources"]) == (expected["sources"] or "")
        assert (row["reference_value"], row["reference_unit"]) == (
            expected["reference_value"],
            expected["reference_unit"],
        )


def test_inheritance_and_versions(sample: Sample) -> None:
    review_sample(sample)
    rows = by_mention(sample)
    inherited = rows[("000_trade.txt", "more than $3 billion")]
    assert (inherited["verdict"], inherited["verdict_source"]) == ("mostly_true", "cluster")
    assert inherited["rationale"] == "Customs data for 2022."
    assert inherited["version"] == 2 and inherited["own_version"] == 0
    own = rows[("001_repost.txt", "more than $3 billion")]
    assert (own["verdict"], own["verdict_source"], own["reviewer"]) == ("false", "own", "ana")
    assert [s["url"] for s in own["sources"]] == ["https://stats.example/trade", "https://archive.example/2021"]
    assert own["reference_value"] == 2.1e9 and own["version"] == 2 + 2
    assert rows[("000_trade.txt", "$600 million")]["verdict"] == "in_progress"
    assert rows[("000_trade.txt", "-1.3 percent")]["verdict"] == "unreviewed"


def test_filters_and_counts(sample: Sample) -> None:
    review_sample(sample)
    cluster = by_mention(sample)[("000_trade.txt", "more than $3 billion")]["cluster_id"]
    cases = [
        (ExportFilter(), 4),
        (ExportFilter(reviewed_only=True), 2),
        (ExportFilter(verdict="false"), 1),
        (ExportFilter(verdict="unreviewed"), 1),
        (ExportFilter(outlet="breit"), 1),
        (ExportFilter(cluster_id=cluster), 2),
    ]
    for filters, expected in cases:
        assert len(list(iter_items(sample.store, "claims", filters))) == expected, filters
        assert count_items(sample.store, "claims", filters) == expected, filters
