"""Keyset pages: walked forwards, backwards, from the end or from an offset, in every order and under filters,
they hold exactly the rows of a listing sorted in Python, whichever plan SQLite is given (walking the order's
index, or starting from a rare filter's)."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import ENGINES, fresh_db
from workbench.models import Article, Claim
from workbench.services.review import ItemRef, ReviewService
from workbench.store import browse
from workbench.store.browse import (
    CHECKABLE,
    CHECKWORTHINESS,
    CLUSTER_SIZE,
    NEWEST,
    READING,
    BrowseFilter,
    Browser,
)
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

KINDS = ("money", "percent", "count", "year")
OUTLETS = ("Mehr", "Breitbart", "Rare Outlet")
SPEAKERS = (None, "Ebrahim Raisi", "Nicolas Maduro")
DATES = (None, "2023-06-12", "2023-06-13", "2023-06-13", "2022-01-02")


def build(store: Store, articles: int = 40, seed: int = 3) -> None:
    """Articles with shared and missing dates, claims with tied scores, clusters of several sizes, verdicts."""
    rng = random.Random(seed)
    for n in range(articles):
        lines = [
            f"Line {i}: trade reached {rng.randint(1, 99)} units {'tariff' if rng.random() < 0.2 else ''}."
            for i in range(rng.randint(1, 6))
        ]
        text = "\n".join(lines)
        claims, checkworthiness, offset = [], [], 0
        for line in lines:
            at = offset + line.index("reached") + 8
            mention = text[at : text.index(" units", at)]
            claims.append(
                Claim(
                    start=at,
                    end=at + len(mention),
                    mention=mention,
                    sentence_start=offset,
                    sentence_end=offset + len(line),
                    kind=rng.choice(KINDS),
                    value=1.0,
                    speaker=rng.choice(SPEAKERS),
                )
            )
            score = rng.choice((None, 0.9, 0.9, 0.5, rng.random()))
            checkworthiness.append(("context" if score is not None and score < 0.3 else "checkable", score))
            offset += len(line) + 1
        article = Article(
            source=f"{rng.randint(0, 9)}-{n:03d}.txt",
            text=text,
            published=rng.choice(DATES),
            outlet="Rare Outlet" if n == 7 else rng.choice(OUTLETS[:2]),
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        store.add_article_version(article, [], claims, [], checkworthiness=checkworthiness)
    ids = [row[0] for row in store.db.execute("SELECT id FROM claims ORDER BY id")]
    store.db.execute("UPDATE claims SET checkworthy_score = NULL, checkworthy = NULL WHERE id % 11 = 0")
    store.set_clusters(
        "claims", {item: ids[rng.randrange(len(ids) // 3)] if rng.random() < 0.5 else item for item in ids}
    )
    review = ReviewService(store, "ana")
    for item in ids[::9]:
        review.set_verdict(ItemRef("claim", item), rng.choice(("true", "false")), None)


def reference(store: Store, filters: BrowseFilter) -> list[int]:
    """The listing sorted in Python from plain rows: what every page must add up to."""
    rows = [
        dict(
            zip(
                (
                    "id",
                    "start",
                    "kind",
                    "speaker",
                    "cluster_id",
                    "score",
                    "label",
                    "article_id",
                    "published",
                    "source",
                    "outlet",
                ),
                row,
            )
        )
        for row in store.db.execute(
            "SELECT c.id, c.start, c.kind, c.speaker, c.cluster_id, c.checkworthy_score, c.checkworthy, a.id, "
            "a.published, a.source, a.outlet FROM claims c JOIN articles a ON a.id = c.article_id "
            "WHERE a.superseded_by IS NULL AND c.dismissed IS NULL"
        )
    ]
    verdicts = dict(store.db.execute("SELECT entity_id, verdict FROM reviews WHERE entity_type = 'claim'"))
    keep: list[Callable[[dict[str, Any]], bool]] = []
    if filters.kind:
        keep.append(lambda r: r["kind"] == filters.kind)
    if filters.speaker:
        keep.append(lambda r: filters.speaker.lower() in (r["speaker"] or "").lower())  # type: ignore[union-attr]
    if filters.outlet:
        keep.append(lambda r: filters.outlet.lower() in r["outlet"].lower())  # type: ignore[union-attr]
    if filters.checkworthy == CHECKABLE:
        keep.append(lambda r: r["label"] in (None, "checkable"))
    if filters.verdict == "unreviewed":
        keep.append(lambda r: r["id"] not in verdicts)
    elif filters.verdict:
        keep.append(lambda r: verdicts.get(r["id"]) == filters.verdict)
    rows = [r for r in rows if all(test(r) for test in keep)]
    rows.sort(
        key=lambda r: (r["published"] is None, r["published"] or "", r["source"], r["article_id"], r["start"], r["id"])
    )
    if filters.order == NEWEST:
        rows.sort(key=lambda r: r["published"] or "", reverse=True)  # stable: reading order within a date
    elif filters.order == CHECKWORTHINESS:
        rows.sort(key=lambda r: -(r["score"] if r["score"] is not None else -1))
    elif filters.order == CLUSTER_SIZE:
        sizes = Counter(
            row[0]
            for row in store.db.execute(
                "SELECT c.cluster_id FROM claims c JOIN articles a ON a.id = c.article_id "
                "WHERE a.superseded_by IS NULL AND c.dismissed IS NULL"
            )
        )
        rows.sort(key=lambda r: (-sizes[r["cluster_id"]], r["cluster_id"]))
    return [r["id"] for r in rows]


FILTERS = [
    BrowseFilter(order=order, **extra)  # type: ignore[arg-type]
    for order in (READING, NEWEST, CHECKWORTHINESS, CLUSTER_SIZE)
    for extra in (
        {},
        {"kind": "money"},
        {"checkworthy": CHECKABLE},
        {"speaker": "raisi"},
        {"outlet": "rare"},
        {"verdict": "true"},
        {"verdict": "unreviewed", "checkworthy": CHECKABLE},
    )
]


@pytest.fixture(scope="module", params=ENGINES)
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One built corpus per engine for the module: building it is the slow part."""
    with fresh_db(request.param, tmp_path_factory.mktemp("keyset"), request) as path, Store.open(path) as store:
        build(store)
        yield store


