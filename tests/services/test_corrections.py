"""Corrections through the service: every one is an event with undo, redo, history, blame and the version check,
and every reader (lists, counts, exports, ClaimReview, clustering) sees the corrected values."""

from __future__ import annotations

import json

import pytest

from tests.conftest import listed
from tests.services.review_helpers import ARTICLE_V1, add_article, claim_id
from tests.tui.fixtures import build_fixed_db
from workbench.services.catalog import BrowseFilter, Catalog
from workbench.services.corrections import CorrectionService, parse_field
from workbench.services.review import ConflictError, ItemRef, ReviewService, ValidationError
from workbench.store.exports import iter_items
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def article(store: Store) -> int:
    return add_article(store, ARTICLE_V1)


def _claims(store: Store) -> dict[str, dict]:  # type: ignore[type-arg]
    return {row["mention"]: row for row in listed(store, "claims")}


def test_a_field_fix_overrides_the_extracted_value_everywhere_and_undo_gives_it_back(
    store: Store, article: int
) -> None:
    ana = CorrectionService(store, "ana")
    item = ItemRef("claim", claim_id(store, article, "$600 million"))
    review = ana.correct(item, {"speaker": "Ebrahim Raisi", "value": 6.5e8}, note="the figure is 650m")
    assert review.version == 1
    row = _claims(store)["$600 million"]
    assert (row["speaker"], row["value"], row["corrected"]) == ("Ebrahim Raisi", 6.5e8, ["speaker", "value"])
    exported = next(r for r in iter_items(store, "claims") if r["id"] == item.entity_id)
    assert (exported["speaker"], exported["value"], exported["corrected"], exported["origin"]) == (
        "Ebrahim Raisi",
        6.5e8,
        ["speaker", "value"],
        "extracted",
    )
    found = ana.corrections(item)
    assert found["value"]["extracted"] == 6e8 and found["value"]["note"] == "the figure is 650m"
    assert found["speaker"]["reviewer"] == "ana"

    (event,) = ana.history(item)
    assert event.action == "correct"
    ana.undo()
    row = _claims(store)["$600 million"]
    assert (row["speaker"], row["value"], row["corrected"]) == (None, 6e8, [])
    assert ana.corrections(item) == {}
    ana.redo()
    assert _claims(store)["$600 million"]["value"] == 6.5e8
    assert [e.action for e in ana.history(item)] == ["correct", "undo", "redo"]


def test_setting_the_extractors_value_again_removes_the_correction(store: Store, article: int) -> None:
    ana = CorrectionService(store, "ana")
    item = ItemRef("claim", claim_id(store, article, "$600 million"))
    ana.correct(item, {"value": 7e8})
    ana.correct(item, {"value": 6e8})
    assert ana.corrections(item) == {} and _claims(store)["$600 million"]["corrected"] == []
    with pytest.raises(ValidationError, match="already has"):
        ana.correct(item, {"value": 6e8})


def test_invalid_fields_are_refused_with_what_is_wrong(store: Store, article: int) -> None:
    ana = CorrectionService(store, "ana")
    item = ItemRef("claim", claim_id(store, article, "$600 million"))
    with pytest.raises(ValidationError, match="hedge 'roughly' is not one of"):
        ana.correct(item, {"hedge": "roughly"})
    with pytest.raises(ValidationError, match="'cue' is not a field of a claim"):
        ana.correct(item, {"cue": "said"})
    with pytest.raises(ValidationError, match="kind 'money' is not one of: direct, fragment"):
        ana.correct(ItemRef("quote", 1), {"kind": "money"})
    assert parse_field("claim", "value", "3.2 billion") == 3.2e9
    assert parse_field("claim", "target", "yes") is True
    with pytest.raises(ValidationError, match="value: 'lots' is not a number"):
        parse_field("claim", "value", "lots")
    assert ana.history(item) == []


