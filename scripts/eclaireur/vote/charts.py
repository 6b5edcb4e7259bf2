"""Charts of the election results (matplotlib SVG through :mod:`eclaireur.charts`, cached by content)."""

from __future__ import annotations

from typing import Any

from eclaireur.charts import pyplot, to_svg


def draw_duel_heatmap(data: dict[str, Any]) -> bytes:
    """Heat map of the duels: cell (row, column) = % of the ballots comparing the two that prefer the row.

    ``data``: ``labels`` (row numbers shown on both axes, in ranking order) and ``shares`` (a square list of
    percentages, ``None`` on the diagonal).
    """
    plt = pyplot()
    labels: list[str] = data["labels"]
    shares: list[list[float | None]] = data["shares"]
    size = len(labels)
    grid = [[50.0 if v is None else float(v) for v in row] for row in shares]
    fig, ax = plt.subplots(figsize=(0.5 * size + 2.6, 0.5 * size + 1.4))
    image = ax.imshow(grid, cmap="RdBu", vmin=20, vmax=80)
    ax.set_xticks(range(size), labels, fontsize=9)
    ax.set_yticks(range(size), labels, fontsize=9)
    ax.xaxis.tick_top()
    ax.set_xlabel("Adversaire (numéro dans le classement officiel)", fontsize=9)
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("Désir (numéro dans le classement officiel)", fontsize=9)
    ax.spines[:].set_visible(False)
    for i, row in enumerate(shares):
        for j, value in enumerate(row):
            if value is None:
                ax.text(j, i, "—", ha="center", va="center", fontsize=9, color="#555555")
                continue
            colour = "#ffffff" if abs(value - 50) > 17 else "#1b1b1f"
            ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=9, color=colour)
    bar = fig.colorbar(image, ax=ax, shrink=0.7)
    bar.set_label("% des bulletins qui préfèrent le désir de la ligne", fontsize=9)
    bar.ax.tick_params(labelsize=9)
    return to_svg(fig)


def draw_bars(data: dict[str, Any]) -> bytes:
    """Horizontal bars with readable labels (``data``: labels, values, colours, xlabel, decimals).

    Long labels are wrapped on two lines; values are written at the end of each bar the French way.
    """
    import textwrap

    from eclaireur.fr import nombre

    plt = pyplot()
    labels = [textwrap.fill(label, 26, max_lines=3, placeholder="…") for label in data["labels"]]
    values: list[float] = data["values"]
    colours: list[str] = data["colours"]
    decimals = int(data.get("decimals", 0))
    lines = sum(label.count("\n") + 1 for label in labels)
    # Narrow (4.6 in) so that the 9 pt text stays legible on a phone with little or no scrolling.
    fig, ax = plt.subplots(figsize=(4.6, 0.17 * lines + 0.18 * len(labels) + 0.8))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=colours, height=0.7)
    ax.set_yticks(positions, labels, fontsize=9)
    ax.set_xlabel(data.get("xlabel", ""), fontsize=9)
    ax.tick_params(axis="x", labelsize=9)
    for pos, value in zip(positions, values, strict=True):
        ax.annotate(nombre(value, decimals), (value, pos), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=9)
    ax.set_xlim(0, max([*values, 1]) * 1.12)
    ax.margins(y=0.01)
    return to_svg(fig)
