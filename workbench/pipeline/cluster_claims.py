"""The same claim across articles, and the same statement with a different number flagged as a conflict.

A claim is identified by *what* its number counts, not by the number alone: "20-year cooperation agreement" and
"20-year prison sentence" share a value and nothing else. Rules (constants below):

* **Block**: kind, unit (counted nouns folded through synonyms: nations = countries), change role and target flag
  must be equal. A "from" value and a "to" value of one change are different claims even in the same sentence.
* **Statement**: the claim's sentence with the claim masked (:func:`masked_statement`). Its context is up to 4
  content words on each side of the mask, lower-cased, crudely stemmed and folded through synonyms
  (agreement/plan/deal/pact, rise/increase/grow, sign/ink). The *head* is the first content word right after
  the number ("$3 billion in **trade**", "20-year **cooperation**"), or the unit for counts; it weighs double.
* **Same statement**: heads do not contradict (equal, or one appears in the other's context), at least 2 context
  words are shared, and the shared weight is >= 40% of the smaller context's weight (an overlap coefficient, so
  a terse "the signing of the 20-year cooperation" still matches a long sentence about the same agreement).
* **Values** are compatible when the more precise one rounds to the less precise one ("$3 billion" ~ "$3.04
  billion") or, with hedges or ranges, when their intervals overlap ("more than $3 billion" ~ "$3.2 billion",
  read as 3–4 billion: a hedge stretches the value by one rounding unit, at least 10%, in its direction).
  Precision comes from the value's digits: integers below 1,000 (and years, dates, durations) are exact, larger
  ones are rounded to their trailing zeros, decimals to their last decimal.
* Same statement + compatible values → one cluster.
* **Conflict**: incompatible values in different articles whose statements are *closely* the same: equal heads,
  equal nearest word on the left, and an overlap >= 60% with 3+ shared words. A merge may be lenient (the values
  already agree); a conflict rests on the words alone, and a reprinted sentence holds several numbers ("Santorum
  in the {#} cycle nor Huckabee in the # cycle"), so the words right beside the number must agree too. Within one
  article, "$10 billion and then $20 billion" is not a contradiction, so no conflicts are drawn inside one.
  A number with another number within two words of it ("from {#} to #", "a #%-{#} lead", "in # and {#}") is
  one of a range, split or list (unless the extractor gave it a change role); which of them a reprint masked is
  unknowable, so it never conflicts. Years and dates never conflict either: in a corpus run nearly all "same
  sentence, other date" pairs were boilerplate ("— Donald J. Trump (@realDonaldTrump) {#}", photo captions)
  stamping different events, not contradictions.
* Items are compared with cluster representatives only (no chaining); richer statements become representatives
  first, ids break ties, so a batch's result does not depend on input order.

Candidates come from inverted indexes keyed by (block, value bin, context word) for merges and by (block, head,
context word) for conflicts; common words are skipped, so no all-pairs comparison happens. Value bins cover each
claim's interval of compatible values: single integers for narrow intervals (years, counts), 12%-wide
logarithmic bins for wide ones ("$3 billion" = 2.5–3.5 billion), so two compatible claims always share a bin
and a year meets only its own year.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from workbench.models import Claim
from workbench.pipeline.candidates import PostingIndex, paused_gc, stable_key
from workbench.pipeline.normalize import STOPWORDS, fold, words

CLAIM_MASK = "{#}"
NUMBER_MASK = "#"
CONTEXT_WORDS = 4
HEAD_WINDOW = 3
HEAD_WEIGHT = 2
MIN_SHARED_WORDS = 2
MIN_OVERLAP = 0.4
CONFLICT_MIN_SHARED_WORDS = 3
CONFLICT_MIN_OVERLAP = 0.6
# A context word shared by more representatives than this, within one block, says nothing about identity.
STOP_POSTINGS = 50
EXACT_KINDS = frozenset({"year", "year_range", "date", "duration"})
TEMPORAL_KINDS = frozenset({"year", "year_range", "date"})
NARROW_WIDTH = 16
LOG_BINS_PER_DECADE = 20
MAX_BINS = 12

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"#|[^\W_]+")
# The head must sit in the number's own phrase: in "{#} today, adding ..." nothing follows the number.
_PHRASE_END = re.compile(r"[,;:.!?()\"\[\]]")

# Words that surround numbers in every kind of statement: time expressions, scale and unit words, hedges.
_FILLER = frozenset(
    """
    today yesterday tomorrow now currently monday tuesday wednesday thursday friday saturday sunday week weeks
    month months year years day days annual annually per cent percent percentage points point billion million
    thousand hundred trillion bn mn dollars dollar usd euros euro pounds some around roughly almost nearly
    approximately least less more than over under up total totalling worth last first next past recent new
    """.split()
)
_IGNORED = STOPWORDS | _FILLER

_SYNONYM_GROUPS = {
    "country": "country countries nation nations state-nation",
    "agreement": "agreement agreements plan plans deal deals pact pacts accord accords treaty treaties",
    "increase": "increase increased increases increasing rise rises rose risen rising grow grows grew grown "
    "growing growth climb climbed jump jumped surge surged",
    "decrease": "decrease decreased decreases decreasing fall falls fell fallen falling drop dropped drops "
    "decline declined declines shrink shrank",
    "sign": "sign signs signed signing ink inks inked inking",
    "cooperation": "cooperation collaboration",
    "people": "people person persons individuals",
    "kill": "kill kills killed killing dead death deaths died",
    "trade": "trade trading commerce",
}
_SYNONYMS = {word: canonical for canonical, group in _SYNONYM_GROUPS.items() for word in group.split()}


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """What clustering needs to know about a stored claim. ``statement`` comes from :func:`masked_statement`."""

    id: int
    article: str
    kind: str
    value: float | None
    unit: str | None
    statement: str
    value_high: float | None = None
    hedge: str | None = None
    role: str | None = None
    target: bool = False

    @classmethod
    def from_claim(cls, claim: Claim, article_text: str, article: str, item_id: int | None = None) -> ClaimItem:
        """Build the item from a stored claim and its article text (offsets are article offsets)."""
        sentence = article_text[claim.sentence_start : claim.sentence_end]
        statement = masked_statement(sentence, claim.start - claim.sentence_start, claim.end - claim.sentence_start)
        return cls(
            id=claim.id if item_id is None else item_id,  # type: ignore[arg-type]
            article=article,
            kind=claim.kind,
            value=claim.value,
            unit=claim.unit,
            statement=statement,
            value_high=claim.value_high,
            hedge=claim.hedge,
            role=claim.role,
            target=claim.target,
        )


def masked_statement(sentence: str, start: int, end: int) -> str:
    """The sentence with the claim (``sentence[start:end]``) replaced by ``{#}`` and other numbers by ``#``.

    What a sentence says about a number is the sentence without its numbers: that is what two outlets share when
    they report the same figure, and what still matches when they report different figures.
    """
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    return f"{_DIGITS.sub(NUMBER_MASK, sentence[:start])}{CLAIM_MASK}{_DIGITS.sub(NUMBER_MASK, sentence[end:])}"


@lru_cache(maxsize=1 << 16)
def canonical_word(word: str) -> str:
    """A context word folded through synonyms and a crude English stemmer (memoized: news reuses its words)."""
    found = _SYNONYMS.get(word)
    if found:
        return found
    stem = word
    if len(word) > 4 and word.isalpha():
        if word.endswith("ies"):
            stem = word[:-3] + "y"
        elif word.endswith(("sses", "xes", "ches", "shes")):
            stem = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            stem = word[:-1]
        elif word.endswith("ing") and len(word) > 5:
            stem = word[:-3]
        elif word.endswith("ed") and len(word) > 5:
            stem = word[:-2]
    return _SYNONYMS.get(stem, stem)


def _canonical_unit(kind: str, unit: str | None) -> str:
    if not unit:
        return ""
    if kind == "count":
        unit_words = words(fold(unit))
        return canonical_word(unit_words[-1]) if unit_words else ""
    return fold(unit).strip()


def _content(tokens: list[str]) -> list[str]:
    return [canonical_word(t) for t in tokens if t not in _IGNORED and not t.isdigit()]


def _precision(value: float, kind: str) -> float:
    """The rounding unit the written value implies (see the module docstring)."""
    if value != int(value):
        text = repr(abs(value))
        if "e" in text or "." not in text:
            return 0.0
        return 10.0 ** -len(text.split(".")[1])
    number = abs(int(value))
    if kind in EXACT_KINDS or number < 1000:
        return 1.0
    digits = str(number)
    return 10.0 ** (len(digits) - len(digits.rstrip("0")))


class _Claim:
    """A claim prepared for matching; kept for representatives only."""

    __slots__ = ("id", "article", "block", "value", "point", "low", "high", "unit_step", "features", "head",
                 "near_left", "in_list", "weight", "may_conflict")

    def __init__(self, item: ClaimItem):
        self.id = item.id
        self.article = str(item.article)
        unit = _canonical_unit(item.kind, item.unit)
        self.block = f"{item.kind}|{unit}|{item.role or ''}|{int(bool(item.target))}"
        self._read_value(item)
        self._read_statement(item, unit)
        self.may_conflict = self.value is not None and not self.in_list and item.kind not in TEMPORAL_KINDS

    def _read_value(self, item: ClaimItem) -> None:
        value = item.value
        if value is not None and not math.isfinite(value):
            value = None
        self.value = value
        self.point = False
        self.low = self.high = self.unit_step = 0.0
        if value is None:
            return
        step = _precision(value, item.kind)
        self.unit_step = step
        high = item.value_high if item.value_high is not None and math.isfinite(item.value_high) else None
        if high is not None:
            self.low, self.high = min(value, high) - step / 2, max(value, high) + _precision(high, item.kind) / 2
        elif item.hedge in ("more_than", "at_least"):
            self.low, self.high = value, value + max(step, abs(value) * 0.1)
        elif item.hedge in ("less_than", "at_most", "up_to", "nearly"):
            self.low, self.high = value - max(step, abs(value) * 0.1), value
        elif item.hedge == "about":
            self.low, self.high = value - max(step, abs(value) * 0.1), value + max(step, abs(value) * 0.1)
        else:
            self.point = True
            self.low, self.high = value - step / 2, value + step / 2
        if not (math.isfinite(self.low) and math.isfinite(self.high)):
            self.value, self.point = None, False  # a figure near the float limit is noise, not a claim to compare

    def _read_statement(self, item: ClaimItem, unit: str) -> None:
        folded = fold(item.statement)
        left, mask, right = folded.partition(CLAIM_MASK)
        if not mask:
            left, right = folded, ""
        left_words = _content(words(left))[-CONTEXT_WORDS:]
        right_tokens = words(right)
        right_words = _content(right_tokens)[:CONTEXT_WORDS]
        head = unit if item.kind == "count" and unit else ""
        if not head:
            phrase = _PHRASE_END.split(right, 1)[0]
            head = next(iter(_content(words(phrase)[:HEAD_WINDOW])), "")
        features = dict.fromkeys(left_words + right_words, 1)
        if head:
            features[head] = HEAD_WEIGHT
        self.features = features
        self.head = head
        self.near_left = left_words[-1] if left_words else ""
        # A change's "from" and "to" values sit in different blocks already; "in 2021 to {#}" is not a list.
        self.in_list = not item.role and NUMBER_MASK in _TOKEN.findall(left)[-2:] + _TOKEN.findall(right)[:2]
        self.weight = sum(features.values())

    def order_key(self) -> tuple[int, int]:
        """Richest statement first: the representative others are compared with should say the most."""
        return (-len(self.features), self.id)

    def same_statement(self, other: _Claim) -> float:
        """Overlap score in (0, 1] when both sentences say the same thing about their numbers, else 0."""
        return self._overlap(other, MIN_SHARED_WORDS, MIN_OVERLAP)

    def contradicts(self, other: _Claim) -> bool:
        """Whether the other claim states the same thing closely enough that a different value is a conflict."""
        return (
            self.may_conflict
            and other.may_conflict
            and self.head == other.head
            and self.near_left == other.near_left
            and bool(self.head or self.near_left)
            and self._overlap(other, CONFLICT_MIN_SHARED_WORDS, CONFLICT_MIN_OVERLAP) > 0
            and not self.compatible(other)
        )

    def _overlap(self, other: _Claim, min_shared: int, min_overlap: float) -> float:
        if (
            self.head
            and other.head
            and self.head != other.head
            and self.head not in other.features
            and other.head not in self.features
        ):
            return 0.0
        mine, theirs = self.features, other.features
        shared = [word for word in mine if word in theirs]
        if len(shared) < min_shared:
            return 0.0
        overlap = sum(min(mine[word], theirs[word]) for word in shared) / min(self.weight, other.weight)
        return overlap if overlap >= min_overlap else 0.0

    def compatible(self, other: _Claim) -> bool:
        """Whether the two values can be the same figure, allowing for rounding and hedges."""
        if self.value is None or other.value is None:
            return self.value is None and other.value is None
        if self.point and other.point:
            coarse, fine = (self, other) if self.unit_step >= other.unit_step else (other, self)
            return coarse.low <= fine.value < coarse.high or coarse.value == fine.value
        return self.low <= other.high and other.low <= self.high

    def merge_keys(self, bins: Iterable[str]) -> list[int]:
        return [stable_key(f"{self.block}|{value_bin}|{word}") for value_bin in bins for word in self.features]

    def _integer_bins(self) -> list[str]:
        """Integers k whose cell [k - 0.5, k + 0.5) meets the interval."""
        first, last = math.floor(self.low - 0.5) + 1, math.floor(self.high - 1e-9 + 0.5)
        return [f"i{k}" for k in range(first, max(first, last) + 1)]

    def _log_bins(self, prefix: str) -> list[str]:
        """Logarithmic cells meeting the interval; intervals too wide to bin, or touching zero, share one key."""
        if self.low > 0 or self.high < 0:
            sign = "+" if self.low > 0 else "-"
            ends = sorted(math.floor(math.log10(abs(end)) * LOG_BINS_PER_DECADE) for end in (self.low, self.high))
            if ends[1] - ends[0] < MAX_BINS:
                return [f"{prefix}{sign}{k}" for k in range(ends[0], ends[1] + 1)]
        return [f"{prefix}wide"]

    def _narrow(self) -> bool:
        return self.high - self.low <= NARROW_WIDTH

    def index_bins(self) -> list[str]:
        """Narrow intervals file under their integers (and, for wide queries, their log cells); wide ones under
        their log cells."""
        if self.value is None:
            return ["none"]
        return self._integer_bins() + self._log_bins("n") if self._narrow() else self._log_bins("w")

    def query_bins(self) -> list[str]:
        """The bins where any compatible representative is filed (see :meth:`index_bins`)."""
        if self.value is None:
            return ["none"]
        wide = self._log_bins("w")
        return self._integer_bins() + wide if self._narrow() else wide + self._log_bins("n")

    def conflict_keys(self) -> list[int]:
        """Conflicts need equal heads, so the head is part of every key: blocks stay small."""
        return [stable_key(f"{self.block}|{self.head}|{word}") for word in self.features]



def claim_relation(a: ClaimItem, b: ClaimItem) -> str | None:
    """``"same"``, ``"conflict"`` or None for two claims, by the rules above (for tests and audits)."""
    first, second = _Claim(a), _Claim(b)
    if first.block != second.block:
        return None
    if first.compatible(second):
        return "same" if first.same_statement(second) else None
    if first.value is None or second.value is None or first.article == second.article:
        return None
    return "conflict" if first.contradicts(second) else None


class ClaimClusterIndex:
    """Claim cluster representatives and their candidate indexes, for incremental clustering.

    Load the store's clusters with :meth:`add_existing` (at least every representative), then :meth:`assign`.
    """

    def __init__(self) -> None:
        self._reps: dict[int, _Claim] = {}
        self._merge_index = PostingIndex()
        self._conflict_index = PostingIndex()
        self._assigned: dict[int, int] = {}

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

    def cluster_of(self, item_id: int) -> int | None:
        return self._assigned.get(item_id)

    def assign(self, items: Iterable[ClaimItem]) -> tuple[dict[int, int], list[tuple[int, int]]]:
        """Cluster id for each new claim, and the (smaller id, larger id) cluster pairs found to conflict.

        Already-known ids keep their cluster and are not reported. Conflicts may repeat pairs found earlier.
        """
        assignments: dict[int, int] = {}
        conflicts: set[tuple[int, int]] = set()
        with paused_gc():
            fresh = {item.id: item for item in items if item.id not in self._assigned}
            for claim in sorted((_Claim(item) for item in fresh.values()), key=_Claim.order_key):
                cluster_id, against = self._place(claim)
                if cluster_id is None:
                    cluster_id = claim.id
                    self._add_rep(claim)
                self._assigned[claim.id] = cluster_id
                assignments[claim.id] = cluster_id
                conflicts.update(
                    (min(cluster_id, other), max(cluster_id, other)) for other in against if other != cluster_id
                )
        return assignments, sorted(conflicts)

    def _add_rep(self, claim: _Claim) -> None:
        self._reps[claim.id] = claim
        if claim.features:
            self._merge_index.add(set(claim.merge_keys(claim.index_bins())), claim.id)
            if claim.may_conflict:
                self._conflict_index.add(set(claim.conflict_keys()), claim.id)

    def _place(self, claim: _Claim) -> tuple[int | None, list[int]]:
        """The best compatible cluster (or None) and the clusters whose values contradict this claim."""
        if not claim.features:
            return None, []
        # Prefix filtering: a conflict shares >= CONFLICT_MIN_SHARED_WORDS words, so all but the commonest ones
        # suffice.
        take = max(1, len(claim.features) - CONFLICT_MIN_SHARED_WORDS + 1)
        best: tuple[float, int] | None = None
        for rep_id in self._merge_index.hits(claim.merge_keys(claim.query_bins()), stop=STOP_POSTINGS).counts:
            rep = self._reps[rep_id]
            if rep.block == claim.block and rep.compatible(claim):
                score = claim.same_statement(rep)
                if score and (best is None or (-score, rep_id) < best):
                    best = (-score, rep_id)
        against = []
        if claim.may_conflict:
            for rep_id in self._conflict_index.hits(claim.conflict_keys(), take=take, stop=STOP_POSTINGS).counts:
                rep = self._reps[rep_id]
                if rep.block == claim.block and rep.article != claim.article and claim.contradicts(rep):
                    against.append(rep_id)
        return (None if best is None else best[1]), sorted(against)


def cluster_claims(items: Iterable[ClaimItem]) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """Cluster a batch from scratch: (item id → cluster id, conflicting cluster pairs)."""
    return ClaimClusterIndex().assign(items)
