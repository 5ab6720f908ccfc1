"""Extraction on hostile text: control sequences are not quantities."""

from __future__ import annotations

import pytest

from workbench.pipeline.claims import extract_claims


@pytest.mark.parametrize("sequence", ["\u009b31m", "\x1b[31m", "\u009b0;1;31m", "\x1b]0;pwned 31\x07"])
def test_control_sequences_in_either_form_are_not_claims(sequence: str) -> None:
    text = f"Prices rose {sequence}sharply last year, by 5% in all.\n"
    assert [c.mention for c in extract_claims(text)] == ["5%"]
