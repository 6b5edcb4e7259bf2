"""Every page of the demo site, as a citizen's browser shows it (issue « Le site pour tous »).

At 320, 375, 768 and 1280 px: nothing wider than the screen outside a named, focusable scroll region, and no chart
text under 12 CSS px. At 375 px: axe-core (WCAG 2.1 A and AA) on every page; with scripts blocked and on search
results too. Keyboard: the section menu is reached and followed with Tab and Enter at 375 and 1024 px.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from audit import CRUSHED_JS, OVERFLOW_JS, site_pages, smallest_chart_text

from helpers import axe_violations

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 768, 1280)


def _context(browser: Any, width: int, **options: Any) -> Any:
    return browser.new_context(viewport={"width": width, "height": 800}, locale="fr-FR", **options)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_screen_and_its_charts_are_legible(
    browser: Any, built_site: Path, site_url: str, width: int
) -> None:
    pages = site_pages(built_site)
    assert len(pages) > 150
    context = _context(browser, width)
    tab = context.new_page()
    overflowing, unnamed, small, crushed = [], [], [], []
    for path in pages:
        tab.goto(site_url + path)
        result = tab.evaluate(OVERFLOW_JS)
        if result["count"] or result["scrollWidth"] > result["viewport"]:
            overflowing.append((path, result["offenders"][:3], result["scrollWidth"]))
        unnamed += [(path, r["element"]) for r in result["regions"] if not (r["named"] and r["focusable"])]
        crushed += [(path, word, width) for word, width in tab.evaluate(CRUSHED_JS)]
        small += [(path, chart, round(size, 1)) for chart, size in smallest_chart_text(tab, built_site, site_url)
                  if size < 12]
    context.close()
    assert overflowing == []
    assert unnamed == []
    assert small == []
    assert crushed == []  # no table column narrower than its longest word


def test_no_wcag_violation_on_any_page_on_a_phone(browser: Any, built_site: Path, site_url: str) -> None:
    context = _context(browser, 375)
    tab = context.new_page()
    found = []
    for path in site_pages(built_site):
        tab.goto(site_url + path)
        found += [(path, v["id"], [n["target"] for n in v["nodes"]][:2]) for v in axe_violations(tab)]
    context.close()
    assert found == []


@pytest.mark.parametrize(
    "path", ["", "atlas/", "recherche/", "plan-du-site/", "formulaires/enquete-velo/", "vote/bulletin/", "404.html"]
)
def test_no_wcag_violation_with_scripts_blocked(browser: Any, site_url: str, path: str) -> None:
    context = _context(browser, 375)
    context.route("**/*.js", lambda route: route.abort())
    tab = context.new_page()
    tab.goto(site_url + path)
    violations = axe_violations(tab)
    context.close()
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def _search(tab: Any, site_url: str, query: str) -> list[str]:
    tab.goto(site_url + "recherche/?q=" + query)
    tab.wait_for_function(
        "() => /trouvée|Aucune/.test(document.querySelector('.ecl-search__status').textContent)", timeout=20000
    )
    return [link.get_attribute("href") or "" for link in tab.query_selector_all(".ecl-search__title a")]


@pytest.mark.parametrize(("query", "within"), [("velo", 5), ("vélos", 5), ("vélo", 5), ("evaluation", 10)])
def test_search_finds_the_bike_plan_evaluation_whatever_the_accents_and_plurals(
    browser: Any, site_url: str, query: str, within: int
) -> None:
    context = _context(browser, 375)
    tab = context.new_page()
    downloaded: list[str] = []
    tab.on("request", lambda request: downloaded.append(request.url))
    tab.goto(site_url + "atlas/")
    assert not [url for url in downloaded if "pagefind" in url]  # nothing of the index before a search
    found = _search(tab, site_url, query)
    violations = axe_violations(tab)
    context.close()
    assert any(href.rstrip("/").endswith("evaluations/plan-velo") for href in found[:within]), found[:within]
    assert violations == []


def test_search_ignores_accents_and_plurals(browser: Any, site_url: str) -> None:
    context = _context(browser, 1280)
    tab = context.new_page()
    counts = {}
    for query in ("vélo", "velo", "vélos", "VELOS"):
        _search(tab, site_url, query)
        counts[query] = tab.inner_text(".ecl-search__status").split("\u00a0")[0]
    context.close()
    assert len(set(counts.values())) == 1, counts


@pytest.mark.parametrize("width", [375, 1024])
def test_the_section_menu_is_reached_and_followed_by_keyboard(browser: Any, site_url: str, width: int) -> None:
    for scripts in (True, False):
        context = _context(browser, width, java_script_enabled=scripts)
        tab = context.new_page()
        tab.goto(site_url + "projets/")
        stops = []
        for _ in range(6):
            tab.keyboard.press("Tab")
            stops.append(tab.evaluate(
                "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
                " return [e.tagName, e.className, r.width * r.height]; }"))
            if stops[-1][0] == "SUMMARY":
                break
        assert stops[-1][0] == "SUMMARY", stops
        assert all(area > 0 for _, _, area in stops), stops  # no invisible tab stop on the way
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.querySelector('details.ecl-menu').open")
        tab.keyboard.press("Tab")
        target = tab.evaluate("document.activeElement.textContent.trim()")
        assert target == "Accueil"
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.textContent.trim()") == "Atlas de mandature"
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/atlas/")
        tab.wait_for_load_state()
        if scripts:  # Échap referme le menu et rend le focus au bouton
            tab.focus("summary.ecl-menu__button")
            tab.keyboard.press("Enter")
            assert tab.evaluate("document.querySelector('details.ecl-menu').open")
            tab.keyboard.press("Escape")
            assert not tab.evaluate("document.querySelector('details.ecl-menu').open")
            assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
        context.close()


def test_tabs_are_reached_by_keyboard_on_a_wide_screen(browser: Any, site_url: str) -> None:
    context = _context(browser, 1280)
    tab = context.new_page()
    tab.goto(site_url + "projets/")
    for _ in range(8):
        tab.keyboard.press("Tab")
        if tab.evaluate("!!document.activeElement.closest('.md-tabs')"):
            break
    assert tab.evaluate("!!document.activeElement.closest('.md-tabs')")
    assert not tab.evaluate("getComputedStyle(document.querySelector('details.ecl-menu')).display !== 'none'")
    context.close()


def test_the_404_page_is_french_with_a_way_home(browser: Any, site_url: str) -> None:
    context = _context(browser, 375)
    tab = context.new_page()
    tab.goto(site_url + "404.html")
    assert tab.inner_text("h1") == "Page introuvable"
    assert tab.evaluate("document.documentElement.lang") == "fr"
    links = tab.eval_on_selector_all("article a", "links => links.map(a => a.textContent.trim())")
    assert "Revenir à l’accueil" in links and "Rechercher dans le site" in links and "Atlas de mandature" in links
    context.close()
