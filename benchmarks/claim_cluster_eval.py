"""Claim clustering precision on the real news corpus, scored against hand labels.

The planted reprints of ``claim_cluster_bench.py`` measure speed and recall, not whether the engine merges claims
that real outlets never shared. This script runs the engine over every claim of the ABP news corpus (as a
workbench database holds them), draws deterministic samples of what it decided, and scores them against
``benchmarks/labels/claim_pairs.jsonl``:

* **merges**: cross-article pairs (member, its cluster's representative): the decisions the engine made. A sample
  is the N pairs with the smallest ``crc32(salt|pair)``, so it does not depend on the engine's ids, and a pair
  that both engines make falls in both samples.
* **conflicts**: flagged cluster pairs, ranked the same way by their representatives; the pair labelled is the
  one that triggered the flag (a member of one cluster against the other's representative, found with the
  engine's own ``claim_relation``), else the two representatives.

Labels hold no article text (the corpus may not be redistributed): each names its two claims by corpus article
id (``articles.source``) and claim offsets, with the label (``same``/``different`` for merges,
``conflict``/``not-conflict`` for conflicts), a short reason code and the round it was labelled in:
``before-tuning`` (sample A of the old engine), ``during-tuning`` (pairs the rules under development added to
sample A: they informed the rules) and ``after-tuning`` (sample B of the final rules and of the old engine, drawn
and labelled once the rules were settled: the honest figures). Later rounds carry a suffix: ``lead-s26`` (every
pair of A and B still unlabelled then), ``during-tuning-s27`` (pairs the context-figure rules brought into A and B:
A and B are study sets since) and ``after-tuning-s27`` (samples C and D, ``--salts A,B,C,D``, drawn from the engine
once those rules were settled: the held-out figures; and every flagged conflict of the corpus); samples E and F
(``after-tuning-s28``) and G and H (``after-tuning-s30``, drawn from main 3d17893 at the start of stop 29, labelled
blind) followed the same way, each a study set once its round was over. Annotation rules: *same* = both sentences state
the same fact about the same subject, wording aside (a fact restated years later counts: "the 2010 Affordable
Care Act"; reprinted boilerplate counts when the number sits in the same place); *different* = the number
belongs to another event, subject, measure, poll or time. *conflict* = both report the same measure of the same
subject with figures that cannot both be right, rounding and hedges allowed for ("more than 100" is no conflict
with "about 180"); a toll revised between reports counts as a conflict: outlets do state different figures.

Unlabelled sampled pairs are listed with ``--dump`` (default ``benchmarks/results/claim_pairs_to_label.jsonl``,
gitignored: it holds sentences) for the annotator. ``--rev REV`` scores the engine as committed at REV (only
``cluster_claims.py`` is taken from REV), which is how the "before" row is reproduced.

Run: ``python benchmarks/claim_cluster_eval.py [--db FILE] [--rev REV] [--merges 100] [--conflicts 60]
[--salts A,B]``. The database defaults to ``benchmarks/results/abp-news.db`` and is built with
``workbench ingest`` when missing (a few minutes). Without ``../shared/data`` (or ``$WORKBENCH_SHARED_DATA``) the
script says so and exits 0. Prints a table and writes ``benchmarks/results/claim_cluster_eval.json``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sqlite3
import subprocess
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from zlib import crc32

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_cluster_bench import shared_data  # noqa: E402

from workbench.services.clustering import _claim_item  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "labels" / "claim_pairs.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "claim_cluster_eval.json"
DEFAULT_DB = ROOT / "benchmarks" / "results" / "abp-news.db"
DEFAULT_DUMP = ROOT / "benchmarks" / "results" / "claim_pairs_to_label.jsonl"
ENGINE_PATH = "workbench/pipeline/cluster_claims.py"
GOOD = {"merge": "same", "conflict": "conflict"}

Key = tuple[str, int, int]
Pair = tuple[Key, Key]


@dataclass(frozen=True)
class Row:
    """A stored claim: its stable key and what the annotator reads."""

    id: int
    key: Key
    outlet: str
    published: str | None
    sentence: str
    mention_start: int
    mention_end: int
    kind: str
    value: float | None
    unit: str | None
    hedge: str | None


def ensure_db(path: Path, data: Path) -> None:
    """Build the corpus database with the workbench's own ingest when it is missing."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    corpus = data / "corpus" / "abp-news.jsonl.gz"
    print(f"building {path} from {corpus} (a few minutes)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "workbench", "--db", str(path), "ingest", str(corpus)], check=True)


def load_claims(path: Path) -> tuple[list[dict], dict[int, Row]]:
    """Store-shaped rows (what the clustering service reads) and display rows, current article versions only."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    # A database grouped into stories (workbench from the stories migration on) gives each claim its story, when
    # other articles share it, as the clustering service does.
    grouped = any(row[1] == "story_id" for row in db.execute("PRAGMA table_info(articles)"))
    story = "a.story_id" if grouped else "NULL"
    shared = (
        {
            row[0]
            for row in db.execute(
                "SELECT story_id FROM articles WHERE superseded_by IS NULL AND story_id IS NOT NULL GROUP BY story_id "
                "HAVING count(*) > 1"
            )
        }
        if grouped
        else set()
    )
    cursor = db.execute(
        "SELECT c.id, c.kind, c.value, c.value_high, c.unit, c.hedge, c.role, c.target, c.start, c.end, c.mention, "
        "c.sentence_start, substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence, "
        f"a.source, a.published, a.outlet, {story} AS story_id FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE a.superseded_by IS NULL ORDER BY c.id"
    )
    rows, display = [], {}
    for record in cursor:
        row = dict(record)
        if row["story_id"] not in shared:
            row["story_id"] = None
        rows.append(row)
        display[row["id"]] = Row(
            row["id"],
            (row["source"], row["start"], row["end"]),
            row["outlet"],
            row["published"],
            row["sentence"] or "",
            row["start"] - row["sentence_start"],
            row["end"] - row["sentence_start"],
            row["kind"],
            row["value"],
            row["unit"],
            row["hedge"],
        )
    db.close()
    return rows, display


def load_engine(rev: str | None) -> types.ModuleType:
    """The clustering module: the working tree's, or ``cluster_claims.py`` as committed at ``rev``."""
    if rev is None:
        from workbench.pipeline import cluster_claims

        return cluster_claims
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{ENGINE_PATH}"], capture_output=True, text=True)
    if shown.returncode != 0:  # since the split into a package (issue 16) there is no single file to load
        raise SystemExit(
            f"--rev {rev}: {ENGINE_PATH} is not a single file at that revision (the engine is a package since "
            "issue 16); run this script from a `git worktree add` of that revision instead, without --rev"
        )
    source = shown.stdout
    module = types.ModuleType(f"cluster_claims_at_{rev}")
    module.__dict__["__name__"] = module.__name__
    sys.modules[module.__name__] = module  # dataclasses resolve annotations through sys.modules
    exec(compile(source, f"{rev}:{ENGINE_PATH}", "exec"), module.__dict__)
    return module


def engine_items(engine: types.ModuleType, rows: list[dict]) -> list:
    """The service's items, narrowed to the fields the engine's ``ClaimItem`` knows (older engines know fewer)."""
    fields = engine.ClaimItem.__dataclass_fields__
    items = []
    for row in rows:
        item = _claim_item(row)
        items.append(engine.ClaimItem(**{name: getattr(item, name) for name in fields if hasattr(item, name)}))
    return items


def pair_key(a: Key, b: Key) -> Pair:
    return (a, b) if a <= b else (b, a)


def rank(salt: str, pair: Pair) -> int:
    return crc32(f"{salt}|{json.dumps(pair)}".encode())


def load_labels() -> dict[tuple[str, Pair], dict]:
    labels = {}
    if LABELS.exists():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                pair = pair_key(tuple(record["a"]), tuple(record["b"]))
                labels[(record["kind"], pair)] = record
    return labels


class Run:
    """One engine's decisions over the corpus."""

    def __init__(self, engine: types.ModuleType, rows: list[dict], display: dict[int, Row]):
        self.engine = engine
        self.display = display
        self.items = engine_items(engine, rows)
        started = time.perf_counter()
        self.assignments, self.conflicts = engine.cluster_claims(self.items)
        self.seconds = time.perf_counter() - started
        self.members: dict[int, list[int]] = defaultdict(list)
        for item_id, cluster_id in self.assignments.items():
            self.members[cluster_id].append(item_id)
        source = {item_id: row.key[0] for item_id, row in display.items()}
        self.multi_article = sum(1 for ids in self.members.values() if len({source[i] for i in ids}) > 1)
        self.merges = {
            pair_key(display[i].key, display[c].key): (i, c)
            for i, c in self.assignments.items()
            if i != c and source[i] != source[c]
        }
        self._by_id = {item.id: item for item in self.items}

    def sample_merges(self, salt: str, size: int) -> list[tuple[Pair, tuple[int, int]]]:
        return sorted(self.merges.items(), key=lambda entry: rank(salt, entry[0]))[:size]

    def sample_conflicts(self, salt: str, size: int) -> list[tuple[Pair, tuple[int, int]]]:
        key = self.display
        ranked = sorted(self.conflicts, key=lambda pair: rank(salt, pair_key(key[pair[0]].key, key[pair[1]].key)))
        chosen = [self.trigger(a, b) for a, b in ranked[:size]]
        return [(pair_key(key[a].key, key[b].key), (a, b)) for a, b in chosen]

    def trigger(self, first: int, second: int) -> tuple[int, int]:
        """The member/representative pair the engine flagged for two conflicting clusters."""
        by_id, found = self._by_id, []
        for cluster, other in ((first, second), (second, first)):
            for member in self.members[cluster]:
                if self.relation(by_id[member], by_id[other]) == "conflict":
                    found.append((pair_key(self.display[member].key, self.display[other].key), (member, other)))
        return min(found)[1] if found else (first, second)

    @cached_property
    def relation(self) -> Callable[[Any, Any], str | None]:
        """The engine's pairwise rule, given the word rarity of the whole batch where the engine weighs words."""
        engine = self.engine
        if "rarity" in inspect.signature(engine.claim_relation).parameters:
            rarity = engine.WordRarity.of(self.items)
            return lambda a, b: engine.claim_relation(a, b, rarity=rarity)
        return engine.claim_relation


def score(sample: list[tuple[Pair, tuple[int, int]]], kind: str, labels: dict) -> dict:
    labelled = [labels[(kind, pair)] for pair, _ in sample if (kind, pair) in labels]
    good = sum(1 for record in labelled if record["label"] == GOOD[kind])
    return {
        "sampled": len(sample),
        "labelled": len(labelled),
        "good": good,
        "precision": round(good / len(labelled), 3) if labelled else None,
    }


def describe(row: Row) -> dict:
    sentence = row.sentence
    marked = (
        f"{sentence[: row.mention_start]}[[{sentence[row.mention_start : row.mention_end]}]]"
        f"{sentence[row.mention_end :]}"
    )
    return {
        "key": list(row.key),
        "outlet": row.outlet,
        "published": row.published,
        "kind": row.kind,
        "value": row.value,
        "unit": row.unit,
        "hedge": row.hedge,
        "sentence": " ".join(marked.split()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument(
        "--rev", action="append", default=[], help="also score cluster_claims.py as committed at REV (repeatable)"
    )
    parser.add_argument("--merges", type=int, default=100, help="merge pairs per sample")
    parser.add_argument("--conflicts", type=int, default=60, help="conflicts per sample")
    parser.add_argument("--salts", default="A,B", help="sample names: each draws its own deterministic sample")
    parser.add_argument("--dump", type=Path, default=DEFAULT_DUMP, help="where unlabelled sampled pairs go")
    args = parser.parse_args(argv)
    data = shared_data()
    if data is None:
        print("shared data not found (set WORKBENCH_SHARED_DATA or provide ../shared/data); nothing to evaluate")
        return 0
    engines = [(rev, load_engine(rev)) for rev in args.rev] + [("working tree", load_engine(None))]  # fail early
    ensure_db(args.db, data)
    rows, display = load_claims(args.db)
    labels = load_labels()
    salts = [salt for salt in args.salts.split(",") if salt]

    results, unlabelled = [], {}
    for name, engine in engines:
        run = Run(engine, rows, display)
        for salt in salts:
            samples = {
                "merge": run.sample_merges(salt, args.merges),
                "conflict": run.sample_conflicts(salt, args.conflicts),
            }
            row = {
                "engine": name,
                "salt": salt,
                "seconds": round(run.seconds, 1),
                "multi_article_clusters": run.multi_article,
                "merged_pairs": len(run.merges),
                "conflicts": len(run.conflicts),
            }
            for kind, sample in samples.items():
                row[kind] = score(sample, kind, labels)
                for pair, (a, b) in sample:
                    if (kind, pair) not in labels:
                        unlabelled[(kind, pair)] = {
                            "kind": kind,
                            "sample": f"{name}/{salt}",
                            "a": describe(display[a]),
                            "b": describe(display[b]),
                        }
            results.append(row)

    print(f"claim clustering on {len(rows)} corpus claims; labels: {LABELS.relative_to(ROOT)} ({len(labels)})")
    print(
        f"{'engine':<14} {'sample':>6} {'merge P':>8} {'lab/n':>8} {'conflict P':>10} {'lab/n':>8}"
        f" {'multi-art clusters':>18} {'merged pairs':>12} {'conflicts':>9} {'s':>6}"
    )
    for row in results:
        merge, conflict = row["merge"], row["conflict"]

        def cell(part: dict) -> str:
            return "-" if part["precision"] is None else f"{part['precision']:.3f}"

        print(
            f"{row['engine'][:14]:<14} {row['salt']:>6} {cell(merge):>8}"
            f" {merge['labelled']:>3}/{merge['sampled']:<4} {cell(conflict):>10}"
            f" {conflict['labelled']:>3}/{conflict['sampled']:<4} {row['multi_article_clusters']:>18}"
            f" {row['merged_pairs']:>12} {row['conflicts']:>9} {row['seconds']:>6.1f}"
        )
    if unlabelled:
        args.dump.parent.mkdir(parents=True, exist_ok=True)
        with args.dump.open("w", encoding="utf-8") as out:
            for record in unlabelled.values():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{len(unlabelled)} sampled pairs have no label; listed in {args.dump}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"claims": len(rows), "labels": len(labels), "rows": results}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
