"""Draw random corpus claims for hand-labelling check-worthiness, and show them in their sentence for reading.

The labels of benchmarks/labels/checkworthy_own.jsonl were made with this script (see benchmarks/labels/
CHECKWORTHY.md for the data card). Only article ids, offsets, the label and a short note are kept in the repository,
never article text: the script re-reads the text from a workbench database built from the shared corpus.

Items come only from articles on the dev side of the review-labels split (the same salted hash as
../shared/data/review-labels/README.md), and never from an article of the review-labels dev set, so neither the
review-labels test part nor the dev items can leak into what is trained or reported here.

    python benchmarks/checkworthy_sample.py --db corpus.db sample --set heldout --seed 20261313 --n 200
    python benchmarks/checkworthy_sample.py --db corpus.db show benchmarks/labels/checkworthy_own.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
from pathlib import Path

SPLIT_SALT = "labels-v1-37:"
HARD_KINDS = ("count", "duration", "quantity")
DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def dev_side(article_id: str) -> bool:
    """The review-labels split rule: an article whose hash falls under 60 is on the dev side."""
    return int(hashlib.sha256((SPLIT_SALT + article_id).encode()).hexdigest(), 16) % 100 < 60


def review_dev_articles(shared: Path) -> set[str]:
    path = shared / "review-labels" / "checkworthy-dev.jsonl"
    if not path.exists():
        return set()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return {row["article_id"] for row in rows if "about" not in row}


def sample(
    db: sqlite3.Connection,
    *,
    seed: int,
    n: int,
    kinds: tuple[str, ...] | None,
    exclude: set[tuple[str, int, int]],
    exclude_articles: set[str],
) -> list[tuple[str, int, int]]:
    """``n`` claims drawn with ``random.Random(seed).sample`` over the sorted ids of the eligible claims."""
    sql = (
        "SELECT c.id, a.source, c.start, c.end, c.kind FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE a.superseded_by IS NULL ORDER BY c.id"
    )
    eligible = [
        (source, start, end)
        for _, source, start, end, kind in db.execute(sql)
        if (kinds is None or kind in kinds)
        and dev_side(source)
        and source not in exclude_articles
        and (source, start, end) not in exclude
    ]
    return random.Random(seed).sample(eligible, n)


def show(db: sqlite3.Connection, items: list[dict]) -> None:
    """Each item in its sentence, the mention in [[ ]], with the previous sentence when the sentence is short."""
    for number, item in enumerate(items):
        row = db.execute(
            "SELECT c.kind, c.value, c.value_high, c.unit, c.hedge, c.role, c.target, c.sentence_start, "
            "c.sentence_end, a.text, a.id FROM claims c JOIN articles a ON a.id = c.article_id "
            "WHERE a.source = ? AND c.start = ? AND c.end = ? AND a.superseded_by IS NULL",
            [item["article_id"], item["start"], item["end"]],
        ).fetchone()
        if row is None:
            print(f"{number}\t{item['article_id']}:{item['start']}-{item['end']}\tNOT FOUND in this database")
            continue
        kind, value, high, unit, hedge, role, target, s_start, s_end, text, _ = row
        before = text[max(0, s_start - 160) : s_start] if s_end - s_start < 90 else ""
        shown = (
            text[s_start : item["start"]] + "[[" + text[item["start"] : item["end"]] + "]]" + text[item["end"] : s_end]
        )
        flags = " ".join(x for x in (hedge, role, "target" if target else None) if x)
        label = item.get("label", "")
        print(
            f"{number}\t{label}\t{kind} {value} {high or ''} {unit or ''} {flags}\t"
            f"{('…' + before.replace(chr(10), ' / ') + ' // ') if before else ''}{shown.replace(chr(10), ' / ')}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="a workbench database built from the corpus")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    sub = parser.add_subparsers(dest="command", required=True)
    draw = sub.add_parser("sample", help="print new items (JSON lines without labels)")
    draw.add_argument("--set", required=True, help="name of the set, kept with each item")
    draw.add_argument("--seed", type=int, required=True)
    draw.add_argument("--n", type=int, required=True)
    draw.add_argument("--hard", action="store_true", help=f"only the kinds {', '.join(HARD_KINDS)}")
    draw.add_argument("--kind", action="append", default=[], help="only this kind (repeatable)")
    draw.add_argument("--exclude", type=Path, action="append", default=[], help="label files already drawn")
    draw.add_argument(
        "--exclude-articles-of",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="leave out every article of this label file (e.g. the held-out items, so that no "
        "training item shares an article with them)",
    )
    look = sub.add_parser("show", help="print the items of a label file in their sentences")
    look.add_argument("labels", type=Path)
    args = parser.parse_args(argv)
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    if args.command == "show":
        show(db, [json.loads(line) for line in args.labels.open(encoding="utf-8")])
        return 0
    drawn = [json.loads(line) for path in args.exclude for line in path.open(encoding="utf-8")]
    exclude = {(d["article_id"], d["start"], d["end"]) for d in drawn}
    held_apart = {
        json.loads(line)["article_id"]
        for path in args.exclude_articles_of
        for line in path.open(encoding="utf-8")
        if line.strip()
    }
    kinds = tuple(args.kind) or (HARD_KINDS if args.hard else None)
    picked = sample(
        db,
        seed=args.seed,
        n=args.n,
        kinds=kinds,
        exclude=exclude,
        exclude_articles=review_dev_articles(args.shared) | held_apart,
    )
    for source, start, end in picked:
        print(json.dumps({"set": args.set, "seed": args.seed, "article_id": source, "start": start, "end": end}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
