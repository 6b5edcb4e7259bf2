"""The last pages of a tabloid newspaper, written from the data so that the edition has a multiple of 4 pages.

A printer folds tabloid sheets in four pages: the layout (``theme/typst/lib/journal.typ``) counts the pages
of the articles, adds as many of the *supplements* below as needed (the council, the projects of the atlas,
the open data catalogue, in that order) and ends with the back page: « À retenir » (from the report's front
matter), the contents page by page, where to read every evaluation, the open data address, how to reach
the authority and the colophon. Every value is plain text; the typst stage escapes it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from eclaireur import fr
from eclaireur.adresses import (
    OPEN_DATA_INDEX,
    evaluation_path,
    newspaper_path,
    public_url,
)
from eclaireur.load import Dataset, Row
from eclaireur.print import donnees
from eclaireur.print.session import PrintSession
from eclaireur.print.typographie import typographie

T = typographie

# A tabloid page holds about 500 lines of list in five columns: longer lists are cut by the layout, with the
# count of what is left and the web address of the full list; the data sent to typst stops here.
MAX_ITEMS = 400


def _conseil(dataset: Dataset) -> dict[str, Any] | None:
    """The council by political group: the majority first, each group in the order of its members' rank."""
    elus = sorted(dataset.rows("elus"), key=lambda e: (int(e.get("rang") or 9999), str(e.get("nom") or "")))
    if not elus:
        return None
    groupes = dataset.index("groupes")
    par_groupe: dict[Any, list[Row]] = defaultdict(list)
    for elu in elus:
        par_groupe[elu.get("groupe")].append(elu)
    blocs = []
    for gid, membres in sorted(
        par_groupe.items(),
        key=lambda kv: ((groupes.get(kv[0]) or {}).get("position") == "opposition", -len(kv[1]), str(kv[0])),
    ):
        groupe = groupes.get(gid) or {}
        position = str(groupe.get("position") or "")
        blocs.append({
            "titre": T(str(groupe.get("nom") or gid or "Sans groupe")),
            "sous_titre": T(" · ".join(part for part in (str(groupe.get("sigle") or ""), position, _elus(len(membres)))
                                       if part)),
            "couleur": donnees.colour(groupe.get("couleur")),
            "elements": [
                {"nom": donnees.nom_elu(e), "detail": T(", ".join(
                    str(part) for part in (e.get("fonction"), e.get("delegation")) if part))}
                for e in membres
            ],
        })
    return {
        "rubrique": "Le conseil municipal",
        "titre": "Vos élus",
        "chapeau": T(f"Les {len(elus)} membres du conseil municipal, groupe par groupe, avec leurs fonctions et leurs "
                     "délégations."),
        "blocs": blocs,
        "total": len(elus),
        "suite": "",
    }


def _elus(count: int) -> str:
    return f"{count} élu{'s' if count > 1 else ''}"


def _projets(dataset: Dataset, site: str) -> dict[str, Any] | None:
    """The projects of the atlas theme by theme, with their status."""
    projets = dataset.rows("projets")
    if not projets:
        return None
    by_theme: dict[Any, list[Row]] = defaultdict(list)
    for projet in projets:
        by_theme[projet.get("theme")].append(projet)
    blocs = []
    sent = 0
    for theme in donnees.themes(dataset):
        rows = sorted(by_theme.get(theme["id"], []), key=lambda p: str(p.get("nom") or p["id"]))
        rows = rows[: max(0, MAX_ITEMS - sent)]
        sent += len(rows)
        if rows:
            blocs.append({
                "titre": T(str(theme.get("titre") or theme["id"])),
                "sous_titre": "",
                "couleur": donnees.colour(theme.get("couleur"), "#1F4E8C"),
                "elements": [{"nom": T(str(p.get("nom") or p["id"])), "detail": T(str(p.get("statut") or ""))}
                             for p in rows],
            })
    return {
        "rubrique": "L'atlas de la mandature",
        "titre": "Tous les projets suivis",
        "chapeau": T(f"Les {fr.nombre(len(projets))} projets de l'atlas, thème par thème, et où ils en sont. Chacun "
                     "a sa fiche d'une page en ligne : le problème de départ, les personnes impliquées, les chiffres "
                     "clés."),
        "blocs": blocs,
        "total": len(projets),
        "suite": public_url(site, "projets/index.md") if site else "",
    }


