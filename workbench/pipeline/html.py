"""Web pages to article text: decoding, main-text extraction and metadata. No network, no database.

trafilatura finds the article's main text (navigation, boilerplate and comment sections are left out) and its
metadata; htmldate, called by trafilatura, reads the publication date from the page's markup. Together they pull in
lxml and take about half a second to import, so they are imported on first use and the other commands stay fast.

A page is decoded here, not by trafilatura, so that a page whose bytes contradict its declared charset is refused
with the byte offset (as plain-text files are), instead of being stored as mojibake.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from workbench.pipeline.reader import BINARY_SIGNATURES, InputRejected

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
# Below this many characters of main text, the page is stored with a warning: a teaser, a paywall or a stub.
SHORT_TEXT_CHARS = 200
# Where the charset is looked for in the page itself (the HTML standard says 1,024 bytes; real pages overshoot).
PRESCAN_BYTES = 4096
# Labels that browsers read as windows-1252 (the HTML standard's encoding table), so do we.
_WINDOWS_1252_ALIASES = {"ascii", "latin-1", "iso8859-1"}
# Query parameters that only track who clicked where: the same article with and without them is one source.
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ocid|cmpid)$", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}\b")
# A <title> split at its last separator ("Headline | Site").
_TITLE_PARTS = re.compile(r"^(.+)\s+[|\-–—·:]{1,2}\s+(.+)$")
# How trafilatura makes up a site name from an address when the page gives none.
_ADDRESS_NAME = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


@dataclass(frozen=True)
class PageCapture:
    """The page exactly as it was received, archived with the article version it produced (provenance)."""

    body: bytes
    fetched_at: str  # UTC ISO 8601: when it was downloaded, or when a saved file was read
    origin: str = "fetch"  # "fetch" (downloaded) or "file" (a saved page)
    requested_url: str | None = None
    final_url: str | None = None  # after redirects; for a saved file, the address the page gives for itself
    status: int | None = None
    content_type: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    charset: str | None = None  # what the text was decoded with
    host: str | None = None  # for the [outlets] mapping of the config
    outlet: str | None = None  # the outlet the page itself gave (site name, else host)


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    warnings: list[str]


@dataclass(frozen=True)
class PageText:
    """What a page says about itself, besides its main text."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    url: str | None = None  # canonical URL (absolute http/https), if the page names one
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    def metadata(self) -> dict[str, Any]:
        """The fields in the shape a manifest entry has, so a manifest beside a saved page can override them."""
        values = {
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "url": self.url,
            "language": self.language,
        }
        return {name: value for name, value in values.items() if value}


