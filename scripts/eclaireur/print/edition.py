"""The demo edition « Le journal de la mandature », written from the data by a Markdown template.

``theme/typst/editions/journal-de-la-mandature.md.j2`` is rendered by a jinja2 environment whose
finalize escapes every value as literal Markdown text; the resulting report (front matter + articles)
is then poured into the newspaper layout like any other Markdown report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2

from eclaireur import fr
from eclaireur.gabarits import environment
from eclaireur.print import donnees
from eclaireur.print.graphique import (
    chart_text,
    depenses_themes_text,
    draw_depenses_themes,
    draw_part_budget,
    draw_statuts,
    statuts_text,
)
from eclaireur.print.pandoc import markdown_escape
from eclaireur.print.session import PrintSession
from eclaireur.print.typst_source import render_template

TEMPLATE = "editions/journal-de-la-mandature.md.j2"
SOURCE = "theme/typst/editions/journal-de-la-mandature.md.j2"


class MarkdownRaw(str):
    """Markdown written by the edition code itself (image references), inserted as is."""

    __slots__ = ()


def _finalize(value: Any) -> str:
    if isinstance(value, MarkdownRaw):
        return value
    return markdown_escape(value)


def markdown_environment(template_dir: Path) -> jinja2.Environment:
    """The environment of the Markdown editions: every ``{{ value }}`` is literal Markdown text."""
    env = environment([template_dir], autoescape=False, finalize=_finalize)
    env.filters.update(
        yaml=lambda value: MarkdownRaw(json.dumps(str(value), ensure_ascii=False)),
        initiale_minuscule=_initiale_minuscule,
    )
    return env


def _initiale_minuscule(text: str) -> str:
    """``Un tiers-lieu`` -> ``un tiers-lieu`` (not ``CCAS`` nor ``Loirance``-like words in capitals)."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def image_markdown(path: str, legende: str, alt: str = "") -> MarkdownRaw:
    """``![légende](path){alt="…"}``: an image with its caption and, when given, its text alternative (what
    a screen reader says in place of the image; the caption when there is none). The attribute is read by
    :mod:`eclaireur.print.journal`, not by pandoc: only ``\\`` and ``"`` are escaped in it, and its no-break
    spaces stay."""
    text = re.sub(r"[ \t\r\n]+", " ", alt).strip().replace("\\", "\\\\").replace('"', '\\"')
    attribute = f'{{alt="{text}"}}' if text else ""
    return MarkdownRaw(f"![{markdown_escape(legende)}]({path}){attribute}")


def _phrase(text: str, limit: int = 260) -> str:
    """The first sentence(s) of ``text`` up to about ``limit`` characters."""
    out = ""
    for sentence in text.replace("\u202f", " ").split(". "):
        candidate = f"{out}{sentence}." if not out else f"{out} {sentence}."
        if out and len(candidate) > limit:
            break
        out = candidate
    return out.replace("..", ".")


