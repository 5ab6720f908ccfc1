"""Article text is untrusted: Rich markup and terminal escape sequences in it must show as literal characters."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import make_app, rendered, select, settle
from tests.tui.fixtures import build_fixed_db
from workbench.store.repository import Store
from workbench.tui.screens.article import ArticleScreen

MARKUP = "[bold red]x[/]"


def _assert_literal(text: str) -> None:
    assert MARKUP in text, text
    assert "\x1b" not in text and "\x9b" not in text


async def test_markup_and_escape_codes_render_literally(tmp_path: Path) -> None:
    with Store.open(build_fixed_db(tmp_path / "hostile.db", hostile=True)) as store:
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            await pilot.press("right_square_bracket")  # quotes
            await settle(pilot, app)
            row = await select(pilot, app, outlet="Hostile Wire")
            assert row["text"].startswith(MARKUP)
            _assert_literal(rendered(app.screen.items))
            context = rendered(app.screen.query_one("#detail-context"))
            _assert_literal(context)
            assert "␛[2J" in context  # the ESC shows as a visible symbol, the rest as typed
            await pilot.press("enter")
            await settle(pilot, app)
            article = app.screen
            assert isinstance(article, ArticleScreen)
            _assert_literal(rendered(article.query_one("#article-meta")))
            body = "\n".join(rendered(p) for p in article.query(".paragraph"))
            _assert_literal(body)
            assert "␛[2J" in body


async def test_command_palette_shows_article_titles_literally(tmp_path: Path) -> None:
    from textual.command import CommandList

    with Store.open(build_fixed_db(tmp_path / "hostile.db", hostile=True)) as store:
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            await pilot.press("ctrl+p")
            await pilot.press(*"hostile")
            await settle(pilot, app)  # the palette searches in a worker: wait for it, not for a fixed time
            _assert_literal(rendered(app.screen.query_one(CommandList)))
