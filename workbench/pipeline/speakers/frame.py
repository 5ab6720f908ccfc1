"""The reported-speech frame of a sentence ("Raisi said that trade ...", "..., the ministry said"), the speakers of
claims, and the resolution of an attribution to a speaker, as named rules of the "speakers" family."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.models import Quote
from workbench.pipeline.names import Token
from workbench.pipeline.rules import Trace
from workbench.pipeline.speakers.attribution import VerbSubject, subject_of
from workbench.pipeline.speakers.discourse import Discourse
from workbench.pipeline.speakers.lexicon import WINDOW
from workbench.pipeline.speakers.phrases import inverted_np, no_complement, np_forward, subject_before
from workbench.pipeline.speakers.resolution import resolve
from workbench.pipeline.speakers.types import NOBODY, SPEAKER_RULES, Attribution, Cue, Mention, SpeakerRef

rule = SPEAKER_RULES.rule


@dataclass(slots=True)
class FrameCue:
    """One reporting cue of the sentence around a span ``[position, end)``, at ``tokens[k]``."""

    text: str
    tokens: list[Token]
    k: int
    cue: Cue
    position: int
    end: int
    _subject: Mention | None | object = field(default=NOBODY, repr=False)

    @property
    def subject_after_span(self) -> Mention | None:
        """The subject of a cue after the span, not reaching back into it (found once, for two rules)."""
        if self._subject is NOBODY:
            floor = next((i for i in range(self.k - 1, -1, -1) if self.tokens[i].end <= self.end), -1) + 1
            self._subject = subject_before(self.text, self.tokens, self.k, floor)
        return self._subject  # type: ignore[return-value]


@rule(
    "frame_before",
    examples=[
        "[[Raisi]] said that trade rose 5% last year.",
        "Ahead of the talks, [[the ministry]] said trade had reached $3 billion.",
    ],
    counter=["Trade rose 5%, [[the ministry]] said."],
)
def verb_before_span(ctx: FrameCue) -> Attribution | None:
    """The nearest reporting verb before the span frames it, when its subject is found ("Raisi said that trade ...")."""
    mention, trace = subject_of(VerbSubject(ctx.text, ctx.tokens, ctx.k, ctx.cue))
    if mention is None or mention.start <= ctx.position < mention.end:
        return None
    return Attribution(mention, ctx.cue, "sentence", trace)


@rule(
    "frame_after",
    examples=["More than [[200 lawmakers]] said the plan would fail, the newspaper reported."],
    counter=["Trade rose 5%, [[the ministry]] said."],
)
def span_inside_subject(ctx: FrameCue) -> object | None:
    """The span is part of the verb's subject ("Two officials said ..."): that verb frames nothing after it."""
    whole = subject_before(ctx.text, ctx.tokens, ctx.k)
    return NOBODY if whole is not None and whole.start < ctx.end else None


@rule(
    "frame_after",
    examples=["Trade rose 5%, [[the ministry]] said.", "Trade rose 5%, [[Raisi]] told reporters on Monday."],
    counter=["Trade rose 5%, and [[the ministry]] said the plan would work."],
)
def verb_after_span(ctx: FrameCue) -> Attribution | None:
    """A post-posed attribution closing the clause frames it: "Trade rose 5%, the ministry said."

    A verb with a complement of its own ("..., and the ministry said the plan would work") reports something else.
    """
    mention = ctx.subject_after_span
    if mention is None or not no_complement(ctx.tokens, ctx.cue.last + 1):
        return None
    return Attribution(mention, ctx.cue, "sentence")


@rule(
    "frame_after",
    examples=["“It was a bad year” in the case, said [[Jim Jacks]], a lawyer."],
    counter=["“It was a bad year” in the case, said [[a lawyer]] for the firm."],
)
def inverted_name_after_span(ctx: FrameCue) -> Attribution | None:
    """'"…" in the case, said Jim Jacks, a lawyer.': an inverted attribution closing the sentence names a person."""
    if ctx.subject_after_span is not None or ctx.k <= 0 or ctx.tokens[ctx.k - 1].text != "," or ctx.cue.participle:
        return None
    named = inverted_np(ctx.text, ctx.tokens, ctx.cue.last + 1)
    if named is None or named.kind != "name":
        return None
    after = next((t for t in ctx.tokens if t.start >= named.end), None)
    return Attribution(named, ctx.cue, "sentence") if after is None or after.text in (",", ".", ";") else None


@rule(
    "frame_according",
    examples=["Trade rose 5% last year, according to [[the central bank]]."],
    counter=["Trade rose 5%, [[the minister]] said, according to state media."],
)
def according_in_sentence(text: str, tokens: list[Token], cue: Cue) -> Attribution:
    """Where no reporting verb names anyone, "according to X" makes X the speaker."""
    return Attribution(np_forward(text, tokens, cue.last + 1, loose=True), cue, "according")


