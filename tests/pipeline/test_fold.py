"""fold() and words() take faster paths than their definitions; these tests hold them to the definitions.

fold() replaces quote marks, apostrophes and dashes with a regex; it must erase exactly what the per-character
translation table it replaced erased, including characters that compatibility normalization turns into one of those
marks (a fullwidth quote) or into something else first (an acute accent becomes a space, not an apostrophe)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.pipeline.normalize import _APOSTROPHES, _COMBINING, _DASHES, _DOUBLE_QUOTES, _WORD, fold, words

_TABLE = str.maketrans(
    {**dict.fromkeys(_DOUBLE_QUOTES, " "), **dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_DASHES, "-")}
)


def _reference(text: str) -> str:
    """fold() as it was written before: NFKD, combining marks dropped, NFKC, then str.translate."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", _COMBINING.sub("", unicodedata.normalize("NFKD", text)))
    return text.translate(_TABLE).casefold()


_MARKS = _DOUBLE_QUOTES + _APOSTROPHES + _DASHES


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_MARKS + "\"'`-aZ É ﬁ\u0301Ǆ ß.…"), max_size=40) | st.text(max_size=40))
def test_fold_equals_the_translation_table(text: str) -> None:
    assert fold(text) == _reference(text)


def test_fold_of_marks_and_their_compatibility_forms() -> None:
    # curly quotes become spaces, the fullwidth quote too; an acute accent is a space, a backtick an apostrophe
    assert fold("“Iran’s” deal — ＂Done＂ ´x´ `y`") == " iran's  deal -  done   x  'y'"
    assert fold("Simón ﬁnal Straße") == "simon final strasse"
    assert words(fold("It’s a 20‑year “deal”")) == ["it's", "a", "20", "year", "deal"]
    assert re.fullmatch(r"[ -~]*", fold("“a” ‘b’ –c— ＂d＂"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Z9_'’-. ÀÉ\u0301٣ß"), max_size=40) | st.text(max_size=40))
def test_words_equal_the_word_pattern(text: str) -> None:
    """Without an underscore words() uses a plainer pattern; with one, the pattern that splits at it."""
    assert words(text) == _WORD.findall(text)


def test_words_split_at_underscores_and_keep_inner_apostrophes() -> None:
    assert words("snake_case it's iran's 'quoted' e-mail") == ["snake", "case", "it's", "iran's", "quoted", "e", "mail"]
    assert words("plain it's 20 words") == ["plain", "it's", "20", "words"]
