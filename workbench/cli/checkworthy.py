"""``workbench checkworthy``: assess the check-worthiness of claims already stored (older databases, new models)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from workbench.cli.common import AppContext, err, out, pass_app
from workbench.services.checkworthiness import assess_stored

if TYPE_CHECKING:
    from workbench.store.repository import Store


def run_assessment(store: Store, *, everything: bool = False) -> int:
    """Assess with a progress bar on stderr (articles done of all); returns how many claims changed."""
    bar = Progress(
        TextColumn("assessing check-worthiness"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    task = bar.add_task("", total=None)
    with bar:
        return assess_stored(
            store, everything=everything, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )


@click.command("checkworthy")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Re-assess every claim, not only those without a label (after upgrading the workbench).",
)
@pass_app
def checkworthy(app: AppContext, everything: bool) -> None:
    """Label stored claims checkable or context, for databases made before check-worthiness existed.

    New claims are labelled as they are ingested; claims stored by an older workbench have no label until this
    runs (the next `workbench ingest` or `workbench review` runs it too). Until then they are listed as
    checkable, so nothing is hidden. --all re-assesses every claim, for example after an upgrade changed the
    model. An interrupted run keeps what it did; run it again to finish.

    \b
    Example:
      workbench --db old.db checkworthy
    """
    with app.store() as store:
        changed = run_assessment(store, everything=everything)
        counts = store.checkworthy_counts()
    summary = ", ".join(f"{counts.get(label, 0):,} {label}" for label in ("checkable", "context"))
    out.print(f"{changed:,} claims (re)assessed; now {summary}")


COMMANDS = [checkworthy]
