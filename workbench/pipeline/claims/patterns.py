"""The compiled patterns the scanner and the rules match with, built once from the lexicon.

Patterns that look at what precedes a mention run on the reversed text (``ending`` and ``behind``), so "does the
text before here end with a hedge?" is one anchored match instead of a search over a window."""

from __future__ import annotations

import re

from workbench.pipeline.claims.lexicon import (
    ANAPHORIC_DETERMINERS,
    CHANGE_WORDS,
    COMPOUND_NOUNS,
    CURRENCY_ADJECTIVES,
    CURRENCY_NAMES,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIX_SIGNS,
    HEDGES,
    ISO_CODES,
    MEASURE_SYMBOLS,
    MEASURE_WORDS,
    MONTHS,
    POSSESSIVE_DETERMINERS,
    STATIC_BEFORE_UP,
    TARGET_WORDS,
    WORD_STARTS,
    YEAR_LEAD_WORDS,
)
from workbench.pipeline.numbers import ci_trie, trie_pattern

GOAL_TRIE = trie_pattern(sorted(TARGET_WORDS | {"set"}))
GOAL_WORD_ANY_CASE = re.compile(r"(?<![a-z])(?:" + GOAL_TRIE + r")(?![a-z])", re.IGNORECASE)
# In lowercased text: the character before the word opens the pattern (anything but a-z), a class the engine
# skips through much faster than it tries an assertion at every character; the text's start is tried apart.
GOAL_WORD = re.compile(r"[\x00-\x60\x7b-\U0010ffff](?P<goal>" + GOAL_TRIE + r")(?![a-z])")
GOAL_WORD_AT = re.compile(r"(?:" + GOAL_TRIE + r")(?![a-z])")
GOAL_OPENINGS = frozenset(word[:2] for word in TARGET_WORDS | {"set"})
LONGEST_GOAL_WORD = max(map(len, TARGET_WORDS))
BLANK = r"[ \t\u00a0]"


def ending(phrases: list[str], *, gap: str = BLANK + "*") -> re.Pattern:
    """A pattern for "the text before here ends with one of ``phrases``", run on the reversed text.

    Checking what precedes a mention is then one anchored match, instead of a search that would try every
    position of the window. Use it with ``behind(text, offset)``.
    """
    worded = sorted({p[::-1] for p in phrases if p[0].isalnum()})
    symbols = sorted({p[::-1] for p in phrases if not p[0].isalnum()})
    branches = [ci_trie(worded) + r"(?![\w])"] if worded else []
    branches += ["(?:" + trie_pattern(symbols) + ")"] if symbols else []
    return re.compile(gap + "(?:" + "|".join(branches) + ")")


def behind(text: str, offset: int, reach: int = 48) -> str:
    """The ``reach`` characters before ``offset``, reversed, for the patterns made by ``ending``."""
    return text[max(0, offset - reach) : offset][::-1]


FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("May", "June", "July")]
SHORT_MONTHS = [m for m in MONTHS if m not in FULL_MONTHS]  # "Jan", "Sept": may take a period
MONTH = r"(?:" + trie_pattern(FULL_MONTHS) + r"|(?:" + trie_pattern(SHORT_MONTHS) + r")\.?)"


def _case_variants(words: list[str]) -> list[str]:
    """Lower, Capitalized and UPPER forms: a case-sensitive prefix tree scans several times faster than (?i)."""
    return sorted({form for word in words for form in (word, word.capitalize(), word.upper())})


