"""Characters of the data that no shipped font shows: replaced before typst (eclaireur.print.glyphes)."""

from __future__ import annotations

import importlib.util
import logging
import re
import subprocess
from pathlib import Path

import pytest
import typst
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eclaireur.print import fiches
from eclaireur.print.glyphes import GlyphGuard, clusters, font_coverage
from eclaireur.print.journal import journal_pdf
from eclaireur.print.typst_source import TypstMarkup, string_literal
from helpers import REPO
from test_print import assert_pdf_ua, fonts, jeu, pdf_text, projet, session, warnings_of
from test_print_journal import report_session, write_report

FONTS = REPO / "theme" / "fonts"
COMMUN = REPO / "theme" / "typst" / "lib" / "commun.typ"


@pytest.fixture(scope="module")
def coverage():  # type: ignore[no-untyped-def]
    return font_coverage(FONTS)


@pytest.mark.parametrize(
    ("text", "cleaned", "found"),
    [
        ("Vélo 🚲 ❤️ 👍🏽 👨‍👩‍👧 🇫🇷 1️⃣ ∮ ➜ « guillemets » 4\u202f300\u00a0€", None, []),
        ("mot\u00adcoupé, zéro\u200blargeur, e\u0301, Ωμέγα, жук", None, []),
        ("Pékin 北京", "Pékin ��", [("北", "remplacé par « � »"), ("京", "remplacé par « � »")]),
        # the scripts of the shipped Noto fonts, vowel and cantillation marks included
        ("« مُحَمَّد قال: شكراً جزيلاً، ٢٠٢٥ ؟ ﻻ »", None, []),
        ("« שָׁלוֹם, תּוֹדָה רַבָּה ֑ ₪ »", None, []),
        ("Երևան, Բարեւ ; თბილისი, გამარჯობა", None, []),
        # Ethiopic is not shipped (a font of 250 Kio a style)
        ("ሰላም", "���", [("ሰ", "remplacé par « � »"), ("ላ", "remplacé par « � »"), ("ም", "remplacé par « � »")]),
        ("a\x00b\x1bc", "abc", [("\x00", "retiré"), ("\x1b", "retiré")]),
        # a mark that no font has together with its letter is removed, the letter is kept
        ("q\u20e3", "q", [("\u20e3", "retiré")]),
        # an unknown character and the marks on it become a single « � »
        ("一\u0301\u0302!", "�!", [("一", "remplacé par « � »"), ("\u0301", "retiré"), ("\u0302", "retiré")]),
        # the BOM (forbidden by PDF/UA) becomes a word joiner; VT, FF and NEL become line breaks
        ("\ufeffDébut\vfin\x85", "\u2060Début\nfin\n", []),
        # marks on a line break or on a Hangul filler modify nothing
        ("ligne\u2028\u0301\u3164\u0323", "ligne\u2028\u3164", [("\u0301", "retiré"), ("\u0323", "retiré")]),
        ("lone \ud800 surrogate", "lone � surrogate", [("\ud800", "remplacé par « � »")]),
        # a joiner between characters no font draws together is left out: both are kept, side by side
        ("a\u200d🔥", "a🔥", []),
        ("\u200d👍", "👍", []),
        # ... and a mark after the joiner is a mark on the character before it
        ("1\u200d\u0591", "1", [("\u0591", "retiré")]),
        ("ligne\n\u200d\u0301", "ligne\n", [("\u0301", "retiré")]),
    ],
)
def test_clean(coverage, text: str, cleaned: str | None, found: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert coverage.clean(text) == (text if cleaned is None else cleaned, found)


def test_clusters_follow_harfbuzz() -> None:
    assert list(clusters("ae\u0301👍🏽👨\u200d👩\u200d👧!")) == ["a", "e\u0301", "👍🏽", "👨\u200d👩\u200d👧", "!"]


def test_font_lists_name_every_shipped_family() -> None:
    """The text faces of theme/typst/lib/commun.typ try every family of theme/fonts/ (the safety net supposes it),
    each known to typst by that name, and the fallbacks come last: the scripts before emoji and symbols."""
    source = COMMUN.read_text(encoding="utf-8")
    lists = {name: re.findall(r'"([^"]+)"', body) for name, body in re.findall(r"#let (\w+) = \(([^()]*)\)", source)}
    fallbacks = lists["secours"]
    shipped = {info.family for info in typst.Fonts(False, False, [str(FONTS)]).fonts()}
    assert set(lists["sans"]) | set(fallbacks) == shipped == set(lists["serif"]) | set(fallbacks)
    assert lists["sans"][0] == "Inter" and lists["serif"][0] == "Charis SIL"
    assert fallbacks == ["Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Armenian", "Noto Sans Georgian",
                         "Noto Emoji", "Noto Sans Symbols2", "Noto Sans Math"]
    assert source.count("..secours)") == 2
    licences = {p.parent.name for p in FONTS.glob("*/LICENCE-OFL-1.1.txt")}
    assert licences == {p.parent.name for p in FONTS.glob("*/*.[ot]tf")}


def polices_noto():  # type: ignore[no-untyped-def]
    """tools/polices_noto.py, the script that makes the fonts of theme/fonts/noto/."""
    spec = importlib.util.spec_from_file_location("polices_noto", REPO / "tools" / "polices_noto.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_noto_folder_holds_what_the_font_script_makes() -> None:
    """theme/fonts/noto/ holds exactly the files tools/polices_noto.py writes, and the licence names each one;
    the script fonts keep their shaping tables whole (joined Arabic letters, marks), the same characters in both
    styles, and none that the text faces show on their own (the rule of the script, checked on its output)."""
    tool = polices_noto()
    noto = FONTS / "noto"
    assert sorted(p.name for p in noto.iterdir() if p.name != "LICENCE-OFL-1.1.txt") == sorted(tool.font_files())
    licence = (noto / "LICENCE-OFL-1.1.txt").read_text(encoding="utf-8")
    assert all(name in licence for name in tool.font_files())
    text_faces = tool.covered(FONTS / "inter", FONTS / "charis")
    features = {"Arabic": {"init", "medi", "fina", "isol", "rlig", "mark", "mkmk"}, "Hebrew": {"ccmp", "mark"},
                "Armenian": {"liga", "mark"}, "Georgian": {"ccmp", "mark"}}
    for script, needed in features.items():
        regular, bold = noto / f"NotoSans{script}-Regular.ttf", noto / f"NotoSans{script}-Bold.ttf"
        assert tool.cmap(regular) == tool.cmap(bold), script
        for path in (regular, bold):
            assert tool.script_characters(path, text_faces) == sorted(tool.cmap(path)), path.name
            font = TTFont(path, lazy=True)
            assert not {"fpgm", "prep", "cvt "} & set(font.keys()), path.name  # no hinting
            found = {r.FeatureTag for table in ("GSUB", "GPOS") for r in font[table].table.FeatureList.FeatureRecord}
            assert needed <= found, (path.name, found)
    arabic = tool.cmap(noto / "NotoSansArabic-Regular.ttf")
    assert {c for c in range(0x0620, 0x064B)} <= arabic and 0xFEFB in arabic  # letters, the lam-alef ligature
    assert {c for c in range(0x05D0, 0x05EB)} | {0x05B0, 0x05BC, 0x05C1} <= tool.cmap(noto / "NotoSansHebrew-Bold.ttf")


def test_arabic_letters_are_joined(compiler) -> None:  # type: ignore[no-untyped-def]
    """Arabic letters take their joined forms (the shaping tables are there): a word is narrower than the same
    letters kept apart by zero-width non-joiners, in every face and weight."""
    typst_compiler, root = compiler
    word, apart = "بلديتنا", "\u200c".join("بلديتنا")
    checks = [
        f'#context assert(measure(text(font: {face}, weight: "{weight}", "{word}")).width < 0.9 * '
        f'measure(text(font: {face}, weight: "{weight}", "{apart}")).width)'
        for face in ("sans", "serif") for weight in ("regular", "bold")
    ]
    main = root / "jointes.typ"
    main.write_text("\n".join(['#import "commun.typ": *', '#set document(title: "Essai")', *checks]), encoding="utf-8")
    typst_compiler.compile(input=str(main), format="pdf", pdf_standards=["ua-1"])


def test_guard_cleans_nested_values_and_names_the_field(coverage) -> None:  # type: ignore[no-untyped-def]
    guard = GlyphGuard(coverage)
    markup = TypstMarkup("Un *mot* 一")
    values = {"fiche": {"nom": "Sans souci", "remarques": [{"texte": "ok"}, {"texte": "𠀀"}]}, "corps": markup,
              "titre": "\ufeffTitre"}
    cleaned = guard.clean(values, "la fiche « x »")
    assert cleaned["titre"] == "\u2060Titre"  # no warning for an invisible character
    assert cleaned["fiche"]["remarques"][1]["texte"] == "�" and cleaned["fiche"]["nom"] == "Sans souci"
    assert isinstance(cleaned["corps"], TypstMarkup) and cleaned["corps"] == "Un *mot* �"
    assert values["fiche"]["remarques"][1]["texte"] == "𠀀"  # the data itself is left as it is
    unchanged = {"fiche": {"nom": "Sans souci"}}
    assert guard.clean(unchanged, "la fiche « y »")["fiche"] is unchanged["fiche"]
    fields = [(f.field, f.char) for f in guard.warned["la fiche « x »"]]
    assert sorted(fields) == [("corps", "一"), ("remarques.texte", "𠀀")]


TRICKY = list(
    "aéq1#*❤☺✌👍🏽🏿👨👩👧🇫🇷🏴\u200d\u200c\ufe0f\ufe0e\u20e3\u0301\u0323\u20dd\U000e0067\U000e007f"
    "\u00ad\u2060\ufeff\u200b\u202e\u0627\u05d0\u0915\u094d一\u3000\u3164 \t\n\v\x85\u2028∮∈⬆✘\x00\x07\x7f"
    "\ufffe\ud800\ue000"
)
TEXTS = st.text(st.one_of(st.sampled_from(TRICKY), st.characters(max_codepoint=0x2FFFF)), min_size=1, max_size=12)
STYLES = [(face, weight, style) for face in ("sans", "serif") for weight in ("regular", "semibold", "bold")
          for style in ("normal", "italic")]


@pytest.fixture(scope="module")
def compiler(tmp_path_factory: pytest.TempPathFactory) -> tuple[typst.Compiler, Path]:
    root = tmp_path_factory.mktemp("glyphes")
    (root / "commun.typ").write_bytes(COMMUN.read_bytes())
    return typst.Compiler(root=str(root), font_paths=[str(FONTS)], ignore_system_fonts=True), root


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_cleaned_text_always_prints_in_an_accessible_pdf(coverage, compiler, text: str) -> None:  # type: ignore[no-untyped-def]
    """Whatever the characters, what the safety net leaves prints in a PDF/UA-1 document in every face and style
    of the templates (capitals included), and cleaning it again changes nothing."""
    cleaned, _ = coverage.clean(text)
    assert coverage.clean(cleaned) == (cleaned, [])
    typst_compiler, root = compiler
    literal = string_literal(cleaned)
    lines = [f'#text(font: {face}, weight: "{weight}", style: "{style}", {literal})' for face, weight, style in STYLES]
    source = "\n\n".join(['#import "commun.typ": *', '#set document(title: "Essai")', '#set text(lang: "fr")',
                          *lines, f"#text(font: sans, upper({literal}))"])
    # one file per text: the compiler keeps what it read of a path
    main = root / f"t{abs(hash(text))}.typ"
    main.write_text(source, encoding="utf-8", errors="surrogatepass")
    try:
        pdf = typst_compiler.compile(input=str(main), format="pdf", pdf_standards=["ua-1"])
    except typst.TypstError as exc:  # pragma: no cover - the failure is the report
        pytest.fail(f"{text!r} -> {cleaned!r} : {exc}")
    assert pdf[:5] == b"%PDF-"


# --- right-to-left scripts in a French paragraph -------------------------------------------------------------

ARABE = "مرحبا بكم في بلديتنا"  # « welcome to our town »
HEBREU = "שלום לכולם"  # « hello everyone »
MERCI = "شكرا لكم"  # « thank you » (pdftotext reads the lam-alef ligature backwards: not in these words)
RTL = "\u202a\u202b\u202c\u202d\u202e"  # the direction marks pdftotext writes around right-to-left text


def boxes(pdf: bytes, tmp_path: Path) -> list[tuple[float, float, str]]:
    """(top, left, word) of the words of ``pdf`` as pdftotext places them (without the punctuation after them)."""
    path = tmp_path / "boites.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>'
    return [(float(y), float(x), word.strip(RTL).rstrip(",.;:!?")) for x, y, word in re.findall(pattern, out)]


def set_right_to_left(pdf: bytes, tmp_path: Path, sentence: str) -> bool:
    """Whether ``sentence``, between guillemets on one line of a French paragraph, is set right to left: its first
    word on the right, its last word on the left, the guillemets outside (a right-to-left word is read by
    pdftotext in the order of its glyphs, or in its own)."""
    words = boxes(pdf, tmp_path)
    first, *_, last = sentence.split()

    def on_line(word: str, top: float) -> list[float]:
        return [x for y, x, w in words if abs(y - top) < 4 and w in (word, word[::-1])]

    for top, right, word in words:
        if word in (first, first[::-1]) and on_line(last, top) and on_line("«", top) and on_line("»", top):
            return min(on_line("«", top)) < on_line(last, top)[0] < right < max(on_line("»", top))
    return False


def test_arabic_and_hebrew_in_a_french_paragraph_print_right_to_left(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An Arabic and a Hebrew sentence in the text of a project sheet, and in the title, the body and a bold
    passage of a newspaper, print with the shipped Noto fonts: no « � », no warning, the fonts embedded, the words
    read back by pdftotext, each sentence set right to left inside the French line, PDF/UA-1 declared and the same
    bytes from a fresh cache."""
    caplog.set_level(logging.WARNING, logger="eclaireur")
    data = jeu()
    sheet_text = f"Une habitante écrit « {ARABE} » (bienvenue), un voisin répond « {HEBREU} » en hébreu."
    projet(data, "cantine-bio-locale")["public_cible"] = sheet_text
    sheet = fiches.sheet_pdf(session(tmp_path, data), projet(data, "cantine-bio-locale"))
    folder = tmp_path / "depot" / "rapports"
    report = (f'---\ntitre: "Paroles d\'habitants : {MERCI}"\n---\n\n« {ARABE} », nous dit une habitante.\n\n'
              f"« {HEBREU} », répond un commerçant, et en gras : **{MERCI}**.\n")
    path = write_report(folder, report)
    journal = journal_pdf(report_session(tmp_path), report, str(path), folder)
    for name, pdf in (("fiche", sheet), ("journal", journal)):
        assert_pdf_ua(pdf, name)
        embedded = dict(fonts(pdf, tmp_path))
        assert embedded.get("NotoSansArabic-Regular") == embedded.get("NotoSansHebrew-Regular") == "yes", name
        words = pdf_text(pdf, tmp_path)
        assert "�" not in words, (name, words)
        for sentence in (ARABE, HEBREU):
            assert sentence in "".join(c for c in words if c not in RTL), (name, sentence, words)
            assert set_right_to_left(pdf, tmp_path, sentence), (name, sentence, boxes(pdf, tmp_path))
    assert dict(fonts(journal, tmp_path)).get("NotoSansArabic-Bold") == "yes"
    assert f"Paroles d'habitants : {MERCI}" in "".join(c for c in pdf_text(journal, tmp_path) if c not in RTL)
    assert warnings_of(caplog) == []
    assert fiches.sheet_pdf(session(tmp_path / "frais", data), projet(data, "cantine-bio-locale")) == sheet
    assert journal_pdf(report_session(tmp_path / "frais"), report, str(path), folder) == journal
