"""What a sentence says about when, where and how its figure holds, read for the conflict rules of one story.

Two outlets that print 8.1% and 8.8% for "the unemployment rate" disagree only if both mean the same rate at the
same time: the whole corpus's wrong conflict flags were figures scoped to one state against national ones ("In
Ohio, ... 7.3%"), forecasts against results ("they expect 160,000 jobs"), running tallies of votes and delegates,
countdowns a day apart ("eight days to go" / "seven days left"), readings of another session ("closed 1,985 points
higher" / "2,352 points lower"), averages and totals over a period against one month's figure, and a sentence that
gives the other outlet's figure to something else beside it. :func:`conflict_cues` reads these cues once per claim
of a story, from its masked statement, as short tags the vetoes of :mod:`.vetoes` compare.
"""

from __future__ import annotations

import re

from workbench.pipeline.cluster_claims.features import CLAIM_MASK, NUMBER_MASK, canonical_word
from workbench.pipeline.names.lexicon import PLACES, STATE_ABBREVIATIONS, SURNAME_PLACES
from workbench.pipeline.normalize import fold, words
from workbench.pipeline.numbers import NUMBER_WORDS

# Where what a number is said of ends on its left (the clause marks of features._CLAUSE_MARK and "that").
_CLAUSE = re.compile(r"[,;:()\[\]—–]")
# A figure someone expects, predicts or hoped for is not the figure that came (canonical forms are not used: the
# stemmer keeps "expected" and "expecting" apart).
_FORECAST = frozenset(
    "expect expects expected expecting expectation expectations predict predicts predicted predicting prediction "
    "anticipate anticipates anticipated anticipating consensus".split()
)
# What is still to come: "will conclude his six-day visit", "would reduce unemployment to 5.4 percent".
# ("would" and "going to" are left out: reported promises and plans use them for the figure that was said.)
_FUTURE = frozenset("will ll shall".split())
# A sentence with a condition gives a figure of a scenario: "If the storm hits at Category 4 strength ...", "32 million
# would lose their insurance if Obamacare is scrapped".
_CONDITION = re.compile(r"^\W*(?:should|unless)\b|\bif\b")
# A first printing or a revision of a figure: "In its initial report ... 165,000 jobs" / "a revised 149,000 jobs".
_REVISION = {"initial": "first", "preliminary": "first", "revised": "revised", "revision": "revised"}
# A figure said of the moment of writing: another article's reading an hour later differs without contradicting it.
_RUNNING = re.compile(
    r"\b(?:so far|to date|as of now|currently|at the moment|precincts reporting|(?:still|remain|remains|remaining)"
    r"(?: \w+)?$|^\W*(?:still|remain|remains|remaining|reporting|available|outstanding)\b)"
)
_NOW = re.compile(r"\b(?:currently|so far|to date)\b")
# Counts of votes and delegates are many tallies in one story (per bill, candidate, state, and at each hour of a
# count), and so are counts in a sentence about a vote ("All 53 Democrats ... voted for the bill"): two outlets'
# figures pair up by chance. ("Voting" is an activity: "34 states allow early voting".)
_TALLIES = frozenset("vote votes voted delegate delegates superdelegate superdelegates elector electors".split())
# A duration counted to a coming day ("eight days to go", "six days away", "seven days left before"): it shrinks
# daily.
_COUNTDOWN = re.compile(r"^\W*(?:to go|away|left|remaining|until|till|before (?:the|election|polling))\b")
# A total over a span or a usual rate ("151,000 jobs over the past five months", "202,000 a month", "per year").
_PERIOD = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:over|in|during|across) the (?:past|last|previous) \w+"
    r"|^\W*(?:a|per|each|every) (?:day|week|month|quarter|year)\b|^\W*(?:annually|monthly|yearly|weekly)\b"
)
# A market index or a storm is read again each session or hour: "the Dow ... to 27,960.80", "120 mph winds".
_READING = frozenset("dow nasdaq s&p index indexes indices wind winds".split())
# "finished fourth with 9 percent" / "finished fifth with 8.5 percent": places in a race rank other candidates.
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last".split())
# The part of an economy or a payroll a figure counts: "private sector employers added {#} jobs", "the federal
# government cut {#} jobs" are parts of "the economy added # jobs".
_SECTORS = frozenset("private public government federal".split())
# A figure scoped to exclude part of the group the other counts: "37 states besides Montana", "excluding the
# gunman", "other than", "not counting"; "{#} states have similar provisions" counts those like the one named (the
# others); "{#} dead, including the gunman" counts the attacker that a count of victims leaves out. Read in the
# number's own clause and a few words after it (the marker may follow a comma).
_SCOPE = re.compile(
    r"\b(?:besides|excluding|except|other than|not counting|not including|apart from|aside from|similar"
    r"|including (?:the |a )?(?:gunman|gunmen|shooter|attacker|attackers|bomber|bombers|suspect|suspects|perpetrator)"
    r"|including (?:himself|herself|themselves))\b"
)
SCOPE_REACH = 6  # words after the number where a scope marker is read
# What a count of people counts, by the word beside the number: victims of a killing ("murdered") leave out the
# killer that a count of the dead holds ("58 murdered" / "59 dead"); those in hospital are a part of the injured.
# Classes that one toll may print either way ("killed" / "dead") are one class.
_HEADS = {
    "murder": "murder",
    "murdered": "murder",
    "murders": "murder",
    "murdering": "murder",
    "dead": "dead",
    "died": "dead",
    "die": "dead",
    "deaths": "dead",
    "death": "dead",
    "killed": "dead",
    "killing": "dead",
    "kill": "dead",
    "hospitalized": "hospital",
    "hospitalised": "hospital",
    "hospital": "hospital",
    "hospitals": "hospital",
    "injured": "injured",
    "injuring": "injured",
    "wounded": "injured",
    "wounding": "injured",
    "hurt": "injured",
    "injuries": "injured",
    "released": "released",
    "freed": "released",
}
HEAD_REACH = 3  # words on each side of the number where its measure head is read
_UP = frozenset("increase higher up gain gained gains advance advanced".split())
_DOWN = frozenset("decrease lower down lose lost loss losses".split())
# "In Ohio, ...", "in central Italy", "unemployment in Florida": the place a figure is said of.
_IN_PLACE = re.compile(
    r"\b[Ii]n (?:the )?(?:(?:north|south|east|west|central|northern|southern|eastern|western|rural) )?"
    r"((?:New|North|South|West|Rhode) [A-Z][a-z]+|[A-Z][a-z]+)\b"
)
# "in Benguet province", "in Harris County": a part of a country named as such.
_IN_REGION = re.compile(r"\b[Ii]n ([A-Z][a-z]+) (?:[Pp]rovince|[Cc]ounty|[Dd]istrict|[Rr]egion|[Pp]arish)\b")
# A total over the whole area ("44 people have died statewide") is not one place's.
_WIDE = re.compile(r"\b(?:statewide|nationwide|countrywide|worldwide)\b")
_TWO_WORD_PLACES = frozenset(
    {
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york",
        "north carolina",
        "north dakota",
        "south carolina",
        "south dakota",
        "west virginia",
        "rhode island",
        "new zealand",
        "north korea",
        "south korea",
        "south africa",
    }
)
_CAPITALIZED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\.?")
_ABBREVIATIONS = {key: fold(name) for key, name in STATE_ABBREVIATIONS.items() if len(key) > 2}
# A US state is a part of the nation: its rate is not the national one. (A country named in one sentence is mostly
# where the story happens: "the death toll in Gaza" / "killed 1,030 Palestinians".)
_STATES = frozenset(fold(name) for name in STATE_ABBREVIATIONS.values())


