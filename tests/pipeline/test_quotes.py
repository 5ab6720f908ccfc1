"""Quote extraction on sentences written for the test: spans, kinds, speakers and cues."""

from __future__ import annotations

from workbench.pipeline.quotes import extract_quotes


def only(text: str):
    quotes = extract_quotes(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def test_quote_then_said_name():
    text = "“We will build the bridge this year,” said Mayor Anna Kowalski on Monday."
    quote = only(text)
    assert quote.text == "We will build the bridge this year,"
    assert text[quote.start : quote.end] == quote.text
    assert quote.kind == "direct"
    assert quote.speaker == "Anna Kowalski"
    assert text[quote.speaker_start : quote.speaker_end] == "Mayor Anna Kowalski"
    assert (quote.cue, text[quote.cue_start : quote.cue_end]) == ("said", "said")


def test_name_said_colon_quote_and_title_stripped():
    text = 'Iran’s Oil Minister Javad Owji said: "Production will rise."'
    quote = only(text)
    assert quote.text == "Production will rise."
    assert quote.speaker == "Javad Owji"
    assert quote.cue == "said"


def test_pronoun_resolves_to_previous_named_person():
    text = "Venezuelan President Nicolas Maduro met the delegation. “The future is ours,” he said."
    quote = only(text)
    assert quote.speaker == "Nicolas Maduro"
    assert text[quote.speaker_start : quote.speaker_end] == "he"


def test_apostrophes_are_not_quote_marks():
    text = "Iran’s exports didn’t fall in the ’90s, and rock ’n’ roll fans and students’ unions agreed."
    assert extract_quotes(text) == []


def test_scare_quotes_are_fragments():
    text = "Raisi described the relations between the two countries as “strategic”."
    quote = only(text)
    assert (quote.text, quote.kind, quote.speaker) == ("strategic", "fragment", "Raisi")
