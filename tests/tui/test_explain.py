"""The "why?" key (w): the detail pane shows the rules that decided the selected claim, follows the selection, and
hides again; rendered from what the screen shows."""

from __future__ import annotations

from tests.tui.conftest import make_app, rendered, select, settle
from workbench.pipeline.claims import RULES as CLAIM_RULES
from workbench.store.repository import Store

# Claims of seed 001 and the rules that decide them (the service and CLI tests check the other seeds).
RULES_OF = {
    "$3 billion": ["currency_before", "hedge_before", "change_to", "speaker_of_sentence"],
    "20-year": ["time_unit_after"],
    "1999-2013": ["bare_number", "year_range"],
    "two decades": ["time_unit_after", "hedge_before"],
    "multimillion-dollar": ["multi_money"],
    "$600 million": ["currency_before", "change_from", "change_to", "speaker_of_sentence"],
    "2021": ["bare_number", "bare_year", "speaker_of_sentence"],
    "$10 billion": ["currency_before", "change_to", "goal_to_reach", "speaker_of_sentence"],
    "$20 billion": ["currency_before", "change_to", "goal_to_reach", "speaker_of_sentence"],
    "one year": ["time_unit_after"],
    "2020": ["bare_number", "bare_year"],
}


def _rules_shown(app, claims_only: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    """The claims table's rule names the "Why?" section lists, in its order ("1. currency_before [prefix]  A
    currency ..."); the speakers' rules and check-worthiness cues listed after them are left out."""
    names = []
    for line in rendered(app.screen.query_one("#detail-why")).splitlines():
        head = line.strip().split(" ")
        if len(head) > 1 and head[0].rstrip(".").isdigit():
            names.append(head[1])
    return [name for name in names if name in CLAIM_RULES or not claims_only]


async def test_w_shows_the_rules_behind_each_selected_claim_then_hides_them(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 60)) as pilot:
        await settle(pilot, app)
        why = app.screen.query_one("#detail-why")
        assert not why.display
        await select(pilot, app, source="001_3ce812547ec02d89.txt", mention="$3 billion")
        await pilot.press("w")
        await settle(pilot, app)
        assert why.display
        assert _rules_shown(app) == RULES_OF["$3 billion"]
        text = " ".join(rendered(why).split())  # the pane wraps long lines
        assert "CLAIM “$3 billion”" in text and "hedge more_than" in text
        assert "A hedge right before the mention" in text
        await pilot.press("h")  # context numbers too (1999-2013, 2021): the list opens on checkable claims
        await settle(pilot, app)
        for mention, rules in RULES_OF.items():  # the section follows the selection while it is on
            await select(pilot, app, source="001_3ce812547ec02d89.txt", mention=mention)
            await settle(pilot, app)
            assert _rules_shown(app) == rules, mention
        await pilot.press("w")
        await settle(pilot, app)
        assert not why.display


async def test_w_on_a_quote_shows_the_quote_and_speaker_rules(seeded_store: Store) -> None:
    app = make_app(seeded_store)
    async with app.run_test(size=(150, 60)) as pilot:
        await settle(pilot, app)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        await select(pilot, app, speaker="Ebrahim Raisi")
        await pilot.press("w")
        await settle(pilot, app)
        text = " ".join(rendered(app.screen.query_one("#detail-why")).split())
        assert "QUOTE “" in text and "speaker Ebrahim Raisi" in text
        assert _rules_shown(app, claims_only=False), text
