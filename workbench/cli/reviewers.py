"""``workbench reviewers add|list``: the names a team database accepts as reviewers."""

from __future__ import annotations

import click
from rich.text import Text

from workbench.cli.common import AppContext, echo_problem, out, pass_app, print_json_lines, print_table, safe
from workbench.services.reviewers import ReviewerError, add_reviewer, list_reviewers


@click.group("reviewers")
def reviewers_group() -> None:
    """Register the team's reviewers, so a typo in --reviewer cannot create a new person in the history.

    Once a database (SQLite or PostgreSQL) has one registered reviewer it is in team mode: every change must then
    name a registered reviewer (--reviewer, $WORKBENCH_REVIEWER or the config file), and
    an unknown name is refused with the closest registered one. Reading is open to everyone.

    \b
    Examples:
      workbench --db team.db reviewers add "Ana Lima" bob
      workbench --db team.db reviewers list
    """


@reviewers_group.command("add")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@pass_app
def add(app: AppContext, names: tuple[str, ...]) -> None:
    """Register one or more reviewer names (a name already registered, in any case, is left as it is).

    Registering the first name turns team mode on for this database: from then on every change must name a
    registered reviewer, so register everyone who already works on it.

    \b
    Example:
      workbench reviewers add "Ana Lima" bob
    """
    problems = 0
    with app.store() as store:
        for name in names:
            try:
                added = add_reviewer(store, name, added_by=app.reviewer)
            except ReviewerError as exc:
                echo_problem("error", str(exc))
                problems += 1
                continue
            shown = safe(added.name)
            out.print(Text(f"added {shown}" if added.created else f"{shown} is registered already"))
            if added.resembles is not None:
                echo_problem(
                    "warning",
                    f"{added.name!r} looks like the registered {added.resembles!r}: if it is the same person, "
                    "both names are now accepted and their work counts as two reviewers'",
                )
    if problems:
        raise SystemExit(1)


@reviewers_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
@pass_app
def list_command(app: AppContext, as_json: bool) -> None:
    """The registered reviewers, when and by whom each was added, and how many changes each has made.

    \b
    Example:
      workbench reviewers list --json
    """
    with app.store(readonly=True) as store:
        found = list_reviewers(store)
    if as_json:
        print_json_lines(
            {"name": r.name, "added_at": r.added_at.isoformat(), "added_by": r.added_by, "events": r.events}
            for r in found
        )
        return
    rows = [
        {
            "name": r.name,
            "added_at": r.added_at.strftime("%Y-%m-%d %H:%M UTC"),
            "added_by": r.added_by,
            "events": r.events,
        }
        for r in found
    ]
    print_table(
        rows,
        [("name", "reviewer"), ("added_at", "added"), ("added_by", "by"), ("events", "changes")],
        empty="no reviewers registered: this database is not in team mode (any --reviewer name is accepted); "
        "`workbench reviewers add NAME` registers one",
    )


COMMANDS = [reviewers_group]
