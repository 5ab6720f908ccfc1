"""Direct quotes and their speakers.

Quotation marks are paired one paragraph at a time with a small stack, so a stray or missing mark can never
spread a quote beyond its paragraph, and the scan is linear in the text. Apostrophes (Iran’s, the ’90s,
rock ’n’ roll, students’) are told apart from single quotation marks by the characters around them.

Conventions:
- A quote's span excludes its marks and surrounding spaces; only outermost quotations are returned (a quote
  inside a quote is part of the outer speaker's words).
- A quotation that runs over several paragraphs (an opening mark on each, a closing mark only on the last) gives
  one Quote per paragraph, all with the speaker found anywhere in the chain, so ``text[start:end]`` never
  contains the next paragraph's opening mark.
- An unclosed mark ends at the paragraph end when it opens the paragraph (the multi-paragraph style), else at
  the next opening mark of its kind or after three sentences. A paragraph is a line.
- ``kind`` is ``direct`` when the quote is the complement of a reporting verb ('"…," she said', 'he said: "…"',
  'said that "…"') and closes its clause, stands as its own sentence, follows a colon, or reads as a sentence
  (capitalised, five words or more, closing punctuation, not a title). Otherwise it is a ``fragment``: scare
  quotes, titles, a few quoted words that the writer's sentence carries on around.
- Speaker: the adjacent attribution wins ('"…," X said' before 'X said: "…"'), then a colon, then the
  sentence's reporting verb, then "according to X" (a conduit whenever a reporting verb names someone), then a
  whole attribution sentence after the quote ('"…." Smith said on Monday.'). A direct quote with none of these
  is a follow-on: it takes the latest speaker, from a quote or from reported speech in the sentences between.
- Limits for input that is not prose: at most 20,000 marks and 300 quotations per paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from workbench.models import Quote
from workbench.pipeline.names import is_org_or_place_name
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import (
    Attribution,
    Discourse,
    attribution_after,
    attribution_before,
    attribution_in_sentence,
    SpeakerRef,
    speaker_ref,
    transcript_label,
)

# Runs of quotation-mark characters; one character class, so the regex engine skips plain text at C speed.
_MARK_RUN = re.compile("[\"“”„«»‹›‘’'`]+")

OPEN, CLOSE, BOTH = 1, 2, 3
_DOUBLE, _SINGLE, _GUILLEMET, _SINGLE_GUILLEMET = "d", "s", "g", "h"

# Words whose leading apostrophe marks elision, not an opening quote: 'em, 'til, rock 'n' roll.
_ELISIONS = frozenset("em til tis twas cause cos n bout round nuff ere im".split())

_MAX_STACK = 32
# No prose paragraph holds hundreds of quotations or thousands of marks; past that it is a data dump, and
# stopping there keeps pathological input (a 30 MB line of marks) to bounded work.
_MAX_QUOTES_PER_PARAGRAPH = 300
_MAX_MARKS_PER_PARAGRAPH = 20_000
_WHOLE_TEXT_SENTENCES = 1_000_000  # characters; beyond, sentences are found only around quotations
_UNCLOSED_SENTENCES = 3


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    family: str
    role: int
    weak: bool = False  # a closing single mark that may be a plural possessive ("students’ union")


@dataclass
class _Region:
    """One quotation within one paragraph, marks included in [open_start, close_end)."""

    open_start: int
    inner_start: int
    inner_end: int
    close_end: int
    closed: bool
    paragraph: int
    continues: bool = False  # an unclosed quotation whose next paragraph reopens it


def _flanks(text: str, start: int, end: int) -> tuple[bool, bool, str, str]:
    prev = text[start - 1] if start > 0 else " "
    nxt = text[end] if end < len(text) else " "
    can_open = not nxt.isspace() and not prev.isalnum()
    # after punctuation a mark closes even when the writer left out the space: '…paranoia,”Clinton said'
    can_close = not prev.isspace() and (not nxt.isalnum() or prev in ",.!?;…")
    return can_open, can_close, prev, nxt


def _role(can_open: bool, can_close: bool, prefer: int | None) -> int:
    if prefer == OPEN:
        return OPEN if can_open or not can_close else CLOSE
    if prefer == CLOSE:
        return CLOSE if can_close or not can_open else OPEN
    if can_open and not can_close:
        return OPEN
    if can_close and not can_open:
        return CLOSE
    return BOTH


def _single(text: str, start: int, end: int, glyph: str) -> _Mark | None:
    """A single quotation mark, or None when the character is an apostrophe."""
    can_open, can_close, prev, nxt = _flanks(text, start, end)
    if prev.isalnum() and nxt.isalnum():
        return None  # didn’t, Iran’s
    if nxt.isdigit() and not prev.isalnum():
        return None  # the ’90s
    if glyph == "`":
        return _Mark(start, end, _SINGLE, OPEN)
    if can_open and not can_close:
        if glyph == "’":
            return None  # ’em, ’n’: the right mark before a word is elision
        word = re.match(r"[A-Za-z]+", text[end : end + 6])
        if glyph == "'" and word and word.group().lower() in _ELISIONS:
            return None
        return _Mark(start, end, _SINGLE, OPEN)
    if can_close and not can_open:
        after = text[end + 1 : end + 2]
        weak = prev in "sSzZ" and nxt == " " and after.isalnum()
        return _Mark(start, end, _SINGLE, CLOSE, weak)
    if glyph == "‘":
        return _Mark(start, end, _SINGLE, OPEN)
    return None


def _glyphs(run: str, start: int) -> list[tuple[str, int, int]]:
    """Split a run of mark characters into marks: two apostrophes or two backticks are one double mark, and
    three apostrophes are a single mark beside a double one.

    A run of three or more identical characters is decoration or garbage, never a quotation, and is skipped whole.
    """
    if len(run) >= 3 and run.count(run[0]) == len(run) and run != "'''":
        return []
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(run) and len(out) < _MAX_MARKS_PER_PARAGRAPH:
        char = run[i]
        width = 1
        if char == "'":
            while i + width < len(run) and run[i + width] == "'":
                width += 1
        elif char == "`" and run[i + 1 : i + 2] == "`":
            width = 2
        if width <= 3:
            out.append((run[i : i + width], start + i, start + i + width))
        i += width
    return out


def _classify(text: str, glyph: str, start: int, end: int) -> list[_Mark]:
    """The quotation mark(s) a glyph stands for, with family and whether they open or close."""
    if glyph in ("“", "”", '"', "''", "``", "„"):
        if glyph in ("``", "„"):
            return [_Mark(start, end, _DOUBLE, OPEN)]
        can_open, can_close, _, _ = _flanks(text, start, end)
        prefer = OPEN if glyph == "“" else CLOSE if glyph == "”" else None
        return [_Mark(start, end, _DOUBLE, _role(can_open, can_close, prefer))]
    if glyph == "'''":
        if _flanks(text, start, end)[0]:  # opening: double then single
            return [_Mark(start, start + 2, _DOUBLE, OPEN), _Mark(start + 2, end, _SINGLE, OPEN)]
        return [_Mark(start, start + 1, _SINGLE, CLOSE), _Mark(start + 1, end, _DOUBLE, CLOSE)]
    if glyph in ("«", "»"):
        return [_Mark(start, end, _GUILLEMET, OPEN if glyph == "«" else CLOSE)]
    if glyph in ("‹", "›"):
        return [_Mark(start, end, _SINGLE_GUILLEMET, OPEN if glyph == "‹" else CLOSE)]
    mark = _single(text, start, end, glyph)
    return [mark] if mark is not None else []


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r"\n", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _at_paragraph_start(text: str, paragraph: tuple[int, int], position: int) -> bool:
    return not text[paragraph[0] : position].strip()


def _pair(
    text: str, marks: list[_Mark], paragraph: tuple[int, int], index: int
) -> list[_Region]:
    """Pair the marks of one paragraph; unclosed quotations end at the next opening of their kind or sooner."""
    regions: list[_Region] = []
    stack: list[_Mark] = []
    strong_single_after = [False] * (len(marks) + 1)
    for i in range(len(marks) - 1, -1, -1):
        mark = marks[i]
        strong = mark.family == _SINGLE and mark.role != OPEN and not mark.weak
        strong_single_after[i] = strong_single_after[i + 1] or strong
    for i, mark in enumerate(marks):
        if mark.role != OPEN:
            depth = _open_of_family(stack, mark.family)
            if depth is None and stack and _mistyped_close(text, mark, stack[-1]):
                depth = len(stack) - 1
            if depth is not None and not (mark.weak and strong_single_after[i + 1]):
                opening = stack[depth]
                del stack[depth:]
                regions.append(_Region(opening.start, opening.end, mark.start, mark.end, True, index))
                continue
            if mark.role == CLOSE or mark.family == _SINGLE:
                continue
        stack.append(mark)
        if len(stack) > _MAX_STACK:
            del stack[0]
    openers: dict[str, list[int]] = {}
    for mark in marks:
        if mark.role != CLOSE:
            openers.setdefault(mark.family, []).append(mark.start)
    for opening in stack:
        at_start = _at_paragraph_start(text, paragraph, opening.start)
        if opening.family in (_SINGLE, _SINGLE_GUILLEMET) and not (at_start and text[opening.start] == "‘"):
            continue  # an unpaired single mark is far more often an apostrophe
        end = paragraph[1]
        same = openers[opening.family]
        later = bisect_right(same, opening.start)
        if later < len(same):
            end = min(end, same[later])
        if not at_start:
            end = _after_sentences(text, opening.end, end, _UNCLOSED_SENTENCES)
        regions.append(_Region(opening.start, opening.end, end, end, False, index))
    return regions


def _mistyped_close(text: str, mark: _Mark, top: _Mark) -> bool:
    """A closing mark of the other family that ends a sentence (“Let’s go.’ Schumer ...) closes the quote."""
    if mark.role == OPEN or mark.weak or {mark.family, top.family} != {_DOUBLE, _SINGLE}:
        return False
    prev = text[mark.start - 1] if mark.start > 0 else ""
    after = text[mark.end : mark.end + 2]
    return prev in ".!?" and (not after or after[0] == "\n" or (after[0] == " " and after[1:2].isupper()))


def _open_of_family(stack: list[_Mark], family: str) -> int | None:
    """Depth of the nearest open mark of ``family``, looking only a few levels down to stay linear."""
    for depth in range(len(stack) - 1, max(-1, len(stack) - 5), -1):
        if stack[depth].family == family:
            return depth
    return None


_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def _after_sentences(text: str, start: int, limit: int, count: int) -> int:
    """The end of the ``count``-th sentence after ``start`` (a cheap look within 3,000 characters), or ``limit``."""
    limit = min(limit, start + 3_000)
    for n, match in enumerate(_SENTENCE_END.finditer(text, start, limit), 1):
        if n == count:
            return match.end()
    return limit


def scan_quotations(text: str) -> list[_Region]:
    """Outermost quotations in text order, at most one region per paragraph per quotation."""
    paragraphs = _paragraphs(text)
    paragraph_starts = [p[0] for p in paragraphs]
    regions: list[_Region] = []
    match = _MARK_RUN.search(text)
    while match is not None:
        index = bisect_right(paragraph_starts, match.start()) - 1
        paragraph = paragraphs[index]
        marks: list[_Mark] = []
        for run in _MARK_RUN.finditer(text, match.start(), paragraph[1]):
            for glyph, start, end in _glyphs(run.group(), run.start()):
                marks.extend(_classify(text, glyph, start, end))
            if len(marks) >= _MAX_MARKS_PER_PARAGRAPH:
                break  # not prose; what follows in this paragraph is left alone
        in_paragraph = sorted(_pair(text, marks, paragraph, index), key=lambda r: r.open_start)
        regions.extend(in_paragraph[:_MAX_QUOTES_PER_PARAGRAPH])
        match = _MARK_RUN.search(text, paragraph[1])
    regions.sort(key=lambda r: (r.open_start, -r.close_end))
    outermost: list[_Region] = []
    reach = -1
    for region in regions:
        if region.open_start >= reach:
            outermost.append(region)
            reach = region.close_end
    for region in outermost:
        region.inner_start, region.inner_end = _trim(text, region.inner_start, region.inner_end)
    _link_paragraphs(text, outermost, paragraphs)
    return [r for r in outermost if any(c.isalnum() for c in text[r.inner_start : r.inner_end])]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _link_paragraphs(text: str, regions: list[_Region], paragraphs: list[tuple[int, int]]) -> None:
    """Mark unclosed quotations that open their paragraph and are reopened by the next paragraph."""
    for region, following in zip(regions, regions[1:]):
        if region.closed or following.paragraph != region.paragraph + 1:
            continue
        here, there = paragraphs[region.paragraph], paragraphs[following.paragraph]
        if _at_paragraph_start(text, here, region.open_start) and _at_paragraph_start(
            text, there, following.open_start
        ):
            region.continues = True


_TERMINAL = ".!?…,;:—–-"


def _starts_sentence(text: str, floor: int, position: int) -> bool:
    before = text[floor:position].rstrip()
    return not before or before[-1] in ".!?…:" or before.endswith(("”", '"'))


def _sentence_like(text: str, region: _Region) -> bool:
    """Reads as the speaker's own sentence rather than a quoted name, title or phrase."""
    inner = text[region.inner_start : region.inner_end]
    words = inner.split()
    if len(words) < 5 or not (inner[0].isupper() or inner[0].isdigit() or inner[0] in "[(…."):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    if capitalised / len(words) > 0.6:
        return False  # a title: "The Art of the Deal"
    after = text[region.close_end : region.close_end + 2].lstrip()
    return inner[-1] in _TERMINAL or not region.closed or after[:1] in (".", "!", "?", ",", "")


