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
    "evaluations/fete-2025/",
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
