"""Quantitative claims. (Placeholder interface: being implemented for issue 4.)"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.models import Claim, Quote


def extract_claims(
    text: str,
    published: str | None = None,
    *,
    quotes: Sequence[Quote] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Claim]:
    """Every checkable quantity in ``text``, in text order."""
    return []
