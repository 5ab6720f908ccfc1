"""The grouping engine: clusters and conflicts across articles, and within stories.

Candidates come from inverted indexes keyed by (block, value bin, context word) for merges and by (block, head,
context word) for conflicts; common words are skipped, so no all-pairs comparison happens. Value bins cover each
claim's interval of compatible values: single integers for narrow intervals (years, counts), 12%-wide
logarithmic bins for wide ones ("$3 billion" = 2.5–3.5 billion), so two compatible claims always share a bin
and a year meets only its own year. Topic words are read only for a candidate that passes the cheaper tests and
would beat the best match so far.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from workbench.pipeline.candidates import GroupedPostingIndex, PostingIndex, paused_gc
from workbench.pipeline.cluster_claims.features import (
    CONFLICT_MIN_SHARED_WORDS,
    MIN_SHARED_WORDS,
    STOP_POSTINGS,
    ClaimItem,
)
from workbench.pipeline.cluster_claims.pair_veto import pair_veto
from workbench.pipeline.cluster_claims.rarity import WordRarity
from workbench.pipeline.cluster_claims.statement import MergeKeys, _Claim
from workbench.pipeline.cluster_claims.story import Conflict, _story_conflicts, _StoryLinker
from workbench.pipeline.cluster_claims.vetoes import link_veto


def claim_relation(a: ClaimItem, b: ClaimItem, rarity: WordRarity | None = None) -> str | None:
    """``"same"``, ``"conflict"`` or None for two claims, by the rules above (for tests and audits).

    ``rarity`` should count the claims the two were clustered with (``WordRarity.of(batch)``); without it, only
    the two claims are counted, which makes every word rare.
    """
    first, second = _Claim(a), _Claim(b)
    if first.block != second.block:
        return None
    rarity = rarity or WordRarity.of((a, b))
    if first.compatible(second):
        return "same" if first.same_statement(second, rarity) else None
    if first.value is None or second.value is None or first.article == second.article:
        return None
    return "conflict" if first.contradicts(second, rarity) else None


class ClaimClusterIndex:
    """Claim cluster representatives and their candidate indexes, for incremental clustering.

    Load the store's clusters with :meth:`add_existing` (at least every representative), then :meth:`assign`.
    Word rarity counts the representatives' topics (plus, during :meth:`assign`, the batch's), so what was loaded
    matters, but not in which order.
    """

    def __init__(self) -> None:
        self._reps: dict[int, _Claim] = {}
        self._merge_index = GroupedPostingIndex()
        self._conflict_index = PostingIndex()
        self._assigned: dict[int, int] = {}
        self._topic_counts: Counter[str] = Counter()
        self._uncounted: list[tuple[str, ...]] = []  # topics of representatives not yet in _topic_counts
        # cluster id -> the articles of its members other than the representative (for headings)
        self._member_articles: dict[int, set[str]] = {}
        # story id -> its clustered claims and their clusters (see add_story_member)
        self._story_members: dict[int, list[tuple[_Claim, int]]] = {}
        self.conflict_details: list[Conflict] = []
        # When a dict: (claim id, representative id) -> the link veto that kept a matching pair apart, so "why did
        # these not merge?" has an answer.
        self.link_trace: dict[tuple[int, int], str] | None = None

    def __len__(self) -> int:
        """Number of clusters."""
        return len(self._reps)

    def add_representative(self, item: ClaimItem) -> None:
        """Register a stored cluster; its id is ``item.id``."""
        self.add_existing(item, item.id)

    def add_existing(self, item: ClaimItem, cluster_id: int) -> None:
        """Register a stored claim and its cluster, without matching it; only representatives are indexed."""
        self._assigned[item.id] = cluster_id
        if item.id == cluster_id:
            self._add_rep(_Claim(item))
        else:
            self._member_articles.setdefault(cluster_id, set()).add(str(item.article))

    def add_story_member(self, item: ClaimItem, cluster_id: int) -> None:
        """Register a stored claim of a story that new claims may join (load every clustered claim of the stories
        the new claims belong to); representatives are registered separately."""
        if item.story is not None:
            self._story_members.setdefault(item.story, []).append((_Claim(item), cluster_id))

    def cluster_of(self, item_id: int) -> int | None:
        return self._assigned.get(item_id)

    def assign(self, items: Iterable[ClaimItem]) -> tuple[dict[int, int], list[tuple[int, int]]]:
        """Cluster id for each new claim, and the (smaller id, larger id) cluster pairs found to conflict.

        Already-known ids keep their cluster and are not reported. Conflicts may repeat pairs found earlier;
        ``conflict_details`` then holds each pair with the two claims that show it and their story.
        """
        assignments: dict[int, int] = {}
        details: dict[tuple[int, int], Conflict] = {}
        with paused_gc():
            fresh = {item.id: item for item in items if item.id not in self._assigned}
            # Each item is let go once its claim is read (the claim keeps what it needs): the items' stored readings
            # are as large again as the claims' statements. Sorted by id-unique keys, so the order read is no matter.
            claims = sorted((_Claim(fresh.popitem()[1]) for _ in range(len(fresh))), key=_Claim.order_key)
            del fresh  # emptied, but its table is as large as when it was full
            self._count_topics()
            counts = Counter(self._topic_counts)
            counts.update(chain.from_iterable(claim.topic for claim in claims))  # counted in C, in the same order
            rarity = WordRarity(counts, len(self._reps) + len(claims))
            joins, groups = self._link_stories(claims, rarity)
            grouped = {claim.id for group in groups for claim in group}
            units = [[claim] for claim in claims if claim.id not in joins and claim.id not in grouped] + groups
            units.sort(key=lambda unit: min(member.order_key() for member in unit))
            units.reverse()  # taken from the end, so that each is freed once placed
            while units:
                unit = units.pop()
                claim = min(unit, key=_Claim.order_key)
                keys = claim.merge_keys()
                cluster_id, against = self._place(claim, rarity, keys)
                if cluster_id is None:
                    cluster_id = claim.id
                    self._add_rep(claim, keys)
                for member in unit:
                    self._record(member, cluster_id, assignments)
                for other in against:
                    if other != cluster_id:
                        key = (min(cluster_id, other), max(cluster_id, other))
                        details.setdefault(key, Conflict(*key, claim.id, other, None))
            for claim in claims:
                if claim.id in joins:
                    self._record(claim, joins[claim.id], assignments)
            for conflict in self._story_conflicts({claim.story for claim in claims if claim.story is not None}, rarity):
                details.setdefault((conflict.cluster_a, conflict.cluster_b), conflict)
        self.conflict_details = sorted(details.values())
        return assignments, sorted(details)

    def _record(self, claim: _Claim, cluster_id: int, assignments: dict[int, int]) -> None:
        if cluster_id != claim.id:
            self._member_articles.setdefault(cluster_id, set()).add(claim.article)
        self._assigned[claim.id] = cluster_id
        assignments[claim.id] = cluster_id
        if claim.story is not None:
            self._story_members.setdefault(claim.story, []).append((claim, cluster_id))

    # -- stories ---------------------------------------------------------------------------------------------------

    def _link_stories(self, claims: list[_Claim], rarity: WordRarity) -> tuple[dict[int, int], list[list[_Claim]]]:
        """Links made inside stories: new claim id → stored cluster it joins, and groups of new claims that are
        one claim among themselves (placed against other stories as one)."""
        by_story: dict[int, list[_Claim]] = {}
        for claim in claims:
            if claim.story is not None:
                by_story.setdefault(claim.story, []).append(claim)
        joins: dict[int, int] = {}
        groups: list[list[_Claim]] = []
        for story in sorted(by_story):
            stored = self._story_members.get(story, [])
            for cluster_id, members in _StoryLinker(stored, by_story[story], rarity).groups():
                if cluster_id is not None:
                    joins.update((member.id, cluster_id) for member in members)
                elif len(members) > 1:
                    groups.append(members)
        return joins, groups

    def _story_conflicts(self, stories: Iterable[int], rarity: WordRarity) -> list[Conflict]:
        found: list[Conflict] = []
        for story in sorted(stories):
            found.extend(_story_conflicts(story, self._story_members.get(story, []), rarity))
        return found

    def _heading_match(self, claim: _Claim, candidates: Iterable[int]) -> int | None:
        """The cluster a heading restates (see the module docstring): the lowest id among the compatible
        ``candidates`` of its block that qualify."""
        found = None
        for rep_id in candidates:
            rep = self._reps[rep_id]
            same_article = rep.article == claim.article or claim.article in self._member_articles.get(rep_id, ())
            if same_article and (rep.head == claim.head or claim.head in rep.features):
                found = rep_id if found is None else min(found, rep_id)
        return found

    def _count_topics(self) -> None:
        """Bring the representatives' topic counts up to date: they are read only when a batch starts, and a batch's
        own representatives are counted with the batch."""
        for topic in self._uncounted:
            self._topic_counts.update(topic)
        self._uncounted.clear()

    def _add_rep(self, claim: _Claim, keys: MergeKeys | None = None) -> None:
        """Index a new representative; ``keys``: its :meth:`_Claim.merge_keys`, when its lookup read them."""
        self._reps[claim.id] = claim
        self._uncounted.append(claim.topic)
        if claim.features:
            keys = keys or claim.merge_keys()
            self._merge_index.add(keys.filed, keys.words, claim.id)
            if claim.may_conflict:
                self._conflict_index.add(set(claim.conflict_keys(keys.words)), claim.id)

    def _sharing_two_words(self, claim: _Claim, counts: dict[int, int], stopped: frozenset[str]) -> list[int]:
        """The candidates, in the order found, that share MIN_SHARED_WORDS context words with ``claim``, which
        :meth:`_Claim.context_overlap` needs to be non-zero: the shared-key count (or, for the few found through one
        key, the words of keys skipped as too common) rules out most at once, and the words themselves the ones
        counted twice through two value bins of one word. At 100k claims, 1 in 4 of the million candidates remain."""
        reps = self._reps
        words, least = claim.features.keys(), MIN_SHARED_WORDS
        if stopped:
            # one word short (the common case: one key shared): any skipped word of the candidate's will do
            found = [
                rep_id
                for rep_id, shared in counts.items()
                if shared >= least
                or (
                    not stopped.isdisjoint(reps[rep_id].features)
                    if shared + 1 == least
                    else not _too_few_shared(shared, stopped, reps[rep_id])
                )
            ]
            return [rep_id for rep_id in found if len(words & reps[rep_id].features.keys()) >= least]
        return [
            rep_id
            for rep_id, shared in counts.items()
            if shared >= least and len(words & reps[rep_id].features.keys()) >= least
        ]

    def _place(self, claim: _Claim, rarity: WordRarity, keys: MergeKeys) -> tuple[int | None, list[int]]:
        """The best compatible cluster (or None) and the clusters whose values contradict this claim (``keys``: its
        :meth:`_Claim.merge_keys`)."""
        if not claim.features:
            return None, []
        # Prefix filtering: a conflict shares >= CONFLICT_MIN_SHARED_WORDS words, so all but the commonest ones
        # suffice.
        take = max(1, len(claim.features) - CONFLICT_MIN_SHARED_WORDS + 1)
        best: tuple[float, int] | None = None
        compatible: list[int] = []  # kept for a heading only (see _heading_match)
        terse = claim.terse
        counts, skipped = self._merge_index.hits(keys.lookup, keys.words, STOP_POSTINGS)
        # the context words whose keys were skipped as too common (see STOP_POSTINGS)
        stopped = frozenset(word for i, word in enumerate(claim.features) if i in skipped) if skipped else frozenset()
        reps = self._reps
        for rep_id in counts if terse else self._sharing_two_words(claim, counts, stopped):
            rep = reps[rep_id]
            if (
                claim.story is not None
                and rep.story == claim.story
                and (not rep.story_compatible(claim) or rep.subjects_differ(claim))
            ):
                continue  # what tells two figures of one story apart holds for the stricter rules too
            if rep.block == claim.block and rep.compatible(claim):
                if terse:
                    compatible.append(rep_id)
                    continue  # one context word: nothing to overlap, only a heading's match (see _heading_match)
                # The topic words are read only for a candidate that would beat the best so far.
                score = claim.context_overlap(rep, rarity)
                if score and (best is None or (-score, rep_id) < best) and claim.well_evidenced(rep, rarity, score):
                    veto = link_veto(claim, rep) or ("learned" if pair_veto(claim, rep, rarity) else None)
                    if veto is None:
                        best = (-score, rep_id)
                    elif self.link_trace is not None:
                        self.link_trace[claim.id, rep_id] = veto
        if best is None and terse:
            heading_of = self._heading_match(claim, compatible)
            best = None if heading_of is None else (-1.0, heading_of)
        against = []
        if claim.may_conflict and claim.day is not None:
            conflict_keys = claim.conflict_keys(keys.words)
            frame, block, article = claim.frame, claim.block, claim.article
            for rep_id in self._conflict_index.hits(conflict_keys, take=take, stop=STOP_POSTINGS).counts:
                rep = reps[rep_id]
                # the frame first: one candidate in a hundred has the same, and contradicts() needs it
                if (
                    rep.frame == frame
                    and rep.block == block
                    and rep.article != article
                    and claim.contradicts(rep, rarity)
                ):
                    against.append(rep_id)
        return (None if best is None else best[1]), sorted(against)


def _too_few_shared(shared_keys: int, stopped: frozenset[str], rep: _Claim) -> bool:
    """Whether a candidate found through ``shared_keys`` merge keys cannot share MIN_SHARED_WORDS context words with
    the query, so :meth:`_Claim.context_overlap` would be 0: compatible claims share a value bin, and every context
    word both have is a key of that bin, counted unless it was skipped as too common (``stopped``)."""
    return shared_keys + (len(stopped.intersection(rep.features)) if stopped else 0) < MIN_SHARED_WORDS


def cluster_claims(items: Iterable[ClaimItem]) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """Cluster a batch from scratch: (item id → cluster id, conflicting cluster pairs)."""
    return ClaimClusterIndex().assign(items)
