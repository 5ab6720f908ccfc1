"""Re-extraction with a different extractor on a reviewed database: reviews, notes and corrections stay on the
right items or are reported orphaned, the report matches the database, and a run killed with SIGKILL finishes on
the next run without losing or doubling anything."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, listed
from tests.services.reextract_helpers import ARTICLES, seed, version_2
from tests.services.review_helpers import ARTICLE_V1, claim_id
from workbench.services.corrections import CorrectionService
from workbench.services.evaluation import evaluate_corrections
from workbench.services.reextract import COUNTS, parse_selection, reextract
from workbench.services.review import ItemRef
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def _review(store: Store, articles: list[int]) -> dict[str, list[int]]:
    """On every article: a verdict on $600 million (whose speaker ana corrects to what v2 finds), a note on nearly
    5% (which v2 drops), a corrected figure on $3 billion (which v2 still misreads); on the first article a
    dismissed quote and an added year (which v2 finds too)."""
    ana = CorrectionService(store, "ana")
    ids: dict[str, list[int]] = {"600": [], "5%": [], "3bn": []}
    for article in articles:
        six, five, three = (claim_id(store, article, m) for m in ("$600 million", "nearly 5%", "more than $3 billion"))
        ana.set_verdict(ItemRef("claim", six), "true", "customs data")
        ana.correct(ItemRef("claim", six), {"speaker": "Raisi"})
        ana.add_note(ItemRef("claim", five), "ask the ministry")
        ana.correct(ItemRef("claim", three), {"value": 3.1e9})
        ids["600"].append(six)
        ids["5%"].append(five)
        ids["3bn"].append(three)
    quote = listed(store, "quotes")[0]["id"]
    ana.dismiss(ItemRef("quote", quote), note="a slogan")
    start = ARTICLE_V1.index("2021")
    ids["added"] = [ana.add_item("claim", articles[0], start, start + 4, {"kind": "year", "value": 2021}).entity_id]
    ids["quote"] = [quote]
    return ids


def _state(store: Store) -> list[tuple]:  # type: ignore[type-arg]
    """Everything a re-extraction may touch, comparable between two databases.

    Claim ids are replaced by their rank: PostgreSQL's sequences advance in a transaction that a kill rolls back,
    so a resumed run may number new claims with a gap that a clean run has not (the contract is the same claims,
    in the same order, with the same reviews); on SQLite the ranks are the ids' own order all the same."""
    rank = {row[0]: n for n, row in enumerate(store.db.execute("SELECT id FROM claims ORDER BY id").fetchall())}

    def renumbered(found: list[tuple]) -> list[tuple]:  # type: ignore[type-arg]
        return [
            (kind, rank.get(item, item) if kind.startswith("claim") else item, *rest) for kind, item, *rest in found
        ]

    rows = [
        (rank[row[0]], *row[1:11], rank.get(row[11], row[11]))
        for row in store.db.execute(
            "SELECT c.id, c.article_id, c.start, c.end, c.mention, c.value, c.hedge, c.speaker, c.dismissed, "
            "c.origin, c.corrected, c.change_group FROM claims c ORDER BY c.id"
        ).fetchall()
    ]
    reviews = renumbered(
        store.db.execute("SELECT entity_type, entity_id, verdict, orphaned FROM reviews ORDER BY 1, 2").fetchall()
    )
    notes = renumbered(store.db.execute("SELECT entity_type, entity_id, text FROM notes ORDER BY id").fetchall())
    corrections = renumbered(
        store.db.execute(
            "SELECT entity_type, entity_id, field, extracted, value FROM corrections ORDER BY 1, 2, 3"
        ).fetchall()
    )
    versions = store.db.execute("SELECT id, extractor_version FROM articles ORDER BY id").fetchall()
    return [rows, reviews, notes, corrections, versions]


