"""Draw the pictograms of the désirs (data/media/desirs/<id>.svg) with matplotlib, deterministically.

Run from the repository root: ``.venv/bin/python tools/draw_desirs.py``. The drawings are simple shapes
made for the demo and placed under the Licence Ouverte 2.0 like the rest of the package.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from matplotlib import patches

from eclaireur.charts import pyplot

ROOT = Path(__file__).resolve().parent.parent
INK = "#1d2b36"
PAPER = "#fdfaf3"

Axes = Any
Drawer = Callable[[Axes], None]


def circle(ax: Axes, x: float, y: float, r: float, colour: str, **kw: Any) -> None:
    ax.add_patch(patches.Circle((x, y), r, color=colour, **kw))


def rect(ax: Axes, x: float, y: float, w: float, h: float, colour: str, **kw: Any) -> None:
    ax.add_patch(patches.Rectangle((x, y), w, h, color=colour, **kw))


def poly(ax: Axes, points: list[tuple[float, float]], colour: str, **kw: Any) -> None:
    ax.add_patch(patches.Polygon(points, closed=True, color=colour, **kw))


def line(ax: Axes, xs: list[float], ys: list[float], colour: str = INK, width: float = 6, **kw: Any) -> None:
    ax.plot(xs, ys, color=colour, linewidth=width, solid_capstyle="round", **kw)


def night(ax: Axes) -> None:
    rect(ax, 0, 0, 4, 3, "#22306b")
    circle(ax, 3.1, 2.3, 0.42, "#f6e7a1")
    circle(ax, 3.28, 2.42, 0.36, "#22306b")
    for x, y in [(0.5, 2.6), (1.2, 2.2), (2.0, 2.7), (2.5, 2.1), (0.9, 1.8)]:
        circle(ax, x, y, 0.05, "#ffffff")
    rect(ax, 0.4, 0, 1.3, 1.5, "#10183d")
    rect(ax, 1.9, 0, 1.6, 1.1, "#10183d")
    for x, y in [(0.6, 1.1), (1.2, 1.1), (0.6, 0.6), (2.1, 0.7), (2.7, 0.7), (3.1, 0.3)]:
        rect(ax, x, y, 0.25, 0.25, "#f6c945")


def vegetables(ax: Axes) -> None:
    circle(ax, 3.2, 2.4, 0.4, "#f2b632")
    poly(ax, [(0.8, 1.4), (3.2, 1.4), (2.8, 0.4), (1.2, 0.4)], "#9c6b30")
    circle(ax, 1.4, 1.6, 0.35, "#d9472b")
    circle(ax, 2.0, 1.7, 0.38, "#6aa84f")
    poly(ax, [(2.4, 1.5), (2.9, 1.5), (2.65, 2.4)], "#e8892b")
    line(ax, [2.65, 2.65], [2.4, 2.65], "#3f7d20", 4)


def bathing(ax: Axes) -> None:
    circle(ax, 3.2, 2.5, 0.35, "#f2b632")
    for level, colour in [(1.5, "#4f9fd6"), (1.0, "#2f7bb8"), (0.5, "#1b5a8e")]:
        xs = [i / 20 * 4 for i in range(21)]
        ax.fill_between(xs, 0, [level + 0.12 * math.sin(x * 4) for x in xs], color=colour)
    circle(ax, 1.6, 1.75, 0.2, "#e0a47a")
    line(ax, [1.2, 1.45], [1.95, 1.7], "#e0a47a", 7)


def home_heart(ax: Axes) -> None:
    poly(ax, [(0.8, 1.5), (2.0, 2.6), (3.2, 1.5)], "#b5462f")
    rect(ax, 1.0, 0.3, 2.0, 1.2, "#f0d9b5")
    heart = [(2.0, 0.55)] + [
        (2.0 + 0.026 * 16 * math.sin(t) ** 3, 1.0 + 0.026 * (13 * math.cos(t) - 5 * math.cos(2 * t)
                                                              - 2 * math.cos(3 * t) - math.cos(4 * t)))
        for t in [i / 40 * 2 * math.pi for i in range(41)]
    ]
    poly(ax, heart, "#d6336c")


def doctor(ax: Axes) -> None:
    rect(ax, 0.7, 1.05, 1.5, 0.5, "#d6336c")
    rect(ax, 1.2, 0.55, 0.5, 1.5, "#d6336c")
    circle(ax, 2.9, 1.3, 0.75, "#ffffff", ec=INK, lw=4)
    line(ax, [2.9, 2.9], [1.3, 1.8], INK, 5)
    line(ax, [2.9, 3.25], [1.3, 1.3], INK, 5)


def bicycle(ax: Axes) -> None:
    rect(ax, 0, 0, 4, 0.45, "#6c7a89")
    line(ax, [0.2, 3.8], [0.22, 0.22], "#ffffff", 3, linestyle=(0, (4, 4)))
    for x in (1.1, 2.9):
        circle(ax, x, 1.1, 0.55, "none", ec=INK, lw=5, fill=False)
    line(ax, [1.1, 1.8, 2.9, 2.5, 1.8], [1.1, 1.1, 1.1, 1.85, 1.1], "#2b8a3e", 6)
    line(ax, [1.6, 2.0], [1.9, 1.9], INK, 6)
    line(ax, [1.8, 1.6], [1.1, 1.9], "#2b8a3e", 6)
    line(ax, [2.5, 2.7], [1.85, 2.05], INK, 6)


def bus(ax: Axes) -> None:
    rect(ax, 0.5, 0.6, 2.6, 1.5, "#1971c2")
    for x in (0.7, 1.35, 2.0):
        rect(ax, x, 1.4, 0.5, 0.5, "#d0ebff")
    rect(ax, 2.6, 0.75, 0.35, 1.15, "#d0ebff")
    for x in (1.0, 2.5):
        circle(ax, x, 0.6, 0.22, INK)
    line(ax, [3.5, 3.5], [0.3, 2.4], INK, 5)
    circle(ax, 3.5, 2.5, 0.25, "#f08c00")


def housing(ax: Axes) -> None:
    for x, h, colour in [(0.4, 2.0, "#a5673f"), (1.4, 2.5, "#c98b5a"), (2.4, 1.6, "#8c5a3c")]:
        rect(ax, x, 0.3, 0.9, h, colour)
        for row in range(int(h / 0.5)):
            for col in range(2):
                rect(ax, x + 0.15 + col * 0.4, 0.5 + row * 0.5, 0.2, 0.25, "#fff3bf")
    circle(ax, 3.45, 2.3, 0.22, "none", ec="#f08c00", lw=5, fill=False)
    line(ax, [3.45, 3.45], [2.08, 1.3], "#f08c00", 5)
    line(ax, [3.45, 3.6], [1.45, 1.45], "#f08c00", 5)


def shade(ax: Axes) -> None:
    circle(ax, 0.8, 2.4, 0.45, "#f08c00")
    for k in range(8):
        a = k * math.pi / 4
        line(ax, [0.8 + 0.6 * math.cos(a), 0.8 + 0.8 * math.cos(a)], [2.4 + 0.6 * math.sin(a), 2.4 + 0.8 * math.sin(a)],
             "#f08c00", 4)
    rect(ax, 2.45, 0.3, 0.3, 1.1, "#8c5a3c")
    circle(ax, 2.6, 1.8, 0.8, "#2f9e44")
    ax.add_patch(patches.Ellipse((2.6, 0.3), 2.0, 0.3, color="#b2d8b5"))


def nearby_work(ax: Axes) -> None:
    poly(ax, [(0.3, 1.3), (1.1, 2.1), (1.9, 1.3)], "#b5462f")
    rect(ax, 0.5, 0.4, 1.2, 0.9, "#f0d9b5")
    rect(ax, 2.3, 0.4, 1.4, 1.7, "#495057")
    for y in (0.6, 1.1, 1.6):
        rect(ax, 2.5, y, 1.0, 0.3, "#dee2e6")
    line(ax, [1.75, 2.25], [0.25, 0.25], "#f08c00", 5, linestyle=(0, (2, 2)))


def studies(ax: Axes) -> None:
    poly(ax, [(0.6, 0.5), (2.0, 0.8), (2.0, 1.9), (0.6, 1.6)], "#ffffff", ec=INK, lw=3)
    poly(ax, [(3.4, 0.5), (2.0, 0.8), (2.0, 1.9), (3.4, 1.6)], "#ffffff", ec=INK, lw=3)
    poly(ax, [(1.2, 2.35), (2.0, 2.7), (2.8, 2.35), (2.0, 2.0)], INK)
    line(ax, [2.7, 2.7], [2.35, 1.95], "#f08c00", 3)


def repair(ax: Axes) -> None:
    ax.add_patch(patches.FancyBboxPatch((0.8, 1.2), 2.3, 0.45, boxstyle="round,pad=0.05", color="#868e96",
                                        transform=ax.transData))
    circle(ax, 3.1, 1.42, 0.5, "#868e96")
    circle(ax, 3.3, 1.42, 0.28, PAPER)
    rect(ax, 3.3, 1.28, 0.5, 0.28, PAPER)
    circle(ax, 0.8, 1.42, 0.3, "#868e96")


def solar(ax: Axes) -> None:
    circle(ax, 3.3, 2.5, 0.35, "#f2b632")
    poly(ax, [(0.5, 0.9), (2.5, 0.9), (3.0, 1.9), (1.0, 1.9)], "#1c4f8a")
    for k in range(1, 4):
        line(ax, [0.5 + k * 0.5, 1.0 + k * 0.5], [0.9, 1.9], "#a5c8ef", 2)
    line(ax, [0.75, 2.75], [1.4, 1.4], "#a5c8ef", 2)
    line(ax, [1.5, 1.5], [0.3, 0.9], INK, 5)
    poly(ax, [(3.2, 1.3), (2.9, 0.7), (3.15, 0.7), (3.0, 0.2), (3.5, 0.9), (3.2, 0.9)], "#f08c00")


def dialogue(ax: Axes) -> None:
    ax.add_patch(patches.FancyBboxPatch((0.4, 1.3), 1.8, 1.1, boxstyle="round,pad=0.1", color="#5f3dc4"))
    poly(ax, [(0.8, 1.3), (1.2, 1.3), (0.7, 0.9)], "#5f3dc4")
    ax.add_patch(patches.FancyBboxPatch((1.8, 0.5), 1.8, 1.0, boxstyle="round,pad=0.1", color="#e8590c"))
    poly(ax, [(3.0, 0.5), (3.3, 0.5), (3.4, 0.15)], "#e8590c")
    for x in (1.8, 2.35, 2.9):
        circle(ax, x, 1.0, 0.09, "#ffffff")


def music(ax: Axes) -> None:
    ax.add_patch(patches.Ellipse((1.4, 0.8), 0.7, 0.5, angle=20, color="#862e9c"))
    ax.add_patch(patches.Ellipse((2.8, 1.1), 0.7, 0.5, angle=20, color="#862e9c"))
    line(ax, [1.72, 1.72], [0.85, 2.5], "#862e9c", 7)
    line(ax, [3.12, 3.12], [1.15, 2.8], "#862e9c", 7)
    poly(ax, [(1.68, 2.35), (3.16, 2.65), (3.16, 2.9), (1.68, 2.6)], "#862e9c")


def bird(ax: Axes) -> None:
    line(ax, [0.2, 3.6], [0.9, 1.3], "#8c5a3c", 8)
    for x, y in [(0.8, 1.0), (2.8, 1.25), (3.3, 1.4)]:
        ax.add_patch(patches.Ellipse((x, y + 0.15), 0.5, 0.25, angle=30, color="#2f9e44"))
    ax.add_patch(patches.Ellipse((1.9, 1.55), 0.9, 0.6, color="#e8590c"))
    circle(ax, 2.35, 1.85, 0.25, "#e8590c")
    circle(ax, 2.42, 1.92, 0.05, INK)
    poly(ax, [(2.58, 1.88), (2.8, 1.82), (2.58, 1.76)], "#f2b632")
    poly(ax, [(1.5, 1.55), (1.0, 1.8), (1.1, 1.4)], "#e8590c")


def counter(ax: Axes) -> None:
    rect(ax, 0.3, 0.3, 3.4, 0.7, "#8c5a3c")
    for x, colour in [(1.1, "#1971c2"), (2.9, "#e8590c")]:
        circle(ax, x, 1.9, 0.33, colour)
        ax.add_patch(patches.Wedge((x, 1.0), 0.6, 0, 180, color=colour))
    line(ax, [1.8, 2.2], [1.6, 1.6], INK, 4)


def child(ax: Axes) -> None:
    rect(ax, 0, 0, 4, 0.35, "#adb5bd")
    for x in (0.4, 1.2, 2.0, 2.8, 3.6):
        rect(ax, x - 0.15, 0.36, 0.3, 0.08, "#ffffff")
    circle(ax, 1.9, 2.3, 0.3, "#e0a47a")
    rect(ax, 1.65, 1.15, 0.5, 0.9, "#f03e3e")
    rect(ax, 2.15, 1.25, 0.45, 0.65, "#1971c2")
    line(ax, [1.75, 1.6], [1.15, 0.5], INK, 6)
    line(ax, [2.05, 2.25], [1.15, 0.5], INK, 6)


def sport(ax: Axes) -> None:
    circle(ax, 1.4, 2.4, 0.25, "#e0a47a")
    line(ax, [1.4, 1.2], [2.15, 1.3], "#0b7285", 8)
    line(ax, [1.2, 0.7, 0.5], [1.3, 0.9, 0.4], "#0b7285", 7)
    line(ax, [1.2, 1.6, 1.9], [1.3, 0.8, 0.3], "#0b7285", 7)
    line(ax, [1.35, 0.8], [1.9, 1.6], "#0b7285", 6)
    line(ax, [1.35, 1.9], [1.9, 2.1], "#0b7285", 6)
    circle(ax, 3.0, 0.65, 0.45, "#ffffff", ec=INK, lw=4)
    poly(ax, [(2.9, 0.75), (3.1, 0.75), (3.15, 0.58), (3.0, 0.47), (2.85, 0.58)], INK)


def water(ax: Axes) -> None:
    steps = [i / 60 * 2 * math.pi for i in range(61)]
    drop = [(2.0 + 0.95 * math.sin(t) * math.sin(t / 2), 1.55 + 1.15 * math.cos(t)) for t in steps]
    poly(ax, drop, "#1c7ed6")
    circle(ax, 1.65, 1.0, 0.15, "#d0ebff")
    line(ax, [0.4, 1.0], [0.3, 0.3], "#74c0fc", 5)
    line(ax, [3.0, 3.6], [0.3, 0.3], "#74c0fc", 5)


DRAWERS: dict[str, Drawer] = {
    "vivre-la-nuit": night,
    "manger-bio-local": vegetables,
    "baignade-loirance": bathing,
    "vieillir-chez-soi": home_heart,
    "medecin-proche": doctor,
    "velo-tous-ages": bicycle,
    "sans-voiture": bus,
    "logement-abordable": housing,
    "fraicheur-ete": shade,
    "travailler-pres": nearby_work,
    "etudier-ici": studies,
    "reparer-reutiliser": repair,
    "energie-quartier": solar,
    "decider-quartier": dialogue,
    "culture-a-deux-pas": music,
    "nature-en-ville": bird,
    "guichet-humain": counter,
    "enfants-autonomes": child,
    "sport-dehors": sport,
    "eau-du-robinet": water,
}


def draw(drawer: Drawer) -> bytes:
    plt = pyplot()
    fig = plt.figure(figsize=(4, 3))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 3)
    ax.set_aspect("equal")
    ax.axis("off")
    rect(ax, 0, 0, 4, 3, PAPER)
    drawer(ax)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    with (ROOT / "data" / "desirs.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        target = ROOT / "data" / row["image"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(draw(DRAWERS[row["id"]]))
    print(f"{len(rows)} pictogrammes écrits dans data/media/desirs/")


if __name__ == "__main__":
    main()
