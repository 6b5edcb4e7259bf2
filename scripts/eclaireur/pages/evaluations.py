"""Évaluations: the index, and per evaluation its landing page, interim compilation, media and open data.

The final report, the follow-up dashboard and the fête de l'évaluation are built by
:mod:`eclaireur.pages.evaluation_suivi`; this module runs them all from one ``generate``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eclaireur.adresses import compilation_path
from eclaireur.adresses import evaluation_path as landing_path
from eclaireur.errors import DataError
from eclaireur.evaluation import fete, medias
from eclaireur.evaluation.dossier import Dossier, build_dossiers, figure_text
from eclaireur.evaluation.dossier import reference_date as dossier_reference_date
from eclaireur.evaluation.phases import PHASES
from eclaireur.forms.definition import FormDefinition, read_forms
from eclaireur.load import Row
from eclaireur.pages import evaluation_suivi
from eclaireur.pages.base import Asset, BuildContext, Output, Page
from eclaireur.pages.formulaires import form_path
from eclaireur.pages.opendata import neutralise

log = logging.getLogger("eclaireur")

INDEX = "evaluations/index.md"
FETE_OPTION = "fete_evaluation_annee"
OPEN_DATA = ("evaluations", "criteres", "indices", "syntheses", "preconisations", "actions", "taches",
             "contributions_journalistes")
LICENCES = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr"),
    "etalab-2.0": ("Licence Ouverte 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
}


def fete_path(year: int) -> str:
    return f"evaluations/fete-{year}.md"


def reference_date(ctx: BuildContext) -> dt.date:
    """The date overdue actions and open calls are judged on (:func:`eclaireur.evaluation.dossier.reference_date`)."""
    return dossier_reference_date(ctx.config, ctx.dataset)


def fete_year(ctx: BuildContext, reference: dt.date) -> int:
    """The year of the fête de l'évaluation page (option ``fete_evaluation_annee``)."""
    value = ctx.config.options.get(FETE_OPTION)
    if value in (None, ""):
        return fete.default_year(reference)
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 < value < 3000:
        raise DataError(
            f"mkdocs.yml, module eclaireur : {FETE_OPTION} vaut « {value} » ; une année (2025) est attendue."
        )
    return value


def licence(code: str | None) -> dict[str, str]:
    label, link = LICENCES.get(code or "", (code or "", ""))
    return {"label": label, "url": link}


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG file (to reserve its place in the page), None for another format."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


class MediaFiles:
    """The media files a set of pages uses: their site paths, sizes and bytes, read once each."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.used: dict[str, Path] = {}

    def __call__(self, data_path: str | None, where: str) -> dict[str, Any] | None:
        """The published file of ``data_path`` (a column value), or a French error naming ``where``."""
        if not data_path:
            return None
        path = medias.data_file(self.data_dir, data_path)
        if path is None or not path.is_file():
            raise DataError(
                f"{where} : le fichier « {data_path} » est introuvable dans data/. Ajoutez-le ou corrigez le chemin "
                "(« eclaireur check » le signale aussi)."
            )
        target = medias.site_path(data_path)
        self.used[target] = path
        size = path.stat().st_size
        dims = png_size(path)
        return {
            "path": target,
            "size": medias.human_size(size),
            "mime": medias.MIME_TYPES.get(path.suffix.lower(), "application/octet-stream"),
            "format": path.suffix.lower().lstrip(".").upper(),
            "width": dims[0] if dims else None,
            "height": dims[1] if dims else None,
        }

    def assets(self) -> Iterator[Asset]:
        for target, path in sorted(self.used.items()):
            yield Asset(target, path.read_bytes())


def evidence_view(row: Row, media: MediaFiles) -> dict[str, Any]:
    """An evidence item with its files resolved for the templates."""
    where = f"data/indices.csv, indice « {row['id']} »"
    return {
        "row": row,
        "file": media(row.get("fichier"), where),
        "poster": media(row.get("affiche"), where),
        "captions": media(row.get("sous_titres"), where),
        "licence": licence(row.get("licence")),
        "figure": figure_text(row.get("valeur"), row.get("unite")),
    }


def group_view(group: Any, media: MediaFiles) -> dict[str, Any]:
    synthese = group.synthese
    view: dict[str, Any] = {"critere": group.critere, "synthese": synthese, "video": None}
    if synthese is not None:
        where = f"data/syntheses.csv, synthèse du critère « {group.critere['id']} »"
        view["video"] = media(synthese.get("video"), where)
        view["poster"] = media(synthese.get("affiche"), where)
        view["captions"] = media(synthese.get("sous_titres"), where)
        view["licence"] = licence(synthese.get("licence"))
    items = [evidence_view(row, media) for row in group.indices]
    for kind in ("chiffre", "photo", "vidéo", "son", "témoignage", "texte"):
        view[kind] = [item for item in items if item["row"]["type"] == kind]
    view["count"] = len(items)
    view["report"] = [item for item in items if item["row"].get("rapport")]
    return view


def _forms(ctx: BuildContext, reference: dt.date, wanted: Callable[[FormDefinition], bool]) -> list[dict[str, str]]:
    forms, _ = read_forms(ctx.config.data_dir)
    return [
        {"title": form.title, "path": form_path(form.id), "state": form.state(reference)}
        for form in forms
        if wanted(form)
    ]


def contribution_forms(ctx: BuildContext, evaluation_id: str, reference: dt.date) -> list[dict[str, str]]:
    """The forms of the forms stage attached to this evaluation (``rattachement: evaluation: <id>``)."""
    return _forms(ctx, reference, lambda form: form.belongs_to.get("evaluation") == evaluation_id)


def fete_forms(ctx: BuildContext, reference: dt.date) -> list[dict[str, str]]:
    """Registration forms of a coming fête de l'évaluation (forms whose id starts with ``fete-evaluation``)."""
    return _forms(ctx, reference,
                  lambda form: form.id.startswith("fete-evaluation") and form.state(reference) != "fermé")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return neutralise(str(value))


