"""The rarity of the words of the claims clustered together (see the package docstring)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from workbench.pipeline.cluster_claims.features import GENERIC_SHARE, MIN_BACKGROUND, ClaimItem
from workbench.pipeline.cluster_claims.statement import _Claim


class WordRarity:
    """How rare each topic word is among a set of claims: the weights of every match (see the module docstring).

    Build it with :meth:`of` for :func:`claim_relation`; :class:`ClaimClusterIndex` keeps its own counts.
    """

    __slots__ = ("_counts", "_log_total", "_cache")

    GENERIC_IDF = math.log(1 / GENERIC_SHARE)

    def __init__(self, counts: Mapping[str, int], claims: int):
        self._counts = counts
        self._log_total = math.log(max(claims, MIN_BACKGROUND) + 1)
        self._cache: dict[str, float] = {}

    @classmethod
    def of(cls, items: Iterable[ClaimItem]) -> WordRarity:
        counts: Counter[str] = Counter()
        claims = 0
        for item in items:
            counts.update(_Claim(item).topic)
            claims += 1
        return cls(counts, claims)

    def idf(self, word: str) -> float:
        """Inverse document frequency (natural log, add-one smoothed, never below a small floor)."""
        found = self._cache.get(word)
        if found is None:
            found = max(0.1, self._log_total - math.log(self._counts.get(word, 0) + 1))
            self._cache[word] = found
        return found

    def evidence(self, shared: Iterable[str]) -> float:
        """Summed rarity of shared words beyond the generic level: what a chance match would rarely share."""
        return sum(max(0.0, self.idf(word) - self.GENERIC_IDF) for word in shared)
