"""Claim clustering benchmark: time, peak memory and planted-cluster recall at 10k and 100k claims.

Claims are extracted from the ABP news corpus with ``extract_claims`` (real sentences, kinds, units and hedges;
a regex stand-in covers articles where it fails), then reprinted the way other outlets would: synonyms swapped
(nations/countries, deal/agreement, rose/increased), a word dropped, a figure rounded or hedged ("about"), and
about one reprint in twelve with a different figure (a planted conflict). Reprints keep the original's
publication date or come a day or two later, as other outlets' would. Near-linear scaling is the target: 100k
should cost about 10x the 10k time, not 100x.

``--db FILE`` measures the engine as ingest runs it instead: the first N real claims of a workbench database of the
corpus grouped into stories (``story_corpus.py`` leaves one at ``benchmarks/results/story-corpus.db``), with their
real dates, stories and neighbouring figures, so story linking, conflicts and the link vetoes all run on real
data; nothing is planted there, so the recall columns are blank. ``--engine DIR`` takes ``workbench`` from another
checkout (``git archive main | tar -x -C DIR``), to time main's engine on the same claims in the same run.

Run: ``python benchmarks/claim_cluster_bench.py [--sizes 10000,100000] [--no-memory] [--db FILE --sizes
25000,50000,100000]``. Prints a table and writes ``benchmarks/results/claim_cluster_bench.json``
(``claim_cluster_bench_db.json`` with ``--db``). Data comes from ``$WORKBENCH_SHARED_DATA`` or ``../shared/data``;
without it the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import sys
import time
import tracemalloc
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if "--engine" in sys.argv:  # before workbench is imported: time another checkout's engine
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--engine") + 1]).resolve()))

from workbench.pipeline.claims import extract_claims  # noqa: E402
from workbench.pipeline.cluster_claims import CLAIM_MASK, ClaimItem, cluster_claims, masked_statement  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "claim_cluster_bench.json"
SWAPS = {
    "nations": "countries",
    "countries": "nations",
    "deal": "agreement",
    "agreement": "plan",
    "plan": "deal",
    "rose": "increased",
    "increased": "grew",
    "rise": "increase",
    "people": "persons",
    "killed": "dead",
}
_WORD = re.compile(r"[A-Za-z]+")


def shared_data() -> Path | None:
    path = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
    return path if path.is_dir() else None


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_FIGURE = re.compile(
    r"(?P<money>\$\s?\d[\d,]*(?:\.\d+)?(?:\s(?P<scale>million|billion|trillion))?)"
    r"|(?P<percent>\d+(?:\.\d+)?(?:%|\spercent))"
    r"|(?P<year>\b(?:19|20)\d\d\b)"
    r"|(?P<count>\b\d[\d,]*\s(?P<noun>[a-z]{3,}s)\b)"
)
_SCALE = {"million": 1e6, "billion": 1e9, "trillion": 1e12, None: 1.0}


def _regex_claims(article: dict) -> list[ClaimItem]:
    """A crude stand-in for ``extract_claims`` (money, percent, year, counted noun), used when it fails."""
    text, items = article["text"], []
    for sentence in _SENTENCE.finditer(text):
        for figure in _FIGURE.finditer(sentence.group()):
            number = float(re.search(r"\d[\d,]*(?:\.\d+)?", figure.group()).group().replace(",", ""))
            kind = figure.lastgroup if figure.lastgroup in ("money", "percent", "year", "count") else "count"
            if figure.group("money"):
                kind, unit, number = "money", "USD", number * _SCALE[figure.group("scale")]
            elif figure.group("percent"):
                kind, unit = "percent", "percent"
            elif figure.group("year"):
                kind, unit = "year", None
            else:
                kind, unit = "count", figure.group("noun")
            statement = masked_statement(sentence.group(), figure.start(), figure.end())
            items.append(ClaimItem(0, article["id"], kind, number, unit, statement, published=article["published"]))
    return items


def _claims_of(article: dict) -> tuple[list[ClaimItem], bool]:
    """Items for one article's claims (ids are filled in later), and whether ``extract_claims`` produced them."""
    try:
        claims = extract_claims(article["text"], article["published"])
    except Exception:  # a colleague's extractor in flux must not stop the clustering benchmark
        return _regex_claims(article), False
    return [
        ClaimItem.from_claim(claim, article["text"], article["id"], item_id=0, published=article["published"])
        for claim in claims
    ], True


