"""The newspaper layout: a Markdown report with front matter poured into the tabloid template."""

from __future__ import annotations

import csv
import dataclasses
import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from eclaireur import fr
from eclaireur.cli import main
from eclaireur.errors import DataError, EclaireurError
from eclaireur.print import donnees
from eclaireur.print.compilateur import page_count
from eclaireur.print.graphique import chart_text
from eclaireur.print.journal import journal_pdf, parse_report
from eclaireur.print.pandoc import markdown_escape, split_front_matter
from eclaireur.print.session import PrintSession
from eclaireur.print.sorties import build_print
from eclaireur.print.typographie import typographie
from helpers import REPO
from test_build import edit_csv
from test_print import (
    HOSTILE,
    MM,
    alt_texts,
    assert_pdf_ua,
    config,
    fonts,
    jeu,
    page_size_mm,
    pdf_text,
    pdfinfo,
    session,
    warnings_of,
)

REPORT = """---
titre: "Rapport d'évaluation : la cantine bio"
chapeau: "Quatre ans après, un repas sur quatre est bio ; le prix payé par les familles n'a pas bougé."
auteurs: [Service de l'évaluation, Comité de pilotage]
date: 2026-01-31
journal: "Le journal de l'évaluation"
numero: 2
---

Les producteurs du Val-de-Loirance livrent désormais cinq des douze lots du marché de restauration.

> Les enfants mangent mieux et jettent moins.

![Le repas du jeudi à l'école des Tanneries](photo.svg)

## Ce qui reste à faire

Le coût complet du repas a augmenté : 18 % en quatre ans.

# Une légumerie municipale {rubrique="Coulisses" chapeau="Deux agents de plus." auteurs="La rédaction" colonnes=3}

Les légumes arrivent non calibrés ; il faut les préparer sur place.

# Caractères spéciaux {rubrique="Essai" colonnes=1}

Texte avec des caractères spéciaux : {hostile}.

```{=typst}
#text("INJECTION")
```

Un calcul $1 + 1$ et une référence @ref ne sont pas interprétés.
"""

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240" viewBox="0 0 400 240">'
    '<rect width="400" height="240" fill="#1F4E8C"/><circle cx="200" cy="120" r="70" fill="#F2C94C"/></svg>'
)


