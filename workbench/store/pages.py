"""The page archive: the web page each article version was extracted from, compressed, with where and when it was
captured. Provenance for a fact-checker: what the page said, byte for byte, and which address served it when.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbench.store.db import inserted_id
from workbench.store.repository import Store

# Columns that say where and when a page was captured, without its (large) body.
INFO_COLUMNS = (
    "id",
    "article_id",
    "origin",
    "requested_url",
    "final_url",
    "http_status",
    "fetched_at",
    "content_type",
    "charset",
    "headers",
    "sha256",
    "size",
    "compression",
)


class ArchiveDamaged(Exception):
    """The stored bytes no longer match their checksum (or cannot be decompressed)."""


@dataclass(frozen=True)
class ArchivedPage:
    info: dict[str, Any]
    body: bytes


def add_page(store: Store, article_id: int, capture: Mapping[str, Any]) -> int:
    """Archive one page for ``article_id``; call inside the transaction that stores the article version, so the
    version and its page are written together or not at all."""
    body: bytes = capture["body"]
    record = {
        "article_id": article_id,
        "origin": capture.get("origin", "fetch"),
        "requested_url": capture.get("requested_url"),
        "final_url": capture.get("final_url"),
        "http_status": capture.get("status"),
        "fetched_at": capture["fetched_at"],
        "content_type": capture.get("content_type"),
        "charset": capture.get("charset"),
        "headers": json.dumps(dict(capture.get("headers") or {}), ensure_ascii=False, sort_keys=True),
        "sha256": hashlib.sha256(body).hexdigest(),
        "size": len(body),
        "compression": "zlib",
        "body": zlib.compress(body, 9),
    }
    with store.transaction():
        return inserted_id(store.db.table("pages").insert(record).last_pk)


def page_info(store: Store, article_id: int) -> dict[str, Any] | None:
    """Where and when the page of one article version was captured (no body), or None for a non-web article."""
    rows = store.rows(f"SELECT {', '.join(INFO_COLUMNS)} FROM pages WHERE article_id = ?", [article_id])
    if not rows:
        return None
    info = rows[0]
    info["headers"] = json.loads(info["headers"] or "{}")
    return info


def archived_page(store: Store, article_id: int) -> ArchivedPage | None:
    """The archived page of an article version, decompressed and checked against its sha256."""
    info = page_info(store, article_id)
    if info is None:
        return None
    blob = store.scalar("SELECT body FROM pages WHERE id = ?", [info["id"]])
    try:
        body = zlib.decompress(blob)
    except zlib.error as exc:
        raise ArchiveDamaged(f"the archived page of article {article_id} cannot be decompressed ({exc})") from exc
    if hashlib.sha256(body).hexdigest() != info["sha256"]:
        raise ArchiveDamaged(
            f"the archived page of article {article_id} does not match its sha256 "
            f"{info['sha256']}: the archive is damaged"
        )
    return ArchivedPage(info, body)


def articles_named(store: Store, reference: str) -> list[dict[str, Any]]:
    """Article versions that ``reference`` names (id, source, version, current), newest first: an article id, a
    source (file name or page address), or an address a page was requested as or ended at."""
    columns = "SELECT id, source, version, superseded_by IS NULL AS current FROM articles"
    if reference.isdigit():
        return store.rows(f"{columns} WHERE id = ?", [int(reference)])
    return store.rows(
        f"{columns} WHERE source IN (SELECT source FROM articles WHERE source = ? UNION SELECT a.source FROM pages p "
        "JOIN articles a ON a.id = p.article_id WHERE p.final_url = ? OR p.requested_url = ?) ORDER BY id DESC",
        [reference, reference, reference],
    )
