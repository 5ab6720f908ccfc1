"""Story grouping: the same event across outlets and days, apart from other events, stable as articles arrive."""

from __future__ import annotations

import random

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