def test_an_upgraded_extractor_keeps_every_review_on_its_item_or_reports_it_orphaned(store: Store) -> None:
    articles = seed(store)
    ids = _review(store, articles)
    before_max = store.db.execute("SELECT max(id) FROM claims").fetchone()[0]
    report = reextract(store, {"mode": "all"}, reviewer="bot", analyze=version_2, version=2)
    assert report.ok and report.articles == ARTICLES
    counts = report.counts
    ana = CorrectionService(store, "ana")

    # The verdict and the speaker fix stayed on $600 million; v2 now finds the speaker itself: kept, not doubled.
    for six in ids["600"]:
        assert ana.review(ItemRef("claim", six)).verdict == "true"
        fix = ana.corrections(ItemRef("claim", six))["speaker"]
        assert (fix["extracted"], fix["value"]) == ("Raisi", "Raisi")
        assert [e.action for e in ana.history(ItemRef("claim", six))] == ["verdict", "correct"]
    # The corrected figure of $3 billion stands; the correction records what v2 read.
    for three in ids["3bn"]:
        row = store.db.execute("SELECT value, corrected FROM claims WHERE id = ?", [three]).fetchone()
        assert row == (3.1e9, '["value"]')
    # v2 drops "nearly 5%": hidden, and its note is waiting as an orphan.
    orphans = ana.orphans()
    assert sorted(o["entity_id"] for o in orphans) == sorted(ids["5%"])
    assert all(o["text"] == "nearly 5%" for o in orphans)
    assert [n.text for n in ana.notes(ItemRef("claim", ids["5%"][0]))] == ["ask the ministry"]
    # The added year is found by v2 on the first article: not added twice; on the others it is new.
    first = [r for r in listed(store, "claims") if r["article_id"] == articles[0]]
    assert [r["mention"] for r in first].count("2021") == 1
    assert next(r for r in first if r["mention"] == "2021")["id"] == ids["added"][0]
    assert ana.corrections(ItemRef("claim", ids["added"][0]))["added"]["extracted"] is True
    # The dismissed quote stays dismissed.
    assert store.db.execute("SELECT dismissed FROM quotes WHERE id = ?", ids["quote"]).fetchone()[0] == "not_a_quote"

    # The report counts what the database shows.
    added = store.db.execute("SELECT count(*) FROM claims WHERE id > ?", [before_max]).fetchone()[0]
    removed = store.db.execute("SELECT count(*) FROM claims WHERE dismissed = 'not_extracted'").fetchone()[0]
    assert counts["items_added"] == added == ARTICLES - 1
    assert counts["items_removed"] == removed == ARTICLES
    assert counts["reviews_orphaned"] == len(orphans) == ARTICLES
    assert counts["additions_found"] == 1
    assert counts["corrections_now_extracted"] == ARTICLES
    assert counts["items_changed"] == ARTICLES  # the speaker v2 reads on $600 million
    assert counts["reviews_kept"] == 2 * ARTICLES + 1  # $600 million and $3 billion, and the dismissed quote
    assert store.db.execute("SELECT DISTINCT extractor_version FROM articles").fetchall() == [(2,)]
    # Nothing left to do: the run is finished and the default selection finds no stale article.
    again = reextract(store, reviewer="bot", analyze=version_2, version=2)
    assert (again.articles, again.resumed) == (0, 0)


def test_a_dry_run_writes_nothing_and_scores_both_extractors(store: Store) -> None:
    articles = seed(store)
    _review(store, articles)
    before = _state(store)
    report = reextract(store, {"mode": "all"}, reviewer="bot", analyze=version_2, version=2, dry_run=True)
    assert _state(store) == before
    assert report.counts["items_removed"] == ARTICLES and report.run_id is None
    # Stored: every $3 billion misread, the dismissed quote produced, the added year missed; v2: $3 billion still
    # misread, the quote still produced, the judged "nearly 5%" missed, the year found.
    before, after = report.before, report.after
    assert (before.produced, before.dismissed, before.wrong, before.missed) == (3 * ARTICLES + 1, 1, ARTICLES, 1)
    assert (after.produced, after.dismissed, after.wrong, after.missed) == (2 * ARTICLES + 2, 1, ARTICLES, ARTICLES)
    assert report.after.speaker_accuracy == 1.0 and report.before.speaker_accuracy == pytest.approx(2 / 3)


