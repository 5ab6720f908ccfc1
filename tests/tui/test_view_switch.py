"""``]`` and ``[``: the new view's tab, filter bar and keys are drawn together with its first rows, and still show
(with "loading…") when those rows are slow to come."""

from __future__ import annotations

import threading
from typing import Any

from textual.widgets import Select, Tabs

from tests.tui.conftest import make_app, rendered, settle, shown_ids, until
from workbench.store.repository import Store
from workbench.tui.screens.main import MainScreen
from workbench.tui.widgets.filter_bar import FilterBar


def _kind_options(screen: MainScreen) -> list[str]:
    kind = screen.query_one(FilterBar).query_one("#kind", Select)
    return [str(value) for _, value in kind._options if value is not Select.NULL]


async def test_the_new_views_tab_filters_and_rows_arrive_together(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        claim_ids = shown_ids(screen.items)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert screen.view == "quotes" and screen.query_one(Tabs).active == "quotes"
        assert _kind_options(screen) == ["direct", "fragment"]
        quote_ids = [row["id"] for row in seeded_store.rows("SELECT id FROM quotes")]
        assert set(shown_ids(screen.items)) <= set(quote_ids) and shown_ids(screen.items)
        assert "speaker" in rendered(screen.query_one("#list-header")).split()
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert screen.query_one(Tabs).active == "articles"
        assert screen.query_one(FilterBar).query_one("#kind", Select).disabled
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot, app)
        assert screen.view == "claims" and screen.query_one(Tabs).active == "claims"
        assert not screen.query_one(FilterBar).query_one("#kind", Select).disabled
        assert shown_ids(screen.items) == claim_ids


async def test_a_slow_listing_still_shows_the_new_view_and_loading(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        claim_ids = shown_ids(screen.items)
        release = threading.Event()
        listing = app.backend.listing

        def slow_listing(*args: Any, **kwargs: Any) -> Any:
            release.wait(60)
            return listing(*args, **kwargs)

        app.backend.listing = slow_listing  # type: ignore[method-assign]
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.query_one(Tabs).active == "quotes", "the Quotes tab shown")
        assert _kind_options(screen) == ["direct", "fragment"]
        assert "loading…" in rendered(screen.query_one("#detail-context"))
        assert shown_ids(screen.items) == claim_ids, "the old rows stay until the new ones come"
        # "/" during the wait searches the view now shown.
        await pilot.press("slash")
        assert app.focused is screen.query_one("#search")
        release.set()
        await until(pilot, lambda: screen.listing is not None and screen.listing.view == "quotes", "the quotes")
        await settle(pilot, app)
        assert shown_ids(screen.items) and set(shown_ids(screen.items)) <= {
            row["id"] for row in seeded_store.rows("SELECT id FROM quotes")
        }
