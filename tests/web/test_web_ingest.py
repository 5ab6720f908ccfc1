"""Ingest from the web, served by a local server: the article stored, the page archived, every failure one line."""

from __future__ import annotations

import threading
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import listed
from tests.web.server import LocalWeb, closed_port, fixture_page
from tests.web.test_html import NEWS_BOILERPLATE, NEWS_PARAGRAPHS
from workbench import __version__
from workbench.services.archive import archived_page, capture_of, resolve_article
from workbench.services.fetch import FetchSettings, WebAddress, addresses_from_list
from workbench.services.ingest import ingest_paths
from workbench.services.review import ReviewService
from workbench.store.repository import Store


def test_news_page_is_stored_without_boilerplate_and_its_claims_and_quotes_are_found(
    store: Store, web: LocalWeb, limits: FetchSettings
) -> None:
    url = web.page("/world/iran-venezuela?utm_source=feed", fixture_page("news.html"))
    report = ingest_paths(store, [url], workers=1, fetch=limits)
    assert (report.ingested, report.rejected, report.warnings) == (1, [], [])
    article = store.get_article(report.article_ids[0])
    assert article is not None
    assert article.text.split("\n\n") == NEWS_PARAGRAPHS
    assert [phrase for phrase in NEWS_BOILERPLATE if phrase in article.text] == []
    assert article.source == web.url("/world/iran-venezuela")  # tracking parameters are not part of the identity
    assert (article.outlet, article.published, article.title, article.author) == (
        "Caribbean Ledger",
        "2022-06-11",
        "Iran and Venezuela sign 20-year cooperation plan",
        "Laura Mendez",
    )
    assert article.url == "https://www.caribbean-ledger.example/world/2022/06/11/iran-venezuela-plan"
    # every claim of the article (the headline's included), none from the comments ("$50 billion", "300%")
    claims = sorted((c["mention"], c["kind"]) for c in listed(store, "claims"))
    assert claims == sorted(
        [
            ("20-year", "duration"),
            ("20-year", "duration"),
            ("$600 million", "money"),
            ("2021", "year"),
            ("$3 billion", "money"),
            ("$10 billion", "money"),
            ("five years", "duration"),
            ("140,000 barrels a day", "quantity"),
        ]
    )
    quotes = {(q["text"], q["speaker"]) for q in listed(store, "quotes")}
    assert quotes == {
        ("Iran has shown that it will not bow to pressure from the United States,", "Ebrahim Raisi"),
        ("We will be invincible together,", "Nicolas Maduro"),
    }
    assert web.requests[0][1]["User-Agent"].startswith(f"workbench/{__version__} (")


def test_the_page_is_archived_with_where_and_when_it_was_captured(
    store: Store, web: LocalWeb, limits: FetchSettings
) -> None:
    web.redirect("/short/7", "/world/iran-venezuela", status=301)
    web.page("/world/iran-venezuela", fixture_page("news.html"), headers={"ETag": '"v1"'})
    report = ingest_paths(store, [web.url("/short/7")], workers=1, fetch=limits)
    article_id = report.article_ids[0]
    info = capture_of(store, article_id)
    assert info is not None
    assert (info["origin"], info["requested_url"], info["final_url"], info["http_status"]) == (
        "fetch",
        web.url("/short/7"),
        web.url("/world/iran-venezuela"),
        200,
    )
    assert info["content_type"] == "text/html; charset=utf-8" and info["charset"] == "utf-8"
    assert info["headers"]["etag"] == '"v1"' and "date" in info["headers"]
    assert info["fetched_at"][:4].isdigit() and info["fetched_at"].endswith("+00:00")
    page = archived_page(store, article_id)
    assert page.body == fixture_page("news.html")
    raw = store.db.execute("SELECT body, size, compression FROM pages").fetchone()
    assert zlib.decompress(raw[0]) == page.body and raw[1] == len(page.body) and raw[2] == "zlib"
    assert len(raw[0]) < len(page.body)
    # the article is found by the address given, the address it ended at, and its id
    assert (
        resolve_article(store, web.url("/short/7"))
        == resolve_article(store, web.url("/world/iran-venezuela"))
        == resolve_article(store, str(article_id))
        == article_id
    )


