"""``workbench explain`` and the explain service on the seeds: the rules behind stored claims and quotes, by item
and by text, and what it says when the current extractor no longer produces an item."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ENGINES, SEEDS, fresh_db, listed
from workbench.cli import main
from workbench.pipeline.claims import RULES as CLAIM_RULES
from workbench.services.explain import ExplainError, explain_item, explain_text
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

# Seed claims (source, mention) and the claims table's rules that decide them, in the order they fire (the
# speakers' rules and check-worthiness cues follow them in a trace).
SEED_TRACES = [
    ("000_513bc50b4b9a9dea.txt", "three Latin American nations", ["counted_noun"]),
    ("000_513bc50b4b9a9dea.txt", "2018", ["bare_number", "bare_year", "speaker_of_quote"]),
    ("001_3ce812547ec02d89.txt", "20-year", ["time_unit_after"]),
    ("001_3ce812547ec02d89.txt", "1999-2013", ["bare_number", "year_range"]),
    ("001_3ce812547ec02d89.txt", "multimillion-dollar", ["multi_money"]),
    ("001_3ce812547ec02d89.txt", "two decades", ["time_unit_after", "hedge_before"]),
    (
        "001_3ce812547ec02d89.txt",
        "$600 million",
        ["currency_before", "change_from", "change_to", "speaker_of_sentence"],
    ),
    ("001_3ce812547ec02d89.txt", "$3 billion", ["currency_before", "hedge_before", "change_to", "speaker_of_sentence"]),
    (
        "001_3ce812547ec02d89.txt",
        "$10 billion",
        ["currency_before", "change_to", "goal_to_reach", "speaker_of_sentence"],
    ),
    ("002_4994b00723488c54.txt", "two major partners", ["counted_noun", "speaker_of_sentence"]),
    ("004_d4a10d8ebcfc230d.txt", "2000s", ["decade"]),
    ("004_d4a10d8ebcfc230d.txt", "2013 to 2021", ["bare_number", "year_range"]),
    ("004_d4a10d8ebcfc230d.txt", "two years", ["time_unit_after", "speaker_of_quote"]),
]


@pytest.fixture
def seeded(store: Store) -> Store:
    assert ingest_paths(store, [SEEDS], workers=1).ingested == 5
    return store


def _claim_id(store: Store, source: str, mention: str) -> int:
    return next(row["id"] for row in listed(store, "claims") if (row["source"], row["mention"]) == (source, mention))


@pytest.mark.parametrize(("source", "mention", "rules"), SEED_TRACES, ids=[m for _, m, _ in SEED_TRACES])
def test_a_stored_seed_claim_is_explained_by_its_rules(
    seeded: Store, source: str, mention: str, rules: list[str]
) -> None:
    claim_id = _claim_id(seeded, source, mention)
    explanation = explain_item(seeded, f"claim:{claim_id}")
    assert explanation.note is None
    assert explanation.article is not None and explanation.article["source"] == source
    [explained] = explanation.mentions
    assert (explained.item, explained.text, explained.what) == (f"claim:{claim_id}", mention, "claim")
    assert [step.rule for step in explained.steps if step.rule in CLAIM_RULES] == rules
    assert all(step.doc and step.stage for step in explained.steps)


def test_a_stored_quote_shows_its_rules_or_says_none_were_recorded(seeded: Store) -> None:
    quote = next(row for row in listed(seeded, "quotes") if row["speaker"] == "Ebrahim Raisi")
    explanation = explain_item(seeded, f"quote:{quote['id']}")
    [explained] = explanation.mentions
    assert (explained.what, explained.start, explained.end) == ("quote", quote["start"], quote["end"])
    assert explained.speaker == "Ebrahim Raisi"
    assert all(step.doc for step in explained.steps)  # empty until the quotes extractor traces its rules


def test_an_item_the_extractor_no_longer_produces_says_so_and_shows_what_is_there(seeded: Store) -> None:
    claim_id = _claim_id(seeded, "001_3ce812547ec02d89.txt", "$3 billion")
    seeded.db.execute("UPDATE claims SET start = start - 10 WHERE id = ?", [claim_id])  # as an older extractor had it
    explanation = explain_item(seeded, f"claim:{claim_id}")
    assert explanation.note is not None and "no longer produces this claim" in explanation.note
    assert [m.text for m in explanation.mentions] == ["$3 billion"]  # what it finds at those offsets now


def test_clusters_and_missing_items_are_refused(seeded: Store) -> None:
    with pytest.raises(ExplainError, match="is a cluster"):
        explain_item(seeded, "claim-cluster:1")
    with pytest.raises(ExplainError, match="claim:99999 does not exist"):
        explain_item(seeded, "claim:99999")


def test_explaining_a_text_lists_claims_quotes_and_dropped_numbers_in_order() -> None:
    text = 'Talks between the two countries resumed at 10:30. "We grew 5 percent," Maduro said.'
    explanation = explain_text(text)
    assert [(m.what, m.text) for m in explanation.mentions] == [
        ("dropped", "two countries"),
        ("dropped", "10:30"),
        ("quote", "We grew 5 percent,"),
        ("claim", "5 percent"),
    ]
    assert explanation.mentions[-1].speaker == "Maduro"
    assert [m.what for m in explain_text(text, dropped=False).mentions] == ["quote", "claim"]


def _ingested(runner: CliRunner, db_path: Path) -> str:
    db = str(db_path)
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    return db


@pytest.fixture(scope="module", params=ENGINES)
def seeded_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seeds ingested once per engine for the module's read-only CLI tests."""
    with fresh_db(request.param, tmp_path_factory.mktemp("explain"), request) as path:
        with Store.open(path) as store:
            assert ingest_paths(store, [SEEDS], workers=1).ingested == 5
        yield path


