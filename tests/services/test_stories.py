"""Stories through ingest, re-ingest, an old database, the CLI and the exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS, listed
from tests.story_fixtures import QUAKE, write_quake
from workbench.cli import main
from workbench.services.catalog import Catalog
from workbench.services.clustering import cluster_pending
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store
from workbench.store.stories import story_summaries

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def stories_of(store: Store) -> dict[str, int]:
    return {row["source"]: row["story_id"] for row in store.list_articles()}


def test_seeds_form_the_expected_stories(store: Store) -> None:
    """The June 2023 visit (Mehr twice, Breitbart) is one story; the 2022 cooperation plan and the February 2023
    meeting are stories of their own."""
    ingest_paths(store, [SEEDS], workers=1)
    story = stories_of(store)
    visit = {story["000_513bc50b4b9a9dea.txt"], story["001_3ce812547ec02d89.txt"], story["004_d4a10d8ebcfc230d.txt"]}
    assert len(visit) == 1
    assert story["003_7479094391d83e34.txt"] not in visit and story["002_4994b00723488c54.txt"] not in visit
    summary = Catalog(store).story(visit.pop())
    assert summary is not None and summary.summary["outlets"] == ["Breitbart", "Mehr News Agency"]
    assert summary.summary["first_published"] == "2023-06-12" and summary.summary["articles"] == 3


def test_ingest_groups_links_within_the_story_and_flags_the_revised_toll(store: Store, tmp_path: Path) -> None:
    report = ingest_paths(store, [write_quake(tmp_path)], workers=1)
    assert report.clustered["stories"] == 2 and report.clustered["conflicts"] == 1
    story = stories_of(store)
    assert story["wire-1"] == story["post-1"] != story["sport-1"]
    claims = {(row["source"], row["mention"]): row for row in listed(store, "claims")}
    housed = claims[("wire-1", "1,200 people")], claims[("post-1", "1,200 people")]
    assert housed[0]["cluster_id"] == housed[1]["cluster_id"]
    toll = claims[("wire-1", "247 people")], claims[("post-1", "241 people")]
    assert toll[0]["cluster_id"] != toll[1]["cluster_id"] and toll[0]["conflicts"] == toll[1]["conflicts"] == 1
    (conflict,) = Catalog(store).conflicts(story_id=story["wire-1"])
    assert {conflict.a["mention"], conflict.b["mention"]} == {"247 people", "241 people"}
    assert "stood at 241 people" in conflict.b["sentence"] or "stood at 241 people" in conflict.a["sentence"]
    assert store.list_conflicts("claim", story["sport-1"]) == []


def test_a_new_version_stays_in_its_story_and_new_articles_join_stored_stories(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [write_quake(tmp_path, QUAKE[:2])], workers=1)
    before = stories_of(store)
    revised = [{**QUAKE[1], "text": QUAKE[1]["text"] + " Aftershocks continued."}, QUAKE[2]]
    # the feed file again, a day later (a record's identity is its id within its file and outlet)
    report = ingest_paths(store, [write_quake(tmp_path, [QUAKE[0], *revised])], workers=1)
    assert report.new_versions == 1
    after = stories_of(store)
    assert after["post-1"] == before["post-1"] == before["wire-1"]
    assert after["sport-1"] not in (before["wire-1"],)
    versions = store.db.execute("SELECT story_id FROM articles WHERE source = 'post-1'").fetchall()
    assert {row[0] for row in versions} == {before["post-1"]}


def test_articles_stored_before_stories_are_grouped_on_the_next_run(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [write_quake(tmp_path)], workers=1)
    store.db.execute("UPDATE articles SET story_id = NULL")
    store.db.execute("DELETE FROM stories")
    assert cluster_pending(store)["stories"] == 2
    story = stories_of(store)
    assert story["wire-1"] == story["post-1"] and None not in story.values()


def test_cli_stories_conflicts_and_story_filters(
    runner: CliRunner, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(db_path))  # every command below names no --db
    assert runner.invoke(main, ["ingest", str(write_quake(tmp_path))]).exit_code == 0
    listed_stories = runner.invoke(main, ["stories", "--json"])
    assert listed_stories.exit_code == 0, listed_stories.output
    (story,) = [json.loads(line) for line in listed_stories.output.splitlines()]
    assert story["articles"] == 2 and story["conflicts"] == 1 and story["title"].startswith("Earthquake in Norcia")
    every = runner.invoke(main, ["stories", "--all", "--json"])
    assert len(every.output.splitlines()) == 2
    table = runner.invoke(main, ["stories"])
    assert "Norcia" in table.output and "Daily Planet" in table.output

    conflicts = runner.invoke(main, ["conflicts", "--story", str(story["id"]), "--json"])
    (conflict,) = [json.loads(line) for line in conflicts.output.splitlines()]
    assert {conflict["a"]["mention"], conflict["b"]["mention"]} == {"247 people", "241 people"}
    assert conflict["story_id"] == story["id"]
    shown = runner.invoke(main, ["conflicts"])
    assert "247 people" in shown.output and "241 people" in shown.output
    assert "no conflicting figures" in runner.invoke(main, ["conflicts", "--story", "999"]).output

    claims = runner.invoke(main, ["claims", "--story", str(story["id"]), "--json"])
    sources = {json.loads(line)["source"] for line in claims.output.splitlines()}
    assert sources == {"wire-1", "post-1"}
    flagged = runner.invoke(main, ["claims", "--conflicts", "--json"])
    assert {json.loads(line)["mention"] for line in flagged.output.splitlines()} == {"247 people", "241 people"}
    quotes = runner.invoke(main, ["quotes", "--story", str(story["id"])])
    assert quotes.exit_code == 0

    exported = runner.invoke(main, ["export", "jsonl", "--story", str(story["id"]), "--out", "one"])
    assert exported.exit_code == 0, exported.output
    articles = [json.loads(line) for line in (tmp_path / "one" / "articles.jsonl").read_text().splitlines()]
    assert {a["source"] for a in articles} == {"wire-1", "post-1"}
    (line,) = (tmp_path / "one" / "stories.jsonl").read_text().splitlines()
    assert json.loads(line)["id"] == story["id"]
    records = [json.loads(line) for line in (tmp_path / "one" / "claims.jsonl").read_text().splitlines()]
    toll = {r["mention"]: r for r in records if r["mention"] in ("247 people", "241 people")}
    assert toll["247 people"]["conflict_cluster_ids"] == [toll["241 people"]["cluster_id"]]

    csv_run = runner.invoke(main, ["export", "csv", "--story", str(story["id"]), "--out", "csv"])
    assert csv_run.exit_code == 0, csv_run.output
    (claims_csv,) = (tmp_path / "csv").glob("claims-*.csv")
    with claims_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(records)
    by_mention = {row["mention"]: row for row in rows}
    assert by_mention["247 people"]["conflicts"] == str(toll["241 people"]["cluster_id"])
    assert by_mention["247 people"]["story_id"] == str(story["id"]) and by_mention["1,200 people"]["conflicts"] == ""


def test_help_of_the_new_commands_has_an_example(runner: CliRunner) -> None:
    for command in ("stories", "conflicts"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
    assert runner.invoke(main, ["stories", "--story", "x"]).exit_code == 2


def test_the_stories_first_page_is_read_ahead_and_forgotten_when_a_verdict_changes_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-ahead steps read the Stories tab's first page (``]`` then finds it ready); a verdict changes a
    story's count of items to do, so the remembered lines are read again."""
    from workbench.services import catalog as catalog_module
    from workbench.services.review import ReviewService

    ingest_paths(store, [write_quake(tmp_path)], workers=1)
    calls: list[list[int]] = []

    def counted(store: Store, ids: list[int] | None = None, **kwargs: object) -> list[dict[str, object]]:
        calls.append(list(ids or []))
        return story_summaries(store, ids, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog_module, "story_summaries", counted)
    catalog = Catalog(store)
    for _ in catalog.stories_ahead():
        pass
    story = stories_of(store)["wire-1"]
    assert calls == [[story]]
    (line,) = catalog.listing("stories").first
    assert calls == [[story]] and line == story_summaries(store, [story])[0]
    claim = next(row for row in listed(store, "claims") if row["source"] == "wire-1")
    ReviewService(store, "ana").set_verdict(("claim", claim["id"]), "true")
    (after,) = catalog.listing("stories").first
    assert len(calls) == 2 and after["unreviewed"] == line["unreviewed"] - 1
