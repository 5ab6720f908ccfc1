"""A fresh database built from the repository's seeds for each test, and the app driven on it with Pilot."""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.worker import WorkerCancelled

from tests.conftest import SEEDS
from workbench.services.catalog import Catalog
from workbench.services.ingest import ingest_paths
from workbench.services.review import ReviewService
from workbench.store.repository import Store
from workbench.tui.app import WorkbenchApp

REVIEWER = "ana"
SIZE = (150, 40)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text cursor blinks on a timer, so a screen captured a little later under load shows it or not: in tests
    it stays lit in the focused field (as with blinking off) and snapshots never depend on when they were taken.
    ``monkeypatch`` fails loudly if Textual renames these timer callbacks."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def kept_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """A notification disappears after its timeout, which a loaded machine can outlast before a test looks at the
    screen: every one is also kept on the app (see ``notified``)."""
    shown = WorkbenchApp.notify

    def notify(self: WorkbenchApp, message: str, **options: Any) -> None:
        self.__dict__.setdefault("_kept_notifications", []).append((options.get("title", ""), str(message)))
        shown(self, message, **options)

    monkeypatch.setattr(WorkbenchApp, "notify", notify)


def notified(app: WorkbenchApp) -> list[tuple[str, str]]:
    """(title, message) of every notification the app showed, expired or not."""
    return list(app.__dict__.get("_kept_notifications", []))


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested once per session; each test gets its own copy (ingest is the slow part)."""
    path = tmp_path_factory.mktemp("seeded") / "template.db"
    with Store.open(path) as store:
        report = ingest_paths(store, [SEEDS], workers=1)
        assert report.ok and report.ingested == 5
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def seeded_db(seeded_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "seeded.db"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def seeded_store(seeded_db: Path) -> Iterator[Store]:
    with Store.open(seeded_db) as store:
        yield store


def make_app(store: Store, reviewer: str = REVIEWER, keymap: dict[str, str] | None = None) -> WorkbenchApp:
    return WorkbenchApp(Catalog(store), ReviewService(store, reviewer), keymap=keymap)


async def settle(pilot, app: WorkbenchApp) -> None:  # type: ignore[no-untyped-def]
    """Wait until timers have fired, workers finished and queued writes were applied: a finished load often
    starts the next one, so this waits for two quiet rounds in a row."""
    quiet = 0
    for _ in range(40):
        await pilot.pause(0.03)
        # The writer thread lives as long as the screen; everything else finishes.
        busy = [w for w in app.workers if w.group != "writer" and w.is_running]
        if busy:  # an empty list would mean "all of them"
            # an exclusive worker superseded by a newer one is cancelled: the next round waits for the newer one
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete(busy)
        if busy or getattr(app.main_screen, "busy", False):
            quiet = 0
        else:
            quiet += 1
            if quiet == 2:
                break
    await pilot.pause()


async def until(pilot, condition: Callable[[], bool], what: str, seconds: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run (its timers, its workers) until ``condition`` holds; fail naming ``what`` if it never does.
    ``settle`` gives up after a bounded number of quiet rounds, which a loaded machine can spend before a new
    screen has even started its load: a test that needs the load's result waits for the result itself."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await pilot.pause(0.05)


@pytest.fixture
def fixed_store(tmp_path: Path) -> Iterator[Store]:
    from tests.tui.fixtures import build_fixed_db

    with Store.open(build_fixed_db(tmp_path / "fixed.db")) as store:
        yield store


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*("space" if c == " " else c for c in text))


def burst(app: WorkbenchApp, *keys: str) -> None:
    """Queue key presses all at once, as a fast typist or a paste does (``pilot.press`` waits after each key
    until the app is idle, which hides what happens to keys that arrive before the previous one was handled)."""
    from textual import events

    for key in keys:
        event = events.Key(key, {"slash": "/", "enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


def rendered(widget) -> str:  # type: ignore[no-untyped-def]
    """What ``widget`` puts on the terminal right now, as plain text lines (what a person sees)."""
    from textual.geometry import Region

    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def shown_ids(items) -> list[int]:  # type: ignore[no-untyped-def]
    """The ids of the list's rows in order; on the small fixtures every row is loaded (else this fails)."""
    rows = [items.row_at(index) for index in range(items.count)]
    assert all(row is not None for row in rows), "some rows of the list are not loaded"
    return [row["id"] for row in rows]


async def select(pilot, app: WorkbenchApp, **wanted: object) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """Put the list cursor on the first loaded row whose fields equal ``wanted``, as arrow keys would."""
    items = app.screen.items  # type: ignore[attr-defined]
    for index in range(items.count):
        row = items.row_at(index)
        if row is not None and all(row.get(k) == v for k, v in wanted.items()):
            items.move_to(index)
            await settle(pilot, app)
            return row
    raise AssertionError(f"no row with {wanted}")
