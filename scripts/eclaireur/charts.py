"""Charts stage: matplotlib SVG, deterministic, cached on disk by a hash of their data.

matplotlib is imported only when a chart has to be drawn (about 0.5 s), so a rebuild with
unchanged data reads every chart from the cache.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHART_VERSION = "1"
FONT_FAMILY = ["DejaVu Sans"]


@dataclass(frozen=True)
class Chart:
    """A drawn chart: where it goes in the site and its SVG bytes."""

    path: str
    svg: bytes


class ChartCache:
    """Charts by content hash, kept in ``cache_dir`` between builds."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self.drawn = 0
        self.reused = 0

    def get(self, kind: str, data: dict[str, Any], draw: Callable[[dict[str, Any]], bytes]) -> Chart:
        payload = json.dumps({"kind": kind, "v": CHART_VERSION, "data": data}, sort_keys=True, default=str)
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
        path = f"graphiques/{kind}-{digest}.svg"
        cached = self.cache_dir / f"{kind}-{digest}.svg" if self.cache_dir else None
        if cached is not None and cached.is_file():
            self.reused += 1
            return Chart(path, cached.read_bytes())
        svg = draw(data)
        self.drawn += 1
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(svg)
            tmp.replace(cached)
        return Chart(path, svg)


def pyplot() -> Any:
    """matplotlib's pyplot with the deterministic settings of the project."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.hashsalt": "eclaireur",
            "svg.fonttype": "none",
            "font.family": FONT_FAMILY,
            "font.size": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 12,
        }
    )
    return plt


def to_svg(fig: Any) -> bytes:
    """Serialise a figure as SVG without date or random ids."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    pyplot().close(fig)
    return buffer.getvalue().encode("utf-8")


def draw_budget_share(data: dict[str, Any]) -> bytes:
    """Bars: the theme's share of the total spending for each term (``data``: labels, shares, colour)."""
    plt = pyplot()
    labels: list[str] = data["labels"]
    shares: list[float] = data["shares"]
    colour: str = data["colour"]
    fig, ax = plt.subplots(figsize=(6.0, 3.0))
    positions = list(range(len(labels)))
    bars = ax.bar(positions, [s * 100 for s in shares], color=colour, width=0.6)
    for bar, share in zip(bars, shares, strict=True):
        text = f"{share * 100:.1f}".replace(".", ",") + "\u00a0%"
        ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                    xytext=(0, 3), textcoords="offset points", fontsize=11)
    ax.set_xticks(positions, labels)
    ax.set_ylabel("Part du budget total (%)")
    ax.set_ylim(0, max(max(shares) * 100 * 1.25, 1))
    ax.set_title(data.get("title", ""), loc="left")
    return to_svg(fig)


def draw_horizontal_bars(data: dict[str, Any]) -> bytes:
    """Horizontal bars, one per label (``data``: labels, values, colours, xlabel)."""
    plt = pyplot()
    labels: list[str] = data["labels"]
    values: list[float] = data["values"]
    colours: list[str] = data["colours"]
    fig, ax = plt.subplots(figsize=(7.5, 0.38 * len(labels) + 0.9))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=colours)
    ax.set_yticks(positions, labels)
    ax.set_xlabel(data.get("xlabel", ""))
    for pos, value in zip(positions, values, strict=True):
        text = f"{value:.1f}".replace(".", ",") + data.get("suffix", "")
        ax.annotate(text, (value, pos), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_xlim(0, max([*values, 1]) * 1.18)
    return to_svg(fig)
