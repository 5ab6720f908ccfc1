"""Lists run oldest first, and articles without a date come last rather than above every dated one."""

from __future__ import annotations

import hashlib

import pytest

from workbench.models import Article, Claim
from workbench.store.browse import BrowseFilter, article_ids, item_ids
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

TEXT = "Trade grew to $3 billion."


def add(store: Store, source: str, published: str | None) -> int:
    claim = Claim(
        start=14,
        end=24,
        mention="$3 billion",
        sentence_start=0,
        sentence_end=len(TEXT),
        kind="money",
        value=3e9,
        unit="USD",
    )
    text = f"{TEXT}\n{source}"
    article = Article(
        source=source, content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text, published=published
    )
    return store.add_article_version(article, [], [claim], [])


def test_undated_articles_and_their_items_come_last(store: Store) -> None:
    undated = add(store, "a-undated.txt", None)
    late = add(store, "b-late.txt", "2023-06-13")
    early = add(store, "c-early.txt", "2022-01-02")
    assert article_ids(store, BrowseFilter()) == [early, late, undated]
    claims = {store.claims_of_article(a)[0].id: a for a in (undated, late, early)}
    assert [claims[i] for i in item_ids(store, "claims", BrowseFilter())] == [early, late, undated]
