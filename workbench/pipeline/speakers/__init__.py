"""Who said it: speaker attribution shared by quotes and claims.

Attribution in English news follows a few fixed shapes: a reporting verb next to its subject ("Raisi said",
"said Raisi", "Raisi, the president, said"), a participle hanging off the main clause (", adding that ..."), or
"according to X". The parsers (``phrases``, ``cues``) recognise those shapes in bounded windows of tokens, so they
cost linear time however odd the text is; the decisions are named rules of the "speakers" family
(``attribution``: next to a quote, ``frame``: a sentence's reported speech, ``resolution``: mention to name), each
with its examples, and every attribution and ``SpeakerRef`` carries the names of the rules that decided it.
``Discourse`` holds one article's sentences, quotations and names.
"""

from __future__ import annotations

from workbench.pipeline.speakers.attribution import attribution_after, attribution_before, transcript_label
from workbench.pipeline.speakers.cues import cue_at
from workbench.pipeline.speakers.discourse import Discourse
from workbench.pipeline.speakers.frame import (
    attribution_in_sentence,
    claim_speakers,
    resolve_attribution,
    speaker_ref,
)
from workbench.pipeline.speakers.lexicon import CUE_WORDS, NAMING_VERBS, SPEECH_VERBS
from workbench.pipeline.speakers.phrases import main_subject, subject_before
from workbench.pipeline.speakers.resolution import resolve
from workbench.pipeline.speakers.types import NOBODY, SPEAKER_RULES, Attribution, Cue, Mention, SpeakerRef

__all__ = [
    "CUE_WORDS",
    "NAMING_VERBS",
    "NOBODY",
    "SPEAKER_RULES",
    "SPEECH_VERBS",
    "Attribution",
    "Cue",
    "Discourse",
    "Mention",
    "SpeakerRef",
    "attribution_after",
    "attribution_before",
    "attribution_in_sentence",
    "claim_speakers",
    "cue_at",
    "main_subject",
    "resolve",
    "resolve_attribution",
    "speaker_ref",
    "subject_before",
    "transcript_label",
]
