"""Stories: the articles of several outlets that report one news event, grouped as they arrive.

What identifies a news event in text is its rare words and names ("Yarnell", "Hotshots", "Peshawar", "Skripal"),
close together in time. Rules (constants below):

* **Terms** of an article: the content words of its title and lead (the first ``LEAD_CHARS`` characters: news
  puts the event first), folded and crudely stemmed; a word the text writes capitalized mid-sentence (a name)
  weighs ``NAME_WEIGHT`` times more. Each term weighs (1 + log tf) x idf, and an article keeps its ``TERMS``
  heaviest terms, as a unit vector.
* **Rarity** (idf) counts the articles loaded for the run: the new ones plus the stored ones near them in time.
  Below ``MIN_DOCUMENTS`` articles the counts are taken out of ``MIN_DOCUMENTS``, so a handful of articles does not
  make every word look common.
* **Joining**: an article joins the story whose centroid (the sum of its articles' vectors) is most similar
  (cosine >= ``JOIN_SIMILARITY``), sharing at least ``MIN_SHARED`` terms, with one of its articles dated within
  ``WINDOW_DAYS`` days and its first article within ``MAX_SPAN_DAYS``: an event is reported over days, not months,
  and a centroid (rather than the nearest article) keeps a story from chaining into a whole beat. Undated articles
  only meet undated stories, at a higher similarity (``UNDATED_SIMILARITY``).
* **Candidates** come from an inverted index of the stories' terms; an article looks up only its ``QUERY_TERMS``
  rarest terms that some other article has, so no article is compared with all others.
* Articles are placed in date order (then by source), each story keeps the id of its first article, and an
  assignment is never revised: story ids stay stable as articles arrive.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.pipeline.candidates import PostingIndex, stable_key
from workbench.pipeline.cluster_claims import canonical_word, publication_day
from workbench.pipeline.normalize import STOPWORDS, fold, words

LEAD_CHARS = 2500
TERMS = 40
CENTROID_TERMS = 120
QUERY_TERMS = 30
NAME_WEIGHT = 1.5
MIN_DOCUMENTS = 2000
JOIN_SIMILARITY = 0.16
# Without dates nothing says two articles are days apart rather than years: their words must say more.
UNDATED_SIMILARITY = 0.3
MIN_SHARED = 3
WINDOW_DAYS = 3
MAX_SPAN_DAYS = 14
TITLE_CHARS = 120
SWEEP_EVERY = 500
# What grouping reads of an article: its lead, and enough for a title when it has none.
READ_CHARS = max(LEAD_CHARS, 2 * TITLE_CHARS)

# Words of every news report: dates, reporting verbs, generic nouns. They say nothing about which event it is.
_GENERIC = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks month months year
    years day days time times people percent cent million billion trillion thousand hundred news report reports
    reported reporting told tells statement statements added also new first last next just like well even still
    many much according including include includes called says said say asked make made take took going get got
    would could should might must may can will shall one two three four five six seven eight nine ten
    mr mrs ms dr january february march april june july august september october november december
    """.split()
)
_IGNORED = STOPWORDS | _GENERIC
# A capitalized word that does not open the text or a sentence. The capital is matched first, and what precedes it
# is checked after: the scan then skips to capitals in C, 3.5x faster than asserting at every position (the same
# matches as ``(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+``).
_NAME = re.compile(r"[A-Z](?<=\W[A-Z])(?<![.!?]\s[A-Z])[a-z]+")


def _day_key(day: int | None) -> int:
    return day if day is not None else 10**9


@dataclass(slots=True)
class StoryArticle:
    """What story grouping needs to know about an article. ``story`` is set once it is placed."""

    id: int
    source: str
    published: str | None
    title: str | None
    text: str
    story: int | None = None
    day: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.day = publication_day(self.published)

    def order_key(self) -> tuple[int, str, int]:
        return (_day_key(self.day), self.source, self.id)

    def term_counts(self) -> Counter[str]:
        """Content-word counts of the title and lead; names count ``NAME_WEIGHT`` times."""
        lead = f"{self.title or ''}\n{self.text[:LEAD_CHARS]}"
        names = set(map(_name_term, _NAME.findall(lead)))
        counts: Counter[str] = Counter()
        held = counts.get  # not ``counts[term] += 1``: Counter's __missing__ is a Python call per new term
        # Each distinct word is looked at once (a lead repeats most of its words); the terms still come in the
        # order of their first word, as when every occurrence was read.
        distinct = Counter(words(fold(lead)))
        for word, term, count in zip(distinct, map(_TERMS.get, distinct), distinct.values()):
            if term is None:
                term = _remember_term(word)
            if term:
                counts[term] = held(term, 0) + count
        for term in names & counts.keys():
            counts[term] = counts[term] * NAME_WEIGHT  # type: ignore[assignment]
        return counts


# Folded word -> its term ("" for none): looked up in C for every distinct word of every lead; cleared when full.
_TERMS: dict[str, str] = {}
_TERMS_KEPT = 1 << 17


