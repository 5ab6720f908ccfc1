"""Noun phrases around a reporting verb: the subject before it, an inverted subject after it, a main clause's subject.

Bounded windows of tokens, so each parser costs linear time however odd the text is.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from workbench.pipeline.names import (
    DESCRIPTION_MODIFIERS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    Token,
    fold,
    is_org_or_place,
    is_possessive,
    split_name,
    tokenize,
)
from workbench.pipeline.speakers.lexicon import (
    ADJUNCT_STARTS,
    AFFILIATION,
    BETWEEN_SUBJECT_AND_CUE,
    CLAUSE_WORDS,
    DETERMINERS,
    INTRO_TAILS,
    INTRO_WORDS,
    LY_NOUNS,
    MEDIUM_NOUNS,
    NOUN_PHRASE_OPENERS,
    NP_STOP,
    NUMBER_WORDS,
    POSSESSIVE_DETERMINERS,
    PP_PREPOSITIONS,
    SENTENCE_ADVERBS,
    SPEECH_VERBS,
)
from workbench.pipeline.speakers.patterns import PARTY_TAG_TOKEN
from workbench.pipeline.speakers.types import Mention

# Title words that can head a description of a person ("the pollster", "the investor"), unlike those that only
# qualify an office ("the first", "the economy", "the acting").
PERSON_TITLES = TITLE_WORDS - frozenset(
    """
    acting affairs agriculture crown culture defence defense democratic deputy economy education energy ex first
    foreign former grand health home house independent industry interior justice labor labour late majority
    managing minority national oil petroleum presidential press prime security staff state supreme then top trade
    transport transportation vice white hon honorable honourable excellency highness majesty rt messrs mr mrs ms
    dr prof rev sen sens rep reps gov govs gen gens adm brig capt col lt maj sgt haj hajj sayed sayyed sayyid
    seyed seyyed cpl pvt pfc spc det insp supt cmdr cdr ofc amb atty
    """.split()
)


_TEXT = itemgetter(2)  # a token's text


def without_parentheticals(tokens: list[Token]) -> list[Token]:
    """Drop short parentheses such as "(D-Wis.)" or "(@NicolasMaduro)", which interrupt a name and its verb."""
    if "(" not in map(_TEXT, tokens):
        return list(tokens)  # most stretches have none: one pass in C instead of a Python loop over every token
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


def is_adverb(word: str) -> bool:
    """ "reportedly", "flatly": -ly words, but not "ally" or "family"."""
    return word.endswith("ly") and len(word) > 4 and word not in LY_NOUNS


def _is_np_word(token: Token) -> bool:
    low = token.lower
    return (
        token.is_cap
        or low in ROLE_NOUNS
        or low in DESCRIPTION_MODIFIERS
        or low in TITLE_WORDS
        or low in NUMBER_WORDS
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
    counted = head.lower in NUMBER_WORDS and first < last and tokens[first].lower in DETERMINERS  # "the two"
    if (
        not head.is_cap
        and head.lower not in ROLE_NOUNS
        and head.lower not in PERSON_TITLES
        and not loose
        and not counted
    ):
        return None  # a person's title heads a description too: '"…," the former pollster said'
    if head.is_cap and fold(head.text) in NOT_NAME_WORDS and head.lower not in TITLE_WORDS:
        if not (first < last and _name_part_he(tokens, last)):
            return None
    if head.text.isupper() and (len(head.text) > 5 or last > first and all(t.text.isupper() for t in words)):
        return None  # a dateline ("WASHINGTON"), a headline in capitals or a shouted word, not a speaker
    if PARTY_TAG_TOKEN.match(head.text):
        return None  # "D-N.J." qualifies a name; it is none
    if is_possessive(head.text):  # "President Obama’s comments that …": Obama commented
        head = Token(head.start, head.end - 2, head.text[:-2])
        words[-1] = head
    name, _ = split_name(words)
    kind = "name" if name and not is_org_or_place(name) else "description"
    if len(name) == 1 and any(w.lower in ("of", "for") and w.end <= name[0].start for w in words):
        kind = "description"  # "the president of Iran", "the director of National Intelligence" name no person
    return Mention(words[0].start, head.end, text[words[0].start : head.end], kind)


def np_backward(text: str, tokens: Sequence[Token], last: int, floor: int) -> tuple[int, Mention | None]:
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
            if low in DETERMINERS and not initial:
                if k - 3 >= floor and tokens[k - 2].lower in ("of", "for") and tokens[k - 3].lower in ROLE_NOUNS:
                    k -= 3
                    continue
                return k - 1, _mention(text, tokens, k - 1, last)
            if low in NAME_PARTICLES and k - 2 >= floor and tokens[k - 2].is_cap:
                k -= 1
                continue
            if not prev.is_word or not _is_np_word(prev):
                break
            if (
                prev.is_cap
                and fold(prev.text) in NOT_NAME_WORDS
                and low not in TITLE_WORDS | NUMBER_WORDS
                and not initial
            ):
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


def _determiner_before(tokens: Sequence[Token], i: int, floor: int) -> int | None:
    """Index of the determiner opening the phrase that ends at tokens[i], crossing one prepositional phrase."""
    found = None
    budget = 4
    while i >= floor and budget >= 0:
        word = tokens[i]
        low = word.lower
        if low in DETERMINERS or low in POSSESSIVE_DETERMINERS or low in ("one", "another"):
            found = i
            if i - 1 >= floor and tokens[i - 1].lower in PP_PREPOSITIONS and budget > 0:
                i -= 2
                budget = 3
                continue
            return found
        if not word.is_word or low in NP_STOP or low in PRONOUNS:
            return found
        if word.is_cap and fold(word.text) in NOT_NAME_WORDS:
            return found
        i -= 1
        budget -= 1
    return found


def np_forward(
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
        if (low in DETERMINERS or low in POSSESSIVE_DETERMINERS) and opens_phrase:
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
        elif (bridge or loose) and low not in NP_STOP and not is_adverb(low) and low not in PRONOUNS and unknown < 3:
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
            if low in NP_STOP or is_adverb(low) or low in SPEECH_VERBS or low in PRONOUNS or low in NOUN_PHRASE_OPENERS:
                break
            if head > k and low.endswith("ed"):
                break  # "Trump’s legal team displayed": the verb
            head += 1
        return _mention(text, tokens, first, head - 1, loose=True) if head > k else None
    if bridge and unknown and last < k - 1 and (k >= len(tokens) or not tokens[k].is_word):
        last = k - 1  # '"…," said a Sanders ally.': the lowercase head ends the phrase
        return _mention(text, tokens, first, last, loose=True)
    return _mention(text, tokens, first, last, loose=loose)


_PARTICIPLE_OBJECTS = frozenset("by with into from at in on".split())


def _is_intro(segment: Sequence[Token]) -> bool:
    """An introductory phrase before the subject: "In Caracas,", "Speaking to reporters,", "Hours later,"."""
    first = segment[0].lower
    if first in INTRO_WORDS:
        return True
    if (first.endswith("ing") and len(first) > 4) or is_adverb(first):
        return not _name_then_verb(segment)
    return _intro_by_shape(segment)


_FINITE = frozenset("is was has had will would can could did does".split())


def _name_then_verb(segment: Sequence[Token]) -> bool:
    """ "Donnelly granted their request,", "Manning said": a capitalised -ly or -ing word before a finite verb is
    a surname, not an introductory adverb or participle ("Separately, …", "Speaking to reporters, …")."""
    if len(segment) < 2 or not segment[0].is_cap or segment[1].is_cap:
        return False
    verb = segment[1].lower
    return verb in SPEECH_VERBS or verb in _FINITE or (verb.endswith("ed") and len(verb) > 4)


def _intro_by_shape(segment: Sequence[Token]) -> bool:
    """ "Nudged by a note,", "Hours later,": a participle with its object, or a short phrase with an intro tail."""
    first = segment[0].lower
    if first.endswith("ed") and len(segment) > 1 and segment[1].lower in _PARTICIPLE_OBJECTS:
        return True  # "Nudged by a note, the nominee declared": a participle, not a name
    comma = next((i for i, t in enumerate(segment) if t.text == ","), len(segment))
    return 0 < comma <= 4 and segment[comma - 1].lower in INTRO_TAILS


def subject_before(text: str, tokens: Sequence[Token], cue_index: int, floor: int = 0) -> Mention | None:
    """The subject of the reporting verb at tokens[cue_index], looking no further left than ``floor``.

    Handles adverbs between subject and verb ("Raisi also said") and an appositive set off by commas
    ("Benjamin Rhodes, Mr. Obama's deputy national security adviser, said").
    """
    j = cue_index - 1
    while (
        j >= floor
        and tokens[j].lower in BETWEEN_SUBJECT_AND_CUE
        or (j >= floor and is_adverb(tokens[j].lower) and not tokens[j].is_cap)
        or _used_to(tokens, j, floor)
    ):
        j -= 2 if _used_to(tokens, j, floor) else 1
    if j < floor:
        return None
    tag = j - 2 if j - 1 >= floor and tokens[j - 1].text == "." else j - 1  # "R-Mich." splits off its dot
    if (
        tokens[j].text == ","
        and tag - 2 >= floor
        and PARTY_TAG_TOKEN.match(tokens[tag].text)
        and tokens[tag - 1].text == ","
    ):
        # "Rep. Bonnie Watson Coleman, D-N.J., yelled": the tag only qualifies the name before it
        named = np_backward(text, tokens, tag - 2, floor)[1]
        if named is not None and named.kind == "name":
            return named
    if tokens[j].text == ",":
        return _subject_before_appositive(text, tokens, floor, j)
    start, mention = _past_affiliation(text, tokens, *np_backward(text, tokens, j, floor), floor)
    if mention is not None and mention.kind == "description":
        if mention.text.split()[-1] in MEDIUM_NOUNS:
            return mention  # "Podliska, the statement said, “…”": a person's appositive is never a document
        return _unclosed_appositive(text, tokens, start, floor) or mention
    return mention


def _used_to(tokens: Sequence[Token], j: int, floor: int) -> bool:
    """ "as Ronald Reagan used to say, “…”": the habit names the speaker as plainly as "said" does."""
    return j - 1 >= floor and tokens[j].lower == "to" and tokens[j - 1].lower == "used"


_PREPOSITIONS_BEFORE_OBJECT = frozenset("against of for to with about on by from into toward towards".split())


def _unclosed_appositive(text: str, tokens: Sequence[Token], start: int, floor: int) -> Mention | None:
    """ "Tom Marquardt, a retired publisher and top editor at the paper said": the appositive's second comma is
    missing, so the description before the verb is the name's, and the name is the subject. The appositive may
    open without an article ("Chris Zaccarelli, chief investment officer of the Alliance told")."""
    for k in range(start - 1, max(floor, start - 9) - 1, -1):
        token = tokens[k]
        if token.text == ",":
            opener = tokens[k + 1] if k + 1 < len(tokens) else None
            if opener is None or not (opener.lower in DETERMINERS or opener.text in PERSON_TITLES):
                return None
            if k - 1 < floor:
                return None
            named_start, named = np_backward(text, tokens, k - 1, floor)
            if named_start - 1 >= floor and tokens[named_start - 1].lower in _PREPOSITIONS_BEFORE_OBJECT:
                return None  # "In her dismissal of all charges against Yaghtin, the judge said": an object
            return named if named is not None and named.kind == "name" else None
        if not token.is_word or token.lower in PRONOUNS or token.lower in SPEECH_VERBS:
            return None
    return None


def _past_affiliation(
    text: str, tokens: Sequence[Token], start: int, mention: Mention | None, floor: int
) -> tuple[int, Mention | None]:
    """ "Rep. Tom Cole of Oklahoma", "a scholar at Brookings": the person before "of"/"at", not the place after it
    (with the index where the phrase starts)."""
    if mention is None or mention.kind == "pronoun" or start - 2 < floor:
        return start, mention
    if tokens[start - 1].lower in AFFILIATION and tokens[start - 2].is_word:
        owner_start, owner = np_backward(text, tokens, start - 2, floor)
        if owner is not None and owner.kind == "name":
            return owner_start, owner
        single = len(tokenize(mention.text)) == 1 or mention.kind == "description"
        if owner is not None and owner.kind == "description" and single:
            return owner_start, Mention(owner.start, mention.end, text[owner.start : mention.end], "description")
    return start, mention


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
            if tokens[seg_first].lower in SENTENCE_ADVERBS and seg_last > seg_first:
                # "Meanwhile Senator Marco Rubio, a member of the Gang of 8, warned": no comma after the adverb
                start, mention = np_backward(text, tokens, seg_last, seg_first + 1)
                if mention is not None and mention.kind == "name" and start == seg_first + 1:
                    return mention
            continue
        # "Senate Minority Leader Mitch McConnell of Kentucky, said": the person, not the state
        start, mention = _past_affiliation(text, tokens, *np_backward(text, tokens, seg_last, seg_first), seg_first)
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
    mention = np_forward(text, tokens, i)
    if mention is None:
        return None
    return mention


def inverted_np(text: str, tokens: Sequence[Token], first: int) -> Mention | None:
    """The subject after an inverted verb, '"…," said his best friend at Lehigh, Bruce Turry, who ...'.

    The phrase runs to the first punctuation; a name set off right after a description is the better mention.
    """
    mention = np_forward(text, tokens, first, bridge=True)
    if first >= len(tokens) or (mention is not None and mention.kind in ("pronoun", "name")):
        return mention
    last = first
    while last + 1 < min(len(tokens), first + 12) and tokens[last + 1].is_word:
        last += 1
    if not (tokens[first].lower in DETERMINERS | POSSESSIVE_DETERMINERS | NUMBER_WORDS or tokens[first].is_cap):
        return mention
    described = _mention(text, tokens, first, last, loose=True)
    if last + 2 < len(tokens) and tokens[last + 1].text == ",":
        named = np_forward(text, tokens, last + 2)
        if named is not None and named.kind == "name":
            return named
    return described or mention


def no_complement(tokens: Sequence[Token], after_cue: int) -> bool:
    """After '"…." Smith said' the verb must end its clause: "said on Monday." yes, "said the plan failed" no."""
    if after_cue >= len(tokens):
        return True
    nxt = tokens[after_cue]
    if nxt.lower in ADJUNCT_STARTS or not nxt.is_word:
        return True
    # "told reporters." / "told CNN on Monday."
    return after_cue + 1 < len(tokens) and tokens[after_cue + 1].lower in ADJUNCT_STARTS


def clause_start(tokens: Sequence[Token], k: int) -> int:
    """Index of the first token of the sentence holding tokens[k] within this window."""
    for i in range(k - 1, -1, -1):
        if tokens[i].text in (".", "!", "?") and i + 1 < len(tokens) and tokens[i + 1].is_cap:
            return i + 1
    return 0


def starts_clause(text: str, tokens: Sequence[Token], first: int, mention: Mention) -> bool:
    """The subject found for a verb after a quote must open the clause, or follow a description of the same
    person: '"…," another friend, Mariam Emara, told CNN'."""
    if mention.start == tokens[first].start:
        return True
    if mention.kind == "name" and _lowercase_descriptor(tokens, first, mention.start):
        return True  # '"…," veteran David Soucy told ...', '"…," longtime resident Jane Doe said'
    comma = next((k for k in range(first, len(tokens)) if tokens[k].start >= mention.start), first) - 1
    if comma <= first or tokens[comma].text != ",":
        return False
    start, description = np_backward(text, tokens, comma - 1, first)
    return description is not None and start == first


def _lowercase_descriptor(tokens: Sequence[Token], first: int, name_start: int) -> bool:
    """One to three lowercase words that describe the person named right after them, not a clause or adverbs."""
    words = [t for t in tokens[first:] if t.start < name_start]
    if 0 < len(words) <= 5 and words[0].is_cap and words[-1].is_cap:
        # '"…," House Ways and Means Chairman Dave Camp said': a committee or body in front of the title
        return all(
            t.is_word and (t.is_cap and fold(t.text) not in NOT_NAME_WORDS or t.lower in ("and", "of")) for t in words
        )
    return 0 < len(words) <= 3 and all(
        t.is_word
        and not t.is_cap
        and t.lower not in NP_STOP | BETWEEN_SUBJECT_AND_CUE | INTRO_WORDS | CLAUSE_WORDS
        and t.lower not in PRONOUNS
        and t.lower not in SPEECH_VERBS
        and not is_adverb(t.lower)
        for t in words
    )
