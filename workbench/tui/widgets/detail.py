"""The detail pane: an item in context, its cluster across outlets, and its review. Display only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from workbench.models import CALENDAR_KINDS
from workbench.services.archive import describe_capture
from workbench.services.catalog import ClusterView, ItemDetail
from workbench.textsafe import for_terminal
from workbench.tui.backend import Detail, ReviewState
from workbench.tui.format import (
    HEDGE_WORDS,
    checkworthiness_text,
    event_summary,
    format_figure,
    format_number,
    highlighted,
    label_of,
    safe,
    snippet,
    verdict_text,
    when,
)

if TYPE_CHECKING:
    from workbench.services.explain import Explanation

CLUSTER_LINES = 8
VERDICT_KEYS = "1 true · 2 mostly true · 3 half · 4 mostly false · 5 false · 0 unverifiable"


def _facts(rows: list[tuple[str, str | Text]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for name, value in rows:
        table.add_row(name, value if isinstance(value, Text) else Text(value))
    return table


def _unknown(text: str) -> Text:
    return Text(text, style="italic dim")


def context_renderable(detail: ItemDetail) -> RenderableType:
    """The sentence with the mention highlighted, then what was extracted, saying so where something is unknown."""
    record = detail.record
    kind = "CLAIM" if detail.table == "claims" else "QUOTE"
    title = Text.assemble((f"{kind} {detail.id}", "bold"), "  ", (safe(record.get("kind")), "italic"))
    if not detail.is_current:
        title.append("  (from an older version of the article)", style="yellow")
    sentence = highlighted(detail.sentence, detail.mention_start, detail.mention_end)
    rows: list[tuple[str, str | Text]] = []
    if detail.table == "claims":
        rows.append(("figure", _figure(record)))
        if record.get("role"):
            rows.append(
                (
                    "change",
                    f"the “{record['role']}” end of a change (pair from claim {record.get('change_group') or '?'})",
                )
            )
        if record.get("target"):
            rows.append(("target", Text("a goal, not a fact", style="yellow")))
        rows.append(("check-worthy", checkworthiness_text(record)))
    else:
        rows.append(("cue", safe(record.get("cue")) or _unknown("no reporting verb found")))
    rows.append(("speaker", safe(record.get("speaker")) or _unknown("not attributed: the article does not say who")))
    printed = Text(safe(record.get("outlet")), style="bold")
    printed.append(" · ")
    printed.append_text(Text(safe(record.get("published"))) if record.get("published") else _unknown("unknown date"))
    printed.append(f" · {safe(record.get('title') or record.get('source'))}")
    rows.append(("printed", printed))
    if record.get("url"):
        rows.append(("url", safe(record["url"])))
    if record.get("captured_at"):
        rows.append(
            (
                "captured",
                safe(describe_capture(record.get("captured_from"), record.get("captured_url"), record["captured_at"])),
            )
        )
    return Group(title, Text(), sentence, Text(), _facts(rows))


def corrections_lines(detail: ItemDetail, corrections: dict[str, dict[str, Any]]) -> list[RenderableType]:
    """What reviewers changed about the item: dismissed or added, and each corrected field with the extractor's
    value beside the reviewer's (blame for corrections: who and when)."""
    record = detail.record
    lines: list[RenderableType] = []
    if record.get("dismissed"):
        found = corrections.get("dismissed") or {}
        line = Text(f"DISMISSED: {safe(record['dismissed']).replace('_', ' ')}", style="bold yellow")
        if found.get("note"):
            line.append(f" — {safe(found['note'])}", style="yellow")
        if found.get("reviewer"):
            line.append(f" ({safe(found['reviewer'])} {when(found.get('at'))}; d brings it back)", style="dim")
        lines.append(line)
    if record.get("origin") == "added":
        found = corrections.get("added") or {}
        lines.append(
            Text(
                f"added by {safe(found.get('reviewer')) or 'a reviewer'} {when(found.get('at'))}"
                + (" (the extractor finds it too now)" if found.get("extracted") else ""),
                style="cyan",
            )
        )
    for name, found in corrections.items():
        if name in ("dismissed", "added"):
            continue
        line = Text(f"corrected {name.replace('_', ' ')}: ", style="cyan")
        kind = record.get("kind") if name in ("value", "value_high") else None
        line.append(_word(found["value"], kind), style="bold")
        line.append(
            f" (extractor: {_word(found['extracted'], kind)}; {safe(found['reviewer'])} {when(found['at'])})",
            style="dim",
        )
        lines.append(line)
    return [Text(), *lines] if lines else []