def mention_heads(mention: str) -> tuple[str, ...]:
    """The measure classes (see ``_HEADS``) a mention's own words give: "59 dead", "20 injured"."""
    return tuple(sorted({f"head:{_HEADS[word]}" for word in words(fold(mention)) if word in _HEADS}))


def _content_words(tokens: list[str]) -> list[str]:
    """The tokens less the function words ("{#} others have been released": "released" is the second)."""
    return [token for token in tokens if token not in _FUNCTION_WORDS]


_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for with from and or but than that which who whom whose is are was were be been being"
    " have has had do does did will would shall should can could may might must not no some about more less over"
    " under at least most nearly almost as it its they them their he she his her him this these those there here"
    " believed reported said says thought feared".split()
)


def _place(name: str) -> str:
    """The place a capitalized word (or two) names, folded, or ``""``: a country or US state from the names
    lexicon, a two-word state, or a state's dotted abbreviation ("Fla.")."""
    folded = fold(name).rstrip(".")
    if folded in _TWO_WORD_PLACES:
        return folded
    first = folded.split(" ")[0]
    if name.endswith(".") and first in _ABBREVIATIONS:
        return _ABBREVIATIONS[first]
    return first if first in PLACES and first not in SURNAME_PLACES else ""


def conflict_cues(statement: str, kind: str, unit: str) -> tuple[str, ...]:
    """Tags of a claim's masked statement (``{#}`` for the claim, ``#`` for other numbers) for the conflict rules:
    ``forecast``, ``future``, ``running``, ``tally``, ``countdown``, ``period``, ``up`` / ``down``, ``reading`` (a market index or winds), ``rank:ORDINAL``, ``sector:WORD`` (private, public,
    government, federal beside the number), ``scope`` (a part of the group left out or the attacker counted in:
    "besides Montana", "excluding", "including the gunman"), ``head:CLASS`` (what a count of people counts: murder,
    dead, injured, hospital, released), ``in:STATE`` (the figure
    is said of a US state: "In Ohio, ...") and ``named:PLACE`` (a place the sentence names anywhere).

    >>> conflict_cues("In Ohio, the jobless rate was {#} in May.", "percent", "percent")
    ('in:ohio', 'named:ohio')
    >>> conflict_cues("They had been expecting that employers added {#} jobs.", "count", "job")
    ('forecast',)
    """
    left, mask, right = statement.partition(CLAIM_MASK)
    if not mask:
        return ()
    own_left = _CLAUSE.split(left)[-1].rsplit(NUMBER_MASK, 1)[-1]
    own_right = _CLAUSE.split(right, 1)[0].split(NUMBER_MASK, 1)[0]
    left_words, right_words = words(fold(own_left)), words(fold(own_right))
    folded_left, folded_right = " ".join(left_words), " ".join(right_words)
    tags: list[str] = []
    if not _FORECAST.isdisjoint(left_words):
        tags.append("forecast")
    if not _FUTURE.isdisjoint(left_words) or _CONDITION.search(fold(statement)):
        tags.append("future")
    tags.extend(sorted({_REVISION[word] for word in words(fold(left)) if word in _REVISION}))
    if _RUNNING.search(folded_left) or _RUNNING.search(folded_right) or _NOW.search(fold(left)):
        tags.append("running")
    if kind == "count" and (
        unit in _TALLIES
        or not _TALLIES.isdisjoint(left_words[-4:] + right_words[:3])
        or not _TALLIES.isdisjoint(words(fold(statement)))
    ):
        tags.append("tally")
    if kind == "duration" and _COUNTDOWN.match(folded_right):
        tags.append("countdown")
    if _PERIOD.match(folded_right):
        tags.append("period")
    sentence_words = words(fold(statement))
    if not _READING.isdisjoint(sentence_words) or "s p" in " ".join(sentence_words):
        tags.append("reading")
    tags.extend(f"rank:{word}" for word in sorted(set(left_words[-4:]) & _ORDINALS))
    # "private sector employment increased by {#}", "the payroll processor ADP reported that private employers added
    # a hefty {#}": the sector is said a few words before the verb
    tags.extend(f"sector:{word}" for word in sorted(set(left_words[-6:] + right_words[:3]) & _SECTORS))
    after = words(fold(right))[:SCOPE_REACH]
    if _SCOPE.search(folded_left) or _SCOPE.search(" ".join(after)):
        tags.append("scope")
    # back to a number spelled out on the left: "killing at least three of them while some {#} others have been
    # released" (the killing is the three's)
    spelled = [n for n, word in enumerate(left_words) if word in NUMBER_WORDS]
    own = left_words[spelled[-1] + 1 :] if spelled else left_words
    beside_heads = _content_words(own)[-HEAD_REACH:] + _content_words(right_words)[:HEAD_REACH]
    tags.extend(f"head:{head}" for head in sorted({_HEADS[word] for word in beside_heads if word in _HEADS}))
    beside = [canonical_word(word) for word in left_words[-3:] + right_words[:2]]
    if not _UP.isdisjoint(beside):
        tags.append("up")
    if not _DOWN.isdisjoint(beside):
        tags.append("down")
    scoped = ({_place(match) for match in _IN_PLACE.findall(statement)} & _STATES) | {
        fold(match) for match in _IN_REGION.findall(statement)
    }
    if _WIDE.search(fold(statement)):
        scoped.add("wide")
    named = {_place(match) for match in _CAPITALIZED.findall(statement)} - {""}
    tags.extend(f"in:{place}" for place in sorted(scoped))
    named |= {fold(match) for match in _CAPITALIZED.findall(statement)} & {
        place for place in scoped if " " not in place
    }
    tags.extend(f"named:{place}" for place in sorted(named | scoped))
    return tuple(tags)
