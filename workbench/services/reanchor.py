"""Carry reviews over when an article gets a new version, so re-ingesting an edited text loses no verdict.

The ingest stores a new article row with freshly extracted claims and quotes (new ids). Each old item is anchored
in the new version the way a W3C text-quote selector is: the same normalized mention (and, for a claim, the same
figure), confirmed by the words around it and by its rough position, with rapidfuzz for the fuzzy parts. Pairs are
taken best-first, one to one. An old item with records but no acceptable partner is flagged *orphaned* and kept
where it is, listed by ``ReviewService.orphans()``; nothing is dropped. A changed figure ("$3 billion" edited to
"$4 billion") never matches: a verdict on one number must not silently become a verdict on another.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from workbench.config import ConfigError, load_settings, resolve_reviewer
from workbench.pipeline.normalize import fold
from workbench.services.review import ConflictError, ItemRef, ReviewService
from workbench.store.repository import Store

CONTEXT_CHARS = 60
# Acceptance thresholds (rapidfuzz scores, 0..100). A quote may have lost a typo; a claim's mention may be
# reworded around an unchanged figure, but then its surroundings must vouch for it.
QUOTE_TEXT_MIN = 90
QUOTE_TEXT_WITH_CONTEXT_MIN = 75
CLAIM_TEXT_WITH_CONTEXT_MIN = 60
CONTEXT_MIN = 50
CONTEXT_ALONE_MIN = 80


@dataclass(frozen=True)
class Anchor:
    """An item as re-anchoring sees it: folded text and context, figure, relative position in its article."""

    id: int
    text: str
    prefix: str
    suffix: str
    position: float
    start: int
    figure: tuple[Any, ...] | None = None


@dataclass
class ReanchorReport:
    old_article_id: int
    new_article_id: int
    moved: list[tuple[str, int, int]] = field(default_factory=list)  # (entity_type, old id, new id)
    orphaned: list[tuple[str, int]] = field(default_factory=list)  # (entity_type, old id)
    cluster_reviews: list[str] = field(default_factory=list)  # cluster reviews named after an old item

    def summary(self) -> str:
        parts = [f"{len(self.moved)} reviews moved", f"{len(self.orphaned)} orphaned"]
        if self.cluster_reviews:
            parts.append(f"{len(self.cluster_reviews)} cluster reviews named after old items")
        return ", ".join(parts)


def anchors(items: Sequence[dict[str, Any]], text: str) -> list[Anchor]:
    """Anchors of stored items (rows of ``ReviewStore.items_of_article``) in their article ``text``."""
    length = max(len(text), 1)
    result = []
    for item in items:
        start, end = item["start"], item["end"]
        figure = (
            (item["kind"], item["value"], item["value_high"], (item["unit"] or "").casefold())
            if "value" in item
            else None
        )
        result.append(
            Anchor(
                id=item["id"],
                text=fold(item["text"]).strip(),
                prefix=fold(text[max(0, start - CONTEXT_CHARS) : start]),
                suffix=fold(text[end : end + CONTEXT_CHARS]),
                position=start / length,
                start=start,
                figure=figure,
            )
        )
    return result


def match_anchors(old: Sequence[Anchor], new: Sequence[Anchor]) -> dict[int, tuple[int, float]]:
    """Best one-to-one pairs ``old id -> (new id, score)`` among the acceptable ones."""
    candidates = []
    for a in old:
        for b in new:
            score = _score(a, b)
            if score is not None:
                candidates.append((score, -abs(a.position - b.position), a.id, b.id))
    candidates.sort(reverse=True)
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for score, _, old_id, new_id in candidates:
        if old_id not in pairs and new_id not in taken:
            pairs[old_id] = (new_id, round(score, 1))
            taken.add(new_id)
    return pairs


def _score(a: Anchor, b: Anchor) -> float | None:
    """How surely ``b`` is ``a`` re-extracted (None: not at all)."""
    if a.figure is not None and not _same_figure(a.figure, b.figure):
        return None
    text = 100.0 if a.text == b.text else fuzz.ratio(a.text, b.text)
    context = (_near_similarity(a.prefix, b.prefix, before=True) + _near_similarity(a.suffix, b.suffix)) / 2
    if a.figure is None:
        acceptable = text >= QUOTE_TEXT_MIN or (text >= QUOTE_TEXT_WITH_CONTEXT_MIN and context >= CONTEXT_ALONE_MIN)
    else:
        acceptable = (
            text == 100
            or (text >= CLAIM_TEXT_WITH_CONTEXT_MIN and context >= CONTEXT_MIN)
            or context >= CONTEXT_ALONE_MIN
        )
    if not acceptable:
        return None
    proximity = 100 * (1 - min(1.0, abs(a.position - b.position)))
    # Context outweighs position: two equal mentions swapped by an edit follow their words, not their offsets.
    return 0.45 * text + 0.50 * context + 0.05 * proximity


def _near_similarity(a: str, b: str, *, before: bool = False) -> float:
    """Similarity of the context next to the item, over the length both have (an article edge cuts one short)."""
    size = min(len(a), len(b))
    if size == 0:
        return 100.0 if not a and not b else 50.0
    return fuzz.ratio(a[-size:], b[-size:]) if before else fuzz.ratio(a[:size], b[:size])


def _same_figure(a: tuple[Any, ...], b: tuple[Any, ...] | None) -> bool:
    if b is None or a[0] != b[0] or a[3] != b[3]:
        return False
    return all(
        (x is None and y is None) or (x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9))
        for x, y in zip(a[1:3], b[1:3], strict=True)
    )


def reanchor(store: Store, old_article_id: int, new_article_id: int, *, reviewer: str | None = None) -> ReanchorReport:
    """Move every review, judgement, source and note of the old version's items to their matches in the new one.

    Suits ``ingest_paths(on_new_version=...)``, which calls it in the transaction that stores the new version.
    Moves and orphan flags are events by ``reviewer`` (default: the configured reviewer), outside anybody's undo
    stack.
    """
    service = ReviewService(store, reviewer or _configured_reviewer())
    data = service.data
    report = ReanchorReport(old_article_id, new_article_id)
    old_text, new_text = store.article_text(old_article_id), store.article_text(new_article_id)
    if old_text is None or new_text is None:
        raise ValueError(f"article {old_article_id if old_text is None else new_article_id} does not exist")
    # One transaction for all of it (a savepoint inside the caller's, which stores the new version in the same
    # one): a kill leaves either every review moved or flagged, or none. Running it again changes nothing more.
    with store.transaction():
        for entity_type in ("claim", "quote"):
            old_items = data.items_of_article(entity_type, old_article_id)
            recorded = data.ids_with_records(entity_type, [item["id"] for item in old_items])
            cluster_type = f"{entity_type}_cluster"
            report.cluster_reviews.extend(
                str(ItemRef(cluster_type, i))
                for i in data.ids_with_records(cluster_type, [it["id"] for it in old_items])
            )
            if not recorded:
                continue
            pairs = match_anchors(
                anchors(old_items, old_text), anchors(data.items_of_article(entity_type, new_article_id), new_text)
            )
            for old_id in sorted(recorded):
                _carry_over(service, report, entity_type, old_id, pairs.get(old_id), new_article_id)
    report.cluster_reviews.sort()
    return report


def _configured_reviewer() -> str:
    """Who re-ingested: $WORKBENCH_REVIEWER, the config file, the OS user. A broken config must not stop an
    ingest that is half done, so it is skipped here (the CLI reports it elsewhere)."""
    try:
        settings = load_settings()
    except ConfigError:
        settings = None
    return resolve_reviewer(None, settings)


def _carry_over(
    service: ReviewService,
    report: ReanchorReport,
    entity_type: str,
    old_id: int,
    pair: tuple[int, float] | None,
    new_article_id: int,
) -> None:
    if pair is not None:
        new_id, score = pair
        try:
            service.move_records(entity_type, old_id, new_id, {"article_id": new_article_id, "score": score})
        except ConflictError as exc:
            reason = str(exc)
        else:
            report.moved.append((entity_type, old_id, new_id))
            return
    else:
        reason = f"no matching {entity_type} in article {new_article_id}"
    service.mark_orphaned(ItemRef(entity_type, old_id), reason)
    report.orphaned.append((entity_type, old_id))