def test_every_failure_is_one_line_and_the_rest_of_the_batch_is_stored(
    store: Store, web: LocalWeb, limits: FetchSettings
) -> None:
    good = web.page("/good", fixture_page("news.html"))
    big = b"<html><body>" + b"<p>Padding paragraph of a very long page.</p>" * 8000 + b"</body></html>"
    refused = f"http://127.0.0.1:{closed_port()}/story"
    urls = {
        "dns": "http://no-such-outlet.invalid/story",
        "refused": refused,
        "timeout": web.page("/slow", fixture_page("news.html"), delay=20.0),
        "404": web.page("/gone", b"<html><body>Not found</body></html>", status=404),
        "500": web.page("/broken", b"<html><body>Oops</body></html>", status=500),
        "loop": web.redirect("/loop-a", "/loop-b"),
        "pdf": web.page("/report.pdf", b"%PDF-1.7\n" + bytes(500), content_type="application/pdf"),
        "binary": web.page("/disguised", b"\x89PNG\r\n\x1a\n" + bytes(500)),
        "large": web.page("/large", big),
        "large-streamed": web.page("/large-streamed", big, chunked=True),
        "empty-article": web.page("/app", fixture_page("no-text.html")),
        "charset": web.page("/cp1252", fixture_page("cp1252-declared-utf8.html"), content_type="text/html"),
    }
    web.redirect("/loop-b", "/loop-a")
    # A timeout well above what a local answer takes on a loaded machine: at 1 s, the charset case timed out at load 12.
    settings = FetchSettings(timeout=5.0, connect_timeout=5.0, max_bytes=limits.max_bytes, max_redirects=5)
    report = ingest_paths(store, [urls["dns"], good, *list(urls.values())[1:]], workers=1, fetch=settings)
    assert report.ingested == 1 and [a["source"] for a in store.list_articles()] == [good]
    reasons = {p.label: p.reason for p in report.rejected}
    assert len(report.rejected) == len(urls) == len(reasons)
    by_case = {case: reasons[url] for case, url in urls.items()}
    offset = fixture_page("cp1252-declared-utf8.html").index(b"\xb7")
    assert by_case == {
        "dns": "cannot resolve the host name 'no-such-outlet.invalid' (DNS failure: "
        f"{by_case['dns'].split('DNS failure: ')[1].split(')')[0]}); check the address",
        "refused": "connection refused by 127.0.0.1 (nothing listens on that port)",
        "timeout": "timed out after 5 s waiting for the page (the [fetch] timeout)",
        "404": "HTTP 404 Not Found: no such page",
        "500": "HTTP 500 Internal Server Error: a server error; try again later",
        "loop": f"redirect loop: {urls['loop']} → {web.url('/loop-b')} → {urls['loop']}",
        "pdf": "not an HTML page (the server says application/pdf); only web pages can be ingested",
        "binary": "binary content (PNG image), not an HTML page",
        "large": f"page too large ({len(big) / 1024:.3g} KiB, over the 256 KiB limit of [fetch] max_mb); nothing "
        "was downloaded",
        "large-streamed": "page too large (over the 256 KiB limit of [fetch] max_mb); the download was stopped",
        "empty-article": "no article text found in the page (it may need JavaScript, sit behind a paywall or a "
        "consent wall, or not be an article); nothing was stored",
        "charset": f"the page declares utf-8, but it is not valid utf-8 at byte {offset} (0xB7); if you know the "
        "page's real encoding, pass it with --encoding (for example --encoding cp1252)",
    }
    assert by_case["dns"].split("DNS failure: ")[1].split(")")[0]  # the resolver's own words are kept
    # nothing half-written: one article, one archived page, nothing from the rejected addresses
    assert store.db.execute("SELECT count(*) FROM pages").fetchone() == (1,)
    assert store.counts()["versions"] == 1