@pytest.mark.parametrize(("source", "mention", "rules"), SEED_TRACES, ids=[m for _, m, _ in SEED_TRACES])
def test_cli_json_names_the_rules_of_each_seed_claim(
    runner: CliRunner, seeded_db: Path, source: str, mention: str, rules: list[str]
) -> None:
    with Store.open(seeded_db) as store:
        claim_id = _claim_id(store, source, mention)
    result = runner.invoke(main, ["--db", str(seeded_db), "explain", f"claim:{claim_id}", "--json"])
    assert result.exit_code == 0, result.output
    [explained] = json.loads(result.output)["mentions"]
    assert (explained["item"], explained["text"]) == (f"claim:{claim_id}", mention)
    assert [step["rule"] for step in explained["steps"] if step["rule"] in CLAIM_RULES] == rules


def test_cli_explains_a_stored_claim_with_rule_docs(runner: CliRunner, db_path: Path) -> None:
    db = _ingested(runner, db_path)
    with Store.open(db) as store:
        claim_id = _claim_id(store, "001_3ce812547ec02d89.txt", "$3 billion")
    result = runner.invoke(main, ["--db", db, "explain", f"claim:{claim_id}"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"claim:{claim_id} · article ")
    assert f"claim claim:{claim_id} “$3 billion”" in lines[1]
    assert "money 3,000,000,000 USD, hedge more_than, role to, speaker Ebrahim Raisi" in lines[1]
    named = [line.split()[1] for line in lines[2:]]
    assert [name for name in named if name in CLAIM_RULES] == [
        "currency_before",
        "hedge_before",
        "change_to",
        "speaker_of_sentence",
    ]
    assert named.index("speaker_of_sentence") == 3 and len(named) > 4  # then how the speaker was found, and cues
    assert "[hedge]  A hedge right before the mention" in lines[3]


def test_cli_explains_text_as_json_and_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["explain", "--json", "It rose 45 percent to $3bn."])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["subject"] == "text"
    assert [(m["text"], [s["rule"] for s in m["steps"] if s["rule"] in CLAIM_RULES]) for m in data["mentions"]] == [
        ("45 percent", ["percent_after", "change_amount", "change_to"]),
        ("$3bn", ["currency_before", "change_to"]),
    ]
    assert "change_or_comparison" in [s["rule"] for s in data["mentions"][0]["steps"]]  # a check-worthiness cue
    piped = runner.invoke(main, ["explain", "-"], input="The Boeing 737 is grounded.")
    assert piped.exit_code == 0
    assert "not a claim “737”" in piped.output and "model_number" in piped.output


def test_cli_usage_errors_and_missing_items(runner: CliRunner, db_path: Path) -> None:
    db = _ingested(runner, db_path)
    assert runner.invoke(main, ["--db", db, "explain", "quote-cluster:1"]).exit_code == 2
    missing = runner.invoke(main, ["--db", db, "explain", "claim:99999"])
    assert missing.exit_code == 1 and "claim:99999 does not exist" in missing.output
    assert runner.invoke(main, ["explain", "   "]).exit_code == 2