def _ends_clause(text: str, region: _Region) -> bool:
    """The quotation closes its clause: punctuation inside the marks or right after them, or the line ends."""
    if not region.closed:
        return True
    inner_last = text[region.inner_end - 1]
    after = text[region.close_end : region.close_end + 5].lstrip(" \t")
    if inner_last in ".!?…,;:—" or not after or after[0] in ".,;:!?—–-)\n":
        return True
    return after.startswith(("and ", "but "))


def _kind(text: str, region: _Region, adjacent: set[str], floor: int) -> str:
    """``direct`` for the speaker's own sentence(s), ``fragment`` for a phrase quoted inside the writer's."""
    inner = text[region.inner_start : region.inner_end]
    if inner.isupper() and len(inner.split()) <= 6 and "before" not in adjacent:
        return "fragment"  # a heading or a sign in capitals: ‘PRIVATE ATM MACHINE’
    starts = _starts_sentence(text, floor, region.open_start)
    if "before" in adjacent and _ends_clause(text, region):
        return "direct"
    if starts and (adjacent & {"after", "next"} or _ends_clause(text, region) and _utterance_end(text, region)):
        return "direct"
    before = text[floor : region.open_start].rstrip()
    if before.endswith(":") and text[region.inner_start].isupper() and _ends_clause(text, region):
        return "direct"
    return "direct" if _sentence_like(text, region) else "fragment"


