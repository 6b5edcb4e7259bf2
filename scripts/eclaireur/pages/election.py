"""L'élection des futurs: results page, one page per désir, the ballot page, and the files to recount.

The results are computed exactly as ``eclaireur tally --format json`` computes them (same functions, same
files), and published as ``vote/resultats.json`` next to the ballots counted (``vote/bulletins.csv``), so
that anyone can recount and compare byte for byte.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eclaireur.errors import DataError
from eclaireur.forms.channels import channels_from_config
from eclaireur.pages.base import Asset, BuildContext, Output, Page
from eclaireur.vote.charts import draw_bars, draw_duel_heatmap
from eclaireur.vote.codes import ALPHABET, LENGTH
from eclaireur.vote.command import results_json
from eclaireur.vote.inbox import FOLDER as BALLOT_FOLDER
from eclaireur.vote.ranking import REASONS
from eclaireur.vote.setup import ElectionSetup, setup_from_dataset, setup_from_files
from eclaireur.vote.tally import preflib_of_election, tally_file

BASE = "vote"
_PREFIX = re.compile(r"^Demain (à|dans) [^,]+, je dois pouvoir\s+", re.IGNORECASE)
METHOD_LABELS = {"borda": "méthode de Borda", "schulze": "méthode de Condorcet-Schulze"}


def short_title(title: str) -> str:
    """``Demain à Loirance, je dois pouvoir vivre de nuit…`` -> ``Vivre de nuit…``."""
    rest = _PREFIX.sub("", title).strip()
    return rest[:1].upper() + rest[1:] if rest else title


def desir_path(desir_id: str) -> str:
    return f"{BASE}/desirs/{desir_id}.md"


@dataclass(frozen=True)
class Entry:
    """One désir in the official order, with every figure the pages show."""

    number: int
    desir: dict[str, Any]
    court: str
    rang: int
    ex_aequo: bool
    rang_schulze: int
    rang_borda: int
    points: float
    moyenne: float
    premieres: int
    premieres_seul: int
    gagnes: int
    perdus: int
    image: str


def _ranks(ranking: list[dict[str, Any]]) -> dict[str, int]:
    return {option: entry["rang"] for entry in ranking for option in entry["options"]}


def _image_asset(ctx: BuildContext, desir: dict[str, Any]) -> Asset | None:
    image = str(desir.get("image") or "")
    if not image:
        return None
    data_dir = ctx.config.data_dir.resolve()
    source = (data_dir / image).resolve()
    if data_dir not in source.parents or not source.is_file():
        raise DataError(
            f"desirs.csv, désir « {desir['id']} » : image « {image} » introuvable dans {data_dir} ; "
            "indiquez un chemin relatif à data/, par exemple media/desirs/mon-desir.svg."
        )
    return Asset(f"{BASE}/images/{Path(image).name}", source.read_bytes())


def _entries(results: dict[str, Any], desirs: dict[str, dict[str, Any]], images: dict[str, str]) -> list[Entry]:
    options = [o["id"] for o in results["options"]]
    official = [o for entry in results["classement_officiel"] for o in entry["options"]]
    official_rank = _ranks(results["classement_officiel"])
    schulze_rank = _ranks(results["schulze"]["classement"])
    borda_rank = _ranks(results["borda"]["classement"])
    duels = results["duels"]
    n = results["bulletins"]["exprimes"]
    entries = []
    for number, option in enumerate(official, start=1):
        i = options.index(option)
        wins = sum(1 for j in range(len(options)) if j != i and duels[i][j] > duels[j][i])
        losses = sum(1 for j in range(len(options)) if j != i and duels[i][j] < duels[j][i])
        desir = desirs.get(option, {"id": option, "titre": option})
        points = results["borda"]["points"][option]
        entries.append(
            Entry(
                number=number,
                desir=desir,
                court=short_title(str(desir.get("titre") or option)),
                rang=official_rank[option],
                ex_aequo=sum(1 for r in official_rank.values() if r == official_rank[option]) > 1,
                rang_schulze=schulze_rank[option],
                rang_borda=borda_rank[option],
                points=points,
                moyenne=points / n if n else 0.0,
                premieres=results["premieres_places"][option]["total"],
                premieres_seul=results["premieres_places"][option]["seul"],
                gagnes=wins,
                perdus=losses,
                image=images.get(option, ""),
            )
        )
    return entries


def _matrix(results: dict[str, Any], entries: list[Entry]) -> list[dict[str, Any]]:
    options = [o["id"] for o in results["options"]]
    duels = results["duels"]
    rows = []
    for row in entries:
        i = options.index(row.desir["id"])
        cells: list[dict[str, Any] | None] = []
        for col in entries:
            j = options.index(col.desir["id"])
            if i == j:
                cells.append(None)
                continue
            pour, contre = duels[i][j], duels[j][i]
            cells.append({"pour": pour, "contre": contre, "gagne": pour > contre, "perd": pour < contre,
                          "part": 100 * pour / (pour + contre) if pour + contre else 50.0,
                          "adversaire": col})
        rows.append({"entry": row, "cells": cells})
    return rows


def _verdict(results: dict[str, Any], entries: list[Entry]) -> dict[str, Any]:
    by_id = {e.desir["id"]: e for e in entries}
    official = results["classement_officiel"][0]["options"]
    other = "schulze" if results["methode_officielle"] == "borda" else "borda"
    other_first = (results["schulze"]["classement"] if other == "schulze" else results["borda"]["classement"])[0]
    firsts = max(entries, key=lambda e: (e.premieres, -e.number))
    condorcet = results["condorcet"]["gagnant"]
    return {
        "officiel": [by_id[o] for o in official],
        "autre_methode": other,
        "autre": [by_id[o] for o in other_first["options"]],
        "accord": sorted(official) == sorted(other_first["options"]),
        "condorcet": by_id.get(condorcet) if condorcet else None,
        "premieres": firsts,
    }


def _linked_draws(ctx: BuildContext, page: str) -> list[Any]:
    """The published draws that point to ``page`` (the citizen jury of the election, for instance)."""
    from eclaireur.pages.tirage import published_draws

    return [d for d in published_draws(ctx.config.data_dir) if d.doc.get("lien") == page]


def _closed(ctx: BuildContext, setup: ElectionSetup) -> bool:
    closing = setup.row.get("date_cloture")
    reference = ctx.config.reference_date
    return bool(closing and reference and reference > closing)


def generate(ctx: BuildContext) -> Iterator[Output]:
    setup = setup_from_dataset(ctx.dataset)
    if setup is None:
        return
    file_setup, ballots_path = setup_from_files(ctx.config.data_dir, setup.id)
    try:
        source = str(ballots_path.resolve().relative_to(ctx.config.root.resolve()))
    except ValueError:
        source = str(ballots_path)
    results = tally_file(file_setup, ballots_path, source=source)
    raw_ballots = ballots_path.read_bytes()
    preflib_text, preflib_type = preflib_of_election(file_setup, ballots_path, "bulletins-exprimes")
    preflib_name = f"bulletins-exprimes.{preflib_type}"
    yield Asset(f"{BASE}/resultats.json", results_json(results).encode("utf-8"))
    yield Asset(f"{BASE}/bulletins.csv", raw_ballots)
    yield Asset(f"{BASE}/{preflib_name}", preflib_text.encode("utf-8"))

    desirs = {row["id"]: row for row in ctx.dataset.rows("desirs") if row.get("election") in (None, setup.id)}
    images: dict[str, str] = {}
    for desir in desirs.values():
        asset = _image_asset(ctx, desir)
        if asset is not None:
            images[desir["id"]] = asset.path
            yield asset
    entries = _entries(results, desirs, images)
    themes = ctx.dataset.index("themes")
    ballots = results["bulletins"]
    n = ballots["exprimes"]

    points_chart = ctx.chart(
        "vote-borda",
        {
            "labels": [f"{e.number}. {e.court}" for e in entries],
            "values": [round(e.moyenne, 2) for e in entries],
            "colours": ["#1d4e89" if e.rang == 1 else "#6b8fbf" for e in entries],
            "xlabel": f"Points de Borda moyens par bulletin exprimé (de 0 à {len(entries) - 1})",
            "decimals": 2,
        },
        draw_bars,
    )
    heatmap = ctx.chart(
        "vote-duels",
        {
            "labels": [str(e.number) for e in entries],
            "shares": [[None if c is None else round(c["part"], 1) for c in row["cells"]]
                       for row in _matrix(results, entries)],
        },
        draw_duel_heatmap,
    )
    channel_chart = ctx.chart(
        "vote-canaux",
        {
            "labels": [c["canal"] for c in results["canaux"]],
            "values": [float(c["votants"]) for c in results["canaux"]],
            "colours": ["#1d4e89"] * len(results["canaux"]),
            "xlabel": "Nombre de bulletins déposés",
            "decimals": 0,
        },
        draw_bars,
    )
    by_id = {e.desir["id"]: e for e in entries}
    channels = [
        dict(c, tete=[by_id[o] for o in c["borda"]["classement"][0]["options"]] if c["exprimes"] else [])
        for c in results["canaux"]
    ]
    reasons = [{"motif": k, "libelle": REASONS[k], "nombre": v} for k, v in ballots["par_motif"].items()]
    common = {
        "election": setup.row,
        "setup": setup,
        "results": results,
        "entries": entries,
        "closed": _closed(ctx, setup),
        "method_labels": METHOD_LABELS,
    }
    yield Page(
        f"{BASE}/index.md",
        title=setup.titre or "Élection des futurs",
        description=f"Résultats de l'élection des futurs ({fr_number(n)} bulletins exprimés), méthode par méthode, "
        "et comment les recompter.",
        html=ctx.render(
            "vote-index.html.j2",
            f"{BASE}/index.md",
            **common,
            verdict=_verdict(results, entries),
            matrix=_matrix(results, entries),
            channels=channels,
            reasons=reasons,
            spoiled=[b for b in ballots["non_comptes"] if b["motif"] != "blanc"],
            blank=[b["bulletin"] for b in ballots["non_comptes"] if b["motif"] == "blanc"],
            points_chart=points_chart,
            heatmap=heatmap,
            channel_chart=channel_chart,
            ballots_sha256=hashlib.sha256(raw_ballots).hexdigest(),
            ballots_bytes=len(raw_ballots),
            preflib_name=preflib_name,
            draws=_linked_draws(ctx, f"{BASE}/index.md"),
        ),
    )
    for entry in entries:
        i = [o["id"] for o in results["options"]].index(entry.desir["id"])
        duels = []
        for other in entries:
            if other is entry:
                continue
            j = [o["id"] for o in results["options"]].index(other.desir["id"])
            pour, contre = results["duels"][i][j], results["duels"][j][i]
            duels.append({"adversaire": other, "pour": pour, "contre": contre, "sans": n - pour - contre,
                          "resultat": "gagné" if pour > contre else "perdu" if pour < contre else "égalité"})
        yield Page(
            desir_path(entry.desir["id"]),
            title=entry.court,
            description=str(entry.desir.get("texte") or ""),
            html=ctx.render(
                "vote-desir.html.j2",
                desir_path(entry.desir["id"]),
                **common,
                entry=entry,
                duels=duels,
                theme=themes.get(entry.desir.get("theme")),
                previous=entries[entry.number - 2] if entry.number > 1 else None,
                following=entries[entry.number] if entry.number < len(entries) else None,
            ),
        )
    paper = paper_ballot(ctx, setup, sorted(desirs.values(), key=lambda d: (d.get("ordre") or 0, d["id"])))
    if paper is not None:
        yield Asset(PAPER_BALLOT, paper)
    yield Page(
        f"{BASE}/bulletin.md",
        title=f"Bulletin de vote : {setup.titre}",
        description="Classez les désirs du plus prioritaire au moins prioritaire ; le bulletin se prépare au clavier.",
        html=ctx.render(
            "vote-bulletin.html.j2",
            f"{BASE}/bulletin.md",
            **common,
            desirs=sorted(desirs.values(), key=lambda d: (d.get("ordre") or 0, d["id"])),
            short=short_title,
            code_required=bool(setup.code_channels & {"en ligne"}) and setup.uses_codes,
            code_alphabet=ALPHABET,
            code_length=LENGTH,
            channels=channels_from_config(ctx.config, BALLOT_FOLDER),
            paper=PAPER_BALLOT if paper is not None else "",
        ),
    )


PAPER_BALLOT = f"{BASE}/bulletin-papier.pdf"


def paper_ballot(ctx: BuildContext, setup: ElectionSetup, desirs: list[dict[str, Any]]) -> bytes | None:
    """The printable paper ballot (A4, one page), or ``None`` when the theme has no print templates."""
    if not (ctx.config.theme_dir / "typst" / "vote-bulletin.typ.j2").is_file():
        return None
    from eclaireur.print.compilateur import TypstCompiler

    titles = [str(d.get("titre") or "") for d in desirs]
    prefix = _PREFIX.match(titles[0]) if titles else None
    common = prefix.group(0).strip() + "…" if prefix and all(t.startswith(prefix.group(0)) for t in titles) else "Désir"
    collectivite = (ctx.dataset.rows("collectivite") or [{}])[0]
    places = {
        "lycée": "dans les lycées", "gare": "à la gare", "marché": "sur les marchés", "mairie": "en mairie",
    }
    where = [places.get(c, c) for c in setup.channels if c != "en ligne"]
    url = ctx.config.site_url.rstrip("/") + "/vote/" if ctx.config.site_url else "le site de la ville"
    bulletin = {
        "titre": setup.titre,
        "autorite": str(collectivite.get("nom") or ""),
        "question": str(setup.row.get("question") or ""),
        "consigne": "Écrivez 1 dans la case du désir le plus prioritaire, 2 pour le suivant, et ainsi de suite. "
        "Classez autant de désirs que vous voulez ; deux désirs peuvent recevoir le même nombre ; "
        "une case vide veut dire « non classé ».",
        "entete": common,
        "desirs": [{"court": short_title(t)} for t in titles],
        "aide": "Seul l'ordre des nombres compte (1, 2, 5 vaut 1, 2, 3). Un bulletin sans aucun nombre est blanc. "
        "Les désirs non classés comptent à égalité, après ceux que vous avez classés.",
        "lieux": "Dans l'urne " + ", ".join(where) + f", du {_date_text(setup.row.get('date_ouverture'))} au "
        f"{_date_text(setup.row.get('date_cloture'))}. En ligne : {url}",
        "transparence": "Chaque bulletin est saisi tel quel et publié, sans nom, avec tous les autres : chacun peut "
        f"recompter. Règles et résultats : {url}",
    }
    compiler = TypstCompiler(ctx.config.theme_dir, ctx.config.cache_dir)
    return compiler.pdf(
        "vote-bulletin.typ.j2",
        record="le bulletin papier de l'élection (election.csv, desirs.csv)",
        max_pages=1,
        titre=f"Bulletin de vote — {setup.titre}",
        auteur=bulletin["autorite"],
        mots_cles=["eclaireur", "élection des futurs"],
        bulletin=bulletin,
    )


def _date_text(value: Any) -> str:
    from eclaireur.fr import date_fr

    return date_fr(value) if value else ""


def fr_number(value: int) -> str:
    from eclaireur.fr import nombre

    return nombre(value)
