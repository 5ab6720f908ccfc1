"""``workbench export csv|jsonl|claimreview`` and ``workbench import verdicts``: results out, spreadsheet edits in."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from workbench.cli.common import AppContext, echo_problem, err, out, pass_app, print_table
from workbench.export.claimreview import export_claimreview, missing_publisher_settings
from workbench.export.csv_export import export_csv
from workbench.export.files import DEFAULT_EXPORT_DIR, ExportProgress, timestamped_path
from workbench.export.gold import export_gold
from workbench.export.importer import ImportFileError, ImportPlan, RowEdit, apply_import, iter_import
from workbench.export.jsonl import export_jsonl
from workbench.models import VERDICT_LABELS, WORKFLOW_STATES
from workbench.services.reviewers import ReviewerError, check_reviewer
from workbench.store.exports import ExportFilter
from workbench.textsafe import for_terminal

# Below this many rows an export finishes before a bar would be worth drawing.
PROGRESS_MIN_ROWS = 20_000


class RichExportProgress(ExportProgress):
    """A transient bar on stderr, so stdout stays clean for whatever the user pipes it into."""

    def __init__(self) -> None:
        self.bar = Progress(
            TextColumn("exporting {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> RichExportProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def start(self, label: str, total: int) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(label, total=total, visible=total >= PROGRESS_MIN_ROWS)

    def advance(self, count: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, count)


@contextmanager
def _writing_into(directory: Path) -> Iterator[None]:
    """An export that cannot be written (a file where the folder should be, no permission, a full disk) is one
    line naming the folder; its temporary files are already gone (``AtomicFiles``)."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        reason = exc.strerror or str(exc)
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            reason = "a file is in the way (an export needs a folder there)"
        where = f" ({exc.filename})" if exc.filename and Path(exc.filename) != directory else ""
        raise click.ClickException(
            for_terminal(f"cannot write the export into {directory}: {reason}{where}", single_line=True)
        ) from exc


def _out_option(help_text: str) -> Any:
    return click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help=help_text)


@click.group("export")
def export_group() -> None:
    """Write claims, quotes and verdicts out for other tools: CSV, JSON Lines, ClaimReview.

    \b
    Example:
      workbench export csv --reviewed --excel
    """


@export_group.command("csv")
@_out_option("Folder for claims-<timestamp>.csv and quotes-<timestamp>.csv. Default: exports/.")
@click.option(
    "--verdict",
    type=click.Choice((*VERDICT_LABELS, *WORKFLOW_STATES)),
    help="Only items whose effective verdict (own or their cluster's) is this.",
)
@click.option("--outlet", help="Only items from outlets whose name contains this text (case-insensitive).")
@click.option("--cluster", "cluster_id", type=int, help="Only members of this cluster.")
@click.option("--story", "story_id", type=int, help="Only items of this story's articles.")
@click.option("--reviewed", "reviewed_only", is_flag=True, help="Only items with a verdict from the scale.")
@click.option(
    "--checkable",
    "checkable_only",
    is_flag=True,
    help="Leave out the claims whose numbers are only context (years, ages, labels); quotes are kept.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="Start the files with a UTF-8 byte order mark, so Excel reads accents and curly quotes correctly.",
)
@click.option(
    "--blind",
    is_flag=True,
    help="For an independent second review: verdict, rationale and sources "
    "are left empty except your own (--reviewer); the re-import records your judgements, even where they "
    "equal the current verdict, without replacing a colleague's.",
)
@pass_app
def export_csv_command(app: AppContext, out_dir: Path | None, excel: bool, blind: bool, **filters: Any) -> None:
    """Write the annotated claims and quotes CSV: one row per item, with its verdict, rationale and sources.

    Verdicts are effective: an item without its own verdict shows its cluster's (column verdict_source says
    which). Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading
    ' ; numbers stay numbers. Edit verdict, rationale, sources (URLs separated by " | ") or reference_value in a
    spreadsheet and bring the edits back with `workbench import verdicts`. Column checkworthy says whether a
    claim is checkable or context (checkworthy_score: the probability that it is checkable).

    \b
    Examples:
      workbench export csv --reviewed --outlet mehr --excel
      workbench --reviewer bob export csv --blind     a second reviewer's blank sheet
    """
    if blind:
        filters["blind_for"] = app.reviewer
    directory = out_dir or DEFAULT_EXPORT_DIR
    with app.store(readonly=True) as store, RichExportProgress() as progress, _writing_into(directory):
        report = export_csv(store, directory, ExportFilter(**filters), excel=excel, progress=progress)
    for table, path in report.paths.items():
        out.print(f"wrote {report.written[table]} {table} to {path}")