def test_a_changed_page_becomes_a_new_version_with_reviews_reanchored(
    store: Store, web: LocalWeb, limits: FetchSettings
) -> None:
    url = web.page("/story", fixture_page("news.html"))
    first = ingest_paths(store, [url], workers=1, fetch=limits)
    claim = next(c for c in listed(store, "claims") if c["mention"] == "$10 billion")
    quote = next(q for q in listed(store, "quotes") if q["speaker"] == "Nicolas Maduro")
    service = ReviewService(store, "ana")
    service.set_verdict(f"claim:{claim['id']}", "mostly_true", "Officials' own projection")
    service.set_verdict(f"quote:{quote['id']}", "true", "On video")

    unchanged = ingest_paths(store, [url], workers=1, fetch=limits)
    assert (unchanged.ingested, unchanged.unchanged, unchanged.new_versions) == (0, 1, 0)
    assert store.db.execute("SELECT count(*) FROM pages").fetchone() == (1,)

    corrected = fixture_page("news.html").replace(b"more than $3 billion this", b"more than $2.8 billion this")
    web.page("/story", corrected)
    second = ingest_paths(store, [url], workers=1, fetch=limits)
    assert (second.ingested, second.new_versions, second.rejected) == (0, 1, [])
    old_id, new_id = first.article_ids[0], second.article_ids[0]
    assert store.db.execute("SELECT id, version, superseded_by FROM articles ORDER BY id").fetchall() == [
        (old_id, 1, new_id),
        (new_id, 2, None),
    ]
    # each version keeps the page it was extracted from
    assert archived_page(store, old_id).body == fixture_page("news.html")
    assert archived_page(store, new_id).body == corrected
    assert resolve_article(store, url) == new_id
    # the verdicts followed their claim and quote to the new version
    new_claim = next(c for c in listed(store, "claims") if c["mention"] == "$10 billion")
    new_quote = next(q for q in listed(store, "quotes") if q["speaker"] == "Nicolas Maduro")
    assert new_claim["id"] != claim["id"] and new_quote["id"] != quote["id"]
    assert service.review(f"claim:{new_claim['id']}").verdict == "mostly_true"
    assert service.review(f"quote:{new_quote['id']}").verdict == "true"
    assert "$2.8 billion" in {c["mention"] for c in listed(store, "claims")}


def test_outlets_come_from_the_config_by_host_else_the_site_name_else_the_host(
    store: Store, web: LocalWeb, limits: FetchSettings
) -> None:
    plain = (
        b"<html><body><article>"
        + b"<p>The ministry said exports rose 12 percent to $4 billion in 2023.</p>" * 5
        + b"</article></body></html>"
    )
    named = web.page("/named", fixture_page("news.html"))
    anonymous = web.page("/anonymous", plain)
    ingest_paths(store, [named, anonymous], workers=1, fetch=limits)
    assert {a["source"]: a["outlet"] for a in store.list_articles()} == {
        named: "Caribbean Ledger",
        anonymous: "127.0.0.1",
    }
    web.page("/named", fixture_page("news.html").replace(b"defence and", b"defense and"))
    ingest_paths(store, [named], workers=1, fetch=limits, outlets={"127.0.0.1": "The Local Ledger"})
    assert {a["source"]: a["outlet"] for a in store.list_articles()}[named] == "The Local Ledger"


def test_url_lists_skip_comments_and_report_bad_lines() -> None:
    lines = [
        "# links for Monday\n",
        "\n",
        "https://a.example/one\n",
        "ftp://b.example/two\n",
        "www.c.example/x\n",
        "  https://d.example/four  \n",
    ]
    items = list(addresses_from_list("links.txt", lines))
    assert [(type(i).__name__, i.label) for i in items] == [
        ("WebAddress", "links.txt line 3 (https://a.example/one)"),
        ("Problem", "links.txt line 4"),
        ("Problem", "links.txt line 5"),
        ("WebAddress", "links.txt line 6 (https://d.example/four)"),
    ]
    assert str(items[1]) == (
        "links.txt line 4: not a web address (only http:// and https:// pages can be fetched): 'ftp://b.example/two'"
    )
    assert isinstance(items[3], WebAddress) and items[3].url == "https://d.example/four"


