"""Cues of check-worthiness: methods, denominators, places, names, hypotheticals, changes, thresholds, vague or
rough figures, engagement, page furniture, tables, hedges, goals and quotes.
"""

from __future__ import annotations

import re

from workbench.models import CALENDAR_KINDS
from workbench.pipeline.checkworthy.cues import _words, cue, term_of
from workbench.pipeline.checkworthy.cues_groups import _METHOD_NEAR
from workbench.pipeline.checkworthy.mention import WINDOW, Surroundings

_METHOD = _words(
    r"\b(?:margin\s+of\s+(?:sampling\s+)?error|sampling\s+error|plus\s+or\s+minus|"
    r"(?:poll|survey|study|sample|panel|analysis|examination|review|audit)\s+(?:\w+\s+){0,2}of\s+"
    r"(?:(?:nearly|about|more\s+than|over|some|roughly|almost|around|just)\s+)?$|"
    r"questionnaires?\s+to\s+(?:all\s+)?(?:the\s+)?$|"
    r"(?:conducted|taken|polled|surveyed)\b[^;]{0,40}\bwith\s+$|"
    r"(?:surveyed|polled|interviewed|questioned)\s+(?:\w+\s+){0,2}$|"
    r"(?:rolling|moving)\s+average|averag\w+\s+over)"
)


@cue(
    "cue",
    examples=(
        "The poll of [[1,017 registered voters]] also found that",
        "It has a margin of error of plus or minus [[3.5 percentage points]].",
        "The poll was conducted Sept. 26-29, with [[1,001 adults]] nationwide, including 929 registered voters",
        "In an examination of nearly [[90,000 complaints]] filed over 13 years against the department,",
        "He sent questionnaires to all [[251 establishments]] to ask whether they would serve them.",
        "We received [[1,087 complete responses]].",
    ),
    counter=("[[43 percent]] of voters approve.",),
)
def methodology(s: Surroundings) -> bool:
    """A detail of how a figure was measured: sample size, margin of error, averaging window, a dataset."""
    if s.kind == "count" and s.unit in _SURVEY_UNITS:
        return True
    return bool(_METHOD.search(s.tail(60)) or _METHOD.search(s.near(40)) or _METHOD_NEAR.search(s.near(60)))


_SURVEY_UNITS = frozenset({"response", "respondent", "questionnaire"})


_PER_BEFORE = _words(r"\b(?:per|for\s+every|out\s+of|of\s+every|every)\s+$")


@cue("cue", examples=("14.3 deaths per [[1,000 residents]]",), counter=("[[1,000 residents]] were evacuated",))
def denominator(s: Surroundings) -> bool:
    """The base of a rate or ranking ('per 1,000 residents', 'out of 180 countries')."""
    return bool(_PER_BEFORE.search(s.tail(20)))


_LOCATES_AFTER = _words(
    r"^\s*\)?\s*(?:\([^)]*\)\s*)?(?:from|away|outside|(?:to\s+the\s+)?(?:north|south|east|west|northeast|"
    r"northwest|southeast|southwest)|off|inland|up|down|of\s+(?:downtown|the\s+border))\b"
)


