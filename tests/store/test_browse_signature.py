"""The browser's signature (what its memos are keyed by) changes when the data changes, by this connection or
another, and not when the browser fills its own TEMP tables: on PostgreSQL those took transaction ids, which made
every memo made before them (counts, story lists, story lines) look stale."""

from __future__ import annotations

from typing import Any

import pytest

from tests.store.test_keyset import build
from workbench.services.catalog import OPENING, Catalog
from workbench.services.review import ItemRef, ReviewService
from workbench.store import browse
from workbench.store.browse import CLUSTER_SIZE, BrowseFilter, Browser
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def fill_temp_tables(browser: Browser) -> None:
    """Everything the browser writes into TEMP tables: both cluster-size tables, and search hits (twice)."""
    browser.cluster_sizes("claims")
    for _ in browser.build_cluster_sizes("claims"):  # the second of the two tables
        pass
    browser.search_hits("claims", "tariff")
    browser.search_hits("claims", "trade")
    assert browser.page("claims", BrowseFilter(order=CLUSTER_SIZE, text="trade"), limit=3)


def test_the_signature_ignores_the_browsers_temp_tables_and_follows_data(store: Store) -> None:
    build(store, articles=12)
    browser = Browser(store)
    before = browser.signature()
    fill_temp_tables(browser)
    assert browser.signature() == before
    first = store.scalar("SELECT min(id) FROM claims")
    ReviewService(store, "ana").set_verdict(ItemRef("claim", first), "true", None)
    own = browser.signature()
    assert own != before
    with Store.open(store.path) as other:  # another reviewer's process
        other.db.execute("UPDATE claims SET speaker = 'Someone Else' WHERE id = ?", [first])
    assert browser.signature() != own


def test_memos_made_before_the_temp_tables_are_used_after_them(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    build(store, articles=12)
    catalog = Catalog(store)
    stories = catalog.browser.page("stories", OPENING["stories"], limit=5)
    counts = catalog.counts()
    computed: list[Any] = []
    monkeypatch.setattr(store, "counts", lambda: computed.append("counts") or {})
    monkeypatch.setattr(browse, "story_ids", lambda *a, **k: computed.append("stories") or [])
    fill_temp_tables(catalog.browser)
    assert catalog.counts() == counts and computed == []
    assert catalog.browser.page("stories", OPENING["stories"], limit=5) == stories
