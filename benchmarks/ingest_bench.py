"""Ingest benchmark: articles per second on real news, the cost of a re-run, and one 30 MB single-line file.

Three runs, each into a fresh database:

* ``corpus``: the first N articles of ../shared/data/corpus/abp-news.jsonl.gz (JSON Lines, real outlets), with the
  default worker count; reports articles/s, characters/s and the share of time spent clustering.
* ``rerun``: the same input again, which must store nothing and be much faster (content-hash identity).
* ``single-line``: the 30 MiB one-line file that ../shared/data/bad-inputs/make.py writes, which must ingest in
  time proportional to its size (no quadratic step).

Peak memory is the resident set of this process and its workers (``ru_maxrss``). Run:
``python benchmarks/ingest_bench.py [--articles 3000]``. Prints a table and writes
``benchmarks/results/ingest_bench.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from workbench.services.ingest import IngestProgress, ingest_paths
from workbench.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "ingest_bench.json"
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))


class PhaseTimer(IngestProgress):
    """Notes when clustering starts, so article time and clustering time are reported apart."""

    def __init__(self) -> None:
        self.clustering_started: float | None = None

    def phase(self, name: str) -> None:
        if name == "clustering":
            self.clustering_started = time.perf_counter()


def peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run(label: str, db: Path, paths: list[Path], chars: int) -> dict[str, object]:
    timer = PhaseTimer()
    with Store.open(db) as store:
        started = time.perf_counter()
        report = ingest_paths(store, paths, progress=timer)
        finished = time.perf_counter()
        counts = store.counts()
    seconds = finished - started
    clustering = finished - timer.clustering_started if timer.clustering_started else 0.0
    articles = report.ingested + report.new_versions
    return {
        "run": label,
        "articles": articles,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
        "claims": counts["claims"],
        "quotes": counts["quotes"],
        "seconds": round(seconds, 2),
        "clustering_s": round(clustering, 2),
        "articles_per_s": round(articles / seconds, 1) if articles else 0.0,
        "mchars_per_s": round(chars / seconds / 1e6, 3) if articles else 0.0,
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def corpus_sample(path: Path, count: int, folder: Path) -> tuple[Path, int]:
    sample = folder / "sample.jsonl"
    chars = 0
    with gzip.open(path, "rt", encoding="utf-8") as source, sample.open("w", encoding="utf-8") as target:
        for index, line in enumerate(source):
            if index >= count:
                break
            chars += len(json.loads(line)["text"])
            target.write(line)
    return sample, chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="corpus articles to ingest (default 3000)")
    parser.add_argument("--skip-large", action="store_true", help="skip the 30 MB single-line file")
    args = parser.parse_args(argv)
    corpus = SHARED / "corpus" / "abp-news.jsonl.gz"
    if not corpus.is_file():
        print(f"{corpus} not found (set WORKBENCH_SHARED_DATA); nothing to benchmark")
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample, chars = corpus_sample(corpus, args.articles, folder)
        rows.append(run("corpus", folder / "corpus.db", [sample], chars))
        rows.append(run("rerun", folder / "corpus.db", [sample], chars))
        if not args.skip_large:
            large_dir = folder / "large"
            subprocess.run([sys.executable, str(SHARED / "bad-inputs" / "make.py"), "--large", str(large_dir)],
                           check=True, capture_output=True)
            large = next(large_dir.glob("*.txt"))
            rows.append(run("single-line 30 MiB", folder / "large.db", [large], len(large.read_text("utf-8"))))

    table = Table(title=f"ingest ({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})")
    for key in rows[0]:
        table.add_column(key, justify="left" if key == "run" else "right")
    for row in rows:
        table.add_row(*(f"{value:,}" if isinstance(value, int) else str(value) for value in row.values()))
    Console(width=160).print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                                   "load": os.getloadavg()[0], "rows": rows}, indent=2), encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
