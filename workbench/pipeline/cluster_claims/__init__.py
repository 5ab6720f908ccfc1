"""The same claim across articles, and the same statement with a different number flagged as a conflict.

A claim is identified by *what* its number counts, not by the number alone: "20-year cooperation agreement" and
"20-year prison sentence" share a value and nothing else. In real news a number and a few shared words are cheap
("five people were killed", "in 2008", "44 percent": on 18,777 news articles, six in ten merges made on such
words were wrong, and nearly every conflict), so a match rests on words that are rare among the claims clustered
together, and on the articles being close in time. Rules (constants below):

* **Block**: kind, unit (counted nouns folded through synonyms: nations = countries), change role and target flag
  must be equal. A "from" value and a "to" value of one change are different claims even in the same sentence.
* **Statement**: the claim's sentence with the claim masked (:func:`masked_statement`). Its *context* is up to 4
  content words on each side of the mask, lower-cased, crudely stemmed and folded through synonyms
  (agreement/plan/deal/pact, rise/increase/grow, sign/ink, poll/survey/estimate). The *head* is the first
  content word right after the number ("$3 billion in **trade**", "20-year **cooperation**"), or the unit for
  counts; it weighs double. The *topic* is the content words of the sentence around the mask (up to 30 a side).
* **Rarity**: a word's weight is its inverse document frequency among the topics of the claims clustered
  together: the representatives already indexed plus the whole batch being assigned, counted before any claim is
  placed, so a batch's result does not depend on its order (an incremental run counts what it has loaded). Below
  20,000 claims the counts are taken out of 20,000: a handful of articles cannot tell which words are common,
  and every word then counts as rare (the old, unweighted behaviour). The *evidence* of a match is the summed
  rarity of the shared topic words beyond the generic level: a word in more than 2% of the claims ("people",
  "state", "election", "Trump") adds nothing; one in a few hundred adds about 2.
* **Same statement**: the words on both sides of the number do not both differ (else another number of the same
  sentence was masked: "build {#} movement" vs "movement {#} Democrats" in reprinted boilerplate); heads do not
  contradict (equal, or one appears in the other's context); at least 2 context words are shared, with a
  rarity-weighted share >= 40% of the smaller context (an overlap coefficient, so a terse "the signing of the
  20-year cooperation" still matches a long sentence about the same agreement); and the evidence suffices:
  - both articles dated within 60 days: 2 (one rare word: outlets covering the same event share a name), up to 3
    for a figure that could be anything (``NONSPECIFIC_EVIDENCE`` x (1 - specificity / 2), specificity as within a
    story: "two weeks", "nearly 10 points" take a second rare word, "$10.10 an hour" none; not within one story,
    whose own rules weighed the figure);
  - further apart, or undated: 6, more when the context overlap is under 60% (evidence x overlap / 0.6 >= 6). A
    fact restated a year later ("the 20-year cooperation agreement", "the 2010 Affordable Care Act") still
    matches; "five people were killed" in two shootings a year apart does not;
  - years and dates always need the far level: a bare "in 2008" is in a thousand unrelated sentences. So do
    figures from polls, surveys and estimates: two polls in one week give the same number by chance.
* **Values** are compatible when the more precise one rounds to the less precise one *and* lies within 2.5% of
  it ("$3 billion" ~ "$3.04 billion", but "8%" !~ "7.6%": a rounded figure stands for a nearby exact one, not for
  anything its last digit would round from), or, with hedges or ranges, when their intervals overlap ("more than
  $3 billion" ~ "$3.2 billion", read as 3–4 billion: a hedge stretches the value by one rounding unit, at least
  10%, in its direction). Precision comes from the value's digits: integers below 1,000 (and years, dates,
  durations) are exact, larger ones are rounded to their trailing zeros, decimals to their last decimal.
* Same statement + compatible values → one cluster, unless a rule of ``vetoes.LINK_VETOES`` names them two facts:
  a poll's figure (a result, a margin of error, a sample size) more than 60 days from the other; a word for many
  ("hundreds of thousands") against a figure; two ranges with other ends; two printed figures only a hedge
  reconciles, more than a week apart. (These were the general causes among the wrong merges of the corpus sample.)
* **Conflict**: a flag tells a fact-checker that outlets disagree, so it needs the same sentence, not just the
  same subject. Both articles are dated within 7 days (the same figure a month later is news, not a
  contradiction: unemployment fell, a storm moved, a toll was revised); the two words on each side of the number
  are the same (synonyms folded: "trade reached {#} last year" in both; "reached {#}" vs "worth {#}" may be two
  figures); equal heads; a context overlap >= 60% with 3+ shared words; topic evidence at the far level; and a
  rarity-weighted Dice similarity of the topics >= 0.4 (most of the sentence's distinctive words in common: a
  reprint, or the same quote). The values must be incompatible even when hedges are read as bounds ("more than
  100 injured" does not contradict "about 180 injured"). Never a conflict: a figure from a poll, survey or
  forecast (another poll, or the count, differs without anyone being wrong: "Obama at 50%" in a poll against his
  50.5% of the vote); a number with another number within 6 words of it (a range, split, list or comparison:
  "from {#} to #", "75% of Republicans, compared to {#} of Democrats", where a reprint may have masked either)
  unless the extractor gave it a change role; two claims of one article ("$10 billion and then $20 billion");
  years and dates (boilerplate such as "— Donald J. Trump (@realDonaldTrump) {#}" or photo captions stamps
  different events).
* **Headings**: a terse statement whose only content word is its head ("20-year cooperation" as a sub-heading)
  says too little to match anything on its own words, but within its own article it restates a figure the body
  gives: it joins a cluster that already holds a claim of its article with a compatible value and the same head
  (the head equal to, or among the context of, the cluster's representative).
* Items are compared with cluster representatives only (no chaining); richer statements become representatives
  first, ids break ties, so a batch's result does not depend on input order.

The rules within a story are in ``story`` (linking) and ``vetoes`` (conflicts); candidate lookup in ``index``.
"""

