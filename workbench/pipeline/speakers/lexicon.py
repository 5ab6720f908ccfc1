"""The word tables of attribution: reporting verbs, the words that sit between a subject and its verb, openers."""

from __future__ import annotations

from workbench.pipeline.names import ROLE_NOUNS, TITLE_WORDS


def _forms(verb: str) -> set[str]:
    """Past, third-person and -ing forms of a regular reporting verb."""
    consonant_y = verb.endswith("y") and verb[-2] not in "aeiou"
    if verb.endswith("e"):
        past, ing = verb + "d", (verb if verb.endswith("ee") else verb[:-1]) + "ing"
    elif consonant_y:
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    third = verb[:-1] + "ies" if consonant_y else verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")
    return {past, third, ing}


_REGULAR_SPEECH = """
    add explain stress emphasize emphasise underline insist argue ask reply respond continue conclude recall warn
    observe admit acknowledge confirm deny suggest urge assert maintain contend indicate mention exclaim yell
    predict boast complain reiterate highlight concede retort allege plead testify affirm reaffirm proclaim
    recount elaborate clarify specify wonder agree announce declare note state remark claim tweet post report
    comment answer shout scream whisper chant joke muse lament caution demand promise vow pledge counter estimate
    thunder fume scoff posit opine gush interject interrupt brag gripe grumble fret speculate inquire text email
    cheer sneer marvel caution recount reason concur mock assure reassure lecture blare boom retaliate advise
    correct confess
""".split()


# Forms that are more often nouns ("the reports said", "a warning"): not cues.
NOUN_LIKE = frozenset(
    "states notes reports posts claims comments answers demands promises counters estimates remarks pledges vows "
    "jokes chants shouts whispers screams laments cautions warning posting reporting answering".split()
)


SPEECH_VERBS = frozenset(
    set().union(*(_forms(v) for v in _REGULAR_SPEECH))
    | {"said", "says", "saying", "told", "tells", "telling", "wrote", "writes", "writing", "quipped", "quips",
       "admitted", "snapped", "say", "tell", "add", "write", "explain", "insist", "argue", "agree", "charged",
       "begged", "penned", "sniped", "chimed", "emailed", "texted", "sings", "sang", "blogged", "blogs"}
) - NOUN_LIKE  # fmt: skip


# Verbs that name or characterise rather than report ("described it as “strategic”"): evidence for a
# fragment's speaker, never enough to make a quote direct.
NAMING_VERBS = frozenset(
    set().union(*(_forms(v) for v in "describe call dub label term brand praise hail welcome".split()))
    | {"dubbed", "dubbing", "labelled", "labelling"}
)


# What carries someone's words: '"Trump’s infamous post saying, "…"' quotes the post's author.
MEDIUM_NOUNS = frozenset(
    "post posts tweet tweets statement message letter note memo email video ad op-ed editorial column sign banner "
    "release speech remarks interview".split()
)
MEDIUM_PARTICIPLES = frozenset("saying stating reading declaring writing".split())


# Verbs whose object is the listener, not the words: "told reporters: ...".
LISTENER_VERBS = frozenset(
    "told tells telling tell asked asks asking urged urges urging warned warns warning reminded".split()
)


PASSIVE_AUXILIARIES = frozenset("was were been being is are be get got gets".split())


AFTER_PARTICIPLE_OK = frozenset(", — – - ; and while before after when by also then".split())


# Words that may sit between a subject and its reporting verb ("Raisi also said", "he had told").
BETWEEN_SUBJECT_AND_CUE = frozenset(
    """
    also later then further again once had has have would will could may might previously recently
    subsequently repeatedly earlier simply just flatly reportedly allegedly publicly privately similarly
    likewise separately finally himself herself themselves itself was were is did does do not never quickly
    immediately often always sometimes first last yesterday today tonight on monday tuesday wednesday thursday
    friday saturday sunday morning evening afternoon night this week in turn however meanwhile too
    """.split()
)


# First words of an introductory phrase before the subject ("In the meeting, Raisi said").
INTRO_WORDS = frozenset(
    """
    in on at after before during when while although though if as for with without from to by under over
    since until upon among between about against across through despite following speaking asked referring
    stressing pointing noting adding however meanwhile earlier later today yesterday still yet also and but
    so then there here according addressing asked responding commenting writing meanwhile moreover
    furthermore nevertheless instead indeed separately similarly likewise finally first
    """.split()
)


DETERMINERS = frozenset({"the", "a", "an"})


NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozens several many some".split())


