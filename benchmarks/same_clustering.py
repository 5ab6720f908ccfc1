"""Whether two databases of the same input hold the same stories, clusters and conflicts, row for row.

    python benchmarks/same_clustering.py BEFORE.db AFTER.db

For a change that must not change the output (a faster or leaner clustering tail): both databases ingested the same
files in the same order, so their ids agree. Compares each article's story, the stories' titles, each claim's and
quote's cluster, and the conflicts with their items. Prints one line per table; exits 1 when anything differs.
"""

from __future__ import annotations

import sqlite3
import sys

QUERIES = {
    "articles": "SELECT id, source_key, story_id FROM articles ORDER BY id",
    "stories": "SELECT id, title FROM stories ORDER BY id",
    "claims": "SELECT id, cluster_id FROM claims ORDER BY id",
    "quotes": "SELECT id, cluster_id FROM quotes ORDER BY id",
    "conflicts": "SELECT kind, cluster_a, cluster_b, item_a, item_b, story_id FROM cluster_conflicts "
    "ORDER BY kind, cluster_a, cluster_b",
}


def differences(before: str, after: str) -> dict[str, tuple[int, int, int]]:
    """Per table: rows in the first, rows in the second, rows of either that the other lacks."""
    found = {}
    for table, query in QUERIES.items():
        rows = []
        for path in (before, after):
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                rows.append(set(conn.execute(query)))
        found[table] = (len(rows[0]), len(rows[1]), len(rows[0] ^ rows[1]))
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    found = differences(*argv)
    for table, (first, second, differing) in found.items():
        print(f"{table:10} {first:>9,} {second:>9,}  {'same' if not differing else f'{differing:,} rows differ'}")
    return 1 if any(differing for *_, differing in found.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
