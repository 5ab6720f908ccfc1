"""The posting index against its definition: a dict of id lists, filed and counted one id at a time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.pipeline.candidates import GroupedPostingIndex, PostingIndex

# Few keys, so that postings grow past small stop sizes; ids filed in order, each under distinct keys.
FILINGS = st.lists(st.frozensets(st.integers(0, 12), max_size=6), max_size=25)
QUERIES = st.lists(st.integers(0, 14), max_size=10)


def _filed(filings: list[frozenset[int]]) -> dict[int, list[int]]:
    postings: dict[int, list[int]] = {}
    for item_id, keys in enumerate(filings):
        for key in keys:
            postings.setdefault(key, []).append(item_id)
    return postings


def _hits_as_defined(postings: dict[int, list[int]], keys: list[int], stop: int | None) -> tuple[list, int, int]:
    counts: dict[int, int] = {}
    read = missing = 0
    for key in keys:
        ids = postings.get(key)
        if ids is None:
            missing += 1
        elif stop is None or len(ids) <= max(stop, 1):  # a lone id is always read
            read += 1
            for item_id in ids:
                counts[item_id] = counts.get(item_id, 0) + 1
    return list(counts.items()), read, missing


@settings(max_examples=300, deadline=None)
@given(FILINGS, QUERIES, st.sampled_from([None, 0, 1, 2, 5]))
def test_postings_and_hits_are_the_defined_ones(filings, keys, stop):
    """Filed in bulk and counted in C, the index holds the same ids and counts them in the same order."""
    index = PostingIndex()
    for item_id, filed in enumerate(filings):
        index.add(filed if item_id % 2 else list(filed), item_id)  # a set, or any iterable of distinct keys
    postings = _filed(filings)
    assert {key: list(index.get(key)) for key in range(15)} == {key: postings.get(key, []) for key in range(15)}
    hits = index.hits(keys, stop=stop)
    assert (list(hits.counts.items()), hits.read, hits.missing) == _hits_as_defined(postings, keys, stop)


@settings(max_examples=300, deadline=None)
@given(FILINGS, st.lists(st.integers(0, 3), max_size=3, unique=True), QUERIES, st.sampled_from([1, 2, 5, 50]))
def test_grouped_postings_count_as_the_flat_keys_would(filings, groups, words, stop):
    """Keyed by group, then word, the index counts the (group, word) keys as one flat index of the pairs does, in
    the same order, and names the words skipped as too common in some group."""
    grouped, flat = GroupedPostingIndex(), PostingIndex()
    for item_id, filed in enumerate(filings):
        item_groups = [key % 4 for key in filed][:2]  # each item in one or two groups, under all its words
        item_words = sorted(filed)
        grouped.add(set(item_groups), item_words, item_id)
        flat.add({(group, word) for group in item_groups for word in item_words}, item_id)
    distinct_words = list(dict.fromkeys(words))
    counts, stopped = grouped.hits(groups, distinct_words, stop)
    expected = flat.hits([(group, word) for group in groups for word in distinct_words], stop=stop)
    assert list(counts.items()) == list(expected.counts.items())
    assert stopped == {
        i for i, word in enumerate(distinct_words) if any(flat.size((group, word)) > stop for group in groups)
    }
    assert all(grouped.size(g, w) == flat.size((g, w)) for g in range(4) for w in range(15))