from __future__ import annotations

from workbench.pipeline.cluster_claims.features import (
    CLAIM_MASK,
    CLOSE_DAYS,
    CLOSE_EVIDENCE,
    CONFLICT_DAYS,
    CONFLICT_MIN_OVERLAP,
    CONFLICT_MIN_SHARED_WORDS,
    CONFLICT_NUMBER_WINDOW,
    CONFLICT_SIMILARITY,
    CONTEXT_WORDS,
    ESTIMATE,
    FAR_EVIDENCE,
    FAR_FULL_OVERLAP,
    FRAME_TOKENS,
    GENERIC_SHARE,
    HEAD_WEIGHT,
    HEAD_WINDOW,
    LOG_BINS_PER_DECADE,
    MAX_BINS,
    MIN_BACKGROUND,
    MIN_OVERLAP,
    MIN_SHARED_WORDS,
    NARROW_WIDTH,
    NEAR_CHARS,
    NEAR_FIGURE_CHARS,
    NEEDED_REACH,
    NONSPECIFIC_EVIDENCE,
    NUMBER_MASK,
    ROUNDING_TOLERANCE,
    STOP_POSTINGS,
    STORY_ABOUT,
    STORY_ABOVE,
    STORY_ANCHOR_PENALTY,
    STORY_BELOW,
    STORY_BEST_BONUS,
    STORY_CONFLICT_DAYS,
    STORY_CONFLICT_RATIO,
    STORY_CONFLICT_SCORE,
    STORY_CONFLICT_SHARED,
    STORY_CONFLICT_STRONG_RATIO,
    STORY_CROWD,
    STORY_CROWD_PENALTY,
    STORY_EQUAL_BONUS,
    STORY_FAMILY_BONUS,
    STORY_FIGURE_BONUS,
    STORY_GROUP_SCORE,
    STORY_GROUP_SUPPORT,
    STORY_HEDGE_PENALTY,
    STORY_LINK_SCORE,
    STORY_NAME_BONUS,
    STORY_NAME_SHARE,
    STORY_NAMES_CAP,
    STORY_NEAR_WEIGHT,
    STORY_PRECISE,
    STORY_QUALIFIER_BONUS,
    STORY_RANGE_BONUS,
    STORY_REPEAT_CONTEXT,
    STORY_ROUNDING_TOLERANCE,
    STORY_SPECIFIC,
    STORY_SUBJECT_BONUS,
    STORY_SUBJECT_PENALTY,
    STORY_UNIQUE_BONUS,
    STORY_UNIT_BONUS,
    STORY_VAGUE_RANGE,
    SUBJECT_AFTER,
    SUBJECT_BEFORE,
    TOPIC_WORDS,
    ClaimItem,
    _content,
    canonical_word,
    figures_near,
    masked_statement,
    publication_day,
    subject_names,
    unit_family,
    years_near,
)
from workbench.pipeline.cluster_claims.index import ClaimClusterIndex, claim_relation, cluster_claims
from workbench.pipeline.cluster_claims.rarity import WordRarity
from workbench.pipeline.cluster_claims.statement import _Claim, prepared_claims, prepared_statement
from workbench.pipeline.cluster_claims.story import Conflict, _StoryLinker
from workbench.pipeline.cluster_claims.vetoes import CONFLICT_VETOES, LINK_VETOES, Veto, conflict_veto, link_veto

