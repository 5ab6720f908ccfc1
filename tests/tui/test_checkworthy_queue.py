"""The review queue opens on check-worthy claims: on the seeds, the trade and agreement figures come first and the
bare years are out until h shows them; o cycles the order; both keys are in the help and the palette."""

from __future__ import annotations

from tests.tui.conftest import make_app, rendered, settle, type_text
from workbench.services.catalog import CHECKABLE, CHECKWORTHINESS, CLUSTER_SIZE, NEWEST, READING
from workbench.store.repository import Store
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.main import MainScreen

TRADE_AND_AGREEMENT = {"$600 million", "$3 billion", "$10 billion", "$20 billion", "20-year"}
CALENDAR = {"year", "year_range", "date"}


def _rows(screen: MainScreen) -> list[dict]:  # type: ignore[type-arg]
    return [screen.items.row_at(i) for i in range(screen.items.count)]


async def test_the_seeds_open_on_trade_and_agreement_claims_without_bare_years(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view == "claims"
        rows = _rows(screen)
        top = {row["mention"] for row in rows[: len(TRADE_AND_AGREEMENT) + 3]}
        assert top >= TRADE_AND_AGREEMENT, [row["mention"] for row in rows]
        shown = {row["mention"] for row in rows}
        assert not {"2021", "2000s", "2018", "2020", "1999-2013"} & shown
        assert not {row["kind"] for row in rows} & CALENDAR
        status = rendered(screen.query_one("#status"))
        assert "most check-worthy first" in status and "context numbers hidden" in status
        detail = " ".join(rendered(screen.query_one("#detail-context")).split())
        assert rows[0]["mention"] in detail and "check-worthy checkable (" in detail

        await pilot.press("h")
        await settle(pilot, app)
        assert screen.states["claims"].filters.checkworthy is None
        everything = _rows(screen)
        assert {"2021", "2000s"} <= {row["mention"] for row in everything}
        assert len(everything) > len(rows)
        assert "context numbers shown" in rendered(screen.query_one("#status"))
        # The status said how many rows h would add (the tab counts them all, the queue only the checkable ones).
        assert f"{len(everything) - len(rows)} context numbers hidden (h shows)" in status
        # Context numbers come last in check-worthiness order, under every checkable claim.
        kinds = [row["checkworthy"] for row in everything]
        assert kinds == sorted(kinds)  # 'checkable' < 'context'

        await pilot.press("h")
        await settle(pilot, app)
        assert screen.states["claims"].filters.checkworthy == CHECKABLE
        assert [row["id"] for row in _rows(screen)] == [row["id"] for row in rows]


async def test_o_cycles_the_order_and_x_keeps_it(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        seen = [screen.states["claims"].filters.order]
        for _ in range(4):
            await pilot.press("o")
            await settle(pilot, app)
            seen.append(screen.states["claims"].filters.order)
        assert seen == [CHECKWORTHINESS, READING, NEWEST, CLUSTER_SIZE, CHECKWORTHINESS]
        await pilot.press("o")
        await settle(pilot, app)
        dates = [row["published"] for row in _rows(screen)]
        assert dates == sorted(dates) and "reading order" in rendered(screen.query_one("#status"))
        await pilot.press("o")
        await settle(pilot, app)
        dates = [row["published"] for row in _rows(screen)]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("slash")
        await type_text(pilot, "billion")
        await pilot.press("enter")
        await settle(pilot, app)
        filters = screen.states["claims"].filters
        assert filters.text == "billion" and filters.order == NEWEST and filters.checkworthy == CHECKABLE
        await pilot.press("x")
        await settle(pilot, app)
        filters = screen.states["claims"].filters
        assert filters.text is None and filters.order == NEWEST and filters.checkworthy == CHECKABLE


async def test_quotes_cycle_their_own_orders_and_have_no_context_toggle(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert screen.view == "quotes" and screen.states["quotes"].filters.order == READING
        before = screen.items.count
        await pilot.press("h")
        await settle(pilot, app)
        assert screen.items.count == before and screen.states["quotes"].filters.checkworthy is None
        await pilot.press("o")
        await settle(pilot, app)
        assert screen.states["quotes"].filters.order == NEWEST


async def test_the_new_keys_are_in_the_help_and_the_palette(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.query_one("#help Static"))
        assert "cycle_order" in text and "toggle_context" in text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "context numbers")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.states["claims"].filters.checkworthy is None
