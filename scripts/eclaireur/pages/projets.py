"""Aperçus politiques: one page per project, and the index of projects by theme."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from eclaireur.adresses import projet_path
from eclaireur.load import Row
from eclaireur.pages.base import BuildContext, Output, Page

STATUTS = ["à l'étude", "en cours", "terminé", "suspendu", "abandonné"]


def generate(ctx: BuildContext) -> Iterator[Output]:
    data = ctx.dataset
    projets = data.rows("projets")
    if not projets:
        return
    themes = data.index("themes")
    elus = data.index("elus")
    groupes = data.index("groupes")
    jalons = data.group("jalons", "projet")
    chiffres = data.group("chiffres_cles", "projet")
    intervenants = data.group("intervenants", "projet")
    commentaires = data.group("commentaires", "projet")
    selected: dict[str, list[Row]] = defaultdict(list)
    for row in data.rows("selections"):
        if row.get("projet"):
            selected[row["projet"]].append(row)

    by_theme = data.group("projets", "theme")
    ordered_themes = sorted(themes.values(), key=lambda t: t["ordre"])
    counts = {s: sum(1 for p in projets if p["statut"] == s) for s in STATUTS}
    yield Page(
        "projets/index.md",
        "Aperçus politiques",
        ctx.render(
            "projets-index.html.j2",
            page="projets/index.md",
            themes=[(t, sorted(by_theme[t["id"]], key=lambda p: p["nom"])) for t in ordered_themes],
            total=len(projets),
            counts=counts,
        ),
        description="Une fiche d'une page par projet mené par la collectivité.",
    )

    for projet in projets:
        path = projet_path(projet["id"])
        comments = [
            dict(c, elu_row=elus.get(c.get("elu")), groupe_row=groupes.get(elus.get(c.get("elu"), {}).get("groupe")))
            for c in sorted(commentaires.get(projet["id"], []), key=lambda c: (c["date"], c["id"]))
        ]
        yield Page(
            path,
            projet["nom"],
            ctx.render(
                "projet.html.j2",
                page=path,
                projet=projet,
                theme=themes[projet["theme"]],
                referent=elus.get(projet.get("elu_referent")),
                groupes=groupes,
                elus=elus,
                jalons=sorted(jalons.get(projet["id"], []), key=lambda j: (j["date"], j["libelle"])),
                chiffres=sorted(chiffres.get(projet["id"], []), key=lambda c: c["ordre"]),
                intervenants=sorted(intervenants.get(projet["id"], []), key=lambda i: i["ordre"]),
                commentaires_elus=[c for c in comments if c["auteur_type"] == "élu"],
                remarques_agents=[c for c in comments if c["auteur_type"] == "agent"],
                selections=selected.get(projet["id"], []),
            ),
            description=projet["probleme"][:160],
        )
