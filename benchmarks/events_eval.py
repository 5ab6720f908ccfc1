"""Cross-outlet linking and conflict flags on the hand-labelled events set, alone and among corpus articles.

``../shared/data/events`` holds 32 articles of 10 events with gold clusters and 13 labelled conflicts, and its own
scorer (``score_events.py``). Word rarity changes with what else the database holds, so the set is scored twice: in
a database of its own, and in one that also holds the first 3,000 corpus articles (``--corpus``, default
``/work/baseline/corpus3000.jsonl`` or the first 3,000 lines of the corpus).

Extraction is not re-run for each measurement: each database is built once with ``workbench ingest`` (kept in
``benchmarks/results/events-*.db``), then a copy is cleared of stories, clusters and conflicts and clustered again
by the current code (as ``story_corpus.py`` does), exported with ``workbench export jsonl`` and scored. Prints a
table and writes ``benchmarks/results/events_eval.json``.

Run: ``python benchmarks/events_eval.py [--rebuild] [--corpus FILE]``. Without ``../shared/data`` the script says
so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_cluster_bench import shared_data  # noqa: E402

from workbench.services.clustering import cluster_pending  # noqa: E402
from workbench.store.repository import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
CORPUS_ARTICLES = 3000
DEFAULT_CORPUS = Path("/work/baseline/corpus3000.jsonl")
MEASURES = (
    ("claim pair precision", "claim", "pair_precision"),
    ("claim pair recall", "claim", "pair_recall"),
    ("claim clusters fully linked", "claim", "clusters_fully_linked"),
    ("must-not-link violations", "claim", "must_not_link_violations"),
    ("conflicts merged", "claim", "conflicts_merged"),
    ("conflicts flagged", "claim", "conflicts_flagged"),
    ("quote pair F1", "quote", "pair_f1"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="JSONL of corpus articles to add (first 3,000)")
    parser.add_argument("--rebuild", action="store_true", help="ingest the databases again")
    args = parser.parse_args(argv)
    data = shared_data()
    if data is None:
        print("no ../shared/data: nothing to measure")
        return 0
    events = data / "events"
    RESULTS.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus or _corpus_slice(data)
    report = {}
    for name, inputs in (("alone", [events / "events.jsonl"]), ("with corpus", [corpus, events / "events.jsonl"])):
        built = RESULTS / f"events-{'alone' if name == 'alone' else 'corpus3000'}.db"
        if args.rebuild or not built.exists():
            _ingest(built, inputs)
        report[name] = _score(built, events)
    _print(report)
    (RESULTS / "events_eval.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def _corpus_slice(data: Path) -> Path:
    if DEFAULT_CORPUS.exists():
        return DEFAULT_CORPUS
    sliced = RESULTS / "corpus3000.jsonl"
    if not sliced.exists():
        with gzip.open(data / "corpus" / "abp-news.jsonl.gz", "rt", encoding="utf-8") as lines:
            sliced.write_text("".join(itertools.islice(lines, CORPUS_ARTICLES)), encoding="utf-8")
    return sliced


def _ingest(path: Path, inputs: list[Path]) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"building {path.name} (extraction once; later runs only re-cluster)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "workbench", "--db", str(path), "ingest", *map(str, inputs)], check=True)


def _score(built: Path, events: Path, gold: Path | None = None) -> dict:
    """Re-cluster a copy of ``built`` with the current code, export it and score the export against ``gold``.

    The scorer reads the article texts from the ``events.jsonl`` beside ``gold`` (default ``events/gold.json``).
    """
    gold = gold or events / "gold.json"
    copy = built.with_name(built.stem + "-recluster.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(built, copy)
    with Store.open(copy) as store:
        store.clear_clustering()
        cluster_pending(store)
    out = copy.with_suffix(".export")
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(copy), "export", "jsonl", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    scored = subprocess.run(
        [sys.executable, str(events / "score_events.py"), str(gold), str(out), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(scored.stdout)


def _value(result: dict, part: str, key: str) -> object:
    found = result.get(part, {}).get(key)
    if isinstance(found, float):
        return round(found, 3)
    return found


def _print(report: dict) -> None:
    print(f"{'measure':32} {'alone':>12} {'with corpus':>12}")
    for label, part, key in MEASURES:
        print(f"{label:32} " + " ".join(f"{str(_value(report[name], part, key)):>12}" for name in report))


if __name__ == "__main__":
    raise SystemExit(main())
