"""Cues of check-worthiness: lists and named items, sources, audiences, bodies, ranks, biographies, harm and votes."""

from __future__ import annotations

import re

from workbench.pipeline.checkworthy.cues import _words, cue
from workbench.pipeline.checkworthy.mention import WINDOW, Surroundings

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
    "version aspect element component feature lesson thought topline subject".split()
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
    if s.kind != "count" or s.claim.value is None or s.claim.value > 12:
        return False
    if s.unit in ENUMERABLE_NOUNS or s.unit.rstrip("s") in ENUMERABLE_NOUNS:
        return True
    if _LIST_AFTER.match(s.right) or _ENUMERATION_AFTER.search(s.low_right):
        return True
    separator = _SEPARATOR_AFTER.match(s.right)
    # A count between this one and the separator owns the list ("10 paid staffers in Iowa and two offices — one
    # in West Des Moines").
    return (
        separator is not None
        and not _ANOTHER_COUNT.search(s.right[: separator.start()])
        and bool(_ITEMS_OPEN.match(s.right[separator.end() :]))
    )


_ANOTHER_COUNT = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen)\b", re.IGNORECASE)
_SINGLES_OUT_BEFORE = re.compile(r"^\W*(?:(?:and|but|still|yet|so|now|already)\W+)?at\s+least\s+$")


@cue(
    "cue",
    examples=(
        "At least [[one Republican observing]] from the sidelines sees the report as a cautionary tale.",
        "And at least [[one Clinton adversary]] has gone so far as to raise the I-word.",
        "At least [[one senior]] DOJ official had concerns Steele was unreliable.",
    ),
    counter=(
        "Manafort met at least [[one U.S. government]] official connected to the party.",
        "At least [[two people]] were killed.",
    ),
)
def singles_out(s: Surroundings) -> bool:
    """'At least one' opening a sentence introduces somebody the sentence is about; it does not count anything."""
    return (
        s.kind == "count"
        and s.claim.value == 1
        and len(s.left) < WINDOW
        and bool(_SINGLES_OUT_BEFORE.match(s.low_left))
    )


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
    r"talked\s+(?:to|with)|citing|cited)\s+(?:(?:more\s+than|over|about|nearly|some|at\s+least)\s+)?$"
)


@cue(
    "cue",
    examples=(
        "according to [[two people]] who have spoken to him",
        "the news organization reports, citing [[four sources]] deeply involved in the law",
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
        "Cinergy Entertainment Group, which operates [[five entertainment centers]] in Texas, said on Saturday",
        "The company employs [[5,000 people]] in Ohio.",
        "New York, home to [[463,000 workers]] in the food and hospitality sector, saw a decline",
        "said Judd, the president of the National Border Patrol Council, which has [[15,000 members]].",
        "Mary Sajdak, who oversees about [[60 care coordinators]] in Cook County, choked up",
        "Kurt Meyer, Democratic party chairman for [[three rural Iowa counties]] north of Des Moines, said",
        "John F. Kelly is responsible for protecting [[325 million U.S. residents]] as secretary.",
    ),
    counter=("[[100,000 people]] fled the city", "The company, which employs 5,000 people, will cut [[1,200 jobs]]."),
)
def background_size(s: Surroundings) -> bool:
    """The size of a place, a body or an audience as background ('a city of 100,000 people', 'her 5 million
    followers'), not a figure of the news."""
    if s.kind != "count":
        return False
    if s.unit in _AUDIENCE:
        return True
    if _HOLDS_BEFORE.search(s.tail(40)) and not _CHANGE_NEAR.search(s.near(40)):
        return True  # "Cinergy, which operates five entertainment centers": what a firm has, not what happened
    people = s.unit in ("person", "people", "resident", "citizen", "inhabitant", "worker", "employee", "") or (
        s.unit.endswith("an")
    )
    return people and bool(_PLACE_BEFORE.search(s.tail(70)))


_HOLDS_BEFORE = _words(
    r"(?:\b(?:employs|employing|operates|operating|owns|owning|oversees|overseeing|manages|managing|serves|serving)|"
    r"\b(?:chair(?:man|woman)?|director|head)\s+(?:for|of)|\bresponsible\s+for\s+(?:protecting|serving)|"
    r"\b(?:which|that|who)\s+(?:has|have|had|boasts|counts|represents))\s+"
    r"(?:(?:about|some|more\s+than|over|nearly|roughly|just|almost|around|only)\s+){0,2}$"
)
_CHANGE_NEAR = _words(
    r"\b(?:cut|cuts|add|adds|added|hire|hires|hired|lay\s+off|laid\s+off|fire|fired|close|closed|lost|lose|loses|"
    r"losing|gained|gains|shed|sheds)\b"
)


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
    r"(?:the\s+)?)(?:(?:about|some|more\s+than|over|nearly|roughly|just|almost|around|only)\s+){0,2}$"
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
    r"\b(?:first|second|third|fourth|fifth|last|best|worst|only|\w+est|(?:most|least)\s+(?!recent\b)[a-z]+|"
    r"\d+(?:st|nd|rd|th))"
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
    counter=(
        "[[38 senators]] voted for the bill.",
        "Clinton captured at least 33 of the [[60 delegates]] at stake.",
        "That's almost 22 percent off its most recent high of [[8,109.69]] set Aug. 29.",
    ),
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


