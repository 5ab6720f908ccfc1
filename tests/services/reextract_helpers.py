"""A stand-in extractor for re-extraction tests: version 1 marks what ``review_helpers`` marks; version 2 has a
different rule (a hedged percent is no claim, a year is one, and Raisi's figures get their speaker). Also runnable
as a script, so a test can kill a re-extraction half-way: ``python -m tests.services.reextract_helpers DB``."""

from __future__ import annotations

import sys
import time

from tests.services.review_helpers import ARTICLE_V1, add_article, claim, claims_of, quotes_of
from workbench.pipeline.analyze import Analysis
from workbench.services.reextract import ReextractProgress, reextract
from workbench.store.repository import Store

ARTICLES = 24


def article_text(n: int) -> str:
    """ARTICLE_V1 with a line of its own, so every article has its own text."""
    return f"{ARTICLE_V1}\n\nFiled as report {n}."


def seed(store: Store) -> list[int]:
    return [
        add_article(store, article_text(n), source=f"a{n:02d}.txt", claims=claims_of(article_text(n)))
        for n in range(ARTICLES)
    ]


def version_2(text: str, published: str | None = None, language: str = "en") -> Analysis:
    claims = []
    for found in claims_of(text):
        if found.kind == "percent" and found.hedge == "nearly":
            continue  # v2: "nearly 5% growth" is context, not a claim
        if found.mention == "$600 million":
            found = found.model_copy(update={"speaker": "Raisi"})
        claims.append(found)
    claims.append(claim(text, "2021", kind="year", value=2021, unit=None))
    claims.sort(key=lambda c: c.start)
    return Analysis([(0, len(text))], claims, quotes_of(text))


def slow_version_2(text: str, published: str | None = None, language: str = "en") -> Analysis:
    time.sleep(0.15)
    return version_2(text, published, language)


class Printing(ReextractProgress):
    def advance(self, label: str) -> None:
        print(f"done {label}", flush=True)


if __name__ == "__main__":
    with Store.open(sys.argv[1]) as opened:
        reextract(opened, {"mode": "all"}, reviewer="bot", analyze=slow_version_2, version=2, progress=Printing())
