"""Extraction helpers that take faster paths than their definitions; these tests hold them to the definitions.

Each reference below is the code as it was written before the faster path replaced it (issue 14: extraction CPU
per article), kept here so that a later change to either side shows up as a difference, not as a silent drift."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.pipeline.names import index as index_module
from workbench.pipeline.names.index import NameIndex
from workbench.pipeline.names.lexicon import ABBREVIATIONS
from workbench.pipeline.names.patterns import TOKEN
from workbench.pipeline.names.tokens import Token, tokenize
from workbench.pipeline.speakers.patterns import ROLE_DESCRIPTION

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Letters, digits, the joiners and dots the token pattern treats specially, blanks of several kinds, quotes.
_TEXT = st.text(alphabet=st.sampled_from("aZé9_ .’'-.\n\t\xa0,“”()U.S.Mr.Dr.x"), max_size=60) | st.text(max_size=40)


def _tokenize_reference(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    split: list[Token] = []
    for m in TOKEN.finditer(text, start, end):
        s, e, word = m.start(), m.end(), m.group()
        if len(word) > 1 and word.endswith("."):
            core = word[:-1]
            keep = core.lower() in ABBREVIATIONS or (len(core) == 1 and core.isupper()) or "." in core
            if not keep:
                split.append(Token(s, e - 1, core))
                split.append(Token(e - 1, e, "."))
                continue
        split.append(Token(s, e, word))
    return split


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.integers(0, 70), st.integers(0, 70))
def test_tokenize_equals_one_match_per_token(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert tokenize(text, start, end) == _tokenize_reference(text, start, end)
    assert tokenize(text) == _tokenize_reference(text)


def test_tokenize_offsets_and_dots() -> None:
    text = "  Mr. Smith met U.S. envoys.\tThey left  "
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Mr.", "Smith", "met", "U.S.", "envoys", ".", "They", "left"]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokenize(text, 2, 10) == [Token(2, 5, "Mr."), Token(6, 10, "Smit")]  # a range may cut a word


_ROLE_DESCRIPTION_REFERENCE = re.compile(ROLE_DESCRIPTION.pattern.replace(r"[Tt](?<!\w[Tt])he", r"\b[Tt]he", 1))
_ROLE_TEXT = st.lists(
    st.sampled_from(["the", "The", "tthe", "xThe", "_the", "president", "Iranian", "said", " ", "  ", ".", "\n", "é"]),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_ROLE_TEXT, st.integers(0, 20))
def test_role_description_opens_like_a_word_boundary(text: str, start: int) -> None:
    """The role-description pattern opens on the letter, not on ``\\b``; it must find what ``\\b[Tt]he`` found,
    from any start (a look-behind, like ``\\b``, sees the text before it)."""
    spans = [(m.span(), m.groups()) for m in ROLE_DESCRIPTION.finditer(text, start)]
    assert spans == [(m.span(), m.groups()) for m in _ROLE_DESCRIPTION_REFERENCE.finditer(text, start)]


def test_role_description_finds_the_role() -> None:
    text = "Bathe. The Iranian president spoke; clothe the minister Ali."
    assert [m.group(2) for m in ROLE_DESCRIPTION.finditer(text)] == ["president"]


_NAMES_TEXT = (
    "The Iranian leader Ali Khamenei said on Monday that Iran would not yield. He met Minister Javad Owji, "
    "Iran's Oil Minister, and the United Nations Nikki Haley. “We will win,” said President Donald Trump’s aide. "
    "In London, his wife, Huma Abedin, spoke; Sen. Rob Portman, R-Ohio, and Mr. Smith of Virginia agreed. "
    "Like Iran, Venezuela sells oil. Abedin left. Officials told Fox News. Story Continued Below\nPhoto: Jim Watson/AFP "
    "Chief of Police Deanna Nollette, who leads it, and Trump's Monday, The President, Democrats Monday. "
    "Cooper (D-Tenn.) spoke."
)


def _index_state(index: NameIndex) -> tuple:
    persons = {key: (p.name, sorted(p.roles), p.gender) for key, p in index.persons.items()}
    return (index.occurrences, index.by_surname, persons, index._evidence, index._alone, index._places)


def test_name_index_shortcuts_change_nothing(monkeypatch) -> None:
    """The one-word path (``_add_word``, its memo ``_word_reading``), the last-token look-back
    (``_last_token_key``) and the look at what follows a name (``_TAG_OPENINGS``) only skip work: the index built
    with all three forced onto the full path is the same."""
    texts = [_NAMES_TEXT, *(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))]
    fast = [_index_state(NameIndex(text)) for text in texts]
    monkeypatch.setattr(NameIndex, "_add_word", lambda index, token: index._add_in_full([token]))
    monkeypatch.setattr(index_module, "_DESCRIPTOR_WORDS", _EVERY_WORD)
    monkeypatch.setattr(index_module, "_TAG_OPENINGS", _EVERY_WORD)
    assert [_index_state(NameIndex(text)) for text in texts] == fast
    assert fast[0][2]["khamenei"][0] == "Ali Khamenei"


class _EveryWordSet(frozenset):
    """A set that holds every word, so that no look-back stops early."""

    def __contains__(self, word: object) -> bool:
        return True


_EVERY_WORD = _EveryWordSet()
