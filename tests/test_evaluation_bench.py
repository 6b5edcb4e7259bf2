"""The evaluation benchmark's synthetic data is a valid package of the requested size."""

from __future__ import annotations

from pathlib import Path

from eclaireur.check.run import check_path
from eclaireur.evaluation.bench import EvaluationRun, add_evaluations, table
from test_evaluation_helpers import demo_repo


def test_synthetic_evaluations_are_valid(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot")
    counts = add_evaluations(root / "data", 3, 40, 25)
    assert (counts["evaluations"], counts["indices"], counts["actions"]) == (3, 40, 25)
    assert counts["taches"] > counts["actions"]
    report = check_path(root, root=root)
    assert report.valid, [f"{p.file}:{p.line} {p.message}" for p in report.problems][:5]


def test_table_reports_the_cost_per_added_page() -> None:
    runs = [EvaluationRun(5, 1250, 500, 1290, 194, 22, 30.0, 200.0, 20.0),
            EvaluationRun(10, 2500, 1000, 2580, 214, 42, 40.0, 300.0, 30.0)]
    text = table(runs)
    assert "De 5 à 10 évaluations : 500 ms par page d’évaluation ajoutée" in text
    assert "30,0 s" in text and "200 Mio" in text
