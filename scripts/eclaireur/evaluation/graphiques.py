"""Charts of the follow-up table and of the yearly review (matplotlib SVG, drawn through ``ctx.chart``).

Each ``draw_*`` function takes plain JSON data (dates as ISO strings) so that the chart cache can hash it.
Every chart is published with a text alternative and the table of the same figures.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from eclaireur.charts import pyplot, to_svg
from eclaireur.evaluation.fete import MONTHS
from eclaireur.evaluation.suivi import STATUS_COLOURS, STATUTS

# Part of every chart's data: change it when a drawing changes, so that cached SVGs are redrawn.
STYLE = "evaluation-5"


def _month_ticks(start: dt.date, end: dt.date) -> tuple[list[dt.date], list[str]]:
    """First day of every quarter between ``start`` and ``end``, labelled the French way."""
    ticks: list[dt.date] = []
    labels: list[str] = []
    year, month = start.year, ((start.month - 1) // 3) * 3 + 1
    while dt.date(year, month, 1) <= end:
        day = dt.date(year, month, 1)
        if day >= start:
            ticks.append(day)
            labels.append(f"{MONTHS[month - 1]}\n{year}")
        month += 3
        if month > 12:
            month, year = month - 12, year + 1
    return ticks, labels


# Layout of the calendar charts, in inches: every chart of a plan has the same width, the same room for
# the labels and so the same time axis at the same place, whatever its labels and its number of rows.
GANTT_WIDTH = 9.0
GANTT_LABELS = 3.5  # labels of 44 characters at most, in 10 pt
GANTT_RIGHT = 0.2
GANTT_ROW = 0.4
GANTT_TOP = 0.4  # the date of the reference line
GANTT_AXIS = 0.55  # the quarters, on two lines
GANTT_LEGEND_LINE = 0.3
GANTT_LEGEND_COLUMNS = 5
HATCHED = ("bloquée", "abandonnée", "réorientée")


def gantt_size(rows: int, statuses: int) -> tuple[float, float]:
    """Width and height (inches) of the calendar chart of ``rows`` actions of ``statuses`` different statuses:
    known before the chart is drawn, so that a page can reserve its place."""
    legend_lines = -(-(statuses + 2) // GANTT_LEGEND_COLUMNS)  # the statuses, « réalisée le » and « retard »
    bottom = GANTT_AXIS + 0.25 + GANTT_LEGEND_LINE * legend_lines
    return GANTT_WIDTH, GANTT_TOP + GANTT_ROW * (rows + 0.5) + bottom


def _gantt_bottom(statuses: int) -> float:
    return gantt_size(0, statuses)[1] - GANTT_TOP - GANTT_ROW * 0.5


def draw_gantt(data: dict[str, Any]) -> bytes:
    """Schedule of the actions: one bar per action from its start to its due date, coloured by status,
    a diamond on the done date and a dashed line on the reference date. ``first`` and ``last`` (ISO dates),
    when given, fix the time axis, so that the charts of one plan share the same scale."""
    plt = pyplot()
    from matplotlib.dates import date2num
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows: list[dict[str, Any]] = data["rows"]
    reference = dt.date.fromisoformat(data["reference"])
    present = [s for s in STATUTS if any(r["status"] == s for r in rows)]
    handles: list[Any] = [
        Patch(facecolor=STATUS_COLOURS[s], edgecolor="#1b1b1f" if s in HATCHED else STATUS_COLOURS[s],
              hatch="//" if s in HATCHED else None, label=s)
        for s in present
    ]
    handles.append(Line2D([], [], marker="D", color="#ffffff", markeredgecolor="#1b1b1f", linestyle="",
                          label="réalisée le"))
    handles.append(Line2D([], [], color="#a3122a", linestyle=(0, (2, 2)), label="retard"))
    width, height = gantt_size(len(rows), len(present))
    bottom = _gantt_bottom(len(present))
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((GANTT_LABELS / GANTT_WIDTH, bottom / height,
                       1 - (GANTT_LABELS + GANTT_RIGHT) / GANTT_WIDTH, 1 - (GANTT_TOP + bottom) / height))
    positions = list(range(len(rows)))[::-1]
    starts = [dt.date.fromisoformat(r["start"]) for r in rows]
    ends = [dt.date.fromisoformat(r["end"]) for r in rows]
    for pos, row, start, end in zip(positions, rows, starts, ends, strict=True):
        colour = STATUS_COLOURS[row["status"]]
        hatch = "//" if row["status"] in HATCHED else None
        ax.barh(pos, date2num(end) - date2num(start), left=date2num(start), height=0.55, color=colour,
                edgecolor="#1b1b1f" if hatch else colour, hatch=hatch, linewidth=0.6)
        if row.get("done"):
            ax.plot(date2num(dt.date.fromisoformat(row["done"])), pos, marker="D", markersize=7, color="#ffffff",
                    markeredgecolor="#1b1b1f", markeredgewidth=1.2)
        if row.get("overdue"):
            ax.plot([date2num(end), date2num(reference)], [pos, pos], color="#a3122a", linewidth=1.6,
                    linestyle=(0, (2, 2)))
    first = dt.date.fromisoformat(data["first"]) if data.get("first") else min([*starts, reference])
    last = dt.date.fromisoformat(data["last"]) if data.get("last") else max([*ends, reference])
    ticks, labels = _month_ticks(first, last)
    ax.set_xticks([date2num(t) for t in ticks], labels, fontsize=10)
    left, right = date2num(first) - 15, date2num(last) + 20
    ax.set_xlim(left, right)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_yticks(positions, [textwrap.shorten(r["label"], 44, placeholder="…") for r in rows], fontsize=10)
    ax.axvline(date2num(reference), color="#1b1b1f", linestyle="--", linewidth=1.2)
    # the date beside the line, on its left when the line is near the right edge
    near_edge = date2num(reference) > left + 0.85 * (right - left)
    ax.annotate(data["reference_label"], (date2num(reference), len(rows) - 0.4), xytext=(-4 if near_edge else 4, 2),
                textcoords="offset points", fontsize=10, va="bottom", ha="right" if near_edge else "left",
                annotation_clip=False)
    ax.grid(axis="x", color="#c9ced6", linewidth=0.6)
    ax.set_axisbelow(True)
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.08 / height),
               ncol=min(len(handles), GANTT_LEGEND_COLUMNS), frameon=False, fontsize=10)
    return to_svg(fig, tight=False)  # not cropped: the charts of a plan line up


def draw_status_bars(data: dict[str, Any]) -> bytes:
    """One stacked horizontal bar per evaluation: its actions by status."""
    plt = pyplot()
    labels: list[str] = data["labels"]
    counts: dict[str, list[int]] = data["counts"]
    fig, ax = plt.subplots(figsize=(8.0, 0.75 * len(labels) + 1.7))
    positions = list(range(len(labels)))[::-1]
    left = [0] * len(labels)
    for status in STATUTS:
        values = counts.get(status, [0] * len(labels))
        if not any(values):
            continue
        bars = ax.barh(positions, values, left=left, color=STATUS_COLOURS[status], label=status, height=0.6,
                       edgecolor="#ffffff", linewidth=1)
        for bar, value in zip(bars, values, strict=True):
            if value:
                ax.annotate(str(value), (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2),
                            ha="center", va="center", color="#ffffff", fontsize=10, fontweight="bold")
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(positions, [textwrap.fill(label, 34) for label in labels], fontsize=10)
    ax.set_xlabel("Nombre d’actions")
    ax.set_xlim(0, max([*left, 1]) * 1.05)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25 if len(labels) < 3 else -0.12),
              ncol=4, frameon=False, fontsize=10)
    return to_svg(fig)


def draw_tasks_per_month(data: dict[str, Any]) -> bytes:
    """Bars: number of tasks done each month of the year."""
    plt = pyplot()
    values: list[int] = data["values"]
    fig, ax = plt.subplots(figsize=(8.0, 2.8))
    positions = list(range(12))
    bars = ax.bar(positions, values, color=data.get("colour", "#1d4e89"), width=0.65)
    for bar, value in zip(bars, values, strict=True):
        if value:
            ax.annotate(str(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                        va="bottom", xytext=(0, 2), textcoords="offset points", fontsize=9)
    ax.set_xticks(positions, list(MONTHS), fontsize=9)
    ax.set_ylabel("Tâches faites")
    ax.set_ylim(0, max([*values, 1]) * 1.25)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return to_svg(fig)
