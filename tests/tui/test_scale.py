"""The list stays virtual: the number of widgets and the rows held do not grow with the number of items."""

from __future__ import annotations

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