LETTER_PREFIXES = [p for p in CURRENCY_PREFIXES if p[0].isalpha()] + sorted(ISO_CODES)
SYMBOL_PREFIXES = [p for p in CURRENCY_PREFIXES if not p[0].isalpha()]
# A currency sign or code, or a month name, comes right before digits; they are found by looking back from the
# digits (reversed text, see ``ending``), so the scanner itself only has to find digits and number words.
CURRENCY_AT = re.compile(
    r"(?:" + trie_pattern(LETTER_PREFIXES) + r"|" + trie_pattern(SYMBOL_PREFIXES) + r")(?=" + BLANK + r"?\d)"
)
CURRENCY_BEFORE = re.compile(
    BLANK
    + r"?(?:(?:"
    + trie_pattern([p[::-1] for p in LETTER_PREFIXES])
    + r")(?![\w])|(?:"
    + trie_pattern([p[::-1] for p in SYMBOL_PREFIXES])
    + r"))"
)
# Characters right before digits that no currency sign or code ends with; a quick way out before the pattern.
PLAIN_BEFORE = frozenset("(\"'“‘[,;")
MONTH_BEFORE = re.compile(
    BLANK
    + r"+(?:(?:"
    + trie_pattern([m[::-1] for m in FULL_MONTHS])
    + r")|\.?(?:"
    + trie_pattern([m[::-1] for m in SHORT_MONTHS])
    + r"))(?![\w])"
)
# The last characters of currency signs and codes and of month names: after a blank, anything else before the
# digits rules both out without the pattern ("of 5", "to 5").
PREFIX_LAST_CHARS = frozenset(
    {prefix[-1] for prefix in LETTER_PREFIXES + SYMBOL_PREFIXES} | {month[-1] for month in MONTHS} | set(". \t\u00a0")
)  # (a month may stand several blanks before its day)
# Both in one pattern, because one of the two is looked for before nearly every number.
PREFIX_BEFORE = re.compile(f"(?P<currency>{CURRENCY_BEFORE.pattern})|(?P<month>{MONTH_BEFORE.pattern})")
# Where a quantity may start: digits that do not continue a word, code or number ("A320", "COVID-19",
# "1.2.3"), a minus sign, a fraction sign, or a number word. Digits and words are looked for by two patterns that
# each open with a character class, which lets the regex engine skip every other character without trying the
# pattern there; the scanner takes whichever comes first. Each branch checks what came before only after that
# class. Letter prefixes glued to digits ("RM23.50", "$US8") are allowed.
NUMBER_CHARS = "−.½¼¾⅓⅔⅕⅛⅜⅝⅞-"  # "-" last: literal in a character class
NUMBER_START = re.compile(
    # ASCII digits and every character from the first non-ASCII digit (U+0660) on, a wider class that the
    # engine tests several times faster than \d; the branches below admit only digits and the signs.
    r"[0-9\u0660-\U0010ffff" + NUMBER_CHARS + r"]"
    r"(?:(?<=\d)(?:(?<=mid-\d)|(?<=Mid-\d)|(?<=pre-\d)|(?<=post-\d)|(?<=late-\d)|(?<=sub-\d)|(?<=early-\d)"
    r"|(?<=\$US\d)|(?<=\$A\d)|(?<=\$NZ\d)|(?<=RM\d)|(?<=Rs\d)|(?<=Rp\d)|(?<=[A-Z]{3}\d)|(?<=\+/-\d)|(?<=\+/−\d)"
    r"|(?<![\w.,/\-−–'’#@]\d))"
    r"|(?<=[-−])(?=\d)(?<![^\s(\[][-−])|(?<=\.)(?=\d)(?<=[\s(]\.)"
    r"|(?<=[½¼¾⅓⅔⅕⅛⅜⅝⅞])(?<![\w][½¼¾⅓⅔⅕⅛⅜⅝⅞]))"
)
PERCENT_AHEAD = r"|percent\b|per[ \t\u00a0]?cent\b|percentage[ \t-]+point|basis[ \t-]+point"  # "a percent", "half a"
A_SCALE_AHEAD = (
    r"(?=(?i:(?:dozen|hundred|thousand|million|billion|trillion|decade|century|quarter[ -]century|half|"
    r"year|month|week|day|hour|minute|"
    r"third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)\b" + PERCENT_AHEAD + "))"
)
HALF_A_SCALE_AHEAD = (
    r"(?=(?i:(?:dozen|hundred|thousand|million|billion|trillion|century|decade|year|month|week|day|hour|minute)\b"
    + PERCENT_AHEAD
    + "))"
)
# What follows the first letter of a number word: "a"/"an" and "half a(n)" only before a scale or period ("a
# dozen", "half a million"), any other number word when the word ends there.
AFTER_INITIAL = {
    "a": "n?" + BLANK + "+" + A_SCALE_AHEAD,
    "A": "[nN]?" + BLANK + "+" + A_SCALE_AHEAD,
    "h": "alf(?:" + BLANK + "+an?" + BLANK + "+" + HALF_A_SCALE_AHEAD + "|-(?=(?i:dozen)\\b))",
    "H": "alf(?:" + BLANK + "+an?" + BLANK + "+" + HALF_A_SCALE_AHEAD + "|-(?=(?i:dozen)\\b))",
}


