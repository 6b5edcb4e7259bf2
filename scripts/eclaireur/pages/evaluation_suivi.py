"""The final report, the follow-up dashboard and the fête de l'évaluation pages (with their charts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from eclaireur import fr
from eclaireur.adresses import (
    compilation_path,
    evaluation_path,
    follow_up_path,
    follow_up_pdf_path,
    newspaper_path,
    report_path,
)
from eclaireur.evaluation import medias
from eclaireur.evaluation.dossier import Dossier
from eclaireur.evaluation.fete import MONTHS, Review
from eclaireur.evaluation.graphiques import STYLE, draw_gantt, draw_status_bars, draw_tasks_per_month
from eclaireur.evaluation.suivi import STATUTS, ActionState, overdue, status_counts
from eclaireur.pages.base import Asset, BuildContext, Output, Page


def page_links(dossier: Dossier) -> list[dict[str, str]]:
    """The pages of one evaluation that exist, in reading order (the local navigation)."""
    eid = dossier.id
    links = [{"key": "accueil", "label": "Présentation", "path": evaluation_path(eid)}]
    if dossier.has_compilation:
        links.append({"key": "compilation", "label": "Compilation des indices", "path": compilation_path(eid)})
    if dossier.has_report:
        links.append({"key": "rapport", "label": "Rapport final", "path": report_path(eid)})
    if dossier.has_follow_up:
        links.append({"key": "suivi", "label": "Tableau de suivi", "path": follow_up_path(eid)})
    return links


def duration_fr(days: int) -> str:
    """``45`` -> ``45 jours``; ``215`` -> ``7 mois`` (rounded down), for delays."""
    if days < 60:
        return f"{days}\u00a0jour{'s' if days > 1 else ''}"
    return f"{days // 30}\u00a0mois"


def gantt_chart(ctx: BuildContext, states: list[ActionState], reference: dt.date) -> dict[str, Any]:
    """The schedule chart and its text alternative."""
    rows = [
        {
            "label": f"{s.number} {s.action['libelle']}",
            "start": s.action["date_debut"].isoformat(),
            "end": s.action["echeance"].isoformat(),
            "status": s.statut,
            "done": s.action["date_realisation"].isoformat() if s.action.get("date_realisation") else None,
            "overdue": s.overdue,
        }
        for s in states
    ]
    chart = ctx.chart("evaluation-calendrier", {"style": STYLE, "rows": rows, "reference": reference.isoformat(),
                                                "reference_label": fr.date_fr(reference, "short")}, draw_gantt)
    counts = status_counts(states)
    first = min(s.action["date_debut"] for s in states)
    last = max(s.action["echeance"] for s in states)
    parts = ", ".join(f"{n} {status}{'s' if n > 1 and not status.endswith('s') else ''}"
                      for status, n in counts.items() if n)
    late = sum(1 for s in states if s.overdue)
    alt = (
        f"Diagramme de calendrier : {len(states)} actions, chacune représentée par une barre de sa date de début à "
        f"son échéance, de {fr.date_fr(first, 'month')} à {fr.date_fr(last, 'month')}. {parts.capitalize()}. "
        f"{late} action{'s' if late > 1 else ''} en retard au {fr.date_fr(reference)} (ligne verticale). "
        "Le tableau qui suit donne les mêmes dates."
    )
    return {"chart": chart, "alt": alt}


def generate_for(ctx: BuildContext, context: dict[str, Any], prints: Mapping[str, bytes]) -> Iterator[Output]:
    """The report and the dashboard of one evaluation, when it has reached them, with their PDFs when
    ``prints`` has them (the newspaper edition and the A3 follow-up table, path -> bytes, from
    :func:`eclaireur.evaluation.impression.evaluation_prints`)."""
    dossier: Dossier = context["dossier"]
    eid = dossier.id
    title = dossier.evaluation["titre"]
    states = dossier.actions
    reference: dt.date = context["reference"]
    shared = {**context, "states": states, "counts": status_counts(states), "late": overdue(states),
              "statuts": STATUTS, "duration": duration_fr, "journal": None, "suivi_pdf": None}
    for key, path in (("journal", newspaper_path(eid)), ("suivi_pdf", follow_up_pdf_path(eid))):
        if path in prints:
            shared[key] = {"path": path, "size": medias.human_size(len(prints[path]))}
            yield Asset(path, prints[path])
    if dossier.has_report:
        yield Page(
            report_path(eid),
            f"Rapport final : {title}",
            ctx.render("evaluation-rapport.html.j2", page=report_path(eid), **shared),
            description=f"Le rapport de l’évaluation « {title} » : diagnostic, plan d’actions, articles de presse.",
        )
    if dossier.has_follow_up:
        yield Page(
            follow_up_path(eid),
            f"Tableau de suivi : {title}",
            ctx.render("evaluation-suivi.html.j2", page=follow_up_path(eid),
                       gantt=gantt_chart(ctx, states, reference), **shared),
            description=f"Le suivi des actions de l’évaluation « {title} » au {fr.date_fr(reference)}.",
        )


def generate_fete(ctx: BuildContext, review: Review, common: dict[str, Any]) -> Iterator[Output]:
    """The fête de l'évaluation page of the configured year, with its two charts."""
    path = common["fete"]["path"]
    with_actions = [line for line in review.lines if line.total]
    status_chart = None
    if with_actions:
        status_chart = ctx.chart(
            "evaluation-statuts",
            {"style": STYLE, "labels": [line.dossier.evaluation["titre"] for line in with_actions],
             "counts": {s: [line.counts[s] for line in with_actions] for s in STATUTS}},
            draw_status_bars,
        )
    tasks_chart = None
    if review.tasks_done:
        tasks_chart = ctx.chart(
            "evaluation-taches-mois",
            {"style": STYLE, "values": review.tasks_per_month, "colour": "#1d4e89"},
            draw_tasks_per_month,
        )
    yield Page(
        path,
        f"Fête de l’évaluation {review.year}",
        ctx.render("evaluation-fete.html.j2", page=path, review=review, with_actions=with_actions,
                   status_chart=status_chart, tasks_chart=tasks_chart, months=MONTHS, statuts=STATUTS,
                   duration=duration_fr, **common),
        description=f"Le bilan {review.year} de toutes les évaluations de la ville : ce qui a été fait, ce qui ne "
        "l’a pas été et pourquoi, ce qui est bloqué, arrêté ou réorienté.",
    )
