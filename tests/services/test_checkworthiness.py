"""Check-worthiness stored at ingest, assessed later for older databases, and used by listings and exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.export.conftest import add_article, claim
from workbench.export.csv_export import export_csv
from workbench.export.jsonl import export_jsonl
from workbench.services.catalog import (
    CHECKABLE,
    CHECKWORTHINESS,
    CLUSTER_SIZE,
    CONTEXT,
    NEWEST,
    OPENING,
    BrowseFilter,
    Catalog,
)
from workbench.services.checkworthiness import assess_stored
from workbench.services.ingest import ingest_paths
from workbench.store import db as dbmod
from workbench.store.exports import ExportFilter
from workbench.store.migrations import LATEST_VERSION, MIGRATIONS
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

TRADE = "Trade grew from $600 million in 2021 to more than $3 billion, Raisi said in 2023.\n"
LATER = "Exports reached $5 billion in 2022, officials said.\n"


def _labels(store: Store) -> dict[str, tuple[str | None, float | None]]:
    return {
        row[0]: (row[1], row[2])
        for row in store.db.execute("SELECT mention, checkworthy, checkworthy_score FROM claims")
    }


def _stored_article(store: Store, source: str, text: str, published: str, labels: list[tuple[str, float]] | None):
    claims = (
        [
            claim(text, m, k, v, u)
            for m, k, v, u in (("$600 million", "money", 6e8, "USD"), ("2021", "year", 2021, "year"))
        ]
        if "600" in text
        else [claim(text, "$5 billion", "money", 5e9, "USD"), claim(text, "2022", "year", 2022, "year")]
    )
    article_id = add_article(store, source, text, claims, [], published=published)
    if labels is not None:
        store.set_checkworthiness(
            (label, score, row[0])
            for (label, score), row in zip(
                labels,
                store.db.execute("SELECT id FROM claims WHERE article_id = ? ORDER BY start", [article_id]).fetchall(),
                strict=True,
            )
        )
    return article_id


def test_ingest_stores_a_label_and_a_score_for_every_claim(store: Store) -> None:
    report = ingest_paths(store, [SEEDS], workers=1)
    assert report.ok and report.assessed == 0
    labels = _labels(store)
    assert labels and all(label in ("checkable", "context") and 0 <= score <= 1 for label, score in labels.values())
    assert labels["$3 billion"][0] == "checkable" and labels["2021"][0] == "context"
    assert store.count_unassessed() == 0


@pytest.mark.sqlite_only  # builds an older schema by hand
def test_a_database_from_before_the_migration_is_upgraded_and_assessed(db_path: Path) -> None:
    db = dbmod.connect(db_path)
    dbmod.apply_migrations(db, MIGRATIONS[:2])
    db.execute(
        "INSERT INTO articles (source, version, content_hash, text, ingested_at) VALUES (?, 1, 'h', ?, 'now')",
        ["old.txt", TRADE],
    )
    for mention, kind, value in (("$600 million", "money", 6e8), ("2021", "year", 2021)):
        start = TRADE.index(mention)
        db.execute(
            "INSERT INTO claims (article_id, start, end, mention, sentence_start, sentence_end, kind, value) "
            "VALUES (1, ?, ?, ?, 0, ?, ?, ?)",
            [start, start + len(mention), mention, len(TRADE) - 1, kind, value],
        )
    db.close()
    with Store.open(db_path) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.count_unassessed() == 2
        # Until assessed, nothing is hidden: unassessed claims are in the queue.
        assert len(Catalog(store).ids("claims")) == 2
        done = []
        assert assess_stored(store, progress=lambda n, total: done.append((n, total))) == 2
        assert done == [(1, 1)]
        assert _labels(store)["$600 million"][0] == "checkable" and _labels(store)["2021"][0] == "context"
        assert store.count_unassessed() == 0
        assert assess_stored(store) == 0  # nothing left to do
        assert assess_stored(store, everything=True) == 0  # same model, same answers: nothing changes
        store.db.execute("UPDATE claims SET checkworthy_score = 0.5 WHERE mention = '2021'")
        assert assess_stored(store, everything=True) == 1


def test_the_next_ingest_assesses_older_claims(store: Store, tmp_path: Path) -> None:
    _stored_article(store, "old.txt", TRADE, "2023-06-13", None)
    assert store.count_unassessed() == 2
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "new.txt").write_text(LATER, encoding="utf-8")
    report = ingest_paths(store, [tmp_path / "in"], workers=1)
    assert report.assessed == 2 and "2 older claims assessed" in report.summary()
    assert store.count_unassessed() == 0


def test_the_queue_keeps_checkable_and_unassessed_claims_and_orders_by_score(store: Store) -> None:
    _stored_article(store, "a.txt", TRADE, "2023-06-13", [("checkable", 0.7), ("context", 0.1)])
    _stored_article(store, "b.txt", LATER, "2023-06-14", [("checkable", 0.9), ("context", 0.2)])
    _stored_article(store, "c.txt", TRADE, "2023-06-12", None)
    catalog = Catalog(store)
    mentions = {row[0]: row[1] for row in store.db.execute("SELECT id, mention FROM claims")}
    source_of = {
        row[0]: row[1]
        for row in store.db.execute("SELECT c.id, a.source FROM claims c JOIN articles a ON a.id = c.article_id")
    }

    def shown(filters: BrowseFilter) -> list[tuple[str, str]]:
        return [(source_of[i], mentions[i]) for i in catalog.ids("claims", filters)]

    assert shown(OPENING["claims"]) == [
        ("b.txt", "$5 billion"),
        ("a.txt", "$600 million"),
        ("c.txt", "$600 million"),
        ("c.txt", "2021"),
    ]  # unassessed last
    assert shown(BrowseFilter(checkworthy=CONTEXT)) == [("a.txt", "2021"), ("b.txt", "2022")]
    assert shown(BrowseFilter(checkworthy=CHECKABLE, order=NEWEST))[:2] == [
        ("b.txt", "$5 billion"),
        ("a.txt", "$600 million"),
    ]
    assert len(shown(BrowseFilter())) == 6
    rows = catalog.listing("claims").first[:1]
    assert rows[0]["checkworthy"] == "checkable" and rows[0]["checkworthy_score"] == 0.9
    with pytest.raises(ValueError, match="unknown order"):
        catalog.listing("claims", BrowseFilter(order="loudest"))


def test_cluster_order_puts_the_widest_cluster_first(store: Store) -> None:
    _stored_article(store, "a.txt", TRADE, "2023-06-13", [("checkable", 0.7), ("context", 0.1)])
    _stored_article(store, "b.txt", LATER, "2023-06-14", [("checkable", 0.9), ("context", 0.2)])
    _stored_article(store, "c.txt", TRADE, "2023-06-12", [("checkable", 0.7), ("context", 0.1)])
    ids = {
        (row[1], row[2]): row[0]
        for row in store.db.execute(
            "SELECT c.id, a.source, c.mention FROM claims c JOIN articles a ON a.id = c.article_id"
        )
    }
    shared = ids[("a.txt", "$600 million")]
    store.set_clusters("claims", {i: i for i in ids.values()})
    store.set_clusters("claims", {ids[("c.txt", "$600 million")]: shared})
    listing = Catalog(store).ids("claims", BrowseFilter(checkworthy=CHECKABLE, order=CLUSTER_SIZE))
    assert listing[:2] == sorted(
        [shared, ids[("c.txt", "$600 million")]], key=lambda i: i != ids[("c.txt", "$600 million")]
    )
    assert listing[2] == ids[("b.txt", "$5 billion")]
    assert Catalog(store).ids("claims", BrowseFilter(order=CHECKWORTHINESS))[0] == ids[("b.txt", "$5 billion")]


def test_exports_carry_the_label_and_csv_can_leave_context_out(store: Store, tmp_path: Path) -> None:
    _stored_article(store, "a.txt", TRADE, "2023-06-13", [("checkable", 0.7), ("context", 0.1)])
    _stored_article(store, "b.txt", LATER, "2023-06-14", None)
    from workbench.services.clustering import cluster_pending

    cluster_pending(store)
    report = export_jsonl(store, tmp_path / "jsonl")
    assert report.ok
    records = [json.loads(line) for line in (tmp_path / "jsonl" / "claims.jsonl").read_text().splitlines()]
    by_mention = {(r["source"], r["mention"]): r for r in records}
    assert by_mention[("a.txt", "$600 million")]["checkworthy"] == "checkable"
    assert by_mention[("a.txt", "$600 million")]["checkworthy_score"] == 0.7
    assert by_mention[("a.txt", "2021")]["checkworthy"] == "context"
    assert by_mention[("b.txt", "2022")]["checkworthy"] is None  # not assessed yet: said so, not guessed

    everything = export_csv(store, tmp_path / "all", stamp="t1")
    checkable = export_csv(store, tmp_path / "checkable", ExportFilter(checkable_only=True), stamp="t2")
    with everything.paths["claims"].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["mention"], r["checkworthy"], r["checkworthy_score"]) for r in rows if r["source"] == "a.txt"} == {
        ("$600 million", "checkable", "0.7"),
        ("2021", "context", "0.1"),
    }
    with checkable.paths["claims"].open(encoding="utf-8") as handle:
        kept = [(r["source"], r["mention"]) for r in csv.DictReader(handle)]
    assert kept == [("a.txt", "$600 million"), ("b.txt", "$5 billion"), ("b.txt", "2022")]
    assert checkable.written["quotes"] == everything.written["quotes"]