def _number_word_pattern(words: list[str], initials: list[str]) -> str:
    """One alternative per first letter, lowercase first and common initials first: the regex engine tries
    alternatives in order at every word start, and most words are lowercase and start with "t", "a", "o", "s"."""
    initials = sorted(initials, key=lambda c: (c.isupper(), "taoshfmdenbqzcpwilgryvkjux".find(c.lower())))
    alternatives = []
    for initial in initials:
        tails = [AFTER_INITIAL[initial]] if initial in AFTER_INITIAL else []
        rests = [word[1:] for word in words if word[0] == initial]
        if rests:
            tails.append("(?:" + trie_pattern(rests) + r")(?![\w])")
        alternatives.append(re.escape(initial) + "(?:" + "|".join(tails) + ")")
    return "(?=[" + "".join(sorted(initials)) + "])(?:" + "|".join(alternatives) + ")"


NUMBER_WORD_FORMS = _case_variants(WORD_STARTS)
WORD_INITIAL_SET = frozenset({word[0] for word in NUMBER_WORD_FORMS} | set(AFTER_INITIAL))
NUMBER_WORD = _number_word_pattern(NUMBER_WORD_FORMS, list(WORD_INITIAL_SET))
# The first two characters a number word can open with ("tw", "a ", "Ha"), to rule out most text starts at once.
WORD_OPENINGS = frozenset(
    {word[:2] for word in NUMBER_WORD_FORMS}
    | {a + blank for a in ("a", "A") for blank in " \t\u00a0"}
    | {"an", "An", "AN", "ha", "Ha"}
)
# A number word starts a word: the pattern opens with the character before it (the text's start is tried apart):
# any character but an ASCII letter, digit or "_", as ranges, which the engine tests faster than the "not a word
# character" category. A non-ASCII letter before it lets through a word the scanner then finds inside a word.
WORD_START = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\U0010ffff](?P<word>" + NUMBER_WORD + ")")
WORD_AT_TEXT_START = re.compile(NUMBER_WORD)
# Page furniture, judged on the run of non-blank characters around a candidate: links, handles, hashtags.
FURNITURE_RUN = re.compile(
    r"://|www\.|@|^[(\[\"'“‘]*#|\.(?i:com|org|net|gov|edu|io|co|uk|ly|me|tv|info|news|ir|ru|cn|de|fr|int|html?|php"
    r"|aspx?|jpe?g|png|gif|pdf)(?:/|\?|$)"
)
# A run opening with "+" and digits is a phone number ("+1 202 ..."), unless a percent follows: "+5%", "+45 points".
PLUS_DIGITS = re.compile(r"^[(\[]*\+\d")
# A ticker symbol and a comma right before a signed number: a market page's live quote, not the writer's figure.
QUOTE_TICKER = re.compile(r"(?<![\w.&])[A-Z][A-Z0-9.]{0,11},[ \u00a0]\Z")
# Digits that are clock times, phone numbers or footnote marks, matched where the digits start.
NOT_AMOUNT_AT = re.compile(
    r"\d{1,2}(?::\d{2}){1,2}(?!\d)"
    r"|\d{1,2}" + BLANK + r"?(?=(?i:[apo]))(?i:a\.m\.|p\.m\.|am(?![\w])|pm(?![\w])|o'clock|o’clock)"
    r"|\d{3}[-.]\d{3}[-.]\d{4}(?!\d)"
    r"|(?<=\()\d{3}\)" + BLANK + r"?\d{3}[-.]\d{4}(?!\d)"
    r"|(?<=\[)\d{1,3}\]"
)
FURNITURE_HINTS = frozenset("/@#+.-−")  # every furniture run holds one of these (a sign: a ticker's quote)
RUN_REACH = 60  # characters looked at on each side when judging the run around a candidate
RUN = re.compile(rf"\S{{0,{RUN_REACH}}}")  # the non-blank characters from a candidate on
HEDGE_BEFORE = ending(list(HEDGES))
PERCENT = re.compile(
    BLANK
    + r"?(?:%|-?"
    + BLANK
    + r"?(?=(?i:[pb]))(?i:percentage[ \t-]+points?|basis[ \t-]+points?|per"
    + BLANK
    + r"?cent|percents?|percentage(?!"
    + BLANK
    + r"*-?"
    + BLANK
    + r"*points?)|pct)(?![\w])|(?:bps|bp|pc)(?![\w]))"
)
AS_BEFORE = re.compile(BLANK + r"+sa(?![\w])", re.IGNORECASE)  # reversed " as"
NUMBER_THEN_PERCENT = re.compile(r"[\d.,]+" + PERCENT.pattern)
# "a percent", "half a percentage point": an article as the number; "a percentage" alone is no amount.
ARTICLE_PERCENT = re.compile(
    r"(?i:(half" + BLANK + r"+)?an?" + BLANK + r"+(percent|per" + BLANK + r"?cent|percentage[ \t-]+points?|"
    r"basis[ \t-]+points?)(?![\w]))"
)
# "a tenth of a percent", "a quarter of a percentage point": a share of one percent is a percent.
OF_A_PERCENT = re.compile(
    BLANK
    + r"+of"
    + BLANK
    + r"+(?i:an?|one|1)"
    + BLANK
    + r"+(?i:(percent|per"
    + BLANK
    + r"?cent|percentage[ \t-]+points?|basis[ \t-]+points?))(?![\w])"
)
CURRENCY_AFTER = re.compile(
    r"(?:"
    + BLANK
    + r"+|-)(?:("
    + ci_trie(CURRENCY_ADJECTIVES)
    + r"|[A-Z][a-z]+)"
    + BLANK
    + r"+)?"
    + ci_trie(
        list(CURRENCY_NAMES)
        + [n + "s" for n in CURRENCY_NAMES]
        + ["pound", "pounds", "bolívares", "bolivares", "kroner"],
        capture=True,
    )
    + r"(?![\w])"
    r"|" + BLANK + r"?(" + trie_pattern(ISO_CODES) + r")(?![\w])"
    r"|" + BLANK + r"?([" + "".join(CURRENCY_SUFFIX_SIGNS) + r"])(?![\w$€£¥])(?!" + BLANK + r"?\d)"
)
SUBUNIT = re.compile(r"(?:(?:" + BLANK + r"+|-)(?=(?i:[cp]))(?i:(cents?|pence|penny))|(p))(?![\w])")
# "3 dollars 50 cents", "thirteen dollars and forty-five cents": the cents belong to the same amount.
AND_CENTS = re.compile(BLANK + r"+(?:(?i:and)" + BLANK + r"+)?(?=[\dA-Za-z])")
TIME_UNIT = re.compile(
    r"(?:" + BLANK + r"*|" + BLANK + r"?-" + BLANK + r"?)(?=(?i:[ydcmwhs]))(?i:(years?|yrs?|decades?|century|centuries|"
    r"months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|yo|y\.o\.))(?![\w])"
    r"(?:(?:" + BLANK + r"+|-)(?i:(old|of" + BLANK + r"+age))(?![\w]))?"
)
MEASURE = re.compile(
    r"(?:"
    + BLANK
    + r"?-?"
    + BLANK
    + r"?)(?:"
    + ci_trie(
        list(MEASURE_WORDS)
        + [w + "s" for w in MEASURE_WORDS if not w.endswith(("s", "feet", "celsius", "fahrenheit", "power", "day"))]
        + ["inches", "centuries"],
        capture=True,
    )
    + r"|("
    + trie_pattern(MEASURE_SYMBOLS)
    + r"))(?![A-Za-z0-9])"
)
RATE = re.compile(
    r"(?:" + BLANK + r"+(?i:per|a|an|each)" + BLANK + r"+|" + BLANK + r"?/" + BLANK + r"?)"
    r"(?i:(day|week|month|year|annum|hour|minute|second|capita|person))(?![\w])"
)
FOLD = re.compile(BLANK + r"?-?(?=(?i:f))(?i:fold)(?![\w])")
TIMES = re.compile(BLANK + r"+(?=(?i:t))(?i:times)(?![\w])")
COMPARATIVE = re.compile(
    BLANK + r"+(?i:as|more|less|higher|lower|larger|bigger|greater|smaller|faster|slower|the|that|what|over|"
    r"longer|shorter|cheaper|costlier|stronger|heavier|richer|worse|better|above|below|ahead)(?![\w])"
)
COMPOUND_NOUN = re.compile(
    r"(?:-|" + BLANK + r"(?=[a-z]+" + BLANK + r"+[a-z]))(" + trie_pattern(COMPOUND_NOUNS) + r")(?![\w-])"
)
NO_SUFFIX_AFTER = frozenset(",.;:!?)]}\"'”’")  # a number followed by these has no unit or currency after it
NEXT_TOKEN = re.compile(BLANK + r"+([a-z][A-Za-z.]*)")  # a lowercase word after a blank; others are rare
NOUN_TOKEN = re.compile(BLANK + r"+([A-Z](?:(?:\.[A-Z])+\.|[A-Za-z'’\-]*)|[a-z][A-Za-z'’\-]*)")  # "U.S." whole
OF = re.compile(BLANK + r"+of(?=" + BLANK + r")")
LETTER_SCALE = re.compile(r"([kKmMbBT])(?![\w])")
DECADE = re.compile(r"s(?![\w])|’s(?![\w])|'s(?![\w])")
ORDINAL = re.compile(r"(?i:st|nd|rd|th)(?![\w])")
RANGE_SEP_STARTS = frozenset(" \t\u00a0-–—")
DASHES = frozenset("-–—")
DASH_JOIN = re.compile(r"[-–—](?:(?i:to)[-–—])?")  # "51-44", "48-to-41"
# A vote's tally, winners first: "a 7-2 vote", "a 231-188 vote", "by a vote of 53-44", "voted 51-49". A "5-4
# decision" may be a judges' score as well as a court's vote, and stays unread.
# A third figure counts those voting present or abstaining ("230-197-1"); "230 to 197" needs a vote named before it.
TALLY = re.compile(
    r"(?:[-–—](?:(?i:to)[-–—])?|(" + BLANK + r"+to" + BLANK + r"+))"
    r"(\d{1,3})(?:[-–—]\d{1,2})?(?![\d%\w-]|[.,]\d)"
    r"(?:" + BLANK + r"+((?i:votes?|tally))(?![\w]))?"
)
TALLY_BEFORE = ending(
    [
        "vote of",
        "votes of",
        "voted",
        "tally of",
        "vote was",
        "vote is",
        "passed by",
        "adopted by",
        "approved by",
        "rejected by",
        "defeated by",
        "confirmed by",
        "passed",
        "adopted",
        "approved",
    ]
)
SHARE_OF_VOTE = re.compile(BLANK + r"+of" + BLANK + r"+the" + BLANK + r"+(?:(?i:popular)" + BLANK + r"+)?vote(?![\w])")
VOTE_IN_CLAUSE = re.compile(r"(?<![\w])(?i:vot(?:e|es|ed|ing))(?![\w])")
TALLY_CLAUSE_REACH = 100  # characters before a tally searched for the vote it counts ("The House voted 230-197")
BLANKS = frozenset(" \t\u00a0")
AFTER_BLANK_SEP = frozenset(" \t\u00a0-–—tTaAoOuU")  # more blanks, a dash, or a separator word's first letter
# A suspended hyphen ("a seven- to nine-year sentence", "two- or three-day") joins like "to" or "or".
RANGE_SEP = re.compile(
    BLANK + r"*(?:[-–—]" + BLANK + r"+(?i:to|or)(?=" + BLANK + r")|[-–—](?:(?i:to)[-–—])?|"
    r"(?=(?i:[taou]))(?i:to|through|thru|and|or|until|till))" + BLANK + r"*"
)
DAY_FIRST = re.compile(
    r"(?i:st|nd|rd|th)?"
    + BLANK
    + r"+(?:of"
    + BLANK
    + r"+)?("
    + MONTH
    + r")(?![\w])(?:,?"
    + BLANK
    + r"+(\d{4})(?![\d\w]))?"
)
MONTH_FIRST = re.compile(
    r"("
    + MONTH
    + r")"
    + BLANK
    + r"+(?:(\d{1,2})(?:st|nd|rd|th)?(?![\d:\w])(?:[-–](\d{1,2})(?![\d:\w]))?(?:,?"
    + BLANK
    + r"+(\d{4})(?![\d\w]))?|(\d{4})(?![\d\w]))"
)
SIMPLE_FRACTION = re.compile(r"[/⁄](\d{1,4})(?![\d/⁄])")
ISO_DATE = re.compile(r"-(\d{2})-(\d{2})(?![\d\w])")
SLASHED = re.compile(r"(?:[/⁄]\d+)+")
MULTI_MONEY = re.compile(
    r"(?i:multi-?(?:million|billion|trillion))(?:" + BLANK + r"|-)+(?i:(dollar|euro|pound|yuan|yen|rupee|"
    r"ruble|rouble|rial|riyal|dirham|peso))(?![\w])"
)
FRACTION = re.compile(
    r"(?i:(an?|one|two|three|four|five|six|seven|eight|nine|ten)[ \t-]+(halves|half|thirds?|quarters?|fourths?|"
    r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?))(?=" + BLANK + r"+of(?![\w]))"
)
# Joined by a hyphen, a fraction needs no "of": "two-thirds below the trend", "a two-thirds majority".
HYPHENED_FRACTION = re.compile(
    r"(?i:(one|two|three|four|five|six|seven|eight|nine|ten)-(halves|half|thirds?|quarters?|fourths?|fifths?|"
    r"sixths?|sevenths?|eighths?|ninths?|tenths?))(?![\w-])"
)
PART_BEFORE = ending(
    [
        "first",
        "second",
        "last",
        "latter",
        "final",
        "other",
        "back",
        "front",
        "better",
        "bottom",
        "top",
        "opening",
        "closing",
        "early",
        "earlier",
        "upper",
        "lower",
        "northern",
        "southern",
        "eastern",
        "western",
    ],
    gap=BLANK + "+",
)
QUARTER_OF_YEAR = re.compile(
    BLANK + r"+of" + BLANK + r"+(?:(?:the|this|that|last|next|a)" + BLANK + r"+)?(?:year|fiscal|\d{4})(?![\w])", re.I
)
HALF_OF = re.compile(r"(?i:half)(?=" + BLANK + r"+(?:of|the|its|their|his|her|our|all)(?![\w]))")
APPOSED_AGE_AFTER = re.compile(r", (?=[a-z])")
# reversed: a capitalized word, not itself after a number as in a list ("Texas, 38, California, 55, and")
NAME_BEFORE_COMMA = re.compile(r"[a-z'’\-]*[A-Z](?![A-Za-z])(?![ \t]*,[ \t]*\d)")
AGE_BEFORE = re.compile(BLANK + r"+(?:dega|ega|sega)(?![\w])", re.IGNORECASE)  # reversed "aged ", "age "
FEW_BEFORE = ending(["several", "a few", "a couple of", "many"], gap=BLANK + "+")
COUNTER_BEFORE = re.compile(BLANK + r"+fo" + BLANK + r"+\d")  # reversed "<digits> of "
RATIO = re.compile(r"(?:" + BLANK + r"+|-)(?:in|out" + BLANK + r"+of)(?:" + BLANK + r"+|-)(?=[\dA-Za-z])")
# Participles and adjectives that state what happened to the people a bare number counts: "left 17 dead".
CASUALTY = re.compile(
    BLANK + r"+(?:dead|injured|wounded|killed|hurt|missing|slain|arrested|detained|displaced|"
    r"evacuated|hospitali[sz]ed|infected)(?![\w-])"
)
KILLED_BEFORE = ending(["killed", "killing", "kills", "kill"])  # "which killed 29": people
# "<number> of <whom | those | the ... | Iran's ...>": a part of a group, counted in the group's noun.
PARTITIVE = re.compile(
    BLANK + r"+of" + BLANK + r"+(?:(?P<pronoun>them|whom|which|us|you|those|these)(?![\w'’])|"
    r"(?P<determiner>the|its|their|his|her|our|my|your)" + BLANK + r"+|(?P<owner>[A-Z][\w.\-]*['’]s)" + BLANK + r"+)"
)
OWNER = re.compile(r"[A-Za-z][\w.\-]*['’]s" + BLANK + r"+")  # "the state's", "the company's"
OWN = re.compile(r"own(?![\w])")  # "16 of their own"
CURRENCY_STARTS = frozenset(p[0] for p in CURRENCY_PREFIXES)  # "of the $5 billion", "of the US$5 billion"
DEGREE_WORDS = re.compile(
    r"(?:most|more|least|few|many|other|top|best|biggest|largest|last|first|next|past|remaining)" + BLANK + r"+"
)
TWICE = re.compile(r"(?i:twice)(?=" + BLANK + r"+(?:(?i:the|that|what|more)(?![\w])|(?i:as)" + BLANK + r"+[a-z]))")
A_PERIOD = re.compile(
    r"(?i:(an?|half" + BLANK + r"+an?|a" + BLANK + r"+quarter(?:" + BLANK + r"+of" + BLANK + r"+a)?)"
    r"(?:" + BLANK + r"+|-)(decade|century|year|month|week|day|hour|minute))(?![\w])"
)
AND_A_HALF = re.compile(BLANK + r"+(?i:and)" + BLANK + r"+(?i:a)" + BLANK + r"+(?i:half)(?![\w])")
DOWN = re.compile(BLANK + r"+(?i:down|up)(?![\w])")  # "doubling down" is an idiom, not a multiple
DOUBLE_AS_VERB = re.compile(BLANK + r"+(?i:the|its|their|his|her|our|this|that|to|in|from|by)(?![\w])")
# The readers of what follows a number, in the order ``classify_suffix`` tries them. One match of all of them
# says which is the first that applies, so the readers before it are skipped: a number followed by a unit word
# would otherwise fail half a dozen patterns first.
SUFFIX_READERS = {
    "percent": PERCENT,
    "letter": LETTER_SCALE,
    "money": CURRENCY_AFTER,
    "subunit": SUBUNIT,
    "duration": TIME_UNIT,
    "measure": MEASURE,
    "fold": FOLD,
    "times": TIMES,
    "day": DAY_FIRST,
    "compound": COMPOUND_NOUN,
}
FIRST_SUFFIX = re.compile("|".join(f"(?P<{name}>{reader.pattern})" for name, reader in SUFFIX_READERS.items()))
SUFFIX_RANK = {name: rank for rank, name in enumerate(SUFFIX_READERS)}
FROM_END = ending(["from"])
# "between 25 and 64", and with what the numbers are between: "between the ages of 25 and 64 years".
BETWEEN_END = ending(
    ["between"]
    + [f"between {the}{what} of" for the in ("", "the ") for what in ("age", "ages", "year", "years", "hour", "hours")]
)
BY_END = ending(["by"])
OPENING_QUOTES = frozenset("\"“‘'")
CLOSING_QUOTES = frozenset("\"”’'")
LAST_WORD_CAPITALIZED = re.compile(r"(?<![\w])[A-Z][a-z]+\Z")
# Words after which "one day" measures a time ("for one day", "within one day"); elsewhere it is the idiom
# "one day she opened up", "and then one day".
SPAN_LEADS = ending(
    "for in within over after than of by about just only per every each least most the this that "
    "nearly almost roughly around took take takes taking lasted lasts last spent spend spends waited wait".split(),
    gap=BLANK + "+",
)
TO_END = ending(["to"])
# "to" in a fixed phrase or after a noun it completes: no level a change reaches ("cuts to 40 programs", "in
# addition to 30 rules", "making up to about $60,000", "due to 3 factors").
NOT_A_LEVEL_TO = ending(
    [f"{verb} up to" for verb in STATIC_BEFORE_UP]
    + [
        "in addition to",
        "according to",
        "thanks to",
        "due to",
        "prior to",
        "next to",
        "similar to",
        "cuts to",
        "changes to",
        "access to",
        "contributions to",
        "damage to",
    ]
)
DELTA_END = ending(["by"] + CHANGE_WORDS)
ANAPHORIC = ending(ANAPHORIC_DETERMINERS, gap=BLANK + "+")
POSSESSIVE = ending(POSSESSIVE_DETERMINERS, gap=BLANK + "+")
YEAR_LEADS = ending(YEAR_LEAD_WORDS, gap=BLANK + "+")
PREFIX_HYPHEN = ending(["pre-", "post-", "mid-", "late-", "early-"], gap="")
TICKER_BEFORE = ending(
    [
        "NYSE",
        "NASDAQ",
        "LSE",
        "TSX",
        "ASX",
        "HKEX",
        "SEHK",
        "TSE",
        "KRX",
        "BSE",
        "NSE",
        "AMEX",
        "OTC",
        "OTCQX",
        "OTCQB",
    ],
    gap=BLANK + "?:" + BLANK + "?",
)
TO_CHAIN = re.compile(r"[\s,]*(?:(?:and|or|but)\s+)?(?:then\s+)?(?:further\s+|eventually\s+)?to\s*\Z", re.I)
CHANGE_REACH_WORDS = 5  # how far back a change verb governs "from"/"to": "rose sharply in May from"
COMPARED = re.compile(r"(?<![\w])(?i:up|down|compared|versus|vs|against)(?![\w])")
WORD_BEFORE = re.compile(r"(" + BLANK + r"*)(\.?)([A-Za-z][A-Za-z.&'’]*)")  # reversed: blanks, ".", word
HYPHEN_WORD_BEFORE = re.compile(r"-(\w+)")  # reversed
WORDS = re.compile(r"[a-z]+")
CLAUSE_LOOKBACK = 120  # characters searched for change verbs and goal words
LOOK_BACK = 32  # characters before a number that hedges, names, currency signs and months are read from
CUE_REACH = 24  # characters before a mention that change cues ("rose to", "from") and determiners are read from
TERMINATORS = ".!?"
# Sentence punctuation that may end a sentence: a terminator not directly followed by a lowercase letter or a
# digit ("2.5", "Yahoo!s" never end one).
MAY_END_SENTENCE = re.compile(r"[.!?](?![a-z0-9])")
# Terminal escape sequences (CSI "ESC [ 0 ; 31 m", OSC "ESC ] ... BEL", two-character ones) that pasted or scraped
# text can carry: their parameters are digits, never quantities.
CONTROL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)", re.DOTALL
)  # the 8-bit CSI U+009B too ("\u009b31m")
RUN_TRAILERS = ",;!?%\"')”’"  # what may close a run after a plain number; ":" and "." may be a time's
CLOCK_INITIALS = frozenset("aApPoO")  # "5 a.m.", "5 pm", "5 o'clock"
# "150 or more", "$5 million or less", "20 years or so": a hedge written after the amount.
OR_MORE = re.compile(
    BLANK + r"+or" + BLANK + r"+(?i:(more|higher|greater|longer|older|above|over|fewer|less|lower"
    r"|below|under|so))(?![\w])"
)
PLUS_OR_BEFORE = re.compile(
    r"(?:" + BLANK + r"+(?i:ro)" + BLANK + r"+|" + BLANK + r"*/" + BLANK + r"*)(?i:sulp)(?![\w])"
)  # reversed "plus or ", "plus/"
HEAD_BEFORE = re.compile(BLANK + r"+([A-Za-z]+)(?![A-Za-z])")  # on reversed text: the word before, reversed
OVER_BEFORE = re.compile(BLANK + r"*(?i:revo)(?![\w])")  # reversed "over"
AGO = re.compile(BLANK + r"+(?i:ago)(?![\w])")
ERA_AFTER = re.compile(r" (B\.C\.(?:E\.)?|BCE?|A\.D\.|AD|CE)(?![\w])")  # "753 B.C." is the year -753
LOWER_WORD_AFTER = re.compile(BLANK + r"([a-z][a-z\-]+)(?![\w])")


def clause_start_of(text: str, offset: int, floor: int = 0) -> int:
    """Start of the stretch before ``offset`` that change and goal words are looked for in: this sentence,
    at most ``CLAUSE_LOOKBACK`` characters back."""
    start = max(floor, offset - CLAUSE_LOOKBACK)
    cut = max(text.rfind(".", start, offset), text.rfind(";", start, offset), text.rfind("\n", start, offset))
    return cut + 1 if cut >= 0 else start


ROLE_CUE_BEFORE = ending(["from", "to", "by"] + CHANGE_WORDS)
