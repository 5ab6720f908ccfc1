"""A quantity found in the text, before and while the rules decide whether and how it is a claim."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.pipeline.sentences import Sentence


@dataclass(slots=True)
class Mention:
    """A quantity found in the text, before context rules decide whether and how it is a claim."""

    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None = None
    value_high: float | None = None
    scale: float = 1.0  # multiplier taken from a scale word, so a range partner can share it
    number: float | None = None  # the number as written, before scale and unit factor
    factor: float = 1.0  # unit conversion applied to the value (10 for decades to years), shared the same way
    spelled: bool = False
    year_like: bool = False  # four digits that read as a year unless a unit or noun says otherwise
    bare: bool = False  # no unit, noun or scale: kept only when a hedge or a change makes it checkable
    anaphora_check: bool = False  # a plain count, which "the two countries" style context can cancel
    lead: int = 0  # start of the hedge, or of the mention when there is none
    hedge: str | None = None
    role: str | None = None
    group: int | None = None
    target: bool = False
    change_member: bool = False
    sentence: Sentence = (0, 0)
    before: str | None = None  # the LOOK_BACK characters before ``start``, reversed, kept for later context rules
    extra: dict = field(default_factory=dict)
