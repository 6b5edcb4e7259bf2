"""Le site pour tous, without a browser: typography, agreement, chart widths, the search index copy, the built
site's weight and its search and A–Z pages (the browser tests are in tests/browser/)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from eclaireur.chart_sizes import widths
from eclaireur.charts import _french_number
from eclaireur.fr import accord_nombre, accorde
from eclaireur.mojibake import repair
from eclaireur.pages.recherche import sort_key
from eclaireur.search import fold, indexed_copy
from eclaireur.typography import french, french_html


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Note : voir plus bas", "Note\u00a0: voir plus bas"),
        ("Vraiment ? Oui ! Et ; non", "Vraiment\u202f? Oui\u202f! Et\u202f; non"),
        ("« Plutôt »", "«\u00a0Plutôt\u00a0»"),
        ("11,3 % et 2 500 €", "11,3\u202f% et 2 500\u00a0€"),
        ("l'été d'Orléans", "l’été d’Orléans"),
        ("https://exemple.fr/a?b=1", "https://exemple.fr/a?b=1"),
        ("10:30", "10:30"),
    ],
)
def test_french_typography(typed: str, printed: str) -> None:
    assert french(typed) == printed
    assert french(printed) == printed  # idempotent


def test_typography_never_touches_markup_or_form_values() -> None:
    html = ('<p title="a : b">Note : l\'été</p><option>Je n\'ai pas de vélo</option>'
            '<input value="n\'ai : x"><code>a : b</code><textarea>l\'x</textarea><p>fin ?</p>')
    expected = ('<p title="a : b">Note\u00a0: l’été</p><option>Je n\'ai pas de vélo</option>'
                '<input value="n\'ai : x"><code>a : b</code><textarea>l\'x</textarea><p>fin\u202f?</p>')
    assert french_html(html) == expected


def test_titles_agree_with_the_person_and_counts_with_their_number() -> None:
    assert accorde("élu", "Mme") == "élue" and accorde("Conseiller", "Mme") == "Conseillère"
    assert accorde("élu", "M.") == "élu" and accorde("maire", "Mme") == "maire"
    assert accord_nombre(46, "terminé") == "46 terminés" and accord_nombre(1, "suspendu") == "1 suspendu"
    assert accord_nombre(3, "en cours") == "3 en cours"
    assert accord_nombre(2_000, "abandonné").endswith("000 abandonnés")


def test_axis_numbers_are_french() -> None:
    assert _french_number("2.5") == "2,5"
    assert _french_number("12000") == "12\u202f000"
    assert _french_number("-3") == "\u22123"
    assert _french_number("0") == "0"


def test_a_chart_is_never_shown_smaller_than_its_text_allows() -> None:
    svg = (b'<svg width="600pt" height="300pt" viewBox="0 0 600 300"><text style="font-size: 9px">a</text>'
           b'<text style="font-size: 11px">b</text></svg>')
    legible, natural = widths(svg)  # type: ignore[misc]
    assert natural == 800  # 600 pt
    assert legible == 800  # 9 pt at natural size is exactly 12 px: never smaller
    big = svg.replace(b"font-size: 9px", b"font-size: 18px")
    assert widths(big) == (int(800 * 12 / (11 * 4 / 3)) + 1, 800)
    assert widths(b'<svg width="10pt" viewBox="0 0 10 10"></svg>') is None


def test_the_index_reads_text_without_accents_and_with_elisions_split() -> None:
    page = ('<html><head><meta name="description" content="Le plan vélo d&#39;une ville"></head><body>'
            '<div data-pagefind-body><h1><span class="ecl-kicker">Évaluation</span> Le plan vélo</h1>'
            '<p>L’évaluation d’un plan</p></div></body></html>')
    copy = indexed_copy(page)
    assert 'data-pagefind-meta="titre:Le plan vélo"' in copy
    assert "data-pagefind-meta=\"resume:Le plan vélo d'une ville\"" in copy
    assert "L’ evaluation d’ un plan" in copy and "Évaluation" not in copy.split("data-pagefind-body>")[1][200:]
    assert fold("Élection à Orléans, œuvre") == "Election a Orleans, œuvre"


def test_double_encoded_text_is_repaired_and_said() -> None:
    assert repair("PlutÃ´t en sÃ©curitÃ©") == ("Plutôt en sécurité", True)
    assert repair("Plutôt en sécurité") == ("Plutôt en sécurité", False)


def test_site_map_order_ignores_accents_and_case() -> None:
    titles = ["Zone", "élection", "Eau", "Écoles", "accueil"]
    assert sorted(titles, key=sort_key) == ["accueil", "Eau", "Écoles", "élection", "Zone"]


def test_the_built_site_has_no_unused_weight(built_site: Path) -> None:
    assert not list(built_site.rglob("*.map"))
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    assert not (built_site / "search" / "search_index.json").exists()
    assert not list((built_site / "pagefind").glob("pagefind-*ui*"))
    fonts = sorted((built_site / "assets" / "fonts").glob("*.woff2"))
    assert len(fonts) == 4 and all(font.stat().st_size < 70_000 for font in fonts)


def test_the_search_index_covers_every_content_page_and_the_site_map_lists_them(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    listed = (built_site / "plan-du-site" / "index.html").read_text(encoding="utf-8")
    count = int(re.search(r"Les (\d+) pages du site", listed).group(1))  # type: ignore[union-attr]
    assert pages == count  # every page but the search page and the site map, which the index leaves out
    assert listed.count('<li><a href="') >= count
    fragment = next((built_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert gzip.decompress(fragment.read_bytes()).startswith(b"pagefind_dcd")


def test_the_home_page_links_every_section(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    article = home[home.index("<article"):]
    for section in ("atlas/", "projets/", "evaluations/", "donnees/", "formulaires/", "vote/", "tirages/",
                    "recherche/", "plan-du-site/"):
        assert f'href="{section}"' in article, section