def test_a_colleagues_newer_change_is_not_overwritten(store: Store, article: int) -> None:
    ana, ben = CorrectionService(store, "ana"), CorrectionService(store, "ben")
    item = ItemRef("claim", claim_id(store, article, "$600 million"))
    seen = ana.review(item).version
    ben.correct(item, {"speaker": "Nicolas Maduro"})
    with pytest.raises(ConflictError, match=r"claim \d+ was changed by ben at .*version 1, you had 0"):
        ana.correct(item, {"speaker": "Ebrahim Raisi"}, expected_version=seen)
    assert _claims(store)["$600 million"]["speaker"] == "Nicolas Maduro"
    # Undoing ben's change after ana changed the same field is refused as for verdicts.
    ana.correct(item, {"speaker": "Ebrahim Raisi"})
    with pytest.raises(ConflictError, match="refused so the newer change is kept"):
        ben.undo()


def test_dismissed_items_leave_lists_counts_and_exports_and_a_filter_shows_them(store: Store, article: int) -> None:
    ana = CorrectionService(store, "ana")
    item = ItemRef("claim", claim_id(store, article, "nearly 5%"))
    before = store.counts()["claims"]
    ana.dismiss(item, note="a context number")
    assert "nearly 5%" not in _claims(store)
    assert store.counts()["claims"] == before - 1
    assert all(row["id"] != item.entity_id for row in iter_items(store, "claims"))
    catalog = Catalog(store)
    dismissed = catalog.rows("claims", catalog.ids("claims", BrowseFilter(verdict="dismissed")))
    assert [(r["mention"], r["dismissed"]) for r in dismissed] == [("nearly 5%", "not_a_claim")]
    with pytest.raises(ValidationError, match="already dismissed"):
        ana.dismiss(item)
    with pytest.raises(ValidationError, match="a claim is dismissed as one of: not_a_claim, duplicate"):
        ana.dismiss(ItemRef("claim", claim_id(store, article, "$600 million")), "not_a_quote")
    ana.undo()
    assert "nearly 5%" in _claims(store)
    ana.redo()
    ana.restore(item)
    assert "nearly 5%" in _claims(store)


def test_an_added_claim_is_checked_against_its_span_and_undo_withdraws_it(store: Store, article: int) -> None:
    ana = CorrectionService(store, "ana")
    start = ARTICLE_V1.index("2021")
    with pytest.raises(ValidationError, match=r"text\[\d+:\d+\] of article \d+ is '2021 ', not '2021'"):
        ana.add_item("claim", article, start, start + 5, {"kind": "year", "mention": "2021"})
    with pytest.raises(ValidationError, match="a claim needs its kind"):
        ana.add_item("claim", article, start, start + 4)
    with pytest.raises(ValidationError, match="is not a span of article"):
        ana.add_item("claim", article, 10, 10_000, {"kind": "year"})
    ref = ana.add_item("claim", article, start, start + 4, {"kind": "year", "value": 2021, "mention": "2021"})
    row = _claims(store)["2021"]
    assert (row["id"], row["origin"], row["cluster_id"], row["value"]) == (ref.entity_id, "added", ref.entity_id, 2021)
    assert ARTICLE_V1[row["start"] : row["end"]] == "2021"
    exported = next(r for r in iter_items(store, "claims") if r["id"] == ref.entity_id)
    assert exported["origin"] == "added" and exported["sentence"] == ARTICLE_V1
    with pytest.raises(ValidationError, match="already marks"):
        ana.add_item("claim", article, start, start + 4, {"kind": "year"})
    ana.undo()
    assert "2021" not in _claims(store)
    with pytest.raises(ValidationError, match="its addition was undone"):
        ana.correct(ref, {"value": 2020})
    ana.redo()
    assert _claims(store)["2021"]["origin"] == "added"


def test_a_quote_can_be_added_and_its_speaker_chosen_from_the_articles_people(store: Store, article: int) -> None:
    ana = CorrectionService(store, "ana")
    first = ARTICLE_V1.index("grew from")
    ref = ana.add_item("quote", article, first, first + len("grew from"), {"speaker": "Ebrahim Raisi"})
    assert ana.people(ref) == ["Ebrahim Raisi", "Nicolas Maduro"]
    (quote,) = [q for q in listed(store, "quotes") if q["id"] == ref.entity_id]
    assert (quote["text"], quote["kind"], quote["speaker"], quote["origin"]) == (
        "grew from",
        "direct",
        "Ebrahim Raisi",
        "added",
    )


@pytest.fixture
def fixed(db_path) -> Store:  # type: ignore[no-untyped-def]
    with Store.open(build_fixed_db(db_path)) as opened:
        yield opened  # type: ignore[misc]


