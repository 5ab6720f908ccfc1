"""Who said it: speaker attribution shared by quotes and claims.

Attribution in English news follows a few fixed shapes: a reporting verb next to its subject ("Raisi said",
"said Raisi", "Raisi, the president, said"), a participle hanging off the main clause (", adding that ..."), or
"according to X". The parsers below recognise those shapes in bounded windows of tokens, so they cost linear time
however odd the text is, and ``Discourse`` resolves the mention they find (a pronoun, a surname, "the president")
to the fullest name the article uses.

Resolution: titles and descriptors are stripped ("Iran's Oil Minister Javad Owji" -> "Javad Owji"); a surname
becomes the fullest form the article uses ("Raisi" -> "Ebrahim Raisi"); "he"/"she" take the subject-like
mention of the nearest earlier sentence naming a compatible person; "the president" takes the latest person
introduced with that title; descriptions and organisations ("the ministry", "officials") stay as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from workbench.models import Quote
from workbench.pipeline.names import (
    DESCRIPTION_MODIFIERS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    ORG_OR_PLACE_HEADS,
    PRONOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    NameIndex,
    canonical_roles,
    Token,
    drop_office_object,
    fold,
    is_org_or_place,
    is_possessive,
    place_stem,
    split_name,
    tokenize,
)
from workbench.pipeline.numbers import trie_pattern
from workbench.pipeline.sentences import SentenceIndex


@dataclass(frozen=True)
class SpeakerRef:
    """A resolved speaker: the normalized name and the mention in the text the attribution uses."""

    name: str
    start: int
    end: int
    cue: str | None = None


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
""".split()
# Forms that are more often nouns ("the reports said", "a warning"): not cues.
_NOUN_LIKE = frozenset(
    "states notes reports posts claims comments answers demands promises counters estimates remarks pledges vows "
    "jokes chants shouts whispers screams laments cautions warning posting reporting answering".split()
)
SPEECH_VERBS = frozenset(
    set().union(*(_forms(v) for v in _REGULAR_SPEECH))
    | {"said", "says", "saying", "told", "tells", "telling", "wrote", "writes", "writing", "quipped", "quips",
       "admitted", "snapped", "say", "tell", "add", "write", "explain", "insist", "argue", "agree", "charged",
       "begged", "penned", "sniped", "chimed", "emailed", "texted", "sings", "sang"}
) - _NOUN_LIKE  # fmt: skip

# Verbs that name or characterise rather than report ("described it as “strategic”"): evidence for a
# fragment's speaker, never enough to make a quote direct.
NAMING_VERBS = frozenset(
    set().union(*(_forms(v) for v in "describe call dub label term brand praise hail welcome".split()))
    | {"dubbed", "dubbing", "labelled", "labelling"}
)

# Verbs whose object is the listener, not the words: "told reporters: ...".
_LISTENER_VERBS = frozenset(
    "told tells telling tell asked asks asking urged urges urging warned warns warning reminded".split()
)

_PASSIVE_AUXILIARIES = frozenset("was were been being is are be get got gets".split())

_AFTER_PARTICIPLE_OK = frozenset(", — – - ; and while before after when by also then".split())

# Words that may sit between a subject and its reporting verb ("Raisi also said", "he had told").
_BETWEEN_SUBJECT_AND_CUE = frozenset(
    """
    also later then further again once had has have would will could may might previously recently
    subsequently repeatedly earlier simply just flatly reportedly allegedly publicly privately similarly
    likewise separately finally himself herself themselves itself was were is did does do not never quickly
    immediately often always sometimes first last yesterday today tonight on monday tuesday wednesday thursday
    friday saturday sunday morning evening afternoon night this week in turn however meanwhile too
    """.split()
)

# First words of an introductory phrase before the subject ("In the meeting, Raisi said").
_INTRO_WORDS = frozenset(
    """
    in on at after before during when while although though if as for with without from to by under over
    since until upon among between about against across through despite following speaking asked referring
    stressing pointing noting adding however meanwhile earlier later today yesterday still yet also and but
    so then there here according addressing asked responding commenting writing meanwhile moreover
    furthermore nevertheless instead indeed separately similarly likewise finally first
    """.split()
)

_DETERMINERS = frozenset({"the", "a", "an"})
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozens several many some".split())
_NP_STOP = frozenset(
    "in on at during when while that which who whom whose and but as has have had is was were are will would "
    "to with after before since from because said says told added".split()
)

_FULL_INDEX_LIMIT = 1_000_000  # characters; longer texts are indexed only around their quotes
_WINDOW = 240  # characters of context an attribution may use on either side of a quote or number


@dataclass(frozen=True)
class Cue:
    """A reporting verb (or "according to") in the text; ``last`` is its last token's index in the window."""

    start: int
    end: int
    text: str
    last: int = 0

    @property
    def participle(self) -> bool:
        return self.text.endswith("ing")

    @property
    def according(self) -> bool:
        return self.text.lower().startswith("according")


class _Antecedent(NamedTuple):
    start: int
    end: int
    name: str
    subject_like: bool
    evidenced: bool
    speaks: bool = False  # the subject of a reporting verb right after it: "Inglesby tells Axios"


@dataclass(frozen=True)
class Mention:
    """The words in the text that name the speaker, before resolution."""

    start: int
    end: int
    text: str
    kind: str  # "pronoun", "name", "description", or "label" (a transcript's "PENCE:")


@dataclass(frozen=True)
class Attribution:
    """A speaker mention tied to its cue; ``how`` says which pattern found it, for ranking and for the kind rule."""

    mention: Mention | None
    cue: Cue | None
    how: str  # "after", "before", "sentence", "next", "according", "inherited"


