"""The command palette (ctrl+p): every action of the current screen by name, and jump targets by name.

Jump targets are the views, articles (outlet, date, title), speakers and outlets. Their names come from articles,
so they are shown as plain ``Content`` (never markup) after ``for_terminal``; matches are highlighted by offset.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from workbench.services.catalog import VIEWS, BrowseFilter
from workbench.tui.format import safe

MAX_ARTICLES = 5000

Target = tuple[str, str, Callable[[], Any]]


def plain_highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight`` but for untrusted text: the candidate is never parsed as markup."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class WorkbenchCommands(Provider):
    async def startup(self) -> None:
        """Load the jump targets off the event loop (a large database has thousands of articles)."""
        self._targets: list[Target] = []
        app: Any = self.app
        for view in VIEWS:
            self._targets.append((f"Go to {view.capitalize()}", f"Show the {view} list", partial(app.show_main, view)))
        backend = app.backend
        rows = await asyncio.to_thread(backend.first_rows, "articles", BrowseFilter(), MAX_ARTICLES)
        for row in rows:
            name = (
                f"Article: {safe(row['outlet'])} {safe(row['published']) or 'no date'} "
                f"{safe(row['title'] or row['source'])}"
            )
            self._targets.append(
                (name, f"{row['claims']} claims, {row['quotes']} quotes", partial(app.open_article, row["id"]))
            )
        speakers = await asyncio.to_thread(backend.call, backend.catalog.speakers)
        for speaker, count in speakers:
            self._targets.append(
                (
                    f"Speaker: {safe(speaker)}",
                    f"Filter the claims or quotes to this speaker ({count} items)",
                    partial(app.show_main, None, speaker=speaker),
                )
            )
        outlets = await asyncio.to_thread(backend.call, backend.catalog.outlets)
        for outlet in outlets:
            self._targets.append(
                (
                    f"Outlet: {safe(outlet)}",
                    "Filter the claims or quotes to this outlet",
                    partial(app.show_main, None, outlet=outlet),
                )
            )

    def _actions(self) -> list[Target]:
        """The screen's bindings that have a description, keyed by their current keys."""
        screen = self.screen
        found: dict[str, Target] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.system or not active.enabled:
                continue
            name = binding.id or binding.action
            shown = self.app.get_key_display(binding.__class__(key, binding.action))
            if name in found:
                title, help_text, callback = found[name]
                found[name] = (title, f"{help_text}, {shown}", callback)
                continue
            help_text = f"{binding.tooltip}  — key: {shown}" if binding.tooltip else f"key: {shown}"
            found[name] = (binding.description, help_text, partial(self.app.run_action, binding.action, active.node))
        return list(found.values())

    async def discover(self) -> Hits:
        for title, help_text, callback in self._actions():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in [*self._actions(), *self._targets]:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, plain_highlight(matcher, title), callback, text=title, help=help_text)
