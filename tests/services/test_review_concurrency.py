"""Two processes reviewing the same claims at once: every accepted write is in the log and the state, none lost."""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.services.review_helpers import ARTICLE_V1, add_article
from workbench.models import VERDICT_LABELS
from workbench.services.review import ConflictError, ReviewService
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

WRITES = 120
# Only against a hang: a loaded machine makes these waits longer, never wrong.
HANG_GUARD_S = 900
CLAIMS = (1, 2, 3)


def hammer(db_path: str, reviewer: str, seed: int, start: multiprocessing.synchronize.Barrier, out: str) -> None:
    """Read a claim's version, then write with it: the window in between is where a lost update would happen."""
    rng = random.Random(seed)
    outcomes = []
    with Store.open(db_path) as store:
        service = ReviewService(store, reviewer)
        start.wait(timeout=HANG_GUARD_S)
        for i in range(WRITES):
            claim = CLAIMS[0] if i == 0 else rng.choice(CLAIMS)
            seen = service.review(f"claim:{claim}").version
            if i == 0:  # both read the same version before either writes: one sure collision, whatever the load
                start.wait(timeout=HANG_GUARD_S)
            else:
                time.sleep(rng.random() * 0.002)  # a reviewer thinking: the other process gets a chance to write
            label = rng.choice(VERDICT_LABELS)
            token = f"{reviewer}-{i}"
            try:
                done = service.set_verdict(f"claim:{claim}", label, token, expected_version=seen)
            except ConflictError as exc:
                outcomes.append({"claim": claim, "token": token, "ok": False, "message": str(exc)})
            else:
                outcomes.append({"claim": claim, "token": token, "ok": True, "label": label, "version": done.version})
            if i % 10 == 0:
                service.add_note(f"claim:{claim}", token)  # unversioned writes interleave too
    Path(out).write_text(json.dumps(outcomes), encoding="utf-8")


@pytest.mark.slow
def test_two_writer_processes_lose_nothing(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        add_article(store, ARTICLE_V1)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    outputs = {name: tmp_path / f"{name}.json" for name in ("ana", "bob")}
    workers = [
        context.Process(target=hammer, args=(str(db_path), name, seed, barrier, str(out)))
        for seed, (name, out) in enumerate(outputs.items())
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=HANG_GUARD_S)
        assert worker.exitcode == 0
    outcomes = {name: json.loads(out.read_text()) for name, out in outputs.items()}
    accepted = [dict(o, reviewer=name) for name, rows in outcomes.items() for o in rows if o["ok"]]
    refused = [o for rows in outcomes.values() for o in rows if not o["ok"]]
    assert len(accepted) + len(refused) == 2 * WRITES
    assert refused, "the writers never collided; the test proves nothing"

    with Store.open(db_path) as store:
        logged = {
            review["rationale"]: (reviewer, entity_id, review["verdict"], version)
            for reviewer, entity_id, after, version in store.db.execute(
                "SELECT reviewer, entity_id, after, version FROM events WHERE action = 'verdict'"
            )
            for review in [json.loads(after)["review"]]
        }
        # Every accepted write is logged exactly as it was made, and nothing refused slipped in.
        assert len(logged) == len(accepted)
        for write in accepted:
            assert logged[write["token"]] == (write["reviewer"], write["claim"], write["label"], write["version"])
        for refusal in refused:
            assert refusal["token"] not in logged
            assert "reload and retry" in refusal["message"]

        service = ReviewService(store, "checker")
        for claim in CLAIMS:
            versions = [
                v
                for (v,) in store.db.execute(
                    "SELECT version FROM events WHERE entity_type = 'claim' AND entity_id = ? ORDER BY id", [claim]
                )
            ]
            # One event per version, no gaps and no duplicates: no two writers ever both wrote "version n".
            assert versions == list(range(1, len(versions) + 1))
            final = service.review(f"claim:{claim}")
            assert final.version == len(versions)
            last = max((w for w in accepted if w["claim"] == claim), key=lambda w: w["version"], default=None)
            if last is not None:
                assert (final.verdict, final.rationale) == (last["label"], last["token"])

        # Each reviewer's own latest judgement per claim is kept even where the other overwrote it.
        latest: dict[tuple[str, int], str] = {}
        for write in sorted(accepted, key=lambda w: w["version"]):
            latest[(write["reviewer"], write["claim"])] = write["label"]
        judged = {(r, e): v for e, r, v in store.db.execute("SELECT entity_id, reviewer, verdict FROM judgements")}
        assert judged == latest
        notes = Counter(reviewer for (reviewer,) in store.db.execute("SELECT reviewer FROM notes"))
        assert notes == {"ana": WRITES // 10, "bob": WRITES // 10}
        assert store.integrity_ok()
    per_claim = defaultdict(int)
    for write in accepted:
        per_claim[write["claim"]] += 1
    assert sum(per_claim.values()) == len(accepted)
