"""ClaimReview JSON-LD: valid per Google's required fields, right units, appearances, inert inside HTML."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from tests.export.conftest import Sample, add_article, quote
from workbench.cli import main
from workbench.config import Settings
from workbench.export.claimreview import build_claimreviews, claimreview_problems, export_claimreview
from workbench.services.clustering import cluster_pending
from workbench.services.review import ReviewService
from workbench.store.exports import iter_items
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

SETTINGS = Settings(
    organization="Example Fact Check",
    organization_url="https://factcheck.example",
    claimreview_base_url="https://factcheck.example/reviews",
)
ATTACK = "</script><script>alert(1)</script>"


class Scripts(HTMLParser):
    """The contents of every <script> element, as a browser would split them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, str]] = []
        self._type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._type = dict(attrs).get("type") or ""
            self.scripts.append((self._type, ""))

    def handle_data(self, data: str) -> None:
        if self._type is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._type = None


def reviewed_sample(sample: Sample) -> dict[str, dict]:
    rows = {(r["source"], r["mention"]): r for r in iter_items(sample.store, "claims")}
    service = ReviewService(sample.store, "ana")
    billions = rows[("000_trade.txt", "more than $3 billion")]
    service.set_verdict(f"claim-cluster:{billions['cluster_id']}", "mostly_true", "Customs data for 2022.")
    service.set_verdict(f"claim:{rows[('000_trade.txt', '$600 million')]['id']}", "unverifiable")
    service.set_verdict(f"quote-cluster:{quote_cluster_of(sample)}", "true")
    return rows


def quote_cluster_of(sample: Sample) -> int:
    return int(next(iter_items(sample.store, "quotes"))["cluster_id"])


def test_reviews_of_the_sample(sample: Sample) -> None:
    rows = reviewed_sample(sample)
    reviews = {r["url"]: r for r in build_claimreviews(sample.store, SETTINGS)}
    cluster = rows[("000_trade.txt", "more than $3 billion")]["cluster_id"]
    single = rows[("000_trade.txt", "$600 million")]["id"]
    assert set(reviews) == {
        f"https://factcheck.example/reviews/claim-cluster-{cluster}",
        f"https://factcheck.example/reviews/claim-{single}",
        f"https://factcheck.example/reviews/quote-cluster-{quote_cluster_of(sample)}",
    }
    for review in reviews.values():
        assert claimreview_problems(review) == [], review
    billions = reviews[f"https://factcheck.example/reviews/claim-cluster-{cluster}"]
    assert billions["claimReviewed"].startswith("Raisi said trade between the two countries grew")
    assert billions["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "mostly_true",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert billions["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example",
    }
    assert billions["reviewBody"] == "Customs data for 2022."
    claim = billions["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Raisi"}
    assert [(a["publisher"]["name"], a["datePublished"], a.get("url")) for a in claim["appearance"]] == [
        ("Breitbart", "2023-06-12", "https://breitbart.example/repost"),
        ("Mehr News Agency", "2023-06-13", "https://mehrnews.example/trade"),
    ]
    assert claim["firstAppearance"] == claim["appearance"][0] and claim["datePublished"] == "2023-06-12"
    assert claim["appearance"][1]["headline"] == "Trade grows"
    unverifiable = reviews[f"https://factcheck.example/reviews/claim-{single}"]
    assert "ratingValue" not in unverifiable["reviewRating"]
    assert unverifiable["reviewRating"]["alternateName"] == "unverifiable"


