"""The word tables of the claims extractor: currencies, units, hedges, cue words. Data, not decisions: the rules
and patterns read them, and a new currency or unit is one entry here.

The currency, unit and calendar tables are in ``lexicon_units`` and re-exported here; this module holds the
hedges, cue words, change and goal words and the noun tables.
"""

from __future__ import annotations

from workbench.pipeline.claims.lexicon_units import (
    ADJECTIVE_ONLY_CURRENCIES,
    COUNTED_MEASURES,
    CURRENCY_ADJECTIVES,
    CURRENCY_NAMES,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIX_SIGNS,
    ISO_CODES,
    MEASURE_SYMBOLS,
    MEASURE_WORDS,
    MONTHS,
    RATE_PERIODS,
    SHARED_NAMES,
    SUBUNITS,
    TIME_UNITS,
    TOMAN_IN_RIALS,
    UNIT_SCALES,
    WEEKDAYS,
)
from workbench.pipeline.numbers import NUMBER_WORDS
from workbench.pipeline.plurals import IRREGULAR_PLURALS

HEDGES = {
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "greater than": "more_than",
    "higher than": "more_than",
    "exceeding": "more_than",
    "north of": "more_than",
    "over than": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "more then": "more_than",
    "beyond": "more_than",
    ">": "more_than",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "lower than": "less_than",
    "just under": "less_than",
    "sub-": "less_than",
    "<": "less_than",
    "at least": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "no fewer than": "at_least",
    "a minimum of": "at_least",
    "minimum of": "at_least",
    "≥": "at_least",
    "at most": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "a maximum of": "at_most",
    "maximum of": "at_most",
    "≤": "at_most",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "approximately": "about",
    "approx.": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "ca.": "about",
    "more or less": "about",
    "~": "about",
    "an average of": "about",
    "on average": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just shy of": "nearly",
    "approaching": "nearly",
    "nigh on": "nearly",
    "up to": "up_to",
    "as many as": "up_to",
    "as much as": "up_to",
    "as high as": "up_to",
}
YEAR_HEDGES = frozenset({"about"})
# Nouns after which a year is a reference point: "1990 levels", "2010 dollars", "2019 prices".
REFERENCE_YEAR_NOUNS = frozenset("levels prices figures dollars rates numbers values terms standards".split())
# Words that cannot be part of a counted noun phrase, or that mark the number as a pronoun-like use.
STOPWORDS = frozenset(
    """a an the this that these those and or but nor of in on at to from by for with without into onto over
    under about above below between among amongst through during before after since until till than as per via
    against across toward towards upon within around near off out up down is are was were be been being am has
    have had do does did will would shall should can could may might must not no yet so if then there here who
    whom whose which what when where why how he she it they we you i me him her them us our their his its my
    your said says say told tell tells according more most less least fewer many much few several some any all
    each every both either neither other another such only just also even still already ago later earlier
    percent per cent times time more while whereas because though although including included like unlike
    plus minus versus vs via apiece each alone respectively altogether instead""".split()
)
# Capitalized words that start sentences or precede numbers without being names ("In 2018", "Some 300 people").
NOT_NAMES = (
    STOPWORDS
    | frozenset(h.split()[-1] for h in HEDGES)
    | frozenset(
        """nearly almost roughly approximately estimated just well only exactly precisely total totaling
    totalling another last next top today yesterday now then thus hence however meanwhile still also since
    fully barely merely reportedly nearly""".split()
    )
    | frozenset(m.lower() for m in MONTHS)
    | frozenset(WEEKDAYS)
)
# Words after which a number is a label ("Article 5", "version 4.0", "No. 1", "Room 21").
NAME_CUES = frozenset(
    """version v ver vol volume no nos number num page pages p pp chapter ch article art section sec paragraph
    para clause item rule room rm apt apartment suite flight route highway interstate platform gate terminal
    row seat episode season part issue table figure fig exhibit appendix annex resolution amendment decree
    code ext extension tel phone fax box ward district precinct grade phase stage round game category type
    model series generation gen mark mk tier step lot batch bus train line channel camp block building hole
    pick lane track act scene verse psalm level class size cat cohort wave group division league""".split()
)
# Determiners that make a small count refer back to things already named ("the two countries").
ANAPHORIC_DETERMINERS = (
    "the these those both all each every said such another other same first last next remaining latter former "
    "previous following"
).split()
# A possessive states how many its owner has ("its 11 founders", "their two young kids"), a fact of its own,
# except for the parties to a relation, whose count is the owners' own ("our two countries").
POSSESSIVE_DETERMINERS = "its their his her our my your whose".split()
PARTY_NOUNS = frozenset(
    "country nation state people government side party leader president minister capital economy".split()
)
# Words after which a four-digit number is a year even when a plural noun follows ("the 2018 elections").
YEAR_LEAD_WORDS = (
    "the in since by of from until till through throughout during before after for early late mid spring "
    "summer autumn fall winter fiscal its their his her our this that between and to"
).split()
IE_STEMS = frozenset(
    "movie cookie zombie rookie calorie prairie lie tie pie die hippie selfie brownie genie goalie sortie "
    "budgie freebie newbie smoothie".split()
)
# Verbs and words that make "from X to Y" a change rather than a range.
CHANGE_WORDS = (
    "increase increased increases increasing rise rose risen rises rising grow grew grown grows growing jump "
    "jumped jumps jumping climb climbed climbs climbing surge surged surges surging soar soared soars soaring "
    "rocket rocketed swell swelled swollen expand expanded expands expanding boost boosted boosts boosting "
    "raise raised raises raising hike hiked gain gained gains up fall fell fallen falls falling drop dropped "
    "drops dropping decline declined declines declining decrease decreased decreases decreasing shrink shrank "
    "shrunk shrinks plunge plunged plunges plummet plummeted slump slumped slide slid slides dip dipped tumble "
    "tumbled sink sank sunk cut cuts cutting reduce reduced reduces reducing lower lowered lowering slash "
    "slashed down went gone go goes going change changed changes double doubled doubles doubling triple "
    "tripled triples tripling quadruple quadrupled halve halved halving revise revised widen widened narrow "
    "narrowed spike spiked balloon ballooned leap leapt leaped skyrocket skyrocketed inch inched edge edged "
    "move moved bring brought take took push pushed lift lifted"
).split()
CHANGE_WORD_SET = frozenset(CHANGE_WORDS)
# Words that make a later number in the same clause a goal, not a fact, when they govern a verb of reaching.
TARGET_WORDS = frozenset(
    """aim aims aimed aiming plan plans planned planning target targets targeted targeting goal goals seek seeks
    seeking sought intend intends intended intending hope hopes hoped hoping want wants wanted wanting pledge
    pledged pledges pledging vow vows vowed vowing promise promised promises promising commit commits committed
    commitment ambition ambitions objective objectives aspire aspires aspiring envisage envisages envisaged
    envision envisions strive strives striving""".split()
)
GOAL_NOUNS = frozenset("target targets goal goals objective objectives ambition ambitions".split())
REACH_VERBS = frozenset(
    """reach hit achieve attain increase raise boost grow expand double triple quadruple cut reduce lower slash
    bring lift push take get create add hire build produce export import sell buy invest spend generate exceed
    attract train plant deploy install supply deliver provide ship vaccinate recruit save earn collect make
    secure mobilize allocate pay give send host resettle admit accept purchase acquire lend borrow surpass top
    rise climb go""".split()
)
WORD_STARTS = (
    list(NUMBER_WORDS)
    + ["dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens"]
    + [
        "doubled",
        "doubling",
        "double",
        "tripled",
        "tripling",
        "triple",
        "quadrupled",
        "quadrupling",
        "quintupled",
        "halved",
        "halving",
        "twice",
        "multimillion",
        "multibillion",
        "multitrillion",
        "multi-million",
        "multi-billion",
        "multi-trillion",
        "minus",
        "half",
    ]
    + [
        w + "fold"
        for w in (
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "twenty",
            "hundred",
            "thousand",
        )
    ]
)
# Counted nouns that English writes in the singular as a modifier: "a 63-seat majority", "a 12 page document".
COMPOUND_NOUNS = (
    "member strong nation country seat bed bedroom storey story floor page point man person woman vote time game "
    "match race episode team vehicle ship plane candidate judge district state province city car lane room "
    "cylinder door speed course"
).split()


