"""The TUI on fetched articles: where and when each page was captured, and `review URL` opening on the article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import make_app, rendered, select, settle, until
from tests.web.server import LocalWeb, fixture_page
from workbench.services.fetch import FetchSettings
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.cluster import ClusterScreen
from workbench.tui.screens.main import MainScreen


@pytest.fixture
def web_store(tmp_path: Path, web: LocalWeb, limits: FetchSettings) -> Iterator[Store]:
    with Store.open(tmp_path / "web.db") as store:
        report = ingest_paths(
            store,
            [web.page("/news", fixture_page("news.html")), web.page("/wire", fixture_page("wire.html"))],
            workers=1,
            fetch=limits,
        )
        assert report.ingested == 2
        yield store


async def test_opens_on_the_fetched_article_with_where_and_when_it_was_captured(
    web_store: Store, web: LocalWeb
) -> None:
    article_id = web_store.list_articles()[0]["id"]
    app = make_app(web_store)
    app._first_article = article_id
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.article_id == article_id
        meta = rendered(screen.query_one("#article-meta"))
        assert "Caribbean Ledger  2022-06-11" in meta
        assert f"fetched from {web.url('/news')} at " in meta and "UTC (HTTP 200)" in meta
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_quote_shows_where_its_page_was_captured_in_the_detail_and_the_cluster(
    web_store: Store, web: LocalWeb
) -> None:
    app = make_app(web_store)
    async with app.run_test(size=(200, 45)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")  # the quotes view
        await settle(pilot, app)
        await select(pilot, app, outlet="Andes Wire")
        context = rendered(app.screen.query_one("#detail-context"))
        assert "captured" in context and f"fetched from {web.url('/wire')} at " in context
        await pilot.press("c")
        await settle(pilot, app)
        cluster = app.screen
        assert isinstance(cluster, ClusterScreen)
        members = cluster.query_one("#members", DataTable)
        await until(pilot, lambda: members.row_count == 2, "the cluster's two members listed")
        shown = rendered(members)
        assert "captured" in shown
        assert f"fetched from {web.url('/news')}" in shown and f"fetched from {web.url('/wire')}" in shown
