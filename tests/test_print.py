"""Print stage: typst escaping, one-page sheets, cache, French errors, page sizes, fonts, metadata."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from eclaireur.config import EngineConfig
from eclaireur.errors import EclaireurError, UnusableInputError
from eclaireur.load import Dataset
from eclaireur.print import affiches, donnees, fiches
from eclaireur.print.compilateur import TooLongError, page_count
from eclaireur.print.graphique import chart_text
from eclaireur.print.session import PrintOptions, PrintSession
from eclaireur.print.sorties import build_print
from eclaireur.print.typographie import typographie
from eclaireur.print.typst_source import literal
from helpers import REPO

FIXTURE = REPO / "tests" / "fixtures" / "print" / "jeu.json"
HOSTILE = 'Cour #1 $x$ *gras* _souligné_ @ref <balise> ]fin[ \\ "guillemets" = - + / ~ `code`'
DATE_FIELDS = {"date", "debut", "fin", "date_debut", "date_fin", "date_donnees"}
MM = 72 / 25.4


def jeu() -> Dataset:
    """The small Loirance data set of tests/fixtures/print/jeu.json, typed like load_dataset does."""
    raw = json.loads(FIXTURE.read_text(encoding="utf-8"))["tables"]
    tables = {
        name: [
            {k: dt.date.fromisoformat(v) if k in DATE_FIELDS and isinstance(v, str) else v for k, v in row.items()}
            for row in rows
        ]
        for name, rows in raw.items()
    }
    return Dataset(root=FIXTURE.parent, descriptor={"resources": []}, tables=tables)


def config(tmp_path: Path, theme_dir: Path = REPO / "theme") -> EngineConfig:
    return EngineConfig(
        root=REPO, data_dir=REPO / "data", content_dir=REPO / "content", theme_dir=theme_dir,
        cache_dir=tmp_path / "cache", private_dir=tmp_path / "prive", site_url="https://www.loirance.example/",
    )


def session(tmp_path: Path, dataset: Dataset | None = None, **options: object) -> PrintSession:
    return PrintSession(config(tmp_path), dataset or jeu(), PrintOptions(**options))  # type: ignore[arg-type]


def projet(dataset: Dataset, pid: str) -> dict[str, object]:
    return next(p for p in dataset.rows("projets") if p["id"] == pid)


def theme(dataset: Dataset, tid: str) -> dict[str, object]:
    return next(t for t in dataset.rows("themes") if t["id"] == tid)


def pdf_text(pdf: bytes, tmp_path: Path, raw: bool = False) -> str:
    """The words of a PDF; ``raw`` keeps the order of the content stream (typst writes it in reading order)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    text = re.sub(r"\u00ad\s*", "", text)  # hyphenation points at line ends
    return " ".join(text.split())