def _without_parentheticals(tokens: list[Token]) -> list[Token]:
    """Drop short parentheses such as "(D-Wis.)" or "(@NicolasMaduro)", which interrupt a name and its verb."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if tokens[i].text == "(":
            close = next((j for j in range(i + 1, min(len(tokens), i + 10)) if tokens[j].text == ")"), None)
            if close is not None:
                i = close + 1
                continue
        out.append(tokens[i])
        i += 1
    return out


_LY_NOUNS = frozenset(
    "ally rally family italy july bully belly jelly folly holly lily supply reply assembly anomaly".split()
)


def _adverb(word: str) -> bool:
    """ "reportedly", "flatly": -ly words, but not "ally" or "family"."""
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS


def _is_np_word(token: Token) -> bool:
    low = token.lower
    return (
        token.is_cap
        or low in ROLE_NOUNS
        or low in DESCRIPTION_MODIFIERS
        or low in TITLE_WORDS
        or low in _NUMBER_WORDS
        or token.text.isdigit()
    )


def _name_part_he(tokens: Sequence[Token], i: int) -> bool:
    """ "Liu He": a capitalised "He" right after a capitalised name word is a given name, not the pronoun."""
    if i <= 0 or i >= len(tokens) or tokens[i].text != "He":
        return False
    prev = tokens[i - 1]
    return (
        prev.is_cap
        and prev.is_word
        and prev.end + 1 == tokens[i].start
        and fold(prev.text) not in NOT_NAME_WORDS
        and prev.lower not in TITLE_WORDS
        and prev.lower not in SPEECH_VERBS
    )


def _mention(text: str, tokens: Sequence[Token], first: int, last: int, loose: bool = False) -> Mention | None:
    """Classify tokens[first..last] as a pronoun, a name or a description; None if it cannot name a speaker."""
    while first <= last and tokens[first].lower in ("and", "but", "then", "so"):
        first += 1
    if first > last:
        return None
    head = tokens[last]
    if first == last and head.lower in PRONOUNS:
        return Mention(head.start, head.end, head.text, "pronoun")
    words = list(tokens[first : last + 1])
    counted = head.lower in _NUMBER_WORDS and first < last and tokens[first].lower in _DETERMINERS  # "the two"
    if not head.is_cap and head.lower not in ROLE_NOUNS and not loose and not counted:
        return None
    if head.is_cap and fold(head.text) in NOT_NAME_WORDS and head.lower not in TITLE_WORDS:
        if not (first < last and _name_part_he(tokens, last)):
            return None
    if head.text.isupper() and (len(head.text) > 5 or last > first and all(t.text.isupper() for t in words)):
        return None  # a dateline ("WASHINGTON"), a headline in capitals or a shouted word, not a speaker
    if _PARTY_TAG_TOKEN.match(head.text):
        return None  # "D-N.J." qualifies a name; it is none
    if is_possessive(head.text):  # "President Obama’s comments that …": Obama commented
        head = Token(head.start, head.end - 2, head.text[:-2])
        words[-1] = head
    name, _ = split_name(words)
    kind = "name" if name and not is_org_or_place(name) else "description"
    if len(name) == 1 and any(w.lower in ("of", "for") and w.end <= name[0].start for w in words):
        kind = "description"  # "the president of Iran", "the director of National Intelligence" name no person
    return Mention(words[0].start, head.end, text[words[0].start : head.end], kind)


def _np_backward(text: str, tokens: Sequence[Token], last: int, floor: int) -> tuple[int, Mention | None]:
    """The noun phrase ending at tokens[last] (not before ``floor``): "the Iranian leader", "Javad Owji".

    Besides names and known roles, accepts any short phrase that opens with a determiner ("the gambling tycoon",
    "the Christie supporter"), which is how news copy introduces an unnamed speaker.
    """
    if last < floor or not tokens[last].is_word:
        return last + 1, None
    if tokens[last].lower in PRONOUNS and not (last - 1 >= floor and _name_part_he(tokens, last)):
        return last, _mention(text, tokens, last, last)
    k = last + 1
    if _is_np_word(tokens[last]):
        k = last
        while k - 1 >= floor:
            prev = tokens[k - 1]
            low = prev.lower
            initial = prev.text == "A." and k - 2 >= floor and tokens[k - 2].is_cap  # "Michael A. Peterson"
            if low in _DETERMINERS and not initial:
                if k - 3 >= floor and tokens[k - 2].lower in ("of", "for") and tokens[k - 3].lower in ROLE_NOUNS:
                    k -= 3
                    continue
                return k - 1, _mention(text, tokens, k - 1, last)
            if low in NAME_PARTICLES and k - 2 >= floor and tokens[k - 2].is_cap:
                k -= 1
                continue
            if not prev.is_word or not _is_np_word(prev):
                break
            if prev.is_cap and fold(prev.text) in NOT_NAME_WORDS and low not in TITLE_WORDS | _NUMBER_WORDS and not initial:
                break
            if prev.is_cap and low in SPEECH_VERBS:
                break  # 'Says Morales: "…"': the inverted verb, not a first name
            k -= 1
    # a determiner a few words further back makes the whole stretch one noun phrase ("a narrator in the ad")
    d = _determiner_before(tokens, k - 1, floor)
    if d is not None and (d < k - 1 or k > last):
        return d, _mention(text, tokens, d, last, loose=True)
    if k > last:
        return last + 1, None
    return k, _mention(text, tokens, k, last)


_PP_PREPOSITIONS = frozenset("in of for at from on with".split())


def _determiner_before(tokens: Sequence[Token], i: int, floor: int) -> int | None:
    """Index of the determiner opening the phrase that ends at tokens[i], crossing one prepositional phrase."""
    found = None
    budget = 4
    while i >= floor and budget >= 0:
        word = tokens[i]
        low = word.lower
        if low in _DETERMINERS or low in _POSSESSIVE_DETERMINERS or low in ("one", "another"):
            found = i
            if i - 1 >= floor and tokens[i - 1].lower in _PP_PREPOSITIONS and budget > 0:
                i -= 2
                budget = 3
                continue
            return found
        if not word.is_word or low in _NP_STOP or low in PRONOUNS:
            return found
        if word.is_cap and fold(word.text) in NOT_NAME_WORDS:
            return found
        i -= 1
        budget -= 1
    return found


_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our"})
_NOUN_PHRASE_OPENERS = _DETERMINERS | _POSSESSIVE_DETERMINERS | {"my", "your"}


def _np_forward(
    text: str, tokens: Sequence[Token], first: int, loose: bool = False, bridge: bool = False
) -> Mention | None:
    """The noun phrase starting at tokens[first] ("said Paul R. Pillar, a former ..." -> "Paul R. Pillar").

    With ``bridge``, up to three unknown lowercase words may sit inside it ("Clinton's top foreign policy aide
    Jake Sullivan"); ``loose`` also lets it end on one, for "according to state media" and the like.
    """
    if first >= len(tokens):
        return None
    if tokens[first].lower in PRONOUNS and tokens[first].lower not in ("it", "i"):
        return _mention(text, tokens, first, first)
    k = first
    last = -1
    unknown = 0
    limit = min(len(tokens), first + 14)
    while k < limit:
        token = tokens[k]
        low = token.lower
        if not token.is_word:
            if token.text in ("’", "'") and last == k - 1:  # possessive apostrophe of a plural
                k += 1
                continue
            break
        opens_phrase = k == first or tokens[k - 1].lower in ("of", "for", "by")
        if (low in _DETERMINERS or low in _POSSESSIVE_DETERMINERS) and opens_phrase:
            k += 1
            continue
        if low in ("of", "for", "by") and last == k - 1 and k + 1 < limit and tokens[k + 1].is_word:
            if tokens[last].lower in ROLE_NOUNS or loose:
                k += 1
                continue
            break
        if low in NAME_PARTICLES and last == k - 1 and k + 1 < limit and tokens[k + 1].is_cap:
            k += 1
            continue
        if _is_np_word(token) and not (
            token.is_cap and fold(token.text) in NOT_NAME_WORDS and k > first and not _name_part_he(tokens, k)
        ):
            last = k
            unknown = 0
        elif (bridge or loose) and low not in _NP_STOP and not _adverb(low) and low not in PRONOUNS and unknown < 3:
            unknown += 1
            if loose:
                last = k
        else:
            break
        k += 1
    if last < first:
        return None
    owner = tokens[last]
    if is_possessive(owner.text) and last == k - 1 and fold(owner.text) not in NOT_NAME_WORDS | PRONOUNS.keys():
        # "Trump’s legal team displayed ...": the possessor is not the subject, the phrase runs on to its head
        head = k
        while head < min(len(tokens), k + 3) and tokens[head].is_word and not tokens[head].is_cap:
            low = tokens[head].lower
            if low in _NP_STOP or _adverb(low) or low in SPEECH_VERBS or low in PRONOUNS or low in _NOUN_PHRASE_OPENERS:
                break
            if head > k and low.endswith("ed"):
                break  # "Trump’s legal team displayed": the verb
            head += 1
        return _mention(text, tokens, first, head - 1, loose=True) if head > k else None
    if bridge and unknown and last < k - 1 and (k >= len(tokens) or not tokens[k].is_word):
        last = k - 1  # '"…," said a Sanders ally.': the lowercase head ends the phrase
        return _mention(text, tokens, first, last, loose=True)
    return _mention(text, tokens, first, last, loose=loose)


_INTRO_TAILS = frozenset(
    "later ago earlier afterwards afterward meanwhile too though however instead again once".split()
)


def _is_intro(segment: Sequence[Token]) -> bool:
    """An introductory phrase before the subject: "In Caracas,", "Speaking to reporters,", "Hours later,"."""
    first = segment[0].lower
    if first in _INTRO_WORDS or (first.endswith("ing") and len(first) > 4) or _adverb(first):
        return True
    comma = next((i for i, t in enumerate(segment) if t.text == ","), len(segment))
    return 0 < comma <= 4 and segment[comma - 1].lower in _INTRO_TAILS


def subject_before(text: str, tokens: Sequence[Token], cue_index: int, floor: int = 0) -> Mention | None:
    """The subject of the reporting verb at tokens[cue_index], looking no further left than ``floor``.

    Handles adverbs between subject and verb ("Raisi also said") and an appositive set off by commas
    ("Benjamin Rhodes, Mr. Obama's deputy national security adviser, said").
    """
    j = cue_index - 1
    while j >= floor and tokens[j].lower in _BETWEEN_SUBJECT_AND_CUE or (
        j >= floor and _adverb(tokens[j].lower) and not tokens[j].is_cap
    ):
        j -= 1
    if j < floor:
        return None
    tag = j - 2 if j - 1 >= floor and tokens[j - 1].text == "." else j - 1  # "R-Mich." splits off its dot
    if tokens[j].text == "," and tag - 2 >= floor and _PARTY_TAG_TOKEN.match(tokens[tag].text) and tokens[tag - 1].text == ",":
        # "Rep. Bonnie Watson Coleman, D-N.J., yelled": the tag only qualifies the name before it
        named = _np_backward(text, tokens, tag - 2, floor)[1]
        if named is not None and named.kind == "name":
            return named
    if tokens[j].text == ",":
        return _subject_before_appositive(text, tokens, floor, j)
    start, mention = _np_backward(text, tokens, j, floor)
    if mention is not None and mention.kind != "pronoun" and start - 2 >= floor:
        if tokens[start - 1].lower in _AFFILIATION and tokens[start - 2].is_word:
            # "Rep. Tom Cole of Oklahoma said", "a scholar at Brookings said": the person, not the place
            owner = _np_backward(text, tokens, start - 2, floor)[1]
            if owner is not None and owner.kind == "name":
                return owner
            single = len(tokenize(mention.text)) == 1 or mention.kind == "description"
            if owner is not None and owner.kind == "description" and single:
                return Mention(owner.start, mention.end, text[owner.start : mention.end], "description")
    return mention


_AFFILIATION = frozenset({"of", "from", "at"})
_PARTY_TAG_TOKEN = re.compile(r"[RDI][-–][A-Z]")


_SENTENCE_ADVERBS = frozenset(
    "meanwhile however also but still separately similarly likewise finally moreover furthermore instead indeed "
    "and so then later earlier now yet".split()
)


def _subject_before_appositive(text: str, tokens: Sequence[Token], floor: int, comma: int) -> Mention | None:
    segments: list[tuple[int, int]] = []
    seg_start = floor
    for i in range(floor, comma + 1):
        if tokens[i].text == ",":
            if i > seg_start:
                segments.append((seg_start, i - 1))
            seg_start = i + 1
    found: Mention | None = None
    for seg_first, seg_last in segments:
        if found is None and _is_intro(tokens[seg_first : seg_last + 1]):
            if tokens[seg_first].lower in _SENTENCE_ADVERBS and seg_last > seg_first:
                # "Meanwhile Senator Marco Rubio, a member of the Gang of 8, warned": no comma after the adverb
                start, mention = _np_backward(text, tokens, seg_last, seg_first + 1)
                if mention is not None and mention.kind == "name" and start == seg_first + 1:
                    return mention
            continue
        start, mention = _np_backward(text, tokens, seg_last, seg_first)
        if mention is None or start != seg_first:
            if found is not None:
                break
            continue  # "Duncan Hunter's chief of staff, Joe Kasper, told ...": a name may follow
        if mention.kind in ("name", "pronoun"):
            return mention
        if found is not None:
            break
        found = mention  # "another friend, Mariam Emara, told ...": keep looking for the name
    return found


def main_subject(text: str, tokens: Sequence[Token], floor: int, before: int) -> Mention | None:
    """The subject of a sentence's main clause, for participles (", adding ...") and "and said"."""
    i = floor
    while i < before:
        # skip introductory phrases ending in a comma
        if _is_intro(tokens[i:before]):
            comma = next((k for k in range(i, before) if tokens[k].text == ","), None)
            if comma is None:
                return None
            i = comma + 1
            continue
        break
    if i >= before:
        return None
    mention = _np_forward(text, tokens, i)
    if mention is None:
        return None
    return mention


# Verbs that report only with their particle: "pointed out", "went on", "fired back".
_PHRASAL_CUES = {
    **dict.fromkeys(("pointed", "points", "pointing", "point"), "out"), **dict.fromkeys(("went", "goes", "going"), "on"),
    **dict.fromkeys(("put", "puts"), "it"), **dict.fromkeys(("shot", "fired", "hit", "snapped", "wrote"), "back"),
    **dict.fromkeys(("cut", "chimed"), "in"),
}
# "went on" narrates rather than reports before a span of time or an event: "the process went on for two years",
# "the Senate goes on recess" (but "went on to call", "went on about", "went on:" report speech).
_NOT_SPEECH_AFTER_ON = frozenset(
    "for until till forever recess strike trial vacation leave hiatus sale tour holiday sabbatical".split()
)
_SIGN_VERBS = ("read", "reads")  # '"…," the letter reads.'
# Every word a cue can start with. A token outside this set is never a cue, so attribution looks up nothing else
# for most tokens, and a stretch of text holding none of these words (most sentences with a number in them)
# needs no tokens at all.
CUE_WORDS = frozenset(
    SPEECH_VERBS | NAMING_VERBS | _NOUN_LIKE | _PHRASAL_CUES.keys() | set(_SIGN_VERBS) | {"according", "According"}
)
_CUE_WORD_SEARCH = re.compile(r"\b(?:" + trie_pattern(CUE_WORDS) + r")\b")


def cue_at(tokens: Sequence[Token], k: int, naming: bool = False) -> Cue | None:
    """The reporting cue starting at tokens[k], if any: "said", "pointed out", "according to", ", adding"."""
    token = tokens[k]
    word = token.text
    nxt = tokens[k + 1].lower if k + 1 < len(tokens) else ""
    if word in ("according", "According") and nxt == "to":
        return _cue(tokens, k, k + 1)
    if token.is_cap or not token.is_word:
        return None
    if _PHRASAL_CUES.get(word) == nxt and not (nxt == "on" and k + 2 < len(tokens)
                                                and tokens[k + 2].lower in _NOT_SPEECH_AFTER_ON):
        return _cue(tokens, k, k + 1)
    if word in _NOUN_LIKE and k > 0 and _names_someone(tokens[k - 1]):
        return _cue(tokens, k, k)  # "Conway notes." - a plural noun would follow a determiner instead
    if word in _SIGN_VERBS and (not nxt or nxt in (",", ".", ":", ";")):
        return _cue(tokens, k, k)  # '"…," the letter reads.'

    if word not in SPEECH_VERBS and not (naming and word in NAMING_VERBS):
        return None
    if nxt in ("’", "'"):  # "the says’ ..." is not a verb
        return None
    if nxt == "to" and word.startswith("continu"):
        return None  # "it continued to threaten": not speech
    if word.endswith("ing") and k > 0 and tokens[k - 1].lower not in _AFTER_PARTICIPLE_OK:
        if nxt not in (":", ",", "“", '"') and _quoted_as(tokens, k) is None:
            return None  # "the meeting" is no cue; "emailed supporters saying:" is
    if k > 0 and tokens[k - 1].lower in _PASSIVE_AUXILIARIES:
        return None  # "was charged", "is told", "has been asked"
    before = k - 1
    while before > 0 and _adverb(tokens[before].lower):
        before -= 1  # "a racially charged feud": look past the adverbs that modify the participle
    if k > 0 and tokens[before].lower in _NOUN_PHRASE_OPENERS:
        return None  # "his continued refusal", "one of his tweets": a modifier or a noun, not a verb
    return _cue(tokens, k, k)


def _names_someone(token: Token) -> bool:
    return token.lower in ("he", "she", "they") or (token.is_cap and fold(token.text) not in NOT_NAME_WORDS)


def _cue(tokens: Sequence[Token], first: int, last: int) -> Cue:
    start, end = tokens[first].start, tokens[last].end
    words = [t.text for t in tokens[first : last + 1]]
    return Cue(start, end, " ".join(words), last)


_MODIFIER_OF_NAME = re.compile(
    r"[ \t]+(?:" + "|".join(sorted(TITLE_WORDS & ROLE_NOUNS | {"spokesman", "spokeswoman", "lawyer", "aide"}, key=len, reverse=True)) + r")[ \t]+[A-Z]"
)


class Discourse:
    """One article's text, sentences and quotations, with the mentions that pronouns and roles resolve to."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], quote_spans: Sequence[tuple[int, int]]):
        self.text = text
        self.sentences = SentenceIndex(sentences)
        self._sentence_starts = [s for s, _ in self.sentences.spans]
        spans = sorted(quote_spans)
        self._quote_starts = [s for s, _ in spans]
        self._quote_ends = [e for _, e in spans]
        self._cues: dict[tuple[int, int, bool], tuple[list[Token], list[tuple[int, Cue]]]] = {}

    def cues(self, start: int, end: int, naming: bool = False) -> tuple[list[Token], list[tuple[int, Cue]]]:
        """Tokens of ``text[start:end]`` and the reporting cues among them outside quotes, with their indexes.

        Kept per stretch, because every number and quote of a sentence asks about the same stretch.
        """
        key = (start, end, naming)
        found = self._cues.get(key)
        if found is None:
            found = self._cues[key] = self._find_cues(start, end, naming)
        return found

    def _find_cues(self, start: int, end: int, naming: bool) -> tuple[list[Token], list[tuple[int, Cue]]]:
        words = _CUE_WORD_SEARCH.finditer(self.text[start:end])
        if all(self.inside_quote(start + word.start()) for word in words):
            return [], []  # no cue can start here: tokens are not needed
        tokens = _without_parentheticals(tokenize(self.text, start, end))
        cues = []
        for k, token in enumerate(tokens):
            if token.text in CUE_WORDS and not self.inside_quote(token.start):
                cue = cue_at(tokens, k, naming)
                if cue is not None:
                    cues.append((k, cue))
        return tokens, cues

    def inside_quote(self, position: int) -> bool:
        i = bisect_right(self._quote_starts, position) - 1
        return i >= 0 and position < self._quote_ends[i]

    def sentence(self, position: int) -> tuple[int, int]:
        return self.sentences.containing(position)

    def sentences_before(self, position: int, floor: int, limit: int) -> list[tuple[int, int]]:
        """Up to ``limit`` whole sentences between ``floor`` and ``position``, nearest first."""
        spans = self.sentences.spans
        i = bisect_right(self._sentence_starts, position) - 1
        found: list[tuple[int, int]] = []
        while i >= 0 and len(found) < limit and spans[i][0] >= floor:
            if spans[i][1] <= position:
                found.append(spans[i])
            i -= 1
        return found

    def register(self, mention: Mention | None) -> None:
        """Mark a quoted name as a person before any pronoun is resolved against the article's names."""
        if mention is None or mention.kind != "name":
            return
        name, _ = split_name(tokenize(self.text, mention.start, mention.end))
        if name:
            self.names.register(" ".join(t.text for t in name))

    @cached_property
    def names(self) -> NameIndex:
        """All names of an article; for a text too long to be one, only those near its quotes."""
        if len(self.text) <= _FULL_INDEX_LIMIT:
            return NameIndex(self.text)
        ranges: list[tuple[int, int]] = []
        budget = _FULL_INDEX_LIMIT
        for start, end in zip(self._quote_starts, self._quote_ends):
            window = (max(0, start - 20_000), min(len(self.text), end + 2_000))
            if ranges and window[0] <= ranges[-1][1]:
                window = (ranges[-1][1], window[1])
            if window[1] <= window[0]:
                continue
            budget -= window[1] - window[0]
            if budget < 0:
                break
            ranges.append(window)
        return NameIndex(self.text, ranges)

    @cached_property
    def _timeline(self) -> tuple[list[int], list[_Antecedent]]:
        """Mentions of people outside quotes, in text order.

        Names come first; role descriptions ("The president described ...") are then resolved against them, so
        a pronoun after a description finds the person the description stands for.
        """
        entries: list[_Antecedent] = []
        for start, end, surface in self.names.occurrences:
            key = fold(surface.split()[-1])
            if self.inside_quote(start) or key not in self.names.persons:
                continue
            full = self.names.full_name(surface, start)
            speaks = self._speaks(end)
            subject_like = self._subject_like(start, end)
            evidenced = self.names.is_person(key) or (speaks and subject_like and " " in surface)
            entries.append(_Antecedent(start, end, full, subject_like, evidenced, speaks and subject_like))
        entries.sort()
        named = [(e.start, e.name) for e in entries if e.evidenced]
        ranges = self.names.ranges
        for match in (m for start, end in ranges for m in _ROLE_DESCRIPTION.finditer(self.text, start, end)):
            if self.inside_quote(match.start()):
                continue
            roles = {place_stem(w) if w[:1].isupper() else w.lower() for w in match.group(1).split()}
            roles = {r for r in roles if r in TITLE_WORDS or r not in DESCRIPTION_MODIFIERS}
            name = self.names.by_role(roles | {match.group(2).lower()}, match.start(), named)
            if name:
                subject = self._subject_like(match.start(), match.end())
                entries.append(_Antecedent(match.start(), match.end(), name, subject, True))
        entries.sort()
        return [e.start for e in entries], entries

    def _speaks(self, end: int) -> bool:
        """A reporting verb follows the name ("Saru Jayaraman told", "Inglesby also says")."""
        words = self.text[end : end + 30].split()[:2]
        if words and words[0].lower() in ("also", "later", "then", "had", "has", "have"):
            words = words[1:]
        return bool(words) and words[0].rstrip(",.:;") in SPEECH_VERBS

    def _subject_like(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 60) : start].split()
        # "aide to Secretary of State Hillary Clinton": the words before the title decide
        while len(before) > 1 and (before[-1] in ("of", "for") or before[-1][:1].isupper() and fold(before[-1]) in TITLE_WORDS):
            before.pop()
        prev = before[-1].lower() if before and before[-1] not in ("And", "But") else ""  # "And Alan Krueger, ..."
        possessive = self.text[end : end + 2] in ("’s", "'s")
        if _MODIFIER_OF_NAME.match(self.text, end):
            return False  # "Trump lawyer Jay Sekulow": Trump only modifies the lawyer's name
        # "with Maduro", "Maduro's visit", "the Obama administration" do not make him the one who speaks next
        return not possessive and prev not in ("with", "of", "to", "by", "for", "from", "between", "and", "met", "the")

    def antecedent(self, position: int, gender: str | None) -> tuple[str, int, int] | None:
        """The person a pronoun at ``position`` refers to.

        Looks back sentence by sentence for a compatible person with evidence of being one (title, quoted,
        called by surname), then, close by, for any multi-word name ("Ana Ruiz spoke. ... she said"). In the
        chosen sentence, takes the first subject-like mention (not after a preposition, not a possessive).
        """
        for evidenced_only, sentences in ((True, 4), (False, 2), (True, 10_000)):
            found = self._antecedent(position, gender, evidenced_only, sentences)
            if found is not None:
                return found
        return None

    def _antecedent(
        self, position: int, gender: str | None, evidenced_only: bool, max_sentences: int
    ) -> tuple[str, int, int] | None:
        starts, entries = self._timeline
        i = bisect_left(starts, position) - 1
        floor = self.sentences_before(position, 0, max_sentences)
        limit = floor[-1][0] if len(floor) == max_sentences else 0
        fallback: _Antecedent | None = None
        looked = 0
        while i >= 0 and entries[i].start >= limit and looked < 2:
            sentence = self.sentence(entries[i].start)
            group = []
            while i >= 0 and entries[i].start >= sentence[0]:
                entry = entries[i]
                person = self.names.persons.get(fold(entry.name.split()[-1]))
                compatible = gender is None or person is None or person.gender in (None, gender)
                # 'The governor, she argued, “…”': the phrase the pronoun interrupts is someone else
                dislocated = not self.text[entry.end : position].strip(" \t,") and "," in self.text[entry.end : position]
                if compatible and not dislocated and (entry.evidenced or not evidenced_only):
                    group.append(entry)
                i -= 1
            if fallback is not None:
                looked += 1
            if group:
                group.reverse()
                subjects = [e for e in group if e.speaks] or [e for e in group if e.subject_like]
                if subjects:
                    return subjects[0].name, subjects[0].start, subjects[0].end
                # "... his wife, an aide to Secretary Hillary Clinton. “…,” he said": an object is a weaker
                # antecedent than the subject of the sentence before
                fallback = fallback or group[-1]
        return (fallback.name, fallback.start, fallback.end) if fallback else None

    def resolve(self, mention: Mention) -> str | None:
        """The speaker's normalized name: pronouns and roles resolved, titles stripped, short forms expanded."""
        if mention.kind == "pronoun":
            gender = PRONOUNS.get(mention.text.lower())
            if gender in ("m", "f"):
                found = self.antecedent(mention.start, gender)
                return found[0] if found else None
            return None
        if mention.kind == "label":  # "WALLACE:" in a transcript
            return self.names.full_name(mention.text.title(), mention.start)
        tokens = tokenize(self.text, mention.start, mention.end)
        name, roles = split_name(tokens)
        while name and fold(name[0].text) in NOT_NAME_WORDS:
            name = name[1:]
        if name and re.search(r"\b(?:of|for)\s+$", self.text[max(0, mention.start - 5) : mention.start]):
            name = drop_office_object(name)  # "(Chief of) Police Deanna Nollette"
        if mention.kind == "name" and name:
            if len(name) == 1 and len(tokens) == 1 and self.names.common_word_at_sentence_start(name[0]):
                return None  # "Hours later, ..." is not a person
            surface = " ".join(self.text[name[0].start : name[-1].end].split())
            if surface.endswith(("’s", "'s")):
                surface = surface[:-2]
            return self.names.full_name(surface, mention.start)
        head = tokens[-1].lower if tokens else ""
        if head in TITLE_WORDS and (head in ROLE_NOUNS or roles) and head not in ORG_OR_PLACE_HEADS:
            wanted = {place_stem(t.text) if t.is_cap else t.lower for t in tokens if t.is_word}
            wanted = {w for w in wanted if w in TITLE_WORDS or w not in DESCRIPTION_MODIFIERS} - {"the", "a", "an"}
            mentions = [(e.start, e.name) for e in self._timeline[1] if e.evidenced]
            # every word must be supported by how the person was introduced; only a bare office ("the governor")
            # falls back to its head, never a party ("the Ohio Republican" is nobody when no Ohioan was named)
            wanted = canonical_roles(wanted)
            found = self.names.by_role(wanted, mention.start, mentions)
            if not found and not wanted & _PARTY_WORDS:
                found = self.names.by_role(canonical_roles({head}), mention.start, mentions)
            if found:
                return found
        literal = " ".join(mention.text.split())
        if len(tokens) == 1 and tokens[0].is_cap and head in _OFFICES and fold(head) not in self.names.persons:
            return None  # a headline's "General says ...": a bare capitalised office is nobody in particular
        if head in TITLE_WORDS and head not in ORG_OR_PLACE_HEADS and literal.lower().startswith("the "):
            return "the " + literal[4:]  # "the Ohio Republican" nobody named: a description, not an organisation
        if literal.lower().startswith("the ") and literal.split()[-1][:1].isupper():
            literal = literal[4:]  # "the White House" -> "White House"; "the ministry" stays
        elif literal[:4] == "The ":
            literal = "the " + literal[4:]
        return literal


