"""Quote audit on the seeds: the quote carried by two outlets, first appearance by date, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS, write_bytes
from workbench.cli import main
from workbench.services.audit import audit_quotes
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)

QUOTE = "The cooperation between our nations will reach new heights in every field this year"


def test_seed_quote_carried_by_two_outlets_is_audited(store: Store) -> None:
    ingest_paths(store, [SEEDS], workers=1)
    audits = audit_quotes(store)
    carried = [a for a in audits if a.wording.startswith("The Islamic Republic of Iran, thanks to the blessings")]
    assert len(carried) == 1
    audit = carried[0]
    assert audit.outlets == ["Breitbart", "Mehr News Agency"]
    assert audit.speakers == ["Ebrahim Raisi"]
    assert all(p.drift.verbatim for p in audit.printings)


def test_first_appearance_by_date_and_drift(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_bytes(folder, "late.txt", f"\u201c{QUOTE},\u201d Maduro said.\n".encode())
    write_bytes(folder, "early.txt", f'"{QUOTE.replace("every field", "all fields")}," Maduro said.\n'.encode())
    write_bytes(folder, "undated.txt", f'Maduro said: "{QUOTE}."\n'.encode())
    write_bytes(
        folder,
        "manifest.toml",
        b'["late.txt"]\noutlet = "B"\npublished = 2023-02-02\n'
        b'["early.txt"]\noutlet = "A"\npublished = 2023-01-01\n'
        b'["undated.txt"]\noutlet = "C"\n',
    )
    ingest_paths(store, [folder], workers=1)
    (audit,) = audit_quotes(store)
    assert [(p.member["outlet"], p.first) for p in audit.printings] == [("A", True), ("B", False), ("C", False)]
    assert audit.wording.rstrip(",.") == QUOTE  # the longest printing is the reference
    early, late, undated = audit.printings
    assert [str(e) for e in early.drift.edits] == ['"every field" \u2192 "all fields"']
    assert late.drift.verbatim and undated.drift.verbatim


def test_undated_cluster_says_first_is_unknown(store: Store, tmp_path: Path) -> None:
    write_bytes(tmp_path / "in", "a.txt", f'"{QUOTE}," Maduro said.\n'.encode())
    write_bytes(tmp_path / "in", "b.txt", f'"{QUOTE}," Maduro said.\n'.encode())
    ingest_paths(store, [tmp_path / "in"], workers=1)
    (audit,) = audit_quotes(store)
    assert not audit.first_known and audit.first is None


def test_cli_audit_json_and_text(runner: CliRunner, db_path: Path) -> None:
    db = str(db_path)
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    result = runner.invoke(main, ["--db", db, "audit", "quotes", "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert any(r["outlets"] == ["Breitbart", "Mehr News Agency"] for r in records)
    assert all(len({p["source"] for p in r["printings"]}) >= 2 for r in records)
    text = runner.invoke(main, ["--db", db, "audit", "quotes", "--speaker", "raisi"]).output
    assert "quote cluster" in text and "Breitbart" in text
    # the two seed outlets printed it on the same day: the audit says it cannot order them
    assert "2 printings share the earliest date: which of them came first is not known" in " ".join(text.split())


def test_changed_with_no_match_says_why_and_json_says_first_unknown_on_a_tie(runner: CliRunner, db_path: Path) -> None:
    db = str(db_path)
    assert runner.invoke(main, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    shared = [
        json.loads(line) for line in runner.invoke(main, ["--db", db, "audit", "quotes", "--json"]).output.splitlines()
    ]
    assert shared and all(not r["printings"] or all(p["verbatim"] for p in r["printings"]) for r in shared)
    changed = runner.invoke(main, ["--db", db, "audit", "quotes", "--changed"])
    assert changed.exit_code == 0
    assert "no quote is printed by more than one article" not in changed.output
    noun = "quote" if len(shared) == 1 else "quotes"
    assert f"the wording did not change: {len(shared)} {noun} printed by several articles" in changed.output
    # The seed quote printed by Breitbart and Mehr on one day: the text says first appearance is not known,
    # and so does the JSON.
    tied = next(r for r in shared if r["outlets"] == ["Breitbart", "Mehr News Agency"])
    assert tied["first_known"] is False and tied["earliest_tied"] >= 2
    assert not any(p["first"] for p in tied["printings"])
    assert sum(p["earliest"] for p in tied["printings"]) == tied["earliest_tied"]
    text = runner.invoke(main, ["--db", db, "audit", "quotes", "--cluster", str(tied["cluster_id"])]).output
    assert "share the earliest date" in " ".join(text.split())
    assert "  first " not in text and "  tied  2023-06-13" in text


def test_the_cluster_view_names_no_first_when_articles_of_one_day_tie(store: Store, tmp_path: Path) -> None:
    """The TUI's "1st" marker and "First:" line read ClusterView.first: like the audit, it names no article when
    two articles share the earliest day (dates have no time of day), and says why."""
    from workbench.services.catalog import Catalog
    from workbench.tui.widgets.detail import first_unknown

    folder = tmp_path / "in"
    write_bytes(folder, "a.txt", f'"{QUOTE}," Maduro said.\n'.encode())
    write_bytes(folder, "b.txt", f'"{QUOTE}," Maduro said.\n'.encode())
    write_bytes(folder, "c.txt", f'"{QUOTE}," Maduro said.\n'.encode())
    write_bytes(
        folder,
        "manifest.toml",
        b'["a.txt"]\npublished = 2023-01-01\n["b.txt"]\npublished = 2023-01-01\n["c.txt"]\npublished = 2023-03-01\n',
    )
    ingest_paths(store, [folder], workers=1)
    (audit,) = audit_quotes(store)
    cluster = Catalog(store).cluster("quotes", audit.cluster_id)
    assert cluster is not None and len(cluster.members) == 3
    assert cluster.first is None and cluster.earliest is not None
    assert cluster.earliest["published"] == "2023-01-01"
    assert first_unknown(cluster) == "unknown (2 articles on 2023-01-01)"
    # With the tie broken by a later date for b, a is first.
    store.db.execute("UPDATE articles SET published = '2023-02-01' WHERE source = 'b.txt'")
    cluster = Catalog(store).cluster("quotes", audit.cluster_id)
    assert cluster is not None and cluster.first is not None and cluster.first["source"] == "a.txt"
