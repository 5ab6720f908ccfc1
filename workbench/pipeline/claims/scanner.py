"""The fast scanner: one left-to-right pass that finds where a quantity may start and hands each hit to the readers.

The loop stays code: it runs at every digit and number word of every article. Its decisions to skip a run that is
no prose are rules: "scan" (a link, a phone number, a ticker's quote), consulted only when the run around a hit
holds one of the characters such runs need, and "odd" (a clock time, a footnote mark, a ticker code), only when
such a number can start there; so a plain number costs no rule calls. Number words inside a word
("often" holds "ten") are skipped without a rule: they are no mention at all."""

from __future__ import annotations

import re

from workbench.pipeline.claims.context import read_at
from workbench.pipeline.claims.mention import RULES, Mention, dropped, read_by, rule
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


def scan(text: str, year: int | None, rejected: list[Mention] | None = None) -> list[Mention]:
    """All quantity mentions, left to right, each read once; context rules run later on the whole list.

    ``rejected`` collects the readings that rules dropped, each with its trace (for ``explain``)."""
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
        furniture = _furniture(text, start, not is_word)
        if furniture is not None:
            end, name = furniture
            if rejected is not None:
                rejected.append(Mention(start, end, "", None, trace=[name]))
            pos = max(end, match_end)
            continue
        scanned_before = None  # the look-back window, when computed for the digits at ``start``
        if not is_word and text[start].isdigit():
            reversed_before = behind(text, start, LOOK_BACK)
            prefix = (
                PREFIX_BEFORE.match(reversed_before, 0, 16)
                if reversed_before[:1] not in PLAIN_BEFORE
                and (reversed_before[:1] not in BLANKS or reversed_before[1:2] in PREFIX_LAST_CHARS)
                else None
            )
            currency = prefix if prefix and prefix.lastgroup == "currency" else None
            scanned_before = reversed_before
            if currency and start - currency.end() >= pos:
                start -= currency.end()
                scanned_before = None
            elif start and text[start - 1].isalpha():  # the "glued_to_letters" rule, inlined: it runs at every digit
                if rejected is not None:
                    dropped(Mention(start, match_end, "", None, trace=["glued_to_letters"]), rejected)
                pos = match_end
                continue
            else:
                month = (
                    prefix
                    if currency is None
                    # a month, or a currency sign the last mention took
                    else (MONTH_BEFORE.match(reversed_before, 0, 16) if reversed_before[:1] in " \t\u00a0" else None)
                )
                date_mention = (
                    read_by("month", text, start - month.end(), year) if month and start - month.end() >= pos else None
                )
                if date_mention is not None:
                    found.append(date_mention)
                    pos = date_mention.end
                    continue
        mentions, end = read_at(text, start, text[start:match_end] if is_word else None, year, scanned_before, rejected)
        if mentions:
            found.extend(mentions)
            pos = max(end, start + 1)
        else:
            pos = max(end, match_end)
    return found


@rule("glued", examples=["Model ABC[[123]] shipped."], counter=["It cost RM[[23]]."])
def glued_to_letters(text: str, start: int) -> bool:
    """Digits glued to letters that are no currency code are part of a code or name ("ABC123")."""
    return bool(start) and text[start - 1].isalpha()


# What a link, handle, phone number or ticker quote needs in its run (a decimal point alone is none of them).
_MAY_BE_FURNITURE = re.compile(r"[/@#+]|www\.|\.[A-Za-z]")


def _next_number_word(text: str, pos: int, length: int) -> tuple[int, int]:
    """Start and end of the first number word at or after ``pos``; ``(length, length)`` when there is none."""
    if pos == 0 and text[:2] in WORD_OPENINGS:
        at_start = WORD_AT_TEXT_START.match(text)
        if at_start:
            return 0, at_start.end()
    found = WORD_START.search(text, max(pos - 1, 0))
    return found.span("word") if found else (length, length)


def _furniture(text: str, start: int, digits: bool) -> tuple[int, str] | None:
    """Where the link, handle, phone number or clock time holding ``start`` ends, and the scan rule that says so;
    None if it is prose. The rules run only when the run holds a character that furniture needs."""
    right_run = RUN.match(text, start).group()
    if start == 0 or text[start - 1].isspace():
        run = right_run  # the common case: the candidate starts its run
    else:
        left = text[max(0, start - RUN_REACH) : start]
        left_run = left.rsplit(None, 1)[-1]
        if len(left_run) == RUN_REACH:
            return start + len(right_run), "long_run"
        run = left_run + right_run
    # what the link, phone and ticker rules need; a sentence's final "." is no hint (but may end a "www.")
    hinted = not FURNITURE_HINTS.isdisjoint(run.rstrip(".")) or "www." in run
    odd = NOT_AMOUNT_AT.match(text, start) if digits and _may_be_odd_number(text, start, right_run) else None
    fired: list[str] = []
    if len(right_run) == RUN_REACH or hinted and _MAY_BE_FURNITURE.search(run) or text[start] in "-−":
        end = RULES.first("scan", fired, text, start, run, right_run, digits, hinted, odd)
        if end is not None:
            return end, fired[0]
    if odd or digits and ":" in text[max(0, start - 2) : start]:
        end = RULES.first("odd", fired, text, start, run, right_run, digits, hinted, odd)
        if end is not None:
            return end, fired[0]
    return None


