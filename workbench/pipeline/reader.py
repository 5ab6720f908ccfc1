"""Reading article files: discovery, decoding, manifests, JSON Lines. No database here.

Every problem becomes a ``Problem`` naming the file (and line) and saying what to do, so one bad file never stops a
batch. Text is stored exactly as decoded, except that a BOM is dropped and CRLF/CR become LF (what Python's text
mode does), so offsets mean the same thing everywhere.

Hostile inputs are refused before they cost anything: only regular files are read (a FIFO would block forever, a
link to /dev/zero would never end), the size limit is enforced while reading, a JSONL line is read with the same
limit, symbolic link loops and unreadable folders are reported, and a JSON line nested too deeply or carrying lone
surrogates (not Unicode, so not storable) is one message about that line.

What is read and how an article is named (``ArticleInput``, ``Problem``, the keys) is in ``pipeline/inputs.py``,
re-exported here.
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import json
import os
import stat
import tomllib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from workbench.pipeline.inputs import (  # noqa: F401 (re-exported: the code base imports these from reader)
    _SURROGATES,
    ARTICLE_SUFFIXES,
    BINARY_SIGNATURES,
    JSONL_SUFFIXES,
    MANIFEST_NAMES,
    METADATA_FIELDS,
    NOT_ARTICLES,
    PAGE_SUFFIXES,
    ArticleInput,
    InputRejected,
    Problem,
    Severity,
    content_hash,
    file_key,
    has_surrogates,
    is_article_file,
    is_jsonl,
    jsonl_key,
    normalize_name,
    printable_path,
    relative_name,
    url_key,
)

MAX_ARTICLE_BYTES = 64 * 1024 * 1024


# -- discovery ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Discovery:
    files: list[Path]
    problems: list[Problem]
    roots: dict[Path, Path] = field(default_factory=dict)  # each file's ingest root (see the module docstring)


def discover(paths: Iterable[str | os.PathLike[str]]) -> Discovery:
    """The article and JSONL files under ``paths`` (folders recursively, sorted), de-duplicated."""
    files: list[Path] = []
    problems: list[Problem] = []
    roots: dict[Path, Path] = {}
    seen: set[str] = set()

    def add(path: Path, root: Path) -> None:
        try:
            key = os.path.realpath(path, strict=True)
        except (OSError, RuntimeError) as exc:
            problems.append(Problem(printable_path(path), _link_problem(path, exc)))
            return
        if key not in seen:
            seen.add(key)
            files.append(path)
            roots[path] = root

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(_walk(path, problems)):
                if child.name.lower() in MANIFEST_NAMES:
                    continue
                if is_jsonl(child) or is_article_file(child):
                    if child.stem.lower().split(".")[0] in NOT_ARTICLES:
                        problems.append(
                            Problem(
                                printable_path(child),
                                "looks like documentation, not an article; skipped "
                                "(name the file explicitly to ingest it)",
                                "skipped",
                            )
                        )
                        continue
                    add(child, path)
        elif path.name.lower() in MANIFEST_NAMES and path.exists():
            continue  # read with the articles beside it
        elif path.is_symlink() and not path.exists():
            problems.append(Problem(printable_path(path), _link_problem(path, None)))
        elif not path.exists():
            problems.append(Problem(printable_path(path), "no such file or folder"))
        elif is_jsonl(path) or is_article_file(path):
            add(path, path.parent)
        else:
            problems.append(
                Problem(
                    printable_path(path),
                    f"unsupported file type {path.suffix or '(no extension)'!r}; "
                    "expected .txt, .md, .html, .htm, .jsonl or .jsonl.gz, or an http(s):// address",
                )
            )
    return Discovery(files, problems, roots)


def _link_problem(path: Path, exc: BaseException | None) -> str:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself); skipped"
        if error.errno == errno.ENOENT:
            return (
                f"broken symbolic link (to {printable_path(os.readlink(path))!r}); skipped"
                if os.path.islink(path)
                else "no such file or folder"
            )
        return f"cannot follow ({error.strerror or error}); skipped"
    return f"cannot follow ({exc}); skipped"


def _walk(folder: Path, problems: list[Problem]) -> Iterator[Path]:
    def unreadable(error: OSError) -> None:
        problems.append(
            Problem(
                printable_path(error.filename or folder),
                f"cannot read this folder ({error.strerror or error}); the files in it were skipped",
            )
        )

    for root, dirs, names in os.walk(folder, onerror=unreadable):
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


# Publication dates outside this window are typos or placeholders (0001-11-30, 2099-01-01): stored, they sort first
# or last in every list and resolve "March 9" in the text to the year 2.
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)


def normalize_published(value: Any, today: dt.date | None = None) -> tuple[str | None, str | None]:
    """An ISO date string (or None) and a warning when the value is not a plausible date: not a date at all,
    before 1900, or after tomorrow (a day of slack for time zones)."""
    if value is None or value == "":
        return None, None
    day: dt.date | None
    if isinstance(value, dt.datetime):
        day, text = value.date(), value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, dt.date):
        day, text = value, value.isoformat()
    else:
        text = str(value).strip()
        day = _parse_day(text)
        if day is None:
            return None, f"published {text!r} is not an ISO date (YYYY-MM-DD); stored without a date"
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    if not EARLIEST_PUBLISHED <= day <= latest:
        when = "before 1900" if day < EARLIEST_PUBLISHED else "in the future"
        return None, (
            f"published {text!r} is implausible ({when}); stored without a date, so dates without a "
            "year in the text stay without one"
        )
    return text, None


def _parse_day(text: str) -> dt.date | None:
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    return None


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
                self.problems.append(
                    Problem(str(manifest), f"unreadable manifest ({exc}); files beside it get no outlet or date")
                )
                return {}
            if isinstance(data, dict) and isinstance(data.get("articles"), dict):
                data = data["articles"]
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                self.problems.append(
                    Problem(
                        str(manifest),
                        "manifest must map each file name to a table of "
                        "outlet/published/title/url; files beside it get no metadata",
                    )
                )
                return {}
            return {normalize_name(k): v for k, v in data.items()}
        return {}


# -- reading -------------------------------------------------------------------------------------------------------


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, or ``InputRejected`` if it is not a regular file.

    Opened without blocking, and checked on the open descriptor (not by name, which could change in between):
    a FIFO would wait for a writer forever, a device such as /dev/zero never ends.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputRejected(_os_reason(exc)) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputRejected(f"not a regular file ({_file_kind(mode)}); skipped")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, "rb")  # noqa: SIM115 - the caller closes it
    except BaseException:
        os.close(fd)
        raise


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO or named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((what for test, what in kinds if test(mode)), "not a plain file")


def _os_reason(exc: OSError) -> str:
    return f"cannot read ({exc.strerror or exc})"


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``; more than ``limit`` bytes is refused as soon as it is read."""
    limit = MAX_ARTICLE_BYTES if limit is None else limit
    with open_regular(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise InputRejected(_too_big(size))
            chunks = [handle.read(size + 1)]
            total = len(chunks[0])
            while total <= limit and (chunk := handle.read(1 << 20)):  # it grew, or /proc-like sizes of 0
                chunks.append(chunk)
                total += len(chunk)
        except OSError as exc:
            raise InputRejected(_os_reason(exc)) from exc
    if total > limit:
        raise InputRejected(_too_big(total, growing=True))
    return b"".join(chunks)


def _too_big(size: int, growing: bool = False) -> str:
    what = f"more than {size / 2**20:.1f} MiB (reading stopped there)" if growing else f"{size / 2**20:.1f} MiB"
    return f"file is {what}, over the {MAX_ARTICLE_BYTES // 2**20} MiB limit for one article"


def read_article_file(
    path: Path, manifests: ManifestCache, encoding: str | None = None, root: Path | None = None
) -> ArticleInput:
    label = printable_path(path)
    data = read_limited(path)
    page, metadata = None, {}
    if path.suffix.lower() in PAGE_SUFFIXES:
        from workbench.pipeline.html import read_saved_page  # loads trafilatura: only when a page is read

        page_text, page = read_saved_page(data, encoding, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        text, warnings, metadata = page_text.text, page_text.warnings, {"outlet": page.outlet, **page_text.metadata()}
    else:
        text, warnings = decode_text(data, encoding)
    source = relative_name(path, path.parent if root is None else root)
    article = ArticleInput(
        source=source,
        text=text,
        label=label,
        path=printable_path(os.path.abspath(path)),
        source_key=file_key(source),
        legacy_source=normalize_name(path.name),
        page=page,
    )
    article.warnings.extend(Problem(label, w, "warning") for w in warnings)
    apply_metadata(article, {**metadata, **manifests.lookup(path)})
    return article


def read_jsonl(
    path: Path, encoding: str | None = None, root: Path | None = None
) -> Iterator[tuple[ArticleInput | Problem, int]]:
    """One ``ArticleInput`` per good line, one ``Problem`` per bad line, each with the file bytes read so far."""
    label = printable_path(path)
    try:
        raw_file = open_regular(path)
    except InputRejected as exc:
        yield Problem(label, exc.reason, exc.severity), 0
        return
    file_name = relative_name(path, path.parent if root is None else root)
    handle: BinaryIO | gzip.GzipFile = (
        gzip.GzipFile(fileobj=raw_file) if path.name.lower().endswith(".gz") else raw_file
    )
    with raw_file, handle:
        lineno = 0
        offset = 0
        found = False
        try:
            while raw := handle.readline(MAX_ARTICLE_BYTES + 1):
                lineno += 1
                start = offset
                offset += len(raw)
                line_label = f"{label} line {lineno}"
                if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
                    offset += _skip_line(handle)
                    found = True
                    yield (
                        Problem(
                            line_label,
                            f"line is over the {MAX_ARTICLE_BYTES // 2**20} MiB limit for one article; skipped",
                        ),
                        raw_file.tell(),
                    )
                    continue
                if lineno == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                found = True
                yield _jsonl_record(path, raw, lineno, line_label, start, encoding, file_name), raw_file.tell()
        except (OSError, EOFError, zlib.error) as exc:
            found = True
            if lineno == 0 and isinstance(exc, gzip.BadGzipFile):  # no gzip header: not compressed at all
                yield (
                    Problem(
                        label,
                        f"cannot be read as gzip ({exc}); is it really compressed? a plain "
                        "JSON Lines file should be named .jsonl",
                    ),
                    raw_file.tell(),
                )
            else:
                yield (
                    Problem(
                        f"{label} after line {lineno}",
                        f"corrupt or truncated file ({exc}); the lines before it were read",
                    ),
                    raw_file.tell(),
                )
        if not found:
            what = "is empty" if lineno == 0 else "has only blank lines (or a byte order mark)"
            yield Problem(label, f"no articles: the file {what}", "skipped"), raw_file.tell()


def _skip_line(handle: BinaryIO | gzip.GzipFile) -> int:
    """Read past the rest of an over-long line, a megabyte at a time; returns the bytes skipped."""
    skipped = 0
    while chunk := handle.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl_record(
    path: Path, raw: bytes, lineno: int, label: str, file_offset: int, encoding: str | None, file_name: str
) -> ArticleInput | Problem:
    try:
        line = raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        return Problem(
            label,
            f"not valid {encoding or 'UTF-8'} at byte {file_offset + exc.start} of the file (0x{raw[exc.start]:02X})",
        )
    except LookupError:
        return Problem(label, f"unknown encoding {encoding!r}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(label, f"invalid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return Problem(label, "JSON nested too deeply to read (an article is one flat object)")
    if not isinstance(record, dict):
        return Problem(label, 'each line must be a JSON object with a "text" field')
    text = record.get("text")
    if not isinstance(text, str):
        return Problem(label, 'missing "text" (a string)' if text is None else '"text" must be a string')
    repairs = _replace_surrogates(record)
    text = normalize_newlines(record["text"].removeprefix("\ufeff"))
    if "\x00" in text:
        return Problem(label, '"text" contains NUL characters, not article text')
    if not text.strip():
        return Problem(label, "no text (whitespace only)", "skipped")
    raw_id = record.get("id")
    source = str(raw_id).strip() if raw_id not in (None, "") else f"{normalize_name(path.name)}#{lineno}"
    article = ArticleInput(
        source=source, text=text, label=label, path=printable_path(os.path.abspath(path)), legacy_source=source
    )
    if raw_id in (None, ""):
        article.warnings.append(
            Problem(label, f'no "id"; using {source!r} (re-ordering the file changes it)', "warning")
        )
    article.warnings.extend(Problem(label, repair, "warning") for repair in repairs)
    apply_metadata(article, record)
    article.source_key = jsonl_key(file_name, article.outlet, source)
    return article


def _replace_surrogates(record: dict[str, Any]) -> list[str]:
    """Lone surrogates (a JSON ``"\\ud83d"`` without its pair) are not Unicode and cannot be stored: each becomes
    U+FFFD, with a warning that says where."""
    repairs = []
    for name, value in record.items():
        if name in ("text", "id", *METADATA_FIELDS, "date") and isinstance(value, str) and has_surrogates(value):
            first = _SURROGATES.search(value)
            assert first is not None  # has_surrogates is the cheap test; the regex says where
            record[name], count = _SURROGATES.subn("\ufffd", value)
            repairs.append(
                f'"{name}" holds {count} lone surrogate{"s" if count > 1 else ""} (first '
                f"\\u{ord(first.group()):04x} at character {first.start()}), which is not valid "
                "Unicode; replaced by U+FFFD"
            )
    return repairs


def read_inputs(
    files: Iterable[Path],
    encoding: str | None = None,
    manifests: ManifestCache | None = None,
    roots: dict[Path, Path] | None = None,
) -> Iterator[tuple[ArticleInput | Problem, int]]:
    """Every article (or problem) from ``files`` in order, each with the input bytes consumed so far (progress).

    ``roots`` gives each file's ingest root (``Discovery.roots``); a file without one is named by its file name.
    """
    manifests = manifests or ManifestCache()
    roots = roots or {}
    done = 0
    for path in files:
        reported = len(manifests.problems)
        if is_jsonl(path):
            position = 0
            for item, position in read_jsonl(path, encoding, roots.get(path)):
                yield item, done + position
            done += max(position, file_size(path))
        else:
            try:
                item = read_article_file(path, manifests, encoding, roots.get(path))
            except InputRejected as exc:
                item = Problem(printable_path(path), exc.reason, exc.severity)
            for problem in manifests.problems[reported:]:
                yield problem, done
            done += file_size(path)
            yield item, done


def file_size(path: Path) -> int:
    """Bytes of a regular file, for progress; 0 for anything else (a FIFO, a device) or an unreadable file."""
    try:
        info = path.stat()
    except OSError:
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0
