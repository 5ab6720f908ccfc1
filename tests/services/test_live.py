"""What changed since a token: colleagues' events from the events table, the watcher that says when to look."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.services.review_helpers import ARTICLE_V1, add_article, claim_id
from workbench.services.corrections import CorrectionService
from workbench.services.live import LiveUpdates, changes_since
from workbench.services.review import ReviewService
from workbench.store.repository import Store
from workbench.store.watch import DataVersionWatcher, EventWatcher, NotifyWatcher, latest_event_id, watcher_for

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

# The watcher each engine gets: SQLite's PRAGMA data_version, PostgreSQL's LISTEN/NOTIFY.
WATCHERS = {"sqlite": DataVersionWatcher, "postgresql": NotifyWatcher}


def _heard(changed: Callable[[], bool]) -> bool:
    """Whether ``changed`` says so within 30 s: PostgreSQL delivers notifications asynchronously, SQLite's pragma
    answers at once. A guard against a hang, not a timing."""
    for _ in range(300):
        if changed():
            return True
        threading.Event().wait(0.1)
    return False


def _claims(store: Store) -> tuple[str, str]:
    article = add_article(store, ARTICLE_V1)
    return (
        f"claim:{claim_id(store, article, 'more than $3 billion')}",
        f"claim:{claim_id(store, article, '$600 million')}",
    )


def test_changes_since_lists_colleagues_events_after_the_token(store: Store) -> None:
    big, small = _claims(store)
    ana, bob = ReviewService(store, "ana"), ReviewService(store, "bob")
    ana.set_verdict(big, "true")
    token = latest_event_id(store)
    bob.set_verdict(big, "false")
    ana.add_note(small, "mine")
    bob.add_source(small, "https://example.org/figures", title="Figures")

    found = changes_since(store, token, "ana")
    assert [(c.reviewer, f"{c.entity_type}:{c.entity_id}", c.action) for c in found.changes] == [
        ("bob", big, "verdict"),
        ("bob", small, "source_add"),
    ]
    assert found.own == 1 and not found.truncated and not found.relists
    assert found.token == latest_event_id(store)
    assert found.changes[0].after["review"]["verdict"] == "false"
    assert found.reviewers == ["bob"]
    assert changes_since(store, found.token, "ana").changes == ()


def test_a_flood_of_changes_is_cut_and_says_so(store: Store) -> None:
    big, _ = _claims(store)
    bob = ReviewService(store, "bob")
    for i in range(5):
        bob.add_note(big, f"note {i}")
    found = changes_since(store, 0, "ana", limit=3)
    assert found.truncated and found.relists
    assert [c.after["note"]["text"] for c in found.changes] == ["note 2", "note 3", "note 4"]
    assert found.token == latest_event_id(store)


def test_a_dismissal_by_a_colleague_asks_for_a_relist(store: Store) -> None:
    big, _ = _claims(store)
    token = latest_event_id(store)
    CorrectionService(store, "bob").dismiss(big, "not_a_claim", None)
    found = changes_since(store, token, "ana")
    assert found.relists and found.changes[0].action == "dismiss"


def test_the_engines_watcher_sees_other_connections_commits_not_its_own(db_path: Path, engine: str) -> None:
    with Store.open(db_path) as mine, Store.open(db_path) as theirs:
        big, _ = _claims(theirs)
        watcher = watcher_for(mine)
        assert isinstance(watcher, WATCHERS[engine])
        assert not watcher.changed()
        ReviewService(mine, "ana").set_verdict(big, "true")
        assert not watcher.changed(), "this connection's own commit must not wake its own screen"
        ReviewService(theirs, "bob").set_verdict(big, "false", expected_version=1)
        assert _heard(watcher.changed)
        assert not watcher.changed(), "a change is reported once"


def test_the_event_watcher_works_on_any_engine(db_path: Path) -> None:
    with Store.open(db_path) as mine, Store.open(db_path) as theirs:
        big, _ = _claims(theirs)
        watcher = EventWatcher(mine)
        assert not watcher.changed()
        ReviewService(theirs, "bob").set_verdict(big, "false")
        assert _heard(watcher.changed) and not watcher.changed()


def test_a_busy_connection_postpones_the_look_without_losing_the_change(db_path: Path, engine: str) -> None:
    """The poll never waits for the store's connection while another thread uses it. SQLite's watcher needs that
    connection, so it answers "nothing yet"; PostgreSQL's listens on a connection of its own, so it may already
    hear the change. Either way the change is not lost and is reported once."""
    lock = threading.RLock()
    with Store.open(db_path) as mine, Store.open(db_path) as theirs:
        big, _ = _claims(theirs)
        live = LiveUpdates(mine, lock)
        ReviewService(theirs, "bob").set_verdict(big, "false")
        acquired, release = threading.Event(), threading.Event()

        def hold() -> None:
            with lock:
                acquired.set()
                release.wait(timeout=600)

        holder = threading.Thread(target=hold)
        holder.start()
        assert acquired.wait(timeout=600)
        answers: list[bool] = []
        poller = threading.Thread(target=lambda: answers.append(live.poll()))
        poller.start()
        poller.join(timeout=60)
        assert answers, "the poll must not wait for a connection another thread is using"
        if engine == "sqlite":
            assert answers == [False]
        release.set()
        holder.join()
        assert answers == [True] or _heard(live.poll)
        found = live.changes("ana")
        assert [c.reviewer for c in found.changes] == ["bob"]
        assert live.changes("ana").changes == ()


def test_an_event_committed_out_of_id_order_is_not_missed(store: Store) -> None:
    """On a server database a transaction may commit after one that took a higher event id; the next look must
    still report it, once."""
    big, _ = _claims(store)
    ReviewService(store, "ana").set_verdict(big, "true")
    live = LiveUpdates(store)
    base = latest_event_id(store)

    def event(event_id: int, text: str) -> None:
        store.db.execute(
            "INSERT INTO events (id, at, reviewer, entity_type, entity_id, action, before, after, version) "
            "VALUES (?, '2026-01-01T00:00:00+00:00', 'bob', 'claim', ?, 'note_add', NULL, ?, 1)",
            [event_id, int(big.split(":")[1]), f'{{"note": {{"text": "{text}"}}}}'],
        )

    event(base + 5, "later id, committed first")
    assert [c.after["note"]["text"] for c in live.changes("ana").changes] == ["later id, committed first"]
    event(base + 2, "earlier id, committed second")
    assert [c.after["note"]["text"] for c in live.changes("ana").changes] == ["earlier id, committed second"]
    assert live.changes("ana").changes == ()