def test_concurrent_requests_to_one_host_stay_within_the_per_host_limit(store: Store, web: LocalWeb) -> None:
    active, peak, lock = [0], [0], threading.Lock()
    original = web.RequestHandlerClass.do_GET

    def counting(handler) -> None:  # type: ignore[no-untyped-def]
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            time.sleep(0.2)
            original(handler)
        finally:
            with lock:
                active[0] -= 1

    web.RequestHandlerClass.do_GET = counting  # type: ignore[method-assign]
    try:
        urls = [
            web.page(f"/p{i}", fixture_page("news.html").replace(b"Saturday", f"day {i}".encode())) for i in range(6)
        ]
        report = ingest_paths(store, urls, workers=1, fetch=FetchSettings(per_host=2, workers=8))
    finally:
        web.RequestHandlerClass.do_GET = original  # type: ignore[method-assign]
    assert report.ingested == 6
    assert 1 <= peak[0] <= 2
    # results keep the order the addresses were given in
    assert [a["source"] for a in sorted(store.list_articles(), key=lambda a: a["id"])] == urls


def test_the_same_address_twice_is_fetched_once(store: Store, web: LocalWeb, limits: FetchSettings) -> None:
    url = web.page("/once", fixture_page("news.html"))
    report = ingest_paths(store, [url], urls=[WebAddress(url, "list line 1")], workers=1, fetch=limits)
    assert report.ingested == 1 and [path for path, _ in web.requests] == ["/once"]


def test_saved_pages_in_a_folder_are_ingested_and_archived(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "ledger.html").write_bytes(fixture_page("news.html"))
    (folder / "wire.htm").write_bytes(fixture_page("wire.html"))
    (folder / "app.html").write_bytes(fixture_page("no-text.html"))
    report = ingest_paths(store, [folder], workers=1)
    assert report.ingested == 2
    assert [(p.label.rsplit("/", 1)[-1], p.reason.split(" (")[0]) for p in report.rejected] == [
        ("app.html", "no article text found in the page")
    ]
    ids = {a["source"]: a["id"] for a in store.list_articles()}
    info = capture_of(store, ids["ledger.html"])
    assert info is not None and info["origin"] == "file" and info["http_status"] is None
    assert info["final_url"] == "https://www.caribbean-ledger.example/world/2022/06/11/iran-venezuela-plan"
    assert archived_page(store, ids["wire.htm"]).body == fixture_page("wire.html")


def test_a_surprise_on_one_page_is_one_line_and_the_batch_goes_on(
    store: Store, web: LocalWeb, limits: FetchSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.services.fetch as fetch

    original = fetch.article_from_page

    def flaky(fetched: fetch.Fetched, label: str, encoding: str | None = None) -> object:
        if fetched.final_url.endswith("/bad"):
            raise RuntimeError("lxml fell over")
        return original(fetched, label, encoding)

    monkeypatch.setattr(fetch, "article_from_page", flaky)
    bad, good = web.page("/bad", fixture_page("news.html")), web.page("/good", fixture_page("wire.html"))
    report = ingest_paths(store, [bad, good], workers=1, fetch=limits)
    assert report.ingested == 1 and [str(p) for p in report.rejected] == [
        f"{bad}: internal error while fetching or extracting (RuntimeError: lxml fell over); nothing was stored, "
        "please report this"
    ]
    web.redirect("/dangling", "", status=302)
    web.routes["/dangling"].headers.clear()
    report = ingest_paths(store, [web.url("/dangling")], workers=1, fetch=limits)
    assert [p.reason for p in report.rejected] == ["HTTP 302 Found: a redirect without a Location header"]
