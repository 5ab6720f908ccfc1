"""``extract_claims``: scan, read, run the context rules, and build the public ``Claim`` models.

``explain_claims`` is the same run, keeping what the rules dropped (with the rule that dropped it), so that
``workbench explain`` can say why a number is no claim as well as why one is.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from workbench.models import Claim, Quote
from workbench.pipeline.claims.change import is_checkable, mark_changes, number_change_groups
from workbench.pipeline.claims.mention import RULES, Mention, rule
from workbench.pipeline.claims.page import outside_control_sequences, outside_page_furniture
from workbench.pipeline.claims.parts import mark_parts
from workbench.pipeline.claims.patterns import MAY_END_SENTENCE, TERMINATORS
from workbench.pipeline.claims.scanner import scan
from workbench.pipeline.claims.target import mark_targets
from workbench.pipeline.quotes import extract_quotes, scan_quotations
from workbench.pipeline.rules import Trace
from workbench.pipeline.sentences import BLOCK_CHARS, Sentence, SentenceIndex, split_sentences
from workbench.pipeline.speakers import SpeakerRef, claim_speakers


@dataclass(frozen=True)
class Dropped:
    """A number the rules read and then dropped: what it was read as, and the rules that fired, the last of them
    the one that dropped it."""

    start: int
    end: int
    mention: str
    kind: str | None
    value: float | None
    unit: str | None
    trace: Trace


def extract_claims(
    text: str,
    published: str | date | datetime | None = None,
    *,
    quotes: Sequence[Quote] | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> list[Claim]:
    """Every checkable quantity in ``text``, in text order, with its sentence and speaker.

    ``published`` (an ISO date string or a date) supplies the year of dates written without one. ``quotes``
    and ``sentences`` can be passed when the caller already has them; otherwise they are computed, and only
    when the text has at least one claim. Each claim's ``trace`` names the rules that decided it.
    """
    return _extract(text, published, quotes, sentences, None)


def explain_claims(
    text: str,
    published: str | date | datetime | None = None,
    *,
    quotes: Sequence[Quote] | None = None,
    sentences: Sequence[Sentence] | None = None,
) -> tuple[list[Claim], list[Dropped]]:
    """``extract_claims``, and the numbers the rules dropped on the way, in text order."""
    rejected: list[Mention] = []
    claims = _extract(text, published, quotes, sentences, rejected)
    rejected.sort(key=lambda m: (m.start, m.end))
    return claims, [
        Dropped(
            m.start,
            m.end,
            text[m.start : m.end],
            m.kind if m.kind not in ("", "skip") else None,
            m.value,
            m.unit,
            m.trace,
        )
        for m in rejected
    ]


def _extract(
    text: str,
    published: str | date | datetime | None,
    quotes: Sequence[Quote] | None,
    sentences: Sequence[Sentence] | None,
    rejected: list[Mention] | None,
) -> list[Claim]:
    if not text:
        return []
    mentions = scan(text, _year_of(published), rejected)
    if mentions and ("\x1b" in text or "\x9b" in text):
        mentions = outside_control_sequences(text, mentions, rejected)
    if mentions:
        mentions = outside_page_furniture(text, mentions, rejected)
        _date_years_nearest(mentions, published)
    if not mentions:
        return []
    spans = _sentence_spans(text) if sentences is None else list(sentences)
    _assign_sentences(mentions, spans)
    changes = mark_changes(text, mentions)
    mark_parts(text, mentions)
    kept = [m for m in mentions if is_checkable(m)]
    if rejected is not None and len(kept) < len(mentions):
        kept_ids = {id(m) for m in kept}
        rejected += [m for m in mentions if id(m) not in kept_ids]
    mentions = kept
    if not mentions:
        return []
    if changes:
        number_change_groups(mentions)
    mark_targets(text, mentions)
    if quotes is None:
        # Most texts with a number quote nobody; finding that out is a fraction of attributing quotes.
        quotes = extract_quotes(text) if scan_quotations(text) else []
    speakers = claim_speakers(text, [(m.start, m.end) for m in mentions], quotes, spans)
    if any(speakers):
        _trace_speakers(mentions, speakers, quotes)
    return [_to_claim(text, mention, speaker) for mention, speaker in zip(mentions, speakers, strict=True)]


def _trace_speakers(mentions: list[Mention], speakers: list[SpeakerRef | None], quotes: Sequence[Quote]) -> None:
    """Where each claim's speaker came from ("speaker" rules); the attribution itself is the speakers module's."""
    quoted = sorted((q.start, q.end) for q in quotes)
    starts = [start for start, _ in quoted]
    for mention, speaker in zip(mentions, speakers, strict=True):
        if speaker is not None:
            at = bisect_right(starts, mention.start) - 1
            inside = at >= 0 and mention.start < quoted[at][1]
            RULES.first("speaker", mention.trace, inside)
            mention.trace.extend(speaker.trace)  # how the speakers rules found and resolved the name


@rule(
    "speaker",
    examples=['Raisi said: "Trade will reach [[$10 billion]] soon."'],
    counter=["Raisi said trade reached [[$3 billion]]."],
)
def speaker_of_quote(inside_quote: bool) -> bool:
    """A claim inside a quotation is the words of the quote's speaker."""
    return inside_quote


