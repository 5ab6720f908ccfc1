"""schema/ is generated from the code; this fails when someone changes a migration or an export record only."""

from __future__ import annotations

import json
from pathlib import Path

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
        "id", "article_id", "source", "outlet", "published", "start", "end", "story_id", "mention",
        "sentence_start", "sentence_end", "kind", "value", "value_high", "unit", "hedge", "change_group", "role",
        "target", "speaker", "cluster_id", "conflict_cluster_ids", "verdict", "checkworthy", "checkworthy_score", "corrected", "origin",
    ]
    assert (SCHEMA_DIR / "claims.schema.json").is_file()
