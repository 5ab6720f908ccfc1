"""A small hand-built database whose items do not depend on the extractors, for snapshots and exact assertions.

Seeds change what they yield whenever an extractor improves; a screen snapshot must not. Here every claim, quote,
cluster and conflict is written directly through the store.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import listed
from workbench.models import Article, Claim, Quote
from workbench.store.repository import Store

PLANET = (
    "Trade talks in Caracas\n\n"
    "Trade between the two countries grew from $600 million in 2021 to more than $3 billion, Raisi said.\n\n"
    "\u201cWe will be invincible,\u201d Maduro said after the meeting.\n"
)
POST = "Raisi said trade had reached $4 billion a year.\n\n\u201cWe will be invincible!\u201d Maduro told reporters.\n"
HOSTILE = "Markup test\n\nThe ministry said \u201c[bold red]x[/] was never $5 million\u201d \x1b[2J and left.\n"
# Fixed check-worthiness (label, score), so that a new model never changes a snapshot.
CHECKABLE, CONTEXT = ("checkable", 0.97), ("context", 0.02)


def _line(text: str, start: int) -> tuple[int, int]:
    """The sentence span used here: the line holding ``start``."""
    return text.rfind("\n", 0, start) + 1, text.index("\n", start)


def _claim(text: str, mention: str, kind: str, value: float, unit: str, **extra: object) -> Claim:
    start = text.index(mention)
    s, e = _line(text, start)
    return Claim(
        start=start,
        end=start + len(mention),
        mention=mention,
        sentence_start=s,
        sentence_end=e,
        kind=kind,
        value=value,
        unit=unit,
        **extra,
    )  # type: ignore[arg-type]


def _quote(text: str, words: str, speaker: str | None) -> Quote:
    start = text.index(words)
    s, e = _line(text, start)
    return Quote(
        start=start, end=start + len(words), text=words, speaker=speaker, sentence_start=s, sentence_end=e, cue="said"
    )


def _article(
    store: Store,
    source: str,
    outlet: str,
    published: str,
    title: str,
    text: str,
    claims: list[Claim],
    quotes: list[Quote],
    checkworthiness: list[tuple[str, float]],
) -> int:
    article = Article(
        source=source,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        outlet=outlet,
        published=published,
        title=title,
        url=f"https://news.example/{source}",
    )
    lines, start = [], 0
    for line in text.split("\n"):
        if line:
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return store.add_article_version(article, lines, claims, quotes, checkworthiness)


def build_fixed_db(path: Path, *, hostile: bool = False) -> Path:
    """Two outlets printing one quote and contradicting figures ($3 billion vs $4 billion); ``hostile`` adds an
    article whose text carries Rich markup and a terminal escape sequence."""
    with Store.open(path) as store:
        _article(
            store,
            "planet.txt",
            "Daily Planet",
            "2023-06-12",
            "Trade talks in Caracas",
            PLANET,
            [
                _claim(PLANET, "$600 million", "money", 6e8, "USD", role="from", change_group=1, speaker="Raisi"),
                _claim(
                    PLANET,
                    "more than $3 billion",
                    "money",
                    3e9,
                    "USD",
                    hedge="more_than",
                    role="to",
                    change_group=1,
                    speaker="Raisi",
                ),
                _claim(PLANET, "2021", "year", 2021, "year"),
            ],
            [_quote(PLANET, "We will be invincible,", "Nicolas Maduro")],
            [CHECKABLE, CHECKABLE, CONTEXT],
        )
        _article(
            store,
            "post.txt",
            "Evening Post",
            "2023-06-13",
            "Maduro hosts Raisi",
            POST,
            [
                _claim(POST, "$4 billion", "money", 4e9, "USD", speaker="Raisi"),
            ],
            [_quote(POST, "We will be invincible!", "Nicolas Maduro")],
            [CHECKABLE],
        )
        if hostile:
            _article(
                store,
                "hostile.txt",
                "Hostile Wire",
                "2023-06-14",
                "[bold red]x[/] title",
                HOSTILE,
                [
                    _claim(HOSTILE, "$5 million", "money", 5e6, "USD"),
                ],
                [_quote(HOSTILE, "[bold red]x[/] was never $5 million", None)],
                [CHECKABLE],
            )
        claims = {row["mention"]: row["id"] for row in listed(store, "claims")}
        quotes = [row["id"] for row in listed(store, "quotes")]
        store.set_clusters("claims", {i: i for i in claims.values()})
        store.set_clusters("quotes", {q: quotes[0] if i < 2 else q for i, q in enumerate(quotes)})
        store.add_conflicts("claim", [(claims["more than $3 billion"], claims["$4 billion"])])
    return path


def build_bulk_db(path: Path, claims: int, per_article: int = 50) -> Path:
    """``claims`` claims straight through SQL (fast), for checking that the list stays virtual at scale."""
    sentence = "Officials said trade grew to {n} billion dollars in 2021, according to the ministry."
    with Store.open(path) as store, store.transaction():
        db = store.db
        for a in range(claims // per_article):
            lines = [sentence.format(n=a * per_article + i) for i in range(per_article)]
            text = "\n".join(lines)
            article_id = db.execute(
                "INSERT INTO articles (source, version, content_hash, outlet, published, text, ingested_at) "
                "VALUES (?, 1, ?, ?, ?, ?, '2024-01-01T00:00:00')",
                [
                    f"bulk{a:05d}.txt",
                    hashlib.sha256(text.encode()).hexdigest(),
                    f"Outlet {a % 7}",
                    f"2023-01-{a % 28 + 1:02d}",
                    text,
                ],
            ).lastrowid
            rows, start = [], 0
            for line in lines:
                at = line.index("billion") - len(line.split()[4]) - 1
                rows.append((article_id, start + at, start + at + 8, line[at : at + 8], start, start + len(line)))
                start += len(line) + 1
            db.conn.executemany(
                "INSERT INTO claims (article_id, start, end, mention, sentence_start, sentence_end, kind, value, "
                "unit) VALUES (?, ?, ?, ?, ?, ?, 'money', 1e9, 'USD')",
                rows,
            )
        db.execute("UPDATE claims SET cluster_id = id")
    return path
