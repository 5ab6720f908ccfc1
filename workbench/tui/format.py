"""Turning rows into rich ``Text``: list lines, figures, verdict badges, event summaries.

Everything that came from an article (mentions, sentences, titles, speakers, outlets) passes through
``textsafe.for_terminal`` and lands in a ``Text`` as plain content, never markup: "[bold red]x[/]" in an article
shows as those characters, and an ESC byte shows as a visible symbol.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from rich.text import Text

from workbench.models import CALENDAR_KINDS
from workbench.pipeline.plurals import IRREGULAR_PLURALS
from workbench.services.review import correction_changes
from workbench.textsafe import for_terminal

VERDICT_STYLES = {
    "true": "bold green",
    "mostly_true": "green",
    "half_true": "yellow",
    "mostly_false": "dark_orange",
    "false": "bold red",
    "unverifiable": "magenta",
    "in_progress": "cyan",
    "unreviewed": "dim",
}
VERDICT_SHORT = {
    "true": "true",
    "mostly_true": "mostly T",
    "half_true": "half",
    "mostly_false": "mostly F",
    "false": "false",
    "unverifiable": "unverif.",
    "in_progress": "checking",
    "unreviewed": "·",
}
HEDGE_WORDS = {
    "more_than": "more than",
    "less_than": "less than",
    "at_least": "at least",
    "at_most": "at most",
    "about": "about",
    "nearly": "nearly",
    "up_to": "up to",
}
_MAGNITUDES = ((1e12, "tn"), (1e9, "bn"), (1e6, "M"))


def safe(value: Any) -> str:
    """One line of untrusted text, safe for a terminal (None is empty)."""
    if value is None:
        return ""
    return for_terminal(str(value), single_line=True)


def label_of(verdict: str | None) -> str:
    return (verdict or "unreviewed").replace("_", " ")


def verdict_badge(row: dict[str, Any], width: int = 9) -> Text:
    """The list's verdict column: own verdict plain, a verdict inherited from the cluster in parentheses."""
    own, inherited = row.get("own_verdict"), row.get("cluster_verdict")
    if row.get("dismissed"):
        return Text("dismiss."[:width].ljust(width), style="dim strike")
    if own:
        label, shown = own, VERDICT_SHORT[own]
    elif inherited:
        label, shown = inherited, f"({VERDICT_SHORT[inherited]})"
    elif "in_progress" in (row.get("status"), row.get("cluster_status")):
        label, shown = "in_progress", VERDICT_SHORT["in_progress"]
    else:
        label, shown = "unreviewed", VERDICT_SHORT["unreviewed"]
    return Text(shown[:width].ljust(width), style=VERDICT_STYLES[label])


def verdict_text(verdict: str | None) -> Text:
    key = verdict or "unreviewed"
    return Text(label_of(verdict).upper(), style=VERDICT_STYLES.get(key, ""))


def format_number(value: float, kind: str | None = None) -> str:
    """A figure as a reader says it: 3 bn, 600 M, 12,500, 4.5; years and dates without separators."""
    if kind == "date" and float(value).is_integer() and 101 <= value <= 99_991_231:
        return _format_date(int(value))
    if kind in CALENDAR_KINDS:
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    magnitude = abs(value)
    for threshold, suffix in _MAGNITUDES:
        if magnitude >= threshold:
            return f"{value / threshold:,.3g} {suffix}".replace(".0 ", " ")
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


def _format_date(day: int) -> str:
    """The extractor stores a date as yyyymmdd, with 00 for a day it was not told ("October 2016") and no year
    when neither the text nor the article's date gave one ("4 October": 1004)."""
    year, month, dom = day // 10000, day // 100 % 100, day % 100
    shown = f"{month:02d}" if dom == 0 else f"{month:02d}-{dom:02d}"
    if year:
        return f"{year:04d}-{shown}"
    return f"{'month ' if dom == 0 else ''}{shown}, year unknown"


