"""Leave one sample out: the honest estimate of check-worthiness on the next blind sample.

Each round of issue 13 reached about 0.95 / 0.95 in item-level cross-validation and then 0.87-0.89 on the next
blind sample. Item-level (even article-grouped) folds mix the items of one draw, one annotator and one round's
conventions into both sides of the split; the next sample shares none of that. So this script trains on every
labelled set but one sample (the review-labels dev items, or one of fresh1 ... fresh7: each a random draw over
every kind, labelled by one round's annotator), scores that sample, and repeats for each: the per-sample figures
and the pooled fresh figure are the estimate of what a new sample will give.

    python benchmarks/checkworthy_loso.py                  # the shipped model's settings, and the shipped model
    python benchmarks/checkworthy_loso.py --c 0.1 --c 0.3 --c 1 --dev-weight 1 --dev-weight 3 --threshold 0.5
    python benchmarks/checkworthy_loso.py --errors         # also the misses of each left-out sample, by kind

``--errors`` prints the sentences of the misses (for the developer's eyes; never paste them into the repo).
The table is written to benchmarks/results/checkworthy_loso.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_checkworthy import FRESH_SAMPLES, LEFT_OUT, leave_one_sample_out, load, prf, scale_of  # noqa: E402

from workbench.pipeline.checkworthy import features, shipped_model, surroundings  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "checkworthy_loso.json"
_VERSION = re.compile(r"C=([\d.]+) dev weight ([\d.]+)")


def name_of(source: str) -> str:
    return {"dev": "dev", "own-fresh": "fresh1"}.get(source, source.removeprefix("own-"))


def table(labels: list[int], sources: list[str], scores: list[float], threshold: float) -> dict[str, dict]:
    """Precision and recall of each left-out sample, of the fresh samples pooled, and their mean."""
    result = {}
    for held in LEFT_OUT:
        members = [i for i, s in enumerate(sources) if s == held]
        result[name_of(held)] = prf([labels[i] for i in members], [int(scores[i] >= threshold) for i in members])
    fresh = [i for i, s in enumerate(sources) if s in FRESH_SAMPLES]
    result["fresh pooled"] = prf([labels[i] for i in fresh], [int(scores[i] >= threshold) for i in fresh])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, action="append", help="C values (default: the shipped model's)")
    parser.add_argument("--dev-weight", type=float, action="append", help="dev weight (default: the shipped one)")
    parser.add_argument("--threshold", type=float, action="append", help="thresholds (default: the shipped one)")
    parser.add_argument("--errors", action="store_true", help="print the misses of each left-out sample")
    args = parser.parse_args(argv)

    located = [found for found in load(False) if found.claim is not None]
    labels = [int(found.item.checkable) for found in located]
    sources = [found.item.source for found in located]
    names = [features(surroundings(f.text, f.claim, f.quotes)) for f in located]  # type: ignore[arg-type]
    rows = [{n: scale_of(n) for n in row} for row in names]
    print(f"{len(located)} items; per set: {dict(sorted(Counter(sources).items()))}")
    shipped = shipped_model()
    version = _VERSION.search(shipped.version)
    report: dict[str, dict] = {
        f"shipped model {shipped.version} (in-sample)": table(
            labels, sources, [shipped.score(row) for row in names], shipped.threshold
        )
    }
    first: tuple[list[float], float] | None = None
    for dev_weight in args.dev_weight or [float(version.group(2)) if version else 3.0]:
        for c in args.c or [float(version.group(1)) if version else 0.3]:
            scores = leave_one_sample_out(rows, labels, sources, c, dev_weight)
            for threshold in args.threshold or [shipped.threshold]:
                report[f"left out: C={c} dev weight {dev_weight} threshold {threshold}"] = table(
                    labels, sources, scores, threshold
                )
                first = first or (scores, threshold)
    columns = [name_of(h) for h in LEFT_OUT] + ["fresh pooled"]
    print(f"{'precision/recall':52} " + " ".join(f"{c:>11}" for c in columns))
    for key, figures in report.items():
        cells = [f"{figures[c]['precision']:.3f}/{figures[c]['recall']:.3f}" for c in columns]
        print(f"{key[:52]:52} " + " ".join(f"{cell:>11}" for cell in cells))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if args.errors and first is not None:
        print_errors(located, labels, names, *first)
    return 0


def print_errors(located: list, labels: list[int], names: list[list[str]], scores: list[float], t: float) -> None:
    """The misses of each left-out sample with their cues and sentence, and tp/fp/fn/tn by kind."""
    by_kind: Counter[tuple[str, str]] = Counter()
    for i, found in enumerate(located):
        if found.item.source not in LEFT_OUT:
            continue
        said = scores[i] >= t
        outcome = ("tp" if said else "fn") if labels[i] else ("fp" if said else "tn")
        by_kind[(found.claim.kind, outcome)] += 1
        if outcome in ("fp", "fn"):
            s = surroundings(found.text, found.claim, found.quotes)
            cues = ",".join(n[4:] for n in names[i] if n.startswith("cue="))
            line = (
                f"{name_of(found.item.source):7} {found.item.item_id} {outcome} {'B' if found.item.borderline else ' '} "
                f"{scores[i]:.2f} {found.claim.kind:8} [{cues}] {s.left[-80:]!s:>80}[[{s.mention}]]{s.right[:60]}"
            )
            print(line.replace("\n", " "))
    print("by kind (tp/fp/fn/tn), every sample left out in turn:")
    for kind in sorted({k for k, _ in by_kind}):
        print(f"  {kind:10} " + "/".join(str(by_kind[(kind, o)]) for o in ("tp", "fp", "fn", "tn")))


if __name__ == "__main__":
    sys.exit(main())
