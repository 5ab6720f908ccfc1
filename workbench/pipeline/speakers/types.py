"""The typed candidates of attribution (a cue, a speaker mention, an attribution, a resolved speaker) and the
"speakers" rule table that decides between them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from workbench.pipeline.rules import rule_set

# The stages of the "speakers" family, in the order attribution meets them: a transcript label, the attribution
# right after or right before a quotation (or a lead-in closing the paragraph before, a roundup's sign-off line
# after it), the subject of a reporting
# verb, the reported-speech frame of a sentence (a verb before the span, one after it, "according to"); for a
# quote, the ranking of those candidates, a quoted title that is nobody's words, the speaker of a quote nothing
# names (a follow-on, an unnamed "they"), the paragraphs of one quotation; for a claim, the quote around it; and
# the resolution of the mention to a name (pronouns through their antecedent).
SPEAKER_RULES = rule_set(
    "speakers",
    (
        "label",
        "after",
        "before",
        "lead_in",
        "sign_off",
        "subject",
        "frame_before",
        "frame_after",
        "frame_according",
        "rank",
        "title",
        "unnamed",
        "chain",
        "claim",
        "resolve",
        "antecedent",
    ),
)


class Nobody:
    """A rule's answer "nobody": the rule decided and names no one (None would let the next rule try)."""

    def __repr__(self) -> str:
        return "NOBODY"


NOBODY = Nobody()


@dataclass(frozen=True)
class SpeakerRef:
    """A resolved speaker: the normalized name, the mention in the text the attribution uses, and the names of the
    rules that found and resolved it (``trace``, for a claim's trace and ``explain``)."""

    name: str
    start: int
    end: int
    cue: str | None = None
    trace: tuple[str, ...] = ()


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


class Antecedent(NamedTuple):
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


class Attribution(NamedTuple):
    """A speaker mention tied to its cue (a tuple: attribution makes several per quote, and frozen dataclasses are
    slow to build).

    ``how`` is the shape that found it ("label", "after", "before", "colon", "sentence", "according", "next"): quote
    ranking and the kind rules read it. ``trace`` names the rules that found it and its subject.
    """

    mention: Mention | None
    cue: Cue | None
    how: str
    trace: tuple[str, ...] = ()

    def traced(self, *names: str) -> Attribution:
        """The same attribution with ``names`` written before its trace (the rule that took it up)."""
        return Attribution(self.mention, self.cue, self.how, names + self.trace)
