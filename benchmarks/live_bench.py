"""Live-updates benchmark: what an open workbench pays to notice and show a colleague's change at 200,000 claims.

Works on a copy of ``/work/baseline/corpus.db`` (about 221,000 claims and 231,000 quotes; ``--db`` names another),
migrated first (not measured). Two connections to the copy play two reviewers. Timed, each ``--repeat`` times
(median and 95th percentile, milliseconds):

- the poll with nothing changed (what every open screen does every 0.4 s), and right after a colleague's commit;
- reading the colleague's changes since the last look (one event, and a burst of 20);
- what the screen then reloads: the rows in view (60 ids) and the open item's detail;
- the baseline in the same run: a full re-list of the claims (first page of the listing and its count), which is
  what the poll avoids doing.

Run: ``python benchmarks/live_bench.py [--db FILE] [--repeat 30]``. Prints a table and writes
``benchmarks/results/live_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from workbench.services.catalog import BrowseFilter, Catalog
from workbench.services.live import LiveUpdates
from workbench.services.review import ReviewService
from workbench.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "live_bench.json"
CORPUS = Path("/work/baseline/corpus.db")
VISIBLE = 60
BASELINE = "full re-list: first page + count (baseline)"


def relist(catalog: Catalog) -> int:
    """What the poll avoids: the claims listing read again from its first page, and counted."""
    return catalog.count(catalog.listing("claims", BrowseFilter()))


def run(args: argparse.Namespace) -> dict[str, Any]:
    source = Path(args.db) if args.db else CORPUS
    if not source.is_file():
        raise SystemExit(f"{source}: no such database (pass --db)")
    samples: dict[str, list[float]] = {}

    def measure(name: str, action: Callable[[], object]) -> None:
        started = time.perf_counter()
        action()
        samples.setdefault(name, []).append((time.perf_counter() - started) * 1000)

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "live.db"
        shutil.copyfile(source, copy)
        with Store.open(copy) as mine, Store.open(copy) as theirs:
            catalog = Catalog(mine)
            live = LiveUpdates(mine)
            colleague = ReviewService(theirs, "bob")
            counts = catalog.counts()
            listing = catalog.listing("claims", BrowseFilter())
            ids = [row["id"] for row in listing.first][:VISIBLE]
            rng = random.Random(7)
            for _ in range(args.repeat):
                measure("poll, nothing changed", live.poll)
                item = f"claim:{rng.choice(ids)}"
                colleague.add_note(item, "checked against the customs table")
                measure("poll, after a colleague's commit", live.poll)
                measure("changes since the last look (1 event)", lambda: live.changes("ana"))
                for _ in range(20):
                    colleague.add_note(f"claim:{rng.choice(ids)}", "burst")
                live.poll()
                measure("changes since the last look (20 events)", lambda: live.changes("ana"))
                measure(f"reload: rows in view ({len(ids)})", lambda: catalog.rows("claims", ids))
                measure("reload: the open item's detail", lambda: catalog.detail("claims", ids[0]))
                measure(BASELINE, lambda: relist(Catalog(mine)))  # a fresh catalog: no remembered counts
    baseline = statistics.median(samples[BASELINE])
    rows = {
        name: {
            "median_ms": round(statistics.median(values), 3),
            "p95_ms": round(sorted(values)[max(0, int(len(values) * 0.95) - 1)], 3),
            "n": len(values),
            "ratio_to_full_relist": round(statistics.median(values) / baseline, 4),
        }
        for name, values in samples.items()
    }
    return {
        "database": str(source),
        "claims": counts["claims"],
        "quotes": counts["quotes"],
        "repeat": args.repeat,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "results": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="Database to copy (default: /work/baseline/corpus.db).")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    result = run(args)
    table = Table(
        title=f"Live updates on {result['claims']:,} claims, {result['quotes']:,} quotes "
        f"(load average {result['load_average'][0]:.2f})"
    )
    for column in ("step", "median ms", "p95 ms", "n", "× full re-list"):
        table.add_column(column)
    for name, row in result["results"].items():
        table.add_row(
            name, f"{row['median_ms']:.3f}", f"{row['p95_ms']:.3f}", str(row["n"]), f"{row['ratio_to_full_relist']:.4f}"
        )
    Console().print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
