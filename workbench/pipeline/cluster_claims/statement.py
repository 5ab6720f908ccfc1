"""One claim as the clustering rules see it: its block, context, head, topic, interval of values and story features."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from datetime import date
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, NamedTuple
from zlib import crc32

from workbench.models import CALENDAR_KINDS, Claim
from workbench.pipeline.candidates import stable_key
from workbench.pipeline.cluster_claims.cues import conflict_cues
from workbench.pipeline.cluster_claims.features import (
    _ANCHOR_START,
    _ANCHORS,
    _BEFORE_ALONE,
    _CLAUSE_MARK,
    _DATED_MONTH,
    _GENERIC,
    _IGNORED,
    _MONTHS,
    _NAME,
    _NEEDED,
    _OTHERS,
    _PART_AFTER,
    _PART_BEFORE,
    _PAST,
    _PHRASE_END,
    _TOKEN,
    _WHOLE_BEFORE,
    CLAIM_MASK,
    CLOSE_DAYS,
    CLOSE_EVIDENCE,
    CONFLICT_DAYS,
    CONFLICT_MIN_OVERLAP,
    CONFLICT_MIN_SHARED_WORDS,
    CONFLICT_NUMBER_WINDOW,
    CONFLICT_SIMILARITY,
    CONTEXT_WORDS,
    ESTIMATE,
    FAR_EVIDENCE,
    FAR_FULL_OVERLAP,
    FRAME_TOKENS,
    HEAD_WEIGHT,
    HEAD_WINDOW,
    LIST_FIGURES,
    LOG_BINS_PER_DECADE,
    MAX_BINS,
    MEASURE_REACH,
    MEASURES,
    MIN_OVERLAP,
    MIN_SHARED_WORDS,
    MONEY_ROUNDING,
    NARROW_WIDTH,
    NEAR_CHARS,
    NEEDED_REACH,
    NONSPECIFIC_EVIDENCE,
    NUMBER_MASK,
    PART_REACH,
    ROUNDING_TOLERANCE,
    SMALL_COUNT,
    STORY_ABOUT,
    STORY_ABOVE,
    STORY_ANCHOR_PENALTY,
    STORY_BELOW,
    STORY_CONFLICT_RATIO,
    STORY_FAMILY_BONUS,
    STORY_FIGURE_BONUS,
    STORY_NAMES_CAP,
    STORY_NEAR_WEIGHT,
    STORY_PRECISE,
    STORY_ROUNDING_TOLERANCE,
    STORY_SPECIFIC,
    STORY_SUBJECT_PENALTY,
    STORY_UNIT_BONUS,
    STORY_VAGUE_RANGE,
    TOPIC_WORDS,
    YEARS_APART_DAYS,
    YEARS_APART_EVIDENCE,
    ClaimItem,
    _canonical_unit,
    _content,
    _few,
    _meet,
    _precision,
    _same_figure,
    _significant_digits,
    _specificity,
    canonical_word,
    masked_statement,
    publication_day,
    subject_names,
    unit_family,
)
from workbench.pipeline.normalize import fold, words
from workbench.pipeline.numbers import NUMBER_WORDS

if TYPE_CHECKING:
    from workbench.pipeline.cluster_claims.rarity import WordRarity


# The tokens beside the mask are read from a short stretch first: a claim needs only the few nearest (FRAME_TOKENS,
# CONFLICT_NUMBER_WINDOW), and scanning NEAR_CHARS on each side was a tenth of preparing a claim.
_NEAR_TOKENS = max(FRAME_TOKENS, CONFLICT_NUMBER_WINDOW)
_SHORT_CHARS = 48


def _tokens_before(left: str) -> list[str]:
    """The tokens of ``left[-NEAR_CHARS:]`` (the last ``_NEAR_TOKENS`` are all a claim reads): taken from a shorter
    stretch when it holds more than that many, whose first token, maybe cut, is then not among them."""
    found = _TOKEN.findall(left[-_SHORT_CHARS:])
    return found if len(found) > _NEAR_TOKENS else _TOKEN.findall(left[-NEAR_CHARS:])


def _tokens_after(right: str) -> list[str]:
    """The tokens of ``right[:NEAR_CHARS]`` as a claim reads them (the first ``_NEAR_TOKENS``; see
    :func:`_tokens_before`)."""
    found = _TOKEN.findall(right[:_SHORT_CHARS])
    return found if len(found) > _NEAR_TOKENS else _TOKEN.findall(right[:NEAR_CHARS])


# Capitalized word -> the name it gives (see _Claim.names), "" for none; a story's sentences repeat their names.
_NAME_WORDS: dict[str, str] = {}
_NAME_WORDS_MAX = 1 << 16


def _name_word(name: str) -> str:
    found = _NAME_WORDS.get(name)
    if found is None:
        if len(_NAME_WORDS) >= _NAME_WORDS_MAX:
            _NAME_WORDS.clear()
        folded = fold(name)
        found = _NAME_WORDS[name] = "" if folded in _IGNORED else canonical_word(folded)
    return found


def _own_clause(left: str) -> list[str]:
    """The content words of the number's own stretch on its left: back to a clause mark or another number, less
    the word right after that number ("# dead and {#} missing": "dead" is the other number's)."""
    stretch = _CLAUSE_MARK.split(left)[-1]
    before, mask, stretch = stretch.rpartition(NUMBER_MASK)
    tokens = words(stretch)
    return _content(tokens[1:] if mask else tokens)


def _nearest_measure(left: list[str], right: list[str]) -> str:
    """The measure word (see ``MEASURES``) nearest the number within its reach, the left side first on a tie."""
    for distance in range(MEASURE_REACH):
        for side in (left[::-1], right):
            if distance < len(side) and side[distance] in MEASURES:
                return side[distance]
    return ""


def _own_words(left: str, right: str) -> list[str]:
    """The words of the number's own stretch of the sentence, back to the other numbers on each side; a month's own
    day or year ("January 2009", "4 March") does not part it from the figure."""
    own_left = _DATED_MONTH.sub(r"\1", left).rsplit(NUMBER_MASK, 1)[-1]
    return words(own_left + " " + _DATED_MONTH.sub(r"\1", right).split(NUMBER_MASK, 1)[0])


class _Details(NamedTuple):
    """What a story claim's sentence says that only the conflict vetoes read."""

    past: bool  # it looks back: "four years ago", "has occurred before,"
    part: str  # "part" of a group another figure totals, the "whole" another is a part of, or ""
    threshold: bool  # a number needed, not a count: "the 60 votes it needs"
    anchored: bool  # said of another time: "Before Saturday", "originally"


_NO_DETAILS = _Details(past=False, part="", threshold=False, anchored=False)


class MergeKeys(NamedTuple):
    """A claim's keys in the merge index (see :meth:`_Claim.merge_keys`)."""

    lookup: list[int]  # the value bins it looks in
    filed: list[int]  # the value bins it is filed under
    words: list[int]  # its context words


# (block, low, high), or the block of a claim without a value -> its merge keys' lookup and filed bins (see
# _Claim.merge_keys); bounded, as the word caches are.
_BIN_KEYS: dict[tuple[str, float, float] | str, tuple[list[int], list[int]]] = {}
_BIN_KEYS_MAX = 1 << 16


# Context word -> its stable key in a plain dict: a claim looks up its nine words
# with one C call, where the LRU cache's bookkeeping touched memory the growing index had pushed out of the CPU's
# caches. Emptied when full, as the other word caches are.
_WORD_KEYS: dict[str, int] = {}
_WORD_KEYS_MAX = 1 << 17


def _word_keys(words: Collection[str]) -> list[int]:
    """:meth:`_Claim.word_keys` of a claim's ``features``."""
    try:
        return list(map(_WORD_KEYS.__getitem__, words))
    except KeyError:
        if len(_WORD_KEYS) >= _WORD_KEYS_MAX:
            _WORD_KEYS.clear()
        for word in words:
            if word not in _WORD_KEYS:
                _WORD_KEYS[word] = stable_key(word)
        return list(map(_WORD_KEYS.__getitem__, words))


def _cell_names(prefix: str, cells: tuple[str, int, int] | None) -> list[str]:
    if cells is None:
        return [f"{prefix}wide"]
    sign, first, last = cells
    return [f"{prefix}{sign}{k}" for k in range(first, last + 1)]


# A context figure (see _Claim.context_figure) links only on the words around it, weighed as
# _Claim.story_context weighs them: inside a story this much, and no group chains it past that; across stories
# (where a bare "in 2016" or "46 percent" of another event matches on a few shared words) more. Inside a story a
# figure that is not specific (fewer than three significant digits) needs a little for a pair to score: "$500
# billion" of defence cuts and of the fiscal cliff were each their article's only $500 billion. (On the labelled
# corpus pairs of one story, the wrong year links had a context of 0.08 or less, or 0.36 or more.)
CONTEXT_FIGURE_STORY = 0.2
CONTEXT_FIGURE_FAR = 1.0
NONSPECIFIC_STORY_CONTEXT = 0.1

_PEOPLE = frozenset(("people", "person"))

# Spans of time in days, so that a story's "11 days" and "less than two weeks" compare.
_DAYS_PER = {"hours": 1 / 24, "days": 1.0, "weeks": 7.0, "months": 365.25 / 12, "years": 365.25}


class StatementReading(NamedTuple):
    """What a claim's statement says for clustering, read once: at extraction (stored with the claim, see
    :func:`encode_statement`) or, for a claim stored without it, when it is clustered."""

    unit: str  # the canonical unit (see _canonical_unit)
    left: tuple[str, ...]  # the context words before the mask (up to CONTEXT_WORDS)
    right: tuple[str, ...]  # and after it
    head: str
    topic: tuple[str, ...]
    generic: bool  # a word for the usual among the context words
    story_generic: bool  # ... and in the number's own stretch of the sentence (what a story claim reads)
    frame: tuple[str, ...]  # the FRAME_TOKENS tokens on each side of the mask, canonical
    numbers_near: bool  # another number within CONFLICT_NUMBER_WINDOW tokens
    names: tuple[str, ...] = ()  # the story features (read only when asked for)
    modifiers: tuple[str, ...] = ()
    counts_others: bool = False


def read_statement(item: ClaimItem, unit: str, stories: bool = True) -> StatementReading:
    """Read a claim's statement (see :class:`StatementReading`); ``stories``: also what only a story claim reads."""
    folded = fold(item.statement)
    left, mask, right = folded.partition(CLAIM_MASK)
    if not mask:
        left, right = folded, ""
    left_all, right_all = words(left), words(right)
    left_content = _content(left_all)
    right_content = _content(right_all)
    left_words = left_content[-CONTEXT_WORDS:]
    right_words = right_content[:CONTEXT_WORDS]
    head = unit if item.kind == "count" and unit else ""
    if not head:
        # "# kilometers ({#}) northeast of Rome": a conversion in brackets is said of what follows them
        phrase = _PHRASE_END.split(right[1:] if right.startswith(")") else right, 1)[0]
        head = next(iter(_content(words(phrase)[:HEAD_WINDOW])), "")
    generic = not _GENERIC.isdisjoint(left_words + right_words)
    names: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    counts_others = False
    story_generic = generic
    if stories:
        names = _few(filter(None, map(_name_word, _NAME.findall(item.statement))))
        # Words of the mention besides its number and counted noun: "23 British diplomats" are not "23 Russian
        # diplomats".
        mention_words = words(fold(item.mention))
        modifiers = _few(
            stem
            for stem in (canonical_word(word) for word in mention_words if word.isalpha() and word not in _IGNORED)
            if stem not in NUMBER_WORDS and stem != unit
        )  # "a dozen", "thousands of" are numbers, not modifiers
        # "38 other senators", "the other {#} states": all but some of a total
        counts_others = not _OTHERS.isdisjoint(mention_words + left_all[-1:])
        if generic:
            # Inside a story "often" or "average" makes the figure a statement of the usual only in its own stretch
            # of the sentence ("their average family income by about 3 percent and moving about 900,000 people":
            # "average" is said of the 3 percent).
            story_generic = not _GENERIC.isdisjoint(_own_words(left, right))
    # The few tokens beside the mask, stop words and other numbers included (a long sentence is not scanned again
    # for them).
    left_tokens, right_tokens = _tokens_before(left), _tokens_after(right)
    frame = (*left_tokens[-FRAME_TOKENS:], CLAIM_MASK, *right_tokens[:FRAME_TOKENS])
    near = left_tokens[-CONFLICT_NUMBER_WINDOW:] + right_tokens[:CONFLICT_NUMBER_WINDOW]
    return StatementReading(
        unit,
        tuple(left_words),
        tuple(right_words),
        head,
        tuple(dict.fromkeys(left_content[-TOPIC_WORDS:] + right_content[:TOPIC_WORDS])),
        generic,
        story_generic,
        tuple(map(canonical_word, frame)),
        NUMBER_MASK in near,
        names,
        modifiers,
        counts_others,
    )


# A stored reading is one string: a key, then the fields, split by _FIELD; word lists by spaces (a word is letters
# and digits). Decoding is a few C splits, against the regexes and word rules of reading.
_FIELD = "\x1f"


def _rules_version() -> int:
    """A fingerprint of the code that reads a statement: a reading stored by other rules is read again, never used."""
    from workbench.pipeline import normalize, numbers
    from workbench.pipeline.cluster_claims import features

    found = 0
    for module in (features, normalize, numbers):
        found = crc32(Path(module.__file__ or "").read_bytes(), found)
    return crc32(Path(__file__).read_bytes(), found)


_RULES_VERSION = _rules_version()


def _reading_key(item: ClaimItem) -> str:
    """What a stored reading was read from (the rules, and the claim's kind, unit, mention and statement): a claim
    corrected or re-extracted since, or read by other rules, is read again."""
    text = f"{item.kind}{_FIELD}{item.unit or ''}{_FIELD}{item.mention}{_FIELD}{item.statement}"
    return f"{crc32(text.encode('utf-8', 'surrogatepass'), _RULES_VERSION):08x}"


def encode_statement(item: ClaimItem, read: StatementReading) -> str | None:
    """The reading of ``item`` as stored with the claim (None when a field would not survive the encoding)."""
    lists = (read.left, read.right, read.topic, read.frame, read.names, read.modifiers)
    if any(" " in word or _FIELD in word or not word for words_ in lists for word in words_):
        return None
    if _FIELD in read.unit or _FIELD in read.head:
        return None
    flags = (read.generic, read.story_generic, read.numbers_near, read.counts_others)
    return _FIELD.join(
        (
            _reading_key(item),
            read.unit,
            " ".join(read.left),
            " ".join(read.right),
            read.head,
            " ".join(read.topic),
            "".join("1" if flag else "0" for flag in flags),
            " ".join(read.frame),
            " ".join(read.names),
            " ".join(read.modifiers),
        )
    )


def decode_statement(stored: str, item: ClaimItem) -> StatementReading | None:
    """The reading stored with ``item``, or None when it was read from something else (see :func:`_reading_key`)."""
    fields = stored.split(_FIELD)
    if len(fields) != 10 or fields[0] != _reading_key(item):
        return None
    _, unit, left, right, head, topic, flags, frame, names, modifiers = fields
    return StatementReading(
        intern(unit),
        _word_list(left),
        _word_list(right),
        intern(head),
        _word_list(topic),
        flags[0] == "1",
        flags[1] == "1",
        _word_list(frame),
        flags[2] == "1",
        _word_list(names),
        _word_list(modifiers),
        flags[3] == "1",
    )


def _word_list(text: str) -> tuple[str, ...]:
    """Words as one string object each, whatever claim they come from (as reading's word caches give them): a
    representative keeps its topic, and 100,000 copies of "trade" cost memory the clustering does not have."""
    return tuple(map(intern, text.split(" "))) if text else ()


def prepared_statement(item: ClaimItem) -> str | None:
    """What is stored with a claim at extraction (see :class:`StatementReading`), so clustering reads it back
    instead of reading the statement again; story features included (whether the claim's story is shared with
    other articles is known only when it is clustered)."""
    return encode_statement(item, read_statement(item, _canonical_unit(item.kind, item.unit)))


def prepared_claims(text: str, claims: Iterable[Claim]) -> list[str | None]:
    """:func:`prepared_statement` of each claim extracted from ``text`` (offsets into ``text``), in order: run in
    the ingest's extraction workers, in parallel, so that clustering (one process, after them) need not."""
    found = []
    for claim in claims:
        sentence = text[claim.sentence_start : claim.sentence_end]
        start, end = claim.start - claim.sentence_start, claim.end - claim.sentence_start
        statement = masked_statement(sentence, start, end)
        found.append(
            prepared_statement(ClaimItem(0, "", claim.kind, None, claim.unit, statement, mention=claim.mention))
        )
    return found


def _share_cell(value: float, step: float) -> float:
    """The rounding cell of a printed percentage: 10 points for a multiple of 10 ("more than 70%" is 70 to 80), 5 for
    one of 5, else its last digit ("about 33 percent" is not 28.6, "nearly 2.9%" not 2.2)."""
    if not float(value).is_integer():
        return step
    whole = abs(int(value))
    return 10.0 if whole and whole % 10 == 0 else 5.0 if whole and whole % 5 == 0 else max(step, 1.0)


class _Claim:
    """A claim prepared for matching; kept for representatives only."""

    __slots__ = (
        "id",
        "article",
        "block",
        "value",
        "point",
        "low",
        "high",
        "unit_step",
        "features",
        "head",
        "near_left",
        "crowded",
        "topic",
        "day",
        "temporal",
        "estimate",
        "poll",
        "may_conflict",
        "floor",
        "ceiling",
        "frame",
        "_weighted",
        "_topic_weighted",
        "story",
        "kind",
        "unit",
        "target",
        "_specific",
        "near_right",
        "story_low",
        "story_high",
        "modifiers",
        "names",
        "role",
        "counts_others",
        "figures",
        "family",
        "near",
        "generic",
        "years",
        "after",
        "listed",
        "_cues",
        "_months",
        "_subjects",
        "_measure",
        "_details",
        "statement",
        "mention",
        "hedge",
        "_value",
        "value_high",
    )

    def __init__(self, item: ClaimItem):
        # What later readings take from the item (statement, mention, hedge) is kept, not the item: its stored
        # reading (``prepared``, as long as the statement) is spent once read, and a representative lives as long as
        # the index.
        self.statement, self.mention, self.hedge = item.statement, item.mention, item.hedge
        self._value, self.value_high = item.value, item.value_high
        self.id = item.id
        self.article = str(item.article)
        read = decode_statement(item.prepared, item) if item.prepared else None
        unit = _canonical_unit(item.kind, item.unit) if read is None else read.unit
        # one string per block, not one per claim: a run holds 200,000 claims and a few thousand blocks
        self.block = intern(f"{item.kind}|{unit}|{item.role or ''}|{int(bool(item.target))}")
        self.story = item.story
        self.role = item.role
        self.kind = item.kind
        self.unit = unit
        self.target = bool(item.target)
        self.temporal = item.kind in CALENDAR_KINDS
        self.day = publication_day(item.published)
        self._read_value(item)
        self._read_statement(item, read or read_statement(item, unit, stories=item.story is not None))
        self.may_conflict = self.value is not None and not self.crowded and not self.temporal
        self._specific: float | None = None  # see specificity

    def _read_value(self, item: ClaimItem) -> None:
        value = item.value
        if value is not None and not math.isfinite(value):
            value = None
        self.value = value
        self.point = False
        self.low = self.high = self.unit_step = self.floor = self.ceiling = self.story_low = self.story_high = 0.0
        self.figures: tuple[float, float] | None = None  # both ends of a printed range
        if value is None:
            return
        step = _precision(value, item.kind)
        self.unit_step = step
        high = item.value_high if item.value_high is not None and math.isfinite(item.value_high) else None
        if high is not None:
            self.figures = (min(value, high), max(value, high))
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
        if item.story is not None:
            self.story_low, self.story_high = self._story_interval(item.hedge, high is not None)
        self.floor, self.ceiling = (value, value) if self.point else (self.low, self.high)
        if item.hedge in ("more_than", "at_least"):
            self.ceiling = math.inf
        elif item.hedge in ("less_than", "at_most", "up_to"):
            self.floor = -math.inf
        if not (math.isfinite(self.low) and math.isfinite(self.high)):
            self.value, self.point = None, False  # a figure near the float limit is noise, not a claim to compare

    def _story_interval(self, hedge: str | None, ranged: bool) -> tuple[float, float]:
        """The values this figure can stand for inside one story: the whole rounding cell of a round figure ("9
        percent" for 9.4), and hedges read as a reporter uses them ("more than a dozen" for 17 officials, "nearly
        12" for 10.5 or more)."""
        value, step = self.value or 0.0, self.unit_step
        if ranged or self.point:
            return self.low, self.high

        def reach(share: float) -> float:
            # A hedge stretches a figure by a share of it, at least half its rounding step ("about $1 trillion" is
            # not anything up to $2 trillion, "nearly $200 million" not $100 million); a year or a date only by its
            # step ("around 2013" is not 2006).
            return step if self.temporal else max(step / 2, abs(value) * share)

        if hedge in ("more_than", "at_least"):
            return value, value + reach(STORY_ABOVE)
        if hedge in ("less_than", "at_most", "up_to", "nearly"):
            return value - reach(STORY_BELOW), value
        if not float(value).is_integer():
            return value - step, value + step  # "approximately 5.2 percent": a decimal says how close (not 5.4)
        return value - reach(STORY_ABOUT), value + reach(STORY_ABOUT)

    def _read_statement(self, item: ClaimItem, read: StatementReading) -> None:
        unit = read.unit
        left_words, right_words, head = read.left, read.right, read.head
        features = dict.fromkeys(left_words + right_words, 1)
        if head:
            features[head] = HEAD_WEIGHT
        self.features = features
        self._weighted: tuple[WordRarity | None, float] = (None, 0.0)
        self._topic_weighted: tuple[WordRarity | None, float] = (None, 0.0)
        self.head = head
        self.near_left = left_words[-1] if left_words else ""
        self.near_right = right_words[0] if right_words else ""
        # Small sorted tuples, not sets: a story of a 100,000 claims holds them all, and they have a few words each.
        self.names: tuple[str, ...] = ()
        self.modifiers: tuple[str, ...] = ()
        self.near: tuple[float, ...] = ()
        self.family = unit_family(unit) if item.kind == "count" else unit
        self.counts_others = False
        self.years: tuple[int, ...] = ()
        self.after: tuple[str, ...] = ()
        self.listed = False
        # What only some pairs of a story look at is read when first asked for (None: not read yet); a claim outside
        # a story has none of it.
        self._cues: tuple[str, ...] | None = ()
        self._months: tuple[str, ...] | None = ()
        self._subjects: tuple[str, ...] | None = ()
        self._measure: str | None = ""
        self._details: _Details | None = _NO_DETAILS
        if item.story is not None:  # only a story's claims are compared on these
            self._cues = self._months = self._subjects = self._measure = self._details = None
            self.names = read.names
            self.near = item.near
            self.modifiers = read.modifiers
            self.counts_others = read.counts_others
            self.years = item.years
            self.after = tuple(right_words)
            self.listed = len(item.near) >= LIST_FIGURES
        self.topic = read.topic
        self.generic = read.story_generic if item.story is not None else read.generic
        self.estimate = ESTIMATE in self.topic
        # A poll's own figures (a margin of error, a sample size) name no poll when the sentence says only "the
        # margin of error was plus or minus 4 points": every poll has one.
        self.poll = self.estimate or {"margin", "error"} <= set(self.topic)
        self.frame = read.frame
        # A change's "from" and "to" values sit in different blocks already; "in 2021 to {#}" is not a list.
        self.crowded = not item.role and read.numbers_near

    def _figure(self, hedge: str | None) -> ClaimItem:
        """The item's figure as :func:`features._specificity` reads it (its value, range, kind and ``hedge``)."""
        return ClaimItem(
            self.id,
            self.article,
            self.kind,
            self._value,
            None,
            self.statement,
            self.value_high,
            hedge,
            mention=self.mention,
        )

    @property
    def specificity(self) -> float:
        """How unlikely two claims of one story are to share this figure by chance (``features._specificity``), read
        when first asked for: only claims that meet a candidate need it."""
        if self._specific is None:
            self._specific = _specificity(self._figure(self.hedge), self.day)
        return self._specific

    @property
    def cues(self) -> tuple[str, ...]:
        """What a story claim's sentence says of when, where and how its figure holds (:func:`conflict_cues`).

        Read on first use: only pairs of a story that pass the cheaper conflict vetoes look at them, and reading
        them was a third of a story claim's preparation."""
        if self._cues is None:
            self._cues = conflict_cues(self.statement, self.kind, self.unit)
        return self._cues

    @property
    def months(self) -> tuple[str, ...]:
        """The month the figure refers to: one named in its own stretch of the sentence, with no other number
        between ("rose to 7.9% from 7.8% in September": September is 7.8's, not 7.9's)."""
        if self._months is None:
            folded, left, right = self._sides()
            # A sentence that names no month (nearly every one) names none in the number's stretch: its words are
            # the sentence's, and a dated month keeps its name.
            named = any(month in folded for month in _MONTHS)
            self._months = _few(word for word in _own_words(left, right) if word in _MONTHS) if named else ()
        return self._months

    @property
    def subjects(self) -> tuple[str, ...]:
        """The names in the number's own clause (see :func:`subject_names`)."""
        if self._subjects is None:
            self._subjects = subject_names(self.statement)
        return self._subjects

    @property
    def past(self) -> bool:
        return self._read_details().past

    @property
    def part(self) -> str:
        return self._read_details().part

    @property
    def measure(self) -> str:
        """The measure word beside the number that says what it counts (see ``MEASURES``), or "age"."""
        if self._measure is None:
            _, left, right = self._sides()
            # the mention's own words first: "126 dead", "56 missing"
            measure = next((word for word in self.modifiers if word in MEASURES), "") or _nearest_measure(
                _own_clause(left), _content(words(right))
            )
            if "old" in words(fold(self.mention)) or self.after[:1] == ("old",):
                measure = "age"  # "60-year-old", "50 years old": an age, not a duration
            self._measure = measure
        return self._measure

    @property
    def threshold(self) -> bool:
        return self._read_details().threshold

    @property
    def anchored(self) -> bool:
        return self._read_details().anchored

    def _sides(self) -> tuple[str, str, str]:
        """The folded statement and its two sides of the claim's mask."""
        folded = fold(self.statement)
        left, mask, right = folded.partition(CLAIM_MASK)
        return (folded, left, right) if mask else (folded, folded, "")

    def _read_details(self) -> _Details:
        """What only a story's conflict vetoes read (the few pairs that pass the cheaper ones), read once."""
        if self._details is None:
            self._details = self._story_details()
        return self._details

    def _story_details(self) -> _Details:
        folded, left, right = self._sides()
        own_left, own_right = left.rsplit(NUMBER_MASK, 1)[-1], right.split(NUMBER_MASK, 1)[0]
        # "including {#} children", "{#} of whom were staff": a part of the group another sentence totals
        # and "# of the total {#}": the whole another figure is a part of
        part = not _PART_BEFORE.isdisjoint(words(own_left)[-PART_REACH:]) or bool(_PART_AFTER.match(right))
        return _Details(
            past=not _PAST.isdisjoint(words(left) + words(right)) or bool(_BEFORE_ALONE.search(folded)),
            part="part" if part else "whole" if _WHOLE_BEFORE.search(left) else "",
            # in the number's own stretch: "Trump needs 1,237 delegates", "the 60 votes it needs" (not "failed on a
            # 54-46 vote; it needed 60": the need is the 60's)
            threshold=not _NEEDED.isdisjoint(words(own_left)[-NEEDED_REACH:] + words(own_right)[:NEEDED_REACH]),
            anchored=not _ANCHORS.isdisjoint(words(_CLAUSE_MARK.split(left)[-1])) or bool(_ANCHOR_START.match(folded)),
        )

    @property
    def terse(self) -> bool:
        """A heading-like statement: nothing but the head word around the number."""
        return bool(self.head) and len(self.features) == 1

    def order_key(self) -> tuple[int, int]:
        """Richest statement first: the representative others are compared with should say the most."""
        return (-len(self.features), self.id)

    def close_to(self, other: _Claim, days: int) -> bool:
        """Whether both articles are dated and at most ``days`` apart."""
        return self.day is not None and other.day is not None and abs(self.day - other.day) <= days

    def same_statement(self, other: _Claim, rarity: WordRarity) -> float:
        """Overlap score in (0, 1] when both sentences say the same thing about their numbers, else 0."""
        score = self.context_overlap(other, rarity)
        return score if score and self.well_evidenced(other, rarity, score) else 0.0

    def context_overlap(self, other: _Claim, rarity: WordRarity) -> float:
        """The cheap half of :meth:`same_statement`: anchors and the context words around the number."""
        if self._anchors_differ(other):
            return 0.0
        return self._overlap(other, rarity, MIN_SHARED_WORDS, MIN_OVERLAP)

    def well_evidenced(self, other: _Claim, rarity: WordRarity, score: float) -> bool:
        """The other half: enough rare topic words for the time between the articles (see the module docstring)."""
        if (self.context_figure or other.context_figure) and self.story_context(other, rarity) < CONTEXT_FIGURE_FAR:
            return False
        weak = self.temporal or self.estimate or other.estimate
        if not weak and self.close_to(other, CLOSE_DAYS):
            return self._evidence(other, rarity) >= CLOSE_EVIDENCE + self._nonspecific_evidence(other)
        # Apart in time, a loosely shared phrase needs more rare words than a closely shared one.
        needed = FAR_EVIDENCE
        if (
            not self.temporal
            and self.day is not None
            and other.day is not None
            and not self.close_to(other, YEARS_APART_DAYS)
        ):
            needed = YEARS_APART_EVIDENCE
        return self._evidence(other, rarity) * min(1.0, score / FAR_FULL_OVERLAP) >= needed

    def _nonspecific_evidence(self, other: _Claim) -> float:
        """The evidence two claims of different stories need beyond CLOSE_EVIDENCE, by how little their figures say:
        a shared "two weeks" or "nearly 10 points" in one month is as likely another event's, so it takes a second
        rare word; a specific figure ("$10.10 an hour") carries the link alone. Within one story the story's own
        rules have weighed the figure already."""
        if self.story is not None and self.story == other.story:
            return 0.0
        specificity = min(self.specificity, other.specificity, STORY_SPECIFIC)
        return NONSPECIFIC_EVIDENCE * (1 - specificity / STORY_SPECIFIC)

    def _anchors_differ(self, other: _Claim) -> bool:
        """Both the word after the number and the word before it differ: another number of the same sentence."""
        return bool(
            self.head
            and other.head
            and self.head != other.head
            and self.near_left
            and other.near_left
            and self.near_left != other.near_left
        )

    def contradicts(self, other: _Claim, rarity: WordRarity) -> bool:
        """Whether the other claim states the same thing closely enough that a different value is a conflict."""
        return (
            self.may_conflict
            and other.may_conflict
            and self.frame == other.frame
            and self.head == other.head
            and self.near_left == other.near_left
            and bool(self.head or self.near_left)
            and not (self.estimate or other.estimate)
            and self.close_to(other, CONFLICT_DAYS)
            and self._contradicting_values(other)
            and self._overlap(other, rarity, CONFLICT_MIN_SHARED_WORDS, CONFLICT_MIN_OVERLAP) > 0
            and self._evidence(other, rarity) >= FAR_EVIDENCE
            and self._similarity(other, rarity) >= CONFLICT_SIMILARITY
        )

    def _contradicting_values(self, other: _Claim) -> bool:
        """Incompatible, and still so when hedges are read as bounds: "more than 100 injured" does not contradict
        "about 180 injured", though as a merge the two would be different figures."""
        return not self.compatible(other) and (self.ceiling < other.floor or other.ceiling < self.floor)

    def _similarity(self, other: _Claim, rarity: WordRarity) -> float:
        """Rarity-weighted Dice coefficient of the two topics: near 1 for a reprinted sentence or the same quote."""
        shared = sum(map(rarity.idf, set(self.topic).intersection(other.topic)))
        total = self._topic_weight(rarity) + other._topic_weight(rarity)
        return 2 * shared / total if total else 0.0

    def _topic_weight(self, rarity: WordRarity) -> float:
        """The topic's summed rarity, kept while the same rarity is in use (a claim meets many candidates)."""
        if self._topic_weighted[0] is not rarity:
            self._topic_weighted = (rarity, sum(map(rarity.idf, self.topic)))
        return self._topic_weighted[1]

    def _evidence(self, other: _Claim, rarity: WordRarity) -> float:
        return rarity.evidence(set(self.topic).intersection(other.topic))

    def _overlap(self, other: _Claim, rarity: WordRarity, min_shared: int, min_overlap: float) -> float:
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
        idf = rarity.idf
        # min() of two weights written out: the same value, without a call per shared word
        overlap = sum((theirs[word] if theirs[word] < mine[word] else mine[word]) * idf(word) for word in shared) / min(
            self._weight(rarity), other._weight(rarity)
        )
        return overlap if overlap >= min_overlap else 0.0

    def _weight(self, rarity: WordRarity) -> float:
        """The context's rarity-weighted size, kept while the same rarity is in use."""
        if self._weighted[0] is not rarity:
            idf = rarity.idf
            self._weighted = (rarity, sum(weight * idf(word) for word, weight in self.features.items()))
        return self._weighted[1]

    def compatible(self, other: _Claim) -> bool:
        """Whether the two values can be the same figure, allowing for rounding and hedges."""
        if self.value is None or other.value is None:
            return self.value is None and other.value is None
        if self.point and other.point:
            coarse, fine = (self, other) if self.unit_step >= other.unit_step else (other, self)
            return coarse.value == fine.value or (
                coarse.low <= fine.value < coarse.high  # type: ignore[operator]
                and abs(coarse.value - fine.value) <= ROUNDING_TOLERANCE * abs(fine.value)  # type: ignore[operator, arg-type]
            )
        return self.low <= other.high and other.low <= self.high

    def bin_keys(self, bins: Iterable[str]) -> list[int]:
        """The merge index's groups: (block, value bin) as stable hashes, so they hash the same in every run; its
        words are :meth:`word_keys`."""
        # Block and bin strings are not memoized: they are more than the cache holds and pushed the words out. The
        # block's CRC is carried into each bin's (zlib's running checksum): stable_key(f"{block}|{bin}") with the
        # block encoded once; bins are ASCII.
        block = crc32(f"{self.block}|".encode("utf-8", "surrogatepass"))
        return [crc32(value_bin.encode(), block) for value_bin in bins]

    def word_keys(self) -> list[int]:
        """The context words as stable hashes, in the order of ``features``."""
        return _word_keys(self.features)

    def merge_keys(self) -> MergeKeys:
        """:meth:`query_bins` and :meth:`index_bins` as :meth:`bin_keys`, and :meth:`word_keys`, read at once: a
        claim is looked up and then, as a new representative, filed, and both use its integer and log cells.

        The bins depend only on the block and the interval, which three claims in four share with an earlier one
        (years, small counts, round percentages): their keys are kept (``_BIN_KEYS``) and shared, never mutated."""
        interval = (self.block, self.low, self.high) if self.value is not None else self.block
        bins = _BIN_KEYS.get(interval)
        if bins is None:
            if len(_BIN_KEYS) >= _BIN_KEYS_MAX:
                _BIN_KEYS.clear()
            bins = _BIN_KEYS[interval] = self._merge_bin_keys()
        return MergeKeys(bins[0], bins[1], _word_keys(self.features))

    def _merge_bin_keys(self) -> tuple[list[int], list[int]]:
        """The lookup and filed bins of :meth:`merge_keys` as :meth:`bin_keys`."""
        if self.value is None:
            query = index = ["none"]
        else:
            cells = self._log_cells()
            if self._narrow():
                integers = self._integer_bins()
                query, index = integers + _cell_names("w", cells), integers + _cell_names("n", cells)
            else:
                index = _cell_names("w", cells)
                query = index + _cell_names("n", cells)
        block = crc32(f"{self.block}|".encode("utf-8", "surrogatepass"))
        query_keys = [crc32(value_bin.encode(), block) for value_bin in query]
        index_keys = query_keys if index is query else [crc32(value_bin.encode(), block) for value_bin in index]
        return query_keys, index_keys

    def _integer_bins(self) -> list[str]:
        """Integers k whose cell [k - 0.5, k + 0.5) meets the interval."""
        first, last = math.floor(self.low - 0.5) + 1, math.floor(self.high - 1e-9 + 0.5)
        return [f"i{k}" for k in range(first, max(first, last) + 1)]

    def _log_bins(self, prefix: str) -> list[str]:
        """Logarithmic cells meeting the interval; intervals too wide to bin, or touching zero, share one key."""
        return _cell_names(prefix, self._log_cells())

    def _log_cells(self) -> tuple[str, int, int] | None:
        """The sign and the first and last logarithmic cells of the interval (see :meth:`_log_bins`), or None for
        one too wide to bin or touching zero."""
        if self.low > 0 or self.high < 0:
            sign = "+" if self.low > 0 else "-"
            first = math.floor(math.log10(abs(self.low)) * LOG_BINS_PER_DECADE)
            last = math.floor(math.log10(abs(self.high)) * LOG_BINS_PER_DECADE)
            first, last = min(first, last), max(first, last)
            if last - first < MAX_BINS:
                return sign, first, last
        return None

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

    def conflict_keys(self, word_keys: list[int] | None = None) -> list[int]:
        """Conflicts need equal heads, so the head is part of every key: blocks stay small. ``word_keys``: the
        claim's :meth:`word_keys`, when already read."""
        key = stable_key(f"{self.block}|{self.head}")
        return [hash((key, word_key)) for word_key in (_word_keys(self.features) if word_keys is None else word_keys)]

    # -- within a story ----------------------------------------------------------------------------------------

    def story_compatible(self, other: _Claim) -> bool:
        """Same kind of figure, a unit that can be the same, and values that can be the same figure as printed by
        two outlets of one story (roles ignored: "rose to 7.9 percent" is a statement of the new level); sentences
        that name months name the same one ("7.8 percent in September" is not "7.8 percent in January 2009"). A
        bare year is a less precise printing of a date in it ("In 2017, Cohen requested" / "in January 2017")."""
        if self.kind != other.kind:
            return self.dates_in_year(other) and self._story_words_agree(other)
        return (
            (self.unit == other.unit or self.kind == "count" or self._span_ratio(other) is not None)
            and self.value is not None
            and other.value is not None
            and self._story_words_agree(other)
            and self._range_ends_agree(other)
            and self._story_values_agree(other)
            and self._limits_agree(other)
        )

    def _story_words_agree(self, other: _Claim) -> bool:
        """Nothing said beside the two figures tells them apart: qualifiers, measure words, months, a word for many
        or for what is usual."""
        return (
            self.modifiers_agree(other)
            and not self.measures_differ(other)  # "killing at least 10" is not "the 15 wounded"
            and not self.nouns_differ(other)
            and not (self.months and other.months and not _meet(self.months, other.months))
            and self.vague == other.vague  # "dozens of officers" is not a printing of "60 officers"
            and self.generic == other.generic  # "crews often have about 20 members" is not this crew's 20
        )

    def dates_in_year(self, other: _Claim) -> bool:
        """One is a year and the other a date in it (dates are YYYYMMDD numbers, 00 for an unnamed month or day)."""
        year, day = (self, other) if self.kind == "year" else (other, self)
        if year.kind != "year" or day.kind != "date" or year.value is None or day.value is None:
            return False
        return year.figures is None and int(day.value) // 10000 == year.value

    def _limits_agree(self, other: _Claim) -> bool:
        """A limit ("up to 365 MPs", "as much as 2.9%", "as many as 73 weeks") states its own figure, not anything
        below it: it is one figure only with the same figure, a limit or not ("faces up to a year" / "up to 12
        months", "up to 40 percent" / "40 percent"), never with a lower one ("317 Conservative MPs", "2.2 percent")."""
        mine, theirs = self.hedge == "up_to", other.hedge == "up_to"
        if not (mine or theirs) or self.figures is not None or other.figures is not None:
            return True
        ratio = self._span_ratio(other)
        value = (other.value or 0.0) * (1.0 if ratio is None else ratio)
        return _same_figure(self.value or 0.0, value)

    def _range_ends_agree(self, other: _Claim) -> bool:
        """A range and a single figure are one statement only when the figure is one of its ends ("up to nine
        years" of "seven to nine years"): "seven and a half years" inside it is another statement."""
        if (self.figures is None) == (other.figures is None):
            return True
        ranged, single = (self, other) if other.figures is None else (other, self)
        return single.value in ranged.figures  # type: ignore[operator]

    @property
    def vague(self) -> bool:
        """A word for many rather than a figure: "dozens" (12 to 120), "hundreds"."""
        if self.figures is None:
            return False
        low, high = self.figures
        return low > 0 and high >= STORY_VAGUE_RANGE * low

    @property
    def context_figure(self) -> bool:
        """A figure that locates or labels more than it states, or says little by itself: a year, date or year range
        (issue 13's context numbers: "the 2016 election" and "the 2016 Republican primary"), a word for many
        ("millions", "thousands of federal workers"), a whole percentage (polls, groups and shares: "46 percent" of
        late deciders and of the vote) or a small count. Outlets print such a figure for many facts, so being each
        article's only one says nothing; only the words around it do (see ``CONTEXT_FIGURE_STORY``)."""
        if self.temporal or self.vague:
            return True
        value = self.value
        if value is None or self.figures is not None or not float(value).is_integer():
            return False
        return self.kind == "percent" or (self.kind == "count" and abs(value) < SMALL_COUNT)

    @property
    def bare_vague(self) -> bool:
        """A count that is a word for many with no counted noun ("blew through millions", "thousands"): it names
        nothing to link ("billions of dollars" names its unit, and links as any context figure does)."""
        return self.vague and not self.unit

    def story_context_needed(self, other: _Claim) -> float:
        """The least :meth:`story_context` two claims of one story need to link (see ``CONTEXT_FIGURE_STORY``)."""
        if self.context_figure or other.context_figure:
            return CONTEXT_FIGURE_STORY
        if min(self.specificity, other.specificity) < STORY_SPECIFIC:
            return NONSPECIFIC_STORY_CONTEXT
        return -math.inf

    def nouns_differ(self, other: _Claim) -> bool:
        """Two counted nouns that name other kinds of things ("27 counterparts" / "27 votes"; "dozens of Russian
        intelligence officers" / "dozens of Russian diplomats" are one kind, and their qualifiers agree)."""
        if self.kind != "count" or not self.unit or not other.unit or self.unit == other.unit:
            return False
        # "people" is what the extractor counts when no noun follows ("12 at the United Nations"): any group of people
        return self.family != other.family and not {self.unit, other.unit} & _PEOPLE

    @property
    def repeatable(self) -> bool:
        """Whether an article that prints this figure twice means one thing by it: an amount of money or a figure
        with three significant digits ("$10.10", "$200 billion", "171,000"), not a rate or a small count ("7.8
        percent" for two months, "seven days" for two expulsions)."""
        return self.specificity >= (STORY_PRECISE if self.kind == "money" else STORY_SPECIFIC)

    def measures_differ(self, other: _Claim) -> bool:
        """The words beside the two numbers name two measures (see ``MEASURES``): "killing at least {#}" and "the
        {#} wounded" count two things of one event, however close the figures."""
        return bool(self.measure and other.measure) and self.measure != other.measure

    def shares_qualifier(self, other: _Claim) -> bool:
        """Both mentions qualify what they count with one word ("seven missing sailors" / "seven missing U.S. Navy
        sailors"): the converse of :meth:`modifiers_agree`'s veto, and as telling. The counted noun itself
        ("15-hour" / "14 hours") and initials ("U.S.") say nothing."""
        unit = canonical_word(self.unit) if self.unit else ""
        return any(len(word) > 2 and word != unit and word in other.modifiers for word in self.modifiers)

    def same_hedge(self, other: _Claim) -> bool:
        """Both print one hedge with one figure ("nearly 19% of the vote" twice): the hedge tells how the source
        rounded, not that the figure is any of many (see :attr:`hedge_cost`)."""
        return bool(self.hedge) and self.hedge == other.hedge and self.value == other.value

    @property
    def hedge_cost(self) -> float:
        """What the hedge took off the figure's specificity ("more than 100" is said of many things; "100" less so)."""
        if not self.hedge:
            return 0.0
        return _specificity(self._figure(None), self.day) - self.specificity

    def modifiers_agree(self, other: _Claim) -> bool:
        """The words qualifying the counted things ("British", "Russian", "diplomatic") do not tell them apart."""
        return not (self.modifiers and other.modifiers and not _meet(self.modifiers, other.modifiers))

    def _span_ratio(self, other: _Claim) -> float | None:
        """How many of this claim's units one of the other's is, for two spans of time printed in other units
        ("less than two weeks after" / "11 days after", "two years" / "24 months"); None otherwise."""
        if self.kind != "duration" or self.unit == other.unit:
            return None
        mine, theirs = _DAYS_PER.get(self.unit), _DAYS_PER.get(other.unit)
        return None if mine is None or theirs is None else theirs / mine

    def _story_values_agree(self, other: _Claim) -> bool:
        ratio = self._span_ratio(other)
        if ratio is not None:
            return self._spans_agree(other, ratio)
        if self.point and other.point:
            coarse, fine = (self, other) if self.unit_step >= other.unit_step else (other, self)
            return coarse.value == fine.value or (
                coarse.low <= fine.value < coarse.high  # type: ignore[operator]
                and abs(coarse.value - fine.value) <= STORY_ROUNDING_TOLERANCE * abs(fine.value)  # type: ignore
            )
        (low, high), (other_low, other_high) = self._printed_interval(), other._printed_interval()
        if low > other_high or other_low > high:
            return False
        if self.point or other.point or self.figures is not None or other.figures is not None:
            return True
        # Two hedged figures: one of them lies within the other's reach ("more than 1,000" / "more than 1,400"), not
        # two bounds that only stretch to meet ("more than two weeks" / "less than four weeks").
        return low <= (other.value or 0.0) <= high or other_low <= (self.value or 0.0) <= other_high

    def _printed_interval(self) -> tuple[float, float]:
        """The story interval, with a printed figure held to what its writer can have rounded: within its rounding
        cell and STORY_ROUNDING_TOLERANCE of it, as between two printed figures ("100,000 people" is not "about
        157,000", "$100 million" not "nearly $200 million"; "17" is still 16.5 to 17.5)."""
        if not self.point:
            if self.kind != "percent" or self.figures is not None or self.value is None:
                return self.story_low, self.story_high
            # a hedged percentage no further than the cell its writer rounded to (see _share_cell): a share is not a
            # toll that grows, and "more than 70%" is not 95%. (Conflicts still read the whole story interval: "above
            # 8%" and "over 7.4 percent" are two thresholds, not one rate printed two ways.)
            cell = _share_cell(self.value, self.unit_step)
            return max(self.story_low, self.value - cell), min(self.story_high, self.value + cell)
        value = self.value or 0.0
        half = min(self.unit_step / 2, max(STORY_ROUNDING_TOLERANCE * abs(value), 0.5))
        return value - half, value + half

    def _spans_agree(self, other: _Claim, ratio: float) -> bool:
        """Two spans in other units, the other's read in this claim's unit: a printed figure must be the other
        within rounding of the coarser ("a week" / "seven days", not "two weeks" / "11 days"); a hedge reaches as
        it does in one unit ("less than two weeks" holds 11 days)."""
        low, high, value = other.story_low * ratio, other.story_high * ratio, (other.value or 0.0) * ratio
        if self.point and other.point:
            coarse, fine = (self.value or 0.0, value) if ratio < 1 else (value, self.value or 0.0)
            return abs(coarse - fine) <= STORY_ROUNDING_TOLERANCE * abs(fine)
        return self.story_low <= high and low <= self.story_high

    def figures_agree(self, other: _Claim) -> bool:
        """Whether both print another figure beside this one that can be the same ("$200 billion ... to 25%, up
        from 10%"): two statements that agree on two numbers rarely do so by chance."""
        return any(_same_figure(mine, theirs) for mine in self.near for theirs in other.near)

    def subjects_differ(self, other: _Claim) -> bool:
        """Both clauses name what the figure is said of, and no name is common ("Clinton has 1,243" / "Sanders
        has 1,056", "the Dow fell 2.4%" / "the S&P 500 slipped 2.4%")."""
        return bool(self.subjects and other.subjects and not _meet(self.subjects, other.subjects))

    def _nearest_printed(self, other: _Claim) -> tuple[float, float]:
        """The two printed numbers, one of each claim, that are closest (a range prints two)."""
        mine, theirs = self.figures or (self.value, self.value), other.figures or (other.value, other.value)
        return min(((a, b) for a in mine for b in theirs), key=lambda pair: abs(pair[0] - pair[1]))  # type: ignore

    def _reach(self) -> tuple[float, float]:
        """The printed figures, or for a figure hedged towards a bound the values it stands for ("nearly 12" for 9
        to 12): "8 hours" and "nearly 12 hours" are a quarter apart, not a half. An open "at least 145" stands
        for what it prints."""
        if self.figures or self.point or math.isinf(self.ceiling):
            return self.figures or (self.value, self.value)  # type: ignore[return-value]
        return self.story_low, self.story_high

    def near_in_value(self, other: _Claim, ratio: float = STORY_CONFLICT_RATIO) -> bool:
        """Whether the two figures are close enough to be two printings of one fact (a revised toll, another
        source, a rounding): outlets that disagree print 141 and 145 dead, not 29 and 200 or 16 and 30."""
        gap, low, high = min((abs(a - b), min(a, b), max(a, b)) for a in self._reach() for b in other._reach())
        return low > 0 and high / low <= ratio

    def same_measure(self, other: _Claim) -> bool:
        """Both numbers are said of one measure: the same measure word beside them ("killing at least {#}" / "the
        death toll had risen to {#}"), or the word after one number among the words after the other ("{#} of
        debate" / "{#} of highly charged partisan debate")."""
        if self.measure and self.measure == other.measure:
            return True
        return bool(self.head and self.head in other.after) or bool(other.head and other.head in self.after)

    def same_frame(self, other: _Claim) -> bool:
        """The same word right after both numbers (the counted noun, or "northeast" of "80 to 100 miles northeast
        of Rome") and two more words of the statement in common: one statement, even when the figures are far
        apart ("eight hours of debate" / "nearly 12 hours of debate"), or one more that is a name in both
        number's phrase ("northeast of Rome")."""
        if not (self.head and self.head == other.head):
            return False
        common = [word for word in self.features if word in other.features and word != self.head]
        return len(common) >= 2 or any(
            word in self.names and word in other.names and word in self.after[:3] and word in other.after[:3]
            for word in common
        )

    def approximates(self, other: _Claim) -> bool:
        """A round figure, a hundred or more, whose rounding cell holds the other: "the
        400-page report" is a way of saying 448 pages, "600 miles" of saying 580. An amount of money is copied from
        its source, so it rounds only a near amount ("$1 trillion" for $1.07 trillion, within a fifth of its
        cell), not another list ("$300 billion" / "$325 billion"). Other multiples of 50 round to their last digit too:
        "the 450-page report" for 448 pages."""
        value = self.value or 0.0
        digits = str(int(abs(value)))
        round_figure = _significant_digits(value) == 1 or (self.kind != "money" and value % 50 == 0)
        if self.figures or abs(value) < 100 or not round_figure or other.value is None:
            return False
        cell = 10 ** (len(digits) - len(digits.rstrip("0")))
        reach = cell * MONEY_ROUNDING if self.kind == "money" else cell / 2
        return abs(value - other.value) <= reach

    @property
    def past_year(self) -> bool:
        """The figure is said of a year before its article's: a past event named only by its year."""
        return bool(self.years) and self.day is not None and max(self.years) < date.fromordinal(self.day).year

    def updates(self, other: _Claim) -> bool:
        """A count or amount printed a day or more after the other and higher: a running count (delegates won, rain
        fallen, a toll) that rose, not two outlets disagreeing. (Shares of a vote move both ways as it is counted.)"""
        if self.kind not in ("count", "quantity") or self.day is None or other.day is None or self.day <= other.day:
            return False
        mine, theirs = self._nearest_printed(other)
        return mine > theirs

    def story_contradicts_values(self, other: _Claim) -> bool:
        """Values no reading of rounding or hedges reconciles."""
        if self._story_values_agree(other):
            return False
        mine = (self.value, self.value) if self.point else (self.story_low, self.story_high)
        theirs = (other.value, other.value) if other.point else (other.story_low, other.story_high)
        return mine[1] < theirs[0] or theirs[1] < mine[0]  # type: ignore[operator]

    def story_context(
        self, other: _Claim, rarity: WordRarity, name_weight: Callable[[str], float] | None = None
    ) -> float:
        """How alike the two statements are around their numbers: the weighted overlap of the context words,
        the topic similarity, the counted nouns, the names both sentences give (weighted by ``name_weight``: a
        name every sentence of the story has says nothing), and whether the words beside the numbers agree."""
        shared = [word for word in self.features if word in other.features]
        near = 0.0
        if shared:
            idf = rarity.idf
            near = sum(min(self.features[w], other.features[w]) * idf(w) for w in shared) / min(
                self._weight(rarity), other._weight(rarity)
            )
        score = STORY_NEAR_WEIGHT * min(near, 1.0) + self._similarity(other, rarity)
        if self.kind == "count" and self.unit and other.unit:
            if self.unit == other.unit:
                score += STORY_UNIT_BONUS
            elif self.family == other.family:
                score += STORY_FAMILY_BONUS
            else:
                score -= STORY_UNIT_BONUS
        if self.figures_agree(other):
            score += STORY_FIGURE_BONUS
        if self.subjects_differ(other):
            score -= STORY_SUBJECT_PENALTY
        if self._anchors_differ(other):
            score -= STORY_ANCHOR_PENALTY
        if name_weight is not None and self.names and other.names:
            score += min(STORY_NAMES_CAP, sum(name_weight(name) for name in self.names if name in other.names))
        return score
