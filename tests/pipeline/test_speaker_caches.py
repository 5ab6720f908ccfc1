"""What attribution keeps per article to save work gives what reading afresh gives: cue words, subject pronouns, and a
name index that one pass's registrations never reach another pass."""

from __future__ import annotations

from workbench.pipeline.names import tokenize
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import CUE_WORDS, Discourse, cue_at
from workbench.pipeline.speakers.phrases import without_parentheticals

TEXT = (
    "Sen. Ana Ruiz (D-Ohio) said the plan, which “nobody said would work,” had failed. "
    "Her aide, who has the say-so, said-so too, adding that costs rose 5%. "
    "“It is over,” she told reporters, according to state media. He said nothing."
)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    opens = [i for i, c in enumerate(text) if c == "“"]
    return [(start, text.index("”", start) + 1) for start in opens]


def _cues_read_afresh(discourse: Discourse, start: int, end: int, naming: bool) -> list[tuple[int, str]]:
    """Every token of the stretch, each cue word outside quotes asked: what the cue search must find."""
    tokens = without_parentheticals(tokenize(discourse.text, start, end))
    found = []
    for k, token in enumerate(tokens):
        if token.text in CUE_WORDS and not discourse.inside_quote(token.start):
            cue = cue_at(tokens, k, naming)
            if cue is not None:
                found.append((k, cue.text))
    return found


def test_cues_of_every_stretch_are_those_of_every_token():
    discourse = Discourse(TEXT, split_sentences(TEXT), _quote_spans(TEXT))
    stretches = [(0, len(TEXT)), (3, 60), (TEXT.index("aide,") + 1, TEXT.index("5%")), (TEXT.index("say-so") + 4, 170)]
    stretches += [(s, e) for s, e in split_sentences(TEXT)]
    for start, end in stretches:
        for naming in (False, True, False):  # the second ask of a stretch reuses its tokens
            tokens, cues = discourse.cues(start, end, naming)
            assert [(k, cue.text) for k, cue in cues] == _cues_read_afresh(discourse, start, end, naming)
            assert not cues or tokens == without_parentheticals(tokenize(TEXT, start, end))
    _, cues = discourse.cues(0, len(TEXT))
    assert [cue.text for _, cue in cues] == ["said", "adding", "told", "according to", "said"]  # "said-so" is no cue


def test_a_stretch_whose_cue_words_are_all_quoted_has_no_tokens():
    discourse = Discourse(TEXT, split_sentences(TEXT), _quote_spans(TEXT))
    inside = TEXT.index("nobody said")
    assert discourse.cues(inside, inside + 20) == ([], [])


def test_subject_pronouns_asked_twice_are_the_same():
    text = "Ana Ruiz spoke. She did not stop. “We will rebuild,” she said. But he left."
    discourse = Discourse(text, split_sentences(text), _quote_spans(text))
    sentences = split_sentences(text)
    first = [discourse.subject_pronoun(s) for s in sentences]
    assert [m.text if m else None for m in first] == [None, "She", "she", "he"]
    assert [discourse.subject_pronoun(s) for s in reversed(sentences)] == list(reversed(first))


def test_a_pass_never_sees_the_names_another_pass_registered():
    text = "Ana Ruiz arrived. Mr. Bloggs waited at the door. Later the two spoke."
    sentences = split_sentences(text)
    quotes_pass = Discourse(text, sentences, [])
    assert "bloggs" in quotes_pass.names.persons
    quotes_pass.names.register("Zed Quill")
    claims_pass = Discourse(text, sentences, [])
    third_pass = Discourse(text, sentences, [])
    for later in (claims_pass, third_pass):
        assert "quill" not in later.names.persons
        assert sorted(later.names.persons) == sorted(k for k in quotes_pass.names.persons if k != "quill")
    claims_pass.names.register("Yan Quist")
    assert "quist" not in third_pass.names.persons and "quist" not in quotes_pass.names.persons
