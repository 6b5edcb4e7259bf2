"""Records -> the plain dictionaries the print templates read (one function per document kind).

Every text goes through :func:`eclaireur.print.typographie.typographie`; numbers, amounts and dates
are formatted the French way by :mod:`eclaireur.fr`. No markup is produced here: the templates
receive strings, which the typst stage turns into escaped literals.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from eclaireur import fr
from eclaireur.adresses import projet_path, public_url, theme_path
from eclaireur.config import EngineConfig
from eclaireur.load import Dataset, Row
from eclaireur.print.typographie import typographie

T = typographie


def site_url(config: EngineConfig, dataset: Dataset) -> str:
    """The public address of the site (``site_url`` of mkdocs.yml, else the authority's web site)."""
    url = config.site_url or str(_collectivite(dataset).get("site_web") or "")
    return url if not url or url.endswith("/") else url + "/"


def _collectivite(dataset: Dataset) -> Row:
    rows = dataset.rows("collectivite")
    return rows[0] if rows else {}


def autorite(config: EngineConfig, dataset: Dataset) -> dict[str, Any]:
    """The authority block printed on every document: name, data date, address, fictional notice."""
    row = _collectivite(dataset)
    date = row.get("date_donnees") or config.reference_date
    return {
        "nom": T(row.get("nom") or config.site_name or "Collectivité"),
        "adresse": T(row.get("adresse") or ""),
        "courriel": row.get("courriel") or "",
        "site": site_url(config, dataset),
        "date_donnees": fr.date_fr(date) if isinstance(date, dt.date) else "",
        "fictive": bool(row.get("fictive")),
        "avertissement": T(row.get("avertissement") or ""),
    }


def mandat_courant(dataset: Dataset) -> Row:
    mandats = sorted(dataset.rows("mandats"), key=lambda m: m.get("debut") or dt.date.min)
    current = [m for m in mandats if m.get("en_cours")]
    if current:
        return current[-1]
    return mandats[-1] if mandats else {"id": "", "libelle": ""}


def nom_elu(elu: Row | None) -> str:
    if not elu:
        return ""
    return T(" ".join(str(p) for p in (elu.get("civilite"), elu.get("prenom"), elu.get("nom")) if p))


def _groupe(groupes: dict[Any, Row], gid: Any) -> dict[str, Any]:
    row = groupes.get(gid) or {}
    return {
        "nom": T(row.get("nom") or ""),
        "sigle": T(row.get("sigle") or ""),
        "couleur": colour(row.get("couleur")),
        "opposition": row.get("position") == "opposition",
    }


def colour(value: Any, default: str = "#444444") -> str:
    text = str(value or "")
    if len(text) == 7 and text.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in text[1:]):
        return text.upper()
    return default


def budget_shares(dataset: Dataset, theme_id: str) -> dict[str, Any]:
    """The theme's share of the total spending of each term, and its amount (for the poster chart)."""
    totals: dict[str, float] = defaultdict(float)
    theme_totals: dict[str, float] = defaultdict(float)
    years: dict[str, set[int]] = defaultdict(set)
    for row in dataset.rows("budget"):
        amount = float(row.get("montant_realise") or 0.0)
        totals[row["mandat"]] += amount
        years[row["mandat"]].add(int(row.get("exercice") or 0))
        if row.get("theme") == theme_id:
            theme_totals[row["mandat"]] += amount
    mandats = sorted(dataset.rows("mandats"), key=lambda m: m.get("debut") or dt.date.min)
    entries = []
    for mandat in mandats:
        mid = mandat["id"]
        if totals.get(mid):
            span = sorted(y for y in years[mid] if y)
            entries.append(
                {
                    "mandat": str(mid),
                    "en_cours": bool(mandat.get("en_cours")),
                    "part": theme_totals[mid] / totals[mid],
                    "montant": theme_totals[mid],
                    "exercices": f"{span[0]}–{span[-1]}" if span else "",
                }
            )
    return {"mandats": entries}


def _selection_item(row: Row, projets: dict[Any, Row]) -> dict[str, Any]:
    projet = projets.get(row.get("projet")) if row.get("projet") else None
    titre = row.get("libelle") or (projet or {}).get("nom") or row.get("projet") or ""
    return {
        "rang": int(row.get("rang") or 0),
        "titre": T(titre),
        "projet": T(projet.get("nom")) if projet and row.get("libelle") else "",
        "justification": T(row.get("justification") or ""),
    }


