"""Inverted index from hashed keys (word shingles, context words) to cluster representatives.

Both clustering engines find their candidates here instead of comparing all pairs. A query reads only its rarest
keys and skips keys shared by very many representatives (stock phrases), so the work per item stays bounded as
the index grows.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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
        postings = self._postings
        for key in keys:
            current = postings.get(key)
            if current is None:
                postings[key] = item_id
            elif isinstance(current, int):
                postings[key] = [current, item_id]
            else:
                current.append(item_id)

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
            ranked = sorted(zip(map(self.size, distinct), distinct))[:take]
            missing = sum(1 for size, _ in ranked if size == 0)
            found = [postings[key] for size, key in ranked if size]
        # The loop below is the clustering's innermost: the bound get and the class test save a third of it.
        counts: dict[int, int] = {}
        count = counts.get
        read = 0
        for current in found:
            if current is None:
                continue
            if current.__class__ is int:
                counts[current] = count(current, 0) + 1
                read += 1
            elif stop is None or len(current) <= stop:  # type: ignore[arg-type]
                read += 1
                for item_id in current:  # type: ignore[union-attr]
                    counts[item_id] = count(item_id, 0) + 1
        return Hits(counts, read, missing)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index grows.

    Clustering allocates millions of small long-lived objects and no reference cycles; the collector's full
    passes over them made 200k quotes cost 2.4x 100k instead of 2.1x. The previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
