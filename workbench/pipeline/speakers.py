"""Speaker attribution shared by quotes and claims. (Placeholder interface: being implemented for issue 5.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.models import Quote


@dataclass(frozen=True)
class SpeakerRef:
    """A resolved speaker: the normalized name and the mention in the text the attribution uses."""

    name: str
    start: int
    end: int
    cue: str | None = None


def claim_speakers(
    text: str,
    spans: Sequence[tuple[int, int]],
    quotes: Sequence[Quote],
    sentences: Sequence[tuple[int, int]],
) -> list[SpeakerRef | None]:
    """For each span, the speaker: the quote's speaker when inside a quote, else the reported-speech subject."""
    return [None for _ in spans]
