"""The phases of an evaluation, in order, and where a given evaluation stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eclaireur.load import Row


@dataclass(frozen=True)
class Phase:
    """One phase: the value of the ``phase`` field, its label, its date column and what happens in it."""

    key: str
    label: str
    date_field: str
    description: str


PHASES: tuple[Phase, ...] = (
    Phase("cadrage", "Cadrage", "date_cadrage",
          "Le comité de pilotage de lancement réunit l’évaluateur, les élus et les services concernés : périmètre, "
          "questions évaluatives, critères et calendrier."),
    Phase("collecte", "Collecte des indices", "date_collecte",
          "L’évaluateur part en enquête et recueille des indices de toute nature : écrits, chiffres, photos, sons, "
          "vidéos, témoignages."),
    Phase("compilation", "Compilation intermédiaire", "date_compilation",
          "Les indices sont classés par critère, chaque groupe ouvert par une synthèse. Le comité de pilotage "
          "intermédiaire en débat, puis la compilation est publiée."),
    Phase("enquête", "Enquête distribuée", "date_enquete",
          "La compilation est en ligne et chacun peut y contribuer ; les agents au contact du public relaient "
          "l’appel et recueillent de nouveaux témoignages."),
    Phase("rapport", "Rapport final", "date_rapport",
          "L’évaluateur rédige son rapport ; avec l’applicateur, il en tire une première liste de préconisations."),
    Phase("conclave", "Conclave des préconisations", "date_conclave",
          "Des agents tirés au sort dans les services concernés traduisent les préconisations en actions concrètes, "
          "une journée durant, sans élus ni directeurs."),
    Phase("comité final", "Comité de pilotage final", "date_comite_final",
          "Le comité choisit les actions parmi celles proposées, sans remettre en cause le diagnostic ; "
          "des journalistes y assistent et en rendent compte."),
    Phase("suivi", "Suivi du plan d’actions", "date_suivi",
          "L’applicateur suit chaque action et ses tâches, relance, et en rend compte chaque année à la fête "
          "de l’évaluation."),
)
PHASE_KEYS: tuple[str, ...] = tuple(p.key for p in PHASES)
PASSED, CURRENT, UPCOMING = "passée", "en cours", "à venir"


@dataclass(frozen=True)
class Step:
    """A phase of one evaluation: its date (planned or actual) and its state."""

    phase: Phase
    date: dt.date | None
    state: str

    @property
    def current(self) -> bool:
        return self.state == CURRENT


def phase_index(evaluation: Row) -> int:
    """Position of the evaluation's current phase (0 for cadrage)."""
    return PHASE_KEYS.index(evaluation["phase"])


def reached(evaluation: Row, key: str) -> bool:
    """True when the evaluation is at phase ``key`` or beyond."""
    return phase_index(evaluation) >= PHASE_KEYS.index(key)


def timeline(evaluation: Row) -> list[Step]:
    """Every phase of ``evaluation`` with its date and whether it is passed, current or to come."""
    now = phase_index(evaluation)
    steps = []
    for i, phase in enumerate(PHASES):
        state = PASSED if i < now else CURRENT if i == now else UPCOMING
        steps.append(Step(phase, evaluation.get(phase.date_field), state))
    return steps


def current_phase(evaluation: Row) -> Phase:
    return PHASES[phase_index(evaluation)]
