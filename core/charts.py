"""Charts drawn on the server as SVG, so that they show without JavaScript, in print and in PDF.

Each chart is a <figure> holding an <svg role="img"> named by its <title> and <desc>, and the same
figures as a visually hidden table for screen readers. Colours keep a contrast of at least 3:1
against the white background (WCAG 1.4.11); neighbouring bar segments are parted by a white line.
"""

from dataclasses import dataclass
from itertools import count

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Blue, orange, green, purple, grey, red, teal: each at least 3:1 against white.
PALETTE = ("#1f5fa8", "#b34700", "#2e7d32", "#7b1fa2", "#595959", "#c62828", "#00695c")
TEXT_COLOUR = "#212529"
GRID_COLOUR = "#6c757d"

_ids = count(1)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]


def _n(number: float) -> str:
    """A coordinate with one decimal, whatever the active locale."""
    return f"{number:.1f}"


def _nice_maximum(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above `value`, for the axis."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _table(*, caption: str, row_heading: str, labels, series, totals: bool) -> SafeString:
    return render_to_string("core/chart_table.html", {
        "caption": caption,
        "row_heading": row_heading,
        "series": series,
        "rows": [(label, [s.values[i] for s in series],
                  sum(s.values[i] for s in series)) for i, label in enumerate(labels)],
        "totals": totals and len(series) > 1,
    })


def _figure(*, title: str, description: str, width: int, height: int, body: SafeString,
            legend: SafeString, table: SafeString) -> SafeString:
    number = next(_ids)
    title_id, desc_id = f"chart-{number}-title", f"chart-{number}-desc"
    return format_html(
        '<figure class="chart"><figcaption class="h6">{}</figcaption>'
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {} {}" '
        'aria-labelledby="{} {}" class="chart-svg" font-family="system-ui, sans-serif" '
        'font-size="12"><title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>'
        "{}{}</figure>",
        title, width, height, title_id, desc_id, title_id, title, desc_id, description, body,
        legend, table,
    )


def _legend(series) -> SafeString:
    if len(series) < 2:
        return SafeString("")
    items = format_html_join(
        "",
        '<li class="list-inline-item"><svg width="12" height="12" aria-hidden="true">'
        '<rect width="12" height="12" fill="{}"/></svg> {}</li>',
        ((PALETTE[i % len(PALETTE)], s.label) for i, s in enumerate(series)),
    )
    return format_html('<ul class="chart-legend list-inline small mb-1" aria-hidden="true">{}'
                       "</ul>", items)


def stacked_bar_chart(*, title: str, description: str, labels: list[str], series: list[Series],
                      row_heading: str, axis_labels: list[tuple[str, ...]] | None = None
                      ) -> SafeString:
    """Vertical bars, one per label (e.g. month), each stacked from the series (e.g. category).
    `axis_labels` are shorter labels under the bars, one or two lines each ("Jan", "2025");
    the table keeps the full `labels`."""
    axis_labels = axis_labels or [(label,) for label in labels]
    width, height = 640, 280
    left, right, top, bottom = 40, 10, 10, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    maximum = _nice_maximum(max(totals, default=0))
    slot = plot_w / max(len(labels), 1)
    bar_w = slot * 0.7
    parts = []
    for tick in (0, maximum // 2, maximum) if maximum % 2 == 0 else (0, maximum):
        y = top + plot_h - plot_h * tick / maximum
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="0.5"/>'
            '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
            left, width - right, _n(y), _n(y), GRID_COLOUR, left - 4, _n(y + 4), TEXT_COLOUR, tick,
        ))
    for i, lines in enumerate(axis_labels):
        x = left + slot * i + (slot - bar_w) / 2
        base = top + plot_h
        for index, s in enumerate(series):
            value = s.values[i]
            if not value:
                continue
            h = plot_h * value / maximum
            base -= h
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                'stroke="#ffffff" stroke-width="1"/>',
                _n(x), _n(base), _n(bar_w), _n(h), PALETTE[index % len(PALETTE)],
            ))
        centre = _n(x + bar_w / 2)
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
            centre, height - bottom + 16, TEXT_COLOUR,
            format_html_join("", '<tspan x="{}" dy="{}">{}</tspan>',
                             ((centre, "0" if n == 0 else "1.2em", line)
                              for n, line in enumerate(lines))),
        ))
    body = format_html_join("", "{}", ((part,) for part in parts))
    table = _table(caption=title, row_heading=row_heading, labels=labels, series=series,
                   totals=True)
    return _figure(title=title, description=description, width=width, height=height, body=body,
                   legend=_legend(series), table=table)


def horizontal_bar_chart(*, title: str, description: str, labels: list[str], values: list[int],
                         row_heading: str, value_heading: str) -> SafeString:
    """One bar per label (e.g. nationality) in the order given, its value written at its end."""
    # Narrower than the stacked chart: these sit in half-width columns and should keep their
    # text near its real size there.
    row_h, left, right = 24, 130, 40
    width = 400
    height = max(row_h * len(labels), row_h) + 8
    maximum = max(values, default=0) or 1
    plot_w = width - left - right
    parts = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 4 + row_h * i
        w = plot_w * value / maximum
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
            '<text x="{}" y="{}" fill="{}">{}</text>',
            left - 6, y + 15, TEXT_COLOUR, label[:20],
            left, y + 2, _n(w), row_h - 6, PALETTE[0],
            _n(left + w + 4), y + 15, TEXT_COLOUR, value,
        ))
    body = format_html_join("", "{}", ((part,) for part in parts))
    series = [Series(value_heading, tuple(values))]
    table = _table(caption=title, row_heading=row_heading, labels=labels, series=series,
                   totals=False)
    return _figure(title=title, description=description, width=width, height=height, body=body,
                   legend=SafeString(""), table=table)