def edition_data(session: PrintSession) -> dict[str, Any]:
    """What the demo edition tells: per theme budget, selections and voices; overall figures."""
    dataset = session.dataset
    mandat = donnees.mandat_courant(dataset)
    themes = []
    spending: list[dict[str, Any]] = []
    for theme in donnees.themes(dataset):
        poster = donnees.affiche(session.config, dataset, theme)
        budget = donnees.budget_shares(dataset, theme["id"])
        current = next((m for m in budget["mandats"] if m["en_cours"]), None)
        previous = [m for m in budget["mandats"] if not m["en_cours"]]
        chart = None
        if budget["mandats"]:
            path = session.chart(
                "affiche-budget", {"mandats": budget["mandats"], "couleur": poster["couleur"]}, draw_part_budget
            )
            chart = image_markdown(path, f"Part du thème « {poster['titre']} » dans les dépenses de la ville, par "
                                   "mandature.", chart_text(budget, poster["titre"]))
        if current:
            spending.append({"titre": poster["titre"], "montant": current["montant"], "couleur": poster["couleur"]})
        president = next((m for m in poster["commission"]["membres"] if m["role"].startswith("président")), None)
        majorite = [t for t in poster["tribunes"] if t["groupe"] and not t["groupe"]["opposition"]]
        opposition = [t for t in poster["tribunes"] if t["groupe"] and t["groupe"]["opposition"]]
        themes.append(
            {
                **poster,
                "courant": current,
                "precedent": previous[-1] if previous else None,
                "graphique": chart,
                "president": president,
                "citation": _phrase(majorite[0]["texte"], 200) if majorite else "",
                "citation_groupe": majorite[0]["signataire"] if majorite else "",
                "opposition_texte": [
                    {"signataire": t["signataire"], "texte": _phrase(t["texte"], 420)} for t in opposition
                ],
                "personnel_texte": [_phrase(t["texte"], 360) for t in poster["personnel"]],
            }
        )
    statuts = Counter(str(p.get("statut") or "") for p in dataset.rows("projets"))
    depenses = None
    if spending:
        spending.sort(key=lambda s: -s["montant"])
        path = session.chart("journal-depenses", {"themes": spending}, draw_depenses_themes)
        legende = f"Dépenses réelles par thème, mandature {mandat.get('id', '')} (comptes administratifs)."
        depenses = image_markdown(path, legende, depenses_themes_text({"themes": spending}))
    statuts_chart = None
    if statuts:
        order = ["terminé", "en cours", "à l'étude", "suspendu", "abandonné"]
        counts = [{"statut": s, "nombre": statuts[s]} for s in order if statuts.get(s)]
        path = session.chart("journal-statuts", {"statuts": counts}, draw_statuts)
        statuts_chart = image_markdown(path, "Les projets suivis dans l'atlas, selon leur état d'avancement.",
                                       statuts_text({"statuts": counts}))
    total = sum(s["montant"] for s in spending)
    data = {
        "autorite": session.autorite,
        "mandat": mandat,
        "themes": themes,
        "total_courant": total,
        "premiers": spending[:3],
        "nb_projets": sum(statuts.values()),
        "statuts": statuts,
        "nb_commentaires": len(dataset.rows("commentaires")),
        "graphique_depenses": depenses,
        "graphique_statuts": statuts_chart,
        "site": session.autorite["site"],
    }
    data["a_retenir"] = a_retenir(data)
    return data


def a_retenir(data: dict[str, Any]) -> list[str]:
    """The key points of the back page, from the same figures as the articles."""
    points = []
    mandat = data["mandat"]
    if data["premiers"]:
        postes = ", ".join(f"{_initiale_minuscule(p['titre'])} ({fr.millions(p['montant'])})" for p in data["premiers"])
        points.append(f"{fr.millions(data['total_courant'])} de dépenses réelles sur la mandature "
                      f"{mandat.get('id', '')} ; les premiers postes : {postes}.")
    statuts = data["statuts"]
    if data["nb_projets"]:
        parts = [f"{statuts[s]} {label}" for s, label in (("terminé", "terminés"), ("en cours", "en cours"),
                                                         ("à l'étude", "à l'étude")) if statuts.get(s)]
        arretes = statuts.get("suspendu", 0) + statuts.get("abandonné", 0)
        if arretes:
            parts.append(f"{arretes} suspendus ou abandonnés")
        points.append(f"{fr.nombre(data['nb_projets'])} projets suivis dans l'atlas : {', '.join(parts)}.")
    evolutions = [t for t in data["themes"] if t["courant"] and t["precedent"]]
    if evolutions:
        hausse = max(evolutions, key=lambda t: t["courant"]["part"] - t["precedent"]["part"])
        baisse = min(evolutions, key=lambda t: t["courant"]["part"] - t["precedent"]["part"])
        points.append(
            f"La plus forte hausse de part du budget : {_initiale_minuscule(hausse['titre'])}, de "
            f"{fr.pourcent(hausse['precedent']['part'])} à {fr.pourcent(hausse['courant']['part'])} ; la plus forte "
            f"baisse : {_initiale_minuscule(baisse['titre'])}, de {fr.pourcent(baisse['precedent']['part'])} à "
            f"{fr.pourcent(baisse['courant']['part'])}."
        )
    choix = [t for t in data["themes"] if t["fiertes"] or t["defis"]]
    if choix:
        oppositions = sum(len(t["oppositions"]) for t in data["themes"])
        points.append(f"{len(choix)} commissions ont désigné leurs fiertés et leurs défis"
                      + (f" ; l'opposition a proposé {oppositions} sélections de son côté." if oppositions else "."))
    if data["nb_commentaires"]:
        points.append(f"{fr.nombre(data['nb_commentaires'])} commentaires d'élus et remarques d'agents "
                      "accompagnent les fiches des projets.")
    if data["site"]:
        points.append(f"Les affiches, les fiches des projets et les données complètes sont en ligne : {data['site']}")
    return points


def edition_markdown(session: PrintSession) -> str:
    """The Markdown source of the demo edition (front matter + articles)."""
    env = markdown_environment(session.config.theme_dir / "typst")
    data = edition_data(session)
    return render_template(env, TEMPLATE, record="le journal de la mandature", **data)
