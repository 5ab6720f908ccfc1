"""The review commands: real database rows behind them, clear errors with exit 1, usage errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.services.review_helpers import ARTICLE_V1, add_article, claim_id
from workbench.cli import main
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def db(runner: CliRunner, db_path: Path) -> tuple[str, int]:
    path = db_path
    with Store.open(path) as store:
        article = add_article(store, ARTICLE_V1)
        return str(path), claim_id(store, article, "more than $3 billion")


def run(runner: CliRunner, db: str, *args: str, reviewer: str = "ana") -> tuple[int, str]:
    result = runner.invoke(main, ["--db", db, "--reviewer", reviewer, *args])
    return result.exit_code, result.output


def test_verdict_source_note_assign_status_are_recorded(runner: CliRunner, db: tuple[str, int]) -> None:
    path, claim = db
    item = f"claim:{claim}"
    assert run(runner, path, "verdict", item, "mostly_true", "-r", "customs data") == (
        0,
        f"{item}: mostly_true (version 1, by ana)\n",
    )
    code, output = run(
        runner,
        path,
        "source",
        item,
        "https://stats.example/t",
        "--title",
        "Trade",
        "--reference-value",
        "3.2e9",
        "--reference-unit",
        "USD",
    )
    assert code == 0
    assert "reference 3,200,000,000 is consistent with more than 3,000,000,000" in output
    assert "ratio 0.9375, -6.25%" in output
    assert run(runner, path, "note", item, "ask the ministry")[0] == 0
    assert run(runner, path, "assign", item, "bob")[1] == f"{item}: assigned to bob (version 4, by ana)\n"
    assert run(runner, path, "status", item, "in_progress")[0] == 0
    with Store.open(path) as store:
        assert store.db.execute("SELECT verdict, rationale, status, assignee, version FROM reviews").fetchall() == [
            ("mostly_true", "customs data", "in_progress", "bob", 5)
        ]
        assert store.db.execute("SELECT url, title, reference_value FROM sources").fetchall() == [
            ("https://stats.example/t", "Trade", 3.2e9)
        ]
        assert store.db.execute("SELECT text FROM notes").fetchall() == [("ask the ministry",)]
    code, output = run(runner, path, "history", item, "--json")
    assert [json.loads(line)["action"] for line in output.splitlines()] == [
        "verdict",
        "source_add",
        "note_add",
        "assign",
        "status",
    ]


def test_stale_expect_version_is_refused_with_exit_1(runner: CliRunner, db: tuple[str, int]) -> None:
    path, claim = db
    run(runner, path, "verdict", f"claim:{claim}", "true", reviewer="bob")
    code, output = run(runner, path, "verdict", f"claim:{claim}", "false", "--expect-version", "0")
    assert code == 1
    assert f"Error: claim {claim} was changed by bob at" in output
    assert "(version 1, you had 0); reload and retry" in output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["verdict", "claim:x", "true"], 2, "is not an item; write it like claim:12"),
        (["verdict", "claim:1", "maybe"], 2, "Invalid value for"),
        (["verdict", "article:1", "true"], 2, "unknown item type 'article'"),
        (["verdict", "claim:999", "true"], 1, "Error: claim 999 does not exist"),
        (["source", "claim:1", "ftp://x.org/"], 1, "only http and https source URLs are accepted"),
        (["source", "claim:1", "https://x.org/", "--reference-value", "abc"], 2, "'abc' is not a number"),
        (["status", "claim:1", "done"], 2, "Invalid value for"),
        (["undo"], 1, "Error: ana has nothing to undo"),
        (["redo"], 1, "Error: ana has nothing to redo"),
    ],
)
def test_errors(runner: CliRunner, db: tuple[str, int], args: list[str], code: int, message: str) -> None:
    result_code, output = run(runner, db[0], *args)
    assert result_code == code
    assert message in output


def test_undo_redo_history_blame(runner: CliRunner, db: tuple[str, int]) -> None:
    path, claim = db
    item = f"claim:{claim}"
    run(runner, path, "verdict", item, "true")
    run(runner, path, "verdict", item, "false", "--force", reviewer="bob")
    assert run(runner, path, "undo", "--reviewer", "bob") == (
        0,
        f"{item}: undo of #2: verdict false -> true (event #3)\n",
    )
    assert run(runner, path, "redo", reviewer="bob")[1].startswith(f"{item}: redo of #3: verdict true -> false")
    code, output = run(runner, path, "blame", item)
    assert code == 0
    assert "│ verdict   │ false" in output and "│ bob" in output
    assert f"{item} is at version 4" in output
    code, output = run(runner, path, "history", item)
    assert code == 0 and "undo of #2" in output


def test_agreement_and_orphans(runner: CliRunner, db: tuple[str, int]) -> None:
    path, claim = db
    assert run(runner, path, "agreement")[1] == "no item was judged by two reviewers yet\n"
    run(runner, path, "verdict", f"claim:{claim}", "true")
    run(runner, path, "verdict", f"claim:{claim}", "false", "--force", reviewer="bob")
    code, output = run(runner, path, "agreement")
    assert code == 0
    assert "│ ana │ bob │ 1 │ 0 │ 0% │ sample too small" in " ".join(output.split())
    assert f"claim:{claim} │ ana: true │ bob: false" in output
    code, output = run(runner, path, "agreement", "--json")
    (pair,) = [json.loads(line) for line in output.splitlines()]
    assert (pair["items"], pair["agreed"], pair["disagreements"][0]["item"]) == (1, 0, f"claim:{claim}")
    assert run(runner, path, "orphans") == (0, "no orphaned reviews\n")


@pytest.mark.parametrize("typed", ["3.2 billion", "3.2bn", "3,200,000,000", "3.2e9"])
def test_reference_value_takes_the_forms_the_tui_suggests(runner: CliRunner, db: tuple[str, int], typed: str) -> None:
    path, claim = db
    code, output = run(runner, path, "source", f"claim:{claim}", "https://stats.example/t", "--reference-value", typed)
    assert code == 0, output
    assert "reference 3,200,000,000 is consistent with more than 3,000,000,000" in output
    with Store.open(path) as store:
        assert store.db.execute("SELECT reference_value FROM sources").fetchall() == [(3.2e9,)]


def test_a_reference_value_that_is_no_number_is_a_usage_error(runner: CliRunner, db: tuple[str, int]) -> None:
    path, claim = db
    code, output = run(
        runner, path, "source", f"claim:{claim}", "https://stats.example/t", "--reference-value", "3.2 gazillion"
    )
    assert code == 2
    assert "'3.2 gazillion' is not a number; write e.g. 3.2e9, 3,200,000,000 or 3.2 billion" in output


def test_a_colleagues_verdict_is_replaced_only_with_force(runner: CliRunner, db: tuple[str, int]) -> None:
    path, claim = db
    item = f"claim:{claim}"
    run(runner, path, "verdict", item, "false", "-r", "customs data", reviewer="bob")
    code, output = run(runner, path, "verdict", item, "true")
    assert code == 1
    assert f"{item} has bob's verdict false (" in output and "yours would replace it" in output
    assert "--force" in output
    with Store.open(path) as store:
        assert store.db.execute("SELECT verdict, rationale, verdict_by, version FROM reviews").fetchall() == [
            ("false", "customs data", "bob", 1)
        ]
    # The same label without a rationale is ana's own judgement beside bob's verdict, which stays as it was.
    code, output = run(runner, path, "verdict", item, "false")
    assert code == 0 and "false recorded as your judgement; the verdict stays bob's" in output
    with Store.open(path) as store:
        assert store.db.execute("SELECT verdict, rationale, verdict_by FROM reviews").fetchall() == [
            ("false", "customs data", "bob")
        ]
        assert sorted(store.db.execute("SELECT reviewer, verdict FROM judgements").fetchall()) == [
            ("ana", "false"),
            ("bob", "false"),
        ]
    assert run(runner, path, "verdict", item, "true", "--force")[0] == 0
    with Store.open(path) as store:
        assert store.db.execute("SELECT verdict, verdict_by FROM reviews").fetchall() == [("true", "ana")]
    # Replacing one's own verdict, or one on an item nobody judged, needs nothing.
    assert run(runner, path, "verdict", item, "half_true")[0] == 0


def test_a_superseded_item_is_refused_naming_the_current_one(runner: CliRunner, db: tuple[str, int]) -> None:
    """Like `import verdicts`: a verdict on an item of an older article version would sit where nobody looks."""
    from tests.services.review_helpers import ARTICLE_V1 as text
    from workbench.services.reanchor import reanchor

    path, claim = db
    assert run(runner, path, "note", f"claim:{claim}", "look at this")[0] == 0
    with Store.open(path) as store:
        (old_article,) = [a["id"] for a in store.list_articles()]
        new_article = add_article(store, "Edited first. " + text)
        reanchor(store, old_article, new_article, reviewer="root")
        successor = claim_id(store, new_article, "more than $3 billion")
        other = claim_id(store, old_article, "$600 million")
    code, output = run(runner, path, "verdict", f"claim:{claim}", "false")
    assert code == 1
    assert (
        f"claim {claim} is not in the database any more (its article has a newer version): its current item "
        f"is claim:{successor}"
    ) in " ".join(output.split())
    code, output = run(runner, path, "source", f"claim:{other}", "https://stats.example/t")
    assert code == 1 and f"claim {other} is not in the database any more" in output
    assert "find it in the current version of its article" in " ".join(output.split())
    assert run(runner, path, "verdict", f"claim:{successor}", "false")[0] == 0
