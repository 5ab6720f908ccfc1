"""An article longer than any real one (a 30 MB single line) opens on a stretch around the mention, and n/p carry
the view through all of it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.tui.conftest import make_app, select, settle, until
from workbench.models import Article, Claim
from workbench.services.clustering import cluster_pending
from workbench.store.repository import Store
from workbench.tui.screens.article import VIEW_CHARS, ArticleScreen


def _long_article(store: Store) -> str:
    """One line of 600,000 characters with a claim near each end."""
    text = "It rose 5% at first " + "and then went on " * 35_000 + "before it fell 7% at last."
    claims = []
    for mention in ("5%", "7%"):
        start = text.index(mention)
        claims.append(
            Claim(
                start=start,
                end=start + 2,
                mention=mention,
                sentence_start=0,
                sentence_end=len(text),
                kind="percent",
                value=float(mention[0]),
                unit="percent",
            )
        )
    article = Article(source="long.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text)
    store.add_article_version(article, [(0, len(text))], claims, [])
    cluster_pending(store)
    return text


async def test_a_very_long_article_shows_a_stretch_that_follows_the_mention(tmp_path: Path) -> None:
    with Store.open(tmp_path / "long.db") as store:
        text = _long_article(store)
        app = make_app(store)
        async with app.run_test(size=(150, 40)) as pilot:
            await settle(pilot, app)
            await select(pilot, app, mention="7%")  # the list's order is not what this test is about
            await pilot.press("enter")
            await settle(pilot, app)
            await until(pilot, lambda: isinstance(app.screen, ArticleScreen), "the article screen opened")
            article = app.screen
            assert isinstance(article, ArticleScreen)
            await until(
                pilot,
                lambda: (
                    article.article is not None
                    and any("fell 7%" in p.content.plain for p in article.query(".paragraph"))
                ),
                "the stretch around the mention shown",
            )  # type: ignore[attr-defined]
            assert article.focus_span == (text.index("7%"), text.index("7%") + 2)
            start, end = article.stretch
            assert end == len(text) and end - start <= VIEW_CHARS
            shown = sum(len(p.content.plain) for p in article.query(".paragraph"))  # type: ignore[attr-defined]
            assert shown <= VIEW_CHARS
            assert "showing characters" in article.query_one("#article-meta").content.plain  # type: ignore[attr-defined]
            await pilot.press("n")  # wraps to the first mention, 600,000 characters back
            await settle(pilot, app)
            await until(
                pilot,
                lambda: (
                    article.stretch[0] == 0
                    and any(p.content.plain.startswith("It rose") for p in article.query(".paragraph"))
                ),
                "the first mention's stretch shown",
            )  # type: ignore[attr-defined]
            assert article.focus_span == (text.index("5%"), text.index("5%") + 2)
            assert article.stretch[0] == 0 and article.stretch[1] <= VIEW_CHARS
            texts = [p.content for p in article.query(".paragraph")]  # type: ignore[attr-defined]
            highlighted = [t.plain[s.start : s.end] for t in texts for s in t.spans if s.style == "bold reverse"]
            assert highlighted == ["5%"]