@rule(
    "scan",
    examples=["See [[1234567890123456789012345678901234567890123456789012345678901234567890]] now."],
    counter=["It cost [[$5]] now."],
)
def long_run(
    text: str, start: int, run: str, right_run: str, digits: bool, hinted: bool, odd: re.Match[str] | None
) -> int | None:
    """Sixty characters without a blank are a link or data: prose has no such words."""
    return start + len(right_run) if len(right_run) == RUN_REACH else None


@rule(
    "scan",
    examples=["See www.example.com/story?id=[[2019]] now.", "Follow @news:[[2019]] now."],
    counter=["It cost [[$5]] now."],
)
def link_or_handle(
    text: str, start: int, run: str, right_run: str, digits: bool, hinted: bool, odd: re.Match[str] | None
) -> int | None:
    """A link, e-mail address, handle or hashtag holds numbers of a page, not of the story."""
    return start + len(right_run) if hinted and FURNITURE_RUN.search(run) else None


@rule("scan", examples=["Call +[[1]] 202 555 0100 today."], counter=["Shares rose +[[5%]] today."])
def phone_number_plus(
    text: str, start: int, run: str, right_run: str, digits: bool, hinted: bool, odd: re.Match[str] | None
) -> int | None:
    """A run opening with "+" and digits is a phone number, unless a percent follows ("+5%")."""
    if hinted and PLUS_DIGITS.match(run) and not NUMBER_THEN_PERCENT.match(text, start):
        return start + len(right_run)
    return None


@rule("scan", examples=["Moderna MRNA, +[[2.15%]] on the day."], counter=["Sales rose, +[[2.15%]] on the day."])
def ticker_quote(
    text: str, start: int, run: str, right_run: str, digits: bool, hinted: bool, odd: re.Match[str] | None
) -> int | None:
    """A ticker and a comma before a signed number: a market page's live quote, not the writer's figure."""
    if hinted and digits:
        sign = start if text[start] in "-−" else start - 1 if text[start - 1 : start] == "+" else -1
        if sign > 0 and QUOTE_TICKER.search(text, max(0, sign - 16), sign):
            return start + len(right_run)
    return None


@rule(
    "odd",
    examples=[
        "They met at [[10:30]] on Monday.",
        "Call [[202-555-0100]] today.",
        "The meeting starts at [[5 pm]] sharp.",
        "As reported.[12] Later that day",
    ],
    counter=["They met [[10]] times."],
)
def clock_phone_footnote(
    text: str, start: int, run: str, right_run: str, digits: bool, hinted: bool, odd: re.Match[str] | None
) -> int | None:
    """Clock times, phone numbers and footnote marks are digits, not amounts."""
    return odd.end() if odd else None


@rule(
    "odd",
    examples=["Shares of Apple (NASDAQ: [[5]]) rose.", "Listed as NYSE:[[5]] today."],
    counter=["The ratio was 3:[[5]] today."],
)
def ticker_prefix(
    text: str, start: int, run: str, right_run: str, digits: bool, hinted: bool, odd: re.Match[str] | None
) -> int | None:
    """Digits after an exchange's name and a colon ("NYSE: 5") are a ticker code."""
    if digits and ":" in text[max(0, start - 2) : start] and TICKER_BEFORE.match(behind(text, start, 16)):
        return start + len(right_run)
    return None


def _may_be_odd_number(text: str, start: int, run: str) -> bool:
    """Whether a clock time, phone number or footnote mark can start at ``start``: each has a ":", "-", ".", ")",
    "]" or letters in its run, or is one or two digits before "a.m.", "pm" or "o'clock". Most numbers are plain
    digits and commas, ruled out here without the pattern."""
    core = run.rstrip(RUN_TRAILERS)
    if core.replace(",", "").isdigit():
        return (
            len(core) <= 2
            and len(core) == len(run)
            and text[start + len(core) : start + len(core) + 1] in BLANKS
            and text[start + len(core) + 1 : start + len(core) + 2] in CLOCK_INITIALS
        )
    return True
