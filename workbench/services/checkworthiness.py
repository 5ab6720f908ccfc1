"""Check-worthiness for claims already in a database: claims stored before the label existed, or all of them
after the model changed. New claims get theirs at extraction (``pipeline/analyze.py``)."""

from __future__ import annotations

from collections.abc import Callable

from workbench.pipeline.checkworthy import assess_claims
from workbench.store.repository import Store

# Articles assessed per transaction: large enough to amortise the commit, small enough to show progress.
BATCH = 200


def assess_stored(store: Store, *, everything: bool = False, progress: Callable[[int, int], None] | None = None) -> int:
    """Assess the claims that have no check-worthiness (``everything``: all claims); returns how many changed.

    Each article is read once with its quotes (a claim inside a quote is a cue). Work is committed a batch of
    articles at a time, so an interrupted run keeps what it did and a re-run continues with the rest.
    """
    articles = store.articles_to_assess(everything=everything)
    assessed = 0
    for first in range(0, len(articles), BATCH):
        updates: list[tuple[str, float, int]] = []
        for article_id in articles[first : first + BATCH]:
            stored = store.claim_checkworthiness(article_id)
            claims = [
                claim
                for claim in store.claims_of_article(article_id)
                if everything or stored[int(claim.id or 0)][0] is None
            ]
            text = store.article_text(article_id) or ""
            quotes = store.quotes_of_article(article_id)
            for claim, found in zip(claims, assess_claims(text, claims, quotes), strict=True):
                if stored[int(claim.id or 0)] != (found.label, found.score):
                    updates.append((found.label, found.score, int(claim.id or 0)))
        store.set_checkworthiness(updates)
        assessed += len(updates)
        if progress is not None:
            progress(min(first + BATCH, len(articles)), len(articles))
    return assessed
