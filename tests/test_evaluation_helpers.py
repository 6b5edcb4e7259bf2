"""Helpers of the evaluation tests (no test here): a small repository made of the demo evaluations.

The repository keeps only the resources the evaluations need (the authority, the themes, the elected
officials and the evaluation resources), so that the tests do not depend on the rest of the demo data;
fixture files from ``tests/fixtures/evaluation/`` can replace some of them.

:data:`WITHHELD_TESTIMONY` is the testimony the demo once kept in ``data/indices.csv`` without consent; the
rule of ``eclaireur check`` now keeps such a testimony out of the repository, and the tests add it back to
a copy to check both that rule and the build's own refusal to publish it (a build without the check).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from helpers import REPO

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "evaluation"
EVALUATION_RESOURCES = ("evaluations", "criteres", "indices", "syntheses", "preconisations", "actions", "taches",
                        "contributions_journalistes")
NEEDED = ("collectivite", "commissions", "themes", "groupes", "elus", *EVALUATION_RESOURCES)


WITHHELD_TESTIMONY = {
    "id": "pv-temoignage-livreur", "evaluation": "plan-velo", "critere": "securite", "ordre": "4",
    "type": "témoignage", "titre": "Un livreur sur le giratoire des Tanneries",
    "texte": "Je fais soixante kilomètres par jour pour deux plateformes. Le giratoire des Tanneries à dix-neuf "
             "heures, c’est là que j’ai eu mon accident en mars, une camionnette qui ne m’a pas vu en sortant du "
             "parking du supermarché.",
    "auteur": "Livreur à vélo, 23 ans", "source": "Entretien recueilli par la maison de quartier des Tanneries",
    "date": "2025-11-05", "collecte": "agent relais", "licence": "CC-BY-4.0",
    "consentement": "false", "publie": "false", "rapport": "false",
}


def add_evidence(root: Path, row: dict[str, str]) -> int:
    """Append ``row`` to ``data/indices.csv`` of the repository at ``root``; the line it starts on."""
    path = root / "data" / "indices.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerow(row)
    return line


def demo_repo(target: Path, *, replace: Iterable[str] = (), forms: bool = False,
              options: dict[str, Any] | None = None) -> Path:
    """A repository in ``target`` with the demo evaluations; ``replace`` names fixture CSV files
    (``actions.csv``…) copied over the demo ones; ``options`` are added to the eclaireur plugin options."""
    data = target / "data"
    (data / "schemas").mkdir(parents=True)
    descriptor = yaml.safe_load((REPO / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in NEEDED]
    (data / "datapackage.yaml").write_text(yaml.safe_dump(descriptor, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    for resource in descriptor["resources"]:
        shutil.copy2(REPO / "data" / resource["path"], data / resource["path"])
        shutil.copy2(REPO / "data" / resource["schema"], data / resource["schema"])
    shutil.copytree(REPO / "data" / "media", data / "media")
    for name in replace:
        shutil.copy2(FIXTURES / name, data / name)
    for media in (FIXTURES / "media").iterdir():
        shutil.copy2(media, data / "media" / "evaluations" / media.name)
    if forms and (REPO / "data" / "formulaires").is_dir():
        shutil.copytree(REPO / "data" / "formulaires", data / "formulaires")
    shutil.copytree(REPO / "theme", target / "theme")
    (target / "content").mkdir()
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "eclaireur" in entry:
            entry["eclaireur"] = {**(entry["eclaireur"] or {}), **(options or {})}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return target


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may carry ``!!python/name`` tags: read them as nothing."""


_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)


def generate(root: Path, *, opendata: bool = True) -> Any:
    """Run the evaluation generator (and the open data one) on the repository at ``root``."""
    from eclaireur.config import load_config
    from eclaireur.generate import build_context, run_generators
    from eclaireur.pages import evaluations
    from eclaireur.pages import opendata as opendata_pages

    ctx = build_context(load_config(root))
    generators = [evaluations.generate] + ([opendata_pages.generate] if opendata else [])
    return run_generators(ctx, generators)
