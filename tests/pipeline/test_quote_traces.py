"""Quote and speaker traces: the rules named on real quotes (seeds, typical shapes), and the rule tables themselves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import workbench.pipeline.analyze  # noqa: F401  (registers every rule family)
from workbench.models import Quote
from workbench.pipeline import rules as rules_module
from workbench.pipeline.quotes import QUOTE_RULES, extract_quotes
from workbench.pipeline.rules import RuleSet, describe
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import SPEAKER_RULES, SpeakerRef, claim_speakers

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DETECTED = ["double_mark", "closes_open_quote"]


def quote_of(text: str, words: str) -> Quote:
    """The first quote of ``text`` that starts with ``words``."""
    return next(q for q in extract_quotes(text) if q.text.startswith(words))


def seed_quote(prefix: str, words: str) -> Quote:
    (path,) = SEEDS.glob(prefix + "_*.txt")
    return quote_of(path.read_text(encoding="utf-8"), words)


def test_seed_follow_on_quote_names_the_previous_speaker() -> None:
    quote = seed_quote("003", "The success of the two nations")
    assert quote.speaker == "Ali Khamenei"
    assert quote.trace == [*DETECTED, "own_sentence_utterance", "follow_on_previous_speaker"]


def test_seed_role_description_resolves_to_the_person() -> None:
    quote = seed_quote("003", "Long-term cooperation requires")
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Ali Khamenei", "saying")
    assert quote.trace == [
        *DETECTED,
        "verb_before_closing_clause",
        "cue_before",
        "main_clause_subject",
        "prefer_attribution_before",
        "role_names_person",
    ]


def test_seed_scare_quote_is_a_fragment_framed_by_its_sentence() -> None:
    quote = seed_quote("000", "strategic")
    assert (quote.kind, quote.speaker) == ("fragment", "Ebrahim Raisi")
    assert quote.trace == [
        *DETECTED,
        "phrase_in_writers_sentence",
        "verb_before_span",
        "subject_before_verb",
        "prefer_sentence_frame",
        "fullest_name_form",
    ]


def test_seed_pronoun_takes_its_antecedent() -> None:
    quote = seed_quote("004", "The common positions of the Islamic Republic")
    assert quote.speaker == "Ebrahim Raisi"
    assert quote.trace[-5:] == [
        "own_sentence_attributed_after",
        "subject_then_verb_after",
        "prefer_attribution_after",
        "pronoun_antecedent",
        "evidenced_person_nearby",
    ]


def test_seed_quote_without_speaker_has_only_its_detection_and_kind() -> None:
    quote = seed_quote("001", "Iranian technology office")
    assert quote.speaker is None
    assert quote.trace == [*DETECTED, "phrase_in_writers_sentence"]


def test_outlet_reporting_after_the_quote_is_only_the_conduit() -> None:
    quote = quote_of("Liu told a newspaper that “trade will grow,” Reuters reported.", "trade")
    assert quote.speaker == "Liu"
    assert quote.trace[quote.trace.index("cue_before") :] == [
        "cue_before",
        "subject_before_verb",
        "outlet_after_is_conduit",
        "fullest_name_form",
    ]


def test_according_to_names_the_speaker_only_without_a_reporting_verb() -> None:
    alone = quote_of("“Trade will double,” according to state media.", "Trade")
    assert (alone.speaker, alone.trace[-3:]) == (
        "state media",
        ["according_after", "prefer_according_to", "description_as_written"],
    )
    conduit = quote_of("“Trade will double,” the minister said, according to state media.", "Trade")
    assert conduit.speaker == "the minister"
    assert "prefer_attribution_after" in conduit.trace and "prefer_according_to" not in conduit.trace


def test_quoted_title_loses_the_sentence_speaker() -> None:
    quote = quote_of("Trump claimed on “Hannity,” that the race was rigged, he said.", "Hannity")
    assert (quote.kind, quote.speaker) == ("fragment", None)
    assert quote.trace == [*DETECTED, "phrase_in_writers_sentence", "quoted_title_is_no_speech"]


def test_unnamed_they_keeps_its_mention() -> None:
    text = "“We will win,” they said."
    quote = quote_of(text, "We will win")
    assert quote.speaker is None and text[quote.speaker_start : quote.speaker_end] == "they"
    assert quote.trace[-3:] == ["prefer_attribution_after", "pronoun_names_nobody", "unnamed_speaker_kept"]


def test_multi_paragraph_quote_shares_the_speaker_of_its_last_paragraph() -> None:
    text = "“We will win.\n“We have the votes,” Raisi said."
    first, second = extract_quotes(text)
    assert first.speaker == second.speaker == "Raisi"
    assert first.trace == [
        "double_mark",
        "unclosed_paragraph_quote",
        "continues_next_paragraph",
        "own_sentence_utterance",
        "continued_quote_shares_speaker",
        "subject_then_verb_after",
        "prefer_attribution_after",
        "fullest_name_form",
    ]
    assert "continued_quote_shares_speaker" not in second.trace


def test_transcript_label_names_the_line_speaker() -> None:
    quote = quote_of("Mike Pence spoke first. “PENCE: Well, look, we will win this.”", "PENCE")
    assert quote.speaker == "Mike Pence"
    assert quote.trace[-3:] == ["transcript_label_rule", "prefer_transcript_label", "transcript_label_name"]


def test_apostrophes_are_no_quotes_and_say_which_rule_decided() -> None:
    notes: list[tuple[int, int, list[str]]] = []
    text = "Iran’s envoy said the ’90s were ’em all, didn’t he? “Yes.”"
    (quote,) = extract_quotes(text, notes)
    assert quote.text == "Yes."
    assert sorted(notes) == [
        (text.index("’s"), text.index("’s") + 1, ["apostrophe_inside_word"]),
        (text.index("’90"), text.index("’90") + 1, ["apostrophe_before_digits"]),
        (text.index("’em"), text.index("’em") + 1, ["elision_before_word"]),
        (text.index("’t"), text.index("’t") + 1, ["apostrophe_inside_word"]),
    ]


def test_claim_speakers_carry_their_rules() -> None:
    text = "“Trade rose to $3 billion,” Raisi said. Raisi said that exports rose 5% last year."
    quotes = extract_quotes(text)
    spans = [re.search(re.escape(m), text).span() for m in ("$3 billion", "5%")]
    inside, reported = claim_speakers(text, spans, quotes, split_sentences(text))
    assert isinstance(inside, SpeakerRef) and isinstance(reported, SpeakerRef)
    assert inside.name == reported.name == "Raisi"
    assert inside.trace == (
        "speaker_of_enclosing_quote",
        "subject_then_verb_after",
        "prefer_attribution_after",
        "fullest_name_form",
    )
    assert reported.trace == ("verb_before_span", "subject_before_verb", "fullest_name_form")


def test_every_traced_name_is_a_rule_with_a_doc() -> None:
    traced = {
        name
        for path in SEEDS.glob("*.txt")
        for q in extract_quotes(path.read_text(encoding="utf-8"))
        for name in q.trace
    }
    assert len(traced) > 15
    for name in traced:
        assert name in QUOTE_RULES or name in SPEAKER_RULES, name
        assert describe(name) != name and describe(name).strip()


@pytest.mark.parametrize("family", [QUOTE_RULES, SPEAKER_RULES], ids=lambda f: f.family)
def test_every_rule_has_an_example_and_a_one_line_doc(family: RuleSet) -> None:
    assert family.probe is not None
    for rule in family:
        assert rule.examples, f"{rule.name} has no example"
        summary = (rule.apply.__doc__ or "").strip().split("\n\n")[0]
        assert summary == rule.doc and len(summary) <= 116, f"{rule.name}: its doc's first line must say it all"


def test_rule_names_are_unique_across_families() -> None:
    seen: dict[str, str] = {}
    for family in rules_module.families().values():
        for rule in family:
            assert rule.name not in seen, f"{rule.name} is in {seen.get(rule.name)} and {family.family}"
            seen[rule.name] = family.family


def test_decide_returns_the_deciding_rule_by_name() -> None:
    table = RuleSet("decide-test", ("pick",))

    @table.rule("pick")
    def short(word: str) -> str | None:
        """Short words are kept as they are."""
        return word if len(word) < 4 else None

    @table.rule("pick")
    def long(word: str) -> str:
        """Long words are cut to four letters."""
        return word[:4]

    assert table.decide("pick", "abc") == ("short", "abc")
    assert table.decide("pick", "abcdef") == ("long", "abcd")
    assert RuleSet("empty-test", ("pick",)).decide("pick", "x") == (None, None)