# Offices, not surnames ("Singer", "King"): written alone and capitalised they name nobody.
_OFFICES = frozenset(
    "president general minister senator governor mayor secretary ambassador envoy commander director chairman "
    "chairwoman spokesman spokeswoman spokesperson premier prosecutor official lawmaker representative".split()
)
_PARTY_WORDS = frozenset({"republican", "democrat", "independent", "libertarian", "progressive"})

_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z’'.\-]+(?: [A-Z][A-Z’'.\-]+){0,2}):\s")


def transcript_label(text: str, start: int) -> Attribution | None:
    """A quoted transcript line names its speaker first: '"PENCE: Well, look, ..."'."""
    match = _TRANSCRIPT_LABEL.match(text, start, start + 40)
    if match is None or len(match.group(1)) < 3:
        return None
    return Attribution(Mention(match.start(1), match.end(1), match.group(1), "label"), None, "label")


def attribution_after(text: str, position: int, limit: int, ends_sentence: bool) -> Attribution | None:
    """'"…," Maduro said' / '"…," said Maduro' / '"…," according to X': the attribution right after a quote.

    ``ends_sentence`` is true when the quote closed a sentence ('"…." Smith said.'); then the attribution must be
    a whole clause with no complement of its own, or it is the start of new reported speech.
    """
    tokens = _without_parentheticals(tokenize(text, position, min(limit, position + _WINDOW)))
    i = 0
    while i < len(tokens) and tokens[i].text in (",", "—", "–", "-", "…", "―"):
        i += 1
    if i >= len(tokens):
        return None
    dash = i > 0 and tokens[i - 1].text in ("—", "–", "―") or i > 1 and tokens[i - 1].text == tokens[i - 2].text == "-"
    if dash and tokens[i].is_cap:
        # a signature line: '"…" ― Pamela Padilla' or '"…" — Nicolás Maduro (@NicolasMaduro) February 4'
        mention = _np_forward(text, tokens, i)
        if mention is not None and mention.kind == "name":
            return Attribution(mention, None, "after")
    # a lowercase word after '."' continues the sentence: '"…." he said' is a typo for '"…," he said'
    ends_sentence = ends_sentence and tokens[i].is_cap
    cue = cue_at(tokens, i)
    if cue is None and tokens[i].text in ("read", "reads"):
        cue = _cue(tokens, i, i)  # '"…," read one.' - a sign, a banner, a letter
    if cue is not None and cue.according:
        return Attribution(_np_forward(text, tokens, cue.last + 1, loose=True), cue, "according")
    if cue is not None:
        j = cue.last + 1
        while j < len(tokens) and tokens[j].lower in ("also", "later", "then", "again", "once"):
            j += 1
        return Attribution(_inverted_np(text, tokens, j), cue, "after")
    for k in range(i, min(len(tokens), i + 40)):
        token = tokens[k]
        if token.text in (".", "!", "?", ";", "“", "”", '"', "«", "»", ":"):
            return None
        cue = cue_at(tokens, k)
        if cue is None or cue.according:
            continue
        mention = subject_before(text, tokens, k, i)
        if mention is None or not _starts_clause(text, tokens, i, mention):
            return None
        if ends_sentence and not _no_complement(tokens, cue.last + 1):
            return None
        return Attribution(mention, cue, "next" if ends_sentence else "after")
    return None


