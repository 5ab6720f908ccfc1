"""Team-mode benchmark: list, filter and search latency on the same corpus in SQLite and in PostgreSQL.

The PostgreSQL copy is made the way a desk makes it, with ``workbench migrate --to`` (services.transfer), from a
copy of the SQLite database (default: /work/baseline/corpus.db, about 221,000 claims; never written to). The
server is pgserver's PostgreSQL 16 in a temporary folder, unless ``--pg URL`` names an empty database. Both engines
then answer the same service calls (services.catalog, as the TUI makes them), each with a fresh Catalog so no
cache carries over: the opening page of claims, its count, a page deep in the list, a kind filter, an outlet
filter and full-text searches. The first call (cold) and the median of ``--repeat`` calls are reported.

Run: ``python benchmarks/pg_bench.py [--db FILE] [--repeat 5] [--pg URL]``. Prints a table and writes
``benchmarks/results/pg_bench.json`` (``--out`` names another file). Times depend on the machine's load: the report
records the load average. ``--prepared`` measures a pair made earlier (``--db`` a SQLite copy, ``--pg`` its
``migrate --to``) without copying or migrating again: two code versions can then be timed one after the other on
the same data (the migration alone takes 2 to 10 minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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
from workbench.services.transfer import migrate_to
from workbench.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "pg_bench.json"
DEFAULT_DB = Path("/work/baseline/corpus.db")
SEARCHES = ("tariffs", "oil exports", "billion dollars")


def operations(outlet: str) -> dict[str, Callable[[Catalog], Any]]:
    """Name -> one service call, as the TUI makes it."""

    def deep_page(catalog: Catalog) -> Any:
        listing = catalog.listing("claims")
        catalog.count(listing)
        return catalog.page(listing, 500)

    ops: dict[str, Callable[[Catalog], Any]] = {
        "list: first page": lambda c: c.listing("claims"),
        "list: count": lambda c: c.count(c.listing("claims")),
        "list: page 500 (after count)": deep_page,
        "filter: kind=money": lambda c: c.listing("claims", BrowseFilter(kind="money")),
        "filter: kind=money, count": lambda c: c.count(c.listing("claims", BrowseFilter(kind="money"))),
        f"filter: outlet={outlet}": lambda c: c.listing("claims", BrowseFilter(outlet=outlet)),
    }
    for text in SEARCHES:
        ops[f"search: {text}"] = lambda c, t=text: c.listing("claims", BrowseFilter(text=t))
        ops[f"search: {text}, count"] = lambda c, t=text: c.count(c.listing("claims", BrowseFilter(text=t)))
    return ops


def measure(target: str | Path, ops: dict[str, Callable[[Catalog], Any]], repeat: int) -> dict[str, dict[str, float]]:
    results = {}
    with Store.open(target, readonly=True) as store:
        for name, op in ops.items():
            times = []
            for _ in range(repeat):
                catalog = Catalog(store)
                started = time.perf_counter()
                op(catalog)
                times.append(time.perf_counter() - started)
            results[name] = {"cold_ms": times[0] * 1000, "median_ms": statistics.median(times) * 1000}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="SQLite database to copy (never written)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pg", help="an empty PostgreSQL database (default: a pgserver in a temporary folder)")
    parser.add_argument(
        "--prepared", action="store_true", help="--db and --pg already hold the same data: measure them as they are"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    args = parser.parse_args()
    if args.prepared and not args.pg:
        print("--prepared needs --pg URL (the migrated copy of --db)", file=sys.stderr)
        return 2
    if not args.db.is_file():
        print(f"{args.db}: no such database (pass --db FILE)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="wb-pgbench-"))
    server = None
    try:
        sqlite_copy = args.db if args.prepared else work / "corpus.db"
        if not args.prepared:
            shutil.copyfile(args.db, sqlite_copy)
        url = args.pg
        if url is None:
            import pgserver
            import psycopg

            server = pgserver.get_server(work / "pg", cleanup_mode="stop")
            with psycopg.connect(server.get_uri(), autocommit=True) as conn:
                conn.execute("CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'")
            url = server.get_uri("bench")
        with Store.open(sqlite_copy) as store:  # migrate the copy first if its schema is behind
            claims = store.db.execute("SELECT count(*) FROM claims").fetchone()[0]
            outlet = store.db.execute(
                "SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC LIMIT 1"
            ).fetchone()[0]
        started = time.perf_counter()
        report = None
        if not args.prepared:
            report = migrate_to(sqlite_copy, url, lambda step: print(f"migrate: {step}", file=sys.stderr))
        migrate_s = time.perf_counter() - started
        if report is not None and not report.equal:
            print("the PostgreSQL copy differs from the SQLite database", file=sys.stderr)
            return 1
        ops = operations(outlet)
        load = os.getloadavg()
        results = {"sqlite": measure(sqlite_copy, ops, args.repeat), "postgresql": measure(url, ops, args.repeat)}
        load_after = os.getloadavg()
    finally:
        if server is not None:
            server.cleanup()
        shutil.rmtree(work, ignore_errors=True)

    table = Table(
        "operation (claims view)",
        "SQLite cold ms",
        "SQLite median ms",
        "PostgreSQL cold ms",
        "PostgreSQL median ms",
        "PG / SQLite (median)",
        title=f"{claims:,} claims; "
        + ("prepared copies; " if args.prepared else f"migrate --to took {migrate_s:.1f} s; ")
        + f"load {load[0]:.1f} -> {load_after[0]:.1f}",
    )
    for name in ops:
        s, p = results["sqlite"][name], results["postgresql"][name]
        ratio = p["median_ms"] / s["median_ms"] if s["median_ms"] else float("inf")
        table.add_row(
            name,
            f"{s['cold_ms']:.1f}",
            f"{s['median_ms']:.1f}",
            f"{p['cold_ms']:.1f}",
            f"{p['median_ms']:.1f}",
            f"{ratio:.2f}",
        )
    Console(width=170).print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "claims": claims,
                "source": str(args.db),
                "repeat": args.repeat,
                "migrate_s": None if args.prepared else migrate_s,
                "load_average": {"before": load, "after": load_after},
                "machine": platform.platform(),
                "results": results,
            },
            indent=2,
        )
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
