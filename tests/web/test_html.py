"""Pages to article text: only the article's main text, its metadata, decoding that refuses wrong charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_bytes
from tests.web.server import fixture_page
from workbench.pipeline.html import (
    decode_page,
    extract_page,
    mapped_outlet,
    read_page,
    read_saved_page,
    saved_from,
    source_of_url,
)
from workbench.pipeline.reader import InputRejected, ManifestCache, read_article_file

NEWS_PARAGRAPHS = [
    "Iran and Venezuela sign 20-year cooperation plan",
    "TEHRAN - Venezuelan President Nicolas Maduro and Iranian President Ebrahim Raisi signed a 20-year cooperation "
    "plan in Tehran on Saturday, covering oil, petrochemicals, defence and agriculture.",
    "Raisi said trade between the two countries grew from $600 million in 2021 to more than $3 billion this year, "
    "and officials expect it to reach $10 billion within five years.",
    "\u201cIran has shown that it will not bow to pressure from the United States,\u201d Raisi told reporters after "
    "the ceremony.",
    "Maduro, on his second visit to Tehran, said the two countries would open a direct flight between Caracas and "
    "Tehran in July. \u201cWe will be invincible together,\u201d Maduro said.",
    "The agreement follows the repair of a Venezuelan refinery by Iranian engineers, which restored about 140,000 "
    "barrels a day of capacity, according to the state oil company.",
]
# Text that sits on the news page outside the article: navigation, banners, related links, sidebar, comments, footer.
NEWS_BOILERPLATE = [
    "cookies",
    "Accept all",
    "Markets: Oil up 4%",
    "Subscribe for $1",
    "Related stories",
    "Oil exports fall 12%",
    "Share this article",
    "Most read",
    "Stocks slide 2.5%",
    "40,000 homes",
    "morning briefing",
    "Comments (3)",
    "PatriotJoe1776",
    "$50 billion",
    "Follow the money",
    "300%",
    "90% of people",
    "All rights reserved",
    "Privacy policy",
    "1200 Ocean Drive",
    "1-800-555-0199",
]
WIRE_BOILERPLATE = [
    "Breaking: markets closed",
    "31°C",
    "Log in",
    "Reader comments",
    "8 hour blackouts",
    "10 times what it was",
    "Reproduction prohibited",
    "Avenida Urdaneta",
]


def test_news_page_keeps_only_the_article_text_with_its_metadata() -> None:
    page, charset = read_page(fixture_page("news.html"), url="https://www.caribbean-ledger.example/x")
    assert page.text.split("\n\n") == NEWS_PARAGRAPHS
    assert [phrase for phrase in NEWS_BOILERPLATE if phrase in page.text] == []
    assert (page.title, page.author, page.published, page.site_name, page.language) == (
        "Iran and Venezuela sign 20-year cooperation plan",
        "Laura Mendez",
        "2022-06-11",
        "Caribbean Ledger",
        "en",
    )
    assert page.url == "https://www.caribbean-ledger.example/world/2022/06/11/iran-venezuela-plan"
    assert charset == "utf-8" and page.warnings == []


def test_wire_page_without_json_ld_keeps_its_article_and_drops_its_comments() -> None:
    page, _ = read_page(fixture_page("wire.html"), url=None)
    assert [phrase for phrase in WIRE_BOILERPLATE if phrase in page.text] == []
    assert page.text.startswith("CARACAS — President Nicolas Maduro returned from Tehran on Sunday")
    assert '"We will be invincible together," Maduro said at the signing ceremony' in page.text
    assert page.text.endswith("questioned the claim that bilateral trade had passed $3 billion.")
    assert (page.site_name, page.published, page.language) == ("Andes Wire", "2022-06-12", "en")


def test_page_without_article_text_is_rejected() -> None:
    with pytest.raises(InputRejected, match=r"^no article text found in the page \(it may need JavaScript"):
        read_page(fixture_page("no-text.html"), url=None)


def test_binary_and_empty_bodies_are_not_pages() -> None:
    with pytest.raises(InputRejected, match=r"^binary content \(PNG image\), not an HTML page$"):
        read_page(b"\x89PNG\r\n\x1a\n" + bytes(200), url=None)
    with pytest.raises(InputRejected, match=r"^binary content \(NUL byte at byte 6\)"):
        read_page(b"<html>\x00\x00</html>", url=None)
    with pytest.raises(InputRejected) as empty:
        read_page(b"  \n", url=None)
    assert empty.value.severity == "skipped"


def test_a_page_declaring_utf8_in_cp1252_bytes_is_refused_at_the_first_bad_byte() -> None:
    data = fixture_page("cp1252-declared-utf8.html")
    offset = data.index(b"\xb7")  # the byline's middle dot, the first non-ASCII byte
    with pytest.raises(InputRejected) as refused:
        decode_page(data)
    assert refused.value.reason == (
        f"the page declares utf-8, but it is not valid utf-8 at byte {offset} (0xB7); if you know the page's real "
        "encoding, pass it with --encoding (for example --encoding cp1252)"
    )
    with pytest.raises(InputRejected, match=rf"^the HTTP header declares UTF-8, but .* at byte {offset} "):
        decode_page(data, header_charset="UTF-8")
    # told the real encoding, the same bytes read correctly
    decoded = decode_page(data, encoding="cp1252")
    assert "\u201cWe will be invincible together,\u201d" in decoded.text and decoded.charset == "cp1252"


def test_a_legacy_declaration_over_utf8_bytes_reads_utf8_with_a_warning() -> None:
    data = fixture_page("news.html").replace(b'<meta charset="utf-8">', b'<meta charset="iso-8859-1">')
    decoded = decode_page(data)
    assert "\u201cWe will be invincible together,\u201d" in decoded.text
    assert decoded.warnings == ["the page declares iso-8859-1, but its bytes are valid UTF-8; read as UTF-8"]


def test_undeclared_legacy_bytes_fall_back_to_windows_1252_with_a_warning() -> None:
    data = "<html><body><p>Caf\u00e9 \u201cquoted\u201d</p></body></html>".encode("cp1252")
    decoded = decode_page(data)
    assert decoded.text == "<html><body><p>Caf\u00e9 \u201cquoted\u201d</p></body></html>"
    assert decoded.warnings == ["no charset declared and not UTF-8; read as windows-1252 (the web's default)"]


def test_a_declared_legacy_charset_is_used_and_a_bom_wins() -> None:
    text = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
        "<body><p>\u041c\u0430\u0434\u0443\u0440\u043e</p></body></html>"
    )
    decoded = decode_page(text.encode("cp1251"))
    assert decoded.text == text and decoded.charset == "cp1251" and decoded.warnings == []
    assert decode_page(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", header_charset="iso-8859-1").text == "<p>caf\u00e9</p>"
    with pytest.raises(InputRejected, match="unknown encoding 'klingon'"):
        decode_page(b"<p>x</p>", encoding="klingon")


def test_dates_come_from_markup_not_from_the_text() -> None:
    html = (
        "<html><body><article><h1>Flight</h1><p>" + "The first flight between Caracas and Tehran left on "
        "12 March 2019, officials said, and the route has carried 30,000 passengers since then. "
        * 4
        + "</p></article></body></html>"
    )
    assert extract_page(html).published is None


def test_source_of_a_url_drops_fragments_tracking_and_default_ports() -> None:
    assert (
        source_of_url("HTTPS://WWW.Example.com:443/News/a?utm_source=tw&id=7&fbclid=x#comments")
        == "https://www.example.com/News/a?id=7"
    )
    assert source_of_url("http://example.com") == "http://example.com/"
    assert source_of_url("http://127.0.0.1:8080/a?b=1") == "http://127.0.0.1:8080/a?b=1"


def test_outlet_mapping_by_host_or_parent_domain() -> None:
    outlets = {"reuters.com": "Reuters", "uk.reuters.com": "Reuters UK"}
    assert mapped_outlet("www.reuters.com", outlets) == "Reuters"
    assert mapped_outlet("uk.reuters.com", outlets) == "Reuters UK"
    assert mapped_outlet("reuters.com.evil.example", outlets) is None
    assert mapped_outlet(None, outlets) is None


def test_saved_page_names_its_address_and_is_archived_as_read() -> None:
    data = b"<!-- saved from url=(0047)https://www.caribbean-ledger.example/world/x -->\n" + fixture_page(
        "wire.html"
    ).replace(b'<link rel="canonical" href="https://andes-wire.example/2022/06/12/maduro-tehran">', b"")
    assert saved_from(data) == "https://www.caribbean-ledger.example/world/x"
    page, capture = read_saved_page(data, None, "2026-01-02T03:04:05+00:00")
    assert capture.body == data and capture.origin == "file" and capture.status is None
    assert capture.final_url == "https://www.caribbean-ledger.example/world/x"
    assert (capture.host, capture.outlet) == ("www.caribbean-ledger.example", "Andes Wire")


def test_saved_page_file_is_read_like_an_article_and_a_manifest_overrides_it(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "ledger.html", fixture_page("news.html"))
    article = read_article_file(path, ManifestCache())
    assert article.source == "ledger.html" and article.text.split("\n\n") == NEWS_PARAGRAPHS
    assert (article.outlet, article.published, article.author) == ("Caribbean Ledger", "2022-06-11", "Laura Mendez")
    assert article.page is not None and article.page.body == fixture_page("news.html")
    write_bytes(
        tmp_path, "manifest.toml", b'["ledger.html"]\noutlet = "Ledger (print edition)"\npublished = 2022-06-10\n'
    )
    article = read_article_file(path, ManifestCache())
    assert (article.outlet, article.published, article.author) == (
        "Ledger (print edition)",
        "2022-06-10",
        "Laura Mendez",
    )


def test_title_is_the_stated_one_else_the_title_element_without_the_site_name() -> None:
    body = (
        "<p>"
        + "The ministry said exports rose 12 percent to $4 billion in 2023, the highest in a decade. " * 4
        + "</p>"
    )
    # no og:title and no <h1>: trafilatura alone would take the site's name, or the comment section's <h2>
    page = extract_page(
        "<html><head><title>Land mines are back. Why the U.S. wants them | Daily Planet</title>"
        "<meta property='og:site_name' content='Daily Planet'></head><body><div>"
        + body
        + "</div><h2>Comments (2)</h2></body></html>"
    )
    assert page.title == "Land mines are back. Why the U.S. wants them"
    page = extract_page(
        "<html><head><title>U.S. adds 146,000 jobs. Rate falls. - Ledger</title></head><body><div>"
        + body
        + "</div><h2>Comments (2)</h2></body></html>"
    )
    assert page.title == "U.S. adds 146,000 jobs. Rate falls."  # trafilatura alone: "Ledger"
    # a title the page states wins over the <title> element
    page = extract_page(
        "<html><head><title>SEO headline | Daily Planet</title><meta property='og:title' "
        "content='Exports hit a record'></head><body><div>" + body + "</div></body></html>"
    )
    assert page.title == "Exports hit a record"


def test_xhtml_with_an_xml_declaration_and_a_short_article() -> None:
    spanish = (
        "El ministerio dijo que las exportaciones subieron un 12 por ciento a 4.000 millones de d\u00f3lares en 2023. "
    )
    page, charset = read_page(
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="es">'
        b"<head><title>Exportaciones</title></head><body><div><p>"
        + (spanish * 4).strip().encode("latin-1")
        + b"</p></div></body></html>",
        url=None,
    )
    assert (charset, page.language, page.text) == ("cp1252", "es", (spanish * 4).strip())
    page, _ = read_page(
        b"<html><body><article><p>Officials said exports rose 12 percent.</p></article></body></html>", url=None
    )
    assert page.text == "Officials said exports rose 12 percent."
    assert page.warnings == [
        "only 39 characters of article text found (a teaser or a paywall?); check the archived "
        "page with `workbench page`"
    ]
