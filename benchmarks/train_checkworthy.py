"""Train the check-worthiness model shipped in workbench/pipeline/checkworthy_model.json.

Learns a logistic regression (scikit-learn, L2) over the features of ``workbench.pipeline.checkworthy``: the
claim's kind, the named cues, unit, magnitude and the words next to the number. Training data: the review-labels
dev set and the ``train`` part of benchmarks/labels/checkworthy_own.jsonl. The ``heldout`` part of our labels is
never read here. The regularisation strength is chosen by 5-fold cross-validation grouped by article; the figures
of that cross-validation are printed and kept in the model file, beside a second held-out figure: the model
trained on our own training labels alone, scored on the review-labels dev set.

Only the weights are shipped (a JSON dictionary): the workbench applies them with the standard library, so
scikit-learn is needed to train, never to run.

    pip install -e '.[train]'
    python benchmarks/train_checkworthy.py            # train, report, write the model
    python benchmarks/train_checkworthy.py --dry-run  # report only
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkworthy_items import FRESH_LABELS, ROOT, Located, locate, own_items, review_dev_items  # noqa: E402

from workbench.pipeline.checkworthy import (  # noqa: E402
    DECISIVE,
    DECISIVE_SCALE,
    MODEL_FILE,
    features,
    surroundings,
)

MODEL_PATH = ROOT / "workbench" / "pipeline" / MODEL_FILE
CACHE = ROOT / "benchmarks" / "results" / "checkworthy_train_cache.pkl"
C_GRID = (0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0)
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6)
HARD_KINDS = ("count", "duration", "quantity")
FOLDS = 5
ALL_KINDS_SETS = ("dev", "own-heldout", "own-fresh")  # random samples over every kind, like the queue itself


def load(fresh: bool) -> list[Located]:
    """The training items located in the corpus (cached: extraction of 1,000 articles takes a while).

    The old held-out part of our labels and the first fresh sample were scored and then studied in earlier rounds,
    so they are training data now; only checkworthy_fresh2.jsonl is held out."""
    items = review_dev_items() + own_items(["train", "heldout"]) + own_items(["fresh"], FRESH_LABELS)
    if not items:
        raise SystemExit("no training labels: ../shared/data/review-labels is missing")
    # Cached per item and per version of the label line, so new labels only extract their own articles.
    cached: dict[tuple[str, str, str], Located] = {}
    if CACHE.exists() and not fresh:
        stored = pickle.loads(CACHE.read_bytes())
        cached = stored.get("by_item", {}) if isinstance(stored, dict) else {}
    keys = [(item.item_id, item.article_id, item.label) for item in items]
    todo = [item for item, key in zip(items, keys, strict=True) if key not in cached]
    for found in locate(todo):
        cached[(found.item.item_id, found.item.article_id, found.item.label)] = found
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps({"by_item": cached}))
    return [cached[key] for key in keys if key in cached]


def scale_of(feature: str) -> float:
    """A decisive cue, and the kind (years and dates are context, money is checkable, by the label rules),
    enter the regression scaled up, so L2 shrinks their (unscaled) weights less."""
    decisive = feature.startswith("kind=") or (feature.startswith("cue=") and feature[4:] in DECISIVE)
    return DECISIVE_SCALE if decisive else 1.0


def design(located: list[Located]) -> tuple[list[dict[str, float]], list[int], list[str], list[Located]]:
    rows, labels, groups, kept = [], [], [], []
    for found in located:
        if found.claim is None:
            continue
        s = surroundings(found.text, found.claim, found.quotes)
        rows.append({name: scale_of(name) for name in features(s)})
        labels.append(int(found.item.checkable))
        groups.append(found.item.article_id)
        kept.append(found)
    return rows, labels, groups, kept


def fit(rows: list[dict[str, int]], labels: list[int], c: float):  # noqa: ANN201 - sklearn objects
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    model.fit(matrix, labels)
    return vectorizer, model


def prf(truth: list[int], predicted: list[int]) -> dict[str, float]:
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t and p)
    fp = sum(1 for t, p in zip(truth, predicted, strict=True) if not t and p)
    fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
    }


def cross_validated(
    rows: list[dict[str, int]], labels: list[int], groups: list[str], c: float, threshold: float = 0.5
) -> tuple[dict[str, float], list[float]]:
    from sklearn.model_selection import GroupKFold

    scores = [0.0] * len(rows)
    for train, test in GroupKFold(n_splits=FOLDS).split(rows, labels, groups):
        vectorizer, model = fit([rows[i] for i in train], [labels[i] for i in train], c)
        probabilities = model.predict_proba(vectorizer.transform([rows[i] for i in test]))[:, 1]
        for i, p in zip(test, probabilities, strict=True):
            scores[i] = float(p)
    return prf(labels, [int(p >= threshold) for p in scores]), scores


def weights_of(vectorizer, model) -> tuple[dict[str, float], float]:  # noqa: ANN001
    names = vectorizer.get_feature_names_out()
    weights = {
        str(n): round(float(w) * scale_of(str(n)), 4)
        for n, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return dict(sorted(weights.items())), round(float(model.intercept_[0]), 4)


def _members(kept: list[Located]) -> dict[str, list[int]]:
    """The indexes of the training items of each label set (review-labels dev, own train, own held-out, ...)."""
    sets: dict[str, list[int]] = {}
    for i, found in enumerate(kept):
        sets.setdefault(found.item.source, []).append(i)
    return dict(sorted(sets.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report only; do not write the model")
    parser.add_argument("--fresh", action="store_true", help="re-extract the articles instead of using the cache")
    parser.add_argument("--errors", action="store_true", help="print the cross-validation errors")
    args = parser.parse_args(argv)

    located = load(args.fresh)
    rows, labels, groups, kept = design(located)
    missing = len(located) - len(kept)
    print(f"{len(kept)} training items ({sum(labels)} checkable), {missing} no longer extracted")

    results = {c: cross_validated(rows, labels, groups, c) for c in C_GRID}
    print(f"{'C':>6} {'precision':>9} {'recall':>7} {'F1':>6}   ({FOLDS}-fold CV grouped by article)")
    for c, (figures, _) in results.items():
        print(f"{c:>6} {figures['precision']:>9.3f} {figures['recall']:>7.3f} {figures['f1']:>6.3f}")
    best = max(C_GRID, key=lambda c: (min(results[c][0]["precision"], results[c][0]["recall"]), results[c][0]["f1"]))
    cv, scores = results[best]

    # The threshold: the review-labels dev items, our old held-out items and the first fresh sample are the
    # training items drawn from all kinds (the rest are of the hard kinds only), so their out-of-fold scores choose
    # it: the best balance of precision and recall.
    dev = [i for i, found in enumerate(kept) if found.item.source in ALL_KINDS_SETS]
    dev_truth = [labels[i] for i in dev]

    def dev_figures(threshold: float) -> dict[str, float]:
        return prf(dev_truth, [int(scores[i] >= threshold) for i in dev])

    threshold = max(
        THRESHOLDS, key=lambda t: (min(dev_figures(t)["precision"], dev_figures(t)["recall"]), -abs(t - 0.5))
    )
    cv = prf(labels, [int(p >= threshold) for p in scores])
    cv_dev = dev_figures(threshold)
    by_set = {
        name: prf([labels[i] for i in members], [int(scores[i] >= threshold) for i in members])
        for name, members in _members(kept).items()
    }
    for name, figures in by_set.items():
        print(f"  out-of-fold on {name:12} precision {figures['precision']:.3f} recall {figures['recall']:.3f}")
    print(
        f"chosen C={best}, threshold {threshold}: CV precision {cv['precision']:.3f} recall {cv['recall']:.3f}; "
        f"on the all-kinds items: precision {cv_dev['precision']:.3f} recall {cv_dev['recall']:.3f}"
    )

    # The learned part held out: trained on our own labels only (hard kinds), scored on the dev items of the
    # same kinds.
    own = [i for i, found in enumerate(kept) if found.item.source != "dev"]
    review_dev = [i for i in dev if kept[i].item.source == "dev"]
    hard_dev = [i for i in review_dev if kept[i].claim is not None and kept[i].claim.kind in HARD_KINDS]
    vectorizer, model = fit([rows[i] for i in own], [labels[i] for i in own], best)
    hard_scores = model.predict_proba(vectorizer.transform([rows[i] for i in hard_dev]))[:, 1]
    own_to_dev = prf([labels[i] for i in hard_dev], [int(p >= threshold) for p in hard_scores])
    print(
        f"trained on own labels only, on the review-labels dev counts/durations/quantities ({len(hard_dev)}): "
        f"precision {own_to_dev['precision']:.3f} recall {own_to_dev['recall']:.3f}"
    )

    if args.errors:
        for i, found in enumerate(kept):
            if int(scores[i] >= threshold) != labels[i]:
                claim = found.claim
                assert claim is not None
                s = surroundings(found.text, claim, found.quotes)
                print(
                    f"{found.item.item_id} {found.item.label[:5]} {'B' if found.item.borderline else ' '} "
                    f"{scores[i]:.2f} {claim.kind:9} {s.left[-70:]!s:>70}[[{claim.mention}]]{s.right[:50]}".replace(
                        "\n", " "
                    )
                )

    vectorizer, model = fit(rows, labels, best)
    weights, bias = weights_of(vectorizer, model)
    document = {
        "version": f"{date.today().isoformat()} logistic C={best}",
        "features": "kind, cues (decisive cues and kinds scaled by DECISIVE_SCALE), unit, magnitude",
        "trained_on": {name: len(members) for name, members in _members(kept).items()},
        "cross_validation": {"folds": FOLDS, "grouped_by": "article", **cv},
        "cross_validation_all_kinds": cv_dev,
        "cross_validation_by_set": by_set,
        "own_train_to_review_dev_hard_kinds": own_to_dev,
        "threshold": threshold,
        "bias": bias,
        "weights": weights,
    }
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
