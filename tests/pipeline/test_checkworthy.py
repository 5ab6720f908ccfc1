"""Check-worthiness on hand-written news sentences: what a reviewer's queue keeps and what it leaves out.

The sentences are clear cases of the labelling rules (benchmarks/labels/CHECKWORTHY.md), so they hold for any
reasonable retraining of the shipped model; the borderline cases live in the benchmark, not here.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from workbench.pipeline.analyze import analyze_text
from workbench.pipeline.checkworthy import (
    CUES,
    DECISIVE,
    MODEL_FILE,
    Model,
    assess_claims,
    cues_of,
    features,
    shipped_model,
    surroundings,
)


def labels(text: str) -> dict[str, tuple[str, float]]:
    analysis = analyze_text(text)
    assert len(analysis.checkworthiness) == len(analysis.claims)
    return {
        claim.mention: (found.label, found.score)
        for claim, found in zip(analysis.claims, analysis.checkworthiness, strict=True)
    }


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Raisi said trade grew from $600 million in 2021 to more than $3 billion.", "$600 million"),
        ("Raisi said trade grew from $600 million in 2021 to more than $3 billion.", "$3 billion"),
        ("Only 21 percent of likely voters want the flag to keep flying, a Rasmussen poll found.", "21 percent"),
        ("Authorities have yet to account for 228 people reported missing.", "228 people"),
        ("The Senate passed the bill in a 59-41 vote.", "59"),
        ("The agency has also made nearly 120,000 arrests, a 16% increase since last year.", "120,000 arrests"),
        ("The maduro regime signed a 20-year cooperation agreement with Iran.", "20-year"),
        ("Biden is leading by almost 10 points in polling averages.", "10 points"),
        (
            "The treaty has been ratified by 101 countries, including the member states of the European Union.",
            "101 countries",
        ),
        ("Two deaths have so far been confirmed from the storm since it made landfall:", "Two deaths"),
        # how long a news event or a measure lasted (event_length)
        ("Pelosi said on the call, which lasted about 90 minutes, that the bill would pass.", "90 minutes"),
        ("Ferraro held a news conference where she answered questions for two hours.", "two hours"),
    ],
)
def test_checkable_figures_go_to_the_queue(text: str, mention: str) -> None:
    label, score = labels(text)[mention]
    assert label == "checkable" and shipped_model().threshold <= score <= 1


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Raisi said trade grew from $600 million in 2021 to more than $3 billion.", "2021"),
        ("Bob McDonnell won a landslide victory for governor in 2009, Leahy says.", "2009"),
        (
            "It happened in November 2014 in Cleveland, where a police officer shot 12-year-old Tamir Rice.",
            "November 2014",
        ),
        (
            "It happened in November 2014 in Cleveland, where a police officer shot 12-year-old Tamir Rice.",
            "12-year-old",
        ),
        ("Judge Merrick Garland, 63, met senators on Tuesday.", "63"),
        ("The uprising at the Stonewall Inn happened 51 years ago.", "51 years"),
        ("The CBO projects savings of $834 billion over 10 years.", "10 years"),
        ("There are two big reasons for this.", "two big reasons"),
        ("The office is about 20 miles from downtown Los Angeles.", "20 miles"),
        ("At least since the late 2000s, Iran has been working to upgrade ties.", "2000s"),
        # counts that only sum up the names beside them, size a body, frame a rank, or speak in figures
        ("The proposals lost out to Psyche and Lucy, two missions that will study asteroids.", "two missions"),
        (
            "The statement was issued by three members of the Senate Armed Services Committee: Chairman John McCain, "
            "Jack Reed and Lindsey Graham.",
            "three members",
        ),
        ("The ruling stands if a majority of the Court's eight justices side with the states.", "eight justices"),
        ("The United States ranks as the 22nd least corrupt of 180 countries.", "180 countries"),
        ("Daniel Flynn is the author of five books.", "five books"),
        (
            "Medical errors kill that many patients, the equivalent of 10 jumbo jets crashing every week.",
            "10 jumbo jets",
        ),
    ],
)
def test_context_numbers_stay_out_of_the_queue(text: str, mention: str) -> None:
    label, score = labels(text)[mention]
    assert label == "context" and 0 <= score < shipped_model().threshold


def test_every_claim_gets_a_label_and_a_score_within_bounds() -> None:
    text = "In 2019, the city of about 100,000 people spent $4 million, up 12% from 2018, over three years."
    analysis = analyze_text(text)
    assert analysis.claims
    for found in analysis.checkworthiness:
        assert found.label in ("checkable", "context") and 0 <= found.score <= 1
        assert (found.label == "checkable") == (found.score >= shipped_model().threshold)


def test_the_cues_that_fired_are_reported_with_the_decision() -> None:
    text = "Garland, 63, said the shooting left five people injured."
    analysis = analyze_text(text)
    by_mention = {c.mention: found for c, found in zip(analysis.claims, analysis.checkworthiness, strict=True)}
    assert "age" in by_mention["63"].cues
    assert "harm" in by_mention["five people"].cues
    assert all(name in CUES for found in by_mention.values() for name in found.cues)


def test_a_claim_inside_a_direct_quote_is_marked_quoted() -> None:
    text = "\u201cWe had over 20 previous outbreaks and contained them,\u201d the minister said."
    analysis = analyze_text(text)
    claim = next(c for c in analysis.claims if c.mention.startswith("20"))
    assert "quoted" in cues_of(surroundings(text, claim, analysis.quotes))
    assert "quoted" not in cues_of(surroundings(text, claim, []))


def test_the_model_is_a_logistic_sum_of_the_weights_of_the_features() -> None:
    model = Model(weights={"kind=money": 2.0, "cue=age": -3.0}, bias=-0.5, threshold=0.5)
    assert model.score([]) == pytest.approx(1 / (1 + 2.718281828**0.5), rel=1e-6)
    assert model.score(["kind=money"]) == pytest.approx(1 / (1 + 2.718281828**-1.5), rel=1e-6)
    assert model.score(["kind=money", "cue=age", "unknown feature"]) == pytest.approx(
        1 / (1 + 2.718281828**1.5), rel=1e-6
    )
    assert model.score(["cue=age"] * 20) == 0.0  # far below: no overflow


def test_an_injected_model_decides_instead_of_the_shipped_one() -> None:
    text = "Trade reached $3 billion in 2021."
    analysis = analyze_text(text)
    everything = Model(weights={}, bias=5.0)
    nothing = Model(weights={}, bias=-5.0)
    assert {a.label for a in assess_claims(text, analysis.claims, analysis.quotes, everything)} == {"checkable"}
    assert {a.label for a in assess_claims(text, analysis.claims, analysis.quotes, nothing)} == {"context"}


def test_features_name_the_kind_and_the_cues() -> None:
    text = "Judge Merrick Garland, 63, met senators."
    analysis = analyze_text(text)
    found = features(surroundings(text, analysis.claims[0]))
    assert "kind=duration" in found and "cue=age" in found


def test_the_shipped_model_file_is_complete_and_uses_known_features() -> None:
    data = json.loads(resources.files("workbench.pipeline").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    assert {"version", "bias", "threshold", "weights", "cross_validation"} <= set(data)
    assert 0 < data["threshold"] < 1
    cue_names = {rule.name for rule in CUES}
    assert cue_names >= DECISIVE
    for name in data["weights"]:
        prefix, _, value = name.partition("=")
        assert prefix in ("kind", "cue", "size", "unit") or name in ("bare", "worded"), name
        if prefix == "cue":
            assert value in cue_names, f"the model weighs a cue that no longer exists: {value}"
