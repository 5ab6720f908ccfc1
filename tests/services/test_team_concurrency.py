"""A desk at work: four reviewer processes on overlapping items while a fifth ingests, against one database.

Every reviewer reads an item's version, thinks briefly, then writes with it (verdicts, notes, sources) or undoes
their latest change. Afterwards: every accepted write is in the history exactly as made, every refused one was
told why (someone else's newer change) and left no trace, no entity has two events with one version (no lost
update), no process hung or died with a traceback, and the ingest stored every article.

The engine comes from the ``team_db`` fixture: the same desk runs on SQLite and on PostgreSQL (the test session's
server). The run lasts ``$WORKBENCH_CONCURRENCY_SECONDS`` (default 30): nothing is asserted about time.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ARTICLE, ENGINES
from tests.services.review_helpers import ARTICLE_V1, add_article
from workbench.models import VERDICT_LABELS
from workbench.services.ingest import ingest_paths
from workbench.services.review import ConflictError, NothingToUndo, ReviewService
from workbench.services.reviewers import add_reviewer
from workbench.store.repository import Store

REVIEWERS = ("ana", "bob", "carla", "dan")
SECONDS = float(os.environ.get("WORKBENCH_CONCURRENCY_SECONDS", "30"))
HANG_GUARD_S = SECONDS + 900  # only against a hang: a loaded machine makes every step slower, never wrong
INGEST_BATCH = 8  # articles per ingested file; the ingest goes on file after file until the time is up
# What a refused write is told: someone else's change came first (a stale version, or an undo overtaken).
REFUSALS = ("reload and retry", "refused so the newer change is kept")


@pytest.fixture(params=ENGINES)
def team_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where the desk's database lives, per engine: a file for SQLite, a fresh database of the test session's
    server for PostgreSQL (skipped locally when none can start, a failure under CI=true)."""
    if request.param == "sqlite":
        yield str(tmp_path / "team.db")
        return
    from tests.pg_server import fresh_database

    with fresh_database(request.getfixturevalue("pg_template")) as url:
        yield url


def reviewer_process(db: str, reviewer: str, seed: int, items: list[str], start: Any, out: str) -> None:
    """Review until the time is up; write every outcome (or the traceback that ended it) to ``out``."""
    rng = random.Random(seed)
    outcomes: list[dict[str, Any]] = []
    try:
        with Store.open(db) as store:
            service = ReviewService(store, reviewer)
            service.require_registered()
            first = items[0]
            seen = service.review(first).version
            start.wait(timeout=HANG_GUARD_S)  # all four hold the same version of one item: a sure collision
            deadline = time.monotonic() + SECONDS
            outcomes.append(_write(service, "verdict", first, seen, f"{reviewer}-0", rng))
            n = 1
            while time.monotonic() < deadline:
                item = rng.choice(items)
                action = rng.choices(("verdict", "note", "source", "undo"), weights=(4, 2, 2, 1))[0]
                seen = service.review(item).version
                time.sleep(rng.random() * 0.01)  # a reviewer thinking: others get a chance to write in between
                outcomes.append(_write(service, action, item, seen, f"{reviewer}-{n}", rng))
                n += 1
    except BaseException:  # noqa: BLE001 - the test reports it; a dying process must not lose its outcomes
        outcomes.append({"action": "crash", "traceback": traceback.format_exc()})
    Path(out).write_text(json.dumps(outcomes), encoding="utf-8")


def _write(service: ReviewService, action: str, item: str, seen: int, token: str, rng: random.Random) -> dict:
    """One attempted change; ``token`` marks it so the history can be searched for it."""
    outcome: dict[str, Any] = {"action": action, "item": item, "token": token, "seen": seen}
    try:
        if action == "verdict":
            label = rng.choice(VERDICT_LABELS)
            outcome["version"] = service.set_verdict(item, label, token, expected_version=seen).version
            outcome["label"] = label
        elif action == "note":
            service.add_note(item, token, expected_version=seen)
        elif action == "source":
            service.add_source(item, "https://stats.example.org/trade", title=token, expected_version=seen)
        else:
            outcome["event"] = service.undo().id
    except ConflictError as exc:
        return outcome | {"ok": False, "message": str(exc)}
    except NothingToUndo as exc:
        return outcome | {"ok": False, "message": str(exc), "nothing": True}
    return outcome | {"ok": True}


def ingest_process(db: str, folder: str, start: Any, out: str) -> None:
    """Ingest batch after batch of new articles until the reviewers' time is up."""
    reports: list[dict[str, Any]] = []
    try:
        with Store.open(db) as store:
            start.wait(timeout=HANG_GUARD_S)
            deadline = time.monotonic() + SECONDS
            batch = 0
            while batch == 0 or time.monotonic() < deadline:
                path = Path(folder) / f"batch-{batch}.jsonl"
                path.write_text(
                    "".join(
                        json.dumps({"id": f"b{batch}-{i}", "outlet": f"Outlet {i % 3}", "text": _article(batch, i)})
                        + "\n"
                        for i in range(INGEST_BATCH)
                    ),
                    encoding="utf-8",
                )
                report = ingest_paths(store, [path], workers=1)
                reports.append({"ingested": report.ingested, "rejected": [str(p) for p in report.rejected]})
                batch += 1
    except BaseException:  # noqa: BLE001 - reported by the test
        reports.append({"crash": traceback.format_exc()})
    Path(out).write_text(json.dumps(reports), encoding="utf-8")


def _article(batch: int, i: int) -> str:
    """A distinct article (its own figures), so every one is new to the database."""
    return ARTICLE.replace("$600 million", f"${600 + batch * INGEST_BATCH + i} million")


