"""The footer of key hints: the keys of the current view and focus, without rebuilding its widgets when only
which of them show changed (each rebuild costs more than reading a page of claims)."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.tui.conftest import make_app, rendered, settle, type_text
from workbench.store.repository import Store
from workbench.tui.screens.main import MainScreen
from workbench.tui.widgets.footer import KeysFooter


def _keys(footer: KeysFooter) -> list[FooterKey]:
    return list(footer.query(FooterKey))


def _shown(footer: KeysFooter) -> str:
    """The footer's keys as painted (the displayed ones), one per line."""
    shown = footer.query("FooterKey, FooterLabel")
    return "\n".join(rendered(key).strip() for key in shown if key.display and key.parent.display)


async def test_a_search_leaves_the_footer_alone_and_a_view_without_review_keys_rebuilds_it(
    seeded_store: Store,
) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        footer = screen.query_one(KeysFooter)
        before = _keys(footer)
        shown = _shown(footer)
        assert (
            "Rationale" in shown and "Verdict" in shown and "Search" in shown
        )  # the review keys show on a list of claims
        # A search moves the focus to the box and back, and lists anew: the same keys, the same widgets.
        await pilot.press("slash")
        await type_text(pilot, "billion")
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.states["claims"].filters.text == "billion"
        assert app.focused is screen.items
        assert _keys(footer) == before and all(key.is_attached for key in before)
        assert _shown(footer) == shown
        # The Articles view has no review keys: they leave the footer, and come back with the claims.
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot, app)
        assert screen.view == "articles"
        assert "Rationale" not in _shown(footer) and "Verdict" not in _shown(footer)
        assert "Search" in _shown(footer)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot, app)
        assert screen.view == "claims"
        assert _shown(footer) == shown
