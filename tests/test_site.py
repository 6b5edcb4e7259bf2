"""The built demo site: data values on the right pages, formatted the French way, escaped."""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable
from pathlib import Path

from helpers import REPO


def shown(text: str, quote: bool = False) -> str:
    """``text`` as a page shows it: HTML-escaped, with French typography (eclaireur.typography)."""
    from eclaireur.typography import french

    return french(html.escape(text, quote=quote))


def rows(name: str) -> list[dict[str, str]]:
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_home_links_to_the_three_entry_points(read_page: Callable[[str], str]) -> None:
    page = read_page("")
    for target in ('href="atlas/"', 'href="projets/"', 'href="donnees/"'):
        assert target in page
    assert "fictive" in page


def test_atlas_index_lists_every_theme(read_page: Callable[[str], str]) -> None:
    page = read_page("atlas/")
    themes = rows("themes")
    assert len(themes) >= 12
    for theme in themes:
        assert shown(theme["titre"], quote=False) in page
        assert f'href="{theme["id"]}/"' in page
    assert "<table>" in page and "graphiques/atlas-parts-" in page


def test_theme_page_has_poster_sections(read_page: Callable[[str], str]) -> None:
    theme = rows("themes")[0]
    page = read_page(f"atlas/{theme['id']}/")
    elus = {e["id"]: e for e in rows("elus")}
    members = [m for m in rows("membres_commission") if m["commission"] == theme["commission"]]
    assert members
    for member in members:
        elu = elus[member["elu"]]
        assert shown(f"{elu['prenom']} {elu['nom']}", quote=False) in page
    for heading in ("Part du budget", "Compétences", "Obligations", "Commentaires politiques",
                    "Représentants du personnel", "Le bilan de la commission"):
        assert heading in page
    assert 'alt="Diagramme en barres' in page
    # the budget table gives the theme's spending with a narrow no-break space as thousands separator
    assert "\u202f" in page and "\u00a0€" in page
    selections = [s for s in rows("selections") if s["theme"] == theme["id"] and s["type"] == "fierté"]
    projets = {p["id"]: p for p in rows("projets")}
    for selection in selections:
        assert f'../../projets/{selection["projet"]}/' in page
        assert shown(projets[selection["projet"]]["nom"], quote=False) in page


def test_project_page_carries_every_apercu_field(read_page: Callable[[str], str]) -> None:
    projet = next(p for p in rows("projets") if p["resultats_obtenus"])
    page = read_page(f"projets/{projet['id']}/")
    for field in ("nom", "probleme", "public_cible", "service_pilote", "resultats_attendus", "resultats_obtenus"):
        assert shown(projet[field], quote=False) in page, field
    jalons = [j for j in rows("jalons") if j["projet"] == projet["id"]]
    for jalon in jalons:
        assert f'datetime="{jalon["date"]}"' in page
        assert shown(jalon["libelle"], quote=False) in page
    for intervenant in (i for i in rows("intervenants") if i["projet"] == projet["id"]):
        assert shown(intervenant["role"], quote=False) in page


def test_comments_and_remarks_are_on_their_project(read_page: Callable[[str], str]) -> None:
    comment = rows("commentaires")[0]
    page = read_page(f"projets/{comment['projet']}/")
    assert shown(comment["texte"], quote=False) in page


def test_open_data_page_and_downloads(read_page: Callable[[str], str], built_site: Path) -> None:
    page = read_page("donnees/")
    assert "Licence Ouverte 2.0" in page
    descriptor = json.loads((built_site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        name = resource["name"]
        assert f'href="{name}.csv"' in page and f'href="{name}.json"' in page
        assert (built_site / "donnees" / f"{name}.csv").is_file()
        data = json.loads((built_site / "donnees" / f"{name}.json").read_text(encoding="utf-8"))
        assert isinstance(data, list)
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in page


def test_published_package_is_valid(built_site: Path) -> None:
    from frictionless import Package

    package = Package(str(built_site / "donnees" / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_charts_are_deterministic_svg(built_site: Path) -> None:
    charts = sorted((built_site / "graphiques").glob("*.svg"))
    assert charts
    for chart in charts:
        text = chart.read_text(encoding="utf-8")
        assert "<dc:date>" not in text


def test_generated_pages_stay_out_of_the_global_navigation(read_page: Callable[[str], str]) -> None:
    projet = rows("projets")[0]
    page = read_page("atlas/")
    assert f"projets/{projet['id']}/" not in page.split('<div class="md-content"')[0]


def test_no_third_party_requests(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page
