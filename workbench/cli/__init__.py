"""The ``workbench`` command: parse options, call a service, print. Commands live in the modules of this package."""

from __future__ import annotations

import click

from workbench import __version__
from workbench.cli.common import AppContext, WorkbenchGroup

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


@click.group(cls=WorkbenchGroup, context_settings=CONTEXT, invoke_without_command=True)
@click.option(
    "--db",
    "db_option",
    metavar="FILE",
    help="Database file. Default: $WORKBENCH_DB, else ./workbench.db.",
)
@click.option(
    "--reviewer",
    "reviewer_option",
    metavar="NAME",
    help="Who is reviewing. Default: $WORKBENCH_REVIEWER, else the config file, else your OS user name.",
)
@click.version_option(__version__, prog_name="workbench")
@click.pass_context
def main(ctx: click.Context, db_option: str | None, reviewer_option: str | None) -> None:
    """Claim-tracking and fact-check workbench.

    Extracts the quantitative claims and direct quotes from news articles, clusters the same claim and the same
    quote across outlets, and lets reviewers record verdicts, sources and notes in a terminal UI.

    \b
    Start with:
      workbench review seeds/          ingest the bundled articles and open the workbench
      workbench claims --kind money    list money claims
      workbench COMMAND --help         help and an example for each command
    """
    ctx.obj = AppContext(db_option=db_option, reviewer_option=reviewer_option)
    if ctx.invoked_subcommand is None:  # a newcomer's first try: the overview, not "Missing command"
        click.echo(ctx.get_help())
        ctx.exit(0)


def _register() -> None:
    from workbench.cli import (
        audit,
        checkworthy,
        corrections,
        explain,
        export,
        ingest,
        listing,
        page,
        review,
        reviewers,
        schema,
        stories,
        tui,
    )

    for module in (
        audit,
        checkworthy,
        corrections,
        export,
        ingest,
        listing,
        page,
        review,
        reviewers,
        schema,
        stories,
        tui,
        explain,
    ):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
