"""Every quotation of a text with its kind and speaker, and the trace of the rules that decided them."""

from __future__ import annotations

from workbench.models import Quote
from workbench.pipeline.quotes.attribute import (
    Unnamed,
    attribute,
    share_along_chains,
    share_sign_off,
)
from workbench.pipeline.quotes.kind import QuoteKind, introduced_label
from workbench.pipeline.quotes.lexicon import ADJACENT, WHOLE_TEXT_SENTENCES
from workbench.pipeline.quotes.marks import Notes
from workbench.pipeline.quotes.scanner import paragraphs_of, scan_quotations
from workbench.pipeline.quotes.types import QUOTE_RULES, Region
from workbench.pipeline.rules import Trace
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import NOBODY, SPEAKER_RULES, Attribution, Discourse, resolve_attribution


def extract_quotes(
    text: str, notes: Notes | None = None, sentences: list[tuple[int, int]] | None = None
) -> list[Quote]:
    """Every quotation in ``text`` with its speaker, in text order; ``Quote.trace`` names the rules that found it,
    decided its kind and its speaker. ``notes`` collects what the rules rejected (for the examples test).
    ``sentences``: ``split_sentences(text)`` when the caller has it already (segmenting is a tenth of extraction)."""
    regions = scan_quotations(text, notes)
    paragraphs = paragraphs_of(text)
    if sentences is None or len(text) > WHOLE_TEXT_SENTENCES:
        sentences = _sentence_spans(text, regions, paragraphs)
    discourse = Discourse(text, sentences, [(r.open_start, r.close_end) for r in regions])
    attributions: list[Attribution | None] = []
    kinds: list[str] = []
    traces: list[Trace] = []
    labels: list[bool] = []  # 'His favourite phrase: “presidential harassment.”': nobody's follow-on
    for i, region in enumerate(regions):
        previous = regions[i - 1] if i > 0 else None
        floor = paragraphs[region.paragraph][0]
        if previous is not None and previous.paragraph == region.paragraph:
            # an unclosed quotation ends where this one opens, which says nothing about sentence starts
            floor = previous.close_end if previous.closed else max(floor, discourse.sentence(region.open_start)[0])
        attribution, adjacent = attribute(discourse, region, floor, paragraphs)
        trace = list(region.trace)
        attributions.append(attribution)
        kinds.append(QUOTE_RULES.first("kind", trace, QuoteKind(text, region, adjacent, floor)))
        traces.append(trace)
        labels.append(attribution is None and introduced_label(text, region, floor))
    share_sign_off(regions, attributions)
    share_along_chains(regions, attributions)
    for attribution in attributions:
        discourse.register(attribution.mention if attribution else None)
    last_speaker: tuple[str | None, int, int] | None = None
    introduced: tuple[int, tuple[str | None, int, int]] | None = None  # a phrase's speaker, for the next quote only
    last_end = 0
    title_end = -1
    quotes: list[Quote] = []
    for region, attribution, kind, label, trace in zip(regions, attributions, kinds, labels, traces, strict=True):
        if kind == "fragment" and attribution is not None:
            listed = text[title_end : region.open_start].strip(" ,") in ("and", "or", "") and title_end >= 0
            if SPEAKER_RULES.first("title", trace, text, region, listed, attribution.how in ADJACENT):
                attribution = None  # 'claimed on “Hannity.”': a show's name is nobody's words
                title_end = region.close_end
        ref, speaker_trace = resolve_attribution(discourse, attribution)
        trace.extend(speaker_trace)
        cue = attribution.cue if attribution and ref else None
        speaker = speaker_start = speaker_end = None
        if ref is not None:
            speaker, speaker_start, speaker_end = ref.name, ref.start, ref.end
            if kind == "direct" or attribution.how in ADJACENT:
                # 'Rumors that “…,” said Gilmore. “…”': a partial quote with its own verb still hands on its speaker
                last_speaker = (ref.name, ref.start, ref.end)
            elif _introduced_after(attribution, region, regions):
                introduced = (region.close_end, (ref.name, ref.start, ref.end))
        else:
            last = introduced[1] if introduced is not None and introduced[0] == last_end else last_speaker
            found = SPEAKER_RULES.first(
                "unnamed", trace, Unnamed(discourse, region, attribution, kind, label, last, last_end)
            )
            if found is not None and found is not NOBODY:
                speaker, speaker_start, speaker_end, behind = found
                if behind is not None:
                    trace.extend(behind.trace)
            if attribution is None:
                if speaker_start is not None:  # a follow-on speaks on for the next unattributed quote
                    last_speaker = (speaker, speaker_start, speaker_end)
            elif attribution.mention is not None:
                cue = attribution.cue
                if kind == "direct":  # an unnamed speaker ("they argued") still speaks the next unattributed quote
                    last_speaker = (None, speaker_start, speaker_end)
        last_end = region.close_end
        sentence = discourse.sentences.containing(region.inner_start, region.inner_end)
        quotes.append(
            Quote(
                start=region.inner_start,
                end=region.inner_end,
                text=text[region.inner_start : region.inner_end],
                kind=kind,
                speaker=speaker,
                speaker_start=speaker_start,
                speaker_end=speaker_end,
                cue=cue.text if cue else None,
                cue_start=cue.start if cue else None,
                cue_end=cue.end if cue else None,
                sentence_start=sentence[0],
                sentence_end=sentence[1],
                trace=trace,
            )
        )
    return quotes


def _introduced_after(attribution: Attribution, region: Region, regions: list[Region]) -> bool:
    """A phrase whose speaker the sentence names after it ('may require “…,” as happened in Brazil, says pollster
    Clifford Young. “…”') hands that speaker on to the quotation opening next in the same paragraph: the writer has
    just introduced the person whose words follow. A name before the phrase or in another paragraph hands on nothing
    (an op-ed's 'Smith called it “a disaster.”' is no introduction of the next quote)."""
    mention = attribution.mention
    if mention is None or mention.kind not in ("name", "pronoun") or mention.start < region.close_end:
        return False
    following = next((r for r in regions if r.open_start >= region.close_end), None)
    return following is not None and following.paragraph == region.paragraph and following.open_start > mention.end


def _sentence_spans(text: str, regions: list[Region], paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of the whole text, or, past the size of any article, only of the stretches around quotations.

    The segmenter costs up to tens of microseconds a character on long unpunctuated lines, so a 30 MB line is
    segmented only where attribution will look.
    """
    if len(text) <= WHOLE_TEXT_SENTENCES:
        return split_sentences(text)
    windows: list[tuple[int, int]] = []
    for region in regions:
        paragraph = paragraphs[region.paragraph]
        window = (max(paragraph[0], region.open_start - 1_500), min(paragraph[1], region.close_end + 1_500))
        if windows and window[0] <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], window[1]))
        else:
            windows.append(window)
    return [(s + a, e + a) for a, b in windows for s, e in split_sentences(text[a:b])]
