"""Print: the desirable report as a newspaper edition, the follow-up table as an A3 landscape PDF.

The newspaper reuses the print stage's layout (:mod:`eclaireur.print.journal`): an edition template
(``theme/typst/editions/evaluation-rapport.md.j2``) writes the report in Markdown, every value escaped as
Markdown text, and :func:`~eclaireur.print.journal.journal_pdf` lays it out. The follow-up table is a typst
template of its own (``theme/typst/evaluation-suivi.typ.j2``) where every value is a typst literal.

:func:`evaluation_prints` is the one entry point: ``eclaireur print`` and the evaluation pages of
``eclaireur build`` both call it, so that the two commands write the same files under
``imprimer/evaluations/``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from eclaireur import fr
from eclaireur.adresses import follow_up_path, follow_up_pdf_path, newspaper_path, public_url
from eclaireur.config import EngineConfig
from eclaireur.evaluation.dossier import Dossier, build_dossiers, excerpt, figure_text, reference_date
from eclaireur.evaluation.fete import MONTHS
from eclaireur.evaluation.phases import PHASES
from eclaireur.evaluation.suivi import NOT_DONE_STATUSES, STATUS_COLOURS, STATUTS, status_counts
from eclaireur.load import Dataset
from eclaireur.parallele import Documents
from eclaireur.print.edition import MarkdownRaw, image_markdown, markdown_environment
from eclaireur.print.journal import journal_pdf
from eclaireur.print.session import PrintSession
from eclaireur.print.typst_source import render_template

EDITION = "editions/evaluation-rapport.md.j2"
EDITION_SOURCE = "theme/typst/editions/evaluation-rapport.md.j2"
FOLLOW_UP = "evaluation-suivi.typ.j2"


def evaluation_prints(
    config: EngineConfig, dataset: Dataset, dossiers: list[Dossier] | None = None, session: PrintSession | None = None
) -> dict[str, bytes]:
    """Every print file of the evaluations, by path under the site: the newspaper of each evaluation whose
    report is out and the A3 follow-up table of each one with an action plan. ``dossiers`` are built from
    ``dataset`` at the reference date when not given; ``session`` (from :func:`print_session`) lets the caller
    read what was compiled."""
    jobs = evaluation_documents(config, dataset, dossiers, session)
    with Documents() as documents:
        made = [(path, documents.submit(make)) for path, make in jobs]
        return {path: future.result() for path, future in made}


def evaluation_documents(
    config: EngineConfig, dataset: Dataset, dossiers: list[Dossier] | None = None, session: PrintSession | None = None
) -> list[tuple[str, Callable[[], bytes]]]:
    """The files of :func:`evaluation_prints`, in order, each with the function that makes it (for
    :class:`eclaireur.parallele.Documents`: several documents are compiled at once)."""
    if dossiers is None:
        dossiers = build_dossiers(dataset, reference_date(config, dataset), announce=False)
    if not any(d.has_report or d.has_follow_up for d in dossiers):
        return []
    session = session or print_session(config, dataset)
    documents: list[tuple[str, Callable[[], bytes]]] = []
    for dossier in dossiers:
        if dossier.has_report:
            documents.append((newspaper_path(dossier.id), functools.partial(newspaper_pdf, session, dossier)))
        if dossier.has_follow_up:
            documents.append((follow_up_pdf_path(dossier.id), functools.partial(follow_up_pdf, session, dossier)))
    return documents


def print_session(config: EngineConfig, dataset: Dataset) -> PrintSession:
    """A print session with its own cache folder (the print stage prunes its cache after each build)."""
    return PrintSession(dataclasses.replace(config, cache_dir=config.cache_dir / "evaluations"), dataset)


def _photo(rows: list[dict[str, Any]], skip: str = "") -> MarkdownRaw | None:
    """The first photo of ``rows`` with its caption and its text alternative (the one the web pages use)."""
    for row in rows:
        if row["type"] == "photo" and row.get("fichier") and row["id"] != skip:
            caption = f"{row['titre']}. {row.get('legende') or ''}".strip()
            return image_markdown(f"data/{row['fichier']}", caption, str(row.get("texte_alternatif") or ""))
    return None


def _short(value: dt.date | None) -> str:
    return fr.date_fr(value, "month") if value else ""


def edition_data(session: PrintSession, dossier: Dossier) -> dict[str, Any]:
    """What the newspaper tells, from the dossier of a finished evaluation."""
    e = dossier.evaluation
    # The front page shows the first photo retained for the report; the articles show the others.
    front = next((r for r in dossier.indices if r.get("rapport") and r["type"] == "photo" and r.get("fichier")), None)
    groups = []
    for group in dossier.groups:
        in_report = group.in_report
        groups.append({
            "critere": group.critere,
            "titre": group.synthese["titre"] if group.synthese else group.critere["question"],
            "texte": group.synthese["texte"] if group.synthese else "",
            "photo": _photo(in_report, skip=front["id"] if front else ""),
            "chiffres": [
                {"valeur": figure_text(r["valeur"], r.get("unite")), "texte": r.get("texte") or "",
                 "source": r["source"]}
                for r in in_report if r["type"] == "chiffre"
            ],
            "temoignages": [
                {"texte": r["texte"], "extrait": excerpt(r["texte"]), "auteur": r.get("auteur") or "Témoignage"}
                for r in in_report if r["type"] == "témoignage"
            ],
            "sons": [r for r in in_report if r["type"] == "son"],
        })
    plan = [
        {
            "numero": item.preconisation["ordre"],
            "titre": item.preconisation["titre"],
            "description": item.preconisation["description"],
            "actions": [
                {"numero": s.number, "libelle": s.action["libelle"], "service": s.action["service"],
                 "debut": _short(s.action["date_debut"]), "echeance": _short(s.action["echeance"])}
                for s in item.actions
            ],
        }
        for item in dossier.plan
    ]
    articles = [
        {**a, "date": fr.date_fr(a["date"]), "paragraphes": [p for p in a["texte"].split("\n\n") if p.strip()]}
        for a in dossier.articles
    ]
    site = str(session.autorite["site"])
    data = {
        "e": e,
        "autorite": session.autorite,
        "numero": "",
        "date": fr.date_fr(e.get("date_comite_final") or e.get("date_rapport") or e["date_cadrage"]),
        "politique_courte": e["politique"].split(" (")[0],
        "couleur": (dossier.theme or {}).get("couleur", "#1D4E89"),
        "une_photo": _photo([front]) if front else None,
        "etapes": [{"label": p.label, "date": fr.date_fr(e.get(p.date_field)) if e.get(p.date_field) else "",
                    "description": p.description} for p in PHASES],
        "groupes": groups,
        "plan": plan,
        "nb_actions": sum(len(p["actions"]) for p in plan),
        "comite": fr.date_fr(e["date_comite_final"]) if e.get("date_comite_final") else "",
        "articles": articles,
        "nb_indices": len(dossier.indices),
        "site": site,
        "suivi_url": public_url(site, follow_up_path(dossier.id)) if site else "",
    }
    data["a_retenir"] = a_retenir(dossier, data)
    return data


def a_retenir(dossier: Dossier, data: dict[str, Any]) -> list[str]:
    """The key points of the back page: the evidence, the figures, the plan and where it stands."""
    points = [f"{fr.nombre(data['nb_indices'])} indices publiés, classés selon {len(data['groupes'])} critères, "
              "chacun ouvert par une synthèse."]
    for group in data["groupes"]:
        if group["chiffres"]:
            chiffre = group["chiffres"][0]
            points.append(f"{chiffre['valeur']} {chiffre['texte']} ({chiffre['source']}).")
    comite = f", retenues par le comité de pilotage final du {data['comite']}" if data["comite"] else ""
    points.append(f"{len(data['plan'])} préconisations et {data['nb_actions']} actions{comite} ; chacune est confiée "
                  "à un service, avec une échéance.")
    states = dossier.actions
    if states:
        counts = status_counts(states)
        parts = [f"{n} {statut if n == 1 or statut == 'en cours' else statut + 's'}"
                 for statut, n in counts.items() if n]
        late = sum(1 for s in states if s.overdue)
        points.append(f"Au {fr.date_fr(dossier.reference)}, sur {len(states)} actions : {', '.join(parts)}"
                      + (f" ; {late} en retard sur leur échéance." if late else "."))
    if data["suivi_url"]:
        points.append(f"Le suivi de chaque action, tâche par tâche : {data['suivi_url']}")
    return points


def edition_markdown(session: PrintSession, dossier: Dossier) -> str:
    env = markdown_environment(session.config.theme_dir / "typst")
    return render_template(env, EDITION, record=f"le journal de l’évaluation « {dossier.id} »",
                           **edition_data(session, dossier))


def newspaper_pdf(session: PrintSession, dossier: Dossier) -> bytes:
    """The report of ``dossier`` as a newspaper PDF (the print stage's tabloid layout)."""
    markdown = edition_markdown(session, dossier)
    return journal_pdf(session, markdown, f"{EDITION_SOURCE} ({dossier.id})", session.config.root)


def _fraction(day: dt.date, start: dt.date, end: dt.date) -> float:
    return round((day - start).days / max((end - start).days, 1), 4)


def follow_up_data(dossier: Dossier, collectivite: str, site: str) -> dict[str, Any]:
    """The follow-up table as plain values for the A3 template (dates already in French); ``site`` is the
    address of the public site."""
    states = dossier.actions
    reference = dossier.reference
    first = min([s.action["date_debut"] for s in states] + [reference])
    first = dt.date(first.year, first.month, 1)
    last = max([s.action["echeance"] for s in states] + [reference])
    last = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    marks = []
    day = first
    while day < last:
        if day.month in (1, 4, 7, 10):
            marks.append({"x": _fraction(day, first, last), "label": f"{MONTHS[day.month - 1]} {str(day.year)[2:]}"})
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    counts = status_counts(states)
    late = sum(1 for s in states if s.overdue)
    compteurs = [{"statut": st, "libelle": st if counts[st] == 1 else (st if st == "en cours" else st + "s"),
                  "nombre": counts[st], "couleur": STATUS_COLOURS[st]} for st in STATUTS if counts[st]]
    compteurs.append({"statut": "retard", "libelle": "en retard", "nombre": late, "couleur": "#a3122a"})

    def action(s: Any) -> dict[str, Any]:
        a = s.action
        done = a.get("date_realisation")
        return {
            "numero": s.number, "libelle": a["libelle"], "service": a["service"], "referent": a.get("referent") or "",
            "debut": fr.date_fr(a["date_debut"], "short"), "echeance": fr.date_fr(a["echeance"], "short"),
            "statut": s.statut, "couleur": STATUS_COLOURS[s.statut], "ferme": s.statut in NOT_DONE_STATUSES,
            "fait": fr.date_fr(done, "short") if done else "",
            "retard": _duration(s.days_late) if s.overdue else "",
            "taches": f"{s.tasks_done}/{len(s.taches)}" if s.taches else "—",
            "relances": s.reminders,
            "motif": a.get("motif") or "",
            "x0": _fraction(a["date_debut"], first, last), "x1": _fraction(a["echeance"], first, last),
            "fait_x": _fraction(done, first, last) if done else None,
            "retard_x": _fraction(reference, first, last) if s.overdue else None,
        }

    e = dossier.evaluation
    return {
        "collectivite": collectivite,
        "evaluation": e["titre"],
        "reference": fr.date_fr(reference),
        "comite": fr.date_fr(e["date_comite_final"]) if e.get("date_comite_final") else "—",
        "applicateur": e.get("applicateur") or "—",
        "couleur": (dossier.theme or {}).get("couleur", "#1D4E89"),
        "compteurs": compteurs,
        "echelle": {"reperes": marks, "reference": _fraction(reference, first, last)},
        "groupes": [
            {"titre": f"Préconisation {item.preconisation['ordre']} : {item.preconisation['titre']}",
             "actions": [action(s) for s in item.actions]}
            for item in dossier.plan
        ],
        "pied": f"{collectivite} — tableau de suivi de l’évaluation « {e['titre']} », état au "
                f"{fr.date_fr(reference)}. Données ouvertes : {public_url(site, follow_up_path(dossier.id))}",
    }


def _duration(days: int) -> str:
    return f"{days}\u00a0j" if days < 60 else f"{days // 30}\u00a0mois"


def follow_up_pdf(session: PrintSession, dossier: Dossier) -> bytes:
    """The follow-up table of ``dossier`` on A3 landscape pages."""
    collectivite = str(session.autorite["nom"])
    data = follow_up_data(dossier, collectivite, str(session.autorite["site"]))
    return session.compiler.pdf(
        FOLLOW_UP,
        record=f"le tableau de suivi de l’évaluation « {dossier.id} »",
        suivi=data,
        **session.metadata(f"Tableau de suivi : {dossier.evaluation['titre']}"),
    )
