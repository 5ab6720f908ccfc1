"""The most-check-worthy-first listing pages the same rows in the same order on both engines, however many claims
share a score: PostgreSQL reads it one score at a time (keyset ``grouped`` term), SQLite in one ORDER BY."""

from __future__ import annotations

import hashlib

import pytest

from workbench.models import Article, Claim
from workbench.store.browse import CHECKABLE, CHECKWORTHINESS, BrowseFilter, Browser
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

ARTICLES = 9
PER_ARTICLE = 8
ORDER = BrowseFilter(order=CHECKWORTHINESS, checkworthy=CHECKABLE)  # what the claims view opens on


def add_articles(store: Store) -> None:
    """72 claims in 9 articles (two undated, two on one date); scores: most none (listed as -1), a few shared
    by several claims, one unique; every fifth claim is context, which the listing leaves out."""
    for n in range(ARTICLES):
        text = " ".join(f"Item {i} cost ${i + 1} billion." for i in range(PER_ARTICLE))
        claims = []
        for i in range(PER_ARTICLE):
            start = text.index(f"${i + 1} billion")
            mention = f"${i + 1} billion"
            claims.append(
                Claim(
                    start=start,
                    end=start + len(mention),
                    mention=mention,
                    sentence_start=0,
                    sentence_end=len(text),
                    kind="money",
                    value=(i + 1) * 1e9,
                    unit="USD",
                )
            )
        published = None if n in (2, 6) else f"2023-0{1 + n % 4}-1{n % 3}"
        article = Article(
            source=f"{n % 4}-{n}.txt",
            text=f"{text}\n{n}",
            content_hash=hashlib.sha256(f"{text}{n}".encode()).hexdigest(),
            published=published,
        )
        store.add_article_version(article, [(0, len(text))], claims, [])
    scores = {0: 0.9, 1: 0.5, 2: None, 3: 0.5, 4: None, 5: 0.75, 6: None, 7: None}
    updates = []
    for index, claim_id in enumerate(row[0] for row in store.db.execute("SELECT id FROM claims ORDER BY id")):
        score = scores[index % 8] if index != 40 else 0.99
        label = "context" if index % 5 == 4 else "checkable"
        updates.append((label, score, claim_id))
    store.set_checkworthiness(updates)
    store.db.execute("UPDATE claims SET checkworthy = NULL WHERE checkworthy_score IS NULL AND id % 7 = 0")


def expected_order(store: Store) -> list[int]:
    """The listing's order, computed here: score (none as -1) highest first, then date (undated last), source,
    article, position."""
    rows = store.db.execute(
        "SELECT c.id, c.checkworthy_score, a.published, a.source, a.id, c.start FROM claims c "
        "JOIN articles a ON a.id = c.article_id WHERE coalesce(c.checkworthy, 'checkable') = 'checkable'"
    ).fetchall()
    ordered = sorted(rows, key=lambda r: (-(r[1] if r[1] is not None else -1), r[2] or "~", r[3], r[4], r[5], r[0]))
    return [r[0] for r in ordered]


@pytest.fixture
def listing(store: Store) -> tuple[Browser, list[int]]:
    add_articles(store)
    expected = expected_order(store)
    assert len(expected) > 50 and len(set(expected)) == len(expected)
    return Browser(store), expected


@pytest.mark.parametrize("size", [1, 7, 30, 100])
def test_walking_forward_by_keys_lists_every_claim_once_in_order(listing: tuple[Browser, list[int]], size: int) -> None:
    browser, expected = listing
    found: list[int] = []
    page = browser.page("claims", ORDER, limit=size)
    while page:
        found.extend(item for item, _ in page)
        page = browser.page("claims", ORDER, after=page[-1][1], limit=size)
    assert found == expected


@pytest.mark.parametrize("size", [1, 7, 30])
def test_walking_backward_from_the_end_lists_the_same_order(listing: tuple[Browser, list[int]], size: int) -> None:
    browser, expected = listing
    found: list[int] = []
    page = browser.page("claims", ORDER, from_end=True, limit=size)
    while page:
        found[:0] = [item for item, _ in page]
        page = browser.page("claims", ORDER, before=page[0][1], limit=size)
    assert found == expected


@pytest.mark.parametrize("offset", [0, 3, 5, 13, 20, 41, 55, 300])
def test_a_jump_by_offset_lands_where_the_order_says(listing: tuple[Browser, list[int]], offset: int) -> None:
    browser, expected = listing
    assert [item for item, _ in browser.page("claims", ORDER, offset=offset, limit=7)] == expected[offset : offset + 7]


def test_keys_given_back_are_the_rows_own(listing: tuple[Browser, list[int]]) -> None:
    """A page's keys are what ``key_of`` reads for each row, so the next page starts where this one ended."""
    browser, expected = listing
    page = browser.page("claims", ORDER, offset=10, limit=12)
    assert [browser.key_of("claims", ORDER, item) for item, _ in page] == [key for _, key in page]
    assert [browser.position("claims", ORDER, item) for item, _ in page] == list(range(10, 22))


def test_an_empty_listing_has_no_page(store: Store) -> None:
    assert Browser(store).page("claims", ORDER, limit=10) == []
    assert Browser(store).page("claims", ORDER, from_end=True, limit=10) == []
    assert Browser(store).page("claims", ORDER, offset=20, limit=10) == []
