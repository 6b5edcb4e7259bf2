"""Which evidence may be published, and why not.

A testimony is published only with the written consent of the person (``consentement`` true); any item
whose ``consentement`` is false is never published, whatever its type; an item the evaluator keeps aside
(``publie`` false) is not published either. A photo needs its text alternative and a sound or a video its
transcript. ``eclaireur check`` refuses the contradictory cases, and any content of an item whose consent
is refused kept in the (public) repository at all (:func:`eclaireur.evaluation.rules.unconsented_content`);
the build applies the publication rules again, so that a site built without the check (``--no-check``) still
never shows a non-consented testimony.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from eclaireur.load import Dataset, Row

log = logging.getLogger("eclaireur")

RESOURCE = "indices"
TESTIMONY = "témoignage"
MEDIA_TYPES = ("photo", "son", "vidéo")


def consent_refusal(row: Row) -> str | None:
    """Why the item cannot be published for lack of consent, or None."""
    if row.get("consentement") is False:
        return "la personne n’a pas donné son consentement écrit à la publication (consentement = false)"
    if row.get("type") == TESTIMONY and row.get("consentement") is not True:
        return "un témoignage n’est publié qu’avec le consentement écrit de la personne (consentement vide)"
    return None


def accessibility_refusal(row: Row) -> str | None:
    """Why the item cannot be published accessibly (no text alternative, no transcript), or None."""
    kind = row.get("type")
    if kind == "photo" and not row.get("texte_alternatif"):
        return "une photo n’est publiée qu’avec son texte alternatif (colonne texte_alternatif)"
    if kind in ("son", "vidéo") and not row.get("transcription"):
        return f"un {kind} n’est publié qu’avec sa transcription (colonne transcription)"
    if kind in MEDIA_TYPES and not row.get("fichier"):
        return f"la colonne fichier est vide alors que l’indice est de type {kind}"
    return None


def refusal(row: Row) -> str | None:
    """Why the evidence item ``row`` (resource ``indices``) is not published, or None when it is."""
    if not row.get("publie"):
        return consent_refusal(row) or "l’équipe d’évaluation ne l’a pas retenu pour publication (publie = false)"
    return consent_refusal(row) or accessibility_refusal(row)


def publishable(row: Row) -> bool:
    return refusal(row) is None


def split_published(rows: Iterable[Row], *, announce: bool = True) -> tuple[list[Row], list[Row]]:
    """(published, withheld) items; with ``announce``, log a French warning for every item withheld
    for lack of consent or accessibility, naming it, so that the publishing team sees it at each build."""
    published: list[Row] = []
    withheld: list[Row] = []
    for row in rows:
        reason = refusal(row)
        if reason is None:
            published.append(row)
            continue
        withheld.append(row)
        if announce and (consent_refusal(row) or row.get("publie")):
            log.warning(
                "Indice « %s » (%s, évaluation %s, data/indices.csv) non publié : %s.",
                row.get("titre"), row.get("id"), row.get("evaluation"), reason,
            )
    return published, withheld


def withheld_ids(rows: Iterable[Row]) -> set[str]:
    """Ids of the evidence items that must not appear anywhere on the site, downloads included."""
    return {str(row.get("id")) for row in rows if refusal(row) is not None}


def public_evidence(dataset: Dataset) -> Dataset:
    """The dataset with only the publishable rows of ``indices``, for the open data downloads.

    The resource is marked like the contributions stage marks its filtered resources
    (:data:`eclaireur.contributions.publish.MARKER`), so that its CSV is written from the filtered rows.
    """
    from eclaireur.contributions.publish import MARKER

    rows = dataset.rows(RESOURCE)
    kept = [row for row in rows if refusal(row) is None]
    if len(kept) == len(rows):
        return dataset
    tables = {**dataset.tables, RESOURCE: kept}
    resources = [
        {**r, MARKER: "indices publiés seulement (consentement, texte alternatif, transcription)"}
        if r.get("name") == RESOURCE else r
        for r in dataset.descriptor.get("resources", [])
    ]
    descriptor = {**dataset.descriptor, "resources": resources}
    return Dataset(root=dataset.root, descriptor=descriptor, schemas=dict(dataset.schemas), tables=tables,
                   paths=dict(dataset.paths))
