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
* **Second chance**: an article that reaches no story that way still joins the most similar story of fewer
  than ``SECOND_MAX`` articles (cosine >= ``SECOND_SIMILARITY``, the same ``MIN_SHARED`` terms and days) when it
  prints at least ``FIGURES_SHARED`` of the story's specific figures ("146,000", "7.7", "223-189"; not years, not
  round numbers like "10" or "300,000") or its title has at least ``TITLE_SHARED`` of the terms of the story's
  titles ("Border Bill Passes House" / "House passes $694 million border bill"). With thousands of other
  articles in the database an event's topic words ("jobs", "border", "bill") are common, so each outlet's vector
  leans on names only it quoted and the centroids of one event drift apart (0.10-0.15); the figures and the
  headline words of one report are what its outlets still print alike. Only small stories get a second chance:
  a big story's centroid already holds its event, and feeding it on weaker evidence grows a beat, not an event.
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
from operator import mul
from typing import NamedTuple

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
SECOND_SIMILARITY = 0.1
SECOND_MAX = 6
FIGURES_SHARED = 2
TITLE_SHARED = 3
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
# A figure as printed: digits with thousands separators and decimals; a tally's sides ("223-189") are two figures.
_FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


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

    def figures(self) -> frozenset[str]:
        """The specific figures of the title and lead (see :func:`specific_figure`)."""
        lead = f"{self.title or ''}\n{self.text[:LEAD_CHARS]}"
        return frozenset(filter(None, map(specific_figure, _FIGURE.findall(lead))))

    def title_terms(self) -> frozenset[str]:
        """The terms of the title (as the lead's terms are made)."""
        return frozenset(filter(None, map(_term, words(fold(self.title or "")))))

    def term_counts(self) -> Counter[str]:
        """Content-word counts of the title and lead; names count ``NAME_WEIGHT`` times."""
        lead = f"{self.title or ''}\n{self.text[:LEAD_CHARS]}"
        names = set(map(_name_term, _NAME.findall(lead)))
        found = words(fold(lead))
        # Each new distinct word's term is made once (in Python); then every word is mapped to its term and the
        # terms counted in C, in the order of their first word ("" counts the words that make no term).
        _remember_terms(set(found).difference(_TERMS), found)
        counts: Counter[str] = Counter(map(_TERMS.__getitem__, found))
        counts.pop("", None)
        for term in names & counts.keys():
            counts[term] = counts[term] * NAME_WEIGHT  # type: ignore[assignment]
        return counts


# Folded word -> its term ("" for none): looked up in C for every distinct word of every lead; cleared when full.
_TERMS: dict[str, str] = {}
_TERMS_KEPT = 1 << 17


def _remember_terms(new: set[str], found: list[str]) -> None:
    """Make the terms of the ``new`` words of a lead (``found``: all its words); a full table is cleared first,
    and then holds this lead's words."""
    if new and len(_TERMS) + len(new) > _TERMS_KEPT:
        _TERMS.clear()
        new = set(found)
    for word in new:
        _TERMS[word] = _term(word)


