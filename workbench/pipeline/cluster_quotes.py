"""The same quote across articles: near-duplicate wordings and fragments joined under one representative.

Rules (constants below):

* Texts are compared as words after :func:`~workbench.pipeline.normalize.normalize_quote` (case, quote marks,
  dashes, accents, punctuation, ``[insertions]`` and ellipses erased).
* **Near-duplicate**: ``fuzz.ratio`` of the word strings >= 90, for quotes of at least 5 words. One dropped or
  changed word in a 10-word quote scores about 95; two quotes that only share an opening clause ("The Iranian
  nation has gained ..." / "... has proven ...") score near 50. 90 is also the BASIL gold rule. Below 5 words
  one changed word makes another statement.
* **Fragment**: a shorter quote whose pieces (the runs between its ellipses/brackets) occur, in order and at word
  boundaries, in a longer quote joins the longer quote's cluster. A fragment of 8+ words may also be a slight
  misquote of part of the longer one: ``fuzz.partial_ratio`` >= 95, about one changed short word, and half its
  word 3-grams shared. 90 let "These guys are on the wrong side of history" into "I think it shows they are on
  the wrong side of history"; 95 still takes "It's destructive to the fabric ..." into "I think it's destructive
  of the fabric ...".
* **Overlap**: two excerpts of one statement cut at different points ("... why to pay for obamacare" / "now when
  you need it ... why to pay for obamacare so now the money ...") share a run of 10+ words verbatim; that is
  not a coincidence, while quotes that merely open alike share 3–5 words.
* **Stories**: two quotes of one story (articles of several outlets on one event, see ``pipeline/stories.py``)
  match at ``fuzz.ratio`` >= 85 and ``partial_ratio`` >= 90: a reporter's light misquote ("We're devastated. We just
  lost 19 of the finest people" / "Emotionally, we're devastated. We just lost 19 of some of the finest people").
* **Speakers** veto a match when both are named and neither name is part of the other ("Raisi" agrees with
  "Ebrahim Raisi"), unless the shorter side has 8+ words: such wording is not said twice by chance, attribution
  is the extractor's weakest step ("the Texas governor" for Rick Perry), and outlets disagreeing on who said it
  is what a reviewer wants to see.
* **Weak quotes** (fewer than 3 content words and fewer than 8 words: "strategic", "not that simple") prove
  nothing by their wording, so they match only in the same story: the cluster already holds a quote from the
  weak quote's own article (the article printed the longer quote and echoes a word of it), or both quotes name
  the same speaker and were published at most 7 days apart. "strategic" never links two unrelated articles,
  and without a named speaker and a date it never leaves its article.
* **Stock phrases**: a fragment contained in more than 2 clusters equally well is a common phrase, not a quote
  fragment, and stays on its own.
* **No chaining**: an item is only ever compared with cluster representatives, never with other members.

Cluster ids are representative item ids, and assignments never change once made, so the store can cluster
incrementally: load the stored clusters into a :class:`QuoteClusterIndex`, then :meth:`~QuoteClusterIndex.assign`
the new quotes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from zlib import crc32

from rapidfuzz import fuzz

from workbench.pipeline.candidates import PostingIndex, paused_gc, stable_key
from workbench.pipeline.normalize import content_words, normalize_quote, speaker_key, speakers_agree

FUZZY_MIN_SCORE = 90.0
PARTIAL_MIN_SCORE = 95.0
# Inside one story (see _relation).
STORY_FUZZY_MIN_SCORE = 85.0
STORY_PARTIAL_MIN_SCORE = 90.0
PARTIAL_MIN_SHARED = 0.5
OVERLAP_MIN_WORDS = 10
FUZZY_MIN_WORDS = 5
LONG_WORDS = 8
WEAK_CONTENT_WORDS = 3
WEAK_MAX_WORDS = 7
STORY_DAYS = 7
MAX_CONTAINERS = 2
SHINGLE_WORDS = 3
# A shingle shared by more representatives than this is a stock phrase ("one of the", "i don't think"): reading
# its posting list would cost much and discriminate nothing.
STOP_POSTINGS = 16
# fuzz.ratio >= 90 lets about a fifth of the words change, and each changed word breaks up to 3 shingles, so a
# near-duplicate shares well over a quarter of the shorter quote's shingles; fewer is not worth a comparison.
FUZZY_MIN_SHARED = 0.25

# Relation ranks: a near-identical wording is better evidence than containment.
_EQUAL, _FUZZY, _CONTAINED, _CONTAINS, _PARTIAL, _OVERLAP = 0, 1, 2, 3, 4, 5
_RELATION_NAMES = ("equal", "fuzzy", "fragment", "container", "partial", "overlap")


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """What clustering needs to know about a quote. ``published`` is the article's ISO date, if known; ``story``
    the id of its article's story, if grouped."""

    id: int
    article: str
    text: str
    speaker: str | None = None
    published: str | None = None
    story: int | None = None


