"""Check-worthiness: does a claim state a checkable fact, or does its number only locate or label something?

Half of the numbers in news are context: the year an event happened, ages, "two years ago", "over 10 years",
"the top 1 percent", counts that introduce a list ("two reasons: ..."). A reviewer's queue should open on the
other half. The decision reads the claim's structure (kind, unit, hedge, role, target) and the words around the
number, as named cues (rules with a doc and examples, like the extractors' rules), and a small logistic model
weighs them with a few words next to the number. The weights are learned from hand labels by
``benchmarks/train_checkworthy.py`` and shipped as ``checkworthy_model.json``; applying them is a dictionary
lookup and a sum per claim, so nothing beyond the standard library runs at ingest and nothing goes over the
network. ``benchmarks/labels/CHECKWORTHY.md`` describes the labels; ``benchmarks/review_labels_eval.py`` scores
the result.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from workbench.models import CALENDAR_KINDS, CHECKWORTHY_LABELS, Checkworthy, Claim, Quote
from workbench.pipeline.rules import Trace, rule_set

MODEL_FILE = "checkworthy_model.json"
WINDOW = 120  # characters of the sentence read on each side of the mention

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*|[^\w\s]")


@dataclass(frozen=True)
class Surroundings:
    """A claim with the sentence around it, cut to ``WINDOW`` characters on each side (lowercased copies too)."""

    claim: Claim
    left: str
    right: str
    in_quote: bool = False

    @property
    def kind(self) -> str:
        return self.claim.kind

    @property
    def unit(self) -> str:
        return (self.claim.unit or "").lower()

    @property
    def mention(self) -> str:
        return self.claim.mention

    @cached_property
    def low_mention(self) -> str:
        return self.claim.mention.lower()

    @cached_property
    def low_left(self) -> str:
        return self.left.lower()

    @cached_property
    def low_right(self) -> str:
        return self.right.lower()

    def tail(self, reach: int) -> str:
        """The last ``reach`` characters before the mention, lowercased: what a pattern ending at the mention
        needs (a regex anchored at the end still tries every start, so it gets no more text than it can use)."""
        return self.low_left[-reach:]

    def head(self, reach: int) -> str:
        """The first ``reach`` characters after the mention, lowercased."""
        return self.low_right[:reach]

    def near(self, reach: int = 45) -> str:
        """The lowercased words within ``reach`` characters of the mention on both sides, mention included."""
        return f"{self.low_left[-reach:]} {self.low_mention} {self.low_right[:reach]}"


@dataclass(frozen=True)
class Assessment:
    """A claim's check-worthiness: the label, the model's probability that it is checkable, and the cues that fired."""

    label: Checkworthy
    score: float
    cues: tuple[str, ...]


def surroundings(text: str, claim: Claim, quotes: Sequence[Quote] = ()) -> Surroundings:
    sentence_start = min(claim.sentence_start, claim.start)
    sentence_end = max(claim.sentence_end, claim.end)
    left = text[max(sentence_start, claim.start - WINDOW) : claim.start]
    right = text[claim.end : min(sentence_end, claim.end + WINDOW)]
    in_quote = any(q.kind == "direct" and q.start <= claim.start and claim.end <= q.end for q in quotes)
    return Surroundings(claim, left, right, in_quote)


# ---------------------------------------------------------------------------------------------------------------
# Cues: named, documented tests on a claim in its sentence. Each fires or not; the model weighs them.

CUES = rule_set("checkworthy", ("cue",))
cue = CUES.rule
# Cues that restate a decision rule of the labels (an age is context, a record is checkable): training lets their
# weights grow with less evidence than the rest (benchmarks/train_checkworthy.py scales them by DECISIVE_SCALE).
DECISIVE = frozenset(
    {
        "record",
        "age",
        "relative_time",
        "term_of",
        "document_size",
        "introduces_list",
        "anonymous_sources",
        "family_detail",
        "rank_label",
        "methodology",
        "denominator",
        "locates_place",
        "year_like_count",
        "number_table",
        "page_furniture",
        "tally",
        "measured_average",
        "background_size",
        "names_its_items",
        "size_of_a_body",
        "rank_among",
        "rhetorical_standin",
        "biography",
        "periods_counted",
    }
)
DECISIVE_SCALE = 3.0


def _words(pattern: str) -> re.Pattern[str]:
    """A pattern of lowercase words, for the lowercased windows of ``Surroundings`` (no IGNORECASE: faster)."""
    return re.compile(pattern)


_RECORD_BEFORE = _words(
    r"(?:\b(?:first|last|only)\s+time\b|\b(?:highest|lowest|biggest|largest|smallest|worst|best|most|least|fewest|"
    r"oldest|youngest|longest|shortest|fastest|slowest|deadliest|strongest|weakest|steepest|sharpest|"
    r"(?<!on\s)record|"
    r"unprecedented|hasn[’']t|haven[’']t|hadn[’']t|never))[^.;:]{0,60}?\b(?:in|since|for)\s+"
    r"(?:(?:nearly|almost|about|more\s+than|over|at\s+least|roughly|some)\s+)?(?:a\s+|an\s+)?$"
)
_RECORD_AFTER = _words(r"^(?:-year|-month|-week|-day)?\s*(?:low|high|lows|highs|record|peak)\b")


@cue(
    "cue",
    examples=(
        "It was the worst day for stocks since [[1987]].",
        "the oldest pope elected in nearly [[300 years]]",
        "for the first time in [[278 days]] she held a press conference",
        "the yuan fell to a [[five-year]] low",
    ),
    counter=("The law was passed in [[1996]].",),
)
def record(s: Surroundings) -> bool:
    """The number sizes a record ('worst since 1987', 'first time in four months', 'a five-year low')."""
    if s.kind in CALENDAR_KINDS:
        # A year is the size of a record only after 'since' ('worst since 1987'); 'lowest ... in 2013' dates it.
        return bool(_RECORD_BEFORE.search(s.tail(100))) and s.low_left.rstrip().endswith("since")
    return bool(_RECORD_BEFORE.search(s.tail(100)) or (s.kind == "duration" and _RECORD_AFTER.search(s.head(30))))


_AGE_BEFORE = _words(
    r"\b(?:aged?|ages|at\s+age|at|the\s+age\s+of|under|over|older\s+than|younger\s+than|"
    r"approaching|turning|turned|turns)\s+$"
)
_AGE_AFTER = _words(r"^(?:-|\s)?(?:years?[- ]old|-year-olds?|\s*(?:years?|months?)\s+(?:old|of\s+age))\b")
_AGE_MENTION = _words(r"(?:-|\s)(?:year|month|week)s?-olds?$|^ages?\s+\d")
_APPOSITIVE_AGE = re.compile(r"^\d{1,3}$")


@cue(
    "cue",
    examples=(
        "a police officer shot [[12-year-old]] Tamir Rice",
        "Jacob Walker, [[44]], a political independent",
    ),
    counter=("Voters rejected it by [[44]] votes.",),
)
def age(s: Surroundings) -> bool:
    """An age: '16-year-old', 'Garland, 63,', 'aged 40', 'children under 5'."""
    if _AGE_MENTION.search(s.low_mention) or _AGE_AFTER.search(s.head(25)):
        return True
    if s.kind in ("duration", "count") and _APPOSITIVE_AGE.match(s.mention):
        if s.left.endswith(", ") and s.right[:1] in (",", ")", ";", "") and s.left[-3:-2].isalpha():
            return True
        return bool(_AGE_BEFORE.search(s.tail(25)))
    return False


_RELATIVE_AFTER = _words(
    r"^\s*(?:\)\s*)?(?:ago|earlier|later|before|after|afterwards?|prior|since|into|beforehand|previously|"
    r"from\s+now|away|to\s+go|left|in\s+advance|back)\b"
)


@cue(
    "cue",
    examples=(
        "the Stonewall uprising [[51 years]] ago",
        "He went home [[3 days]] later.",
        "just [[four months]] into his second term",
    ),
    counter=("He served [[three years]] in prison.",),
)
def relative_time(s: Surroundings) -> bool:
    """A span of time that dates something relative to another moment ('35 years ago', 'two days later')."""
    return s.kind == "duration" and bool(_RELATIVE_AFTER.search(s.head(30))) and not _AVERAGE_BEFORE.search(s.tail(90))


_WINDOW_BEFORE = _words(
    r"\b(?:over|in|during|within|for|across|throughout|through)\s+(?:the\s+|its\s+|his\s+|her\s+|their\s+|"
    r"a\s+|an\s+)?(?:next|past|last|coming|previous|preceding|following|first|final|subsequent|ensuing|same|"
    r"prior)?\s*(?:(?:nearly|almost|about|more\s+than|over|some|roughly|at\s+least)\s+)?$"
    r"|\b(?:the|of\s+the)\s+(?:next|past|last|coming|previous|first|final|prior)\s+$"
)


@cue(
    "cue",
    examples=(
        "savings of $834 billion over [[10 years]]",
        "Cruz plans a furious effort over the next [[eight days]]",
        "regulations enacted over the past [[eight years]]",
    ),
    counter=("The shutdown lasted [[16 days]].", "a ban for [[four months]] on vaping products"),
)
def time_window(s: Surroundings) -> bool:
    """The period over which something else is counted or happens ('$800 billion over 10 years', 'the past two
    years')."""
    if s.kind != "duration" or not _WINDOW_BEFORE.search(s.tail(60)) or record(s):
        return False
    # 'for N days' is a window only with 'the next/past ...'; a bare 'for' usually states a length.
    return not _BARE_FOR.search(s.tail(30))


PERIOD_NOUNS = frozenset("election cycle season term session quarter semester generation decade century".split())
_PERIOD_RUN = _words(
    r"\b(?:in|over|during|across)\s+(?:the\s+|each\s+of\s+the\s+)?(?:last|past|next|previous|"
    r"coming|first|final)?\s*$|\bfor\s+the\s+(?:last|past|next|previous|coming)\s+$"
)


@cue(
    "cue",
    examples=(
        "the gender gap that widened in the past [[two presidential elections]]",
        "crippled Republican prospects of taking the Senate in [[two straight election cycles]]",
    ),
    counter=("Democrats won [[two elections]] in Virginia.",),
)
def periods_counted(s: Surroundings) -> bool:
    """A count of elections, seasons or terms that only frames when something happened ('in the past two
    elections'), like a time window."""
    return s.kind == "count" and s.unit in PERIOD_NOUNS and bool(_PERIOD_RUN.search(s.tail(40)))


_BARE_FOR = _words(r"\bfor\s+(?:(?:nearly|almost|about|more\s+than|over|some|at\s+least)\s+)?$")
_TENURE = _words(
    r"\b(?:served|serving|serves|worked|working|spent|been|career|veteran|tenure|lived|living|studied|"
    r"studying|covered|covering|known|married|run|ran|running|dominated|reigned|ruled|headed|led|in\s+office|"
    r"in\s+politics|in\s+congress|in\s+the\s+senate|in\s+the\s+house)\b[^.;]{0,30}$"
)
_TENURE_AFTER = _words(
    r"^\s*(?:in\s+(?:office|politics|congress|power|the\s+(?:senate|house|white\s+house|job|business|industry|"
    r"department|military|army|navy|league|region|country))|of\s+(?:service|experience|practice|marriage|"
    r"flying|teaching|work|reporting|rule|friendship)|as\s+(?:a|an|the|his|her)\b)"
)
_PUNISHMENT = _words(
    r"\b(?:prison|jail|sentenced?|sentences|behind\s+bars|incarcerat\w*|detention|detained|"
    r"custody|probation|parole|time\s+served)\b"
)


@cue(
    "cue",
    examples=(
        "Clinton worked for [[four years]] as secretary of State",
        "After nearly [[30 years]] in the department, Mr. Rosenstein said",
    ),
    counter=("He served [[three years]] in prison.",),
)
def tenure(s: Surroundings) -> bool:
    """How long someone held a post, lived or worked somewhere ('four years as secretary', '30 years in office')."""
    if s.kind != "duration" or _PUNISHMENT.search(s.near(40)) or _AVERAGE_BEFORE.search(s.tail(90)):
        return False
    return bool(_TENURE_AFTER.search(s.head(60)) or _TENURE.search(s.tail(45)))


_POLICY_WORDS = _words(
    r"\b(?:prison|jail|sentenced?|sentences|behind\s+bars|probation|ban|bans|banned|banning|suspend\w*|"
    r"suspension|quarantin\w*|isolat\w*|extend\w*|extension|moratorium|freeze|waiting\s+period|reopen\w*|"
    r"continuing\s+resolution|stopgap|fund(?:s|ed|ing)?\b|debt\s+(?:limit|ceiling)|deadline|cap|caps|capped|"
    r"limit|limits|lockdown|shutdown|shut\s+down|furlough\w*|curfew|mandatory|minimum|"
    r"maximum|required?|requires|eligible|eligibility|expire\w*|term\s+limits?|grace\s+period|"
    r"self-quarantin\w*|monitor\w*|lasted|lasting|truce|ceasefire|sunset|mourning|parole)\b"
)


@cue(
    "cue",
    examples=(
        "he was sentenced to [[20 years]] in prison",
        "a [[four-month]] ban on the sale of vaping products",
        "they would be self-quarantining for [[14 days]]",
    ),
    counter=("[[Three years]] ago he moved to Ohio.",),
)
def policy_period(s: Surroundings) -> bool:
    """A period set by a rule, a sentence, a ban or a deal ('20 years in prison', 'a four-month ban', 'fund the
    government for three weeks')."""
    return s.kind == "duration" and bool(_POLICY_WORDS.search(s.near(50)))


_DEADLINE_BEFORE = _words(
    r"\b(?:will|would|could|can|must|should|shall|plans?\s+to|planned\s+to|expects?\s+to|expected\s+to|aims?\s+to|"
    r"vowed\s+to|promised\s+to|pledged\s+to|ordered|orders|required|requires|deadline|due)\b[^.;]{0,70}?"
    r"\b(?:within|in|by)\s+(?:the\s+next\s+|about\s+|roughly\s+|just\s+|less\s+than\s+)?$"
)


@cue(
    "cue",
    examples=(
        "The government promised to revive the areas devastated by the storm within [[six months]].",
        "He said the current phase of the battle could be completed in [[two days]].",
    ),
    counter=("More than three-quarters of the loans were repaid within [[five years]].",),
)
def deadline(s: Surroundings) -> bool:
    """A promised, ordered or predicted length ('will be completed within six months', 'could end in two days'):
    a forecast or a target someone can be held to."""
    return s.kind == "duration" and bool(_DEADLINE_BEFORE.search(s.tail(110)))


_HYPHEN_LABEL = re.compile(r"^[\w.,]+(?:-[a-z]+)+$", re.IGNORECASE)


@cue(
    "cue",
    examples=("a [[30-page]] interim report", "the [[22-minute]] interview"),
    counter=("[[30 pages]] of advertisements",),
)
def hyphenated(s: Surroundings) -> bool:
    """The number is joined to its noun by a hyphen and modifies what follows ('a 15-day plan', 'a 30-page
    report'): usually a label, unless the noun is a sentence, a ban or a margin (the model reads the next word)."""
    return s.kind in ("count", "duration", "quantity") and bool(_HYPHEN_LABEL.match(s.mention))


TERM_NOUNS = frozenset(
    "sentence sentences term terms ban bans extension extensions break moratorium freeze suspension pause delay "
    "gap wait waiting deadline agreement agreements deal deals pact treaty accord contract contracts lease loan "
    "loans bond bonds mortgage cooperation partnership ceasefire truce exemption waiver warranty guarantee "
    "closure shutdown lockdown quarantine embargo sanctions probation prison jail low high lows highs record "
    "lead loss losses margin majority advantage drop decline increase rise gain jump surge sweep streak "
    "winning losing cut cuts hike truce filibuster".split()
)


@cue(
    "cue",
    examples=(
        "the socialist dictator signed a [[20-year]] cooperation agreement with Iran",
        "Judge Norton settled on a [[20-year]] sentence.",
        "Biden leads by a [[16-point]] margin.",
    ),
    counter=("a [[15-day]] plan, now extended through April 30", "a [[30-page]] interim report"),
)
def term_of(s: Surroundings) -> bool:
    """The number sizes a term, a penalty, a margin or a record ('a 20-year agreement', 'a 20-year sentence',
    'a 16-point lead', 'a five-year low')."""
    if s.kind not in ("duration", "count", "quantity"):
        return False
    words = _TOKEN.findall(s.right[:40].lower())
    words = [w for w in words if w.isalpha()][:3]
    return any(word in TERM_NOUNS for word in words) and (
        bool(_HYPHEN_LABEL.match(s.mention)) or s.right[:1] == "-" or s.kind == "count"
    )


@cue(
    "cue",
    examples=("issued a [[91-page]] doctrine of fiscal conservatism",),
    counter=("The catalog had [[35 pages]] of firearm advertisements.",),
)
def document_size(s: Surroundings) -> bool:
    """The length of a document or a broadcast ('a 91-page report', 'a 22-minute interview'): a description."""
    return bool(_HYPHEN_LABEL.match(s.mention)) and s.unit in (
        "page",
        "minute",
        "minutes",
        "word",
        "chapter",
        "episode",
    )


_AVERAGE_BEFORE = _words(
    r"\b(?:average|averaged|averages|averaging|mean|median|typical|typically|"
    r"average\s+of|an\s+average\s+of)\s+(?:(?:of|about|around|nearly|almost|just)\s+)?$"
    r"|\b(?:average|median|typical)\s+(?:[\w-]+\s+){1,5}(?:is|was|are|were|lasts|lasted|"
    r"stands\s+at|stood\s+at|of)\s+(?:(?:about|around|nearly|almost|just)\s+)?$"
)


@cue(
    "cue",
    examples=("patients lived an average of [[11.1 years]] after diagnosis",),
    counter=("The [[three-month]] average dipped to 143,000.",),
)
def measured_average(s: Surroundings) -> bool:
    """A measured average or typical value ('lived an average of 11.1 years')."""
    return bool(_AVERAGE_BEFORE.search(s.tail(90)))


_TALLY = re.compile(r"^\s?[-–—]\s?\d|^\s+to\s+\d+\s+(?:vote|margin)")
_TALLY_BEFORE = re.compile(r"\d\s?[-–—]\s?$")


@cue(
    "cue",
    examples=("the justices held by a [[6]]-3 vote", "It passed on a 216-[[208 vote]]."),
    counter=("In [[2014]], he left.",),
)
def tally(s: Surroundings) -> bool:
    """One side of a score or a vote tally ('6-3', '59-41')."""
    return s.kind == "count" and bool(_TALLY.match(s.right) or _TALLY_BEFORE.search(s.left))


_LIST_AFTER = re.compile(r"^[^.;:!?\d]{0,15}?(?::|\s[—–]|\s-\s?|—|–)\s*[\"“‘']?[A-Z0-9]")
# A separator later in the clause ("three members of the Senate Armed Services Committee: Chairman John McCain",
# "four GOP governors -- Texas's Rick Perry"), then items that open with a name, a number or a title word.
_SEPARATOR_AFTER = re.compile(r"^[^.;:!?—–()]{0,70}?(?::\s|\s?[—–]\s?|\s--\s?|\s-\s)")
_ITEMS_OPEN = re.compile(
    r"^[\"“‘']?(?:(?:the|former|then|both|namely|his|her|their|its)\s+){0,2}"
    r"(?:[A-Z]|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\s)"
)
# Names right after the count ("his two sons, Beau and Hunter") or right before it ("Psyche and Lucy, two missions";
# "Minneapolis; Los Angeles; and Dallas—three cities").
_NAME = r"[A-Z][\w'’.-]*(?:\s(?:of\s|de\s|al-)?[A-Z][\w'’.-]*){0,3}"
_NAMES_AFTER = re.compile(rf"^,\s(?:and\s)?{_NAME}(?:(?:,|;)\s{_NAME})*,?\s(?:and|&)\s{_NAME}")
_NAMES_BEFORE = re.compile(rf"{_NAME}(?:(?:,|;)\s{_NAME})*,?;?\s(?:and|&)\s{_NAME}\s?(?:,|—|–|\s-)\s?$")
_ENUMERATION_AFTER = _words(r"\bone\b[^.;]{2,160}\b(?:the\s+other|another|the\s+second|and\s+one|the\s+rest)\b")
ENUMERABLE_NOUNS = frozenset(
    "reason thing example takeaway way lesson question principle moment factor issue part step area goal "
    "priority option category idea item rule term sign scenario problem theme trend pillar initiative "
    "message mistake myth fact observation tip concern challenge definition form label matter dimension kind type "
    "version aspect element component feature lesson".split()
)


@cue(
    "cue",
    examples=(
        "There are [[two big reasons]] for this.",
        "three other former Biden rivals - Senator Amy Klobuchar, Pete Buttigieg and Beto O'Rourke - endorsed him",
        "Here are [[six takeaways]] from the summit:",
        "At least [[one]] – former Colorado Gov. John Hickenlooper – is considering a run.",
        "She laid into [[four GOP governors]] -- Texas's Rick Perry and Wisconsin's Scott Walker among them.",
        "He met [[three members]] of the Armed Services Committee: Chairman John McCain, Jack Reed and Lindsey Graham.",
    ),
    counter=(
        "The shooting left [[five people]] injured.",
        "[[Two deaths]] have so far been confirmed from the storm since it made landfall:",
        "The attack killed [[five people]] — the deadliest in a year.",
    ),
)
def introduces_list(s: Surroundings) -> bool:
    """A count that only announces the items that follow ('two reasons: ...', 'three rivals - A, B and C')."""
    if s.kind != "count":
        return False
    if s.unit in ENUMERABLE_NOUNS or s.unit.rstrip("s") in ENUMERABLE_NOUNS:
        return True
    if s.claim.value is None or s.claim.value > 12:
        return False
    if _LIST_AFTER.match(s.right) or _ENUMERATION_AFTER.search(s.low_right):
        return True
    separator = _SEPARATOR_AFTER.match(s.right)
    return separator is not None and bool(_ITEMS_OPEN.match(s.right[separator.end() :]))


@cue(
    "cue",
    examples=(
        "It critically injured his [[two sons]], Beau and Hunter, in 1972.",
        "The proposals lost out to Psyche and Lucy, [[two missions]] that will study asteroids.",
        "I pulled the budgets for Minneapolis; Los Angeles; and Dallas—[[three cities]] in separate regions.",
    ),
    counter=(
        "The treaty has been ratified by [[101 countries]], including the member states of the EU.",
        "Police arrested [[two men]] on Friday, officials said.",
    ),
)
def names_its_items(s: Surroundings) -> bool:
    """A small count next to the names of what it counts ('his two sons, Beau and Hunter', 'Psyche and Lucy, two
    missions'): the names are the information, the count only sums them up."""
    if s.kind != "count" or s.claim.value is None or s.claim.value > 12:
        return False
    return bool(_NAMES_AFTER.match(s.right) or _NAMES_BEFORE.search(s.left[-120:]))


_SOURCE_NOUNS = frozenset(
    "person people official source witness aide adviser advisor diplomat insider "
    "administration staffer lawmaker member group organization doctor expert scientist "
    "economist analyst researcher lawyer attorney strategist operative employee newspaper "
    "outlet publication report".split()
)
_SOURCE_AFTER = _words(
    r"^\s*(?:\w+\s+){0,3}(?:familiar|briefed|close\s+to|with\s+(?:direct\s+)?knowledge|"
    r"who\s+(?:spoke|asked|requested|were\s+not\s+authorized|have\s+talked|talked)|told|said|"
    r"say|says|argue|argued|wrote|write|reported|report|confirmed|"
    r"speaking\s+on|involved\s+in\s+the)"
)
_SOURCE_BEFORE = _words(
    r"\b(?:according\s+to|interviews?\s+with|conversations?\s+with|spoke\s+(?:to|with)|"
    r"talked\s+(?:to|with))\s+(?:(?:more\s+than|over|about|nearly|some|at\s+least)\s+)?$"
)


@cue(
    "cue",
    examples=(
        "according to [[two people]] who have spoken to him",
        "[[Two witnesses]] told CNN they heard a fire alarm",
    ),
    counter=("[[Two people]] were killed in the attack.",),
)
def anonymous_sources(s: Surroundings) -> bool:
    """The number counts the article's sources ('according to two people familiar with ...')."""
    if s.kind != "count" or (s.unit and s.unit not in _SOURCE_NOUNS):
        return False
    return bool(_SOURCE_BEFORE.search(s.tail(50)) or _SOURCE_AFTER.search(s.head(80)))


_KIN = frozenset(
    "child children son daughter kid grandchild grandson granddaughter sibling brother sister "
    "wife husband parent grandparent cousin nephew niece dog cat pet".split()
)
_PLACE_BEFORE = _words(
    r"(?:\b(?:city|town|village|county|state|country|nation|island|district|jurisdiction|community|region|area|"
    r"territory|province|suburb|metro)(?:['’]s)?\s+(?:of\s+)?|\b(?:home\s+to|population\s+of|covers|serves|"
    r"representing|represents|inhabited\s+by)\s+(?:\w+\s+){0,2}?)(?:(?:about|some|more\s+than|over|nearly|"
    r"roughly|just|almost|around)\s+)?$"
)
_AUDIENCE = frozenset("follower subscriber fan reader listener member-base".split())


@cue(
    "cue",
    examples=(
        "can a mayor of a city of about [[100,000 people]] make the jump",
        "It is home to just [[3.2 million people]], many of whom",
        "The New York Democrat told her more than [[5 million Twitter followers]] late Saturday",
    ),
    counter=("[[100,000 people]] fled the city",),
)
def background_size(s: Surroundings) -> bool:
    """The size of a place, a body or an audience as background ('a city of 100,000 people', 'her 5 million
    followers'), not a figure of the news."""
    if s.kind != "count":
        return False
    if s.unit in _AUDIENCE:
        return True
    people = s.unit in ("person", "people", "resident", "citizen", "inhabitant", "") or s.unit.endswith("an")
    return people and bool(_PLACE_BEFORE.search(s.tail(70)))


_INSTITUTION = (
    r"(?:court|committee|panel|board|commission|council|company|firm|agency|department|bureau|party|"
    r"chamber|senate|house|congress|country|nation|state|city|county|union|league|team|network|"
    r"administration|government|army|military|force|university|school|church|group|organization|"
    r"caucus|conference|majority|minority|bench|[a-z]+['’]s\s+(?:\w+\s+)?(?:court|party|caucus))"
)
_BODY_BEFORE = _words(
    rf"(?:\b{_INSTITUTION}['’]s\s+(?:(?:other|remaining|current|active|own|big|top|\w+)\s+)?"
    r"|\b(?:staff|jury|panel|board|pool|crew|cast|roster|team|cabinet|delegation|workforce|work\s+force|"
    r"membership|majority)\s+of\s+(?:(?:its|their|his|her|the)\s+)?"
    r"|\b(?:made\s+up\s+of|composed\s+of|consisting\s+of|consists\s+of|comprised\s+of)\s+"
    r"(?:the\s+)?)(?:(?:about|some|more\s+than|over|nearly|roughly|just|almost|around|only)\s+)?$"
)
MEMBER_NOUNS = frozenset(
    "justice judge member employee staffer worker commissioner juror senator representative lawmaker "
    "liberal conservative democrat republican officer soldier troop stylist player partner director trustee "
    "governor".split()
)
_MEMBERS_ONLY = _words(r"\b(?:the|its|their)\s+(?:(?:other|remaining|current|active|sitting|full)\s+)?$")


@cue(
    "cue",
    examples=(
        "if a majority of the Court's [[eight justices]] side with the administration",
        "Nelson is splitting her staff of [[10 stylists]] into shifts.",
        "The conservative majority is made up of [[five justices]] who have shown hostility to agencies.",
        "Before restrictions, 143 of the company’s [[150 facilities]] were shuttered.",
    ),
    counter=("[[47 senators]] voted against the bill.", "The company closed [[150 facilities]] last year."),
)
def size_of_a_body(s: Surroundings) -> bool:
    """The membership or the holdings of a named body, place or firm as background ('the Court's eight justices',
    'a staff of 10', 'the company's 150 facilities', 'the state's 38 million people')."""
    if s.kind != "count":
        return False
    if _BODY_BEFORE.search(s.tail(80)):
        return True
    return s.unit in MEMBER_NOUNS and bool(_MEMBERS_ONLY.search(s.tail(30)))


_RANK_AMONG = _words(
    r"\b(?:first|second|third|fourth|fifth|last|best|worst|only|\w+est|(?:most|least)\s+[a-z]+|\d+(?:st|nd|rd|th))"
    r"(?:\s+(?:most|least|\w+est))?(?:\s+[\w-]+){0,2}?\s+(?:of|out\s+of|among)\s+(?:the\s+|their\s+|its\s+|"
    r"[\w-]+['’]s\s+)?$"
)


@cue(
    "cue",
    examples=(
        "the United States ranks as the 22nd least corrupt of [[180 countries]]",
        "in the first of [[three planned presidential debates]]",
        "the most disliked Republican out of [[16 potential presidential candidates]]",
    ),
    counter=("[[38 senators]] voted for the bill.", "Clinton captured at least 33 of the [[60 delegates]] at stake."),
)
def rank_among(s: Surroundings) -> bool:
    """The field a rank is taken in ('the 22nd least corrupt of 180 countries', 'the first of three debates'):
    the rank is the news, the size of the field a frame."""
    return s.kind == "count" and bool(_RANK_AMONG.search(s.tail(80)))


_STANDIN_BEFORE = _words(
    r"(?:\bequivalent\s+(?:of|to)|\bthe\s+size\s+of|"
    r"\bthan\s+(?:probably|maybe|perhaps)|\blike\s+(?:a|an)\s+[^.;,]{0,40}?)\s+"
    r"(?:(?:about|some|nearly|roughly)\s+)?$"
)


@cue(
    "cue",
    examples=(
        "medical errors – that’s the equivalent of [[10 jumbo jets]] crashing every week",
        "I gave them more information than probably [[50 informants]] could have given",
        "Our guy and millions upon [[millions]] of others will get angry.",
    ),
    counter=(
        "[[Millions of people]] lost their insurance in 2014.",
        "More than [[50 informants]] were paid.",
        "It is about as many as [[3,000 people]] a year.",
    ),
)
def rhetorical_standin(s: Surroundings) -> bool:
    """A number used as a figure of speech: a comparison ('the equivalent of 10 jumbo jets', 'more than probably 50
    informants could have given') or a repetition ('millions upon millions')."""
    if s.kind not in ("count", "quantity"):
        return False
    return bool(_STANDIN_BEFORE.search(s.tail(70))) or s.tail(12).endswith(" upon ")


_BIOGRAPHY = _words(
    r"\b(?:author|writer|editor|producer|host|creator|co-?founder|founder|composer|veteran|winner|"
    r"recipient)\s+of\s+(?:(?:more\s+than|over|some|nearly|about)\s+)?$"
    r"|\b(?:who|and)\s+(?:has|had)\s+(?:\w+\s+){0,2}?(?:run|written|published|attended|visited|won|coached|"
    r"raised|climbed|played|taught|directed)\s+(?:(?:more\s+than|over|some|nearly|about)\s+)?$"
)


@cue(
    "cue",
    examples=(
        "Daniel Flynn is the author of [[five books]].",
        "Stuart Mann, who lives in Johannesburg and has run over [[240 marathons]] and ultramarathons.",
    ),
    counter=("The agency has written [[five reports]] on the program.",),
)
def biography(s: Surroundings) -> bool:
    """A person's record as background in a profile or a byline ('the author of five books', 'who has run over
    240 marathons')."""
    return s.kind == "count" and bool(_BIOGRAPHY.search(s.tail(70)))


_METHOD_NEAR = _words(
    r"\b(?:data\s*set|composed\s+of|consists\s+of|consisting\s+of|scale\s+of|"
    r"we\s+(?:and\s+others\s+)?(?:use|used|utili[sz]e|examined|analy[sz]ed|coded|counted)|"
    r"threshold\s+we|for\s+this\s+(?:study|analysis|report))\b"
)


_HARM = _words(
    r"\b(?:kill\w*|dead|die[ds]?|dying|death|deaths|murder\w*|injur\w*|wound\w*|shot|hurt|"
    r"missing|hostage\w*|kidnap\w*|abduct\w*|rescued|evacuat\w*|displaced|arrest\w*|detain\w*|"
    r"infected|positive|hospital\w*|transported|treated|sick|fatal\w*|casualt\w*|victims?|charged|indicted|"
    r"convicted|separated|deported|fired|laid\s+off|lost)\b"
)


@cue(
    "cue",
    examples=("He, his wife, and their [[two children]] packed their bags",),
    counter=("a gunman killed [[two children]] at the school",),
)
def family_detail(s: Surroundings) -> bool:
    """A person's family or household, background rather than news ('their two children', 'a mother of
    three')."""
    small = s.claim.value is not None and s.claim.value <= 12
    return (
        s.kind == "count" and small and (s.unit in _KIN or s.unit.rstrip("s") in _KIN) and not _HARM.search(s.near(60))
    )


@cue(
    "cue",
    examples=(
        "[[228 people]] reported missing",
        "the shootings, which left [[five other people]] injured",
    ),
    counter=("A group of [[eight senators]] has been working on legislation.",),
)
def harm(s: Surroundings) -> bool:
    """Casualties, arrests, infections, the missing, the displaced: the core figures of many news events."""
    return s.kind in ("count", "multiple", "percent") and bool(_HARM.search(s.near(50)))


_VOTE = _words(
    r"\b(?:votes?|voted|voting|ballots?|seats?|delegates?|electoral|majority|margin|lead|leads|"
    r"led|leading|trail\w*|poll\w*|survey\w*|approv\w*|disapprov\w*|won|win|wins|beat|defeat\w*|"
    r"carried|elected|caucus\w*|primary|points?|filibuster|supermajority|quorum)\b"
)


@cue(
    "cue",
    examples=("the Senate passed it in a [[59]]-41 vote", "Obama carried it by [[10 points]]"),
    counter=("There are [[two big reasons]] for this.",),
)
def vote_or_poll(s: Surroundings) -> bool:
    """Votes, seats, delegates, margins and poll results."""
    return bool(_VOTE.search(s.near(40)))


_TOP_BEFORE = _words(r"\b(?:the|a|an|its|their|his|her|our)\s+(?:top|bottom|richest|poorest|wealthiest|first)\s+$")
_TITLE_TOP = re.compile(r"\bTop\s+$")


@cue(
    "cue",
    examples=("the typical family in the top [[1 percent]]", "Maybe Top [[10 U.S. imports]]"),
    counter=("Only [[21 percent]] of voters want it.",),
)
def rank_label(s: Surroundings) -> bool:
    """A rank or group label, not a quantity ('the top 1 percent', 'Top 10', 'the first 100 days'); 'top' as a
    verb ('will top 500 million') is not one."""
    return bool(
        _TOP_BEFORE.search(s.tail(30)) or _TITLE_TOP.search(s.left[-10:]) or s.low_left.strip() in ("top", "bottom")
    )


_METHOD = _words(
    r"\b(?:margin\s+of\s+(?:sampling\s+)?error|sampling\s+error|plus\s+or\s+minus|"
    r"(?:poll|survey|study|sample|panel|analysis)\s+(?:\w+\s+){0,2}of\s+$|"
    r"(?:conducted|taken|polled|surveyed)\b[^.;]{0,40}\bwith\s+$|"
    r"(?:surveyed|polled|interviewed|questioned)\s+(?:\w+\s+){0,2}$|"
    r"(?:rolling|moving)\s+average|averag\w+\s+over)"
)


@cue(
    "cue",
    examples=(
        "The poll of [[1,017 registered voters]] also found that",
        "It has a margin of error of plus or minus [[3.5 percentage points]].",
    ),
    counter=("[[43 percent]] of voters approve.",),
)
def methodology(s: Surroundings) -> bool:
    """A detail of how a figure was measured: sample size, margin of error, averaging window, a dataset."""
    return bool(_METHOD.search(s.tail(60)) or _METHOD.search(s.near(40)) or _METHOD_NEAR.search(s.near(60)))


_PER_BEFORE = _words(r"\b(?:per|for\s+every|out\s+of|of\s+every|every)\s+$")


@cue("cue", examples=("14.3 deaths per [[1,000 residents]]",), counter=("[[1,000 residents]] were evacuated",))
def denominator(s: Surroundings) -> bool:
    """The base of a rate or ranking ('per 1,000 residents', 'out of 180 countries')."""
    return bool(_PER_BEFORE.search(s.tail(20)))


_LOCATES_AFTER = _words(
    r"^\s*\)?\s*(?:\([^)]*\)\s*)?(?:from|away|outside|north|south|east|west|northeast|"
    r"northwest|southeast|southwest|off|inland|up|down|of\s+(?:downtown|the\s+border))\b"
)


@cue(
    "cue",
    examples=("his office, about [[20 miles]] from downtown Los Angeles",),
    counter=("[[700 miles]] of new fencing along the border",),
)
def locates_place(s: Surroundings) -> bool:
    """A distance that only says where a place is ('20 miles from downtown')."""
    return (
        s.kind in ("quantity", "count")
        and bool(_LOCATES_AFTER.search(s.head(60)))
        and s.unit in ("mile", "km", "m", "kilometer", "kilometre", "block", "foot", "ft", "yard", "meter", "metre")
    )


@cue(
    "cue",
    examples=("[[2020 hopefuls]] have also stumped in the state",),
    counter=("[[2,020 people]] signed the petition",),
)
def year_like_count(s: Surroundings) -> bool:
    """A count whose number is a year written without separators ('2020 hopefuls', '1967 borders'): a label."""
    value = s.claim.value
    return (
        s.kind == "count"
        and value is not None
        and 1800 <= value <= 2100
        and value == int(value)
        and re.match(r"^\d{4}\b", s.mention) is not None
    )


_CAPITALISED_LAST = re.compile(r"\s[A-Z][a-z]+$")
_NAME_GOES_ON = re.compile(r"^\s[A-Z][a-z]")


@cue(
    "cue",
    examples=(
        "according to [[12 News]] Now",
        "another of the Gang of [[Eight senators]] who wrote it",
        "after his event at [[Four Peaks]] Brewery",
    ),
    counter=("[[Two guns]] were found near the body.", "in [[four GOP states]]"),
)
def capitalised_noun(s: Surroundings) -> bool:
    """In mid-sentence, a capitalised number word or a capitalised noun after the number: usually part of a name
    ('12 News', 'Gang of Eight', 'Four Peaks Brewery', 'Eight Stories of ...')."""
    if not s.left.strip() or s.left.rstrip().endswith((".", ":", "!", "?", "\n")):
        return False
    # A capitalised plural alone is often a nationality or a party ('2,000 Americans', '47 Republicans'); a name
    # goes on with another capitalised word ('12 News Now', 'Four Peaks Brewery').
    return s.mention[:1].isupper() or (bool(_CAPITALISED_LAST.search(s.mention)) and bool(_NAME_GOES_ON.match(s.right)))


_HYPOTHETICAL = _words(
    r"\b(?:if|unless|suppose|supposing|imagine|let[’']s\s+say|,\s+say,|hypothetical\w*|"
    r"assum(?:e|es|ing)\s+(?:that\s+)?(?:a|an|the)|"
    r"equivalent|what\s+would|would\s+you|"
    r"as\s+if|what\s+if|let[’']s)\b"
)


@cue(
    "cue",
    examples=(
        "If you work [[40 hours]] a week, you should not live in poverty",
        "What would you have Israel do when [[thousands of people]] march on the border?",
    ),
    counter=(
        "The agency made [[120,000 arrests]] last year.",
        "For instance, the department has initiated [[six prosecutions]] of leakers.",
    ),
)
def hypothetical(s: Surroundings) -> bool:
    """An illustration or a condition ('if you work 40 hours', 'a couple with two children, for example')."""
    return bool(_HYPOTHETICAL.search(s.tail(70)))


_CHANGE = _words(
    r"\b(?:rose|rise|rising|rises|fell|fall|falling|falls|drop\w*|declin\w*|increas\w*|"
    r"decreas\w*|grew|grow\w*|jump\w*|surg\w*|soar\w*|plung\w*|plummet\w*|climb\w*|gain\w*|"
    r"los[st]|loses|cut|cuts|slash\w*|doubl\w*|tripl\w*|halv\w*|up|down|higher|lower|more|fewer|"
    r"less|than|compared|versus|vs|outpac\w*|exceed\w*|shrank|shrink\w*|boost\w*|rais\w*)\b(?!\s*:)"
)


@cue("cue", examples=("Shipments rose [[6.0 percent]] in October.",), counter=("In [[2014]], he left.",))
def change_or_comparison(s: Surroundings) -> bool:
    """A change or a comparison near the number ('rose 6 percent', 'more than twice as many')."""
    return s.claim.role is not None or s.claim.change_group is not None or bool(_CHANGE.search(s.near(35)))


_THRESHOLD = _words(
    r"\b(?:need\w*|requir\w*|must|threshold|qualif\w*|eligib\w*|minimum|maximum|at\s+least|"
    r"no\s+more\s+than|fewer\s+than|cap|limit\w*|exempt\w*|to\s+win|to\s+pass|to\s+clinch|"
    r"to\s+overcome|to\s+claim|to\s+secure|to\s+control|takes|afford)\b"
)


@cue("cue", examples=("It takes [[218 seats]] to claim a majority.",), counter=("The House has [[435 seats]].",))
def rule_parameter(s: Surroundings) -> bool:
    """A threshold a rule or a vote sets ('218 seats to claim a majority', 'businesses with fewer than 50
    employees')."""
    return bool(_THRESHOLD.search(s.near(45)))


_VAGUE = _words(r"^(?:dozens|scores|hundreds|thousands|tens|millions|billions|trillions|several|many)\b")


@cue(
    "cue",
    examples=("[[thousands of migrants]] in overcrowded facilities",),
    counter=("[[3,000 migrants]] crossed the border",),
)
def vague_magnitude(s: Surroundings) -> bool:
    """A vague magnitude ('thousands of migrants'): checkable when it sizes a real thing."""
    return bool(_VAGUE.match(s.low_mention))


_GUESS_BEFORE = _words(
    r"\b(?:probably|perhaps|maybe|possibly|might\s+be|could\s+be)\s+(?:(?:about|around|some)\s+)?$"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|\d+),\s+(?:one|two|three|four|five|six|"
    r"seven|eight|nine|\d+),?\s+(?:or\s+)?$"
)
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|\d+)"
_GUESS_MENTION = re.compile(rf"\b{_SMALL}\s+or\s+(?:so|{_SMALL})\b", re.IGNORECASE)


