"""The full article, every claim and quote marked, the chosen mention highlighted and scrolled into view.

A text longer than any real article (a 30 MB single line) is shown a stretch of ``VIEW_CHARS`` at a time around the
highlighted mention, so opening it costs what a long article costs; n and p move on through all its mentions, and
the stretch follows.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbench.services.archive import describe_capture
from workbench.services.catalog import ArticleView
from workbench.tui.format import safe, styled_text
from workbench.tui.messages import ArticleReady

MAX_BLOCKS = 400  # paragraphs become widgets; a pathological article is merged into fewer, longer blocks
VIEW_CHARS = 100_000
STYLES = {"quotes": "italic #5fafd7", "claims": "underline #d7af5f", "focus": "bold reverse", "dismissed": "dim strike"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text[start:end]`` (split at blank lines), merged down to ``MAX_BLOCKS``."""
    end = len(text) if end is None else end
    spans = []
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, end))
    if len(spans) > MAX_BLOCKS:
        size = -(-len(spans) // MAX_BLOCKS)
        spans = [(spans[i][0], spans[min(i + size, len(spans)) - 1][1]) for i in range(0, len(spans), size)]
    return spans


def stretch_around(text: str, position: int, size: int = VIEW_CHARS) -> tuple[int, int]:
    """The part of ``text`` to show: all of it when short, else ``size`` characters with ``position`` in the first
    third, cut at a line break or a space where one is near."""
    if len(text) <= size:
        return 0, len(text)
    start = min(max(0, position - size // 3), len(text) - size)
    end = start + size
    if start > 0:  # begin after a line break or a space just ahead, never before (the stretch would grow)
        cut = text.find("\n", start, min(position, start + 2_000))
        cut = cut if cut >= 0 else text.find(" ", start, min(position, start + 200))
        start = cut + 1 if cut >= 0 else start
    if end < len(text):
        cut = max(text.rfind("\n", end - 2_000, end), text.rfind(" ", end - 200, end))
        end = cut if cut > position else end
    return start, end


class ArticleScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", tooltip="Back to the list", id="close"),
        Binding("n", "step_mention(1)", "Next mention", tooltip="Highlight the next claim or quote", id="next_mention"),
        Binding(
            "p",
            "step_mention(-1)",
            "Previous mention",
            tooltip="Highlight the previous claim or quote",
            id="previous_mention",
        ),
        Binding(
            "A",
            "add_item",
            "Add missed",
            tooltip="Select the words of a claim or quote the extractor missed (shift+arrows or the mouse) and add it",
            id="add_item",
        ),
    ]

    def __init__(self, article_id: int, focus: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.focus_span = focus
        self.article: ArticleView | None = None
        self._blocks: list[tuple[int, int]] = []
        self.stretch: tuple[int, int] = (0, 0)  # the part of the text on screen (all of it, unless very long)
        self._spans: list[tuple[int, int]] = []
        self._shown: list[tuple[int, int, str]] = []  # marks within the stretch, by start
        self._longest = 0
        self._meta = Text()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("loading…", style="dim"), id="article-meta")
        yield VerticalScroll(id="article-body")
        yield Footer()

    def on_mount(self) -> None:
        self._load(self.article_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load(self, article_id: int) -> None:
        self.post_message(ArticleReady(self.app.backend.article(article_id)))  # type: ignore[attr-defined]

    @on(ArticleReady)
    async def _ready(self, message: ArticleReady) -> None:
        article = message.article
        meta = self.query_one("#article-meta", Static)
        if article is None:
            meta.update(Text("This article is no longer in the database.", style="bold red"))
            return
        self.article = article
        record = article.record
        line = Text.assemble(
            (safe(record.get("outlet")), "bold"),
            "  ",
            safe(record.get("published")) or "unknown date",
            "  ",
            (safe(record.get("title") or record.get("source")), "italic"),
        )
        line.append(
            f"\n{safe(record.get('source'))} · version {record.get('version')} · "
            f"{len(article.mentions)} marked mentions",
            style="dim",
        )
        if record.get("url"):
            line.append(f" · {safe(record['url'])}", style="dim underline")
        if article.capture:
            capture = article.capture
            line.append(
                "\n"
                + safe(
                    describe_capture(
                        capture["origin"], capture["final_url"], capture["fetched_at"], capture["http_status"]
                    )
                ),
                style="dim",
            )
        if record.get("superseded_by"):
            line.append("\nAn older version: the article has been re-ingested since.", style="yellow")
        self._meta = line
        self._spans = sorted({(m["start"], m["end"]) for m in article.mentions})
        await self._show(self.focus_span[0] if self.focus_span else 0)

    async def _show(self, position: int) -> None:
        """Mount the stretch of the text around ``position`` (the whole text, unless it is very long)."""
        assert self.article is not None
        text = self.article.text
        self.stretch = start, end = stretch_around(text, position)
        meta = self._meta.copy()
        if (start, end) != (0, len(text)):
            meta.append(
                f"\nshowing characters {start:,}–{end:,} of {len(text):,}; n and p move through every "
                "mention, and the view follows",
                style="yellow",
            )
        self.query_one("#article-meta", Static).update(meta)
        self._shown = sorted(
            (m["start"], m["end"], STYLES["dismissed" if m.get("dismissed") else m["item_table"]])
            for m in self.article.mentions
            if m["start"] < end and m["end"] > start
        )
        self._longest = max((e - s for s, e, _ in self._shown), default=0)
        self._blocks = paragraphs(text, start, end)
        body = self.query_one("#article-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(Static(self._render_block(i), classes="paragraph") for i in range(len(self._blocks)))
        self.call_after_refresh(self._scroll_to_focus)

    def _render_block(self, index: int) -> Text:
        assert self.article is not None
        start, end = self._blocks[index]
        first = bisect_left(self._shown, (start - self._longest,))  # a mark may begin before the block
        spans = [(s, e, style) for s, e, style in self._shown[first : bisect_left(self._shown, (end,))] if e > start]
        if self.focus_span and self.focus_span[0] < end and self.focus_span[1] > start:
            spans.append((*self.focus_span, STYLES["focus"]))
        return styled_text(self.article.text[start:end], spans, offset=start)

    def _block_of(self, position: int) -> int | None:
        for index, (start, end) in enumerate(self._blocks):
            if start <= position <= end:
                return index
        return None

    def _scroll_to_focus(self) -> None:
        """Scroll so the highlighted mention sits in the upper third, even inside a paragraph taller than the
        screen (many articles are one long line): the line is found in what the paragraph actually rendered."""
        if self.focus_span is None:
            return
        index = self._block_of(self.focus_span[0])
        if index is None:
            return
        block = self.query(".paragraph")[index]
        body = self.query_one("#article-body", VerticalScroll)
        strips = block.render_lines(Region(0, 0, block.size.width, block.size.height))
        line = next(
            (
                y
                for y, strip in enumerate(strips)
                if any(seg.style and seg.style.reverse and seg.style.bold for seg in strip)
            ),
            0,
        )
        body.scroll_to(y=max(block.virtual_region.y + line - body.size.height // 3, 0), animate=False)

    def action_add_item(self) -> None:
        from workbench.tui.screens.corrections import SpanScreen

        if self.article is None:
            return
        if self.article.record.get("superseded_by"):
            self.notify("This is an older version of the article; add to the current one.", severity="warning")
            return
        self.app.push_screen(SpanScreen(self.article_id, self.article.text, self.focus_span, self._add))

    def _add(self, start: int, end: int, fields: dict[str, Any]) -> None:
        fields = dict(fields)
        entity_type = fields.pop("entity_type")
        self._write_add(entity_type, start, end, fields)

    @work(thread=True, exclusive=True, group="add", exit_on_error=False)
    def _write_add(self, entity_type: str, start: int, end: int, fields: dict[str, Any]) -> None:
        from workbench.services.review import ReviewError

        backend = self.app.backend  # type: ignore[attr-defined]
        try:
            outcome = backend.add_item(entity_type, self.article_id, start, end, fields)
        except (ReviewError, ValueError) as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Not added", severity="error", markup=False, timeout=8
            )
            return
        self.app.call_from_thread(self._added, outcome, (start, end))

    def _added(self, outcome: Any, span: tuple[int, int]) -> None:
        from workbench.tui.screens.corrections import SpanScreen

        self.notify(outcome.message, markup=False, timeout=3)
        if isinstance(self.app.screen, SpanScreen):
            self.app.pop_screen()
        self.focus_span = span
        self._load(self.article_id)
        self.app.main_screen.relist()  # type: ignore[attr-defined]

    async def action_step_mention(self, step: int) -> None:
        if self.article is None or not self._spans:
            return
        spans = self._spans
        at = bisect_left(spans, self.focus_span) if self.focus_span else len(spans)
        if at < len(spans) and spans[at] == self.focus_span:
            position = (at + step) % len(spans)
        else:
            later = bisect_right(spans, (self.focus_span[0], sys.maxsize)) if self.focus_span else 0
            position = later if later < len(spans) and step > 0 else (len(spans) - 1 if step < 0 else 0)
        old = self._block_of(self.focus_span[0]) if self.focus_span else None
        self.focus_span = spans[position]
        if not (self.stretch[0] <= self.focus_span[0] and self.focus_span[1] <= self.stretch[1]):
            await self._show(self.focus_span[0])
            return
        blocks = self.query(".paragraph")
        for index in {i for i in (old, self._block_of(self.focus_span[0])) if i is not None}:
            blocks[index].update(self._render_block(index))  # type: ignore[attr-defined]
        self._scroll_to_focus()