@lru_cache(maxsize=1 << 14)
def _day(published: str | None) -> int | None:
    """Memoized: a batch's quotes share a few thousand publication dates."""
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except (ValueError, TypeError):
        return None


class _Quote:
    """A quote prepared for matching; kept for representatives only."""

    __slots__ = (
        "id",
        "article",
        "text",
        "pieces",
        "n_words",
        "weak",
        "speaker",
        "day",
        "n_keys",
        "_keys",
        "story",
    )

    def __init__(self, item: QuoteItem):
        normalized = normalize_quote(item.text)
        self.id = item.id
        self.article = str(item.article)
        self.text = normalized.text
        self.pieces = normalized.pieces
        self.n_words = normalized.n_words
        self.weak = self.n_words <= WEAK_MAX_WORDS and len(content_words(self.text.split())) < WEAK_CONTENT_WORDS
        self.speaker = _speaker_key(item.speaker)
        self.day = _day(item.published)
        self.story = item.story
        self._keys: set[int] | None = None
        self.n_keys = 0  # distinct shingles, known once shingle_keys() ran

    def order_key(self) -> tuple[int, int, int]:
        """Longest first, so that fragments meet the quotes that contain them; ids break ties."""
        return (-self.n_words, -len(self.text), self.id)

    def shingle_keys(self) -> set[int]:
        """Hashed word 3-grams within each piece (a gap is not a place where the speaker's words met).

        Cached until :meth:`forget_keys`: a batch of 200k quotes holding all their sets at once would double the
        peak memory.
        """
        if self._keys is None:
            keys: set[int] = set()
            for piece in self.pieces:
                ws = piece.split(" ")
                # stable_key written out: a call per shingle was a tenth of the clustering
                keys.update(
                    crc32(" ".join(ws[i : i + SHINGLE_WORDS]).encode("utf-8", "surrogatepass"))
                    for i in range(len(ws) - SHINGLE_WORDS + 1)
                )
            self._keys = keys
            self.n_keys = len(keys)
        return self._keys

    def forget_keys(self) -> None:
        self._keys = None

    def story_keys(self, spread: int) -> tuple[int, ...]:
        """Speaker name word × day keys, ``spread`` days either side: where the same story's quotes are filed."""
        if self.speaker is None or self.day is None:
            return ()
        return _story_keys(self.speaker, self.day, spread)

    def contains(self, other: _Quote) -> bool:
        """Every piece of ``other`` occurs in this quote, in order, at word boundaries."""
        position = 0
        padded = f" {self.text} "  # made per test: kept by every representative, 25 MiB on the full corpus
        for piece in other.pieces:
            found = padded.find(f" {piece} ", position)
            if found < 0:
                return False
            position = found + len(piece) + 1
        return bool(other.pieces)


@lru_cache(maxsize=1 << 14)
def _story_keys(speaker: frozenset[str], day: int, spread: int) -> tuple[int, ...]:
    """Memoized: a speaker's quotes of one day file and query the same keys."""
    days = range(day - spread, day + spread + 1)
    return tuple(stable_key(f"{name}|{day}") for name in sorted(speaker) for day in days)


_speaker_key = lru_cache(maxsize=1 << 14)(speaker_key)  # a batch names the same speakers again and again


def _relation(item: _Quote, rep: _Quote, shared: int) -> tuple[int, float] | None:
    """How ``item`` matches ``rep`` by wording alone (see :func:`_wording_relation`); inside one story a light
    misquote is tolerated more (a word or two changed or dropped: the outlets report the same event)."""
    if item.story is not None and item.story == rep.story:
        return _wording_relation(item, rep, shared, STORY_FUZZY_MIN_SCORE, STORY_PARTIAL_MIN_SCORE)
    return _wording_relation(item, rep, shared, FUZZY_MIN_SCORE, PARTIAL_MIN_SCORE)


