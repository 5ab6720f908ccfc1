"""Extractor speed on adversarial single-line input: characters per second and growth from 1x to 10x the text.

The tests check growth by counting work (tests/work.py), which load cannot change but which does not see inside a
C call such as a backtracking regex; this script times the same inputs. Each row is one input of the claim or the
quote property tests, repeated to about ``--chars`` characters and to ten times that. ``growth`` is the time at 10x
over the time at 1x (10 is linear, 100 quadratic); ``vs news`` is the row's characters per second over the
news-like text's in the same run (the baseline; the old test required 50,000 characters per second of it).
``--long`` adds the 30 MB lines (about a minute on a quiet core). Run:
``python benchmarks/linearity_bench.py [--chars 10000] [--long]``. Prints a table and writes
``benchmarks/results/linearity_bench.json``. Needs no shared data.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import workbench.pipeline.claims as claims_module  # noqa: E402
from tests.pipeline.test_claims_properties import ADVERSARIAL, NEWS  # noqa: E402
from tests.pipeline.test_quotes_properties import ODD_QUOTE_UNITS  # noqa: E402
from workbench.pipeline.claims import extract_claims  # noqa: E402
from workbench.pipeline.quotes import extract_quotes  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "linearity_bench.json"
THIRTY_MB = 30_000_000


def claims_alone(text: str) -> Any:
    """The claim extractor without speaker attribution, as the property test runs it."""
    return extract_claims(text, quotes=[])


def seconds(function: Callable[[str], Any], text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


def row(
    extractor: str,
    name: str,
    function: Callable[[str], Any],
    unit: str,
    chars: int,
    tail: str = "",
) -> dict[str, Any]:
    copies = max(1, chars // len(unit))
    small, large = unit * copies + tail, unit * copies * 10 + tail
    function(small)  # warm the caches
    small_s, large_s = max(seconds(function, small), 1e-6), seconds(function, large)
    return {
        "extractor": extractor,
        "input": name,
        "chars": len(large),
        "small_s": round(small_s, 4),
        "large_s": round(large_s, 3),
        "growth": round(large_s / small_s, 1),
        "chars_per_s": round(len(large) / max(large_s, 1e-9)),
    }


def long_row(extractor: str, name: str, function: Callable[[str], Any], text: str) -> dict[str, Any]:
    took = seconds(function, text)
    return {
        "extractor": extractor,
        "input": name,
        "chars": len(text),
        "small_s": None,
        "large_s": round(took, 2),
        "growth": None,
        "chars_per_s": round(len(text) / took),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=10_000, help="characters at 1x (default 10000)")
    parser.add_argument("--long", action="store_true", help="also the 30 MB single lines")
    args = parser.parse_args(argv)
    original_speakers = claims_module.claim_speakers
    claims_module.claim_speakers = lambda text, spans, quotes, sentences: [None] * len(spans)
    try:
        rows = [
            row("claims", "news" if i == 0 else repr(unit[:24]), claims_alone, unit, args.chars)
            for i, unit in enumerate(ADVERSARIAL)
        ]
        if args.long:
            text = (NEWS * (THIRTY_MB // len(NEWS) + 1))[:THIRTY_MB]
            rows.append(long_row("claims", "news, 30 MB", claims_alone, text))
    finally:
        claims_module.claim_speakers = original_speakers
    for unit in ODD_QUOTE_UNITS:
        rows.append(row("quotes", repr(unit[:24]), extract_quotes, unit, args.chars, tail='"'))
        if args.long:
            text = unit * (THIRTY_MB // len(unit) // len(ODD_QUOTE_UNITS)) + '"'
            rows.append(long_row("quotes", repr(unit[:24]) + ", 7.5 MB", extract_quotes, text))
    baseline = rows[0]["chars_per_s"]
    for entry in rows:
        entry["vs_news"] = round(entry["chars_per_s"] / baseline, 2)

    load = os.getloadavg()
    table = Table(title=f"extractor linearity ({os.cpu_count()} CPUs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
    for key in rows[0]:
        table.add_column(key, justify="left" if key in ("extractor", "input") else "right")
    for entry in rows:
        table.add_row(*("" if v is None else f"{v:,}" if isinstance(v, int) else str(v) for v in entry.values()))
    Console(width=160).print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"machine": platform.platform(), "cpus": os.cpu_count(), "load": load, "chars": args.chars, "rows": rows},
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