def format_figure(row: dict[str, Any]) -> str:
    """A claim's normalized figure: "more than 3 bn USD", "1999–2013", "20 years"; "no value" when unvalued."""
    value = row.get("value")
    if value is None:
        return "no value"
    kind = row.get("kind")
    shown = format_number(value, kind)
    if row.get("value_high") is not None:
        shown = f"{shown}–{format_number(row['value_high'], kind)}"
    hedge = HEDGE_WORDS.get(row.get("hedge") or "")
    unit = row.get("unit")
    if kind in CALENDAR_KINDS:
        unit = None
    elif unit:
        unit = _unit_as_read(unit, kind, value == 1 and row.get("value_high") is None)
    parts = [hedge, shown, unit]
    return safe(" ".join(p for p in parts if p))


_PLURAL_OF = {singular: plural for plural, singular in IRREGULAR_PLURALS.items()}


def _unit_as_read(unit: str, kind: str | None, one: bool) -> str:
    """The unit as a reader says it with the figure: "1 year" (stored "years"), "3 nations" (stored as the counted
    noun's dictionary form, "nation")."""
    if kind == "duration" and one and unit.endswith("s"):
        return unit[:-1]
    if kind != "count" or one or " " in unit or not unit.isalpha():
        return unit
    if unit in _PLURAL_OF:
        return _PLURAL_OF[unit]
    if unit.endswith(("s", "x", "z", "ch", "sh")):
        return unit + "es"
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    return unit + "s"


def checkworthiness_text(row: dict[str, Any]) -> Text:
    """A claim's check-worthiness for the detail pane: the label and the model's probability that it is
    checkable."""
    label, score = row.get("checkworthy"), row.get("checkworthy_score")
    if label is None or score is None:
        return Text("not assessed yet (`workbench checkworthy` assesses older claims)", style="italic dim")
    if label == "context":
        return Text(f"context: the number only locates or labels something ({score:.0%} checkable)", style="dim")
    return Text(f"checkable ({score:.0%})")


def _checkworthiness_cell(row: dict[str, Any]) -> Text:
    """The list's column: the probability in percent; context numbers dimmed (they show only when h is on)."""
    score = row.get("checkworthy_score")
    if score is None:
        return Text("?", style="dim")
    return Text(f"{score:.0%}".rjust(4), style="dim" if row.get("checkworthy") == "context" else "")


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, padded to exactly ``width``."""
    if width <= 0:
        return ""
    if len(text) > width:
        text = text[: max(width - 1, 0)] + "…"
    return text.ljust(width)


# -- list lines ----------------------------------------------------------------------------------------------------

Column = tuple[str, int, Callable[[dict[str, Any]], str | Text], int]
"""(title, width or 0 for the flexible column, cell, drop rank: 0 never, else dropped lowest rank first)."""


def _date(row: dict[str, Any]) -> str:
    return safe(row.get("published")) or "no date"


def cluster_size_cell(size: int | None) -> str:
    """``×11``: at most ``SIZE_WIDTH`` characters, so the column never cuts a size (×281, ×9999, ×12k, ×3M)."""
    size = size or 1
    if size <= 1:
        return ""
    if size < 10_000:
        return f"×{size}"
    if size < 1_000_000:
        return f"×{size // 1000}k"
    return f"×{min(size // 1_000_000, 999)}M"


SIZE_WIDTH = 5


def _size(row: dict[str, Any]) -> str:
    return cluster_size_cell(row.get("cluster_size"))


CONFLICT_MARK = "⚠"


def _conflict(row: dict[str, Any]) -> Text:
    """The list's conflict column: a warning sign when another cluster states the same thing with another figure."""
    return Text(CONFLICT_MARK, style="bold red") if row.get("conflicts") else Text("")


def _span(row: dict[str, Any]) -> str:
    first, last = safe(row.get("first_published")), safe(row.get("last_published"))
    if not first:
        return "no date"
    return first if first == last else f"{first}…{last[5:] if last[:4] == first[:4] else last}"