def is_web_address(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


def check_web_address(url: str) -> str:
    """``url`` stripped, or ``InputRejected`` saying why it cannot be fetched."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputRejected("not a web address (only http:// and https:// pages can be fetched)")
    if not parts.hostname:
        raise InputRejected("web address without a host name")
    if any(ch.isspace() for ch in url):
        raise InputRejected("web address contains spaces (percent-encode them as %20)")
    return url


def source_of_url(url: str) -> str:
    """The article's identity for a fetched page: its final address without the fragment, the default port or
    tracking parameters, scheme and host in lower case. Re-fetching it later finds the same article."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != {"http": 80, "https": 443}.get(scheme):
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    return (urlsplit(url).hostname or "").lower() or None


def mapped_outlet(host: str | None, outlets: Mapping[str, str]) -> str | None:
    """The outlet the config names for ``host`` or for its nearest parent domain ("reuters.com" also covers
    "www.reuters.com"); None when it names none."""
    if not host or not outlets:
        return None
    labels = host.lower().rstrip(".").split(".")
    for i in range(len(labels)):
        name = outlets.get(".".join(labels[i:]))
        if name:
            return name
    return None


# -- decoding ------------------------------------------------------------------------------------------------------


def binary_kind(data: bytes) -> str | None:
    """What a binary body is ("PNG image", "NUL byte at byte 12"), or None for text."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            return what
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 has NUL bytes everywhere
    nul = data.find(b"\x00", 0, 65536)
    return f"NUL byte at byte {nul}" if nul >= 0 else None


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in itself: an XML declaration or a <meta> tag near the top."""
    head = data[:PRESCAN_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def decode_page(data: bytes, *, header_charset: str | None = None, encoding: str | None = None) -> Decoded:
    """The page's text, or ``InputRejected`` naming the byte that contradicts the declared charset.

    Order: ``encoding`` (the user's override), a byte order mark, the HTTP header's charset, the page's own
    declaration, else UTF-8 (windows-1252, the web's default, when the bytes are not UTF-8). A page that declares
    a legacy charset but is valid UTF-8 with non-ASCII characters is read as UTF-8, with a warning: a browser
    would show it as mojibake, and a fact-checker needs the real words.
    """
    if encoding is not None:
        codec = _codec(encoding)
        if codec is None:
            raise InputRejected(f"unknown encoding {encoding!r}")
        return Decoded(_strict(data, codec, f"not valid {encoding}"), codec, [])
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return Decoded(
                _strict(data, codec, f"byte order mark says {codec.removesuffix('-sig')}, but it is not valid"),
                codec.removesuffix("-sig"),
                [],
            )
    warnings: list[str] = []
    where, label = ("the HTTP header", header_charset) if header_charset else ("the page", declared_charset(data))
    codec = _codec(label) if label else None
    if label and codec is None:
        warnings.append(f"{where} declares an unknown charset {label!r}; read as UTF-8")
    if codec is None:
        try:
            return Decoded(data.decode("utf-8"), "utf-8", warnings)
        except UnicodeDecodeError:
            warnings.append("no charset declared and not UTF-8; read as windows-1252 (the web's default)")
            return Decoded(
                _strict(data, "cp1252", "no charset declared, not UTF-8 and not valid windows-1252"), "cp1252", warnings
            )
    if codec != "utf-8" and not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(f"{where} declares {label}, but its bytes are valid UTF-8; read as UTF-8")
            return Decoded(text, "utf-8", warnings)
    hint = (
        ""
        if codec != "utf-8"
        else "; if you know the page's real encoding, pass it with --encoding (for example --encoding cp1252)"
    )
    text = _strict(data, codec, f"{where} declares {label}, but it is not valid {label}", hint)
    return Decoded(text, codec, warnings)


def _strict(data: bytes, codec: str, problem: str, hint: str = "") -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputRejected(f"{problem} at byte {exc.start} (0x{data[exc.start]:02X}){hint}") from exc


# -- extraction ----------------------------------------------------------------------------------------------------


def extract_page(html: str, url: str | None = None, *, today: dt.date | None = None) -> PageText:
    """The main text and metadata of a decoded page, or ``InputRejected`` when it holds no article text.

    Paragraphs are separated by a blank line, so sentences never run across them and the article view shows them
    as paragraphs. Comment sections are never included. Dates come only from the page's markup and address
    (htmldate without its free-text search), because a date guessed from the body may be a date the article
    mentions, and the first appearance of a quote is decided by dates.
    """
    trafilatura = _trafilatura()
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputRejected("not an HTML page (nothing could be parsed)")
    language = _language(
        tree.get("lang") or tree.get("xml:lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    titles = _declared_titles(tree)  # read before trafilatura prunes the tree
    today = today or dt.datetime.now(dt.UTC).date()
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%d",
            "max_date": today.isoformat(),
        },
    )
    text = "\n\n".join(line.strip() for line in (document.text if document else "").splitlines() if line.strip())
    if not text:
        raise InputRejected(
            "no article text found in the page (it may need JavaScript, sit behind a paywall or a "
            "consent wall, or not be an article); nothing was stored"
        )
    warnings = []
    if len(text) < SHORT_TEXT_CHARS:
        warnings.append(
            f"only {len(text)} characters of article text found (a teaser or a paywall?); check the "
            "archived page with `workbench page`"
        )
    canonical = document.url if document.url and is_web_address(document.url) else None
    site_name = _clean(document.sitename)
    if site_name and site_name in {_address_name(address) for address in (document.url, url)}:
        site_name = None  # trafilatura's stand-in taken from the address, not a name the page gives itself
    return PageText(
        text=text,
        title=_title(_clean(document.title), titles, site_name),
        author=_clean(document.author),
        published=_clean(document.date),
        site_name=site_name,
        url=canonical,
        language=language,
        warnings=warnings,
    )


@dataclass(frozen=True)
class _Titles:
    declared: set[str]  # og:title, twitter:title and <h1> texts: titles the page states as such
    head: str | None  # the <title> element


def _declared_titles(tree: Any) -> _Titles:
    metas = tree.xpath(
        "//meta[@property='og:title' or @name='og:title' or @name='twitter:title' or "
        "@property='twitter:title']/@content"
    )
    headings = [element.text_content() for element in tree.iter("h1")]
    head = tree.xpath("//head/title")
    return _Titles(
        {t for t in (_clean(str(v)) for v in [*metas, *headings]) if t},
        _clean(head[0].text_content()) if head else None,
    )


def _title(found: str | None, titles: _Titles, site_name: str | None) -> str | None:
    """trafilatura's title when the page states it (og:title, <h1>); else the <title> element without the site's
    name after its last separator. trafilatura's own fallbacks may take the site's name, or the first <h2> of the
    page, which can be a comment section's heading."""
    if found in titles.declared or not titles.head:
        return found
    head = titles.head
    if site_name:
        for separator in (" | ", " - ", " – ", " — ", " · ", " :: "):
            if head.endswith(separator + site_name) and len(head) > len(separator + site_name):
                return head[: -len(separator + site_name)].strip()
    match = _TITLE_PARTS.match(head)
    if match and found in match.groups():
        return max(match.groups(), key=len)  # of "Title | Site" or "Site | Title", the title is the longer part
    return found if found and found in head and found != site_name else head


def _address_name(url: str | None) -> str | None:
    match = _ADDRESS_NAME.match(url or "")
    return match.group(1) if match else None


def saved_from(data: bytes) -> str | None:
    """The address a browser wrote into a saved page (``<!-- saved from url=(0042)https://... -->``)."""
    match = _SAVED_FROM.search(data[:PRESCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def _language(tag: str | None) -> str | None:
    match = _LANGUAGE.match(tag.strip()) if tag else None
    return match.group(0).lower() if match else None


def _trafilatura() -> Any:
    """trafilatura, imported on first use, its loggers quieted: its warnings are about its own fallbacks, and the
    user is told about the page in our own words."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura


# -- one page, start to end ----------------------------------------------------------------------------------------


def read_page(
    data: bytes, *, url: str | None, header_charset: str | None = None, encoding: str | None = None
) -> tuple[PageText, str]:
    """A page's text and metadata and the charset it was read with; ``InputRejected`` for anything unusable."""
    if not data.strip():
        raise InputRejected("empty page", "skipped")
    what = binary_kind(data)
    if what is not None:
        raise InputRejected(f"binary content ({what}), not an HTML page")
    decoded = decode_page(data, header_charset=header_charset, encoding=encoding)
    page = extract_page(decoded.text, url)
    return replace(page, warnings=[*decoded.warnings, *page.warnings]), decoded.charset


def read_saved_page(data: bytes, encoding: str | None, read_at: str) -> tuple[PageText, PageCapture]:
    """A page saved from a browser: its text and metadata, and the capture to archive (the file's bytes)."""
    address = saved_from(data)
    page, charset = read_page(data, url=address, encoding=encoding)
    final_url = page.url or address
    host = host_of(final_url)
    capture = PageCapture(
        body=data,
        fetched_at=read_at,
        origin="file",
        final_url=final_url,
        charset=charset,
        host=host,
        outlet=page.site_name or host,
    )
    return page, capture
