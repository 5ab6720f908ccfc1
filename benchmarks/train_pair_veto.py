"""Train and evaluate the learned claim pair veto (``workbench/pipeline/cluster_claims/pair_veto.py``).

1. **Table**: every hand-labelled merge pair of ``benchmarks/labels/claim_pairs.jsonl`` (all rounds) with the
   engine's own evidence for it (:func:`pair_features`, read over the whole corpus database as
   ``claim_cluster_eval.py`` reads it, with the word rarity of all its claims), whether the working tree's engine
   merges it now, and in which of the samples A–F it falls now. Written to
   ``benchmarks/results/pair_veto_table.jsonl`` (gitignored; ids, offsets and numbers only, no text).
2. **Leave one sample out**: for each sample S of A–F, a logistic regression is trained on the labelled pairs of
   the other samples (every pair that S's draw could have held, under this engine or an older one, is left out:
   its crc rank under S is within ``--cutoff`` times the current sample's last), the veto threshold is chosen
   inside those training pairs only (by an inner leave-one-sample-out: the threshold that removes the most wrong
   merges net of ``--cost`` times the right ones), and the model is applied to S's current sample: precision of
   the merges kept, wrong and right merges removed.
3. ``--write``: the model trained on every labelled pair, with the median of the fold thresholds, is written to
   ``workbench/pipeline/claim_pair_veto.json``.

Run: ``PYTHONPATH=. python benchmarks/train_pair_veto.py --db FILE [--table] [--write]`` (``--table`` rebuilds
the table; otherwise the existing one is read). Needs scikit-learn (the ``train`` extra). Prints a table and writes
``benchmarks/results/pair_veto_eval.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_cluster_eval import DEFAULT_DB, Run, load_claims, load_engine, load_labels, rank  # noqa: E402

from workbench.pipeline.cluster_claims.pair_veto import FEATURES, MODEL_FILE, pair_features  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "benchmarks" / "results" / "pair_veto_table.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "pair_veto_eval.json"
MODEL = ROOT / "workbench" / "pipeline" / MODEL_FILE
SALTS = ("A", "B", "C", "D", "E", "F", "G", "H")
SAMPLE = 100
THRESHOLDS = [round(0.02 * step, 2) for step in range(1, 26)]  # 0.02 .. 0.50


def build_table(db: Path) -> list[dict]:
    """The labelled merge pairs with their features (see the module docstring)."""
    from workbench.pipeline.cluster_claims import WordRarity, _Claim

    started = time.perf_counter()
    rows, display = load_claims(db)
    run = Run(load_engine(None), rows, display)
    print(f"clustered {len(rows)} claims in {run.seconds:.1f} s", file=sys.stderr)
    rarity = WordRarity.of(run.items)
    by_key = {row.key: item_id for item_id, row in display.items()}
    by_id = {item.id: item for item in run.items}
    samples = {salt: dict(run.sample_merges(salt, SAMPLE)) for salt in SALTS}
    last = {salt: max(rank(salt, pair) for pair in sample) for salt, sample in samples.items()}
    table = []
    for (kind, pair), record in load_labels().items():
        if kind != "merge" or pair[0] not in by_key or pair[1] not in by_key:
            continue
        first_id, second_id = by_key[pair[0]], by_key[pair[1]]
        first, second = _Claim(by_id[first_id]), _Claim(by_id[second_id])
        table.append(
            {
                "a": list(pair[0]),
                "b": list(pair[1]),
                "label": int(record["label"] == "same"),
                "round": record["round"],
                "merged": pair in run.merges,
                "same_cluster": run.assignments[first_id] == run.assignments[second_id],
                "samples": [salt for salt in SALTS if pair in samples[salt]],
                "reach": {salt: round(rank(salt, pair) / last[salt], 3) for salt in SALTS},
                "features": [round(x, 5) for x in pair_features(first, second, rarity)],
            }
        )
    print(f"table of {len(table)} labelled merge pairs in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return table


def fit(rows: list[dict], c: float):
    """A standardized logistic regression on ``rows``: (weights, means, scales, bias)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([row["features"] for row in rows], dtype=float)
    y = np.array([row["label"] for row in rows])
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000).fit((x - means) / scales, y)
    return model.coef_[0].tolist(), means.tolist(), scales.tolist(), float(model.intercept_[0])


def probabilities(params, rows: list[dict]) -> list[float]:
    from workbench.pipeline.cluster_claims.pair_veto import PairModel

    model = PairModel(tuple(params[0]), tuple(params[1]), tuple(params[2]), params[3], 0.0)
    return [model.probability(row["features"]) for row in rows]


