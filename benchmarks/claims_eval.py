"""Score the claim extractor against public quantity annotations, side by side with quantulum3.

Data (never copied into the repository): ``../shared/data/quantities`` next to the repository, or
``$WORKBENCH_SHARED_DATA/quantities``. Without it the script says so and exits with status 0.

What is scored, and how the annotation conventions are mapped:

* **NewsQuant** (``newsquant.jsonl``, 590 news sentences, character offsets, end exclusive). NewsQuant does not
  annotate years, dates or ordinals, so our ``year``, ``year_range`` and ``date`` claims are left out before
  scoring. quantulum3 has no such kinds; as a courtesy to it, its bare four-digit numbers between 1500 and 2099
  with no unit are left out too (otherwise every year would count against it). The one gold quantity without a
  span is left out.
* **Recognizers-Text English specs** (``recognizers/*.json``, ``End`` inclusive, so the span is
  ``[Start, End + 1)``). Each model annotates one type, so each system's predictions are narrowed to that type:
  Currency: our ``money``, quantulum3's ``currency`` entity; Percent: our ``percent``, its ``percentage`` unit;
  Dimension (length, weight, speed, volume, area, angle, information): our ``quantity`` and measure counts
  (barrels), its entities other than dimensionless, currency and time; Age: our ``duration``, its ``time``
  entity. These four are the fair rows. NumberModel annotates every bare number, and NumberRange every
  comparison ("bigger than 30"), which is not our task (a bare number is a claim only with a hedge, scale or
  change); they are shown as a separate, informational block and are not part of the targets.

Span matching, two ways: **overlap** (a prediction and a gold span that share at least one character, paired
one-to-one, largest overlap first) and **exact** (same start and end). Precision, recall and F1 are computed on
the pairs. **Value accuracy** is the share of overlap-matched gold quantities, among those with a numeric gold
value, whose value the system got within 0.5% relative (both ends for ranges; a gold range checks our
``value``/``value_high`` and quantulum3's ``value ± uncertainty``). Gold values are taken as annotated, so our
currency conversions (pence to pounds, tomans to rials) and unit folding ("bcm") count as misses.

Throughput: each system runs over the same texts (all scored sentences, one call per text) and, when the news
corpus is present, over a sample of whole articles; the best of N interleaved runs counts, each after an
untimed warm-up pass, measured in CPU time of the process (``time.process_time``) so that other work on a
shared machine does not skew the ratio. ``full call`` is
``extract_claims(text)`` as ingest calls it, quote extraction and speaker attribution included; ``claims only``
is the same call with those (``scan_quotations``, ``extract_quotes``, ``claim_speakers``, other modules' work)
replaced by no-ops, which measures the extractor itself. The table gives both ratios to quantulum3, labelled.
Results also go to ``benchmarks/results/claims_eval.json``.

Before/after, same run: ``--baseline DIR`` names a checkout of another revision (``git worktree add /tmp/old
REV``). Both extractors are then timed the same way, each pass in a fresh process that imports ``workbench`` from
its own tree (this checkout, or DIR), the processes interleaved (this, baseline, this, baseline, ...), best of
``--repeats``; the table gives this/baseline throughput for both timings. A drop of more than 5% is a regression.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("WORKBENCH_SHARED_DATA", REPO.parent / "shared" / "data"))
RESULTS = REPO / "benchmarks" / "results" / "claims_eval.json"
FAIR_SPECS = ("Currency", "Percent", "Dimension", "Age")
INFO_SPECS = ("Number", "NumberRange")
VALUE_TOLERANCE = 0.005
FULL_CALL, CLAIMS_ONLY = "full call", "claims only"  # the two timings of our extractor, see the docstring


@dataclass
class Quantity:
    """One gold or predicted quantity: a span and its value (``high`` for the upper end of a range)."""

    start: int
    end: int
    value: float | None
    high: float | None = None
    tag: str = ""  # the kind (ours), entity or unit (quantulum3), used to narrow predictions to one type


@dataclass
class Case:
    text: str
    gold: list[Quantity]


@dataclass
class Score:
    dataset: str
    system: str
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    exact_f1: float
    value_accuracy: float
    valued_matches: int


# ----------------------------------------------------------------------------------------------------------------
# Gold data


def load_newsquant(folder: Path) -> list[Case]:
    cases = []
    with open(folder / "newsquant.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            gold = []
            for q in row["quantities"]:
                if q["start"] is None:
                    continue
                low, high = q["range"] if q["range"] else (q["value"], None)
                gold.append(Quantity(q["start"], q["end"], low, high))
            cases.append(Case(row["text"], gold))
    return cases


def _float(raw: object) -> float | None:
    if raw is None or raw == "null":
        return None
    try:
        return float(str(raw).rstrip("%"))
    except ValueError:
        return None


def _interval(raw: str | None) -> tuple[float | None, float | None]:
    """ "(100,300)" gives (100, 300); "[3965,)" gives (3965, None); "(,1000)" gives (1000, None)."""
    if not raw or raw == "null":
        return None, None
    low_text, _, high_text = raw.strip("[]()").partition(",")
    low, high = _float(low_text or None), _float(high_text or None)
    if low is None:
        return high, None
    return low, high


def load_recognizers(folder: Path, model: str) -> list[Case]:
    with open(folder / "recognizers" / f"{model}Model.json", encoding="utf-8-sig") as handle:
        spec = json.load(handle)
    cases = []
    for case in spec:
        gold = []
        for result in case.get("Results", []):
            resolution = result.get("Resolution") or {}
            if model == "NumberRange":
                low, high = _interval(resolution.get("value"))
            else:
                low, high = _float(resolution.get("value")), None
            gold.append(Quantity(result["Start"], result["End"] + 1, low, high))
        cases.append(Case(case["Input"], gold))
    return cases


# ----------------------------------------------------------------------------------------------------------------
# Systems


def workbench_system() -> Callable[[str], list[Quantity]]:
    from workbench.pipeline.claims import extract_claims

    def run(text: str) -> list[Quantity]:
        return [
            Quantity(c.start, c.end, c.value, c.value_high, c.kind + ":" + (c.unit or "")) for c in extract_claims(text)
        ]

    return run


@contextlib.contextmanager
def speaker_attribution_skipped():
    """Time the extractor alone: quotes and speakers belong to another module and have their own cost."""
    try:  # the module that calls them: the package's driver, or the single module of older revisions
        claims = importlib.import_module("workbench.pipeline.claims.extract")
    except ImportError:
        claims = importlib.import_module("workbench.pipeline.claims")

    saved = claims.scan_quotations, claims.extract_quotes, claims.claim_speakers
    claims.scan_quotations = claims.extract_quotes = lambda text: []
    claims.claim_speakers = lambda text, spans, quotes, sentences: [None] * len(spans)
    try:
        yield
    finally:
        claims.scan_quotations, claims.extract_quotes, claims.claim_speakers = saved


def quantulum_system() -> Callable[[str], list[Quantity]] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def run(text: str) -> list[Quantity]:
        found = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = parser.parse(text)
        for q in parsed:
            uncertainty = getattr(q, "uncertainty", None)
            low, high = (q.value - uncertainty, q.value + uncertainty) if uncertainty else (q.value, None)
            tag = f"{q.unit.entity.name}:{q.unit.name}"
            found.append(Quantity(q.span[0], q.span[1], low, high, tag))
        return found

    return run


def _is_bare_year(text: str, q: Quantity) -> bool:
    surface = text[q.start : q.end].strip()
    return (
        len(surface) == 4
        and surface.isdigit()
        and 1500 <= int(surface) <= 2099
        and q.tag.startswith("dimensionless:dimensionless")
    )


# Which predictions each dataset scores, per system: (ours, quantulum3).
def _ours(kinds: set[str]) -> Callable[[str, Quantity], bool]:
    return lambda text, q: q.tag.split(":")[0] in kinds or ("quantity" in kinds and q.tag == "count:barrel")


FILTERS: dict[str, tuple[Callable[[str, Quantity], bool], Callable[[str, Quantity], bool]]] = {
    "NewsQuant": (
        lambda text, q: q.tag.split(":")[0] not in ("year", "year_range", "date"),
        lambda text, q: not _is_bare_year(text, q),
    ),
    "Currency": (_ours({"money"}), lambda text, q: q.tag.startswith("currency:")),
    "Percent": (_ours({"percent"}), lambda text, q: q.tag.endswith(":percentage")),
    "Dimension": (
        _ours({"quantity"}),
        lambda text, q: q.tag.split(":")[0] not in ("dimensionless", "currency", "time"),
    ),
    "Age": (_ours({"duration"}), lambda text, q: q.tag.startswith("time:")),
    "Number": (lambda text, q: True, lambda text, q: True),
    "NumberRange": (lambda text, q: True, lambda text, q: True),
}


# ----------------------------------------------------------------------------------------------------------------
# Scoring


def _pairs(gold: list[Quantity], predicted: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((overlap, gi, pi))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def _close(expected: float, got: float | None) -> bool:
    if got is None:
        return False
    return abs(expected - got) <= VALUE_TOLERANCE * max(abs(expected), 1e-9)


def _value_right(gold: Quantity, predicted: Quantity) -> bool:
    if gold.high is None:
        return _close(gold.value, predicted.value)
    return _close(gold.value, predicted.value) and _close(gold.high, predicted.high)


def _f1(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(dataset: str, system: str, cases: list[Case], predictions: list[list[Quantity]]) -> Score:
    n_gold = n_pred = tp = exact = valued = right = 0
    for case, predicted in zip(cases, predictions, strict=True):
        n_gold += len(case.gold)
        n_pred += len(predicted)
        pairs = _pairs(case.gold, predicted)
        tp += len(pairs)
        exact += sum(1 for g, p in pairs if (g.start, g.end) == (p.start, p.end))
        for g, p in pairs:
            if g.value is None:
                continue
            valued += 1
            right += _value_right(g, p)
    precision, recall, f1 = _f1(tp, n_pred, n_gold)
    exact_f1 = _f1(exact, n_pred, n_gold)[2]
    return Score(
        dataset, system, n_gold, n_pred, precision, recall, f1, exact_f1, right / valued if valued else 0.0, valued
    )


def predict(
    run: Callable[[str], list[Quantity]], keep: Callable[[str, Quantity], bool], cases: list[Case]
) -> list[list[Quantity]]:
    return [[q for q in run(case.text) if keep(case.text, q)] for case in cases]


def _seconds(run: Callable[[str], object], texts: list[str]) -> float:
    """CPU seconds of this process: on a shared machine, wall time also counts other people's work."""
    began = time.process_time()
    for text in texts:
        run(text)
    return time.process_time() - began