def _starts_clause(text: str, tokens: Sequence[Token], first: int, mention: Mention) -> bool:
    """The subject found for a verb after a quote must open the clause, or follow a description of the same
    person: '"…," another friend, Mariam Emara, told CNN'."""
    if mention.start == tokens[first].start:
        return True
    if mention.kind == "name" and _lowercase_descriptor(tokens, first, mention.start):
        return True  # '"…," veteran David Soucy told ...', '"…," longtime resident Jane Doe said'
    comma = next((k for k in range(first, len(tokens)) if tokens[k].start >= mention.start), first) - 1
    if comma <= first or tokens[comma].text != ",":
        return False
    start, description = _np_backward(text, tokens, comma - 1, first)
    return description is not None and start == first


def _lowercase_descriptor(tokens: Sequence[Token], first: int, name_start: int) -> bool:
    """One to three lowercase words that describe the person named right after them, not a clause or adverbs."""
    words = [t for t in tokens[first:] if t.start < name_start]
    if 0 < len(words) <= 5 and words[0].is_cap and words[-1].is_cap:
        # '"…," House Ways and Means Chairman Dave Camp said': a committee or body in front of the title
        return all(
            t.is_word and (t.is_cap and fold(t.text) not in NOT_NAME_WORDS or t.lower in ("and", "of"))
            for t in words
        )
    return 0 < len(words) <= 3 and all(
        t.is_word
        and not t.is_cap
        and t.lower not in _NP_STOP | _BETWEEN_SUBJECT_AND_CUE | _INTRO_WORDS | _CLAUSE_WORDS
        and t.lower not in PRONOUNS
        and t.lower not in SPEECH_VERBS
        and not _adverb(t.lower)
        for t in words
    )