def test_a_member_with_its_own_verdict_gets_its_own_review(sample: Sample) -> None:
    rows = reviewed_sample(sample)
    repost = rows[("001_repost.txt", "more than $3 billion")]
    ReviewService(sample.store, "bo").set_verdict(f"claim:{repost['id']}", "false", "Dated 2021 in the repost.")
    reviews = {r["url"].rsplit("/", 1)[1]: r for r in build_claimreviews(sample.store, SETTINGS)}
    own = reviews[f"claim-{repost['id']}"]
    assert own["reviewRating"]["ratingValue"] == 1
    assert [a["publisher"]["name"] for a in own["itemReviewed"]["appearance"]] == ["Breitbart"]
    cluster = reviews[f"claim-cluster-{repost['cluster_id']}"]
    assert [a["publisher"]["name"] for a in cluster["itemReviewed"]["appearance"]] == ["Mehr News Agency"]


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        ({"claimReviewed": " "}, "claimReviewed is required"),
        ({"url": "/reviews/1"}, "url is required"),
        ({"author": None}, "author is required"),
        ({"author": {"@type": "Organization"}}, "author must be a Organization or Person with a name"),
        ({"reviewRating": {"@type": "Rating", "bestRating": 5, "worstRating": 1}}, "alternateName or ratingValue"),
        ({"reviewRating": {"@type": "Rating", "ratingValue": 7, "bestRating": 5, "worstRating": 1}}, "outside 1..5"),
        ({"datePublished": "June 2023"}, "datePublished must be an ISO 8601 date"),
        (
            {"itemReviewed": {"@type": "Claim", "appearance": [{"@type": "CreativeWork", "url": "ftp://x"}]}},
            "not an absolute http(s) URL",
        ),
    ],
)
def test_the_validator_catches_missing_and_wrong_fields(broken: dict, complaint: str) -> None:
    valid = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Trade grew to $3bn.",
        "url": "https://factcheck.example/reviews/claim-1",
        "author": {"@type": "Organization", "name": "Desk"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "true",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
        },
    }
    assert claimreview_problems(valid) == []
    problems = claimreview_problems({**valid, **broken})
    assert any(complaint in p for p in problems), problems


def test_html_output_keeps_article_text_inert(store: Store, tmp_path: Path) -> None:
    text = f"The spokesman said: \u201c{ATTACK} & <b>bold</b>\u201d and left."
    add_article(
        store,
        "attack.txt",
        text,
        [],
        [quote(text, f"{ATTACK} & <b>bold</b>", f"Mallory {ATTACK}")],
        outlet=f"Evil {ATTACK}",
        url="https://evil.example/a",
    )
    cluster_pending(store)
    (row,) = iter_items(store, "quotes")
    ReviewService(store, "ana").set_verdict(f"quote:{row['id']}", "false", f"Rationale {ATTACK}")
    report = export_claimreview(store, tmp_path, SETTINGS, as_html=True)
    assert report.ok and report.path.suffix == ".html"
    page = report.path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "</script><script>" not in page
    parser = Scripts()
    parser.feed(page)
    assert [kind for kind, _ in parser.scripts] == ["application/ld+json"], "no script element was injected"
    (review,) = [json.loads(body) for _, body in parser.scripts]
    assert review["claimReviewed"] == f"{ATTACK} & <b>bold</b>"
    assert review["itemReviewed"]["author"]["name"] == f"Mallory {ATTACK}"
    assert review["reviewBody"] == f"Rationale {ATTACK}"
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page, "the readable list escapes it too"


def test_seeds_claimreview_validates(runner: CliRunner, tmp_path: Path, default_db: Path) -> None:
    """On the real seed articles: the largest claim and quote clusters and a single claim, reviewed."""
    assert runner.invoke(main, ["ingest", str(SEEDS)]).exit_code == 0
    with Store.open(default_db) as store:
        claims = list(iter_items(store, "claims"))
        quotes = list(iter_items(store, "quotes"))
        big_claim = max(claims, key=lambda r: (r["cluster_size"], -r["id"]))
        big_quote = max(quotes, key=lambda r: (r["cluster_size"], -r["id"]))
        single = next(r for r in claims if r["cluster_id"] != big_claim["cluster_id"])
        service = ReviewService(store, "ana")
        service.set_verdict(f"claim-cluster:{big_claim['cluster_id']}", "half_true", "Two of three say so.")
        service.add_source(f"claim-cluster:{big_claim['cluster_id']}", "https://www.presidency.example/news/1")
        service.set_verdict(f"quote-cluster:{big_quote['cluster_id']}", "true")
        service.set_verdict(f"claim:{single['id']}", "unverifiable")
    result = runner.invoke(
        main,
        [
            "export",
            "claimreview",
            "--out",
            "cr",
            "--org",
            "Example Fact Check",
            "--base-url",
            "https://factcheck.example/reviews/",
        ],
    )
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "cr").iterdir()
    reviews = json.loads(path.read_text(encoding="utf-8"))
    assert len(reviews) == 3
    for review in reviews:
        assert claimreview_problems(review) == []
    cluster_review = next(r for r in reviews if r["url"].endswith(f"claim-cluster-{big_claim['cluster_id']}"))
    appearance = cluster_review["itemReviewed"]["appearance"]
    carrying = {m["article_id"]: m for m in claims if m["cluster_id"] == big_claim["cluster_id"]}
    assert len(appearance) == len(carrying)
    assert {a["publisher"]["name"] for a in appearance} == {m["outlet"] for m in carrying.values()}
    assert cluster_review["itemReviewed"]["firstAppearance"]["datePublished"] == min(
        m["published"] for m in carrying.values()
    )
    assert cluster_review["reviewRating"]["ratingValue"] == 3


