"""Reading article files: discovery, decoding, manifests, JSON Lines. No database here.

Every problem becomes a ``Problem`` naming the file (and line) and saying what to do, so one bad file never stops a
batch. Text is stored exactly as decoded, except that a BOM is dropped and CRLF/CR become LF (what Python's text
mode does), so offsets mean the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import tomllib
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

if TYPE_CHECKING:
    from workbench.pipeline.html import PageCapture

ARTICLE_SUFFIXES = (".txt", ".md")
PAGE_SUFFIXES = (".html", ".htm")  # saved web pages, read by pipeline/html.py
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
MANIFEST_NAMES = ("manifest.toml", "manifest.json")
# Files that sit beside articles in a folder but are not articles; still ingested when named explicitly.
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "copying", "notice")
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
METADATA_FIELDS = ("outlet", "published", "title", "url", "language", "author")

BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip data (name it .jsonl.gz if it is JSON Lines)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
)

Severity = Literal["error", "warning", "skipped"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input. ``error``: rejected; ``skipped``: nothing to ingest; ``warning``: repaired."""

    label: str
    reason: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


@dataclass
class ArticleInput:
    """One article read from disk, ready to be analysed and stored."""

    source: str
    text: str
    label: str
    path: str
    outlet: str = "unknown"
    published: str | None = None
    title: str | None = None
    url: str | None = None
    language: str = "en"
    author: str | None = None
    warnings: list[Problem] = field(default_factory=list)
    page: PageCapture | None = None  # the web page it was extracted from, archived with it

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def metadata(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in METADATA_FIELDS}


class InputRejected(Exception):
    def __init__(self, reason: str, severity: Severity = "error"):
        super().__init__(reason)
        self.reason = reason
        self.severity = severity


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalize_name(name: str) -> str:
    """File names as NFC, so a name handed back in NFD (macOS) is the same article."""
    return unicodedata.normalize("NFC", name)


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES + PAGE_SUFFIXES


# -- discovery ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Discovery:
    files: list[Path]
    problems: list[Problem]


def discover(paths: Iterable[str | os.PathLike[str]]) -> Discovery:
    """The article and JSONL files under ``paths`` (folders recursively, sorted), de-duplicated."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
        elif path.is_dir():
            for child in sorted(_walk(path)):
                if child.name.lower() in MANIFEST_NAMES:
                    continue
                if is_jsonl(child) or is_article_file(child):
                    if child.stem.lower().split(".")[0] in NOT_ARTICLES:
                        problems.append(
                            Problem(str(child), "looks like documentation, not an article; skipped "
                                    "(name the file explicitly to ingest it)", "skipped")
                        )
                        continue
                    add(child)
        elif path.name.lower() in MANIFEST_NAMES:
            continue  # read with the articles beside it
        elif is_jsonl(path) or is_article_file(path):
            add(path)
        else:
            problems.append(
                Problem(str(path), f"unsupported file type {path.suffix or '(no extension)'!r}; "
                        "expected .txt, .md, .html, .htm, .jsonl or .jsonl.gz, or an http(s):// address")
            )
    return Discovery(files, problems)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith("."):
                yield Path(root) / name


# -- decoding ------------------------------------------------------------------------------------------------------


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, list[str]]:
    """Bytes of one article to text, or ``InputRejected`` saying exactly what is wrong and what to do."""
    warnings: list[str] = []
    if not data:
        raise InputRejected("empty file", "skipped")
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputRejected(
            f"file is {len(data) / 2**20:.1f} MiB, over the {MAX_ARTICLE_BYTES // 2**20} MiB limit for one article"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and encoding is None:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputRejected(f"UTF-16 byte order mark but invalid UTF-16 at byte {exc.start}") from exc
        warnings.append("converted from UTF-16 (byte order mark found)")
    else:
        if encoding is None:
            for signature, what in BINARY_SIGNATURES:
                if data.startswith(signature):
                    raise InputRejected(f"binary file ({what}), not text")
            nul = data.find(b"\x00")
            if nul >= 0:
                raise InputRejected(f"binary file (NUL byte at byte {nul}), not text")
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                bad = data[exc.start]
                raise InputRejected(
                    f"not valid UTF-8 at byte {exc.start} (0x{bad:02X}); if you know the file's encoding, "
                    "pass it with --encoding (for example --encoding cp1252)"
                ) from exc
            if data.startswith(b"\xef\xbb\xbf"):
                warnings.append("UTF-8 byte order mark removed")
        else:
            try:
                text = data.decode(encoding)
            except LookupError as exc:
                raise InputRejected(f"unknown encoding {encoding!r}") from exc
            except UnicodeDecodeError as exc:
                raise InputRejected(f"not valid {encoding} at byte {exc.start} (0x{data[exc.start]:02X})") from exc
            text = text.removeprefix("\ufeff")
            if "\x00" in text:
                raise InputRejected(f"decoded as {encoding} but contains NUL characters; wrong encoding?")
    if "\r" in text:
        warnings.append("Windows (CRLF) or old Mac (CR) line endings converted to LF")
        text = normalize_newlines(text)
    if not text.strip():
        raise InputRejected("no text (whitespace only)", "skipped")
    return text, warnings


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# -- metadata ------------------------------------------------------------------------------------------------------


def normalize_published(value: Any) -> tuple[str | None, str | None]:
    """An ISO date string (or None) and a warning when the value is not a date."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parse(text)
            return text, None
        except ValueError:
            continue
    return None, f"published {text!r} is not an ISO date (YYYY-MM-DD); stored without a date"


