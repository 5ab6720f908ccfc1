"""Reviewer identity: registered names, team mode, and a typo refused with the closest registered name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.services.review_helpers import ARTICLE_V1, add_article, claim_id
from workbench.cli import main
from workbench.services.review import ReviewService, ValidationError
from workbench.services.reviewers import (
    Added,
    ReviewerError,
    add_reviewer,
    check_reviewer,
    clean_name,
    closest_reviewer,
    list_reviewers,
)
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def claim(store: Store) -> str:
    article = add_article(store, ARTICLE_V1)
    return f"claim:{claim_id(store, article, 'more than $3 billion')}"


def test_a_database_without_registered_reviewers_is_not_in_team_mode(store: Store, claim: str) -> None:
    assert not store.team_mode
    assert check_reviewer(store, "anyone at all") == "anyone at all"
    ReviewService(store, "anyone at all").set_verdict(claim, "true")
    assert [r.reviewer for r in ReviewService(store, "x").history(claim)] == ["anyone at all"]


def test_names_are_registered_once_whatever_their_case(store: Store) -> None:
    assert add_reviewer(store, "  Ana   Lima ", added_by="admin") == Added("Ana Lima", True)
    assert add_reviewer(store, "ana lima") == Added("Ana Lima", False)
    assert add_reviewer(store, "bob") == Added("bob", True)
    found = list_reviewers(store)
    assert [(r.name, r.added_by, r.events) for r in found] == [("Ana Lima", "admin", 0), ("bob", None, 0)]
    assert store.team_mode


def test_a_new_name_like_a_registered_one_is_added_with_a_warning(runner: CliRunner, db_path: Path) -> None:
    db = db_path
    assert run(runner, db, "reviewers", "add", "Ana Lima", "Carla Souza")[0] == 0
    code, output = run(runner, db, "reviewers", "add", "Ana Lma", "Bruno")
    assert code == 0
    assert "looks like the registered 'Ana Lima'" in output
    assert output.count("looks like") == 1, "Bruno resembles nobody"
    with Store.open(db) as store:
        assert [r.name for r in list_reviewers(store)] == ["Ana Lima", "Ana Lma", "Bruno", "Carla Souza"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [("   ", "cannot be empty"), ("ana\x1b[2J", "control or invisible"), ("x" * 81, "at most 80")],
)
def test_unusable_names_are_refused(store: Store, name: str, problem: str) -> None:
    with pytest.raises(ReviewerError, match=problem):
        clean_name(name)
    with pytest.raises(ReviewerError):
        add_reviewer(store, name)
    assert list_reviewers(store) == []


def test_the_closest_registered_name_is_offered() -> None:
    names = ["Ana Lima", "bob", "Carla Souza"]
    assert closest_reviewer("Ana Lma", names) == "Ana Lima"
    assert closest_reviewer("carla", names) == "Carla Souza"
    assert closest_reviewer("zzzzzz", names) is None


def test_in_team_mode_a_typo_is_refused_and_nothing_is_written(store: Store, claim: str) -> None:
    add_reviewer(store, "Ana Lima")
    add_reviewer(store, "bob")
    typo = ReviewService(store, "Ana Lma")
    with pytest.raises(ValidationError) as refused:
        typo.set_verdict(claim, "false")
    message = str(refused.value)
    assert "'Ana Lma' is not registered" in message and "did you mean 'Ana Lima'?" in message
    assert "\n" not in message
    assert typo.history(claim) == []
    assert typo.review(claim).verdict is None


def test_in_team_mode_a_registered_name_in_another_case_writes_under_its_registered_spelling(
    store: Store, claim: str
) -> None:
    add_reviewer(store, "Ana Lima")
    service = ReviewService(store, "ana lima")
    service.set_verdict(claim, "mostly_true")
    service.add_note(claim, "customs data")
    assert {e.reviewer for e in service.history(claim)} == {"Ana Lima"}
    assert list_reviewers(store)[0].events == 2


def test_re_ingest_bookkeeping_needs_no_registered_name(store: Store, claim: str) -> None:
    """Orphaning is the ingest's doing, not a reviewer's judgement: it must not fail half-way in team mode."""
    add_reviewer(store, "Ana Lima")
    assert ReviewService(store, "ingest-bot").mark_orphaned(claim, "no match in the new version")
    assert ReviewService(store, "x").review(claim).orphaned


def run(runner: CliRunner, db: Path, *args: str, reviewer: str = "ana") -> tuple[int, str]:
    result = runner.invoke(main, ["--db", str(db), "--reviewer", reviewer, *args])
    return result.exit_code, result.output


def test_reviewers_commands(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    db = db_path
    with Store.open(db) as store:
        article = add_article(store, ARTICLE_V1)
        item = f"claim:{claim_id(store, article, 'more than $3 billion')}"
    code, output = run(runner, db, "reviewers", "list")
    assert code == 0 and "not in team mode" in output
    # Outside team mode any name writes.
    assert run(runner, db, "verdict", item, "true", reviewer="whoever")[0] == 0

    code, output = run(runner, db, "reviewers", "add", "Ana Lima", "bob", "", reviewer="admin")
    assert code == 1
    assert "added Ana Lima" in output and "added bob" in output and "cannot be empty" in output
    code, output = run(runner, db, "reviewers", "list", "--json")
    assert code == 0
    assert [line.split('"name": ')[1].split(",")[0] for line in output.splitlines()] == ['"Ana Lima"', '"bob"']

    code, output = run(runner, db, "verdict", item, "false", "--force", reviewer="Ana Lma")
    assert code == 2
    assert "did you mean 'Ana Lima'?" in output and "workbench reviewers add 'Ana Lma'" in output
    code, output = run(runner, db, "verdict", item, "false", "--force", reviewer="ana lima")
    assert code == 0, output
    with Store.open(db) as store:
        assert [(r.name, r.events) for r in list_reviewers(store)] == [("Ana Lima", 1), ("bob", 0)]
    # A spreadsheet import by an unknown name is refused before its first row.
    assert run(runner, db, "export", "csv", "--out", str(tmp_path / "out"))[0] == 0
    sheet = next((tmp_path / "out").glob("claims-*.csv"))
    code, output = run(runner, db, "import", "verdicts", str(sheet), reviewer="bbo")
    assert code == 2 and "did you mean 'bob'?" in output


@pytest.mark.parametrize("command", [["reviewers"], ["reviewers", "add"], ["reviewers", "list"]])
def test_reviewers_help_has_an_example(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert re.search(r"^\s+workbench .*reviewers (add|list)", result.output, re.MULTILINE)
