"""Re-ingest of an edited article: every review follows its item to the new version, or is flagged orphaned."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.review_helpers import ARTICLE_V1, add_article, claim, claim_id, claims_of
from workbench.services.reanchor import anchors, match_anchors, reanchor
from workbench.services.review import ReviewService
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

# An edit: a new lead sentence shifts every offset, the trade figure changes, the quote loses its comma.
ARTICLE_V2 = "CARACAS - The two presidents met on Monday. " + ARTICLE_V1.replace(
    "more than $3 billion", "more than $4 billion"
).replace("invincible,", "invincible")


def v2_claims(text: str) -> list:
    return [*claims_of(text), claim(text, "more than $4 billion", value=4e9, hedge="more_than")]


@pytest.fixture
def reviewed(store: Store) -> tuple[int, ReviewService]:
    """Version 1 with a verdict, source, note, assignment or status on each kind of item."""
    v1 = add_article(store, ARTICLE_V1)
    ana = ReviewService(store, "ana")
    ana.set_verdict(f"claim:{claim_id(store, v1, '$600 million')}", "true", "customs data")
    ana.add_source(
        f"claim:{claim_id(store, v1, '$600 million')}",
        "https://stats.example/2021",
        reference_value=6.1e8,
        reference_unit="USD",
    )
    ana.set_verdict(f"claim:{claim_id(store, v1, 'more than $3 billion')}", "mostly_true")
    ana.add_note(f"claim:{claim_id(store, v1, 'nearly 5%')}", "which growth?")
    ana.assign(f"claim:{claim_id(store, v1, 'about 100 new flights')}", "bob")
    ana.set_verdict(f"quote:{store.quotes_of_article(v1)[0].id}", "unverifiable", "no recording")
    return v1, ana


def test_edited_article_keeps_every_review_or_flags_it(store: Store, reviewed: tuple[int, ReviewService]) -> None:
    v1, ana = reviewed
    v2 = add_article(store, ARTICLE_V2, claims=v2_claims(ARTICLE_V2))
    report = reanchor(store, v1, v2, reviewer="ingest-bot")

    new = {c.mention: c.id for c in store.claims_of_article(v2)}
    old = {c.mention: c.id for c in store.claims_of_article(v1)}
    new_quote, old_quote = store.quotes_of_article(v2)[0].id, store.quotes_of_article(v1)[0].id
    assert sorted(report.moved) == sorted(
        [
            ("claim", old["$600 million"], new["$600 million"]),
            ("claim", old["about 100 new flights"], new["about 100 new flights"]),
            ("claim", old["nearly 5%"], new["nearly 5%"]),
            ("quote", old_quote, new_quote),
        ]
    )
    assert report.orphaned == [("claim", old["more than $3 billion"])]

    moved = ana.review(f"claim:{new['$600 million']}")
    assert (moved.verdict, moved.rationale) == ("true", "customs data")
    assert [s.url for s in ana.sources(f"claim:{new['$600 million']}")] == ["https://stats.example/2021"]
    assert [n.text for n in ana.notes(f"claim:{new['nearly 5%']}")] == ["which growth?"]
    assert ana.review(f"claim:{new['about 100 new flights']}").assignee == "bob"
    assert ana.review(f"quote:{new_quote}").verdict == "unverifiable"
    assert ana.review(f"claim:{old['$600 million']}").verdict is None  # moved, not copied
    assert store.db.execute("SELECT entity_id, reviewer, verdict FROM judgements ORDER BY verdict").fetchall() == [
        (old["more than $3 billion"], "ana", "mostly_true"),
        (new["$600 million"], "ana", "true"),
        (new_quote, "ana", "unverifiable"),
    ]

    # The changed figure keeps its verdict where it was, flagged, and listed with its context.
    (orphan,) = ana.orphans()
    assert (orphan["entity_id"], orphan["verdict"], orphan["text"], orphan["article_id"], orphan["superseded_by"]) == (
        old["more than $3 billion"],
        "mostly_true",
        "more than $3 billion",
        v1,
        v2,
    )
    assert ana.review(f"claim:{old['more than $3 billion']}").orphaned is True
    assert ana.review(f"claim:{new['more than $4 billion']}").verdict is None

    # Moves are events, by whoever re-ingested, and the history of the new item reaches back to the old one.
    history = ana.history(f"claim:{new['$600 million']}")
    assert [(e.reviewer, e.action) for e in history] == [
        ("ana", "verdict"),
        ("ana", "source_add"),
        ("ingest-bot", "reanchor"),
    ]
    assert history[-1].before == {"entity": f"claim:{old['$600 million']}"}
    assert ana.blame(f"claim:{new['$600 million']}")["verdict"].reviewer == "ana"


def test_undo_after_a_reanchor_acts_on_the_moved_review(store: Store, reviewed: tuple[int, ReviewService]) -> None:
    v1, ana = reviewed
    v2 = add_article(store, ARTICLE_V2, claims=v2_claims(ARTICLE_V2))
    reanchor(store, v1, v2, reviewer="ingest-bot")
    new_quote = store.quotes_of_article(v2)[0].id
    undo = ana.undo()  # ana's last change was the quote verdict, made on the old quote
    assert (undo.entity_type, undo.entity_id) == ("quote", new_quote)
    assert ana.review(f"quote:{new_quote}").verdict is None
    ana.redo()
    assert ana.review(f"quote:{new_quote}").verdict == "unverifiable"


def test_reanchor_twice_changes_nothing_more(store: Store, reviewed: tuple[int, ReviewService]) -> None:
    v1, _ = reviewed
    v2 = add_article(store, ARTICLE_V2, claims=v2_claims(ARTICLE_V2))
    reanchor(store, v1, v2, reviewer="bot")
    count = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    again = reanchor(store, v1, v2, reviewer="bot")
    assert again.moved == []
    assert store.db.execute("SELECT count(*) FROM events").fetchone()[0] == count


def test_equal_mentions_follow_their_words_not_their_offsets(store: Store) -> None:
    text_v1 = "Exports reached $600 million last year. Imports reached $600 million as well."
    text_v2 = "Imports reached $600 million as well. Exports reached $600 million last year."
    v1 = add_article(
        store,
        text_v1,
        "b.txt",
        claims=[claim(text_v1, "$600 million", value=6e8), claim(text_v1, "$600 million", value=6e8, nth=1)],
    )
    imports_v1 = store.claims_of_article(v1)[1].id
    ReviewService(store, "ana").set_verdict(f"claim:{imports_v1}", "false", "imports were lower")
    v2 = add_article(
        store,
        text_v2,
        "b.txt",
        claims=[claim(text_v2, "$600 million", value=6e8), claim(text_v2, "$600 million", value=6e8, nth=1)],
    )
    report = reanchor(store, v1, v2)
    imports_v2 = store.claims_of_article(v2)[0].id
    assert report.moved == [("claim", imports_v1, imports_v2)]


def test_matching_is_one_to_one_and_needs_the_same_figure() -> None:
    old_text = "Trade rose to $3 billion. Debt rose to $3 billion."
    new_text = "Trade rose to $3 billion in total."
    old = anchors(
        [
            {
                "id": 1,
                "start": 14,
                "end": 24,
                "text": "$3 billion",
                "kind": "money",
                "value": 3e9,
                "value_high": None,
                "unit": "USD",
            },
            {
                "id": 2,
                "start": 39,
                "end": 49,
                "text": "$3 billion",
                "kind": "money",
                "value": 3e9,
                "value_high": None,
                "unit": "USD",
            },
        ],
        old_text,
    )
    new = anchors(
        [
            {
                "id": 10,
                "start": 14,
                "end": 24,
                "text": "$3 billion",
                "kind": "money",
                "value": 3e9,
                "value_high": None,
                "unit": "usd",
            }
        ],
        new_text,
    )
    pairs = match_anchors(old, new)
    assert list(pairs) == [1] and pairs[1][0] == 10
    other_figure = anchors(
        [
            {
                "id": 11,
                "start": 14,
                "end": 24,
                "text": "$3 billion",
                "kind": "money",
                "value": 3.5e9,
                "value_high": None,
                "unit": "USD",
            }
        ],
        new_text,
    )
    assert match_anchors(old, other_figure) == {}


def test_ingest_reanchors_by_default(store: Store, tmp_path: Path) -> None:
    """End to end through the ingest service and whatever the extractors find in the seed-like text."""
    from workbench.services.ingest import ingest_paths

    path = tmp_path / "x.txt"
    path.write_text(ARTICLE_V1, encoding="utf-8")
    ingest_paths(store, [path], workers=1)
    (v1,) = [a["id"] for a in store.list_articles()]
    items = [("claim", c.id) for c in store.claims_of_article(v1)] + [
        ("quote", q.id) for q in store.quotes_of_article(v1)
    ]
    if not items:
        pytest.skip("the extractors found nothing in the sample text")
    ana = ReviewService(store, "ana")
    for entity_type, item_id in items:
        ana.set_verdict((entity_type, item_id), "half_true", f"{entity_type} {item_id}")
    path.write_text("A new first paragraph.\n\n" + ARTICLE_V1, encoding="utf-8")
    report = ingest_paths(store, [path], workers=1)
    assert report.new_versions == 1
    (v2,) = [a["id"] for a in store.list_articles()]
    assert ana.orphans() == []
    new_items = {("claim", c.id) for c in store.claims_of_article(v2)} | {
        ("quote", q.id) for q in store.quotes_of_article(v2)
    }
    judged = {
        (t, i) for t, i in store.db.execute("SELECT entity_type, entity_id FROM reviews WHERE verdict IS NOT NULL")
    }
    assert judged == new_items and len(judged) == len(items)


def test_a_successor_with_its_own_review_is_not_overwritten(store: Store, reviewed: tuple[int, ReviewService]) -> None:
    v1, ana = reviewed
    v2 = add_article(store, ARTICLE_V2, claims=v2_claims(ARTICLE_V2))
    successor = claim_id(store, v2, "$600 million")
    ReviewService(store, "bob").set_verdict(f"claim:{successor}", "false", "bob got there first")
    report = reanchor(store, v1, v2, reviewer="ana")
    old = claim_id(store, v1, "$600 million")
    assert ("claim", old) in report.orphaned
    assert (ana.review(f"claim:{successor}").verdict, ana.review(f"claim:{old}").verdict) == ("false", "true")
    (event,) = [e for e in ana.history(f"claim:{old}") if e.action == "orphan"]
    assert event.after["reason"] == f"claim {successor} already has its own review; claim {old} was not moved onto it"
    # Re-anchoring is bookkeeping: ana's undo still takes back her own last change, the quote verdict.
    assert ana.undo().entity_type == "quote"


def _ingest_v1_with_verdict(store: Store, path: Path) -> tuple[int, int]:
    from workbench.services.ingest import ingest_paths

    path.write_text(ARTICLE_V1, encoding="utf-8")
    assert ingest_paths(store, [path], workers=1, reviewer="ingest").ingested == 1
    (v1,) = [a["id"] for a in store.list_articles()]
    (first,) = [c.id for c in store.claims_of_article(v1) if c.mention == "$600 million"]
    ReviewService(store, "ana").set_verdict(f"claim:{first}", "true", "customs data")
    return v1, first


@pytest.mark.slow
@pytest.mark.skipif(__import__("sys").platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_during_re_anchoring_stores_nothing_and_the_rerun_finishes(store: Store, tmp_path: Path) -> None:
    """The new version and the moves of its reviews are one transaction: SIGKILL inside re-anchoring leaves the old
    version current with its reviews, and the next run stores the new version and moves them."""
    import signal
    import subprocess
    import sys

    from workbench.services.ingest import ingest_paths

    path = tmp_path / "x.txt"
    v1, first = _ingest_v1_with_verdict(store, path)
    path.write_text("A new first paragraph.\n\n" + ARTICLE_V1, encoding="utf-8")
    killer = (
        "import os, signal, sys\n"
        "from workbench.services.ingest import ingest_paths\n"
        "from workbench.services.review import ReviewService\n"
        "from workbench.store.repository import Store\n"
        "move = ReviewService.move_records\n"
        "def move_then_die(self, *args):\n"
        "    move(self, *args)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)  # one review moved, the transaction not committed\n"
        "ReviewService.move_records = move_then_die\n"
        "ingest_paths(Store.open(sys.argv[1]), [sys.argv[2]], workers=1, reviewer='ingest')\n"
    )
    died = subprocess.run(
        [sys.executable, "-c", killer, str(store.path), str(path)], capture_output=True, text=True, timeout=900
    )
    assert died.returncode == -signal.SIGKILL, died.stderr
    assert [(a["id"], a["version"]) for a in store.list_articles()] == [(v1, 1)]
    assert store.counts()["versions"] == 1
    assert ReviewService(store, "ana").review(f"claim:{first}").verdict == "true"

    rerun = ingest_paths(store, [path], workers=1, reviewer="ingest")
    assert (rerun.new_versions, rerun.unchanged) == (1, 0)
    (v2,) = [a["id"] for a in store.list_articles()]
    (successor,) = [c.id for c in store.claims_of_article(v2) if c.mention == "$600 million"]
    ana = ReviewService(store, "ana")
    assert (ana.review(f"claim:{successor}").verdict, ana.review(f"claim:{first}").verdict) == ("true", None)


def test_a_version_stored_without_its_re_anchoring_is_finished_on_the_next_run(store: Store, tmp_path: Path) -> None:
    """A database written by the old ingest, killed between committing v2 and moving the reviews: the next run
    called the text unchanged and never retried. Now it finishes the moves."""
    import hashlib

    from workbench.models import Article
    from workbench.pipeline.analyze import analyze_text
    from workbench.services.ingest import ingest_paths

    path = tmp_path / "x.txt"
    v1, first = _ingest_v1_with_verdict(store, path)
    edited = "A new first paragraph.\n\n" + ARTICLE_V1
    path.write_text(edited, encoding="utf-8")
    analysis = analyze_text(edited)
    v2 = store.add_article_version(  # committed, and then the old ingest was killed: no re-anchoring
        Article(source="x.txt", content_hash=hashlib.sha256(edited.encode()).hexdigest(), text=edited),
        analysis.sentences,
        analysis.claims,
        analysis.quotes,
    )
    assert store.unanchored_predecessor(v2) == v1
    again = ingest_paths(store, [path], workers=1, reviewer="ingest")
    assert (again.unchanged, again.new_versions) == (1, 0)
    (successor,) = [c.id for c in store.claims_of_article(v2) if c.mention == "$600 million"]
    assert ReviewService(store, "ana").review(f"claim:{successor}").verdict == "true"
    assert store.unanchored_predecessor(v2) is None
    assert [e.reviewer for e in ReviewService(store, "ana").history(f"claim:{successor}")] == ["ana", "ingest"]


def test_re_ingest_records_moves_as_the_given_reviewer_and_the_csv_names_who_decided(
    runner, tmp_path: Path, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """`--reviewer` is who re-ingested; the CSV's reviewer and reviewed_at stay with whoever set the verdict."""
    import csv
    from datetime import datetime

    from workbench.cli import main

    db = str(db_path)
    (tmp_path / "x.txt").write_text(ARTICLE_V1, encoding="utf-8")
    assert runner.invoke(main, ["--db", db, "--reviewer", "root", "ingest", "x.txt"]).exit_code == 0
    with Store.open(db) as store:
        (v1,) = [a["id"] for a in store.list_articles()]
        first = claim_id(store, v1, "$600 million")
        decided = ReviewService(store, "bob").set_verdict(f"claim:{first}", "false", "customs data")
        ReviewService(store, "cy").add_note(f"claim:{first}", "a colleague's note changes nothing")
    (tmp_path / "x.txt").write_text("A new first paragraph.\n\n" + ARTICLE_V1, encoding="utf-8")
    assert runner.invoke(main, ["--db", db, "--reviewer", "root", "ingest", "x.txt"]).exit_code == 0
    with Store.open(db) as store:
        (v2,) = [a["id"] for a in store.list_articles()]
        successor = claim_id(store, v2, "$600 million")
        history = ReviewService(store, "bob").history(f"claim:{successor}")
        assert [(e.action, e.reviewer) for e in history] == [
            ("verdict", "bob"),
            ("note_add", "cy"),
            ("reanchor", "root"),
        ]
    assert runner.invoke(main, ["--db", db, "export", "csv", "--out", "out"]).exit_code == 0
    with next((tmp_path / "out").glob("claims-*.csv")).open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == str(successor))
    assert (row["verdict"], row["reviewer"]) == ("false", "bob")
    assert decided.verdict_at is not None
    assert datetime.fromisoformat(row["reviewed_at"]) == decided.verdict_at
