"""The fast scanner: one left-to-right pass that finds where a quantity may start and hands each hit to the readers.

It stays code (no rule table): it runs at every digit and number word of every article, and its only decisions
are to skip runs that are no prose at all (links, handles, phone numbers, clock times)."""

from __future__ import annotations

from workbench.pipeline.claims.context import read_at
from workbench.pipeline.claims.mention import Mention
from workbench.pipeline.claims.patterns import (
    BLANKS,
    CLOCK_INITIALS,
    FURNITURE_HINTS,
    FURNITURE_RUN,
    LOOK_BACK,
    MONTH_BEFORE,
    NOT_AMOUNT_AT,
    NUMBER_START,
    NUMBER_THEN_PERCENT,
    PLAIN_BEFORE,
    PLUS_DIGITS,
    PREFIX_BEFORE,
    PREFIX_LAST_CHARS,
    QUOTE_TICKER,
    RUN,
    RUN_REACH,
    RUN_TRAILERS,
    TICKER_BEFORE,
    WORD_AT_TEXT_START,
    WORD_OPENINGS,
    WORD_START,
    behind,
)
from workbench.pipeline.claims.reading import read_month_date


def scan(text: str, year: int | None) -> list[Mention]:
    """All quantity mentions, left to right, each read once; context rules run later on the whole list."""
    found: list[Mention] = []
    pos = 0
    length = len(text)
    number_at = word_at = word_end = -1  # the next candidates of each kind at or after ``pos``, once found
    while pos < length:
        if number_at < pos:
            number = NUMBER_START.search(text, pos)
            number_at = number.start() if number else length
        if word_at < pos:
            word_at, word_end = _next_number_word(text, pos, length)
        if number_at < word_at:
            start, match_end, is_word = number_at, number_at + 1, False
        elif word_at < length:
            start, match_end, is_word = word_at, word_end, True
        else:
            break
        if is_word and start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            pos = start + 1  # inside a word: "often" holds "ten", "someone" holds "one"
            continue
        furniture_end = _furniture_end(text, start, not is_word)
        if furniture_end is not None:
            pos = max(furniture_end, match_end)
            continue
        scanned_before = None  # the look-back window, when computed for the digits at ``start``
        if not is_word and text[start].isdigit():
            reversed_before = behind(text, start, LOOK_BACK)
            prefix = PREFIX_BEFORE.match(reversed_before, 0, 16) if reversed_before[:1] not in PLAIN_BEFORE and (
                reversed_before[:1] not in BLANKS or reversed_before[1:2] in PREFIX_LAST_CHARS) else None
            currency = prefix if prefix and prefix.lastgroup == "currency" else None
            scanned_before = reversed_before
            if currency and start - currency.end() >= pos:
                start -= currency.end()
                scanned_before = None
            elif start and text[start - 1].isalpha():
                pos = match_end  # digits glued to letters that are not a currency code: "ABC123"
                continue
            else:
                month = prefix if currency is None else (  # a month, or a currency sign the last mention took
                    MONTH_BEFORE.match(reversed_before, 0, 16) if reversed_before[:1] in " \t\u00a0" else None)
                date_mention = read_month_date(text, start - month.end(), year) if month and \
                    start - month.end() >= pos else None
                if date_mention is not None:
                    found.append(date_mention)
                    pos = date_mention.end
                    continue
        mentions, end = read_at(text, start, text[start:match_end] if is_word else None, year, scanned_before)
        if mentions:
            found.extend(mentions)
            pos = max(end, start + 1)
        else:
            pos = max(end, match_end)
    return found



def _next_number_word(text: str, pos: int, length: int) -> tuple[int, int]:
    """Start and end of the first number word at or after ``pos``; ``(length, length)`` when there is none."""
    if pos == 0 and text[:2] in WORD_OPENINGS:
        at_start = WORD_AT_TEXT_START.match(text)
        if at_start:
            return 0, at_start.end()
    found = WORD_START.search(text, max(pos - 1, 0))
    return found.span("word") if found else (length, length)



def _furniture_end(text: str, start: int, digits: bool) -> int | None:
    """Where the link, handle, phone number or clock time holding ``start`` ends; None if it is prose."""
    right_run = RUN.match(text, start).group()
    if start == 0 or text[start - 1].isspace():
        run = right_run  # the common case: the candidate starts its run
    else:
        left = text[max(0, start - RUN_REACH) : start]
        left_run = left.rsplit(None, 1)[-1]
        if len(left_run) == RUN_REACH:
            return start + len(right_run)
        run = left_run + right_run
    if len(right_run) == RUN_REACH:
        return start + len(right_run)  # prose has no sixty-character words; long runs are links or data
    if not FURNITURE_HINTS.isdisjoint(run):
        if FURNITURE_RUN.search(run) or PLUS_DIGITS.match(run) and not NUMBER_THEN_PERCENT.match(text, start):
            return start + len(right_run)
        if digits:
            sign = start if text[start] in "-−" else start - 1 if text[start - 1 : start] == "+" else -1
            if sign > 0 and QUOTE_TICKER.search(text, max(0, sign - 16), sign):
                return start + len(right_run)  # "Moderna MRNA, +2.15%": a live stock quote the page inserts
    if digits and _may_be_odd_number(text, start, right_run):
        odd = NOT_AMOUNT_AT.match(text, start)
        if odd:
            return odd.end()
    if digits and ":" in text[max(0, start - 2) : start] and TICKER_BEFORE.match(behind(text, start, 16)):
        return start + len(right_run)
    return None



def _may_be_odd_number(text: str, start: int, run: str) -> bool:
    """Whether a clock time, phone number or footnote mark can start at ``start``: each has a ":", "-", ".", ")",
    "]" or letters in its run, or is one or two digits before "a.m.", "pm" or "o'clock". Most numbers are plain
    digits and commas, ruled out here without the pattern."""
    core = run.rstrip(RUN_TRAILERS)
    if core.replace(",", "").isdigit():
        return len(core) <= 2 and len(core) == len(run) and text[start + len(core) : start + len(core) + 1] in \
            BLANKS and text[start + len(core) + 1 : start + len(core) + 2] in CLOCK_INITIALS
    return True
