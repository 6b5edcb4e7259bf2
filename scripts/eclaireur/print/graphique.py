"""Charts for print: the poster's budget-share chart, as vector SVG set in the shipped Inter font.

The SVG keeps its text as text (``svg.fonttype: none``); typst sets it with the font it embeds, so the
chart's labels are real, searchable text in the PDF. matplotlib measures with the same Inter files,
registered from ``theme/fonts/inter``, so the layout does not depend on the fonts of the machine.

Each chart has its text alternative here, written from the same ``data`` as the drawing (the PDFs are
PDF/UA-1: screen readers read it in place of the image).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eclaireur import fr
from eclaireur.charts import pyplot, to_svg

CHART_FONT = "Inter"
_registered: set[Path] = set()


def register_fonts(font_dir: Path) -> None:
    """Make the shipped Inter files known to matplotlib (once per process)."""
    from matplotlib import font_manager

    for path in sorted((font_dir / "inter").glob("*.otf")):
        if path not in _registered:
            font_manager.fontManager.addfont(str(path))
            _registered.add(path)


def _tint(colour: str, amount: float) -> str:
    """Mix ``colour`` with white (``amount`` = share of white)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def draw_part_budget(data: dict[str, Any], font_dir: Path) -> bytes:
    """Horizontal bars: the theme's share of each term's spending (``data``: mandats, couleur)."""
    register_fonts(font_dir)
    plt = pyplot()
    plt.rcParams.update({"font.family": [CHART_FONT], "font.size": 15})
    mandats: list[dict[str, Any]] = data["mandats"]
    colour: str = data["couleur"]
    fig, ax = plt.subplots(figsize=(7.2, 0.78 * len(mandats) + 0.5))
    positions = list(range(len(mandats)))[::-1]
    shares = [m["part"] * 100 for m in mandats]
    colours = [colour if m["en_cours"] else _tint(colour, 0.55) for m in mandats]
    ax.barh(positions, shares, color=colours, height=0.62)
    labels = [m["mandat"] + (" (en cours)" if m["en_cours"] else "") for m in mandats]
    ax.set_yticks(positions, labels, fontsize=15)
    top = max([*shares, 1.0])
    for pos, mandat, share in zip(positions, mandats, shares, strict=True):
        text = f"{fr.pourcent(mandat['part'])}  ·  {fr.millions(mandat['montant'])}"
        ax.annotate(text, (share, pos), xytext=(8, 0), textcoords="offset points", va="center", fontsize=15,
                    fontweight="bold" if mandat["en_cours"] else "normal", color="#1A1A1A")
    ax.set_xlim(0, top * 1.75)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_color("#555555")
    ax.tick_params(axis="y", length=0, pad=8, colors="#1A1A1A")
    return to_svg(fig)


def chart_text(budget: dict[str, Any], titre: str) -> str:
    """The text alternative of the budget-share chart (:func:`draw_part_budget` of ``budget["mandats"]``)."""
    parts = [
        f"{m['mandat']}{' (en cours)' if m['en_cours'] else ''} : {fr.pourcent(m['part'])}, {fr.millions(m['montant'])}"
        for m in budget["mandats"]
    ]
    return f"Part du thème « {titre} » dans les dépenses de la ville par mandature — " + " ; ".join(parts) + "."


def draw_depenses_themes(data: dict[str, Any], font_dir: Path) -> bytes:
    """Horizontal bars: spending of each theme over the current term (``data``: themes with montant)."""
    register_fonts(font_dir)
    plt = pyplot()
    plt.rcParams.update({"font.family": [CHART_FONT], "font.size": 10})
    themes: list[dict[str, Any]] = data["themes"]
    fig, ax = plt.subplots(figsize=(5.6, 0.34 * len(themes) + 0.4))
    positions = list(range(len(themes)))[::-1]
    values = [t["montant"] / 1_000_000 for t in themes]
    ax.barh(positions, values, color=[t["couleur"] for t in themes], height=0.7)
    ax.set_yticks(positions, [t["titre"] for t in themes], fontsize=9.5)
    for pos, theme, value in zip(positions, themes, values, strict=True):
        ax.annotate(fr.millions(theme["montant"]), (value, pos), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=9)
    ax.set_xlim(0, max([*values, 1.0]) * 1.22)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", length=0, pad=5)
    return to_svg(fig)


def depenses_themes_text(data: dict[str, Any]) -> str:
    """The text alternative of :func:`draw_depenses_themes` (same ``data``), bar by bar."""
    bars = [f"{t['titre']} : {fr.millions(t['montant'])}" for t in data["themes"]]
    return "Diagramme en barres horizontales des dépenses de chaque thème — " + " ; ".join(bars) + "."


def draw_statuts(data: dict[str, Any], font_dir: Path) -> bytes:
    """One stacked bar of the projects by status (``data``: statuts with nombre)."""
    register_fonts(font_dir)
    plt = pyplot()
    plt.rcParams.update({"font.family": [CHART_FONT], "font.size": 10})
    palette = {"terminé": "#2D6A2E", "en cours": "#1F4E8C", "à l'étude": "#8A6D00", "suspendu": "#8A4B00",
               "abandonné": "#7A1F1F"}
    statuts: list[dict[str, Any]] = data["statuts"]
    total = sum(s["nombre"] for s in statuts) or 1
    fig, ax = plt.subplots(figsize=(3.2, 1.1))
    left = 0.0
    for s in statuts:
        width = s["nombre"] / total
        ax.barh([0], [width], left=left, color=palette.get(s["statut"], "#555555"), height=0.55)
        ax.annotate(f"{s['nombre']}\n{s['statut']}", (left + width / 2, 0), ha="center", va="center",
                    fontsize=7.5, color="white", fontweight="bold")
        left += width
    ax.set_xlim(0, 1)
    ax.axis("off")
    return to_svg(fig)


def statuts_text(data: dict[str, Any]) -> str:
    """The text alternative of :func:`draw_statuts` (same ``data``), segment by segment."""
    statuts: list[dict[str, Any]] = data["statuts"]
    total = sum(s["nombre"] for s in statuts)
    parts = [f"{s['statut']} : {fr.nombre(s['nombre'])}" for s in statuts]
    return f"Barre des {fr.nombre(total)} projets partagée selon leur état d'avancement — " + " ; ".join(parts) + "."
