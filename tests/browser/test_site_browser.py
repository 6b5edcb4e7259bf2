"""The public site in a real browser: accessibility (axe-core), keyboard, no JavaScript needed."""

from __future__ import annotations

import csv
from typing import Any

import pytest

from helpers import REPO, axe_violations

pytestmark = pytest.mark.browser


def first(name: str) -> dict[str, str]:
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))


def pages() -> list[str]:
    return ["", "atlas/", f"atlas/{first('themes')['id']}/", "projets/", f"projets/{first('projets')['id']}/",
            "donnees/", "a-propos/"]


@pytest.mark.parametrize("path", pages())
def test_no_wcag_a_or_aa_violation(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    violations = axe_violations(page)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert violations == [], summary


def test_keyboard_reaches_the_content_first(page: Any, site_url: str) -> None:
    page.goto(site_url + "atlas/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert "Aller au contenu" in focused


def test_theme_page_reads_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    theme = first("themes")
    tab.goto(site_url + f"atlas/{theme['id']}/")
    assert tab.locator("h1").first.inner_text().strip() == theme["titre"]
    assert tab.locator("figure.ecl-chart img").first.get_attribute("alt")
    assert tab.locator("table").count() >= 2
    context.close()


@pytest.mark.parametrize("path", ["atlas/", f"atlas/{first('themes')['id']}/", "projets/", "donnees/", "vote/"])
def test_no_wcag_violation_on_a_phone(browser: Any, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR")
    tab = context.new_page()
    tab.goto(site_url + path)
    violations = axe_violations(tab)
    context.close()
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
