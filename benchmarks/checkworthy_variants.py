"""Compare ways of deciding check-worthiness on every label set, out of fold: which one follows the review-labels
annotator best?

Issue 13's held-out labels are the review-labels annotator's, and that annotator calls more counts and durations
checkable than our own label sets do (``train_checkworthy.py --agreement``). This script tests the idea of leaning
counts, durations and quantities toward checkable so that only precise context cues (an age, a list, a time ago, a
label, a number in a name, a methodological detail) make them context, against the shipped model's way and the
kind-only rule, on the same items, with the same 5-fold cross-validations grouped by article:

* ``kind only``: money, percent, multiple, count and quantity are checkable, everything else context;
* ``model``: the logistic model over the features of ``workbench.pipeline.checkworthy``, with one threshold, or
  ``lean``: a second, lower threshold for the hard kinds, chosen on the review-labels dev items; ``lean counts``:
  the model for every kind but counts (and quantities), the lean rule below for those; ``model+plain``: the lean
  idea as a feature the model weighs (a hard-kind number that no context cue explains);
* ``lean rule``: every count, duration and quantity is checkable unless a context cue fires and no cue of a
  checkable reading does (no learning at all).

The review-labels dev items weigh most (the target is their annotator); our sets are the check. Figures are the
out-of-fold precision and recall per label set, averaged over ``REPEATS`` shuffled splits, and the table is
written to benchmarks/results/checkworthy_variants.json. The held-out sample of the round is never read.

    python benchmarks/checkworthy_variants.py
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_checkworthy import (  # noqa: E402
    FOLDS,
    HARD_KINDS,
    REPEATS,
    THRESHOLDS,
    load,
    out_of_fold,
    prf,
    scale_of,
)

from workbench.pipeline.checkworthy import features, surroundings  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "checkworthy_variants.json"
KIND_ONLY = frozenset({"money", "percent", "multiple", "count", "quantity"})
SETS = ("dev", "own-heldout", "own-fresh", "own-fresh2", "own-fresh3", "own-fresh4", "own-train")
HARD_THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(7))  # 0.2 .. 0.5
# Cues that say a number only locates, labels or decorates (the label rules' context cases) ...
LEAN_CONTEXT_CUES = frozenset(
    {
        "age",
        "relative_time",
        "elapsed",
        "time_window",
        "tenure",
        "periods_counted",
        "introduces_list",
        "names_its_items",
        "singles_out",
        "rank_label",
        "rank_among",
        "year_like_count",
        "page_furniture",
        "hypothetical",
        "rhetorical_standin",
        "methodology",
        "family_detail",
        "biography",
        "background_size",
        "size_of_a_body",
        "locates_place",
        "document_size",
        "denominator",
        "anonymous_sources",
        "number_table",
        "company_of",
    }
)
# ... and cues of a checkable reading that outweigh them (a record, a rule's or a sentence's period).
LEAN_CHECKABLE_CUES = frozenset({"record", "policy_period", "term_of", "rule_offset"})
LEAN_KINDS = {"lean counts": ("count",), "lean counts+quantities": ("count", "quantity")}
Transform = Callable[[list[str], str], list[str]]


def _plain(names: list[str], kind: str) -> list[str]:
    """The lean idea as a feature the model weighs: a hard-kind number that no context cue explains."""
    cues = {name[4:] for name in names if name.startswith("cue=")}
    return [*names, f"plain={kind}"] if kind in HARD_KINDS and not (cues & LEAN_CONTEXT_CUES) else names


TRANSFORMS: dict[str, Transform] = {"model": lambda names, kind: names, "model+plain": _plain}


def lean_rule(kind: str, cues: set[str]) -> bool:
    """A count, duration or quantity is checkable unless a context cue fires without a cue of a checkable reading."""
    if kind not in HARD_KINDS:
        return kind in KIND_ONLY
    return not (cues & LEAN_CONTEXT_CUES) or bool(cues & LEAN_CHECKABLE_CUES)


def figures(labels: list[int], said: list[int], members: dict[str, list[int]]) -> dict[str, dict]:
    return {name: prf([labels[i] for i in idx], [said[i] for i in idx]) for name, idx in members.items()}


def mean_figures(runs: list[dict[str, dict]]) -> dict[str, dict]:
    out = {}
    for name in runs[0]:
        out[name] = {key: round(sum(run[name][key] for run in runs) / len(runs), 3) for key in ("precision", "recall")}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, action="append", default=[], help="C values to try (default 0.3, 1, 3)")
    parser.add_argument("--dev-weight", type=float, action="append", default=[], help="default 3")
    parser.add_argument("--variant", action="append", default=[], help=f"only these of {', '.join(TRANSFORMS)}")
    args = parser.parse_args(argv)
    located = [found for found in load(False) if found.claim is not None]
    labels = [int(found.item.checkable) for found in located]
    groups = [found.item.article_id for found in located]
    kinds = [found.claim.kind for found in located]
    names = [features(surroundings(found.text, found.claim, found.quotes)) for found in located]
    members = {name: [i for i, f in enumerate(located) if f.item.source == name] for name in SETS}
    members["all-kinds ours"] = [i for n in SETS[1:6] for i in members[n]]
    dev = members["dev"]
    hard = [k in HARD_KINDS for k in kinds]
    table: dict[str, dict] = {}

    table["kind only"] = figures(labels, [int(k in KIND_ONLY) for k in kinds], members)
    cue_sets = [{n[4:] for n in row if n.startswith("cue=")} for row in names]
    table["lean rule"] = figures(labels, [int(lean_rule(k, c)) for k, c in zip(kinds, cue_sets, strict=True)], members)

    def dev_balance(scores: list[float], t: float, t_hard: float) -> float:
        said = [int(s >= (t_hard if h else t)) for s, h in zip(scores, hard, strict=True)]
        f = prf([labels[i] for i in dev], [said[i] for i in dev])
        return min(f["precision"], f["recall"])

    for variant, transform in TRANSFORMS.items():
        if args.variant and variant not in args.variant:
            continue
        rows = [{n: scale_of(n) for n in transform(row, k)} for row, k in zip(names, kinds, strict=True)]
        for dev_weight in args.dev_weight or [3.0]:
            weights = [dev_weight if f.item.source == "dev" else 1.0 for f in located]
            for c in args.c or [0.3, 1.0, 3.0]:
                runs = [out_of_fold(rows, labels, groups, c, weights, seed) for seed in range(REPEATS)]
                for lean in (False, True):
                    # One threshold, or a second one for the hard kinds; both chosen on the dev items' balance.
                    pairs = (
                        [(t, t) for t in THRESHOLDS]
                        if not lean
                        else [(t, h) for t in THRESHOLDS for h in HARD_THRESHOLDS]
                    )
                    mean = {p: sum(dev_balance(run, *p) for run in runs) / len(runs) for p in pairs}
                    top = max(mean.values())
                    t, t_hard = min(
                        (p for p in pairs if mean[p] >= top - 0.002), key=lambda p: (abs(p[0] - 0.5), -p[1])
                    )
                    per_run = [
                        figures(
                            labels, [int(s >= (t_hard if h else t)) for s, h in zip(run, hard, strict=True)], members
                        )
                        for run in runs
                    ]
                    key = f"{variant} w{dev_weight:g} C={c:g} " + (f"lean t={t} hard={t_hard}" if lean else f"t={t}")
                    table[key] = mean_figures(per_run)
                    print(key, flush=True)
                    if lean:
                        continue
                    for name, lean_kinds in LEAN_KINDS.items():
                        # The model for every kind but these, the lean rule for them.
                        ruled = [
                            int(lean_rule(k, c)) if k in lean_kinds else -1
                            for k, c in zip(kinds, cue_sets, strict=True)
                        ]
                        per_run = [
                            figures(
                                labels, [r if r >= 0 else int(x >= t) for r, x in zip(ruled, run, strict=True)], members
                            )
                            for run in runs
                        ]
                        table[f"{variant} w{dev_weight:g} C={c:g} t={t} {name}"] = mean_figures(per_run)

    print(f"\nout of fold ({FOLDS} folds grouped by article, mean of {REPEATS} splits); precision / recall")
    columns = [*SETS[:6], "all-kinds ours"]
    print(f"{'':42}" + "".join(f"{c:>16}" for c in columns))
    for key, row in table.items():
        cells = "".join(f"{row[c]['precision']:>8.3f}{row[c]['recall']:>8.3f}" for c in columns)
        print(f"{key:42}{cells}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
