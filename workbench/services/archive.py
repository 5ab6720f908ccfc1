"""The page archive as the CLI and the TUI use it: which article version a reference names, and its page."""

from __future__ import annotations

from typing import Any

from workbench.store import pages
from workbench.store.pages import ArchiveDamaged, ArchivedPage
from workbench.store.repository import Store

__all__ = ["ArchiveError", "ArchivedPage", "archived_page", "capture_of", "describe_capture", "resolve_article"]


class ArchiveError(Exception):
    pass


def resolve_article(store: Store, reference: str, version: int | None = None) -> int:
    """The id of the article version ``reference`` names: an id, a source, or a web address (as typed, as
    redirected to, or normalized); the current version unless ``version`` is given."""
    # Imported here: the TUI imports this module for ``describe_capture``, and must not load the HTML reader to
    # paint its first rows.
    from workbench.pipeline.html import is_web_address, source_of_url

    reference = reference.strip()
    found = pages.articles_named(store, reference)
    if not found and is_web_address(reference):
        found = pages.articles_named(store, source_of_url(reference))
    if not found:
        raise ArchiveError(
            f"no article {reference!r} (give an article id, a file name or a web address; "
            "`workbench articles` lists them)"
        )
    if reference.isdigit() and version is None:
        return int(found[0]["id"])
    if version is not None:
        chosen = [row for row in found if row["version"] == version]
        if not chosen:
            known = ", ".join(str(row["version"]) for row in sorted(found, key=lambda row: row["version"]))
            raise ArchiveError(f"{found[0]['source']!r} has no version {version} (versions: {known})")
        return int(chosen[0]["id"])
    return int(next((row for row in found if row["current"]), found[0])["id"])


def archived_page(store: Store, article_id: int) -> ArchivedPage:
    """The page an article version was extracted from, checked against its sha256."""
    try:
        page = pages.archived_page(store, article_id)
    except ArchiveDamaged as exc:
        raise ArchiveError(str(exc)) from exc
    if page is None:
        raise ArchiveError(f"article {article_id} was not read from a web page, so no page is archived for it")
    return page


def capture_of(store: Store, article_id: int) -> dict[str, Any] | None:
    """Where and when the page of an article version was captured, or None for an article from a text file."""
    return pages.page_info(store, article_id)


def describe_capture(origin: str | None, url: str | None, at: str | None, status: int | None = None) -> str:
    """One line on where and when a page was captured, the same words in the CLI, the audit and the TUI."""
    when = f"{str(at)[:19].replace('T', ' ')} UTC" if at else "an unknown time"
    if origin == "file":
        return f"saved page, read {when}" + (f"; it names {url}" if url else "")
    return f"fetched from {url} at {when}" + (f" (HTTP {status})" if status else "")
