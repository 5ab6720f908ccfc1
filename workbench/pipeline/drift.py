"""How a quote's wording changed between two printings: word-level edits, with cosmetic differences ignored.

Outlets re-type quotes: curly or straight marks, a capital after a cut, "[the United States]" inserted for
clarity, "..." for an omission. A reviewer wants the edits that change what was said, so words are compared after
the same normalization the clustering uses, and each edit is reported with the original words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from workbench.pipeline.normalize import normalize_quote

# A bracketed editorial insertion is one token, so it shows as one edit: +"[from the United States]".
_WORD = re.compile(r"\[[^\]]*\]|\S+")

EditKind = Literal["inserted", "deleted", "replaced"]


@dataclass(frozen=True)
class Edit:
    kind: EditKind
    before: str
    after: str

    def __str__(self) -> str:
        if self.kind == "inserted":
            return f'+"{self.after}"'
        if self.kind == "deleted":
            return f'-"{self.before}"'
        return f'"{self.before}" \u2192 "{self.after}"'


@dataclass(frozen=True)
class Drift:
    """Edits turning ``original`` into ``variant``; ``similarity`` is the share of normalized words kept (0..1)."""

    edits: tuple[Edit, ...]
    similarity: float
    truncated: bool

    @property
    def verbatim(self) -> bool:
        return not self.edits


def _words(text: str) -> tuple[list[str], list[str]]:
    """Surface words and their normalized forms, aligned (a word that normalizes to nothing is dropped)."""
    surface, normal = [], []
    for token in _WORD.findall(text):
        key = " ".join(token.casefold().split()) if token.startswith("[") else normalize_quote(token).text
        if key:
            surface.append(token)
            normal.append(key)
    return surface, normal


def wording_drift(original: str, variant: str) -> Drift:
    """Word edits from ``original`` to ``variant``. Dropping words at either end counts as truncation, not edits."""
    before_surface, before = _words(original)
    after_surface, after = _words(variant)
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    edits: list[Edit] = []
    truncated = False
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # words of the original missing before the variant starts or after it ends: an excerpt, not an edit
        if tag == "delete" and blocks and (j1 == j2 == 0 or j1 == j2 == len(after)):
            truncated = True
            continue
        kind: EditKind = {"insert": "inserted", "delete": "deleted", "replace": "replaced"}[tag]  # type: ignore[assignment]
        edits.append(Edit(kind, " ".join(before_surface[i1:i2]), " ".join(after_surface[j1:j2])))
    kept = sum(b.size for b in blocks)
    similarity = kept / max(len(before), len(after)) if (before or after) else 1.0
    return Drift(tuple(edits), similarity, truncated)
