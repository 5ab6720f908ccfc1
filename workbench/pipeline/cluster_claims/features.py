"""What is read off a claim's statement: the constants of the rules (see the package docstring), masks, words,
rarity, units, precision and the names a figure is said of.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from workbench.models import EXACT_KINDS, Claim
from workbench.pipeline.normalize import STOPWORDS, fold, words

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
# More than a year apart, a figure that is not a year or date needs twice the far evidence: "five people were
# killed" in two shootings, "0.7%" on two trading days, "a two-week recess" of two Easters share a few rare words.
YEARS_APART_DAYS = 365
YEARS_APART_EVIDENCE = 12.0
# Across stories, within CLOSE_DAYS, a figure that could be anything ("two weeks", "eight years", "nearly 10
# points": specificity 0, see _specificity) needs this much more evidence than a specific one ("171,000 jobs",
# specificity STORY_SPECIFIC), in proportion: outlets in one month print the same small figure of other events.
NONSPECIFIC_EVIDENCE = 1.0
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
STORY_SUBJECT_BONUS = 0.5
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
STORY_QUALIFIER_BONUS = 0.5
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
_YEAR = re.compile(r"(?<![\d.,$])(?:19|20)\d\d(?![\d%]|[.,]\d)")
_TOKEN = re.compile(r"#|[^\W_]+")
# "38 other senators" counts all but one of "39 senators".
_OTHERS = frozenset("other others another additional further".split())
_MONTHS = frozenset("january february march april june july august september october november december".split())
# A capitalized word inside a sentence: a name ("Warren", "Germany", "Skripal").
_NAME = re.compile(r"(?<=[\w,;:)\"'’] )[A-Z][a-z]+")
# What a number is said of sits in its own clause: before it back to a break, or right after it up to a comma.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|\b(?:while|whereas|but|compared|versus|vs|said|says|told)\b|, and\b")
_WITH_CLAUSE = re.compile(r", with\b")
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
    "kill": "kill kills killed killing dead death deaths died fatalities fatality murder murdered murdering",
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
_NEEDED = frozenset("need needs needed require requires required supermajority threshold".split())
NEEDED_REACH = 4  # words beside the number where "needed" makes it a threshold
# A part of a group is not its total: "including {#} children", "among them {#}", "{#} of whom were staff".
_PART_BEFORE = frozenset("including include includes among".split())
PART_REACH = 2  # words before the number where "including" makes it a part
_PART_AFTER = re.compile(
    r"^\s*(?:(?:of|among)\s+(?:whom|which|them|those|these)\b|(?:[a-z]+\s+)?(?:out\s+)?of\s+(?:the\s+)?(?:total\s+)?#)"
)
# "54 of the total {#} delegates", "out of {#}": the whole that another number is a part of.
_WHOLE_BEFORE = re.compile(r"#\s+(?:[a-z]+\s+)?(?:out\s+)?of\s+(?:the\s+|a\s+)?(?:total\s+)?$")
# What happened to the things counted, or the measure a figure is of: two sentences of one story that name
# different ones ("killing 50 ... wounding at least {#}") state two figures, and the same one is evidence of one
# statement ("killing at least {#}" / "the death toll had risen to {#}"). Canonical words (see canonical_word).
MEASURES = frozenset(
    "kill injure arrest destroy expel evacuate rescue missing unemployment convict acquit deport charge releas release"
    " freed".split()
)
MEASURE_REACH = 3  # content words on each side of the number where a measure word names what it counts
# Two figures that each sit among this many other figures (tables, lists, exit polls) pair up by chance.
LIST_FIGURES = 4
# Where what a number is said of ends on its left: "In addition to the # dead, {#} people were wounded".
_CLAUSE_MARK = re.compile(r"[,;:()\[\]—–]")
# A figure anchored to another time than the report's: "Before Saturday, Trump had {#}", "the administration
# originally hoped for {#}", "Earlier this week, Chicago reported ... {#} deaths" (its own clause, or the sentence's
# opening words).
_ANCHORS = frozenset("ahead earlier originally initially".split())
_ANCHOR_START = re.compile(r"^\W*(?:before|ahead of|earlier|as of|initially|originally)\b")
# One to a dozen of a thing: a story counts many groups that small ("four governors", "three witnesses").
SMALL_COUNT = 13
# The share of its rounding cell within which a round amount of money stands for a precise one.
MONEY_ROUNDING = 0.2
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
    years: tuple[int, ...] = ()
    prepared: str | None = None  # the statement's reading stored at extraction (see statement.prepared_statement)

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
            years=years_near(sentence, start, end),
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


def years_near(sentence: str, start: int, end: int) -> tuple[int, ...]:
    """The years printed close to the claim (``sentence[start:end]``), which the masked statement hides: the year a
    figure is said of ("the 2008 bombing killed {#}", "{#} in 2014") tells a past event from this one.

    The claim's own mention is not among them (a year claim is not its own reference year).
    """
    found = {
        int(match.group())
        for match in _YEAR.finditer(
            sentence, max(0, start - NEAR_FIGURE_CHARS), min(len(sentence), end + NEAR_FIGURE_CHARS)
        )
        if not (match.start() < end and match.end() > start)
    }
    return tuple(sorted(found))


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


def _canonical_unit(kind: str, unit: str | None) -> str:
    if not unit:
        return ""
    if kind == "count":
        unit_words = words(fold(unit))
        return canonical_word(unit_words[-1]) if unit_words else ""
    return fold(unit).strip()


def _content(tokens: list[str]) -> list[str]:
    """The context words of the tokens of :func:`words`."""
    if _MOTION.isdisjoint(tokens):  # nearly every sentence: each token stands alone
        known = list(map(_CONTENT_WORDS.get, tokens))
        if None in known:
            known = [_content_word(token) if word is None else word for token, word in zip(tokens, known, strict=True)]
        return list(filter(None, known))
    found = []
    for i, token in enumerate(tokens):
        if token in _MOTION and i + 1 < len(tokens) and tokens[i + 1] in _DIRECTION:
            found.append(_DIRECTION[tokens[i + 1]])
        elif token not in _IGNORED and not token.isdigit():
            found.append(canonical_word(token))
    return found


# Token -> the context word it stands for, "" for a stop word or a bare number (no token's word is empty): preparing
# a claim reads every token of its sentence, and a dict read per token costs a tenth of the rules. Emptied when full.
_CONTENT_WORDS: dict[str, str] = {}
_CONTENT_WORDS_MAX = 1 << 17


def _content_word(token: str) -> str:
    if len(_CONTENT_WORDS) >= _CONTENT_WORDS_MAX:
        _CONTENT_WORDS.clear()
    word = "" if token in _IGNORED or token.isdigit() else canonical_word(token)
    _CONTENT_WORDS[token] = word
    return word


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


def subject_names(statement: str) -> tuple[str, ...]:
    """The names in the number's own clause of a masked statement: what the figure is said of ("Sanders has
    {#}", "the Dow Jones industrial average fell # points, or {#}", "{#} for Klobuchar"). Months and weekdays are
    dates, not subjects."""
    left, mask, right = statement.partition(CLAIM_MASK)
    if not mask:
        return ()
    clause = _CLAUSE_BREAK.split(left)[-1]
    after = _AFTER_BREAK.split(right, 1)[0].split()[:SUBJECT_AFTER]
    opened = _WITH_CLAUSE.split(clause)
    if len(opened) > 1 and any(map(_CAPITALIZED.match, after)):
        # "in support of Obama, with {#} backing Romney": a with-phrase that names its own subject after the figure
        # is a clause of its own ("declared Sanders the winner, with {#} of the vote" names none: Sanders's figure)
        clause = opened[-1]
    before = [token for token in clause.split() if token != NUMBER_MASK][-SUBJECT_BEFORE:]
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