@export_group.command("jsonl")
@_out_option(
    "Folder for articles.jsonl, claims.jsonl, quotes.jsonl and stories.jsonl. "
    "Default: a new exports/jsonl-<timestamp>/ folder."
)
@click.option("--story", "story_id", type=int, help="Only the articles, claims and quotes of this story.")
@pass_app
def export_jsonl_command(app: AppContext, out_dir: Path | None, story_id: int | None) -> None:
    """Write articles.jsonl, claims.jsonl, quotes.jsonl and stories.jsonl (the format the quality scorer reads).

    Only current article versions are written. Offsets index the article text as Python strings:
    text[start:end] is the mention. Every record carries its story_id; claims carry conflict_cluster_ids, the
    clusters that state the same thing with a figure theirs cannot be. A record whose offsets do not match is
    left out and reported (exit 1).

    \b
    Examples:
      workbench export jsonl --out build/run1
      workbench export jsonl --story 12 --out build/story-12
    """
    directory = out_dir or timestamped_path(DEFAULT_EXPORT_DIR, "jsonl", "")
    with app.store(readonly=True) as store, RichExportProgress() as progress, _writing_into(directory):
        report = export_jsonl(store, directory, progress, story_id=story_id)
    for problem in report.problems:
        echo_problem("error", problem)
    counts = ", ".join(f"{count} {name}" for name, count in report.written.items())
    out.print(f"wrote {counts} to {directory}")
    sys.exit(0 if report.ok else 1)


@export_group.command("claimreview")
@_out_option("Folder for claimreview-<timestamp>.json (or .html). Default: exports/.")
@click.option(
    "--html",
    "as_html",
    is_flag=True,
    help='Write an HTML page of <script type="application/ld+json"> blocks instead of a JSON list.',
)
@click.option(
    "--org",
    "organization",
    metavar="NAME",
    help="The publishing organization (else [claimreview] organization in the config file).",
)
@click.option(
    "--org-url", "organization_url", metavar="URL", help="Its home page (else [claimreview] organization_url)."
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Where the reviews are published; each review's url is this plus "
    "the item, e.g. .../claim-cluster-12 (else [claimreview] base_url).",
)
@pass_app
def export_claimreview_command(
    app: AppContext,
    out_dir: Path | None,
    as_html: bool,
    organization: str | None,
    organization_url: str | None,
    base_url: str | None,
) -> None:
    """Write schema.org ClaimReview JSON-LD: one review per reviewed claim, quote, or cluster.

    The author is the organization from the config file ([claimreview] organization, organization_url) and each
    review's url is [claimreview] base_url plus the reviewed item (e.g. .../claim-cluster-12). The reviewed claim
    lists every article it appears in, with its outlet as publisher; the earliest is its first appearance.
    Reviews that lack a field Google requires are reported and left out (exit 1). Without an organization and a
    base URL nothing is written (exit 2): a placeholder must never be published.

    \b
    Example:
      workbench export claimreview --html --out site/ \\
          --org "Example Fact Check" --base-url https://factcheck.example/reviews/
    """
    settings = replace(
        app.settings,
        organization=organization or app.settings.organization,
        organization_url=organization_url or app.settings.organization_url,
        claimreview_base_url=base_url or app.settings.claimreview_base_url,
    )
    missing = missing_publisher_settings(settings)
    if missing:
        where = settings.path or "workbench.toml"
        raise click.UsageError(
            "ClaimReview needs the publishing organization and the address of its reviews; set "
            + " and ".join(f"[claimreview] {key}" for key in missing)
            + f" in {where}, or pass "
            + " and ".join({"organization": "--org NAME", "base_url": "--base-url URL"}[key] for key in missing)
        )
    directory = out_dir or DEFAULT_EXPORT_DIR
    with app.store(readonly=True) as store, _writing_into(directory):
        report = export_claimreview(store, directory, settings, as_html=as_html)
    for problem in report.problems:
        echo_problem("error", problem)
    out.print(f"wrote {len(report.reviews)} reviews to {report.path}")
    sys.exit(0 if report.ok else 1)


