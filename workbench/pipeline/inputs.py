"""What the readers produce and how an article is named: ``ArticleInput``, ``Problem``, ``InputRejected``, the
suffixes and signatures of what is read, and the keys that identify an article (re-exported by ``reader``).

Identity: a plain file is named by its path relative to the folder named on the command line (``bbc/`` gives
``business/001.txt``); a file named directly is named by its file name, its folder being the root. A JSONL article is
named by its ``id``, and identified by that id scoped by its file (relative to the root likewise) and its outlet, so
the same id from two files or two outlets never replaces another article.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from workbench.pipeline.html import PageCapture


ARTICLE_SUFFIXES = (".txt", ".md")
PAGE_SUFFIXES = (".html", ".htm")  # saved web pages, read by pipeline/html.py
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
MANIFEST_NAMES = ("manifest.toml", "manifest.json")
# Files that sit beside articles in a folder but are not articles; still ingested when named explicitly.
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "copying", "notice")


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
# Lone surrogates: what json.loads makes of "\ud83d" alone, and what os.fsdecode makes of bytes that are not UTF-8.
_SURROGATES = re.compile("[\ud800-\udfff]")


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
    """One article read from disk, ready to be analysed and stored.

    ``source`` is the name people see and exports carry; ``source_key`` the identity that cannot collide;
    ``legacy_source`` what ``source`` was before identities were scoped (the bare file name or the raw id), so rows
    stored then can be found and adopted.
    """

    source: str
    text: str
    label: str
    path: str
    source_key: str = ""
    legacy_source: str | None = None
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
    return unicodedata.normalize("NFC", printable_path(name))


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: the only code points UTF-8 cannot encode, and encoding (in C, at
    about memory speed) is five times faster than a regular-expression scan of an article (every JSONL line's
    text is checked)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def printable_path(name: str | os.PathLike[str]) -> str:
    """A path as storable, printable text: bytes that are not UTF-8 (kept by Python as lone surrogates, which
    cannot be stored or printed) are written as ``\\xNN``."""
    text = os.fspath(name)
    if not has_surrogates(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators, NFC; the file name alone when it is not under it."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = (path.name,)
    return "/".join(normalize_name(part) for part in parts) or normalize_name(path.name)


def file_key(source: str) -> str:
    return f"file:{source}"


def url_key(address: str) -> str:
    """A fetched page is the article at its final address, wherever it was asked for from."""
    return f"url:{address}"


def jsonl_key(file_name: str, outlet: str, record_id: str) -> str:
    """An id scoped by its file and outlet; JSON-encoded so no choice of names can make two triples collide."""
    return "jsonl:" + json.dumps([file_name, outlet, record_id], ensure_ascii=False)


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES + PAGE_SUFFIXES
