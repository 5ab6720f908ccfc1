"""The list's figure column reads as English: units agree in number with the figure."""

import pytest

from workbench.tui.format import format_figure, row_line


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        ({"kind": "duration", "value": 1.0, "unit": "years"}, "1 year"),
        ({"kind": "duration", "value": 20.0, "unit": "years"}, "20 years"),
        ({"kind": "duration", "value": 1.0, "value_high": 2.0, "unit": "years"}, "1–2 years"),
        ({"kind": "count", "value": 3.0, "unit": "nation"}, "3 nations"),
        ({"kind": "count", "value": 1.0, "unit": "nation"}, "1 nation"),
        ({"kind": "count", "value": 300.0, "unit": "person"}, "300 people"),
        ({"kind": "count", "value": 2.0, "unit": "city"}, "2 cities"),
        ({"kind": "count", "value": 4.0, "unit": "day"}, "4 days"),
        ({"kind": "count", "value": 6.0, "unit": "church"}, "6 churches"),
        ({"kind": "money", "value": 3e9, "unit": "USD", "hedge": "more_than"}, "more than 3 bn USD"),
        ({"kind": "year_range", "value": 1999.0, "value_high": 2013.0, "unit": None}, "1999–2013"),
        ({"kind": "money", "value": None, "unit": "USD"}, "no value"),
    ],
)
def test_figure_reads_as_english(row, shown):
    assert format_figure(row) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (20230213.0, "2023-02-13"),
        (20161000.0, "2016-10"),
        (1004.0, "10-04, year unknown"),
        (1200.0, "month 12, year unknown"),
    ],
)
def test_dates_show_only_what_the_text_said(value, shown):
    assert format_figure({"kind": "date", "value": value, "unit": None}) == shown


@pytest.mark.parametrize(
    ("size", "shown"), [(1, ""), (11, "×11"), (281, "×281"), (9999, "×9999"), (12_345, "×12k"), (3_400_000, "×3M")]
)
@pytest.mark.parametrize("view", ["claims", "quotes"])
@pytest.mark.parametrize("width", [60, 100, 150])
def test_the_cluster_size_is_never_cut(size, shown, view, width):
    row = {
        "mention": "$3 billion",
        "text": "We will be invincible",
        "kind": "money",
        "value": 3e9,
        "unit": "USD",
        "cluster_size": size,
        "checkworthy_score": 0.5,
        "published": "2023-06-13",
        "outlet": "Mehr",
    }
    line = row_line(view, row, width).plain
    assert len(line) == width
    cells = line.split()
    assert (shown in cells) if shown else not any(cell.startswith("×") for cell in cells)