NP_STOP = frozenset(
    "in on at during when while that which who whom whose and but as has have had is was were are will would "
    "to with after before since from because said says told added".split()
)


FULL_INDEX_LIMIT = 1_000_000  # characters; longer texts are indexed only around their quotes


WINDOW = 240  # characters of context an attribution may use on either side of a quote or number


LY_NOUNS = frozenset(
    "ally rally family italy july bully belly jelly folly holly lily supply reply assembly anomaly".split()
)


PP_PREPOSITIONS = frozenset("in of for at from on with".split())


POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our"})


NOUN_PHRASE_OPENERS = DETERMINERS | POSSESSIVE_DETERMINERS | {"my", "your"}


INTRO_TAILS = frozenset(
    "later ago earlier afterwards afterward meanwhile too though however instead again once".split()
)


AFFILIATION = frozenset({"of", "from", "at"})


SENTENCE_ADVERBS = frozenset(
    "meanwhile however also but still separately similarly likewise finally moreover furthermore instead indeed "
    "and so then later earlier now yet".split()
)


# Verbs that report only with their particle: "pointed out", "went on", "fired back".
PHRASAL_CUES = {
    **dict.fromkeys(("pointed", "points", "pointing", "point"), "out"),
    **dict.fromkeys(("went", "goes", "going"), "on"),
    **dict.fromkeys(("put", "puts"), "it"),
    **dict.fromkeys(("shot", "fired", "hit", "snapped", "wrote"), "back"),
    **dict.fromkeys(("cut", "chimed"), "in"),
}


# "went on" narrates rather than reports before a span of time or an event: "the process went on for two years",
# "the Senate goes on recess" (but "went on to call", "went on about", "went on:" report speech).
NOT_SPEECH_AFTER_ON = frozenset(
    "for until till forever recess strike trial vacation leave hiatus sale tour holiday sabbatical".split()
)


SIGN_VERBS = ("read", "reads")  # '"…," the letter reads.'
# Verbs that report speech only when they end the attribution ('"…," Jones pushed.'; not "Trump pushed a plan").
PRESSING_VERBS = ("pushed", "pressed", "persisted")


# Verbs that report what a document says only when a document is their subject ('A study by X found, "…"';
# "police found a gun" is no speech).
DOCUMENT_VERBS = frozenset("found finds shows showed".split())
DOCUMENT_NOUNS = frozenset(
    "study studies report survey poll analysis audit review investigation inquiry probe research paper".split()
)


# Every word a cue can start with. A token outside this set is never a cue, so attribution looks up nothing else
# for most tokens, and a stretch of text holding none of these words (most sentences with a number in them)
# needs no tokens at all.
CUE_WORDS = frozenset(
    SPEECH_VERBS
    | NAMING_VERBS
    | NOUN_LIKE
    | PHRASAL_CUES.keys()
    | set(SIGN_VERBS)
    | set(PRESSING_VERBS)
    | DOCUMENT_VERBS
    | {"according", "According"}
)


# Offices, not surnames ("Singer", "King"): written alone and capitalised they name nobody.
OFFICES = frozenset(
    "president general minister senator governor mayor secretary ambassador envoy commander director chairman "
    "chairwoman spokesman spokeswoman spokesperson premier prosecutor official lawmaker representative".split()
)


PARTY_WORDS = frozenset({"republican", "democrat", "independent", "libertarian", "progressive"})


ADJUNCT_STARTS = frozenset(
    """
    . , ; in on at during to from after before while when last this yesterday today recently earlier later of
    about via through as according afterwards monday tuesday wednesday thursday friday saturday sunday with
    """.split()
)


PERSON_ROLES = sorted(TITLE_WORDS & ROLE_NOUNS - {"official", "officials", "source", "sources"}, key=len)


CONNECTORS = frozenset({",", ":", "that", "—", "–", "-", ";"})


# "to" is left out: "pledged to make Apple" is an infinitive, not "said to reporters".
ADJUNCT_OR_PREP = (ADJUNCT_STARTS - {"to"}) | frozenset("for into onto under over against upon throughout".split())


# Words that show a clause of its own between a reporting verb and a quote ('said Bush is "not smart"').
CLAUSE_WORDS = frozenset(
    "he she they i we you it is was are were be been has have had will would can could should may might do does "
    "did that which who not".split()
)


TELL_VERBS = frozenset("told tells tell telling".split())


CONTRACTIONS = ("n’t", "n't", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m")


QUOTING_VERBS = frozenset("quoted quotes quoting cited cites citing".split())