@cue(
    "cue",
    examples=(
        "There are probably [[six different meetings]] on that day.",
        "people who are going to have seven, eight, [[10 jobs]] in their careers",
        "To have Webb on the stage with the [[two or three other figures]] that may run",
    ),
    counter=("Officials said [[six people]] died.", "[[two or three]] percent"),
)
def rough_guess(s: Surroundings) -> bool:
    """A guess in passing ('probably six meetings', 'seven, eight, 10 jobs', 'two or three other figures'): a
    manner of speaking, not a figure anyone reports."""
    if s.kind != "count":
        return False
    return bool(_GUESS_BEFORE.search(s.tail(40)) or _GUESS_MENTION.search(s.mention))


ENGAGEMENT_NOUNS = frozenset("like share comment view retweet follower click pageview reaction upvote".split())
_ENGAGEMENT_BEFORE = _words(
    r"\b(?:shared|liked|retweeted|viewed|watched)\s+(?:by\s+)?(?:(?:more\s+than|over|nearly|about|"
    r"some|at\s+least)\s+)?$"
)


@cue(
    "cue",
    examples=(
        "the post had been shared by more than [[10,000 people]] as of Friday evening",
        "the thread had generated more than [[4,700 comments]] by Tuesday afternoon",
    ),
    counter=("[[4,700 people]] signed the petition.",),
)
def engagement(s: Surroundings) -> bool:
    """Likes, shares, views and comments of a post: how far something spread online, seldom a claim to check."""
    if s.kind != "count":
        return False
    return (
        s.unit in ENGAGEMENT_NOUNS
        or s.unit.rstrip("s") in ENGAGEMENT_NOUNS
        or bool(_ENGAGEMENT_BEFORE.search(s.tail(40)))
    )


