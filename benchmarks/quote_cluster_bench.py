"""Quote clustering benchmarks.

(b) Pair precision/recall against BASIL's gold cross-outlet quote clusters (events 0–59). Two ways: clustering
    the gold spans themselves (measures the engine alone), and the real pipeline: ``extract_quotes`` on each
    article, cluster the extracted quotes, and let each gold span stand for the extracted quote that contains it
    (BASIL marks short phrases inside longer quotations). Pairs are gold members in different articles.
(c) Time and peak memory at 10k/100k/200k quotes: quoted strings taken from the ABP news corpus with a regex,
    plus realistic variants of them (case, punctuation, quote marks, dashes, dropped words, truncation, brackets,
    ellipses) so that there are real clusters to find. Targets on a 2-core machine: 100k in under 10 s, 200k in
    at most 2.3x the 100k time.

Run: ``python benchmarks/quote_cluster_bench.py [--sizes 10000,100000,200000] [--no-memory]``. Prints tables and
writes ``benchmarks/results/quote_cluster_bench.json``. Data comes from ``$WORKBENCH_SHARED_DATA`` or
``../shared/data`` next to the repository; without it the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import random
import re
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

from workbench.pipeline.cluster_quotes import QuoteItem, cluster_quotes, is_weak_quote
from workbench.pipeline.quotes import extract_quotes

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "quote_cluster_bench.json"
QUOTED = re.compile(r"[“\"]([^”\"\n]{3,600})[”\"]")
TARGET_100K_S = 10.0
TARGET_RATIO = 2.3


def shared_data() -> Path | None:
    path = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
    return path if path.is_dir() else None


# ---------------------------------------------------------------------------------------------- (b) BASIL


def pair_scores(members: Sequence[tuple[int, int]], gold: dict, predicted: Callable[[tuple[int, int]], Hashable]):
    """Pair precision/recall over members of different articles (member = (article index, quote index))."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(members, 2):
        if a[0] == b[0]:
            continue
        same_gold = a in gold and gold.get(a) == gold.get(b)
        same_pred = predicted(a) == predicted(b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pred_pairs": tp + fp, "gold_pairs": tp + fn, "tp": tp, "precision": precision, "recall": recall, "f1": f1}


def holder_precision(holder: dict, gold: dict, assigned: dict[int, int], owner: dict) -> float:
    """Precision over pairs of co-clustered extracted quotes (in different articles) that hold gold spans.

    One extracted quotation often holds spans of several gold clusters (BASIL clusters bias phrases, not
    quotations), so span-pair precision counts a right merge of two quotations as wrong; here a pair is right
    when any span of one is gold-linked to any span of the other.
    """
    labels: dict[int, set] = {}
    for member, quote_id in holder.items():
        if quote_id is not None:
            labels.setdefault(quote_id, set()).add(gold.get(member, member))
    right = wrong = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        if owner[a][0] != owner[b][0] and assigned[a] == assigned[b]:
            right += bool(labels[a] & labels[b])
            wrong += not labels[a] & labels[b]
    return right / (right + wrong) if right + wrong else 1.0


def basil_rows(data: Path) -> list[dict]:
    quotes_dir = data / "quotes"
    articles = [json.loads(line) for line in (quotes_dir / "basil-dev.jsonl").open(encoding="utf-8")]
    gold: dict[tuple[int, int], int] = {}
    for number, line in enumerate((quotes_dir / "basil-dev-clusters.jsonl").open(encoding="utf-8")):
        for article, quote in json.loads(line)["members"]:
            gold[(article, quote)] = number
    members = [(a, q) for a, article in enumerate(articles) for q in range(len(article["quotes"]))]
    spans = {(a, q): articles[a]["quotes"][q] for a, q in members}

    def gold_span_row(label: str, with_speakers: bool) -> dict:
        index = {member: i for i, member in enumerate(members)}
        items = [
            QuoteItem(
                i,
                str(a),
                articles[a]["text"][spans[(a, q)]["inner_start"] : spans[(a, q)]["inner_end"]],
                spans[(a, q)]["speaker_name"] if with_speakers else None,
                articles[a]["date"],
            )
            for (a, q), i in index.items()
        ]
        assigned = cluster_quotes(items)
        return {
            "row": label,
            "members": len(members),
            "matched": len(members),
            **pair_scores(members, gold, lambda m: assigned[index[m]]),
        }

    rows = [gold_span_row("gold spans, BASIL speakers", True), gold_span_row("gold spans, no speakers", False)]

    started = time.perf_counter()
    extracted = [extract_quotes(article["text"]) for article in articles]
    extract_s = time.perf_counter() - started
    items, owner = [], {}
    for a, quotes in enumerate(extracted):
        for quote in quotes:
            owner[len(items)] = (a, quote.start, quote.end)
            items.append(QuoteItem(len(items), str(a), quote.text, quote.speaker, articles[a]["date"]))
    assigned = cluster_quotes(items)
    by_article: dict[int, list[int]] = {}
    for item_id, (a, _, _) in owner.items():
        by_article.setdefault(a, []).append(item_id)

    def container(member: tuple[int, int]) -> int | None:
        span = spans[member]
        inside = [
            i
            for i in by_article.get(member[0], ())
            if owner[i][1] <= span["inner_start"] and span["inner_end"] <= owner[i][2]
        ]
        return min(inside, key=lambda i: owner[i][2] - owner[i][1]) if inside else None

    holder = {member: container(member) for member in members}
    matched = sum(h is not None for h in holder.values())
    rows.append(
        {
            "row": "extract_quotes + clustering",
            "members": len(members),
            "matched": matched,
            "extracted_quotes": len(items),
            "extract_s": round(extract_s, 2),
            "holder_precision": holder_precision(holder, gold, assigned, owner),
            **pair_scores(
                members, gold, lambda m: ("q", assigned[holder[m]]) if holder[m] is not None else ("unmatched", m)
            ),
        }
    )
    return rows


# --------------------------------------------------------------------------------------- (c) scale


def corpus_quotes(data: Path, limit: int) -> list[tuple[str, str]]:
    """(article id, quoted string) in corpus order, distinct strings only."""
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    with gzip.open(data / "corpus" / "abp-news.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            for match in QUOTED.finditer(article["text"]):
                text = match.group(1).strip()
                if text and text not in seen:
                    seen.add(text)
                    found.append((article["id"], text))
                    if len(found) >= limit:
                        return found
    return found


def _drop_word(words: list[str], rng: random.Random) -> list[str]:
    if len(words) >= 8:
        del words[rng.randrange(1, len(words) - 1)]
    return words


def _truncate(words: list[str], rng: random.Random) -> list[str]:
    if len(words) < 6:
        return words
    keep = max(4, int(len(words) * rng.uniform(0.4, 0.9)))
    start = rng.choice([0, 0, len(words) - keep])
    return words[start : start + keep]


def _bracket(words: list[str], rng: random.Random) -> list[str]:
    words.insert(rng.randrange(len(words) + 1), rng.choice(["[the president]", "[from the United States]", "[sic]"]))
    return words


def _ellipsis(words: list[str], rng: random.Random) -> list[str]:
    if len(words) >= 10:
        cut = rng.randrange(2, len(words) - 5)
        words[cut : cut + rng.randint(1, 3)] = [rng.choice(["...", "…", ". . ."])]
    return words


def _case(words: list[str], rng: random.Random) -> list[str]:
    return [w.lower() if rng.random() < 0.5 else w.capitalize() for w in words]


def _marks(words: list[str], rng: random.Random) -> list[str]:
    table = str.maketrans({"'": "’", "’": "'", "-": "—", "—": "-", ",": "", ";": ","})
    return [w.translate(table) for w in words]


def _edge(words: list[str], rng: random.Random) -> list[str]:
    if words:
        words[-1] = words[-1].rstrip(".,!?;:") + rng.choice([",", ".", "", "!"])
    return words


PERTURBATIONS = [_drop_word, _truncate, _bracket, _ellipsis, _case, _marks, _edge]


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    for change in rng.sample(PERTURBATIONS, rng.randint(1, 3)):
        words = change(words, rng) or words
    return " ".join(words)


def scale_items(pool: list[tuple[str, str]], size: int, seed: int = 7) -> tuple[list[QuoteItem], list[int]]:
    """``size`` quotes: originals from the pool plus 0–3 perturbed reprints each; and each item's planted group."""
    rng = random.Random(seed)
    items: list[QuoteItem] = []
    groups: list[int] = []
    for group, (article, text) in enumerate(pool):
        copies = rng.choices([0, 1, 2, 3], weights=[50, 25, 15, 10])[0]
        for copy in range(copies + 1):
            if len(items) >= size:
                return items, groups
            variant = text if copy == 0 else perturb(text, rng)
            items.append(QuoteItem(len(items), f"{article}/{copy}", variant, None))
            groups.append(group)
    return items, groups


def _pairs(counter: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def planted_scores(items: list[QuoteItem], groups: list[int], assigned: dict[int, int]) -> dict:
    """Pair precision/recall against the planted groups.

    Natural reprints of one quote across outlets count as false merges, so precision is a lower bound. Recall is
    also given for groups whose original is not a weak quote: weak quotes carry no speaker or date here, so the
    engine rightly keeps them in their own article.
    """
    n = len(groups)
    truth = _pairs(Counter(groups))
    predicted = _pairs(Counter(assigned[i] for i in range(n)))
    both = _pairs(Counter((assigned[i], groups[i]) for i in range(n)))
    strong_groups = {
        groups[i] for i in range(n) if i == 0 or groups[i] != groups[i - 1] if not is_weak_quote(items[i].text)
    }
    strong = [i for i in range(n) if groups[i] in strong_groups]
    strong_truth = _pairs(Counter(groups[i] for i in strong))
    strong_both = _pairs(Counter((assigned[i], groups[i]) for i in strong))
    return {
        "planted_precision": both / predicted if predicted else 1.0,
        "planted_recall": both / truth if truth else 1.0,
        "planted_recall_strong": strong_both / strong_truth if strong_truth else 1.0,
    }


def scale_rows(data: Path, sizes: list[int], memory: bool, repeats: int) -> list[dict]:
    """Best of ``repeats`` runs per size, wall and CPU time: a shared machine's other jobs only ever add time."""
    pool = corpus_quotes(data, max(sizes))
    rows = []
    for size in sizes:
        items, groups = scale_items(pool, size)
        walls, cpus = [], []
        for _ in range(repeats):
            wall, cpu = time.perf_counter(), time.process_time()
            assigned = cluster_quotes(items)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        seconds = min(walls)
        row = {
            "quotes": len(items),
            "seconds": round(seconds, 2),
            "cpu_seconds": round(min(cpus), 2),
            "clusters": len(set(assigned.values())),
            **planted_scores(items, groups, assigned),
        }
        if memory:
            tracemalloc.start()
            cluster_quotes(items)
            row["peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        rows.append(row)
        print(f"  {len(items):>7} quotes clustered in {seconds:.2f} s", file=sys.stderr, flush=True)
    return rows


# --------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,200000")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass (halves the run time)")
    parser.add_argument("--repeats", type=int, default=2, help="timed runs per size; the best is reported")
    args = parser.parse_args(argv)
    data = shared_data()
    if data is None:
        print("shared data not found (set WORKBENCH_SHARED_DATA or provide ../shared/data); nothing to benchmark")
        return 0

    basil = basil_rows(data)
    print("\n(b) BASIL dev, pairs of gold members across articles")
    print(f"{'row':<30} {'matched':>9} {'pred':>5} {'gold':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6} {'P quote':>8}")
    for row in basil:
        quote_level = f"{row['holder_precision']:>8.3f}" if "holder_precision" in row else f"{'-':>8}"
        print(
            f"{row['row']:<30} {row['matched']:>4}/{row['members']:<4} {row['pred_pairs']:>5} {row['gold_pairs']:>5}"
            f" {row['tp']:>4} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} {quote_level}"
        )
    print("P quote: precision over pairs of extracted quotations that hold gold spans (see holder_precision)")

    sizes = [int(s) for s in args.sizes.split(",") if s]
    scale = scale_rows(data, sizes, memory=not args.no_memory, repeats=max(1, args.repeats))
    print("\n(c) scale: ABP corpus quotes + perturbed reprints")
    print(
        f"{'quotes':>8} {'wall s':>7} {'cpu s':>6} {'clusters':>9} {'peak MiB':>9} {'planted P':>10}"
        f" {'planted R':>10} {'R strong':>9}"
    )
    for row in scale:
        print(
            f"{row['quotes']:>8} {row['seconds']:>7.2f} {row['cpu_seconds']:>6.2f} {row['clusters']:>9}"
            f" {row.get('peak_mib', '-'):>9}"
            f" {row['planted_precision']:>10.3f} {row['planted_recall']:>10.3f}"
            f" {row['planted_recall_strong']:>9.3f}"
        )
    by_size = {row["quotes"]: row["seconds"] for row in scale}
    verdicts = {}
    if 100_000 in by_size:
        verdicts["100k_under_10s"] = by_size[100_000] < TARGET_100K_S
    if 100_000 in by_size and 200_000 in by_size:
        verdicts["200k_over_100k_ratio"] = round(by_size[200_000] / by_size[100_000], 2)
        verdicts["ratio_within_2.3"] = by_size[200_000] <= TARGET_RATIO * by_size[100_000]
    if verdicts:
        print("\ntargets (wall time, best run):", json.dumps(verdicts))
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cpus")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "load_average": os.getloadavg()}
    RESULTS.write_text(
        json.dumps({"machine": machine, "basil": basil, "scale": scale, "targets": verdicts}, indent=2) + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
