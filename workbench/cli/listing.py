"""``workbench articles``, ``claims`` and ``quotes``: list and filter what was extracted."""

from __future__ import annotations

from typing import Any

import click

from workbench.cli.common import AppContext, err, pass_app, print_json_lines, print_table
from workbench.export.jsonl import with_iso_dates
from workbench.models import CALENDAR_KINDS, CLAIM_KINDS, VERDICT_LABELS, iso_date
from workbench.services.catalog import CHECKABLE, CONTEXT, VIEW_ORDERS, BrowseFilter, Catalog, View

VERDICT_FILTERS = (*VERDICT_LABELS, "unreviewed", "in_progress", "reviewed", "dismissed")


def _filter_options(func: Any) -> Any:
    options = [
        click.option("--outlet", help="Outlet name contains this text (case-insensitive)."),
        click.option("--speaker", help="Speaker name contains this text (case-insensitive)."),
        click.option("--text", "text", help="The mention or its sentence contains this text."),
        click.option("--source", help="Only the article with this file name or JSONL id."),
        click.option("--cluster", "cluster_id", type=int, help="Only members of this cluster."),
        click.option("--story", "story_id", type=int, help="Only items of this story's articles (see `stories`)."),
        click.option(
            "--verdict",
            type=click.Choice(VERDICT_FILTERS),
            help="Only this effective verdict (own or the cluster's); reviewed = any verdict; "
            "dismissed = only the items reviewers dismissed (hidden otherwise).",
        ),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many rows."),
        click.option(
            "--clusters",
            "clusters",
            is_flag=True,
            help="One row per cluster printed by two or more articles (widest first), not per item.",
        ),
        click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _calendar_plain(row: dict[str, Any]) -> dict[str, Any]:
    """Years print as written numbers (2018, not 2,018), dates as ISO dates (2016-10, --10-18)."""
    if row.get("kind") not in CALENDAR_KINDS:
        return row
    shown = dict(row)
    for key in ("value", "value_high"):
        if row["kind"] == "date" and shown.get(key) is not None:
            shown[key] = iso_date(shown[key]) or shown[key]
        elif isinstance(shown.get(key), float) and shown[key].is_integer():
            shown[key] = str(int(shown[key]))
    return shown


def _listed(app: AppContext, view: View, kind: str | None, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a listing in the order asked for, fetched a page at a time like the review screen does."""
    limit = filters.pop("limit")
    with app.store(readonly=True) as store:
        catalog = Catalog(store)
        if view == "claims" and filters.get("checkworthy") == CHECKABLE and (pending := catalog.unassessed()):
            err.print(
                f"note: {pending:,} claims have no check-worthiness yet and are listed as checkable; "
                "`workbench checkworthy` assesses them"
            )
        rows = list(catalog.iter_rows(view, BrowseFilter(kind=kind, **filters), limit))
    for row in rows:
        row["verdict"] = row.get("own_verdict") or row.get("cluster_verdict") or row.get("status")
        if "target" in row:
            row["target"] = bool(row["target"])
    return rows


def _print_clusters(app: AppContext, view: View, filters: dict[str, Any], as_json: bool) -> None:
    with app.store(readonly=True) as store:
        rows = Catalog(store).shared_clusters(view, speaker=filters.get("speaker"), text=filters.get("text"))
    rows = rows[: filters.get("limit") or len(rows)]
    if as_json:
        print_json_lines(rows)
        return
    extra = [("value", "value"), ("unit", "unit")] if view == "claims" else [("speaker", "speaker")]
    print_table(
        rows,
        [
            ("cluster_id", "cluster"),
            ("size", "items"),
            ("outlets", "outlets"),
            ("wording", "wording"),
            *extra,
            ("outlet", "outlet"),
            ("published", "date"),
        ],
        empty="no cluster is printed by two or more articles",
    )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
@click.option("--all-versions", is_flag=True, help="Include superseded versions of changed articles.")
@pass_app
def articles(app: AppContext, as_json: bool, all_versions: bool) -> None:
    """List the stored articles with their outlet, date and counts.

    \b
    Example:
      workbench articles --json | head
    """
    with app.store(readonly=True) as store:
        rows = store.list_articles(current_only=not all_versions)
    if as_json:
        print_json_lines(rows)
        return
    print_table(
        rows,
        [
            ("id", "id"),
            ("source", "source"),
            ("version", "v"),
            ("outlet", "outlet"),
            ("published", "published"),
            ("claims", "claims"),
            ("quotes", "quotes"),
        ],
        empty="no articles yet: run `workbench ingest PATH`",
    )


def _order_option(view: View) -> Any:
    orders = VIEW_ORDERS[view]
    return click.option(
        "--order",
        type=click.Choice(orders),
        default=orders[0],
        show_default=True,
        help="checkworthiness: most check-worthy first; reading: by date, article and position; "
        "newest: newest articles first; cluster: widest clusters first.",
    )


@click.command()
@click.option("--kind", type=click.Choice(CLAIM_KINDS), help="Only claims of this kind.")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list the context numbers (years, dates, ages, 'two years ago', labels), which are left out by default.",
)
@click.option("--context", "context_only", is_flag=True, help="Only the context numbers.")
@_order_option("claims")
@click.option(
    "--conflicts",
    "conflicts_only",
    is_flag=True,
    help="Only claims whose cluster conflicts with another (see `workbench conflicts`).",
)
@_filter_options
@pass_app
def claims(
    app: AppContext, kind: str | None, as_json: bool, clusters: bool, show_all: bool, context_only: bool, **filters: Any
) -> None:
    """List the checkable quantitative claims, most check-worthy first, with normalized values.

    Numbers that only locate or label something (the year of an event, ages, "two years ago", "the top 1
    percent") are context: they stay in the database and in the clusters but are listed only with --all (or
    alone with --context). The score column is the probability that the claim is checkable.

    \b
    Examples:
      workbench claims --kind money --outlet breitbart
      workbench claims --speaker raisi --json
      workbench claims --all --order reading --source 001_3ce812547ec02d89.txt
      workbench claims --clusters
      workbench claims --story 12 --conflicts
    """
    if show_all and context_only:
        raise click.UsageError(
            "--all and --context exclude each other: --all lists every claim, --context only the context numbers"
        )
    if clusters:
        _print_clusters(app, "claims", filters, as_json)
        return
    filters["checkworthy"] = None if show_all else CONTEXT if context_only else CHECKABLE
    rows = _listed(app, "claims", kind, filters)
    if as_json:
        # The same ISO `date` / `date_high` fields as `export jsonl`, so a script reads either the same way.
        print_json_lines([with_iso_dates(row) for row in rows])
        return
    # The conflicts column only when some listed claim has one: a column of zeros costs the mention its width.
    conflicts = [("conflicts", "conflicts")] if any(row.get("conflicts") for row in rows) else []
    print_table(
        [_calendar_plain(row) for row in rows],
        [
            ("id", "id"),
            ("source", "source"),
            ("mention", "mention"),
            ("kind", "kind"),
            ("value", "value"),
            ("value_high", "high"),
            ("unit", "unit"),
            ("hedge", "hedge"),
            ("role", "role"),
            ("target", "target"),
            ("speaker", "speaker"),
            ("checkworthy", "check"),
            ("checkworthy_score", "score"),
            ("cluster_id", "cluster"),
            ("cluster_size", "n"),
            *conflicts,
            ("verdict", "verdict"),
        ],
        empty="no claims match" if show_all else "no checkable claims match (--all lists context numbers too)",
    )


@click.command()
@click.option("--kind", type=click.Choice(["direct", "fragment"]), help="Only direct quotes or only fragments.")
@_order_option("quotes")
@_filter_options
@pass_app
def quotes(app: AppContext, kind: str | None, as_json: bool, clusters: bool, **filters: Any) -> None:
    """List the direct quotes with their speakers and clusters.

    \b
    Examples:
      workbench quotes --speaker maduro
      workbench quotes --cluster 12 --json
      workbench quotes --clusters --speaker maduro
    """
    if clusters:
        _print_clusters(app, "quotes", filters, as_json)
        return
    rows = _listed(app, "quotes", kind, filters)
    if as_json:
        print_json_lines(rows)
        return
    print_table(
        rows,
        [
            ("id", "id"),
            ("source", "source"),
            ("text", "quote"),
            ("kind", "kind"),
            ("speaker", "speaker"),
            ("cue", "cue"),
            ("cluster_id", "cluster"),
            ("cluster_size", "n"),
            ("verdict", "verdict"),
        ],
    )


COMMANDS = [articles, claims, quotes]