_TITLE_POSITION = re.compile(r"(?:\b(?:on|in|at|from|of|with|by|group|groups)|[’']s)[ \t]*$")
_MINOR_WORDS = frozenset("a an the of and or in on at to for with by from as vs".split())


def _quoted_title(text: str, region: _Region, listed: bool = False) -> bool:
    """A quoted title or name ('on “Hannity,”', 'hacking group “LulzSec”'): capitalised words after a
    preposition or a possessive, where a publication, programme or group is named, or ``listed`` after one."""
    words = text[region.inner_start : region.inner_end].rstrip(_TERMINAL).split()
    if not words or len(words) > 8:
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR_WORDS for w in words):
        return False
    if not words[0][:1].isupper():
        return False
    before = text[max(0, region.open_start - 20) : region.open_start]
    return listed or _TITLE_POSITION.search(before) is not None


def _introduced_label(text: str, region: _Region, floor: int) -> bool:
    """A short phrase or a title set after a colon ('had one message: “Dump Trump.”', 'The book: “Trump, Inc.”').

    Without an attribution of its own it is no follow-on of the previous speaker: a writer's lead-in names a
    slogan, a title or a catchphrase, not the next words of whoever spoke last.
    """
    if not text[floor : region.open_start].rstrip().endswith(":"):
        return False
    words = text[region.inner_start : region.inner_end].split()
    if len(words) <= 3:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) <= 10 and capitalised / len(words) > 0.6


