"""Atlas de mandature: an index of the themes and one page per theme (the web poster)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from eclaireur.adresses import theme_path
from eclaireur.charts import draw_budget_share, draw_horizontal_bars
from eclaireur.load import Dataset, Row
from eclaireur.pages.base import BuildContext, Output, Page


@dataclass
class TermBudget:
    """Spending of one theme over one term, and its share of the total."""

    mandat: Row
    amount: float
    total: float

    @property
    def share(self) -> float:
        return self.amount / self.total if self.total else 0.0


@dataclass
class Selection:
    """What a commission or a political group selected for a theme."""

    author: str
    groupe: Row | None
    fiertes: list[Row] = field(default_factory=list)
    defis: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class ThemeSummary:
    """A theme as the atlas index shows it."""

    theme: Row
    budget: TermBudget | None
    projets: int


def budget_by_term(data: Dataset) -> dict[str, list[TermBudget]]:
    """Theme id -> spending per term (oldest first), with the term's total over all themes."""
    mandats = sorted(data.rows("mandats"), key=lambda m: m["debut"])
    per_theme: dict[tuple[str, str], float] = defaultdict(float)
    per_term: dict[str, float] = defaultdict(float)
    for line in data.rows("budget"):
        amount = float(line["montant_realise"] or 0)
        per_theme[(line["theme"], line["mandat"])] += amount
        per_term[line["mandat"]] += amount
    return {
        theme["id"]: [TermBudget(m, per_theme[(theme["id"], m["id"])], per_term[m["id"]]) for m in mandats]
        for theme in data.rows("themes")
    }


def selections_of(data: Dataset, theme_id: str) -> list[Selection]:
    """The commission's selection first, then each group's alternative selection."""
    projets = data.index("projets")
    groupes = data.index("groupes")
    by_author: dict[tuple[str, str], Selection] = {}
    rows = sorted(
        (r for r in data.rows("selections") if r["theme"] == theme_id),
        key=lambda r: (r["auteur_type"] != "commission", r.get("groupe") or "", r["type"], r["rang"]),
    )
    for row in rows:
        key = (row["auteur_type"], row.get("groupe") or "")
        if key not in by_author:
            groupe = groupes.get(row.get("groupe"))
            author = "La commission" if row["auteur_type"] == "commission" else (groupe or {}).get("nom", "")
            by_author[key] = Selection(author=author, groupe=groupe)
        item = dict(row, projet_row=projets.get(row.get("projet")))
        (by_author[key].fiertes if row["type"] == "fierté" else by_author[key].defis).append(item)
    return list(by_author.values())


def members_of(data: Dataset, commission_id: str) -> list[dict[str, Any]]:
    elus = data.index("elus")
    groupes = data.index("groupes")
    order = {"président": 0, "vice-président": 1, "membre": 2}
    members = []
    for row in data.rows("membres_commission"):
        if row["commission"] != commission_id:
            continue
        elu = elus[row["elu"]]
        members.append({"elu": elu, "role": row["role"], "groupe": groupes.get(elu["groupe"], {})})
    return sorted(members, key=lambda m: (order.get(m["role"], 9), m["elu"]["nom"], m["elu"]["prenom"]))


def generate(ctx: BuildContext) -> Iterator[Output]:
    data = ctx.dataset
    themes = sorted(data.rows("themes"), key=lambda t: t["ordre"])
    if not themes:
        return
    collectivite = (data.rows("collectivite") or [{}])[0]
    budgets = budget_by_term(data)
    commissions = data.index("commissions")
    projets_by_theme: dict[str, list[Row]] = defaultdict(list)
    for projet in data.rows("projets"):
        projets_by_theme[projet["theme"]].append(projet)
    current = next((m for m in data.rows("mandats") if m.get("en_cours")), None)

    overview: list[ThemeSummary] = []
    for theme in themes:
        terms = budgets[theme["id"]]
        now = next((t for t in terms if current and t.mandat["id"] == current["id"]), terms[-1] if terms else None)
        overview.append(ThemeSummary(theme, now, len(projets_by_theme[theme["id"]])))
    index_chart = ctx.chart(
        "atlas-parts",
        {
            "labels": [t.theme["titre"] for t in overview],
            "values": [round((t.budget.share if t.budget else 0) * 100, 2) for t in overview],
            "colours": [t.theme["couleur"] for t in overview],
            "xlabel": "Part du budget total du mandat en cours (%)",
            "suffix": "\u00a0%",
        },
        draw_horizontal_bars,
    )
    yield Page(
        "atlas/index.md",
        "Atlas de mandature",
        ctx.render("atlas-index.html.j2", page="atlas/index.md", themes=overview, chart=index_chart,
                   collectivite=collectivite, current=current),
    )

    for theme in themes:
        terms = budgets[theme["id"]]
        chart = ctx.chart(
            "budget-part",
            {
                "labels": [str(t.mandat["id"]) for t in terms],
                "shares": [round(t.share, 6) for t in terms],
                "colour": theme["couleur"],
                "title": "",
            },
            draw_budget_share,
        )
        competences = sorted(
            (c for c in data.rows("competences") if c["theme"] == theme["id"]), key=lambda c: c["ordre"]
        )
        tribunes = [t for t in data.rows("tribunes") if t["theme"] == theme["id"]]
        commission = commissions.get(theme["commission"], {})
        path = theme_path(theme["id"])
        yield Page(
            path,
            theme["titre"],
            ctx.render(
                "atlas-theme.html.j2",
                page=path,
                theme=theme,
                terms=terms,
                chart=chart,
                commission=commission,
                membres=members_of(data, theme["commission"]),
                competences=[c for c in competences if c["type"] == "competence"],
                obligations=[c for c in competences if c["type"] == "obligation"],
                selections=selections_of(data, theme["id"]),
                politiques=[t for t in tribunes if t["espace"] == "commentaires politiques"],
                personnel=[t for t in tribunes if t["espace"] == "représentants du personnel"],
                projets=sorted(projets_by_theme[theme["id"]], key=lambda p: p["nom"]),
                collectivite=collectivite,
                themes=themes,
            ),
            description=theme["resume"],
        )
