"""The list stays virtual: the number of widgets and the rows held do not grow with the number of items."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.tui.conftest import make_app, rendered, settle
from tests.tui.fixtures import build_bulk_db
from workbench.store.repository import Store
from workbench.tui.widgets.item_list import MAX_PAGES, PAGE_SIZE

CLAIMS = 20_000


async def test_twenty_thousand_claims_scroll_without_loading_them_all(tmp_path: Path) -> None:
    with Store.open(build_bulk_db(tmp_path / "bulk.db", CLAIMS)) as store:
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            items = app.main_screen.items
            assert items.count == CLAIMS
            widgets = len(list(app.screen.walk_children()))
            assert widgets < 100
            await pilot.press("end")
            await settle(pilot, app)
            assert items.cursor == CLAIMS - 1
            assert rendered(items).splitlines()[-1].startswith("·")  # the last row is loaded and drawn
            for _ in range(5):
                await pilot.press("pageup")
            await settle(pilot, app)
            held = sum(len(page) for page in items._pages.values())
            assert held <= min(MAX_PAGES, 4) * PAGE_SIZE  # only the pages around what was looked at
            assert len(list(app.screen.walk_children())) == widgets
            assert app.main_screen.detail is not None and app.main_screen.detail.item.id == items.current_id


async def test_a_narrower_listing_scrolls_over_its_own_rows_only(tmp_path: Path) -> None:
    """The list's scroll range and scrollbar follow each listing's length (set without laying the screen out)."""
    with Store.open(build_bulk_db(tmp_path / "bulk.db", 2_000)) as store:
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            screen, items = app.main_screen, app.main_screen.items
            screen.filter_by(outlet="Outlet 3")  # articles 3, 10, 17, 24, 31 and 38: 300 claims
            await settle(pilot, app)
            assert items.count == 300
            assert items.virtual_size.height == 300
            assert items.vertical_scrollbar.window_virtual_size == 300
            await pilot.press("end")
            await settle(pilot, app)
            assert items.cursor == 299
            assert items.scroll_y == items.max_scroll_y == 300 - items.scrollable_content_region.height
            assert items.row_at(299) is not None and items.row_at(299)["outlet"] == "Outlet 3"
            assert rendered(items).splitlines()[-1].startswith("·")
            await pilot.press("x")
            await settle(pilot, app)
            assert items.count == items.virtual_size.height == items.vertical_scrollbar.window_virtual_size == 2_000
            await pilot.press("end")
            await settle(pilot, app)
            assert items.cursor == 1_999 and items.scroll_y == 2_000 - items.scrollable_content_region.height


async def test_the_heap_is_frozen_while_the_list_is_open_and_released_after(tmp_path: Path) -> None:
    """Objects alive once the first rows are painted leave the cyclic collector's full passes (which stopped the
    event loop for whole keys); when the app ends they return to it, so a process that runs apps one after another
    (the test suite) frees each one."""
    gc.unfreeze()
    with Store.open(build_bulk_db(tmp_path / "bulk.db", 500)) as store:
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            assert app.main_screen.items.count == 500
            assert gc.get_freeze_count() > 10_000  # the modules, the widgets, the services
            # the collector's generations no longer hold the app: it is in the permanent one
            assert not any(found is app for found in gc.get_objects())
        assert gc.get_freeze_count() == 0
        assert any(found is app for found in gc.get_objects())