def apply_metadata(article: ArticleInput, metadata: dict[str, Any]) -> None:
    for name in ("outlet", "title", "url", "language", "author"):
        value = metadata.get(name)
        if value is not None and str(value).strip():
            setattr(article, name, str(value).strip())
    published = metadata.get("published", metadata.get("date"))
    article.published, warning = normalize_published(published)
    if warning:
        article.warnings.append(Problem(article.label, warning, "warning"))


class ManifestCache:
    """Manifests are read once per folder; a broken one is reported once and its folder gets no metadata."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, dict[str, dict[str, Any]]] = {}
        self.problems: list[Problem] = []

    def lookup(self, path: Path) -> dict[str, Any]:
        folder = path.parent
        if folder not in self._by_dir:
            self._by_dir[folder] = self._load(folder)
        entries = self._by_dir[folder]
        return entries.get(normalize_name(path.name), {})

    def _load(self, folder: Path) -> dict[str, dict[str, Any]]:
        for name in MANIFEST_NAMES:
            manifest = folder / name
            if not manifest.is_file():
                continue
            try:
                raw = manifest.read_bytes().decode("utf-8-sig")
                data = tomllib.loads(raw) if name.endswith(".toml") else json.loads(raw)
            except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
                self.problems.append(Problem(str(manifest), f"unreadable manifest ({exc}); files beside it "
                                             "get no outlet or date"))
                return {}
            if isinstance(data, dict) and isinstance(data.get("articles"), dict):
                data = data["articles"]
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                self.problems.append(Problem(str(manifest), "manifest must map each file name to a table of "
                                             "outlet/published/title/url; files beside it get no metadata"))
                return {}
            return {normalize_name(k): v for k, v in data.items()}
        return {}


# -- reading -------------------------------------------------------------------------------------------------------


def read_article_file(path: Path, manifests: ManifestCache, encoding: str | None = None) -> ArticleInput:
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputRejected(f"cannot read ({exc.strerror or exc})") from exc
    page, metadata = None, {}
    if path.suffix.lower() in PAGE_SUFFIXES:
        from workbench.pipeline.html import read_saved_page  # loads trafilatura: only when a page is read

        page_text, page = read_saved_page(data, encoding, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        text, warnings, metadata = page_text.text, page_text.warnings, {"outlet": page.outlet, **page_text.metadata()}
    else:
        text, warnings = decode_text(data, encoding)
    article = ArticleInput(source=normalize_name(path.name), text=text, label=label, path=str(path), page=page)
    article.warnings.extend(Problem(label, w, "warning") for w in warnings)
    apply_metadata(article, {**metadata, **manifests.lookup(path)})
    return article


def read_jsonl(path: Path, encoding: str | None = None) -> Iterator[tuple[ArticleInput | Problem, int]]:
    """One ``ArticleInput`` per good line, one ``Problem`` per bad line, each with the file bytes read so far."""
    try:
        raw_file: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed below, position read for progress
    except OSError as exc:
        yield Problem(str(path), f"cannot read ({exc.strerror or exc})"), 0
        return
    handle: BinaryIO | gzip.GzipFile = gzip.GzipFile(fileobj=raw_file) if path.name.lower().endswith(".gz") else raw_file
    with raw_file, handle:
        lineno = 0
        offset = 0
        try:
            for raw in handle:
                lineno += 1
                start = offset
                offset += len(raw)
                label = f"{path} line {lineno}"
                if lineno == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                yield _jsonl_record(path, raw, lineno, label, start, encoding), raw_file.tell()
        except (OSError, EOFError, zlib.error) as exc:
            if lineno == 0 and isinstance(exc, gzip.BadGzipFile):  # no gzip header: not compressed at all
                yield Problem(str(path), f"cannot be read as gzip ({exc}); is it really compressed? a plain "
                              "JSON Lines file should be named .jsonl"), raw_file.tell()
            else:
                yield Problem(f"{path} after line {lineno}", f"corrupt or truncated file ({exc}); "
                              "the lines before it were read"), raw_file.tell()


def _jsonl_record(
    path: Path, raw: bytes, lineno: int, label: str, file_offset: int, encoding: str | None
) -> ArticleInput | Problem:
    try:
        line = raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        return Problem(label, f"not valid {encoding or 'UTF-8'} at byte {file_offset + exc.start} of the file "
                       f"(0x{raw[exc.start]:02X})")
    except LookupError:
        return Problem(label, f"unknown encoding {encoding!r}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(label, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return Problem(label, "each line must be a JSON object with a \"text\" field")
    text = record.get("text")
    if not isinstance(text, str):
        return Problem(label, 'missing "text" (a string)' if text is None else '"text" must be a string')
    text = normalize_newlines(text.removeprefix("\ufeff"))
    if "\x00" in text:
        return Problem(label, '"text" contains NUL characters, not article text')
    if not text.strip():
        return Problem(label, "no text (whitespace only)", "skipped")
    raw_id = record.get("id")
    source = str(raw_id).strip() if raw_id not in (None, "") else f"{normalize_name(path.name)}#{lineno}"
    article = ArticleInput(source=source, text=text, label=label, path=str(path))
    if raw_id in (None, ""):
        article.warnings.append(Problem(label, f'no "id"; using {source!r} (re-ordering the file changes it)',
                                        "warning"))
    apply_metadata(article, record)
    return article


def read_inputs(
    files: Iterable[Path], encoding: str | None = None, manifests: ManifestCache | None = None
) -> Iterator[tuple[ArticleInput | Problem, int]]:
    """Every article (or problem) from ``files`` in order, each with the input bytes consumed so far (progress)."""
    manifests = manifests or ManifestCache()
    done = 0
    for path in files:
        reported = len(manifests.problems)
        if is_jsonl(path):
            position = 0
            for item, position in read_jsonl(path, encoding):
                yield item, done + position
            done += max(position, file_size(path))
        else:
            try:
                item = read_article_file(path, manifests, encoding)
            except InputRejected as exc:
                item = Problem(str(path), exc.reason, exc.severity)
            for problem in manifests.problems[reported:]:
                yield problem, done
            done += file_size(path)
            yield item, done


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