def _remember_term(word: str) -> str:
    if len(_TERMS) >= _TERMS_KEPT:
        _TERMS.clear()
    term = _TERMS[word] = _term(word)
    return term


@lru_cache(maxsize=1 << 16)
def _term(word: str) -> str:
    """The term a folded word counts as, or "" for a word that says nothing about the event (memoized)."""
    if len(word) < 3 or word in _IGNORED or not word.isalpha():
        return ""
    return canonical_word(word)


@lru_cache(maxsize=1 << 16)
def _name_term(name: str) -> str:
    return canonical_word(fold(name))


@lru_cache(maxsize=1 << 16)
def _term_key(term: str) -> int:
    """A term's posting key (memoized: every story files and queries the same few thousand terms)."""
    return stable_key(term)


def story_title(title: str | None, text: str) -> str:
    """A story's title: its first article's title, else the start of its text (one line, at most TITLE_CHARS)."""
    line = " ".join((title or "").split()) or " ".join(text[: TITLE_CHARS * 2].split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1].rstrip() + "…"


class _Story:
    __slots__ = ("id", "first_day", "days", "centroid", "indexed", "_norm")

    def __init__(self, story_id: int, day: int | None):
        self.id = story_id
        self.first_day = day
        self.days: list[int | None] = []
        self.centroid: dict[str, float] = {}
        self.indexed: set[str] = set()
        self._norm: float | None = None  # the centroid's length, kept until the centroid changes

    def add(self, vector: dict[str, float], day: int | None) -> None:
        self.days.append(day)
        self._norm = None
        for term, weight in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        if len(self.centroid) > CENTROID_TERMS * 2:
            kept = sorted(self.centroid.items(), key=lambda item: (-item[1], item[0]))[:CENTROID_TERMS]
            self.centroid = dict(kept)

    def near(self, day: int | None) -> bool:
        if day is None or self.first_day is None:
            return day is None and self.first_day is None
        if abs(day - self.first_day) > MAX_SPAN_DAYS:
            return False
        return any(other is not None and abs(day - other) <= WINDOW_DAYS for other in self.days)

    def similarity(self, vector: dict[str, float]) -> tuple[float, int]:
        """Cosine with the centroid, and the number of shared terms."""
        norm = self._norm
        if norm is None:
            norm = self._norm = math.sqrt(sum(weight * weight for weight in self.centroid.values()))
        shared = [term for term in vector if term in self.centroid]
        if not norm or not shared:
            return 0.0, 0
        return sum(vector[term] * self.centroid[term] for term in shared) / norm, len(shared)


