"""``workbench review``: ingest the given paths (with the usual progress), then open the terminal UI."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

import click

from workbench.cli.checkworthy import run_assessment
from workbench.cli.common import AppContext, err, pass_app
from workbench.cli.ingest import URLS_OPTION, read_url_files, run_ingest
from workbench.services.archive import ArchiveError, resolve_article
from workbench.services.fetch import WebAddress
from workbench.services.ingest import is_web_address

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
    # Imported here so that other commands do not pay for loading Textual.
    from workbench.services.catalog import Catalog
    from workbench.services.review import ReviewError, ReviewService
    from workbench.tui.app import WorkbenchApp

    if not _has_terminal():
        raise click.UsageError(
            "the review UI needs a terminal; use `workbench claims` or `workbench quotes` to list items in a script"
        )
    ok = True
    urls = read_url_files(url_files)
    with app.store() as store:
        try:  # before any ingest: a reviewer name the team database refuses should cost nothing
            service = ReviewService(store, app.reviewer)
            service.require_registered()
        except ReviewError as exc:
            raise click.UsageError(str(exc)) from exc
        if paths or urls:
            ok = run_ingest(app, store, paths, encoding, quiet=False, urls=urls).ok
            if not ok:
                err.print("some input was rejected (see above); opening the workbench with the rest")
        elif store.count_unassessed():
            run_assessment(store)  # a database from before check-worthiness: the queue needs the labels
        first = _first_web_article(
            store, [*(p for p in paths if is_web_address(p)), *(u.url for u in urls if isinstance(u, WebAddress))]
        )
        WorkbenchApp(Catalog(store), service, keymap=app.settings.keys, article_id=first).run()
    sys.exit(0 if ok else 1)


def _first_web_article(store: Store, addresses: Sequence[str]) -> int | None:
    """The article of the first address that is in the database now (fetched now or before)."""
    for address in addresses:
        try:
            return resolve_article(store, address)
        except ArchiveError:
            continue
    return None


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


COMMANDS = [review]