def affiche(config: EngineConfig, dataset: Dataset, theme: Row) -> dict[str, Any]:
    """Everything one theme poster shows."""
    tid = theme["id"]
    groupes = dataset.index("groupes")
    elus = dataset.index("elus")
    projets = dataset.index("projets")
    commission = dataset.index("commissions").get(theme.get("commission")) or {}
    role_order = {"président": 0, "présidente": 0, "vice-président": 1, "vice-présidente": 1}
    membres: list[dict[str, Any]] = []
    ordres: list[tuple[int, int]] = []
    for row in dataset.rows("membres_commission"):
        if row.get("commission") != commission.get("id"):
            continue
        elu = elus.get(row.get("elu")) or {}
        membres.append(
            {
                "nom": nom_elu(elu),
                "role": T(row.get("role") or ""),
                "groupe": _groupe(groupes, elu.get("groupe")),
            }
        )
        ordres.append((role_order.get(str(row.get("role")), 2), int(elu.get("rang") or 999)))
    membres = [m for _, m in sorted(zip(ordres, membres, strict=True), key=lambda pair: pair[0])]
    competences = sorted(
        (c for c in dataset.rows("competences") if c.get("theme") == tid), key=lambda c: int(c.get("ordre") or 0)
    )

    def competence(c: Row) -> dict[str, Any]:
        return {
            "libelle": T(c.get("libelle") or ""),
            "nature": T(c.get("nature") or ""),
            "fondement": T(c.get("fondement") or ""),
        }

    selections = [s for s in dataset.rows("selections") if s.get("theme") == tid]
    selections.sort(key=lambda s: (str(s.get("groupe") or ""), str(s.get("type")), int(s.get("rang") or 0)))
    commission_sel = [s for s in selections if s.get("auteur_type") == "commission"]
    oppositions: dict[str, dict[str, Any]] = {}
    for s in selections:
        if s.get("auteur_type") != "groupe":
            continue
        gid = str(s.get("groupe") or "")
        entry = oppositions.setdefault(gid, {"groupe": _groupe(groupes, gid), "fiertes": [], "defis": []})
        entry["fiertes" if s.get("type") == "fierté" else "defis"].append(_selection_item(s, projets))
    tribunes = [t for t in dataset.rows("tribunes") if t.get("theme") == tid]
    tribunes.sort(key=lambda t: (groupes.get(t.get("groupe"), {}).get("position") != "majorité", str(t.get("id"))))

    def tribune(t: Row) -> dict[str, Any]:
        return {
            "id": str(t.get("id") or ""),
            "signataire": T(t.get("signataire") or ""),
            "groupe": _groupe(groupes, t.get("groupe")) if t.get("groupe") else None,
            "texte": T(t.get("texte") or ""),
        }

    mandat = mandat_courant(dataset)
    return {
        "id": str(tid),
        "ordre": int(theme.get("ordre") or 0),
        "titre": T(theme.get("titre") or tid),
        "resume": T(theme.get("resume") or ""),
        "couleur": colour(theme.get("couleur"), "#1F4E8C"),
        "mandat": T(mandat.get("libelle") or ""),
        "mandat_id": str(mandat.get("id") or ""),
        "commission": {"nom": T(commission.get("nom") or ""), "membres": membres},
        "competences": [competence(c) for c in competences if c.get("type") == "competence"],
        "obligations": [competence(c) for c in competences if c.get("type") == "obligation"],
        "fiertes": [_selection_item(s, projets) for s in commission_sel if s.get("type") == "fierté"],
        "defis": [_selection_item(s, projets) for s in commission_sel if s.get("type") == "défi"],
        "oppositions": [oppositions[k] for k in sorted(oppositions)],
        "tribunes": [tribune(t) for t in tribunes if t.get("espace") == "commentaires politiques"],
        "personnel": [tribune(t) for t in tribunes if t.get("espace") == "représentants du personnel"],
        "url": public_url(site_url(config, dataset), theme_path(tid)),
        "nb_projets": sum(1 for p in dataset.rows("projets") if p.get("theme") == tid),
    }


def themes(dataset: Dataset) -> list[Row]:
    return sorted(dataset.rows("themes"), key=lambda t: (int(t.get("ordre") or 0), str(t["id"])))