@cue(
    "cue",
    examples=(
        "his office, about [[20 miles]] from downtown Los Angeles",
        "On Sunday, [[two blocks]] to the east of the park, protesters gathered.",
    ),
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
    counter=("[[2,020 people]] signed the petition", "In China nearly [[1800 people]] have died."),
)
def year_like_count(s: Surroundings) -> bool:
    """A count whose number is a year written without separators ('2020 hopefuls', '1967 borders'): a label.

    A hedged one ('nearly 1800 people have died') is a count: nobody writes 'nearly 1967 borders'."""
    value = s.claim.value
    return (
        s.kind == "count"
        and s.claim.hedge is None
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


# The hedge of the figure itself ("more than 40 of the richest people", "up to 534 people") is no comparison.
_HEDGE_WORDS = _words(r"\b(?:(?:more|less|fewer)\s+than|up\s+to)\s*$")


@cue(
    "cue",
    examples=("Shipments rose [[6.0 percent]] in October.", "Sales were [[5 percent]] higher than a year ago."),
    counter=("In [[2014]], he left.", "He celebrated with more than [[40]] of the richest people in New York."),
)
def change_or_comparison(s: Surroundings) -> bool:
    """A change or a comparison near the number ('rose 6 percent', 'more than twice as many'); not the figure's
    own hedge ('more than 40 guests'), which says how exact it is, not what it is compared with."""
    if s.claim.role is not None or s.claim.change_group is not None:
        return True
    left = s.tail(35)
    if s.claim.hedge is not None:
        left = _HEDGE_WORDS.sub("", left)
    return bool(_CHANGE.search(f"{left} {s.low_mention} {s.head(35)}"))


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
    counter=("[[Two countries]] signed a plan.", "the talks and the signing of the [[20-year]] cooperation."),
)
def definite_reference(s: Surroundings) -> bool:
    """A definite or possessive before a count ('the two countries', 'their two children'): a known set. Not the
    term of a deal or a penalty ('the 20-year cooperation', 'the 18-day delay'): that stays news when named again."""
    return s.kind in ("count", "duration") and bool(_DEFINITE_BEFORE.search(s.tail(40))) and not term_of(s)


_LINK_BOX_END = re.compile(r"\bMORE\s*\((?:[RDI]-|[A-Z][a-z]+\.?\))")
_FURNITURE = _words(
    r"^\s*(?:(?:more|related|read\s+more|see\s+also|recommended|trending|up\s+next|watch|"
    r"listen|video|photo|image|exclusive|breaking)\s*:|story\s+(?:highlights|continued)|close\b|advertisement\b|"
    r"image\s+(?:copyright|caption)\b|photo\s+caption\b)"
)
# A publisher's own offer inside the article text: "use the promo code FISA to get 25% off VIP membership!"
_PROMOTION_WORDS = ("code", "coupon", "subscribe", "vip")  # checked first: the pattern is slow to fail
_PROMOTION = _words(
    r"\b(?:promo(?:tion(?:al)?)?\s+code|coupon|discount\s+code|subscribe\s+(?:now|today)|join\s+\w+\s+vip)\b"
)


@cue(
    "cue",
    examples=(
        "More: Travel ban timeline: 17 months, three versions, [[two appeals courts]]",
        "Image copyright Reuters Image caption [[Thousands]] joined a nationwide school walkout last month",
        "Shelby Appropriators agree to deadline | New study says tariffs threaten [[1.5 million jobs]] | "
        "Senate passes bill MORE (R-Ala.) warned that a pardon would be wrong.",
        "Exclusive: [[Two other Trump advisers]] also spoke with Russian envoy during GOP convention",
        "Join Townhall VIP and use the promo code FISA to get [[25%]] off VIP membership!",
    ),
    counter=("More than [[17 people]] died.", "The exclusive deal covers [[25%]] of the market."),
)
def page_furniture(s: Surroundings) -> bool:
    """Related-link headlines, captions, blurbs, the publisher's promotions: the sentence opens like page
    furniture, it sells something ('use the promo code ... to get 25% off'), or the number sits in a run of link
    texts glued into the article ('... | New study says tariffs threaten 1.5M jobs ... MORE (R-Ala.)')."""
    if _FURNITURE.match(s.low_left) and len(s.left) < WINDOW:
        return True
    if s.kind in ("percent", "money"):  # a promotion's figure is a discount or a price
        near = s.near(80)
        if any(word in near for word in _PROMOTION_WORDS) and _PROMOTION.search(near):
            return True
    return (s.left.count(" | ") + s.right.count(" | ") >= 2) or bool(_LINK_BOX_END.search(s.right))


_NUMBER = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]{2,}")


