"""``workbench review``: ingest the given paths (with the usual progress), then open the terminal UI."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

import click

from workbench.cli.common import URLS_OPTION, AppContext, err, pass_app

if TYPE_CHECKING:
    from workbench.store.repository import Store


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@URLS_OPTION
@click.option("--encoding", metavar="NAME", help="Decode plain-text files and web pages with this encoding.")
@pass_app
def review(app: AppContext, paths: tuple[str, ...], url_files: tuple[IO[str], ...], encoding: str | None) -> None:
    """Open the review workbench, after ingesting PATHS (files, folders, web addresses) if any are given.

    Browse claims, quotes and articles, filter them, and record verdicts, rationale, sources and notes. Press ?
    in the app for every key; ctrl+p finds any action or article by name; ctrl+q quits. Keys can be remapped in
    the config file's [keys] table.

    Given web addresses, it opens on the first fetched article (Escape goes to the lists).

    \b
    Examples:
      workbench review seeds/
      workbench review https://www.example.com/news/iran-venezuela-deal
      workbench --db team.db --reviewer ana review
    """
    # Imported here so that other commands do not pay for loading Textual; the ingest and the assessment (the
    # extractor, the fetcher) only when there is something for them to do, so that the first rows paint sooner.
    from workbench.services.catalog import Catalog
    from workbench.services.review import ReviewError, ReviewService
    from workbench.tui.app import WorkbenchApp

    if not _has_terminal():
        raise click.UsageError(
            "the review UI needs a terminal; use `workbench claims` or `workbench quotes` to list items in a script"
        )
    with app.store() as store:
        try:  # before any ingest: a reviewer name the team database refuses should cost nothing
            service = ReviewService(store, app.reviewer)
            service.require_registered()
        except ReviewError as exc:
            raise click.UsageError(str(exc)) from exc
        ingested = _ingest_first(app, store, paths, url_files, encoding) if paths or url_files else None
        ok, first = ingested or (True, None)
        if ingested is None and store.count_unassessed():
            from workbench.cli.checkworthy import run_assessment

            run_assessment(store)  # a database from before check-worthiness: the queue needs the labels
        WorkbenchApp(Catalog(store), service, keymap=app.settings.keys, article_id=first).run()
    sys.exit(0 if ok else 1)


def _ingest_first(
    app: AppContext, store: Store, paths: Sequence[str], url_files: Sequence[IO[str]], encoding: str | None
) -> tuple[bool, int | None] | None:
    """Ingest what was named on the command line: whether all of it went in, and the article to open first (None
    when the address lists named nothing)."""
    from workbench.cli.ingest import read_url_files, run_ingest
    from workbench.services.fetch import WebAddress
    from workbench.services.ingest import is_web_address

    urls = read_url_files(url_files)
    if not paths and not urls:
        return None
    ok = run_ingest(app, store, paths, encoding, quiet=False, urls=urls).ok
    if not ok:
        err.print("some input was rejected (see above); opening the workbench with the rest")
    first = _first_web_article(
        store, [*(p for p in paths if is_web_address(p)), *(u.url for u in urls if isinstance(u, WebAddress))]
    )
    return ok, first


def _first_web_article(store: Store, addresses: Sequence[str]) -> int | None:
    """The article of the first address that is in the database now (fetched now or before)."""
    from workbench.services.archive import ArchiveError, resolve_article

    for address in addresses:
        try:
            return resolve_article(store, address)
        except ArchiveError:
            continue
    return None


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


COMMANDS = [review]
