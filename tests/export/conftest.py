"""A small database built through the Store API, with offsets computed from the text, so every export test checks
real rows without depending on how well the extractors currently do."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import listed
from workbench.models import Article, Claim, Quote
from workbench.services.clustering import cluster_pending
from workbench.store.repository import Store

TRADE = (
    "Raisi said trade between the two countries grew from $600 million in 2021 to more than $3 billion.\n"
    "\u201cWe will be invincible,\u201d Maduro said. Inflation fell by -1.3 percent.\n"
)
REPOST = "Maduro told reporters: \u201cWe will be invincible.\u201d Trade grew to more than $3 billion.\n"


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def sentence_of(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return begin, end if end != -1 else len(text)


def claim(text: str, mention: str, kind: str, value: float, unit: str, **extra: object) -> Claim:
    start, end = span(text, mention)
    s_start, s_end = sentence_of(text, start)
    return Claim(
        start=start,
        end=end,
        mention=mention,
        sentence_start=s_start,
        sentence_end=s_end,
        kind=kind,
        value=value,
        unit=unit,
        **extra,
    )


def quote(text: str, words: str, speaker: str | None, **extra: object) -> Quote:
    start, end = span(text, words)
    s_start, s_end = sentence_of(text, start)
    return Quote(start=start, end=end, text=words, speaker=speaker, sentence_start=s_start, sentence_end=s_end, **extra)


def add_article(
    store: Store,
    source: str,
    text: str,
    claims: list[Claim],
    quotes: list[Quote],
    *,
    outlet: str = "Mehr News Agency",
    published: str | None = "2023-06-13",
    url: str | None = None,
    title: str | None = None,
) -> int:
    article = Article(
        source=source,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        outlet=outlet,
        published=published,
        url=url,
        title=title,
    )
    sentences = sorted(
        {(c.sentence_start, c.sentence_end) for c in claims}
        | {(q.sentence_start, q.sentence_end) for q in quotes if q.sentence_start is not None}
    )
    return store.add_article_version(article, sentences, claims, quotes)


@dataclass
class Sample:
    store: Store
    trade_id: int
    repost_id: int


def build_sample(store: Store) -> Sample:
    """Two articles by two outlets; the $3 billion claims and the "invincible" quotes each form one cluster."""
    trade_id = add_article(
        store,
        "000_trade.txt",
        TRADE,
        [
            claim(TRADE, "$600 million", "money", 600e6, "USD", change_group=1, role="from", speaker="Raisi"),
            claim(
                TRADE,
                "more than $3 billion",
                "money",
                3e9,
                "USD",
                change_group=1,
                role="to",
                hedge="more_than",
                speaker="Raisi",
            ),
            claim(TRADE, "-1.3 percent", "percent", -1.3, "percent"),
        ],
        [quote(TRADE, "We will be invincible,", "Nicolas Maduro", cue="said")],
        url="https://mehrnews.example/trade",
        title="Trade grows",
    )
    repost_id = add_article(
        store,
        "001_repost.txt",
        REPOST,
        [
            claim(REPOST, "more than $3 billion", "money", 3e9, "USD", hedge="more_than"),
        ],
        [quote(REPOST, "We will be invincible.", "Nicolas Maduro", cue="told")],
        outlet="Breitbart",
        published="2023-06-12",
        url="https://breitbart.example/repost",
    )
    cluster_pending(store)
    merge_clusters(store)
    return Sample(store, trade_id, repost_id)


def merge_clusters(store: Store) -> None:
    """Equal mentions (quote words up to final punctuation) share a cluster, as the clustering engine would."""
    for table, rows in (("claims", listed(store, "claims")), ("quotes", listed(store, "quotes"))):
        first: dict[str, int] = {}
        for row in sorted(rows, key=lambda r: r["id"]):
            key = (row.get("mention") or row["text"]).rstrip(",.")
            first.setdefault(key, row["id"])
            store.set_clusters(table, {row["id"]: first[key]})


@pytest.fixture
def sample(store: Store) -> Sample:
    return build_sample(store)


@pytest.fixture
def default_db(runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database a command opens without --db ($WORKBENCH_DB), on the test's engine."""
    monkeypatch.setenv("WORKBENCH_DB", str(db_path))
    return db_path
