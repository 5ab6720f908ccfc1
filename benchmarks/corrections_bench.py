"""Corrections benchmark: how long each correction, its undo, and the list refresh after it take on a database of
200,000+ claims (target: each under 50 ms).

By default it works on a copy of ``/work/baseline/corpus.db`` (the full news corpus, about 221,000 claims and
231,000 quotes; pass another with ``--db``); without one it builds a synthetic database of ``--claims`` claims with
the export benchmark's builder. The copy is migrated first (adding the corrections columns is part of the run, not
measured). A verdict, the operation reviewers already do all day, is timed in the same run as the baseline, so the
ratios hold on a loaded machine.

Measured, each ``--repeat`` times on different items (median and 95th percentile, milliseconds):
correct (speaker), dismiss, restore, add a claim, split a cluster, merge two clusters, not a conflict, undo of
each; and what the TUI reloads after a write: the visible page of rows (60 ids), the item's detail, the cursor's
place in the listing after a dismissal (its first page and a count up to the item), and the listing's first page
(after an undismissal, an addition, their undo), beside the whole ordered query without the condition that hides
dismissed items.

Run: ``python benchmarks/corrections_bench.py [--db FILE] [--repeat 20]``. Prints a table and writes
``benchmarks/results/corrections_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from workbench.services.catalog import BrowseFilter, Catalog
from workbench.services.corrections import CorrectionService
from workbench.services.review import ItemRef
from workbench.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "corrections_bench.json"
CORPUS = Path("/work/baseline/corpus.db")
TARGET_MS = 50.0
PAGE = 60


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "max_ms": round(ordered[-1], 2),
        "n": len(ordered),
    }


def prepare(args: argparse.Namespace, workdir: Path) -> Path:
    path = workdir / "bench.db"
    source = Path(args.db) if args.db else (CORPUS if CORPUS.is_file() else None)
    if source is not None:
        shutil.copyfile(source, path)
        for suffix in ("-wal", "-shm"):
            if Path(f"{source}{suffix}").is_file():
                shutil.copyfile(f"{source}{suffix}", f"{path}{suffix}")
        return path
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from export_bench import build  # the same synthetic shape the export benchmark uses

    with Store.open(path) as store:
        build(store, args.claims)
    return path


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        path = prepare(args, Path(tmp))
        with Store.open(path) as store:  # applies the corrections migration
            counts = store.counts()
            service = CorrectionService(store, "bench")
            catalog = Catalog(store)
            ids = catalog.ids("claims")
            picked = rng.sample(ids, args.repeat * 3)
            clusters = [
                row[0]
                for row in store.db.execute(
                    "SELECT cluster_id FROM claims GROUP BY cluster_id HAVING count(*) BETWEEN 3 AND 50 LIMIT ?",
                    [args.repeat * 2],
                )
            ]
            members = {
                c: [
                    r[0]
                    for r in store.db.execute(
                        "SELECT id FROM claims WHERE cluster_id = ? AND id != cluster_id ORDER BY id", [c]
                    )
                ]
                for c in clusters
            }
            articles = [
                row[0]
                for row in store.db.execute(
                    "SELECT a.id FROM articles a WHERE superseded_by IS NULL AND length(text) > 200 ORDER BY id LIMIT ?",
                    [args.repeat],
                )
            ]
            conflicts = store.db.execute(
                "SELECT cluster_a, cluster_b FROM cluster_conflicts WHERE kind = 'claim'"
            ).fetchall()
            samples: dict[str, list[float]] = {}

            def measure(name: str, call: Callable[[], Any]) -> None:
                samples.setdefault(name, []).append(timed(call))

            def undo(name: str) -> None:
                measure(f"undo {name}", service.undo)

            for i in range(args.repeat):
                verdict_item = ItemRef("claim", picked[i])
                measure("verdict (baseline)", lambda: service.set_verdict(verdict_item, "true"))
                undo("verdict (baseline)")
                item = ItemRef("claim", picked[args.repeat + i])
                measure("correct speaker", lambda: service.correct(item, {"speaker": f"Bench Person {i}"}))
                undo("correct speaker")
                gone = ItemRef("claim", picked[2 * args.repeat + i])
                measure("dismiss", lambda: service.dismiss(gone, note="bench"))
                measure("restore", lambda: service.restore(gone))
                service.dismiss(gone)
                undo("dismiss")
                if i < len(articles):
                    text = store.article_text(articles[i]) or ""
                    start = next(
                        (
                            k
                            for k in range(len(text) - 12)
                            if text[k].isalpha() and not text[k - 1].isalnum() and text[k : k + 8].isalpha()
                        ),
                        0,
                    )
                    refs: list[ItemRef] = []
                    measure(
                        "add claim",
                        lambda: refs.append(
                            service.add_item("claim", articles[i], start, start + 8, {"kind": "count", "value": 1.0})
                        ),
                    )
                    undo("add claim")
                cluster = clusters[i % len(clusters)]
                member = members[cluster][0]
                measure("split cluster", lambda: service.move_to_cluster(ItemRef("claim", member)))
                undo("split cluster")
                other = clusters[(i + 1) % len(clusters)]
                measure(
                    "merge clusters",
                    lambda: service.merge_clusters(ItemRef("claim_cluster", cluster), ItemRef("claim_cluster", other)),
                )
                undo("merge clusters")
                if conflicts:
                    a, b = conflicts[i % len(conflicts)]
                    measure(
                        "not a conflict",
                        lambda: service.mark_not_conflict(ItemRef("claim_cluster", a), ItemRef("claim_cluster", b)),
                    )
                    undo("not a conflict")
                page_start = rng.randrange(0, max(1, len(ids) - PAGE))
                measure(
                    "refresh: visible page (60 rows)",
                    lambda: catalog.rows("claims", ids[page_start : page_start + PAGE]),
                )
                measure("refresh: item detail", lambda: catalog.detail("claims", item.entity_id))
                measure(
                    "refresh: dismissed item leaves the listing (first page again, the cursor's place)",
                    lambda: catalog.position(catalog.listing("claims"), ids[page_start]),
                )
                if i < args.listings:
                    measure("refresh: listing (first page)", lambda: catalog.listing("claims", BrowseFilter()))
                    # The same ordered query without the one condition that hides dismissed items: its cost.
                    measure(
                        "whole listing without the dismissed condition (baseline)",
                        lambda: store.db.execute(
                            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.superseded_by IS "
                            "NULL ORDER BY a.published IS NULL, a.published, a.source, c.start, c.id"
                        ).fetchall(),
                    )
    baseline = statistics.median(samples["verdict (baseline)"])
    rows = {
        name: {**summary(values), "ratio_to_verdict": round(statistics.median(values) / baseline, 2)}
        for name, values in samples.items()
    }
    return {
        "database": str(args.db or (CORPUS if CORPUS.is_file() else f"synthetic {args.claims} claims")),
        "claims": counts["claims"],
        "quotes": counts["quotes"],
        "repeat": args.repeat,
        "target_ms": TARGET_MS,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "results": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="Database to copy (default: /work/baseline/corpus.db, else synthetic).")
    parser.add_argument("--claims", type=int, default=200_000, help="Claims of the synthetic database.")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--listings", type=int, default=5, help="How many whole-listing reloads to time.")
    args = parser.parse_args()
    result = run(args)
    table = Table(
        title=f"Corrections on {result['claims']:,} claims, {result['quotes']:,} quotes "
        f"(load average {result['load_average'][0]:.2f})"
    )
    for column in ("operation", "median ms", "p95 ms", "max ms", "n", "× verdict", f"< {TARGET_MS:g} ms"):
        table.add_column(column)
    for name, row in result["results"].items():
        table.add_row(
            name,
            f"{row['median_ms']:.1f}",
            f"{row['p95_ms']:.1f}",
            f"{row['max_ms']:.1f}",
            str(row["n"]),
            f"{row['ratio_to_verdict']:.2f}",
            "yes" if row["p95_ms"] < TARGET_MS else "NO",
        )
    Console().print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