class StoryIndex:
    """Stories near the articles being placed, and an inverted index of their terms.

    Load the stored articles near the new ones in time with :meth:`add_existing` (their story known), then
    :meth:`assign` the new ones. Rarity counts both.
    """

    def __init__(self) -> None:
        self._stories: dict[int, _Story] = {}
        self._postings = PostingIndex()
        self._pending_existing: list[StoryArticle] = []
        self._documents: Counter[str] = Counter()
        self._n_documents = 0
        self._idfs: dict[str, float] = {}
        self._dead = 0  # stories forgotten since the postings were last rebuilt (their ids are still filed there)

    def add_existing(self, article: StoryArticle) -> None:
        if article.story is None:
            raise ValueError(f"article {article.id} has no story")
        self._count(article.term_counts())
        self._pending_existing.append(article)

    def _count(self, counts: Counter[str]) -> None:
        self._documents.update(counts.keys())
        self._n_documents += 1
        self._idfs.clear()

    def _idf(self, term: str) -> float:
        """Kept until the next article is counted: every vector of a run is made after all its articles are."""
        found = self._idfs.get(term)
        if found is None:
            found = math.log((max(self._n_documents, MIN_DOCUMENTS) + 1) / (self._documents.get(term, 0) + 1))
            self._idfs[term] = found
        return found

    def _all_idfs(self) -> dict[str, float]:
        """Every counted term's ``_idf`` at once (the same expression, so the same floats): a run makes its vectors
        after counting, and one pass over the counts costs less than a method call per term of every vector."""
        top = max(self._n_documents, MIN_DOCUMENTS) + 1
        log = math.log
        self._idfs = {term: log(top / (documents + 1)) for term, documents in self._documents.items()}
        return self._idfs

    def _vector(self, counts: Mapping[str, float]) -> dict[str, float]:
        idfs = self._idfs if len(self._idfs) == len(self._documents) else self._all_idfs()
        log = math.log
        # Sorted as (-weight, term) tuples: the order of sorting (weight, term) pairs by that key, without a call
        # per pair; every term was counted before its vector is made, so ``idfs`` holds it.
        ranked = sorted([(-(1 + log(count)) * idfs[term], term) for term, count in counts.items() if count > 0])
        top = ranked[:TERMS]
        norm = math.sqrt(sum(weight * weight for weight, _ in top)) or 1.0
        return {term: -weight / norm for weight, term in top}

    def _place(self, story: _Story, vector: dict[str, float], day: int | None) -> None:
        story.add(vector, day)
        fresh = [term for term in story.centroid if term not in story.indexed]
        self._postings.add(map(_term_key, fresh), story.id)
        story.indexed.update(fresh)

    def assign(self, articles: Iterable[StoryArticle]) -> dict[int, int]:
        """Story id for each new article (date order, then source); a story founded here takes the article's id.

        Each new article's terms are counted once (for rarity) and kept as numbers into one vocabulary until its
        vector is made: 18,000 articles' term counters would hold hundreds of megabytes, these a few dozen.
        """
        fresh = sorted(articles, key=StoryArticle.order_key)
        vocabulary = _Vocabulary()
        kept: list[tuple[array[int], array[float]]] = []
        for article in fresh:
            counts = article.term_counts()
            self._count(counts)
            kept.append(vocabulary.compact(counts))
        for article in sorted(self._pending_existing, key=StoryArticle.order_key):
            story = self._stories.get(article.story)  # type: ignore[arg-type]  # grouped articles have a story
            if story is None:
                story = self._stories[article.story] = _Story(article.story, article.day)  # type: ignore[arg-type, index]
            self._place(story, self._vector(article.term_counts()), article.day)
        self._pending_existing.clear()
        result: dict[int, int] = {}
        for number, article in enumerate(fresh):
            if number % SWEEP_EVERY == 0 and article.day is not None:
                self._forget_before(article.day)
            vector = self._vector(vocabulary.counts(*kept[number]))
            kept[number] = _NO_TERMS
            story = self._best(vector, article.day)
            if story is None:
                story = self._stories[article.id] = _Story(article.id, article.day)
            self._place(story, vector, article.day)
            article.story = story.id
            result[article.id] = story.id
        return result

    def _forget_before(self, day: int) -> None:
        """Drop the stories no article of ``day`` or later can join (articles come in date order): memory follows
        the stories of a few weeks, not of the whole corpus. Their ids stay in the postings and are skipped."""
        expired = [
            story_id
            for story_id, story in self._stories.items()
            if story.first_day is not None and story.first_day + MAX_SPAN_DAYS < day
        ]
        for story_id in expired:
            del self._stories[story_id]
        self._dead += len(expired)
        if self._dead > len(self._stories):
            self._refile()

    def _refile(self) -> None:
        """Postings of the stories still open only: a forgotten story's id was skipped by every query that read
        it, so leaving it out finds the same stories, while the lists of a whole corpus's stories made each query
        slower as the run went on. Rebuilt when more stories were forgotten than are open, so that the rebuilds
        together cost about one filing of each story."""
        postings = PostingIndex()
        for story in self._stories.values():
            postings.add(set(map(_term_key, story.indexed)), story.id)
        self._postings = postings
        self._dead = 0

    def _best(self, vector: dict[str, float], day: int | None) -> _Story | None:
        # A term only this article has cannot lead to a story: the rarest of the others are the best leads.
        documents = self._documents
        ranked = sorted([(documents[term], term) for term in vector if documents[term] > 1])[:QUERY_TERMS]
        hits = self._postings.hits(_term_key(term) for _, term in ranked).counts
        best: tuple[float, int] | None = None
        for story_id in hits:
            story = self._stories.get(story_id)
            if story is None or not story.near(day):
                continue
            score, in_common = story.similarity(vector)
            needed = JOIN_SIMILARITY if day is not None else UNDATED_SIMILARITY
            if score >= needed and in_common >= MIN_SHARED and (best is None or (-score, story_id) < best):
                best = (-score, story_id)
        return None if best is None else self._stories[best[1]]


class _Vocabulary:
    """Terms as numbers, so that term counts kept for a while cost a few bytes per term."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._terms: list[str] = []

    def compact(self, counts: Counter[str]) -> tuple[array[int], array[float]]:
        numbers, terms = self._ids, self._terms
        # New terms are numbered in any order (a number only stands for its term); a set's difference with a dict
        # looks each of the set's terms up, where ``keys() - keys()`` would walk the whole vocabulary.
        for term in set(counts).difference(numbers):
            numbers[term] = len(terms)
            terms.append(term)
        return array("I", map(numbers.__getitem__, counts)), array("d", counts.values())

    def counts(self, ids: array[int], counts: array[float]) -> dict[str, float]:
        terms = self._terms
        return {terms[number]: count for number, count in zip(ids, counts)}


_NO_TERMS: tuple[array[int], array[float]] = (array("I"), array("d"))


def group_stories(articles: Iterable[StoryArticle]) -> dict[int, int]:
    """Group a batch from scratch: article id → story id."""
    return StoryIndex().assign(articles)


def window(days: Iterator[int | None]) -> tuple[int, int] | None:
    """The span of days whose stored articles can share a story with articles of these days (None: none dated)."""
    dated = [day for day in days if day is not None]
    if not dated:
        return None
    return min(dated) - MAX_SPAN_DAYS - WINDOW_DAYS, max(dated) + WINDOW_DAYS
