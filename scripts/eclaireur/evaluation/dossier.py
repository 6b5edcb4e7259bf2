"""One evaluation's records, grouped the way its pages and its newspaper read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eclaireur import fr
from eclaireur.config import EngineConfig
from eclaireur.errors import DataError
from eclaireur.evaluation import phases, suivi
from eclaireur.evaluation.publication import split_published
from eclaireur.load import Dataset, Row, group_rows

EVIDENCE_ORDER = ("chiffre", "photo", "vidéo", "son", "témoignage", "texte")


@dataclass
class CriterionGroup:
    """A criterion of the evaluation, its synthesis and its published evidence, by kind."""

    critere: Row
    synthese: Row | None
    indices: list[Row] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Row]:
        return [row for row in self.indices if row["type"] in kinds]

    @property
    def in_report(self) -> list[Row]:
        return [row for row in self.indices if row.get("rapport")]


@dataclass
class Dossier:
    """Everything published about one evaluation."""

    evaluation: Row
    theme: Row | None
    elu: Row | None
    groups: list[CriterionGroup]
    withheld: list[Row]
    plan: list[suivi.PlanItem]
    articles: list[Row]
    reference: dt.date

    @property
    def id(self) -> str:
        return str(self.evaluation["id"])

    @property
    def indices(self) -> list[Row]:
        return [row for group in self.groups for row in group.indices]

    @property
    def actions(self) -> list[suivi.ActionState]:
        return suivi.all_actions(self.plan)

    @property
    def timeline(self) -> list[phases.Step]:
        return phases.timeline(self.evaluation)

    @property
    def phase(self) -> phases.Phase:
        return phases.current_phase(self.evaluation)

    @property
    def phase_number(self) -> int:
        """1 for cadrage, 8 for suivi."""
        return phases.phase_index(self.evaluation) + 1

    @property
    def has_report(self) -> bool:
        """The desirable report is published once the final steering committee has adopted the plan."""
        return phases.reached(self.evaluation, "comité final")

    @property
    def has_compilation(self) -> bool:
        return phases.reached(self.evaluation, "compilation") and bool(self.indices)

    @property
    def has_follow_up(self) -> bool:
        return bool(self.actions)

    @property
    def call_open(self) -> bool:
        return call_open(self.evaluation, self.reference)

    def kind_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(EVIDENCE_ORDER, 0)
        for row in self.indices:
            counts[row["type"]] += 1
        return {k: v for k, v in counts.items() if v}


def call_open(evaluation: Row, reference: dt.date) -> bool:
    """The call for contributions is shown while there is one, the report is not begun and its closing date
    is not passed on the reference date."""
    closes = evaluation.get("appel_date_limite")
    if not evaluation.get("appel_contributions") or phases.reached(evaluation, "rapport"):
        return False
    return closes is None or closes >= reference


def reference_date(config: EngineConfig, data: Dataset) -> dt.date:
    """The date overdue actions and open calls are judged on: ``reference_date`` of the configuration, or
    the data date of the authority (``collectivite.date_donnees``), never today's date."""
    if config.reference_date is not None:
        return config.reference_date
    collectivite = (data.rows("collectivite") or [{}])[0]
    if isinstance(collectivite.get("date_donnees"), dt.date):
        return collectivite["date_donnees"]
    raise DataError(
        "mkdocs.yml : indiquez « reference_date: AAAA-MM-JJ » dans les options du module eclaireur ; les "
        "retards du tableau de suivi des évaluations sont calculés à cette date, pour que le site soit "
        "reproductible."
    )


def evaluations(data: Dataset) -> list[Row]:
    """The evaluations, the most recently started first."""
    return sorted(data.rows("evaluations"), key=lambda e: (e["date_cadrage"], e["id"]), reverse=True)


def build_dossiers(data: Dataset, reference: dt.date, *, announce: bool = True) -> list[Dossier]:
    """One :class:`Dossier` per evaluation; withheld evidence is logged once (``announce``)."""
    themes = data.index("themes")
    elus = data.index("elus")
    criteres_by_eval = group_rows(data.rows("criteres"), "evaluation")
    syntheses = {(s["evaluation"], s["critere"]): s for s in data.rows("syntheses")}
    indices_by_eval = group_rows(data.rows("indices"), "evaluation")
    recos_by_eval = group_rows(data.rows("preconisations"), "evaluation")
    articles_by_eval = group_rows(data.rows("contributions_journalistes"), "evaluation")
    actions = data.rows("actions")
    taches = data.rows("taches")
    dossiers = []
    for evaluation in evaluations(data):
        eid = evaluation["id"]
        criteres = sorted(criteres_by_eval[eid], key=lambda c: (c["ordre"], c["id"]))
        published, withheld = split_published(
            sorted(indices_by_eval[eid], key=lambda i: (i["critere"], i["ordre"], i["id"])), announce=announce
        )
        by_criterion = group_rows(published, "critere")
        groups = [
            CriterionGroup(
                critere,
                syntheses.get((eid, critere["id"])),
                sorted(by_criterion[critere["id"]], key=lambda i: (i["ordre"], i["id"])),
            )
            for critere in criteres
        ]
        recos = recos_by_eval[eid]
        reco_ids = {r["id"] for r in recos}
        own_actions = [a for a in actions if a["preconisation"] in reco_ids]
        action_ids = {a["id"] for a in own_actions}
        dossiers.append(
            Dossier(
                evaluation=evaluation,
                theme=themes.get(evaluation["theme"]),
                elu=elus.get(evaluation.get("elu_commanditaire")),
                groups=groups,
                withheld=withheld,
                plan=suivi.plan(recos, own_actions, [t for t in taches if t["action"] in action_ids],
                                {c["id"]: c for c in criteres}, reference),
                articles=sorted(articles_by_eval[eid], key=lambda a: (a["date"], a["id"])),
                reference=reference,
            )
        )
    return dossiers


def figure_text(value: float | int | None, unit: str | None) -> str:
    """A key figure as printed: ``2.9, '%'`` -> ``2,9 %``; ``2910, 'votants'`` -> ``2 910 votants``."""
    if value is None:
        return ""
    number = float(value)
    decimals = 0 if number.is_integer() else (1 if round(number, 1) == round(number, 2) else 2)
    text = fr.nombre(number, decimals)
    return f"{text}{fr.NBSP}{unit}" if unit else text


def excerpt(text: str, limit: int = 120) -> str:
    """The first sentences of ``text`` up to about ``limit`` characters (a pull quote)."""
    out = ""
    for sentence in text.replace(". ", ".\n").split("\n"):
        candidate = f"{out} {sentence}".strip()
        if out and len(candidate) > limit:
            break
        out = candidate
    return out if len(out) <= limit * 1.6 else out[: int(limit * 1.5)].rsplit(" ", 1)[0] + "…"
