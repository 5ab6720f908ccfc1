"""Inverted index from hashed keys (word shingles, context words) to cluster representatives.

Both clustering engines find their candidates here instead of comparing all pairs. A query reads only its rarest
keys and skips keys shared by very many representatives (stock phrases), so the work per item stays bounded as
the index grows.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import NamedTuple
from zlib import crc32


def stable_key(text: str) -> int:
    """A process-independent hash: Python's ``hash(str)`` is salted per run, and ties between equally rare keys
    are broken by key, so a salted hash would make results differ between runs. Collisions only add candidates,
    which are verified anyway."""
    return crc32(text.encode("utf-8", "surrogatepass"))


class Hits(NamedTuple):
    """Shared-key counts per representative, plus how many query keys were read and how many no one has."""

    counts: dict[int, int]
    read: int
    missing: int


class PostingIndex:
    """Key → ids of the representatives that have the key.

    Most shingles occur in one quote only, so a lone id is stored as a bare int rather than a one-element list:
    that roughly halves the memory of a 200k-quote index.
    """

    __slots__ = ("_postings",)

    def __init__(self) -> None:
        self._postings: dict[int, int | list[int]] = {}

    def add(self, keys: Iterable[int], item_id: int) -> None:
        """File ``item_id`` under each key (pass distinct keys)."""
        _file(self._postings, keys, item_id)

    def size(self, key: int) -> int:
        current = self._postings.get(key)
        if current is None:
            return 0
        return 1 if isinstance(current, int) else len(current)

    def get(self, key: int) -> Sequence[int]:
        current = self._postings.get(key)
        if current is None:
            return ()
        return (current,) if isinstance(current, int) else current

    def hits(self, keys: Iterable[int], take: int | None = None, stop: int | None = None) -> Hits:
        """How many of the query's (distinct) keys each representative shares.

        With ``take``, only the ``take`` rarest keys are read. That is prefix filtering: any representative sharing
        more than ``len(keys) - take`` of the keys still appears. Keys with more than ``stop`` postings are skipped
        (not counted in ``read``); keys nobody has are counted in ``missing``.
        """
        postings = self._postings
        if take is None:
            found: list[int | list[int] | None] = list(map(postings.get, keys))
            missing = found.count(None)
        else:
            distinct = set(keys)
            sizes = [
                0 if current is None else 1 if current.__class__ is int else len(current)  # type: ignore[arg-type]
                for current in map(postings.get, distinct)
            ]
            ranked = sorted(zip(sizes, distinct))[:take]
            missing = sum(1 for size, _ in ranked if size == 0)
            found = [postings[key] for size, key in ranked if size]
        # The clustering's innermost loop: the ids are counted in C (Counter over the chained postings, a lone id
        # wrapped), in the order the keys give, which at 100k claims took a fifth of the time in Python.
        readable = [
            (current,) if current.__class__ is int else current
            for current in found
            if current is not None and (current.__class__ is int or stop is None or len(current) <= stop)  # type: ignore[arg-type]
        ]
        counts: dict[int, int] = Counter(chain.from_iterable(readable))  # type: ignore[arg-type]
        read = len(readable)
        return Hits(counts, read, missing)


def _file(postings: dict[int, int | list[int]], keys: Iterable[int], item_id: int) -> None:
    """File ``item_id`` under each of the distinct ``keys``: a new key holds the bare id, a held one a list."""
    distinct = keys if isinstance(keys, (set, frozenset)) else set(keys)
    # Most keys are new (a lone id): they are found and filed in C; only keys already held go through Python.
    fresh = distinct.difference(postings)
    if len(fresh) < len(distinct):
        for key in distinct.difference(fresh):
            current = postings[key]
            if current.__class__ is int:
                postings[key] = [current, item_id]
            else:
                current.append(item_id)  # type: ignore[union-attr]
    postings.update(dict.fromkeys(fresh, item_id))


class GroupedPostingIndex:
    """(group key, word key) → ids, as :class:`PostingIndex` holds them, but as a small dict of words per group.

    A query reads a few groups (a claim's value bins) with the same words each: one lookup per group in a dict of
    tens of thousands, then lookups in small dicts that stay in cache, instead of as many in one dict of a million
    keys. At 100k claims that cut the merge index's lookups by a third and its memory by a quarter.
    """

    __slots__ = ("_groups",)

    def __init__(self) -> None:
        self._groups: dict[int, dict[int, int | list[int]]] = {}

    def add(self, groups: Iterable[int], words: list[int], item_id: int) -> None:
        """File ``item_id`` under every (group, word) pair (pass distinct groups and distinct words)."""
        distinct = set(words)  # once for every group
        for group in groups:
            postings = self._groups.get(group)
            if postings is None:
                self._groups[group] = dict.fromkeys(words, item_id)
            else:
                _file(postings, distinct, item_id)

    def size(self, group: int, word: int) -> int:
        current = self._groups.get(group, {}).get(word)
        if current is None:
            return 0
        return 1 if current.__class__ is int else len(current)  # type: ignore[arg-type]

    def hits(self, groups: Iterable[int], words: list[int], stop: int) -> tuple[dict[int, int], set[int]]:
        """How many of the (group, word) pairs each id shares, counted group by group, words in the order given, as
        :meth:`PostingIndex.hits` counts the same keys; and the positions in ``words`` of the words skipped in some
        group because more than ``stop`` ids have them."""
        held = [postings for postings in map(self._groups.get, groups) if postings is not None]
        # Three lookups in four find nothing; the ids of the rest are counted in C.
        found = [current for postings in held for current in map(postings.get, words) if current is not None]
        readable = [
            (current,) if current.__class__ is int else current
            for current in found
            if current.__class__ is int or len(current) <= stop  # type: ignore[arg-type]
        ]
        stopped: set[int] = set()
        if len(readable) < len(found):
            for postings in held:
                stopped.update(
                    position
                    for position, current in enumerate(map(postings.get, words))
                    if current.__class__ is list and len(current) > stop
                )
        return Counter(chain.from_iterable(readable)), stopped  # type: ignore[arg-type]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index grows.

    Clustering allocates millions of small long-lived objects and no reference cycles; the collector's full
    passes over them made 200k quotes cost 2.4x 100k instead of 2.1x. The previous state is restored.

    What was allocated meanwhile is all in the youngest generation, which the first collection after the pause
    would traverse whole (at 100k claims half a second, every time an index is built) and then again as it ages: it
    is moved to the oldest generation at once instead (``gc.freeze`` then ``gc.unfreeze``: two list splices), where
    only a full collection looks at it, as it would after surviving the young ones. A process that froze objects
    itself (the TUI freezes what it loaded at start) keeps them frozen: there the collector resumes as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
