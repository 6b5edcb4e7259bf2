"""The final report, the follow-up dashboard and the fête de l'évaluation pages (with their charts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from eclaireur import fr
from eclaireur.adresses import (
    compilation_path,
    evaluation_path,
    fete_evaluation_path,
    follow_up_path,
    follow_up_pdf_path,
    follow_up_recommendation_path,
    newspaper_path,
    report_path,
)
from eclaireur.evaluation import medias
from eclaireur.evaluation.dossier import Dossier
from eclaireur.evaluation.fete import MONTHS, Review
from eclaireur.evaluation.graphiques import STYLE, draw_gantt, draw_status_bars, draw_tasks_per_month, gantt_size
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


# At most this many actions in one calendar chart: past it, a recommendation's actions are drawn in several
# charts of the same time scale, so that a label stays readable whatever the size of the plan.
GANTT_ROWS = 20
# Width of the calendar charts in the page (the ``width`` attribute; CSS scales them to the column).
CHART_WIDTH = 1000


def _plural(n: int, status: str) -> str:
    return f"{n} {status}{'s' if n > 1 and not status.endswith('s') else ''}"


def status_phrase(states: list[ActionState]) -> str:
    """``5 réalisées, 2 en cours, 1 bloquée``: the actions by status, in the order of the statuses."""
    return ", ".join(_plural(n, status) for status, n in status_counts(states).items() if n)


def chunks(states: list[ActionState], size: int = GANTT_ROWS) -> list[list[ActionState]]:
    """``states`` cut into as few runs of at most ``size`` as possible, of nearly equal length (25 -> 13 + 12)."""
    if not states:
        return []
    count = -(-len(states) // size)
    base, extra = divmod(len(states), count)
    runs, start = [], 0
    for k in range(count):
        stop = start + base + (1 if k < extra else 0)
        runs.append(states[start:stop])
        start = stop
    return runs


def gantt_chart(ctx: BuildContext, states: list[ActionState], reference: dt.date, span: tuple[dt.date, dt.date],
                subject: str) -> dict[str, Any]:
    """One schedule chart of ``states`` on the time axis ``span``, and its text alternative; ``subject`` says
    whose actions they are (« de la préconisation 2 (actions 2.1 à 2.13) »)."""
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
                                                "reference_label": fr.date_fr(reference, "short"),
                                                "first": span[0].isoformat(), "last": span[1].isoformat()},
                      draw_gantt)
    first = min(s.action["date_debut"] for s in states)
    last = max(s.action["echeance"] for s in states)
    late = sum(1 for s in states if s.overdue)
    alt = (
        f"Diagramme de calendrier {subject} : {_plural(len(states), 'action')}, chacune représentée par une barre de "
        f"sa date de début à son échéance, de {fr.date_fr(first, 'month')} à {fr.date_fr(last, 'month')}. "
        f"{status_phrase(states).capitalize()}. {late} action{'s' if late > 1 else ''} en retard au "
        f"{fr.date_fr(reference)} (ligne verticale). Le tableau qui suit donne les mêmes dates."
    )
    inches = gantt_size(len(states), len({s.statut for s in states}))
    return {"chart": chart, "alt": alt, "width": CHART_WIDTH, "height": round(CHART_WIDTH * inches[1] / inches[0]),
            "first": states[0].number, "last": states[-1].number}


def calendar(ctx: BuildContext, dossier: Dossier, reference: dt.date) -> list[dict[str, Any]]:
    """The plan, recommendation by recommendation: its actions, their page, and the calendar charts of its
    actions (:data:`GANTT_ROWS` at most in each), every chart of the plan on the same time axis."""
    states = dossier.actions
    span = (min([*(s.action["date_debut"] for s in states), reference]),
            max([*(s.action["echeance"] for s in states), reference]))
    views = []
    for item in dossier.plan:
        reco = item.preconisation
        runs = chunks(item.actions)
        charts = []
        for k, run in enumerate(runs):
            subject = f"de la préconisation {reco['ordre']}"
            if len(runs) > 1:
                subject += f" (actions {run[0].number} à {run[-1].number}, partie {k + 1} sur {len(runs)})"
            charts.append(gantt_chart(ctx, run, reference, span, subject))
        late = sum(1 for s in item.actions if s.overdue)
        views.append({
            "item": item,
            "path": follow_up_recommendation_path(dossier.id, reco["id"]),
            "charts": charts,
            "summary": (f"{_plural(len(item.actions), 'action')} : {status_phrase(item.actions)} ; "
                        f"{late} en retard" if item.actions else "Aucune action pour cette préconisation"),
        })
    return views


def generate_for(ctx: BuildContext, context: dict[str, Any], prints: Mapping[str, bytes]) -> Iterator[Output]:
    """The report and the dashboard of one evaluation, when it has reached them, with their PDFs when
    ``prints`` has them (the newspaper edition and the A3 follow-up table, path -> bytes, from
    :func:`eclaireur.evaluation.impression.evaluation_prints`). The dashboard gives the figures, the late
    actions and the calendar of each recommendation; every recommendation has a page of its own with its
    actions, their tasks and their reminders."""
    dossier: Dossier = context["dossier"]
    eid = dossier.id
    title = dossier.evaluation["titre"]
    states = dossier.actions
    reference: dt.date = context["reference"]
    shared = {**context, "states": states, "counts": status_counts(states), "late": overdue(states),
              "statuts": STATUTS, "duration": duration_fr, "journal": None, "suivi_pdf": None,
              "reco_path": follow_up_recommendation_path,
              "fete_page": fete_evaluation_path(eid, context["fete"]["year"])}
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
        recos = calendar(ctx, dossier, reference)
        yield Page(
            follow_up_path(eid),
            f"Tableau de suivi : {title}",
            ctx.render("evaluation-suivi.html.j2", page=follow_up_path(eid), recos=recos, **shared),
            description=f"Le suivi des actions de l’évaluation « {title} » au {fr.date_fr(reference)}.",
        )
        for reco in recos:
            p = reco["item"].preconisation
            yield Page(
                reco["path"],
                f"Préconisation {p['ordre']} : {p['titre']}",
                ctx.render("evaluation-preconisation.html.j2", page=reco["path"], reco=reco, recos=recos, **shared),
                description=f"Les actions de la préconisation {p['ordre']} de l’évaluation « {title} », leurs tâches "
                f"et leurs relances, au {fr.date_fr(reference)}.",
            )


def generate_fete(ctx: BuildContext, review: Review, common: dict[str, Any]) -> Iterator[Output]:
    """The fête de l'évaluation page of the configured year, with its two charts and the review of each
    evaluation in figures, then a page per evaluation with actions: what it did that year, what it did not
    do and why, what is blocked, stopped or redirected."""
    path = common["fete"]["path"]
    with_actions = [line for line in review.lines if line.total]
    pages = {line.dossier.id: fete_evaluation_path(line.dossier.id, review.year) for line in with_actions}
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
        ctx.render("evaluation-fete.html.j2", page=path, review=review, with_actions=with_actions, pages=pages,
                   status_chart=status_chart, tasks_chart=tasks_chart, months=MONTHS, statuts=STATUTS, **common),
        description=f"Le bilan {review.year} de toutes les évaluations de la ville : ce qui a été fait, ce qui ne "
        "l’a pas été et pourquoi, ce qui est bloqué, arrêté ou réorienté.",
    )
    for line in with_actions:
        title = line.dossier.evaluation["titre"]
        page = pages[line.dossier.id]
        yield Page(
            page,
            f"Fête de l’évaluation {review.year} : {title}",
            ctx.render("evaluation-fete-evaluation.html.j2", page=page, review=review, line=line,
                       evaluation=line.dossier.evaluation, theme=line.dossier.theme or {},
                       links=page_links(line.dossier), duration=duration_fr,
                       reco_path=follow_up_recommendation_path, **common),
            description=f"Le bilan {review.year} des actions de l’évaluation « {title} » : ce qui a été fait, ce qui "
            "ne l’a pas été et pourquoi, ce qui est bloqué, arrêté ou réorienté.",
        )
