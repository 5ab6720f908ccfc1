"""``workbench stories`` and ``workbench conflicts``: news events across outlets, and where outlets disagree."""

from __future__ import annotations

from typing import Any

import click

from workbench.cli.common import AppContext, err, pass_app, print_json_lines, print_table
from workbench.services.catalog import Catalog
from workbench.services.clustering import group_pending_stories


@click.command()
@click.option("--all", "all_stories", is_flag=True, help="Also the stories only one article reports.")
@click.option("--story", "story_id", type=int, help="Only this story.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
@pass_app
def stories(app: AppContext, all_stories: bool, story_id: int | None, as_json: bool) -> None:
    """List the stories: articles of several outlets that report one news event, widest first.

    A story has the id of its first article, a title (its first article's), a date span, its outlets, and counts
    of its claims, quotes, conflicting figures and items without a verdict. Claims and quotes are linked across
    a story's articles first, and conflicts are flagged within a story. Use the id with --story on claims,
    quotes, conflicts and export.

    \b
    Examples:
      workbench stories
      workbench claims --story 12 --clusters
      workbench export jsonl --story 12 --out story-12
    """
    with app.store() as store:
        founded = group_pending_stories(store)  # a database from before stories existed is grouped on first use
        catalog = Catalog(store)
        if story_id is not None:
            found = catalog.story(story_id)
            rows = [found.summary] if found is not None else []
        else:
            rows = catalog.stories(min_articles=1 if all_stories else 2)
    if founded:
        err.print(f"grouped the articles stored before stories existed into {founded} stories")
    if as_json:
        print_json_lines(rows)
        return
    shown = [{**row, "dates": _span(row), "outlets": ", ".join(row["outlets"])} for row in rows]
    print_table(
        shown,
        [
            ("id", "story"),
            ("dates", "dates"),
            ("articles", "articles"),
            ("outlets", "outlets"),
            ("claims", "claims"),
            ("quotes", "quotes"),
            ("conflicts", "conflicts"),
            ("unreviewed", "to do"),
            ("title", "title"),
        ],
        empty="no such story"
        if story_id is not None
        else "no story is reported by two or more articles (--all lists every story)",
    )


def _span(row: dict[str, Any]) -> str:
    first, last = row.get("first_published"), row.get("last_published")
    if not first:
        return "no date"
    return first if first == last else f"{first} – {last}"


@click.command()
@click.option("--story", "story_id", type=int, help="Only the conflicts found in this story.")
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object per line (both claims in full) instead of a table."
)
@pass_app
def conflicts(app: AppContext, story_id: int | None, as_json: bool) -> None:
    """List conflicting figures: two claim clusters that state the same thing with numbers that cannot both be right
    ("247 dead" / "241 dead"), each shown by one claim of each side, sentence beside sentence.

    Conflicting clusters are never merged. Most are found within a story, between outlets reporting the same
    event a few days apart.

    \b
    Examples:
      workbench conflicts
      workbench conflicts --story 12 --json
    """
    with app.store() as store:
        found = Catalog(store).conflicts(story_id=story_id)
    if as_json:
        print_json_lines(conflict.as_dict() for conflict in found)
        return
    rows = []
    for conflict in found:
        row: dict[str, Any] = {"story": conflict.story_id, "clusters": f"{conflict.cluster_a} / {conflict.cluster_b}"}
        for side, claim in (("a", conflict.a), ("b", conflict.b)):
            row[f"{side}_figure"] = f"{claim['mention']} ({claim['outlet']}, {claim.get('published') or 'no date'})"
            row[f"{side}_sentence"] = claim.get("sentence")
        rows.append(row)
    print_table(
        rows,
        [
            ("story", "story"),
            ("clusters", "clusters"),
            ("a_figure", "one says"),
            ("a_sentence", "in"),
            ("b_figure", "another says"),
            ("b_sentence", "in"),
        ],
        empty="no conflicting figures" + (" in this story" if story_id is not None else ""),
    )


COMMANDS = [stories, conflicts]
