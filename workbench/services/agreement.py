"""Inter-reviewer agreement: per pair of reviewers, how often their own latest verdicts on the same item agree.

Built on ``judgements`` (each reviewer's own latest verdict per entity), not on the shared current verdict, which
only remembers whoever wrote last. Cohen's kappa corrects the raw agreement for the agreement two reviewers with
their label frequencies would reach by chance; the six labels are treated as nominal categories. Its 95% interval
uses the large-sample variance of Fleiss, Cohen and Everitt (1969); below ``MIN_ITEMS`` shared items no kappa is
given at all, because one or two items say nothing about agreement (one shared item always gave 0.000).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from statistics import NormalDist

from workbench.services.review import ItemRef
from workbench.store.repository import Store
from workbench.store.reviews import ReviewStore

MIN_ITEMS = 5
Z_95 = NormalDist().inv_cdf(0.975)


@dataclass(frozen=True)
class Disagreement:
    item: ItemRef
    label_a: str
    label_b: str
    rationale_a: str | None = None
    rationale_b: str | None = None


@dataclass
class PairAgreement:
    reviewer_a: str
    reviewer_b: str
    items: int = 0
    agreed: int = 0
    kappa: float | None = None
    kappa_low: float | None = None
    kappa_high: float | None = None
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def observed(self) -> float | None:
        return self.agreed / self.items if self.items else None

    @property
    def too_few(self) -> bool:
        """Fewer shared items than a kappa means anything for."""
        return self.items < MIN_ITEMS


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of paired labels; None when undefined (no pairs, or both used one same label throughout)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def kappa_interval(pairs: Sequence[tuple[str, str]], z: float = Z_95) -> tuple[float, float] | None:
    """kappa ± z standard errors (clipped to -1..1), with the large-sample variance of Fleiss, Cohen and Everitt
    (1969); None where kappa is undefined. It collapses to a point when the two agree on every item."""
    kappa = cohen_kappa(pairs)
    if kappa is None:
        return None
    n = len(pairs)
    cells = Counter(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    row = {label: count / n for label, count in first.items()}
    column = {label: count / n for label, count in second.items()}
    observed = sum(count for (a, b), count in cells.items() if a == b) / n
    expected = sum(row[label] * column.get(label, 0.0) for label in row)
    # A label only one of the two used has a margin of 0 on the other side.
    diagonal = sum(
        count / n * ((1 - expected) - (row[a] + column[a]) * (1 - observed)) ** 2
        for (a, b), count in cells.items()
        if a == b
    )
    off = (1 - observed) ** 2 * sum(
        count / n * (column.get(a, 0.0) + row.get(b, 0.0)) ** 2 for (a, b), count in cells.items() if a != b
    )
    variance = (diagonal + off - (observed * expected - 2 * expected + observed) ** 2) / (n * (1 - expected) ** 4)
    margin = z * math.sqrt(max(variance, 0.0))
    return max(-1.0, kappa - margin), min(1.0, kappa + margin)


def agreement(store: Store) -> list[PairAgreement]:
    """Every pair of reviewers who judged at least one same item, with kappa and their disagreements."""
    by_item: dict[ItemRef, dict[str, tuple[str, str | None]]] = defaultdict(dict)
    for row in ReviewStore(store).all_judgements():
        by_item[ItemRef(row["entity_type"], row["entity_id"])][row["reviewer"]] = (row["verdict"], row["rationale"])
    pairs: dict[tuple[str, str], PairAgreement] = {}
    labels: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for item in sorted(by_item):
        judged = by_item[item]
        for a, b in combinations(sorted(judged), 2):
            pair = pairs.setdefault((a, b), PairAgreement(a, b))
            (label_a, why_a), (label_b, why_b) = judged[a], judged[b]
            labels[(a, b)].append((label_a, label_b))
            pair.items += 1
            if label_a == label_b:
                pair.agreed += 1
            else:
                pair.disagreements.append(Disagreement(item, label_a, label_b, why_a, why_b))
    for key, pair in pairs.items():
        if pair.too_few:
            continue
        pair.kappa = cohen_kappa(labels[key])
        interval = kappa_interval(labels[key])
        if interval is not None:
            pair.kappa_low, pair.kappa_high = interval
    return [pairs[key] for key in sorted(pairs)]