def _inverted_np(text: str, tokens: Sequence[Token], first: int) -> Mention | None:
    """The subject after an inverted verb, '"…," said his best friend at Lehigh, Bruce Turry, who ...'.

    The phrase runs to the first punctuation; a name set off right after a description is the better mention.
    """
    mention = _np_forward(text, tokens, first, bridge=True)
    if first >= len(tokens) or (mention is not None and mention.kind in ("pronoun", "name")):
        return mention
    last = first
    while last + 1 < min(len(tokens), first + 12) and tokens[last + 1].is_word:
        last += 1
    if not (tokens[first].lower in _DETERMINERS | _POSSESSIVE_DETERMINERS | _NUMBER_WORDS or tokens[first].is_cap):
        return mention
    described = _mention(text, tokens, first, last, loose=True)
    if last + 2 < len(tokens) and tokens[last + 1].text == ",":
        named = _np_forward(text, tokens, last + 2)
        if named is not None and named.kind == "name":
            return named
    return described or mention


_ADJUNCT_STARTS = frozenset(
    """
    . , ; in on at during to from after before while when last this yesterday today recently earlier later of
    about via through as according afterwards monday tuesday wednesday thursday friday saturday sunday with
    """.split()
)


def _no_complement(tokens: Sequence[Token], after_cue: int) -> bool:
    """After '"…." Smith said' the verb must end its clause: "said on Monday." yes, "said the plan failed" no."""
    if after_cue >= len(tokens):
        return True
    nxt = tokens[after_cue]
    if nxt.lower in _ADJUNCT_STARTS or not nxt.is_word:
        return True
    # "told reporters." / "told CNN on Monday."
    return after_cue + 1 < len(tokens) and tokens[after_cue + 1].lower in _ADJUNCT_STARTS