@pytest.mark.slow
def test_four_reviewers_and_an_ingest_lose_nothing(team_db: str, tmp_path: Path) -> None:
    with Store.open(team_db) as store:
        article = add_article(store, ARTICLE_V1)
        for name in REVIEWERS:
            add_reviewer(store, name)
        assert store.team_mode
        claims = [c.id for c in store.claims_of_article(article)]
        quotes = [q.id for q in store.quotes_of_article(article)]
        items = [f"claim:{claims[0]}", *(f"claim:{c}" for c in claims[1:]), f"quote:{quotes[0]}"]
        items.append(
            f"claim-cluster:{store.rows('SELECT cluster_id FROM claims WHERE id = ?', [claims[0]])[0]['cluster_id']}"
        )
        articles_before = store.counts()["articles"]

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(REVIEWERS) + 1)
    outputs = {name: tmp_path / f"{name}.json" for name in REVIEWERS}
    ingest_out = tmp_path / "ingest.json"
    (tmp_path / "incoming").mkdir()
    processes = [
        context.Process(target=reviewer_process, args=(team_db, name, seed, items, start, str(out)))
        for seed, (name, out) in enumerate(outputs.items())
    ]
    processes.append(
        context.Process(target=ingest_process, args=(team_db, str(tmp_path / "incoming"), start, str(ingest_out)))
    )
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=HANG_GUARD_S)
    hung = [p.pid for p in processes if p.exitcode is None]
    for process in processes:
        if process.exitcode is None:
            process.kill()
    assert not hung, "a process never finished: a deadlock or a lost wake-up"
    assert [p.exitcode for p in processes] == [0] * len(processes)

    outcomes = {name: json.loads(out.read_text()) for name, out in outputs.items()}
    crashes = [o["traceback"] for rows in outcomes.values() for o in rows if o["action"] == "crash"]
    assert not crashes, crashes[0]
    ingests = json.loads(ingest_out.read_text())
    assert not [r["crash"] for r in ingests if "crash" in r]
    assert all(not r["rejected"] and r["ingested"] == INGEST_BATCH for r in ingests)

    accepted = [o | {"reviewer": name} for name, rows in outcomes.items() for o in rows if o["ok"]]
    refused = [o | {"reviewer": name} for name, rows in outcomes.items() for o in rows if not o["ok"]]
    assert sum(1 for o in refused if o["token"].endswith("-0")) >= len(REVIEWERS) - 1, "the opening collision"
    for refusal in refused:
        assert refusal.get("nothing") or any(reason in refusal["message"] for reason in REFUSALS), refusal

    with Store.open(team_db) as store:
        events = store.rows("SELECT id, reviewer, entity_type, entity_id, action, after, version FROM events")
        by_token: dict[str, list[dict[str, Any]]] = {}
        for event in events:
            after = json.loads(event["after"] or "{}")
            for token in _tokens(after):
                by_token.setdefault(token, []).append(event)
        # Every accepted write is in the history once, by its reviewer, on its item; nothing refused is.
        for write in accepted:
            if write["action"] == "undo":
                assert [e["reviewer"] for e in events if e["id"] == write["event"] and e["action"] == "undo"] == [
                    write["reviewer"]
                ]
                continue
            logged = [e for e in by_token.get(write["token"], []) if e["action"] != "undo"]
            assert len(logged) == 1, write
            assert logged[0]["reviewer"] == write["reviewer"]
            assert f"{logged[0]['entity_type'].replace('_', '-')}:{logged[0]['entity_id']}" == write["item"]
            if write["action"] == "verdict":
                assert logged[0]["version"] == write["version"]
        for refusal in refused:
            assert refusal["action"] == "undo" or refusal["token"] not in by_token, refusal
        # One event per version of every entity: no two writers ever both wrote "version n".
        per_entity: dict[tuple[str, int], list[int]] = {}
        for event in sorted(events, key=lambda e: e["id"]):
            per_entity.setdefault((event["entity_type"], event["entity_id"]), []).append(event["version"])
        for entity, versions in per_entity.items():
            assert versions == list(range(1, len(versions) + 1)), entity
            assert store.rows("SELECT version FROM reviews WHERE entity_type = ? AND entity_id = ?", list(entity)) == [
                {"version": len(versions)}
            ]
        # Notes and sources written are there (an undone one is hidden, never deleted).
        stored_notes = Counter(r["text"] for r in store.rows("SELECT text FROM notes"))
        stored_sources = Counter(r["title"] for r in store.rows("SELECT title FROM sources"))
        for write in accepted:
            if write["action"] == "note":
                assert stored_notes[write["token"]] == 1
            elif write["action"] == "source":
                assert stored_sources[write["token"]] == 1
        assert store.counts()["articles"] == articles_before + INGEST_BATCH * len(ingests)
        assert {e["reviewer"] for e in events} <= set(REVIEWERS)
        assert store.integrity_ok()
    assert {w["reviewer"] for w in accepted} == set(REVIEWERS)
    by_action = Counter((w["action"], w["ok"]) for rows in outcomes.values() for w in rows)
    print(  # shown with -s, and beside a failure: what the run exercised
        f"{SECONDS:g} s: {len(accepted)} accepted, {len(refused)} refused "
        f"({sum(1 for r in refused if r.get('nothing'))} nothing to undo); {dict(sorted(by_action.items()))}; "
        f"{len(ingests)} ingest batches of {INGEST_BATCH}"
    )


def _tokens(after: dict[str, Any]) -> list[str]:
    """The tokens an event's after-state carries: a verdict's rationale, a note's text, a source's title."""
    found = [
        (after.get("review") or {}).get("rationale"),
        (after.get("note") or {}).get("text"),
        (after.get("source") or {}).get("title"),
    ]
    return [token for token in found if isinstance(token, str)]
