"""Untrusted text on its way to a terminal: never markup, never escape codes.

Article text, titles and even file names come from outside. Rich markup is avoided by always building
``rich.text.Text`` objects (never markup strings); this module removes the other danger, control characters (ESC
starts terminal escape sequences, BEL, C1 controls such as CSI U+009B), by replacing them with visible stand-ins.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, and the C1 block; plus bidi overrides that can disguise text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SINGLE_LINE = re.compile("[\t\n]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 "control pictures": ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def for_terminal(text: str | None, *, single_line: bool = False) -> str:
    """``text`` with every control character shown as a harmless visible symbol."""
    if not text:
        return ""
    cleaned = _CONTROL.sub(_visible, text)
    if single_line:
        cleaned = _SINGLE_LINE.sub(" ", cleaned)
    return cleaned