@pytest.mark.parametrize("budget", [0, 10**9], ids=["start-from-filters", "walk-the-order"])
@pytest.mark.parametrize(
    "filters",
    FILTERS,
    ids=lambda f: f"{f.order}-{f.kind or f.speaker or f.outlet or ''}{f.verdict or ''}{f.checkworthy or ''}",
)
def test_pages_in_both_directions_add_up_to_the_listing(
    corpus: Store, filters: BrowseFilter, budget: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browse, "WALK_BUDGET", budget)
    browser = Browser(corpus)
    expected = reference(corpus, filters)
    assert len(expected) >= 3  # every filter of FILTERS lists several rows of the corpus
    assert browser.count("claims", filters) == len(expected)
    forward, after = [], None
    while page := browser.page("claims", filters, after=after, limit=7):
        forward.extend(page)
        after = page[-1][1]
    assert [item for item, _ in forward] == expected
    backward = browser.page("claims", filters, from_end=True, limit=7)
    while backward and (page := browser.page("claims", filters, before=backward[0][1], limit=7)):
        backward = page + backward
    assert [item for item, _ in backward] == expected
    assert [item for item, _ in browser.page("claims", filters, offset=10, limit=5)] == expected[10:15]
    for position in (0, len(expected) // 2, len(expected) - 1) if expected else ():
        assert browser.position("claims", filters, expected[position]) == position


def test_the_next_unreviewed_item_wraps_around(corpus: Store) -> None:
    browser = Browser(corpus)
    filters = BrowseFilter(order=CHECKWORTHINESS)
    listed = reference(corpus, filters)
    todo = reference(corpus, replace(filters, verdict="unreviewed"))
    key = browser.key_of("claims", filters, todo[-1])
    assert key is not None
    assert browser.next_unreviewed("claims", filters, key) == todo[0]  # past the end: from the top
    assert browser.next_unreviewed("claims", filters, key, backwards=True) == todo[-2]
    first = browser.key_of("claims", filters, listed[0])
    assert browser.next_unreviewed("claims", filters, first, backwards=True) == todo[-1]


def test_counts_and_cluster_sizes_follow_changes_from_this_and_other_connections(
    corpus: Store, tmp_path_factory
) -> None:
    browser = Browser(corpus)
    filters = BrowseFilter(order=CLUSTER_SIZE, verdict="unreviewed")
    before = browser.count("claims", filters)
    widest = browser.page("claims", filters, limit=1)[0][0]
    lonely = corpus.db.execute(
        "SELECT id FROM claims WHERE cluster_id = id AND id NOT IN "
        "(SELECT cluster_id FROM claims WHERE id != cluster_id) ORDER BY id LIMIT 1"
    ).fetchone()[0]
    ReviewService(corpus, "ana").set_verdict(ItemRef("claim", lonely), "true", None)
    assert browser.count("claims", filters) == before - 1
    with Store.open(corpus.path) as other:  # another process: a reviewer merges a big cluster into a singleton
        other.db.execute(
            "UPDATE claims SET cluster_id = ? WHERE cluster_id = (SELECT cluster_id FROM claims WHERE id = ?)",
            [lonely, widest],
        )
        other.db.execute(
            "INSERT INTO corrections (entity_type, entity_id, field, value, reviewer, at) "
            "VALUES ('claim', ?, 'cluster_id', '1', 'bo', '2030-01-01')",
            [widest],
        )
    assert [
        i
        for i, _ in browser.page(
            "claims", BrowseFilter(order=CLUSTER_SIZE), limit=len(reference(corpus, BrowseFilter(order=CLUSTER_SIZE)))
        )
    ] == reference(corpus, BrowseFilter(order=CLUSTER_SIZE))


def test_the_stories_list_pages_like_any_other(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Stories are ordered by size (no index delivers it): a page after, before or from the end of the list, the
    count and a story's position all agree with the whole list."""
    from tests.conftest import SEEDS
    from tests.story_fixtures import write_quake
    from workbench.services.catalog import Catalog
    from workbench.services.ingest import ingest_paths
    from workbench.store.stories import story_ids

    ingest_paths(store, [SEEDS, write_quake(tmp_path)], workers=1)
    whole = story_ids(store)
    assert len(whole) >= 2
    catalog = Catalog(store)
    listing = catalog.listing("stories", page_size=1)
    forward = [row["id"] for row in listing.first]
    forward += [row["id"] for number in range(1, len(whole)) for row in catalog.page(listing, number)]
    assert forward == whole
    assert catalog.count(listing) == len(whole)
    fresh = catalog.listing("stories", page_size=1)
    fresh.count = len(whole)
    backward = [row["id"] for number in reversed(range(len(whole))) for row in catalog.page(fresh, number)]
    assert backward == whole[::-1]
    assert [catalog.position(listing, story) for story in whole] == list(range(len(whole)))
    assert catalog.ids("stories") == whole
    assert catalog.ids("stories", BrowseFilter(outlet="Evening")) == story_ids(store, outlet="Evening") != []
    assert catalog.next_unreviewed(listing, whole[0]) is None


def test_the_widest_cluster_order_prepared_in_steps_is_the_one_listings_use(
    db_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The TUI builds the cluster sizes a range of ids at a time, other reads in between; a listing asked for
    before that finished builds its own, and the unfinished build then stops instead of writing twice."""
    monkeypatch.setattr(browse, "CLUSTER_SIZES_RANGE", 7)
    store = Store.open(db_path)
    build(store)
    browser = Browser(store)
    widest = BrowseFilter(order=CLUSTER_SIZE)
    expected = reference(store, widest)
    assert browser.cluster_sizes_stale("claims")
    steps = 0
    for _ in browser.build_cluster_sizes("claims"):
        steps += 1
        browser.page("claims", BrowseFilter(kind="money"), limit=5)  # another call between two steps
    assert steps > 3
    assert not browser.cluster_sizes_stale("claims")
    prepared = browser.cluster_sizes("claims")
    assert [i for i, _ in browser.page("claims", widest, limit=len(expected))] == expected
    assert browser.cluster_sizes("claims") == prepared  # used as built, not built again

    # A reviewer merges two clusters: the sizes are stale; a listing comes before the background build is done.
    ids = [row[0] for row in store.db.execute("SELECT id FROM claims ORDER BY id")]
    store.db.execute("UPDATE claims SET cluster_id = ? WHERE id IN (?, ?)", [ids[0], ids[-1], ids[-2]])
    store.db.execute(
        "INSERT INTO corrections (entity_type, entity_id, field, value, reviewer, at) "
        "VALUES ('claim', ?, 'cluster_id', '1', 'bo', '2030-01-01')",
        [ids[-1]],
    )
    assert browser.cluster_sizes_stale("claims")
    background = browser.build_cluster_sizes("claims")
    next(background), next(background)
    expected = reference(store, widest)
    assert [i for i, _ in browser.page("claims", widest, limit=len(expected))] == expected
    assert list(background) == []  # it noticed and stopped (writing on would duplicate the listing's rows)
    assert [i for i, _ in browser.page("claims", widest, limit=len(expected))] == expected
    assert not browser.cluster_sizes_stale("claims")


@pytest.mark.parametrize("corpus", ["sqlite"], indirect=True)  # reads SQLite's plan (EXPLAIN QUERY PLAN)
def test_a_rare_filter_in_widest_cluster_order_starts_from_the_filter(corpus: Store) -> None:
    """The plan for rare matches must not be forced to loop over every cluster by size (the walk's join order):
    a search for a rare word then read all 200,000 clusters of the corpus, 5 to 14 s."""
    browser = Browser(corpus)
    for filters in (BrowseFilter(order=CLUSTER_SIZE, text="tariff"), BrowseFilter(order=CLUSTER_SIZE, kind="money")):
        query = browser.query("claims", filters).driven()
        keys = ", ".join(term.expression for term in query.terms)
        sql = f"SELECT {query.id_column}, {keys} FROM {query.source} WHERE {query._where()} ORDER BY {keys}"
        plan = [row[3] for row in corpus.db.execute("EXPLAIN QUERY PLAN " + sql, query._params())]
        loops = [step for step in plan if step.startswith(("SCAN", "SEARCH"))]
        assert loops[0].startswith("SEARCH c "), plan  # from the filter's rows, by id or by the kind's index
        assert "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)" in loops, plan  # each one's cluster size looked up
