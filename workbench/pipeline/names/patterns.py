"""Compiled patterns of the name parsers: tokens, capitalised sequences, appositives, party tags."""

from __future__ import annotations

import re

TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*\.?|[^\w\s]")
# Each token with the blanks before it: ``findall`` hands both over as strings, and their lengths give the offsets
# without a match object per token (tokens are made by the million; every non-blank character starts one).
SPACED_TOKEN = re.compile(r"(\s*)(" + TOKEN.pattern + ")")


CAP_SEQUENCE = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w’'.\-]*(?:[ \t]+(?:(?:al|el|bin|ibn|de|da|del|der|van|von|la|le|du|dos|di)[ \t]+)?"
    r"[A-ZÀ-ÖØ-Þ][\w’'.\-]*)*"
)


# After a name: ", who ...", ", 45, ...", ", a former ...": the writer is describing a person.
APPOSITIVE = re.compile(
    r",\s+(?:who\b|\d{1,3},|(?:a|an|the)\s+(?:former|retired|longtime|veteran|top|senior|\d{1,3}-year-old)\b)"
    r"|[ \t]+[-–—][ \t]+(?:a|an)[ \t]+[a-z][a-z-]+[ \t]+[a-z]+[ \t]+(?:from|of|at|in|who)\b"
)


OFFICE_AFTER = re.compile(r",[ \t]+(?:the[ \t]+)?([a-z][a-z-]+)[ \t]+(?:of|for|at)\b")


LOCATIVE = re.compile(r"\b(?:in|at|near|across|outside|inside|throughout)\s+$")


# "Sen. Rob Portman, R-Ohio," / "Rep. Jim Cooper (D-Tenn.)": party and state written after a lawmaker's name.
PARTY_TAG = re.compile(r"[ \t]*(?:,|\()[ \t]*([RDI])[-–]([A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z.]+)?)(?=[,.;:)\s]|$)")


# A photo credit around a name ("toggle caption Jim Watson/AFP via Getty Images", "Photo: Jane Doe/AP"): the
# photographer is no one the article is about, so the name must not become anyone's antecedent.
PHOTO_CREDIT_BEFORE = re.compile(r"(?:caption|credit|credits|photo|photograph|image|courtesy\s+of)\s*:?\s*$", re.I)
PHOTO_CREDIT_AFTER = re.compile(r"[ \t]?/[ \t]?[A-Z]")


# A site's link card glued after a name ("Sen. Jeff Flake Jeffrey (Jeff) Lane FlakeLindsey Graham basks in ... MORE"):
# the legal name, then the surname run into a headline, up to "MORE". Group 1 is the surname the card repeats.
LINK_CARD = re.compile(r"\b([A-Z][\w’'\-]{2,})[ \t]+(?=[A-Z])[^\n]{0,60}?\b\1(?=[A-Z][a-z])[^\n]{0,400}?\bMORE\b")
