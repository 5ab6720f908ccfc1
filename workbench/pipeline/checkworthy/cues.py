"""Cues of check-worthiness: the rule set, the decisive cues, and the cues of time, age, periods and labels."""

from __future__ import annotations

import re

from workbench.models import CALENDAR_KINDS
from workbench.pipeline.checkworthy.mention import _TOKEN, Surroundings
from workbench.pipeline.rules import Trace, rule_set

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
        "elapsed",
        "rule_offset",
        "singles_out",
        "idiom",
        "recent_ones",
        "fixed_size",
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
_RECORD_AFTER = _words(r"^(?:-year|-month|-week|-day)?[\s-]*(?:low|high|lows|highs|record|peak)\b")
# 'the first in four years', 'their first meeting in eight months': the gap since the last time is the record.
_FIRST_IN = _words(
    r"\bfirst(?:\s+[a-z-]+){0,2}\s+(?:in|since)\s+(?:(?:nearly|almost|about|more\s+than|over|some)\s+)?"
    r"(?:a\s+|an\s+)?$"
)


@cue(
    "cue",
    examples=(
        "It was the worst day for stocks since [[1987]].",
        "the oldest pope elected in nearly [[300 years]]",
        "for the first time in [[278 days]] she held a press conference",
        "the yuan fell to a [[five-year]] low",
        "having reduced unemployment to a [[44-year]]-low",
        "a full budget for passage, the first in [[four years]]",
    ),
    counter=("The law was passed in [[1996]].",),
)
def record(s: Surroundings) -> bool:
    """The number sizes a record ('worst since 1987', 'first time in four months', 'a five-year low')."""
    if s.kind in CALENDAR_KINDS:
        # A year is the size of a record only after 'since' ('worst since 1987'); 'lowest ... in 2013' dates it.
        return bool(_RECORD_BEFORE.search(s.tail(100))) and s.low_left.rstrip().endswith("since")
    return bool(
        _RECORD_BEFORE.search(s.tail(100))
        or (s.kind == "duration" and (_RECORD_AFTER.search(s.head(30)) or _FIRST_IN.search(s.tail(40))))
    )


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
    return (
        s.kind == "duration"
        and bool(_RELATIVE_AFTER.search(s.head(30)))
        and not _AVERAGE_BEFORE.search(s.tail(90))
        and not rule_offset(s)
    )


_RULE_SETS = _words(
    r"\b(?:law|laws|rule|rules|regulations?|statute|requir\w*|must|shall|take\s+effect|takes\s+effect|"
    r"took\s+effect|can\s+be|cannot\s+be|may\s+be|may\s+not|eligible|allowed|permitted|no\s+later\s+than)\b"
)


@cue(
    "cue",
    examples=(
        "The rule will be published on Friday and will take effect [[60 days]] later.",
        "The law requires the state to mail voter guides [[40 days]] before a general election.",
        "The email can be declassified [[15 years]] after it was sent.",
        "a rule against disclosing information about an investigation within [[60 days]] of an election",
    ),
    counter=("Less than [[a week]] later, Trump used the term on Twitter.", "He went home [[3 days]] later."),
)
def rule_offset(s: Surroundings) -> bool:
    """A time before or after something that a rule sets ('takes effect 60 days later', '40 days before an
    election', 'can be declassified 15 years after'): a rule parameter, not a date of the story."""
    if s.kind != "duration":
        return False
    if _RELATIVE_AFTER.search(s.head(30)):
        return bool(_RULE_SETS.search(s.near(100)))
    # The window form names its rule further off ('a rule against disclosing ... within 60 days of an election').
    return bool(_WITHIN_BEFORE.search(s.tail(30)) and _OF_AFTER.match(s.head(10)) and _RULE_SETS.search(s.near(160)))


# 'within 60 days of an election': the same rule offset, written as a window around the event.
_WITHIN_BEFORE = _words(r"\bwithin\s+(?:(?:about|roughly|some)\s+)?$")
_OF_AFTER = re.compile(r"^\s*of\b")


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
    counter=(
        "The shutdown lasted [[16 days]].",
        "a ban for [[four months]] on vaping products",
        "it is going to be reviewed and released in the next [[six months]]",
    ),
)
def time_window(s: Surroundings) -> bool:
    """The period over which something else is counted or happens ('$800 billion over 10 years', 'the past two
    years')."""
    if s.kind != "duration" or not _WINDOW_BEFORE.search(s.tail(60)) or record(s) or deadline(s) or rule_offset(s):
        return False
    # 'for N days' is a window only with 'the next/past ...'; a bare 'for' usually states a length.
    return not _BARE_FOR.search(s.tail(30))