def _word(value: Any, kind: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(value, kind)
    return safe(value)


def _figure(record: dict[str, Any]) -> Text:
    """The normalized figure, then the stored parts it was read from, so a misreading is visible."""
    if record.get("value") is None:
        return _unknown("no numeric value (e.g. 'multimillion')")
    figure = Text(format_figure(record), style="bold")
    value = record["value"]
    exact = (
        f"{int(value):,}" if float(value).is_integer() and record.get("kind") not in CALENDAR_KINDS else f"{value:g}"
    )
    if record.get("value_high") is not None:
        exact += f" to {format_number(record['value_high'], record.get('kind'))}"
    hedge = HEDGE_WORDS.get(record.get("hedge") or "") or "stated flat"
    figure.append(f"   value {exact} · unit {safe(record.get('unit')) or 'none'} · {hedge}", style="dim")
    return figure


def first_unknown(cluster: ClusterView) -> str:
    """Why the first appearance is not named: no member has a date, or articles of one day tie (no time of day)."""
    earliest = cluster.earliest
    if earliest is None:
        return "unknown (no dates)"
    return f"unknown ({cluster.earliest_articles} articles on {earliest['published']})"


def cluster_renderable(cluster: ClusterView, current_id: int, *, limit: int | None = CLUSTER_LINES) -> RenderableType:
    """Members across outlets with their wording and date, the first appearance, and conflicting figures."""
    members = cluster.members
    if len(members) <= 1:
        lines: list[RenderableType] = [Text("Only this one: no other article prints it.", style="dim")]
    else:
        first = cluster.first
        summary = Text(
            f"{len(members)} members in {len(cluster.outlets)} outlets, {cluster.wordings} wording"
            f"{'s' if cluster.wordings != 1 else ''}. First: "
        )
        summary.append(
            f"{safe(first['outlet'])} {first['published']}" if first else first_unknown(cluster),
            style="bold" if first else "italic dim",
        )
        lines = [summary]
        shown = members if limit is None else members[:limit]
        for member in shown:
            lines.append(member_line(member, current_id, first))
        if limit != 0 and len(members) > len(shown):
            lines.append(Text(f"… {len(members) - len(shown)} more: press c for the cluster view", style="dim"))
    paired = set()
    for pair in cluster.conflict_pairs:
        ours, theirs = pair.other(cluster.cluster_id)
        paired.add(theirs.get("cluster_id"))
        lines.append(conflict_lines(ours, theirs))
    for conflict in cluster.conflicts:
        if conflict["cluster_id"] in paired:
            continue
        line = Text("⚠ conflicts with cluster ", style="bold red")
        line.append(f"{conflict['cluster_id']}: ")
        line.append(f"“{safe(conflict['wording'])}”")
        if "value" in conflict:
            line.append(f" = {format_figure(conflict)}", style="bold")
        size = f", ×{conflict['size']}" if conflict["size"] > 1 else ""
        line.append(f"  ({safe(conflict['outlet'])} {safe(conflict['published']) or 'no date'}{size})", style="dim")
        lines.append(line)
    return Group(*lines)


def conflict_lines(ours: dict[str, Any], theirs: dict[str, Any]) -> RenderableType:
    """A conflict as the reviewer needs it: the other cluster's figure, and both sentences one under the other."""
    head = Text("⚠ conflicts with cluster ", style="bold red")
    head.append(f"{theirs.get('cluster_id')}: ")
    head.append(f"“{safe(theirs.get('mention'))}”")
    head.append(f" = {format_figure(theirs)}", style="bold")
    head.append(f" against {format_figure(ours)}")
    lines = [head]
    for label, claim in (("this", ours), ("that", theirs)):
        line = Text(f"   {label}: ", style="dim")
        line.append(f"{safe(claim['outlet'])} {safe(claim.get('published')) or 'no date'}: ", style="dim")
        sentence, offset = claim.get("sentence"), claim.get("sentence_start")
        if sentence and offset is not None:
            line.append_text(snippet(sentence, claim["start"] - offset, claim["end"] - offset, width=70))
        else:
            line.append(safe(claim.get("mention")))
        lines.append(line)
    return Group(*lines)


def member_line(member: dict[str, Any], current_id: int, first: dict[str, Any] | None) -> Text:
    marker = "▶ " if member["id"] == current_id else "  "
    line = Text(marker)
    line.append(f"{safe(member['published']) or 'no date':10} ", style="dim")
    line.append(f"{safe(member['outlet'])[:22]:22} ", style="bold")
    sentence, offset = member.get("sentence"), member.get("sentence_start")
    if "value" in member and sentence and offset is not None:
        # A claim's wording is its statement: the sentence around the figure.
        line.append_text(snippet(sentence, member["start"] - offset, member["end"] - offset, width=90))
    else:
        line.append(f"“{safe(member['wording'])}”")
    if member.get("speaker"):
        line.append(f" — {safe(member['speaker'])}", style="italic")
    if member.get("own_verdict"):
        line.append("  ")
        line.append_text(verdict_text(member["own_verdict"]))
    if first is not None and member["id"] == first["id"]:
        line.append("  first", style="bold cyan")
    return line


def review_renderable(state: ReviewState, detail: ItemDetail, *, cluster_scope: bool) -> RenderableType:
    """The verdict that applies and where it comes from, rationale, sources with comparisons, notes, history."""
    effective = state.effective
    lines: list[RenderableType] = []
    if state.blind:
        hidden = f"; {state.hidden} entries by colleagues hidden" if state.hidden else ""
        lines.append(Text(f"BLIND REVIEW: your own judgement only{hidden} (b shows all)", style="bold reverse"))
    verdict = Text("Your judgement: " if state.blind else "Verdict: ", style="bold")
    if effective.origin:
        verdict.append_text(verdict_text(effective.label))
        origin = "its own" if effective.origin == "own" else f"from its cluster ({effective.origin_id})"
        verdict.append(f"  {origin}, by {safe(effective.reviewer)} at {when(effective.updated_at)}", style="dim")
    else:
        verdict.append("none yet", style="italic dim")
        if state.cluster.verdict is None and detail.cluster.members and len(detail.cluster.members) > 1:
            verdict.append(" (nor on its cluster)", style="dim")
    lines.append(verdict)
    if detail.record.get("speaker") is None and detail.table == "quotes":
        lines.append(Text("Speaker unknown: check who said it before judging.", style="yellow"))
    status = Text("Status: ", style="bold")
    status.append(label_of(state.own.status))
    if state.own.assignee:
        status.append(f" · assigned to {safe(state.own.assignee)}")
    if state.own.orphaned:
        status.append(" · ORPHANED: its article changed and no new item matched", style="bold yellow")
    lines.append(status)
    rationale = Text("Rationale: ", style="bold")
    if effective.rationale:
        rationale.append(for_terminal(effective.rationale))
    elif state.own.rationale:  # written before any verdict: shown, not lost
        rationale.append(for_terminal(state.own.rationale))
        rationale.append("  (no verdict yet)", style="dim")
    else:
        rationale.append("none", style="italic dim")
    lines.append(rationale)
    lines.append(scope_line(detail, cluster_scope))
    lines.append(Text(f"Keys: {VERDICT_KEYS} · g whole cluster · r rationale · s source · m note", style="dim"))
    lines += sources_lines(state)
    lines += notes_lines(state)
    lines += history_lines(state)
    return Group(*lines)


def scope_line(detail: ItemDetail, cluster_scope: bool) -> Text:
    size = len(detail.cluster.members)
    if cluster_scope:
        return Text(
            f"▶ NEXT VERDICT APPLIES TO THE WHOLE CLUSTER ({size} members; esc cancels)", style="bold reverse yellow"
        )
    noun = "claim" if detail.table == "claims" else "quote"
    return Text(
        f"Verdict keys apply to this {noun}" + (f"; g then a key: the whole cluster ({size})" if size > 1 else ""),
        style="dim",
    )


def sources_lines(state: ReviewState) -> list[RenderableType]:
    lines: list[RenderableType] = [Text(f"\nSources ({len(state.sources)})", style="bold underline")]
    if not state.sources:
        lines.append(Text("none yet: press s to add one", style="italic dim"))
    for number, source in enumerate(state.sources, 1):
        line = Text(f"{number}. ")
        if source.title:
            line.append(safe(source.title), style="bold")
            line.append(" — ")
        line.append(safe(source.url), style="underline")
        scope = "cluster" if source.entity_type.endswith("_cluster") else "item"
        line.append(f"  ({scope}, {safe(source.reviewer)} {when(source.created_at)})", style="dim")
        lines.append(line)
        if source.reference_value is not None:
            lines.append(comparison_line(source.reference_value, source.reference_unit, source.comparison))
    return lines


def comparison_line(value: float, unit: str | None, comparison: dict[str, Any] | None) -> Text:
    line = Text(f"   reference {format_number(value)} {safe(unit)}".rstrip() + ": ")
    if not comparison:
        line.append("not compared", style="italic dim")
        return line
    consistent = comparison.get("consistent")
    style = "green" if consistent else ("red" if consistent is False else "yellow")
    line.append(safe(comparison.get("explanation")), style=style)
    if comparison.get("percent_difference") is not None:
        line.append(f" (claim is {comparison['percent_difference']:+.1f}% off)", style="dim")
    if comparison.get("note"):
        line.append(f"; {safe(comparison['note'])}", style="yellow")
    return line


def notes_lines(state: ReviewState) -> list[RenderableType]:
    lines: list[RenderableType] = [Text(f"\nNotes ({len(state.notes)})", style="bold underline")]
    if not state.notes:
        lines.append(Text("none", style="italic dim"))
    for note in state.notes:
        line = Text(f"{safe(note.reviewer)} {when(note.created_at)}: ", style="dim")
        line.append(for_terminal(note.text), style="default")
        lines.append(line)
    return lines


def history_lines(state: ReviewState, limit: int = 12) -> list[RenderableType]:
    events = state.history
    lines: list[RenderableType] = [Text(f"\nHistory ({len(events)})", style="bold underline")]
    if not events:
        lines.append(Text("nothing recorded yet", style="italic dim"))
    if len(events) > limit:
        lines.append(Text(f"… {len(events) - limit} earlier", style="dim"))
    for event in events[-limit:]:
        line = Text(f"{when(event.at)} {safe(event.reviewer)}: ", style="dim")
        where = "cluster " if event.entity_type.endswith("_cluster") else ""
        what = event_summary(event.action, event.before, event.after)
        if event.action in ("undo", "redo"):
            what = f"{event.action} — {what}"
        line.append(f"{where}{what}", style="default")
        lines.append(line)
    return lines


def why_renderable(explanation: Explanation) -> RenderableType:
    """The rules that decided the item, in the order they fired, each with its one-line doc."""
    lines: list[RenderableType] = []
    if explanation.note:
        lines.append(Text(safe(explanation.note), style="yellow"))
    for mention in explanation.mentions:
        heading = Text(mention.label.upper(), style="bold")
        heading.append(f" “{safe(mention.text)}”  ")
        heading.append(safe(", ".join(mention.facts())), style="dim")
        lines.append(heading)
        if not mention.steps:
            lines.append(
                Text("no rules recorded (this extractor does not trace its decisions yet)", style="italic dim")
            )
        for number, step in enumerate(mention.steps, 1):
            line = Text(f"{number}. ")
            line.append(step.rule, style="bold")
            line.append(f" [{step.stage or 'unknown rule'}]  ", style="dim")
            line.append(safe(step.doc))
            lines.append(line)
    lines.append(Text("Rules as the extractor runs them now, on the article's stored text · w hides this", style="dim"))
    return Group(*lines)


class _Sized:
    """A widget whose new size, found by a layout of the screen, does not ask for another layout.

    Textual sets a resized widget's scrollable size as a reactive that lays the screen out again, though the
    layout that found the size has placed everything already: a new item in the pane cost three layouts of the
    whole screen in a row (its sections' text, their new heights, the pane's new scroll height), 30-45 CPU ms after
    every cursor move or listing. The scrollbars are still updated (as Textual does when a scroll moves widgets)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc]


class PaneSection(_Sized, Static):
    """One section of the detail pane (context, why, cluster, review)."""


class DetailPane(_Sized, VerticalScroll, can_focus=True):
    """Shows whatever the screen hands it; loading happens elsewhere. Tab focuses it to scroll with the keys."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Detail, bool] | None = None  # the item on show, and whether in cluster scope

    def compose(self) -> ComposeResult:
        yield PaneSection(id="detail-context")
        yield PaneSection(id="detail-why")
        yield PaneSection(id="detail-cluster")
        yield PaneSection(id="detail-review")

    def on_mount(self) -> None:
        self.query_one("#detail-why").border_title = "Why? (w)"
        self.query_one("#detail-cluster").border_title = "Cluster"
        self.query_one("#detail-review").border_title = "Review"
        self.show_why(None)
        self.show_message("")

    def show_why(self, content: Explanation | str | None) -> None:
        """The rules behind the item, a line saying they are being found (a string), or nothing (None: hidden)."""
        widget = self.query_one("#detail-why", Static)
        widget.display = content is not None
        if isinstance(content, str):
            widget.update(Text(safe(content), style="italic dim"))
        elif content is not None:
            widget.update(why_renderable(content))

    def _set(self, context: RenderableType, cluster: RenderableType | None, review: RenderableType | None) -> None:
        self._shown = None
        self.query_one("#detail-context", Static).update(context)
        for name, content in (("cluster", cluster), ("review", review)):
            widget = self.query_one(f"#detail-{name}", Static)
            widget.display = content is not None
            if content is not None:
                widget.update(content)

    def show_message(self, message: str) -> None:
        self.show_why(None)
        self._set(Text(message, style="italic dim"), None, None)

    def show_item(self, detail: Detail, *, cluster_scope: bool = False) -> None:
        """Show an item; nothing to do when it is on show already, unchanged (a filter that keeps the cursor's
        item reloads it): drawing it again sizes the sections anew, and each new size lays the screen out again."""
        if self._shown == (detail, cluster_scope):
            return
        item = detail.item
        context = context_renderable(item)
        fixes = corrections_lines(item, detail.review.corrections)
        self._set(
            Group(context, *fixes) if fixes else context,
            cluster_renderable(item.cluster, item.id),
            review_renderable(detail.review, item, cluster_scope=cluster_scope),
        )
        self._shown = (detail, cluster_scope)

    def show_story(self, row: dict[str, Any]) -> None:
        first, last = safe(row.get("first_published")), safe(row.get("last_published"))
        rows: list[tuple[str, str | Text]] = [
            ("title", safe(row.get("title"))),
            ("dates", (first if first == last else f"{first} – {last}") if first else _unknown("no dates")),
            ("articles", str(row.get("articles"))),
            ("outlets", safe(", ".join(row.get("outlets") or ()))),
            ("claims", str(row.get("claims"))),
            ("quotes", str(row.get("quotes"))),
            ("conflicts", Text(f"⚠ {row['conflicts']}", style="bold red") if row.get("conflicts") else "none found"),
            ("to review", f"{row.get('unreviewed')} claims and quotes without a verdict"),
        ]
        heading = Text(f"STORY {row['id']}", style="bold")
        hint = Text(
            "Enter opens the story: its claims cluster by cluster, each outlet's figure side by side.", style="dim"
        )
        self._set(Group(heading, Text(), _facts(rows), Text(), hint), None, None)

    def show_article(self, row: dict[str, Any]) -> None:
        rows: list[tuple[str, str | Text]] = [
            ("outlet", safe(row.get("outlet"))),
            ("published", safe(row.get("published")) or _unknown("unknown date")),
            ("title", safe(row.get("title")) or _unknown("no title")),
            ("source", safe(row.get("source"))),
            ("version", str(row.get("version"))),
            ("url", safe(row.get("url")) or _unknown("none")),
            ("language", safe(row.get("language"))),
            ("length", f"{row.get('length', 0):,} characters"),
            ("claims", str(row.get("claims"))),
            ("quotes", str(row.get("quotes"))),
        ]
        self.show_why(None)
        heading = Text(f"ARTICLE {row['id']}", style="bold")
        self._set(
            Group(heading, Text(), _facts(rows), Text(), Text("Enter opens the full text.", style="dim")), None, None
        )
