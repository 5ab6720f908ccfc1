"""``workbench page``: the archived web page of an article, written back out byte for byte, or where and when it was
captured."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click
from rich.text import Text

from workbench.cli.common import AppContext, err, pass_app, print_json_lines, print_table
from workbench.services.archive import ArchiveError, archived_page, describe_capture, resolve_article


@click.command()
@click.argument("article")
@click.option(
    "--out",
    "-o",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the page to FILE (replaced whole, never half-written). Default: standard output, "
    "when it is not a terminal.",
)
@click.option(
    "--version",
    "version",
    type=click.IntRange(min=1),
    metavar="N",
    help="The page of version N of the article (default: the current version).",
)
@click.option("--info", is_flag=True, help="Say where and when the page was captured instead of writing it.")
@click.option("--json", "as_json", is_flag=True, help="With --info: one JSON object.")
@pass_app
def page(app: AppContext, article: str, out_path: Path | None, version: int | None, info: bool, as_json: bool) -> None:
    """Write out the web page an article was extracted from, exactly as it was received.

    ARTICLE is an article id, a file name, or a web address (as given to `workbench ingest`, or where it
    redirected). The bytes are checked against the sha256 recorded when the page was captured.

    \b
    Examples:
      workbench page https://www.example.com/news/iran-venezuela --out page.html
      workbench page 12 --version 1 > first-version.html
      workbench page 12 --info
    """
    with app.store() as store:
        try:
            article_id = resolve_article(store, article, version)
            archived = archived_page(store, article_id)
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from exc
        record = store.get_article(article_id)
    facts = dict(archived.info)
    facts.update(
        article_id=article_id, source=record.source if record else None, version=record.version if record else None
    )
    if info:
        if as_json:
            print_json_lines([facts])
        else:
            _print_info(facts)
        return
    if out_path is None:
        if sys.stdout.isatty():
            raise click.UsageError(
                "the page is raw HTML: give --out FILE, or redirect the output "
                f"(workbench page {article} > page.html); --info describes it"
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(archived.body)
        sys.stdout.buffer.flush()
        return
    _write_atomically(out_path, archived.body)
    err.print(
        Text(
            f"wrote {out_path} ({len(archived.body):,} bytes, sha256 {facts['sha256'][:16]}…): "
            f"article {article_id} version {facts['version']}, "
            + describe_capture(facts["origin"], facts["final_url"], facts["fetched_at"], facts["http_status"])
        )
    )


def _print_info(facts: dict) -> None:
    rows = [
        {"field": name, "value": facts.get(name)}
        for name in (
            "article_id",
            "source",
            "version",
            "origin",
            "requested_url",
            "final_url",
            "http_status",
            "fetched_at",
            "content_type",
            "charset",
            "size",
            "sha256",
        )
    ]
    rows += [{"field": f"header {name}", "value": value} for name, value in sorted(facts["headers"].items())]
    print_table(rows, [("field", "field"), ("value", "value")])


def _write_atomically(path: Path, data: bytes) -> None:
    """Temporary file beside the target, then a rename: a reader never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


COMMANDS = [page]
