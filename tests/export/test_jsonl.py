"""The JSONL export is the scorer's input: exact fields, valid offsets, a cluster id on everything."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from tests.export.conftest import REPOST, TRADE, Sample, add_article, claim
from workbench.cli import main
from workbench.export.jsonl import export_jsonl
from workbench.export.records import ArticleRecord, ClaimRecord, QuoteRecord, StoryRecord

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

CONTRACT = {"articles": ArticleRecord, "claims": ClaimRecord, "quotes": QuoteRecord, "stories": StoryRecord}


def read_jsonl(directory: Path) -> dict[str, list[dict]]:
    """The records of each file; every line must be byte for byte what its record model writes (the export
    serializes rows without validating them, so this is where a type that drifts from the contract shows)."""
    records: dict[str, list[dict]] = {}
    for name, model in CONTRACT.items():
        # Lines end at "\n" only: a U+2028 inside a text is part of the line (str.splitlines would cut there).
        lines = (directory / f"{name}.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
        for line in lines:
            assert model.model_validate_json(line).model_dump_json() == line, (name, line)
        records[name] = [json.loads(line) for line in lines]
    return records


def check_contract(records: dict[str, list[dict]]) -> None:
    """Every record has exactly the contract fields, validates, and its offsets point at its own text."""
    texts = {a["id"]: a["text"] for a in records["articles"]}
    for name, model in CONTRACT.items():
        for record in records[name]:
            assert list(record) == list(model.model_fields), (name, record)
            model.model_validate(record)
    for record in records["claims"]:
        text = texts[record["article_id"]]
        assert text[record["start"] : record["end"]] == record["mention"]
        assert record["sentence_start"] <= record["start"] < record["end"] <= record["sentence_end"] <= len(text)
        assert isinstance(record["cluster_id"], int)
    for record in records["quotes"]:
        assert texts[record["article_id"]][record["start"] : record["end"]] == record["text"]
        assert isinstance(record["cluster_id"], int)


def test_export_of_the_sample_has_contract_records(sample: Sample, tmp_path: Path) -> None:
    report = export_jsonl(sample.store, tmp_path / "out")
    assert report.ok and report.written == {"articles": 2, "claims": 4, "quotes": 2, "stories": 1}
    records = read_jsonl(tmp_path / "out")
    check_contract(records)
    by_mention = {(r["source"], r["mention"]): r for r in records["claims"]}
    change_from = by_mention[("000_trade.txt", "$600 million")]
    change_to = by_mention[("000_trade.txt", "more than $3 billion")]
    assert change_from["value"] == 600_000_000 and change_from["role"] == "from" and change_from["unit"] == "USD"
    assert change_to["hedge"] == "more_than" and change_to["change_group"] == change_from["change_group"]
    assert change_to["cluster_id"] == by_mention[("001_repost.txt", "more than $3 billion")]["cluster_id"]
    assert by_mention[("000_trade.txt", "-1.3 percent")]["value"] == -1.3
    assert {r["verdict"] for r in records["claims"]} == {"unreviewed"}
    assert change_from["outlet"] == "Mehr News Agency" and change_from["published"] == "2023-06-13"
    assert change_from["target"] is False
    assert {r["text"] for r in records["articles"]} == {TRADE, REPOST}
    quotes = records["quotes"]
    assert quotes[0]["cluster_id"] == quotes[1]["cluster_id"] and quotes[0]["speaker"] == "Nicolas Maduro"


def test_superseded_versions_and_their_items_are_left_out(sample: Sample, tmp_path: Path) -> None:
    changed = REPOST.replace("$3 billion", "$4 billion")
    add_article(sample.store, "001_repost.txt", changed, [claim(changed, "$4 billion", "money", 4e9, "USD")], [])
    export_jsonl(sample.store, tmp_path / "out")
    records = read_jsonl(tmp_path / "out")
    assert [a["version"] for a in records["articles"] if a["source"] == "001_repost.txt"] == [2]
    repost = [c for c in records["claims"] if c["source"] == "001_repost.txt"]
    assert [c["mention"] for c in repost] == ["$4 billion"]
    assert repost[0]["cluster_id"] == repost[0]["id"], "an unclustered item is its own singleton cluster"
    assert len({a["story_id"] for a in records["articles"]}) == 1, "a new version stays in its story"
    assert repost[0]["story_id"] == records["articles"][0]["story_id"]
    check_contract(records)


def test_a_record_with_wrong_offsets_is_reported_not_written(sample: Sample, tmp_path: Path) -> None:
    sample.store.db.execute("UPDATE claims SET start = start + 1 WHERE mention = '$600 million'")
    report = export_jsonl(sample.store, tmp_path / "out")
    assert not report.ok and "$600 million" in report.problems[0]
    assert report.written["claims"] == 3
    check_contract(read_jsonl(tmp_path / "out"))


def test_seeds_export_through_the_cli(runner: CliRunner, tmp_path: Path, default_db: Path) -> None:
    assert runner.invoke(main, ["ingest", str(SEEDS)]).exit_code == 0
    result = runner.invoke(main, ["export", "jsonl", "--out", "scored"])
    assert result.exit_code == 0, result.output
    records = read_jsonl(tmp_path / "scored")
    assert len(records["articles"]) == 5
    assert {a["source"] for a in records["articles"]} >= {"001_3ce812547ec02d89.txt"}
    check_contract(records)
    # The seeds' June 2023 visit is one story of three articles; every item carries its article's story.
    stories = {story["id"]: story for story in records["stories"]}
    story_of = {a["source"]: a["story_id"] for a in records["articles"]}
    visit = stories[story_of["000_513bc50b4b9a9dea.txt"]]
    assert visit["articles"] == 3 and visit["outlets"] == ["Breitbart", "Mehr News Agency"]
    assert story_of["001_3ce812547ec02d89.txt"] == story_of["004_d4a10d8ebcfc230d.txt"] == visit["id"]
    assert story_of["003_7479094391d83e34.txt"] != visit["id"]
    assert all(r["story_id"] == story_of[r["source"]] for r in records["claims"] + records["quotes"])
    assert all(isinstance(r["conflict_cluster_ids"], list) for r in records["claims"])


def test_default_folder_is_timestamped_under_exports(runner: CliRunner, tmp_path: Path, default_db: Path) -> None:
    runner.invoke(main, ["ingest", str(SEEDS)])
    result = runner.invoke(main, ["export", "jsonl"])
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "exports").iterdir()
    assert folder.name.startswith("jsonl-")
    assert sorted(p.name for p in folder.iterdir()) == [
        "articles.jsonl",
        "claims.jsonl",
        "quotes.jsonl",
        "stories.jsonl",
    ]


def test_dates_export_as_iso_dates(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    """A date is a date in the export: "October 18" reads 2023-10-18 with the year inferred from the article's date,
    --10-18 without one; value keeps the number (the contract's value is a number), never read as a count."""
    text = "The vote was on October 18. Talks ran November 16-19, 2015, and resume in June 2024.\n"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dated.txt").write_text(text, encoding="utf-8")
    (folder / "undated.txt").write_text(text.replace("Talks", "Later talks"), encoding="utf-8")
    (folder / "manifest.toml").write_text('["dated.txt"]\noutlet = "Wire"\npublished = 2023-06-13\n', encoding="utf-8")
    db = str(db_path)
    assert runner.invoke(main, ["--db", db, "ingest", str(folder)]).exit_code == 0
    assert runner.invoke(main, ["--db", db, "export", "jsonl", "--out", "out"]).exit_code == 0
    records = read_jsonl(tmp_path / "out")
    check_contract(records)
    sources = {a["id"]: a["source"] for a in records["articles"]}
    dates = {
        (sources[c["article_id"]], c["mention"]): (c["value"], c["date"], c["date_high"])
        for c in records["claims"]
        if c["kind"] == "date"
    }
    assert dates == {
        ("dated.txt", "October 18"): (20231018, "2023-10-18", None),
        ("undated.txt", "October 18"): (1018, "--10-18", None),
        ("dated.txt", "November 16-19, 2015"): (20151116, "2015-11-16", "2015-11-19"),
        ("undated.txt", "November 16-19, 2015"): (20151116, "2015-11-16", "2015-11-19"),
        ("dated.txt", "June 2024"): (20240600, "2024-06", None),
        ("undated.txt", "June 2024"): (20240600, "2024-06", None),
    }
    assert all(c["date"] is None and c["date_high"] is None for c in records["claims"] if c["kind"] != "date")
    # `claims --json` gives a script the same ISO fields as the export.
    listed = runner.invoke(main, ["--db", db, "claims", "--all", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert {
        (row["source"], row["mention"]): (row["value"], row["date"], row["date_high"])
        for row in rows
        if row["kind"] == "date"
    } == dates
    assert all(row["date"] is None for row in rows if row["kind"] != "date")
    assert runner.invoke(main, ["--db", db, "export", "csv", "--out", "csv"]).exit_code == 0
    with next((tmp_path / "csv").glob("claims-*.csv")).open(encoding="utf-8", newline="") as handle:
        cells = {
            (row["source"], row["mention"]): (row["value"], row["value_high"])
            for row in csv.DictReader(handle)
            if row["kind"] == "date"
        }
    assert cells[("undated.txt", "October 18")] == ("'--10-18", "")  # neutralized: it starts with '-'
    assert cells[("dated.txt", "November 16-19, 2015")] == ("2015-11-16", "2015-11-19")


def test_awkward_numbers_and_text_are_written_as_the_models_write_them(sample: Sample, tmp_path: Path) -> None:
    text = 'A 0.000015 share of 1e16 units; "quoted" \\ back\x01slash \u2028 \U0001f600 end.\n'
    odd = claim(text, "0.000015 share", "quantity", 1.5e-05, "share", value_high=1e16, target=True)
    add_article(sample.store, "odd.txt", text, [odd], [])
    export_jsonl(sample.store, tmp_path / "out")
    records = read_jsonl(tmp_path / "out")  # every line checked against its model
    (exported,) = [c for c in records["claims"] if c["source"] == "odd.txt"]
    assert (exported["value"], exported["value_high"], exported["target"]) == (1.5e-05, 1e16, True)
    raw = (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8")
    assert '"value":0.000015,' in raw, "pydantic's float format (Python's repr would write 1.5e-05)"
    (article,) = [a for a in records["articles"] if a["source"] == "odd.txt"]
    assert article["text"] == text
