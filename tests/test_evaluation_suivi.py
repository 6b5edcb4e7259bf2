"""The follow-up table: overdue actions on the reference date, task progress, the yearly review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eclaireur.evaluation import fete, suivi
from eclaireur.evaluation.dossier import Dossier, build_dossiers, figure_text
from eclaireur.evaluation.phases import timeline
from eclaireur.load import load_dataset
from test_evaluation_helpers import demo_repo

REFERENCE = dt.date(2026, 1, 31)


def action(statut: str, echeance: str, **extra: Any) -> dict[str, Any]:
    return {"id": "a", "preconisation": "p", "ordre": 1, "libelle": "Action", "statut": statut,
            "date_debut": dt.date(2025, 1, 1), "echeance": dt.date.fromisoformat(echeance), **extra}


@pytest.mark.parametrize(
    ("statut", "echeance", "expected"),
    [
        ("en cours", "2026-01-30", True),  # due the day before the reference date
        ("en cours", "2026-01-31", False),  # due on the reference date: not late yet
        ("en cours", "2026-02-01", False),
        ("retenue", "2025-12-31", True),
        ("bloquée", "2025-04-30", True),  # blocked is still a commitment
        ("proposée", "2025-04-30", False),  # never adopted by the final committee
        ("réalisée", "2025-04-30", False),
        ("abandonnée", "2025-04-30", False),
        ("réorientée", "2025-04-30", False),
    ],
)
def test_overdue_on_the_reference_date(statut: str, echeance: str, expected: bool) -> None:
    assert suivi.is_overdue(action(statut, echeance), REFERENCE) is expected


def test_days_late_and_done_late() -> None:
    assert suivi.days_late(action("en cours", "2025-12-31"), REFERENCE) == 31
    assert suivi.days_late(action("réalisée", "2025-12-31"), REFERENCE) == 0
    late = action("réalisée", "2025-03-31", date_realisation=dt.date(2025, 4, 14))
    assert suivi.done_late(late) and not suivi.done_late(action("réalisée", "2025-03-31",
                                                                  date_realisation=dt.date(2025, 3, 31)))


def test_task_progress_and_reminders() -> None:
    tasks = [
        {"id": "t1", "action": "a", "echeance": dt.date(2025, 2, 1), "date_realisation": dt.date(2025, 2, 2),
         "relances": [dt.date(2025, 2, 1)]},
        {"id": "t2", "action": "a", "echeance": dt.date(2025, 3, 1), "date_realisation": None,
         "relances": [dt.date(2025, 3, 5), dt.date(2025, 4, 5)]},
        {"id": "t3", "action": "a", "echeance": dt.date(2026, 3, 1), "date_realisation": None, "relances": None},
    ]
    state = suivi.ActionState(action("en cours", "2026-06-30"), {"ordre": 1}, tasks, REFERENCE, "1.1")
    assert (state.tasks_done, state.tasks_overdue, state.reminders) == (1, 1, 3)
    assert state.progress == pytest.approx(1 / 3)
    assert not state.overdue


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> list[Dossier]:
    root = demo_repo(tmp_path_factory.mktemp("suivi") / "depot")
    return build_dossiers(load_dataset(root / "data"), REFERENCE, announce=False)


def by_id(dossiers: list[Dossier], eid: str) -> Dossier:
    return next(d for d in dossiers if d.id == eid)


def test_demo_follow_up_counts(dossiers: list[Dossier]) -> None:
    bp = by_id(dossiers, "budget-participatif")
    counts = suivi.status_counts(bp.actions)
    assert counts == {"proposée": 0, "retenue": 1, "en cours": 4, "réalisée": 6, "abandonnée": 1,
                      "réorientée": 1, "bloquée": 1}
    late = suivi.overdue(bp.actions)
    assert [(s.number, s.days_late) for s in late] == [("2.2", 276), ("1.4", 215), ("4.2", 62), ("2.4", 31)]
    assert not by_id(dossiers, "plan-velo").actions


def test_phase_timeline(dossiers: list[Dossier]) -> None:
    steps = timeline(by_id(dossiers, "plan-velo").evaluation)
    assert [s.state for s in steps] == ["passée"] * 3 + ["en cours"] + ["à venir"] * 4
    assert steps[3].date == dt.date(2026, 1, 12)
    assert by_id(dossiers, "plan-velo").call_open and not by_id(dossiers, "budget-participatif").call_open


def test_call_closes_after_its_date(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot")
    later = build_dossiers(load_dataset(root / "data"), dt.date(2026, 3, 16), announce=False)
    assert not by_id(later, "plan-velo").call_open


def test_fete_review_of_2025(dossiers: list[Dossier]) -> None:
    review = fete.review(dossiers, 2025, REFERENCE)
    assert [r.state.number for r in review.done] == ["3.1", "2.3"]
    assert [r.state.number for r in review.late] == ["1.4", "4.2", "2.4"]
    assert [r.state.number for r in review.blocked] == ["2.2"]
    assert [r.state.number for r in review.stopped] == ["3.3"]
    assert [r.state.number for r in review.redirected] == ["1.3"]
    assert review.tasks_done == 13 and len(review.tasks_per_month) == 12
    assert fete.review(dossiers, 2024, REFERENCE).done and fete.default_year(REFERENCE) == 2025


def test_each_evaluation_has_its_share_of_the_review(tmp_path: Path) -> None:
    """The lists of each evaluation's page are the review's lists cut by evaluation, in the same order."""
    from eclaireur.evaluation.bench import add_evaluations

    root = demo_repo(tmp_path / "depot")
    add_evaluations(root / "data", 3, 30, 40)
    review = fete.review(build_dossiers(load_dataset(root / "data"), REFERENCE, announce=False), 2025, REFERENCE)
    assert len(review.lines) == 3 and all(line.total for line in review.lines)
    for name in ("done", "late", "blocked", "stopped", "redirected"):
        everything = getattr(review, name)
        assert sum(len(getattr(line, name)) for line in review.lines) == len(everything)
        for line in review.lines:
            assert getattr(line, name) == [item for item in everything if item.dossier.id == line.dossier.id]
    assert sum(line.tasks_done for line in review.lines) == review.tasks_done > 0


def test_figures_are_written_the_french_way() -> None:
    assert figure_text(2.9, "%") == "2,9\u00a0%"
    assert figure_text(2910, "votants") == "2\u202f910\u00a0votants"
    assert figure_text(None, "km") == ""
