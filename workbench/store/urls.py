"""PostgreSQL URLs as every command sees them, without importing psycopg: a SQLite launch (the TUI included) never
needs the driver, and importing it cost a tenth of a second of every start. store/pg.py re-exports these."""

from __future__ import annotations

import re

SCHEMES = ("postgresql://", "postgres://")


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL as messages show it: a password in it is replaced by ***."""
    return re.sub(r"^(\w+://[^:/@]*:)[^@/]+@", r"\1***@", url)


def first_line(exc: BaseException) -> str:
    """psycopg's messages run to several lines (DETAIL, HINT); a workbench error is one."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