_CONDUIT_VERBS = frozenset("reported reports".split())
_SAID_THEN_OUTLET = re.compile(r"[ \t]*,[ \t]*(?:[A-Z][\w.&’'-]*[ \t]+){1,4}$")


def _passes_on(text: str, earlier: Cue, cue: Cue) -> bool:
    """ "she said, Breitbart reported": an outlet's "reported" right after someone's own cue only passes it on."""
    return cue.text in _CONDUIT_VERBS and bool(_SAID_THEN_OUTLET.fullmatch(text, earlier.end, cue.start))


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
    s_start = max(sentence[0], position - 2 * WINDOW)
    s_end = min(sentence[1], end + 2 * WINDOW)
    tokens, cues = discourse.cues(s_start, s_end, naming)
    according: Cue | None = None
    trace: Trace = []
    before = [c for c in cues if c[1].end <= position]
    for at, (k, cue) in reversed(list(enumerate(before))):
        if cue.according:
            according = according or cue
            continue
        if at and _passes_on(text, before[at - 1][1], cue):
            continue  # '"…," she said, Breitbart reported. "…"': the outlet passes her words on
        found = SPEAKER_RULES.first("frame_before", trace, FrameCue(text, tokens, k, cue, position, end))
        if found is not None:
            return found.traced(*trace)
    for k, cue in (c for c in cues if c[1].start >= end):
        if cue.according:
            according = according or cue
            continue
        found = SPEAKER_RULES.first("frame_after", trace, FrameCue(text, tokens, k, cue, position, end))
        if isinstance(found, Attribution):
            return found.traced(*trace)
    if according is None:
        return None
    trace = []
    return SPEAKER_RULES.first("frame_according", trace, text, tokens, according).traced(*trace)


def speaker_ref(discourse: Discourse, attribution: Attribution | None) -> SpeakerRef | None:
    """Resolve an attribution's mention; None when nobody can be named. The trace is the attribution's, then the
    resolution's."""
    return resolve_attribution(discourse, attribution)[0]


def resolve_attribution(
    discourse: Discourse, attribution: Attribution | None
) -> tuple[SpeakerRef | None, tuple[str, ...]]:
    """``speaker_ref``, with the trace also when nobody is named ("they": the mention stays, the name does not)."""
    if attribution is None or attribution.mention is None:
        return None, ()
    trace = list(attribution.trace)
    name = resolve(discourse, attribution.mention, trace)
    if not name:
        return None, tuple(trace)
    cue = attribution.cue.text if attribution.cue else None
    return SpeakerRef(name, attribution.mention.start, attribution.mention.end, cue, tuple(trace)), tuple(trace)


@rule(
    "claim",
    examples=["“Trade rose to [[$3 billion]] this year,” Maduro said."],
    counter=["Trade rose to [[$3 billion]] this year, Maduro said."],
)
def speaker_of_enclosing_quote(quote: Quote) -> Quote | object:
    """A number inside a quotation is spoken by the quotation's speaker (nobody, when the quote has none)."""
    if quote.speaker is None or quote.speaker_start is None or quote.speaker_end is None:
        return NOBODY
    return quote


_NAMES: list[frozenset[str]] = [frozenset()]


def _speaker_rule_names() -> frozenset[str]:
    """The names of the speakers rules, to tell a quote's speaker rules from its detection and kind rules."""
    if len(_NAMES[0]) != len(SPEAKER_RULES.rules):
        _NAMES[0] = frozenset(rule.name for rule in SPEAKER_RULES)
    return _NAMES[0]


def claim_speakers(
    text: str,
    spans: Sequence[tuple[int, int]],
    quotes: Sequence[Quote],
    sentences: Sequence[tuple[int, int]],
) -> list[SpeakerRef | None]:
    """For each span, the speaker: the quote's speaker when inside a quote, else the reported-speech subject.

    Each ``SpeakerRef.trace`` names the rules that decided it, for the claim's own trace.
    """
    ordered = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in ordered]
    discourse = Discourse(text, sentences, [(q.start, q.end) for q in ordered])
    refs: list[SpeakerRef | None] = []
    for start, end in spans:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < ordered[i].end:
            name, quote = SPEAKER_RULES.decide("claim", ordered[i])
            if quote is NOBODY or quote is None:
                refs.append(None)
            else:  # the quote's own speaker rules follow (its trace also holds its detection and kind rules)
                names = _speaker_rule_names()
                trace = (name, *(rule for rule in quote.trace if rule in names))
                refs.append(SpeakerRef(quote.speaker, quote.speaker_start, quote.speaker_end, quote.cue, trace))
            continue
        attribution = attribution_in_sentence(discourse, discourse.sentence(start), start, end)
        refs.append(speaker_ref(discourse, attribution))
    return refs