def corpus_claims(data: Path, limit: int, chunk: int = 64) -> tuple[list[ClaimItem], float]:
    """At least ``limit`` claims from the corpus's first articles, extracted on every core, and the share of
    articles that ``extract_claims`` handled (the rest went through the regex stand-in)."""
    found: list[ClaimItem] = []
    extracted = total = 0
    with (
        gzip.open(data / "corpus" / "abp-news.jsonl.gz", "rt", encoding="utf-8") as lines,
        ProcessPoolExecutor() as pool,
    ):
        batch = []
        for line in lines:
            article = json.loads(line)
            published = article.get("published", article.get("date"))  # as the reader takes it
            batch.append({"id": article["id"], "text": article["text"], "published": published})
            if len(batch) == chunk * (os.cpu_count() or 1):
                for items, by_extractor in pool.map(_claims_of, batch, chunksize=chunk):
                    found.extend(items)
                    extracted += by_extractor
                    total += 1
                batch = []
                if len(found) >= limit:
                    break
    return found, extracted / total if total else 0.0


def _reword(statement: str, rng: random.Random) -> str:
    """Another outlet's sentence: a synonym swapped and maybe a word dropped, the mask kept."""
    before, _, after = statement.partition(CLAIM_MASK)
    words = before.split(" ")
    for i, word in enumerate(words):
        if word.lower() in SWAPS and rng.random() < 0.7:
            words[i] = SWAPS[word.lower()]
    if len(words) > 6 and rng.random() < 0.5:
        del words[rng.randrange(0, len(words) - 3)]
    tail = after.split(" ")
    tail = [SWAPS.get(w.lower(), w) if rng.random() < 0.7 else w for w in tail]
    return " ".join(words) + CLAIM_MASK + " ".join(tail)


def _refigure(item: ClaimItem, rng: random.Random) -> tuple[float | None, str | None, bool]:
    """(value, hedge, is_conflict): the same figure rounded or hedged, or now and then a different figure."""
    value, hedge = item.value, item.hedge
    if value is None or item.kind in ("year", "date", "year_range"):
        return value, hedge, False
    if rng.random() < 0.08:
        return value * rng.choice([0.5, 0.6, 1.5, 2.0]) + 7, None, True
    if abs(value) >= 1e6 and rng.random() < 0.5:
        digits = 10 ** (len(str(int(abs(value)))) - 2)
        return float(round(value / digits) * digits), hedge, False
    if hedge is None and rng.random() < 0.2:
        return value, "about", False
    return value, hedge, False


def _later(published: str | None, rng: random.Random) -> str | None:
    """A reprint's date: the same day or up to two days later."""
    try:
        return (date.fromisoformat(published[:10]) + timedelta(days=rng.choice([0, 0, 1, 2]))).isoformat()
    except (TypeError, ValueError):
        return published


def scale_items(
    pool: list[ClaimItem], size: int, seed: int = 11, stories: bool = False
) -> tuple[list[ClaimItem], list[int], list[int]]:
    """``size`` claims: originals plus 0–3 reprints each; each item's planted group and conflict flag. With
    ``stories``, an original article and its reprints form one story (as story grouping would put them)."""
    rng = random.Random(seed)
    story_ids: dict[str, int] = {}
    items: list[ClaimItem] = []
    groups: list[int] = []
    conflicting: list[int] = []
    for group, original in enumerate(pool):
        copies = rng.choices([0, 1, 2, 3], weights=[50, 25, 15, 10])[0]
        for copy in range(copies + 1):
            if len(items) >= size:
                return items, groups, conflicting
            if copy == 0:
                value, hedge, conflict, statement = original.value, original.hedge, False, original.statement
                published = original.published
            else:
                value, hedge, conflict = _refigure(original, rng)
                statement = _reword(original.statement, rng)
                published = _later(original.published, rng)
            story = story_ids.setdefault(original.article, len(story_ids)) if stories else None
            items.append(
                ClaimItem(
                    len(items),
                    f"{original.article}/{copy}",
                    original.kind,
                    value,
                    original.unit,
                    statement,
                    original.value_high,
                    hedge,
                    original.role,
                    original.target,
                    published,
                    story=story,
                )
            )
            groups.append(group)
            conflicting.append(conflict)
    return items, groups, conflicting


