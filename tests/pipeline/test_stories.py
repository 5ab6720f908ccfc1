"""Story grouping: the same event across outlets and days, apart from other events, stable as articles arrive."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.pipeline import stories as stories_module
from workbench.pipeline.stories import StoryArticle, StoryIndex, group_stories, story_title, window

QUAKE_A = (
    "A powerful earthquake struck the hill towns around Norcia on Wednesday, killing at least 247 people, "
    "the civil protection agency said. Rescuers dug through the rubble of Amatrice and Accumoli."
)
QUAKE_B = (
    "The death toll from the earthquake around Norcia stood at 241 on Thursday, the civil protection agency "
    "said, after rescuers searched the rubble of Amatrice and Accumoli all night."
)
QUAKE_C = (
    "Rescuers in Amatrice and Accumoli pulled a girl alive from the rubble, the civil protection agency said, "
    "as the earthquake toll around Norcia rose again."
)
TARIFFS = (
    "China announced higher tariffs on Monday on $60 billion of American goods in retaliation for President "
    "Trump's latest penalties, sending Wall Street into a slide as the trade war escalated."
)


def article(
    item_id: int, text: str, published: str | None, source: str | None = None, title: str | None = None
) -> StoryArticle:
    return StoryArticle(item_id, source or f"a{item_id}", published, title, text)


def test_one_event_across_outlets_and_days_is_one_story_and_other_events_stay_apart():
    stories = group_stories(
        [
            article(1, QUAKE_A, "2016-08-24"),
            article(2, QUAKE_B, "2016-08-25"),
            article(3, QUAKE_C, "2016-08-26"),
            article(4, TARIFFS, "2016-08-24"),
        ]
    )
    assert stories[1] == stories[2] == stories[3] == 1, "a story takes its first article's id"
    assert stories[4] == 4


def test_the_same_words_months_apart_are_another_story():
    stories = group_stories([article(1, QUAKE_A, "2016-08-24"), article(2, QUAKE_B, "2017-01-18")])
    assert stories[1] != stories[2]


def test_undated_articles_meet_only_undated_stories():
    stories = group_stories([article(1, QUAKE_A, None), article(2, QUAKE_B, None), article(3, QUAKE_C, "2016-08-24")])
    assert stories[1] == stories[2] != stories[3]


def test_the_result_does_not_depend_on_the_input_order():
    items = [
        (1, QUAKE_A, "2016-08-24"),
        (2, QUAKE_B, "2016-08-25"),
        (3, TARIFFS, "2016-08-24"),
        (4, QUAKE_C, "2016-08-26"),
    ]
    expected = group_stories(article(*item) for item in items)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert group_stories(article(*item) for item in shuffled) == expected


def test_new_articles_join_stored_stories_and_keep_their_ids():
    stored = [article(1, QUAKE_A, "2016-08-24"), article(2, TARIFFS, "2016-08-24")]
    first = group_stories(stored)
    index = StoryIndex()
    for item in stored:
        item.story = first[item.id]
        index.add_existing(item)
    later = index.assign([article(3, QUAKE_B, "2016-08-25")])
    assert later == {3: 1}
    assert index.assign([]) == {}


def test_title_and_window():
    assert story_title("  Quake   kills 247 ", "text") == "Quake kills 247"
    assert story_title(None, "A powerful earthquake struck.\nMore.") == "A powerful earthquake struck. More."
    assert len(story_title("x" * 500, "")) == 120
    assert window(iter([None])) is None
    low, high = window(iter([700_000, 700_010]))  # type: ignore[misc]
    assert low < 700_000 and high > 700_010


def test_the_fast_name_pattern_finds_what_the_rule_says():
    """``_NAME`` matches the capital first, for speed; it must find exactly the words of the rule's own pattern:
    capitalized, not at the start of the text, not after a sentence's end."""
    rule = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
    alphabet = "AaBbZz É.!?\n\t _'1-"

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=40))
    def same(text: str) -> None:
        assert stories_module._NAME.findall(text) == rule.findall(text)

    same()
    assert stories_module._NAME.findall("Iran said. Raisi met Maduro in\tCaracas! Then x.Yes") == [
        "Maduro",
        "Caracas",
        "Yes",
    ]


def test_forgotten_stories_leave_the_postings_without_changing_any_story(monkeypatch):
    """Expired stories are dropped from the postings once they outnumber the open ones: the assignments are the
    ones found when their ids stay filed (and are skipped), and the rebuilt postings hold open stories only."""
    monkeypatch.setattr(stories_module, "SWEEP_EVERY", 3)
    rng = random.Random(7)
    events = [QUAKE_A, QUAKE_B, QUAKE_C, TARIFFS]
    items = [
        article(n, events[rng.randrange(4)] + f" Day {n}.", f"2016-{1 + n // 25:02d}-{1 + n % 25:02d}")
        for n in range(1, 240)
    ]

    def grouped(refile: bool) -> tuple[dict[int, int], StoryIndex]:
        index = StoryIndex()
        if not refile:
            monkeypatch.setattr(index, "_refile", lambda: None)
        fresh = [article(a.id, a.text, a.published) for a in items]
        return index.assign(fresh), index

    kept, _ = grouped(refile=False)
    refiled, index = grouped(refile=True)
    assert refiled == kept
    assert len(set(kept.values())) > 10, "several stories, most of them expired by the end"
    filed = {story for ids in index._postings._postings.values() for story in ([ids] if isinstance(ids, int) else ids)}
    assert len(filed) < len(set(refiled.values())), "expired stories were dropped from the postings"