__all__ = [
    "CLAIM_MASK",
    "CLOSE_DAYS",
    "CLOSE_EVIDENCE",
    "CONFLICT_DAYS",
    "CONFLICT_MIN_OVERLAP",
    "CONFLICT_MIN_SHARED_WORDS",
    "CONFLICT_NUMBER_WINDOW",
    "CONFLICT_SIMILARITY",
    "CONTEXT_WORDS",
    "ClaimClusterIndex",
    "ClaimItem",
    "Conflict",
    "ESTIMATE",
    "FAR_EVIDENCE",
    "FAR_FULL_OVERLAP",
    "FRAME_TOKENS",
    "GENERIC_SHARE",
    "HEAD_WEIGHT",
    "HEAD_WINDOW",
    "LOG_BINS_PER_DECADE",
    "MAX_BINS",
    "MIN_BACKGROUND",
    "MIN_OVERLAP",
    "MIN_SHARED_WORDS",
    "NARROW_WIDTH",
    "NEAR_CHARS",
    "NEAR_FIGURE_CHARS",
    "NEEDED_REACH",
    "NONSPECIFIC_EVIDENCE",
    "NUMBER_MASK",
    "ROUNDING_TOLERANCE",
    "STOP_POSTINGS",
    "STORY_ABOUT",
    "STORY_ABOVE",
    "STORY_ANCHOR_PENALTY",
    "STORY_BELOW",
    "STORY_BEST_BONUS",
    "STORY_CONFLICT_DAYS",
    "STORY_CONFLICT_RATIO",
    "STORY_CONFLICT_SCORE",
    "STORY_CONFLICT_SHARED",
    "STORY_CONFLICT_STRONG_RATIO",
    "STORY_CROWD",
    "STORY_CROWD_PENALTY",
    "STORY_EQUAL_BONUS",
    "STORY_FAMILY_BONUS",
    "STORY_FIGURE_BONUS",
    "STORY_GROUP_SCORE",
    "STORY_GROUP_SUPPORT",
    "STORY_HEDGE_PENALTY",
    "STORY_LINK_SCORE",
    "STORY_NAMES_CAP",
    "STORY_NAME_BONUS",
    "STORY_NAME_SHARE",
    "STORY_NEAR_WEIGHT",
    "STORY_PRECISE",
    "STORY_QUALIFIER_BONUS",
    "STORY_RANGE_BONUS",
    "STORY_REPEAT_CONTEXT",
    "STORY_ROUNDING_TOLERANCE",
    "STORY_SPECIFIC",
    "STORY_SUBJECT_BONUS",
    "STORY_SUBJECT_PENALTY",
    "STORY_UNIQUE_BONUS",
    "STORY_UNIT_BONUS",
    "STORY_VAGUE_RANGE",
    "SUBJECT_AFTER",
    "SUBJECT_BEFORE",
    "TOPIC_WORDS",
    "WordRarity",
    "_Claim",
    "_StoryLinker",
    "_content",
    "canonical_word",
    "claim_relation",
    "cluster_claims",
    "conflict_veto",
    "LINK_VETOES",
    "link_veto",
    "CONFLICT_VETOES",
    "Veto",
    "figures_near",
    "years_near",
    "masked_statement",
    "prepared_claims",
    "prepared_statement",
    "publication_day",
    "subject_names",
    "unit_family",
]
