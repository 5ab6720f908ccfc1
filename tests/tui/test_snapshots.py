"""Screen snapshots of the key screens (pytest-textual-snapshot), on the hand-built database so that improving an
extractor does not change them. Review an updated SVG by opening it before committing it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.tui.conftest import make_app, select, settle
from tests.tui.fixtures import build_fixed_db
from workbench.store.repository import Store

SIZE = (150, 40)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Any]:
    with Store.open(build_fixed_db(tmp_path / "fixed.db")) as store:
        yield make_app(store)


def _on_conflicting_claim(*keys: str, then: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Select the conflicting claim, press ``keys``, let the screen settle, then press ``then`` (keys typed into a
    form that ``keys`` opens: pressed at once, the first ones could reach the screen before the form is up)."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot, pilot.app)
        await select(pilot, pilot.app, mention="more than $3 billion")
        for group in (keys, then):
            if group:
                await pilot.press(*group)
                await settle(pilot, pilot.app)

    return run_before


def test_main_list_with_detail(app: Any, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_on_conflicting_claim())


def test_article_with_the_mention_highlighted(app: Any, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_on_conflicting_claim("enter"))


def test_help_screen(app: Any, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_on_conflicting_claim("question_mark"))


def test_source_form_with_a_rejected_url(app: Any, snap_compare: Any) -> None:
    typed = (*"ftp://x", "tab", "tab", "tab", *"3.4", "ctrl+s")
    assert snap_compare(app, terminal_size=SIZE, run_before=_on_conflicting_claim("s", then=typed))
