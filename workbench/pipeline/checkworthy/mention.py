"""A claim in its sentence, as the cues read it, and the result of an assessment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from workbench.models import Checkworthy, Claim, Quote

MODEL_FILE = "checkworthy_model.json"
WINDOW = 120  # characters of the sentence read on each side of the mention

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*|[^\w\s]")


@dataclass(frozen=True)
class Surroundings:
    """A claim with the sentence around it, cut to ``WINDOW`` characters on each side (lowercased copies too)."""

    claim: Claim
    left: str
    right: str
    in_quote: bool = False

    @property
    def kind(self) -> str:
        return self.claim.kind

    @property
    def unit(self) -> str:
        return (self.claim.unit or "").lower()

    @property
    def mention(self) -> str:
        return self.claim.mention

    @cached_property
    def low_mention(self) -> str:
        return self.claim.mention.lower()

    @cached_property
    def low_left(self) -> str:
        return self.left.lower()

    @cached_property
    def low_right(self) -> str:
        return self.right.lower()

    def tail(self, reach: int) -> str:
        """The last ``reach`` characters before the mention, lowercased: what a pattern ending at the mention
        needs (a regex anchored at the end still tries every start, so it gets no more text than it can use)."""
        return self.low_left[-reach:]

    def head(self, reach: int) -> str:
        """The first ``reach`` characters after the mention, lowercased."""
        return self.low_right[:reach]

    def near(self, reach: int = 45) -> str:
        """The lowercased words within ``reach`` characters of the mention on both sides, mention included."""
        return f"{self.low_left[-reach:]} {self.low_mention} {self.low_right[:reach]}"


@dataclass(frozen=True)
class Assessment:
    """A claim's check-worthiness: the label, the model's probability that it is checkable, and the cues that fired."""

    label: Checkworthy
    score: float
    cues: tuple[str, ...]


def surroundings(text: str, claim: Claim, quotes: Sequence[Quote] = ()) -> Surroundings:
    sentence_start = min(claim.sentence_start, claim.start)
    sentence_end = max(claim.sentence_end, claim.end)
    left = text[max(sentence_start, claim.start - WINDOW) : claim.start]
    right = text[claim.end : min(sentence_end, claim.end + WINDOW)]
    in_quote = any(q.kind == "direct" and q.start <= claim.start and claim.end <= q.end for q in quotes)
    return Surroundings(claim, left, right, in_quote)
