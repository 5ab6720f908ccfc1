"""Live updates between two open workbenches on one database: a colleague's verdict shows in the other's rows and
detail, the cursor stays, text typed in an open form stays, and changed rows carry a mark. On SQLite the apps hear
of a change through ``PRAGMA data_version``, on PostgreSQL through LISTEN/NOTIFY (store/watch.py): every test runs
on both engines.

Time is driven by the app's own poll: each wait is "until the screen shows it", with a generous limit that only
guards against a hang (a loaded machine makes the wait longer, never wrong).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from tests.tui.conftest import make_app, notified, rendered, select, settle, type_text, until
from tests.tui.fixtures import build_fixed_db
from workbench.services.review import ReviewService
from workbench.services.reviewers import add_reviewer
from workbench.store.repository import Store
from workbench.tui.format import CHANGED_MARK
from workbench.tui.screens.forms import TextPrompt

SIZE = (150, 40)


def lines(app: Any) -> list[str]:
    return rendered(app.main_screen.items).splitlines()


def detail_review(app: Any) -> str:
    return rendered(app.main_screen.query_one("#detail-review"))


pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def fixed_db(db_path: Path, engine: str) -> Path:
    """The fixed database on the test's engine; on PostgreSQL (team mode) with ana and bob registered."""
    build_fixed_db(db_path)
    if engine == "postgresql":
        with Store.open(db_path) as store:
            for name in ("ana", "bob"):
                add_reviewer(store, name)
    return db_path


@pytest.fixture
def two_stores(fixed_db: Path) -> Iterator[tuple[Store, Store]]:
    """Two connections to one database, as two reviewers' workbenches have."""
    with Store.open(fixed_db) as ana, Store.open(fixed_db) as bob:
        yield ana, bob


async def test_a_verdict_set_in_one_app_appears_in_the_other(two_stores: tuple[Store, Store]) -> None:
    ana_store, bob_store = two_stores
    ana_app, bob_app = make_app(ana_store, "ana"), make_app(bob_store, "bob")
    async with bob_app.run_test(size=SIZE) as bob:
        await settle(bob, bob_app)
        items = bob_app.main_screen.items
        items.move_to(1)
        await settle(bob, bob_app)
        watched = items.row_at(1)
        other = items.row_at(2)
        assert watched is not None and other is not None
        scroll = items.scroll_y
        # Bob starts a note on the item he is looking at, and has typed half of it.
        await bob.press("m")
        await settle(bob, bob_app)
        assert isinstance(bob_app.screen, TextPrompt)
        await type_text(bob, "customs figures differ")

        async with ana_app.run_test(size=SIZE) as ana:
            await settle(ana, ana_app)
            await select(ana, ana_app, id=watched["id"])
            await ana.press("5")
            await settle(ana, ana_app)
            await select(ana, ana_app, id=other["id"])
            await ana.press("1")
            await settle(ana, ana_app)

        await until(bob, lambda: lines(bob_app)[1].startswith("false"), "ana's verdict in bob's row")
        await until(bob, lambda: "FALSE" in detail_review(bob_app), "ana's verdict in bob's detail pane")
        await until(bob, lambda: lines(bob_app)[2].startswith("true"), "ana's second verdict in bob's rows")
        # Nothing of bob's moved: the cursor, the scroll position, the open form and what he typed in it.
        assert items.cursor == 1 and items.scroll_y == scroll
        assert isinstance(bob_app.screen, TextPrompt)
        assert bob_app.screen.query_one("#value", TextArea).text == "customs figures differ"
        assert "ana" in detail_review(bob_app)
        # The row ana changed and bob is not looking at carries the mark; the one he is looking at does not.
        await until(bob, lambda: lines(bob_app)[2].rstrip().endswith(CHANGED_MARK), "the changed-by-others mark")
        assert not lines(bob_app)[1].rstrip().endswith(CHANGED_MARK)
        assert not lines(bob_app)[0].rstrip().endswith(CHANGED_MARK)
        said = [message for title, message in notified(bob_app) if title == "Changed by others"]
        assert said and "ana" in said[-1] and "verdict" in said[-1]

        # His note was typed against the item before ana's verdict: saving is refused as a conflict, and what he
        # typed comes back when he opens the form again; the second save lands.
        await bob.press("ctrl+s")
        await settle(bob, bob_app)
        assert any(title == "Changed by someone else" for title, _ in notified(bob_app))
        await bob.press("m")
        await settle(bob, bob_app)
        assert bob_app.screen.query_one("#value", TextArea).text == "customs figures differ"
        await bob.press("ctrl+s")
        await settle(bob, bob_app)
        service = ReviewService(bob_store, "bob")
        ref = f"claim:{watched['id']}"
        assert [(n.reviewer, n.text) for n in service.notes(ref)] == [("bob", "customs figures differ")]
        assert service.review(ref).verdict == "false"

        # Looking at the marked row clears its mark.
        items.move_to(2)
        await settle(bob, bob_app)
        assert not lines(bob_app)[2].rstrip().endswith(CHANGED_MARK)