_ELAPSED_BEFORE = _words(
    r"(?:\bafter|\bfollowing|\bat\s+the\s+end\s+of|\bspan\s+of|\bon\s+the\s+heels\s+of|\bpiggybacks\s+on)\s+"
    r"(?:(?:nearly|almost|about|roughly|more\s+than|over|some|around)\s+)?$"
)


@cue(
    "cue",
    examples=(
        "Burr said that after [[16 months]] of investigation, his panel sees no reason to dispute it",
        "gaveled the hearing to a close after roughly [[two hours]] of testimony",
        "Following nearly [[two decades]] of deregulation, banks grew",
    ),
    counter=("Guyger will be eligible for parole after [[five years]].", "after only [[three minutes]]"),
)
def elapsed(s: Surroundings) -> bool:
    """The time that had passed when something else happened ('after 16 months of investigation, the panel
    said'): it places the news in time, unless a rule or a penalty sets that length ('eligible for parole after
    five years')."""
    return s.kind == "duration" and bool(_ELAPSED_BEFORE.search(s.tail(40))) and not policy_period(s)


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
# The words between the activity and the number may hold an abbreviation's dots ('served in the U.S. Senate for').
_TENURE = _words(
    r"\b(?:served|serving|serves|worked|working|spent|been|career|veteran|tenure|lived|living|studied|"
    r"studying|covered|covering|known|married|run|ran|running|dominated|reigned|ruled|headed|led|helmed|chaired|"
    r"oversaw|overseen|presided|taught|in\s+office|"
    r"in\s+politics|in\s+congress|in\s+the\s+senate|in\s+the\s+house)\b(?:[^.;]|(?<=\b\w)\.){0,30}$"
)
# 'For two years, outside money was ...', 'For more than two decades, the group has worked ...': the span of time an
# account covers, opening its sentence.
_FRAME_OPENING = re.compile(r"^\W*for\s+(?:(?:nearly|almost|about|more\s+than|over|some|at\s+least)\s+)?$")
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
        "Biden had served in the U.S. Senate for [[nine years]] by the time Buttigieg was born.",
        "the State Department she helmed for [[four years]]",
        "For more than [[two decades]], the group has worked to create a wildlife corridor",
    ),
    counter=("He served [[three years]] in prison.", "For [[14 days]], travellers must quarantine at home."),
)
def tenure(s: Surroundings) -> bool:
    """How long someone held a post, lived or worked somewhere ('four years as secretary', '30 years in office'), or
    the span an account covers ('For two years, ...')."""
    if s.kind != "duration" or _PUNISHMENT.search(s.near(40)) or _AVERAGE_BEFORE.search(s.tail(90)):
        return False
    if _FRAME_OPENING.match(s.low_left) and s.right.startswith(",") and not _POLICY_WORDS.search(s.head(60)):
        return True
    return bool(_TENURE_AFTER.search(s.head(60)) or _TENURE.search(s.tail(45)))


_POLICY_WORDS = _words(
    r"\b(?:prison|jail|jailed|imprison\w*|incarcerat\w*|detained|detention|sentenced?|sentences|behind\s+bars|"
    r"probation|ban|bans|banned|banning|suspend\w*|"
    r"suspension|quarantin\w*|isolat\w*|extend\w*|extensions?|moratorium|freeze|waiting\s+period|reopen\w*|"
    r"continuing\s+resolution|stopgap|fund(?:s|ed|ing)?\b|debt\s+(?:limit|ceiling)|deadline|cap|caps|capped|"
    r"limit|limits|lockdown|shutdown|shut\s+down|furlough\w*|curfew|mandatory|minimum|"
    r"maximum|required?|requires|eligible|eligibility|expire\w*|term\s+limits?|grace\s+period|"
    r"self-quarantin\w*|monitor\w*|lasted|lasting|truce|ceasefire|sunset|mourning|parole|delay\w*|postpon\w*|"
    r"strike|strikes|striking|walkout|lockout|blockade|siege|covers|covered|covering|appropriat\w*|"
    r"program|programs|programme|pilot|"
    r"on\s+(?:paid\s+|unpaid\s+|administrative\s+)?leave)\b"
)