def test_selection_follows_the_recorded_extractor_version(store: Store, tmp_path: Path) -> None:
    from tests.conftest import SEEDS
    from workbench.pipeline.analyze import EXTRACTOR_VERSION
    from workbench.services.ingest import ingest_paths

    ingest_paths(store, [SEEDS], workers=1)
    assert store.db.execute("SELECT DISTINCT extractor_version FROM articles").fetchall() == [(EXTRACTOR_VERSION,)]
    assert reextract(store, reviewer="bot", dry_run=True).articles == 0  # nothing stale
    assert (
        reextract(store, parse_selection(since_version=EXTRACTOR_VERSION + 1), reviewer="bot", dry_run=True).articles
        == 0
    )
    assert (
        reextract(store, parse_selection(since_version=EXTRACTOR_VERSION), reviewer="bot", dry_run=True).articles == 5
    )
    same = reextract(store, parse_selection(all_articles=True), reviewer="bot")
    # The current extractor on its own output changes nothing.
    assert same.counts["items_added"] == same.counts["items_removed"] == same.counts["items_changed"] == 0


def test_a_reextraction_killed_half_way_finishes_on_the_next_run(db_path: Path, second_db_path: Path) -> None:
    path, twin = db_path, second_db_path
    with Store.open(path) as store:
        ids = _review(store, seed(store))
    with Store.open(twin) as store:  # the same reviewed database, built a second time: the run that is not killed
        assert _review(store, seed(store)) == ids
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.services.reextract_helpers", str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    finished = 0
    deadline = time.monotonic() + 120
    assert process.stdout is not None
    while finished < 4 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        finished += line.startswith("done ")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert 4 <= finished < ARTICLES, process.stderr.read()

    with Store.open(path) as store:
        assert store.integrity_ok()
        report = reextract(store, {"mode": "all"}, reviewer="bot", analyze=version_2, version=2)
        assert report.resumed >= finished and report.resumed + report.articles == ARTICLES
        resumed_state = _state(store)
        totals = {k: report.counts[k] for k in COUNTS}
        ana = CorrectionService(store, "ana")
        assert len(ana.orphans()) == ARTICLES
        assert all(ana.review(ItemRef("claim", six)).verdict == "true" for six in ids["600"])
    with Store.open(twin) as store:
        clean = reextract(store, {"mode": "all"}, reviewer="bot", analyze=version_2, version=2)
        assert {k: clean.counts[k] for k in COUNTS} == totals
        assert _state(store) == resumed_state


def test_corrections_measure_the_extractor_exactly(store: Store) -> None:
    articles = seed(store)[:4]
    ana = CorrectionService(store, "ana")
    claims = [claim_id(store, a, m) for a in articles for m in ("$600 million", "more than $3 billion", "nearly 5%")]
    # 12 judged claims: 2 dismissed, 3 with a wrong figure (one also a wrong speaker), 1 only a wrong speaker,
    # and 2 claims the extractor missed.
    for claim in claims:
        ana.set_status(ItemRef("claim", claim), "in_progress")
    ana.dismiss(ItemRef("claim", claims[2]))
    ana.dismiss(ItemRef("claim", claims[5]), "duplicate")
    ana.correct(ItemRef("claim", claims[1]), {"value": 3.2e9})
    ana.correct(ItemRef("claim", claims[4]), {"hedge": "about", "speaker": "Raisi"})
    ana.correct(ItemRef("claim", claims[7]), {"unit": "EUR"})
    ana.correct(ItemRef("claim", claims[0]), {"speaker": "Raisi"})
    start = ARTICLE_V1.index("2021")
    for article in articles[:2]:
        ana.add_item("claim", article, start, start + 4, {"kind": "year", "value": 2021})
    result = evaluate_corrections(store)
    claim_tally = result.by_type["claim"]
    assert (claim_tally.produced, claim_tally.dismissed, claim_tally.wrong, claim_tally.missed) == (12, 2, 3, 2)
    assert claim_tally.precision == pytest.approx(7 / 12)
    assert claim_tally.recall == pytest.approx(10 / 12)
    assert claim_tally.speaker_accuracy == pytest.approx(8 / 10)
    assert result.by_kind["claim:year"].missed == 2 and result.by_kind["claim:percent"].dismissed == 2
    assert result.by_outlet["unknown"].produced == 12
    assert result.as_dict()["overall"]["fields"] == {"hedge": 1, "speaker": 2, "unit": 1, "value": 1}
