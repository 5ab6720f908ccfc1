"""Draw a fresh blind held-out sample of claims and direct quotes from corpus articles that no label set has touched.

The held-out parts of benchmarks/labels/ had been scored (and their articles read) several times, so issue 13's
last round scores a new sample instead: claims and direct quotes of articles that appear in no label file of
benchmarks/labels/ and in neither review-labels dev set, on the dev side of the review-labels split (so the
review-labels test articles are never read). The items are printed as JSON lines without labels; the labeller
reads them with ``checkworthy_sample.py show`` and ``speaker_sample.py show --hide-speaker``, i.e. without the
workbench's label or speaker, and writes the label into the line.

    python benchmarks/fresh_heldout_sample.py --db corpus.db claims --seed 20261330 --n 100
    python benchmarks/fresh_heldout_sample.py --db corpus.db quotes --seed 20261331 --n 40
    python benchmarks/fresh_heldout_sample.py --db corpus.db claims --seed 20261340 --n 150 --set fresh2

Every later draw leaves out the articles of every earlier one, because each label file is read for its article ids;
to reproduce a draw, point --labels at a copy of benchmarks/labels/ without the file that the draw produced.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checkworthy_sample  # noqa: E402
import speaker_sample  # noqa: E402
from checkworthy_sample import DEFAULT_SHARED  # noqa: E402

LABELS = Path(__file__).resolve().parent / "labels"
ARTICLE_ID = re.compile(r"^[A-Za-z0-9]{16}$")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def labelled_articles(labels: Path, shared: Path) -> set[str]:
    """Every article id named anywhere in a label file (pairs and story keys included), so none is drawn again."""
    found = speaker_sample.review_dev_articles(shared)
    for path in sorted(labels.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                found |= {s for s in _strings(json.loads(line)) if ARTICLE_ID.match(s)}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="a workbench database built from the corpus")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--labels", type=Path, default=LABELS, help="folder of label files whose articles are left out")
    parser.add_argument("what", choices=("claims", "quotes"))
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--set", default="fresh", help="name of the set, kept with each item (default: fresh)")
    args = parser.parse_args(argv)
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    apart = labelled_articles(args.labels, args.shared)
    if args.what == "claims":
        picked = checkworthy_sample.sample(
            db, seed=args.seed, n=args.n, kinds=None, exclude=set(), exclude_articles=apart
        )
    else:
        picked = speaker_sample.sample(db, seed=args.seed, n=args.n, exclude_articles=apart)
    for source, start, end in picked:
        print(json.dumps({"set": args.set, "seed": args.seed, "article_id": source, "start": start, "end": end}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
