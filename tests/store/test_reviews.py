"""The review store: migration v2 on an old database, the bulk effective-verdict join, moves, guarded tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.store import db as dbmod
from workbench.store.migrations import LATEST_VERSION, MIGRATIONS
from workbench.store.repository import Store
from workbench.store.reviews import ReviewStore

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

REVIEW_TABLES = {"reviews", "judgements", "sources", "notes", "events", "moves"}


@pytest.mark.sqlite_only  # builds a version-1 database by hand
def test_version_1_database_upgrades_to_the_latest_keeping_its_data(db_path: Path) -> None:
    db = dbmod.connect(db_path)
    dbmod.apply_migrations(db, MIGRATIONS[:1])
    db.execute(
        "INSERT INTO articles (source, version, content_hash, text, ingested_at) "
        "VALUES ('a.txt', 1, 'h', 'It cost $5.', 'now')"
    )
    db.execute(
        "INSERT INTO claims (article_id, start, end, mention, sentence_start, sentence_end, kind, value, unit, "
        "cluster_id) VALUES (1, 8, 10, '$5', 0, 11, 'money', 5, 'USD', 1)"
    )
    assert not REVIEW_TABLES & set(db.table_names())
    db.close()

    with Store.open(db_path) as store:
        assert store.schema_version == LATEST_VERSION
        assert set(store.db.table_names()) >= REVIEW_TABLES
        assert store.db.execute("SELECT source, text FROM articles").fetchall() == [("a.txt", "It cost $5.")]
        assert store.db.execute("SELECT id, mention, value, cluster_id FROM claims").fetchall() == [(1, "$5", 5.0, 1)]
        assert store.db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == LATEST_VERSION
        # The upgraded database takes reviews like a fresh one.
        from workbench.services.review import ReviewService

        assert ReviewService(store, "ana").set_verdict("claim:1", "true").version == 1


def _claims(store: Store, count: int, cluster_size: int) -> None:
    with store.transaction():
        store.db.execute(
            "INSERT INTO articles (source, version, content_hash, text, ingested_at) VALUES ('a', 1, 'h', 'x', 'now')"
        )
        store.db.conn.executemany(
            "INSERT INTO claims (id, article_id, start, end, mention, sentence_start, sentence_end, kind, value, "
            "cluster_id) VALUES (?, 1, 0, 1, 'm', 0, 1, 'count', ?, ?)",
            [(i, i, (i - 1) // cluster_size * cluster_size + 1) for i in range(1, count + 1)],
        )


def _review(store: Store, entity_type: str, entity_id: int, verdict: str, reviewer: str) -> None:
    at = "2024-01-01T00:00:00+00:00"
    ReviewStore(store).save_review(
        entity_type,
        entity_id,
        {"verdict": verdict, "status": "reviewed", "verdict_by": reviewer, "verdict_at": at},
        reviewer=reviewer,
        at=at,
        version=1,
    )


@pytest.mark.sqlite_only  # reads SQLite's EXPLAIN QUERY PLAN
def test_bulk_effective_verdicts_are_one_indexed_join(store: Store) -> None:
    _claims(store, 3000, cluster_size=5)
    with store.transaction():
        for cluster in range(1, 3001, 15):
            _review(store, "claim_cluster", cluster, "false", "bob")
        for claim in range(1, 3001, 7):
            _review(store, "claim", claim, "true", "ana")
    data = ReviewStore(store)
    rows = {row["entity_id"]: row for row in data.iter_effective("claim", with_sources=False)}
    assert len(rows) == 3000
    for claim, row in rows.items():
        own = (claim - 1) % 7 == 0
        cluster = (claim - 1) // 5 * 5 + 1
        inherited = (cluster - 1) % 15 == 0
        expected = ("true", "own", "ana") if own else ("false", "cluster", "bob") if inherited else (None, None, None)
        assert (row["verdict"], row["origin"], row["reviewer"]) == expected, claim
        assert row["origin_id"] == (claim if own else cluster if inherited else None)

    plan = " ".join(str(r[3]) for r in store.db.execute("EXPLAIN QUERY PLAN " + data.effective_sql("claim")))
    assert plan.count("USING PRIMARY KEY (entity_type=? AND entity_id=?)") == 2
    assert "USING INDEX sources_entity" in plan


def test_moves_rekey_every_record_and_are_remembered(store: Store) -> None:
    _claims(store, 2, cluster_size=1)
    data = ReviewStore(store)
    with store.transaction():
        _review(store, "claim", 1, "true", "ana")
        data.set_judgement("claim", 1, "ana", "true", None, "now")
        data.insert_note({"entity_type": "claim", "entity_id": 1, "text": "n", "reviewer": "ana", "created_at": "now"})
        event = data.insert_event(
            at="now",
            reviewer="bot",
            entity_type="claim",
            entity_id=2,
            action="reanchor",
            before=None,
            after=None,
            version=2,
        )
        data.move_records("claim", 1, 2, event)
    assert data.ids_with_records("claim", [1, 2]) == {2}
    assert (data.moved_to("claim", 1), data.moved_from("claim", 2)) == (2, [1])
    assert data.get_review("claim", 2)["verdict"] == "true"


def test_only_sources_and_notes_can_be_hidden(store: Store) -> None:
    with pytest.raises(ValueError, match="not a removable table"):
        ReviewStore(store).set_removed("events", 1, True)


@pytest.mark.sqlite_only  # builds an older schema by hand
def test_upgrade_names_who_set_each_verdict_not_who_touched_the_row_last(db_path: Path) -> None:
    """Before verdict_by existed, a re-ingest's move or a colleague's note made reviews.reviewer someone else."""
    from workbench.services.review import ReviewService

    names = [m.name for m in MIGRATIONS]
    before = MIGRATIONS[: names.index("reviews: who set the verdict and when")]
    db = dbmod.connect(db_path)
    dbmod.apply_migrations(db, before)
    db.execute(
        "INSERT INTO articles (source, version, content_hash, text, ingested_at) "
        "VALUES ('a.txt', 1, 'h', 'It cost $5 and $6.', 'now')"
    )
    for mention, start in (("$5", 8), ("$6", 15)):
        db.execute(
            "INSERT INTO claims (article_id, start, end, mention, sentence_start, sentence_end, kind, value, "
            "unit, cluster_id) VALUES (1, ?, ?, ?, 0, 18, 'money', 5, 'USD', 1)",
            [start, start + 2, mention],
        )
    db.close()
    with dbmod.transaction(db := dbmod.connect(db_path)):  # the old code's writes, by hand
        for event_id, (reviewer, action, after) in enumerate(
            [
                ("ana", "verdict", '{"review": {"verdict": "false", "rationale": null, "status": "reviewed"}}'),
                ("bob", "note_add", '{"note": {"text": "call them"}}'),
            ],
            start=1,
        ):
            db.execute(
                "INSERT INTO events (at, reviewer, entity_type, entity_id, action, before, after, version) "
                "VALUES (?, ?, 'claim', 1, ?, '{}', ?, ?)",
                [f"2024-01-0{event_id}T00:00:00+00:00", reviewer, action, after, event_id],
            )
        db.execute(
            "INSERT INTO reviews (entity_type, entity_id, verdict, status, reviewer, updated_at, version) "
            "VALUES ('claim', 1, 'false', 'reviewed', 'bob', '2024-01-02T00:00:00+00:00', 2)"
        )
        db.execute(
            "INSERT INTO reviews (entity_type, entity_id, verdict, status, reviewer, updated_at, version) "
            "VALUES ('claim', 2, 'true', 'reviewed', 'cy', '2024-01-03T00:00:00+00:00', 1)"
        )
    db.close()
    with Store.open(db_path) as store:
        assert store.db.execute(
            "SELECT entity_id, verdict_by, verdict_at FROM reviews ORDER BY entity_id"
        ).fetchall() == [(1, "ana", "2024-01-01T00:00:00+00:00"), (2, "cy", "2024-01-03T00:00:00+00:00")]
        assert ReviewService(store, "dan").review("claim:1").verdict_by == "ana"