@cue(
    "cue",
    examples=(
        "he was sentenced to [[20 years]] in prison",
        "He was jailed for [[20 years]].",
        "Dreamers who were issued [[three-year]] extensions before the injunction",
        "a [[four-month]] ban on the sale of vaping products",
        "they would be self-quarantining for [[14 days]]",
        "leaders voted to delay implementation of the law for [[one year]]",
        "the crew had been placed on paid leave for [[21 days]]",
        "Instead, the bill covers just [[one year]] of defense spending.",
        "The teachers' strike lasted [[nine days]].",
    ),
    counter=("[[Three years]] ago he moved to Ohio.",),
)
def policy_period(s: Surroundings) -> bool:
    """A period set by a rule, a sentence, a ban or a deal ('20 years in prison', 'a four-month ban', 'fund the
    government for three weeks')."""
    return s.kind == "duration" and bool(_POLICY_WORDS.search(s.near(50)))


_SHORT_UNITS = frozenset({"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"})
_LENGTH_BEFORE = _words(
    r"\b(?:for|lasted|lasting|took|taking)\s+(?:(?:nearly|almost|about|roughly|more\s+than|over|some|at\s+least|"
    r"just|only|another|an\s+extra|up\s+to)\s+)?$"
)


@cue(
    "cue",
    examples=(
        "she confidently answered questions for [[two hours]].",
        "Nancy Pelosi told DREAMer stories for more than [[8 hours]] on the House floor",
        "Members of Congress questioned why Trump took [[eight days]] to waive the Jones Act",
        "The 2013 shutdown closed down many government functions for [[16 days]]",
    ),
    counter=("He served in the Senate for [[six years]].", "[[Two days]] later, he resigned."),
)
def event_length(s: Surroundings) -> bool:
    """How long a news event or a measure lasted, in minutes, hours, days or weeks ('answered questions for two
    hours', 'took eight days to waive the act'): a detail of the news, unlike a tenure or a time ago."""
    return (
        s.kind == "duration"
        and s.unit in _SHORT_UNITS
        and bool(_LENGTH_BEFORE.search(s.tail(40)))
        and not _FRAME_OPENING.match(s.low_left)
        and not tenure(s)
    )


_DEADLINE_BEFORE = _words(
    r"\b(?:will|would|could|can|must|should|shall|plans?\s+to|planned\s+to|expects?\s+to|expected\s+to|aims?\s+to|"
    r"vowed\s+to|promised\s+to|pledged\s+to|ordered|orders|required|requires|deadline|due|going\s+to|"
    r"commits?\s+to)\b[^.;]{0,70}?"
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
    counter=("[[30 pages]] of advertisements", "a [[20-year]] cooperation agreement"),
)
def hyphenated(s: Surroundings) -> bool:
    """The number is joined to its noun by a hyphen and modifies what follows ('a 15-day plan', 'a 30-page
    report'): usually a label; a term, a penalty or a margin ('a 20-year agreement') is ``term_of`` instead."""
    return s.kind in ("count", "duration", "quantity") and bool(_HYPHEN_LABEL.match(s.mention)) and not term_of(s)


TERM_NOUNS = frozenset(
    "sentence sentences term terms ban bans extension extensions break moratorium freeze suspension pause delay "
    "gap wait waiting deadline agreement agreements deal deals pact treaty accord contract contracts lease loan "
    "loans bond bonds mortgage cooperation partnership ceasefire truce exemption waiver warranty guarantee "
    "closure shutdown lockdown quarantine embargo sanctions probation prison jail low high lows highs record grant "
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


def cues_of(s: Surroundings, trace: Trace | None = None) -> list[str]:
    """The names of the cues that fire on one claim (also appended to ``trace`` when given)."""
    fired = [rule.name for rule in CUES.in_stage("cue") if rule.apply(s)]
    if trace is not None:
        trace.extend(fired)
    return fired
