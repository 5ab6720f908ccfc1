"""Quote clustering: real memberships on small fixtures (the seed articles' quotes and near-misses)."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from workbench.pipeline.cluster_quotes import (
    QuoteClusterIndex,
    QuoteItem,
    cluster_quotes,
    is_weak_quote,
    quote_relation,
)
from workbench.pipeline.normalize import normalize_quote, speaker_key, speakers_agree

ISLAMIC_REPUBLIC = (
    "The Islamic Republic of Iran, thanks to the blessings of the Islamic Revolution, the pure blood of the martyrs, "
    "and the resistance of the Iranian people, has been able to turn the pressures and sanctions into opportunities, "
    "and in this way has provided various capacities that are ready to be shared with the resilient nation of "
    "Venezuela"
)
GAINED = (
    "The Iranian nation has gained valuable experiences and achievements in the field of science and technology by "
    "standing up to the domination system and overcoming the sanctions, which can be shared with Venezuela,"
)
PROVEN = (
    "The Iranian nation has proven its friendship with the Venezuelan people over the past years and has always "
    "shown that it is their friend during their difficult times,"
)
COMMON_INTERESTS = "Having common interests, views and enemies have made cooperation deep and strategic."
RESISTANCE = (
    "the successful experience of the two countries showed that the only way to face these pressures "
    "[from the United States] is resistance."
)


def same(result: dict[int, int], *ids: int) -> bool:
    return len({result[i] for i in ids}) == 1


def apart(result: dict[int, int], *ids: int) -> bool:
    return len({result[i] for i in ids}) == len(ids)


# --------------------------------------------------------------------------------------------- normalization


def test_normalization_erases_typesetting_but_keeps_words():
    variants = [
        "“It’s wrong — it’s destructive,” ",
        "\"IT'S WRONG -- it's   destructive.\"",
        "ｉｔ’s wrong – it’s destructive!",  # full-width letters fold under NFKC
    ]
    assert {normalize_quote(v).text for v in variants} == {"it is wrong it is destructive"}


def test_contractions_are_the_words_they_stand_for(monkeypatch):
    """The team's held-out events set: Fox printed Obama's "It's not a smart theory", CNN "It is not a smart theory"."""
    assert normalize_quote("It's not a smart theory").text == normalize_quote("It is not a smart theory").text
    assert normalize_quote("We’ve got to, we can’t, they won’t, I'm here").text == (
        "we have got to we can not they will not i am here"
    )
    assert normalize_quote("Let's go to Obama's house").text == "let's go to obama's house", "not every 's is 'is'"
    items = [
        QuoteItem(1, "fox", "We can't and we won't accept this deal"),
        QuoteItem(2, "cnn", "We cannot and we will not accept this deal"),
    ]
    assert same(cluster_quotes(items), 1, 2), "written out, the two printings are one wording (86 as printed)"
    from workbench.pipeline import normalize

    monkeypatch.setattr(normalize, "expand_contractions", lambda folded: folded)
    assert apart(cluster_quotes(items), 1, 2)


def test_brackets_and_ellipses_cut_the_quote_into_pieces():
    normalized = normalize_quote("the only way to face these pressures [from the United States] is resistance…")
    assert normalized.pieces == ("the only way to face these pressures", "is resistance")
    assert normalize_quote("We will win . . . together").pieces == ("we will win", "together")
    assert normalize_quote("...").text == ""


def test_accents_and_partial_names_agree():
    assert speakers_agree(speaker_key("Raisi"), speaker_key("Ebrahim Raisi"))
    assert speakers_agree(speaker_key("President Raisi"), speaker_key("Ebrahim Raisi"))
    assert speakers_agree(speaker_key("Nicolás Maduro"), speaker_key("Nicolas Maduro"))
    assert not speakers_agree(speaker_key("Maduro"), speaker_key("Ebrahim Raisi"))
    assert not speakers_agree(None, speaker_key("Raisi"))
    assert speaker_key("") is None


# --------------------------------------------------------------------------------------------- wording relations


def test_relations_by_wording():
    assert quote_relation(ISLAMIC_REPUBLIC + ",", ISLAMIC_REPUBLIC + ".") == "equal"
    assert quote_relation("common interests, views,", COMMON_INTERESTS) == "fragment"
    assert quote_relation(RESISTANCE.replace("[from the United States] ", ""), RESISTANCE) == "equal"
    assert quote_relation(ISLAMIC_REPUBLIC.replace(" pure", ""), ISLAMIC_REPUBLIC) == "fuzzy"
    # Only the opening clause is shared: different quotes.
    assert quote_relation(GAINED, PROVEN) is None
    # A fragment with an elision still sits inside its source, piece by piece.
    assert quote_relation("the only way … is resistance", RESISTANCE) == "fragment"
    # Words must be contiguous and at word boundaries.
    assert quote_relation("strategic relation", COMMON_INTERESTS) is None
    assert quote_relation("views and enemy", COMMON_INTERESTS) is None


def test_weak_quotes_are_short_and_common_worded():
    assert is_weak_quote("strategic")
    assert is_weak_quote("It's not that simple")
    assert not is_weak_quote("common interests, views")
    assert not is_weak_quote("They have an ease of comfort with each")  # 8 words is distinctive enough


# --------------------------------------------------------------------------------------------- clustering


def seed_quotes() -> list[QuoteItem]:
    """Quotes of the seed articles as the extractor should return them (ids arbitrary)."""
    return [
        QuoteItem(10, "000", COMMON_INTERESTS, "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(11, "000", "strategic", "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(12, "000", "strategic", "Nicolas Maduro", "2023-06-13"),
        QuoteItem(13, "000", ISLAMIC_REPUBLIC + ".", "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(14, "000", GAINED, "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(15, "000", PROVEN, "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(20, "001", "strategic relation", "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(21, "001", "common interests, views,", "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(22, "001", "enemies", "Ebrahim Raisi", "2023-06-13"),
        QuoteItem(23, "001", ISLAMIC_REPUBLIC + ",", "Raisi", "2023-06-13"),
        QuoteItem(30, "003", RESISTANCE, "Sayyed Ali Khamenei", "2022-06-11"),
        QuoteItem(31, "other", RESISTANCE.replace("[from the United States] ", "").upper(), "Khamenei", None),
        QuoteItem(32, "third", "the only way to face these pressures … is resistance", None, None),
        QuoteItem(40, "004", "strategic", "Ebrahim Raisi", "2023-06-12"),
        QuoteItem(41, "older", "strategic", "Ebrahim Raisi", "2022-01-01"),
    ]


def test_seed_quotes_cluster_as_a_reader_would():
    result = cluster_quotes(seed_quotes())
    assert same(result, 13, 23)  # one quote printed by two outlets, "," vs "."
    assert apart(result, 14, 15, 13)  # quotes that open alike are different quotes
    assert same(result, 10, 21, 22)  # fragments join the longer quote; "enemies" via its article's fragment
    assert same(result, 10, 11)  # Raisi's "strategic" echoes his own quote in the same article
    assert apart(result, 10, 12)  # Maduro's "strategic" does not
    assert apart(result, 10, 20)  # "strategic relation" is not a contiguous part of anything
    assert same(result, 30, 31, 32)  # bracketed insertion, case, ellipsis, partial speaker name
    assert same(result, 40, 11)  # same speaker, same word, a day apart: the same story
    assert apart(result, 41, 11)  # the same word a year and a half earlier is another occasion


def test_cluster_id_is_the_representative_and_the_longest_member():
    result = cluster_quotes(seed_quotes())
    for cluster_id in set(result.values()):
        assert result[cluster_id] == cluster_id
    assert result[21] == 10  # the fragment's cluster is named after the full quote


def test_short_fragment_of_another_speaker_stays_apart_but_long_misattribution_joins():
    items = [
        QuoteItem(1, "a", COMMON_INTERESTS, "Ebrahim Raisi"),
        QuoteItem(2, "b", "common interests, views", "Nicolas Maduro"),
        QuoteItem(3, "c", ISLAMIC_REPUBLIC, "Ebrahim Raisi"),
        QuoteItem(4, "d", ISLAMIC_REPUBLIC, "Nicolas Maduro"),
    ]
    result = cluster_quotes(items)
    assert apart(result, 1, 2)
    assert same(result, 3, 4)


def test_weak_fragment_needs_speaker_and_date_outside_its_article():
    items = [
        QuoteItem(1, "fox", "phony", "Rick Santorum", "2012-02-19"),
        QuoteItem(2, "nyt", "phony", "Rick Santorum", "2012-02-20"),
        QuoteItem(3, "hpo", "phony", "Santorum", "2012-02-21"),
        QuoteItem(4, "wsj", "phony", None, "2012-02-20"),
        QuoteItem(5, "wapo", "phony", "Rick Santorum", None),
    ]
    result = cluster_quotes(items)
    assert same(result, 1, 2, 3)
    assert apart(result, 1, 4, 5)


def test_stock_phrase_inside_many_quotes_stays_alone():
    phrase = "president of the united states"
    items = [
        QuoteItem(1, "a", f"I met the {phrase} yesterday and we talked about trade", None),
        QuoteItem(2, "b", f"Nobody expected the {phrase} to visit the flooded towns", None),
        QuoteItem(3, "c", f"As {phrase} I will never accept this budget from congress", None),
        QuoteItem(4, "d", phrase, None),
    ]
    result = cluster_quotes(items)
    assert apart(result, 1, 2, 3, 4)
    # With one container only, the same fragment joins it.
    assert same(cluster_quotes(items[:1] + items[3:]), 1, 4)


def test_no_chaining_through_a_member():
    a = "we will build new roads and new schools in every province of this country before the end of next year"
    b = a.replace("new schools", "big schools").replace("province", "provinces")
    c = b.replace("next year", "this decade").replace("roads", "railways")
    assert quote_relation(b, a) == "fuzzy" and quote_relation(c, b) == "fuzzy"
    assert quote_relation(c, a) is None
    items = [QuoteItem(1, "x", a), QuoteItem(2, "y", b), QuoteItem(3, "z", c)]
    result = cluster_quotes(items)
    # The middle quote joins one end (the longest, c, is the representative); the other end stays out.
    assert result == {1: 1, 2: 3, 3: 3}


def test_empty_and_punctuation_only_quotes_are_singletons():
    result = cluster_quotes([QuoteItem(1, "a", "..."), QuoteItem(2, "b", "…"), QuoteItem(3, "c", "")])
    assert result == {1: 1, 2: 2, 3: 3}


# --------------------------------------------------------------------------------------------- incremental API


def test_incremental_assign_keeps_old_clusters_and_matches_a_rebuilt_index():
    quotes = seed_quotes()
    first, second = quotes[::2], quotes[1::2]
    live = QuoteClusterIndex()
    stored = live.assign(first)
    new = live.assign(second)
    assert set(new) == {q.id for q in second}

    rebuilt = QuoteClusterIndex()
    for quote in first:
        rebuilt.add_existing(quote, stored[quote.id])
    assert rebuilt.assign(second) == new
    assert len(rebuilt) == len(live)
    # Known ids are never reassigned or returned again.
    assert live.assign(first) == {}
    assert all(live.cluster_of(q.id) == stored[q.id] for q in first)


def test_new_longer_quote_joins_an_existing_fragment_cluster():
    index = QuoteClusterIndex()
    index.add_representative(QuoteItem(5, "a", "common interests, views and enemies", "Raisi"))
    assert index.assign([QuoteItem(9, "b", COMMON_INTERESTS, "Ebrahim Raisi")]) == {9: 5}


# --------------------------------------------------------------------------------------------- BASIL (shared data)

DATA = Path(os.environ.get("WORKBENCH_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))


@pytest.mark.shared
@pytest.mark.skipif(not (DATA / "quotes" / "basil-dev.jsonl").is_file(), reason="shared BASIL data absent")
def test_basil_gold_spans_cluster_with_high_pair_precision_and_recall():
    articles = [json.loads(line) for line in (DATA / "quotes" / "basil-dev.jsonl").open(encoding="utf-8")]
    gold = {}
    for number, line in enumerate((DATA / "quotes" / "basil-dev-clusters.jsonl").open(encoding="utf-8")):
        for member in json.loads(line)["members"]:
            gold[tuple(member)] = number
    members = [(a, q) for a, article in enumerate(articles) for q in range(len(article["quotes"]))]
    items = []
    for i, (a, q) in enumerate(members):
        span = articles[a]["quotes"][q]
        text = articles[a]["text"][span["inner_start"] : span["inner_end"]]
        items.append(QuoteItem(i, str(a), text, span["speaker_name"], articles[a]["date"]))
    result = cluster_quotes(items)
    tp = fp = fn = 0
    for (i, a), (j, b) in itertools.combinations(enumerate(members), 2):
        if a[0] == b[0]:
            continue
        linked, predicted = a in gold and gold.get(a) == gold.get(b), result[i] == result[j]
        tp, fp, fn = tp + (linked and predicted), fp + (predicted and not linked), fn + (linked and not predicted)
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.9
