"""Compare two ``workbench export jsonl`` folders item by item: did a change to the extractors change their output?

    python benchmarks/diff_exports.py BEFORE_DIR AFTER_DIR [--fields kind,value,...] [--examples 5] [--json OUT]

Claims and quotes are matched by (source, start, end), never by database id, so two databases built in a different
order still compare. Every exported field is compared except the ids (``id``, ``article_id``, ``cluster_id``,
``change_group``); clusters are compared as partitions (which items share a cluster) and change groups as pairs.
Prints a table of added, removed and changed items per field with a few examples each; exits 1 when anything
differs, so a refactoring that must not change output can be checked by its exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

IDS = frozenset({"id", "article_id", "cluster_id", "change_group", "story_id", "conflict_cluster_ids"})
Key = tuple[str, int, int]


def load(folder: Path, name: str) -> dict[Key, dict[str, Any]]:
    items: dict[Key, dict[str, Any]] = {}
    path = folder / name
    if not path.exists():
        return items
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            items[(str(record["source"]), int(record["start"]), int(record["end"]))] = record
    return items


def groups(items: dict[Key, dict[str, Any]], field: str) -> dict[Key, frozenset[Key]]:
    """Each item's fellow members under ``field`` (cluster_id, change_group), as keys: comparable across DBs."""
    members: dict[Any, set[Key]] = defaultdict(set)
    for key, record in items.items():
        if record.get(field) is not None:
            members[(record["article_id"] if field == "change_group" else None, record[field])].add(key)
    out: dict[Key, frozenset[Key]] = {}
    for group in members.values():
        frozen = frozenset(group)
        for key in group:
            out[key] = frozen
    return out


def compare(
    before: dict[Key, dict[str, Any]], after: dict[Key, dict[str, Any]], fields: list[str] | None, examples: int
) -> dict[str, Any]:
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    common = before.keys() & after.keys()
    changed: Counter[str] = Counter()
    samples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names = fields or sorted({k for r in list(before.values())[:1] + list(after.values())[:1] for k in r} - IDS)
    for key in sorted(common):
        old, new = before[key], after[key]
        for name in names:
            if old.get(name) != new.get(name):
                changed[name] += 1
                if len(samples[name]) < examples:
                    samples[name].append(
                        {
                            "item": key,
                            "mention": new.get("mention") or new.get("text", "")[:60],
                            "before": old.get(name),
                            "after": new.get(name),
                        }
                    )
    for field in ("cluster_id", "change_group"):
        if fields and field not in fields:
            continue
        old_groups, new_groups = groups(before, field), groups(after, field)
        for key in sorted(common):
            if (old_groups.get(key, frozenset({key})) & common) != (new_groups.get(key, frozenset({key})) & common):
                changed[field] += 1
                if len(samples[field]) < examples:
                    samples[field].append({"item": key, "mention": after[key].get("mention", "")})
    return {
        "before": len(before),
        "after": len(after),
        "added": len(added),
        "removed": len(removed),
        "added_examples": [
            {"item": k, "mention": after[k].get("mention") or after[k].get("text", "")[:60]} for k in added[:examples]
        ],
        "removed_examples": [
            {"item": k, "mention": before[k].get("mention") or before[k].get("text", "")[:60]}
            for k in removed[:examples]
        ],
        "changed": dict(changed),
        "changed_examples": dict(samples),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--fields", help="comma-separated fields to compare (default: all but ids)")
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the full report here")
    args = parser.parse_args(argv)
    fields = args.fields.split(",") if args.fields else None
    report = {}
    differs = False
    for name in ("claims.jsonl", "quotes.jsonl"):
        result = compare(load(args.before, name), load(args.after, name), fields, args.examples)
        report[name] = result
        differs |= bool(result["added"] or result["removed"] or result["changed"])
        print(
            f"{name}: {result['before']} before, {result['after']} after; "
            f"{result['added']} added, {result['removed']} removed"
        )
        for example in result["added_examples"]:
            print(f"  + {example['item']} {example['mention']!r}")
        for example in result["removed_examples"]:
            print(f"  - {example['item']} {example['mention']!r}")
        for field, count in sorted(result["changed"].items(), key=lambda kv: -kv[1]):
            print(f"  {field:<16} {count:>7} changed")
            for example in result["changed_examples"].get(field, []):
                print(f"      {example}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    print("identical" if not differs else "DIFFERENT")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
