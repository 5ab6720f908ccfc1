"""Stories and conflicts on the whole news corpus: a re-cluster of a copy of a corpus database, timed, with samples
to hand-check.

The database (``--db``, default ``benchmarks/results/abp-news.db``, built with ``workbench ingest`` by
``claim_cluster_eval.py``) is copied to ``benchmarks/results/story-corpus.db``; the copy's stories, clusters and
conflicts are cleared and the clustering service runs once: story grouping, then quotes and claims. The script
prints the time of each phase, the peak memory of the process, how many stories there are and how big, the widest
ones, and how many conflicts were flagged; it writes ``benchmarks/results/story_corpus.json``.

Samples for hand-checking are drawn deterministically (smallest ``crc32`` of a stable key) and written with their
text to ``benchmarks/results/story_sample.jsonl`` and ``conflict_sample.jsonl`` (gitignored: the corpus may not be
redistributed). Labels live in ``benchmarks/labels/story_checks.jsonl`` (story: the sorted corpus ids of its
articles; label ``one-event`` / ``mixed``) and ``benchmarks/labels/conflict_checks.jsonl`` (the two claims by corpus
id and offsets; label ``conflict`` / ``not-conflict`` and a reason code), without text; they are scored when present.

A labelling round draws a fresh conflict sample with ``--salt NAME`` (the rank is ``crc32`` of the salt and the
key), and a fresh story sample with ``--story-salt NAME``; ``--resample`` draws them again from the last run's
re-clustered copy, without clustering again.

Run: ``python benchmarks/story_corpus.py [--db FILE] [--stories 20] [--conflicts 50] [--salt NAME] [--resample]``. Without the database and
without ``../shared/data`` the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from zlib import crc32

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_cluster_bench import shared_data  # noqa: E402
from claim_cluster_eval import DEFAULT_DB, ensure_db  # noqa: E402

from workbench.services.catalog import Catalog  # noqa: E402
from workbench.services.clustering import cluster_pending, group_pending_stories  # noqa: E402
from workbench.store.repository import Store  # noqa: E402
from workbench.store.stories import story_summaries  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
LABELS = ROOT / "benchmarks" / "labels"
SIZE_BINS = (1, 2, 3, 4, 5, 6, 8, 11, 21, 51)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rank(key: object) -> int:
    return crc32(json.dumps(key).encode())


def size_bin(size: int) -> str:
    edges = [edge for edge in SIZE_BINS if edge <= size]
    low = edges[-1]
    following = SIZE_BINS[SIZE_BINS.index(low) + 1] if low != SIZE_BINS[-1] else None
    if following is None:
        return f"{low}+"
    return str(low) if following == low + 1 else f"{low}-{following - 1}"


def read_labels(name: str) -> dict[str, dict]:
    path = LABELS / name
    if not path.exists():
        return {}
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {json.dumps(record["key"]): record for record in records}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--conflicts", type=int, default=50)
    parser.add_argument(
        "--rescore",
        action="store_true",
        help="Only score the samples of the last run against the labels (after labelling them).",
    )
    parser.add_argument("--salt", default="", help="Draw the conflict sample afresh (a new labelling round).")
    parser.add_argument("--story-salt", default="", help="Draw the story sample afresh (a new labelling round).")
    parser.add_argument(
        "--resample",
        action="store_true",
        help="Only draw the conflict sample again (with --salt) from the last run's copy, and score it.",
    )
    args = parser.parse_args(argv)
    if args.rescore:
        return _rescore()
    if args.resample:
        return _resample(args.conflicts, args.salt, args.stories, args.story_salt)
    if not args.db.exists():
        data = shared_data()
        if data is None:
            print("no corpus database and no ../shared/data: nothing to measure")
            return 0
        ensure_db(args.db, data)
    RESULTS.mkdir(parents=True, exist_ok=True)
    copy = RESULTS / "story-corpus.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(args.db, copy)
    report: dict = {"db": str(args.db)}
    with Store.open(copy) as store:
        store.clear_clustering()
        started = time.perf_counter()
        founded = group_pending_stories(store)
        report["stories_seconds"] = round(time.perf_counter() - started, 1)
        report["peak_mib_after_stories"] = round(peak_mib())
        started = time.perf_counter()
        clustered = cluster_pending(store)
        report["clustering_seconds"] = round(time.perf_counter() - started, 1)
        report["peak_mib"] = round(peak_mib())
        report.update(clustered)
        report["stories"] = founded
        sizes = Counter(
            row[0]
            for row in store.db.execute("SELECT count(*) FROM articles WHERE superseded_by IS NULL GROUP BY story_id")
        )
        report["articles"] = sum(size * count for size, count in sizes.items())
        report["story_sizes"] = {
            label: sum(count for size, count in sizes.items() if size_bin(size) == label)
            for label in dict.fromkeys(size_bin(size) for size in sorted(sizes))
        }
        summaries = story_summaries(store, min_articles=2)
        report["multi_article_stories"] = len(summaries)
        report["articles_in_multi_article_stories"] = sum(s["articles"] for s in summaries)
        report["widest"] = [
            {k: s[k] for k in ("id", "articles", "first_published", "last_published", "title")} for s in summaries[:5]
        ]
        report["conflicts_in_stories"] = sum(s["conflicts"] for s in summaries)
        catalog = Catalog(store)
        story_rows = _story_sample(store, summaries, args.stories, args.story_salt)
        conflict_rows = _conflict_sample(catalog, args.conflicts, args.salt)
    _write_jsonl(RESULTS / "story_sample.jsonl", story_rows)
    _write_jsonl(RESULTS / "conflict_sample.jsonl", conflict_rows)
    report["story_checks"] = _score(story_rows, read_labels("story_checks.jsonl"), "one-event")
    report["conflict_checks"] = _score(conflict_rows, read_labels("conflict_checks.jsonl"), "conflict")
    _print(report)
    (RESULTS / "story_corpus.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def _rescore() -> int:
    path = RESULTS / "story_corpus.json"
    if not path.exists():
        print("no earlier run to rescore: run without --rescore first")
        return 0
    report = json.loads(path.read_text(encoding="utf-8"))
    for name, sample, good in (
        ("story_checks", "story_sample.jsonl", "one-event"),
        ("conflict_checks", "conflict_sample.jsonl", "conflict"),
    ):
        rows = [json.loads(line) for line in (RESULTS / sample).read_text(encoding="utf-8").splitlines()]
        report[name] = _score(rows, read_labels(name.replace("_checks", "_checks.jsonl")), good)
    _print(report)
    path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def _resample(size: int, salt: str, stories: int = 0, story_salt: str = "") -> int:
    path, copy = RESULTS / "story_corpus.json", RESULTS / "story-corpus.db"
    if not path.exists() or not copy.exists():
        print("no earlier run to draw from: run without --resample first")
        return 0
    with Store.open(copy) as store:
        rows = _conflict_sample(Catalog(store), size, salt)
        if story_salt:
            story_rows = _story_sample(store, story_summaries(store, min_articles=2), stories, story_salt)
            _write_jsonl(RESULTS / "story_sample.jsonl", story_rows)
    _write_jsonl(RESULTS / "conflict_sample.jsonl", rows)
    return _rescore()


def _story_sample(store: Store, summaries: list[dict], size: int, salt: str = "") -> list[dict]:
    chosen = sorted(summaries, key=lambda s: rank([salt, s["id"]] if salt else s["id"]))[:size]
    rows = []
    for summary in chosen:
        articles = store.rows(
            "SELECT source, outlet, published, title, substr(text, 1, 300) AS lead FROM articles "
            "WHERE story_id = ? AND superseded_by IS NULL ORDER BY published, source",
            [summary["id"]],
        )
        rows.append({"key": sorted(a["source"] for a in articles), "story": summary["id"], "articles": articles})
    return rows


def _conflict_sample(catalog: Catalog, size: int, salt: str = "") -> list[dict]:
    def key(claim: dict) -> list:
        return [claim["source"], claim["start"], claim["end"]]

    found = [(sorted([key(c.a), key(c.b)]), c) for c in catalog.conflicts()]
    found.sort(key=lambda entry: rank([salt, entry[0]] if salt else entry[0]))
    return [
        {
            "key": pair,
            "story": conflict.story_id,
            "a": {k: conflict.a.get(k) for k in ("source", "outlet", "published", "mention", "sentence")},
            "b": {k: conflict.b.get(k) for k in ("source", "outlet", "published", "mention", "sentence")},
        }
        for pair, conflict in found[:size]
    ]


def _score(sample: list[dict], labels: dict[str, dict], good: str) -> dict:
    labelled = [labels[json.dumps(row["key"])] for row in sample if json.dumps(row["key"]) in labels]
    right = sum(1 for record in labelled if record["label"] == good)
    return {
        "sampled": len(sample),
        "labelled": len(labelled),
        "good": right,
        "share": round(right / len(labelled), 3) if labelled else None,
    }


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def _print(report: dict) -> None:
    print(
        f"articles {report['articles']:,} → {report['stories']:,} stories "
        f"({report['multi_article_stories']:,} of 2+ articles, holding "
        f"{report['articles_in_multi_article_stories']:,} articles)"
    )
    print("story sizes: " + ", ".join(f"{label}: {count:,}" for label, count in report["story_sizes"].items()))
    print(
        f"grouping {report['stories_seconds']} s; quotes + claims {report['clustering_seconds']} s "
        f"({report['quotes']:,} quotes, {report['claims']:,} claims, {report['conflicts']:,} conflicts, "
        f"{report['conflicts_in_stories']:,} of them within stories); peak memory {report['peak_mib']} MiB"
    )
    for story in report["widest"]:
        print(
            f"  widest: {story['articles']} articles {story['first_published']}–{story['last_published']} "
            f"{story['title'][:80]}"
        )
    for name in ("story_checks", "conflict_checks"):
        checked = report[name]
        print(f"{name}: {checked['good']} of {checked['labelled']} labelled right (sample {checked['sampled']})")


if __name__ == "__main__":
    sys.exit(main())
