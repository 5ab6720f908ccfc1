"""Sources: URL validation with clear messages, and the reference comparison stored with the source."""

from __future__ import annotations

import json
import re

import pytest

from tests.services.review_helpers import ARTICLE_V1, add_article, claim_id
from workbench.services.review import ReviewService, ValidationError, validate_url
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://example.org/path?q=1#frag",
        "  https://stats.gov.example/report.pdf  ",
        "https://sub-domain.example.co.uk:8443/a%20b",
        "https://xn--bcher-kva.example/",
        "https://bücher.example/",
        "http://192.0.2.7/x",
        "http://[2001:db8::1]/x",
        "HTTPS://EXAMPLE.ORG/",
    ],
)
def test_good_urls_are_accepted(url: str) -> None:
    assert validate_url(url) == url.strip()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "the source URL is empty"),
        ("ftp://example.org/file", "only http and https source URLs are accepted, this has ftp:"),
        ("javascript:alert(1)", "only http and https"),
        ("example.org/page", "this has no scheme"),
        ("https://", "has no host"),
        ("https:///path", "has no host"),
        ("https://exa mple.org/", "contains a space at position 11; encode it as %20"),
        ("https://example.org/a b", "contains a space"),
        ("https://example.org/\x00", "control character U+0000 at position 20"),
        ("https://example.org/\u200b", "control character U+200B"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://example.org:99999/", "invalid port"),
        ("https://-bad-.example/", "invalid host '-bad-.example'"),
        ("https://exa_mple.org/", "invalid host"),
        ("https://a..b/", "invalid host"),
        ("https://" + "a" * 2050 + ".org", "at most 2048"),
    ],
)
def test_bad_urls_are_refused_with_the_reason(url: str, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        validate_url(url)


@pytest.fixture
def setup(store: Store) -> tuple[ReviewService, int]:
    return ReviewService(store, "ana"), add_article(store, ARTICLE_V1)


def test_reference_value_is_compared_and_stored(store: Store, setup: tuple[ReviewService, int]) -> None:
    service, article = setup
    claim = claim_id(store, article, "more than $3 billion")
    source = service.add_source(
        f"claim:{claim}",
        "https://stats.example/trade",
        title="Trade statistics",
        note="table 4",
        reference_value=3.2e9,
        reference_unit="USD",
    )
    assert source.comparison is not None
    assert (source.comparison["consistent"], source.comparison["claim_id"]) == (True, claim)
    assert source.comparison["percent_difference"] == pytest.approx(-6.25)
    stored = store.db.execute(
        "SELECT url, title, note, reference_value, reference_unit, comparison, reviewer FROM sources"
    ).fetchall()
    assert [(*row[:5], json.loads(row[5])["consistent"], row[6]) for row in stored] == [
        ("https://stats.example/trade", "Trade statistics", "table 4", 3.2e9, "USD", True, "ana")
    ]


def test_cluster_sources_compare_with_the_representative_claim(store: Store, setup: tuple[ReviewService, int]) -> None:
    service, article = setup
    claim = claim_id(store, article, "nearly 5%")
    source = service.add_source(f"claim-cluster:{claim}", "https://example.org/", reference_value=7, reference_unit="%")
    assert source.comparison is not None
    assert source.comparison["consistent"] is False
    assert source.comparison["explanation"] == "reference 7 is outside nearly 5 (up to 10% below)"


def test_unit_mismatch_is_stored_as_not_compared(store: Store, setup: tuple[ReviewService, int]) -> None:
    service, article = setup
    claim = claim_id(store, article, "$600 million")
    source = service.add_source(f"claim:{claim}", "https://example.org/", reference_value=5.5e8, reference_unit="EUR")
    assert source.comparison is not None
    assert (source.comparison["comparable"], source.comparison["consistent"]) == (False, None)
    assert "unit mismatch" in source.comparison["explanation"]


def test_reference_values_only_make_sense_for_claims(store: Store, setup: tuple[ReviewService, int]) -> None:
    service, article = setup
    quote_id = store.quotes_of_article(article)[0].id
    with pytest.raises(ValidationError, match=r"quote \d+ is not a claim"):
        service.add_source(f"quote:{quote_id}", "https://example.org/", reference_value=1)
    assert service.add_source(f"quote:{quote_id}", "https://example.org/").comparison is None
    claim = claim_id(store, article, "$600 million")
    with pytest.raises(ValidationError, match="a reference unit needs a reference value"):
        service.add_source(f"claim:{claim}", "https://example.org/", reference_unit="USD")
    with pytest.raises(ValidationError, match="not an ISO date"):
        service.add_source(f"claim:{claim}", "https://example.org/", retrieved_at="yesterday")
    with pytest.raises(ValidationError, match="only http and https"):
        service.add_source(f"claim:{claim}", "file:///etc/passwd")
    assert store.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
