"""Horizontal bar charts drawn as inline SVG on the server: geometry here, markup in includes/chart.html.

No JavaScript and no chart library: a chart is a handful of rectangles, readable at a glance, printable, and always
followed by its data table (the table, not the picture, is what screen readers use).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABEL_WIDTH = 230  # room for the labels left of the bars, in SVG units
BAR_AREA = 380
VALUE_ROOM = 90  # room right of the longest bar for its value
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TOP = 8
MAX_LABEL = 32  # longer labels are shortened in the picture (the table shows them in full)


@dataclass(frozen=True)
class Bar:
    label: str
    full_label: str
    text: str  # the value as shown beside the bar
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int
    axis_y: int


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def bar_chart(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, float | None, str]],
    maximum: float | None = None,
) -> Chart:
    """Bars for (label, value, text) items; the longest bar is `maximum` (default: the largest value).

    A value of None (nothing to measure) draws no bar, only its text, so "no data" is never shown as zero.
    """
    values = [v for _, v, _ in items if v is not None]
    top = maximum if maximum is not None else max(values, default=0)
    bars = []
    for i, (label, value, text) in enumerate(items):
        y = TOP + i * ROW_HEIGHT
        width = (value / top) * BAR_AREA if value and top else 0.0
        bars.append(
            Bar(
                label=_shorten(label),
                full_label=label,
                text=text,
                y=y,
                text_y=y + BAR_HEIGHT - 4,
                width=round(width, 1),
                value_x=round(LABEL_WIDTH + width + 6, 1),
            )
        )
    height = TOP * 2 + max(len(items), 1) * ROW_HEIGHT
    return Chart(
        chart_id=chart_id,
        title=title,
        bars=tuple(bars),
        width=LABEL_WIDTH + BAR_AREA + VALUE_ROOM,
        height=height,
        label_x=LABEL_WIDTH - 8,
        bar_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        axis_y=height - TOP,
    )


def percent(share: float | None) -> str:
    """0.8333 → '83%'; None → '—' (nothing judged yet)."""
    return "—" if share is None else f"{round(share * 100)}%"
