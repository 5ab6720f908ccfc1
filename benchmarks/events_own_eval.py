"""Cross-outlet linking and conflict flags on the team's own held-out events set (``labels/events_own.json``).

The dev set in ``../shared/data/events`` is what the linking rules and conflict vetoes were tuned on; this set of
other events tells whether they carry over. The labels hold only article ids and character offsets, so this script
cuts the articles out of the corpus (byte for byte) and the ``find`` strings out of their text at run time, writes a
``gold.json``-shaped file and an ``events.jsonl`` into ``benchmarks/results/events-own/`` (git-ignored), and then
measures exactly as ``events_eval.py`` does: ingested alone and with the first 3,000 corpus articles, re-clustered
by the current code, exported and scored by the dev set's ``score_events.py``. Prints a table and writes
``benchmarks/results/events_own_eval.json``.

Run: ``python benchmarks/events_own_eval.py [--labels events_own2] [--rebuild] [--corpus FILE] [--details]``.
``--labels`` picks another labelled set of the same shape (a name in ``labels/`` or a path; default ``events_own``,
the first held-out set); each set keeps its own databases and results. Without ``../shared/data`` the script says so
and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_cluster_bench import shared_data  # noqa: E402
from events_eval import RESULTS, _corpus_slice, _ingest, _print, _score  # noqa: E402

LABELS = Path(__file__).resolve().parent / "labels"
REFERENCE_LISTS = ("claim_must_not_link", "claim_conflicts", "quote_must_not_link")
CLUSTER_LISTS = ("claim_clusters", "quote_clusters")


class LabelError(ValueError):
    """A label that no longer points at a unique span of its article (the corpus or the labels changed)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="JSONL of corpus articles to add (first 3,000)")
    parser.add_argument("--rebuild", action="store_true", help="ingest the databases again")
    parser.add_argument("--details", action="store_true", help="print the scorer's per-pair details (alone)")
    parser.add_argument("--labels", default="events_own", help="labelled set: a name in labels/ or a JSON path")
    args = parser.parse_args(argv)
    labels_path = Path(args.labels) if args.labels.endswith(".json") else LABELS / f"{args.labels}.json"
    stem = labels_path.stem.replace("_", "-")
    own = RESULTS / stem
    data = shared_data()
    if data is None:
        print("no ../shared/data: nothing to measure")
        return 0
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    own.mkdir(parents=True, exist_ok=True)
    articles = own / "events.jsonl"
    gold = own / "gold.json"
    try:
        texts = _write_articles(data / "corpus" / "abp-news.jsonl.gz", labels, articles)
        gold.write_text(json.dumps(build_gold(labels, texts), indent=1, ensure_ascii=False), encoding="utf-8")
    except LabelError as error:
        print(f"{labels_path}: {error}", file=sys.stderr)
        return 1
    events = data / "events"
    corpus = args.corpus or _corpus_slice(data)
    report = {}
    for name, inputs in (("alone", [articles]), ("with corpus", [corpus, articles])):
        built = RESULTS / f"{stem}-{'alone' if name == 'alone' else 'corpus3000'}.db"
        if args.rebuild or not built.exists():
            _ingest(built, inputs)
        report[name] = _score(built, events, gold)
    _print(report)
    (RESULTS / f"{labels_path.stem}_eval.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    if args.details:
        export = RESULTS / f"{stem}-alone-recluster.export"
        subprocess.run([sys.executable, str(events / "score_events.py"), str(gold), str(export), "--details"])
    return 0


def build_gold(labels: dict, texts: dict[str, str]) -> dict:
    """Return ``labels`` in gold.json's shape: every ``start``/``end`` reference becomes the ``find`` it spans.

    The scorer locates a member by its ``find`` string, which must occur exactly once in the article; a span that
    does not (a changed corpus line, a mistyped offset) is an error rather than a silently moved label.
    """
    gold = {key: value for key, value in labels.items() if key not in CLUSTER_LISTS + REFERENCE_LISTS}
    for key in CLUSTER_LISTS:
        gold[key] = [
            {**cluster, "members": [_with_find(member, texts) for member in cluster["members"]]}
            for cluster in labels.get(key, [])
        ]
    for key in REFERENCE_LISTS:
        gold[key] = [
            {**pair, "a": _with_find(pair["a"], texts), "b": _with_find(pair["b"], texts)}
            for pair in labels.get(key, [])
        ]
    return gold


def _with_find(reference: dict, texts: dict[str, str]) -> dict:
    article, start, end = reference["article"], reference["start"], reference["end"]
    text = texts.get(article)
    if text is None:
        raise LabelError(f"article {article} is not in the corpus")
    find = text[start:end]
    if not find or text.count(find) != 1:
        raise LabelError(f"article {article} [{start}:{end}] does not span a unique string ({find!r})")
    member = {key: value for key, value in reference.items() if key not in ("start", "end")}
    return {**member, "find": find}


def _write_articles(corpus: Path, labels: dict, out: Path) -> dict[str, str]:
    """Copy the labelled articles' corpus lines to ``out`` unchanged; return their texts by id."""
    wanted = {article for event in labels["events"] for article in event["articles"]}
    lines: dict[str, str] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as corpus_lines:
        for line in corpus_lines:
            record = json.loads(line)
            if record.get("id") in wanted:
                lines[record["id"]] = line if line.endswith("\n") else line + "\n"
    missing = sorted(wanted - set(lines))
    if missing:
        raise LabelError(f"articles not in {corpus}: {', '.join(missing)}")
    ordered = [lines[article] for event in labels["events"] for article in event["articles"]]
    out.write_text("".join(ordered), encoding="utf-8")
    return {article: json.loads(line)["text"] for article, line in lines.items()}


if __name__ == "__main__":
    raise SystemExit(main())
