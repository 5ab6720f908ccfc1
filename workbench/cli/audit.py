"""``workbench audit quotes``: first appearance and wording drift of quotes printed by several outlets."""

from __future__ import annotations

import click
from rich.text import Text

from workbench.cli.common import AppContext, err, out, pass_app, print_json_lines, safe
from workbench.services.archive import describe_capture
from workbench.services.audit import QuoteAudit, audit_quotes


@click.group()
def audit() -> None:
    """Audit trails across outlets.

    \b
    Example:
      workbench audit quotes --speaker maduro
    """


@audit.command("quotes")
@click.option("--cluster", "cluster_id", type=int, help="Audit this quote cluster only.")
@click.option(
    "--min-articles",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Only clusters printed by at least this many articles.",
)
@click.option("--speaker", help="Only clusters where some printing names this speaker (substring).")
@click.option("--text", help="Only clusters where some printing contains this text.")
@click.option("--changed", is_flag=True, help="Only clusters whose wording changed between printings.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per cluster instead of text.")
@pass_app
def audit_quotes_command(
    app: AppContext,
    cluster_id: int | None,
    min_articles: int,
    speaker: str | None,
    text: str | None,
    changed: bool,
    as_json: bool,
) -> None:
    """Where each shared quote first appeared, who printed it after, and how its wording drifted.

    The first appearance is the earliest publication date; undated articles are never called first. Wording is
    compared with the cluster's longest printing: -"words" were dropped, +"words" added, "a" → "b" replaced;
    "excerpt" marks a printing that carries only part of the quote.

    \b
    Examples:
      workbench audit quotes
      workbench audit quotes --changed --json > drift.jsonl
    """
    with app.store(readonly=True) as store:
        audits = audit_quotes(
            store, cluster_id=cluster_id, min_articles=1 if cluster_id else min_articles, speaker=speaker, text=text
        )
    shared = len(audits)
    if changed:
        audits = [a for a in audits if a.drifted]
    if as_json:
        print_json_lines(a.as_dict() for a in audits)
        return
    if not audits:
        err.print(_nothing_found(cluster_id, shared, changed, filtered=bool(speaker or text)))
        return
    for entry in audits:
        _print_audit(entry)


def _nothing_found(cluster_id: int | None, shared: int, changed: bool, *, filtered: bool) -> str:
    """Why the audit is empty, truthfully: nothing shared, nothing matching, or nothing whose wording changed."""
    if cluster_id is not None:
        return (
            f"quote cluster {cluster_id} has no current members"
            if not shared
            else f"the wording of quote cluster {cluster_id} did not change between its printings"
        )
    if shared and changed:
        noun = "quote" if shared == 1 else "quotes"
        return (
            f"the wording did not change: {shared} {noun} printed by several articles"
            + (" match" if filtered else "")
            + ", each verbatim (or as an excerpt) everywhere"
        )
    if filtered:
        return "no quote printed by several articles matches"
    return "no quote is printed by more than one article"


def _print_audit(entry: QuoteAudit) -> None:
    header = Text(f"quote cluster {entry.cluster_id}", style="bold")
    header.append(f" · {len(entry.printings)} printings · {len(entry.outlets)} outlets")
    if entry.speakers:
        header.append(" · " + ", ".join(safe(s) for s in entry.speakers))
    out.print(header)
    tied = entry.earliest_tied
    if not tied:
        out.print(Text("  first appearance unknown: no printing has a publication date", style="yellow"))
    elif tied > 1:
        out.print(
            Text(
                f"  {tied} printings share the earliest date: which of them came first is not known (dates "
                "have no time of day)",
                style="yellow",
            )
        )
    for printing in entry.printings:
        member = printing.member
        line = Text("  ")
        mark = "first " if printing.first else "tied  " if printing.earliest else "      "
        line.append(mark, style="green" if printing.earliest else "")
        line.append(f"{safe(member['published']) or 'undated':10}  {safe(member['outlet'])} ({safe(member['source'])})")
        if printing.speaker_differs:
            line.append(f"  speaker: {safe(member['speaker'])}", style="red")
        if printing.drift.verbatim:
            line.append("  excerpt" if printing.drift.truncated else "  verbatim", style="dim")
        else:
            line.append(
                f"  {printing.drift.similarity:.0%} same" + (" · excerpt" if printing.drift.truncated else ""),
                style="yellow",
            )
            for edit in printing.drift.edits:
                line.append("\n" + " " * 18 + safe(str(edit)))
        if member.get("captured_at"):
            line.append(
                "\n"
                + " " * 18
                + safe(
                    describe_capture(member.get("captured_from"), member.get("captured_url"), member["captured_at"])
                ),
                style="dim",
            )
        out.print(line)
    wording = safe(entry.wording)
    out.print(
        Text("  \u201c" + (wording if len(wording) <= 300 else wording[:299] + "\u2026") + "\u201d", style="italic")
    )
    out.print()


COMMANDS = [audit]
