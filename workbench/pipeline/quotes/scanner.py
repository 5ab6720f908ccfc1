"""The quotation scanner: marks paired one paragraph at a time with a small stack, so a stray or missing mark can
never spread a quote beyond its paragraph, and the scan is linear in the text.

Its decisions are the "close", "unclosed" and "scan" rules: which open mark a closing mark ends, where a quotation
that is never closed stops, and which quotations are kept (outermost ones with words in them, linked across the
paragraphs of one long quotation).
"""

from __future__ import annotations

from bisect import bisect_right

from workbench.pipeline.quotes.lexicon import (
    MAX_MARKS_PER_PARAGRAPH,
    MAX_QUOTES_PER_PARAGRAPH,
    MAX_STACK,
    UNCLOSED_SENTENCES,
)
from workbench.pipeline.quotes.marks import Notes, glyphs, read_marks
from workbench.pipeline.quotes.patterns import MARK_RUN, SENTENCE_END
from workbench.pipeline.quotes.types import (
    CLOSE,
    DOUBLE,
    OPEN,
    QUOTE_RULES,
    REJECTED,
    SINGLE,
    SINGLE_GUILLEMET,
    Mark,
    Region,
)

rule = QUOTE_RULES.rule


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """The non-empty lines of the text: a paragraph is a line."""
    spans = []
    start = 0
    while True:
        newline = text.find("\n", start)
        if newline < 0:
            break
        if newline > start:
            spans.append((start, newline))
        start = newline + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def at_paragraph_start(text: str, paragraph: tuple[int, int], position: int) -> bool:
    return not text[paragraph[0] : position].strip()


# --- closing marks: args (text, mark, stack, strong single close after it) -> depth of the open mark it closes --


@rule(
    "close",
    examples=["The students[[’]] union said ‘we will not pay’ today."],
    counter=["He met the students[[’]] union."],
)
def plural_possessive_not_closing(text: str, mark: Mark, stack: list[Mark], strong_after: bool) -> object | None:
    """A plural possessive ("students’ union") closes nothing while a real closing single mark follows."""
    return REJECTED if mark.weak and strong_after else None


@rule("close", examples=["He said “[[We will win]]” and left."])
def closes_open_quote(text: str, mark: Mark, stack: list[Mark], strong_after: bool) -> int | None:
    """A closing mark ends the nearest open quotation of its family (double, single, guillemet)."""
    return _open_of_family(stack, mark.family)


@rule(
    "close", examples=["Schumer said: “[[Let’s go.]]’ Then he left."], counter=["He said “[[We will win]]” and left."]
)
def mistyped_close(text: str, mark: Mark, stack: list[Mark], strong_after: bool) -> int | None:
    """A closing mark of the other family that ends a sentence (“Let’s go.’ Schumer ...) closes the quote."""
    if not stack:
        return None
    top = stack[-1]
    if mark.role == OPEN or mark.weak or {mark.family, top.family} != {DOUBLE, SINGLE}:
        return None
    prev = text[mark.start - 1] if mark.start > 0 else ""
    after = text[mark.end : mark.end + 2]
    if prev in ".!?" and (not after or after[0] == "\n" or (after[0] == " " and after[1:2].isupper())):
        return len(stack) - 1
    return None


def _open_of_family(stack: list[Mark], family: str) -> int | None:
    """Depth of the nearest open mark of ``family``, looking only a few levels down to stay linear."""
    for depth in range(len(stack) - 1, max(-1, len(stack) - 5), -1):
        if stack[depth].family == family:
            return depth
    return None


# --- unclosed marks: args (text, opening, paragraph, next opening of its family) -> where the quotation ends -----


@rule("unclosed", examples=["They called it [[']]the deal and moved on."], counter=["‘[[We will win this year]]"])
def unpaired_single_mark(
    text: str, opening: Mark, paragraph: tuple[int, int], next_opening: int | None
) -> object | None:
    """An unpaired single mark is far more often an apostrophe, unless ‘ opens the paragraph."""
    if opening.family not in (SINGLE, SINGLE_GUILLEMET):
        return None
    at_start = at_paragraph_start(text, paragraph, opening.start)
    return None if at_start and text[opening.start] == "‘" else REJECTED


@rule("unclosed", examples=["“[[We will win. We have the votes.]]\n“We will keep them,” he said."])
def unclosed_paragraph_quote(
    text: str, opening: Mark, paragraph: tuple[int, int], next_opening: int | None
) -> int | None:
    """An unclosed mark that opens its paragraph quotes the paragraph, up to the next opening mark of its kind.

    That is how a quotation running over several paragraphs is written: an opening mark on each, a closing mark
    only on the last.
    """
    if not at_paragraph_start(text, paragraph, opening.start):
        return None
    return paragraph[1] if next_opening is None else min(paragraph[1], next_opening)


@rule("unclosed", examples=["He said “[[We will win. We have the votes. We always had them.]] Then he left."])
def unclosed_inside_paragraph(text: str, opening: Mark, paragraph: tuple[int, int], next_opening: int | None) -> int:
    """An unclosed mark inside a paragraph quotes at most three sentences, never past the next opening mark."""
    end = paragraph[1] if next_opening is None else min(paragraph[1], next_opening)
    return _after_sentences(text, opening.end, end, UNCLOSED_SENTENCES)


def _after_sentences(text: str, start: int, limit: int, count: int) -> int:
    """The end of the ``count``-th sentence after ``start`` (a cheap look within 3,000 characters), or ``limit``."""
    limit = min(limit, start + 3_000)
    for n, match in enumerate(SENTENCE_END.finditer(text, start, limit), 1):
        if n == count:
            return match.end()
    return limit