CHANGED_MARK = "●"


def _changed(row: dict[str, Any]) -> Text:
    """The "changed by others" column: a dot on items a colleague changed since this reviewer last highlighted them
    (the screen adds ``changed_by`` to the row; the database knows nothing of who looked at what)."""
    return Text(CHANGED_MARK, style="bold magenta") if row.get("changed_by") else Text("")


CLAIM_COLUMNS: list[Column] = [
    ("verdict", 8, verdict_badge, 0),
    ("date", 10, _date, 3),
    ("outlet", 14, lambda r: safe(r.get("outlet")), 2),
    ("claim", 0, lambda r: safe(r.get("mention")), 0),
    ("figure", 20, format_figure, 0),
    ("speaker", 14, lambda r: safe(r.get("speaker")) or "—", 1),
    ("n", SIZE_WIDTH, _size, 0),
    ("!", 1, _conflict, 0),
    ("cw", 4, _checkworthiness_cell, 1),
    ("", 1, _changed, 0),
]
QUOTE_COLUMNS: list[Column] = [
    ("verdict", 8, verdict_badge, 0),
    ("date", 10, _date, 2),
    ("outlet", 14, lambda r: safe(r.get("outlet")), 1),
    ("speaker", 16, lambda r: safe(r.get("speaker")) or "unattributed", 0),
    ("quote", 0, lambda r: safe(r.get("text")), 0),
    ("n", SIZE_WIDTH, _size, 0),
    ("", 1, _changed, 0),
]
ARTICLE_COLUMNS: list[Column] = [
    ("date", 10, _date, 0),
    ("outlet", 20, lambda r: safe(r.get("outlet")), 1),
    ("title or source", 0, lambda r: safe(r.get("title") or r.get("source")), 0),
    ("claims", 6, lambda r: str(r.get("claims", "")), 0),
    ("quotes", 6, lambda r: str(r.get("quotes", "")), 0),
]
STORY_COLUMNS: list[Column] = [
    ("dates", 16, _span, 1),
    ("story", 0, lambda r: safe(r.get("title")), 0),
    ("arts", 4, lambda r: str(r.get("articles", "")), 0),
    ("outlets", 22, lambda r: safe(", ".join(r.get("outlets") or ())), 2),
    ("claims", 6, lambda r: str(r.get("claims", "")), 0),
    ("⚠", 3, lambda r: Text(str(r["conflicts"]), style="bold red") if r.get("conflicts") else "", 0),
    ("to do", 5, lambda r: str(r.get("unreviewed", "")), 0),
]
COLUMNS = {"claims": CLAIM_COLUMNS, "quotes": QUOTE_COLUMNS, "articles": ARTICLE_COLUMNS, "stories": STORY_COLUMNS}
MIN_FLEX = 24


@lru_cache(maxsize=64)
def layout(view: str, width: int) -> list[tuple[Column, int]]:
    """The columns that fit ``width`` with their widths: optional ones go before the text column gets cramped."""
    columns = list(COLUMNS[view])
    while True:
        fixed = sum(c[1] for c in columns) + len(columns) - 1
        flex = width - fixed
        droppable = [c for c in columns if c[3]]
        if flex >= MIN_FLEX or not droppable:
            return [(c, c[1] or max(flex, 8)) for c in columns]
        columns.remove(min(droppable, key=lambda c: c[3]))


def header_line(view: str, width: int) -> Text:
    return Text(" ".join(fit(column[0], w) for column, w in layout(view, width)), style="bold")


