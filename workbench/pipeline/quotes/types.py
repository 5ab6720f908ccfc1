"""Quotation marks and quotations as the scanner finds them, and the "quotes" rule table that decides them."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.pipeline.rules import rule_set

# The stages of the "quotes" family: a run of mark characters, one double mark or guillemet, one single mark
# (quotation mark or apostrophe), a closing mark against the open ones, an opening mark left unclosed, the
# quotations of a paragraph (nested, empty, continued), and the kind of a quotation (direct or fragment).
QUOTE_RULES = rule_set("quotes", ("run", "mark", "single_mark", "close", "unclosed", "scan", "kind"))

OPEN, CLOSE, BOTH = 1, 2, 3
DOUBLE, SINGLE, GUILLEMET, SINGLE_GUILLEMET = "d", "s", "g", "h"


class Rejected:
    """A rule's answer "no": not a mark, not a closing, not a quotation (None would let the next rule try)."""

    def __repr__(self) -> str:
        return "REJECTED"


REJECTED = Rejected()


@dataclass
class Mark:
    start: int
    end: int
    family: str
    role: int
    weak: bool = False  # a closing single mark that may be a plural possessive ("students’ union")
    rule: str = ""  # the mark rule that read it


@dataclass
class Region:
    """One quotation within one paragraph, marks included in [open_start, close_end); ``trace`` names the rules
    that found it (its marks, their pairing)."""

    open_start: int
    inner_start: int
    inner_end: int
    close_end: int
    closed: bool
    paragraph: int
    continues: bool = False  # an unclosed quotation whose next paragraph reopens it
    trace: list[str] = field(default_factory=list)