_DEFINITE_BEFORE = _words(
    r"\b(?:the|those|these|their|his|her|its|our|my|your|both)\s+"
    r"(?:(?:other|remaining|first|last|only|same)\s+)?$"
)


@cue(
    "cue",
    examples=("He and their [[two children]] left.", "the [[35 guys]] who were thrown out"),
    counter=("[[Two countries]] signed a plan.",),
)
def definite_reference(s: Surroundings) -> bool:
    """A definite or possessive before a count ('the two countries', 'their two children'): a known set."""
    return s.kind in ("count", "duration") and bool(_DEFINITE_BEFORE.search(s.tail(40)))


_LINK_BOX_END = re.compile(r"\bMORE\s*\((?:[RDI]-|[A-Z][a-z]+\.?\))")
_FURNITURE = _words(
    r"^\s*(?:(?:more|related|read\s+more|see\s+also|recommended|trending|up\s+next|watch|"
    r"listen|video|photo|image)\s*:|story\s+(?:highlights|continued)|close\b|advertisement\b)"
)


@cue(
    "cue",
    examples=(
        "More: Travel ban timeline: 17 months, three versions, [[two appeals courts]]",
        "Shelby Appropriators agree to deadline | New study says tariffs threaten [[1.5 million jobs]] | "
        "Senate passes bill MORE (R-Ala.) warned that a pardon would be wrong.",
    ),
    counter=("More than [[17 people]] died.",),
)
def page_furniture(s: Surroundings) -> bool:
    """Related-link headlines, captions, blurbs: the sentence opens like page furniture, or the number sits in a
    run of link texts glued into the article ('... | New study says tariffs threaten 1.5M jobs ... MORE (R-Ala.)')."""
    if _FURNITURE.match(s.low_left) and len(s.left) < WINDOW:
        return True
    return (s.left.count(" | ") + s.right.count(" | ") >= 2) or bool(_LINK_BOX_END.search(s.right))


