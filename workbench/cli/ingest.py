"""``workbench ingest``: files and folders into the database, with progress and a per-file report."""

from __future__ import annotations

import sys

import click
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from workbench.cli.common import AppContext, echo_problem, err, out, pass_app
from workbench.pipeline.reader import Problem
from workbench.services.ingest import IngestProgress, IngestReport, ingest_paths
from workbench.store.repository import Store
from workbench.textsafe import for_terminal


class RichIngestProgress(IngestProgress):
    """A progress bar on stderr; problems are printed above it as they happen, one line each."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}", style="dim"),
            console=err,
            transient=True,
            disable=quiet,
        )
        self.task = self.bar.add_task("ingesting", total=None, current="")

    def __enter__(self) -> RichIngestProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def start(self, total_bytes: int) -> None:
        self.bar.update(self.task, total=total_bytes)

    def advance(self, done_bytes: int, label: str) -> None:
        name = for_terminal(label.rsplit("/", 1)[-1], single_line=True)
        self.bar.update(self.task, completed=done_bytes, current=name[:40])

    def problem(self, problem: Problem) -> None:
        if not (self.quiet and problem.severity == "warning"):
            echo_problem(problem.severity, str(problem))

    def phase(self, name: str) -> None:
        self.bar.update(self.task, description=name, current="")


def run_ingest(app: AppContext, store: Store, paths: tuple[str, ...], encoding: str | None, quiet: bool,
               workers: int | None = None) -> IngestReport:
    with RichIngestProgress(quiet) as progress:
        report = ingest_paths(store, paths, encoding=encoding, progress=progress, workers=workers,
                              reviewer=app.reviewer)
    summary = Text(report.summary())
    if not report.ok:
        summary.stylize("red")
    (err if quiet else out).print(summary)
    return report


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--encoding", metavar="NAME", help="Decode plain-text files with this encoding (e.g. cp1252) "
              "instead of UTF-8. UTF-16 with a byte order mark is always recognized.")
@click.option("--workers", type=click.IntRange(1, 64), help="Processes for extraction (default: CPU count, max 4).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no warnings; errors still print.")
@pass_app
def ingest(app: AppContext, paths: tuple[str, ...], encoding: str | None, workers: int | None, quiet: bool) -> None:
    """Read articles into the database and extract their claims and quotes.

    PATHS are .txt/.md files (one article each), .jsonl/.jsonl.gz files (one article per line) and folders
    (searched recursively). A manifest.toml or manifest.json beside plain files gives their outlet and date.
    Re-ingesting the same text does nothing; changed text under the same file name or id becomes a new version.
    Each rejected file gets one line saying why; the rest of the batch still goes in. Exit status 1 when any
    input was rejected.

    \b
    Example:
      workbench ingest seeds/ more-articles.jsonl.gz
    """
    with app.store() as store:
        report = run_ingest(app, store, paths, encoding, quiet, workers)
    sys.exit(0 if report.ok else 1)


COMMANDS = [ingest]
