"""The rarity of the words of the claims clustered together (see the package docstring)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from workbench.pipeline.cluster_claims.features import GENERIC_SHARE, MIN_BACKGROUND, ClaimItem
from workbench.pipeline.cluster_claims.statement import _Claim


class _Idf(dict[str, float]):
    """Word -> its inverse document frequency, computed on first use (see :attr:`WordRarity.idf`)."""

    __slots__ = ("_counts", "_log_total")

    def __init__(self, counts: Mapping[str, int], log_total: float):
        super().__init__()
        self._counts = counts
        self._log_total = log_total

    def __missing__(self, word: str) -> float:
        found = self[word] = max(0.1, self._log_total - math.log(self._counts.get(word, 0) + 1))
        return found


class WordRarity:
    """How rare each topic word is among a set of claims: the weights of every match (see the module docstring).

    Build it with :meth:`of` for :func:`claim_relation`; :class:`ClaimClusterIndex` keeps its own counts.

    ``idf(word)``: the word's inverse document frequency (natural log, add-one smoothed, never below a small floor),
    read from a dict that computes it on first use: the rules ask for it two million times at 100k claims, and a
    dict's own lookup costs a third of a method call.
    """

    __slots__ = ("idf",)

    GENERIC_IDF = math.log(1 / GENERIC_SHARE)

    def __init__(self, counts: Mapping[str, int], claims: int):
        self.idf: Callable[[str], float] = _Idf(counts, math.log(max(claims, MIN_BACKGROUND) + 1)).__getitem__

    @classmethod
    def of(cls, items: Iterable[ClaimItem]) -> WordRarity:
        counts: Counter[str] = Counter()
        claims = 0
        for item in items:
            counts.update(_Claim(item).topic)
            claims += 1
        return cls(counts, claims)

    def evidence(self, shared: Iterable[str]) -> float:
        """Summed rarity of shared words beyond the generic level: what a chance match would rarely share."""
        return sum(max(0.0, self.idf(word) - self.GENERIC_IDF) for word in shared)
