"""Full-text search (FTS5): what a search finds, and an index that stays equal to one built from scratch through
every write path (ingest, a reviewer's addition, re-extraction, raw SQL, deletion)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from tests.services.reextract_helpers import seed, version_2
from tests.services.review_helpers import claim_id
from workbench.models import Article, Claim, Quote
from workbench.services.corrections import CorrectionService
from workbench.services.reextract import reextract
from workbench.services.review import ItemRef
from workbench.store import search
from workbench.store.browse import DISMISSED, BrowseFilter, item_ids
from workbench.store.db import is_postgresql
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

TEXT = (
    "Iran's tariffs on steel rose to 3.2 billion dollars, the ministry said.\n"
    "Exports to Caf\u00e9 Nations fell 5% in May.\n"
    "\u201cWe will not pay 30 percent,\u201d the minister said. \u201cNever.\u201d\n"
)
QUERIES = (
    "tariff",
    "tariffs steel",
    "3.2",
    "3",
    "30",
    "caf\u00e9",
    "cafe nations",
    "ministry",
    "minister",
    "we will",
    "never",
    "may",
    "billion exports",
    "Iran's",
    "AND",
    '"steel"',
    "st*",
    "pay -30",
)


def _claim(mention: str, line: int, kind: str = "money") -> Claim:
    start = TEXT.index(mention)
    s, e = _line(line)
    return Claim(
        start=start, end=start + len(mention), mention=mention, sentence_start=s, sentence_end=e, kind=kind, value=1.0
    )


def _line(number: int) -> tuple[int, int]:
    lines = TEXT.split("\n")
    start = sum(len(line) + 1 for line in lines[:number])
    return start, start + len(lines[number])


def _add(store: Store, source: str = "a.txt") -> int:
    claims = [_claim("3.2 billion dollars", 0), _claim("5%", 1, "percent"), _claim("30 percent", 2, "percent")]
    words = "Never."
    never = TEXT.index(words)
    pay = TEXT.index("We will")
    quotes = [
        Quote(
            start=pay,
            end=pay + len("We will not pay 30 percent,"),
            text="We will not pay 30 percent,",
            speaker="the minister",
            sentence_start=_line(2)[0],
            sentence_end=never - 2,
        ),
        Quote(start=never, end=never + len(words), text=words, speaker=None),
    ]  # no sentence: its own words
    text = TEXT + source
    article = Article(source=source, content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text)
    return store.add_article_version(article, [], claims, quotes)


def mentions(store: Store, table: str, query: str, **filters: str) -> list[str]:
    column = "mention" if table == "claims" else "text"
    ids = item_ids(store, table, BrowseFilter(text=query, **filters))  # type: ignore[arg-type]
    return [store.db.execute(f"SELECT {column} FROM {table} WHERE id = ?", [i]).fetchone()[0] for i in ids]


def test_a_search_finds_every_word_in_the_sentence(store: Store) -> None:
    _add(store)
    assert mentions(store, "claims", "tariffs steel") == ["3.2 billion dollars"]
    assert mentions(store, "claims", "TARIF") == ["3.2 billion dollars"]  # a prefix, any case
    assert mentions(store, "claims", "3.2") == ["3.2 billion dollars"]
    assert mentions(store, "claims", "30") == ["30 percent"]  # numbers match whole: 3 is not 30
    assert mentions(store, "claims", "3") == ["3.2 billion dollars"]
    assert mentions(store, "claims", "cafe nations") == ["5%"]  # accents do not matter
    assert mentions(store, "claims", "billion exports") == []  # words of two sentences
    assert mentions(store, "claims", "iran's") == ["3.2 billion dollars"]
    assert mentions(store, "quotes", "never") == ["Never."]
    assert mentions(store, "quotes", "pay minister") == ["We will not pay 30 percent,"]


def test_postgresql_knows_how_many_hits_a_search_has(store: Store) -> None:
    """PostgreSQL keeps no statistics on a temp table until told to: the listing's join then guesses 2,260 hits and
    scans every claim (a plan 10x slower at 221k claims). The hits table is analysed as it is filled, so the planner
    sees the real number; SQLite needs no such step (its planner drives the join from the hits table as written)."""
    _add(store)
    _add(store, "b.txt")
    assert mentions(store, "claims", "percent") == ["30 percent", "30 percent"]
    assert store.db.execute("SELECT count(*) FROM temp.search_hits_claims").fetchone()[0] == 2
    if is_postgresql(store.db):
        (estimate,) = store.db.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'search_hits_claims' AND relpersistence = 't'"
        ).fetchone()
        assert estimate == 2


def test_typed_text_is_never_query_syntax(store: Store) -> None:
    _add(store)
    for typed in ("AND", "OR steel", "NOT", '"', "st*", "-", "(", "tariffs)", "NEAR(steel rose)", ":", "^"):
        mentions(store, "claims", typed)  # no error
    assert mentions(store, "claims", '"steel"') == ["3.2 billion dollars"]
    assert mentions(store, "claims", "(steel)") == ["3.2 billion dollars"]
    assert search.match_expression("%") is None and mentions(store, "claims", "%") == []
    assert search.match_expression('a"b') == '"a b"'


def test_dismissed_items_are_found_only_under_the_dismissed_filter(store: Store) -> None:
    article = _add(store)
    item = next(c for c in store.claims_of_article(article) if c.mention == "30 percent")
    CorrectionService(store, "ana").dismiss(ItemRef("claim", item.id), "not_a_claim")  # type: ignore[arg-type]
    assert mentions(store, "claims", "percent") == []
    assert mentions(store, "claims", "percent", verdict=DISMISSED) == ["30 percent"]


def test_a_new_version_of_an_article_is_found_and_the_old_one_is_not_listed(store: Store) -> None:
    _add(store)
    _add(store, "b.txt")
    assert mentions(store, "claims", "ministry") == ["3.2 billion dollars", "3.2 billion dollars"]


@pytest.fixture
def synced(store: Store) -> Iterator[Store]:
    """A store whose index the test changes through every write path; afterwards it must equal a rebuilt one."""
    yield store
    _assert_index_is_rebuilt(store)


def _assert_index_is_rebuilt(store: Store) -> None:
    """What the index finds equals what an index rebuilt from scratch finds: on SQLite a copy is rebuilt; on
    PostgreSQL (no cheap copy) the answers are kept and the index is rebuilt in place."""
    search.sync(store.db)
    words = {w for (text,) in store.db.execute("SELECT text FROM articles") for w in text.split()}
    queries = [(table, query) for query in (*QUERIES, *words) for table in search.INDEXES]
    found = {key: list(search.matching_ids(store.db, *key)) for key in queries}
    if is_postgresql(store.db):
        rebuilt = store.db
    else:
        copy = sqlite3.connect(":memory:")
        store.db.conn.backup(copy)
        rebuilt = sqlite_utils.Database(copy)
    search.rebuild(rebuilt)
    for key in queries:
        assert found[key] == list(search.matching_ids(rebuilt, *key)), key
    assert search.pending(store.db) == 0


def test_ingest_and_additions_are_searchable_at_once(synced: Store) -> None:
    article = _add(synced)
    assert search.pending(synced.db) == 0  # indexed in the ingest's own transaction
    start = TEXT.index("steel")
    added = CorrectionService(synced, "ana").add_item(
        "claim", article, start, start + 5, {"kind": "quantity", "value": 1.0}
    )
    assert search.pending(synced.db) == 0
    assert added.entity_id in item_ids(synced, "claims", BrowseFilter(text="steel"))


def test_re_extraction_moves_hides_and_adds_items_in_the_index(synced: Store) -> None:
    articles = seed(synced)
    three = claim_id(synced, articles[0], "more than $3 billion")
    synced.db.execute("UPDATE claims SET start = start WHERE id = ?", [three])  # a no-op update is harmless
    report = reextract(synced, {"mode": "all"}, reviewer="bot", analyze=version_2, version=2)
    assert report.ok and search.pending(synced.db) == 0
    # v2 adds a year claim in every article: found by its own sentence's words.
    years = mentions(synced, "claims", "2021 flights")
    assert years.count("2021") == len(articles)


def test_rows_written_with_plain_sql_are_found_and_deleted_rows_are_not(synced: Store, tmp_path: Path) -> None:
    article = _add(synced)
    synced.db.execute(
        "INSERT INTO claims (article_id, start, end, mention, sentence_start, sentence_end, kind) "
        "VALUES (?, ?, ?, 'May', ?, ?, 'date')",
        [article, TEXT.index("May"), TEXT.index("May") + 3, *_line(1)],
    )
    assert search.pending(synced.db) == 1
    assert "May" in mentions(synced, "claims", "may")  # a search indexes what is pending first
    moved = synced.db.execute("SELECT id FROM claims WHERE mention = '5%'").fetchone()[0]
    synced.db.execute(
        "UPDATE claims SET sentence_start = ?, sentence_end = ?, start = ?, end = ?, mention = ? WHERE id = ?",
        [*_line(0), TEXT.index("steel"), TEXT.index("steel") + 5, "steel", moved],
    )
    synced.db.execute("DELETE FROM claims WHERE mention = '30 percent'")
    assert mentions(synced, "claims", "cafe") == ["May"]
    assert mentions(synced, "claims", "percent") == []
    assert "steel" in mentions(synced, "claims", "tariffs")


def test_long_sentences_are_indexed_around_the_item(store: Store) -> None:
    text = "start " + "filler " * 1000 + "the figure was 7 percent " + "filler " * 1000 + "end"
    start = text.index("7 percent")
    claim = Claim(
        start=start,
        end=start + 9,
        mention="7 percent",
        sentence_start=0,
        sentence_end=len(text),
        kind="percent",
        value=7.0,
    )
    store.add_article_version(Article(source="long.txt", content_hash="x", text=text), [], [claim], [])
    assert mentions(store, "claims", "figure") == ["7 percent"]
    assert mentions(store, "claims", "start") == []  # beyond CONTEXT characters of the item
    assert len(search.document("7 percent", text, start, start + 9, 0, len(text))) <= 2 * search.CONTEXT + 9


def test_corrections_dismissals_and_undoing_an_addition_keep_the_index_in_step(synced: Store) -> None:
    """A reviewer's writes through the services: a corrected speaker, a dismissal and its restore, an added item
    and the undo that removes it again; searches answer from the current rows and the index equals a rebuilt one."""
    article = _add(synced)
    fixes = CorrectionService(synced, "ana")
    pay = next(q for q in synced.quotes_of_article(article) if q.text.startswith("We will"))
    fixes.correct(ItemRef("quote", pay.id), {"speaker": "Ana Minister"})  # type: ignore[arg-type]
    assert mentions(synced, "quotes", "pay", speaker="Ana") == ["We will not pay 30 percent,"]
    percent = next(c for c in synced.claims_of_article(article) if c.mention == "30 percent")
    fixes.dismiss(ItemRef("claim", percent.id), "not_a_claim")  # type: ignore[arg-type]
    assert mentions(synced, "claims", "minister") == []
    fixes.restore(ItemRef("claim", percent.id))  # type: ignore[arg-type]
    assert mentions(synced, "claims", "minister") == ["30 percent"]
    start = TEXT.index("May")
    fixes.add_item("claim", article, start, start + 3, {"kind": "date", "value": None})
    assert mentions(synced, "claims", "exports") == ["5%", "May"]
    fixes.undo()
    assert mentions(synced, "claims", "exports") == ["5%"]
