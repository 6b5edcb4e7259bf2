"""Tirages au sort: an index and one page per published draw (``data/tirages/*.yaml``).

Every draw is verified while the site is built (same check as ``eclaireur tirage --verify``): a result that
its list and its seed do not give again stops the build, so that the site never shows an unverifiable draw.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eclaireur.errors import DataError
from eclaireur.pages.base import Asset, BuildContext, Output, Page
from eclaireur.tirage.draw import METHOD, fingerprint
from eclaireur.tirage.result import FOLDER, list_location, read_people, read_result, verify


@dataclass(frozen=True)
class PublishedDraw:
    """A verified result file and what its pages show."""

    id: str
    path: str
    doc: dict[str, Any]
    result_file: str
    list_file: str
    list_path: Path
    strata: list[dict[str, Any]]
    example: dict[str, str]
    date: dt.date | None = None
    seed_date: dt.date | None = None

    @property
    def title(self) -> str:
        return str(self.doc.get("titre") or self.id)


def _strata(doc: dict[str, Any], people_strata: Counter[str]) -> list[dict[str, Any]]:
    quotas = doc.get("quotas") or {"": doc.get("nombre", 0)}
    rows = []
    for stratum in sorted(quotas):
        rows.append({
            "strate": stratum,
            "personnes": people_strata.get(stratum, 0),
            "quota": quotas[stratum],
            "tires": [e for e in doc.get("tires") or [] if str(e.get("strate", "")) == stratum],
            "suppleants": [e for e in doc.get("liste_suppleants") or [] if str(e.get("strate", "")) == stratum],
        })
    return rows


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def published_draws(data_dir: Path) -> list[PublishedDraw]:
    """Every result file of ``data/tirages/``, verified, most recent first."""
    folder = data_dir / FOLDER
    draws = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        outcome = verify(path, data_dir)
        if not outcome.ok:
            raise DataError(
                f"{path} : ce tirage ne se vérifie pas ; il ne peut pas être publié.\n"
                + "\n".join(f"- {m}" for m in outcome.messages)
            )
        doc = read_result(path)
        draw_id = str(doc.get("tirage") or path.stem)
        list_path, _ = list_location(path, doc, data_dir)
        assert list_path is not None  # verify() refused every other case
        people = read_people(list_path, str(doc.get("colonne_identifiant") or "identifiant"), doc.get("colonne_strate"))
        first = (doc.get("tires") or [{}])[0]
        example = {}
        if first.get("identifiant"):
            example = {"texte": f"{doc['graine']}:{first['identifiant']}",
                       "empreinte": fingerprint(str(doc["graine"]), str(first["identifiant"])),
                       "identifiant": str(first["identifiant"])}
        draws.append(
            PublishedDraw(
                id=draw_id,
                path=f"{FOLDER}/{draw_id}.md",
                doc=doc,
                result_file=f"{FOLDER}/{path.name}",
                list_file=f"{FOLDER}/{list_path.name}",
                list_path=list_path,
                strata=_strata(doc, Counter(p.stratum for p in people.people)),
                example=example,
                date=_date(doc.get("date_tirage")),
                seed_date=_date(doc.get("graine_publiee_le")),
            )
        )
    return sorted(draws, key=lambda d: (str(d.doc.get("date_tirage") or ""), d.id), reverse=True)


def generate(ctx: BuildContext) -> Iterator[Output]:
    draws = published_draws(ctx.config.data_dir)
    if not draws:
        return
    folder = ctx.config.data_dir / FOLDER
    for item in draws:
        yield Asset(item.result_file, (folder / Path(item.result_file).name).read_bytes())
        yield Asset(item.list_file, item.list_path.read_bytes())
    yield Page(
        f"{FOLDER}/index.md",
        title="Tirages au sort",
        description="Les tirages au sort de la ville : méthode, graine publiée à l'avance, liste et résultat "
        "vérifiables.",
        html=ctx.render(f"{FOLDER[:-1]}-index.html.j2", f"{FOLDER}/index.md", draws=draws, method=METHOD),
    )
    for item in draws:
        yield Page(
            item.path,
            title=item.title,
            description=str(item.doc.get("description") or ""),
            html=ctx.render(f"{FOLDER[:-1]}-page.html.j2", item.path, draw=item, doc=item.doc, method=METHOD),
        )
