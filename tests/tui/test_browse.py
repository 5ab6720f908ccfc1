"""Browsing on the seeds: views, filters, the detail pane, the article and cluster screens, empty states."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Tab
from textual.widgets._tabs import Underline

from tests.tui.conftest import burst, make_app, rendered, select, settle, shown_ids, type_text
from workbench.services.catalog import OPENING, Catalog
from workbench.store.repository import Store
from workbench.tui.format import format_figure
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.cluster import ClusterScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.main import MainScreen


async def test_opens_on_claims_with_the_first_item_in_detail(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    expected = Catalog(seeded_store).ids("claims")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert shown_ids(screen.items) == expected
        assert screen.detail is not None and screen.detail.item.id == expected[0]
        mention = screen.detail.item.record["mention"]
        assert mention in " ".join(rendered(screen.query_one("#detail-context")).split())
        assert f"1 of {len(expected):,} claims" in rendered(screen.query_one("#status"))
        await pilot.press("down", "down")
        await settle(pilot, app)
        assert screen.detail.item.id == expected[2]


async def test_views_switch_and_keep_their_own_filters(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    catalog = Catalog(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        await pilot.press("slash")
        app.screen.query_one("#search").value = "speaker:raisi "
        await type_text(pilot, "bil")
        await pilot.press("enter")
        await settle(pilot, app)
        wanted = catalog.ids("claims", replace(OPENING["claims"], speaker="raisi", text="bil"))
        assert shown_ids(screen.items) == wanted and len(wanted) > 0
        assert app.focused is screen.items
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert screen.view == "quotes"
        assert shown_ids(screen.items) == catalog.ids("quotes")
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert screen.view == "articles" and screen.items.count == 5
        assert "Enter opens the full text" in rendered(screen.query_one("#detail-context"))
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot, app)
        assert screen.view == "claims" and shown_ids(screen.items) == wanted


async def test_the_view_tabs_underline_moves_at_once_without_sliding(
    seeded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The slide animated the underline for 0.3 s after each ] (about 15 repaints while the new rows were drawn).
    slides: list[str] = []
    animate = Underline.animate

    def recording(self: Underline, attribute: str, *args: Any, **kwargs: Any) -> None:
        slides.append(attribute)
        animate(self, attribute, *args, **kwargs)

    monkeypatch.setattr(Underline, "animate", recording)
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        underline = app.screen.query_one(Underline)
        tab = app.screen.query_one("#quotes", Tab)
        assert (underline.highlight_start, underline.highlight_end) == tab.virtual_region.shrink(
            tab.styles.gutter
        ).column_span
        assert slides == []


async def test_kind_cycle_unreviewed_toggle_and_no_matches(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    catalog = Catalog(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        await pilot.press("k")
        await settle(pilot, app)
        assert screen.states["claims"].filters.kind == "money"
        money = replace(OPENING["claims"], kind="money")
        assert shown_ids(screen.items) == catalog.ids("claims", money)
        await pilot.press("t")
        await settle(pilot, app)
        assert screen.states["claims"].filters.verdict == "unreviewed"
        await pilot.press("slash")
        await type_text(pilot, "zqx")
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.items.count == 0
        assert "No claims match this filter" in rendered(screen.items)
        await pilot.press("x")
        await settle(pilot, app)
        assert screen.items.count == len(catalog.ids("claims"))


@pytest.mark.parametrize("key", ["slash", "ctrl+f"])
async def test_keys_typed_in_a_burst_after_slash_go_to_the_search_box(seeded_store: Store, key: str) -> None:
    app = make_app(seeded_store, keymap=None if key == "slash" else {"search": key})
    catalog = Catalog(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        before = screen.states["claims"].filters
        burst(app, key, *"trade", "enter")  # t: to-do only, r: rationale, a: assign, d: dismiss, e: edit
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)  # no form opened on the way
        assert screen.query_one("#search").value == "trade"
        assert screen.states["claims"].filters == replace(before, text="trade")
        assert shown_ids(screen.items) == catalog.ids("claims", replace(before, text="trade")) != []
        assert app.focused is screen.items


async def test_enter_opens_the_article_at_the_mention_and_escape_returns(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        main = app.screen
        row = main.items.row_at(0)
        await pilot.press("enter")
        await settle(pilot, app)
        article = app.screen
        assert isinstance(article, ArticleScreen) and article.article is not None
        assert article.focus_span == (row["start"], row["end"])
        texts = [p.content for p in article.query(".paragraph")]  # type: ignore[attr-defined]
        highlighted = [t.plain[s.start : s.end] for t in texts for s in t.spans if s.style == "bold reverse"]
        assert highlighted == [row["mention"]]
        await pilot.press("n")
        assert article.focus_span != (row["start"], row["end"])
        await pilot.press("escape")
        assert app.screen is main


async def test_cluster_screen_lists_members_across_outlets(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")  # quotes: the first one is printed by both outlets
        await settle(pilot, app)
        await pilot.press("c")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ClusterScreen)
        table = screen.query_one("#members")
        assert table.row_count == 2
        summary = rendered(screen.query_one("#cluster-summary"))
        assert "2 members in 2 outlets, 2 wordings" in summary and "Daily Planet 2023-06-12" in summary
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)


async def test_conflicting_figures_are_flagged_in_the_detail(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        # "more than $3 billion" (Daily Planet) contradicts "$4 billion" (Evening Post)
        await select(pilot, app, mention="more than $3 billion")
        cluster = rendered(app.screen.query_one("#detail-cluster"))
        assert "conflicts with cluster" in cluster and "$4 billion" in cluster and "4 bn USD" in cluster


async def test_help_lists_the_keys_as_currently_mapped(fixed_store: Store) -> None:
    app = make_app(fixed_store, keymap={"verdict_true": "f5"})
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.query_one("#help Static"))
        assert "verdict_true" in text and "f5" in text.lower()
        rows = {line.split()[-1]: line for line in text.splitlines() if line.strip()}
        assert rows["quit"].split()[0] == "^q" and "Quit" in rows["quit"]
        assert rows["command_palette"].split()[0] == "^p"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_jumps_to_a_view_and_a_speaker(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await type_text(pilot, "go to quo")
        await settle(pilot, app)  # the palette searches in a worker: wait for it, not for a fixed time
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.view == "quotes"
        await pilot.press("ctrl+p")
        await type_text(pilot, "speaker maduro")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.states[app.screen.view].filters.speaker == "Nicolas Maduro"


async def test_empty_database_says_how_to_add_articles(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            assert "No articles yet — run `workbench ingest PATH`" in rendered(app.screen.items)


async def test_the_claim_cluster_screen_shows_each_members_figure(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    catalog = Catalog(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        row = await select(pilot, app, mention="more than $3 billion")
        members = catalog.cluster("claims", row["cluster_id"]).members
        await pilot.press("c")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ClusterScreen)
        table = screen.query_one("#members")
        column = [str(c.label) for c in table.columns.values()].index("figure")
        shown = {int(key.value): str(table.get_row(key)[column]) for key in table.rows}
        assert shown == {m["id"]: format_figure(m) for m in members}
        assert "more than 3 bn USD" in shown.values()


async def test_k_and_t_lead_on_from_a_filter_that_left_the_list_empty(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    catalog = Catalog(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        opening = screen.states["claims"].filters
        empty = replace(opening, kind="multiple")  # the last kind; the seeds have none of it
        assert catalog.ids("claims", empty) == []
        screen.set_filters(empty)
        await settle(pilot, app)
        assert screen.items.count == 0
        await pilot.press("k")  # after the last kind: every kind again
        await settle(pilot, app)
        assert screen.states["claims"].filters.kind is None
        assert shown_ids(screen.items) == catalog.ids("claims", opening) != []
        screen.set_filters(empty)
        await settle(pilot, app)
        await pilot.press("t")
        await settle(pilot, app)
        assert screen.states["claims"].filters == replace(empty, verdict="unreviewed")
