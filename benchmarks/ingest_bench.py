"""Ingest benchmark: CPU seconds, wall time and peak memory of `workbench ingest`, main against this branch.

Every run is a fresh ``python -m workbench ingest`` process into a fresh database, so CPU time (``getrusage`` of the
process and its workers) and peak RSS (the whole process tree, sampled with psutil) are what a user's ingest costs.
The baseline is main's code, exported with ``git archive`` into a temporary folder and run from there; both sides
are measured in the same run, so their ratio holds whatever else the machine is doing.

Runs, each into a fresh database:

* ``corpus`` (main, branch): the first N articles of ../shared/data/corpus/abp-news.jsonl.gz (default 3000), or
  ``--corpus FILE``; with ``--full`` the whole corpus file instead.
* ``rerun`` (branch): the same input again into the branch's database, which must add nothing.
* ``single-line 30 MiB`` (branch, unless ``--skip-large``): the one-line file that ../shared/data/bad-inputs/make.py
  writes, which must ingest in time proportional to its size.

Run: ``python benchmarks/ingest_bench.py [--articles 3000 | --full] [--workers N] [--baseline-ref main]``.
Prints a table and writes ``benchmarks/results/ingest_bench.json``. ``measure_ingest`` is the one measurement,
for benchmarks/run.py to call.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "ingest_bench.json"
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
SAMPLE_EVERY_S = 0.1


def _tree_rss(process: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants (the extraction workers) right now."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue  # a worker that just exited
    return total


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_ingest(
    paths: Sequence[str | os.PathLike[str]],
    db: str | os.PathLike[str],
    workers: int | None = None,
    *,
    source: str | os.PathLike[str] | None = None,
) -> dict[str, object]:
    """One ``workbench ingest`` of ``paths`` into ``db`` in a child process: CPU s (process and workers), wall s,
    peak RSS of the process tree, what it stored, and its stderr's last line. ``source`` runs another checkout's
    code (a folder holding its ``workbench`` package), for a baseline measured beside this one."""
    command = [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", *map(str, paths)]
    if workers is not None:
        command += ["--workers", str(workers)]
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    cpu_before = _cpu_of_children()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=errors, cwd=source if source is not None else ROOT
        )
        watched = psutil.Process(child.pid)
        peak = 0
        while child.poll() is None:
            with contextlib.suppress(psutil.Error):
                peak = max(peak, _tree_rss(watched))
            time.sleep(SAMPLE_EVERY_S)
        wall = time.perf_counter() - started
        errors.seek(0)
        tail = errors.read().decode("utf-8", "replace").strip().splitlines()
    cpu = _cpu_of_children() - cpu_before
    return {
        "exit": child.returncode,
        "cpu_s": round(cpu, 1),
        "wall_s": round(wall, 1),
        "peak_rss_mib": round(peak / 2**20, 1),
        **_stored(db),
        "stderr_last": tail[-1] if tail else "",
    }


def _stored(db: str | os.PathLike[str]) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return {
            table: connection.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("articles", "claims", "quotes")
        }


def corpus_sample(path: Path, count: int, folder: Path) -> Path:
    sample = folder / "sample.jsonl"
    with gzip.open(path, "rt", encoding="utf-8") as source, sample.open("w", encoding="utf-8") as target:
        for index, line in enumerate(source):
            if index >= count:
                break
            target.write(line)
    return sample


def export_ref(ref: str, folder: Path) -> Path:
    """The code of git ``ref`` (main, by default) in ``folder``, to run as the baseline."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="corpus articles to ingest (default 3000)")
    parser.add_argument("--full", action="store_true", help="the whole corpus instead of its first --articles")
    parser.add_argument("--corpus", type=Path, help="ingest this file instead of the shared corpus")
    parser.add_argument("--workers", type=int, help="passed to both ingests (default: theirs)")
    parser.add_argument("--baseline-ref", default="main", help="git ref measured as the baseline (default main)")
    parser.add_argument("--no-baseline", action="store_true", help="measure this branch only")
    parser.add_argument("--skip-large", action="store_true", help="skip the 30 MB single-line file")
    args = parser.parse_args(argv)
    corpus = SHARED / "corpus" / "abp-news.jsonl.gz"
    if args.corpus is None and not corpus.is_file():
        print(f"{corpus} not found (set WORKBENCH_SHARED_DATA); nothing to benchmark")
        return 0
    rows: list[dict[str, object]] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.corpus is not None:
            sample, label = args.corpus, args.corpus.name
        elif args.full:
            sample, label = corpus, "full corpus"
        else:
            sample, label = corpus_sample(corpus, args.articles, folder), f"corpus[:{args.articles}]"
        if not args.no_baseline:
            baseline = export_ref(args.baseline_ref, folder / "baseline")
            rows.append(
                {
                    "run": f"{label} ({args.baseline_ref})",
                    **measure_ingest([sample], folder / "main.db", args.workers, source=baseline),
                }
            )
        rows.append({"run": f"{label} (branch)", **measure_ingest([sample], folder / "branch.db", args.workers)})
        rows.append({"run": "re-run (branch)", **measure_ingest([sample], folder / "branch.db", args.workers)})
        if not args.skip_large and (SHARED / "bad-inputs" / "make.py").is_file():
            large_dir = folder / "large"
            subprocess.run(
                [sys.executable, str(SHARED / "bad-inputs" / "make.py"), "--large", str(large_dir)],
                check=True,
                capture_output=True,
            )
            large = next(large_dir.glob("*.txt"))
            rows.append({"run": "single-line 30 MiB (branch)", **measure_ingest([large], folder / "large.db")})
    load = (load_before[0], os.getloadavg()[0])
    table = Table(title=f"ingest ({os.cpu_count()} CPUs, load average {load[0]:.1f} before, {load[1]:.1f} after)")
    columns = [key for key in rows[0] if key != "stderr_last"]
    for key in columns:
        table.add_column(key, justify="left" if key == "run" else "right")
    for row in rows:
        table.add_row(*(f"{row[key]:,}" if isinstance(row[key], int) else str(row[key]) for key in columns))
    if len(rows) >= 2 and not args.no_baseline:
        base, branch = rows[0], rows[1]
        table.caption = (
            f"branch / {args.baseline_ref}: CPU {branch['cpu_s'] / max(base['cpu_s'], 0.1):.2f}x, "
            f"wall {branch['wall_s'] / max(base['wall_s'], 0.1):.2f}x, "
            f"peak RSS {branch['peak_rss_mib'] / max(base['peak_rss_mib'], 0.1):.2f}x"
        )
    Console(width=160).print(table)
    for row in rows:
        if row["stderr_last"]:
            print(f"{row['run']}: {row['stderr_last']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(), "load": load, "rows": rows}, indent=2),
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