_NUMBER = re.compile(r"\d")


@cue(
    "cue",
    examples=("Warren 3.1 3.3 Buttigieg 2.9 3.2 Sanders 3.1 [[3,360 voters]] 2.9 2.7 3.1",),
    counter=("Trump won [[304 electoral votes]].",),
)
def number_table(s: Surroundings) -> bool:
    """A run of figures with few words between them: a table copied into the text."""
    window = s.left[-60:] + s.right[:60]
    runs = re.findall(r"\d[\d,.]*", window)
    return len(runs) >= 5 and len(runs) * 8 > len(window) * 0.4


@cue("cue", examples=("[[nearly 2,000 children]] have been taken",), counter=("In [[2014]], he left.",))
def hedged(s: Surroundings) -> bool:
    """The text qualifies the figure ('more than', 'about', 'nearly'): people hedge amounts, not labels."""
    return s.claim.hedge is not None


@cue(
    "cue",
    examples=("Sanders vowed to generate more than [[$4 trillion]] over the next decade",),
    counter=("The plan cost [[$4 trillion]].",),
)
def goal(s: Surroundings) -> bool:
    """An announced target or pledge (the extractor's target flag)."""
    return s.claim.target


@cue("cue", examples=("“We had over [[20 previous outbreaks]],” he said.",), counter=("There were [[20 outbreaks]].",))
def quoted(s: Surroundings) -> bool:
    """Inside someone's direct quote."""
    return s.in_quote