def throughput(runs: dict[str, Callable[[str], object]], texts: list[str], repeats: int) -> dict[str, float]:
    """Characters per second of each run, best of ``repeats`` passes over ``texts``.

    The passes are interleaved (A, B, C, A, B, C, ...) so that a busy moment on a shared machine slows every
    system alike instead of one system's whole measurement; each timed pass follows an untimed one over the
    same texts, so every system is measured warm rather than in the caches the previous system left.
    """
    best = {name: float("inf") for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            with speaker_attribution_skipped() if name == CLAIMS_ONLY else contextlib.nullcontext():
                _seconds(run, texts)
                best[name] = min(best[name], _seconds(run, texts))
    size = sum(map(len, texts))
    return {name: size / seconds if seconds > 0 else float("inf") for name, seconds in best.items()}


def _child_seconds(tree: Path, mode: str, texts_file: Path) -> float:
    """CPU seconds of one warm pass of ``tree``'s extractor over the texts, measured in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(texts_file)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out.split()[-1])


def side_by_side(trees: dict[str, Path], texts: list[str], repeats: int) -> dict[str, dict[str, float]]:
    """Characters per CPU second of each tree's extractor, both timings, best of ``repeats`` interleaved passes."""
    best = {(name, mode): float("inf") for name in trees for mode in (FULL_CALL, CLAIMS_ONLY)}
    with tempfile.TemporaryDirectory() as folder:
        texts_file = Path(folder) / "texts.json"
        texts_file.write_text(json.dumps(texts))
        for _ in range(repeats):
            for mode in (FULL_CALL, CLAIMS_ONLY):
                for name, tree in trees.items():
                    best[name, mode] = min(best[name, mode], _child_seconds(tree, mode, texts_file))
    size = sum(map(len, texts))
    return {name: {mode: size / best[name, mode] for mode in (FULL_CALL, CLAIMS_ONLY)} for name in trees}


def _child(mode: str, texts_file: str) -> int:
    """One timed pass after an untimed one, in this process; prints its CPU seconds (for ``side_by_side``)."""
    texts = json.loads(Path(texts_file).read_text())
    run = workbench_system()
    with speaker_attribution_skipped() if mode == CLAIMS_ONLY else contextlib.nullcontext():
        _seconds(run, texts)
        print(_seconds(run, texts))
    return 0


def corpus_sample(folder: Path, count: int) -> list[str]:
    path = folder / "corpus" / "abp-news.jsonl.gz"
    if not path.is_file():
        return []
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index % 100 == 0:
                texts.append(json.loads(line)["text"])
                if len(texts) >= count:
                    break
    return texts


# ----------------------------------------------------------------------------------------------------------------
# Report


def _table(rows: Iterable[Score]) -> str:
    lines = [
        f"{'dataset':<12} {'system':<11} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'F1 exact':>8} {'value acc':>9}"
    ]
    for r in rows:
        lines.append(
            f"{r.dataset:<12} {r.system:<11} {r.gold:>5} {r.predicted:>5} {r.precision:>6.3f} "
            f"{r.recall:>6.3f} {r.f1:>6.3f} {r.exact_f1:>8.3f} {r.value_accuracy:>9.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timing runs per system (best counts)")
    parser.add_argument("--articles", type=int, default=10, help="news articles in the long-text timing")
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        type=Path,
        help="a checkout of another revision: time its extractor against this one, same run",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "TEXTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(*args.child)
    if args.baseline is not None and not (args.baseline / "workbench" / "pipeline").is_dir():
        parser.error(f"--baseline {args.baseline}: no workbench/pipeline in it; give a checkout of the repository")

    folder = SHARED_DATA / "quantities"
    if not folder.is_dir():
        print(f"claims_eval: {folder} is not available; nothing to score.")
        return 0

    systems: dict[str, Callable[[str], list[Quantity]]] = {"workbench": workbench_system()}
    quantulum = quantulum_system()
    if quantulum is None:
        print("claims_eval: quantulum3 is not installed (pip install -e '.[bench]'); scoring workbench alone.")
    else:
        systems["quantulum3"] = quantulum

    datasets = {"NewsQuant": load_newsquant(folder)}
    for model in FAIR_SPECS + INFO_SPECS:
        datasets[model] = load_recognizers(folder, model)

    scores: list[Score] = []
    for name, cases in datasets.items():
        for system, run in systems.items():
            keep = FILTERS[name][0 if system == "workbench" else 1]
            scores.append(score(name, system, cases, predict(run, keep, cases)))

    fair = [s for s in scores if s.dataset not in INFO_SPECS]
    info = [s for s in scores if s.dataset in INFO_SPECS]
    print("Span match: overlap, one-to-one; value accuracy within 0.5% relative on overlap-matched gold.\n")
    print(_table(fair))
    print("\nInformational (every bare number / comparison; not our task):")
    print(_table(info))

    scored_texts = [case.text for name, cases in datasets.items() if name not in INFO_SPECS for case in cases]
    articles = corpus_sample(SHARED_DATA, args.articles)
    timing: dict[str, dict[str, float]] = {}
    runs = {FULL_CALL: systems["workbench"], CLAIMS_ONLY: systems["workbench"]}
    runs.update((name, run) for name, run in systems.items() if name != "workbench")
    for label, texts in (("sentences", scored_texts), ("articles", articles)):
        if not texts:
            continue
        timing[label] = throughput(runs, texts, args.repeats)
    print(f"\nThroughput, characters per CPU second (best of {args.repeats}):")
    print(f"  {FULL_CALL:<11} = extract_claims(text) as ingest calls it: claims, quote extraction, speaker attribution")
    print(f"  {CLAIMS_ONLY:<11} = the same call with quotes and speakers replaced by no-ops: the claim extractor alone")
    ratio_names = [FULL_CALL, CLAIMS_ONLY] if "quantulum3" in runs else []
    print(
        f"{'texts':<10} {'chars':>9} "
        + " ".join(f"{name:>12}" for name in runs)
        + "".join(f" {name + ' / q3':>17}" for name in ratio_names)
    )
    sizes = {"sentences": sum(map(len, scored_texts)), "articles": sum(map(len, articles))}
    for label, rates in timing.items():
        base = rates.get("quantulum3")
        print(
            f"{label:<10} {sizes[label]:>9} "
            + " ".join(f"{rates[n]:>12,.0f}" for n in runs)
            + "".join(f" {rates[n] / base:>16.0f}x" for n in ratio_names)
        )

    versus: dict[str, dict[str, dict[str, float]]] = {}
    if args.baseline is not None:
        trees = {"this": REPO, "baseline": args.baseline.resolve()}
        print(
            f"\nThis checkout against {trees['baseline']}, characters per CPU second (best of {args.repeats}, "
            "fresh processes, interleaved):"
        )
        print(f"{'texts':<10} {'timing':<12} {'this':>12} {'baseline':>12} {'this/base':>10}")
        for label, texts in (("sentences", scored_texts), ("articles", articles)):
            if not texts:
                continue
            versus[label] = side_by_side(trees, texts, args.repeats)
            for mode in (FULL_CALL, CLAIMS_ONLY):
                this, base = versus[label]["this"][mode], versus[label]["baseline"][mode]
                print(f"{label:<10} {mode:<12} {this:>12,.0f} {base:>12,.0f} {this / base:>9.3f}x")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "scores": [asdict(s) for s in scores],
                "throughput_chars_per_second": timing,
                "against_baseline": {
                    "baseline": str(args.baseline) if args.baseline else None,
                    "chars_per_second": versus,
                },
                "timed_characters": sizes,
                "repeats": args.repeats,
                "value_tolerance": VALUE_TOLERANCE,
            },
            indent=2,
        )
    )
    print(f"\nwrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