def pdfinfo(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def page_size_mm(info: dict[str, str]) -> tuple[float, float]:
    width, height = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"]).groups()  # type: ignore[union-attr]
    return round(float(width) / MM, 1), round(float(height) / MM, 1)


def fonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    return [(row[0].split("+")[-1], row[-5]) for row in rows]


XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def xmp(pdf: bytes) -> dict[str, str]:
    """What the XMP metadata of a PDF declares: PDF/UA part, title and language (typst writes it uncompressed)."""
    match = re.search(rb"<x:xmpmeta\b.*?</x:xmpmeta>", pdf, re.DOTALL)
    assert match, "métadonnées XMP absentes"
    root = ElementTree.fromstring(match.group(0))
    return {
        "pdfua": root.findtext(".//pdfuaid:part", default="", namespaces=XMP_NS),
        "titre": root.findtext(".//dc:title/rdf:Alt/rdf:li", default="", namespaces=XMP_NS),
        "langue": root.findtext(".//dc:language/rdf:Bag/rdf:li", default="", namespaces=XMP_NS),
    }


def assert_pdf_ua(pdf: bytes, name: str) -> None:
    """``pdf`` declares PDF/UA-1 with a title and the French language, is tagged and shows its title."""
    declared = xmp(pdf)
    assert declared["pdfua"] == "1", (name, declared)
    assert declared["titre"] and declared["langue"] == "fr-FR", (name, declared)
    catalog = pdf.replace(b" ", b"")
    assert b"/MarkInfo<</Markedtrue" in catalog and b"/Lang(fr-FR)" in catalog and b"/StructTreeRoot" in catalog, name
    assert b"/DisplayDocTitletrue" in catalog, name


def alt_texts(pdf: bytes) -> list[str]:
    """The text alternatives (``/Alt``) of the structure elements of a tagged PDF, in file order."""
    texts = [bytes.fromhex(h.decode()).decode("utf-16-be") for h in re.findall(rb"/Alt\s*<FEFF([0-9A-Fa-f]*)>", pdf)]
    texts += [t.decode("latin-1") for t in re.findall(rb"/Alt\s*\(((?:[^()\\]|\\.)*)\)", pdf)]
    return texts


def headings(pdf: bytes, tmp_path: Path) -> list[tuple[int, str]]:
    """The headings of a tagged PDF in reading order, ``(level, text)``, read from poppler's structure tree."""
    path = tmp_path / "structure.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-struct-text", str(path)], check=True,
                         capture_output=True).stdout.decode("utf-8", "replace")
    lines = out.splitlines()
    found = []
    for i, line in enumerate(lines):
        match = re.match(r"(\s*)H([1-6])\b", line)
        if match:
            depth = len(match.group(1))
            words = []
            for inner in lines[i + 1 :]:
                if len(inner) - len(inner.lstrip()) <= depth:
                    break
                quoted = re.fullmatch(r'\s*"(.*)"', inner)
                if quoted:
                    words.append(quoted.group(1))
            found.append((int(match.group(2)), "".join(words)))
    return found


# --- escaping -------------------------------------------------------------------------------------


def test_literal_is_a_quoted_typst_string() -> None:
    assert literal('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert literal({"nom": "x", "liste": ["y"], "n": 3, "vide": None, "oui": True}) == (
        '("nom": "x", "liste": ("y",), "n": 3, "vide": none, "oui": true)'
    )
    assert literal("\x07") == '"\\u{7}"'


def test_hostile_values_print_as_themselves(tmp_path: Path) -> None:
    data = jeu()
    s = session(tmp_path)
    sheet = fiches.sheet_pdf(s, projet(data, "projet-hostile"))
    poster = affiches.poster_pdf(s, theme(data, "hostile")).pdf
    for pdf in (sheet, poster):
        text = pdf_text(pdf, tmp_path)
        assert HOSTILE in text
    # the hostile keywords of the sheet are printed too, and the sheet stays one page
    assert "#b · $c" in pdf_text(sheet, tmp_path)
    assert page_count(sheet) == 1


def test_french_typography_of_data_text() -> None:
    assert typographie("Pourquoi ? Parce que : 18 % de 4 300 €") == (
        "Pourquoi\u202f? Parce que\u00a0: 18\u00a0% de 4\u202f300\u00a0€"
    )
    assert typographie("voir https://x.example/a?b=1 à 14:30") == "voir https://x.example/a?b=1 à 14:30"
    assert typographie("« oui »") == "«\u00a0oui\u00a0»"


# --- one page, cuts and errors ---------------------------------------------------------------------


def test_long_sheet_is_cut_on_one_page_with_the_web_address(tmp_path: Path) -> None:
    pdf = fiches.sheet_pdf(session(tmp_path), projet(jeu(), "creche-des-rives"))
    assert page_count(pdf) == 1
    text = pdf_text(pdf, tmp_path)
    assert "[…]" in text
    assert "[…] suite en ligne : https://www.loirance.example/projets/creche-des-rives/" in text


def test_short_sheet_is_not_cut(tmp_path: Path) -> None:
    pdf = fiches.sheet_pdf(session(tmp_path), projet(jeu(), "cantine-bio-locale"))
    text = pdf_text(pdf, tmp_path, raw=True)
    assert "suite en ligne" not in text and "[…]" not in text
    # every field of the aperçu is printed, in reading order
    order = ["Une cantine bio et locale", "LE PROBLÈME DE DÉPART", "En 2020, 12", "PUBLIC VISÉ", "RÉSULTATS ATTENDUS",
             "RÉSULTATS OBTENUS", "CHIFFRES CLÉS", "4 300 repas", "CHRONOLOGIE", "Lancement du diagnostic",
             "QUI FAIT QUOI", "restauration@loirance.example", "COMMENTAIRES DES ÉLUS", "M. Philippe Ravel",
             "REMARQUES DES AGENTS", "Mots-clés : alimentation"]
    positions = [text.find(item) for item in order]
    assert -1 not in positions, [o for o, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)