def write_report(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photo.svg").write_text(SVG, encoding="utf-8")
    path = folder / "rapport.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_report_is_split_into_articles() -> None:
    report = parse_report(REPORT.replace("{hostile}", "x"), "rapport.md")
    titles = [a.attributs["titre"] for a in report.articles]
    assert titles == ["Rapport d'évaluation\u00a0: la cantine bio", "Une légumerie municipale", "Caractères spéciaux"]
    lead, second, _ = report.articles
    assert lead.attributs["une"] and not second.attributs["une"]
    assert lead.attributs["auteurs"] == "Service de l'évaluation et Comité de pilotage"
    assert second.attributs["colonnes"] == 3 and second.attributs["rubrique"] == "Coulisses"


def test_markdown_report_becomes_a_newspaper(tmp_path: Path) -> None:
    folder = tmp_path / "depot" / "rapports"
    # a data value written into Markdown by a template is escaped first (as the demo edition does)
    text = REPORT.replace("{hostile}", markdown_escape(HOSTILE))
    path = write_report(folder, text)
    s = session(tmp_path)
    s.config = s.config.__class__(**{**s.config.__dict__, "root": tmp_path / "depot"})
    pdf = journal_pdf(s, text, str(path), folder)
    info = pdfinfo(pdf, tmp_path)
    assert page_size_mm(info) == (280.0, 430.0)
    assert info["Title"].startswith("Rapport d'évaluation") and info["Author"] == "Ville de Loirance"
    words = pdf_text(pdf, tmp_path)
    for expected in ("Le journal de l'évaluation", "N° 2", "Rapport d'évaluation", "Quatre ans après",
                     "Par Service de l'évaluation et Comité de pilotage", "Le repas du jeudi",
                     "Les enfants mangent mieux", "Ce qui reste à faire", "Une légumerie municipale", "COULISSES"):
        assert expected in words, expected
    assert HOSTILE in words
    assert re.search(r"\b4 ?/ ?4\b", words)  # page number
    # raw typst, math and citations are printed as text, never run
    assert '#text("INJECTION")' in words and "$1 + 1$" in words and "@ref" in words
    order = [words.find(t) for t in ("Rapport d'évaluation", "Les producteurs", "Une légumerie", "Caractères spéciaux")]
    assert order == sorted(order) and -1 not in order
    # one page of articles, then the pages written from the data up to a multiple of 4 (see below)
    assert page_count(pdf) == 4


def test_missing_image_names_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "rapports"
    text = "---\ntitre: Essai\n---\n\n![Photo](absente.png)\n"
    path = write_report(folder, text)
    with pytest.raises(DataError, match=r"absente\.png") as caught:
        journal_pdf(session(tmp_path), text, str(path), folder)
    assert str(path) in caught.value.message


def report_session(tmp_path: Path) -> PrintSession:
    return PrintSession(dataclasses.replace(config(tmp_path), root=tmp_path / "depot"), jeu())


def test_report_images_have_text_alternatives(tmp_path: Path) -> None:
    """An image is read as its ``alt`` attribute, or else as its caption; the attribute itself is not printed."""
    folder = tmp_path / "depot" / "rapports"
    text = (
        "---\ntitre: Essai\n---\n\n"
        '![Le repas du jeudi](photo.svg){alt="Un disque jaune sur fond bleu \\"soleil\\""}\n\n'
        "Du texte.\n\n![Le second dessin](dessin.svg)\n\nEncore du texte.\n"
    )
    path = write_report(folder, text)
    (folder / "dessin.svg").write_text(SVG.replace("#F2C94C", "#2D6A2E"), encoding="utf-8")
    pdf = journal_pdf(report_session(tmp_path), text, str(path), folder)
    assert_pdf_ua(pdf, "rapport")
    assert sorted(alt_texts(pdf)) == ["Le second dessin", 'Un disque jaune sur fond bleu "soleil"']
    words = pdf_text(pdf, tmp_path)
    assert "Le repas du jeudi" in words and "Le second dessin" in words
    assert "alt=" not in words and "disque jaune" not in words


def test_image_without_any_text_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "depot" / "rapports"
    text = "---\ntitre: Essai\n---\n\nDu texte.\n\n![](photo.svg)\n"
    path = write_report(folder, text)
    with pytest.raises(DataError) as caught:
        journal_pdf(report_session(tmp_path), text, str(path), folder)
    message = caught.value.message
    assert str(path) in message and "photo.svg" in message and "texte de remplacement" in message


def test_skipped_heading_level_is_a_french_error(tmp_path: Path) -> None:
    """An accessible PDF has no heading level skipped: typst refuses, the message names the report."""
    folder = tmp_path / "depot" / "rapports"
    text = "---\ntitre: Essai\n---\n\nDu texte.\n\n### Un intertitre trop bas\n\nEncore du texte.\n"
    path = write_report(folder, text)
    with pytest.raises(EclaireurError) as caught:
        journal_pdf(report_session(tmp_path), text, str(path), folder)
    message = caught.value.message
    assert str(path) in message and "journal.typ.j2" in message and "niveaux de titre" in message
    # with the level in between, the same report prints
    fixed = text.replace("### Un intertitre", "## Un intertitre")
    assert page_count(journal_pdf(report_session(tmp_path / "b"), fixed, str(path), folder)) == 4


def test_demo_edition_charts_are_read_as_their_figures(tmp_path: Path) -> None:
    """The charts of the demo edition have text alternatives written from the data they draw."""
    data = jeu()
    pdf = build_print(config(tmp_path), data, kinds=("journal",)).files["imprimer/journal/journal-de-la-mandature.pdf"]
    alts = alt_texts(pdf)
    current = {}
    for theme in donnees.themes(data):
        budget = donnees.budget_shares(data, theme["id"])
        if budget["mandats"]:
            assert typographie(chart_text(budget, typographie(theme["titre"]))) in alts, theme["id"]
            current[typographie(theme["titre"])] = next(m["montant"] for m in budget["mandats"] if m["en_cours"])
    assert len(current) >= 2
    spending = next(a for a in alts if a.startswith("Diagramme en barres horizontales des dépenses de chaque thème"))
    for titre, montant in current.items():
        assert f"{titre}\u00a0: {fr.millions(montant)}" in spending, (titre, spending)
    projects = len(data.rows("projets"))
    assert any(a.startswith(f"Barre des {projects} projets partagée selon leur état d'avancement") for a in alts)
    # one text alternative per chart: every theme's share, the spending of all themes, the projects by status
    assert len(alts) == len(current) + 2


def test_emoji_of_a_report_print_and_a_character_no_font_has_is_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Emoji in the title and the body of a Markdown report print with the shipped emoji font (pandoc's markup is
    cleaned like the strings); a character that no font has becomes « � » with a warning naming the report."""
    caplog.set_level(logging.WARNING, logger="eclaireur")
    folder = tmp_path / "depot" / "rapports"
    text = ('---\ntitre: "Le vélo 🚲 à l\'école"\n---\n\nLes familles 👨\u200d👩\u200d👧 ont voté 👍 et disent '
            "*merci* ❤️.\n\nUn caractère rare : 一.\n")
    path = write_report(folder, text)
    pdf = journal_pdf(report_session(tmp_path), text, str(path), folder)
    assert_pdf_ua(pdf, "rapport")
    assert ("NotoEmoji-Regular", "yes") in fonts(pdf, tmp_path)
    words = pdf_text(pdf, tmp_path)
    assert "Le vélo 🚲 à l'école" in words and "👍" in words and "merci ❤" in words
    assert "rare : �." in words and "一" not in words
    [message] = warnings_of(caplog)
    assert message.startswith(f"le journal {path} : un caractère")
    assert "U+4E00 CJK UNIFIED IDEOGRAPH-4E00 « 一 » (remplacé par « � », champ « corps »)" in message


def test_report_without_title_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="titre"):
        parse_report("Du texte sans titre.\n", "sans-titre.md")


def test_cli_print_writes_the_files_the_web_pages_link_to(repo_copy: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["print", "--root", str(repo_copy), "--only", "affiches"])
    assert result.exit_code == 0, result.output
    assert "Impression : 12 affiches" in result.output
    posters = sorted((repo_copy / "site" / "imprimer" / "affiches").glob("*.pdf"))
    assert len(posters) == 12
    text = subprocess.run(["pdftotext", str(repo_copy / "site/imprimer/affiches/education.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    order = [text.find(t) for t in ("Éducation", "Part du budget", "La commission", "Les 3 fiertés",
                                    "Compétences et obligations", "Commentaires politiques",
                                    "Représentants du personnel", "Données au")]
    assert -1 not in order and order == sorted(order)


def test_cli_error_is_french_without_traceback(repo_copy: Path) -> None:
    (repo_copy / "theme" / "typst" / "affiche.typ.j2").unlink()
    result = CliRunner().invoke(main, ["print", "--root", str(repo_copy), "--only", "affiches"])
    assert result.exit_code == 2
    assert "Gabarit d'impression introuvable" in result.output and "Traceback" not in result.output


def test_build_publishes_the_print_files(built_site: Path) -> None:
    """``eclaireur build`` puts the same PDFs in the site, at the paths the web pages link to."""
    folder = built_site / "imprimer"
    for path in ("affiches/education.pdf", "atlas.pdf", "journal/journal-de-la-mandature.pdf"):
        assert (folder / path).read_bytes()[:5] == b"%PDF-", path
    sheets = sorted((folder / "fiches").glob("*.pdf"))
    assert len(sheets) >= 100 and all(page_count(p.read_bytes()) == 1 for p in sheets)


# --- layout: blocks that must not overlap ---------------------------------------------------------------

FIXTURES = REPO / "tests" / "fixtures" / "print"
XHTML = "{http://www.w3.org/1999/xhtml}"
# a column of the tabloid: 280 mm - 2 x 13 mm of margins, 5 columns, 4 gutters of 4.5 mm
COLUMN_PT = (280 - 2 * 13 - 4 * 4.5) / 5 * MM


@dataclass(frozen=True)
class Line:
    """A line of text as pdftotext sees it: page, words, and its box (font ascender to descender)."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def core(self) -> tuple[float, float]:
        """The band where the letters are (the box without the room left for accents and descenders)."""
        height = self.y1 - self.y0
        return self.y0 + 0.3 * height, self.y1 - 0.25 * height


def layout_lines(pdf: bytes, tmp_path: Path) -> tuple[list[Line], tuple[float, float]]:
    """Every line of the PDF with its box, and the page size in points."""
    path = tmp_path / "lignes.pdf"
    path.write_bytes(pdf)
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True, capture_output=True).stdout
    root = ElementTree.fromstring(xml)
    lines = []
    size = (0.0, 0.0)
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        size = (float(page.get("width", 0)), float(page.get("height", 0)))
        for line in page.iter(f"{XHTML}line"):
            words = " ".join(w.text or "" for w in line.iter(f"{XHTML}word"))
            box = [float(line.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(number, words, *box))
    return lines, size


def pour(tmp_path: Path, fixture: str, theme_dir: Path = REPO / "theme", photo: bool = False) -> bytes:
    """The fixture report poured into the newspaper (with a photo in the lead article when asked)."""
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    if photo:
        text = text.replace("\n---\n\n", "\n---\n\n![Le marché du jeudi aux Tanneries](photo.svg)\n\n", 1)
    path = write_report(tmp_path / "depot" / "rapports", text)
    s = PrintSession(dataclasses.replace(config(tmp_path, theme_dir), root=tmp_path / "depot"), jeu())
    return journal_pdf(s, text, str(path), path.parent)


def within(line: Line, text: str) -> bool:
    """True when every word of ``line`` comes from ``text`` (hyphenated halves included)."""
    return bool(line.text) and all(w.strip("-\u00ad") in text for w in line.text.split())


def inside(line: Line, width: float, height: float) -> bool:
    return line.x0 >= 0 and line.y0 >= 0 and line.x1 <= width and line.y1 <= height


@pytest.mark.parametrize("photo", [False, True], ids=["sans-photo", "avec-photo"])
def test_two_line_headline_clears_the_standfirst(tmp_path: Path, photo: bool) -> None:
    """The descenders of a headline on two lines or more never run into the standfirst below it."""
    meta, _ = split_front_matter((FIXTURES / "journal-titre-deux-lignes.md").read_text(encoding="utf-8"), "")
    pdf = pour(tmp_path, "journal-titre-deux-lignes.md", photo=photo)
    lines, (width, height) = layout_lines(pdf, tmp_path)
    front = [line for line in lines if line.page == 1]
    titre = [line for line in front if line.text and line.text in meta["titre"]]
    chapeau = [line for line in front if within(line, meta["chapeau"]) and line not in titre]
    signature = [line for line in front if line.text.startswith("Par Service")]
    corps = [line for line in front if line.text.startswith("Les producteurs")]
    assert len(titre) >= 2 and chapeau and len(signature) == 1 and len(corps) == 1, [x.text for x in front]
    assert max(line.y1 for line in titre) <= min(line.y0 for line in chapeau)
    assert max(line.y1 for line in chapeau) <= signature[0].y0
    assert signature[0].y1 <= corps[0].y0
    # the second article: its headline on two lines, its standfirst and its byline
    titre2 = [line for line in front if line.text and line.text in "Une légumerie municipale pour préparer les "
              "légumes du Val-de-Loirance sur place"]
    chapeau2 = [line for line in front if within(line, "Deux agents de plus, une salle carrelée et des légumes "
                                                 "qui arrivent non calibrés.")]
    assert len(titre2) >= 2 and chapeau2
    assert max(line.y1 for line in titre2) <= min(line.y0 for line in chapeau2)
    assert all(inside(line, width, height) for line in lines)


def test_long_pull_quote_is_shortened_inside_its_column(tmp_path: Path) -> None:
    """A pull quote wraps in its column; one too long for it ends with « […] » instead of overflowing."""
    pdf = pour(tmp_path, "journal-citation-longue.md")
    words = pdf_text(pdf, tmp_path)
    assert "Nous avons vu la cantine changer de visage" in words
    assert "QUEUE-DE-CITATION" not in words
    assert re.search(r"\[…\]\s?»", words)
    assert "\u200b" not in words  # break opportunities are spacing, not characters a reader would copy
    assert "Les menus sont aussi publiés" in words
    lines, (width, height) = layout_lines(pdf, tmp_path)
    # no line runs outside the page or over another line (the next article included)
    for line in lines:
        assert inside(line, width, height), line
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if a.page != b.page or a.x1 <= b.x0 or b.x1 <= a.x0:
                continue
            (a0, a1), (b0, b1) = a.core(), b.core()
            assert a1 <= b0 or b1 <= a0, (a, b)
    # the quoted web address is broken inside its column instead of running out of it
    address = ("« Tout est sur https://www.loirance.example/evaluations/restauration-scolaire-durable/"
               "compilation-intermediaire/temoignages-des-familles/ »")
    pieces = [line for line in lines if line.page == 1 and within(line, address)]
    assert len(pieces) >= 3, [line.text for line in lines]
    assert all(line.x1 - line.x0 <= COLUMN_PT + 1 for line in pieces), pieces


def test_emoji_in_an_accepted_testimony_does_not_stop_the_build(
    repo_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``eclaireur build`` prints the PDFs: an emoji in a citizen's testimony retained for an evaluation report and
    in an agent's remark on a project prints with the shipped emoji font, and a character no font has only gives
    a warning."""
    from eclaireur.build import build_site

    caplog.set_level(logging.WARNING, logger="eclaireur")

    def row_of(name: str, key: str, value: str) -> tuple[int, dict[str, str]]:
        with (repo_copy / "data" / name).open(encoding="utf-8", newline="") as handle:
            return next((i, row) for i, row in enumerate(csv.DictReader(handle)) if row[key] == value)

    index, testimony = row_of("indices.csv", "id", "bp-temoignage-votante")
    assert testimony["type"] == "témoignage" and testimony["rapport"] == "true" and testimony["publie"] == "true"
    edit_csv(repo_copy / "data" / "indices.csv", index, "texte", "🚲❤️👍 一 " + testimony["texte"])
    index, remark = row_of("commentaires.csv", "id", "c-002")
    assert remark["auteur_type"] == "agent"
    edit_csv(repo_copy / "data" / "commentaires.csv", index, "texte", remark["texte"] + " Merci 👍")
    build_site(repo_copy)
    journal = (repo_copy / "site" / "imprimer" / "evaluations" / "budget-participatif-journal.pdf").read_bytes()
    sheet = (repo_copy / "site" / "imprimer" / "fiches" / f"{remark['projet']}.pdf").read_bytes()
    for name, pdf in (("journal", journal), ("fiche", sheet)):
        assert_pdf_ua(pdf, name)
        assert ("NotoEmoji-Regular", "yes") in fonts(pdf, tmp_path), name
    assert "🚲❤" in pdf_text(journal, tmp_path) and "Merci 👍" in pdf_text(sheet, tmp_path)
    replaced = [m for m in warnings_of(caplog) if "U+4E00" in m]
    assert replaced and all("budget-participatif" in m for m in replaced), warnings_of(caplog)


def test_print_writes_every_print_file_of_the_build(built_site: Path, tmp_path: Path) -> None:
    """``eclaireur print`` writes the same PDFs as ``eclaireur build``, the evaluations' ones included."""
    output = tmp_path / "sortie"
    result = CliRunner().invoke(main, ["print", "--root", str(REPO), "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "2 PDF d'évaluation" in result.output
    printed = {p.relative_to(output).as_posix(): p for p in (output / "imprimer").rglob("*.pdf")}
    built = {p.relative_to(built_site).as_posix(): p for p in (built_site / "imprimer").rglob("*.pdf")}
    assert {"imprimer/evaluations/budget-participatif-journal.pdf",
            "imprimer/evaluations/budget-participatif-tableau-de-suivi-a3.pdf"} <= set(printed)
    assert sorted(printed) == sorted(built)
    assert all(printed[path].read_bytes() == built[path].read_bytes() for path in built)


def test_every_pdf_of_the_site_declares_pdf_ua(built_site: Path) -> None:
    """Posters, atlas, sheets, newspapers, the evaluations' PDFs and the paper ballot: all accessible PDFs."""
    pdfs = {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*.pdf")}
    kinds = {path.split("/")[1] if path.startswith("imprimer/") else path.split("/")[0] for path in pdfs}
    assert {"affiches", "atlas.pdf", "fiches", "journal", "evaluations", "vote"} <= kinds, kinds
    for path, data in pdfs.items():
        assert_pdf_ua(data, path)
        if path.startswith("imprimer/fiches/") or path.endswith("bulletin-papier.pdf"):
            assert page_count(data) == 1, path
        if path.endswith("-journal.pdf") or path.startswith("imprimer/journal/"):
            assert page_count(data) % 4 == 0, path


# --- tabloid editions have a multiple of 4 pages, completed from the data ------------------------------


def squeeze(text: str) -> str:
    """``text`` without its spaces (a web address may break across lines)."""
    return "".join(text.split())


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The words of each page."""
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [" ".join(re.sub(r"\u00ad\s*", "", page).split()) for page in text.split("\f")[:-1]]


def test_short_report_is_completed_to_four_pages_from_the_data(tmp_path: Path) -> None:
    """A one-page report gets the council and the projects on pages of their own, then the back page."""
    pdf = pour(tmp_path, "journal-titre-deux-lignes.md")
    pages = page_texts(pdf, tmp_path)
    assert len(pages) == 4
    # every page is numbered in sequence (no page laid out apart from the flow)
    assert [re.search(r"\b(\d+) ?/ ?4\b", page).group(1) for page in pages] == ["1", "2", "3", "4"]  # type: ignore[union-attr]
    assert "Vos élus" in pages[1] and "Mme Hélène Marchetti" in pages[1] and "Loirance ensemble" in pages[1]
    assert "Tous les projets suivis" in pages[2] and "Nouvelle crèche des Rives" in pages[2]
    back = pages[3]
    for expected in ("Dans ce numéro", "Vos élus", "p. 2", "Tous les projets suivis", "p. 3", "Les données ouvertes",
                     "Hôtel de ville", "Directrice de la publication : Mme Hélène Marchetti, maire.", "FICTIVE"):
        assert expected in back, expected
    assert "https://www.loirance.example/donnees/" in squeeze(back)  # an address may break across lines


def test_a3_edition_is_not_completed(tmp_path: Path) -> None:
    text = (FIXTURES / "journal-titre-deux-lignes.md").read_text(encoding="utf-8").replace(
        "numero: 2\n", "numero: 2\nformat: A3\n")
    path = write_report(tmp_path / "depot" / "rapports", text)
    s = PrintSession(dataclasses.replace(config(tmp_path), root=tmp_path / "depot"), jeu())
    pdf = journal_pdf(s, text, str(path), path.parent)
    assert page_count(pdf) == 1 and "Vos élus" not in pdf_text(pdf, tmp_path)


def test_long_lists_are_cut_to_their_page_with_the_web_address(tmp_path: Path) -> None:
    """600 projects do not fit a tabloid page: the list ends with how many are left and where to read them."""
    data = jeu()
    model = data.tables["projets"][0]
    data.tables["projets"] = [
        {**model, "id": f"projet-{i:03d}", "nom": f"Projet de quartier numéro {i} ({model['nom']})"} for i in range(600)
    ]
    path = write_report(tmp_path / "depot" / "rapports", (FIXTURES / "journal-titre-deux-lignes.md").read_text())
    s = PrintSession(dataclasses.replace(config(tmp_path), root=tmp_path / "depot"), data)
    pdf = journal_pdf(s, path.read_text(encoding="utf-8"), str(path), path.parent)
    pages = page_texts(pdf, tmp_path)
    assert len(pages) == 4
    projets = pages[2]
    match = re.search(r"… et (\d+(?:\u202f\d{3})?) de plus : la liste complète est en ligne", projets)
    assert match, projets[-400:]
    assert "enligne,https://www.loirance.example/projets/" in squeeze(projets)
    shown = projets.count("Projet de quartier numéro")
    assert shown > 100 and shown + int(match.group(1).replace("\u202f", "")) == 600
    # nothing runs below the foot of the page
    lines, (_, height) = layout_lines(pdf, tmp_path)
    assert all(line.y1 <= height for line in lines)


def test_demo_edition_ends_with_a_back_page_from_the_data(tmp_path: Path) -> None:
    """The demo newspaper has a multiple of 4 pages; its back page says what to remember and where to read."""
    from eclaireur.config import load_config
    from eclaireur.load import load_dataset
    from eclaireur.print import edition

    cfg = dataclasses.replace(load_config(REPO), cache_dir=tmp_path / "cache")
    s = PrintSession(cfg, load_dataset(cfg.data_dir, cfg.datapackage_path))
    pdf = journal_pdf(s, edition.edition_markdown(s), edition.SOURCE, REPO)
    pages = page_texts(pdf, tmp_path)
    assert len(pages) % 4 == 0
    total = len(pages)
    assert [re.search(rf"(?:^|\D)(\d+) ?/ ?{total}(?!\d)", page).group(1) for page in pages] == [  # type: ignore[union-attr]
        str(n) for n in range(1, total + 1)]
    back = pages[-1]
    for expected in ("À retenir", "projets suivis dans l'atlas", "Dans ce numéro", "Éducation et petite enfance",
                     "Les évaluations de la ville", "Le plan vélo", "Appel à contributions ouvert",
                     "Le budget participatif, trois éditions après", "Participer", "Directrice de la publication"):
        assert expected in back, expected
    # (pdftotext drops the hyphen of an address broken after « budget- »)
    for address in (r"evaluations/budget-?participatif/", r"imprimer/evaluations/budget-?participatif-journal\.pdf",
                    r"participation@loirance\.example"):
        assert re.search(address, squeeze(back)), address
    # the back page lists every article with the page it starts on
    assert re.search(r"Éducation et petite enfance ·*\s?p\. 2", back)
