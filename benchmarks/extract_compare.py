"""Extraction throughput and output of this checkout against another one (the code before a change), same run.

    python benchmarks/extract_compare.py --baseline DIR [--articles 500] [--rounds 5] [--corpus FILE ...]

``DIR`` is another checkout of the repository, e.g. ``git worktree add /tmp/before <commit>``. Each round runs
``analyze_text`` (sentences, quotes with speakers, claims with speakers: what ingest runs per article) over the
same articles once per checkout, each in a fresh interpreter, alternating which goes first; the best CPU time
(``time.process_time``, so other work on a shared machine skews the ratio less) of each counts, after an untimed
warm-up over the first 20 articles. Both run with the same ``PYTHONHASHSEED``, and the script also compares what
they extracted: the sentences, every field of every quote and claim (trace included) and each claim's
check-worthiness (label, score, cues). A restructuring must report "identical" for every corpus.

Articles come from each ``--corpus`` (JSON Lines, optionally gzipped, with ``text`` and optionally ``published``
and ``language``), the first N of each; by default ``../shared/data/corpus/abp-news.jsonl.gz`` and, where present,
the NewsQuant sentences and PolNeAR articles the accuracy benchmarks score (claims_eval.py, quotes_eval.py). Without
the corpus the script says so and exits 0. Prints a table per corpus and writes
``benchmarks/results/extract_compare.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "extract_compare.json"
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
HASH_SEED = "0"
DEFAULT_CORPORA = [
    SHARED / "corpus" / "abp-news.jsonl.gz",
    SHARED / "quantities" / "newsquant.jsonl",
    SHARED / "quotes" / "polnear-dev.jsonl",
]

# Runs in a fresh interpreter with the checkout first on sys.path; prints {"cpu": seconds, "digest": ...}.
WORKER = r"""
import gzip, hashlib, json, sys, time
root, corpus, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
import workbench
assert workbench.__file__.startswith(root), (workbench.__file__, root)
from workbench.pipeline.analyze import analyze_text
opener = gzip.open if corpus.endswith(".gz") else open
texts = []
with opener(corpus, "rt", encoding="utf-8") as handle:
    for line in handle:
        if len(texts) >= count:
            break
        row = json.loads(line)
        texts.append((row["text"], row.get("published"), row.get("language") or "en"))
for text, published, language in texts[:20]:
    analyze_text(text, published, language)
began = time.process_time()
results = [analyze_text(text, published, language) for text, published, language in texts]
cpu = time.process_time() - began
digest = hashlib.sha256()
for result in results:
    digest.update(json.dumps(result.sentences).encode())
    for item in (*result.quotes, *result.claims):
        digest.update(json.dumps(item.model_dump(), sort_keys=True).encode())
    for assessment in result.checkworthiness:
        digest.update(json.dumps([assessment.label, assessment.score, assessment.cues]).encode())
print(json.dumps({"cpu": cpu, "digest": digest.hexdigest(), "articles": len(texts),
                  "quotes": sum(len(r.quotes) for r in results), "claims": sum(len(r.claims) for r in results)}))
"""


def measure(root: Path, corpus: Path, articles: int) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(root.resolve()), str(corpus), str(articles)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"extract_compare: the run in {root} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="another checkout (the code before)")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--corpus", type=Path, action="append", help="JSON Lines to extract (repeatable; default: see above)"
    )
    args = parser.parse_args()
    corpora = args.corpus or [path for path in DEFAULT_CORPORA if path.exists()]
    if not corpora or not corpora[0].exists():
        print(f"extract_compare: {corpora[0] if corpora else DEFAULT_CORPORA[0]} not found; nothing to compare.")
        return 0
    if not (args.baseline / "workbench" / "pipeline" / "analyze.py").exists():
        print(f"extract_compare: {args.baseline} is no checkout of workbench", file=sys.stderr)
        return 2
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    print(f"best of {args.rounds} rounds (CPU seconds), load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    reports = {str(corpus): compare(args.baseline, corpus, args.articles, args.rounds) for corpus in corpora}
    identical = all(report["identical"] for report in reports.values())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "baseline": str(args.baseline),
                "articles": args.articles,
                "rounds": args.rounds,
                "corpora": reports,
                "identical": identical,
                "loadavg": load,
                "python": platform.python_version(),
            },
            indent=2,
        )
        + "\n"
    )
    return 0 if identical else 1


def compare(baseline: Path, corpus: Path, articles: int, rounds: int) -> dict:
    """Both checkouts over the first ``articles`` of one corpus, interleaved; prints its table."""
    runs: dict[str, list[dict]] = {"baseline": [], "this checkout": []}
    trees = {"baseline": baseline, "this checkout": ROOT}
    for round_ in range(rounds):
        order = list(trees) if round_ % 2 == 0 else list(reversed(trees))
        for name in order:
            runs[name].append(measure(trees[name], corpus, articles))
    best = {name: min(r["cpu"] for r in results) for name, results in runs.items()}
    first = {name: results[0] for name, results in runs.items()}
    identical = len({r["digest"] for results in runs.values() for r in results}) == 1
    ratio = best["this checkout"] / best["baseline"]
    print(f"\n{corpus.name}: {first['baseline']['articles']} articles")
    print(f"{'checkout':<16}{'best s':>10}{'articles/s':>12}{'quotes':>9}{'claims':>9}")
    for name, seconds in best.items():
        print(
            f"{name:<16}{seconds:>10.3f}{first[name]['articles'] / max(seconds, 1e-9):>12.1f}"
            f"{first[name]['quotes']:>9}{first[name]['claims']:>9}"
        )
    print(
        f"time ratio this/baseline: {ratio:.3f} ({(ratio - 1) * 100:+.1f}%); output "
        f"{'identical' if identical else 'DIFFERS'}"
    )
    return {"runs": runs, "best_cpu_s": best, "ratio": ratio, "identical": identical}


if __name__ == "__main__":
    sys.exit(main())