def _pair(text: str, marks: list[Mark], paragraph: tuple[int, int], index: int, notes: Notes | None) -> list[Region]:
    """Pair the marks of one paragraph; unclosed quotations end at the next opening of their kind or sooner."""
    regions: list[Region] = []
    stack: list[Mark] = []
    strong_single_after = [False] * (len(marks) + 1)
    for i in range(len(marks) - 1, -1, -1):
        mark = marks[i]
        strong = mark.family == SINGLE and mark.role != OPEN and not mark.weak
        strong_single_after[i] = strong_single_after[i + 1] or strong
    decide = QUOTE_RULES.decide
    for i, mark in enumerate(marks):
        if mark.role != OPEN:
            name, depth = decide("close", text, mark, stack, strong_single_after[i + 1])
            if depth is not None and depth is not REJECTED:
                opening = stack[depth]
                del stack[depth:]
                trace = [opening.rule] if opening.rule == mark.rule else [opening.rule, mark.rule]
                trace.append(name)
                regions.append(Region(opening.start, opening.end, mark.start, mark.end, True, index, trace=trace))
                continue
            if notes is not None and depth is REJECTED:
                notes.append((mark.start, mark.end, [name]))
            if mark.role == CLOSE or mark.family == SINGLE:
                continue
        stack.append(mark)
        if len(stack) > MAX_STACK:
            del stack[0]
    openers: dict[str, list[int]] = {}
    for mark in marks:
        if mark.role != CLOSE:
            openers.setdefault(mark.family, []).append(mark.start)
    for opening in stack:
        same = openers[opening.family]
        later = bisect_right(same, opening.start)
        next_opening = same[later] if later < len(same) else None
        name, end = decide("unclosed", text, opening, paragraph, next_opening)
        if end is REJECTED:
            if notes is not None:
                notes.append((opening.start, opening.end, [name]))
            continue
        regions.append(Region(opening.start, opening.end, end, end, False, index, trace=[opening.rule, name]))
    return regions


# --- the quotations of the text -------------------------------------------------------------------------------------


@rule(
    "scan",
    examples=["He said “they call it ‘[[the deal]]’ now.”"],
    counter=["He said “[[they call it the deal]]” now."],
)
def nested_quotation(region: Region, reach: int) -> bool:
    """A quotation inside a quotation is part of the outer speaker's words, not a quote of its own."""
    return region.open_start < reach


@rule("scan", examples=["He wrote “[[...]]” and nothing else."], counter=["He wrote “[[No]]” and nothing else."])
def no_words_quoted(text: str, region: Region) -> bool:
    """Marks around nothing but spaces or punctuation quote nobody's words."""
    return not any(c.isalnum() for c in text[region.inner_start : region.inner_end])


@rule(
    "scan",
    examples=["“[[We will win.]]\n“We have the votes,” he said."],
    counter=["“We will win,” he said.\n“[[We have the votes]],” he added."],
)
def continues_next_paragraph(text: str, region: Region, following: Region, paragraphs: list[tuple[int, int]]) -> bool:
    """An unclosed quotation opening its paragraph, reopened by the next paragraph, is one quotation going on."""
    if region.closed or following.paragraph != region.paragraph + 1:
        return False
    here, there = paragraphs[region.paragraph], paragraphs[following.paragraph]
    return at_paragraph_start(text, here, region.open_start) and at_paragraph_start(text, there, following.open_start)


def scan_quotations(text: str, notes: Notes | None = None) -> list[Region]:
    """Outermost quotations in text order, at most one region per paragraph per quotation.

    ``notes``, when given, collects what the rules rejected on the way (apostrophes, nested and empty quotations).
    """
    paragraphs = paragraphs_of(text)
    paragraph_starts = [p[0] for p in paragraphs]
    regions: list[Region] = []
    match = MARK_RUN.search(text)
    while match is not None:
        index = bisect_right(paragraph_starts, match.start()) - 1
        paragraph = paragraphs[index]
        marks: list[Mark] = []
        for run in MARK_RUN.finditer(text, match.start(), paragraph[1]):
            for glyph, start, end in glyphs(run.group(), run.start(), notes):
                marks.extend(read_marks(text, glyph, start, end, notes))
            if len(marks) >= MAX_MARKS_PER_PARAGRAPH:
                break  # not prose; what follows in this paragraph is left alone
        in_paragraph = sorted(_pair(text, marks, paragraph, index, notes), key=lambda r: r.open_start)
        regions.extend(in_paragraph[:MAX_QUOTES_PER_PARAGRAPH])
        match = MARK_RUN.search(text, paragraph[1])
    regions.sort(key=lambda r: (r.open_start, -r.close_end))
    outermost: list[Region] = []
    reach = -1
    for region in regions:
        if nested_quotation(region, reach):
            if notes is not None:
                notes.append((region.inner_start, region.inner_end, ["nested_quotation"]))
            continue
        outermost.append(region)
        reach = region.close_end
    for region in outermost:
        region.inner_start, region.inner_end = _trim(text, region.inner_start, region.inner_end)
    for region, following in zip(outermost, outermost[1:]):
        if continues_next_paragraph(text, region, following, paragraphs):
            region.continues = True
            region.trace.append("continues_next_paragraph")
    kept = []
    for region in outermost:
        if no_words_quoted(text, region):
            if notes is not None:
                notes.append((region.inner_start, region.inner_end, ["no_words_quoted"]))
        else:
            kept.append(region)
    return kept


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