def draws_by_evaluation(ctx: BuildContext) -> dict[str, list[Any]]:
    """The published draws (``data/tirages/``) whose ``lien`` names a page of an evaluation, by evaluation id
    (the conclave des préconisations of a finished evaluation, for instance)."""
    from eclaireur.pages.tirage import published_draws

    found: dict[str, list[Any]] = {}
    for draw in published_draws(ctx.config.data_dir):
        parts = str(draw.doc.get("lien") or "").split("/")
        if len(parts) >= 3 and parts[0] == "evaluations":
            found.setdefault(parts[1], []).append(draw)
    return found


def open_data_files(ctx: BuildContext, dossier: Dossier) -> list[dict[str, Any]]:
    """The rows of every resource behind this evaluation's pages, one CSV each (withheld evidence left out)."""
    eid = dossier.id
    reco_ids = {item.preconisation["id"] for item in dossier.plan}
    action_ids = {state.action["id"] for state in dossier.actions}
    published_ids = {row["id"] for row in dossier.indices}
    keep = {
        "evaluations": lambda r: r["id"] == eid,
        "criteres": lambda r: r["evaluation"] == eid,
        "indices": lambda r: r["id"] in published_ids,
        "syntheses": lambda r: r["evaluation"] == eid,
        "preconisations": lambda r: r["id"] in reco_ids,
        "actions": lambda r: r["id"] in action_ids,
        "taches": lambda r: r["action"] in action_ids,
        "contributions_journalistes": lambda r: r["evaluation"] == eid,
    }
    files = []
    for name in OPEN_DATA:
        if name not in ctx.dataset.schemas:
            continue
        rows = [row for row in ctx.dataset.rows(name) if keep[name](row)]
        if not rows:
            continue
        fields = [f["name"] for f in ctx.dataset.schemas[name].get("fields", [])]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(fields)
        for row in rows:
            writer.writerow([_cell(row.get(field)) for field in fields])
        resource = ctx.dataset.resource(name)
        files.append({
            "name": name,
            "title": resource.get("title", name),
            "path": f"evaluations/{eid}/donnees/{name}.csv",
            "rows": len(rows),
            "data": out.getvalue().encode("utf-8"),
        })
    return files


def generate(ctx: BuildContext) -> Iterator[Output]:
    data = ctx.dataset
    if not data.rows("evaluations"):
        return
    reference = reference_date(ctx)
    year = fete_year(ctx, reference)
    dossiers = build_dossiers(data, reference)
    media = MediaFiles(ctx.config.data_dir)
    review = fete.review(dossiers, year, reference)
    draws = draws_by_evaluation(ctx)
    common = {"reference": reference, "fete": {"year": year, "path": fete_path(year)}, "phases": PHASES,
              "collectivite": (data.rows("collectivite") or [{}])[0], "fete_forms": fete_forms(ctx, reference)}

    prints: dict[str, bytes] = {}
    if ctx.config.options.get("print_enabled", True) is not False:
        from eclaireur.evaluation.impression import evaluation_prints

        prints = evaluation_prints(ctx.config, data, dossiers)
    yield Page(
        INDEX,
        "Évaluations",
        ctx.render("evaluation-index.html.j2", page=INDEX, dossiers=dossiers, review=review, **common),
        description="Les évaluations des politiques publiques de la ville : indices, rapports, plans d’actions "
        "et leur suivi.",
    )
    for dossier in dossiers:
        eid = dossier.id
        groups = [group_view(group, media) for group in dossier.groups]
        files = open_data_files(ctx, dossier)
        forms = contribution_forms(ctx, eid, reference)
        pages = evaluation_suivi.page_links(dossier)
        context = {"dossier": dossier, "evaluation": dossier.evaluation, "theme": dossier.theme or {},
                   "groups": groups, "forms": forms, "links": pages, "files": files, "draws": draws.get(eid, []),
                   **common}
        yield Page(
            landing_path(eid),
            dossier.evaluation["titre"],
            ctx.render("evaluation-accueil.html.j2", page=landing_path(eid), **context),
            description=dossier.evaluation["resume"],
        )
        if dossier.has_compilation:
            yield Page(
                compilation_path(eid),
                f"Compilation intermédiaire : {dossier.evaluation['titre']}",
                ctx.render("evaluation-compilation.html.j2", page=compilation_path(eid), **context),
                description=f"Les indices collectés par l’évaluation « {dossier.evaluation['titre']} », classés par "
                "critère.",
            )
        yield from evaluation_suivi.generate_for(ctx, context, prints)
        for item in files:
            yield Asset(item["path"], item["data"])
    yield from evaluation_suivi.generate_fete(ctx, review, common)
    yield from media.assets()
