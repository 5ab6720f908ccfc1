"""The review service: verdicts, inheritance, versions and conflicts, undo/redo, history, blame, sources, notes."""

from __future__ import annotations

import pytest

from tests.services.review_helpers import ARTICLE_V1, add_article, claim_id
from workbench.services.review import (
    ConflictError,
    ItemRef,
    NothingToUndo,
    ReviewService,
    ValidationError,
)
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def article(store: Store) -> int:
    return add_article(store, ARTICLE_V1)


@pytest.fixture
def ana(store: Store, article: int) -> ReviewService:
    return ReviewService(store, "ana")


@pytest.fixture
def bob(store: Store, article: int) -> ReviewService:
    return ReviewService(store, "bob")


def first_claim(store: Store, article: int) -> ItemRef:
    return ItemRef("claim", claim_id(store, article, "more than $3 billion"))


def events(store: Store) -> list[tuple]:
    return store.db.execute(
        "SELECT reviewer, entity_type, entity_id, action, undoes, redoes, version FROM events ORDER BY id"
    ).fetchall()


def test_item_refs_parse_and_print() -> None:
    assert ItemRef.parse("claim-cluster:3") == ItemRef("claim_cluster", 3)
    assert str(ItemRef("quote_cluster", 5)) == "quote-cluster:5"
    assert ItemRef.parse(" Quote:7 ").label == "quote 7"
    for bad in ("claim", "claim:x", "article:3", "claim:-1"):
        with pytest.raises(ValidationError):
            ItemRef.parse(bad)


def test_verdict_is_stored_with_its_event_and_judgement(store: Store, article: int, ana: ReviewService) -> None:
    ref = first_claim(store, article)
    review = ana.set_verdict(ref, "mostly_true", "  official figure is 3.2bn  ")
    assert (review.verdict, review.label, review.rationale, review.status, review.version) == (
        "mostly_true",
        "mostly_true",
        "official figure is 3.2bn",
        "reviewed",
        1,
    )
    assert review.rating_value == 4
    assert store.db.execute("SELECT verdict, rationale, reviewer, version FROM reviews").fetchall() == [
        ("mostly_true", "official figure is 3.2bn", "ana", 1)
    ]
    assert store.db.execute("SELECT entity_id, reviewer, verdict FROM judgements").fetchall() == [
        (ref.entity_id, "ana", "mostly_true")
    ]
    (event,) = ana.history(ref)
    assert (event.action, event.reviewer, event.version) == ("verdict", "ana", 1)
    assert event.before["review"] == {
        "verdict": None,
        "rationale": None,
        "status": "unreviewed",
        "verdict_by": None,
        "verdict_at": None,
    }
    assert event.after["review"]["verdict"] == "mostly_true" and event.after["review"]["verdict_by"] == "ana"
    assert review.verdict_by == "ana" and review.verdict_at == event.at


def test_workflow_state_clears_the_verdict_and_status_keeps_it(store: Store, article: int, ana: ReviewService) -> None:
    ref = first_claim(store, article)
    ana.set_verdict(ref, "false")
    assert ana.set_status(ref, "in_progress").label == "false"  # reopened: the verdict stands meanwhile
    cleared = ana.set_verdict(ref, "unreviewed")
    assert (cleared.verdict, cleared.label, cleared.status) == (None, "unreviewed", "unreviewed")
    assert store.db.execute("SELECT count(*) FROM judgements").fetchone()[0] == 0


def test_unknown_labels_missing_items_and_empty_notes_are_refused(
    store: Store, article: int, ana: ReviewService
) -> None:
    ref = first_claim(store, article)
    with pytest.raises(ValidationError, match="unknown verdict 'maybe'; choose one of: true, mostly_true"):
        ana.set_verdict(ref, "maybe")
    with pytest.raises(ValidationError, match="claim 999 does not exist"):
        ana.set_verdict("claim:999", "true")
    with pytest.raises(ValidationError, match="claim cluster 999 does not exist"):
        ana.set_verdict("claim-cluster:999", "true")
    with pytest.raises(ValidationError, match="unknown status"):
        ana.set_status(ref, "reviewed")
    with pytest.raises(ValidationError, match="the note is empty"):
        ana.add_note(ref, "   ")
    with pytest.raises(ValidationError, match="reviewer name"):
        ReviewService(store, " ")
    assert events(store) == []


