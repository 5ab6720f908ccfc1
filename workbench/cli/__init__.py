"""The ``workbench`` command: parse options, call a service, print. Commands live in the modules of this package."""

from __future__ import annotations

import click

from workbench import __version__
from workbench.cli.common import AppContext, LazyCommand, WorkbenchGroup

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


# Every command, imported only when it runs (see WorkbenchGroup). The summary is the first sentence of the command's
# help, shown by `workbench --help`; a test checks each against the command itself, and that every COMMANDS list of
# this package is here.
COMMANDS = {
    name: LazyCommand(f"workbench.cli.{module}", attribute, summary)
    for name, (module, attribute, summary) in {
        "add": (
            "corrections",
            "add",
            "Add a claim or quote the extractor missed: text[START:END] of ARTICLE (its id or source name).",
        ),
        "agreement": (
            "review",
            "agreement",
            "How often reviewers agree on the items both judged: n, observed agreement, Cohen's kappa with its 95% "
            "interval per pair, and the disagreements.",
        ),
        "articles": ("listing", "articles", "List the stored articles with their outlet, date and counts."),
        "assign": ("review", "assign", 'Give an item to a reviewer; an empty name ("") unassigns it.'),
        "audit": ("audit", "audit", "Audit trails across outlets."),
        "blame": (
            "review",
            "blame",
            "Who set each current field of an item's review (and of a claim or quote, each corrected field).",
        ),
        "checkworthy": (
            "checkworthy",
            "checkworthy",
            "Label stored claims checkable or context, for databases made before check-worthiness existed.",
        ),
        "claims": (
            "listing",
            "claims",
            "List the checkable quantitative claims, most check-worthy first, with normalized values.",
        ),
        "cluster": (
            "corrections",
            "cluster_group",
            "Change clusters by hand: split an item off, move it, merge two clusters, clear a conflict flag.",
        ),
        "conflicts": (
            "stories",
            "conflicts",
            "List conflicting figures: two claim clusters that state the same thing with numbers that cannot both be "
            'right ("247 dead" / "241 dead"), each shown by one claim of each side, sentence beside sentence.',
        ),
        "correct": (
            "corrections",
            "correct",
            "Fix fields of a claim or a quote; lists, exports and ClaimReview use your values from now on.",
        ),
        "dismiss": (
            "corrections",
            "dismiss",
            "Take a claim or quote out of the lists and exports (it stays in the database; undismiss brings it back).",
        ),
        "eval": ("corrections", "eval_group", "Measure the extractor against what reviewers did."),
        "explain": (
            "explain",
            "explain",
            "Why is this a claim? Each mention with its figure, speaker and the rules that decided it, in order.",
        ),
        "export": (
            "export",
            "export_group",
            "Write claims, quotes and verdicts out for other tools: CSV, JSON Lines, ClaimReview.",
        ),
        "history": (
            "review",
            "history",
            "Every change to an item, oldest first, including those made before a re-ingest moved it.",
        ),
        "import": (
            "export",
            "import_group",
            "Bring edits back in: verdicts, rationales and sources from an edited CSV export.",
        ),
        "ingest": ("ingest", "ingest", "Read articles into the database and extract their claims and quotes."),
        "migrate": (
            "migrate",
            "migrate",
            "Copy the SQLite database into an empty PostgreSQL one (team mode) and check every table.",
        ),
        "note": ("review", "note", "Add a note to an item (for the team; not exported as a verdict)."),
        "orphans": (
            "review",
            "orphans",
            "Reviews whose item disappeared (a new article version, or re-extraction): kept, waiting for a human.",
        ),
        "page": (
            "page",
            "page",
            "Write out the web page an article was extracted from, exactly as it was received.",
        ),
        "quotes": ("listing", "quotes", "List the direct quotes with their speakers and clusters."),
        "redo": ("review", "redo", "Re-apply the change you undid last."),
        "reextract": (
            "corrections",
            "reextract_command",
            "Run the current extractor again on stored articles, keeping every verdict, note and correction.",
        ),
        "review": (
            "tui",
            "review",
            "Open the review workbench, after ingesting PATHS (files, folders, web addresses) if any are given.",
        ),
        "reviewers": (
            "reviewers",
            "reviewers_group",
            "Register the team's reviewers, so a typo in --reviewer cannot create a new person in the history.",
        ),
        "schema": (
            "schema",
            "schema",
            "Check, regenerate or print the generated schema: schema.sql and the JSON Schemas of the JSONL records.",
        ),
        "source": (
            "review",
            "source",
            "Attach a source (http or https URL) to an item; with --reference-value, compare it with the claim.",
        ),
        "status": (
            "review",
            "status",
            "Mark an item in_progress while you check it (or back to unreviewed); a recorded verdict stands meanwhile.",
        ),
        "stories": (
            "stories",
            "stories",
            "List the stories: articles of several outlets that report one news event, widest first.",
        ),
        "undismiss": ("corrections", "undismiss", "Bring a dismissed claim or quote back into the lists and exports."),
        "undo": ("review", "undo", "Take back your latest change (a new event; nothing is deleted)."),
        "verdict": (
            "review",
            "verdict",
            "Record a verdict on a claim, a quote or a cluster (a cluster's verdict applies to members without one).",
        ),
    }.items()
}


@click.group(cls=WorkbenchGroup, lazy=COMMANDS, context_settings=CONTEXT, invoke_without_command=True)
@click.option(
    "--db",
    "db_option",
    metavar="FILE",
    help="Database file, or a postgresql://user@host/dbname URL (team mode). Default: $WORKBENCH_DB, else "
    "./workbench.db.",
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