def _cluster_of(store: Store, mention: str) -> int:
    return next(r["cluster_id"] for r in listed(store, "claims") if r["mention"] == mention)


def test_moving_an_item_out_says_which_verdict_it_loses_and_undo_puts_it_back(fixed: Store) -> None:
    ana = CorrectionService(fixed, "ana")
    three, four = _cluster_of(fixed, "more than $3 billion"), _cluster_of(fixed, "$4 billion")
    ana.set_verdict(ItemRef("claim_cluster", four), "false")
    # Put the $3 billion claim into the $4 billion cluster, then take it out again.
    plan = ana.plan_move(ItemRef("claim", three), four)
    assert plan.summary() == (
        f"claim {three} leaves claim cluster {three} for claim cluster {four}, and inherits the verdict false."
    )
    assert _cluster_of(fixed, "more than $3 billion") == three  # a plan writes nothing
    ana.move_to_cluster(ItemRef("claim", three), four)
    assert _cluster_of(fixed, "more than $3 billion") == four
    assert ana.effective_verdict("claim", three).label == "false"
    rows = {r["mention"]: r for r in listed(fixed, "claims")}
    assert rows["$4 billion"]["cluster_size"] == 2 and rows["more than $3 billion"]["corrected"] == ["cluster_id"]
    split = ana.plan_move(ItemRef("claim", three))
    assert split.summary() == (
        f"claim {three} leaves claim cluster {four} for a cluster of its own, and no longer inherits the verdict false."
    )
    ana.move_to_cluster(ItemRef("claim", three))
    assert _cluster_of(fixed, "more than $3 billion") == three
    assert ana.corrections(ItemRef("claim", three)) == {}  # back where the clustering put it: no correction left
    ana.undo()
    assert _cluster_of(fixed, "more than $3 billion") == four
    ana.undo()
    ana.undo()
    assert _cluster_of(fixed, "more than $3 billion") == three


def test_when_the_representative_leaves_the_other_members_move_and_an_emptied_review_is_orphaned(fixed: Store) -> None:
    ana = CorrectionService(fixed, "ana")
    three, four = _cluster_of(fixed, "more than $3 billion"), _cluster_of(fixed, "$4 billion")
    ana.merge_clusters(ItemRef("claim_cluster", three), ItemRef("claim_cluster", four))
    assert _cluster_of(fixed, "$4 billion") == three
    ana.set_verdict(ItemRef("claim_cluster", three), "mostly_true")
    # The representative moves to another cluster: the other member keeps going under a cluster named after it.
    target = _cluster_of(fixed, "$600 million")
    plan = ana.plan_move(ItemRef("claim", three), target)
    assert plan.lines[0] == (
        f"claim {three} names claim cluster {three}, so its other 1 listed member move to a "
        f"cluster named after claim {four}, and no longer inherit the verdict mostly_true."
    )
    assert plan.orphaned == [ItemRef("claim_cluster", three)]
    ana.move_to_cluster(ItemRef("claim", three), target)
    assert _cluster_of(fixed, "$4 billion") == four
    assert _cluster_of(fixed, "more than $3 billion") == target
    (orphan,) = ana.orphans()
    assert (orphan["entity_type"], orphan["entity_id"], orphan["verdict"]) == ("claim_cluster", three, "mostly_true")
    ana.undo()
    assert ana.orphans() == []
    assert _cluster_of(fixed, "$4 billion") == three == _cluster_of(fixed, "more than $3 billion")


