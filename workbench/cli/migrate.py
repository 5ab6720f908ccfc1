"""``workbench migrate --to URL``: copy the SQLite database into an empty PostgreSQL one and check the copy."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from workbench.cli.common import AppContext, err, out, pass_app, safe
from workbench.services.transfer import StoreError, is_url, migrate_to


@click.command()
@click.option("--to", "url", required=True, metavar="URL", help="The empty PostgreSQL database: postgresql://...")
@click.option("--quiet", is_flag=True, help="No progress lines on stderr.")
@pass_app
def migrate(app: AppContext, url: str, quiet: bool) -> None:
    """Copy the SQLite database into an empty PostgreSQL one (team mode) and check every table.

    Copies the database of --db (else $WORKBENCH_DB, else ./workbench.db): articles, versions, items, clusters,
    stories, reviews, events, everything; then compares each table's row count and checksum and prints them. A
    database that is not empty is refused and left untouched. Exit status 1 when a table differs.

    \b
    Example:
      workbench --db desk.db migrate --to postgresql://ana@dbhost/desk
      export WORKBENCH_DB=postgresql://ana@dbhost/desk   # then every command uses the shared database
    """
    if not is_url(url):
        raise click.BadParameter("give a postgresql:// URL, e.g. postgresql://user@host/dbname", param_hint="--to")

    def progress(step: str) -> None:
        if not quiet:
            err.print(f"migrate: {step}")

    try:
        report = migrate_to(app.db_path, url, progress)
    except StoreError as exc:
        raise click.ClickException(safe(str(exc))) from exc
    table = Table("table", "rows (SQLite)", "rows (PostgreSQL)", "checksum", title=f"copied into {report.target}")
    for check in report.checks:
        table.add_row(
            Text(check.table),
            Text(str(check.source_rows)),
            Text(str(check.target_rows)),
            Text("equal" if check.equal else "DIFFERENT"),
        )
    out.print(table)
    if not report.equal:
        different = ", ".join(check.table for check in report.checks if not check.equal)
        raise click.ClickException(f"the copy differs from the original in: {different}")


COMMANDS = [migrate]