_PERSON_ROLES = sorted(TITLE_WORDS & ROLE_NOUNS - {"official", "officials", "source", "sources"}, key=len)
# "the Iranian president", "the minister": a role that stands for a person named elsewhere in the article.
_ROLE_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+((?:[\w’'-]+\s+){0,2}?)(" + "|".join(reversed(_PERSON_ROLES)) + r")\b(?![ \t]+[A-Z])"
)

_CONNECTORS = frozenset({",", ":", "that", "—", "–", "-", ";"})


def attribution_before(text: str, sentence_start: int, floor: int, position: int) -> Attribution | None:
    """'X said: "…"' / 'X said that "…"' / 'X added, "…"' / '…, adding, "…"': the cue right before a quote.

    Only a reporting verb followed by a connector or a short adjunct ("said in a statement:", "told CNN") counts;
    a verb further back makes the quote part of a longer clause, which ``attribution_in_sentence`` handles.
    The cue must come after ``floor`` (the previous quote); its subject may lie anywhere in the sentence.
    Without a reporting verb, a colon still introduces the subject's words ("Cruz called them on it:").
    """
    start = max(sentence_start, position - _WINDOW)
    tokens = _without_parentheticals(tokenize(text, start, position))
    if not tokens:
        return None
    lowest = next((k for k, t in enumerate(tokens) if t.start >= floor), len(tokens))
    found = _cue_before(text, tokens, lowest)
    if found is None and tokens[-1].text == ":" and lowest < len(tokens) - 1:
        sentence_floor = max(_sentence_floor(tokens, len(tokens) - 1), lowest)
        # "Pollsters agree - Carl Bialik:" names the speaker right before the colon; else the clause's subject
        mention = _np_backward(text, tokens, len(tokens) - 2, sentence_floor)[1]
        if mention is None or mention.kind != "name":
            mention = main_subject(text, tokens, sentence_floor, len(tokens) - 1)
        if mention is not None:
            return Attribution(mention, None, "colon")
    return found


def _cue_before(text: str, tokens: Sequence[Token], lowest: int) -> Attribution | None:
    for k in range(len(tokens) - 1, max(lowest - 1, len(tokens) - 16), -1):
        token = tokens[k]
        if token.text in (".", "!", "?", "“", "”", '"', "«", "»"):
            return None
        cue = cue_at(tokens, k)
        if cue is None:
            continue
        gap = tokens[cue.last + 1 :]
        if cue.according:
            if gap and gap[-1].text in (",", ":") and len(gap) <= 12:
                return Attribution(_np_forward(text, tokens, cue.last + 1, loose=True), cue, "according")
            return None
        if not _connector_gap(cue, gap):
            return None
        # 'Pena Nieto responded a few hours later with his own tweet: “…”' has its subject before the verb
        subject = None if cue.participle else subject_before(text, tokens, k, lowest)
        inverted = _inverted_subject(text, tokens, cue) if subject is None else None
        return Attribution(inverted or subject or _subject_of(text, tokens, k, cue, lowest), cue, "before")
    return None


def _inverted_subject(text: str, tokens: Sequence[Token], cue: Cue) -> Mention | None:
    """'"…," said the Florida senator, "…"': a subject after the verb, right before the resumed quote."""
    gap = tokens[cue.last + 1 :]
    if cue.text in _LISTENER_VERBS or len(gap) < 2 or gap[-1].text not in (",", ":"):
        return None
    opener = gap[0]
    if not (opener.is_cap or opener.lower in _DETERMINERS | _POSSESSIVE_DETERMINERS | _NUMBER_WORDS | PRONOUNS.keys()):
        return None  # 'he said of the Clinton campaign, "…"' has its subject before the verb
    mention = _inverted_np(text, tokens, cue.last + 1)
    if mention is None or mention.end > gap[-2].end:
        return None
    return mention


def _sentence_floor(tokens: Sequence[Token], k: int) -> int:
    """Index of the first token of the sentence holding tokens[k] within this window."""
    for i in range(k - 1, -1, -1):
        if tokens[i].text in (".", "!", "?") and i + 1 < len(tokens) and tokens[i + 1].is_cap:
            return i + 1
    return 0


# "to" is left out: "pledged to make Apple" is an infinitive, not "said to reporters".
_ADJUNCT_OR_PREP = (_ADJUNCT_STARTS - {"to"}) | frozenset("for into onto under over against upon throughout".split())


# Words that show a clause of its own between a reporting verb and a quote ('said Bush is "not smart"').
_CLAUSE_WORDS = frozenset(
    "he she they i we you it is was are were be been has have had will would can could should may might do does "
    "did that which who not".split()
)


_TELL_VERBS = frozenset("told tells tell telling".split())
_CONTRACTIONS = ("n’t", "n't", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m")


def _contraction(token: Token) -> bool:
    """ "he's", "wasn’t", "they'll": a verb in the gap means a clause of its own ("Iran's" is a possessive)."""
    low = token.lower
    return low.endswith(_CONTRACTIONS) or (low.endswith(("’s", "'s")) and not token.is_cap)


def _connector_gap(cue: Cue, gap: Sequence[Token]) -> bool:
    """Between a reporting verb and its quote: nothing, a connector, or an adjunct/listener then a connector.

    "said in a statement:", "told CNN", "said Tuesday that" qualify; "said the plan was" does not, because
    there the quote is only part of the reported clause.
    """
    if not gap:
        return cue.text not in _TELL_VERBS  # 'told “Fox News Sunday.”': the quotation is the listener
    ends_with_connector = gap[-1].text in _CONNECTORS or gap[-1].lower == "that"
    body = gap[:-1] if ends_with_connector else gap
    if not body:
        return True
    if len(body) > (8 if ends_with_connector else 3):
        return False
    if not ends_with_connector and (body[-1].lower in _PP_PREPOSITIONS or is_possessive(body[-1].text)):
        return False  # 'said on “Fox News Sunday.”', 'told CBS’s “Face the Nation”': a title, not the words
    for token in body:
        if not token.is_word or token.lower in _CLAUSE_WORDS or _contraction(token):
            return False
    first = body[0].lower
    if first in _ADJUNCT_OR_PREP or (_adverb(first) and len(body) == 1):
        return True
    # "told The New York Times in 2012," / "said the Florida senator,": a listener or an inverted subject
    return ends_with_connector or (cue.text in _LISTENER_VERBS and len(body) <= 3)


_QUOTING_VERBS = frozenset("quoted quotes quoting cited cites citing".split())


def _quoted_as(tokens: Sequence[Token], k: int) -> int | None:
    """Index of "quoted" in "quoted Ratcliffe as saying" / "was quoted as saying", with tokens[k] the "saying"."""
    if k < 2 or tokens[k - 1].lower != "as" or tokens[k].lower not in ("saying", "telling", "writing"):
        return None
    for j in range(k - 2, max(-1, k - 10), -1):
        if tokens[j].lower in _QUOTING_VERBS:
            return j
        if not tokens[j].is_word:
            return None
    return None


def _subject_of(text: str, tokens: Sequence[Token], k: int, cue: Cue, floor: int = 0) -> Mention | None:
    """The subject of the cue at tokens[k]; a participle or "and said" takes the main clause's subject.

    "The site quoted Ratcliffe as saying" names Ratcliffe, the object; "Ratcliffe was quoted as saying" its subject.
    """
    quoted = _quoted_as(tokens, k)
    if quoted is not None:
        if quoted == k - 2:
            return subject_before(text, tokens, quoted, floor) if quoted > floor else None
        return _np_forward(text, tokens, quoted + 1)
    if not cue.participle:
        mention = subject_before(text, tokens, k, floor)
        if mention is not None:
            return mention
        prev = tokens[k - 1].lower if k > 0 else ""
        if prev not in ("and", "but", ",", "also"):
            return None
    sentence_floor = _sentence_floor(tokens, k)
    if cue.participle:
        # ', he said, adding, "…"': the subject of the nearest finite reporting verb before the participle
        for j in range(k - 1, sentence_floor - 1, -1):
            earlier = cue_at(tokens, j)
            if earlier is not None and not earlier.participle and not earlier.according:
                mention = subject_before(text, tokens, j, sentence_floor)
                if mention is not None:
                    return mention
                break
    return main_subject(text, tokens, sentence_floor, k)


def attribution_in_sentence(
    discourse: Discourse, sentence: tuple[int, int], position: int, end: int | None = None, naming: bool = False
) -> Attribution | None:
    """The reported-speech frame around ``position``: "Raisi said that trade ...", "..., the ministry said".

    Prefers the nearest reporting verb before the position whose subject is found; else a post-posed attribution
    after it ("Trade rose 5%, the ministry said."); else "according to X" anywhere in the sentence.
    ``naming`` also accepts verbs such as "described ... as", which tell who used a quoted phrase.
    """
    text = discourse.text
    end = position if end is None else end
    s_start = max(sentence[0], position - 2 * _WINDOW)
    s_end = min(sentence[1], end + 2 * _WINDOW)
    tokens, cues = discourse.cues(s_start, s_end, naming)
    according: Attribution | None = None
    for k, cue in reversed([c for c in cues if c[1].end <= position]):
        if cue.according:
            according = according or Attribution(_np_forward(text, tokens, cue.last + 1, loose=True), cue, "according")
            continue
        mention = _subject_of(text, tokens, k, cue)
        if mention is not None and not (mention.start <= position < mention.end):
            return Attribution(mention, cue, "sentence")
    for k, cue in (c for c in cues if c[1].start >= end):
        if cue.according:
            according = according or Attribution(_np_forward(text, tokens, cue.last + 1, loose=True), cue, "according")
            continue
        whole = subject_before(text, tokens, k)
        if whole is not None and whole.start < end:
            continue  # the number is part of the subject: "Two officials said ..."
        floor = next((i for i in range(k - 1, -1, -1) if tokens[i].end <= end), -1) + 1
        mention = subject_before(text, tokens, k, floor)
        if mention is not None and _no_complement(tokens, cue.last + 1):
            return Attribution(mention, cue, "sentence")
        if mention is None and k > 0 and tokens[k - 1].text == "," and not cue.participle:
            # '"…" in the case, said Jim Jacks, a lawyer.': an inverted attribution closing the sentence
            named = _inverted_np(text, tokens, cue.last + 1)
            after = next((t for t in tokens if named is not None and t.start >= named.end), None)
            if named is not None and named.kind == "name" and (after is None or after.text in (",", ".", ";")):
                return Attribution(named, cue, "sentence")
    return according


def claim_speakers(
    text: str,
    spans: Sequence[tuple[int, int]],
    quotes: Sequence[Quote],
    sentences: Sequence[tuple[int, int]],
) -> list[SpeakerRef | None]:
    """For each span, the speaker: the quote's speaker when inside a quote, else the reported-speech subject."""
    ordered = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in ordered]
    discourse = Discourse(text, sentences, [(q.start, q.end) for q in ordered])
    refs: list[SpeakerRef | None] = []
    for start, end in spans:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < ordered[i].end:
            quote = ordered[i]
            if quote.speaker is None or quote.speaker_start is None or quote.speaker_end is None:
                refs.append(None)
            else:
                refs.append(SpeakerRef(quote.speaker, quote.speaker_start, quote.speaker_end, quote.cue))
            continue
        attribution = attribution_in_sentence(discourse, discourse.sentence(start), start, end)
        refs.append(speaker_ref(discourse, attribution))
    return refs


def speaker_ref(discourse: Discourse, attribution: Attribution | None) -> SpeakerRef | None:
    """Resolve an attribution's mention; None when nobody can be named."""
    if attribution is None or attribution.mention is None:
        return None
    name = discourse.resolve(attribution.mention)
    if not name:
        return None
    cue = attribution.cue.text if attribution.cue else None
    return SpeakerRef(name, attribution.mention.start, attribution.mention.end, cue)