def test_merge_keeps_the_reviewed_cluster_and_not_a_conflict_clears_the_flag(fixed: Store) -> None:
    ana = CorrectionService(fixed, "ana")
    three, four = _cluster_of(fixed, "more than $3 billion"), _cluster_of(fixed, "$4 billion")
    catalog = Catalog(fixed)
    assert [c["cluster_id"] for c in catalog.cluster("claims", three).conflicts] == [four]
    with pytest.raises(ValidationError, match="not flagged as conflicting"):
        ana.mark_not_conflict(ItemRef("claim_cluster", three), ItemRef("claim_cluster", _cluster_of(fixed, "2021")))
    ana.mark_not_conflict(ItemRef("claim_cluster", three), ItemRef("claim_cluster", four), note="different years")
    assert catalog.cluster("claims", three).conflicts == [] and catalog.cluster("claims", four).conflicts == []
    with pytest.raises(ValidationError, match="already marked"):
        ana.mark_not_conflict(ItemRef("claim_cluster", four), ItemRef("claim_cluster", three))
    ana.undo()
    assert [c["cluster_id"] for c in catalog.cluster("claims", three).conflicts] == [four]

    ana.set_verdict(ItemRef("claim_cluster", four), "false")
    plan = ana.merge_clusters(ItemRef("claim_cluster", three), ItemRef("claim_cluster", four))
    # Only the second had a review, so it keeps its id and its verdict now covers both.
    assert plan.lines == [
        f"1 listed member of claim cluster {three} join claim cluster {four}, and inherit the verdict false."
    ]
    assert _cluster_of(fixed, "more than $3 billion") == four
    assert ana.effective_verdict("claim", three).label == "false"


def test_not_a_conflict_hides_the_pair_from_every_conflict_listing(fixed: Store) -> None:
    """Lists, the conflicts-only filter, the ⚠ count and the export all read the same live conflicts."""
    ana = CorrectionService(fixed, "ana")
    three, four = _cluster_of(fixed, "more than $3 billion"), _cluster_of(fixed, "$4 billion")
    catalog = Catalog(fixed)

    def flagged() -> tuple[list[tuple[int, int]], set[int], list[int]]:
        pairs = [(row["cluster_a"], row["cluster_b"]) for row in fixed.list_conflicts("claim")]
        only = catalog.ids("claims", BrowseFilter(conflicts_only=True))
        exported = [
            c for row in iter_items(fixed, "claims") if row["cluster_id"] == three for c in row["conflict_cluster_ids"]
        ]
        return (
            pairs,
            {fixed.db.execute("SELECT cluster_id FROM claims WHERE id = ?", [i]).fetchone()[0] for i in only},
            exported,
        )

    assert flagged() == ([(min(three, four), max(three, four))], {three, four}, [four])
    ana.mark_not_conflict(ItemRef("claim_cluster", three), ItemRef("claim_cluster", four))
    assert flagged() == ([], set(), [])
    assert fixed.conflict_map("claim") == {}
    ana.undo()
    assert flagged()[0] == [(min(three, four), max(three, four))]


def test_an_orphan_is_reattached_or_discarded_by_hand(store: Store) -> None:
    from tests.services.review_helpers import claims_of

    first = add_article(store, ARTICLE_V1)
    ana = CorrectionService(store, "ana")
    old = ItemRef("claim", claim_id(store, first, "$600 million"))
    ana.set_verdict(old, "true", "customs data")
    ana.correct(old, {"speaker": "Ebrahim Raisi"})
    edited = ARTICLE_V1.replace("$600 million", "$650 million")
    from workbench.services.reanchor import reanchor

    second = add_article(store, edited, claims=claims_of(edited) + [])
    reanchor(store, first, second, reviewer="ana")
    (orphan,) = ana.orphans()
    assert orphan["entity_id"] == old.entity_id
    new = ItemRef("claim", claim_id(store, second, "more than $3 billion"))
    with pytest.raises(ValidationError, match="already has its own review|has no orphaned review"):
        ana.reattach(ItemRef("claim", 999), new)
    ana.reattach(old, new)
    assert ana.orphans() == []
    assert ana.review(new).verdict == "true"
    assert _claims(store)["more than $3 billion"]["speaker"] == "Ebrahim Raisi"  # the correction came along
    assert "reanchor" in [e.action for e in ana.history(new)]

    other = add_article(store, ARTICLE_V1, source="b.txt")
    lost = ItemRef("claim", claim_id(store, other, "nearly 5%"))
    ana.add_note(lost, "check")
    ReviewService(store, "ana").mark_orphaned(lost, "test")
    ana.discard(lost)
    assert ana.orphans() == []
    ana.undo()
    assert [o["entity_id"] for o in ana.orphans()] == [lost.entity_id]


