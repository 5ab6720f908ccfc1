"""Check-worthiness: does a claim state a checkable fact, or does its number only locate or label something?

Half of the numbers in news are context: the year an event happened, ages, "two years ago", "over 10 years",
"the top 1 percent", counts that introduce a list ("two reasons: ..."). A reviewer's queue should open on the
other half. The decision reads the claim's structure (kind, unit, hedge, role, target) and the words around the
number, as named cues (rules with a doc and examples, like the extractors' rules), and a small logistic model
weighs them with a few words next to the number. The weights are learned from hand labels by
``benchmarks/train_checkworthy.py`` and shipped as ``checkworthy_model.json``; applying them is a dictionary
lookup and a sum per claim, so nothing beyond the standard library runs at ingest and nothing goes over the
network. ``benchmarks/labels/CHECKWORTHY.md`` describes the labels; ``benchmarks/review_labels_eval.py`` scores
the result.


``mention`` reads a claim's surroundings, ``cues`` (with ``cues_groups`` and ``cues_wording``) holds the named cues,
``model`` the features and the logistic model.
"""

from __future__ import annotations

from workbench.models import CHECKWORTHY_LABELS
from workbench.pipeline.checkworthy.cues import (
    CUES,
    DECISIVE,
    DECISIVE_SCALE,
    PERIOD_NOUNS,
    TERM_NOUNS,
    age,
    cue,
    cues_of,
    deadline,
    document_size,
    hyphenated,
    measured_average,
    periods_counted,
    policy_period,
    record,
    relative_time,
    tally,
    tenure,
    term_of,
    time_window,
)
from workbench.pipeline.checkworthy.cues_groups import (
    ENUMERABLE_NOUNS,
    MEMBER_NOUNS,
    anonymous_sources,
    background_size,
    biography,
    family_detail,
    harm,
    introduces_list,
    names_its_items,
    rank_among,
    rank_label,
    rhetorical_standin,
    size_of_a_body,
    vote_or_poll,
)
from workbench.pipeline.checkworthy.cues_wording import (
    ENGAGEMENT_NOUNS,
    capitalised_noun,
    change_or_comparison,
    definite_reference,
    denominator,
    engagement,
    goal,
    hedged,
    hypothetical,
    locates_place,
    methodology,
    number_table,
    page_furniture,
    quoted,
    rough_guess,
    rule_parameter,
    vague_magnitude,
    year_like_count,
)
from workbench.pipeline.checkworthy.mention import MODEL_FILE, WINDOW, Assessment, Surroundings, surroundings
from workbench.pipeline.checkworthy.model import CueTest, Model, assess, assess_claims, features, shipped_model

__all__ = [
    "CHECKWORTHY_LABELS",
    "Assessment",
    "CUES",
    "CueTest",
    "DECISIVE",
    "DECISIVE_SCALE",
    "ENGAGEMENT_NOUNS",
    "ENUMERABLE_NOUNS",
    "MEMBER_NOUNS",
    "MODEL_FILE",
    "Model",
    "PERIOD_NOUNS",
    "Surroundings",
    "TERM_NOUNS",
    "WINDOW",
    "age",
    "anonymous_sources",
    "assess",
    "assess_claims",
    "background_size",
    "biography",
    "capitalised_noun",
    "change_or_comparison",
    "cue",
    "cues_of",
    "deadline",
    "definite_reference",
    "denominator",
    "document_size",
    "engagement",
    "family_detail",
    "features",
    "goal",
    "harm",
    "hedged",
    "hyphenated",
    "hypothetical",
    "introduces_list",
    "locates_place",
    "measured_average",
    "methodology",
    "names_its_items",
    "number_table",
    "page_furniture",
    "periods_counted",
    "policy_period",
    "quoted",
    "rank_among",
    "rank_label",
    "record",
    "relative_time",
    "rhetorical_standin",
    "rough_guess",
    "rule_parameter",
    "shipped_model",
    "size_of_a_body",
    "surroundings",
    "tally",
    "tenure",
    "term_of",
    "time_window",
    "vague_magnitude",
    "vote_or_poll",
    "year_like_count",
]
