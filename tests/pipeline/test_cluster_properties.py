"""Properties of both clustering engines: input order does not matter, members match their representative
directly (no chaining), and no input makes them raise."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.pipeline.cluster_claims import ClaimItem, WordRarity, claim_relation, cluster_claims, masked_statement
from workbench.pipeline.cluster_quotes import QuoteItem, cluster_quotes, quote_relation

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A tiny vocabulary makes containment, near-duplicates and chains likely.
WORDS = ["we", "will", "build", "strong", "roads", "and", "schools", "for", "our", "people", "today", "iran"]
MARKS = ["", ",", ".", "…", " [sic]", "!"]


@st.composite
def quote_items(draw) -> list[QuoteItem]:
    base = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), min_size=1, max_size=4))
    items = []
    for i in range(draw(st.integers(1, 14))):
        words = list(draw(st.sampled_from(base)))
        if len(words) > 2 and draw(st.booleans()):
            start = draw(st.integers(0, len(words) - 2))
            words = words[start : start + draw(st.integers(1, len(words) - start))]
        if words and draw(st.booleans()):
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
        text = " ".join(words) + draw(st.sampled_from(MARKS))
        speaker = draw(st.sampled_from([None, "Raisi", "Ebrahim Raisi", "Nicolas Maduro"]))
        published = draw(st.sampled_from([None, "2023-06-12", "2023-06-14", "2023-09-01"]))
        items.append(QuoteItem(i, draw(st.sampled_from("abcd")), text, speaker, published))
    return items


@SETTINGS
@given(quote_items(), st.randoms())
def test_quote_clusters_do_not_depend_on_input_order(items, rng):
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert cluster_quotes(shuffled) == cluster_quotes(items)


@SETTINGS
@given(quote_items())
def test_every_quote_member_matches_its_representative_directly(items):
    result = cluster_quotes(items)
    text = {item.id: item.text for item in items}
    for item_id, cluster_id in result.items():
        assert result[cluster_id] == cluster_id
        if item_id != cluster_id:
            assert quote_relation(text[item_id], text[cluster_id]) is not None


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.text(), st.one_of(st.none(), st.text()), st.text(max_size=3), st.one_of(st.none(), st.text(max_size=12))
        ),
        max_size=8,
    )
)
def test_quote_clustering_never_raises(rows):
    items = [
        QuoteItem(i, article, text, speaker, published) for i, (text, speaker, article, published) in enumerate(rows)
    ]
    assert set(cluster_quotes(items)) == set(range(len(items)))


SENTENCES = [
    "Iran signed a {} cooperation agreement with Venezuela in Tehran.",
    "Iran and Venezuela signed a {} cooperation plan in Caracas.",
    "The court handed him a {} prison sentence in Tehran.",
    "Bilateral trade between Iran and Venezuela rose to {} last year.",
    "Trade between the two countries increased to {} this year.",
]
FIGURES = [(3e9, None), (3.04e9, None), (3e9, "more_than"), (2e9, None), (20, None), (25, "about"), (None, None)]


@st.composite
def claim_items(draw) -> list[ClaimItem]:
    items = []
    for i in range(draw(st.integers(1, 12))):
        sentence = draw(st.sampled_from(SENTENCES)).format("NUMBER")
        start = sentence.index("NUMBER")
        value, hedge = draw(st.sampled_from(FIGURES))
        kind, unit = draw(st.sampled_from([("money", "USD"), ("duration", "years"), ("count", "nations")]))
        items.append(
            ClaimItem(
                i,
                draw(st.sampled_from("abc")),
                kind,
                value,
                unit,
                masked_statement(sentence, start, start + 6),
                hedge=hedge,
                role=draw(st.sampled_from([None, "to"])),
                published=draw(st.sampled_from([None, "2023-06-12", "2023-06-14", "2024-09-01"])),
            )
        )
    return items


@SETTINGS
@given(claim_items(), st.randoms())
def test_claim_clusters_and_conflicts_do_not_depend_on_input_order(items, rng):
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert cluster_claims(shuffled) == cluster_claims(items)


@SETTINGS
@given(claim_items())
def test_every_claim_member_is_the_same_claim_as_its_representative(items):
    assignments, conflicts = cluster_claims(items)
    by_id = {item.id: item for item in items}
    rarity = WordRarity.of(items)  # what the batch counted
    for item_id, cluster_id in assignments.items():
        assert assignments[cluster_id] == cluster_id
        if item_id != cluster_id:
            assert claim_relation(by_id[item_id], by_id[cluster_id], rarity) == "same"
    clusters = set(assignments.values())
    for first, second in conflicts:
        assert first < second and {first, second} <= clusters


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.text(),
            st.sampled_from(["money", "count", "year", "percent", "weird"]),
            st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
            st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
            st.one_of(st.none(), st.text(max_size=8)),
            st.sampled_from([None, "more_than", "about", "up_to", "nearly"]),
            st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
        ),
        max_size=8,
    ),
    st.integers(-5, 50),
    st.integers(-5, 50),
)
def test_claim_clustering_never_raises(rows, start, end):
    items = [
        ClaimItem(
            i,
            "a" if i % 2 else "b",
            kind,
            value,
            unit,
            masked_statement(text, start, end),
            value_high=high,
            hedge=hedge,
            published=published,
        )
        for i, (text, kind, value, high, unit, hedge, published) in enumerate(rows)
    ]
    assignments, conflicts = cluster_claims(items)
    assert set(assignments) == set(range(len(items)))
    assert all(not (isinstance(a, float) and math.isnan(a)) for pair in conflicts for a in pair)