def cues_of(s: Surroundings, trace: Trace | None = None) -> list[str]:
    """The names of the cues that fire on one claim (also appended to ``trace`` when given)."""
    fired = [rule.name for rule in CUES.in_stage("cue") if rule.apply(s)]
    if trace is not None:
        trace.extend(fired)
    return fired


# ---------------------------------------------------------------------------------------------------------------
# Features and the model


def _magnitude(value: float | None) -> str:
    if value is None:
        return "none"
    size = abs(value)
    return (
        "<2"
        if size < 2
        else "<10"
        if size < 10
        else "<100"
        if size < 100
        else "<1e4"
        if size < 1e4
        else "<1e6"
        if size < 1e6
        else "big"
    )


def features(s: Surroundings, cues: Sequence[str] | None = None) -> list[str]:
    """The sparse binary features of one claim: its kind, its cues, its unit and its order of magnitude.

    Words next to the number were tried as features too (left and right neighbours); they did not improve the
    cross-validated figures on 600 labels, so the cues carry the context instead."""
    claim = s.claim
    found = [f"kind={claim.kind}", *(f"cue={name}" for name in (cues if cues is not None else cues_of(s)))]
    if claim.kind not in CALENDAR_KINDS:
        found.append(f"size={claim.kind}:{_magnitude(claim.value)}")
        if claim.kind in ("count", "duration", "quantity"):
            found.append(f"unit={s.unit or '-'}")
            found.append("bare" if _APPOSITIVE_AGE.match(s.mention) else "worded")
    return found