def row_line(view: str, row: dict[str, Any], width: int) -> Text:
    """One list line; every cell is cut to its column, so a line never runs past ``width``."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for i, (column, w) in enumerate(layout(view, width)):
        if i:
            line.append(" ")
        value = column[2](row)
        if isinstance(value, Text):
            value = value[:w]
            value.pad_right(w - len(value))
            line.append_text(value)
        else:
            line.append(fit(value, w))
    return line


# -- detail --------------------------------------------------------------------------------------------------------


def styled_text(text: str, spans: list[tuple[int, int, str]], offset: int = 0) -> Text:
    """Untrusted ``text`` as plain Text with style ``spans`` (offsets into the original, shifted by ``offset``).

    The sanitizer may widen a character (a bidi override becomes ``\\u202e``), so the text is cut at every span
    boundary, each piece sanitized on its own, and the spans re-placed on the sanitized pieces.
    """
    bounds = sorted({0, len(text), *(min(max(p - offset, 0), len(text)) for s, e, _ in spans for p in (s, e))})
    result = Text()
    mapped: dict[int, int] = {}
    for start, end in zip(bounds, bounds[1:], strict=False):
        mapped[start] = len(result)
        result.append(for_terminal(text[start:end]))
    mapped[len(text)] = len(result)
    for start, end, style in spans:
        lo = mapped.get(min(max(start - offset, 0), len(text)))
        hi = mapped.get(min(max(end - offset, 0), len(text)))
        if lo is not None and hi is not None and hi > lo:
            result.stylize(style, lo, hi)
    return result


def snippet(text: str, start: int, end: int, width: int = 80, style: str = "bold") -> Text:
    """The part of ``text`` around ``[start, end)`` that fits ``width``, the span styled, cuts marked with …."""
    room = max(width - (end - start), 0)
    lo = max(0, start - room // 2)
    hi = min(len(text), end + (room - (start - lo)))
    lo = max(0, min(lo, hi - width))
    shown = styled_text(text[lo:hi], [(start, end, style)], offset=lo)
    if lo > 0:
        shown = Text("…") + shown
    if hi < len(text):
        shown.append("…")
    return shown


def highlighted(text: str, start: int, end: int, style: str = "bold reverse") -> Text:
    """``text`` with ``[start, end)`` highlighted by a style span (never markup)."""
    return styled_text(text, [(start, end, style)])


def when(at: Any) -> str:
    """A timestamp short enough for a history line: time today, else the date and time (UTC)."""
    if not at:
        return "?"
    try:
        moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    except ValueError:
        return safe(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if moment.date() == datetime.now(UTC).date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def _word(value: Any) -> str:
    return safe(value).replace("_", " ") or "none"


def event_summary(action: str, before: Any, after: Any) -> str:
    """One line describing an event: "verdict unreviewed → true", "source added https://…"."""
    after = after or {}
    before = before or {}
    if action in ("source_add", "source_remove"):
        source = after.get("source", {})
        verb = "added" if action == "source_add" else "removed"
        return f"source {verb} {safe(source.get('url', '#' + str(source.get('id', ''))))}"
    if action in ("note_add", "note_remove"):
        note = after.get("note", {})
        verb = "added" if action == "note_add" else "removed"
        text = safe(note.get("text", ""))
        return f"note {verb}" + (f": {text[:60]}" if text else "")
    review_before, review_after = before.get("review", {}), after.get("review", {})
    changes = [safe(change).replace("->", "→") for change in correction_changes(before, after)]
    if "judgement" in after and not review_after:  # judged beside a colleague's standing verdict
        changes.append(
            f"own judgement {_word((before.get('judgement') or {}).get('verdict'))} → "
            f"{_word(after['judgement'].get('verdict'))}"
        )
    for name in ("verdict", "status", "assignee", "rationale"):
        if name in review_after and review_before.get(name) != review_after.get(name):
            old, new = review_before.get(name), review_after.get(name)
            if name == "rationale":
                changes.append("rationale " + ("set" if new else "cleared"))
            else:
                changes.append(f"{name} {_word(old)} → {_word(new)}")
    if not changes and ("source" in after or "note" in after):
        thing = "source" if "source" in after else "note"
        changes.append(f"{thing} {'hidden' if after[thing].get('removed') else 'restored'}")
    return "; ".join(changes) or action
