"""Characters of the data that no shipped font shows: replaced before typst (eclaireur.print.glyphes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eclaireur.print.glyphes import GlyphGuard, clusters, font_coverage
from eclaireur.print.typst_source import TypstMarkup, string_literal
from helpers import REPO

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
    ],
)
def test_clean(coverage, text: str, cleaned: str | None, found: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert coverage.clean(text) == (text if cleaned is None else cleaned, found)


def test_clusters_follow_harfbuzz() -> None:
    assert list(clusters("ae\u0301👍🏽👨\u200d👩\u200d👧!")) == ["a", "e\u0301", "👍🏽", "👨\u200d👩\u200d👧", "!"]


def test_font_lists_name_every_shipped_family() -> None:
    """The text faces of theme/typst/lib/commun.typ try every family of theme/fonts/ (the safety net supposes it),
    each known to typst by that name, and the fallbacks come last."""
    source = COMMUN.read_text(encoding="utf-8")
    lists = {name: re.findall(r'"([^"]+)"', body) for name, body in re.findall(r"#let (\w+) = \((.*)\)", source)}
    fallbacks = lists["secours"]
    shipped = {info.family for info in typst.Fonts(False, False, [str(FONTS)]).fonts()}
    assert set(lists["sans"]) | set(fallbacks) == shipped == set(lists["serif"]) | set(fallbacks)
    assert lists["sans"][0] == "Inter" and lists["serif"][0] == "Charis SIL"
    assert {"Noto Emoji", "Noto Sans Symbols2", "Noto Sans Math"} == set(fallbacks)
    assert source.count("..secours)") == 2
    licences = {p.parent.name for p in FONTS.glob("*/LICENCE-OFL-1.1.txt")}
    assert licences == {p.parent.name for p in FONTS.glob("*/*.[ot]tf")}


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