class ParProjet:
    """The child rows of every project (chronology, figures, people, comments), indexed once per run."""

    TABLES = ("jalons", "chiffres_cles", "intervenants", "commentaires")

    def __init__(self, dataset: Dataset) -> None:
        self.rows: dict[str, dict[Any, list[Row]]] = {}
        for table in self.TABLES:
            grouped: dict[Any, list[Row]] = defaultdict(list)
            for row in dataset.rows(table):
                grouped[row.get("projet")].append(row)
            self.rows[table] = grouped
        self.elus = dataset.index("elus")
        self.groupes = dataset.index("groupes")
        self.themes = dataset.index("themes")

    def of(self, table: str, projet_id: Any) -> list[Row]:
        return self.rows[table].get(projet_id, [])


def fiche(config: EngineConfig, dataset: Dataset, projet: Row, index: ParProjet | None = None) -> dict[str, Any]:
    """Every field of a project's aperçu politique (``index``: reuse it across projects)."""
    pid = projet["id"]
    index = index or ParProjet(dataset)
    elus, groupes = index.elus, index.groupes
    theme = index.themes.get(projet.get("theme")) or {}
    jalons = sorted(index.of("jalons", pid), key=lambda j: j["date"])
    chiffres = sorted(index.of("chiffres_cles", pid), key=lambda c: int(c.get("ordre") or 0))
    intervenants = sorted(index.of("intervenants", pid), key=lambda i: int(i.get("ordre") or 0))
    commentaires = sorted(
        index.of("commentaires", pid), key=lambda c: (c.get("date") or dt.date.min, str(c.get("id")))
    )

    def intervenant(row: Row) -> dict[str, Any]:
        elu = elus.get(row.get("elu")) if row.get("elu") else None
        return {
            "categorie": T(row.get("categorie") or ""),
            "role": T(row.get("role") or ""),
            "nom": nom_elu(elu),
            "organisation": T(row.get("organisation") or ""),
            "contact": str(row.get("contact") or ""),
        }

    def commentaire(row: Row) -> dict[str, Any]:
        elu = elus.get(row.get("elu")) if row.get("elu") else None
        groupe = _groupe(groupes, elu.get("groupe")) if elu else None
        auteur = nom_elu(elu) if elu else T(row.get("auteur_role") or "")
        return {
            "id": str(row.get("id") or ""),
            "auteur": auteur,
            "groupe": groupe,
            "date": fr.date_fr(row.get("date")),
            "nature": T(row.get("nature") or ""),
            "texte": T(row.get("texte") or ""),
        }

    referent = elus.get(projet.get("elu_referent")) if projet.get("elu_referent") else None
    debut, fin = projet.get("date_debut"), projet.get("date_fin")
    return {
        "id": str(pid),
        "nom": T(projet.get("nom") or pid),
        "theme": T(theme.get("titre") or ""),
        "couleur": colour(theme.get("couleur"), "#1F4E8C"),
        "statut": T(projet.get("statut") or ""),
        "periode": _periode(debut, fin),
        "budget": fr.euros(projet.get("budget_total")) if projet.get("budget_total") is not None else "",
        "probleme": T(projet.get("probleme") or ""),
        "public_cible": T(projet.get("public_cible") or ""),
        "service_pilote": T(projet.get("service_pilote") or ""),
        "elu_referent": nom_elu(referent),
        "elu_referent_groupe": _groupe(groupes, referent.get("groupe"))["sigle"] if referent else "",
        "resultats_attendus": T(projet.get("resultats_attendus") or ""),
        "resultats_obtenus": T(projet.get("resultats_obtenus") or ""),
        "mots_cles": [T(m.strip()) for m in str(projet.get("mots_cles") or "").split(";") if m.strip()],
        "jalons": [{"date": fr.date_fr(j.get("date")), "libelle": T(j.get("libelle") or "")} for j in jalons],
        "chiffres": [
            {"libelle": T(c.get("libelle") or ""), "valeur": fr.unite(c.get("valeur"), str(c.get("unite") or ""))}
            for c in chiffres
        ],
        "intervenants": [intervenant(i) for i in intervenants],
        "commentaires_elus": [commentaire(c) for c in commentaires if c.get("auteur_type") == "élu"],
        "remarques_agents": [commentaire(c) for c in commentaires if c.get("auteur_type") == "agent"],
        "url": public_url(site_url(config, dataset), projet_path(pid)),
    }


def _periode(debut: dt.date | None, fin: dt.date | None) -> str:
    if debut and fin:
        return f"du {fr.date_fr(debut)} au {fr.date_fr(fin)}"
    if debut:
        return f"depuis le {fr.date_fr(debut)}"
    return ""