def _first_words(phrases) -> set[str]:
    return {p.split()[0].lower() for p in phrases if p and p[0].isalpha()}


# Lowercase words that may start what classify_suffix reads after a number; anything else goes straight to
# the counted-noun reading. Every lexicon the suffix readers use must be represented here.
SUFFIX_STARTERS = frozenset(
    {"percent", "percents", "percentage", "per", "pct", "basis", "bps", "bp", "pc", "fold", "times", "old"}
    | _first_words(CURRENCY_ADJECTIVES)
    | _first_words(CURRENCY_NAMES)
    | {n + "s" for n in _first_words(CURRENCY_NAMES)}
    | {"pound", "pounds", "bolívares", "bolivares", "kroner"}
    | {code.lower() for code in ISO_CODES}
    | set(SUBUNITS)
    | {"penny"}
    | set(TIME_UNITS)
    | {u + "s" for u in TIME_UNITS}
    | {"centuries", "y.o", "yo", "m.p.h"}
    | _first_words(MEASURE_WORDS)
    | {w + "s" for w in _first_words(MEASURE_WORDS)}
    | {"inches", "centuries"}
    | _first_words(MEASURE_SYMBOLS)
    | {w.lower() for w in _first_words(MEASURE_SYMBOLS)}
    | {m.lower() for m in MONTHS}
    | set(COMPOUND_NOUNS)
)
RATIO_NOUNS = frozenset("margin ratio advantage edge lead majority".split())  # "a 3-to-1 margin"
FRACTION_PARTS = {
    "half": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
VERB_MULTIPLES = {
    "doubled": 2,
    "doubling": 2,
    "double": 2,
    "tripled": 3,
    "tripling": 3,
    "triple": 3,
    "quadrupled": 4,
    "quadrupling": 4,
    "quintupled": 5,
    "halved": 0.5,
    "halving": 0.5,
}
PERIOD_SHARES = {"a": 1, "an": 1, "half a": 0.5, "half an": 0.5, "a quarter": 0.25, "a quarter of a": 0.25}
FOLD_WORDS = {
    w + "fold": NUMBER_WORDS[w]
    for w in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "hundred", "thousand")
}
# Words before "up to" that make it a bound ("making up to", "income up to"), where a change verb ("rocket up to")
# makes it a change.
STATIC_BEFORE_UP = (
    "making make makes earning earn earns income incomes add adds added adding pay paying cost costs".split()
)
# Verbs of motion before "up to" that make it the level a change reaches ("ticking up to 7.9 percent"), not a bound.
MOTION_BEFORE_UP = frozenset(
    "tick ticks ticked ticking inch inches inched inching edge edges edged edging creep creeps crept creeping "
    "climb climbs climbed climbing rise rises rose risen rising jump jumps jumped jumping shoot shoots shot "
    "shooting soar soars soared soaring surge surges surged surging spike spikes spiked spiking went gone".split()
)
OR_MORE_HEDGES = {
    "fewer": "at_most",
    "less": "at_most",
    "lower": "at_most",
    "below": "at_most",
    "under": "at_most",
    "so": "about",
}