def planted_scores(
    groups: list[int], conflicting: list[int], assigned: dict[int, int], conflicts: list[tuple[int, int]]
) -> dict:
    """Recall of planted same-claim pairs, and of planted conflicts (reprint's cluster flagged against the
    original's)."""

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    keep = [i for i in range(len(groups)) if not conflicting[i]]
    truth = pairs(Counter(groups[i] for i in keep))
    both = pairs(Counter((assigned[i], groups[i]) for i in keep))
    original = {}
    for i, group in enumerate(groups):
        original.setdefault(group, i)
    flagged = set(conflicts)
    planted = [i for i in range(len(groups)) if conflicting[i]]
    found = sum(1 for i in planted if tuple(sorted((assigned[i], assigned[original[groups[i]]]))) in flagged)
    return {
        "planted_recall": both / truth if truth else 1.0,
        "conflict_recall": found / len(planted) if planted else 1.0,
        "planted_conflicts": len(planted),
        "conflicts": len(conflicts),
    }


def db_claims(path: Path, limit: int) -> list[ClaimItem]:
    """The first ``limit`` claims of a corpus database, as the clustering service reads them (stories shared by
    two or more articles kept, as ingest does)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from claim_cluster_eval import engine_items, load_claims

    import workbench.pipeline.cluster_claims as engine

    rows, _ = load_claims(path)
    return engine_items(engine, rows[:limit])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--repeats", type=int, default=2, help="timed runs per size; the best is reported")
    parser.add_argument(
        "--stories",
        action="store_true",
        help="each original article and its reprints form a story (claims linked by story rules)",
    )
    parser.add_argument("--db", type=Path, help="time real claims of this corpus database (in stories) instead")
    parser.add_argument("--engine", type=Path, help="take workbench from this checkout (e.g. main's)")
    parser.add_argument(
        "--prepared",
        action="store_true",
        help="with --db: give each claim its statement's reading as the ingest's extraction workers store it"
        " (cluster_features), read before the clock starts; the time it took is reported apart",
    )
    args = parser.parse_args(argv)
    if args.db is not None:
        return _main_db(args)
    data = shared_data()
    if data is None:
        print("shared data not found (set WORKBENCH_SHARED_DATA or provide ../shared/data); nothing to benchmark")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    started = time.perf_counter()
    pool, by_extractor = corpus_claims(data, max(sizes) * 6 // 10)
    print(
        f"extracted {len(pool)} claims in {time.perf_counter() - started:.1f} s"
        f" ({by_extractor:.0%} of articles by extract_claims, the rest by the regex stand-in)",
        file=sys.stderr,
    )

    rows = []
    for size in sizes:
        items, groups, conflicting = scale_items(pool, size, stories=args.stories)
        walls, cpus = [], []
        for _ in range(max(1, args.repeats)):
            wall, cpu = time.perf_counter(), time.process_time()
            assigned, conflicts = cluster_claims(items)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        row = {
            "claims": len(items),
            "seconds": round(min(walls), 2),
            "cpu_seconds": round(min(cpus), 2),
            "clusters": len(set(assigned.values())),
            **planted_scores(groups, conflicting, assigned, conflicts),
        }
        if not args.no_memory:
            tracemalloc.start()
            cluster_claims(items)
            row["peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        rows.append(row)

    print(
        f"\nclaim clustering: corpus claims ({by_extractor:.0%} of articles by extract_claims)"
        " + reworded, rounded, hedged reprints"
    )
    print(
        f"{'claims':>8} {'wall s':>7} {'cpu s':>6} {'µs/claim':>9} {'clusters':>9} {'peak MiB':>9}"
        f" {'same R':>7} {'conflict R':>10} {'conflicts':>9}"
    )
    for row in rows:
        per_claim = row["cpu_seconds"] / row["claims"] * 1e6
        print(
            f"{row['claims']:>8} {row['seconds']:>7.2f} {row['cpu_seconds']:>6.2f} {per_claim:>9.1f}"
            f" {row['clusters']:>9} {row.get('peak_mib', '-'):>9} {row['planted_recall']:>7.3f}"
            f" {row['conflict_recall']:>10.3f} {row['conflicts']:>9}"
        )
    _print_scaling(rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "load_average": os.getloadavg()}
    results = RESULTS.with_name("claim_cluster_bench_stories.json") if args.stories else RESULTS
    results.write_text(
        json.dumps({"machine": machine, "pool": len(pool), "by_extract_claims": by_extractor, "rows": rows}, indent=2)
        + "\n"
    )
    print(f"wrote {results.relative_to(ROOT)}")
    return 0


def _print_scaling(rows: list[dict[str, Any]]) -> None:
    """How the cost per claim grows from the smallest size to the largest (near-linear is the target), and the
    load the figures were taken at."""
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        growth = (last["cpu_seconds"] / first["cpu_seconds"]) / (last["claims"] / first["claims"])
        print(
            f"\ncost per claim grows {growth:.2f}x over a {last['claims'] / first['claims']:.0f}x larger input"
            " (1.0 = linear)"
        )
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cpus")


def _main_db(args: argparse.Namespace) -> int:
    import workbench

    sizes = [int(s) for s in args.sizes.split(",") if s]
    every = db_claims(args.db, max(sizes))
    prepared_seconds = None
    if args.prepared:
        every, prepared_seconds = _prepared(every)
    rows = []
    for size in sizes:
        items = every[:size]
        cpus, walls = [], []
        for _ in range(max(1, args.repeats)):
            wall, cpu = time.perf_counter(), time.process_time()
            assigned, conflicts = cluster_claims(items)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        members = Counter(assigned.values())
        rows.append(
            {
                "claims": len(items),
                "in_stories": sum(1 for item in items if item.story is not None),
                "seconds": round(min(walls), 2),
                "cpu_seconds": round(min(cpus), 2),
                "clusters": len(members),
                "linked_claims": sum(n for n in members.values() if n > 1),
                "conflicts": len(conflicts),
            }
        )
    engine = str(Path(workbench.__file__).resolve().parents[1])
    print(f"\nclaim clustering of real corpus claims in stories ({args.db.name}); engine from {engine}")
    if prepared_seconds is None:
        print("counted: everything cluster_claims does, reading each claim's statement included")
    else:
        print(
            "counted: everything cluster_claims does, statements' readings decoded from cluster_features; not counted"
            f" (moved to the ingest's extraction workers): reading the {len(every)} statements,"
            f" {prepared_seconds:.2f} CPU s ({prepared_seconds / len(every) * 1e6:.1f} µs/claim)"
        )
    print(
        f"{'claims':>8} {'in stories':>10} {'wall s':>7} {'cpu s':>6} {'µs/claim':>9} {'clusters':>9} {'conflicts':>9}"
    )
    for row in rows:
        per_claim = row["cpu_seconds"] / row["claims"] * 1e6
        print(
            f"{row['claims']:>8} {row['in_stories']:>10} {row['seconds']:>7.2f} {row['cpu_seconds']:>6.2f}"
            f" {per_claim:>9.1f} {row['clusters']:>9} {row['conflicts']:>9}"
        )
    _print_scaling(rows)
    load = os.getloadavg()
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "load_average": load}
    results = RESULTS.with_name(
        "claim_cluster_bench_db_prepared.json" if args.prepared else "claim_cluster_bench_db.json"
    )
    results.parent.mkdir(parents=True, exist_ok=True)
    record = {"machine": machine, "db": str(args.db), "engine": engine, "rows": rows}
    if prepared_seconds is not None:
        record["prepared_cpu_seconds_not_counted"] = round(prepared_seconds, 2)
    results.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {results.relative_to(ROOT)}")
    return 0


def _prepared(items: list[ClaimItem]) -> tuple[list[ClaimItem], float]:
    """The items with the reading the extraction workers store (``cluster_features``), and the CPU seconds it took:
    work the ingest does in parallel, before clustering."""
    from dataclasses import replace

    from workbench.pipeline.cluster_claims import prepared_statement

    cpu = time.process_time()
    found = [replace(item, prepared=prepared_statement(item)) for item in items]
    return found, time.process_time() - cpu


if __name__ == "__main__":
    sys.exit(main())
