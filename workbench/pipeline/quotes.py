"""Direct quotes and their speakers. (Placeholder interface: being implemented for issue 5.)"""

from __future__ import annotations

from workbench.models import Quote


def extract_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text`` with its speaker, in text order."""
    return []