def _wording_relation(
    item: _Quote, rep: _Quote, shared: int, fuzzy_min: float, partial_min: float
) -> tuple[int, float] | None:
    """How ``item`` matches ``rep`` by wording alone: (relation rank, similarity), or None.

    ``shared`` is how many word 3-grams they share (the candidate search counted them): the costly partial
    alignment is tried only when that already suggests one quote inside the other.
    """
    if item.text == rep.text:
        return (_EQUAL, 100.0)
    if rep.n_words >= item.n_words and rep.contains(item):
        return (_CONTAINED, 0.0)
    if rep.n_words < item.n_words and item.contains(rep):
        return (_CONTAINS, 0.0)
    if min(item.n_words, rep.n_words) >= FUZZY_MIN_WORDS:
        shorter, longer = sorted((len(item.text), len(rep.text)))
        if shorter >= fuzzy_min / (200.0 - fuzzy_min) * longer:
            score = fuzz.ratio(item.text, rep.text, score_cutoff=fuzzy_min)
            if score:
                return (_FUZZY, score)
        if LONG_WORDS <= item.n_words < rep.n_words and shared >= PARTIAL_MIN_SHARED * item.n_keys:
            score = fuzz.partial_ratio(item.text, rep.text, score_cutoff=partial_min)
            if score:
                return (_PARTIAL, score)
    if shared >= OVERLAP_MIN_WORDS - SHINGLE_WORDS + 1 and min(item.n_words, rep.n_words) >= OVERLAP_MIN_WORDS:
        mine, theirs = item.text.split(" "), rep.text.split(" ")
        run = SequenceMatcher(None, mine, theirs, autojunk=False).find_longest_match(0, len(mine), 0, len(theirs))
        if run.size >= OVERLAP_MIN_WORDS:
            return (_OVERLAP, float(run.size))
    return None


def quote_relation(text: str, representative: str) -> str | None:
    """``"equal"``, ``"fuzzy"``, ``"fragment"`` (inside the representative), ``"container"``, ``"partial"``,
    ``"overlap"`` or None.

    The wording test alone, without speakers or articles: what a test or an audit can check for any member.
    """
    item, rep = _Quote(QuoteItem(0, "", text)), _Quote(QuoteItem(1, "", representative))
    found = _relation(item, rep, len(item.shingle_keys() & rep.shingle_keys()))
    return None if found is None else _RELATION_NAMES[found[0]]


def is_weak_quote(text: str) -> bool:
    """Whether a quote is too short and common-worded to match outside its own story."""
    return _Quote(QuoteItem(0, "", text)).weak


