"""Corpus-scale benchmark (issue 14): ingest, the review TUI and the exports, in one table against the goals.

Run: ``python benchmarks/run.py --corpus ../shared/data/corpus/abp-news.jsonl.gz`` (ingests into a fresh
database in a temporary folder), or ``python benchmarks/run.py --db EXISTING`` to measure the TUI and the exports
on a database already built (it is copied first: opening a database migrates it). Prints one table (wall time,
CPU seconds, the goal, whether it is met) with the load average before and after, and writes
``benchmarks/results/run.json``. Timings on a shared machine are rough: state the load average with them.

Every measurement runs in its own process, so each pays its own start-up (as a user does) and its CPU seconds
and peak memory are its own:

- ingest: ``workbench ingest CORPUS`` (``measure_ingest``, also run a second time: a re-run adds nothing);
- TUI: the real app driven headless with Pilot (``tui_probe``), loaded through the command line as `workbench
  review` loads it: launch to the first claim rows drawn (the totals are still counted in the background then;
  the time until the CPU is idle is shown beside it), then each key of the issue's table pressed several
  times, timed from the key press until the list has painted the new listing (for the cursor keys: the moved
  cursor), then the memory after many searches and pages. The launch reads compiled bytecode from a cache in the
  temporary folder (filled by an untimed start; no checkout is written to), as an installed workbench does; a
  second launch compiles every module from source, as under PYTHONDONTWRITEBYTECODE, and is shown without a goal;
- exports: ``workbench export csv`` and ``workbench export jsonl`` of every item.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "run.json"
WORKBENCH = [sys.executable, "-m", "workbench"]

# The goals.
INGEST_WALL_S = 120.0
INGEST_RSS_MIB = 1024.0
REINGEST_WALL_S = 5.0
LAUNCH_S = 1.0
KEY_S = 0.050
TUI_RSS_MIB = 200.0
EXPORT_ROWS_PER_S = 30_000
EXPORT_CSV_S, EXPORT_JSONL_S = 6.0, 8.0

# The keys of the table, in the order pressed, with how often each is pressed (each press is one sample).
# "search" types a word after / (untimed) and times its Enter.
KEYS: tuple[tuple[str, str, int], ...] = (
    ("down", "cursor down", 10),
    ("pagedown", "page down", 5),
    ("k", "filter k (kind)", 6),
    ("t", "filter t (to-do only)", 4),
    ("x", "clear filters x", 3),
    ("search", "search Enter", 6),
    ("o", "order o", 4),
    ("h", "context numbers h", 4),
    ("f", "conflicts only f", 2),
    ("end", "jump to the end", 2),
    ("right_square_bracket", "next view ]", 4),
)
PREPARE = {"x": "k", "end": "home"}  # pressed (untimed) before each sample of these keys
SEARCHES = (
    "tariff",
    "oil exports",
    "billion",
    "sanctions",
    "Raisi",
    "Venezuela",
    "percent",
    "inflation",
    "nuclear",
    "election",
    "wheat",
    "gas",
)
TUI_SIZE = (160, 45)
MIGRATE = "import sys; from workbench.store.repository import Store; Store.open(sys.argv[1]).close()"


def _load() -> tuple[float, float, float]:
    return os.getloadavg()


def run_measured(
    command: Sequence[str], *, env: dict[str, str] | None = None, stdout: Any = subprocess.DEVNULL
) -> dict[str, Any]:
    """Run ``command`` to its end: wall seconds, CPU seconds (its own and its children's) and peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(list(command), stdout=stdout, stderr=subprocess.PIPE, env=env, text=True)
    _, stderr = process.communicate()  # reads stderr while waiting, so a chatty child cannot block
    wall = time.perf_counter() - started
    # communicate() reaped the child; its rusage is read from RUSAGE_CHILDREN by difference in ``measure``.
    return {"wall_s": wall, "rc": process.returncode, "stderr_tail": stderr[-2000:]}


def measure(command: Sequence[str], **kwargs: Any) -> dict[str, Any]:
    """``run_measured`` plus the CPU seconds and the peak RSS of the command and its children."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run_measured(command, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of the children is the largest any of them reached so far (KiB on Linux); the first big child
    # (the ingest, run first) sets it, so a later smaller command reports no RSS of its own.
    result["peak_rss_mib"] = after.ru_maxrss / 1024 if after.ru_maxrss > before.ru_maxrss else None
    return result


def measure_ingest(corpus: Path, db: Path, *, workers: int | None = None) -> dict[str, Any]:
    """One ``workbench ingest`` of ``corpus`` into ``db`` as a user runs it: wall, CPU seconds, peak RSS and the
    last lines it printed (part B of issue 14 reuses this for its own comparisons)."""
    command = [*WORKBENCH, "--db", str(db), "ingest", str(corpus)]
    if workers is not None:
        command += ["--workers", str(workers)]
    result = measure(command)
    result["command"] = " ".join(command[2:])
    return result


def count_rows(db: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            table: conn.execute(
                f"SELECT count(*) FROM {table} i JOIN articles a ON a.id = i.article_id WHERE a.superseded_by IS NULL"
            ).fetchone()[0]
            for table in ("claims", "quotes")
        }
    finally:
        conn.close()


def count_unassessed(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM claims WHERE checkworthy IS NULL").fetchone()[0])
    finally:
        conn.close()


def _csv_rows(path: Path) -> int:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def measure_exports(db: Path, folder: Path) -> dict[str, dict[str, Any]]:
    """``export csv`` and ``export jsonl`` of every item: wall, CPU seconds, rows written, rows per second."""
    found: dict[str, dict[str, Any]] = {}
    for name, extension in (("csv", "csv"), ("jsonl", "jsonl")):
        out = folder / f"export-{name}"
        shutil.rmtree(out, ignore_errors=True)
        result = measure([*WORKBENCH, "--db", str(db), "export", name, "--out", str(out)])
        files = sorted(out.glob(f"*.{extension}"))
        if extension == "csv":
            rows = sum(_csv_rows(path) for path in files)
        else:
            rows = sum(sum(1 for _ in path.open(encoding="utf-8")) for path in files)
        result.update(
            rows=rows,
            files=[path.name for path in files],
            rows_per_s=rows / result["wall_s"] if result["wall_s"] else None,
        )
        found[name] = result
        shutil.rmtree(out, ignore_errors=True)
    return found


# -- the TUI, driven headless ---------------------------------------------------------------------------------------


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def tui_probe(db: Path, spawned_at: float, *, launch_only: bool = False) -> dict[str, Any]:
    """In a fresh process: open the app as ``workbench review`` does and time it (see the module docstring)."""
    return asyncio.run(_drive(db, spawned_at, launch_only=launch_only))


async def _drive(db: Path, spawned_at: float, *, launch_only: bool = False) -> dict[str, Any]:
    import click

    # The command line first, as `workbench review` loads it: the group, then the review command's module.
    from workbench.cli import main

    main.get_command(click.Context(main), "review")
    from workbench.services.catalog import Catalog
    from workbench.services.review import ReviewService
    from workbench.store.repository import Store
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.screens.main import MainScreen
    from workbench.tui.widgets import filter_bar

    # A search is timed from its Enter: the while-typing search must not run first.
    filter_bar.DEBOUNCE_S = 3600.0
    store = Store.open(db)
    store.count_unassessed()  # what `workbench review` asks before opening
    app = WorkbenchApp(Catalog(store), ReviewService(store, "bench"))
    painted: list[tuple[int, float, float]] = []  # (listing token, when a line of it was rendered, CPU seconds then)
    result: dict[str, Any] = {"keys": {}}
    pauses = _GcPauses()
    try:
        async with app.run_test(size=TUI_SIZE) as pilot:
            screen = await _main_screen(pilot, app, MainScreen)
            items = screen.items
            render_line = items.render_line

            first_rows: list[tuple[float, float]] = []  # (time, CPU seconds) when a line of the first rows was drawn

            def recording(y: int):  # type: ignore[no-untyped-def]
                painted.append((items.token, time.perf_counter(), time.process_time()))
                if not first_rows and items.count:
                    first_rows.append((time.time(), time.process_time()))
                return render_line(y)

            items.render_line = recording  # type: ignore[method-assign]
            while not first_rows:
                await pilot.pause(0.001)
            # Launch ends when the first claim rows are drawn. The totals and the cluster sizes are still computed in
            # the background then, by design (the first page is painted before the totals): waiting for the CPU to go
            # idle, as this benchmark did before, timed that background work as well; it is reported beside.
            result["launch_to_rows_s"] = first_rows[0][0] - spawned_at
            result["launch_cpu_s"] = first_rows[0][1]
            await pilot.pause()
            result["launch_to_idle_s"] = time.time() - spawned_at
            result["launch_idle_cpu_s"] = time.process_time()
            result["rss_launch_mib"] = _rss_mib()
            print(
                f"  launch to rows: {result['launch_to_rows_s']:.2f} s (idle after {result['launch_to_idle_s']:.2f} s)",
                file=sys.stderr,
            )
            await _wait_quiet(pilot, app)
            if launch_only:
                return result
            searches = itertools.cycle(SEARCHES)
            pauses.start()
            for key, label, times in KEYS:
                samples, cpu = [], []
                for _ in range(times):
                    if screen.view != "claims" and key != "right_square_bracket":
                        await _back_to_claims(pilot, app, screen)
                    if key in PREPARE:  # something for the key to undo (a filter to clear, a cursor to move)
                        await pilot.press(PREPARE[key])
                        await _wait_quiet(pilot, app)
                    wall, used = await _timed_key(pilot, app, screen, key, painted, next(searches))
                    samples.append(wall)
                    cpu.append(used)
                    await _wait_quiet(pilot, app)
                result["keys"][label] = {"key": key, "samples_s": samples, "cpu_s": cpu}
                print(f"  {label}: {', '.join(f'{s * 1000:.0f}' for s in samples)} ms", file=sys.stderr)
            result["rss_after_keys_mib"] = _rss_mib()
            result["gc_full"] = pauses.stop()
            for word in SEARCHES * 2:  # many searches and pages: memory must stay flat
                await _back_to_claims(pilot, app, screen)
                await _timed_key(pilot, app, screen, "search", painted, word)
                for _ in range(5):
                    await pilot.press("pagedown")
                await _wait_quiet(pilot, app)
            result["searches_run"] = len(SEARCHES) * 2 + sum(t for k, _, t in KEYS if k == "search")
            result["rss_after_searches_mib"] = _rss_mib()
            result["claims_listed"] = len(screen.listing) if screen.listing is not None else None
    finally:  # after the app has stopped: its poll timer reads the database until then
        store.close()
    return result


class _GcPauses:
    """Python's full (generation-2) collections while the keys are pressed: each stops the event loop for as long
    as it walks every tracked object, a slow key that no query explains. Wall and CPU milliseconds of each."""

    def __init__(self) -> None:
        self.found: list[tuple[float, float]] = []
        self._began: tuple[float, float] | None = None

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = (time.perf_counter(), time.thread_time())
        elif self._began is not None:
            wall, cpu = self._began
            self.found.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))
            self._began = None

    def start(self) -> None:
        gc.callbacks.append(self._callback)

    def stop(self) -> dict[str, Any]:
        gc.callbacks.remove(self._callback)
        return {
            "count": len(self.found),
            "max_ms": max((w for w, _ in self.found), default=0.0),
            "max_cpu_ms": max((c for _, c in self.found), default=0.0),
            "objects_tracked": len(gc.get_objects()),
            "objects_frozen": gc.get_freeze_count(),
        }


async def _main_screen(pilot, app, main_type):  # type: ignore[no-untyped-def]
    while not isinstance(app.screen, main_type):
        await pilot.pause(0.001)
    return app.screen


async def _wait_quiet(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Until no worker but the writer runs (the count and the totals after a listing)."""
    for _ in range(2000):
        busy = [w for w in app.workers if w.group != "writer" and w.is_running]
        if not busy:
            break
        await app.workers.wait_for_complete(busy)
    await pilot.pause()


async def _back_to_claims(pilot, app, screen) -> None:  # type: ignore[no-untyped-def]
    while screen.view != "claims":
        await pilot.press("right_square_bracket")
        await _wait_quiet(pilot, app)


async def _timed_key(
    pilot,
    app,
    screen,
    key: str,
    painted: list[tuple[int, float, float]],  # type: ignore[no-untyped-def]
    word: str,
) -> tuple[float, float]:
    """Seconds (wall, CPU) from pressing ``key`` until the list painted what it asked for. The CPU seconds are the
    whole process's (the event loop's and the workers'), so a key slow for want of a free core (a loaded machine)
    shows a wall time far above its CPU time, and a key slow for its own work shows both high."""
    if key == "search":
        await pilot.press("slash")
        screen.query_one("#search").value = word  # as if typed (not timed: the debounce is off)
        key = "enter"
    items = screen.items
    token = items.token
    cursor = items.cursor
    del painted[:]
    started, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    changes_listing = key not in ("down", "pagedown", "end")
    deadline = started + 20
    while time.perf_counter() < deadline:
        if changes_listing:  # an empty listing paints its message, not lines
            done = items.token != token and (items.count == 0 or any(t == items.token for t, _, _ in painted))
        else:
            done = items.cursor != cursor and bool(painted)
        if done:
            break
        await asyncio.sleep(0.0005)
    else:
        return float("nan"), time.process_time() - cpu
    ended, cpu_ended = next(
        ((at, used) for t, at, used in painted if not changes_listing or t == items.token),
        (time.perf_counter(), time.process_time()),
    )
    if key == "enter":
        app.set_focus(items)
    return ended - started, cpu_ended - cpu


# -- the table ----------------------------------------------------------------------------------------------------


def _row(
    what: str, wall: float | None, cpu: float | None, goal: str, met: bool | None, note: str = ""
) -> dict[str, Any]:
    return {"what": what, "wall_s": wall, "cpu_s": cpu, "goal": goal, "met": met, "note": note}


def table_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    ingest = report.get("ingest")
    if ingest:
        rows.append(
            _row(
                "ingest (full corpus)",
                ingest["wall_s"],
                ingest["cpu_s"],
                f"< {INGEST_WALL_S:.0f} s",
                ingest["wall_s"] < INGEST_WALL_S and ingest["rc"] == 0,
                f"rc {ingest['rc']}",
            )
        )
        rss = ingest.get("peak_rss_mib")
        rows.append(
            _row(
                "ingest peak RSS",
                None,
                None,
                f"< {INGEST_RSS_MIB:.0f} MiB",
                None if rss is None else rss < INGEST_RSS_MIB,
                f"{rss:.0f} MiB" if rss else "n/a",
            )
        )
    again = report.get("reingest")
    if again:
        rows.append(
            _row(
                "re-run of the ingest",
                again["wall_s"],
                again["cpu_s"],
                f"< {REINGEST_WALL_S:.0f} s",
                again["wall_s"] < REINGEST_WALL_S,
            )
        )
    rows += _tui_rows(report.get("tui"), report.get("baseline_tui"))
    source, base_source = report.get("tui_source"), report.get("baseline_tui_source")
    if source:
        rows.append(
            _row(
                "TUI launch, modules compiled from source",
                source["launch_to_rows_s"],
                source["launch_cpu_s"],
                "(no goal)",
                None,
                "PYTHONDONTWRITEBYTECODE: no cached bytecode"
                + (
                    f"; baseline {base_source['launch_to_rows_s']:.2f} s, {base_source['launch_cpu_s']:.2f} CPU s"
                    if base_source
                    else ""
                ),
            )
        )
    for name, goal_s in (("csv", EXPORT_CSV_S), ("jsonl", EXPORT_JSONL_S)):
        found = report.get("exports", {}).get(name)
        if found:
            rate = found["rows_per_s"] or 0
            rows.append(
                _row(
                    f"export {name} (all items)",
                    found["wall_s"],
                    found["cpu_s"],
                    f">= {EXPORT_ROWS_PER_S // 1000}k rows/s, <= {goal_s:.0f} s",
                    rate >= EXPORT_ROWS_PER_S and found["wall_s"] <= goal_s and found["rc"] == 0,
                    f"{found['rows']:,} rows, {rate:,.0f} rows/s",
                )
            )
    return rows


def _median(samples: Sequence[float]) -> float | None:
    kept = [s for s in samples if s == s]
    return statistics.median(kept) if kept else None


def _tui_rows(tui: dict[str, Any] | None, baseline: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The TUI's rows; with a baseline run, each note adds the baseline's median wall and CPU time."""
    rows: list[dict[str, Any]] = []

    def before(label: str) -> str:
        if not baseline or label not in baseline["keys"]:
            return ""
        found = baseline["keys"][label]
        wall, cpu = _median(found["samples_s"]), _median(found["cpu_s"])
        return "" if wall is None or cpu is None else f"; baseline {wall * 1000:.0f} ms, {cpu:.3f} CPU s"

    if tui:
        rows.append(
            _row(
                "TUI launch to claim rows",
                tui["launch_to_rows_s"],
                tui["launch_cpu_s"],
                f"< {LAUNCH_S:.0f} s",
                tui["launch_to_rows_s"] < LAUNCH_S,
                f"first rows drawn; CPU idle after {tui['launch_to_idle_s']:.2f} s ({tui['launch_idle_cpu_s']:.2f} CPU s)"
                + (
                    f"; baseline {baseline['launch_to_rows_s']:.2f} s, {baseline['launch_cpu_s']:.2f} CPU s"
                    if baseline
                    else ""
                ),
            )
        )
        for label, found in tui["keys"].items():
            samples = [s for s in found["samples_s"] if s == s]
            if not samples:
                rows.append(_row(f"TUI {label}", None, None, "< 50 ms", False, "never painted"))
                continue
            median, worst = statistics.median(samples), max(samples)
            rows.append(
                _row(
                    f"TUI {label}",
                    median,
                    statistics.median(found["cpu_s"]),
                    "< 50 ms",
                    worst < KEY_S if len(samples) == len(found["samples_s"]) else False,
                    f"median of {len(samples)}; max {worst * 1000:.0f} ms, {max(found['cpu_s']) * 1000:.0f} CPU ms"
                    f"{before(label)}",
                )
            )
        pauses = tui.get("gc_full")
        if pauses:
            base = (baseline or {}).get("gc_full")
            rows.append(
                _row(
                    "TUI full GC collections during the keys",
                    pauses["max_ms"] / 1000,
                    pauses["max_cpu_ms"] / 1000,
                    "(no goal)",
                    None,
                    f"{pauses['count']}, the longest shown; {pauses['objects_tracked']:,} objects tracked, "
                    f"{pauses['objects_frozen']:,} frozen"
                    + (
                        f"; baseline {base['count']}, longest {base['max_ms']:.0f} ms, {base['max_cpu_ms']:.0f} CPU ms, "
                        f"{base['objects_tracked']:,} tracked"
                        if base
                        else ""
                    ),
                )
            )
        rows.append(
            _row(
                f"TUI RSS after {tui['searches_run']} searches",
                None,
                None,
                f"< {TUI_RSS_MIB:.0f} MiB",
                tui["rss_after_searches_mib"] < TUI_RSS_MIB,
                f"{tui['rss_launch_mib']:.0f} MiB at launch → {tui['rss_after_keys_mib']:.0f} → "
                f"{tui['rss_after_searches_mib']:.0f} MiB"
                + (f"; baseline {baseline['rss_after_searches_mib']:.0f} MiB" if baseline else ""),
            )
        )
    return rows


def print_table(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="workbench at corpus scale (issue 14)")
    for column in ("what", "wall", "CPU s", "goal", "met", "note"):
        table.add_column(column, justify="right" if column in ("wall", "CPU s") else "left")
    for row in report["rows"]:
        wall = row["wall_s"]
        shown = "" if wall is None else (f"{wall * 1000:.1f} ms" if wall < 1 else f"{wall:.2f} s")
        cpu = "" if row["cpu_s"] is None else f"{row['cpu_s']:.2f}"
        met = {True: "yes", False: "NO", None: "?"}[row["met"]]
        table.add_row(row["what"], shown, cpu, row["goal"], met, row["note"])
    console = Console(width=None if sys.stdout.isatty() else 170)  # a log keeps each row on one line
    console.print(table)
    console.print(
        f"load average: {' '.join(f'{x:.2f}' for x in report['load_before'])} before, "
        f"{' '.join(f'{x:.2f}' for x in report['load_after'])} after; {report['cpus']} CPUs; "
        f"database {report['db_mib']:.0f} MiB with {report['items']}"
    )


# What `workbench review` imports, run once untimed so that the measured launch reads compiled bytecode.
WARM_IMPORTS = (
    "import click; from workbench.cli import main; main.get_command(click.Context(main), 'review'); "
    "import workbench.tui.app"
)


def probe_env(cache: Path | None) -> dict[str, str]:
    """The environment of a probe: bytecode written to and read from ``cache`` (outside every checkout), as an
    installed workbench reads its compiled modules; with None, compiled from source on every start, as with
    PYTHONDONTWRITEBYTECODE (set on some shared machines: every module of the workbench, the extractor included,
    was compiled at each launch, and the launch figures measured that)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def run_probe(
    db: Path, code: Path | None = None, *, cache: Path | None = None, launch_only: bool = False
) -> dict[str, Any] | None:
    """The TUI measurement in a fresh process (of ``code``'s checkout when given); None when it failed.
    ``cache``: the bytecode folder (filled by an untimed start first); without it, modules compile from source."""
    env = probe_env(cache)
    if cache is not None:
        path = [str(code.resolve())] if code else []
        warm = f"import sys; sys.path[:0] = {path!r}; {WARM_IMPORTS}"
        subprocess.run([sys.executable, "-c", warm], env=env, check=False, stdout=subprocess.DEVNULL)
    command = [sys.executable, str(Path(__file__).resolve()), "--tui-probe", str(db), "--spawned-at", str(time.time())]
    command += (["--code", str(code)] if code else []) + (["--launch-only"] if launch_only else [])
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env)
    if completed.returncode != 0 or not completed.stdout.strip():
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="example: python benchmarks/run.py --db /work/baseline/corpus.db"
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, help="ingest this corpus into a fresh database first")
    source.add_argument("--db", type=Path, help="an existing database (copied; the copy is migrated and measured)")
    parser.add_argument("--workers", type=int, help="ingest workers (default: the ingest's own default)")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("tui", "exports", "reingest"),
        help="leave a part out (repeatable)",
    )
    parser.add_argument("--keep", type=Path, help="keep the measured database at this path")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="CHECKOUT",
        help="also drive the TUI of another checkout (e.g. a `git worktree` of main) in the same run",
    )
    parser.add_argument(
        "--baseline-db",
        type=Path,
        metavar="DB",
        help="the database the baseline opens (a copy migrated by that checkout; default: --db)",
    )
    parser.add_argument("--tui-probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spawned-at", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--launch-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.tui_probe:  # the child process of the TUI measurement
        if args.code:
            sys.path.insert(0, str(args.code.resolve()))
        print(json.dumps(tui_probe(args.tui_probe, args.spawned_at, launch_only=args.launch_only)))
        return 0
    source_path = args.corpus or args.db
    if source_path is None:
        parser.error("give --corpus CORPUS (ingest it first) or --db EXISTING")
    if not source_path.exists():
        parser.error(f"{source_path}: no such file")

    report: dict[str, Any] = {"load_before": _load(), "cpus": os.cpu_count(), "python": platform.python_version()}
    with tempfile.TemporaryDirectory(prefix="wb-bench-") as folder_name:
        folder = Path(folder_name)
        db = folder / "corpus.db"
        if args.corpus:
            print(f"ingesting {args.corpus} …", file=sys.stderr)
            report["ingest"] = measure_ingest(args.corpus, db, workers=args.workers)
            if "reingest" not in args.skip:
                report["reingest"] = measure_ingest(args.corpus, db, workers=args.workers)
        else:
            shutil.copyfile(args.db, db)
            print(f"migrating a copy of {args.db} …", file=sys.stderr)
            report["migrate"] = measure([sys.executable, "-c", MIGRATE, str(db)])
            if count_unassessed(db):  # `workbench review` would assess them before opening: do it once here
                print("assessing check-worthiness (a database from before it existed) …", file=sys.stderr)
                report["assess"] = measure([*WORKBENCH, "--db", str(db), "checkworthy"])
        report["items"] = count_rows(db)
        report["db_mib"] = db.stat().st_size / 2**20
        if "tui" not in args.skip:
            print("driving the TUI …", file=sys.stderr)
            report["tui"] = run_probe(db, cache=folder / "pyc-branch")
            report["tui_source"] = run_probe(db, launch_only=True)
            if args.baseline:
                print(f"driving the TUI of {args.baseline} …", file=sys.stderr)
                base_db = folder / "baseline.db"
                shutil.copyfile(args.baseline_db or args.db or db, base_db)
                report["baseline_tui"] = run_probe(base_db, args.baseline, cache=folder / "pyc-baseline")
                report["baseline_tui_source"] = run_probe(base_db, args.baseline, launch_only=True)
                report["baseline"] = str(args.baseline)
        if "exports" not in args.skip:
            print("exporting …", file=sys.stderr)
            report["exports"] = measure_exports(db, folder)
        if args.keep:
            shutil.copyfile(db, args.keep)
    report["load_after"] = _load()
    report["rows"] = table_rows(report)
    print_table(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0 if all(row["met"] is not False for row in report["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
