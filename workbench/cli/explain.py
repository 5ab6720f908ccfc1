"""``workbench explain``: the rules that decided each claim and quote, for a text or a stored item."""

from __future__ import annotations

import re
import sys

import click
from rich.text import Text

from workbench.cli.common import AppContext, err, out, pass_app, print_json_lines, safe
from workbench.services.explain import Explained, ExplainError, Explanation, explain_item, explain_text

ITEM = re.compile(r"\s*(?:claim|quote|claim-cluster|quote-cluster|claim_cluster|quote_cluster)\s*:\s*\d+\s*\Z", re.I)


@click.command()
@click.argument("subject", metavar="TEXT|ITEM")
@click.option("--published", metavar="DATE", help="Publication date of TEXT (ISO), for dates written without a year.")
@click.option("--language", default="en", show_default=True, help="Language of TEXT, for the sentence splitter.")
@click.option(
    "--no-dropped",
    "no_dropped",
    is_flag=True,
    help="Leave out the numbers the rules read and then dropped (shown by default for TEXT).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@pass_app
def explain(
    app: AppContext, subject: str, published: str | None, language: str, no_dropped: bool, as_json: bool
) -> None:
    """Why is this a claim? Each mention with its figure, speaker and the rules that decided it, in order.

    TEXT is extracted as ingest would (claims, quotes, and the numbers the rules dropped, with the rule that
    dropped each); "-" reads the text from standard input. ITEM is a stored claim:ID or quote:ID: its
    article's stored text is extracted again and the item at its offsets explained (it says so when the current
    extractor no longer produces the item). Traces are never stored, so this always shows the current rules.

    \b
    Examples:
      workbench explain "Trade grew from $600 million in 2021 to more than $3 billion."
      workbench explain claim:12
      workbench explain quote:7 --json
    """
    if ITEM.match(subject):
        with app.store() as store:
            try:
                explanation = explain_item(store, subject)
            except ExplainError as exc:
                if "is not an item" in str(exc) or "is a cluster" in str(exc) or "unknown item type" in str(exc):
                    raise click.UsageError(str(exc)) from exc
                raise click.ClickException(str(exc)) from exc
    else:
        text = sys.stdin.read() if subject == "-" else subject
        if not text.strip():
            raise click.UsageError("nothing to explain: TEXT is empty")
        explanation = explain_text(text, published, language=language, dropped=not no_dropped)
    if as_json:
        print_json_lines([explanation.as_dict()])
        return
    _print(explanation)


def _print(explanation: Explanation) -> None:
    if explanation.article is not None:
        article = explanation.article
        line = Text(f"{explanation.subject}", style="bold")
        line.append(
            f" · article {article['id']} ({safe(article['source'])}, {safe(article['outlet'])}, "
            f"{safe(article['published']) or 'undated'}, version {article['version']}"
            + ("" if article["current"] else ", superseded")
            + ")"
        )
        out.print(line)
    if explanation.note:
        out.print(Text(safe(explanation.note), style="yellow"))
    if not explanation.mentions:
        err.print("no claim, quote or number found" if explanation.article is None else "")
    for mention in explanation.mentions:
        out.print(_heading(mention))
        if not mention.steps:
            out.print(Text("    no rules recorded (this extractor does not trace its decisions yet)", style="dim"))
        for number, step in enumerate(mention.steps, 1):
            row = Text(f"    {number}. ")
            row.append(step.rule, style="bold")
            row.append(f" [{step.stage}]" if step.stage else " [unknown rule]", style="dim")
            row.append(f"  {safe(step.doc)}")
            out.print(row)


def _heading(mention: Explained) -> Text:
    """ "claim “$3 billion” 50-60: money 3,000,000,000 USD, hedge more_than, role to, speaker Raisi"."""
    style = {"claim": "bold green", "quote": "bold cyan", "dropped": "bold yellow"}[mention.what]
    line = Text(mention.label, style=style)
    if mention.item:
        line.append(f" {mention.item}", style="bold")
    line.append(f" “{safe(mention.text)}” ")
    line.append(f"{mention.start}-{mention.end}", style="dim")
    facts = mention.facts()
    if facts:
        line.append(": " + safe(", ".join(facts)))
    return line


COMMANDS = [explain]
