"""Which characters are quotation marks, and whether each opens or closes: the "run" and "mark" rules.

Apostrophes (Iran’s, the ’90s, rock ’n’ roll, students’) are told apart from single quotation marks by the
characters around them; straight marks open or close by the same flanks.
"""

from __future__ import annotations

from workbench.pipeline.quotes.lexicon import ELISIONS, MAX_MARKS_PER_PARAGRAPH
from workbench.pipeline.quotes.patterns import WORD_AFTER
from workbench.pipeline.quotes.types import (
    BOTH,
    CLOSE,
    DOUBLE,
    GUILLEMET,
    OPEN,
    QUOTE_RULES,
    REJECTED,
    SINGLE,
    SINGLE_GUILLEMET,
    Mark,
)

rule = QUOTE_RULES.rule

Notes = list[tuple[int, int, list[str]]]
"""Where rules rejected a candidate (a mark, a quotation), for the examples test: (start, end, [rule name])."""


SINGLE_GLYPHS = frozenset("’‘'`")
"""Glyphs that are a single quotation mark or an apostrophe (the "single_mark" rules tell which)."""


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


@rule("run", examples=['A line of [["""]] and nothing else.'], counter=["He said “[[We will win]].”"])
def decorative_run(run: str) -> bool:
    """Three or more identical mark characters in a row are decoration or garbage, never a quotation."""
    return len(run) >= 3 and run.count(run[0]) == len(run) and run != "'''"


def glyphs(run: str, start: int, notes: Notes | None = None) -> list[tuple[str, int, int]]:
    """Split a run of mark characters into marks: two apostrophes or two backticks are one double mark, and
    three apostrophes are a single mark beside a double one."""
    if len(run) == 1:
        return [(run, start, start + 1)]  # one mark character (nearly every run): one glyph, nothing to read
    name, decorative = QUOTE_RULES.decide("run", run) if len(run) >= 3 else (None, None)  # shorter: no decoration
    if decorative:
        if notes is not None:
            notes.append((start, start + len(run), [name]))
        return []
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(run) and len(out) < MAX_MARKS_PER_PARAGRAPH:
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


def read_marks(text: str, glyph: str, start: int, end: int, notes: Notes | None = None) -> list[Mark]:
    """The quotation mark(s) a glyph stands for, each named with the rule that read it; none for an apostrophe.

    The rules see whether the mark can open (a word follows, no word before) and can close (a word or, even without
    a space, punctuation before it: '…paranoia,”Clinton said'), and the characters before and after it.
    """
    prev = text[start - 1] if start > 0 else " "
    nxt = text[end] if end < len(text) else " "
    can_open = not nxt.isspace() and not prev.isalnum()
    can_close = not prev.isspace() and (not nxt.isalnum() or prev in ",.!?;…")
    stage = "single_mark" if glyph in SINGLE_GLYPHS else "mark"
    name, marks = QUOTE_RULES.decide(stage, text, glyph, start, end, can_open, can_close, prev, nxt)
    if marks is REJECTED or marks is None:
        if notes is not None:
            notes.append((start, end, [name] if name else []))
        return []
    for mark in marks:
        mark.rule = name
    return marks


# Every mark rule takes (text, glyph, start, end, can_open, can_close, prev, nxt) and returns its marks, or
# REJECTED for an apostrophe. The "mark" stage reads double marks and guillemets.


