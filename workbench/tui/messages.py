"""Messages that workers post back to the event loop with what they loaded or wrote (Harlequin's pattern)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

from workbench.services.catalog import ArticleView, ClusterView, Listing, StoryView
from workbench.tui.backend import Detail, WriteOutcome

if TYPE_CHECKING:
    from workbench.services.explain import Explanation


class ListingReady(Message):
    """A listing's first page; ``position`` is where the cursor goes (None: the first row, or the view's selected
    item if it is on the first page); ``counts`` only when the list is empty (its message depends on them)."""

    def __init__(self, token: int, listing: Listing, counts: dict[str, int] | None, position: int | None) -> None:
        super().__init__()
        self.token = token
        self.listing = listing
        self.counts = counts
        self.position = position


class CountReady(Message):
    """How many rows the listing ``token`` has (counted after its first page was shown)."""

    def __init__(self, token: int, count: int) -> None:
        super().__init__()
        self.token = token
        self.count = count


class CountsReady(Message):
    """Current articles, claims and quotes, for the tabs and the status line."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts


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
    """Where ``n`` (next unreviewed) lands, None: nothing left to review in this listing; or where the view's
    selected item is after a view switch (``untouched_only``: only if the cursor is still on the first row)."""

    def __init__(self, token: int, position: int | None, *, untouched_only: bool = False) -> None:
        super().__init__()
        self.token = token
        self.position = position
        self.untouched_only = untouched_only


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
