"""The Stories view and conflict markers, driven with Pilot on databases built by the real ingest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Tab

from tests.story_fixtures import write_quake
from tests.tui.conftest import make_app, rendered, select, settle
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.cluster import ClusterScreen
from workbench.tui.screens.main import MainScreen
from workbench.tui.screens.story import StoryScreen

SIZE = (150, 40)


@pytest.fixture
def quake_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "quake.db") as store:
        assert ingest_paths(store, [write_quake(tmp_path)], workers=1).ok
        yield store


async def test_stories_view_is_reached_with_brackets_and_opens_a_story(quake_store: Store) -> None:
    app = make_app(quake_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view == "stories"
        listing = rendered(screen.query_one("#items"))
        assert "Earthquake in Norcia" in listing and "Club wins" not in listing, "single-article stories are not listed"
        pane = rendered(screen.query_one("#detail-context"))
        assert "STORY" in pane and "Daily Planet, Evening Post" in pane and "⚠ 1" in pane
        await pilot.press("enter")
        await settle(pilot, app)
        story = app.screen
        assert isinstance(story, StoryScreen)
        summary = rendered(story.query_one("#story-summary"))
        assert "247" in summary and "241" in summary and "≠" in summary
        table = rendered(story.query_one("#story-claims"))
        assert "Daily Planet" in table and "Evening Post" in table and "⚠" in table
        await pilot.press("c")
        await settle(pilot, app)
        assert isinstance(app.screen, ClusterScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape", "escape")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert app.screen.view == "articles"  # type: ignore[attr-defined]


async def test_conflicts_are_marked_in_the_list_and_f_shows_only_them(quake_store: Store) -> None:
    app = make_app(quake_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        lines = rendered(screen.query_one("#items")).splitlines()
        marked = [line for line in lines if "⚠" in line]
        assert len(marked) == 2 and all("247" in line or "241" in line for line in marked)
        total = len(screen.listing or ())
        await pilot.press("f")
        await settle(pilot, app)
        assert screen.listing is not None and len(screen.listing) == 2 < total
        await select(pilot, app, mention="241 people")
        cluster = rendered(screen.query_one("#detail-cluster"))
        assert "conflicts with cluster" in cluster and "247 people" in cluster and "this:" in cluster
        await pilot.press("f")
        await settle(pilot, app)
        assert len(screen.listing) == total


async def test_seeds_stories_list_the_june_2023_visit(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.show_main("stories")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.listing is not None and len(screen.listing) == 1
        row = screen.items.row_at(0)
        assert row is not None and row["articles"] == 3 and row["outlets"] == ["Breitbart", "Mehr News Agency"]
        assert str(screen.query_one("#stories", Tab).label) == "Stories 1"


async def test_the_stories_page_is_read_right_after_launch_not_on_the_switch(
    quake_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``]`` pressed in a row reaches Stories before the idle second of the other preparations: its first page
    (order and list lines) is read with the totals after launch, and the switch itself reads neither again."""
    from workbench.services import catalog as catalog_module
    from workbench.store import browse
    from workbench.store.stories import story_ids, story_summaries
    from workbench.tui.screens import main

    monkeypatch.setattr(main, "PREPARE_DELAY_S", 3600.0)  # the idle-time preparations never run here
    calls: list[str] = []
    monkeypatch.setattr(
        catalog_module, "story_summaries", lambda *a, **k: calls.append("lines") or story_summaries(*a, **k)
    )
    monkeypatch.setattr(browse, "story_ids", lambda *a, **k: calls.append("order") or story_ids(*a, **k))
    app = make_app(quake_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert calls == ["order", "lines"]
        calls.clear()
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view == "stories"
        assert "Earthquake in Norcia" in rendered(screen.query_one("#items"))
        assert calls == []
