"""Every correction driven from the keyboard on the seeds (and on the hand-built database for clusters), asserting
on the database and on the screen; each is undone again with u."""

from __future__ import annotations

from tests.tui.conftest import make_app, rendered, select, settle, shown_ids, type_text
from workbench.services.catalog import BrowseFilter
from workbench.services.corrections import CorrectionService
from workbench.services.review import ItemRef
from workbench.store.repository import Store
from workbench.tui.screens.corrections import AddForm, ClusterForm, DismissForm, EditForm, OrphansScreen, SpanScreen


def flat(widget) -> str:  # type: ignore[no-untyped-def]
    """What the widget shows, with line wrapping undone (a confirm line wraps at the form's width)."""
    return " ".join(rendered(widget).split())


def _quote(store: Store, quote_id: int) -> tuple:  # type: ignore[type-arg]
    return store.db.execute(
        "SELECT text, speaker, dismissed, corrected FROM quotes WHERE id = ?", [quote_id]
    ).fetchone()


async def test_dismiss_the_scare_quote_and_undo(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        row = await select(pilot, app, text="strategic", speaker="Ebrahim Raisi")
        await pilot.press("d")
        await settle(pilot, app)
        assert isinstance(app.screen, DismissForm)
        assert "leaves the lists and the exports as not a quote" in flat(app.screen.query_one("#confirm"))
        await type_text(pilot, "scare quote")
        await pilot.press("enter")
        await settle(pilot, app)
        assert _quote(seeded_store, row["id"])[2] == "not_a_quote"
        assert (
            CorrectionService(seeded_store, "ana").corrections(ItemRef("quote", row["id"]))["dismissed"]["note"]
            == "scare quote"
        )
        assert row["id"] not in shown_ids(app.screen.items)
        await pilot.press("u")
        await settle(pilot, app)
        assert _quote(seeded_store, row["id"])[2] is None
        assert row["id"] in shown_ids(app.screen.items)
        # Dismissed again, it is listed under the 'dismissed' filter, where d brings it back.
        await select(pilot, app, id=row["id"])
        await pilot.press("d", "enter")
        await settle(pilot, app)
        app.screen.set_filters(BrowseFilter(verdict="dismissed"))
        await settle(pilot, app)
        assert shown_ids(app.screen.items) == [row["id"]]
        assert rendered(app.screen.items).splitlines()[0].startswith("dismiss. ")
        await pilot.press("d")
        await settle(pilot, app)
        assert _quote(seeded_store, row["id"])[2] is None


async def test_fix_a_speaker_from_the_articles_people_and_undo(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        row = await select(pilot, app, speaker="Hossein Amir-Abdollahian")
        await pilot.press("e")
        await settle(pilot, app)
        assert isinstance(app.screen, EditForm)
        # The speaker field has focus; ctrl+u empties it, then a name from the article is typed.
        await pilot.press("ctrl+u")
        await type_text(pilot, "Nicolas Maduro")
        await settle(pilot, app)
        assert "speaker: Hossein Amir-Abdollahian → Nicolas Maduro" in flat(app.screen.query_one("#confirm"))
        await pilot.press("enter")
        await settle(pilot, app)
        assert _quote(seeded_store, row["id"])[1:] == ("Nicolas Maduro", None, '["speaker"]')
        detail = flat(app.screen.query_one("#detail-context"))
        assert "corrected speaker: Nicolas Maduro (extractor: Hossein Amir-Abdollahian; ana" in detail
        assert "Nicolas Maduro" in rendered(app.screen.items)
        await pilot.press("u")
        await settle(pilot, app)
        assert _quote(seeded_store, row["id"])[1:] == ("Hossein Amir-Abdollahian", None, None)


async def test_pick_the_speaker_from_the_list_of_the_articles_people(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        row = await select(pilot, app, speaker="Hossein Amir-Abdollahian")
        await pilot.press("e")
        await settle(pilot, app)
        app.screen.query_one("#people").focus()
        await pilot.press("enter")
        await type_text(pilot, "Nicolas")
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.query_one("#speaker").value == "Nicolas Maduro"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert _quote(seeded_store, row["id"])[1] == "Nicolas Maduro"


async def test_add_a_missed_claim_by_selecting_its_span_and_undo(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await select(pilot, app, mention="two major partners")
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("A")
        await settle(pilot, app)
        assert isinstance(app.screen, SpanScreen)
        await pilot.press("slash")
        await type_text(pilot, "february 4")
        await pilot.press("enter")
        await settle(pilot, app)
        for _ in range(6):  # extend the found words to the year with the keyboard
            await pilot.press("shift+right")
        await settle(pilot, app)
        start, end = app.screen.selection
        assert "= “February 4, 2023”" in rendered(app.screen.query_one("#span-status"))
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, AddForm)
        await pilot.press("tab", "enter")
        await type_text(pilot, "date")
        await pilot.press("enter", "tab")
        await type_text(pilot, "20230204")
        await settle(pilot, app)
        assert "adds a date claim of 2023-02-04" in flat(app.screen.query_one("#confirm"))
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        added = seeded_store.db.execute(
            "SELECT id, article_id, start, end, mention, kind, value, origin FROM claims WHERE origin = 'added'"
        ).fetchall()
        (claim_id, article_id, a, b, mention, kind, value, origin) = added[0]
        text = seeded_store.article_text(article_id)
        assert (a, b, mention, kind, value) == (start, end, "February 4, 2023", "date", 20230204.0)
        assert text[a:b] == mention
        assert (a, b) in {(m["start"], m["end"]) for m in app.screen.article.mentions}
        await pilot.press("escape")
        await settle(pilot, app)
        assert claim_id in shown_ids(app.screen.items)
        await pilot.press("u")
        await settle(pilot, app)
        assert (
            seeded_store.db.execute("SELECT dismissed FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
            == "withdrawn"
        )
        assert claim_id not in shown_ids(app.screen.items)


async def test_select_a_span_with_the_mouse(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("A")
        await settle(pilot, app)
        area = app.screen.query_one("#span-text")
        left = area.content_region.x - area.region.x
        # Line 0 is "Trade talks in Caracas": drag across "talks".
        await pilot.mouse_down(area, offset=(left + 6, 0))
        await pilot.hover(area, offset=(left + 11, 0))
        await pilot.mouse_up(area, offset=(left + 11, 0))
        await settle(pilot, app)
        start, end = app.screen.selection
        assert app.screen.text[start:end] == "talks"
        assert "= “talks”" in rendered(app.screen.query_one("#span-status"))


async def test_split_a_cluster_says_what_changes_and_undo(seeded_store: Store) -> None:
    service = CorrectionService(seeded_store, "ana")
    # "20-year" is printed by several articles: one cluster; take a member the cluster is not named after.
    cluster, member = seeded_store.db.execute(
        "SELECT cluster_id, id FROM claims WHERE mention = '20-year' AND id != cluster_id ORDER BY id"
    ).fetchone()
    size = seeded_store.db.execute("SELECT count(*) FROM claims WHERE cluster_id = ?", [cluster]).fetchone()[0]
    service.set_verdict(ItemRef("claim_cluster", cluster), "true")
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await select(pilot, app, id=member)
        assert rendered(app.screen.items).count("(true)") == size
        await pilot.press("S")
        await settle(pilot, app)
        assert isinstance(app.screen, ClusterForm)
        assert (
            f"Will change: claim {member} leaves claim cluster {cluster} for a cluster of its own, and no "
            "longer inherits the verdict true."
        ) in flat(app.screen.query_one("#confirm"))
        await pilot.press("enter")
        await settle(pilot, app)
        assert seeded_store.db.execute("SELECT cluster_id FROM claims WHERE id = ?", [member]).fetchone()[0] == member
        assert service.history(ItemRef("claim", member))[-1].action == "cluster_split"
        assert rendered(app.screen.items).count("(true)") == size - 1
        assert [m["id"] for m in app.screen.detail.item.cluster.members] == [member]
        await pilot.press("u")
        await settle(pilot, app)
        assert seeded_store.db.execute("SELECT cluster_id FROM claims WHERE id = ?", [member]).fetchone()[0] == cluster
        assert rendered(app.screen.items).count("(true)") == size


async def test_not_a_conflict_and_merge_from_the_keyboard(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        row = await select(pilot, app, mention="more than $3 billion")
        assert "conflicts with cluster" in rendered(app.screen.query_one("#detail-cluster"))
        await pilot.press("N")
        await settle(pilot, app)
        assert "will no longer be flagged as conflicting" in flat(app.screen.query_one("#confirm"))
        await pilot.press("enter")
        await settle(pilot, app)
        assert fixed_store.db.execute("SELECT count(*) FROM not_conflicts WHERE removed = 0").fetchone()[0] == 1
        assert "conflicts with cluster" not in rendered(app.screen.query_one("#detail-cluster"))
        await pilot.press("u")
        await settle(pilot, app)
        assert "conflicts with cluster" in rendered(app.screen.query_one("#detail-cluster"))

        other = fixed_store.db.execute("SELECT cluster_id FROM claims WHERE mention = '$4 billion'").fetchone()[0]
        await pilot.press("J")
        await settle(pilot, app)
        assert app.screen.query_one("#target").value == str(other)  # the conflicting cluster is offered
        assert f"join claim cluster {row['cluster_id']}" in flat(app.screen.query_one("#confirm"))
        await pilot.press("enter")
        await settle(pilot, app)
        assert (
            fixed_store.db.execute("SELECT cluster_id FROM claims WHERE mention = '$4 billion'").fetchone()[0]
            == row["cluster_id"]
        )
        assert "2 members in 2 outlets" in rendered(app.screen.query_one("#detail-cluster"))
        await pilot.press("u")
        await settle(pilot, app)
        assert (
            fixed_store.db.execute("SELECT cluster_id FROM claims WHERE mention = '$4 billion'").fetchone()[0] == other
        )


async def test_a_bad_cluster_number_is_refused_in_the_form(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await select(pilot, app, mention="more than $3 billion")
        await pilot.press("S")
        await settle(pilot, app)
        await type_text(pilot, "999")
        await settle(pilot, app)
        assert "claim cluster 999 does not exist" in flat(app.screen.query_one("#confirm"))
        await pilot.press("enter")  # refused: the form stays open
        await settle(pilot, app)
        assert isinstance(app.screen, ClusterForm)


async def test_orphans_are_reattached_and_discarded_from_the_palette_screen(fixed_store: Store) -> None:
    service = CorrectionService(fixed_store, "ana")
    ids = [r[0] for r in fixed_store.db.execute("SELECT id FROM claims ORDER BY id")]
    for orphan in ids[:2]:
        service.add_note(ItemRef("claim", orphan), "check this")
        service.mark_orphaned(ItemRef("claim", orphan), "test")
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await type_text(pilot, "orphaned reviews")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, OrphansScreen)
        assert "2 orphaned reviews" in rendered(app.screen.query_one("#orphans-summary"))
        await pilot.press("d")
        await settle(pilot, app)
        assert "1 orphaned review:" in rendered(app.screen.query_one("#orphans-summary"))
        await pilot.press("a")
        await settle(pilot, app)
        await type_text(pilot, str(ids[3]))
        await pilot.press("enter")
        await settle(pilot, app)
        assert "No orphaned reviews." in rendered(app.screen.query_one("#orphans-summary"))
        assert [n.text for n in service.notes(ItemRef("claim", ids[3]))] == ["check this"]


async def test_the_correction_keys_are_in_the_help_and_the_palette(seeded_store: Store) -> None:
    from workbench.tui.commands import WorkbenchCommands
    from workbench.tui.screens.help import key_table

    app = make_app(seeded_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        table = key_table(app.screen)
        ids = {str(cell) for cell in table.columns[3]._cells}
        assert {"dismiss", "edit_fields", "split_cluster", "merge_clusters", "not_conflict"} <= ids
        provider = WorkbenchCommands(app.screen)
        titles = {title for title, _, _ in provider._actions()}
        assert {"Dismiss", "Edit", "Split", "Merge", "Not a conflict"} <= titles
