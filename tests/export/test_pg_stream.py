"""Exports on PostgreSQL read the store through a server-side cursor, a batch at a time, like SQLite's stepping
cursor: psycopg's ordinary cursor would receive the whole result before handing over the first row."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from tests.export.conftest import claim
from tests.pg_server import fresh_database
from workbench.models import Article
from workbench.services.review import ReviewService
from workbench.store.exports import iter_items
from workbench.store.repository import Store

CLAIMS = 2_500  # two and a half batches of 1,000


@pytest.fixture
def big_store(pg_template: str) -> Iterator[Store]:
    """One PostgreSQL article with 2,500 money claims, each at its own offsets."""
    text = "".join(f"Item {i} cost ${i + 1} million.\n" for i in range(CLAIMS))
    claims = [claim(text, f"${i + 1} million", "money", (i + 1) * 1e6, "USD") for i in range(CLAIMS)]
    article = Article(source="big.txt", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
    with fresh_database(pg_template) as url, Store.open(url) as store:
        sentences = sorted({(c.sentence_start, c.sentence_end) for c in claims})
        store.add_article_version(article, sentences, claims, [])
        yield store


def open_cursors(store: Store) -> list[tuple[str, bool]]:
    return [tuple(row) for row in store.db.execute("SELECT statement LIKE 'DECLARE%', is_holdable FROM pg_cursors")]


def test_an_export_walks_a_server_side_cursor_and_survives_a_write_between_batches(big_store: Store) -> None:
    rows = iter_items(big_store, "claims")
    first = next(rows)
    # The rows come from a cursor on the server, not from a result psycopg has already received whole.
    assert open_cursors(big_store) == [(True, True)]
    # A reviewer's verdict committed half-way through does not end the export (the cursor is WITH HOLD).
    ReviewService(big_store, "ana").set_verdict(("claim", first["id"]), "true")
    rest = list(rows)
    exported = [first, *rest]
    assert len(exported) == CLAIMS
    assert [row["mention"] for row in exported[:3]] == ["$1 million", "$2 million", "$3 million"]
    assert exported[-1]["mention"] == f"${CLAIMS} million"
    assert all(row["span_text"] == row["mention"] for row in exported)
    assert open_cursors(big_store) == []  # closed once read to the end


def test_an_export_abandoned_half_way_closes_its_cursor(big_store: Store) -> None:
    rows = iter_items(big_store, "claims")
    assert next(rows)["mention"] == "$1 million"
    rows.close()
    assert open_cursors(big_store) == []


def test_an_export_begun_in_a_transaction_goes_on_after_it_commits(big_store: Store) -> None:
    with big_store.transaction():
        rows = iter_items(big_store, "claims")
        next(rows)
        assert open_cursors(big_store) == [(True, True)]
    assert len(list(rows)) == CLAIMS - 1
