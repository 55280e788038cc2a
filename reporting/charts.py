"""Charts drawn on the server as inline SVG (no script, no CDN, nothing the CSP must allow): a trend
line, stacked bars, horizontal bars and a flow of phase transitions. Every text is escaped; each chart has a
title and a description for screen readers, and the page puts the same figures in a table beside it. The
colours are the Okabe-Ito palette (distinguishable with a colour-vision deficiency), each series also
named in a legend."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TEXT = "#1a1a1a"
GRID = "#d5d8dd"
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 56


def _svg(chart_id: str, title: str, description: str, body: list[str], height: int = HEIGHT) -> str:
    return mark_safe(  # noqa: S308 - every text in `body` is escaped where it is made
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _text(x, y, text, anchor="middle", weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{TEXT}" font-weight="{weight}">'
        f"{escape(text)}</text>"
    )


def _legend(names: list[str], y: float) -> tuple[list[str], float]:
    """A colour box and the name of each series, wrapped onto more rows when needed; returns the parts and the
    height they take."""
    parts, x, row = [], LEFT, 0
    for index, name in enumerate(names):
        width = 24 + 7 * len(name)
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, row = LEFT, row + 1
        colour = PALETTE[index % len(PALETTE)]
        top = y + row * 18
        parts.append(f'<rect x="{x}" y="{top - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 16, top, name, anchor="start"))
        x += width
    return parts, (row + 1) * 18


def _month_labels(labels: list[str], step: float, y: float) -> list[str]:
    """Month labels ("jan 2026"): the month on one line, the year under it in January and at the start."""
    parts = []
    for index, label in enumerate(labels):
        month, _space, year = label.partition(" ")
        x = LEFT + step * (index + 0.5)
        parts.append(_text(x, y, month))
        if index == 0 or month.lower().startswith("jan"):
            parts.append(_text(x, y + 14, year))
    return parts


def _y_axis(maximum: float, plot_height: float, suffix: str = "") -> list[str]:
    parts = []
    for step in range(5):
        value = maximum * step / 4
        y = TOP + plot_height - plot_height * step / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        label = f"{value:.0f}{suffix}" if maximum >= 4 or suffix else f"{value:.1f}"
        parts.append(_text(LEFT - 6, y + 4, label, anchor="end"))
    return parts


def _nice_max(value: float) -> float:
    """The top of the y axis: a round number that four grid steps divide into round numbers (50 gave
    12.5 → "12", "25", "38")."""
    for nice in (4, 8, 12, 20, 40, 60, 80, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000, 8000, 10000):
        if value <= nice:
            return nice
    return value


def trend_lines(chart_id, title, description, labels: list[str], series: list[tuple[str, list]]) -> str:
    """Percentages per month (None: nothing to count that month, a gap in the line)."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(labels), 1)
    body = _y_axis(100, plot_height, " %")
    body += _month_labels(labels, step, TOP + plot_height + 16)
    for number, (_name, values) in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        segment = []
        for index, value in enumerate([*values, None]):
            if value is None:
                if len(segment) > 1:
                    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                    body.append(
                        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                    )
                segment = []
                continue
            x = LEFT + step * (index + 0.5)
            y = TOP + plot_height - plot_height * float(value) / 100
            segment.append((x, y))
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
    legend, legend_height = _legend([name for name, _values in series], HEIGHT - 8)
    return _svg(chart_id, title, description, body + legend, height=HEIGHT + legend_height - 18)


