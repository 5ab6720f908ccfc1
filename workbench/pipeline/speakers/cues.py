"""Reporting cues: which token starts a reporting verb ("said", "pointed out", "according to", ", adding")."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.pipeline.names import NOT_NAME_WORDS, Token, fold, is_possessive
from workbench.pipeline.speakers.lexicon import (
    ADJUNCT_OR_PREP,
    AFTER_PARTICIPLE_OK,
    CLAUSE_WORDS,
    CONNECTORS,
    CONTRACTIONS,
    CUE_WORDS,
    DOCUMENT_NOUNS,
    DOCUMENT_VERBS,
    LISTENER_VERBS,
    NAMING_VERBS,
    NOT_SPEECH_AFTER_ON,
    NOUN_LIKE,
    NOUN_PHRASE_OPENERS,
    PASSIVE_AUXILIARIES,
    PHRASAL_CUES,
    PP_PREPOSITIONS,
    PRESSING_VERBS,
    QUOTING_VERBS,
    SIGN_VERBS,
    SPEECH_VERBS,
    TELL_VERBS,
)
from workbench.pipeline.speakers.phrases import is_adverb
from workbench.pipeline.speakers.types import Cue


def cue_at(tokens: Sequence[Token], k: int, naming: bool = False) -> Cue | None:
    """The reporting cue starting at tokens[k], if any: "said", "pointed out", "according to", ", adding"."""
    token = tokens[k]
    word = token.text
    if word not in CUE_WORDS:
        return None  # every cue below opens on a word of CUE_WORDS; most tokens asked about are none
    nxt = tokens[k + 1].lower if k + 1 < len(tokens) else ""
    if word in ("according", "According") and nxt == "to":
        return make_cue(tokens, k, k + 1)
    if token.is_cap or not token.is_word:
        return None
    if PHRASAL_CUES.get(word) == nxt and not (
        nxt == "on" and k + 2 < len(tokens) and tokens[k + 2].lower in NOT_SPEECH_AFTER_ON
    ):
        return make_cue(tokens, k, k + 1)
    if word in NOUN_LIKE and k > 0 and _names_someone(tokens[k - 1]):
        return make_cue(tokens, k, k)  # "Conway notes." - a plural noun would follow a determiner instead
    if (word in SIGN_VERBS or word in PRESSING_VERBS) and (not nxt or nxt in (",", ".", ":", ";")):
        return make_cue(tokens, k, k)  # '"…," the letter reads.', '"…," Jones pushed.'
    if word in DOCUMENT_VERBS:
        # 'A 2015 study by Cody Ross found, "…"' / '"…," the report found.'; not 'a poll found 59% want to
        # "penalize" it', where the words in quotation marks are the writer's sentence
        joined = not nxt or nxt in (",", ":", ".", ";")
        found = joined and any(tokens[j].lower in DOCUMENT_NOUNS for j in range(max(0, k - 6), k))
        return make_cue(tokens, k, k) if found else None

    if word not in SPEECH_VERBS and not (naming and word in NAMING_VERBS):
        return None
    if nxt in ("’", "'"):  # "the says’ ..." is not a verb
        return None
    if nxt == "to" and word.startswith("continu"):
        return None  # "it continued to threaten": not speech
    if word.endswith("ing") and k > 0 and tokens[k - 1].lower not in AFTER_PARTICIPLE_OK:
        if nxt not in (":", ",", "“", '"') and quoted_as(tokens, k) is None:
            return None  # "the meeting" is no cue; "emailed supporters saying:" is
    if k > 0 and tokens[k - 1].lower in PASSIVE_AUXILIARIES:
        return None  # "was charged", "is told", "has been asked"
    before = k - 1
    while before > 0 and is_adverb(tokens[before].lower):
        before -= 1  # "a racially charged feud": look past the adverbs that modify the participle
    if k > 0 and tokens[before].lower in NOUN_PHRASE_OPENERS:
        return None  # "his continued refusal", "one of his tweets": a modifier or a noun, not a verb
    return make_cue(tokens, k, k)


def _names_someone(token: Token) -> bool:
    return token.lower in ("he", "she", "they") or (token.is_cap and fold(token.text) not in NOT_NAME_WORDS)


def make_cue(tokens: Sequence[Token], first: int, last: int) -> Cue:
    start, end = tokens[first].start, tokens[last].end
    words = [t.text for t in tokens[first : last + 1]]
    return Cue(start, end, " ".join(words), last)


def quoted_as(tokens: Sequence[Token], k: int) -> int | None:
    """Index of "quoted" in "quoted Ratcliffe as saying" / "was quoted as saying", with tokens[k] the "saying"."""
    if k < 2 or tokens[k - 1].lower != "as" or tokens[k].lower not in ("saying", "telling", "writing"):
        return None
    for j in range(k - 2, max(-1, k - 10), -1):
        if tokens[j].lower in QUOTING_VERBS:
            return j
        if not tokens[j].is_word:
            return None
    return None


def _contraction(token: Token) -> bool:
    """ "he's", "wasn’t", "they'll": a verb in the gap means a clause of its own ("Iran's" is a possessive)."""
    low = token.lower
    return low.endswith(CONTRACTIONS) or (low.endswith(("’s", "'s")) and not token.is_cap)


def connector_gap(cue: Cue, gap: Sequence[Token]) -> bool:
    """Between a reporting verb and its quote: nothing, a connector, or an adjunct/listener then a connector.

    "said in a statement:", "told CNN", "said Tuesday that" qualify; "said the plan was" does not, because
    there the quote is only part of the reported clause.
    """
    if not gap:
        return cue.text not in TELL_VERBS  # 'told “Fox News Sunday.”': the quotation is the listener
    ends_with_connector = gap[-1].text in CONNECTORS or gap[-1].lower == "that"
    body = gap[:-1] if ends_with_connector else gap
    if not body:
        return True
    if len(body) > (8 if ends_with_connector else 3):
        return False
    if not ends_with_connector and (body[-1].lower in PP_PREPOSITIONS or is_possessive(body[-1].text)):
        return False  # 'said on “Fox News Sunday.”', 'told CBS’s “Face the Nation”': a title, not the words
    for token in body:
        if not token.is_word or token.lower in CLAUSE_WORDS or _contraction(token):
            return False
    first = body[0].lower
    if first in ADJUNCT_OR_PREP or (is_adverb(first) and len(body) == 1):
        return True
    # "told The New York Times in 2012," / "said the Florida senator,": a listener or an inverted subject
    return ends_with_connector or (cue.text in LISTENER_VERBS and len(body) <= 3)
