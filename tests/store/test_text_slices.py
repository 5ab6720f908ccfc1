"""Sentences and text search are computed in Python from each article's text read once, never with SQL substr."""

from __future__ import annotations

import hashlib

import pytest

from workbench.models import Article, Claim
from workbench.store.browse import BrowseFilter, item_ids, item_rows
from workbench.store.repository import SENTENCE, Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

TEXT = "Trade grew to $3 billion. Exports to Caf\u00e9 Nations fell 5% in May.\n\nPrices ROSE 7% again."


def claim(mention: str, sentence: str) -> Claim:
    start = TEXT.index(mention)
    s_start = TEXT.index(sentence)
    return Claim(
        start=start,
        end=start + len(mention),
        mention=mention,
        sentence_start=s_start,
        sentence_end=s_start + len(sentence),
        kind="percent" if "%" in mention else "money",
        value=1.0,
    )


def make(store: Store) -> list[int]:
    claims = [
        claim("$3 billion", "Trade grew to $3 billion."),
        claim("5%", "Exports to Caf\u00e9 Nations fell 5% in May."),
        claim("7%", "Prices ROSE 7% again."),
    ]
    article_id = store.add_article_version(
        Article(source="a.txt", content_hash=hashlib.sha256(TEXT.encode()).hexdigest(), text=TEXT), [], claims, []
    )
    return [c.id for c in store.claims_of_article(article_id)]  # type: ignore[misc]


def test_text_search_matches_sentences_case_insensitively(store: Store) -> None:
    ids = make(store)
    assert item_ids(store, "claims", BrowseFilter(text="caf\u00e9 nations")) == [ids[1]]
    assert item_ids(store, "claims", BrowseFilter(text="rose")) == [ids[2]]
    assert item_ids(store, "claims", BrowseFilter(text="billion")) == [ids[0]]
    assert item_ids(store, "claims", BrowseFilter(text="billion. Exports")) == []  # crosses two sentences
    assert item_ids(store, "claims", BrowseFilter(text="nowhere")) == []


def test_rows_carry_their_sentences(store: Store) -> None:
    ids = make(store)
    rows = item_rows(store, "claims", list(reversed(ids)))
    assert [r["sentence"] for r in rows] == [
        "Prices ROSE 7% again.",
        "Exports to Caf\u00e9 Nations fell 5% in May.",
        "Trade grew to $3 billion.",
    ]


def test_with_text_slices_fills_every_named_slice(store: Store) -> None:
    make(store)
    rows = store.db.execute("SELECT article_id, start, end, sentence_start, sentence_end FROM claims ORDER BY id")
    names = ["article_id", "start", "end", "sentence_start", "sentence_end"]
    sliced = list(store.with_text_slices((dict(zip(names, r)) for r in rows), span=("start", "end"), sentence=SENTENCE))
    assert [(r["span"], r["sentence"]) for r in sliced] == [
        ("$3 billion", "Trade grew to $3 billion."),
        ("5%", "Exports to Caf\u00e9 Nations fell 5% in May."),
        ("7%", "Prices ROSE 7% again."),
    ]
