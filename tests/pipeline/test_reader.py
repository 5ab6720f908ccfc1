"""Reading inputs: every bad-input case of ../shared/data/bad-inputs, recreated here so no shared data is needed."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import write_bytes
from workbench.pipeline.reader import (
    ArticleInput,
    InputRejected,
    Problem,
    decode_text,
    discover,
    read_inputs,
)

BBC_POUND = "Chelsea sacked Adrian Mutu, a \u00a315.8m signing, after he failed a drug test.\n"


def read_all(*paths: Path, encoding: str | None = None) -> list[ArticleInput | Problem]:
    return [item for item, _ in read_inputs(discover(paths).files, encoding)]


def only(items: list[ArticleInput | Problem]) -> ArticleInput | Problem:
    assert len(items) == 1, items
    return items[0]


def test_invalid_utf8_is_rejected_with_byte_offset(tmp_path: Path) -> None:
    data = BBC_POUND.encode("cp1252")
    offset = data.index(b"\xa3")
    problem = only(read_all(write_bytes(tmp_path, "199.txt", data)))
    assert isinstance(problem, Problem) and problem.severity == "error"
    assert problem.label.endswith("199.txt")
    assert f"not valid UTF-8 at byte {offset} (0xA3)" in problem.reason
    assert "--encoding" in problem.reason


def test_explicit_encoding_decodes_cp1252_without_losing_the_currency(tmp_path: Path) -> None:
    text = "\u201centirely justified\u201d \u2013 rebate of \u00a33bn.\n"
    article = only(read_all(write_bytes(tmp_path, "cp.txt", text.encode("cp1252")), encoding="cp1252"))
    assert isinstance(article, ArticleInput)
    assert article.text == text
    assert not any("\u0080" <= ch <= "\u009f" for ch in article.text)


def test_smart_quotes_in_cp1252_are_rejected_at_byte_zero(tmp_path: Path) -> None:
    data = "\u2018see the light\u2019".encode("cp1252")
    problem = only(read_all(write_bytes(tmp_path, "cp1252-smart-quotes.txt", data)))
    assert isinstance(problem, Problem)
    assert "byte 0 (0x91)" in problem.reason


def test_utf16_with_bom_is_converted_with_a_warning(tmp_path: Path) -> None:
    text = "Labour plans maternity pay rise\n\nPay will rise by \u00a3100.\n"
    article = only(read_all(write_bytes(tmp_path, "utf16le-bom.txt", text.encode("utf-16"))))
    assert isinstance(article, ArticleInput)
    assert article.text == text
    assert any("UTF-16" in w.reason for w in article.warnings)


def test_utf8_bom_and_crlf_are_normalized(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfAd sales boost Time Warner profit\r\n\r\nProfits rose 76% to $1.13bn.\r\n"
    article = only(read_all(write_bytes(tmp_path, "utf8-bom-crlf.txt", data)))
    assert isinstance(article, ArticleInput)
    assert article.text.startswith("Ad sales boost Time Warner profit\n\n")
    assert "\r" not in article.text and "\ufeff" not in article.text
    assert {w.reason.split()[0] for w in article.warnings} == {"UTF-8", "Windows"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(100), "binary file (PNG image), not text"),
        (b"hello\x00world", "binary file (NUL byte at byte 5), not text"),
    ],
)
def test_binary_content_is_rejected_whatever_the_extension(tmp_path: Path, data: bytes, reason: str) -> None:
    problem = only(read_all(write_bytes(tmp_path, "binary-png-4k.txt", data)))
    assert isinstance(problem, Problem) and problem.severity == "error"
    assert problem.reason == reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (" \t\n\r\n\u00a0\u3000\n".encode(), "no text (whitespace only)")],
)
def test_empty_and_whitespace_only_files_are_skipped(tmp_path: Path, data: bytes, reason: str) -> None:
    problem = only(read_all(write_bytes(tmp_path, "empty.txt", data)))
    assert isinstance(problem, Problem)
    assert (problem.severity, problem.reason) == ("skipped", reason)


def test_markup_and_escape_codes_are_stored_verbatim(tmp_path: Path) -> None:
    text = "[bold red]x[/] \u201c[link=https://evil.example]click[/link] [/]\u201d \x1b[2J \x1b]0;pwned\x07\n"
    article = only(read_all(write_bytes(tmp_path, "rich-markup-ansi.txt", text.encode())))
    assert isinstance(article, ArticleInput)
    assert article.text == text


def test_unicode_file_name_is_normalized_to_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Caracas \u2013 informe \u00f1.txt")
    article = only(read_all(write_bytes(tmp_path, nfd, b"UK firm faces Venezuelan land row.\n")))
    assert isinstance(article, ArticleInput)
    assert article.source == "Caracas \u2013 informe \u00f1.txt"


def test_huge_single_line_reads_whole(tmp_path: Path) -> None:
    text = ('Growth slowed to 0.1% as "the amber light is flashing. ' * 40_000).strip()
    article = only(read_all(write_bytes(tmp_path, "large.txt", text.encode())))
    assert isinstance(article, ArticleInput)
    assert article.text == text


def test_size_limit_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workbench.pipeline.reader.MAX_ARTICLE_BYTES", 10)
    with pytest.raises(InputRejected, match="over the 0 MiB limit"):
        decode_text(b"x" * 11)


def test_manifest_gives_outlet_and_date(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", b"Text A.\n")
    write_bytes(tmp_path, "manifest.toml", b'["a.txt"]\noutlet = "Mehr"\npublished = 2023-06-13\ntitle = "T"\n')
    article = only(read_all(tmp_path))
    assert isinstance(article, ArticleInput)
    assert (article.outlet, article.published, article.title) == ("Mehr", "2023-06-13", "T")


def test_json_manifest_and_bad_date_warning(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", b"Text A.\n")
    write_bytes(tmp_path, "manifest.json", json.dumps({"a.txt": {"outlet": "X", "published": "June"}}).encode())
    article = only(read_all(tmp_path))
    assert isinstance(article, ArticleInput)
    assert article.outlet == "X" and article.published is None
    assert "not an ISO date" in article.warnings[0].reason


def test_broken_manifest_is_reported_once_and_articles_still_read(tmp_path: Path) -> None:
    write_bytes(tmp_path, "a.txt", b"Text A.\n")
    write_bytes(tmp_path, "b.txt", b"Text B.\n")
    write_bytes(tmp_path, "manifest.toml", b"[a.txt\noutlet=")
    items = read_all(tmp_path)
    problems = [i for i in items if isinstance(i, Problem)]
    articles = [i for i in items if isinstance(i, ArticleInput)]
    assert len(problems) == 1 and problems[0].label.endswith("manifest.toml")
    assert [a.outlet for a in articles] == ["unknown", "unknown"]


def test_folder_walk_skips_docs_hidden_and_other_files(tmp_path: Path) -> None:
    write_bytes(tmp_path, "README.md", b"# not an article")
    write_bytes(tmp_path, ".hidden.txt", b"secret")
    write_bytes(tmp_path, "make.py", b"print()")
    write_bytes(tmp_path / "sub", "story.md", b"A story.")
    found = discover([tmp_path])
    assert [p.name for p in found.files] == ["story.md"]
    assert [(p.severity, Path(p.label).name) for p in found.problems] == [("skipped", "README.md")]


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    pdf = write_bytes(tmp_path, "x.pdf", b"%PDF-1.4")
    found = discover([tmp_path / "nope", pdf])
    assert [p.reason for p in found.problems] == [
        "no such file or folder",
        "unsupported file type '.pdf'; expected .txt, .md, .html, .htm, .jsonl or .jsonl.gz, or an http(s):// address",
    ]


def test_jsonl_lines_fail_one_at_a_time(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "First.", "outlet": "O", "date": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": 5}),
        json.dumps([1, 2]),
        "",
        json.dumps({"text": "No id here."}),
    ]
    path = write_bytes(tmp_path, "batch.jsonl", ("\n".join(lines) + "\n").encode())
    items = read_all(path)
    summary = [(i.source, i.outlet, i.published) if isinstance(i, ArticleInput) else i.reason for i in items]
    assert summary == [
        ("a1", "O", "2020-01-02"),
        "invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        'missing "text" (a string)',
        '"text" must be a string',
        'each line must be a JSON object with a "text" field',
        ("batch.jsonl#7", "unknown", None),
    ]
    assert items[1].label.endswith("batch.jsonl line 2")


def test_gzip_jsonl_and_truncated_gzip(tmp_path: Path) -> None:
    body = "".join(json.dumps({"id": f"n{i}", "text": f"Story {i} " * 50}) + "\n" for i in range(40))
    good = write_bytes(tmp_path, "ok.jsonl.gz", gzip.compress(body.encode()))
    assert [i.source for i in read_all(good)] == [f"n{i}" for i in range(40)]
    cut = write_bytes(tmp_path / "cut", "cut.jsonl.gz", gzip.compress(body.encode())[:-30])
    items = read_all(cut)
    assert isinstance(items[-1], Problem) and "corrupt or truncated" in items[-1].reason
    assert all(isinstance(i, ArticleInput) for i in items[:-1])


def test_a_plain_file_named_gz_is_told_apart_from_a_truncated_one(tmp_path: Path) -> None:
    plain = write_bytes(tmp_path, "plain.jsonl.gz", b'{"id": "a", "text": "Story"}\n')
    items = read_all(plain)
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert items[0].label == str(plain)
    assert "cannot be read as gzip" in items[0].reason and "named .jsonl" in items[0].reason
