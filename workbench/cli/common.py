"""What every command shares: the context object, opening the store, printing safely."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from workbench.config import ConfigError, Settings, load_settings, resolve_reviewer
from workbench.store.db import StoreError, describe_error, resolve_db_path
from workbench.store.repository import Store
from workbench.textsafe import for_terminal

# Rich never interprets article text as markup here: tables are built from Text objects and consoles have markup
# and emoji codes off, so "[bold]" or ":smile:" in an article prints literally.
# Piped output gets a wide, stable width instead of rich's 80 columns, so tables stay readable in files and pagers.
out = Console(markup=False, emoji=False, highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)


@dataclass
class AppContext:
    db_option: str | None = None
    reviewer_option: str | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db_option)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings()
            except ConfigError as exc:
                raise click.ClickException(str(exc)) from exc
        return self._settings

    @property
    def reviewer(self) -> str:
        return resolve_reviewer(self.reviewer_option, self.settings)

    @contextmanager
    def store(self, *, readonly: bool = False) -> Iterator[Store]:
        """The open database; ``readonly`` for commands that only read (no lock: they answer during an ingest)."""
        try:
            store = Store.open(self.db_path, readonly=readonly)
        except StoreError as exc:
            raise click.ClickException(for_terminal(str(exc), single_line=True)) from exc
        try:
            yield store
        finally:
            store.close()


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives and its one-line help, so that listing commands imports none of them."""

    module: str
    attribute: str
    summary: str


def _database_errors() -> tuple[type[Exception], ...]:
    """The engine errors a command can raise. psycopg is imported only for a PostgreSQL database (it costs a tenth
    of a second of every SQLite launch), so its errors are caught only once it is loaded."""
    psycopg = sys.modules.get("psycopg")
    return (sqlite3.Error, psycopg.Error) if psycopg else (sqlite3.Error,)


class WorkbenchGroup(click.Group):
    """The command group: OS and SQLite errors become one line and exit status 1, and SIGTERM unwinds like Ctrl-C
    (transactions roll back, half-written export files are removed) instead of killing the process mid-write.

    Commands named in ``lazy`` are imported only when invoked: `workbench review` must not pay for loading the
    extractor and the exporters before the TUI paints, and `workbench --help` lists them from their summaries."""

    def __init__(self, *args: Any, lazy: dict[str, LazyCommand] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            where = self.lazy[cmd_name]
            command = getattr(importlib.import_module(where.module), where.attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Like click's, but a command not imported yet is described by its summary instead of being imported."""
        names = [name for name in self.list_commands(ctx) if name in self.lazy or not self.commands[name].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = [
            (
                name,
                (self.commands.get(name) or click.Command(name, help=self.lazy[name].summary)).get_short_help_str(
                    limit
                ),
            )
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        with _terminate_cleanly():
            try:
                return super().invoke(ctx)
            except _database_errors() as exc:
                app = ctx.find_object(AppContext)
                message = describe_error(app.db_path if app else "database", exc)
                raise click.ClickException(for_terminal(message, single_line=True)) from exc
            except BrokenPipeError:  # stdout closed early (`| head`): nothing left to say, and nothing to flush
                with contextlib.suppress(OSError, ValueError):
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                sys.exit(1)
            except OSError as exc:
                raise click.ClickException(for_terminal(describe_os_error(exc), single_line=True)) from exc


def describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return reason if exc.filename is None else f"{exc.filename}: {reason}"


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


pass_app = click.make_pass_decorator(AppContext, ensure=True)

# Shared by `ingest` and `review`; here so that `review` can offer it without importing the ingest machinery.
URLS_OPTION = click.option(
    "--urls",
    "url_files",
    type=click.File("r", encoding="utf-8-sig"),
    multiple=True,
    metavar="FILE",
    help="Fetch the web pages listed in FILE, one address per line (# starts a comment; - reads stdin). Repeatable.",
)


def safe(value: Any, *, single_line: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
    return for_terminal(str(value), single_line=single_line)


def print_table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    empty: str = "nothing matches",
) -> None:
    """A rich table of ``rows``; ``columns`` are (key, header). Every cell is literal, sanitized text."""
    if not rows:
        err.print(empty)
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(safe(row.get(key))) for key, _ in columns))
    out.print(table)


def print_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line on stdout (``ensure_ascii`` keeps escape codes escaped for terminals)."""
    write = sys.stdout.write
    for row in rows:
        write(json.dumps(row, ensure_ascii=True, default=str) + "\n")


def echo_problem(kind: str, message: str) -> None:
    style = {"error": "red", "skipped": "yellow", "warning": "yellow"}.get(kind, "")
    err.print(Text.assemble((f"{kind}: ", style), for_terminal(message, single_line=True)))
