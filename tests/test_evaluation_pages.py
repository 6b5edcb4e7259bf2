"""The evaluation pages, generated from the demo data: content, media players, consent, PDFs."""

from __future__ import annotations

import csv
import logging
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from eclaireur.adresses import page_url
from eclaireur.generate import Generated
from helpers import REPO
from test_evaluation_helpers import WITHHELD_TESTIMONY, add_evidence, demo_repo, generate

NOT_CONSENTED = WITHHELD_TESTIMONY["texte"]
FIXTURE_NOT_CONSENTED = ("TEXTE-NON-CONSENTI-FIXTURE", "PAROLES-NON-CONSENTIES-FIXTURE", "Je parle sans accord.")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """The pages of the demo, plus the testimony without consent the demo once kept: ``eclaireur check``
    now refuses it, but the generator, run here without the check (as ``--no-check`` would), must still
    leave it out of every page and download."""
    root = demo_repo(tmp_path_factory.mktemp("pages") / "depot", forms=True)
    add_evidence(root, WITHHELD_TESTIMONY)
    return generate(root)


def html(site: Generated, path: str) -> str:
    return site.pages[path].html


class Elements(HTMLParser):
    """Start tags of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str, name: str) -> list[dict[str, str | None]]:
    parser = Elements()
    parser.feed(page)
    return [attrs for tag, attrs in parser.tags if tag == name]


def demo_rows(name: str) -> list[dict[str, str]]:
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_pages_of_each_evaluation(site: Generated) -> None:
    assert {
        "evaluations/index.md",
        "evaluations/plan-velo/index.md",
        "evaluations/plan-velo/compilation.md",
        "evaluations/budget-participatif/index.md",
        "evaluations/budget-participatif/compilation.md",
        "evaluations/budget-participatif/rapport.md",
        "evaluations/budget-participatif/suivi.md",
        *(f"evaluations/budget-participatif/suivi/preconisation-bp-p{n}.md" for n in (1, 2, 3, 4)),
        "evaluations/fete-2025.md",
        "evaluations/budget-participatif/fete-2025.md",
    } <= set(site.pages)
    # an evaluation in progress has neither report nor follow-up yet
    assert "evaluations/plan-velo/rapport.md" not in site.pages
    assert "evaluations/plan-velo/suivi.md" not in site.pages
    assert "evaluations/plan-velo/fete-2025.md" not in site.pages  # no action to review yet


def test_landing_page_shows_the_phase_timeline(site: Generated) -> None:
    page = html(site, "evaluations/plan-velo/index.md")
    assert page.count('class="ecl-phase ecl-phase--') == 8
    current = re.search(r'<li class="ecl-phase ecl-phase--en-cours" aria-current="step">(.*?)</li>', page, re.S)
    assert current and "Enquête distribuée" in current.group(1) and "12 janvier 2026" in current.group(1)
    assert 'Prévue le <time datetime="2026-05-15">15 mai 2026</time>' in page


def test_compilation_gallery_is_accessible(site: Generated) -> None:
    page = html(site, "evaluations/plan-velo/compilation.md")
    photos = [r for r in demo_rows("indices") if r["evaluation"] == "plan-velo" and r["type"] == "photo"]
    images = {img["src"]: img for img in tags(page, "img")}
    assert len(photos) == 3 and page.count('<figure class="ecl-photo"') == 3
    for photo in photos:
        src = "../../../medias/evaluations/" + Path(photo["fichier"]).name
        assert images[src]["alt"] == photo["texte_alternatif"]
        assert images[src]["width"] == "960" and images[src]["height"] == "600"
    assert page.count("<figcaption>") >= 3
    assert "<script" not in page


def test_players_are_native_and_nothing_autoplays(site: Generated) -> None:
    page = html(site, "evaluations/plan-velo/compilation.md")
    audios, videos = tags(page, "audio"), tags(page, "video")
    assert len(audios) == 1 and len(videos) == 1
    for player in audios + videos:
        assert "controls" in player and player["preload"] == "none"
        assert "autoplay" not in player
    assert "autoplay" not in page
    assert tags(page, "track")[0]["kind"] == "captions"
    assert videos[0]["poster"] == "../../../medias/evaluations/pv-synthese-usage-affiche.png"
    transcript = next(r for r in demo_rows("indices") if r["id"] == "pv-temoignage-cycliste")["transcription"]
    assert transcript in page
    assert page.count('<details class="ecl-transcript">') == 2


def test_media_files_are_published(site: Generated) -> None:
    for name in ("pv-quai-varenne.png", "pv-temoignage-cycliste.mp3", "pv-synthese-usage.mp4",
                 "pv-synthese-usage.vtt", "bp-urne-marche.png"):
        asset = site.assets[f"medias/evaluations/{name}"]
        assert asset.data == (REPO / "data" / "media" / "evaluations" / name).read_bytes()


def test_non_consented_testimony_is_never_published(site: Generated) -> None:
    for output in [*site.pages.values(), *site.assets.values()]:
        text = output.html if hasattr(output, "html") else output.data.decode("utf-8", "ignore")
        assert NOT_CONSENTED not in text, output.path
    assert "pv-temoignage-livreur" not in site.assets["donnees/indices.csv"].data.decode("utf-8")
    assert "1 indice recueilli n’est pas publié" in html(site, "evaluations/plan-velo/compilation.md")


def test_build_says_which_testimony_it_skips(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Defence in depth: the generator run without ``eclaireur check`` on rows the check refuses."""
    root = demo_repo(tmp_path / "depot", replace=["indices.csv"])
    for name in ("lourd.png",):
        (root / "data" / "media" / "evaluations" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "data" / "media" / "evaluations" / "absente.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with caplog.at_level(logging.WARNING, logger="eclaireur"):
        result = generate(root)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("« Témoignage publié sans consentement » (temoignage-sans-consentement" in w
               and "non publié" in w for w in warnings), warnings
    for withheld in ("temoignage-non-consenti-garde", "son-non-consenti", "ok-temoignage-en-attente"):
        assert any(f"({withheld}," in w and "consentement = false" in w for w in warnings), (withheld, warnings)
    for output in [*result.pages.values(), *result.assets.values()]:
        text = output.html if hasattr(output, "html") else output.data.decode("utf-8", "ignore")
        assert not [t for t in FIXTURE_NOT_CONSENTED if t in text], output.path
        assert "ok-temoignage-en-attente" not in text, output.path


def test_call_for_contributions_links_the_forms(site: Generated) -> None:
    page = html(site, "evaluations/plan-velo/index.md")
    call = page[page.index('id="contribuer"'):]
    assert "Appel ouvert jusqu’au 15 mars 2026 inclus." in call
    for form in ("enquete-velo", "temoignage-velo", "contribution-velo"):
        assert f'href="../../formulaires/{form}/"' in call
    assert "mailto:participation@loirance.example?subject=" in call
    assert 'id="contribuer"' not in html(site, "evaluations/budget-participatif/index.md")


def test_call_without_forms_shows_the_email_channel(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot", options={"contribution_url": "https://www.loirance.example/participer"})
    page = generate(root, opendata=False).pages["evaluations/plan-velo/compilation.md"].html
    call = page[page.index('id="contribuer"'):]
    assert "formulaires/" not in call
    assert "mailto:participation@loirance.example" in call
    assert 'href="https://www.loirance.example/participer"' in call


def test_report_page(site: Generated) -> None:
    page = html(site, "evaluations/budget-participatif/rapport.md")
    for article in demo_rows("contributions_journalistes"):
        assert article["titre"] in page
        assert f"Par {article['auteur']}" in page
    assert page.count('<div class="ecl-reco">') == 4
    assert 'href="../../../imprimer/evaluations/budget-participatif-journal.pdf"' in page
    assert 'href="../donnees/actions.csv" download' in page
    assert "Un projet choisi sur trois n’est pas livré dans les deux ans promis" in page


def test_finished_evaluation_links_its_conclave_draw(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot")
    shutil.copytree(REPO / "data" / "tirages", root / "data" / "tirages")  # lien: evaluations/budget-participatif/
    pages = generate(root).pages
    for path in ("evaluations/budget-participatif/index.md", "evaluations/budget-participatif/rapport.md"):
        links = [str(a.get("href")) for a in tags(pages[path].html, "a")]
        assert any(h.endswith("tirages/conclave-budget-participatif/") for h in links), path
        assert "chacun peut le refaire" in pages[path].html
    assert "tirages/" not in pages["evaluations/plan-velo/index.md"].html  # a draw names its own evaluation
    assert "tirages/" not in html_without_draws(tmp_path / "sans", "evaluations/budget-participatif/index.md")


def html_without_draws(target: Path, path: str) -> str:
    return generate(demo_repo(target)).pages[path].html


def test_per_evaluation_open_data(site: Generated) -> None:
    actions = site.assets["evaluations/budget-participatif/donnees/actions.csv"].data.decode("utf-8")
    assert actions.splitlines()[0].startswith("id,preconisation,ordre,libelle")
    assert len(actions.splitlines()) == 1 + 14
    indices = site.assets["evaluations/plan-velo/donnees/indices.csv"].data.decode("utf-8")
    assert "pv-temoignage-livreur" not in indices and "pv-quai-varenne" in indices


def resolve(site: Generated, source: str, href: str) -> tuple[str, str]:
    """The generated page (source path) a relative link of the page ``source`` leads to, and its fragment."""
    target, _, fragment = href.partition("#")
    url = posixpath.normpath(posixpath.join(page_url(source), target or ".")) + "/"
    pages = {page_url(path) or "./": path for path in site.pages}
    return pages.get(url.removeprefix("./") or "./", f"(aucune page à {url})"), fragment


def assert_links_lead_to_actions(site: Generated, source: str, expected: int) -> None:
    """Every link of ``source`` to an action leads to a page of the site that has that action."""
    links = [str(a["href"]) for a in tags(html(site, source), "a") if "#action-" in str(a.get("href"))]
    assert len(links) == expected, source
    for href in links:
        target, fragment = resolve(site, source, href)
        assert target in site.pages, (source, href, target)
        assert f'id="{fragment}"' in html(site, target), (source, href)


def test_follow_up_dashboard(site: Generated) -> None:
    page = html(site, "evaluations/budget-participatif/suivi.md")
    late = page[page.index('<table class="ecl-late-table">'):page.index("</table>", page.index("ecl-late-table"))]
    assert late.count("<tr>") == 1 + 4  # header + the four overdue actions
    assert "9\u00a0mois" in late and "31\u00a0jours" in late
    assert_links_lead_to_actions(site, "evaluations/budget-participatif/suivi.md", 4)
    assert 'imprimer/evaluations/budget-participatif-tableau-de-suivi-a3.pdf' in page
    review = re.search(r'<a href="([^"]+)">Le bilan 2025 de ces actions, présenté à la fête', page)
    assert review and resolve(site, "evaluations/budget-participatif/suivi.md", review.group(1))[0] == (
        "evaluations/budget-participatif/fete-2025.md")
    # the calendar: one chart per recommendation, each with its table of the same dates
    charts = [img for img in tags(page, "img") if "evaluation-calendrier" in (img["src"] or "")]
    assert len(charts) == 4
    alts = [str(img["alt"]) for img in charts]
    assert alts[1].startswith("Diagramme de calendrier de la préconisation 2 : 4 actions, chacune représentée")
    assert "2 actions en retard au 31 janvier 2026 (ligne verticale)" in alts[1]
    assert sum(int(re.search(r" : (\d+) actions?,", alt).group(1)) for alt in alts) == 14  # type: ignore[union-attr]
    assert all(img["width"] == "1000" and int(str(img["height"])) > 100 for img in charts)
    for n in (1, 2, 3, 4):
        assert f"Calendrier des actions de la préconisation {n} (mêmes données que le graphique)" in page
    assert page.count("<details class=\"ecl-data-table\" data-search-exclude>") == 4
    # the actions and their tasks are on the page of their recommendation
    assert '<article class="ecl-action' not in page
    reco_pages = [html(site, f"evaluations/budget-participatif/suivi/preconisation-bp-p{n}.md") for n in (1, 2, 3, 4)]
    assert [p.count('<article class="ecl-action') for p in reco_pages] == [4, 4, 3, 3]
    assert "4 faites sur 4" in reco_pages[0]
    assert "<h1>Préconisation 2 : Tenir la promesse des deux ans</h1>" in reco_pages[1]
    assert 'aria-current="page">Préconisation 2</a>' in reco_pages[1]
    assert 'aria-current="true">Tableau de suivi</a>' in reco_pages[1]  # the dashboard: its section
    assert "Pourquoi bloquée :" in reco_pages[1] and "Tâches de l’action 2.2" in reco_pages[1]


def test_calendar_runs_are_short_and_even() -> None:
    from eclaireur.pages.evaluation_suivi import GANTT_ROWS, chunks

    for size in (1, 3, 20, 21, 25, 40, 41, 100):
        runs = chunks(list(range(size)))  # type: ignore[arg-type]
        assert [x for run in runs for x in run] == list(range(size))
        assert all(len(run) <= GANTT_ROWS for run in runs)
        assert len(runs) == -(-size // GANTT_ROWS)
        assert max(map(len, runs)) - min(map(len, runs)) <= 1
    assert [len(run) for run in chunks(list(range(25)))] == [13, 12]  # type: ignore[arg-type]
    assert chunks([]) == []


def test_fete_page(site: Generated) -> None:
    page = html(site, "evaluations/fete-2025.md")
    assert "Fête de l’évaluation 2025" in page
    assert len([img for img in tags(page, "img") if img["alt"]]) == 2
    assert "Le bilan 2025 de chaque évaluation" in page
    target, _ = resolve(site, "evaluations/fete-2025.md", next(
        str(a["href"]) for a in tags(page, "a") if str(a.get("href")).endswith("budget-participatif/fete-2025/")))
    assert target == "evaluations/budget-participatif/fete-2025.md"
    own = html(site, target)
    assert "<h1>Fête de l’évaluation 2025 : Le budget participatif, trois éditions après</h1>" in own
    for label in ("Ce qui a été fait en 2025", "Ce qui n’a pas été fait, et pourquoi", "Ce qui est bloqué",
                  "Ce qui a été arrêté ou réorienté en 2025"):
        assert label in own
    assert "Le conseil municipal a préféré créer une édition jeunesse distincte" in own
    assert_links_lead_to_actions(site, target, 2 + 3 + 1 + 2)  # done, late, blocked, stopped or redirected


def test_fete_year_comes_from_the_configuration(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot", options={"fete_evaluation_annee": 2024})
    pages = generate(root, opendata=False).pages
    assert "evaluations/fete-2024.md" in pages and "evaluations/fete-2025.md" not in pages


def test_data_is_escaped(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot")
    path = root / "data" / "criteres.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Qui participe ?", "Qui <script>alert(1)</script> ?"),
                    encoding="utf-8")
    page = generate(root, opendata=False).pages["evaluations/budget-participatif/compilation.md"].html
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def pdf_text(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_info(data: bytes, tmp_path: Path, name: str) -> dict[str, Any]:
    path = tmp_path / name
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_newspaper_text_is_extractable(site: Generated, tmp_path: Path) -> None:
    data = site.assets["imprimer/evaluations/budget-participatif-journal.pdf"].data
    text = " ".join(pdf_text(data, tmp_path, "journal.pdf").split())
    assert "Le journal de l’évaluation" in text
    assert "Le plan d’actions" in text
    assert "Budget participatif : la Ville s’engage sur des délais" in text
    assert "Marion Keller" in text
    assert int(pdf_info(data, tmp_path, "journal.pdf")["Pages"]) >= 3


def test_newspaper_photos_are_read_as_their_text_alternative(site: Generated) -> None:
    """The photos of the evaluation's newspaper (an accessible PDF/UA-1) carry the same text alternative as on
    the web pages (column texte_alternatif), not their caption."""
    from eclaireur.print.typographie import typographie
    from test_print import alt_texts, assert_pdf_ua

    data = site.assets["imprimer/evaluations/budget-participatif-journal.pdf"].data
    assert_pdf_ua(data, "journal de l'évaluation")
    photos = [r for r in demo_rows("indices") if r["evaluation"] == "budget-participatif" and r["type"] == "photo"
              and r["rapport"] == "true" and r["fichier"]]
    assert len(photos) >= 2
    assert sorted(alt_texts(data)) == sorted(typographie(r["texte_alternatif"]) for r in photos)


def test_follow_up_table_is_a3_landscape(site: Generated, tmp_path: Path) -> None:
    data = site.assets["imprimer/evaluations/budget-participatif-tableau-de-suivi-a3.pdf"].data
    info = pdf_info(data, tmp_path, "suivi.pdf")
    assert "1190.55 x 841.89 pts (A3)" in info["Page size"]
    text = " ".join(pdf_text(data, tmp_path, "suivi.pdf").split())
    assert "Passer un accord-cadre de travaux réservé aux projets lauréats" in text
    assert "État des actions au 31 janvier 2026" in text


def test_built_site_never_contains_the_non_consented_testimony(built_site: Path) -> None:
    """Pages, downloads, search index, PDFs: the whole demo site, built by ``eclaireur build``."""
    needles = [NOT_CONSENTED.encode("utf-8"), b"pour deux plateformes", b"giratoire des Tanneries"]
    files = [path for path in built_site.rglob("*") if path.is_file()]
    assert len(files) > 100
    for path in files:
        data = path.read_bytes()
        assert not any(needle in data for needle in needles), path.relative_to(built_site)
    assert (built_site / "evaluations" / "plan-velo" / "compilation" / "index.html").is_file()
