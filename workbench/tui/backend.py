"""The services the UI calls, behind one lock, plus the read model of one item's review state.

The catalog and the review service share one SQLite connection, and the UI calls them from worker threads (so the
event loop never waits on the disk). A connection must not run two threads' statements interleaved inside one
transaction, so every call takes the lock; the calls are milliseconds, so nobody notices the queueing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.models import Source
from workbench.services.catalog import (
    ArticleView,
    BrowseFilter,
    Catalog,
    ClusterView,
    ItemDetail,
    Listing,
    StoryView,
    View,
)
from workbench.services.corrections import ClusterPlan, CorrectionService
from workbench.services.live import ChangeSet, LiveUpdates
from workbench.services.review import (
    BlameLine,
    EffectiveVerdict,
    ItemRef,
    Note,
    Review,
    ReviewEvent,
    ReviewService,
    ValidationError,
)
from workbench.tui.format import event_summary

if TYPE_CHECKING:
    from workbench.services.explain import Explanation

T = TypeVar("T")
HISTORY_LIMIT = 12


@dataclass(frozen=True)
class ReviewState:
    """Everything the detail pane shows about the review of one item and of its cluster."""

    effective: EffectiveVerdict
    own: Review
    cluster: Review
    sources: list[Source]
    notes: list[Note]
    history: list[ReviewEvent]
    blame: dict[str, BlameLine] = field(default_factory=dict)
    corrections: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Blind review: verdicts are the reviewer's own judgements; colleagues' sources, notes and history entries
    # (``hidden`` of them) are left out.
    blind: bool = False
    hidden: int = 0

    def version_of(self, ref: ItemRef) -> int:
        return self.cluster.version if ref.entity_type.endswith("_cluster") else self.own.version

    def review_of(self, ref: ItemRef) -> Review:
        return self.cluster if ref.entity_type.endswith("_cluster") else self.own


@dataclass(frozen=True)
class Detail:
    item: ItemDetail
    review: ReviewState

    @property
    def ref(self) -> ItemRef:
        return ItemRef(self.item.entity_type, self.item.id)

    @property
    def cluster_ref(self) -> ItemRef:
        return ItemRef(self.item.cluster_entity_type, int(self.item.record.get("cluster_id") or self.item.id))


@dataclass(frozen=True)
class WriteOutcome:
    """What a finished write reports back: a message for the user and the item to reload."""

    message: str
    ref: ItemRef | None
    relist: bool = False  # items entered the lists: reload the listing, not only the visible rows
    dropped: ItemRef | None = None  # an item left the lists: take it out of the loaded listing


class Backend:
    def __init__(self, catalog: Catalog, review: ReviewService):
        self.catalog = catalog
        self.review = review
        self.corrections = CorrectionService.of(review)
        # Blind review (key b): everything read shows this reviewer's own judgements, never a colleague's, and
        # verdict keys record judgements that do not replace a colleague's verdict.
        self.blind = False
        self._lock = threading.RLock()
        # The version each entity has after this session's own latest write: a second keypress queued before
        # the first write's result came back must not be refused as someone else's change.
        self._written: dict[ItemRef, int] = {}
        self.live = LiveUpdates(catalog.store, self._lock)

    @property
    def reviewer(self) -> str:
        return self.review.reviewer

    @property
    def blind_for(self) -> str | None:
        return self.reviewer if self.blind else None

    def call(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self._lock:
            return func(*args, **kwargs)

    # -- colleagues' changes ---------------------------------------------------------------------------------------

    def close(self) -> None:
        """What the backend opened besides the store (which its opener closes): the change watcher."""
        self.live.close()

    def poll_changes(self) -> bool:
        """Whether someone else committed since the last poll: on the event loop, it never waits for the lock."""
        return self.live.poll()

    def changes(self) -> ChangeSet:
        return self.call(self.live.changes, self.reviewer)

    # -- reads -----------------------------------------------------------------------------------------------------

    def listing(self, view: View, filters: BrowseFilter, page_size: int) -> Listing:
        return self.call(self.catalog.listing, view, replace(filters, blind_for=self.blind_for), page_size=page_size)

    def rows(self, view: View, ids: list[int]) -> list[dict[str, Any]]:
        return self.call(self.catalog.rows, view, ids, self.blind_for)

    def count(self, listing: Listing) -> int:
        return self.call(self.catalog.count, listing)

    def page(self, listing: Listing, number: int) -> list[dict[str, Any]]:
        return self.call(self.catalog.page, listing, number)

    def position(self, listing: Listing, item_id: int) -> int | None:
        return self.call(self.catalog.position, listing, item_id)

    def counts(self) -> dict[str, int]:
        return self.call(self.catalog.counts)

    def prepare(self, view: View, cancelled: Callable[[], bool]) -> None:
        """Run the catalog's preparations for ``view`` a step at a time, taking the lock for each step only, so a
        key pressed meanwhile waits for one step, not for all of them."""
        self._in_steps(self.catalog.preparations(view), cancelled)

    def read_stories_ahead(self, cancelled: Callable[[], bool]) -> None:
        """The Stories tab's first page, read a step at a time as ``prepare`` does."""
        self._in_steps(self.catalog.stories_ahead(), cancelled)

    def _in_steps(self, steps: Iterator[None], cancelled: Callable[[], bool]) -> None:
        while not cancelled():
            with self._lock:
                if next(steps, False) is False:
                    return

    def first_rows(self, view: View, filters: BrowseFilter, limit: int) -> list[dict[str, Any]]:
        return self.call(lambda: list(self.catalog.iter_rows(view, filters, limit)))

    def article(self, article_id: int) -> ArticleView | None:
        return self.call(self.catalog.article, article_id)

    def cluster(self, view: str, cluster_id: int) -> ClusterView:
        return self.call(self.catalog.cluster, view, cluster_id, self.blind_for)

    def story(self, story_id: int) -> StoryView | None:
        return self.call(self.catalog.story, story_id)

    def next_unreviewed(self, listing: Listing, item_id: int | None, backwards: bool = False) -> tuple[int, int] | None:
        return self.call(self.catalog.next_unreviewed, listing, item_id, backwards=backwards)

    def detail(self, view: View, item_id: int) -> Detail | None:
        with self._lock:
            item = self.catalog.detail(view, item_id, self.blind_for)
            if item is None:
                return None
            state = self._review_state(item)
            return Detail(item, self._blinded(item, state) if self.blind else state)

    def explain(self, ref: ItemRef) -> Explanation:
        """Why the item is a claim or quote: reading it takes the lock, re-running the extractor does not."""
        # Imported on first use: it loads the whole extractor, which the list does not need to paint.
        from workbench.services.explain import explain_stored, stored_item

        return explain_stored(self.call(stored_item, self.catalog.store, ref))

    def _review_state(self, item: ItemDetail) -> ReviewState:
        ref = ItemRef(item.entity_type, item.id)
        cluster = ItemRef(item.cluster_entity_type, int(item.record.get("cluster_id") or item.id))
        review = self.review
        history = sorted([*review.history(ref), *review.history(cluster)], key=lambda e: e.id or 0)
        return ReviewState(
            effective=review.effective_verdict(*ref.key),
            own=review.review(ref),
            cluster=review.review(cluster),
            sources=[*review.sources(ref), *review.sources(cluster)],
            notes=[*review.notes(ref), *review.notes(cluster)],
            history=history,
            blame=review.blame(ref),
            corrections=self.corrections.corrections(ref),
        )

    def _blinded(self, item: ItemDetail, state: ReviewState) -> ReviewState:
        """The review state as a blind reviewer may see it: their own judgements in place of the verdicts, and
        only their own sources, notes and history."""
        ref = ItemRef(item.entity_type, item.id)
        cluster = ItemRef(item.cluster_entity_type, int(item.record.get("cluster_id") or item.id))
        mine, on_cluster = self.review.judgement(ref), self.review.judgement(cluster)
        judged = mine or on_cluster
        origin = "own" if mine else "cluster" if on_cluster else None
        effective = EffectiveVerdict(
            entity_type=ref.entity_type,
            entity_id=ref.entity_id,
            label=judged.label if judged else "unreviewed",
            rationale=judged.rationale if judged else None,
            reviewer=self.reviewer if judged else None,
            updated_at=judged.updated_at if judged else None,
            version=state.own.version,
            origin=origin,
            origin_type=(judged.entity_type if judged else None),
            origin_id=(judged.entity_id if judged else None),
            cluster_id=cluster.entity_id,
            status=state.own.status,
            assignee=state.own.assignee,
            orphaned=state.own.orphaned,
        )
        sources = [s for s in state.sources if s.reviewer == self.reviewer]
        notes = [n for n in state.notes if n.reviewer == self.reviewer]
        history = [e for e in state.history if e.reviewer == self.reviewer]
        hidden = len(state.sources) + len(state.notes) + len(state.history) - len(sources) - len(notes) - len(history)
        return ReviewState(
            effective=effective,
            own=_own_only(state.own, mine),
            cluster=_own_only(state.cluster, on_cluster),
            sources=sources,
            notes=notes,
            history=history,
            blind=True,
            hidden=hidden,
        )

    def toggle_blind(self) -> bool:
        with self._lock:
            self.blind = not self.blind
            return self.blind

    # -- writes ----------------------------------------------------------------------------------------------------

    def write(self, ref: ItemRef, expected: int, action: Callable[[int], Any], message: str) -> WriteOutcome:
        """Run one review-service write with optimistic concurrency; ConflictError and ValidationError propagate."""
        with self._lock:
            version = max(expected, self._written.get(ref, 0))
            action(version)
            self._written[ref] = self.review.review(ref).version
            return WriteOutcome(message, ref)

    def set_verdict(self, ref: ItemRef, label: str, expected: int) -> WriteOutcome:
        blind = self.blind

        def run(version: int) -> None:
            # A verdict key keeps the rationale already written; only ``r`` changes it.
            if blind:
                mine = self.review.judgement(ref)
                self.review.judge(ref, label, mine.rationale if mine else None, expected_version=version)
                return
            rationale = self.review.review(ref).rationale
            self.review.set_verdict(ref, label, rationale, expected_version=version)

        shown = f"{ref.label}: {label.replace('_', ' ')}" + (" (your blind judgement)" if blind else "")
        return self.write(ref, expected, run, shown)

    def set_rationale(self, ref: ItemRef, rationale: str, expected: int) -> WriteOutcome:
        """A rationale explains a verdict: on an item whose verdict is inherited it gives the item its own verdict
        with the same label (as `import verdicts` does), so the rationale shows, and exports, with that verdict."""
        message = f"{ref.label}: rationale saved"
        blind = self.blind

        def run(version: int) -> None:
            nonlocal message
            if blind:
                mine = self.review.judgement(ref)
                if mine is None:
                    raise ValidationError(
                        "in blind review a rationale explains your own verdict: give one first (1-5, 0), then press r"
                    )
                self.review.judge(ref, mine.label, rationale, expected_version=version)
                return
            label = self.review.review(ref).label
            if ref.entity_type in ("claim", "quote") and self.review.review(ref).verdict is None:
                effective = self.review.effective_verdict(*ref.key)
                if effective.origin == "cluster":
                    label = effective.label
                    message += f", with its own verdict {label.replace('_', ' ')} (its cluster's until now)"
            self.review.set_verdict(ref, label, rationale, expected_version=version)

        outcome = self.write(ref, expected, run, message)
        return replace(outcome, message=message)

    def toggle_in_progress(self, ref: ItemRef, expected: int) -> WriteOutcome:
        with self._lock:
            status = "unreviewed" if self.review.review(ref).status == "in_progress" else "in_progress"
        return self.write(
            ref,
            expected,
            lambda v: self.review.set_status(ref, status, expected_version=v),
            f"{ref.label}: {status.replace('_', ' ')}",
        )

    def assign(self, ref: ItemRef, assignee: str, expected: int) -> WriteOutcome:
        shown = assignee.strip() or "nobody"
        return self.write(
            ref,
            expected,
            lambda v: self.review.assign(ref, assignee, expected_version=v),
            f"{ref.label}: assigned to {shown}",
        )

    def add_source(self, ref: ItemRef, fields: dict[str, Any], expected: int) -> WriteOutcome:
        return self.write(
            ref,
            expected,
            lambda v: self.review.add_source(ref, expected_version=v, **fields),
            f"{ref.label}: source added",
        )

    def add_note(self, ref: ItemRef, text: str, expected: int) -> WriteOutcome:
        return self.write(
            ref, expected, lambda v: self.review.add_note(ref, text, expected_version=v), f"{ref.label}: note added"
        )

    # -- corrections -----------------------------------------------------------------------------------------------

    def dismiss(self, ref: ItemRef, reason: str, note: str | None, expected: int) -> WriteOutcome:
        outcome = self.write(
            ref,
            expected,
            lambda v: self.corrections.dismiss(ref, reason, note, expected_version=v),
            f"{ref.label}: dismissed ({reason.replace('_', ' ')}); u brings it back",
        )
        return WriteOutcome(outcome.message, ref, dropped=ref)

    def restore(self, ref: ItemRef, expected: int) -> WriteOutcome:
        outcome = self.write(
            ref,
            expected,
            lambda v: self.corrections.restore(ref, expected_version=v),
            f"{ref.label}: back in the lists",
        )
        return WriteOutcome(outcome.message, ref, relist=True)

    def correct(self, ref: ItemRef, changes: dict[str, Any], expected: int) -> WriteOutcome:
        shown = ", ".join(f"{name} → {value if value is not None else '—'}" for name, value in changes.items())
        return self.write(
            ref, expected, lambda v: self.corrections.correct(ref, changes, expected_version=v), f"{ref.label}: {shown}"
        )

    def people(self, ref: ItemRef) -> list[str]:
        return self.call(self.corrections.people, ref)

    def add_item(self, entity_type: str, article_id: int, start: int, end: int, fields: dict[str, Any]) -> WriteOutcome:
        with self._lock:
            ref = self.corrections.add_item(entity_type, article_id, start, end, fields)
            self._written[ref] = self.review.review(ref).version
            return WriteOutcome(f"{ref.label} added", ref, relist=True)

    def plan_move(self, ref: ItemRef, target: int | None) -> ClusterPlan:
        return self.call(self.corrections.plan_move, ref, target)

    def move(self, ref: ItemRef, target: int | None, expected: int) -> WriteOutcome:
        return self._cluster_write(
            ref, expected, lambda v: self.corrections.move_to_cluster(ref, target, expected_version=v)
        )

    def plan_merge(self, cluster: ItemRef, other: ItemRef) -> ClusterPlan:
        return self.call(self.corrections.plan_merge, cluster, other)

    def merge(self, cluster: ItemRef, other: ItemRef, expected: int) -> WriteOutcome:
        return self._cluster_write(
            cluster, expected, lambda v: self.corrections.merge_clusters(cluster, other, expected_version=v)
        )

    def plan_not_conflict(self, cluster: ItemRef, other: ItemRef) -> ClusterPlan:
        return self.call(self.corrections.plan_not_conflict, cluster, other)

    def not_conflict(self, cluster: ItemRef, other: ItemRef, expected: int) -> WriteOutcome:
        return self._cluster_write(
            cluster, expected, lambda v: self.corrections.mark_not_conflict(cluster, other, expected_version=v)
        )

    def _cluster_write(self, ref: ItemRef, expected: int, action: Callable[[int], ClusterPlan]) -> WriteOutcome:
        plans: list[ClusterPlan] = []
        self.write(ref, expected, lambda v: plans.append(action(v)), "")
        return WriteOutcome(plans[0].summary(), ref)

    def orphans(self) -> list[dict[str, Any]]:
        return self.call(self.corrections.orphans)

    def reattach(self, orphan: ItemRef, target: ItemRef) -> WriteOutcome:
        with self._lock:
            self.corrections.reattach(orphan, target)
            self._written[target] = self.review.review(target).version
            return WriteOutcome(f"review of {orphan.label} re-attached to {target.label}", target, relist=True)

    def discard(self, orphan: ItemRef) -> WriteOutcome:
        with self._lock:
            self.corrections.discard(orphan)
            self._written[orphan] = self.review.review(orphan).version
            return WriteOutcome(f"orphaned review of {orphan.label} discarded; u lists it again", orphan)

    def undo(self) -> WriteOutcome:
        return self._step(self.review.undo, "undid")

    def redo(self) -> WriteOutcome:
        return self._step(self.review.redo, "redid")

    def _step(self, func: Callable[[], ReviewEvent], verb: str) -> WriteOutcome:
        with self._lock:
            event = func()
            ref = ItemRef(event.entity_type, event.entity_id)
            self._written[ref] = event.version
            return WriteOutcome(f"{verb} on {ref.label}: {_undone_action(event)}", ref, relist=_relists(event))


def _relists(event: ReviewEvent) -> bool:
    """Whether an event made items enter or leave the lists (a dismissal, an addition, either undone)."""
    after = event.after or {}
    return "row" in after or any("dismissed" in fields for fields in (after.get("corrections") or {}).values())


def _undone_action(event: ReviewEvent) -> str:
    return event_summary("change", event.before, event.after)


def _own_only(review: Review, mine: Review | None) -> Review:
    """``review`` (the shared row: status, assignee, version) with the verdict replaced by the reviewer's own."""
    verdict = mine.verdict if mine else None
    return review.model_copy(
        update={
            "verdict": verdict,
            "label": verdict or (review.status if review.status != "reviewed" else "unreviewed"),
            "rationale": mine.rationale if mine else None,
            "verdict_by": mine.verdict_by if mine else None,
            "verdict_at": mine.verdict_at if mine else None,
        }
    )