def test_corrected_values_reach_claimreview(fixed: Store) -> None:
    from workbench.config import Settings
    from workbench.export.claimreview import build_claimreviews

    ana = CorrectionService(fixed, "ana")
    four = _cluster_of(fixed, "$4 billion")
    ana.correct(ItemRef("claim", four), {"speaker": "Ebrahim Raisi"})
    ana.set_verdict(ItemRef("claim", four), "false", "customs say 3.1 billion")
    (review,) = build_claimreviews(
        fixed,
        Settings(
            organization="Check", organization_url="https://c.example", claimreview_base_url="https://c.example/r/"
        ),
    )
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Ebrahim Raisi"}
    ana.dismiss(ItemRef("claim", four))
    assert (
        build_claimreviews(
            fixed,
            Settings(
                organization="Check", organization_url="https://c.example", claimreview_base_url="https://c.example/r/"
            ),
        )
        == []
    )


def test_blame_history_and_describe_name_the_corrections(store: Store, article: int) -> None:
    from workbench.services.review import describe_event

    ana = CorrectionService(store, "ana")
    item = ItemRef("claim", claim_id(store, article, "$600 million"))
    ana.correct(item, {"hedge": "about"})
    ana.dismiss(item, "duplicate", "same as claim 2")
    assert [describe_event(e) for e in ana.history(item)] == [
        "hedge (extracted) -> about",
        "dismissed (extracted) -> duplicate",
    ]
    raw = json.loads(store.db.execute("SELECT corrected FROM claims WHERE id = ?", [item.entity_id]).fetchone()[0])
    assert raw == ["hedge"]


def test_corrections_follow_an_item_to_its_new_article_version(store: Store) -> None:
    from tests.services.review_helpers import claims_of
    from workbench.services.reanchor import reanchor

    first = add_article(store, ARTICLE_V1)
    ana = CorrectionService(store, "ana")
    old = ItemRef("claim", claim_id(store, first, "more than $3 billion"))
    ana.correct(old, {"value": 3.2e9, "speaker": "Ebrahim Raisi"})
    edited = ARTICLE_V1.replace("Officials expect", "Officials now expect")
    second = add_article(store, edited, claims=claims_of(edited))
    report = reanchor(store, first, second, reviewer="ana")
    new = ItemRef("claim", claim_id(store, second, "more than $3 billion"))
    # Matched on the figure the extractor read (3e9), although the reviewer's 3.2e9 is in the column.
    assert ("claim", old.entity_id, new.entity_id) in report.moved
    row = store.db.execute("SELECT value, speaker, corrected FROM claims WHERE id = ?", [new.entity_id]).fetchone()
    assert (*row[:2], json.loads(row[2])) == (3.2e9, "Ebrahim Raisi", ["speaker", "value"])
    assert ana.corrections(new)["value"]["extracted"] == 3e9
    ana.undo()  # the correction made on the old version is undone on the new one
    assert store.db.execute("SELECT value, speaker FROM claims WHERE id = ?", [new.entity_id]).fetchone() == (3e9, None)


def test_later_ingests_leave_an_item_where_a_reviewer_put_it(db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import SEEDS
    from workbench.services.ingest import ingest_paths
    from workbench.services.reextract import reextract

    with Store.open(db_path) as store:
        ingest_paths(store, [SEEDS], workers=1)
        cluster, member = store.db.execute(
            "SELECT cluster_id, id FROM quotes WHERE cluster_id IN (SELECT cluster_id FROM quotes GROUP BY cluster_id "
            "HAVING count(*) > 1) AND id != cluster_id AND kind = 'direct' ORDER BY id"
        ).fetchone()
        words = store.db.execute("SELECT text FROM quotes WHERE id = ?", [member]).fetchone()[0]
        CorrectionService(store, "ana").move_to_cluster(ItemRef("quote", member))
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "repeat.txt").write_text(f"Raisi said: \u201c{words}\u201d\n", encoding="utf-8")
        report = ingest_paths(store, [tmp_path / "more"], workers=1)
        assert report.ingested == 1 and report.clustered["quotes"] >= 1
        reextract(store, {"mode": "all"}, reviewer="bot")
        assert store.db.execute("SELECT cluster_id FROM quotes WHERE id = ?", [member]).fetchone()[0] == member
        assert store.db.execute("SELECT cluster_id FROM quotes WHERE id = ?", [cluster]).fetchone()[0] == cluster
