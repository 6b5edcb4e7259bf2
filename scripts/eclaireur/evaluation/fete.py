"""La fête de l'évaluation: the yearly review of every evaluation's actions.

For a chosen year, across all evaluations: what was done that year, what is late (and why), what is
blocked, and what was stopped or redirected that year. Statuses are those of the data on the reference
date; "late" means overdue on the reference date with a due date in the year or before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eclaireur.evaluation.dossier import Dossier
from eclaireur.evaluation.suivi import STATUTS, ActionState, status_counts

MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


@dataclass
class ReviewedAction:
    """An action seen at the review, with the evaluation it comes from."""

    state: ActionState
    dossier: Dossier


@dataclass
class EvaluationLine:
    """One evaluation in the review: where it stands, its actions by status, and its own share of the
    review's lists (in the same order), for its page of the review."""

    dossier: Dossier
    counts: dict[str, int]
    overdue: int
    tasks_done: int = 0
    done: list[ReviewedAction] = field(default_factory=list)
    late: list[ReviewedAction] = field(default_factory=list)
    blocked: list[ReviewedAction] = field(default_factory=list)
    stopped: list[ReviewedAction] = field(default_factory=list)
    redirected: list[ReviewedAction] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Review:
    """The fête de l'évaluation of ``year``."""

    year: int
    reference: dt.date
    lines: list[EvaluationLine]
    done: list[ReviewedAction] = field(default_factory=list)
    late: list[ReviewedAction] = field(default_factory=list)
    blocked: list[ReviewedAction] = field(default_factory=list)
    stopped: list[ReviewedAction] = field(default_factory=list)
    redirected: list[ReviewedAction] = field(default_factory=list)
    tasks_per_month: list[int] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys(STATUTS, 0)
        for line in self.lines:
            for status, count in line.counts.items():
                totals[status] += count
        return totals

    @property
    def tasks_done(self) -> int:
        return sum(self.tasks_per_month)


def _in_year(date: dt.date | None, year: int) -> bool:
    return date is not None and date.year == year


def review(dossiers: list[Dossier], year: int, reference: dt.date) -> Review:
    """The review of ``year`` across ``dossiers``, on ``reference``."""
    end = dt.date(year, 12, 31)
    result = Review(year=year, reference=reference, lines=[], tasks_per_month=[0] * 12)
    lines: dict[str, EvaluationLine] = {}
    for dossier in dossiers:
        states = dossier.actions
        line = EvaluationLine(dossier, status_counts(states), sum(1 for s in states if s.overdue))
        result.lines.append(line)
        lines[dossier.id] = line
        for state in states:
            action = state.action
            item = ReviewedAction(state, dossier)
            if state.statut == "réalisée" and _in_year(action.get("date_realisation"), year):
                result.done.append(item)
            elif state.statut == "bloquée":
                result.blocked.append(item)
            elif state.overdue and action["echeance"] <= end:
                result.late.append(item)
            if state.statut == "abandonnée" and _in_year(action.get("date_statut"), year):
                result.stopped.append(item)
            if state.statut == "réorientée" and _in_year(action.get("date_statut"), year):
                result.redirected.append(item)
            for task in state.taches:
                done = task.get("date_realisation")
                if done is not None and done.year == year:
                    result.tasks_per_month[done.month - 1] += 1
                    line.tasks_done += 1
    result.done.sort(key=lambda r: (r.state.action["date_realisation"], r.state.number))
    result.late.sort(key=lambda r: (-r.state.days_late, r.dossier.id, r.state.number))
    for items in (result.blocked, result.stopped, result.redirected):
        items.sort(key=lambda r: (r.dossier.id, r.state.number))
    for name in ("done", "late", "blocked", "stopped", "redirected"):
        for item in getattr(result, name):
            getattr(lines[item.dossier.id], name).append(item)
    return result


def default_year(reference: dt.date) -> int:
    """Without a configured year, the review covers the last full year before the reference date."""
    return reference.year - 1
