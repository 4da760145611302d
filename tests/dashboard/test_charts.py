"""The SVG chart helper: well-formed SVG named by its title and description, the figures as a
table for screen readers, escaped labels and colours with enough contrast."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from core.charts import (
    PALETTE,
    TEXT_COLOUR,
    Series,
    _nice_maximum,
    horizontal_bar_chart,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def svg_of(html: str) -> ET.Element:
    # The SVG is the helper's own output, not untrusted input.
    return ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))  # noqa: S314


def table_rows(html: str) -> list[list[str]]:
    table = re.search(r"<table class=\"visually-hidden\">.*?</table>", html, re.S).group(0)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def month_chart():
    return stacked_bar_chart(
        title="Reports per month", description="Stacked by category.",
        labels=["Jan", "Feb", "Mar"], row_heading="Month",
        series=[Series("Overstay", (2, 0, 5)), Series("Illegal work", (1, 3, 0))],
    )


def test_stacked_chart_is_an_image_named_by_its_title_and_description():
    html = month_chart()
    svg = svg_of(html)
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert (title.text, desc.text) == ("Reports per month", "Stacked by category.")
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    # One rectangle per non-zero segment: 2+1, 3, 5.
    assert len(svg.findall(f"{SVG}rect")) == 4


def test_stacked_chart_table_holds_every_figure_and_the_totals():
    assert table_rows(month_chart()) == [
        ["Month", "Overstay", "Illegal work", "Total"],
        ["Jan", "2", "1", "3"],
        ["Feb", "0", "3", "3"],
        ["Mar", "5", "0", "5"],
    ]


def test_bar_heights_are_proportional_to_the_values():
    svg = svg_of(month_chart())
    heights = [float(rect.get("height")) for rect in svg.findall(f"{SVG}rect")]
    # The axis runs to 5: the first segment (2) is 2/5 as high as the last bar (5).
    assert heights[0] * 5 / 2 == heights[-1]


def test_two_charts_on_a_page_have_distinct_ids():
    first, second = svg_of(month_chart()), svg_of(month_chart())
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_horizontal_chart_has_a_bar_and_a_row_per_label():
    html = horizontal_bar_chart(
        title="By nationality", description="People by nationality.",
        labels=["China", "Malaysia"], values=[7, 2], row_heading="Nationality",
        value_heading="People",
    )
    svg = svg_of(html)
    widths = [float(rect.get("width")) for rect in svg.findall(f"{SVG}rect")]
    assert widths[0] > widths[1] > 0
    assert table_rows(html) == [["Nationality", "People"], ["China", "7"], ["Malaysia", "2"]]
    assert "chart-legend" not in html  # one series needs no legend


def test_labels_are_escaped():
    html = horizontal_bar_chart(
        title="<b>Title</b>", description="a & b", labels=["<script>x</script>"], values=[1],
        row_heading="Name", value_heading="Count",
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    svg_of(html)  # still well-formed


def test_empty_series_still_draws_a_valid_chart():
    html = stacked_bar_chart(title="Empty", description="Nothing yet.", labels=["Jan"],
                             series=[Series("Overstay", (0,))], row_heading="Month")
    assert svg_of(html).find(f"{SVG}title").text == "Empty"


def test_axis_maximum_is_a_round_number():
    assert [_nice_maximum(n) for n in (0, 1, 3, 7, 11, 40, 101)] == [1, 1, 5, 10, 20, 50, 200]


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def test_colours_contrast_with_the_white_background():
    assert all(contrast_with_white(colour) >= 3 for colour in PALETTE)
    assert contrast_with_white(TEXT_COLOUR) >= 4.5


def test_axis_labels_may_take_two_lines_while_the_table_keeps_the_full_labels():
    html = stacked_bar_chart(
        title="Per month", description="Two months.", labels=["December 2025", "January 2026"],
        axis_labels=[("Dec", "2025"), ("Jan", "2026")], row_heading="Month",
        series=[Series("Overstay", (1, 2))],
    )
    lines = [tspan.text for tspan in svg_of(html).iter(f"{SVG}tspan")]
    assert lines == ["Dec", "2025", "Jan", "2026"]
    assert [row[0] for row in table_rows(html)[1:]] == ["December 2025", "January 2026"]