def _utterance_end(text: str, region: _Region) -> bool:
    """A sentence-initial quotation that ends like an utterance ('"It was very nice," the tycoon told ...')."""
    if not region.closed:
        return True
    inner_last = text[region.inner_end - 1]
    after = text[region.close_end : region.close_end + 3].lstrip(" \t")
    return inner_last in ".!?…," or not after or after[0] in ".!?\n"


def extract_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text`` with its speaker, in text order."""
    regions = scan_quotations(text)
    paragraphs = _paragraphs(text)
    sentences = _sentence_spans(text, regions, paragraphs)
    discourse = Discourse(text, sentences, [(r.open_start, r.close_end) for r in regions])
    quotes: list[Quote] = []
    attributions: list[Attribution | None] = []
    kinds: list[str] = []
    labels: list[bool] = []  # 'His favourite phrase: “presidential harassment.”': nobody's follow-on
    for i, region in enumerate(regions):
        previous = regions[i - 1] if i > 0 else None
        floor = paragraphs[region.paragraph][0]
        if previous is not None and previous.paragraph == region.paragraph:
            # an unclosed quotation ends where this one opens, which says nothing about sentence starts
            floor = previous.close_end if previous.closed else max(floor, discourse.sentence(region.open_start)[0])
        attribution, adjacent = _attribute(discourse, region, floor, paragraphs)
        attributions.append(attribution)
        kinds.append(_kind(text, region, adjacent, floor))
        labels.append(attribution is None and _introduced_label(text, region, floor))
    _share_along_chains(regions, attributions)
    for attribution in attributions:
        discourse.register(attribution.mention if attribution else None)
    last_speaker: tuple[str | None, int, int] | None = None
    last_end = 0
    title_end = -1
    for region, attribution, kind, label in zip(regions, attributions, kinds, labels):
        if kind == "fragment" and attribution is not None and attribution.how not in _ADJACENT:
            listed = text[title_end : region.open_start].strip(" ,") in ("and", "or", "") and title_end >= 0
            if _quoted_title(text, region, listed):
                attribution = None  # 'claimed on “Hannity.”': a show's name is nobody's words
                title_end = region.close_end
        ref = speaker_ref(discourse, attribution)
        cue = attribution.cue if attribution and ref else None
        speaker = speaker_start = speaker_end = None
        if ref is not None:
            speaker, speaker_start, speaker_end = ref.name, ref.start, ref.end
            if kind == "direct" or attribution.how in _ADJACENT:
                # 'Rumors that “…,” said Gilmore. “…”': a partial quote with its own verb still hands on its speaker
                last_speaker = (ref.name, ref.start, ref.end)
        elif attribution is None and kind == "direct" and not label:
            # a follow-on quotation: news style attributes every new speaker, so an unattributed quote belongs
            # to whoever spoke last, in a quote or in reported speech ("Raisi said ... \"…\"")
            reporter = _recent_reporter(discourse, last_end, region.open_start)
            if reporter is not None:
                last_speaker = (reporter.name, reporter.start, reporter.end)
            if last_speaker is not None:
                speaker, speaker_start, speaker_end = last_speaker
        elif attribution is not None and attribution.mention is not None:
            # attributed to someone we cannot name ("I", "they"): keep the mention, pass on no earlier speaker;
            # "it"/"they" after '"…," the newspaper admitted' is that newspaper
            speaker_start, speaker_end = attribution.mention.start, attribution.mention.end
            cue = attribution.cue
            if attribution.mention.text.lower() in ("it", "they") and last_speaker and _not_a_person(last_speaker[0]):
                speaker = last_speaker[0]
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
            )
        )
    return quotes


def _sentence_spans(text: str, regions: list[_Region], paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of the whole text, or, past the size of any article, only of the stretches around quotations.

    The segmenter costs up to tens of microseconds a character on long unpunctuated lines, so a 30 MB line is
    segmented only where attribution will look.
    """
    if len(text) <= _WHOLE_TEXT_SENTENCES:
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