@rule("mark", examples=["He said: “[[We will win]].”", 'He said: "[[We will win]]."', "He said: ''[[We will win]].''"])
def double_mark(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """A double mark opens or closes by what flanks it: a space before and a word after open.

    Curly marks lean to their own direction where the flanks allow both; straight ones decide by flanks alone.
    """
    if glyph not in ("“", "”", '"', "''"):
        return None
    prefer = OPEN if glyph == "“" else CLOSE if glyph == "”" else None
    return [Mark(start, end, DOUBLE, _role(can_open, can_close, prefer))]


@rule("mark", examples=["He said „[[We will win]]“.", "He said ``[[We will win]]''."])
def low_or_backtick_double_mark(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """„ and `` only ever open a quotation."""
    return [Mark(start, end, DOUBLE, OPEN)] if glyph in ("``", "„") else None


@rule("mark", examples=["He said: '''[[We]]' will win.''"])
def three_apostrophes(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """''' is a double and a single mark: double then single when it opens, single then double when it closes."""
    if glyph != "'''":
        return None
    if can_open:
        return [Mark(start, start + 2, DOUBLE, OPEN), Mark(start + 2, end, SINGLE, OPEN)]
    return [Mark(start, start + 1, SINGLE, CLOSE), Mark(start + 1, end, DOUBLE, CLOSE)]


@rule("mark", examples=["Il a dit : «[[Nous gagnerons]]».", "He said ‹[[We will win]]›."])
def guillemet(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """« and ‹ open, » and › close."""
    if glyph in ("«", "»"):
        return [Mark(start, end, GUILLEMET, OPEN if glyph == "«" else CLOSE)]
    if glyph in ("‹", "›"):
        return [Mark(start, end, SINGLE_GUILLEMET, OPEN if glyph == "‹" else CLOSE)]
    return None


# The "single_mark" stage reads ’ ‘ ' ` as a single quotation mark or an apostrophe.


@rule(
    "single_mark",
    examples=["Iran[[’]]s president didn’t come.", "It wasn[[']]t over."],
    counter=["He said ‘[[We will win]].’"],
)
def apostrophe_inside_word(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> object | None:
    """Between two letters or digits it is an apostrophe: didn’t, Iran’s."""
    return REJECTED if prev.isalnum() and nxt.isalnum() else None


@rule("single_mark", examples=["Back in the [[’]]90s it was cheap."])
def apostrophe_before_digits(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> object | None:
    """Before digits it elides a century: the ’90s."""
    return REJECTED if nxt.isdigit() and not prev.isalnum() else None


@rule("single_mark", examples=["He said `[[We will win]]' and left."])
def backtick_opens(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """A backtick always opens a single quotation."""
    return [Mark(start, end, SINGLE, OPEN)] if glyph == "`" else None


@rule(
    "single_mark", examples=["Rock [[’]]n’ roll is back.", "Let [[’]]em talk."], counter=["He said ‘[[We will win]].’"]
)
def elision_before_word(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> object | None:
    """A right mark before a word (’em, ’n’), or a straight one before an elided word ('til, 'cause), elides."""
    if not (can_open and not can_close):
        return None
    if glyph == "’":
        return REJECTED
    if glyph == "'":
        word = WORD_AFTER.match(text[end : end + 6])
        if word and word.group().lower() in ELISIONS:
            return REJECTED
    return None


@rule("single_mark", examples=["He said '[[We will win]]' and left.", "He said ‘[[We will win]].’"])
def single_mark_opens(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """A single mark with a space before and a word after opens a quotation."""
    return [Mark(start, end, SINGLE, OPEN)] if can_open and not can_close else None


@rule("single_mark", examples=["He said '[[We will win]]' and left.", "He said ‘[[We will win]].’"])
def single_mark_closes(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """A single mark after a word and before a space closes a quotation.

    After an s and before a word it may also be a plural possessive ("the students’ union"): marked weak, it closes
    only when no other closing single mark follows.
    """
    if not (can_close and not can_open):
        return None
    weak = prev in "sSzZ" and nxt == " " and text[end + 1 : end + 2].isalnum()
    return [Mark(start, end, SINGLE, CLOSE, weak)]


@rule("single_mark", examples=["He said,‘[[We will win]].’"])
def left_single_mark_opens(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> list[Mark] | None:
    """‘ opens where its flanks do not decide."""
    return [Mark(start, end, SINGLE, OPEN)] if glyph == "‘" else None


@rule("single_mark", examples=["Prices rose [[’]] again."])
def ambiguous_single_is_apostrophe(
    text: str, glyph: str, start: int, end: int, can_open: bool, can_close: bool, prev: str, nxt: str
) -> object:
    """Any other single mark is far more often an apostrophe than a quotation mark."""
    return REJECTED
