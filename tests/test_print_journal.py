"""The newspaper layout: a Markdown report with front matter poured into the tabloid template."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.errors import DataError
from eclaireur.print.compilateur import page_count
from eclaireur.print.journal import journal_pdf, parse_report
from eclaireur.print.pandoc import markdown_escape
from test_print import HOSTILE, page_size_mm, pdf_text, pdfinfo, session

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
    assert re.search(r"\b1 ?/ ?1\b", words)  # page number
    # raw typst, math and citations are printed as text, never run
    assert '#text("INJECTION")' in words and "$1 + 1$" in words and "@ref" in words
    order = [words.find(t) for t in ("Rapport d'évaluation", "Les producteurs", "Une légumerie", "Caractères spéciaux")]
    assert order == sorted(order) and -1 not in order
    assert page_count(pdf) == 1


def test_missing_image_names_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "rapports"
    text = "---\ntitre: Essai\n---\n\n![Photo](absente.png)\n"
    path = write_report(folder, text)
    with pytest.raises(DataError, match=r"absente\.png") as caught:
        journal_pdf(session(tmp_path), text, str(path), folder)
    assert str(path) in caught.value.message


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
