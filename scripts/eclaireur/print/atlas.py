"""The atlas booklet: cover, contents, then every theme poster at A3, in one PDF."""

from __future__ import annotations

from typing import Any

from eclaireur.print import donnees
from eclaireur.print.affiches import poster_pdf
from eclaireur.print.compilateur import TooLongError, page_count
from eclaireur.print.session import PrintSession

TEMPLATE = "atlas.typ.j2"
FIRST_POSTER_PAGE = 3


def atlas_pdf(session: PrintSession) -> bytes:
    """The booklet; posters are fitted exactly as their stand-alone version (same cuts, same density)."""
    themes = donnees.themes(session.dataset)
    affiches: list[dict[str, Any]] = []
    for number, theme in enumerate(themes, start=FIRST_POSTER_PAGE):
        fitted = poster_pdf(session, theme)
        affiches.append({"data": {**fitted.data, "pagination": f"Atlas, page {number}"}, "densite": fitted.densite})
    mandat = donnees.mandat_courant(session.dataset)
    meta = {
        "autorite": session.autorite,
        "mandat_id": str(mandat.get("id") or ""),
        "sous_titre": (
            f"{len(themes)} politiques publiques : leur part du budget, les élus qui les suivent, "
            "les compétences de la ville, les fiertés et les défis choisis par les commissions, "
            "et la parole des groupes politiques et des représentants du personnel."
        ),
        "introduction": (
            "Chaque page reprend l'affiche d'un thème, telle qu'elle est exposée au forum des politiques "
            "publiques. Les fiches des projets et les données complètes sont en ligne : "
            + session.autorite["site"]
        ),
    }
    colours = [{"couleur": a["data"]["couleur"]} for a in affiches]
    record = "l'atlas de la mandature"
    pdf = session.compiler.pdf(
        TEMPLATE,
        record=record,
        meta=meta,
        themes=colours,
        affiches=affiches,
        **session.metadata(f"Atlas de la mandature {meta['mandat_id']} — {session.autorite['nom']}"),
    )
    expected = FIRST_POSTER_PAGE - 1 + len(themes)
    if page_count(pdf) != expected:
        raise TooLongError(record, TEMPLATE, page_count(pdf), expected)
    return pdf
