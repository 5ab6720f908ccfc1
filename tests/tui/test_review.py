"""Review actions through the real app: verdicts, undo/redo, cluster verdicts, forms, conflicts, remapped keys.

Assertions read the database back through the review service, and the screen through what it renders.
"""

from __future__ import annotations

from tests.tui.conftest import make_app, notified, rendered, select, settle, type_text
from workbench.services.review import ItemRef, ReviewService
from workbench.store.repository import Store
from workbench.tui.screens.forms import SourceForm, TextPrompt


def _current(app) -> ItemRef:  # type: ignore[no-untyped-def]
    detail = app.screen.detail
    assert detail is not None
    return detail.ref


async def test_verdict_undo_redo(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    service = ReviewService(seeded_store, "ana")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        ref = _current(app)
        await pilot.press("1")
        await settle(pilot, app)
        assert service.review(ref).verdict == "true"
        assert "TRUE" in rendered(app.screen.query_one("#detail-review"))
        assert rendered(app.screen.items).splitlines()[0].startswith("true")
        await pilot.press("4")
        await settle(pilot, app)
        assert service.review(ref).verdict == "mostly_false"
        await pilot.press("u")
        await settle(pilot, app)
        assert service.review(ref).verdict == "true"
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert service.review(ref).verdict is None
        assert rendered(app.screen.items).splitlines()[0].startswith("·")
        await pilot.press("U")
        await settle(pilot, app)
        assert service.review(ref).verdict == "true"
        history = rendered(app.screen.query_one("#detail-review"))
        assert "History (5)" in history and "undo" in history


async def test_rationale_is_kept_when_the_verdict_changes(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    service = ReviewService(seeded_store, "ana")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        ref = _current(app)
        await pilot.press("2", "r")
        await settle(pilot, app)
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Matches")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("3")
        await settle(pilot, app)
        review = service.review(ref)
        assert (review.verdict, review.rationale) == ("half_true", "Matches")
        await pilot.press("m")
        await type_text(pilot, "ask")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert [n.text for n in service.notes(ref)] == ["ask"]
        await pilot.press("i")
        await settle(pilot, app)
        assert service.review(ref).status == "in_progress"
        await pilot.press("a")
        await pilot.press("enter")  # the prompt offers the reviewer's own name
        await settle(pilot, app)
        assert service.review(ref).assignee == "ana"


async def test_cluster_verdict_applies_to_members_without_their_own(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    service = ReviewService(fixed_store, "ana")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        detail = app.screen.detail
        members = [m["id"] for m in detail.item.cluster.members]
        await pilot.press("g")
        assert "WHOLE CLUSTER" in rendered(app.screen.query_one("#detail-review"))
        await pilot.press("5")
        await settle(pilot, app)
        assert service.review(detail.cluster_ref).verdict == "false"
        for member in members:
            effective = service.effective_verdict("quote", member)
            assert (effective.label, effective.origin) == ("false", "cluster")
        assert not app.screen.cluster_scope  # one action only, then back to the item
        assert rendered(app.screen.items).splitlines()[1].startswith("(false)")


async def test_add_source_rejects_a_bad_url_then_saves_a_good_one(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    service = ReviewService(fixed_store, "ana")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await select(pilot, app, mention="more than $3 billion")
        ref = _current(app)
        await pilot.press("s")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, SourceForm)
        await type_text(pilot, "ftp://x")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form
        assert "only http and https" in rendered(form.query_one("#errors"))
        assert service.sources(ref) == []
        form.query_one("#url").value = "https://stats.example/trade"
        form.query_one("#title").value = "Customs statistics 2022"
        form.query_one("#reference_value").value = "3.4 billion"
        await settle(pilot, app)
        assert "consistent with" in rendered(form.query_one("#comparison"))
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        [source] = service.sources(ref)
        assert (source.url, source.reference_value) == ("https://stats.example/trade", 3.4e9)
        assert source.comparison is not None and source.comparison["consistent"] is True
        review = rendered(app.screen.query_one("#detail-review"))
        assert "https://stats.example/trade" in review and "reference 3.4 bn" in review


async def test_a_concurrent_change_is_reported_and_not_overwritten(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    colleague = ReviewService(fixed_store, "bob")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        ref = _current(app)
        colleague.set_verdict(ref, "false", "bob checked the customs data")  # after ana's screen loaded it
        await pilot.press("1")
        await settle(pilot, app)
        review = colleague.review(ref)
        assert (review.verdict, review.rationale) == ("false", "bob checked the customs data")
        assert any(title == "Changed by someone else" and "bob" in message for title, message in notified(app))
        assert "FALSE" in rendered(app.screen.query_one("#detail-review"))  # reloaded: ana now sees bob's
        await pilot.press("1")  # and can now overrule it knowingly
        await settle(pilot, app)
        assert colleague.review(ref).verdict == "true"


async def test_a_rationale_refused_by_a_conflict_is_kept_as_a_draft(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    colleague = ReviewService(fixed_store, "bob")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        ref = _current(app)
        await pilot.press("r")
        await type_text(pilot, "careful")
        colleague.set_verdict(ref, "false")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert colleague.review(ref).rationale is None
        await pilot.press("r")
        await settle(pilot, app)
        assert app.screen.query_one("#value").text == "careful"


async def test_remapped_key_replaces_the_default(fixed_store: Store) -> None:
    app = make_app(fixed_store, keymap={"verdict_true": "f5", "no_such_action": "f6"})
    service = ReviewService(fixed_store, "ana")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        ref = _current(app)
        assert any("no_such_action" in message for _, message in notified(app))
        await pilot.press("1")
        await settle(pilot, app)
        assert service.review(ref).verdict is None
        await pilot.press("f5")
        await settle(pilot, app)
        assert service.review(ref).verdict == "true"


async def test_n_jumps_to_the_next_item_without_a_verdict(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("1", "down")
        await settle(pilot, app)
        await pilot.press("1")
        await settle(pilot, app)
        await pilot.press("home", "n")
        await settle(pilot, app)
        assert app.screen.items.cursor == 2


async def test_a_rationale_on_an_item_with_an_inherited_verdict_shows_and_is_stored(fixed_store: Store) -> None:
    app = make_app(fixed_store)
    service = ReviewService(fixed_store, "ana")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await select(pilot, app, mention="more than $3 billion")
        ref = _current(app)
        await pilot.press("g", "2")  # the cluster's verdict; the item inherits it
        await settle(pilot, app)
        assert service.effective_verdict(*ref.key).origin == "cluster"
        await pilot.press("r")
        await settle(pilot, app)
        await type_text(pilot, "Customs data agree")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        review = rendered(app.screen.query_one("#detail-review"))
        assert "Rationale: Customs data agree" in review
        own = service.review(ref)
        assert (own.verdict, own.rationale) == ("mostly_true", "Customs data agree")
        assert any("with its own verdict mostly true" in message for _, message in notified(app))


async def test_verdict_keys_judge_the_member_under_the_cursor_in_the_cluster_view(fixed_store: Store) -> None:
    from textual.widgets import DataTable

    from workbench.tui.screens.cluster import ClusterScreen

    app = make_app(fixed_store)
    service = ReviewService(fixed_store, "ana")
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")  # quotes: "We will be invincible" in two outlets
        await settle(pilot, app)
        await pilot.press("c")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ClusterScreen)
        table = screen.query_one("#members", DataTable)
        members = [m["id"] for m in screen.cluster.members]
        assert len(members) == 2
        table.move_cursor(row=1)
        await pilot.press("5")
        await settle(pilot, app)
        assert service.review(f"quote:{members[1]}").verdict == "false"
        assert service.review(f"quote:{members[0]}").verdict is None
        assert app.screen is screen and table.cursor_row == 1
        assert "FALSE" in rendered(table).splitlines()[2]  # its own-verdict cell, after the reload
        await pilot.press("up", "0")
        await settle(pilot, app)
        assert service.review(f"quote:{members[0]}").verdict == "unverifiable"


async def test_blind_mode_hides_colleagues_work_and_records_own_judgements(fixed_store: Store) -> None:
    bob = ReviewService(fixed_store, "bob")
    ana = ReviewService(fixed_store, "ana")
    app = make_app(fixed_store)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot, app)
        row = await select(pilot, app, mention="more than $3 billion")
        ref = _current(app)
        bob.set_verdict(ref, "false", "bob checked customs")
        bob.add_source(ref, "https://stats.example/bob-source")
        bob.add_note(ref, "bob thinks it is wrong")
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        review = rendered(app.screen.query_one("#detail-review"))
        assert "FALSE" in review and "bob-source" in review
        await pilot.press("b")
        await settle(pilot, app)
        review = rendered(app.screen.query_one("#detail-review"))
        assert "BLIND REVIEW" in review and "Your judgement: none yet" in review
        for colleague in ("FALSE", "bob checked customs", "bob-source", "bob thinks"):
            assert colleague not in review, colleague
        line = next(text for text in rendered(app.screen.items).splitlines() if row["mention"] in text)
        assert not line.lower().startswith(("false", "(false)"))
        assert "BLIND" in rendered(app.screen.query_one("#status"))
        await pilot.press("5")  # the same label as bob's: still ana's own judgement
        await settle(pilot, app)
        assert ana.judgement(ref) is not None and ana.judgement(ref).verdict == "false"
        await pilot.press("1")
        await settle(pilot, app)
        shared = ana.review(ref)
        assert (shared.verdict, shared.verdict_by, shared.rationale) == ("false", "bob", "bob checked customs")
        assert ana.judgement(ref).verdict == "true"
        review = rendered(app.screen.query_one("#detail-review"))
        assert "Your judgement: TRUE" in review and "by ana" in review
        await pilot.press("b")
        await settle(pilot, app)
        assert "FALSE" in rendered(app.screen.query_one("#detail-review"))