@rule(
    "speaker",
    examples=["Raisi said trade reached [[$3 billion]]."],
    counter=['Raisi said: "Trade will reach [[$10 billion]] soon."'],
)
def speaker_of_sentence(inside_quote: bool) -> bool:
    """A claim in reported speech ("Raisi said trade ...") is the words of the sentence's speaker."""
    return not inside_quote


# Fields the extractor decides for every claim (None included: "no hedge" is a decision); the rest the store fills.
EXTRACTED_FIELDS = frozenset(Claim.model_fields) - {"id", "article_id", "cluster_id", "trace"}


_set_attribute = object.__setattr__
_new_object = object.__new__


def _to_claim(text: str, mention: Mention, speaker: SpeakerRef | None) -> Claim:
    """The public model, built without validation: this module guarantees every field (kinds, hedges and roles
    come from its own tables, offsets from the text it read), and validating took as long as reading the number.
    ``Claim.model_construct`` is no faster in pydantic 2. The tests validate every claim they extract."""
    value, high = mention.value, mention.value_high
    fields = {
        "id": None,
        "article_id": None,
        "start": mention.start,
        "end": mention.end,
        "mention": text[mention.start : mention.end],
        "sentence_start": mention.sentence[0],
        "sentence_end": mention.sentence[1],
        "kind": mention.kind,
        "value": None if value is None else float(value),
        "value_high": None if high is None else float(high),
        "unit": mention.unit,
        "hedge": mention.hedge,
        "change_group": mention.group,
        "role": mention.role,
        "target": mention.target,
        "speaker": None,
        "speaker_start": None,
        "speaker_end": None,
        "cluster_id": None,
        "trace": mention.trace,
    }
    if speaker is not None:
        fields["speaker"], fields["speaker_start"], fields["speaker_end"] = speaker.name, speaker.start, speaker.end
    claim = _new_object(Claim)
    _set_attribute(claim, "__dict__", fields)
    _set_attribute(claim, "__pydantic_fields_set__", set(EXTRACTED_FIELDS))
    _set_attribute(claim, "__pydantic_extra__", None)
    _set_attribute(claim, "__pydantic_private__", None)
    return claim


def _sentence_spans(text: str) -> list[Sentence]:
    """``split_sentences(text)``, without the segmenter for the common one-sentence text.

    A short ASCII line whose only possible sentence end is its last character cannot hold two sentences:
    sentencex breaks only after a terminator that is not followed by a lowercase letter or digit, at paragraph
    breaks, at numbered references ("[1]") and at list markers (which need a ")" or a leading bullet). That is
    most texts of a sentence or headline, and the segmenter call costs as much as reading their numbers.
    """
    if len(text) > BLOCK_CHARS or not text.isascii() or "\n" in text or "\r" in text or ")" in text or "[" in text:
        return split_sentences(text)
    stripped = text.strip()
    if MAY_END_SENTENCE.search(stripped.rstrip(TERMINATORS)) or stripped[:1] in ("*", "+", "-"):
        return split_sentences(text)
    if not stripped:
        return []
    start = len(text) - len(text.lstrip())
    return [(start, start + len(stripped))]


def _assign_sentences(mentions: list[Mention], spans: list[Sentence]) -> None:
    """Each mention's sentence, in one merge pass over both sorted lists; a mention outside any sentence or
    across two gets what ``SentenceIndex.containing`` gives (the union of the sentences it touches)."""
    index: SentenceIndex | None = None
    position, count = 0, len(spans)
    for mention in mentions:
        while position < count and spans[position][1] <= mention.start:
            position += 1
        if position < count and spans[position][0] <= mention.start and mention.end <= spans[position][1]:
            mention.sentence = spans[position]
        else:
            index = index or SentenceIndex(spans)
            mention.sentence = index.containing(mention.start, mention.end)


def _date_years_nearest(mentions: list[Mention], published: str | date | datetime | None) -> None:
    """Dates written without a year take the year nearest to a full publication date (the "date" rule); with a
    year alone the scan's guess stands."""
    if not isinstance(published, (str, date)):
        return
    inferred = [m for m in mentions if m.kind == "date" and m.year_from_published]
    if not inferred:
        return
    if isinstance(published, datetime):
        published = published.date()
    elif isinstance(published, str):
        try:
            published = date.fromisoformat(published.strip()[:10])
        except ValueError:
            return
    for mention in inferred:
        RULES.first("date", mention.trace, mention, published)


@rule("date", examples=["(published 2024-01-05) They met on [[Dec. 22]]."])
def year_nearest_publication(mention: Mention, published: date) -> bool:
    """A date without its year takes the year nearest to the publication date.

    On a tie the earlier: a January article's "Dec. 22" is last December."""
    value = int(mention.value)
    year, month, day = value // 10000, value // 100 % 100, value % 100
    best, best_distance = year, None
    for candidate in (year - 1, year, year + 1):
        try:
            distance = abs((date(candidate, month, day) - published).days)
        except ValueError:  # February 29 of a common year
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = candidate, distance
    if best != year:
        shift = (best - year) * 10000
        mention.value += shift
        if mention.value_high is not None:
            mention.value_high += shift
    return True


def _year_of(published: str | date | datetime | None) -> int | None:
    if published is None:
        return None
    if isinstance(published, (date, datetime)):
        return published.year
    head = str(published).strip()[:4]
    return int(head) if head.isdigit() else None
