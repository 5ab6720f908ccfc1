"""Inverted index from hashed keys (word shingles, context words) to cluster representatives.

Both clustering engines find their candidates here instead of comparing all pairs. A query reads only its rarest
keys and skips keys shared by very many representatives (stock phrases), so the work per item stays bounded as
the index grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from zlib import crc32


def stable_key(text: str) -> int:
    """A process-independent hash: Python's ``hash(str)`` is salted per run, and ties between equally rare keys
    are broken by key, so a salted hash would make results differ between runs. Collisions only add candidates,
    which are verified anyway."""
    return crc32(text.encode("utf-8", "surrogatepass"))


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

    def hits(self, keys: Iterable[int], take: int | None = None, stop: int | None = None) -> dict[int, int]:
        """How many of the query's keys each representative shares, reading only the ``take`` rarest keys.

        Reading the rarest keys first is prefix filtering: any representative that shares more than
        ``len(keys) - take`` of the keys is sure to appear. Keys with more than ``stop`` postings are skipped.
        """
        ranked = sorted((self.size(key), key) for key in set(keys))
        if take is not None:
            ranked = ranked[:take]
        counts: dict[int, int] = {}
        for size, key in ranked:
            if size == 0 or (stop is not None and size > stop):
                continue
            for item_id in self.get(key):
                counts[item_id] = counts.get(item_id, 0) + 1
        return counts
