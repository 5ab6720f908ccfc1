"""How the labelled events group into stories, alone and with the first 3,000 corpus articles in the database.

Claim and quote linking across outlets happens inside a story, so an event whose articles land in several stories
loses its cross-outlet pairs before any linking rule is asked. This script re-groups the articles of the databases
that ``events_eval.py`` and ``events_own_eval.py`` build (``benchmarks/results/events-*.db``, read only) with the
current story code and reports, for each labelled set: how many events, how many fell into more than one story
(and how many stories too many), how many other articles joined the events' stories, and how many multi-article
stories the whole database has (a rise with nothing else gained is sprawl). Prints a table and writes
``benchmarks/results/story_events_eval.json``.

Run: ``python benchmarks/story_events_eval.py [--details]`` after the events evaluations have built their
databases. Without ``../shared/data`` the script says so and exits 0; a missing database is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_cluster_bench import shared_data  # noqa: E402

from workbench.pipeline.stories import READ_CHARS, StoryArticle, group_stories  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
LABELS = ROOT / "benchmarks" / "labels"


def labelled_sets(data: Path) -> list[tuple[str, Path, str]]:
    """(name, gold file, database stem) of each labelled set."""
    return [
        ("dev events", data / "events" / "gold.json", "events"),
        ("events_own", LABELS / "events_own.json", "events-own"),
        ("events_own2", LABELS / "events_own2.json", "events-own2"),
    ]


def grouped(database: Path) -> tuple[dict[str, int], dict[int, list[str]]]:
    """Story of each article (by corpus id), and the articles of each story, as the current code groups them."""
    connection = sqlite3.connect(f"file:{database}?immutable=1", uri=True)
    try:
        rows = connection.execute(
            "SELECT id, source, published, title, substr(text, 1, ?) FROM articles WHERE superseded_by IS NULL",
            [READ_CHARS],
        ).fetchall()
    finally:
        connection.close()
    stories = group_stories(StoryArticle(*row) for row in rows)
    by_source = {source: stories[article] for article, source, *_ in rows}
    members: dict[int, list[str]] = defaultdict(list)
    for source, story in by_source.items():
        members[story].append(source)
    return by_source, members


def score(gold: dict, by_source: dict[str, int], members: dict[int, list[str]], details: bool) -> dict:
    events = split = extra = foreign = 0
    for event in gold["events"]:
        articles = [article for article in event["articles"] if article in by_source]
        if not articles:
            continue
        stories = Counter(by_source[article] for article in articles)
        events += 1
        split += len(stories) > 1
        extra += len(stories) - 1
        others = sum(len(members[story]) for story in stories) - len(articles)
        foreign += others
        if details and (len(stories) > 1 or others):
            print(f"  {event['id']}: {len(articles)} articles in {len(stories)} stories, {others} other articles")
    return {
        "events": events,
        "split_events": split,
        "extra_stories": extra,
        "other_articles_in_event_stories": foreign,
        "multi_article_stories": sum(1 for story in members.values() if len(story) > 1),
        "articles_in_multi_article_stories": sum(len(story) for story in members.values() if len(story) > 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="name the events split or joined by others")
    args = parser.parse_args(argv)
    data = shared_data()
    if data is None:
        print("no ../shared/data: nothing to measure")
        return 0
    report: dict[str, dict] = {}
    for name, gold_path, stem in labelled_sets(data):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for setting in ("alone", "corpus3000"):
            database = RESULTS / f"{stem}-{setting}.db"
            if not database.exists():
                print(f"{database}: missing (build it with events_eval.py / events_own_eval.py); skipped")
                continue
            if args.details:
                print(f"{name}, {setting}:")
            report[f"{name} / {setting}"] = score(gold, *grouped(database), args.details)
    columns = ("events", "split_events", "extra_stories", "other_articles_in_event_stories", "multi_article_stories")
    print(f"{'set':28} " + " ".join(f"{column.split('_')[0]:>8}" for column in columns))
    for key, row in report.items():
        print(f"{key:28} " + " ".join(f"{row[column]:>8}" for column in columns))
    print(
        "(columns: events, events split over stories, stories too many, other articles in their stories, "
        "multi-article stories in the database)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "story_events_eval.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
