"""The command line for the web: `ingest URL`, `--urls FILE`, `page`, the audit's capture lines, `review URL`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO, SEEDS
from tests.web.server import LocalWeb, fixture_page
from workbench.cli import main
from workbench.tui.app import WorkbenchApp

pytestmark = pytest.mark.engines  # runs on SQLite and PostgreSQL (tests/conftest.py)


def invoke(runner: CliRunner, db: Path, *args: str) -> object:
    return runner.invoke(main, ["--db", str(db), *args])


def test_ingest_urls_reports_each_rejected_page_and_exits_1(
    runner: CliRunner, tmp_path: Path, web: LocalWeb, db_path: Path
) -> None:
    good = web.page("/news", fixture_page("news.html"))
    gone = web.page("/gone", b"", status=404)
    result = invoke(runner, db_path, "ingest", "-q", good, gone)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {gone}: HTTP 404 Not Found: no such page",
        "1 ingested, 0 unchanged, 0 new versions, 1 rejected",
    ]
    again = invoke(runner, db_path, "ingest", "-q", good)
    assert again.exit_code == 0 and "0 ingested, 1 unchanged" in again.output


def test_urls_file_with_comments_and_a_bad_line(
    runner: CliRunner, tmp_path: Path, web: LocalWeb, db_path: Path
) -> None:
    links = tmp_path / "links.txt"
    links.write_text(
        f"# Monday\n{web.page('/news', fixture_page('news.html'))}\n\nnot-a-link\n"
        f"{web.page('/wire', fixture_page('wire.html'))}\n",
        encoding="utf-8",
    )
    result = invoke(runner, db_path, "ingest", "-q", "--urls", str(links))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {links} line 4: not a web address (only http:// and https:// pages can be fetched): 'not-a-link'",
        "2 ingested, 0 unchanged, 0 new versions, 1 rejected",
    ]
    stdin = runner.invoke(main, ["--db", str(db_path), "ingest", "-q", "--urls", "-"], input=f"{web.url('/wire')}\n")
    assert stdin.exit_code == 0 and stdin.output == "0 ingested, 1 unchanged, 0 new versions, 0 rejected\n"


def test_ingest_needs_something_to_read(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    result = invoke(runner, db_path, "ingest")
    assert result.exit_code == 2 and "give files, folders or web addresses" in result.output


def test_page_writes_the_archived_page_back_byte_for_byte(
    runner: CliRunner, tmp_path: Path, web: LocalWeb, db_path: Path
) -> None:
    db = str(db_path)
    url = web.page("/news", fixture_page("news.html"))
    assert invoke(runner, db, "ingest", "-q", url, str(SEEDS)).exit_code == 0
    out = tmp_path / "copy" / "page.html"
    written = invoke(runner, db, "page", url, "--out", str(out))
    assert written.exit_code == 0, written.output
    assert out.read_bytes() == fixture_page("news.html")
    assert f"fetched from {url} at " in written.output and "(HTTP 200)" in written.output
    piped = invoke(runner, db, "page", "6")  # by article id, to standard output
    assert piped.exit_code == 0 and piped.stdout_bytes == fixture_page("news.html")
    info = invoke(runner, db, "page", url, "--info", "--json")
    facts = json.loads(info.output)
    assert (facts["article_id"], facts["final_url"], facts["http_status"], facts["size"]) == (
        6,
        url,
        200,
        len(fixture_page("news.html")),
    )
    text_article = invoke(runner, db, "page", "001_3ce812547ec02d89.txt")
    assert text_article.exit_code == 1
    assert "was not read from a web page, so no page is archived for it" in text_article.output
    unknown = invoke(runner, db, "page", "https://nowhere.example/x")
    assert unknown.exit_code == 1 and "no article 'https://nowhere.example/x'" in unknown.output
    assert invoke(runner, db, "page", url, "--version", "3").exit_code == 1
    # the JSONL export says where and when each web article was captured
    assert invoke(runner, db, "export", "jsonl", "--out", str(tmp_path / "jsonl")).exit_code == 0
    records = [json.loads(line) for line in (tmp_path / "jsonl" / "articles.jsonl").read_text().splitlines()]
    web_record = next(r for r in records if r["source"] == url)
    assert (web_record["author"], web_record["captured_url"], web_record["captured_at"]) == (
        "Laura Mendez",
        url,
        facts["fetched_at"],
    )
    assert {r["captured_url"] for r in records if r["source"] != url} == {None}


def test_page_of_an_older_version(runner: CliRunner, tmp_path: Path, web: LocalWeb, db_path: Path) -> None:
    db = str(db_path)
    url = web.page("/news", fixture_page("news.html"))
    invoke(runner, db, "ingest", "-q", url)
    changed = fixture_page("news.html").replace(b"in July", b"in August")
    web.page("/news", changed)
    assert "1 new versions" in invoke(runner, db, "ingest", "-q", url).output
    assert invoke(runner, db, "page", url).stdout_bytes == changed
    assert invoke(runner, db, "page", url, "--version", "1").stdout_bytes == fixture_page("news.html")


def test_audit_quotes_says_where_and_when_each_printing_was_captured(
    runner: CliRunner, tmp_path: Path, web: LocalWeb, db_path: Path
) -> None:
    db = str(db_path)
    news, wire = web.page("/news", fixture_page("news.html")), web.page("/wire", fixture_page("wire.html"))
    assert invoke(runner, db, "ingest", "-q", news, wire).exit_code == 0
    audit = invoke(runner, db, "audit", "quotes")
    lines = [line.strip() for line in audit.output.splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("first 2022-06-11  Caribbean Ledger"))
    assert lines[first + 1].startswith(f"fetched from {news} at ") and lines[first + 1].endswith(" UTC")
    assert lines[first + 2].startswith("2022-06-12  Andes Wire")
    assert lines[first + 3].startswith(f"fetched from {wire} at ")
    record = json.loads(invoke(runner, db, "audit", "quotes", "--json").output)
    captured = [(p["captured_url"], p["captured_from"]) for p in record["printings"]]
    assert captured == [(news, "fetch"), (wire, "fetch")]
    assert all(p["captured_at"].endswith("+00:00") for p in record["printings"])


def test_outlets_and_fetch_limits_come_from_the_config(
    runner: CliRunner, tmp_path: Path, web: LocalWeb, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    config = tmp_path / "workbench.toml"
    config.write_text('[outlets]\n"127.0.0.1" = "Local Ledger"\n[fetch]\nmax_mb = 0.001\n', encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    result = invoke(runner, db_path, "ingest", "-q", web.page("/news", fixture_page("news.html")))
    assert result.exit_code == 1 and "page too large (4.54 KiB, over the 1.02 KiB limit" in result.output
    config.write_text('[outlets]\n"127.0.0.1" = "Local Ledger"\n', encoding="utf-8")
    assert invoke(runner, db_path, "ingest", "-q", web.url("/news")).exit_code == 0
    listing = invoke(runner, db_path, "articles")
    assert "Local Ledger" in listing.output
    config.write_text("[fetch]\ntimeout = 0\nper_host = 2\n", encoding="utf-8")
    bad = invoke(runner, db_path, "ingest", "-q", web.url("/news"))
    assert bad.exit_code == 1 and "[fetch] timeout must be at least 0.1" in bad.output
    config.write_text("[fetch]\nretries = 3\n", encoding="utf-8")
    assert "unknown key 'retries' in [fetch]" in invoke(runner, db_path, "ingest", web.url("/news")).output


def test_review_url_fetches_then_opens_on_the_article(
    runner: CliRunner, tmp_path: Path, web: LocalWeb, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    opened: list[int | None] = []
    monkeypatch.setattr("workbench.cli.tui._has_terminal", lambda: True)
    monkeypatch.setattr(WorkbenchApp, "run", lambda app: opened.append(app._first_article))
    db = str(db_path)
    url = web.page("/news", fixture_page("news.html"))
    result = invoke(runner, db, "--reviewer", "ana", "review", str(SEEDS), url)
    assert result.exit_code == 0, result.output
    assert opened == [6]  # the fetched page, after the five seeds
    # again: nothing new is fetched into the database, and it still opens on that article
    assert invoke(runner, db, "review", url).exit_code == 0 and opened == [6, 6]
    assert invoke(runner, db, "review", str(SEEDS)).exit_code == 0 and opened[-1] is None


def test_help_of_the_new_commands_has_examples(runner: CliRunner) -> None:
    for command in (["page"], ["ingest"], ["review"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
    assert "--urls FILE" in runner.invoke(main, ["ingest", "--help"]).output


def test_commands_that_do_not_read_pages_do_not_load_the_web_libraries() -> None:
    """trafilatura, lxml and httpx cost about half a second to import: only web ingest may pay for them."""
    code = (
        "import sys, workbench.cli, workbench.services.ingest, workbench.tui.app; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'trafilatura', 'lxml', 'httpx', 'htmldate', "
        "'justext', 'courlan', 'httpcore'}))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert loaded.stdout.strip() == "[]"
