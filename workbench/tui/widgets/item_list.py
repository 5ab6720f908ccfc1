"""A virtual list of 200,000 rows: renders only the visible lines and asks for rows a page at a time (Toolong).

The widget never touches the database. It knows how many rows the listing has (at first only the first page's:
the count comes later), keeps the pages it was given (an LRU of pages, plus an LRU of rendered lines), and posts
``RowsWanted`` for the pages the viewport needs; the screen loads them in a worker and hands them back with
``add_pages``. The highlighted item is announced once its row is loaded.
"""

from __future__ import annotations

import textwrap
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PAGE_SIZE = 100
MAX_PAGES = 64  # 6,400 rows in memory at most, whatever the listing's size
PREFETCH = 1  # pages beyond each edge of the viewport

Row = dict[str, Any]
LineRenderer = Callable[[Row, int], Text]


class ItemList(ScrollView, can_focus=True):
    """Rows of one listing; the highlighted row is the cursor, Enter selects it."""

    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False, id="list_up"),
        Binding("down", "cursor_down", "Down", show=False, id="list_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list_page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list_page_down"),
        Binding("home", "first", "First", show=False, id="list_first"),
        Binding("end", "last", "Last", show=False, id="list_last"),
        Binding(
            "enter", "select", "Open", tooltip="Open the highlighted row (an item's article, or an article)", id="open"
        ),
    ]
    COMPONENT_CLASSES = {"item-list--cursor", "item-list--loading", "item-list--empty"}
    FOCUS_ACTIONS = frozenset({"search"})  # screen actions that move the focus to a text box (see ``_on_key``)
    DEFAULT_CSS = """
    ItemList { overflow-y: scroll; overflow-x: hidden; }
    ItemList > .item-list--cursor { background: $block-cursor-blurred-background; }
    ItemList:focus > .item-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    ItemList > .item-list--loading { color: $text-muted; }
    ItemList > .item-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        def __init__(self, item_list: ItemList, index: int, item_id: int) -> None:
            super().__init__()
            self.item_list = item_list
            self.index = index
            self.item_id = item_id

    class Selected(Highlighted):
        pass

    class RowsWanted(Message):
        """Pages (``PAGE_SIZE`` rows each) the viewport needs; ``token`` names the listing they belong to."""

        def __init__(self, item_list: ItemList, token: int, pages: tuple[int, ...]) -> None:
            super().__init__()
            self.item_list = item_list
            self.token = token
            self.pages = pages

    def __init__(self, renderer: LineRenderer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._renderer = renderer
        self._count = 0
        self._announced: int | None = None  # the item last announced as highlighted
        self._token = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._lines: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(1024)
        self._request_scheduled = False
        self.empty_text = ""

    # -- what the screen calls -------------------------------------------------------------------------------------

    @property
    def token(self) -> int:
        return self._token

    @property
    def count(self) -> int:
        return self._count

    @property
    def current_id(self) -> int | None:
        """The highlighted item, None while its row is still loading."""
        row = self.row_at(self.cursor)
        return int(row["id"]) if row is not None else None

    def row_at(self, index: int) -> Row | None:
        page = self._pages.get(index // PAGE_SIZE)
        return page[index % PAGE_SIZE] if page is not None and index % PAGE_SIZE < len(page) else None

    def show(
        self,
        token: int,
        first: list[Row],
        count: int,
        *,
        renderer: LineRenderer | None = None,
        cursor: int = 0,
        empty_text: str = "",
    ) -> None:
        """Switch to another listing: its first page and how many rows it has so far (``token`` tells its pages
        from stale ones)."""
        had_rows = bool(self._count)
        self._token = token
        self._count = count
        self._renderer = renderer or self._renderer
        self._pages.clear()
        if first:
            self._pages[0] = first
        self._lines.clear()
        self.empty_text = empty_text
        self._set_length(count)
        self.set_reactive(ItemList.cursor, max(0, min(cursor, count - 1)))
        self.scroll_to(y=max(0, self.cursor - self.size.height // 3), animate=False, immediate=True)
        self.refresh()
        self._rows_changed(had_rows)
        self._announced = None
        self._announce()

    def set_count(self, token: int, count: int) -> None:
        """The listing's row count, once known (the list can then scroll to its end)."""
        if token != self._token or count == self._count:
            return
        had_rows, old = bool(self._count), self._count
        self._count = count
        self._set_length(count)
        # The painted lines stay: a line depends on its row, not on how many follow (the count arrives after the
        # first page is painted, and repainting the whole list here drew every line of it a second time, 5-10 CPU
        # ms after every listing). Only lines past the old end, if any are in view, change; the scrollbar is
        # updated by ``_set_length``.
        if self.cursor >= count:
            self.move_to(count - 1)
        end = int(self.scroll_y) + self.size.height
        if old < end:
            self.refresh_lines(old, end - old)  # virtual lines, as ScrollView.refresh_lines takes them
        self._rows_changed(had_rows)

    def _set_length(self, count: int) -> None:
        """Scroll over ``count`` lines. Assigning ``virtual_size`` lays the whole screen out (some 100 widgets, the
        footer's keys among them; 20-30 CPU ms), and every filter and every count did it, though only this list's
        scrollbar and scroll range change: its own box is fixed by the CSS. So the size is set without a layout and
        the scrollbar updated as a layout would (Textual's ``ScrollView._size_updated``)."""
        size = Size(self.size.width, count)
        if size != self.virtual_size:
            self.set_reactive(ItemList.virtual_size, size)
            self._scroll_update(size)

    def _rows_changed(self, had_rows: bool) -> None:
        """Refresh the keys only when Enter's availability changed: every refresh rebuilds the footer (some
        100 widgets, 0.1-0.2 CPU s), which on each filter change cost more than reading the listing."""
        if bool(self._count) != had_rows:
            self.refresh_bindings()

    def add_pages(self, token: int, pages: dict[int, list[Row]]) -> None:
        if token != self._token:
            return
        for number, rows in pages.items():
            self._pages[number] = rows
            self._pages.move_to_end(number)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        self._lines.clear()
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        """Tell the screen which item is highlighted, as soon as its row is loaded."""
        item_id = self.current_id
        if item_id is not None and item_id != self._announced:
            self._announced = item_id
            self.post_message(self.Highlighted(self, self.cursor, item_id))

    def repaint(self) -> None:
        """Paint every line again from the loaded rows (the renderer's output changed, not the rows)."""
        self._lines.clear()
        self.refresh()

    @property
    def visible_indexes(self) -> range:
        first = int(self.scroll_y)
        return range(first, min(first + self.size.height, self._count))

    def reload_rows(self, indexes: Sequence[int] | None = None) -> None:
        """Ask again for the pages holding ``indexes`` (all cached pages when None); old rows stay until then."""
        pages = {i // PAGE_SIZE for i in indexes} if indexes is not None else set(self._pages)
        pages &= set(self._pages) | {self.cursor // PAGE_SIZE}
        if pages:
            self.post_message(self.RowsWanted(self, self._token, tuple(sorted(pages))))

    # -- cursor ----------------------------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_index(old)
        self._refresh_index(new)
        self._keep_visible(new)
        self._announce()

    def move_to(self, index: int) -> None:
        if self._count:
            self.cursor = max(0, min(index, self._count - 1))

    def _keep_visible(self, index: int) -> None:
        height = max(self.size.height, 1)
        if index < self.scroll_y:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= self.scroll_y + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def _refresh_index(self, index: int) -> None:
        y = index - int(self.scroll_y)
        if 0 <= y < self.size.height:
            self.refresh_lines(y)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(self.size.height - 1, 1))

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(self.size.height - 1, 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self._count - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self._count) if action == "select" else True

    def action_select(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Selected(self, self.cursor, self.current_id))

    async def _on_key(self, event: events.Key) -> None:
        """Keys typed in a burst after ``/`` belong to the search box, never to list actions.

        Textual runs a key's binding only once the key has bubbled up to the app, by which time the keys typed
        right after it were already delivered here. So a binding that moves the focus (``FOCUS_ACTIONS``, under
        whatever key the user mapped it to) runs at once, and a key that arrives after the focus moved on is
        handed to the widget that has the focus now (without this, "/tariffs" typed fast toggled the to-do filter
        with t and opened the Assign form with a)."""
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.enabled and active.binding.action in self.FOCUS_ACTIONS:
            event.stop()
            event.prevent_default()
            await self.app.run_action(active.binding.action, active.node)
            return
        await super()._on_key(event)

    async def _on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < self._count:
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self.move_to(index)

    # -- rendering -------------------------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._count)
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if not self._count:
            lines = textwrap.wrap(self.empty_text, max(width - 4, 10))
            if 1 <= y <= len(lines):
                style = self.get_component_rich_style("item-list--empty")
                return Strip([Segment(f"  {lines[y - 1]}"[:width], style)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        if index >= self._count:
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        # Only the cursor line shows the focus: moving the focus (the search box's Enter) repaints the list, and
        # keying every line on it drew all of them again while the new listing was being read.
        key = (index, width, is_cursor, is_cursor and self.has_focus)
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        row = self.row_at(index)
        if row is not None:
            # One cell less, like the header: the last cell sits under the scrollbar gutter.
            text = self._renderer(row, max(width - 1, 10))
        elif index // PAGE_SIZE in self._pages:
            text = Text(
                "  (gone from the database since the list was loaded: ctrl+r reloads)",
                style=self.get_component_rich_style("item-list--loading"),
            )
        else:
            self._want()
            text = Text("  loading…", style=self.get_component_rich_style("item-list--loading"))
        if is_cursor:
            text.stylize(self.get_component_rich_style("item-list--cursor"))
        strip = Strip(list(text.render(self.app.console)), text.cell_len).crop_extend(0, width, base)
        if index // PAGE_SIZE in self._pages:
            self._lines[key] = strip
        return strip

    def _want(self) -> None:
        """Post one request for the viewport's missing pages after this render pass (an older request may have
        been superseded by a newer one before it ran, so the request is repeated while pages are missing)."""
        if not self._request_scheduled:
            self._request_scheduled = True
            self.call_later(self._request_pages)

    def _request_pages(self) -> None:
        self._request_scheduled = False
        first = max(int(self.scroll_y) // PAGE_SIZE - PREFETCH, 0)
        last = min((int(self.scroll_y) + self.size.height) // PAGE_SIZE + PREFETCH, (self._count - 1) // PAGE_SIZE)
        missing = tuple(p for p in range(first, last + 1) if p not in self._pages)
        if missing:
            self.post_message(self.RowsWanted(self, self._token, missing))
