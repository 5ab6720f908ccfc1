"""schema.org ClaimReview (JSON-LD) for publishing verdicts: one review per reviewed claim, quote, or cluster.

The unit is whatever holds the verdict: a cluster's verdict becomes one ClaimReview whose claim appears in every
article of the members that inherit it; a member with a verdict of its own gets its own ClaimReview. Search engines
check a handful of fields (``claimreview_problems`` encodes Google's structured-data requirements), so a review
that misses one is reported and left out rather than published broken.

In HTML the JSON sits inside ``<script>`` tags, where article text such as ``</script><script>...`` would end the
script and run; ``<``, ``>`` and ``&`` are therefore written as JSON unicode escapes, which parse to the same text.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workbench.config import Settings
from workbench.export.files import atomic_write, timestamped_path
from workbench.models import RATING_VALUES
from workbench.store.exports import ITEM_TYPES, ExportFilter, ItemTable, iter_items
from workbench.store.repository import Store
from workbench.store.reviews import CLUSTER_TYPES

BEST_RATING, WORST_RATING = 5, 1
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass
class ClaimReviewReport:
    path: Path
    reviews: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class PublisherMissing(ValueError):
    """The settings do not say who publishes the reviews, or where; nothing is written."""


def missing_publisher_settings(settings: Settings) -> list[str]:
    """The ``[claimreview]`` keys a ClaimReview export cannot do without and that are not set."""
    return [
        key
        for key, value in (("organization", settings.organization), ("base_url", settings.claimreview_base_url))
        if not (value and value.strip())
    ]


def build_claimreviews(store: Store, settings: Settings) -> list[dict[str, Any]]:
    """Every ClaimReview the database supports now, claims first, each unit in id order."""
    missing = missing_publisher_settings(settings)
    if missing:
        raise PublisherMissing(f"ClaimReview needs [claimreview] {' and '.join(missing)}")
    reviews = []
    for table in ("claims", "quotes"):
        for (origin_type, origin_id), members in _units(store, table).items():
            reviews.append(_claimreview(table, origin_type, origin_id, members, settings))
    return reviews


def _units(store: Store, table: ItemTable) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Reviewed items grouped by the entity whose verdict they show (their own, or their cluster's)."""
    item_type = ITEM_TYPES[table]
    units: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in iter_items(store, table, ExportFilter(reviewed_only=True)):
        key = (
            (item_type, row["id"]) if row["verdict_source"] == "own" else (CLUSTER_TYPES[item_type], row["cluster_id"])
        )
        units.setdefault(key, []).append(row)
    return dict(sorted(units.items()))


def _claimreview(
    table: ItemTable, origin_type: str, origin_id: int, members: list[dict[str, Any]], settings: Settings
) -> dict[str, Any]:
    lead = next((m for m in members if m["id"] == m["cluster_id"]), members[0])
    label = lead["verdict"]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    if RATING_VALUES[label] is not None:
        rating["ratingValue"] = RATING_VALUES[label]
    rating.update(bestRating=BEST_RATING, worstRating=WORST_RATING)
    appearances = _appearances(members)
    claim: dict[str, Any] = {"@type": "Claim"}
    speaker = _most_common(m["speaker"] for m in members)
    if speaker:
        claim["author"] = {"@type": "Person", "name": speaker}
    if appearances:
        first = appearances[0]
        if "datePublished" in first:
            claim["datePublished"] = first["datePublished"]
        claim["appearance"] = appearances
        claim["firstAppearance"] = first
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _review_url(settings.claimreview_base_url or "", origin_type, origin_id),
        "claimReviewed": " ".join((lead["sentence"] if table == "claims" else lead["text"]).split()),
        "itemReviewed": claim,
        "author": _organization(settings.organization or "", settings.organization_url),
        "reviewRating": rating,
    }
    if lead["reviewed_at"]:
        review["datePublished"] = lead["reviewed_at"][:10]
    if lead["rationale"]:
        review["reviewBody"] = lead["rationale"]
    return review


