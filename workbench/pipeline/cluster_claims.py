"""The same claim across articles, and the same statement with a different number flagged as a conflict.

A claim is identified by *what* its number counts, not by the number alone: "20-year cooperation agreement" and
"20-year prison sentence" share a value and nothing else. In real news a number and a few shared words are cheap
("five people were killed", "in 2008", "44 percent": on 18,777 news articles, six in ten merges made on such
words were wrong, and nearly every conflict), so a match rests on words that are rare among the claims clustered
together, and on the articles being close in time. Rules (constants below):

* **Block**: kind, unit (counted nouns folded through synonyms: nations = countries), change role and target flag
  must be equal. A "from" value and a "to" value of one change are different claims even in the same sentence.
* **Statement**: the claim's sentence with the claim masked (:func:`masked_statement`). Its *context* is up to 4
  content words on each side of the mask, lower-cased, crudely stemmed and folded through synonyms
  (agreement/plan/deal/pact, rise/increase/grow, sign/ink, poll/survey/estimate). The *head* is the first
  content word right after the number ("$3 billion in **trade**", "20-year **cooperation**"), or the unit for
  counts; it weighs double. The *topic* is the content words of the sentence around the mask (up to 30 a side).
* **Rarity**: a word's weight is its inverse document frequency among the topics of the claims clustered
  together: the representatives already indexed plus the whole batch being assigned, counted before any claim is
  placed, so a batch's result does not depend on its order (an incremental run counts what it has loaded). Below
  20,000 claims the counts are taken out of 20,000: a handful of articles cannot tell which words are common,
  and every word then counts as rare (the old, unweighted behaviour). The *evidence* of a match is the summed
  rarity of the shared topic words beyond the generic level: a word in more than 2% of the claims ("people",
  "state", "election", "Trump") adds nothing; one in a few hundred adds about 2.
* **Same statement**: the words on both sides of the number do not both differ (else another number of the same
  sentence was masked: "build {#} movement" vs "movement {#} Democrats" in reprinted boilerplate); heads do not
  contradict (equal, or one appears in the other's context); at least 2 context words are shared, with a
  rarity-weighted share >= 40% of the smaller context (an overlap coefficient, so a terse "the signing of the
  20-year cooperation" still matches a long sentence about the same agreement); and the evidence suffices:
  - both articles dated within 60 days: 2 (one rare word: outlets covering the same event share a name);
  - further apart, or undated: 6, more when the context overlap is under 60% (evidence x overlap / 0.6 >= 6). A
    fact restated a year later ("the 20-year cooperation agreement", "the 2010 Affordable Care Act") still
    matches; "five people were killed" in two shootings a year apart does not;
  - years and dates always need the far level: a bare "in 2008" is in a thousand unrelated sentences. So do
    figures from polls, surveys and estimates: two polls in one week give the same number by chance.
* **Values** are compatible when the more precise one rounds to the less precise one *and* lies within 2.5% of
  it ("$3 billion" ~ "$3.04 billion", but "8%" !~ "7.6%": a rounded figure stands for a nearby exact one, not for
  anything its last digit would round from), or, with hedges or ranges, when their intervals overlap ("more than
  $3 billion" ~ "$3.2 billion", read as 3–4 billion: a hedge stretches the value by one rounding unit, at least
  10%, in its direction). Precision comes from the value's digits: integers below 1,000 (and years, dates,
  durations) are exact, larger ones are rounded to their trailing zeros, decimals to their last decimal.
* Same statement + compatible values → one cluster.
* **Conflict**: a flag tells a fact-checker that outlets disagree, so it needs the same sentence, not just the
  same subject. Both articles are dated within 7 days (the same figure a month later is news, not a
  contradiction: unemployment fell, a storm moved, a toll was revised); the two words on each side of the number
  are the same (synonyms folded: "trade reached {#} last year" in both; "reached {#}" vs "worth {#}" may be two
  figures); equal heads; a context overlap >= 60% with 3+ shared words; topic evidence at the far level; and a
  rarity-weighted Dice similarity of the topics >= 0.4 (most of the sentence's distinctive words in common: a
  reprint, or the same quote). The values must be incompatible even when hedges are read as bounds ("more than
  100 injured" does not contradict "about 180 injured"). Never a conflict: a figure from a poll, survey or
  forecast (another poll, or the count, differs without anyone being wrong: "Obama at 50%" in a poll against his
  50.5% of the vote); a number with another number within 6 words of it (a range, split, list or comparison:
  "from {#} to #", "75% of Republicans, compared to {#} of Democrats", where a reprint may have masked either)
  unless the extractor gave it a change role; two claims of one article ("$10 billion and then $20 billion");
  years and dates (boilerplate such as "— Donald J. Trump (@realDonaldTrump) {#}" or photo captions stamps
  different events).
* **Headings**: a terse statement whose only content word is its head ("20-year cooperation" as a sub-heading)
  says too little to match anything on its own words, but within its own article it restates a figure the body
  gives: it joins a cluster that already holds a claim of its article with a compatible value and the same head
  (the head equal to, or among the context of, the cluster's representative).
* Items are compared with cluster representatives only (no chaining); richer statements become representatives
  first, ids break ties, so a batch's result does not depend on input order.

**Within a story** (articles of several outlets reporting one event, see ``pipeline/stories.py``) outlets
paraphrase ("jobless rate" / "unemployment", "raised duties" / "hiked levies"), so the same figure is strong evidence
on its own when it is specific, and a round or common one needs its context. Every pair of claims of a story from
two articles is scored when they can be one figure (same kind; a counted noun may differ, other units not; roles
ignored: "rose to 7.9 percent" states the new level; values as intervals: the whole rounding cell of a round figure
within 5% ("9 percent" ~ "9.4"), hedges as a reporter uses them: "more than a dozen" ~ 17, "nearly 12" from 9;
no two months named that differ; no two disjoint qualifiers in the mention: "23 British diplomats" is not
"23 Russian diplomats"). The score adds:

* the figure's **specificity**: 2 for three or more significant digits ("171,000", "$10.10") and dates, 1 for two
  digits, a round figure of 1,000 or more, or a year other than the story's own; 0.5 for a round 13–999; 0 for
  one to a dozen; a hedge takes 0.5 off, a range adds 1 (two numbers that agree);
* the **statement**: 1.5 x the rarity-weighted overlap of the context words, the topic similarity, +/-0.5 for an
  equal/different counted noun, +0.5 per name both sentences give that few of the story's sentences give (at most 1);
* **exclusivity**: +1 when each is the only figure of its article that can be the other's (an article that prints
  one amount twice still counts as one figure), else +0.5 when each is the other's closest statement;
* minus a **crowding** penalty when both articles are full of figures of the kind (0.5 x log10 of the product of
  their counts over 25: exit polls, vote shares).

Pairs scoring 1.75 or more are joined best first into groups that never hold two claims of one article (unless it
restates one amount or three-digit figure), never two stored clusters, and whose values can all be one figure. A
group joins the stored cluster it holds, else is placed against other stories by the stricter rules above as one
claim. Claims of one story the story rules keep apart stay apart under the stricter rules too.

**Conflicts within a story** pair two clusters whose claims state the same thing with figures no rounding or hedge
reconciles: dated articles at most a day apart (later figures are news: a count rose), figures within 25% of each
other (outlets that disagree print 141 and 145 dead, not 29 and 200), neither article printing the other's figure,
the same role, "N other" never against a total, the same subject in words (the counted noun and a word beside the
number, a rare name of the story and a word, or three words), a statement score of 0.75 or more after crowding,
and each the other's best such claim in its article; neither sentence alone looking back to an earlier event
("has occurred before", "four years ago") or stating what is needed ("the 60 votes it needs"). Not polls,
estimates, years or dates. The two claims are kept, so a reviewer sees both sentences.

Candidates come from inverted indexes keyed by (block, value bin, context word) for merges and by (block, head,
context word) for conflicts; common words are skipped, so no all-pairs comparison happens. Value bins cover each
claim's interval of compatible values: single integers for narrow intervals (years, counts), 12%-wide
logarithmic bins for wide ones ("$3 billion" = 2.5–3.5 billion), so two compatible claims always share a bin
and a year meets only its own year. Topic words are read only for a candidate that passes the cheaper tests and
would beat the best match so far.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from workbench.models import CALENDAR_KINDS, EXACT_KINDS, Claim
from workbench.pipeline.candidates import PostingIndex, paused_gc, stable_key
from workbench.pipeline.normalize import STOPWORDS, fold, words
from workbench.pipeline.numbers import NUMBER_WORDS

CLAIM_MASK = "{#}"
NUMBER_MASK = "#"
CONTEXT_WORDS = 4
TOPIC_WORDS = 30
HEAD_WINDOW = 3
HEAD_WEIGHT = 2
MIN_SHARED_WORDS = 2
MIN_OVERLAP = 0.4
CONFLICT_MIN_SHARED_WORDS = 3
CONFLICT_MIN_OVERLAP = 0.6
# Rarity: below this many claims, counts are taken out of this many (see the module docstring).
MIN_BACKGROUND = 20_000
GENERIC_SHARE = 0.02
# Evidence is summed rarity (natural-log IDF) beyond the generic level: 2 is one word in 0.27% of the claims;
# 6 is two words in 0.1% of the claims each (in a batch below the background size: two shared words).
CLOSE_EVIDENCE = 2.0
FAR_EVIDENCE = 6.0
FAR_FULL_OVERLAP = 0.6
CLOSE_DAYS = 60
CONFLICT_DAYS = 7
CONFLICT_SIMILARITY = 0.4
FRAME_TOKENS = 2
CONFLICT_NUMBER_WINDOW = 6
NEAR_CHARS = 200
NEAR_FIGURE_CHARS = 80
ROUNDING_TOLERANCE = 0.025
# A context word shared by more representatives than this, within one block, says nothing about identity.
STOP_POSTINGS = 50
# Within a story (see the module docstring): specificity of a figure, context weights, link and conflict levels.
STORY_SPECIFIC = 2.0
STORY_PRECISE = 1.0
STORY_HEDGE_PENALTY = 0.5
STORY_NEAR_WEIGHT = 1.5
STORY_UNIT_BONUS = 0.5
STORY_FAMILY_BONUS = 0.25
STORY_FIGURE_BONUS = 1.0
STORY_SUBJECT_PENALTY = 1.0
STORY_ANCHOR_PENALTY = 0.0
STORY_NAME_BONUS = 0.5
STORY_NAMES_CAP = 1.0
STORY_NAME_SHARE = 0.3
STORY_RANGE_BONUS = 1.0
STORY_VAGUE_RANGE = 10.0
STORY_UNIQUE_BONUS = 1.0
STORY_BEST_BONUS = 0.5
STORY_ROUNDING_TOLERANCE = 0.05
STORY_CROWD = 25
STORY_CROWD_PENALTY = 0.5
STORY_LINK_SCORE = 1.75
STORY_GROUP_SCORE = 1.35
STORY_EQUAL_BONUS = 0.1
STORY_GROUP_SUPPORT = 2
STORY_REPEAT_CONTEXT = -0.25
STORY_CONFLICT_SCORE = 0.75
STORY_CONFLICT_SHARED = 3
STORY_CONFLICT_RATIO = 1.25
STORY_CONFLICT_STRONG_RATIO = 1.5
STORY_CONFLICT_DAYS = 1
STORY_ABOVE = 0.5
STORY_BELOW = 0.25
STORY_ABOUT = 0.15
NARROW_WIDTH = 16
LOG_BINS_PER_DECADE = 20
MAX_BINS = 12

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"#|[^\W_]+")
# "38 other senators" counts all but one of "39 senators".
_OTHERS = frozenset("other others another additional further".split())
_MONTHS = frozenset("january february march april june july august september october november december".split())
# A capitalized word inside a sentence: a name ("Warren", "Germany", "Skripal").
_NAME = re.compile(r"(?<=[\w,;:)\"'’] )[A-Z][a-z]+")
# What a number is said of sits in its own clause: before it back to a break, or right after it up to a comma.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|\b(?:while|whereas|but|compared|versus|vs|said|says|told)\b|, and\b")
_AFTER_BREAK = re.compile(r"[,;:()\[\]—–#.!?]|\b(?:while|whereas|but|and|said|says|according)\b")
_CAPITALIZED = re.compile(r"[A-Z][\w&'’.-]*")
_DATED_MONTH = re.compile(r"(?:#,? )?\b(" + "|".join(sorted(_MONTHS)) + r")\b(?: #(?:, #)?)?")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Words capitalized in a clause that do not say what a figure is of: dates, titles.
_NOT_SUBJECTS = (
    _MONTHS
    | _WEEKDAYS
    | frozenset(
        "president sen senator rep gov governor mayor gen general secretary minister prime chairman judge mr mrs ms dr "
        "former vice earlier later currently meanwhile however still also already previously separately instead "
        "overall today yesterday last next many most several both each every among despite since".split()
    )
)
# One country under its usual names: "the U.S.", "the United States", "Washington".
_NAME_ALIASES = {
    "united": "us",
    "states": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "washington": "us",
    "kingdom": "uk",
    "britain": "uk",
    "british": "uk",
    "london": "uk",
    "moscow": "russia",
    "russian": "russia",
    "russians": "russia",
    "beijing": "china",
    "chinese": "china",
}
# The names right beside the number say what it is of ("Clinton has {#}", "{#} for Sanders", "the S&P 500 slipped
# {#}"); further away they name the story's actors, sources and places.
SUBJECT_BEFORE = 4
SUBJECT_AFTER = 3
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
    "growing growth climb climbed jump jumped surge surged raise raised raises raising hike hiked hikes hiking "
    "boost boosted boosts boosting soar soared",
    "decrease": "decrease decreased decreases decreasing fall falls fell fallen falling drop dropped drops "
    "decline declined declines shrink shrank reduce reduced reduces reducing lower lowered lowering slash slashed "
    "dip dipped dips slip slipped slips plunge plunged plunges plummet plummeted tumble tumbled sink sank",
    "sign": "sign signs signed signing ink inks inked inking",
    "cooperation": "cooperation collaboration",
    "people": "people person persons individuals",
    "kill": "kill kills killed killing dead death deaths died fatalities fatality",
    "injure": "injure injured injures injuring injury injuries wound wounded wounding",
    "expel": "expel expels expelled expelling expulsion expulsions",
    "testify": "testify testified testifies testifying testimony",
    "destroy": "destroy destroyed destroys destroying destruction",
    "unemployment": "unemployment unemployed jobless joblessness",
    "trade": "trade trading commerce",
    "low": "low lows lowest",  # "a 10-year low" / "their lowest level in a decade"
    "high": "high highs highest",
    "estimate": "poll polls polled polling pollster pollsters survey surveys surveyed forecast forecasts "
    "projection projections projected estimate estimates estimated sampling",
}
_SYNONYMS = {word: canonical for canonical, group in _SYNONYM_GROUPS.items() for word in group.split()}
# Counted nouns that name the same kind of thing in different words: outlets count one crew as "19 firefighters"
# and "19 members", one expulsion as "60 diplomats" and "60 intelligence officers". Stems, as canonical_word gives.
_NOUN_FAMILIES = {
    "person": "people person individual resident civilian citizen worker employee staff staffer member official "
    "officer diplomat agent spy soldier troop firefighter police policeman child children kid student pupil "
    "teacher victim adult man men woman women patient passenger migrant immigrant refugee prisoner inmate "
    "hostage survivor attacker gunman gunmen militant fighter russian american briton",
    "building": "building build home house structure residence apartment block dwelling",
}
_FAMILY = {word: family for family, group in _NOUN_FAMILIES.items() for word in group.split()}
# "ticked up", "inched down": a verb of motion with a direction is a change of the figure.
_MOTION = frozenset(
    "tick ticked ticking inch inched inching creep creeps crept creeping edge edged edging move "
    "moved moving go goes went going shoot shot head headed heading".split()
)
_DIRECTION = {"up": "increase", "down": "decrease"}
# A statement of what is usual ("crews often have about 20 members"), not of what happened.
_GENERIC = frozenset("often usually typically generally normally ordinarily average typical".split())
# A sentence that looks back to an earlier event ("has occurred before, most notably in the crash of a Cypriot plane
# that killed all 121"; "four years ago, when Obama carried Pennsylvania by 10 points") states another event's figure.
_PAST = frozenset("previously ago formerly".split())
_BEFORE_ALONE = re.compile(r"\bbefore(?=\s*[,.;:]|\s*$)")  # "has occurred before," (not "before the vote")
# What is needed is a threshold, not a count: "the 60 votes it needs", "the 1,237 delegates needed to win".
_NEEDED = frozenset("need needs needed require requires required".split())
NEEDED_REACH = 4  # words beside the number where "needed" makes it a threshold
# A figure from a poll, survey or forecast estimates what a count counts: the two never contradict each other.
ESTIMATE = "estimate"


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """What clustering needs to know about a stored claim. ``statement`` comes from :func:`masked_statement`;
    ``published`` is the article's ISO date, if known; ``story`` the id of its article's story, if grouped."""

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
    published: str | None = None
    story: int | None = None
    mention: str = ""
    near: tuple[float, ...] = ()

    @classmethod
    def from_claim(
        cls, claim: Claim, article_text: str, article: str, item_id: int | None = None, published: str | None = None
    ) -> ClaimItem:
        """Build the item from a stored claim and its article text (offsets are article offsets)."""
        sentence = article_text[claim.sentence_start : claim.sentence_end]
        start, end = claim.start - claim.sentence_start, claim.end - claim.sentence_start
        statement = masked_statement(sentence, start, end)
        mention = article_text[claim.start : claim.end]
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
            published=published,
            mention=mention,
            near=figures_near(sentence, start, end),
        )


def masked_statement(sentence: str, start: int, end: int) -> str:
    """The sentence with the claim (``sentence[start:end]``) replaced by ``{#}`` and other numbers by ``#``.

    What a sentence says about a number is the sentence without its numbers: that is what two outlets share when
    they report the same figure, and what still matches when they report different figures.
    """
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    return f"{_DIGITS.sub(NUMBER_MASK, sentence[:start])}{CLAIM_MASK}{_DIGITS.sub(NUMBER_MASK, sentence[end:])}"


def figures_near(sentence: str, start: int, end: int) -> tuple[float, ...]:
    """The other figures printed close to the claim (``sentence[start:end]``): two outlets that print "$200 billion"
    and "10%" beside "25%" report one statement; years and small counts are in too many sentences to tell.

    Written digits only; a figure of the claim's own mention is not among them.
    """
    found = []
    for match in _DIGITS.finditer(
        sentence, max(0, start - NEAR_FIGURE_CHARS), min(len(sentence), end + NEAR_FIGURE_CHARS)
    ):
        if match.start() < end and match.end() > start:
            continue
        text = match.group()
        if "," in text and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
            continue  # a list ("3,4"), not a number
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            continue
        if (value.is_integer() and value < 10) or ("," not in text and 1900 <= value <= 2100 and len(text) == 4):
            continue
        found.append(value)
    return tuple(sorted(set(found)))


@lru_cache(maxsize=1 << 16)
def _word_key(text: str) -> int:
    """:func:`stable_key`, memoized: context words and blocks repeat across claims."""
    return stable_key(text)


@lru_cache(maxsize=1 << 16)
def canonical_word(word: str) -> str:
    """A context word folded through synonyms and a crude English stemmer (memoized: news reuses its words)."""
    if word.endswith("'s"):
        word = word[:-2]
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
        elif word.endswith(("ing", "ed")) and len(word) > 5:
            stem = word[:-3] if word.endswith("ing") else word[:-2]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # "dropped", "slipping": the doubled consonant of the stem
    return _SYNONYMS.get(stem, stem)


def publication_day(published: str | None) -> int | None:
    """The day number of an ISO date (time of day ignored), or None when absent or unreadable.

    Dates before 1900 are placeholders ("0001-11-30" occurs in real feeds), not dates.
    """
    return _iso_day(published[:10]) if isinstance(published, str) and published else None


@lru_cache(maxsize=1 << 14)
def _iso_day(text: str) -> int | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day.toordinal() if day.year >= 1900 else None


class WordRarity:
    """How rare each topic word is among a set of claims: the weights of every match (see the module docstring).

    Build it with :meth:`of` for :func:`claim_relation`; :class:`ClaimClusterIndex` keeps its own counts.
    """

    __slots__ = ("_counts", "_log_total", "_cache")

    GENERIC_IDF = math.log(1 / GENERIC_SHARE)

    def __init__(self, counts: Mapping[str, int], claims: int):
        self._counts = counts
        self._log_total = math.log(max(claims, MIN_BACKGROUND) + 1)
        self._cache: dict[str, float] = {}

    @classmethod
    def of(cls, items: Iterable[ClaimItem]) -> WordRarity:
        counts: Counter[str] = Counter()
        claims = 0
        for item in items:
            counts.update(_Claim(item).topic)
            claims += 1
        return cls(counts, claims)

    def idf(self, word: str) -> float:
        """Inverse document frequency (natural log, add-one smoothed, never below a small floor)."""
        found = self._cache.get(word)
        if found is None:
            found = max(0.1, self._log_total - math.log(self._counts.get(word, 0) + 1))
            self._cache[word] = found
        return found

    def evidence(self, shared: Iterable[str]) -> float:
        """Summed rarity of shared words beyond the generic level: what a chance match would rarely share."""
        return sum(max(0.0, self.idf(word) - self.GENERIC_IDF) for word in shared)


def _canonical_unit(kind: str, unit: str | None) -> str:
    if not unit:
        return ""
    if kind == "count":
        unit_words = words(fold(unit))
        return canonical_word(unit_words[-1]) if unit_words else ""
    return fold(unit).strip()


def _content(tokens: list[str]) -> list[str]:
    found = []
    for i, token in enumerate(tokens):
        if token in _MOTION and i + 1 < len(tokens) and tokens[i + 1] in _DIRECTION:
            found.append(_DIRECTION[tokens[i + 1]])
        elif token not in _IGNORED and not token.isdigit():
            found.append(canonical_word(token))
    return found


def unit_family(unit: str) -> str:
    """The kind of thing a counted noun names ("person" for firefighters and members), or the noun itself."""
    return _FAMILY.get(unit, unit)


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
        "may_conflict",
        "floor",
        "ceiling",
        "frame",
        "_weighted",
        "story",
        "kind",
        "unit",
        "target",
        "specificity",
        "near_right",
        "story_low",
        "story_high",
        "modifiers",
        "names",
        "months",
        "role",
        "counts_others",
        "figures",
        "subjects",
        "family",
        "near",
        "generic",
        "past",
        "threshold",
    )

    def __init__(self, item: ClaimItem):
        self.id = item.id
        self.article = str(item.article)
        unit = _canonical_unit(item.kind, item.unit)
        self.block = f"{item.kind}|{unit}|{item.role or ''}|{int(bool(item.target))}"
        self.story = item.story
        self.role = item.role
        self.kind = item.kind
        self.unit = unit
        self.target = bool(item.target)
        self.temporal = item.kind in CALENDAR_KINDS
        self.day = publication_day(item.published)
        self._read_value(item)
        self._read_statement(item, unit)
        self.may_conflict = self.value is not None and not self.crowded and not self.temporal
        # Only claims of a story are compared on these (most claims are their article's story's only ones).
        self.specificity = _specificity(item, self.day) if item.story is not None else 0.0

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
        if hedge in ("more_than", "at_least"):
            return value, value + max(step, abs(value) * STORY_ABOVE)
        if hedge in ("less_than", "at_most", "up_to", "nearly"):
            return value - max(step, abs(value) * STORY_BELOW), value
        if not float(value).is_integer():
            return value - step, value + step  # "approximately 5.2 percent": a decimal says how close (not 5.4)
        return value - max(step, abs(value) * STORY_ABOUT), value + max(step, abs(value) * STORY_ABOUT)

    def _read_statement(self, item: ClaimItem, unit: str) -> None:
        folded = fold(item.statement)
        left, mask, right = folded.partition(CLAIM_MASK)
        if not mask:
            left, right = folded, ""
        left_content = _content(words(left))
        right_content = _content(words(right))
        left_words = left_content[-CONTEXT_WORDS:]
        right_words = right_content[:CONTEXT_WORDS]
        head = unit if item.kind == "count" and unit else ""
        if not head:
            phrase = _PHRASE_END.split(right, 1)[0]
            head = next(iter(_content(words(phrase)[:HEAD_WINDOW])), "")
        features = dict.fromkeys(left_words + right_words, 1)
        if head:
            features[head] = HEAD_WEIGHT
        self.features = features
        self._weighted: tuple[WordRarity | None, float] = (None, 0.0)
        self.head = head
        self.near_left = left_words[-1] if left_words else ""
        self.near_right = right_words[0] if right_words else ""
        # Small sorted tuples, not sets: a story of a 100,000 claims holds them all, and they have a few words each.
        self.names: tuple[str, ...] = ()
        self.months: tuple[str, ...] = ()
        self.modifiers: tuple[str, ...] = ()
        self.subjects: tuple[str, ...] = ()
        self.near: tuple[float, ...] = ()
        self.family = unit_family(unit) if item.kind == "count" else unit
        self.counts_others = self.past = self.threshold = False
        if item.story is not None:  # only a story's claims are compared on these
            self.names = _few(
                canonical_word(fold(name)) for name in _NAME.findall(item.statement) if fold(name) not in _IGNORED
            )
            # The month the figure refers to: one named in its own stretch of the sentence, with no other number
            # between ("rose to 7.9% from 7.8% in September": September is 7.8's, not 7.9's).
            # A month's own day or year ("January 2009", "4 March") does not part it from the figure.
            own = (
                _DATED_MONTH.sub(r"\1", left).rsplit(NUMBER_MASK, 1)[-1]
                + " "
                + _DATED_MONTH.sub(r"\1", right).split(NUMBER_MASK, 1)[0]
            )
            own_words = words(own)
            self.months = _few(word for word in own_words if word in _MONTHS)
            self.subjects = subject_names(item.statement)
            self.near = item.near
            # Words of the mention besides its number and counted noun: "23 British diplomats" are not "23 Russian
            # diplomats".
            mention_words = words(fold(item.mention))
            self.modifiers = _few(
                canonical_word(word)
                for word in mention_words
                if word.isalpha() and word not in _IGNORED and word not in NUMBER_WORDS and canonical_word(word) != unit
            )  # "a dozen" is a number, not a modifier
            self.counts_others = not _OTHERS.isdisjoint(mention_words)
            left_all, right_all = words(left), words(right)
            self.past = not _PAST.isdisjoint(left_all + right_all) or bool(_BEFORE_ALONE.search(folded))
            # in the number's own stretch: "Trump needs 1,237 delegates", "the 60 votes it needs" (not "failed on a
            # 54-46 vote; it needed 60": the need is the 60's)
            self.threshold = not _NEEDED.isdisjoint(
                words(left.rsplit(NUMBER_MASK, 1)[-1])[-NEEDED_REACH:]
                + words(right.split(NUMBER_MASK, 1)[0])[:NEEDED_REACH]
            )
        self.topic = tuple(dict.fromkeys(left_content[-TOPIC_WORDS:] + right_content[:TOPIC_WORDS]))
        self.generic = not _GENERIC.isdisjoint(left_words + right_words)
        if item.story is not None and self.generic:
            # Inside a story "often" or "average" makes the figure a statement of the usual only in its own stretch
            # of the sentence ("their average family income by about 3 percent and moving about 900,000 people":
            # "average" is said of the 3 percent).
            self.generic = not _GENERIC.isdisjoint(own_words)
        self.estimate = ESTIMATE in self.topic
        # The few tokens beside the mask, stop words and other numbers included (a long sentence is not scanned
        # again for them).
        left_tokens = _TOKEN.findall(left[-NEAR_CHARS:])
        right_tokens = _TOKEN.findall(right[:NEAR_CHARS])
        frame = (*left_tokens[-FRAME_TOKENS:], CLAIM_MASK, *right_tokens[:FRAME_TOKENS])
        self.frame = tuple(map(canonical_word, frame))
        # A change's "from" and "to" values sit in different blocks already; "in 2021 to {#}" is not a list.
        near = left_tokens[-CONFLICT_NUMBER_WINDOW:] + right_tokens[:CONFLICT_NUMBER_WINDOW]
        self.crowded = not item.role and NUMBER_MASK in near

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
        weak = self.temporal or self.estimate or other.estimate
        if not weak and self.close_to(other, CLOSE_DAYS):
            return self._evidence(other, rarity) >= CLOSE_EVIDENCE
        # Apart in time, a loosely shared phrase needs more rare words than a closely shared one.
        return self._evidence(other, rarity) * min(1.0, score / FAR_FULL_OVERLAP) >= FAR_EVIDENCE

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
        idf = rarity.idf
        shared = sum(idf(word) for word in set(self.topic).intersection(other.topic))
        total = sum(idf(word) for word in self.topic) + sum(idf(word) for word in other.topic)
        return 2 * shared / total if total else 0.0

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
        shared = [word for word in self.features if word in other.features]
        if len(shared) < min_shared:
            return 0.0
        mine, theirs, idf = self.features, other.features, rarity.idf
        overlap = sum(min(mine[word], theirs[word]) * idf(word) for word in shared) / min(
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

    def merge_keys(self, bins: Iterable[str]) -> list[int]:
        """Keys (block, value bin, context word); a tuple of stable hashes hashes the same in every run."""
        word_keys = [_word_key(word) for word in self.features]
        return [
            hash((key, word_key))
            for key in map(_word_key, (f"{self.block}|{value_bin}" for value_bin in bins))
            for word_key in word_keys
        ]

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
        key = _word_key(f"{self.block}|{self.head}")
        return [hash((key, _word_key(word))) for word in self.features]

    # -- within a story ----------------------------------------------------------------------------------------

    def story_compatible(self, other: _Claim) -> bool:
        """Same kind of figure, a unit that can be the same, and values that can be the same figure as printed by
        two outlets of one story (roles ignored: "rose to 7.9 percent" is a statement of the new level); sentences
        that name months name the same one ("7.8 percent in September" is not "7.8 percent in January 2009")."""
        return (
            self.kind == other.kind
            and (self.unit == other.unit or self.kind == "count")
            and self.value is not None
            and other.value is not None
            and self.modifiers_agree(other)
            and not (self.months and other.months and not _meet(self.months, other.months))
            and self.vague == other.vague  # "dozens of officers" is not a printing of "60 officers"
            and self.generic == other.generic  # "crews often have about 20 members" is not this crew's 20
            and self._range_ends_agree(other)
            and self._story_values_agree(other)
        )

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
    def repeatable(self) -> bool:
        """Whether an article that prints this figure twice means one thing by it: an amount of money or a figure
        with three significant digits ("$10.10", "$200 billion", "171,000"), not a rate or a small count ("7.8
        percent" for two months, "seven days" for two expulsions)."""
        return self.specificity >= (STORY_PRECISE if self.kind == "money" else STORY_SPECIFIC)

    def modifiers_agree(self, other: _Claim) -> bool:
        """The words qualifying the counted things ("British", "Russian", "diplomatic") do not tell them apart."""
        return not (self.modifiers and other.modifiers and not _meet(self.modifiers, other.modifiers))

    def _story_values_agree(self, other: _Claim) -> bool:
        if self.point and other.point:
            coarse, fine = (self, other) if self.unit_step >= other.unit_step else (other, self)
            return coarse.value == fine.value or (
                coarse.low <= fine.value < coarse.high  # type: ignore[operator]
                and abs(coarse.value - fine.value) <= STORY_ROUNDING_TOLERANCE * abs(fine.value)  # type: ignore
            )
        return self.story_low <= other.story_high and other.story_low <= self.story_high

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

    def near_in_value(self, other: _Claim, ratio: float = STORY_CONFLICT_RATIO) -> bool:
        """Whether the two figures are close enough to be two printings of one fact (a revised toll, another
        source, a rounding): outlets that disagree print 141 and 145 dead, not 29 and 200 or 16 and 30."""
        low, high = sorted(self._nearest_printed(other))
        return low > 0 and high / low <= ratio

    def same_frame(self, other: _Claim) -> bool:
        """The same word right after both numbers (the counted noun, or "northeast" of "80 to 100 miles northeast
        of Rome") and two more words of the statement in common: one statement, even when the figures are far
        apart ("eight hours of debate" / "nearly 12 hours of debate")."""
        if not (self.head and self.head == other.head):
            return False
        return sum(1 for word in self.features if word in other.features and word != self.head) >= 2

    def approximates(self, other: _Claim) -> bool:
        """A round figure of one significant digit, a hundred or more, whose rounding cell holds the other: "the
        400-page report" is a way of saying 448 pages, "600 miles" of saying 580."""
        value = self.value or 0.0
        if self.figures or abs(value) < 100 or _significant_digits(value) != 1 or other.value is None:
            return False
        digits = str(int(abs(value)))
        return abs(value - other.value) <= 10 ** (len(digits) - len(digits.rstrip("0"))) / 2

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


def subject_names(statement: str) -> tuple[str, ...]:
    """The names in the number's own clause of a masked statement: what the figure is said of ("Sanders has
    {#}", "the Dow Jones industrial average fell # points, or {#}", "{#} for Klobuchar"). Months and weekdays are
    dates, not subjects."""
    left, mask, right = statement.partition(CLAIM_MASK)
    if not mask:
        return ()
    before = [token for token in _CLAUSE_BREAK.split(left)[-1].split() if token != NUMBER_MASK][-SUBJECT_BEFORE:]
    after = _AFTER_BREAK.split(right, 1)[0].split()[:SUBJECT_AFTER]
    found = []
    for token in before + after if not any(map(_CAPITALIZED.match, before)) else before:
        if not _CAPITALIZED.match(token):
            continue
        word = fold(token).strip(".,'’-")
        if word.endswith("'s"):
            word = word[:-2]
        word = word.replace(".", "")
        if word.endswith("ly") and statement.startswith(token):
            continue  # "Currently, ...", "Initially, ...": an adverb opening the sentence
        word = canonical_word(_NAME_ALIASES.get(word, word))
        if len(word) > 1 and word not in _IGNORED and word not in _NOT_SUBJECTS:
            found.append(word)
    return _few(found)


def _few(found: Iterable[str]) -> tuple[str, ...]:
    """Distinct words, sorted, as a tuple (the shared empty tuple when there are none)."""
    return tuple(sorted(set(found)))


def _meet(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    return any(word in second for word in first)


def _same_figure(first: float, second: float) -> bool:
    """Two printed figures that can be one: equal, or one a rounding of the other within 5% ("170,000" / "171,000")."""
    if first == second:
        return True
    coarse, fine = sorted((first, second), key=lambda v: -_precision(v, "count"))
    step = _precision(coarse, "count")
    return abs(coarse - fine) <= step / 2 and abs(coarse - fine) <= STORY_ROUNDING_TOLERANCE * abs(fine)


def _significant_digits(value: float) -> int:
    """Digits a writer chose: 171,000 has 3, 7.9 has 2, 2,000 has 1."""
    mantissa = f"{abs(value):.12g}".split("e")[0]
    digits = mantissa.replace(".", "").lstrip("0")
    if "." not in mantissa:
        digits = digits.rstrip("0")
    return max(1, len(digits))


def _specificity(item: ClaimItem, day: int | None) -> float:
    """How unlikely two claims of one story are to share this figure by chance (see the module docstring)."""
    value = item.value
    if value is None or not math.isfinite(value):
        return 0.0
    if item.kind == "date":
        return STORY_SPECIFIC
    if item.kind == "year_range":
        return (STORY_SPECIFIC + STORY_PRECISE) / 2
    if item.kind == "year":
        same_year = day is not None and 1 <= value <= 9999 and int(value) == date.fromordinal(day).year
        return 0.0 if same_year else STORY_PRECISE
    ends = [v for v in (value, item.value_high) if v is not None and math.isfinite(v)]
    if len(ends) == 2 and min(ends) > 0 and max(ends) >= STORY_VAGUE_RANGE * min(ends):
        return 0.0  # "dozens" (12 to 120), "hundreds": a word for many, not a figure (see _Claim.vague)
    digits = max(_significant_digits(v) for v in ends)
    if digits >= 3:
        found = STORY_SPECIFIC
    elif digits == 2:
        found = STORY_PRECISE / 2 if float(value).is_integer() and abs(value) < 20 else STORY_PRECISE
    elif abs(value) >= 1000:
        found = STORY_PRECISE  # "$60 billion", "2,000 acres": round, but not a number of everyday things
    elif abs(value) > 12:
        found = STORY_PRECISE / 2
    else:
        found = 0.0
    if len(ends) == 2 and ends[0] != ends[1]:
        found += STORY_RANGE_BONUS  # two numbers that agree ("seven to nine years") rarely do so by chance
    elif item.hedge and float(value).is_integer():
        found -= STORY_HEDGE_PENALTY  # "more than 100", "about 20": round figures said of many ("about 5.2" is not)
    return max(found, 0.0)


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
        self._merge_index = PostingIndex()
        self._conflict_index = PostingIndex()
        self._assigned: dict[int, int] = {}
        self._topic_counts: Counter[str] = Counter()
        # cluster id -> the articles of its members other than the representative (for headings)
        self._member_articles: dict[int, set[str]] = {}
        # story id -> its clustered claims and their clusters (see add_story_member)
        self._story_members: dict[int, list[tuple[_Claim, int]]] = {}
        self.conflict_details: list[Conflict] = []

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
            claims = sorted((_Claim(item) for item in fresh.values()), key=_Claim.order_key)
            counts = Counter(self._topic_counts)
            for claim in claims:
                counts.update(claim.topic)
            rarity = WordRarity(counts, len(self._reps) + len(claims))
            joins, groups = self._link_stories(claims, rarity)
            grouped = {claim.id for group in groups for claim in group}
            units = [[claim] for claim in claims if claim.id not in joins and claim.id not in grouped] + groups
            units.sort(key=lambda unit: min(member.order_key() for member in unit))
            for unit in units:
                claim = min(unit, key=_Claim.order_key)
                cluster_id, against = self._place(claim, rarity)
                if cluster_id is None:
                    cluster_id = claim.id
                    self._add_rep(claim)
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

    def _add_rep(self, claim: _Claim) -> None:
        self._reps[claim.id] = claim
        self._topic_counts.update(claim.topic)
        if claim.features:
            self._merge_index.add(set(claim.merge_keys(claim.index_bins())), claim.id)
            if claim.may_conflict:
                self._conflict_index.add(set(claim.conflict_keys()), claim.id)

    def _place(self, claim: _Claim, rarity: WordRarity) -> tuple[int | None, list[int]]:
        """The best compatible cluster (or None) and the clusters whose values contradict this claim."""
        if not claim.features:
            return None, []
        # Prefix filtering: a conflict shares >= CONFLICT_MIN_SHARED_WORDS words, so all but the commonest ones
        # suffice.
        take = max(1, len(claim.features) - CONFLICT_MIN_SHARED_WORDS + 1)
        best: tuple[float, int] | None = None
        compatible: list[int] = []  # kept for a heading only (see _heading_match)
        terse = claim.terse
        for rep_id in self._merge_index.hits(claim.merge_keys(claim.query_bins()), stop=STOP_POSTINGS).counts:
            rep = self._reps[rep_id]
            if (
                claim.story is not None
                and rep.story == claim.story
                and (not rep.story_compatible(claim) or rep.subjects_differ(claim))
            ):
                continue  # what tells two figures of one story apart holds for the stricter rules too
            if rep.block == claim.block and rep.compatible(claim):
                if terse:
                    compatible.append(rep_id)
                # The topic words are read only for a candidate that would beat the best so far.
                score = claim.context_overlap(rep, rarity)
                if score and (best is None or (-score, rep_id) < best) and claim.well_evidenced(rep, rarity, score):
                    best = (-score, rep_id)
        if best is None and terse:
            heading_of = self._heading_match(claim, compatible)
            best = None if heading_of is None else (-1.0, heading_of)
        against = []
        if claim.may_conflict and claim.day is not None:
            for rep_id in self._conflict_index.hits(claim.conflict_keys(), take=take, stop=STOP_POSTINGS).counts:
                rep = self._reps[rep_id]
                if rep.block == claim.block and rep.article != claim.article and claim.contradicts(rep, rarity):
                    against.append(rep_id)
        return (None if best is None else best[1]), sorted(against)


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
            if not all(x.story_compatible(y) for x in members[a] for y in members[b]):
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
                x.story_compatible(y) for x in members[a] for y in big
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
                if not all(claim.story_compatible(m) for m in group):
                    continue
                score = max(self._score(claim, m) for m in group if m.article != claim.article)
                if score >= STORY_LINK_SCORE and (best is None or (-score, other_root) < best):
                    best = (-score, other_root)
            if best is not None:
                target = best[1]
                members[target].append(members.pop(root)[0])
                parent[root] = target

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
            if claim.value is not None:
                by_kind.setdefault(claim.kind, []).append(claim)
        scored: list[tuple[float, int, int, _Claim, _Claim]] = []
        for same_kind in by_kind.values():
            compatible: dict[int, list[_Claim]] = {}
            for i, first in enumerate(same_kind):
                for second in same_kind[i + 1 :]:
                    if first.article != second.article and first.story_compatible(second):
                        compatible.setdefault(first.id, []).append(second)
                        compatible.setdefault(second.id, []).append(first)
            per_article = Counter(claim.article for claim in same_kind)
            context = {}
            for first in same_kind:
                for second in compatible.get(first.id, ()):
                    if first.id < second.id:
                        context[first.id, second.id] = first.story_context(second, self.rarity, self.name_weight)
            for (first_id, second_id), similarity in context.items():
                first, second = claims_by_id[first_id], claims_by_id[second_id]
                if first.id in cluster_of and second.id in cluster_of:
                    continue
                if self._alone(first, second, compatible) and self._alone(second, first, compatible):
                    bonus = STORY_UNIQUE_BONUS
                elif self._best(first, second, compatible, context) and self._best(second, first, compatible, context):
                    bonus = STORY_BEST_BONUS
                else:
                    bonus = 0.0
                penalty = _crowding(per_article[first.article], per_article[second.article])
                if first.value == second.value and first.figures == second.figures:
                    bonus += STORY_EQUAL_BONUS  # the same figure as printed beats one within rounding of it
                score = min(first.specificity, second.specificity) + similarity + bonus - penalty
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


def _restates(first: _Claim, second: _Claim, rarity: WordRarity, hedged: bool = False) -> bool:
    """Two claims of one article that state one figure: the same value (and hedge, unless ``hedged``: "at least
    145 dead" and "the toll climbed to 145"), and either specific enough that an article does not use it for two
    things (see ``_Claim.repeatable``), or printed beside the same other figure ("to 25%, up from 10%" twice)."""
    if (
        first.value != second.value
        or first.family != second.family
        or (not hedged and (first.low, first.high) != (second.low, second.high))
    ):
        return False
    if first.unit != second.unit:
        return _counts_one_group(first, second)
    if first.repeatable and second.repeatable:
        return first.story_context(second, rarity) >= STORY_REPEAT_CONTEXT
    if first.subjects_differ(second):
        return False
    return first.figures_agree(second) or _counts_one_group(first, second)


def _counts_one_group(first: _Claim, second: _Claim) -> bool:
    """One article counting one group twice in other words: "60 Russians are being expelled" and "the expulsion of
    60 Russian intelligence officers" (the same number of the same kind of thing, not a small one)."""
    return (
        first.kind == "count"
        and bool(first.unit)
        and bool(second.unit)
        and first.family == second.family
        and first.specificity >= STORY_PRECISE / 2
        and first.modifiers_agree(second)
        and not (first.months and second.months and not _meet(first.months, second.months))
    )


def _crowding(first: int, second: int) -> float:
    """Two articles full of figures of one kind (poll tables, vote shares) pair some up by chance: the more
    figures each has, the more evidence a pair needs."""
    crowd = first * second / STORY_CROWD
    return STORY_CROWD_PENALTY * math.log10(crowd) if crowd > 1 else 0.0


def _story_name_weights(claims: list[_Claim]) -> Callable[[str], float]:
    """How much a name two sentences share says, inside one story: nothing for a name most of its sentences give
    ("Trump" in a story about Trump)."""
    names = Counter(name for claim in claims for name in claim.names)
    limit = STORY_NAME_SHARE * len(claims)
    return lambda name: STORY_NAME_BONUS if names[name] <= limit else 0.0


def _same_subject(first: _Claim, second: _Claim, name_weight: Callable[[str], float]) -> bool:
    """Whether two statements of one story are about the same thing, as far as words tell: the counted noun or
    measure and a word beside the number in common ("141 people dead" / "145 people ... dead"), a rare name of the
    story and a word ("Biden ... fifth with 8.5 percent"), or several words ("Dow Jones industrial average fell").
    The counted noun alone ("jobs", "people") makes no two statements one."""
    common = [word for word in first.features if word in second.features and word != first.head]
    shared = len(common)
    if shared >= STORY_CONFLICT_SHARED:
        return True
    if not shared:
        return False
    governing = {first.near_left, second.near_left} - {""}
    if shared >= 2 and not governing.isdisjoint(common):
        return True  # the word that governs one number among two in common: "killing {#}" / "death toll ... {#}"
    measured = first.kind in ("count", "quantity", "duration") and bool(first.unit) and first.unit == second.unit
    return measured or any(name_weight(name) for name in first.names if name in second.names)


def conflict_veto(first: _Claim, second: _Claim) -> str | None:
    """The name of the first rule that says two claims of one story from two articles are not one statement
    printed with two figures, or None when none does (see the module docstring). Cheap rules come first."""
    if first.unit != second.unit and not (first.kind == "count" and (not first.unit or not second.unit)):
        return "other-unit"
    if not first.modifiers_agree(second):
        return "other-qualifier"  # "23 British diplomats" and "23 Russian diplomats"
    if not first.story_contradicts_values(second):
        return "values-agree"
    if not first.close_to(second, STORY_CONFLICT_DAYS):
        return "days-apart"
    if first.counts_others != second.counts_others:
        return "others-vs-total"  # "38 other senators" and "39 senators" agree
    if first.role and second.role and first.role != second.role:
        return "other-role"  # where a change started and where it ended are two facts
    if not first.near_in_value(
        second, STORY_CONFLICT_STRONG_RATIO if first.same_frame(second) else STORY_CONFLICT_RATIO
    ):
        return "far-apart"
    if first.approximates(second) or second.approximates(first):
        return "rounding"  # "the 400-page report" for a 448-page one
    if first.updates(second) or second.updates(first):
        return "update"  # a count printed a day later and higher: it rose
    if first.subjects_differ(second):
        return "other-subject"  # "Clinton has 1,243" / "Sanders has 1,056"; "Indiana has 57" / "Pennsylvania 71"
    if first.past != second.past:
        return "looks-back"  # one sentence recalls an earlier event ("has occurred before ... killed all 121")
    if first.threshold != second.threshold:
        return "threshold"  # "the 60 votes it needs" is no count of votes cast
    return None


def _story_conflicts(story: int, members: list[tuple[_Claim, int]], rarity: WordRarity) -> list[Conflict]:
    """Cluster pairs of one story whose claims state the same thing with figures no rounding reconciles (see the
    module docstring): no rule of :func:`conflict_veto` parts them, neither article prints the other's figure for
    the same subject, each claim is the other's closest statement in the other article, and the statements agree.
    Every cluster that holds the article's restatement of either figure is in conflict too."""
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

    for claims in by_kind.values():
        for i, first in enumerate(claims):
            for second in claims[i + 1 :]:
                if second.article == first.article or cluster_of[first.id] == cluster_of[second.id]:
                    continue
                if conflict_veto(first, second) or not _same_subject(first, second, name_weight):
                    continue
                score = first.story_context(second, rarity, name_weight) - _crowding(
                    len(figures[f"{first.kind}|{first.article}"]), len(figures[f"{second.kind}|{second.article}"])
                )
                if first.near_left and first.near_left == second.near_left:
                    score += STORY_UNIT_BONUS
                if score < STORY_CONFLICT_SCORE:
                    continue
                if printed_in(first, second.article) or printed_in(second, first.article):
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
    for _, first, second in pairs:
        if best_in(first, second.article) == second.id and best_in(second, first.article) == first.id:
            for mine in clusters_stating(first):
                for theirs in clusters_stating(second):
                    if mine != theirs:
                        a, b = sorted(((mine, first.id), (theirs, second.id)))
                        found.setdefault((a[0], b[0]), Conflict(a[0], b[0], a[1], b[1], story))
    return list(found.values())


def cluster_claims(items: Iterable[ClaimItem]) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """Cluster a batch from scratch: (item id → cluster id, conflicting cluster pairs)."""
    return ClaimClusterIndex().assign(items)