_MULTITUDE = _words(r"^(?:tens\s+of\s+|hundreds\s+of\s+)?(?:millions|billions)\b")


@cue(
    "cue",
    examples=(
        "medical errors – that’s the equivalent of [[10 jumbo jets]] crashing every week",
        "That will come as news to the [[millions of Americans]] who will elect Mitt Romney",
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
    if _MULTITUDE.match(s.low_mention) and s.unit.endswith(("american", "yorker")):
        return True  # 'millions of Americans' with no event of its own: the nation as a figure of speech
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


_PARENT_OF = _words(r"\b(?:mother|father|mom|dad|parent|grandmother|grandfather|grandparent)\s+of\s+$")


@cue(
    "cue",
    examples=(
        "He, his wife, and their [[two children]] packed their bags",
        "Theresa Kennedy, a mother of [[two elementary school students]], served on the committee.",
    ),
    counter=("a gunman killed [[two children]] at the school",),
)
def family_detail(s: Surroundings) -> bool:
    """A person's family or household, background rather than news ('their two children', 'a mother of
    three', 'a white mother of two elementary school students')."""
    if s.kind != "count" or s.claim.value is None or s.claim.value > 12:
        return False
    kin = s.unit in _KIN or s.unit.rstrip("s") in _KIN or bool(_PARENT_OF.search(s.tail(30)))
    return kin and not _HARM.search(s.near(60))


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


_PEOPLE = frozenset(
    "person people man men woman women guy guys expert experts leader leaders friend friends youth youths "
    "official officials adviser advisers aide aides colleague colleagues activist activists student students "
    "scholar scholars reporter reporters journalist journalists voter voters lawmaker lawmakers senator senators "
    "cuban-american cuban-americans american americans power powers".split()
)
_COMPANY_BEFORE = _words(
    r"\b(?:with|between|among|alongside|joined\s+by|accompanied\s+by|flanked\s+by)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:other\s+)?$"
)


@cue(
    "cue",
    examples=(
        "Back in May, I attended a dinner with [[two experts]] in British politics.",
        "Speaking at an event last week with [[two faith leaders]], who have also gotten behind reform,",
        "the fight will come down to a slugfest between [[two young Cuban-Americans]]",
    ),
    counter=(
        "Police clashed with protesters and arrested [[two men]].",
        "He was charged with [[two counts]] of fraud.",
    ),
)
def company_of(s: Surroundings) -> bool:
    """A few people someone was with, met or faced ('a dinner with two experts', 'between two candidates'): who
    was there is the story, how many is an incidental detail."""
    if s.kind != "count" or s.claim.value is None or s.claim.value > 5:
        return False
    noun = s.low_mention.split()[-1] if s.low_mention.split() else ""
    return (s.unit in _PEOPLE or noun in _PEOPLE) and bool(_COMPANY_BEFORE.search(s.tail(40)))


_RECENT_BEFORE = _words(r"\b(?:the|its|their|his|her|our)\s+(?:past|last|previous|prior)\s+$")


@cue(
    "cue",
    examples=(
        "The gender gap widened in the past [[two presidential elections]].",
        "It replicated orders that the past [[two presidents]] have had their chiefs of staff issue.",
    ),
    counter=("He has lost [[two elections]] in a row.", "The past [[two years]] were hard."),
)
def recent_ones(s: Surroundings) -> bool:
    """'The past two elections', 'the last three presidents': the count names which ones (the most recent), like
    a date would; it does not size anything."""
    return s.kind == "count" and bool(_RECENT_BEFORE.search(s.tail(30)))


_FLIPPED_NEAR = _words(r"\b(?:flip\w*|won|win|wins|took|take|gain\w*|lost|lose|los\w+|control\w*\s+(?:only|just))\b")
# Counts that a constitution or a definition fixes: saying them again tells a reader nothing to check.
_FIXED_SIZES = {
    "chamber": 2,
    "party": 2,
    "branch": 3,
    "state": 50,
    "senator": 100,
    "justice": 9,
    "representative": 435,
    "legislator": 535,
}


@cue(
    "cue",
    examples=(
        "Americans have sorted themselves into [[two parties]] along not just ideological lines.",
        "100 women out of 535 legislators (435 representatives, [[100 senators]]) means that",
        "Republicans control both of Congress's [[two chambers]].",
    ),
    counter=("Democrats flipped [[two chambers]] of state legislatures.", "[[Twenty-nine states]] lack protections."),
)
def fixed_size(s: Surroundings) -> bool:
    """A count fixed by definition ('two parties', '100 senators', 'three branches of government'), not a figure
    of the news; flipping or winning some of them is news, so a change nearby keeps it checkable."""
    if s.kind != "count" or s.claim.value is None:
        return False
    noun = s.unit[:-3] + "y" if s.unit.endswith("ies") else s.unit.rstrip("s")
    return _FIXED_SIZES.get(noun) == s.claim.value and not _FLIPPED_NEAR.search(s.near(40))