class QuoteClusterIndex:
    """Cluster representatives plus enough context to place new quotes.

    Load what the store holds with :meth:`add_existing` (every stored quote with its cluster id, or at least every
    representative), then call :meth:`assign` with the new quotes.
    """

    def __init__(self) -> None:
        self._reps: dict[int, _Quote] = {}
        self._exact: dict[str, list[int]] = {}
        self._shingles = PostingIndex()
        self._stories = PostingIndex()
        self._article_clusters: dict[str, set[int]] = {}
        self._assigned: dict[int, int] = {}

    def __len__(self) -> int:
        """Number of clusters."""
        return len(self._reps)

    def add_representative(self, item: QuoteItem) -> None:
        """Register a stored cluster; its id is ``item.id``."""
        self.add_existing(item, item.id)

    def add_existing(self, item: QuoteItem, cluster_id: int) -> None:
        """Register a stored quote and its cluster, without matching it.

        Members other than the representative only record that their article holds the cluster, which is what
        lets a weak fragment of that article join it.
        """
        self._assigned[item.id] = cluster_id
        self._article_clusters.setdefault(str(item.article), set()).add(cluster_id)
        if item.id == cluster_id:
            quote = _Quote(item)
            self._add_rep(quote)
            quote.forget_keys()

    def assign(self, items: Iterable[QuoteItem]) -> dict[int, int]:
        """Cluster id for each new quote; already-known ids keep their cluster and are not returned.

        Longest quotes are placed first, ties by id, so the result does not depend on the order of ``items``.
        """
        result: dict[int, int] = {}
        with paused_gc():
            fresh = {item.id: item for item in items if item.id not in self._assigned}
            quotes = sorted((_Quote(item) for item in fresh.values()), key=_Quote.order_key)
            del fresh  # the items' raw texts: prepared, they are not read again (~60 MiB of a full-corpus run's ~500)
            for quote in quotes:
                cluster_id = self._best_cluster(quote)
                if cluster_id is None:
                    cluster_id = quote.id
                    self._add_rep(quote)
                quote.forget_keys()
                self._assigned[quote.id] = cluster_id
                self._article_clusters.setdefault(quote.article, set()).add(cluster_id)
                result[quote.id] = cluster_id
        return result

    def cluster_of(self, item_id: int) -> int | None:
        return self._assigned.get(item_id)

    def _add_rep(self, quote: _Quote) -> None:
        if not quote.text:
            return  # nothing to compare: an empty quote ("...") stays a singleton
        self._reps[quote.id] = quote
        self._exact.setdefault(quote.text, []).append(quote.id)
        self._stories.add(quote.story_keys(0), quote.id)
        if not quote.weak:
            self._shingles.add(quote.shingle_keys(), quote.id)

    def _candidates(self, quote: _Quote) -> dict[int, int]:
        """Representatives worth a wording test, with their shared 3-gram counts (0 when not counted): same text,
        same article, same story, or enough shared shingles."""
        found = dict.fromkeys(self._exact.get(quote.text, ()), 0)
        found.update(dict.fromkeys(self._article_clusters.get(quote.article, ()), 0))
        if quote.weak:
            found.update(dict.fromkeys(self._stories.hits(quote.story_keys(STORY_DAYS)).counts, 0))
            return found
        hits = self._shingles.hits(quote.shingle_keys(), stop=STOP_POSTINGS)
        inside = hits.read if hits.missing == 0 else -1  # shared count of a representative containing the quote
        fuzzy = FUZZY_MIN_SHARED * quote.n_keys
        reps = self._reps
        for rep_id, shared in hits.counts.items():
            if shared == inside or shared >= fuzzy:
                found[rep_id] = shared
                continue
            rep = reps[rep_id]
            if shared >= rep.n_keys or shared >= FUZZY_MIN_SHARED * rep.n_keys:
                found[rep_id] = shared  # the representative may lie inside the quote, or be a short near-duplicate
        return found

    def _best_cluster(self, quote: _Quote) -> int | None:
        if not quote.text:
            return None
        local = self._article_clusters.get(quote.article, set())
        # An equal wording outranks every other relation, so reprints (most quotes) skip the shingle search.
        equal = self._ranked(quote, dict.fromkeys(self._exact.get(quote.text, ()), 0), local)
        ranked = equal or self._ranked(quote, self._candidates(quote), local)
        if not ranked:
            return None
        ranked.sort()
        best_rank, best_id = ranked[0]
        if best_rank[0] >= _CONTAINED:
            ties = sum(1 for rank, _ in ranked if rank[:3] == best_rank[:3])
            if ties > MAX_CONTAINERS:
                return None
        return best_id

    def _ranked(self, quote: _Quote, candidates: dict[int, int], local: set[int]) -> list:
        """(rank, representative id) for each candidate whose wording, speakers and story allow a match."""
        ranked = []
        reps = self._reps
        for rep_id, shared in candidates.items():
            rep = reps.get(rep_id)
            if rep is None:
                continue
            found = _relation(quote, rep, shared)
            if found is None:
                continue
            relation, score = found
            same_article = rep_id in local
            known_agree = speakers_agree(quote.speaker, rep.speaker)
            if _allowed(quote, rep, relation, same_article, known_agree):
                ranked.append(((relation, not same_article, not known_agree, -score), rep_id))
        return ranked


def _allowed(quote: _Quote, rep: _Quote, relation: int, same_article: bool, known_agree: bool) -> bool:
    """Whether speakers and story context permit a wording match (rules in the module docstring)."""
    compatible = known_agree or quote.speaker is None or rep.speaker is None
    fragment = rep if relation == _CONTAINS else quote
    if fragment.weak:
        if same_article:
            return compatible
        return known_agree and quote.day is not None and rep.day is not None and abs(quote.day - rep.day) <= STORY_DAYS
    if fragment.n_words >= LONG_WORDS:
        return True
    return compatible


def cluster_quotes(items: Iterable[QuoteItem]) -> dict[int, int]:
    """Cluster a batch from scratch: item id → cluster id (the id of its representative)."""
    return QuoteClusterIndex().assign(items)
