"""What a key changes on screen is drawn without redrawing or laying out what it did not change (issue 14: every
key within 50 ms at 200,000 claims): the kind and verdict drop-downs, the list after its count, the detail pane."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Select

from tests.tui.conftest import make_app, rendered, settle
from tests.tui.fixtures import build_bulk_db
from workbench.store.repository import Store
from workbench.tui.widgets.detail import DetailPane
from workbench.tui.widgets.filter_bar import FilterBar


def _layouts_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The widgets that ask for a layout of the screen from now on (by their ids or type names)."""
    asked: list[str] = []
    refresh = Widget.refresh

    def recording(self: Widget, *regions: Any, **options: Any) -> Widget:
        if options.get("layout"):
            asked.append(self.id or type(self).__name__)
        return refresh(self, *regions, **options)

    monkeypatch.setattr(Widget, "refresh", recording)
    return asked


def _label(bar: FilterBar, select: str) -> str:
    return rendered(bar.query_one(f"#{select} SelectCurrent > #label"))


async def test_k_and_t_show_the_new_filter_without_a_layout(
    seeded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        bar = app.main_screen.query_one(FilterBar)
        asked = _layouts_asked(monkeypatch)
        await pilot.press("k")
        await settle(pilot, app)
        assert bar.query_one("#kind", Select).value == "money"
        assert "money" in _label(bar, "kind")
        await pilot.press("t")
        await settle(pilot, app)
        assert "unreviewed" in _label(bar, "verdict")
        assert "label" not in asked  # the drop-downs' labels: a fixed box, nothing to lay out
        await pilot.press("x")
        await settle(pilot, app)
        assert "any kind" in _label(bar, "kind") and "any verdict" in _label(bar, "verdict")


async def test_the_detail_pane_is_not_drawn_again_for_the_same_item(
    seeded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.main_screen
        first = screen.items.current_id
        before = rendered(screen.query_one("#detail-context"))
        drawn: list[str] = []
        set_pane = DetailPane._set
        monkeypatch.setattr(DetailPane, "_set", lambda pane, *parts: (drawn.append("set"), set_pane(pane, *parts)))
        for _ in range(2):  # to-do only and back: nothing is reviewed yet, so the same first item, reloaded
            await pilot.press("t")
            await settle(pilot, app)
            assert screen.items.current_id == first and screen.detail is not None
        assert drawn == []
        assert rendered(screen.query_one("#detail-context")) == before
        await pilot.press("1")  # a verdict changes what the pane shows: it is drawn again
        await settle(pilot, app)
        assert drawn and "TRUE" in rendered(screen.query_one("#detail-review"))


async def test_a_view_switch_shows_the_new_rows_then_the_item(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.main_screen
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert screen.view == "quotes" and screen.detail is not None
        assert screen.detail.item.id == screen.items.current_id
        assert "QUOTE" in rendered(screen.query_one("#detail-context"))
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert "Enter opens the full text" in rendered(screen.query_one("#detail-context"))


async def test_the_count_extends_the_list_without_drawing_the_painted_rows_again(tmp_path: Path) -> None:
    with Store.open(build_bulk_db(tmp_path / "bulk.db", 500)) as store:
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            items = app.main_screen.items
            assert items.count == 500
            drawn: list[int] = []
            render_line = items.render_line

            def recording(y: int):  # type: ignore[no-untyped-def]
                drawn.append(y)
                return render_line(y)

            items.render_line = recording  # type: ignore[method-assign]
            items.set_count(items.token, 600)  # as if the count came in larger: only the scrollbar changes
            await pilot.pause()
            await pilot.pause()
            assert drawn == []
            assert items.vertical_scrollbar.window_virtual_size == 600
            assert rendered(items).splitlines()[0].startswith("·")  # the rows drawn before are still there
