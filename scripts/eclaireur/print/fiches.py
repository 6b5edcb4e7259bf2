"""Project sheets (aperçus politiques): one A4 page each, long texts cut with a mark and the web address."""

from __future__ import annotations

from typing import Any

from eclaireur.load import Row
from eclaireur.print import donnees
from eclaireur.print.ajustement import Path_, ajuster
from eclaireur.print.session import PrintSession

TEMPLATE = "fiche.typ.j2"
DENSITES = (1.0, 0.94, 0.88, 0.83)
TEXT_FIELDS = ("probleme", "public_cible", "resultats_attendus", "resultats_obtenus")


def sheet_data(session: PrintSession, projet: Row) -> dict[str, Any]:
    data = donnees.fiche(session.config, session.dataset, projet, session.par_projet)
    data["autorite"] = session.autorite
    data["suite"] = ""
    return data


def cuttable_paths(data: dict[str, Any]) -> list[Path_]:
    paths: list[Path_] = [(name,) for name in TEXT_FIELDS]
    for key in ("commentaires_elus", "remarques_agents"):
        paths += [(key, i, "texte") for i in range(len(data[key]))]
    return paths


def sheet_pdf(session: PrintSession, projet: Row) -> bytes:
    """One project sheet as PDF bytes, on exactly one page."""
    data = sheet_data(session, projet)
    record = f"la fiche du projet « {projet['id']} » (projets.csv)"

    source = session.fitting_source(TEMPLATE, record, "fiche", f"Aperçu politique — {data['nom']}")
    fixed = {
        "nom": data["nom"],
        "jalons": " ".join(j["libelle"] for j in data["jalons"]),
        "intervenants": " ".join(i["role"] + i["organisation"] for i in data["intervenants"]),
        "chiffres_cles": " ".join(c["libelle"] for c in data["chiffres"]),
    }
    return ajuster(
        session.compiler,
        TEMPLATE,
        record,
        data,
        source,
        cuttable_paths(data),
        fixed=fixed,
        suite=f"[…] suite en ligne : {data['url']}",
        densites=DENSITES,
        labels={"commentaires_elus.texte": "commentaires.texte", "remarques_agents.texte": "commentaires.texte"},
    ).pdf