def test_value_that_cannot_fit_names_record_and_field(tmp_path: Path) -> None:
    data = jeu()
    row = dict(projet(data, "cantine-bio-locale"), id="nom-fleuve", nom="Un nom de projet démesuré " * 260)
    data.tables["projets"].append(row)
    with pytest.raises(TooLongError) as caught:
        fiches.sheet_pdf(session(tmp_path, data), row)
    message = caught.value.message
    assert "nom-fleuve" in message and "« nom »" in message and "fiche.typ.j2" in message


def test_missing_template_is_a_french_error(tmp_path: Path) -> None:
    theme_copy = tmp_path / "theme"
    shutil.copytree(REPO / "theme" / "typst", theme_copy / "typst")
    (theme_copy / "typst" / "fiche.typ.j2").unlink()
    s = PrintSession(config(tmp_path, theme_copy), jeu())
    with pytest.raises(UnusableInputError) as caught:
        fiches.sheet_pdf(s, projet(jeu(), "cantine-bio-locale"))
    message = caught.value.message
    assert message.startswith("Gabarit d'impression introuvable")
    assert str(theme_copy / "typst" / "fiche.typ.j2") in message and "cantine-bio-locale" in message


def test_typst_error_names_the_record(tmp_path: Path) -> None:
    theme_copy = tmp_path / "theme"
    shutil.copytree(REPO / "theme" / "typst", theme_copy / "typst")
    (theme_copy / "typst" / "fiche.typ.j2").write_text('#let x = 1 +\n', encoding="utf-8")
    s = PrintSession(config(tmp_path, theme_copy), jeu())
    with pytest.raises(EclaireurError) as caught:
        fiches.sheet_pdf(s, projet(jeu(), "cantine-bio-locale"))
    assert "cantine-bio-locale" in caught.value.message and "fiche.typ.j2" in caught.value.message


# --- cache and reproducibility ----------------------------------------------------------------------