def test_cluster_verdict_applies_to_members_without_their_own(store: Store, article: int, ana: ReviewService) -> None:
    a = claim_id(store, article, "$600 million")
    b = claim_id(store, article, "more than $3 billion")
    store.set_clusters("claims", {a: a, b: a})  # one cluster named after claim a
    ana.set_verdict(f"claim-cluster:{a}", "half_true", "same statement in every outlet")

    inherited = ana.effective_verdict("claim", b)
    assert (inherited.label, inherited.origin, inherited.origin_type, inherited.origin_id) == (
        "half_true",
        "cluster",
        "claim_cluster",
        a,
    )
    assert inherited.rationale == "same statement in every outlet"

    ana.set_verdict(f"claim:{b}", "false", "the member says something else")
    own = ana.effective_verdict("claim", b)
    assert (own.label, own.origin, own.origin_id) == ("false", "own", b)
    assert ana.effective_verdict("claim", a).origin == "cluster"
    assert ana.effective_verdict("claim_cluster", a).origin == "own"

    bulk = {row["entity_id"]: row for row in ana.effective_verdicts_bulk("claim")}
    assert (bulk[a]["verdict"], bulk[a]["origin"], bulk[a]["rating_value"]) == ("half_true", "cluster", 3)
    assert (bulk[b]["verdict"], bulk[b]["origin"], bulk[b]["rating_value"]) == ("false", "own", 1)
    others = [row for key, row in bulk.items() if key not in (a, b)]
    assert others and all(r["label"] == "unreviewed" and r["origin"] is None for r in others)
    assert [r["entity_id"] for r in ana.effective_verdicts_bulk("claim", [b])] == [b]


def test_bulk_rows_carry_sources_of_item_and_cluster(store: Store, article: int, ana: ReviewService) -> None:
    ref = first_claim(store, article)
    ana.add_source(ref, "https://stats.example/trade", reference_value=3.2e9, reference_unit="USD")
    ana.add_source(f"claim-cluster:{ref.entity_id}", "https://news.example/b")
    (row,) = ana.effective_verdicts_bulk("claim", [ref.entity_id])
    assert row["sources"] == "https://stats.example/trade | https://news.example/b"
    assert (row["reference_value"], row["reference_unit"]) == (3.2e9, "USD")


def test_stale_version_is_refused_with_who_and_when(
    store: Store, article: int, ana: ReviewService, bob: ReviewService
) -> None:
    ref = first_claim(store, article)
    seen = ana.review(ref).version
    assert seen == 0
    bob.set_verdict(ref, "true", expected_version=seen)
    with pytest.raises(
        ConflictError,
        match=r"claim \d+ was changed by bob at \d\d:\d\d UTC \(version 1, you had 0\); "
        r"reload and retry",
    ):
        ana.set_verdict(ref, "false", expected_version=seen)
    assert ana.review(ref).verdict == "true"
    assert ana.set_verdict(ref, "false", expected_version=1).version == 2


def test_undo_and_redo_write_new_events_and_never_delete(store: Store, article: int, ana: ReviewService) -> None:
    ref = first_claim(store, article)
    ana.set_verdict(ref, "true")
    ana.set_verdict(ref, "false", "changed my mind")
    undo = ana.undo()
    assert ana.review(ref).verdict == "true"
    redo = ana.redo()
    assert ana.review(ref).verdict == "false"
    assert (undo.undoes, redo.redoes) == (2, undo.id)
    assert [e[3] for e in events(store)] == ["verdict", "verdict", "undo", "redo"]
    ana.undo()
    ana.undo()
    assert ana.review(ref).label == "unreviewed"
    assert store.db.execute("SELECT count(*) FROM judgements").fetchone()[0] == 0
    with pytest.raises(NothingToUndo, match="ana has nothing to undo"):
        ana.undo()
    assert len(events(store)) == 6


def test_a_new_change_empties_the_redo_stack(store: Store, article: int, ana: ReviewService) -> None:
    ref = first_claim(store, article)
    ana.set_verdict(ref, "true")
    ana.undo()
    ana.assign(ref, "bob")
    with pytest.raises(NothingToUndo, match="nothing to redo"):
        ana.redo()