def test_the_readme_sample_validates() -> None:
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### ClaimReview sample", 1)[1]
    sample = json.loads(section.split("```json", 1)[1].split("```", 1)[0])
    assert claimreview_problems(sample) == []
    assert sample["itemReviewed"]["firstAppearance"] == sample["itemReviewed"]["appearance"][0]


def test_a_problem_shared_by_every_review_is_reported_once(sample: Sample, tmp_path: Path) -> None:
    reviewed_sample(sample)
    broken = Settings(organization="Desk", claimreview_base_url="ftp://factcheck.example/reviews")
    report = export_claimreview(sample.store, tmp_path, broken)
    assert report.reviews == []
    assert len(report.problems) == 1, report.problems
    problem = report.problems[0]
    assert problem.startswith(
        "url is required: the absolute http(s) address of the review (3 reviews left out: ftp://factcheck.example/"
    ), problem


def test_without_a_publisher_nothing_is_written(runner: CliRunner, tmp_path: Path, default_db: Path) -> None:
    """No placeholder organization or factcheck.example address may ever be published."""
    assert runner.invoke(main, ["ingest", str(SEEDS)]).exit_code == 0
    with Store.open(default_db) as store:
        claim = next(iter(iter_items(store, "claims")))
        ReviewService(store, "ana").set_verdict(f"claim:{claim['id']}", "true")
    result = runner.invoke(main, ["export", "claimreview", "--out", "cr"])
    assert result.exit_code == 2
    assert "[claimreview] organization and [claimreview] base_url" in result.output
    assert "--org NAME and --base-url URL" in result.output
    assert not (tmp_path / "cr").exists()
    half = runner.invoke(main, ["export", "claimreview", "--out", "cr", "--org", "Desk"])
    assert half.exit_code == 2 and "set [claimreview] base_url in" in half.output and "--org NAME" not in half.output
    (tmp_path / "workbench.toml").write_text(
        '[claimreview]\norganization = "Desk"\nbase_url = "https://desk.example/checks/"\n', encoding="utf-8"
    )
    configured = runner.invoke(main, ["export", "claimreview", "--out", "cr"])
    assert configured.exit_code == 0, configured.output
    (review,) = json.loads(next((tmp_path / "cr").iterdir()).read_text(encoding="utf-8"))
    assert review["author"]["name"] == "Desk"
    assert review["url"] == f"https://desk.example/checks/claim-{claim['id']}"


def test_the_readme_sample_is_what_the_seeds_produce(store: Store) -> None:
    """The sample's claim cluster id, claim text and appearances come from the seeds as they are ingested now."""
    from workbench.services.ingest import ingest_paths

    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    sample = json.loads(readme.split("### ClaimReview sample", 1)[1].split("```json", 1)[1].split("```", 1)[0])
    assert ingest_paths(store, [SEEDS], workers=1).ok
    plan = next(
        r
        for r in iter_items(store, "claims")
        if r["source"].startswith("003_") and "20-year cooperation plan" in r["sentence"]
    )
    ReviewService(store, "ana").set_verdict(f"claim-cluster:{plan['cluster_id']}", "true", sample["reviewBody"])
    settings = Settings(
        organization=sample["author"]["name"],
        organization_url=sample["author"]["url"],
        claimreview_base_url=sample["url"].rsplit("/", 1)[0] + "/",
    )
    (review,) = build_claimreviews(store, settings)
    assert review["url"] == sample["url"]
    assert {k: v for k, v in review.items() if k != "datePublished"} == {
        k: v for k, v in sample.items() if k != "datePublished"
    }
