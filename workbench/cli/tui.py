"""``workbench review``: ingest the given paths (with the usual progress), then open the terminal UI."""

from __future__ import annotations

import sys

import click

from workbench.cli.checkworthy import run_assessment
from workbench.cli.common import AppContext, err, pass_app
from workbench.cli.ingest import run_ingest


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--encoding", metavar="NAME", help="Decode plain-text files with this encoding instead of UTF-8.")
@pass_app
def review(app: AppContext, paths: tuple[str, ...], encoding: str | None) -> None:
    """Open the review workbench, after ingesting PATHS if any are given.

    Browse claims, quotes and articles, filter them, and record verdicts, rationale, sources and notes. Press ?
    in the app for every key; ctrl+p finds any action or article by name; ctrl+q quits. Keys can be remapped in
    the config file's [keys] table.

    \b
    Example:
      workbench review seeds/
      workbench --db team.db --reviewer ana review
    """
    # Imported here so that other commands do not pay for loading Textual.
    from workbench.services.catalog import Catalog
    from workbench.services.review import ReviewError, ReviewService
    from workbench.tui.app import WorkbenchApp

    if not _has_terminal():
        raise click.UsageError("the review UI needs a terminal; use `workbench claims` or `workbench quotes` "
                               "to list items in a script")
    ok = True
    with app.store() as store:
        if paths:
            ok = run_ingest(app, store, paths, encoding, quiet=False).ok
            if not ok:
                err.print("some input was rejected (see above); opening the workbench with the rest")
        elif store.count_unassessed():
            run_assessment(store)  # a database from before check-worthiness: the queue needs the labels
        try:
            service = ReviewService(store, app.reviewer)
        except ReviewError as exc:
            raise click.UsageError(str(exc)) from exc
        WorkbenchApp(Catalog(store), service, keymap=app.settings.keys).run()
    sys.exit(0 if ok else 1)


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


COMMANDS = [review]
