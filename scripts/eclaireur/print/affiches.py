"""Theme posters of the atlas de mandature (A2 portrait by default, A3 on request), one page each."""

from __future__ import annotations

from typing import Any

from eclaireur.load import Row
from eclaireur.print import donnees
from eclaireur.print.ajustement import Fitted, Path_, ajuster
from eclaireur.print.graphique import chart_text, draw_part_budget
from eclaireur.print.session import PrintSession

TEMPLATE = "affiche.typ.j2"
DENSITES = (1.0, 0.94, 0.88, 0.83)


def poster_data(session: PrintSession, theme: Row, pagination: str = "") -> dict[str, Any]:
    """The poster dictionary of ``theme``, with its chart staged for typst."""
    data = donnees.affiche(session.config, session.dataset, theme)
    budget = donnees.budget_shares(session.dataset, theme["id"])
    data["graphique"] = None
    if budget["mandats"]:
        chart_data = {"mandats": budget["mandats"], "couleur": data["couleur"]}
        data["graphique"] = session.chart("affiche-budget", chart_data, draw_part_budget)
    data["graphique_alt"] = chart_text(budget, data["titre"])
    courant = next((m for m in budget["mandats"] if m["en_cours"]), None)
    legende = (
        "Dépenses réelles de fonctionnement et d'investissement rattachées au thème (comptes administratifs), "
        "rapportées au total des dépenses de la ville sur chaque mandature."
    )
    if courant:
        legende += f" Mandature en cours : exercices {courant['exercices']}."
    data["graphique_legende"] = legende
    data["autorite"] = session.autorite
    data["nb_themes"] = len(session.dataset.rows("themes"))
    data["pagination"] = pagination
    data["suite"] = ""
    return data


def cuttable_paths(data: dict[str, Any]) -> list[Path_]:
    paths: list[Path_] = []
    for key in ("tribunes", "personnel"):
        paths += [(key, i, "texte") for i in range(len(data[key]))]
    for key in ("fiertes", "defis"):
        paths += [(key, i, "justification") for i in range(len(data[key]))]
    for o, opposition in enumerate(data["oppositions"]):
        for key in ("fiertes", "defis"):
            paths += [("oppositions", o, key, i, "justification") for i in range(len(opposition[key]))]
    return paths


def poster_pdf(session: PrintSession, theme: Row) -> Fitted:
    """One poster fitted on one page (PDF bytes, data as printed, type density)."""
    data = poster_data(session, theme)
    record = f"l'affiche du thème « {theme['id']} »"
    titre = f"Atlas de la mandature — {data['titre']}"

    source = session.fitting_source(TEMPLATE, record, "affiche", titre, format=session.options.format,
                                    fond_perdu=session.options.fond_perdu)
    return ajuster(
        session.compiler,
        TEMPLATE,
        record,
        data,
        source,
        cuttable_paths(data),
        fixed={"titre": data["titre"], "resume": data["resume"]},
        suite=f"[…] Textes abrégés pour l'affiche : version intégrale en ligne, {data['url']}",
        densites=DENSITES,
        labels={"tribunes.texte": "tribunes.texte", "personnel.texte": "tribunes.texte"},
    )