def _appearances(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One CreativeWork per carrying article, earliest first (undated last), so [0] is the first appearance."""
    by_article: dict[int, dict[str, Any]] = {}
    for member in sorted(members, key=lambda m: (m["published"] is None, m["published"] or "", m["article_id"])):
        if member["article_id"] in by_article:
            continue
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if member["article_url"]:
            work["url"] = member["article_url"]
        if member["title"]:
            work["headline"] = member["title"]
        if member["published"]:
            work["datePublished"] = member["published"]
        work["publisher"] = _organization(member["outlet"])
        by_article[member["article_id"]] = work
    return list(by_article.values())


def _organization(name: str, url: str | None = None) -> dict[str, Any]:
    organization = {"@type": "Organization", "name": name}
    if url:
        organization["url"] = url
    return organization


def _review_url(base: str, entity_type: str, entity_id: int) -> str:
    """``base`` + ``claim-cluster-12``: stable as long as the database is, readable in a browser bar."""
    if not base.endswith(("/", "=", "#")):
        base += "/"
    return f"{base}{entity_type.replace('_', '-')}-{entity_id}"


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


# -- validation ------------------------------------------------------------------------------------------------


def claimreview_problems(review: dict[str, Any]) -> list[str]:
    """What keeps ``review`` from being valid ClaimReview structured data (Google's required fields, and the
    consistency of the rating and the claim when present). Empty when it is valid."""
    problems = []
    if review.get("@context") not in ("https://schema.org", "http://schema.org"):
        problems.append("@context must be https://schema.org")
    if review.get("@type") != "ClaimReview":
        problems.append("@type must be ClaimReview")
    if not _text(review.get("claimReviewed")):
        problems.append("claimReviewed is required: the claim as text")
    if not _web_url(review.get("url")):
        problems.append("url is required: the absolute http(s) address of the review")
    problems += _named_problems("author", review.get("author"), ("Organization", "Person"), required=True)
    problems += _rating_problems(review.get("reviewRating"))
    if "datePublished" in review and not _iso_date(review["datePublished"]):
        problems.append("datePublished must be an ISO 8601 date")
    claim = review.get("itemReviewed")
    if claim is not None:
        problems += _claim_problems(claim)
    return problems


def _rating_problems(rating: Any) -> list[str]:
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        return ["reviewRating is required: a Rating"]
    value = rating.get("ratingValue")
    if value is None:
        return [] if _text(rating.get("alternateName")) else ["reviewRating needs alternateName or ratingValue"]
    best, worst = rating.get("bestRating"), rating.get("worstRating")
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in (value, best, worst)):
        return ["reviewRating: ratingValue, bestRating and worstRating must be numbers"]
    if not worst <= value <= best:
        return [f"reviewRating: ratingValue {value} is outside {worst}..{best}"]
    return []


def _claim_problems(claim: Any) -> list[str]:
    if not isinstance(claim, dict) or claim.get("@type") != "Claim":
        return ["itemReviewed must be a Claim"]
    problems = _named_problems("itemReviewed.author", claim.get("author"), ("Person", "Organization"))
    if "datePublished" in claim and not _iso_date(claim["datePublished"]):
        problems.append("itemReviewed.datePublished must be an ISO 8601 date")
    works = claim.get("appearance", [])
    if "firstAppearance" in claim:
        works = [*works, claim["firstAppearance"]]
    for work in works:
        if not isinstance(work, dict) or work.get("@type") != "CreativeWork":
            problems.append("itemReviewed.appearance entries must be CreativeWork")
        elif "url" in work and not _web_url(work["url"]):
            problems.append(f"appearance url {work['url']!r} is not an absolute http(s) URL")
        else:
            problems += _named_problems("appearance.publisher", work.get("publisher"), ("Organization",))
    return problems


def _named_problems(where: str, thing: Any, types: tuple[str, ...], *, required: bool = False) -> list[str]:
    if thing is None:
        return [f"{where} is required"] if required else []
    if not isinstance(thing, dict) or thing.get("@type") not in types or not _text(thing.get("name")):
        return [f"{where} must be a {' or '.join(types)} with a name"]
    return []


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _web_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        (date.fromisoformat if len(value) == 10 else datetime.fromisoformat)(value)
    except ValueError:
        return False
    return True


# -- files -----------------------------------------------------------------------------------------------------


def json_for_script(data: Any) -> str:
    """JSON that cannot end or comment out the <script> element it is embedded in."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)


def claimreview_html(reviews: list[dict[str, Any]], organization: str) -> str:
    """A page a publisher can serve or copy from: the JSON-LD blocks plus a readable, escaped list."""
    scripts = "\n".join(f'<script type="application/ld+json">\n{json_for_script(r)}\n</script>' for r in reviews)
    items = "\n".join(
        f"<li><strong>{html.escape(r['reviewRating']['alternateName'])}</strong>: "
        f'{html.escape(r["claimReviewed"])} <a href="{html.escape(r["url"])}">review</a></li>'
        for r in reviews
    )
    title = html.escape(f"Fact checks by {organization}")
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f"{scripts}\n</head>\n<body>\n<h1>{title}</h1>\n<ul>\n{items}\n</ul>\n</body>\n</html>\n"
    )


def _refusal(problem: str, urls: list[str], shown: int = 3) -> str:
    """One line per distinct problem: a bad setting fails every review the same way, and saying so once per
    review buries the message."""
    if len(urls) == 1:
        return f"{urls[0]}: {problem}"
    more = f" and {len(urls) - shown} more" if len(urls) > shown else ""
    return f"{problem} ({len(urls)} reviews left out: {', '.join(urls[:shown])}{more})"


def export_claimreview(
    store: Store, directory: Path, settings: Settings, *, as_html: bool = False, stamp: str | None = None
) -> ClaimReviewReport:
    """Write ``claimreview-<timestamp>.json`` (a JSON list) or ``.html``; invalid reviews are reported, not written."""
    report = ClaimReviewReport(timestamped_path(directory, "claimreview", ".html" if as_html else ".json", stamp))
    refused: dict[str, list[str]] = {}
    for review in build_claimreviews(store, settings):
        problems = claimreview_problems(review)
        if problems:
            refused.setdefault("; ".join(problems), []).append(str(review.get("url")))
        else:
            report.reviews.append(review)
    report.problems = [_refusal(problem, urls) for problem, urls in refused.items()]
    content = (
        claimreview_html(report.reviews, settings.organization or "")
        if as_html
        else json.dumps(report.reviews, ensure_ascii=False, indent=2) + "\n"
    )
    with atomic_write(report.path) as handle:
        handle.write(content)
    return report
