"""Evaluation benchmark: build time and peak memory with many evaluations, evidence items and actions.

A synthetic authority is the demo repository whose evaluations are copied until there are ``n``
evaluations, spreading ``indices`` evidence items and ``actions`` actions (with their tasks) evenly over
them. Every copy keeps its evaluation's density, so the build cost per page must stay flat when the number
of evaluations grows (the target: 20 evaluations, 5 000 evidence items, 2 000 actions). The newspaper and
the A3 follow-up table are timed separately, in process, as the print benchmark does.
"""

from __future__ import annotations

import csv
import io
import itertools
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from eclaireur.bench.synthetic import make_synthetic, set_plugin_option
from eclaireur.bench.timing import measure
from eclaireur.errors import EclaireurError

Record = dict[str, str]
SCALES: tuple[tuple[int, int, int], ...] = ((5, 1250, 500), (10, 2500, 1000), (20, 5000, 2000))


def _read(path: Path) -> tuple[list[str], list[Record]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fields: list[str], records: list[Record]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def _by(records: list[Record], key: str) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        grouped[record[key]].append(record)
    return grouped


def add_evaluations(data: Path, evaluations: int, indices: int, actions: int) -> dict[str, int]:
    """Replace the evaluations of the package in ``data`` by ``evaluations`` copies of the finished demo
    evaluation (the one with an action plan), with ``indices`` evidence items and ``actions`` actions."""
    tables = {name: _read(data / f"{name}.csv") for name in
              ("evaluations", "criteres", "indices", "syntheses", "preconisations", "actions", "taches",
               "contributions_journalistes")}
    recos_by_eval = _by(tables["preconisations"][1], "evaluation")
    model = next((e for e in tables["evaluations"][1] if recos_by_eval.get(e["id"])), None)
    if model is None:
        raise EclaireurError("Banc d'essai : aucune évaluation de démonstration n'a de plan d'actions à copier.")
    mid = model["id"]
    model_indices = [r for r in tables["indices"][1] if r["evaluation"] == mid and r["publie"] == "true"]
    model_recos = recos_by_eval[mid]
    actions_by_reco = _by(tables["actions"][1], "preconisation")
    tasks_by_action = _by(tables["taches"][1], "action")
    out: dict[str, list[Record]] = {name: [] for name in tables}
    per_eval_indices = [indices // evaluations + (1 if k < indices % evaluations else 0) for k in range(evaluations)]
    per_eval_actions = [actions // evaluations + (1 if k < actions % evaluations else 0) for k in range(evaluations)]
    for k in range(evaluations):
        eid = f"{mid}-s{k + 1}"
        out["evaluations"].append(dict(model, id=eid, titre=f"{model['titre']} (copie {k + 1})"))
        for name in ("criteres", "syntheses", "contributions_journalistes"):
            for record in tables[name][1]:
                if record["evaluation"] == mid:
                    copy = dict(record, evaluation=eid)
                    if name == "contributions_journalistes":
                        copy["id"] = f"{record['id']}-s{k + 1}"
                    out[name].append(copy)
        for j in range(per_eval_indices[k]):
            source = model_indices[j % len(model_indices)]
            out["indices"].append(dict(source, id=f"{source['id']}-s{k + 1}-{j}", evaluation=eid, ordre=str(j + 1)))
        for reco in model_recos:
            out["preconisations"].append(dict(reco, id=f"{reco['id']}-s{k + 1}", evaluation=eid))
        model_actions = [(reco, a) for reco in model_recos for a in actions_by_reco[reco["id"]]]
        for j in range(per_eval_actions[k]):
            reco, source = model_actions[j % len(model_actions)]
            aid = f"{source['id']}-s{k + 1}-{j}"
            out["actions"].append(dict(source, id=aid, preconisation=f"{reco['id']}-s{k + 1}", ordre=str(j + 1)))
            for t, task in enumerate(tasks_by_action[source["id"]]):
                out["taches"].append(dict(task, id=f"{aid}-t{t}", action=aid))
    for name, (fields, _) in tables.items():
        _write(data / f"{name}.csv", fields, out[name])
    return {name: len(records) for name, records in out.items()}


@dataclass(frozen=True)
class EvaluationRun:
    evaluations: int
    indices: int
    actions: int
    taches: int
    pages: int
    evaluation_pages: int
    build_s: float
    build_peak_mib: float
    print_s: float

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.build_s / self.pages

    def to_dict(self) -> dict[str, Any]:
        return dict(asdict(self), ms_per_page=self.ms_per_page)


def time_print(repo: Path) -> float:
    """Seconds to lay out every newspaper and A3 follow-up table of the repository (fresh cache)."""
    from eclaireur.config import load_config
    from eclaireur.evaluation.impression import evaluation_prints
    from eclaireur.load import load_dataset

    config = load_config(repo)
    dataset = load_dataset(config.data_dir, config.datapackage_path)
    if config.reference_date is None:
        raise EclaireurError("Banc d'essai : reference_date manque dans mkdocs.yml.")
    started = time.perf_counter()
    evaluation_prints(config, dataset)
    return time.perf_counter() - started


def run_evaluation_benchmark(source: Path, scales: tuple[tuple[int, int, int], ...] = SCALES,
                             workdir: Path | None = None) -> list[EvaluationRun]:
    """Build the demo site with each scale of evaluations; the demo projects are kept as they are."""
    results = []
    with tempfile.TemporaryDirectory(prefix="eclaireur-bench-evaluations-", dir=workdir) as tmp:
        for evaluations, indices, actions in scales:
            repo = Path(tmp) / f"evaluations-{evaluations}"
            make_synthetic(source, repo, 1)
            counts = add_evaluations(repo / "data", evaluations, indices, actions)
            set_plugin_option(repo, "print_enabled", False)
            build = measure([sys.executable, "-m", "eclaireur", "build", "--root", str(repo)], repo)
            if build.returncode != 0:
                raise EclaireurError(f"eclaireur build a échoué (code {build.returncode}) :\n{build.output[-2000:]}")
            pages = sum(1 for _ in (repo / "site").rglob("index.html"))
            evaluation_pages = sum(1 for _ in (repo / "site" / "evaluations").rglob("index.html"))
            results.append(EvaluationRun(evaluations, counts["indices"], counts["actions"], counts["taches"], pages,
                                         evaluation_pages, build.seconds, build.peak_mib, time_print(repo)))
    return results


def table(runs: list[EvaluationRun]) -> str:
    """The runs as a French text table."""
    lines = ["Évaluations (site sans PDF, puis journaux et tableaux A3 à part) :",
             "évaluations  indices  actions  tâches  pages  dont évaluations  construction  ms/page  mémoire max  "
             "journaux + A3"]
    for r in runs:
        lines.append(f"{r.evaluations:11d} {r.indices:8d} {r.actions:8d} {r.taches:7d} {r.pages:6d} "
                     f"{r.evaluation_pages:17d} {r.build_s:11.1f} s {r.ms_per_page:8.1f} {r.build_peak_mib:8.0f} Mio "
                     f"{r.print_s:10.1f} s")
    for before, after in itertools.pairwise(runs):
        extra = after.evaluation_pages - before.evaluation_pages
        if extra > 0:
            lines.append(f"De {before.evaluations} à {after.evaluations} évaluations : "
                         f"{1000 * (after.build_s - before.build_s) / extra:.0f} ms par page d’évaluation ajoutée.")
    lines.append("Linéaire quand le coût par page ajoutée reste le même d’une échelle à l’autre.")
    return "\n".join(lines).replace(".", ",")
