"""Fetching articles from the web: download a page, extract its article, keep the page for the archive.

httpx does the HTTP. Around it: a time limit for the whole page (not per read, so a server that drips bytes is
stopped too), a size limit enforced while streaming (the rest is never downloaded), redirects followed one by one so
a loop is named as a loop, the content type checked before the body is read, a user agent that says who is asking,
and a small limit on concurrent requests per host so a list of a hundred links to one outlet does not hammer it.
Every failure becomes one ``Problem`` line naming the address; the rest of the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench import __version__
from workbench.pipeline.html import (
    HTML_CONTENT_TYPES,
    PageCapture,
    check_web_address,
    host_of,
    read_page,
    source_of_url,
)
from workbench.pipeline.reader import ArticleInput, InputRejected, Problem, apply_metadata, url_key

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"workbench/{__version__} (claim-tracking and fact-check workbench; fetches pages a user asked for)"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
# Response headers kept with the archived page: independent evidence of what was served, and when.
KEPT_HEADERS = (
    "date",
    "last-modified",
    "etag",
    "content-type",
    "content-language",
    "content-length",
    "age",
    "server",
    "x-cache",
    "cache-control",
    "link",
)
HTTP_HINTS = {
    401: "the page needs a login",
    403: "the site refuses access (a login, a paywall or a block on automated requests)",
    404: "no such page",
    410: "the page was removed",
    429: "too many requests; try again later",
}


@dataclass(frozen=True)
class FetchSettings:
    """Limits for downloading pages (the config file's ``[fetch]`` table)."""

    timeout: float = 30.0  # seconds for one page, redirects included
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 2**20
    max_redirects: int = 10
    per_host: int = 2  # concurrent requests to one host
    workers: int = 8  # concurrent requests in all
    user_agent: str = USER_AGENT

    @classmethod
    def from_config(cls, table: Mapping[str, float]) -> FetchSettings:
        """From the config file's checked ``[fetch]`` table (sizes there are in MiB)."""
        values: dict[str, Any] = dict(table)
        if "max_mb" in values:
            values["max_bytes"] = int(values.pop("max_mb") * 2**20)
        return cls(**values)


@dataclass(frozen=True)
class WebAddress:
    """An address to fetch and how to name it in messages (the address itself, or ``list.txt line 3``)."""

    url: str
    label: str


class FetchError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Fetched:
    requested_url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    headers: dict[str, str]
    body: bytes
    fetched_at: str


def addresses_from_list(name: str, lines: Iterable[str]) -> Iterator[WebAddress | Problem]:
    """The addresses of a ``--urls`` file: one per line; blank lines and ``#`` comments are skipped."""
    for number, line in enumerate(lines, 1):
        url = line.strip().removeprefix("\ufeff")
        if not url or url.startswith("#"):
            continue
        label = f"{name} line {number}"
        try:
            yield WebAddress(check_web_address(url), f"{label} ({url})")
        except InputRejected as exc:
            yield Problem(label, f"{exc.reason}: {url[:200]!r}")


# -- one page ------------------------------------------------------------------------------------------------------


def fetch_page(client: httpx.Client, url: str, settings: FetchSettings) -> Fetched:
    """Download one page, following redirects; ``FetchError`` says in one line what went wrong."""
    import httpx

    deadline = time.monotonic() + settings.timeout
    chain = [url]
    try:
        request = client.build_request("GET", url)
        for _ in range(settings.max_redirects + 1):
            remaining = max(deadline - time.monotonic(), 0.001)
            request.extensions["timeout"] = httpx.Timeout(
                remaining, connect=min(settings.connect_timeout, remaining)
            ).as_dict()
            response = client.send(request, stream=True, follow_redirects=False)
            try:
                if response.next_request is None:
                    return _read_body(response, chain, settings, deadline)
                target = str(response.next_request.url)
                if target in chain:
                    raise FetchError("redirect loop: " + " → ".join([*chain[chain.index(target) :], target]))
                if response.next_request.url.scheme not in ("http", "https"):
                    raise FetchError(f"redirected to {target[:200]}, which is not a web page address")
                chain.append(target)
                request = response.next_request
            finally:
                response.close()
        raise FetchError(f"more than {settings.max_redirects} redirects (the last to {chain[-1]})")
    except httpx.TimeoutException as exc:
        what = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for the page"
        raise FetchError(f"timed out after {settings.timeout:g} s {what} (the [fetch] timeout)") from exc
    except httpx.ConnectError as exc:
        raise FetchError(_connect_problem(exc, host_of(chain[-1]) or "")) from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"more than {settings.max_redirects} redirects") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid address in a redirect or the request ({exc})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"download failed ({type(exc).__name__}: {exc or 'no details'})") from exc


