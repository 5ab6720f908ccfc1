"""Speaker attribution for claims: numbers inside quotes and in reported speech."""

from __future__ import annotations

import re

from workbench.pipeline.quotes import extract_quotes
from workbench.pipeline.sentences import split_sentences
from workbench.pipeline.speakers import claim_speakers


def speakers_of(text: str, *mentions: str):
    spans = [re.search(re.escape(m), text).span() for m in mentions]
    return claim_speakers(text, spans, extract_quotes(text), split_sentences(text))


def test_reported_speech_subject_with_participle():
    text = (
        "Iranian President Ebrahim Raisi visited Caracas. Raisi explained that trade has increased from "
        "$600 million in 2021 to $3 billion today, adding that both plan to reach $10 billion."
    )
    refs = speakers_of(text, "$600 million", "$10 billion")
    assert [r.name for r in refs] == ["Ebrahim Raisi", "Ebrahim Raisi"]
    assert [r.cue for r in refs] == ["explained", "adding"]
    assert text[refs[0].start : refs[0].end] == "Raisi"


def test_number_without_speech_has_no_speaker():
    text = "The company sold 300 cars last year."
    assert speakers_of(text, "300") == [None]