def is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return True
    if len(lower) < 3 or not lower.endswith("s"):
        return False
    return not lower.endswith(("ss", "us", "is", "ous", "'s", "’s", "ics"))


def singular_of(word: str) -> str:
    """Dictionary form of an English plural noun, by rule with the common exceptions."""
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lower]
    if not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return lower
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-1] if lower[:-1] in IE_STEMS else lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes")):
        return lower[:-2]
    return lower[:-1]


# Words that end a counted noun phrase: stopwords, ages, and every form whose singular is a time unit (a plural
# "years", or a spelling singular_of maps onto one, such as "centuries"), checked by one set lookup.
TIME_UNIT_FORMS = frozenset(
    form for unit in TIME_UNITS for form in (unit, unit + "s", unit[:-1] + "ies") if singular_of(form) in TIME_UNITS
)
NOT_COUNTED = STOPWORDS | TIME_UNIT_FORMS | {"age", "ages", "others"}
# Nouns and verbs that take "about" or "over" as a preposition: "a debate about two guys", "a decision over two
# programs", "bragging about 3 percent"; after them the word says what is talked of, not how many.
PREPOSITION_HEADS = frozenset(
    """debate debates decision decisions question questions concern concerns worry worries fear fears news story
    stories report reports talk talks conversation conversations discussion discussions argument arguments
    dispute disputes fight fights battle battles row feud clash clashes standoff tension tensions anger outrage
    uproar controversy joke jokes complaint complaints warning warnings control authority jurisdiction
    sovereignty victory talking talked thinking thought worried concerned bragging bragged boasting boasted
    joked joking lied lying complained complaining arguing argued""".split()
)
PREPOSITION_HEDGES = frozenset({"about", "over", "around"})
# Words after which "over" before a period means "more than" ("for over two years", "in over 51 years", "served
# over two years"); after an amount or most verbs it means "during" ("$4.3 trillion over 10 years", "met 25 times
# over three months", "phased in over five years").
OVER_MEANS_MORE_AFTER = frozenset(
    """for in than of the to by after within already since took take takes taking spent spend spends spending
    served serve serves serving lasted last lasts lasting been be is was were are it's that's waited wait waiting
    lived live living worked work working stayed stay held ran run running aged""".split()
)
# Nouns that a model or index number names rather than dates: "the Russell 2000 index", "a Windows 2000 server".
LABELLED_NOUNS = frozenset(
    "index indexes indices model models series version versions edition editions class engine engines jet jets "
    "server servers processor processors chip chips console consoles".split()
)

