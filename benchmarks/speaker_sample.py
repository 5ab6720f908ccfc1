"""Draw random corpus direct quotes for hand-labelling their speakers, and show each in its paragraphs for reading.

The labels of benchmarks/labels/speakers_own.jsonl were made with this script (benchmarks/labels/SPEAKERS.md is
their data card). Only article ids, the quote's offsets, the true speaker and an error class are kept in the
repository, never article text: the script re-reads the text from a workbench database built from the corpus.

Items come only from articles on the dev side of the review-labels split (the salted hash of
../shared/data/review-labels/README.md) and from none of the review-labels dev articles, and the population is
the one of review-labels' speaker set: direct quotes of at least five words.

    python benchmarks/speaker_sample.py --db corpus.db sample --seed 20261320 --n 120 > drawn.jsonl
    python benchmarks/speaker_sample.py --db corpus.db show drawn.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkworthy_sample import DEFAULT_SHARED, dev_side  # noqa: E402

BEFORE, AFTER = 700, 300  # characters shown around a quote (the labeller opened the article further when needed)


def review_dev_articles(shared: Path) -> set[str]:
    """Articles of both review-labels dev sets: none of them is drawn again."""
    found: set[str] = set()
    for name in ("checkworthy-dev.jsonl", "speakers-dev.jsonl"):
        path = shared / "review-labels" / name
        if path.exists():
            rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
            found |= {row["article_id"] for row in rows if "about" not in row}
    return found


def sample(db: sqlite3.Connection, *, seed: int, n: int, exclude_articles: set[str]) -> list[tuple[str, int, int]]:
    """``n`` direct quotes of at least five words, ``random.Random(seed).sample`` over their sorted ids."""
    sql = (
        "SELECT q.id, a.source, q.start, q.end, q.text FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE a.superseded_by IS NULL AND q.kind = 'direct' ORDER BY q.id"
    )
    eligible = [
        (source, start, end)
        for _, source, start, end, text in db.execute(sql)
        if len(text.split()) >= 5 and dev_side(source) and source not in exclude_articles
    ]
    return random.Random(seed).sample(eligible, n)


def show(db: sqlite3.Connection, items: list[dict], *, hide_speaker: bool = False) -> None:
    """Each quote marked with ⟦ ⟧ in about a thousand characters of its article, with the stored speaker unless
    ``hide_speaker`` (held-out items are labelled without seeing what the workbench said)."""
    for number, item in enumerate(items):
        row = db.execute(
            "SELECT q.speaker, q.cue, a.text FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE a.source = ? AND q.start = ? AND q.end = ? AND a.superseded_by IS NULL",
            [item["article_id"], item["start"], item["end"]],
        ).fetchone()
        if row is None:
            print(f"== {number} {item['article_id']}:{item['start']}-{item['end']} NOT FOUND in this database\n")
            continue
        speaker, cue, text = row
        start, end = item["start"], item["end"]
        shown = text[max(0, start - BEFORE) : start] + "⟦" + text[start:end] + "⟧" + text[end : end + AFTER]
        stored = "" if hide_speaker else f" stored speaker {speaker!r} cue {cue!r}"
        print(f"== {number} {item['article_id']}:{start}-{end}{stored}")
        print(shown.replace("\n\n", " ¶ ").replace("\n", " / ") + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="a workbench database built from the corpus")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    sub = parser.add_subparsers(dest="command", required=True)
    draw = sub.add_parser("sample", help="print new items (JSON lines without labels)")
    draw.add_argument("--seed", type=int, required=True)
    draw.add_argument("--n", type=int, required=True)
    look = sub.add_parser("show", help="print the items of a file in their paragraphs")
    look.add_argument("items", type=Path)
    look.add_argument("--hide-speaker", action="store_true", help="leave out the stored speaker (held-out items)")
    args = parser.parse_args(argv)
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    if args.command == "show":
        show(
            db,
            [json.loads(line) for line in args.items.open(encoding="utf-8") if line.strip()],
            hide_speaker=args.hide_speaker,
        )
        return 0
    for source, start, end in sample(db, seed=args.seed, n=args.n, exclude_articles=review_dev_articles(args.shared)):
        print(json.dumps({"seed": args.seed, "article_id": source, "start": start, "end": end}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