@export_group.command("gold")
@_out_option("Folder for claims.jsonl, quotes.jsonl and articles.jsonl. Default: a new exports/gold-<timestamp>/.")
@pass_app
def export_gold_command(app: AppContext, out_dir: Path | None) -> None:
    """Write the items reviewers judged, with their corrected values, as a regression set for the extractor.

    Every claim and quote a reviewer recorded something on or added, with the reviewer's values, the fields
    they corrected (corrected) and what the extractor had said (extracted); dismissed items are included as
    negative examples (dismissed names why). articles.jsonl holds the texts the offsets index.

    \b
    Example:
      workbench export gold --out gold/2024-05
    """
    directory = out_dir or timestamped_path(DEFAULT_EXPORT_DIR, "gold", "")
    with app.store(readonly=True) as store, _writing_into(directory):
        report = export_gold(store, directory)
    counts = ", ".join(f"{count} {name}" for name, count in report.written.items())
    out.print(f"wrote {counts} to {directory}")


@click.group("import")
def import_group() -> None:
    """Bring edits back in: verdicts, rationales and sources from an edited CSV export.

    \b
    Example:
      workbench import verdicts exports/claims-20240501-101500.csv --dry-run
    """


@import_group.command("verdicts")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change and what would be refused; write nothing.")
@pass_app
def import_verdicts_command(app: AppContext, file: Path, dry_run: bool) -> None:
    """Apply a reviewer's edits of an exported claims or quotes CSV as review events.

    Edit the columns verdict, rationale, sources (URLs separated by " | ") and reference_value / reference_unit
    in any spreadsheet and save as CSV (UTF-8); other columns are ignored, and their order does not matter. Each
    changed row is recorded on its claim or quote as events by the importing reviewer (--reviewer), with history
    and undo. A row whose item changed in the database since the export is refused, so nobody's newer work is
    overwritten; a row with an unknown verdict or an invalid URL is rejected with its row and column. The other
    rows are applied. Exit status 1 when any row was refused or rejected.

    \b
    Example:
      workbench --reviewer ana import verdicts exports/claims-20240501-101500.csv --dry-run
    """
    reviewer = app.reviewer
    totals = {"applied": 0, "unchanged": 0, "refused": 0, "rejected": 0}
    title = "would change" if dry_run else f"changed by {reviewer}"
    with app.store(readonly=dry_run) as store:
        if not dry_run:  # a name the team database refuses is told before the first row, not on every row
            try:
                reviewer = check_reviewer(store, reviewer)
            except ReviewerError as exc:
                raise click.UsageError(str(exc)) from exc
        try:
            # A batch at a time: planned, applied, printed, forgotten; a file of any size fits in memory.
            for plan in iter_import(store, file):
                if plan.blind_for is not None and plan.blind_for != reviewer:
                    raise click.ClickException(
                        f"{file}: exported blind for {plan.blind_for}, whose own judgements it holds; import it as "
                        f"{plan.blind_for} (--reviewer {plan.blind_for})"
                    )
                applied = plan.edits if dry_run else apply_import(store, plan, reviewer).applied
                for warning in plan.warnings:
                    echo_problem("warning", warning)
                if _print_import_batch(plan, applied, None if totals["applied"] else title):
                    totals["applied"] += len(applied)
                totals["unchanged"] += plan.unchanged
                totals["refused"] += len(plan.refused)
                totals["rejected"] += len(plan.errors)
        except ImportFileError as exc:
            raise click.ClickException(str(exc)) from exc
    if not totals["applied"]:
        err.print("no changes")
    verb = "would apply" if dry_run else "applied"
    out.print(
        f"{verb} {totals['applied']} rows, {totals['unchanged']} unchanged, {totals['refused']} refused, "
        f"{totals['rejected']} rejected"
    )
    sys.exit(1 if totals["refused"] or totals["rejected"] else 0)


def _print_import_batch(plan: ImportPlan, applied: list[RowEdit], title: str | None) -> bool:
    """The batch's changes as a table (titled if it is the first) and its problems; whether it changed anything."""
    changes = [
        {"row": edit.row, "item": str(edit.item), "field": change.field, "before": change.before, "after": change.after}
        for edit in applied
        for change in edit.changes
    ]
    if changes:
        print_table(
            changes,
            [("row", "row"), ("item", "item"), ("field", "field"), ("before", "before"), ("after", "after")],
            title=title,
        )
    problems = [("error", p) for p in plan.errors] + [("refused", p) for p in plan.refused]
    for kind, problem in sorted(problems, key=lambda found: found[1].row):
        echo_problem(kind, str(problem))
    return bool(applied)


COMMANDS = [export_group, import_group]