@cue(
    "cue",
    examples=("Warren 3.1 3.3 Buttigieg 2.9 3.2 Sanders 3.1 [[3,360 voters]] 2.9 2.7 3.1",),
    counter=(
        "Trump won [[304 electoral votes]].",
        "While their numbers more than doubled from 1999 to 2011 (from 457 to [[1,018]]), they then declined to "
        "784 in 2014.",
    ),
)
def number_table(s: Surroundings) -> bool:
    """A run of figures with few words between them: a table copied into the text."""
    window = s.left[-60:] + s.right[:60]
    runs = re.findall(r"\d[\d,.]*", window)
    # Prose that compares figures ("doubled from 1999 to 2011 (from 457 to 1,018), then declined to 784") has
    # as many figures, but far more words between them.
    return len(runs) >= 5 and len(runs) * 8 > len(window) * 0.4 and len(_WORD.findall(window)) < 2 * len(runs)


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


_QUESTION_END = re.compile(r"\?[\"”’')\]]*\s*$")
_WHICH_BEFORE = _words(r"\b(?:name|ask(?:ed|s)?|know|wonder\w*|decide\w*|predict\w*|guess\w*)\s+(?:which|what)\s+$")


@cue(
    "cue",
    examples=(
        "Are we assuming that a [[75%]] reduction in restaurant seating will save 50% of restaurants?",
        "What do you say to the [[millions of Americans]] who might have jobs today?",
        "One, asked to name which [[three candidates]] will fight for the nomination, did not hesitate.",
    ),
    counter=(
        "The agency made [[120,000 arrests]] last year.",
        "That is exactly what [[three Supreme Court opinions]] have prohibited.",
    ),
)
def question(s: Surroundings) -> bool:
    """The sentence asks rather than states, or the number sits in an indirect question ('name which three
    candidates will ...'): a number in a question is usually rhetorical or illustrative (the model weighs it;
    'Did the deficit rise 10%?' can still be checked)."""
    if _QUESTION_END.search(s.right):
        return True
    tail = s.tail(24)
    return ("which" in tail or "what" in tail) and bool(_WHICH_BEFORE.search(tail))


# Numbers that belong to a fixed expression rather than count anything ("one country, two systems", "24-7",
# "two fingers of Scotch", "rounding to two decimal places", "a thousand times").
_IDIOM = _words(
    r"\bone\s+country,\s+two\s+systems\b|\b24\s*[-/]\s*7\b|\bone-(?:off|on-one|two)\b|"
    r"\bunder\s+one\s+roof\b|\btwo\s+fingers\s+of\b|\bdecimal\s+places?\b|\btwo\s+cents\b|"
    r"\btwo\s+sides\s+(?:of|can|could|to)\b|"
    r"\b(?:a|one|ten)\s+(?:hundred|thousand|million)\s+(?:times|words|miles)\b|\b10,000\s+(?:times|hours)\b|"
    r"\b(dozens|hundreds|thousands|millions|billions)\s+(?:and|upon)\s+\1\b"
)

# Every phrase of _IDIOM holds one of these: a plain substring test rules out most claims before the pattern runs.
_IDIOM_WORDS = (
    "system", "24", "one-", "roof", "finger", "decimal", "cents", "sides", "times", "words", "miles", "hours",
    "dozens", "hundreds", "thousands", "millions", "billions",
)  # fmt: skip


@cue(
    "cue",
    examples=(
        "Some believed that \u201cone country, [[two systems]]\u201d would lead toward the dominance of Beijing.",
        "Biden may pour himself [[two fingers]] of Scotch.",
        "The total is 100.1 due to rounding only to [[two decimal places]].",
        "If one acquires expertise in a thing by doing it [[10,000 times]], you might call me an expert.",
        "They hear the same messages from thousands and [[thousands]] of their constituents.",
    ),
    counter=("The two sides signed a [[20-year]] agreement.", "Police fired [[two shots]] at the car."),
)
def idiom(s: Surroundings) -> bool:
    """A number inside a set phrase or figure of speech ('millions and millions'): nothing is counted, so there
    is nothing to check."""
    if s.kind in CALENDAR_KINDS:
        return False
    near = s.near(40)
    return any(word in near for word in _IDIOM_WORDS) and bool(_IDIOM.search(near))