_RANK = {"label": -1, "after": 0, "before": 1, "colon": 2, "sentence": 3, "according": 4, "next": 5}
_ADJACENT = ("after", "before", "next")


def _attribute(
    discourse: Discourse, region: _Region, floor: int, paragraphs: list[tuple[int, int]]
) -> tuple[Attribution | None, set[str]]:
    """The best attribution for one quotation, and how reporting verbs adjoin it (for the kind rule).

    Adjacent reporting verb first, then a colon, the sentence's reporting verb, "according to", and a whole
    attribution sentence after the quote. "According to X" names the speaker only when no reporting verb does:
    in '"…," Maduro said, according to state media' the outlet is a conduit.
    """
    text = discourse.text
    paragraph = paragraphs[region.paragraph]
    label = transcript_label(text, region.inner_start)
    candidates: list[Attribution] = [label] if label else []
    if region.closed:
        last = text[region.inner_end - 1] if region.inner_end > region.inner_start else ""
        comma_after = text[region.close_end : region.close_end + 1] == ","
        ends_sentence = last in ".!?…" and not comma_after
        found = attribution_after(text, region.close_end, paragraph[1], ends_sentence)
        if found is not None:
            candidates.append(found)
    sentence = discourse.sentence(region.open_start)
    found = attribution_before(text, max(sentence[0], paragraph[0]), floor, region.open_start)
    if found is None and _at_paragraph_start(text, paragraph, region.open_start) and region.paragraph > 0:
        # 'Breitbart News responded:' closing the previous paragraph introduces this one
        prev = paragraphs[region.paragraph - 1]
        if text[prev[0] : prev[1]].rstrip().endswith(":"):
            found = attribution_before(text, discourse.sentence(prev[1] - 1)[0], prev[0], prev[1])
    if found is not None:
        candidates.append(found)
    if not any(c.mention is not None and c.how in ("label", "after", "before") for c in candidates):
        found = attribution_in_sentence(discourse, sentence, region.open_start, region.close_end, naming=True)
        if found is not None:
            candidates.append(found)
    adjacent = {c.how for c in candidates if c.how in _ADJACENT}
    usable = [c for c in candidates if c.mention is not None]
    if any(c.how == "before" and not _conduit(c) for c in usable):
        # 'Liu told a newspaper that “…,” Reuters reported': the outlet after the quote is only the conduit
        usable = [c for c in usable if not (c.how == "after" and _conduit(c))]
    return (min(usable, key=_rank) if usable else None), adjacent