def _catalogue(dataset: Dataset, site: str) -> dict[str, Any] | None:
    """The open data files as the site publishes them (the same filters as the open data page)."""
    from eclaireur.contributions.publish import public_dataset
    from eclaireur.evaluation.publication import public_evidence

    data = public_evidence(public_dataset(dataset))
    resources = data.descriptor.get("resources", [])
    if not resources:
        return None
    elements = []
    for resource in resources[:MAX_ITEMS]:
        name = str(resource["name"])
        rows = len(data.rows(name))
        elements.append({
            "nom": T(str(resource.get("title") or name)),
            "detail": T(f"{name}.csv, {fr.nombre(rows)} ligne{'s' if rows > 1 else ''}"),
        })
    return {
        "rubrique": "Données ouvertes",
        "titre": "Les données de ce journal",
        "chapeau": T(f"Tous les chiffres et les textes de ce journal viennent de {len(resources)} fichiers publiés "
                     "en CSV et en JSON, avec leur dictionnaire des données, que chacun peut télécharger et "
                     "réutiliser."),
        "blocs": [{"titre": "Fichier par fichier", "sous_titre": "", "couleur": "#1A1A1A", "elements": elements}],
        "total": len(resources),
        "suite": public_url(site, OPEN_DATA_INDEX) if site else "",
    }


def _evaluations(session: PrintSession, site: str) -> list[dict[str, str]]:
    """Every evaluation, where it stands, where to read it and, while it is open, its call for contributions."""
    from eclaireur.errors import DataError
    from eclaireur.evaluation import phases
    from eclaireur.evaluation.dossier import call_open, evaluations, reference_date

    dataset = session.dataset
    try:
        reference: dt.date | None = reference_date(session.config, dataset)
    except DataError:
        reference = None
    out = []
    for evaluation in evaluations(dataset)[:MAX_ITEMS]:
        eid = str(evaluation["id"])
        phase = phases.current_phase(evaluation).label
        report = phases.reached(evaluation, "comité final")
        closes = evaluation.get("appel_date_limite")
        appel = ""
        if reference is not None and call_open(evaluation, reference):
            appel = f"Appel à contributions ouvert jusqu'au {fr.date_fr(closes)}." if closes else \
                "Appel à contributions ouvert."
        out.append({
            "titre": T(str(evaluation.get("titre") or eid)),
            "phase": T(phase),
            "page": public_url(site, evaluation_path(eid)),
            "journal": public_url(site, newspaper_path(eid)) if report else "",
            "appel": T(appel),
        })
    return out


def _directeur(dataset: Dataset) -> str:
    """« Directrice de la publication : Mme … , maire » from the council (the mayor), or nothing."""
    maire = next((e for e in dataset.rows("elus") if e.get("fonction") == "maire"), None)
    if not maire:
        return ""
    titre = "Directrice" if maire.get("civilite") == "Mme" else "Directeur"
    return T(f"{titre} de la publication : {donnees.nom_elu(maire)}, maire.")


def _licence(dataset: Dataset) -> str:
    licences = dataset.descriptor.get("licenses") or []
    if not licences:
        return ""
    first = licences[0]
    return T(str(first.get("title") or first.get("name") or ""))


def pages_de_fin(session: PrintSession, meta: dict[str, Any]) -> dict[str, Any]:
    """The back page and the supplements of a newspaper (``meta``: the report's front matter)."""
    dataset: Dataset = session.dataset
    autorite = session.autorite
    site = str(autorite["site"])
    a_retenir = meta.get("a_retenir") or []
    if isinstance(a_retenir, str):
        a_retenir = [a_retenir]
    supplements = [s for s in (_conseil(dataset), _projets(dataset, site), _catalogue(dataset, site)) if s]
    licence = _licence(dataset)
    colophon = [
        str(meta.get("colophon") or ""),
        f"Édité par {autorite['nom']}" + (f", {autorite['adresse']}" if autorite["adresse"] else "") + ".",
        _directeur(dataset),
        "Composé automatiquement par eclaireur à partir des données ouvertes"
        + (f" arrêtées au {autorite['date_donnees']}" if autorite["date_donnees"] else "")
        + ". Caractères Inter et Charis SIL (SIL Open Font License).",
        f"Textes et données sous {licence} : reproduction et réutilisation libres en citant la source."
        if licence else "",
        str(autorite["avertissement"]),
    ]
    return {
        "a_retenir": [T(str(item)) for item in a_retenir if item],
        "evaluations": _evaluations(session, site),
        "donnees": public_url(site, OPEN_DATA_INDEX) if site else "",
        "contact": {"adresse": autorite["adresse"], "courriel": autorite["courriel"], "site": site},
        "participer": {"courriel": session.config.contribution_email, "url": session.config.contribution_url},
        "colophon": [T(line) for line in colophon if line],
        "supplements": supplements,
    }
