"""How wide a chart may be shown so that its smallest text stays legible (at least 12 CSS px).

A chart is an SVG image whose text shrinks with it: drawn 816 px wide with 9 pt labels, shown 340 px wide on a
phone, its labels are 5 px. Every chart of the site therefore sits in a scroll region (``ecl-chart-scroll``)
and gets, once drawn, a ``min-width``: the width at which its smallest text is 12 px. Wider screens show it
larger, up to its natural size; a narrower screen scrolls it sideways (keyboard, visible shadow) instead of
making it unreadable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace

from eclaireur.charts import Chart
from eclaireur.pages.base import Page

LEGIBLE_PX = 12.0
_VIEWBOX = re.compile(rb'viewBox="[\d.\-]+ [\d.\-]+ ([\d.]+) [\d.]+"')
_WIDTH = re.compile(rb'<svg[^>]*\swidth="([\d.]+)(pt|px)?"')
_FONT = re.compile(rb"font-size:\s*([\d.]+)px")
_MARK = re.compile(r'data-chart="([^"]+)"')


def widths(svg: bytes) -> tuple[int, int] | None:
    """``(narrowest legible width, natural width)`` in CSS px of a matplotlib SVG, ``None`` without text."""
    sizes = [float(size) for size in _FONT.findall(svg)]
    box, width = _VIEWBOX.search(svg), _WIDTH.search(svg)
    if not sizes or box is None or width is None:
        return None
    natural = float(width.group(1)) * (4 / 3 if width.group(2) in (None, b"pt") else 1.0)
    scale = natural / float(box.group(1))  # CSS px per SVG unit at natural size
    smallest = min(sizes) * scale
    return min(math.ceil(natural * LEGIBLE_PX / smallest), math.ceil(natural)), math.ceil(natural)


def size_charts(pages: dict[str, Page], charts: Mapping[str, Chart]) -> None:
    """Give every ``data-chart`` image of ``pages`` its legible and natural widths (in place)."""
    known: dict[str, str] = {}
    for path, chart in charts.items():
        found = widths(chart.svg)
        if found is not None:
            known[path] = f'data-chart="{path}" style="width: 100%; min-width: {found[0]}px; max-width: {found[1]}px"'
    for path, page in pages.items():
        if "data-chart=" in page.html:
            html = _MARK.sub(lambda m: known.get(m.group(1), m.group(0)), page.html)
            pages[path] = replace(page, html=html)
