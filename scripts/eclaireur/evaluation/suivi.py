"""The follow-up table: actions with their tasks, task progress, counts by status, overdue actions.

Everything is computed relative to a *reference date* taken from the configuration (``reference_date`` of
the ``eclaireur`` plugin in mkdocs.yml), never from the clock, so that two builds of the same data give the
same pages.

An action is **overdue** on the reference date when its due date (``echeance``) is strictly before the
reference date and it is still open: ``retenue``, ``en cours`` or ``bloquée``. A ``proposée`` action was not
adopted by the final steering committee, so it has no commitment to be late on; a ``réalisée``,
``abandonnée`` or ``réorientée`` action is closed. A task is overdue when it has no done date and its due
date is before the reference date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from eclaireur.load import Row

STATUTS: tuple[str, ...] = ("proposée", "retenue", "en cours", "réalisée", "abandonnée", "réorientée", "bloquée")
OPEN_STATUSES = frozenset({"retenue", "en cours", "bloquée"})
CLOSED_STATUSES = frozenset({"réalisée", "abandonnée", "réorientée"})
NOT_DONE_STATUSES = frozenset({"abandonnée", "réorientée", "bloquée"})
STATUS_COLOURS: dict[str, str] = {
    "proposée": "#8a9099",
    "retenue": "#5b3a8a",
    "en cours": "#1d4e89",
    "réalisée": "#2e6b3a",
    "abandonnée": "#4a4f57",
    "réorientée": "#b35c00",
    "bloquée": "#a3122a",
}


def is_overdue(action: Row, reference: dt.date) -> bool:
    """True when ``action`` is still open and its due date is before ``reference``."""
    return action["statut"] in OPEN_STATUSES and action["echeance"] < reference


def days_late(action: Row, reference: dt.date) -> int:
    """Days between the due date and ``reference`` for an overdue action, 0 otherwise."""
    return (reference - action["echeance"]).days if is_overdue(action, reference) else 0


def done_late(action: Row) -> bool:
    """True for an action done after its due date."""
    done = action.get("date_realisation")
    return action["statut"] == "réalisée" and done is not None and done > action["echeance"]


def task_overdue(task: Row, reference: dt.date) -> bool:
    return task.get("date_realisation") is None and task["echeance"] < reference


@dataclass
class ActionState:
    """One action of the follow-up table, its tasks and where it stands on the reference date."""

    action: Row
    preconisation: Row
    taches: list[Row]
    reference: dt.date
    number: str = ""

    @property
    def statut(self) -> str:
        return str(self.action["statut"])

    @property
    def overdue(self) -> bool:
        return is_overdue(self.action, self.reference)

    @property
    def days_late(self) -> int:
        return days_late(self.action, self.reference)

    @property
    def done_late(self) -> bool:
        return done_late(self.action)

    @property
    def tasks_done(self) -> int:
        return sum(1 for t in self.taches if t.get("date_realisation") is not None)

    @property
    def tasks_overdue(self) -> int:
        return sum(1 for t in self.taches if task_overdue(t, self.reference))

    @property
    def reminders(self) -> int:
        return sum(len(t.get("relances") or []) for t in self.taches)

    @property
    def progress(self) -> float:
        """Share of tasks done (1.0 for a done action without tasks)."""
        if not self.taches:
            return 1.0 if self.statut == "réalisée" else 0.0
        return self.tasks_done / len(self.taches)


@dataclass
class PlanItem:
    """A recommendation and its actions."""

    preconisation: Row
    critere: Row | None
    actions: list[ActionState] = field(default_factory=list)


def plan(preconisations: list[Row], actions: list[Row], taches: list[Row], criteres: dict[str, Row],
         reference: dt.date) -> list[PlanItem]:
    """Recommendations (in report order) with their actions (in order) and each action's tasks (by due date)."""
    tasks_by_action: dict[str, list[Row]] = defaultdict(list)
    for task in taches:
        tasks_by_action[task["action"]].append(task)
    actions_by_reco: dict[str, list[Row]] = defaultdict(list)
    for action in actions:
        actions_by_reco[action["preconisation"]].append(action)
    items = []
    for reco in sorted(preconisations, key=lambda p: (p["ordre"], p["id"])):
        item = PlanItem(reco, criteres.get(reco["critere"]))
        for action in sorted(actions_by_reco[reco["id"]], key=lambda a: (a["ordre"], a["id"])):
            tasks = sorted(tasks_by_action[action["id"]], key=lambda t: (t["echeance"], t["id"]))
            number = f"{reco['ordre']}.{action['ordre']}"
            item.actions.append(ActionState(action, reco, tasks, reference, number))
        items.append(item)
    return items


def all_actions(items: list[PlanItem]) -> list[ActionState]:
    return [state for item in items for state in item.actions]


def status_counts(states: list[ActionState]) -> dict[str, int]:
    """Number of actions per status, every status present, in the order of :data:`STATUTS`."""
    counts = dict.fromkeys(STATUTS, 0)
    for state in states:
        counts[state.statut] += 1
    return counts


def overdue(states: list[ActionState]) -> list[ActionState]:
    """Overdue actions, the latest first."""
    return sorted((s for s in states if s.overdue), key=lambda s: (-s.days_late, s.number))