def specific_figure(printed: str) -> str:
    """The figure as a key when it is specific enough to tell one report from another ("146,000", "7.7", "694"),
    else "": a year, or a whole number of fewer than three significant digits ("10", "300,000"), is printed by
    every other article."""
    figure = printed.rstrip(",.").replace(",", "")
    if _YEAR.fullmatch(figure):
        return ""
    whole, _, decimals = figure.partition(".")
    decimals = decimals.rstrip("0")
    if decimals:
        return f"{whole}.{decimals}" if len(whole.lstrip("0") + decimals) >= 2 else ""
    return whole if len(whole.strip("0")) >= 3 else ""


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
    __slots__ = ("id", "first_day", "days", "centroid", "indexed", "figures", "titles", "_norm")

    def __init__(self, story_id: int, day: int | None):
        self.id = story_id
        self.first_day = day
        self.days: list[int | None] = []
        self.centroid: dict[str, float] = {}
        self.indexed: set[str] = set()
        # What its articles print alike even when their words weigh apart: specific figures, headline terms.
        self.figures: set[str] = set()
        self.titles: set[str] = set()
        self._norm: float | None = None  # the centroid's length, kept until the centroid changes

    def add(self, vector: dict[str, float], day: int | None, marks: _Marks) -> None:
        self.days.append(day)
        self.figures.update(marks.figures)
        self.titles.update(marks.titles)
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
        centroid = self.centroid
        shared = list(filter(centroid.__contains__, vector))  # in the vector's order: the sum's order
        if not norm or not shared:
            return 0.0, 0
        return sum(map(mul, map(vector.__getitem__, shared), map(centroid.__getitem__, shared))) / norm, len(shared)


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
        # Sorted as (-weight, term) tuples: the order of sorting (weight, term) pairs by that key, without a call
        # per pair; every term was counted before its vector is made, so ``idfs`` holds it. Each weight is
        # -(1 + log count) x idf, made in C: 1 + log count is remembered per count (a few dozen distinct ones).
        if min(counts.values(), default=1) <= 0:
            counts = {term: count for term, count in counts.items() if count > 0}
        weights = map(mul, map(_MINUS_ONE_PLUS_LOG.__getitem__, counts.values()), map(idfs.__getitem__, counts))
        ranked = sorted(zip(weights, counts))
        top = ranked[:TERMS]
        norm = math.sqrt(sum(weight * weight for weight, _ in top)) or 1.0
        return {term: -weight / norm for weight, term in top}

    def _place(self, story: _Story, vector: dict[str, float], day: int | None, marks: _Marks) -> None:
        story.add(vector, day, marks)
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
            self._place(story, self._vector(article.term_counts()), article.day, _marks(article))
        self._pending_existing.clear()
        result: dict[int, int] = {}
        for number, article in enumerate(fresh):
            if number % SWEEP_EVERY == 0 and article.day is not None:
                self._forget_before(article.day)
            vector = self._vector(vocabulary.counts(*kept[number]))
            kept[number] = _NO_TERMS
            marks = _marks(article)
            story = self._best(vector, marks, article.day)
            if story is None:
                story = self._stories[article.id] = _Story(article.id, article.day)
            self._place(story, vector, article.day, marks)
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

    def _best(self, vector: dict[str, float], marks: _Marks, day: int | None) -> _Story | None:
        # A term only this article has cannot lead to a story: the rarest of the others are the best leads.
        documents = self._documents
        ranked = sorted([(documents[term], term) for term in vector if documents[term] > 1])[:QUERY_TERMS]
        hits = self._postings.hits(_term_key(term) for _, term in ranked).counts
        needed = JOIN_SIMILARITY if day is not None else UNDATED_SIMILARITY
        best: tuple[float, int] | None = None
        second: tuple[float, int] | None = None  # the best second chance, among those less similar
        for story_id in hits:
            story = self._stories.get(story_id)
            if story is None or not story.near(day):
                continue
            score, in_common = story.similarity(vector)
            if in_common < MIN_SHARED:
                continue
            if score >= needed:
                if best is None or (-score, story_id) < best:
                    best = (-score, story_id)
            elif (
                day is not None
                and score >= SECOND_SIMILARITY
                and len(story.days) < SECOND_MAX
                and marks.meet(story)
                and (second is None or (-score, story_id) < second)
            ):
                second = (-score, story_id)
        chosen = best or second
        return None if chosen is None else self._stories[chosen[1]]


class _Marks(NamedTuple):
    """What the outlets of one report print alike even when their words weigh apart."""

    figures: frozenset[str]
    titles: frozenset[str]

    def meet(self, story: _Story) -> bool:
        return len(self.figures & story.figures) >= FIGURES_SHARED or len(self.titles & story.titles) >= TITLE_SHARED


def _marks(article: StoryArticle) -> _Marks:
    return _Marks(article.figures(), article.title_terms())


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


class _MinusOnePlusLog(dict[float, float]):
    """count -> -(1 + log count), made on first use."""

    def __missing__(self, count: float) -> float:
        value = self[count] = -(1 + math.log(count))
        return value


_MINUS_ONE_PLUS_LOG = _MinusOnePlusLog()


def group_stories(articles: Iterable[StoryArticle]) -> dict[int, int]:
    """Group a batch from scratch: article id → story id."""
    return StoryIndex().assign(articles)


def window(days: Iterator[int | None]) -> tuple[int, int] | None:
    """The span of days whose stored articles can share a story with articles of these days (None: none dated)."""
    dated = [day for day in days if day is not None]
    if not dated:
        return None
    return min(dated) - MAX_SPAN_DAYS - WINDOW_DAYS, max(dated) + WINDOW_DAYS