def _read_body(response: httpx.Response, chain: list[str], settings: FetchSettings, deadline: float) -> Fetched:
    status = response.status_code
    if not 200 <= status < 300:
        hint = HTTP_HINTS.get(status) or (
            "a server error; try again later"
            if status >= 500
            else "a redirect without a Location header"
            if 300 <= status < 400
            else ""
        )
        raise FetchError(f"HTTP {status} {response.reason_phrase}" + (f": {hint}" if hint else ""))
    content_type = response.headers.get("content-type")
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime and mime not in HTML_CONTENT_TYPES:
        raise FetchError(f"not an HTML page (the server says {mime}); only web pages can be ingested")
    limit = size_text(settings.max_bytes)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError(
            f"page too large ({size_text(int(declared))}, over the {limit} limit of [fetch] max_mb); "
            "nothing was downloaded"
        )
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > settings.max_bytes:
            raise FetchError(f"page too large (over the {limit} limit of [fetch] max_mb); the download was stopped")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {settings.timeout:g} s while downloading the page (the [fetch] timeout)")
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    return Fetched(
        requested_url=chain[0],
        final_url=str(response.url),
        status=status,
        content_type=content_type,
        charset=response.charset_encoding,
        headers=headers,
        body=bytes(body),
        fetched_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


def size_text(size: int) -> str:
    """Bytes for people: "512 bytes", "300 KiB", "12.5 MiB"."""
    if size < 1024:
        return f"{size} bytes"
    return f"{size / 1024:.3g} KiB" if size < 2**20 else f"{size / 2**20:.3g} MiB"


def _connect_problem(exc: Exception, host: str) -> str:
    """DNS failure, refused connection and TLS failure told apart: each needs a different fix."""
    import ssl  # a few milliseconds that other commands need not pay

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"cannot resolve the host name {host!r} (DNS failure: {cause.strerror or cause}); check the address"
        if isinstance(cause, ConnectionRefusedError):
            return f"connection refused by {host} (nothing listens on that port)"
        if isinstance(cause, ssl.SSLError):
            return f"secure connection to {host} failed ({cause.reason or cause})"
        cause = cause.__cause__ or cause.__context__
    return f"cannot connect to {host} ({exc})"


def article_from_page(fetched: Fetched, label: str, encoding: str | None = None) -> ArticleInput:
    """The article of a downloaded page; its source is the final address, so fetching it again finds it."""
    page, charset = read_page(fetched.body, url=fetched.final_url, header_charset=fetched.charset, encoding=encoding)
    host = host_of(fetched.final_url)
    capture = PageCapture(
        body=fetched.body,
        fetched_at=fetched.fetched_at,
        origin="fetch",
        requested_url=fetched.requested_url,
        final_url=fetched.final_url,
        status=fetched.status,
        content_type=fetched.content_type,
        headers=fetched.headers,
        charset=charset,
        host=host,
        outlet=page.site_name or host,
    )
    source = source_of_url(fetched.final_url)
    article = ArticleInput(
        source=source, text=page.text, label=label, path=fetched.final_url, page=capture, source_key=url_key(source)
    )
    article.warnings.extend(Problem(label, warning, "warning") for warning in page.warnings)
    apply_metadata(article, {"outlet": capture.outlet, "url": fetched.final_url, **page.metadata()})
    return article


# -- many pages ----------------------------------------------------------------------------------------------------


class HostLimits:
    """One semaphore per host: at most ``per_host`` requests to a host at a time, however many workers run."""

    def __init__(self, per_host: int):
        self._per_host = per_host
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))

    def __call__(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._semaphores[host]


def read_web(
    addresses: Sequence[WebAddress],
    settings: FetchSettings | None = None,
    encoding: str | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    client: httpx.Client | None = None,
) -> Iterator[ArticleInput | Problem]:
    """Every address's article (or its problem), in the order given, fetched concurrently within the limits."""
    import httpx

    settings = settings or FetchSettings()
    first_of: dict[str, WebAddress] = {}
    for address in addresses:
        first_of.setdefault(address.url, address)  # the same address twice is fetched once
    unique = list(first_of.values())
    own_client = client is None
    client = client or httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": ACCEPT},
        limits=httpx.Limits(max_connections=settings.workers, max_keepalive_connections=settings.workers),
        follow_redirects=False,
    )
    limits = HostLimits(settings.per_host)

    def task(address: WebAddress) -> ArticleInput | Problem:
        try:
            with limits(host_of(address.url) or ""):
                fetched = fetch_page(client, address.url, settings)
            return article_from_page(fetched, address.label, encoding)
        except FetchError as exc:
            return Problem(address.label, exc.reason)
        except InputRejected as exc:
            return Problem(address.label, exc.reason, exc.severity)
        except Exception as exc:  # noqa: BLE001 - one page's surprise must not stop the batch
            return Problem(
                address.label,
                f"internal error while fetching or extracting ({type(exc).__name__}: "
                f"{exc}); nothing was stored, please report this",
            )

    pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="fetch")
    in_flight: deque[tuple[WebAddress, Future[ArticleInput | Problem]]] = deque()
    pending = iter(unique)
    done = 0
    try:
        # A window of pages in flight, results in input order: memory stays bounded by the window, not the list.
        for address in pending:
            in_flight.append((address, pool.submit(task, address)))
            if len(in_flight) >= settings.workers * 2:
                break
        while in_flight:
            address, future = in_flight.popleft()
            result = future.result()
            done += 1
            if on_progress:
                on_progress(done, len(unique), address.url)
            yield result
            following = next(pending, None)
            if following is not None:
                in_flight.append((following, pool.submit(task, following)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if own_client:
            client.close()
