"""Texts longer than any real article are extracted in bounded windows: offsets stay exact, sentences stay short,
memory grows with the text's size and not with its square; real articles never take this path."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import ARTICLE, SEEDS, write_bytes
from workbench.pipeline import analyze
from workbench.pipeline.analyze import SENTENCE_CHARS, WINDOW_SENTENCE_CHARS, WINDOW_THRESHOLD, analyze_text
from workbench.pipeline.claims import extract_claims
from workbench.pipeline.quotes import extract_quotes
from workbench.pipeline.sentences import split_sentences
from workbench.services.ingest import ingest_paths
from workbench.store.repository import Store


def numbers_in_one_sentence(count: int) -> str:
    return "The tally listed " + ", ".join(f"{n} cars" for n in range(count)) + ".\n"


def check_offsets(text: str, result: analyze.Analysis) -> None:
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.mention
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert quote.speaker_end is not None and text[quote.speaker_start : quote.speaker_end]
    assert all(0 <= s < e <= len(text) for s, e in result.sentences)


def test_real_articles_do_not_take_the_windowed_path() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert len(text) < WINDOW_THRESHOLD
        sentences = split_sentences(text)
        quotes = extract_quotes(text)
        whole = analyze_text(text)
        assert whole.sentences == sentences and whole.quotes == quotes
        direct = extract_claims(text, None, quotes=quotes, sentences=sentences)
        # analyze_text adds each claim's check-worthiness cues to its trace; everything else is the extractor's
        assert [c.model_dump(exclude={"trace"}) for c in whole.claims] == [
            c.model_dump(exclude={"trace"}) for c in direct
        ]
        assert all(w.trace[: len(d.trace)] == d.trace for w, d in zip(whole.claims, direct, strict=True))


def test_a_run_on_sentence_of_numbers_is_cut_into_short_sentences() -> None:
    text = numbers_in_one_sentence(12_000)
    assert len(text) > WINDOW_THRESHOLD
    result = analyze_text(text)
    check_offsets(text, result)
    assert len(result.claims) >= 11_900
    assert max(e - s for s, e in result.sentences) <= WINDOW_SENTENCE_CHARS
    # a claim that a cut went through gets both pieces as its sentence
    assert max(c.sentence_end - c.sentence_start for c in result.claims) <= 2 * WINDOW_SENTENCE_CHARS


def test_below_the_window_threshold_a_run_on_sentence_is_still_cut() -> None:
    text = numbers_in_one_sentence(6_000)
    assert len(text) < WINDOW_THRESHOLD
    result = analyze_text(text)
    check_offsets(text, result)
    assert max(e - s for s, e in result.sentences) <= SENTENCE_CHARS
    assert max(c.sentence_end - c.sentence_start for c in result.claims) <= 2 * SENTENCE_CHARS


def test_news_in_windows_gives_what_each_part_gives_alone() -> None:
    """The same article many times over, one paragraph per copy: every copy yields the claims and quotes the
    article yields alone, at its own offsets, and change groups stay apart across windows."""
    copies = WINDOW_THRESHOLD // len(ARTICLE) + 40
    text = ARTICLE * copies
    result = analyze_text(text)
    check_offsets(text, result)
    alone = analyze_text(ARTICLE)
    assert len(result.claims) == copies * len(alone.claims)
    assert len(result.quotes) == copies * len(alone.quotes)
    assert [(q.text, q.speaker) for q in result.quotes[-len(alone.quotes) :]] == [
        (q.text, q.speaker) for q in alone.quotes
    ]
    groups = [c.change_group for c in result.claims if c.change_group is not None]
    assert len(set(groups)) == copies * len({c.change_group for c in alone.claims if c.change_group is not None})


def test_a_30_megabyte_line_shape_without_any_space_still_has_exact_offsets() -> None:
    text = ("x" * 50_000 + "5%") * 3
    check_offsets(text, analyze_text(text))


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The windowed path at a tenth of its sizes, so growth can be measured on small inputs."""
    monkeypatch.setattr(analyze, "WINDOW_THRESHOLD", 10_000)
    monkeypatch.setattr(analyze, "WINDOW_CHARS", 2_000)
    monkeypatch.setattr(analyze, "WINDOW_SENTENCE_CHARS", 200)


def _peak_of_ingest(tmp_path: Path, name: str, text: str) -> int:
    path = write_bytes(tmp_path / name, "run-on.txt", text.encode())
    with Store.open(tmp_path / f"{name}.db") as store:
        tracemalloc.start()
        try:
            report = ingest_paths(store, [path], workers=1)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert report.ingested == 1
    return peak


def test_ingest_memory_grows_linearly_with_a_run_on_sentence(small_windows: None, tmp_path: Path) -> None:
    """Extraction and clustering read a claim's sentence; were it the whole text, four times the numbers would cost
    sixteen times the memory (and time)."""
    small = _peak_of_ingest(tmp_path, "small", numbers_in_one_sentence(1_500))
    large = _peak_of_ingest(tmp_path, "large", numbers_in_one_sentence(6_000))
    assert large < 6 * small, (small, large)


def test_an_extractor_bug_in_a_late_window_rolls_back_that_article_only(
    small_windows: None, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = analyze.extract_claims

    def flaky(text: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if "poison" in text:
            raise AttributeError("'NoneType' object has no attribute 'end'")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(analyze, "extract_claims", flaky)
    write_bytes(tmp_path / "in", "long.txt", (ARTICLE * 60 + "This poison pill breaks the extractor.\n").encode())
    write_bytes(tmp_path / "in", "short.txt", ARTICLE.encode())
    report = ingest_paths(store, [tmp_path / "in"], workers=1)
    assert report.ingested == 1
    assert [Path(p.label).name for p in report.rejected] == ["long.txt"]
    assert "internal error while extracting (AttributeError" in report.rejected[0].reason
    assert [a["source"] for a in store.list_articles()] == ["short.txt"]
    for table in ("claims", "quotes", "sentences"):
        assert (
            store.db.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            == 0
        )