def stacked_bars(chart_id, title, description, labels: list[str], series: list[tuple[str, list]]) -> str:
    """Counts per month, one stacked segment per series (a phase, a GPMI status)."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    totals = [sum(values[i] for _name, values in series) for i in range(len(labels))]
    maximum = _nice_max(max(totals, default=0))
    step = plot_width / max(len(labels), 1)
    bar = step * 0.6
    body = _y_axis(maximum, plot_height)
    for index in range(len(labels)):
        x = LEFT + step * index + (step - bar) / 2
        y = TOP + plot_height
        for number, (_name, values) in enumerate(series):
            height = plot_height * values[index] / maximum
            if height:
                y -= height
                colour = PALETTE[number % len(PALETTE)]
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="{colour}"/>'
                )
    body += _month_labels(labels, step, TOP + plot_height + 16)
    legend, legend_height = _legend([name for name, _values in series], HEIGHT - 8)
    return _svg(chart_id, title, description, body + legend, height=HEIGHT + legend_height - 18)


def horizontal_bars(chart_id, title, description, rows: list[tuple[str, int, bool]], marker=None) -> str:
    """One bar per row (a worker and their open dossiers); a flagged row is drawn in the warning colour;
    `marker` (the team's median) is a dashed line."""
    bar_height, gap, label_width = 16, 6, 170
    height = TOP + len(rows) * (bar_height + gap) + 40
    maximum = _nice_max(max((count for _label, count, _flag in rows), default=0))
    plot_width = WIDTH - label_width - RIGHT - 40
    body = []
    for index, (label, count, flagged) in enumerate(rows):
        y = TOP + index * (bar_height + gap)
        width = plot_width * count / maximum
        colour = PALETTE[5] if flagged else PALETTE[0]
        body.append(_text(label_width - 6, y + 12, label[:26], anchor="end"))
        body.append(
            f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{bar_height}" fill="{colour}"/>'
        )
        body.append(
            _text(label_width + width + 4, y + 12, f"{count}{' !' if flagged else ''}", anchor="start")
        )
    if marker is not None:
        x = label_width + plot_width * float(marker) / maximum
        bottom = TOP + len(rows) * (bar_height + gap)
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 4}" y2="{bottom}" stroke="{TEXT}" '
            'stroke-dasharray="4 3"/>'
        )
        body.append(_text(x, bottom + 16, f"mediaan {marker}"))
    return _svg(chart_id, title, description, body, height=height)


def flow(chart_id, title, description, phases: list[tuple[str, str]], moves: dict) -> str:
    """The phase transitions of the period: the phases on the left (from) and on the right (to), a band per
    move as wide as its count."""
    codes = [code for code, _label in phases]
    row = 34
    height = TOP + row * len(codes) + 20
    left_x, right_x = 170, WIDTH - 170
    maximum = max(moves.values(), default=1)
    body = [_text(left_x - 10, TOP - 2, gettext("van"), anchor="end", weight="bold"),
            _text(right_x + 10, TOP - 2, gettext("naar"), anchor="start", weight="bold")]  # fmt: skip
    for index, (_code, label) in enumerate(phases):
        y = TOP + 12 + index * row
        colour = PALETTE[index % len(PALETTE)]
        body.append(f'<rect x="{left_x - 8}" y="{y - 10}" width="8" height="20" fill="{colour}"/>')
        body.append(f'<rect x="{right_x}" y="{y - 10}" width="8" height="20" fill="{colour}"/>')
        body.append(_text(left_x - 14, y + 4, label, anchor="end"))
        body.append(_text(right_x + 14, y + 4, label, anchor="start"))
    for (from_phase, to_phase), count in sorted(moves.items(), key=lambda item: -item[1]):
        if from_phase not in codes or to_phase not in codes:
            continue
        y1 = TOP + 12 + codes.index(from_phase) * row
        y2 = TOP + 12 + codes.index(to_phase) * row
        colour = PALETTE[codes.index(from_phase) % len(PALETTE)]
        width = 2 + 14 * count / maximum
        middle = (left_x + right_x) / 2
        body.append(
            f'<path d="M{left_x},{y1} C{middle},{y1} {middle},{y2} {right_x},{y2}" fill="none" '
            f'stroke="{colour}" stroke-opacity="0.75" stroke-width="{width:.1f}"/>'
        )
        body.append(_text(middle, (y1 + y2) / 2 - 4, str(count), weight="bold"))
    return _svg(chart_id, title, description, body, height=height)