# The names of this module and of ``lexicon_units``, which the extractor imports from here.
__all__ = [
    "ADJECTIVE_ONLY_CURRENCIES",
    "ANAPHORIC_DETERMINERS",
    "CHANGE_WORDS",
    "CHANGE_WORD_SET",
    "COMPOUND_NOUNS",
    "COUNTED_MEASURES",
    "CURRENCY_ADJECTIVES",
    "CURRENCY_NAMES",
    "CURRENCY_PREFIXES",
    "CURRENCY_SUFFIX_SIGNS",
    "FOLD_WORDS",
    "FRACTION_PARTS",
    "GOAL_NOUNS",
    "HEDGES",
    "IE_STEMS",
    "IRREGULAR_PLURALS",
    "ISO_CODES",
    "LABELLED_NOUNS",
    "MEASURE_SYMBOLS",
    "MEASURE_WORDS",
    "MONTHS",
    "MOTION_BEFORE_UP",
    "NAME_CUES",
    "NOT_COUNTED",
    "NOT_NAMES",
    "NUMBER_WORDS",
    "OR_MORE_HEDGES",
    "OVER_MEANS_MORE_AFTER",
    "PARTY_NOUNS",
    "PERIOD_SHARES",
    "POSSESSIVE_DETERMINERS",
    "PREPOSITION_HEADS",
    "PREPOSITION_HEDGES",
    "RATE_PERIODS",
    "RATIO_NOUNS",
    "REACH_VERBS",
    "REFERENCE_YEAR_NOUNS",
    "SHARED_NAMES",
    "STATIC_BEFORE_UP",
    "STOPWORDS",
    "SUBUNITS",
    "SUFFIX_STARTERS",
    "TARGET_WORDS",
    "TIME_UNITS",
    "TIME_UNIT_FORMS",
    "TOMAN_IN_RIALS",
    "UNIT_SCALES",
    "VERB_MULTIPLES",
    "WEEKDAYS",
    "WORD_STARTS",
    "YEAR_HEDGES",
    "YEAR_LEAD_WORDS",
    "is_plural",
    "singular_of",
]
