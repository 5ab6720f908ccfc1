"""How the claim merge index's candidate search grows with the number of claims: CPU per claim, and the ids read
per placed claim, by kind.

``claim_cluster_bench.py --db`` times the whole engine; this script says where the growth is. For the first N real
claims of a corpus database (``--db``, e.g. a copy of the full-corpus database) it reports, at each size: CPU
microseconds per claim (best of ``--repeats``), then, in one more run that counts, per placed claim the ids the
merge index returned (``GroupedPostingIndex.hits``: the postings of its value bins and context words, each skipped
when it holds more than ``STOP_POSTINGS``), the share of claims that had a posting skipped (the slower path of
``_sharing_two_words``), and the candidates left after the two-shared-words filter, which the rules then read.

Run: ``PYTHONPATH=. python benchmarks/claim_candidates_bench.py --db FILE [--sizes 10000,30000,100000,200000]
[--repeats 3]``. Prints a table and writes ``benchmarks/results/claim_candidates_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from claim_cluster_bench import db_claims

from workbench.pipeline.cluster_claims import ClaimItem, cluster_claims
from workbench.pipeline.cluster_claims import index as engine_index

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "claim_candidates_bench.json"


def counted_run(items: list[ClaimItem]) -> dict[str, list[int]]:
    """Per kind: [claims placed, ids read, claims with a skipped posting, candidates after the two-word filter]."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    place, sharing = engine_index.ClaimClusterIndex._place, engine_index.ClaimClusterIndex._sharing_two_words
    current: dict[str, int] = {}

    def counting_sharing(self: Any, claim: Any, counts: dict[int, int], stopped: frozenset[str]) -> list[int]:
        found = sharing(self, claim, counts, stopped)
        current.update(ids=sum(counts.values()), stopped=bool(stopped), left=len(found))
        return found

    def counting_place(self: Any, claim: Any, rarity: Any, keys: Any) -> Any:
        current.clear()
        placed = place(self, claim, rarity, keys)
        if current:
            row = stats[claim.kind]
            row[0] += 1
            row[1] += current["ids"]
            row[2] += current["stopped"]
            row[3] += current["left"]
        return placed

    engine_index.ClaimClusterIndex._place = counting_place  # type: ignore[method-assign]
    engine_index.ClaimClusterIndex._sharing_two_words = counting_sharing  # type: ignore[method-assign]
    try:
        cluster_claims(items)
    finally:
        engine_index.ClaimClusterIndex._place = place  # type: ignore[method-assign]
        engine_index.ClaimClusterIndex._sharing_two_words = sharing  # type: ignore[method-assign]
    return dict(stats)


def per_placed(row: list[int]) -> dict[str, float]:
    placed = max(1, row[0])
    return {
        "placed": row[0],
        "ids_read": round(row[1] / placed, 2),
        "skipped_share": round(row[2] / placed, 3),
        "candidates": round(row[3] / placed, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a workbench database of the corpus (read only)")
    parser.add_argument("--sizes", default="10000,30000,100000,200000")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per size; the least CPU is reported")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    every = db_claims(args.db, max(sizes))
    rows = []
    for size in sizes:
        items = every[:size]
        cpus = []
        for _ in range(max(1, args.repeats)):
            started = time.process_time()
            cluster_claims(items)
            cpus.append(time.process_time() - started)
        stats = counted_run(items)
        total = [sum(row[i] for row in stats.values()) for i in range(4)]
        rows.append(
            {
                "claims": len(items),
                "cpu_seconds": round(min(cpus), 2),
                "us_per_claim": round(min(cpus) / len(items) * 1e6, 1),
                **per_placed(total),
                "by_kind": {kind: per_placed(row) for kind, row in sorted(stats.items())},
            }
        )
    print(f"claim merge candidates, first N claims of {args.db.name}")
    print(f"{'claims':>8} {'cpu s':>7} {'µs/claim':>9} {'ids read':>9} {'skipped':>8} {'candidates':>11}")
    for row in rows:
        print(
            f"{row['claims']:>8} {row['cpu_seconds']:>7.2f} {row['us_per_claim']:>9.1f} {row['ids_read']:>9.2f}"
            f" {row['skipped_share']:>8.3f} {row['candidates']:>11.2f}"
        )
    last = rows[-1]["by_kind"]
    print(f"\nby kind at {rows[-1]['claims']} claims (ids read per placed claim, skipped share):")
    print("  " + ", ".join(f"{kind} {row['ids_read']:.1f}/{row['skipped_share']:.2f}" for kind, row in last.items()))
    load = os.getloadavg()
    print(f"load average: {' '.join(f'{x:.1f}' for x in load)} on {os.cpu_count()} cpus")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "load_average": load}
    RESULTS.write_text(json.dumps({"machine": machine, "db": str(args.db), "rows": rows}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
