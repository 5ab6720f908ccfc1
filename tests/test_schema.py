"""schema/ is generated from the code; this fails when someone changes a migration or an export record only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench.schemas
from workbench.cli import main
from workbench.schemas import SCHEMA_DIR, drift, generated_files, write_schema


def test_schema_files_match_the_code() -> None:
    assert drift() == [], "schema/ is stale: run `workbench schema --write` and commit the result"


def test_drift_is_detected(tmp_path: Path) -> None:
    write_schema(tmp_path)
    assert drift(tmp_path) == []
    sql = tmp_path / "schema.sql"
    sql.write_text(sql.read_text().replace("CREATE TABLE claims", "CREATE TABLE claimz"))
    assert drift(tmp_path) == ["schema.sql"]


def test_claims_json_schema_has_the_contract_fields() -> None:
    schema = json.loads(generated_files()["claims.schema.json"])
    assert list(schema["properties"]) == [
        "id",
        "article_id",
        "source",
        "outlet",
        "published",
        "start",
        "end",
        "story_id",
        "mention",
        "sentence_start",
        "sentence_end",
        "kind",
        "value",
        "value_high",
        "unit",
        "hedge",
        "change_group",
        "role",
        "target",
        "speaker",
        "cluster_id",
        "conflict_cluster_ids",
        "verdict",
        "checkworthy",
        "checkworthy_score",
        "corrected",
        "origin",
        "date",
        "date_high",
    ]
    assert (SCHEMA_DIR / "claims.schema.json").is_file()


def test_an_installed_workbench_never_writes_into_its_package(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `pip install .` the package's parent is site-packages: no schema/ to check, none to create there."""
    site_packages = tmp_path / "site-packages"
    (site_packages / "workbench").mkdir(parents=True)
    monkeypatch.setattr(workbench.schemas, "PROJECT_ROOT", site_packages)
    for args in ([], ["--write"], ["--check"]):
        result = runner.invoke(main, ["schema", *args])
        assert result.exit_code == 2, result.output
        assert "installed, not run from its source checkout" in result.output
        assert "workbench schema --print" in result.output and "--out DIR" in result.output
    assert sorted(p.name for p in site_packages.iterdir()) == ["workbench"]
    printed = runner.invoke(main, ["schema", "--print"])
    assert printed.exit_code == 0
    assert printed.output == "".join(f"==> {name} <==\n{content}" for name, content in generated_files().items())
    written = runner.invoke(main, ["schema", "--out", str(tmp_path / "docs")])
    assert written.exit_code == 0, written.output
    assert drift(tmp_path / "docs") == []