async def test_own_changes_do_not_mark_rows_or_notify(two_stores: tuple[Store, Store]) -> None:
    """A reviewer's own verdict (in this window) is never "changed by others"."""
    ana_store, _ = two_stores
    app = make_app(ana_store, "ana")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("1")
        await settle(pilot, app)
        await pilot.pause(1.0)  # two polls and more: a wrongly announced own change would show by now
        await settle(pilot, app)
        assert not any(title == "Changed by others" for title, _ in notified(app))
        assert not any(line.rstrip().endswith(CHANGED_MARK) for line in lines(app))


def _server_connections(store: Store, engine: str) -> int | None:
    if engine != "postgresql":
        return None  # a SQLite watcher opens nothing of its own
    return int(
        store.db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone()[0]
    )


async def test_closing_the_app_releases_its_watcher_and_leaves_the_store_open(
    two_stores: tuple[Store, Store], engine: str
) -> None:
    """On PostgreSQL each open window listens on a connection of its own: quitting closes it (it stayed open on the
    server until the process ended). The store's own connection, which the watcher reads through on SQLite, stays
    open for whoever opened it."""
    ana_store, _ = two_stores
    before = _server_connections(ana_store, engine)
    app = make_app(ana_store, "ana")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        during = _server_connections(ana_store, engine)
    if engine == "postgresql":
        assert before is not None and during == before + 1
        # the server drops a closed connection from pg_stat_activity a moment after the client closes it
        for _ in range(200):
            if _server_connections(ana_store, engine) == before:
                break
            await asyncio.sleep(0.05)
        assert _server_connections(ana_store, engine) == before
    assert ana_store.counts()["claims"] > 0  # the store still answers


async def test_blind_review_hears_who_changed_what_but_not_their_verdict(two_stores: tuple[Store, Store]) -> None:
    ana_store, bob_store = two_stores
    app = make_app(ana_store, "ana")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("b")
        await settle(pilot, app)
        target = app.main_screen.items.row_at(2)
        ReviewService(bob_store, "bob").set_verdict(f"claim:{target['id']}", "mostly_false")
        await until(pilot, lambda: any(t == "Changed by others" for t, _ in notified(app)), "the notification")
        said = next(m for t, m in notified(app) if t == "Changed by others")
        assert said == f"bob changed claim {target['id']}"
        assert "mostly" not in lines(app)[2]


def test_changed_by_others_marker(tmp_path: Path, snap_compare: Any) -> None:
    """The list after a colleague judged two claims the reviewer is not looking at (notifications cleared: a
    snapshot must not depend on whether a toast has expired yet). SQLite only: one snapshot file per test id; on
    PostgreSQL the two-app test reads the same marks off the rows."""
    fixed_db = build_fixed_db(tmp_path / "fixed.db")
    with Store.open(fixed_db) as store, Store.open(fixed_db) as colleague:
        app = make_app(store, "ana")

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, app)
            service = ReviewService(colleague, "bob")
            rows = [app.main_screen.items.row_at(i) for i in (1, 2)]
            service.set_verdict(f"claim:{rows[0]['id']}", "half_true")
            service.add_note(f"claim:{rows[1]['id']}", "see the customs table")
            await until(
                pilot,
                lambda: all(line.rstrip().endswith(CHANGED_MARK) for line in lines(app)[1:3]),
                "both marks",
            )
            await settle(pilot, app)
            app.clear_notifications()
            await settle(pilot, app)

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_an_ingest_elsewhere_updates_the_counts_without_an_announcement(
    two_stores: tuple[Store, Store],
) -> None:
    """An ingest writes articles, not events: the tabs count them; nobody is named as having changed anything."""
    from tests.services.review_helpers import ARTICLE_V1, add_article

    ana_store, other = two_stores
    app = make_app(ana_store, "ana")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        tab = app.main_screen.query_one("#articles")
        before = app.main_screen.counts["articles"]
        cursor = app.main_screen.items.cursor
        add_article(other, ARTICLE_V1, source="late.txt")
        await until(pilot, lambda: app.main_screen.counts["articles"] == before + 1, "the new article counted")
        await until(pilot, lambda: f"Articles {before + 1}" in str(tab.label), "the tab's count")
        assert app.main_screen.items.cursor == cursor
        assert not any(title == "Changed by others" for title, _ in notified(app))
