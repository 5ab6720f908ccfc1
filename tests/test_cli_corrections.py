"""The correction commands on a seeds database: what they print, what they write, exit 1 on refused input and 2
on usage errors; each correction is undone with ``workbench undo``. The exports carry ``corrected`` and ``origin``
and leave dismissed items out."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.tui.conftest import seeded_template  # noqa: F401 - the seeds ingested once per session
from workbench.cli import main
from workbench.services.transfer import migrate_to
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def db(seeded_template: Path, db_path: Path) -> str:
    """The seeded database: a file copy for SQLite, ``migrate --to`` for PostgreSQL."""
    if isinstance(db_path, Path):
        shutil.copyfile(seeded_template, db_path)
    else:
        assert migrate_to(seeded_template, db_path).equal
    return str(db_path)


def run(runner: CliRunner, db: str, *args: str, reviewer: str = "ana") -> tuple[int, str]:
    result = runner.invoke(main, ["--db", db, "--reviewer", reviewer, *args])
    return result.exit_code, result.output


def one(db: str, sql: str, *params: object) -> tuple:  # type: ignore[type-arg]
    with Store.open(db) as store:
        return store.db.execute(sql, params).fetchone()


def scare_quote(db: str) -> int:
    return one(db, "SELECT id FROM quotes WHERE text = 'strategic' AND speaker = 'Ebrahim Raisi'")[0]


def test_correct_a_speaker_and_a_figure_then_undo(runner: CliRunner, db: str) -> None:
    quote = one(db, "SELECT id FROM quotes WHERE speaker = 'Hossein Amir-Abdollahian'")[0]
    code, output = run(runner, db, "correct", f"quote:{quote}", "speaker=Nicolas Maduro", "--note", "he answered")
    assert (code, output) == (0, f"quote:{quote}: speaker='Nicolas Maduro' (version 1, by ana)\n")
    assert one(db, "SELECT speaker, corrected FROM quotes WHERE id = ?", quote) == ("Nicolas Maduro", '["speaker"]')
    listed = [json.loads(line) for line in run(runner, db, "quotes", "--speaker", "maduro", "--json")[1].splitlines()]
    assert any(row["id"] == quote and row["corrected"] == ["speaker"] for row in listed)
    claim = one(db, "SELECT id FROM claims WHERE mention = 'two major partners'")[0]
    code, output = run(runner, db, "correct", f"claim:{claim}", "value=3", "unit=partners", "--expect-version", "0")
    assert code == 0, output
    assert one(db, "SELECT value, unit FROM claims WHERE id = ?", claim) == (3.0, "partners")
    code, output = run(runner, db, "undo")
    assert code == 0 and f"claim:{claim}: undo of #" in output
    assert one(db, "SELECT value, unit FROM claims WHERE id = ?", claim) == (2.0, "partner")
    code, output = run(runner, db, "history", f"quote:{quote}")
    assert "speaker (extracted) -> Nicolas Maduro" in " ".join(output.split())
    code, output = run(runner, db, "correct", f"claim:{claim}", "--restore", "unit")
    assert code == 1 and f"claim {claim} has no correction of unit" in output


def test_correct_refuses_bad_input(runner: CliRunner, db: str) -> None:
    claim = one(db, "SELECT id FROM claims LIMIT 1")[0]
    assert run(runner, db, "correct", f"claim:{claim}", "value=lots")[0] == 2
    assert run(runner, db, "correct", f"claim:{claim}", "colour=red")[0] == 2
    assert run(runner, db, "correct", f"claim:{claim}")[0] == 2
    code, output = run(runner, db, "correct", f"claim:{claim}", "hedge=roughly")
    assert code == 1 and "hedge 'roughly' is not one of" in output
    code, output = run(runner, db, "correct", "claim:99999", "speaker=x")
    assert (code, output) == (1, "Error: claim 99999 does not exist\n")
    run(runner, db, "correct", f"claim:{claim}", "speaker=Raisi", reviewer="bob")
    code, output = run(runner, db, "correct", f"claim:{claim}", "speaker=Maduro", "--expect-version", "0")
    assert code == 1 and f"claim {claim} was changed by bob at" in output and "reload and retry" in output


def test_dismiss_the_scare_quote_leaves_exports_until_undismissed(runner: CliRunner, db: str, tmp_path: Path) -> None:
    quote = scare_quote(db)
    code, output = run(runner, db, "dismiss", f"quote:{quote}", "--reason", "scare quote")
    assert (code, output) == (0, f"quote:{quote}: dismissed (not a quote) (version 1, by ana)\n")
    ids = [json.loads(line)["id"] for line in run(runner, db, "quotes", "--json")[1].splitlines()]
    assert quote not in ids
    dismissed = [
        json.loads(line) for line in run(runner, db, "quotes", "--verdict", "dismissed", "--json")[1].splitlines()
    ]
    assert [(r["id"], r["dismissed"]) for r in dismissed] == [(quote, "not_a_quote")]
    out = tmp_path / "jsonl"
    assert run(runner, db, "export", "jsonl", "--out", str(out))[0] == 0
    quotes = [json.loads(line) for line in (out / "quotes.jsonl").read_text().splitlines()]
    assert quote not in [q["id"] for q in quotes]
    assert all(q["corrected"] == [] and q["origin"] == "extracted" for q in quotes)
    assert run(runner, db, "dismiss", f"quote:{quote}")[0] == 1
    assert run(runner, db, "dismiss", f"quote:{quote}", "--as", "bogus")[0] == 2
    assert run(runner, db, "undismiss", f"quote:{quote}")[0] == 0
    ids = [json.loads(line)["id"] for line in run(runner, db, "quotes", "--json")[1].splitlines()]
    assert quote in ids


def test_add_a_claim_checks_its_offsets_and_is_exported_as_added(runner: CliRunner, db: str, tmp_path: Path) -> None:
    article, text = one(db, "SELECT id, text FROM articles WHERE source = '002_4994b00723488c54.txt'")
    start = text.index("February 4, 2023")
    end = start + len("February 4, 2023")
    code, output = run(runner, db, "add", "claim", "002_4994b00723488c54.txt", str(start), str(end + 1), "kind=date")
    assert code == 1 and "start and end at the words" in output
    code, output = run(
        runner, db, "add", "claim", str(article), str(start), str(end), "kind=date", "mention=February 4"
    )
    assert code == 1 and f"text[{start}:{end}] of article {article} is 'February 4, 2023', not 'February 4'" in output
    code, output = run(
        runner,
        db,
        "add",
        "claim",
        "002_4994b00723488c54.txt",
        str(start),
        str(end),
        "kind=date",
        "value=20230204",
        "mention=February 4, 2023",
    )
    assert code == 0, output
    claim = one(db, "SELECT id FROM claims WHERE origin = 'added'")[0]
    assert output == f"claim:{claim}: added “February 4, 2023” to article {article} (cluster {claim})\n"
    out = tmp_path / "csv"
    assert run(runner, db, "export", "csv", "--out", str(out))[0] == 0
    (claims_csv,) = out.glob("claims-*.csv")
    rows = {row["id"]: row for row in csv.DictReader(claims_csv.open(encoding="utf-8"))}
    assert (rows[str(claim)]["origin"], rows[str(claim)]["mention"]) == ("added", "February 4, 2023")
    assert run(runner, db, "add", "claim", "nosuch.txt", "0", "1", "kind=date")[1].startswith("Error: no article")
    assert run(runner, db, "undo")[0] == 0
    assert one(db, "SELECT dismissed FROM claims WHERE id = ?", claim) == ("withdrawn",)


def test_cluster_split_move_merge_and_not_a_conflict(runner: CliRunner, db: str) -> None:
    cluster, member = one(
        db, "SELECT cluster_id, id FROM claims WHERE mention = '20-year' AND id != cluster_id ORDER BY id"
    )
    code, output = run(runner, db, "cluster", "split", f"claim:{member}", "--dry-run")
    assert output == (f"would change:\n  claim {member} leaves claim cluster {cluster} for a cluster of its own.\n")
    assert one(db, "SELECT cluster_id FROM claims WHERE id = ?", member) == (cluster,)
    assert run(runner, db, "cluster", "split", f"claim:{member}")[0] == 0
    assert one(db, "SELECT cluster_id FROM claims WHERE id = ?", member) == (member,)
    code, output = run(runner, db, "cluster", "move", f"claim:{member}", f"claim-cluster:{cluster}")
    assert code == 0 and f"leaves claim cluster {member} for claim cluster {cluster}" in output
    assert one(db, "SELECT cluster_id FROM claims WHERE id = ?", member) == (cluster,)
    assert run(runner, db, "cluster", "move", f"claim:{member}", "quote-cluster:1")[0] == 2
    assert (
        run(runner, db, "cluster", "move", f"claim:{member}", "claim-cluster:99999")[1]
        == "Error: claim cluster 99999 does not exist\n"
    )
    other = one(db, "SELECT cluster_id FROM claims WHERE mention = 'two major partners'")[0]
    code, output = run(runner, db, "cluster", "merge", f"claim-cluster:{cluster}", f"claim-cluster:{other}")
    assert code == 0 and f"1 listed member of claim cluster {other} join claim cluster {cluster}" in output
    assert run(runner, db, "undo")[0] == 0
    assert one(db, "SELECT cluster_id FROM claims WHERE mention = 'two major partners'") == (other,)
    code, output = run(runner, db, "cluster", "not-a-conflict", f"claim-cluster:{cluster}", f"claim-cluster:{other}")
    assert code == 1 and "are not flagged as conflicting" in output
    assert run(runner, db, "cluster", "merge", f"claim:{member}", f"claim-cluster:{other}")[0] == 2


def test_reextract_eval_gold_and_orphans_from_the_command_line(runner: CliRunner, db: str, tmp_path: Path) -> None:
    claim = one(db, "SELECT id FROM claims WHERE mention = 'two major partners'")[0]
    quote = scare_quote(db)
    run(runner, db, "verdict", f"claim:{claim}", "true")
    run(runner, db, "correct", f"claim:{claim}", "unit=partners")
    run(runner, db, "dismiss", f"quote:{quote}")
    code, output = run(runner, db, "eval", "corrections", "--json")
    result = json.loads(output)
    assert result["by_type"]["claim"] == {**result["by_type"]["claim"], "judged": 1, "wrong": 1, "precision": 0.0}
    assert result["by_type"]["quote"]["dismissed"] == 1
    code, output = run(runner, db, "eval", "corrections")
    assert code == 0 and "Per outlet" in output and "Al Mayadeen English" in output
    gold = tmp_path / "gold"
    code, output = run(runner, db, "export", "gold", "--out", str(gold))
    assert code == 0, output
    assert output == f"wrote 1 claims, 1 quotes, 2 articles to {gold}\n"
    (record,) = [json.loads(line) for line in (gold / "claims.jsonl").read_text().splitlines()]
    assert (record["id"], record["unit"], record["corrected"], record["extracted"], record["dismissed"]) == (
        claim,
        "partners",
        ["unit"],
        {"unit": "partner"},
        None,
    )
    (negative,) = [json.loads(line) for line in (gold / "quotes.jsonl").read_text().splitlines()]
    assert (negative["id"], negative["dismissed"]) == (quote, "not_a_quote")
    articles = [json.loads(line) for line in (gold / "articles.jsonl").read_text().splitlines()]
    text = next(a["text"] for a in articles if a["id"] == record["article_id"])
    assert text[record["start"] : record["end"]] == record["mention"]

    code, output = run(runner, db, "reextract", "--dry-run", "--all", "--json")
    report = json.loads(output)
    assert code == 0 and report["articles"] == 5 and report["dry_run"] is True
    assert report["counts"]["items_removed"] == report["counts"]["items_added"] == 0
    assert report["score"]["before"] == report["score"]["after"]
    assert run(runner, db, "reextract", "--all", "--since-version", "1")[0] == 2
    code, output = run(runner, db, "reextract")
    assert code == 0 and "re-extracted 0 articles" in output

    with Store.open(db) as store:
        from workbench.services.review import ItemRef, ReviewService

        ReviewService(store, "ana").mark_orphaned(ItemRef("claim", claim), "test")
    code, output = run(runner, db, "orphans", "--json")
    assert [json.loads(line)["entity_id"] for line in output.splitlines()] == [claim]
    target = one(db, "SELECT id FROM claims WHERE id != ? AND mention = '20-year'", claim)[0]
    code, output = run(runner, db, "orphans", "attach", f"claim:{claim}", f"claim:{target}")
    assert code == 0 and f"claim:{claim}: review re-attached to claim:{target}" in output
    assert one(db, "SELECT verdict, orphaned FROM reviews WHERE entity_type = 'claim' AND entity_id = ?", target) == (
        "true",
        0,
    )
    assert run(runner, db, "orphans")[1] == "no orphaned reviews\n"
    assert run(runner, db, "orphans", "discard", f"claim:{target}")[0] == 1


def test_blame_names_who_corrected_each_field(runner: CliRunner, db: str) -> None:
    claim = one(db, "SELECT id FROM claims WHERE mention = 'two major partners'")[0]
    run(runner, db, "correct", f"claim:{claim}", "unit=partners", reviewer="bob")
    run(runner, db, "dismiss", f"claim:{claim}", "--as", "duplicate")
    code, output = run(runner, db, "blame", f"claim:{claim}")
    lines = [" ".join(line.split()) for line in output.splitlines()]
    assert code == 0
    unit = next(line for line in lines if line.startswith("│ unit │"))
    dismissed = next(line for line in lines if line.startswith("│ dismissed │"))
    assert unit.startswith("│ unit │ partners │ bob │") and unit.endswith("│ correct │ 1 │")
    assert dismissed.startswith("│ dismissed │ duplicate │ ana │") and dismissed.endswith("│ dismiss │ 2 │")
