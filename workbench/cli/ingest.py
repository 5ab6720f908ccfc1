"""``workbench ingest``: files and folders into the database, with progress and a per-file report."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING

import click
from rich import filesize
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from workbench.cli.common import URLS_OPTION, AppContext, echo_problem, err, out, pass_app
from workbench.services.fetch import FetchSettings, WebAddress, addresses_from_list
from workbench.services.ingest import IngestProgress, IngestReport, Problem, ingest_paths
from workbench.textsafe import for_terminal

if TYPE_CHECKING:
    from workbench.store.repository import Store


class _ProblemsOnStderr(IngestProgress):
    """Problems printed on stderr as they happen, one line each (warnings not when quiet)."""

    quiet = False

    def problem(self, problem: Problem) -> None:
        if not (self.quiet and problem.severity == "warning"):
            echo_problem(problem.severity, str(problem))


class RichIngestProgress(_ProblemsOnStderr):
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

    def phase(self, name: str) -> None:
        self.bar.update(self.task, description=name, current="")

    def fetching(self, done: int, total: int, address: str) -> None:
        self.bar.update(
            self.task, description=f"fetched {done}/{total} pages", current=for_terminal(address, single_line=True)[:60]
        )


class PlainIngestProgress(_ProblemsOnStderr):
    """Progress as plain lines on stderr, for logs and pipes: one when each phase starts and, while extracting, one
    every ``interval`` seconds and one when it is done (a bar would fill a log file with redraws)."""

    def __init__(self, interval: float = 5.0, clock: Callable[[], float] = time.monotonic):
        self.interval = interval
        self.clock = clock
        self.started = self.last = clock()
        self.total = self.done = self.inputs = 0
        self.current = ""
        self.shown: tuple[int, int] | None = None  # (bytes, inputs) of the last extracting line

    def __enter__(self) -> PlainIngestProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._finish_extracting()

    def start(self, total_bytes: int) -> None:
        self.total = total_bytes

    def advance(self, done_bytes: int, label: str) -> None:
        self.done, self.inputs = done_bytes, self.inputs + 1
        if self.clock() - self.last >= self.interval:
            self._extracting_line()

    def phase(self, name: str) -> None:
        self._finish_extracting()
        self.current = name
        self._line(name)

    def fetching(self, done: int, total: int, address: str) -> None:
        if self.clock() - self.last >= self.interval or done == total:
            self._line(f"fetched {done:,} of {total:,} pages")

    def _finish_extracting(self) -> None:
        if self.current == "extracting":
            self.done = max(self.done, self.total)
            if self.shown != (self.done, self.inputs):
                self._extracting_line()
            self.current = ""

    def _extracting_line(self) -> None:
        share = f"{100 * self.done // self.total}%" if self.total else "100%"
        self.shown = (self.done, self.inputs)
        self._line(f"extracting {share} of {filesize.decimal(self.total)}, {self.inputs:,} inputs read")

    def _line(self, what: str) -> None:
        self.last = self.clock()
        err.print(Text(f"ingest: {what} ({self.last - self.started:.0f} s)"))


def ingest_progress(quiet: bool) -> RichIngestProgress | PlainIngestProgress:
    """A bar where a person watches the terminal; plain lines where stderr goes to a log or a pipe."""
    return PlainIngestProgress() if not quiet and not err.is_terminal else RichIngestProgress(quiet)


# Shared by `ingest` and `review`.
def read_url_files(url_files: Sequence[IO[str]]) -> list[WebAddress | Problem]:
    return [item for handle in url_files for item in addresses_from_list(getattr(handle, "name", "<stdin>"), handle)]


def run_ingest(
    app: AppContext,
    store: Store,
    paths: Sequence[str],
    encoding: str | None,
    quiet: bool,
    workers: int | None = None,
    urls: Sequence[WebAddress | Problem] = (),
) -> IngestReport:
    with ingest_progress(quiet) as progress:
        report = ingest_paths(
            store,
            paths,
            encoding=encoding,
            progress=progress,
            workers=workers,
            urls=urls,
            fetch=FetchSettings.from_config(app.settings.fetch),
            outlets=app.settings.outlets,
            reviewer=app.reviewer,
        )
    summary = Text(report.summary())
    if not report.ok:
        summary.stylize("red")
    (err if quiet else out).print(summary)
    if not quiet:
        out.print(Text(report.counts()))
    return report


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@URLS_OPTION
@click.option(
    "--encoding",
    metavar="NAME",
    help="Decode plain-text files and web pages with this encoding (e.g. "
    "cp1252) instead of UTF-8 or the page's declared charset. A byte order mark is always recognized.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Processes that extract articles (default: the cores this process may use).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no warnings; errors still print.")
@pass_app
def ingest(
    app: AppContext,
    paths: tuple[str, ...],
    url_files: tuple[IO[str], ...],
    encoding: str | None,
    workers: int | None,
    quiet: bool,
) -> None:
    """Read articles into the database and extract their claims and quotes.

    PATHS are .txt/.md files (one article each), saved web pages (.html/.htm), .jsonl/.jsonl.gz files (one article
    per line), folders (searched recursively) and web addresses (http:// or https://). A manifest.toml or
    manifest.json beside files gives their outlet and date. From a web page only the article's main text is kept
    (no navigation, boilerplate or comments), with its title, author, date and site name; the page itself is
    archived (see `workbench page`). An article is named by its path relative to the folder given (a file given
    alone: its file name), by its JSONL id (scoped by file and outlet) or by its final web address. Re-ingesting
    the same text does nothing; changed text under the same name becomes a new version. Each rejected input gets
    one line saying why; the rest of the batch still goes in. Exit status 1 when any input was rejected.

    \b
    Examples:
      workbench ingest seeds/ more-articles.jsonl.gz saved-pages/
      workbench ingest https://www.example.com/news/2024/iran-venezuela-deal
      workbench ingest --urls links.txt
    """
    if not paths and not url_files:
        raise click.UsageError("give files, folders or web addresses to ingest, or --urls FILE")
    with app.store() as store:
        report = run_ingest(app, store, paths, encoding, quiet, workers, read_url_files(url_files))
    sys.exit(0 if report.ok else 1)


COMMANDS = [ingest]