def test_second_run_recompiles_nothing_and_bytes_are_identical(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    first = build_print(cfg, jeu())
    assert first.compiled > 0
    second = build_print(cfg, jeu())
    assert second.compiled == 0 and second.charts_drawn == 0 and second.pandoc_seconds == 0
    assert second.files == first.files
    assert sorted(first.files) == [
        "imprimer/affiches/education.pdf", "imprimer/affiches/hostile.pdf", "imprimer/atlas.pdf",
        "imprimer/fiches/cantine-bio-locale.pdf", "imprimer/fiches/creche-des-rives.pdf",
        "imprimer/fiches/projet-hostile.pdf", "imprimer/journal/journal-de-la-mandature.pdf",
    ]
    # a fresh cache gives the same bytes: no date, no random identifier (PDF/UA metadata included)
    fresh = build_print(config(tmp_path / "autre"), jeu())
    assert fresh.compiled > 0 and sorted(fresh.files) == sorted(first.files)
    for path, data in fresh.files.items():
        assert data == first.files[path], path


def test_a_data_change_recompiles_only_what_it_touches(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    build_print(cfg, jeu(), kinds=("fiches",))
    data = jeu()
    projet(data, "cantine-bio-locale")["public_cible"] = "Les 4 300 enfants des cantines."
    again = build_print(cfg, data, kinds=("fiches",))
    assert again.compiled == 1 and again.reused == 2


# --- page sizes, fonts, metadata -------------------------------------------------------------------


def test_page_sizes_fonts_and_metadata(tmp_path: Path) -> None:
    result = build_print(config(tmp_path), jeu())
    files = result.files
    expected = {
        "imprimer/affiches/education.pdf": (420.0, 594.0),
        "imprimer/atlas.pdf": (297.0, 420.0),
        "imprimer/fiches/cantine-bio-locale.pdf": (210.0, 297.0),
        "imprimer/journal/journal-de-la-mandature.pdf": (280.0, 430.0),
    }
    for path, size in expected.items():
        info = pdfinfo(files[path], tmp_path)
        assert page_size_mm(info) == size, path
        assert info["Author"] == "Ville de Loirance"
        assert info["Title"]
        assert "CreationDate" not in info and "ModDate" not in info
        assert info["Tagged"] == "yes"
        assert b"/Lang(fr-FR)" in files[path].replace(b" ", b"") or b"/Lang(fr)" in files[path].replace(b" ", b"")
        embedded = fonts(files[path], tmp_path)
        assert embedded and all(flag == "yes" for _, flag in embedded), embedded
        shipped = ("Inter", "CharisSIL")
        assert all(name.startswith(shipped) for name, _ in embedded), embedded
    assert pdfinfo(files["imprimer/atlas.pdf"], tmp_path)["Pages"] == "4"
    # every kind of PDF declares PDF/UA-1 and keeps its layout: one-page sheets, a newspaper in sheets of 4
    for path, data in files.items():
        assert_pdf_ua(data, path)
        if path.startswith("imprimer/fiches/") or path.startswith("imprimer/affiches/"):
            assert page_count(data) == 1, path
    assert page_count(files["imprimer/journal/journal-de-la-mandature.pdf"]) % 4 == 0


def test_sections_are_headings_and_charts_have_their_data_as_text(tmp_path: Path) -> None:
    """Screen readers find the sections of a poster and of a sheet as headings, in order, and read the
    budget chart of a poster as the figures it draws."""
    data = jeu()
    s = session(tmp_path)
    poster = affiches.poster_pdf(s, theme(data, "education")).pdf
    titles = headings(poster, tmp_path)
    assert titles[0] == (1, "Éducation et petite enfance")
    for section in ("Part du budget de la ville", "La commission", "Les 3 fiertés de la commission",
                    "Les 3 défis de la commission", "Compétences et obligations de la ville",
                    "La sélection de l'opposition", "Commentaires politiques", "Représentants du personnel"):
        assert any(level == 2 and text.startswith(section) for level, text in titles), (section, titles)
    levels = [level for level, _ in titles]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), titles
    budget = donnees.budget_shares(data, "education")
    assert budget["mandats"]
    assert alt_texts(poster) == [chart_text(budget, "Éducation et petite enfance")]

    sheet = fiches.sheet_pdf(s, projet(data, "cantine-bio-locale"))
    titles = headings(sheet, tmp_path)
    assert titles[0] == (1, "Une cantine bio et locale dans les 14 groupes scolaires")
    assert [text for level, text in titles if level == 2][:4] == [
        "LE PROBLÈME DE DÉPART", "PUBLIC VISÉ", "RÉSULTATS ATTENDUS", "RÉSULTATS OBTENUS"]
    assert {level for level, _ in titles} == {1, 2}


def test_pdf_ua_refusal_names_record_and_template(tmp_path: Path) -> None:
    """A chart left without its text alternative in a template: typst refuses the accessible PDF and says so in
    French, with the record and the template (a character of the data no font has is no longer refused: see
    below)."""
    theme_copy = tmp_path / "theme"
    shutil.copytree(REPO / "theme" / "typst", theme_copy / "typst")
    (theme_copy / "fonts").symlink_to(REPO / "theme" / "fonts")
    library = theme_copy / "typst" / "lib" / "affiche.typ"
    source = library.read_text(encoding="utf-8")
    assert "alt: d.graphique_alt" in source
    library.write_text(source.replace(", alt: d.graphique_alt", ""), encoding="utf-8")
    s = PrintSession(config(tmp_path, theme_copy), jeu())
    with pytest.raises(EclaireurError) as caught:
        affiches.poster_pdf(s, theme(jeu(), "education"))
    message = caught.value.message
    assert "l'affiche du thème « education »" in message and "affiche.typ.j2" in message
    assert "texte de remplacement" in message and "PDF/UA-1" in message


# --- characters of the data: the shipped fonts and their fallbacks, or a replacement -----------------------

EMOJI = "Les enfants 🌱 viennent à vélo 🚲 ❤️ 👍🏽 👨‍👩‍👧 🇫🇷 1️⃣ ; signes ∮ ➜ ☐."


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_emoji_of_the_data_print_from_the_shipped_fallback_fonts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Emoji in a project's text and in an agent's remark, or in a political comment of a poster, print in the
    accessible PDF with the glyphs of the Noto fallbacks of theme/fonts/ (emoji, symbols, mathematical signs):
    no refusal, no warning, one page still, and the same bytes from a fresh cache."""
    caplog.set_level(logging.WARNING, logger="eclaireur")
    data = jeu()
    projet(data, "cantine-bio-locale")["public_cible"] = EMOJI
    next(c for c in data.rows("commentaires") if c["id"] == "c2")["texte"] += " Merci 👍"
    next(t for t in data.rows("tribunes") if t["id"] == "t1")["texte"] += " Bravo 🏫✨"
    sheet = fiches.sheet_pdf(session(tmp_path, data), projet(data, "cantine-bio-locale"))
    poster = affiches.poster_pdf(session(tmp_path, data), theme(data, "education")).pdf
    for name, pdf in (("fiche", sheet), ("affiche", poster)):
        assert_pdf_ua(pdf, name)
        assert page_count(pdf) == 1, name
        assert ("NotoEmoji-Regular", "yes") in fonts(pdf, tmp_path), name
    assert {"NotoSansMath-Regular", "NotoSansSymbols2-Regular"} <= {name for name, _ in fonts(sheet, tmp_path)}
    words = pdf_text(sheet, tmp_path)
    for emoji in ("🌱", "🚲", "👍", "∮", "➜", "☐"):
        assert emoji in words, emoji
    assert "Bravo 🏫✨" in pdf_text(poster, tmp_path)
    assert warnings_of(caplog) == []
    assert fiches.sheet_pdf(session(tmp_path / "frais", data), projet(data, "cantine-bio-locale")) == sheet


def test_character_no_shipped_font_has_is_replaced_with_a_french_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A character that none of the shipped fonts has (a Chinese character, a control character) no longer stops
    the PDF: it is replaced by « � » or removed, with one French warning for the record that names the field and
    the character, even when the sheet is compiled again to fit its page or reused from the cache."""
    caplog.set_level(logging.WARNING, logger="eclaireur")
    data = jeu()
    projet(data, "cantine-bio-locale")["public_cible"] = "Les enfants 一 des cantines\x07."
    next(c for c in data.rows("commentaires") if c["id"] == "c2")["texte"] += " 𠀀"
    s = session(tmp_path, data)
    pdf = fiches.sheet_pdf(s, projet(data, "cantine-bio-locale"))
    assert_pdf_ua(pdf, "fiche")
    words = pdf_text(pdf, tmp_path)
    assert "Les enfants � des cantines." in words and "livraison. �" in words
    assert "一" not in words and "𠀀" not in words
    [message] = warnings_of(caplog)
    assert message.startswith("la fiche du projet « cantine-bio-locale » (projets.csv) : 3 caractères")
    for described in (
        "U+4E00 CJK UNIFIED IDEOGRAPH-4E00 « 一 » (remplacé par « � », champ « public_cible »)",
        "U+0007 caractère de contrôle (retiré, champ « public_cible »)",
        "U+20000 CJK UNIFIED IDEOGRAPH-20000 « 𠀀 » (remplacé par « � », champ « remarques_agents.texte »)",
    ):
        assert described in message, message
    assert "Le PDF est produit" in message and "theme/fonts/" in message
    assert fiches.sheet_pdf(s, projet(data, "cantine-bio-locale")) == pdf
    assert len(warnings_of(caplog)) == 1


def test_a3_poster_and_bleed_with_crop_marks(tmp_path: Path) -> None:
    data = jeu()
    a3 = affiches.poster_pdf(session(tmp_path, data, format="A3"), theme(data, "education")).pdf
    assert page_size_mm(pdfinfo(a3, tmp_path)) == (297.0, 420.0)
    bled = affiches.poster_pdf(session(tmp_path, data, fond_perdu=True), theme(data, "education")).pdf
    # 3 mm of bleed and 9 mm of slug for the crop marks on each side
    assert page_size_mm(pdfinfo(bled, tmp_path)) == (444.0, 618.0)
    assert page_count(bled) == 1


def test_unknown_poster_format_is_refused() -> None:
    with pytest.raises(UnusableInputError, match="A4"):
        PrintOptions(format="A4")
