"""**Within a story** (articles of several outlets reporting one event, see ``pipeline/stories.py``) outlets paraphrase
("jobless rate" / "unemployment", "raised duties" / "hiked levies"), so the same figure is strong evidence on its own
when it is specific, and a round or common one needs its context. Every pair of claims of a story from two articles
is scored when they can be one figure (same kind; a counted noun may differ, other units not, except spans of time,
compared in days: "less than two weeks" ~ "11 days", and a bare year against a date in it ("In 2017" ~ "in January
2017"), unless an outlet of the story prints that year both bare and in a date; roles ignored: "rose to 7.9 percent"
states the new level; values as intervals: the whole rounding cell of a round figure within 5% ("9 percent" ~ "9.4"),
hedges as a reporter uses them: "more than a dozen" ~ 17, "nearly 12" from 9, a hedged percentage only within the cell
it was rounded to ("more than 70%" is 70 to 80, not 95), a limit only as its own figure ("up to 365" is not 317); no
two months named that differ; no two disjoint qualifiers in the mention: "23 British diplomats" is not "23 Russian
diplomats"; no two measure words beside the numbers: "killing at least 10" is not "the 15 wounded"). The score adds:

* the figure's **specificity**: 2 for three or more significant digits ("171,000", "$10.10") and dates, 1 for two
  digits, a round figure of 1,000 or more, or a year other than the story's own; 0.5 for a round 13–999; 0 for
  one to a dozen; a hedge takes 0.5 off, unless both print the same hedge with the same figure ("nearly 19%" twice:
  one source's rounding copied, not a figure said of many things), a range adds 1 (two numbers that agree);
* the **statement**: 1.5 x the rarity-weighted overlap of the context words, the topic similarity, +/-0.5 for an
  equal/different counted noun, +0.5 for a qualifier both mentions give ("seven missing sailors" / "seven missing
  Navy sailors": the converse of the disjoint-qualifier rule), +0.5 per name both sentences give that few of the
  story's sentences give (at most 1),
  +0.5 for the same figure as printed when the number's own clause names the same subject (whose figure it is:
  "Sanders had {#}" / "declared Sanders the winner, with {#}", though every sentence of the story names them; but
  "in support of Obama, with {#} backing Romney" is Romney's figure);
* **exclusivity**: +1 when each is the only figure of its article that can be the other's (an article that prints
  one amount twice still counts as one figure), else +0.5 when each is the other's closest statement;
* minus a **crowding** penalty when both articles are full of figures of the kind (0.5 x log10 of the product of
  their counts over 25: exit polls, vote shares).

A pair is still refused when one figure is a rise and the other a fall, neither a change's from/to level ("gaining
0.83 percent" / "down 0.8 percent"), or both are one side of a tally whose other sides differ ("voted 228 to 197" /
"adopted by 230 to 197"), or both are ranges printed with other ends ("between $628,000 and $1.72 million" /
"between nearly $1.3 million and $3.1 million"): ``vetoes.SAME_FIGURE_VETOES``, across stories too; or when the
learned veto is sure.

Pairs scoring 1.75 or more are joined best first into groups that never hold two claims of one article (unless it
restates one amount or three-digit figure), never two stored clusters, and whose values can all be one figure. A
group joins the stored cluster it holds, else is placed against other stories by the stricter rules above as one
claim. Claims of one story the story rules keep apart stay apart under the stricter rules too.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from typing import NamedTuple

from workbench.pipeline.cluster_claims.features import (
    STORY_BEST_BONUS,
    STORY_CONFLICT_DAYS,
    STORY_CONFLICT_SCORE,
    STORY_EQUAL_BONUS,
    STORY_GROUP_SCORE,
    STORY_GROUP_SUPPORT,
    STORY_LINK_SCORE,
    STORY_QUALIFIER_BONUS,
    STORY_REPEAT_CONTEXT,
    STORY_SUBJECT_BONUS,
    STORY_UNIQUE_BONUS,
    STORY_UNIT_BONUS,
)
from workbench.pipeline.cluster_claims.pair_veto import pair_veto
from workbench.pipeline.cluster_claims.rarity import WordRarity
from workbench.pipeline.cluster_claims.statement import _DAYS_PER, _Claim
from workbench.pipeline.cluster_claims.vetoes import (
    _crowding,
    _restates,
    _same_subject,
    _story_name_weights,
    conflict_veto,
    same_figure_veto,
)


class Conflict(NamedTuple):
    """Two clusters that state the same thing with incompatible figures, the two claims that show it side by side,
    and the story they were found in (None: found across stories)."""

    cluster_a: int
    cluster_b: int
    claim_a: int
    claim_b: int
    story: int | None


class _StoryLinker:
    """Best-first linking of one story's claims (see the module docstring): every compatible pair of claims from
    different articles is scored, and the best pairs are joined first, never joining two claims of one article,
    two stored clusters, or values that cannot all be one figure."""

    def __init__(self, stored: list[tuple[_Claim, int]], fresh: list[_Claim], rarity: WordRarity):
        self.stored = stored
        self.fresh = fresh
        self.rarity = rarity
        self.name_weight = _story_name_weights([claim for claim, _ in stored] + fresh)
        # (smaller id, larger id) -> story_context of every pair of two articles that can be one figure
        self.context: dict[tuple[int, int], float] = {}

    def groups(self) -> list[tuple[int | None, list[_Claim]]]:
        """(stored cluster or None, the new claims linked to it / to each other)."""
        everyone = [claim for claim, _ in self.stored] + self.fresh
        if len({claim.article for claim in everyone}) < 2:
            return []
        cluster_of = {claim.id: cluster_id for claim, cluster_id in self.stored}
        # Union-find over groups; a stored cluster is one group from the start.
        parent: dict[int, int] = {}
        members: dict[int, list[_Claim]] = {}
        stored_cluster: dict[int, int | None] = {}
        for claim, cluster_id in self.stored:
            root = -cluster_id - 1  # stored clusters get negative keys, new claims their ids
            parent[claim.id] = root
            parent.setdefault(root, root)
            members.setdefault(root, []).append(claim)
            stored_cluster[root] = cluster_id
        for claim in self.fresh:
            parent[claim.id] = claim.id
            members[claim.id] = [claim]
            stored_cluster[claim.id] = None

        def find(key: int) -> int:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        pairs = self._pairs(everyone, cluster_of)
        self.scores = {(first.id, second.id): score for score, first, second in pairs}
        for score, first, second in pairs:
            if score < STORY_LINK_SCORE:
                break
            a, b = find(first.id), find(second.id)
            if a == b or (stored_cluster[a] is not None and stored_cluster[b] is not None):
                continue
            if not self._repeats_only(members[a], members[b]):
                continue
            if not all(self._joinable(x, y) for x in members[a] for y in members[b]):
                continue
            if stored_cluster[b] is not None:
                a, b = b, a
            parent[b] = a
            members[a].extend(members.pop(b))
        self._join_supported(pairs, members, parent, stored_cluster, find)
        self._attach_repeats(members, parent, find)
        found = []
        for root, group in members.items():
            fresh = [claim for claim in group if claim.id not in cluster_of]
            if fresh and (stored_cluster[root] is not None or len(fresh) > 1):
                found.append((stored_cluster[root], sorted(fresh, key=_Claim.order_key)))
        return sorted(found, key=lambda pair: pair[1][0].order_key())

    def _join_supported(
        self,
        pairs: list[tuple[float, _Claim, _Claim]],
        members: dict[int, list[_Claim]],
        parent: dict[int, int],
        stored_cluster: dict[int, int | None],
        find: Callable[[int], int],
    ) -> None:
        """A group seen by several outlets takes a claim that no single pair links but that two or more of its
        outlets' claims each support (every such pair scoring at least STORY_GROUP_SCORE): consistent evidence
        from several articles ("Two Democrats" in a fourth outlet's terser sentence)."""
        for score, first, second in pairs:
            if score < STORY_GROUP_SCORE:
                break
            a, b = find(first.id), find(second.id)
            if a == b or (stored_cluster[a] is not None and stored_cluster[b] is not None):
                continue
            if len(members[a]) > len(members[b]):
                a, b = b, a  # a: the smaller group, joining b
            big = members[b]
            if not all(self._supported(claim, big) for claim in members[a]):
                continue
            if not self._repeats_only(members[a], big) or not all(
                self._joinable(x, y) for x in members[a] for y in big
            ):
                continue
            if stored_cluster[a] is not None:
                a, b = b, a
            parent[a] = b
            members[b].extend(members.pop(a))

    def _supported(self, claim: _Claim, group: list[_Claim]) -> bool:
        articles = {
            other.article
            for other in group
            if other.article != claim.article and self._score(claim, other) >= STORY_GROUP_SCORE
        }
        return len(articles) >= STORY_GROUP_SUPPORT

    def _attach_repeats(
        self, members: dict[int, list[_Claim]], parent: dict[int, int], find: Callable[[int], int]
    ) -> None:
        """A figure an article states twice is one claim: a new claim left alone joins the group that holds the
        same value from its own article, when its statement also matches the group's other articles."""
        groups_of_article: dict[str, list[int]] = {}
        for root, group in members.items():
            if len({claim.article for claim in group}) > 1:
                for article in {claim.article for claim in group}:
                    groups_of_article.setdefault(article, []).append(root)
        for claim in self.fresh:
            root = find(claim.id)
            if len(members[root]) > 1 or claim.value is None:
                continue
            best: tuple[float, int] | None = None
            for other_root in groups_of_article.get(claim.article, ()):
                group = members[other_root]
                own = [m for m in group if m.article == claim.article]
                if not all(
                    self._restates(claim, m)
                    or (m.value == claim.value and claim.story_context(m, self.rarity) >= STORY_REPEAT_CONTEXT)
                    for m in own
                ):
                    continue
                if not all(self._joinable(claim, m) for m in group):
                    continue
                score = max(self._score(claim, m) for m in group if m.article != claim.article)
                if score >= STORY_LINK_SCORE and (best is None or (-score, other_root) < best):
                    best = (-score, other_root)
            if best is not None:
                target = best[1]
                members[target].append(members.pop(root)[0])
                parent[root] = target

    def _joinable(self, first: _Claim, second: _Claim) -> bool:
        """Whether two claims can be in one group: one figure, and, from two articles, with the words a context
        figure needs (see ``_Claim.story_context_needed``): a group of "2016"s is not chained through a third sentence
        that shares words with each. (Other figures chain: "$200 billion" of tariffs in four wordings.)"""
        if not first.story_compatible(second):
            return False
        if first.article == second.article:
            return True
        if not (first.context_figure or second.context_figure):
            return True
        key = (first.id, second.id) if first.id < second.id else (second.id, first.id)
        return self.context.get(key, -math.inf) >= first.story_context_needed(second)

    def _repeats_only(self, group: list[_Claim], other: list[_Claim]) -> bool:
        """Whether the claims the two groups have from one article are that article restating one figure (see
        :meth:`_restates`)."""
        articles = {claim.article for claim in group}
        shared = [claim for claim in other if claim.article in articles]
        return all(self._restates(x, y) for y in shared for x in group if x.article == y.article)

    def _restates(self, first: _Claim, second: _Claim) -> bool:
        return _restates(first, second, self.rarity)

    def _score(self, first: _Claim, second: _Claim) -> float:
        return self.scores.get((min(first.id, second.id), max(first.id, second.id)), -math.inf)

    def _pairs(self, everyone: list[_Claim], cluster_of: dict[int, int]) -> list[tuple[float, _Claim, _Claim]]:
        """Every compatible pair, best first, with its score; at least one side of each is new."""
        by_kind: dict[str, list[_Claim]] = {}
        claims_by_id = {claim.id: claim for claim in everyone}
        for claim in everyone:
            if claim.value is not None and not claim.bare_vague:
                # a bare year is compared with the dates of the story too (see _Claim.dates_in_year)
                by_kind.setdefault("year" if claim.kind == "date" else claim.kind, []).append(claim)
        scored: list[tuple[float, int, int, _Claim, _Claim]] = []
        for same_kind in by_kind.values():
            compatible: dict[int, list[_Claim]] = {}
            apart = _years_told_apart(same_kind)
            for i, j in _maybe_compatible(same_kind):
                first, second = same_kind[i], same_kind[j]
                if first.kind != second.kind and _calendar_year(first) in apart:
                    continue  # a year and a date of it (see _years_told_apart)
                if first.article != second.article and first.story_compatible(second):
                    compatible.setdefault(first.id, []).append(second)
                    compatible.setdefault(second.id, []).append(first)
            per_article = Counter(claim.article for claim in same_kind)
            context = {}
            for first in same_kind:
                for second in compatible.get(first.id, ()):
                    if first.id < second.id:
                        context[first.id, second.id] = first.story_context(second, self.rarity, self.name_weight)
            self.context.update(context)
            for (first_id, second_id), similarity in context.items():
                first, second = claims_by_id[first_id], claims_by_id[second_id]
                if first.id in cluster_of and second.id in cluster_of:
                    continue
                if similarity < first.story_context_needed(second):
                    continue  # a context figure, or one that is not specific, with too few words in common
                if self._alone(first, second, compatible) and self._alone(second, first, compatible):
                    bonus = STORY_UNIQUE_BONUS
                elif self._best(first, second, compatible, context) and self._best(second, first, compatible, context):
                    bonus = STORY_BEST_BONUS
                else:
                    bonus = 0.0
                penalty = _crowding(per_article[first.article], per_article[second.article])
                if first.value == second.value and first.figures == second.figures:
                    bonus += STORY_EQUAL_BONUS  # the same figure as printed beats one within rounding of it
                    if first.same_hedge(second):
                        bonus += min(first.hedge_cost, second.hedge_cost)
                    if first.subjects and first.subjects == second.subjects:
                        # and said of the same named subject in its own clause ("Sanders had {#} of the vote" /
                        # "declared Sanders the winner, with {#}"): in a story about a race every sentence names
                        # the candidates, so the name is no rare word, but whose figure it is still tells which
                        # figure it is ("Stone faces up to nine years" is not "Stone was convicted on seven counts")
                        bonus += STORY_SUBJECT_BONUS
                if first.shares_qualifier(second):
                    bonus += STORY_QUALIFIER_BONUS
                score = min(first.specificity, second.specificity) + similarity + bonus - penalty
                if score >= STORY_GROUP_SCORE and (
                    same_figure_veto(first, second) or pair_veto(first, second, self.rarity)
                ):
                    continue  # a rise and a fall, two tallies, or the learned veto (see pair_veto) sure of two facts
                scored.append((-score, first.id, second.id, first, second))
        scored.sort(key=lambda entry: entry[:3])
        return [(-score, first, second) for score, _, _, first, second in scored]

    def _alone(self, claim: _Claim, other: _Claim, compatible: dict[int, list[_Claim]]) -> bool:
        """Whether ``other`` is the only claim of its article that can be ``claim``'s figure, or its article only
        restates that one figure (see :meth:`_restates`)."""
        candidates = [candidate for candidate in compatible.get(claim.id, ()) if candidate.article == other.article]
        if claim.figures is not None and claim.figures == other.figures:
            # A range printed alike ("seven to nine years") is told apart from the single figures it holds.
            candidates = [candidate for candidate in candidates if candidate.figures == claim.figures]
        return all(candidate is other or self._restates(candidate, other) for candidate in candidates)

    @staticmethod
    def _best(
        claim: _Claim, other: _Claim, compatible: dict[int, list[_Claim]], context: dict[tuple[int, int], float]
    ) -> bool:
        """Whether ``other`` is the claim of its article whose statement is closest to ``claim``'s."""

        def similarity(candidate: _Claim) -> float:
            return context[min(claim.id, candidate.id), max(claim.id, candidate.id)]

        mine = similarity(other)
        return all(
            similarity(candidate) < mine
            for candidate in compatible.get(claim.id, ())
            if candidate.article == other.article and candidate.id != other.id
        )


def _maybe_compatible(claims: list[_Claim]) -> list[tuple[int, int]]:
    """The positions (i < j) of the pairs of ``claims`` (one kind, a year with its dates) that
    :meth:`_Claim.story_compatible` can accept, in order: every other pair fails it. A story of a hundred figures of
    one kind has 5,000 pairs and a few hundred that can be one figure; at 100k claims testing them all was a seventh
    of the clustering.

    What it rests on: a year and a date pair only when the date is in that year; two spans of time in two units
    (compared in days) are all kept; otherwise the units are equal (any two counted nouns may be) and the two
    figures' story intervals meet, which both of :meth:`_Claim._story_values_agree`'s tests imply (a printed figure
    lies in its own interval)."""
    found: list[tuple[int, int]] = []
    by_kind: dict[str, list[int]] = {}
    for position, claim in enumerate(claims):
        by_kind.setdefault(claim.kind, []).append(position)
    years, dates = by_kind.get("year", []), by_kind.get("date", [])
    if years and dates:
        dated: dict[int, list[int]] = {}
        for position in dates:
            dated.setdefault(int(claims[position].value or 0) // 10000, []).append(position)
        for year in years:
            value = claims[year].value
            if value is not None and float(value).is_integer():
                found.extend((min(year, day), max(year, day)) for day in dated.get(int(value), ()))
    for kind, positions in by_kind.items():
        by_unit: dict[str, list[int]] = {}
        for position in positions:
            by_unit.setdefault("" if kind == "count" else claims[position].unit, []).append(position)
        for same_unit in by_unit.values():
            found.extend(_meeting(claims, same_unit))
        if kind == "duration":
            spans = sorted(unit for unit in by_unit if unit in _DAYS_PER)
            for n, unit in enumerate(spans):
                for other in spans[n + 1 :]:
                    found.extend((min(i, j), max(i, j)) for i in by_unit[unit] for j in by_unit[other])
    found.sort()
    return found


def _meeting(claims: list[_Claim], positions: list[int]) -> list[tuple[int, int]]:
    """The pairs among ``positions`` whose story intervals meet (closed), by a sweep over the intervals' lower ends."""
    ordered = sorted(positions, key=lambda position: claims[position].story_low)
    lows = [claims[position].story_low for position in ordered]
    found = []
    for n, first in enumerate(ordered):
        claim = claims[first]
        for second in ordered[n + 1 : bisect_right(lows, claim.story_high, n + 1)]:
            found.append((first, second) if first < second else (second, first))
    return found


def _calendar_year(claim: _Claim) -> int:
    """The year of a year or of a date (dates are YYYYMMDD numbers)."""
    value = int(claim.value or 0)
    return value if claim.kind == "year" else value // 10000


def _years_told_apart(claims: list[_Claim]) -> set[int]:
    """The years some article of the story prints both bare and in a date ("a 2015 meeting" / "In February 2015"):
    that outlet tells the year's event from the dated one, so in this story that year is no printing of a date of
    it (see ``_Claim.dates_in_year``)."""
    bare = {(claim.article, _calendar_year(claim)) for claim in claims if claim.kind == "year"}
    return {
        _calendar_year(claim)
        for claim in claims
        if claim.kind == "date" and claim.value is not None and (claim.article, _calendar_year(claim)) in bare
    }


def _every_pair(claims: list[_Claim]) -> Iterator[tuple[_Claim, _Claim]]:
    """Every pair (i < j) of ``claims``, in order."""
    for i, first in enumerate(claims):
        for second in claims[i + 1 :]:
            yield first, second


def _close_pairs(claims: list[_Claim]) -> Iterator[tuple[_Claim, _Claim]]:
    """The pairs of :func:`_every_pair`, in the same order, whose articles are dated at most STORY_CONFLICT_DAYS
    apart: the others the "days-apart" rule of :func:`conflict_veto` refuses. (Every claim here is dated.) On the
    full corpus this cut the story conflicts' CPU time by a sixth (1.6 -> 1.4 s of 30 s at 222k claims)."""
    days = [claim.day or 0 for claim in claims]
    by_day: dict[int, list[int]] = {}
    for position, day in enumerate(days):
        by_day.setdefault(day, []).append(position)
    reach = range(-STORY_CONFLICT_DAYS, STORY_CONFLICT_DAYS + 1)
    for i, first in enumerate(claims):
        later: list[int] = []
        for offset in reach:
            same_day = by_day.get(days[i] + offset, ())
            later.extend(same_day[bisect_right(same_day, i) :])
        for j in sorted(later):
            yield first, claims[j]


def _story_conflicts(
    story: int,
    members: list[tuple[_Claim, int]],
    rarity: WordRarity,
    why: dict[tuple[int, int], str] | None = None,
) -> list[Conflict]:
    """Cluster pairs of one story whose claims state the same thing with figures no rounding reconciles (see the
    module docstring): no rule of :func:`conflict_veto` parts them, neither article prints the other's figure for
    the same subject, each claim is the other's closest statement in the other article, and the statements agree.
    Every cluster that holds the article's restatement of either figure is in conflict too.

    ``why``, when given, hears for each pair of claims compared (smaller id first) the name of the rule that kept
    it apart, or ``"conflict"``: "why was this not flagged?" has an answer."""
    trace = why if why is not None else {}

    def refuse(first: _Claim, second: _Claim, rule: str) -> None:
        if why is not None:
            trace[min(first.id, second.id), max(first.id, second.id)] = rule

    name_weight = _story_name_weights([claim for claim, _ in members])
    cluster_of = {claim.id: cluster_id for claim, cluster_id in members}
    by_kind: dict[str, list[_Claim]] = {}
    for claim, _ in members:
        if claim.value is not None and not claim.temporal and not claim.estimate and claim.day is not None:
            by_kind.setdefault(claim.kind, []).append(claim)
    candidates: dict[int, list[tuple[float, int, str]]] = {}
    pairs: list[tuple[float, _Claim, _Claim]] = []
    figures: dict[str, list[_Claim]] = {}
    for claims in by_kind.values():
        for claim in claims:
            figures.setdefault(f"{claim.kind}|{claim.article}", []).append(claim)

    def printed_in(claim: _Claim, article: str) -> bool:
        """The other article prints this figure too, said of the same thing: the two numbers count two things."""
        return any(
            other.unit == claim.unit
            and not other.subjects_differ(claim)
            and (other.value == claim.value or (other.point and claim.point and other.compatible(claim)))
            for other in figures[f"{claim.kind}|{article}"]
        )

    # Without a trace, only the pairs that the "days-apart" rule lets through are read, in the same order.
    pairs_of = _every_pair if why is not None else _close_pairs
    for claims in by_kind.values():
        for first, second in pairs_of(claims):
            if second.article == first.article:
                continue
            if cluster_of[first.id] == cluster_of[second.id]:
                refuse(first, second, "same-cluster")
                continue
            veto = conflict_veto(first, second)
            if veto or not _same_subject(first, second, name_weight):
                refuse(first, second, veto or "few-words-in-common")
                continue
            score = first.story_context(second, rarity, name_weight)
            if first.same_measure(second):
                # one measure named beside both numbers: no chance pairing among many figures to allow for
                score += STORY_UNIT_BONUS
            else:
                score -= _crowding(
                    len(figures[f"{first.kind}|{first.article}"]), len(figures[f"{second.kind}|{second.article}"])
                )
                if first.near_left and first.near_left == second.near_left:
                    score += STORY_UNIT_BONUS
            if score < STORY_CONFLICT_SCORE:
                refuse(first, second, f"weak-statement ({score:.2f})")
                continue
            if printed_in(first, second.article) or printed_in(second, first.article):
                refuse(first, second, "printed-in-both")
                continue
            candidates.setdefault(first.id, []).append((-score, second.id, second.article))
            candidates.setdefault(second.id, []).append((-score, first.id, first.article))
            pairs.append((score, first, second))

    def best_in(claim: _Claim, article: str) -> int | None:
        options = [(rank, other) for rank, other, where in candidates.get(claim.id, ()) if where == article]
        return min(options)[1] if options else None

    def clusters_stating(claim: _Claim) -> set[int]:
        """The clusters of the claim and of its article's restatements of the same figure."""
        return {
            cluster_of[other.id]
            for other in figures[f"{claim.kind}|{claim.article}"]
            if other is claim or _restates(claim, other, rarity, hedged=True)
        }

    found: dict[tuple[int, int], Conflict] = {}
    for score, first, second in pairs:
        if best_in(first, second.article) != second.id or best_in(second, first.article) != first.id:
            refuse(first, second, "not-each-others-closest")
        else:
            refuse(first, second, f"conflict ({score:.2f})")
            for mine in clusters_stating(first):
                for theirs in clusters_stating(second):
                    if mine != theirs:
                        a, b = sorted(((mine, first.id), (theirs, second.id)))
                        found.setdefault((a[0], b[0]), Conflict(a[0], b[0], a[1], b[1], story))
    return list(found.values())
