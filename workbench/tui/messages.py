"""Messages that workers post back to the event loop with what they loaded or wrote (Harlequin's pattern)."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from workbench.services.catalog import ArticleView, ClusterView, Listing, StoryView
from workbench.services.explain import Explanation
from workbench.tui.backend import Detail, WriteOutcome


class ListingReady(Message):
    def __init__(self, token: int, listing: Listing, counts: dict[str, int], keep_id: int | None) -> None:
        super().__init__()
        self.token = token
        self.listing = listing
        self.counts = counts
        self.keep_id = keep_id


class PagesReady(Message):
    def __init__(self, token: int, pages: dict[int, list[dict[str, Any]]]) -> None:
        super().__init__()
        self.token = token
        self.pages = pages


class DetailReady(Message):
    def __init__(self, view: str, item_id: int, detail: Detail | None) -> None:
        super().__init__()
        self.view = view
        self.item_id = item_id
        self.detail = detail


class ArticleRowReady(Message):
    def __init__(self, item_id: int, row: dict[str, Any] | None) -> None:
        super().__init__()
        self.item_id = item_id
        self.row = row


class PositionFound(Message):
    """Where ``n`` (next unreviewed) lands; None: nothing left to review in this listing."""

    def __init__(self, token: int, position: int | None) -> None:
        super().__init__()
        self.token = token
        self.position = position


class WriteDone(Message):
    def __init__(self, outcome: WriteOutcome, draft_key: tuple[str, Any] | None = None) -> None:
        super().__init__()
        self.outcome = outcome
        self.draft_key = draft_key


class WriteFailed(Message):
    """A write was refused. ``draft`` is the user's input, kept so that nothing typed is lost."""

    def __init__(self, error: Exception, draft_key: tuple[str, Any] | None = None, draft: Any = None) -> None:
        super().__init__()
        self.error = error
        self.draft_key = draft_key
        self.draft = draft


class ArticleReady(Message):
    def __init__(self, article: ArticleView | None) -> None:
        super().__init__()
        self.article = article


class StoryReady(Message):
    def __init__(self, story: StoryView | None) -> None:
        super().__init__()
        self.story = story


class ClusterReady(Message):
    def __init__(self, cluster: ClusterView) -> None:
        super().__init__()
        self.cluster = cluster


class WhyReady(Message):
    """The rules behind an item (``explanation``), or why they could not be found (``error``)."""

    def __init__(self, view: str, item_id: int, explanation: Explanation | None, error: str | None = None) -> None:
        super().__init__()
        self.view = view
        self.item_id = item_id
        self.explanation = explanation
        self.error = error