@dataclass(frozen=True)
class Model:
    """A logistic model over binary features: P(checkable) = sigmoid(bias + sum of the weights of the features)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    version: str = ""

    def score(self, names: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data.get("threshold", 0.5)),
            version=str(data.get("version", "")),
        )


@cache
def shipped_model() -> Model:
    """The model trained by benchmarks/train_checkworthy.py, read once from the package."""
    text = resources.files("workbench.pipeline").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def assess(s: Surroundings, model: Model | None = None) -> Assessment:
    model = model or shipped_model()
    cues = cues_of(s)
    score = round(model.score(features(s, cues)), 4)
    return Assessment("checkable" if score >= model.threshold else "context", score, tuple(cues))


def assess_claims(
    text: str, claims: Sequence[Claim], quotes: Sequence[Quote] = (), model: Model | None = None
) -> list[Assessment]:
    """Check-worthiness of each claim of one article, in order."""
    return [assess(surroundings(text, claim, quotes), model) for claim in claims]


def _probe(text: str) -> list[tuple[int, int, Trace]]:
    """For the rule-examples test: every claim the extractor finds in ``text``, with the cues that fire on it."""
    from workbench.pipeline.analyze import analyze_text

    analysis = analyze_text(text)
    return [(c.start, c.end, cues_of(surroundings(text, c, analysis.quotes))) for c in analysis.claims]


CUES.probe = _probe
CueTest = Callable[[Surroundings], bool]

__all__ = [
    "Assessment",
    "CHECKWORTHY_LABELS",
    "Model",
    "Surroundings",
    "assess",
    "assess_claims",
    "cues_of",
    "features",
    "shipped_model",
    "surroundings",
]
