"""Property: any sequence of changes followed by as many undos restores the state, and as many redos replay it."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.services.review_helpers import ARTICLE_V1, add_article
from workbench.models import VERDICT_LABELS, WORKFLOW_STATES
from workbench.services.review import ItemRef, ReviewService
from workbench.store.repository import Store

ITEMS = st.sampled_from(["claim:1", "claim:2", "claim-cluster:1", "quote:1"])
TEXT = st.text(alphabet="abc ", max_size=5)
pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)
# Each example starts from an empty database (fresh_store), so the function-scoped fixtures carry no state over.
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ACTIONS = st.one_of(
    st.tuples(st.just("verdict"), ITEMS, st.sampled_from(VERDICT_LABELS + WORKFLOW_STATES), st.none() | TEXT),
    st.tuples(st.just("status"), ITEMS, st.sampled_from(WORKFLOW_STATES)),
    st.tuples(st.just("assign"), ITEMS, st.sampled_from(["ana", "bob", None])),
    st.tuples(st.just("source"), ITEMS),
    st.tuples(st.just("note"), ITEMS, st.sampled_from(["x", "y"])),
    st.tuples(st.just("remove_note"), st.integers(0, 3)),
    st.tuples(st.just("remove_source"), st.integers(0, 3)),
)


@contextlib.contextmanager
def fresh_store(engine: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty database for one example. On PostgreSQL the test's own database is emptied (ids restarting at 1)
    rather than cloned per example: the two tests took 170 s with a clone each, 150 s emptied (load 16-18)."""
    if engine == "sqlite":
        with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "p.db") as store:
            yield store
        return
    with Store.open(request.getfixturevalue("db_path")) as store:
        tables = [
            row[0]
            for row in store.db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            if row[0] != "schema_migrations"
        ]
        store.db.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        yield store


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a reviewer can see; a missing review row equals a default one, versions are bookkeeping."""
    reviews = {
        (t, i): row
        for t, i, *row in store.db.execute(
            "SELECT entity_type, entity_id, verdict, rationale, status, assignee, orphaned FROM reviews"
        )
        if row != [None, None, "unreviewed", None, 0]
    }
    return {
        "reviews": reviews,
        "judgements": store.db.execute(
            "SELECT entity_type, entity_id, reviewer, verdict, rationale FROM judgements ORDER BY 1, 2, 3"
        ).fetchall(),
        "sources": store.db.execute(
            "SELECT id, entity_type, entity_id FROM sources WHERE removed = 0 ORDER BY id"
        ).fetchall(),
        "notes": store.db.execute(
            "SELECT id, entity_type, entity_id FROM notes WHERE removed = 0 ORDER BY id"
        ).fetchall(),
    }


def perform(service: ReviewService, store: Store, action: tuple) -> bool:
    """Carry out one action; False when it does not apply (nothing left to remove)."""
    name, *args = action
    if name == "verdict":
        service.set_verdict(args[0], args[1], args[2])
    elif name == "status":
        service.set_status(args[0], args[1])
    elif name == "assign":
        service.assign(args[0], args[1])
    elif name == "source":
        service.add_source(args[0], "https://example.org/evidence")
    elif name == "note":
        service.add_note(args[0], args[1])
    else:
        table = "notes" if name == "remove_note" else "sources"
        live = [r[0] for r in store.db.execute(f"SELECT id FROM {table} WHERE removed = 0 ORDER BY id")]
        if not live:
            return False
        row_id = live[args[0] % len(live)]
        (service.remove_note if table == "notes" else service.remove_source)(row_id)
    return True


@PROPERTY
@given(actions=st.lists(ACTIONS, min_size=1, max_size=12))
def test_undo_all_restores_and_redo_all_replays(
    engine: str, request: pytest.FixtureRequest, actions: list[tuple]
) -> None:
    with fresh_store(engine, request) as store:
        add_article(store, ARTICLE_V1)
        # A colleague's earlier work is part of the original state and must survive.
        colleague = ReviewService(store, "bob")
        colleague.set_verdict("claim:1", "false", "bob's view")
        colleague.add_note("claim:2", "bob's note")
        ana = ReviewService(store, "ana")
        original = snapshot(store)

        done = [a for a in actions if perform(ana, store, a)]
        changed = snapshot(store)
        events_before_undo = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
        for _ in done:
            ana.undo()
        assert snapshot(store) == original
        for _ in done:
            ana.redo()
        assert snapshot(store) == changed
        # Nothing was deleted: every undo and redo is an event of its own.
        total = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
        assert total == events_before_undo + 2 * len(done)


@PROPERTY
@given(steps=st.lists(st.one_of(ACTIONS, st.just(("undo",)), st.just(("redo",))), min_size=1, max_size=16))
def test_undo_redo_follow_an_editor_stack(engine: str, request: pytest.FixtureRequest, steps: list[tuple]) -> None:
    """Interleaved changes, undos and redos agree with a model of two stacks of snapshots."""
    with fresh_store(engine, request) as store:
        add_article(store, ARTICLE_V1)
        ana = ReviewService(store, "ana")
        undo_stack: list[dict[str, Any]] = []
        redo_stack: list[dict[str, Any]] = []
        for step in steps:
            state = snapshot(store)
            if step[0] == "undo":
                if not undo_stack:
                    continue
                ana.undo()
                redo_stack.append(state)
                assert snapshot(store) == undo_stack.pop()
            elif step[0] == "redo":
                if not redo_stack:
                    continue
                ana.redo()
                undo_stack.append(state)
                assert snapshot(store) == redo_stack.pop()
            elif perform(ana, store, step):
                undo_stack.append(state)
                redo_stack.clear()
        assert ItemRef.parse("claim:1").entity_id == 1
