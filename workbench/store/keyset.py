"""Keyset pagination: a page is "the next N rows after this row's sort key", answered from an index.

``LIMIT n OFFSET k`` makes SQLite walk k rows to skip them, and an ordered list of every id costs a full sort per
filter; a keyset page costs what a page costs wherever it is. A ``Query`` is a listing (FROM, WHERE) with an order
whose terms end in a unique column, so every row has a distinct key; the predicate "after key K" is written out
term by term with the first term also given as a plain range, which is what lets SQLite start its index scan at K.
Terms may mix directions (newest first, then by source); expressions must not be NULL (coalesce them).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from workbench.store.db import is_postgresql

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Term:
    expression: str  # SQL over the query's aliases, never NULL
    descending: bool = False
    # A leading term whose values are shared by many rows (a check-worthiness score: all -1 in a database never
    # assessed). PostgreSQL reads a page one value at a time (``_grouped_page``) instead of sorting every row.
    grouped: bool = False


@dataclass
class Where:
    """The conditions of a listing, each written for the ordered walk, some also in a form an index can start from.

    A listing walks the index of its order and keeps the rows that pass; that is fast while matching rows are
    common. When they are rare (one speaker among 200,000 claims) the walk reads everything for one page, and
    starting from the condition's own index and sorting what it finds is far faster. ``clauses`` are written so
    they do not steer SQLite off the order's index (``+c.kind = ?``: the unary plus hides the column's index);
    ``driving`` holds, for some of them, a form SQLite can start from (``c.kind = ?``), used only when the walk
    turns out to be long (``page``'s ``plan``).
    """

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    driving: list[str] = field(default_factory=list)
    driving_params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any, driving: str | None = None, driving_params: Sequence[Any] = ()) -> None:
        self.clauses.append(clause)
        self.params.extend(params)
        if driving is not None:
            self.driving.append(driving)
            self.driving_params.extend(driving_params)


@dataclass(frozen=True)
class Query:
    """``SELECT <id> FROM <source> WHERE <clauses> ORDER BY <terms>``; the last term must be unique per row."""

    id_column: str
    source: str
    clauses: tuple[str, ...]
    params: tuple[Any, ...]
    terms: tuple[Term, ...]
    driving: tuple[str, ...] = ()
    driving_params: tuple[Any, ...] = ()
    free_source: str | None = None  # ``source`` with its join order left to SQLite, for ``driven``
    source_params: tuple[Any, ...] = ()  # bound by the joins of ``source``, before the WHERE's

    @classmethod
    def of(
        cls,
        id_column: str,
        source: str,
        where: Where,
        terms: Sequence[Term],
        *,
        walk: str | None = None,
        source_params: Sequence[Any] = (),
    ) -> Query:
        """``walk``: the source written for walking the order's index (a join order fixed with CROSS JOIN),
        used until ``driven``; ``source`` is the same rows with the join order free."""
        return cls(
            id_column,
            walk or source,
            tuple(where.clauses),
            tuple(where.params),
            tuple(terms),
            tuple(where.driving),
            tuple(where.driving_params),
            source if walk else None,
            tuple(source_params),
        )

    def driven(self) -> Query:
        """The same rows, with the conditions SQLite can start from added (they are implied by the others) and
        the join order free."""
        return Query(
            self.id_column,
            self.free_source or self.source,
            self.clauses + self.driving,
            self.params + self.driving_params,
            self.terms,
            source_params=self.source_params,
        )

    def _where(self, more: Sequence[str] = ()) -> str:
        clauses = [*self.clauses, *more]
        return " AND ".join(clauses) if clauses else "1"

    def _params(self, more: Sequence[Any] = ()) -> list[Any]:
        return [*self.source_params, *self.params, *more]


class OverBudget(Exception):
    """A query was stopped after reading more than its budget allowed."""


@contextlib.contextmanager
def budget(conn: sqlite3.Connection, steps: int) -> Iterator[None]:
    """Stop the statements run inside after about ``steps`` thousand SQLite VM steps (``OverBudget``); on
    PostgreSQL, which has no step counter, after about ``steps`` milliseconds (outside a transaction only, since a
    cancelled statement would abort it)."""
    if not hasattr(conn, "set_progress_handler"):
        with _time_budget(conn, steps):
            yield
        return
    used = 0

    def tick() -> int:
        nonlocal used
        used += 1
        return int(used > steps)

    conn.set_progress_handler(tick, 1000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if used > steps and "interrupt" in str(exc):
            raise OverBudget from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)


@contextlib.contextmanager
def _time_budget(conn: Any, milliseconds: int) -> Iterator[None]:
    import psycopg

    if conn.in_transaction:
        yield
        return
    conn.raw.execute(f"SET statement_timeout = {int(milliseconds)}")
    try:
        yield
    except psycopg.errors.QueryCanceled as exc:
        raise OverBudget from exc
    finally:
        conn.raw.execute("SET statement_timeout = 0")


def _beyond(terms: Sequence[Term], key: Key, forward: bool) -> tuple[str, list[Any]]:
    """The rows after ``key`` in the order of ``terms`` (before it when not ``forward``), as SQL and parameters."""
    if len(key) != len(terms):
        raise ValueError(f"a key of {len(key)} values for {len(terms)} order terms")
    alternatives: list[str] = []
    params: list[Any] = []
    for i, term in enumerate(terms):
        # Going forward over an ascending term, the rows that come after have greater values.
        beyond = ">" if term.descending != forward else "<"
        parts = [f"{t.expression} = ?" for t in terms[:i]] + [f"{term.expression} {beyond} ?"]
        alternatives.append("(" + " AND ".join(parts) + ")")
        params.extend(key[: i + 1])
    first = terms[0]
    start = f"{first.expression} {'>=' if first.descending != forward else '<='} ?"
    return f"{start} AND ({' OR '.join(alternatives)})", [key[0], *params]


def _order(terms: Sequence[Term], forward: bool) -> str:
    return ", ".join(f"{t.expression} {'DESC' if t.descending == forward else 'ASC'}" for t in terms)


def page(
    db: sqlite_utils.Database,
    query: Query,
    *,
    after: Key | None = None,
    before: Key | None = None,
    from_end: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> list[tuple[int, Key]]:
    """``limit`` (id, key) pairs in order: from the start (skipping ``offset``), after the key ``after``, or the
    ``limit`` rows just before the key ``before`` or before the end (``from_end``; still in order)."""
    keys = ", ".join(t.expression for t in query.terms)
    more: list[str] = []
    more_params: list[Any] = []
    forward = before is None and not from_end
    boundary = after if forward else before
    if boundary is not None:
        clause, more_params = _beyond(query.terms, boundary, forward)
        more.append(clause)
    if query.terms[0].grouped and is_postgresql(db):
        rows = _grouped_page(db, query, boundary, forward, limit, offset)
    else:
        sql = (
            f"SELECT {query.id_column}, {keys} FROM {query.source} WHERE {query._where(more)} "
            f"ORDER BY {_order(query.terms, forward)} LIMIT ? OFFSET ?"
        )
        rows = db.execute(sql, query._params(more_params) + [limit, offset]).fetchall()
    found = [(row[0], tuple(row[1:])) for row in rows]
    return found if forward else found[::-1]


def _grouped_page(
    db: sqlite_utils.Database, query: Query, boundary: Key | None, forward: bool, limit: int, offset: int
) -> list[Any]:
    """A page of a query led by a ``grouped`` term, for PostgreSQL: first the rows sharing the current leading
    value (the boundary's, or the first one in the walk's direction) in the order of the other terms, which an
    index walk delivers (the reading order: articles by date, then each article's items); then, if the page is
    not full, the rows beyond that value in the full order.

    As one ORDER BY, the planner sorts every row sharing the leading value: with one score for all 221,050 claims
    of a database not yet assessed, the first page cost 95-240 ms, where the walk reads the page's rows and no
    more. The first page finds the leading value inside its statement (one round trip when the group fills it);
    the rows beyond are read with the value bound, so the planner knows how few lie beyond (as a subquery it
    guessed a third of the table and hashed every article). A jump (``offset``) that passes the whole group
    counts it to know how far to skip beyond it.
    """
    lead, rest = query.terms[0], query.terms[1:]
    keys = ", ".join(t.expression for t in query.terms)
    if boundary is None:
        step = "DESC" if lead.descending == forward else "ASC"
        first = (
            f"SELECT {lead.expression} FROM {query.source} WHERE {query._where()} "
            f"ORDER BY {lead.expression} {step} LIMIT 1"
        )
        inside, inside_params = [f"{lead.expression} = ({first})"], query._params()
    else:
        within, within_params = _beyond(rest, boundary[1:], forward)
        inside, inside_params = [f"{lead.expression} = ?", within], [boundary[0], *within_params]
    group = f"FROM {query.source} WHERE {query._where(inside)}"
    rows = list(
        db.execute(
            f"SELECT {query.id_column}, {keys} {group} ORDER BY {_order(rest, forward)} LIMIT ? OFFSET ?",
            [*query._params(inside_params), limit, offset],
        ).fetchall()
    )
    if len(rows) == limit:
        return rows
    if rows:
        value, offset = rows[0][1], 0  # the jump, if any, ended inside the group
    elif boundary is not None:
        value = boundary[0]
    else:
        found = db.execute(first, query._params()).fetchone() if offset else None
        if found is None:
            return []  # no leading value: nothing is listed
        value = found[0]
    if offset:  # the jump passed every row of the group
        offset -= int(db.execute(f"SELECT count(*) {group}", query._params(inside_params)).fetchone()[0])
    beyond = ">" if lead.descending != forward else "<"
    rows += db.execute(
        f"SELECT {query.id_column}, {keys} FROM {query.source} WHERE {query._where([f'{lead.expression} {beyond} ?'])} "
        f"ORDER BY {_order(query.terms, forward)} LIMIT ? OFFSET ?",
        [*query._params([value]), limit - len(rows), max(offset, 0)],
    ).fetchall()
    return rows


def count(db: sqlite_utils.Database, query: Query, *, before: Key | None = None) -> int:
    """How many rows the query has (only those before the key ``before``, when given: a row's position)."""
    more: list[str] = []
    params: list[Any] = []
    if before is not None:
        clause, params = _beyond(query.terms, before, False)
        more.append(clause)
    else:
        query = query.driven()  # all of them: let SQLite count from the most selective index
    sql = f"SELECT count(*) FROM {query.source} WHERE {query._where(more)}"
    return int(db.execute(sql, query._params(params)).fetchone()[0])


def key_of(db: sqlite_utils.Database, query: Query, item_id: int) -> Key | None:
    """The sort key of one row, or None when the query does not list it."""
    keys = ", ".join(t.expression for t in query.terms)
    row = db.execute(
        f"SELECT {keys} FROM {query.source} WHERE {query._where([f'{query.id_column} = ?'])}", query._params([item_id])
    ).fetchone()
    return tuple(row) if row is not None else None


def position(db: sqlite_utils.Database, query: Query, item_id: int) -> int | None:
    """Where a row stands in the query's order (0-based), or None when it is not listed."""
    key = key_of(db, query, item_id)
    return None if key is None else count(db, query, before=key)