def home(row: dict, cutoff: float) -> str:
    """The sample a labelled pair was drawn for (the one whose draw reaches it soonest), or "" for none."""
    salt = min(SALTS, key=lambda s: row["reach"][s])
    return salt if row["reach"][salt] <= cutoff else ""


def choose_threshold(rows: list[dict], c: float, cutoff: float, cost: float) -> float:
    """The threshold that removes the most wrong merges net of ``cost`` x the right ones, out of fold (each
    training pair scored by a model that did not see its sample)."""
    groups = defaultdict(list)
    for row in rows:
        groups[home(row, cutoff)].append(row)
    scored: list[tuple[float, int]] = []
    for name, held in groups.items():
        train = [row for other, part in groups.items() if other != name for row in part]
        scored.extend(zip(probabilities(fit(train, c), held), (row["label"] for row in held), strict=True))
    best = (0.0, 0.0)
    for threshold in THRESHOLDS:
        wrong = sum(1 for p, label in scored if p < threshold and not label)
        right = sum(1 for p, label in scored if p < threshold and label)
        gain = wrong - cost * right
        if gain > best[0]:
            best = (gain, threshold)
    return best[1]


def evaluate(
    table: list[dict], c: float, cutoff: float, cost: float, current: bool, fixed: float | None = None
) -> list[dict]:
    results = []
    pool = [row for row in table if row["same_cluster"]] if current else table
    for salt in SALTS:
        test = [row for row in table if salt in row["samples"]]
        train = [row for row in pool if row["reach"][salt] > cutoff]
        threshold = choose_threshold(train, c, cutoff, cost) if fixed is None else fixed
        probs = probabilities(fit(train, c), test)
        right = sum(row["label"] for row in test)
        removed = [row for row, p in zip(test, probs, strict=True) if p < threshold]
        right_lost = sum(row["label"] for row in removed)
        wrong_removed = len(removed) - right_lost
        kept = len(test) - len(removed)
        results.append(
            {
                "sample": salt,
                "train": len(train),
                "threshold": threshold,
                "labelled": len(test),
                "precision_before": round(right / len(test), 3) if test else None,
                "precision_after": round((right - right_lost) / kept, 3) if kept else None,
                "wrong_removed": wrong_removed,
                "right_lost": right_lost,
                "right_lost_share": round(right_lost / right, 3) if right else None,
                "story_removed": sum(1 for row in removed if row["features"][0]),
            }
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--table", action="store_true", help="rebuild the table from the database")
    parser.add_argument("--c", type=float, default=0.5, help="inverse regularization strength")
    parser.add_argument("--cutoff", type=float, default=2.0, help="how far past a sample's last pair its draw reaches")
    parser.add_argument("--cost", type=float, default=3.0, help="a right merge lost counts as this many wrong ones")
    parser.add_argument("--threshold", type=float, help="a fixed threshold instead of one chosen in the folds")
    parser.add_argument("--current", action="store_true", help="train only on pairs the engine merges now")
    parser.add_argument("--write", action="store_true", help=f"write workbench/pipeline/{MODEL_FILE}")
    args = parser.parse_args(argv)
    if args.table or not TABLE.exists():
        table = build_table(args.db)
        TABLE.parent.mkdir(parents=True, exist_ok=True)
        TABLE.write_text("".join(json.dumps(row) + "\n" for row in table))
    table = [json.loads(line) for line in TABLE.read_text().splitlines() if line.strip()]
    results = evaluate(table, args.c, args.cutoff, args.cost, args.current, args.threshold)
    print(f"leave one sample out, {len(table)} labelled merge pairs, C={args.c}, cost={args.cost}")
    print(
        f"{'sample':>6} {'train':>5} {'thr':>5} {'lab':>4} {'P before':>8} {'P after':>8} {'wrong-':>6} {'right-':>6}"
    )
    for row in results:
        print(
            f"{row['sample']:>6} {row['train']:>5} {row['threshold']:>5.2f} {row['labelled']:>4}"
            f" {row['precision_before']:>8.3f} {row['precision_after']:>8.3f} {row['wrong_removed']:>6}"
            f" {row['right_lost']:>6}"
        )
    output = {"c": args.c, "cutoff": args.cutoff, "cost": args.cost, "pairs": len(table), "folds": results}
    if args.write:
        params = fit(table, args.c)
        threshold = round(median(row["threshold"] for row in results), 3)
        model = {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in params[0]],
            "means": [round(m, 6) for m in params[1]],
            "scales": [round(s, 6) for s in params[2]],
            "bias": round(params[3], 6),
            "threshold": threshold,
            "trained_on": len(table),
        }
        MODEL.write_text(json.dumps(model, indent=1) + "\n")
        output["model"] = model
        print(f"wrote {MODEL.relative_to(ROOT)} (threshold {threshold})")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(output, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
