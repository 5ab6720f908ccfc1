"""What a prepared claim keeps alive: the few fields its lazy readings and the vetoes read, not its input item (whose
stored reading is as long as the statement, and a representative lives as long as the index)."""

from __future__ import annotations

import dataclasses
import gc

from workbench.pipeline.cluster_claims import ClaimClusterIndex, ClaimItem, _Claim, masked_statement, prepared_statement
from workbench.pipeline.cluster_claims.features import _specificity


def _item(mention: str, value: float, hedge: str | None, story: int | None = 4, **more: object) -> ClaimItem:
    sentence = f"Officials said {mention} people were killed in the attack on Tuesday, the ministry reported."
    start = sentence.index(mention)
    item = ClaimItem(
        7,
        "a.txt",
        "count",
        value,
        "people",
        masked_statement(sentence, start, start + len(mention)),
        hedge=hedge,
        published="2023-06-12",
        story=story,
        mention=mention,
        **more,  # type: ignore[arg-type]
    )
    return dataclasses.replace(item, prepared=prepared_statement(item))


def test_a_claim_keeps_its_statement_mention_and_hedge_but_not_its_item():
    item = _item("more than 100", 100.0, "more_than")
    assert item.prepared
    claim = _Claim(item)

    held = gc.get_referents(claim)
    assert not any(ref is item or ref is item.prepared for ref in held)
    assert (claim.statement, claim.mention, claim.hedge) == (
        item.statement,
        "more than 100",
        "more_than",
    )
    read = _Claim(dataclasses.replace(item, prepared=None))  # its statement read again, as the readings were
    assert (claim.measure, claim.subjects, claim.cues, claim.months, claim.past) == (
        read.measure,
        read.subjects,
        read.cues,
        read.months,
        read.past,
    )
    assert claim.cues, "the lazy readings read the kept statement"


def test_the_figure_read_from_the_kept_fields_is_the_items():
    for item in (
        _item("more than 100", 100.0, "more_than"),
        _item("about 20", 20.0, "about"),
        _item("145", 145.0, None),
        _item("dozens of", 12.0, None, value_high=120.0),
        _item("10 to 12", 10.0, None, story=None, value_high=12.0),
    ):
        claim = _Claim(item)
        day = claim.day
        assert claim.specificity == _specificity(item, day)
        assert claim.hedge_cost == _specificity(dataclasses.replace(item, hedge=None), day) - _specificity(item, day)


def test_assign_reads_a_one_shot_stream_of_items_as_it_reads_a_list():
    items = [
        dataclasses.replace(_item(mention, value, hedge, story=None), id=i, article=f"{i % 3}.txt")
        for i, (mention, value, hedge) in enumerate(
            [
                ("145", 145.0, None),
                ("about 150", 150.0, "about"),
                ("145", 145.0, None),
                ("more than 100", 100.0, "more_than"),
            ]
        )
    ]
    listed = ClaimClusterIndex()
    streamed = ClaimClusterIndex()
    assert streamed.assign(iter(items)) == listed.assign(items)
    assert streamed.conflict_details == listed.conflict_details
    assert len(set(listed.assign([])[0].values()) | {listed.cluster_of(item.id) for item in items}) < len(items)
