"""Wording drift between printings of a quote: real edits reported, cosmetic differences and excerpts not."""

from __future__ import annotations

from workbench.pipeline.drift import wording_drift


def edits(a: str, b: str) -> list[str]:
    return [str(e) for e in wording_drift(a, b).edits]


def test_cosmetic_differences_are_verbatim() -> None:
    drift = wording_drift("\u201cWe will win,\u201d", '"we WILL win"')
    assert drift.verbatim and drift.similarity == 1.0 and not drift.truncated


def test_replaced_deleted_and_inserted_words_keep_the_original_spelling() -> None:
    assert edits(
        "I always remember General Soleimani and I pay tribute to him.",
        "I always remember Soleimani and I pay my respects to him, truly.",
    ) == ['-"General"', '"tribute" \u2192 "my respects"', '+"truly."']


def test_bracketed_insertion_is_one_edit() -> None:
    assert edits(
        "the only way to face these pressures is resistance",
        "The only way to face these pressures [from the United States] is resistance.",
    ) == ['+"[from the United States]"']


def test_an_excerpt_is_truncated_not_edited() -> None:
    drift = wording_drift(
        "Having common interests, views and enemies have made cooperation deep and strategic.", "made cooperation deep"
    )
    assert drift.verbatim and drift.truncated
    assert round(drift.similarity, 2) == 0.25


def test_unrelated_texts_have_low_similarity() -> None:
    drift = wording_drift("The Iranian nation has gained valuable experiences", "Prices rose sharply in May")
    assert drift.similarity == 0.0 and drift.edits
