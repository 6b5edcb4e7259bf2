"""The evaluation pages in Chromium: nothing plays by itself, the players work with the keyboard,
no WCAG A/AA violation, and everything reads without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from helpers import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    "evaluations/",
    "evaluations/plan-velo/",
    "evaluations/plan-velo/compilation/",
    "evaluations/budget-participatif/rapport/",
    "evaluations/budget-participatif/suivi/",
    "evaluations/budget-participatif/suivi/preconisation-bp-p2/",
    "evaluations/fete-2025/",
    "evaluations/budget-participatif/fete-2025/",
]
FOLLOW_UP = [
    "evaluations/budget-participatif/suivi/",
    "evaluations/budget-participatif/suivi/preconisation-bp-p2/",
    "evaluations/fete-2025/",
    "evaluations/budget-participatif/fete-2025/",
]
MEDIA_STATE = "[...document.querySelectorAll('audio, video')].map(m => [m.tagName, m.paused, m.currentTime])"


@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_a_or_aa_violation(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    violations = axe_violations(page)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert violations == [], summary


def test_nothing_plays_by_itself(page: Any, site_url: str) -> None:
    page.goto(site_url + "evaluations/plan-velo/compilation/")
    page.wait_for_timeout(1500)
    states = page.evaluate(MEDIA_STATE)
    assert [tag for tag, _, _ in states] == ["VIDEO", "AUDIO"]
    assert all(paused and position == 0 for _, paused, position in states), states
    # preload="none": not a byte of the media is fetched before the reader asks for it
    assert page.evaluate("[...document.querySelectorAll('audio, video')].every(m => m.readyState === 0)")


@pytest.mark.parametrize("tag", ["VIDEO", "AUDIO"])
def test_players_work_with_the_keyboard(page: Any, site_url: str, tag: str) -> None:
    page.goto(site_url + "evaluations/plan-velo/compilation/")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == tag:
            break
    else:
        pytest.fail(f"la touche Tab n'atteint pas le lecteur {tag}")
    page.keyboard.press("Space")
    page.wait_for_function("!document.activeElement.paused && document.activeElement.currentTime > 0.2",
                           timeout=10_000)
    page.keyboard.press("Space")
    page.wait_for_function("document.activeElement.paused", timeout=5_000)


def test_compilation_reads_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "evaluations/plan-velo/compilation/")
    images = tab.locator(".ecl-gallery img")
    assert images.count() == 3
    assert all(images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0") for i in range(3))
    tab.locator(".ecl-transcript summary").first.click()
    assert tab.locator(".ecl-transcript[open] p").first.is_visible()
    context.close()


def test_follow_up_reads_without_javascript(browser: Any, site_url: str) -> None:
    """The calendar charts load, their tables and the tasks of an action open, all without JavaScript."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "evaluations/budget-participatif/suivi/")
    charts = tab.locator("img[src*='evaluation-calendrier']")
    assert charts.count() == 4
    for i in range(4):
        charts.nth(i).scroll_into_view_if_needed()
        tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=charts.nth(i).element_handle())
    widths = {round(charts.nth(i).bounding_box()["width"]) for i in range(4)}  # the same scale for all
    assert len(widths) == 1, widths
    tab.locator(".ecl-data-table summary").nth(1).click()
    assert tab.get_by_text("Calendrier des actions de la préconisation 2").is_visible()
    tab.locator("a", has_text="Les 4 actions de la préconisation 2").click()
    assert tab.locator("h1").inner_text() == "Préconisation 2\u00a0: Tenir la promesse des deux ans"
    tab.locator(".ecl-tasks summary", has_text="Tâches et relances (3)").click()
    assert tab.get_by_text("Tâches de l’action 2.2").is_visible()
    context.close()


@pytest.mark.parametrize("path", FOLLOW_UP)
def test_follow_up_fits_a_phone(browser: Any, site_url: str, path: str) -> None:
    """At 375 px, nothing but the tables and the calendars (each in its own scrolling region, which the
    keyboard reaches) is wider than the screen; a calendar keeps a width where its labels can be read."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(site_url + path)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    scrolling = "'.ecl-chart-scroll, .ecl-table-wrap'"
    wider = tab.evaluate(f"""[...document.querySelectorAll('.ecl img, .ecl figure, .ecl-action, .ecl-review-item')]
        .map(e => e.closest({scrolling}) || e)
        .filter(e => e.getBoundingClientRect().right > 375 + 1).map(e => e.className || e.tagName)""")
    assert wider == []
    calendars = tab.locator(".ecl-chart-scroll img[src*='calendrier']")
    for i in range(calendars.count()):
        assert calendars.nth(i).bounding_box()["width"] >= 600
        region = calendars.nth(i).locator("xpath=..")
        assert region.get_attribute("tabindex") == "0" and "Calendrier" in str(region.get_attribute("aria-label"))
    context.close()
