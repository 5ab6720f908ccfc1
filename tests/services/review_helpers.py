"""Hand-made articles for the review tests: stored through the Store API, so they run without the extractors."""

from __future__ import annotations

import hashlib
import re

from workbench.models import Article, Claim, Quote
from workbench.store.repository import Store

ARTICLE_V1 = (
    "Raisi said trade between the two countries grew from $600 million in 2021 to more than $3 billion. "
    "\u201cWe will be invincible,\u201d Maduro said. Officials expect about 100 new flights a year, "
    "and nearly 5% growth."
)


def claim(
    text: str,
    mention: str,
    *,
    kind: str = "money",
    value: float | None = None,
    unit: str | None = "USD",
    hedge: str | None = None,
    nth: int = 0,
    value_high: float | None = None,
) -> Claim:
    """A claim on the ``nth`` occurrence of ``mention`` in ``text``, its sentence being the whole text."""
    start = _find(text, mention, nth)
    return Claim(
        start=start,
        end=start + len(mention),
        mention=mention,
        sentence_start=0,
        sentence_end=len(text),
        kind=kind,
        value=value,
        value_high=value_high,
        unit=unit,
        hedge=hedge,
    )


def claims_of(text: str) -> list[Claim]:
    """The claims a reader would mark in ARTICLE_V1-like texts (absent mentions are skipped)."""
    wanted: list[tuple[str, dict]] = [
        ("$600 million", dict(value=6e8)),
        ("more than $3 billion", dict(value=3e9, hedge="more_than")),
        ("about 100 new flights", dict(kind="count", value=100, unit="flights", hedge="about")),
        ("nearly 5%", dict(kind="percent", value=5, unit="percent", hedge="nearly")),
    ]
    return [claim(text, mention, **spec) for mention, spec in wanted if mention in text]


def quotes_of(text: str) -> list[Quote]:
    """Every span between curly double quotes, attributed to Maduro (speakers do not matter to reviews)."""
    return [
        Quote(start=m.start(1), end=m.end(1), text=m.group(1), speaker="Nicolas Maduro")
        for m in re.finditer("\u201c([^\u201d]+)\u201d", text)
    ]


def add_article(
    store: Store, text: str, source: str = "a.txt", *, claims: list[Claim] | None = None, cluster: bool = True
) -> int:
    """Store ``text`` as the next version of ``source`` with its claims and quotes; singleton clusters."""
    article_id = store.add_article_version(
        Article(source=source, content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text),
        [(0, len(text))],
        claims_of(text) if claims is None else claims,
        quotes_of(text),
    )
    if cluster:
        for table in ("claims", "quotes"):
            pending = [row["id"] for row in store.clustering_items(table, "pending")]
            store.set_clusters(table, {item_id: item_id for item_id in pending})
    return article_id


def claim_id(store: Store, article_id: int, mention: str) -> int:
    return next(c.id for c in store.claims_of_article(article_id) if c.mention == mention)  # type: ignore[misc]


def _find(text: str, needle: str, nth: int) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start