_CONDUIT_CUES = frozenset("reported reports reporting".split())


def _conduit(attribution: Attribution) -> bool:
    return attribution.cue is not None and attribution.cue.text in _CONDUIT_CUES


def _rank(attribution: Attribution) -> int:
    return _RANK.get(attribution.how, 9)


def _not_a_person(name: str | None) -> bool:
    """ "the newspaper", "officials", "Fars News": a speaker that "it" or "they" can stand for."""
    if not name:
        return False
    words = name.split()
    return words[0].lower() in ("the", "a", "an") or not words[-1][:1].isupper() or is_org_or_place_name(name)


def _recent_reporter(discourse: Discourse, floor: int, position: int) -> SpeakerRef | None:
    """The subject of the nearest reported speech in the last few sentences before ``position``."""
    for sentence in discourse.sentences_before(position, floor, 3):
        found = attribution_in_sentence(discourse, sentence, sentence[1])
        ref = speaker_ref(discourse, found)
        if ref is not None:
            return ref
    return None


def _share_along_chains(regions: list[_Region], attributions: list[Attribution | None]) -> None:
    """Paragraphs of one multi-paragraph quotation share the speaker found in any of them."""
    chain: list[int] = []
    for i, region in enumerate(regions):
        chain.append(i)
        if region.continues:
            continue
        found = next((attributions[k] for k in chain if attributions[k] is not None), None)
        for k in chain:
            if attributions[k] is None:
                attributions[k] = found
        chain = []