def test_undo_is_per_reviewer_and_refused_over_a_colleagues_change(
    store: Store, article: int, ana: ReviewService, bob: ReviewService
) -> None:
    ref = first_claim(store, article)
    other = ItemRef("claim", claim_id(store, article, "$600 million"))
    ana.set_verdict(ref, "true")
    bob.set_verdict(other, "false")
    ana.undo()  # ana's own change, not bob's later one
    assert (ana.review(ref).verdict, ana.review(other).verdict) == (None, "false")
    ana.redo()
    bob.set_verdict(ref, "mostly_false")
    with pytest.raises(ConflictError, match=r"was changed by bob .* undo refused so the newer change is kept"):
        ana.undo()
    assert ana.review(ref).verdict == "mostly_false"
    bob.assign(other, "ana")
    bob.undo()
    assert ana.review(other).assignee is None


def test_notes_sources_and_assignment_are_undoable(store: Store, article: int, ana: ReviewService) -> None:
    ref = first_claim(store, article)
    note = ana.add_note(ref, "ask the ministry")
    source = ana.add_source(
        ref, "https://example.org/report", title="Report", excerpt="3.2 billion", retrieved_at="2024-05-01"
    )
    ana.assign(ref, "bob")
    assert [n.text for n in ana.notes(ref)] == ["ask the ministry"]
    assert [(s.url, s.title, s.retrieved_at) for s in ana.sources(ref)] == [
        ("https://example.org/report", "Report", "2024-05-01")
    ]
    ana.remove_note(note.id)
    assert ana.notes(ref) == []
    ana.undo()
    assert [n.id for n in ana.notes(ref)] == [note.id]
    ana.undo()
    assert ana.review(ref).assignee is None
    ana.undo()
    assert ana.sources(ref) == []
    assert store.db.execute("SELECT removed FROM sources WHERE id = ?", [source.id]).fetchone() == (1,)
    with pytest.raises(ValidationError, match="already removed"):
        ana.remove_source(source.id)


def test_history_and_blame_name_who_set_each_field(
    store: Store, article: int, ana: ReviewService, bob: ReviewService
) -> None:
    ref = first_claim(store, article)
    ana.set_verdict(ref, "true", "matches the ministry")
    bob.assign(ref, "carol")
    bob.set_status(ref, "in_progress")
    blame = ana.blame(ref)
    assert (blame["verdict"].value, blame["verdict"].reviewer, blame["verdict"].action) == ("true", "ana", "verdict")
    assert (blame["assignee"].value, blame["assignee"].reviewer) == ("carol", "bob")
    assert (blame["status"].value, blame["status"].reviewer) == ("in_progress", "bob")
    assert blame["orphaned"].event_id is None
    bob.undo()
    assert (ana.blame(ref)["status"].value, ana.blame(ref)["status"].action) == ("reviewed", "undo")
    assert [(e.reviewer, e.action) for e in ana.history(ref)] == [
        ("ana", "verdict"),
        ("bob", "assign"),
        ("bob", "status"),
        ("bob", "undo"),
    ]


def test_a_judgement_equal_to_the_verdict_is_recorded_and_never_replaces_a_colleagues(
    store: Store, article: int, ana: ReviewService, bob: ReviewService
) -> None:
    ref = first_claim(store, article)
    ana.set_verdict(ref, "false", "customs data")
    agreeing = bob.judge(ref, "false")
    assert (agreeing.verdict, agreeing.rationale, agreeing.verdict_by, agreeing.version) == (
        "false",
        "customs data",
        "ana",
        2,
    )
    differing = bob.judge(ref, "true", "the ministry says otherwise")
    assert (differing.verdict, differing.rationale, differing.verdict_by) == ("false", "customs data", "ana")
    assert sorted(store.db.execute("SELECT reviewer, verdict, rationale FROM judgements").fetchall()) == [
        ("ana", "false", "customs data"),
        ("bob", "true", "the ministry says otherwise"),
    ]
    assert [e.action for e in bob.history(ref)] == ["verdict", "judgement", "judgement"]
    undone = bob.undo()
    assert undone.undoes is not None
    assert store.db.execute("SELECT verdict FROM judgements WHERE reviewer = 'bob'").fetchall() == [("false",)]
    # Where no verdict stands, or it is one's own, a judgement is the verdict.
    other = ItemRef("claim", claim_id(store, article, "$600 million"))
    assert bob.judge(other, "half_true").verdict_by == "bob"
    assert bob.judge(other, "mostly_true").verdict == "mostly_true"
