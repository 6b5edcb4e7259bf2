"""The ballot page in Chromium: ranking with the keyboard alone, a valid ballot file offered through the
same channels as the forms (forge link, download, e-mail), no JavaScript needed."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.vote.ballot_file import identifier_key, read_ballot_yaml
from eclaireur.vote.codes import code_hash
from eclaireur.vote.setup import setup_from_rows
from eclaireur.vote.tally import tally_election
from helpers import REPO, axe_violations

pytestmark = pytest.mark.browser


def desirs() -> list[str]:
    with (REPO / "data" / "desirs.csv").open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: int(r["ordre"]))
    return [r["id"] for r in rows]


def tab_to(page: Any, condition: str, limit: int = 400, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until ``condition`` (JavaScript on ``el``, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!(el && ({condition})); }})()"):
            return
    raise AssertionError(f"focus never reached: {condition}")


def focused(page: Any, expression: str) -> Any:
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def announced(page: Any) -> str:
    page.wait_for_timeout(120)
    return str(page.text_content("[data-ecl-announce]") or "")


def button_of(option: str, move: str) -> str:
    return f"el.matches('[data-move=\"{move}\"]') && el.closest('[data-option]').dataset.option === '{option}'"


def test_ranking_with_the_keyboard_alone_produces_a_valid_ballot(page: Any, site_url: str, repo_copy: Path) -> None:
    options = desirs()
    first, second, third = options[3], options[0], options[7]
    page.goto(site_url + "vote/bulletin/")
    tab_to(page, "el.id === 'code'")
    page.keyboard.type("abcd efgh jkmn")

    # Rank `first`: its "Classer" button, with Enter.
    tab_to(page, button_of(first, "classer"))
    page.keyboard.press("Enter")
    assert "rang 1 sur 1" in announced(page)
    assert focused(page, "el.closest('[data-option]').dataset.option") == first

    # Rank `second` with Space: it goes after `first`, then "Monter" puts it first.
    tab_to(page, button_of(second, "classer"))
    page.keyboard.press("Space")
    assert "rang 2 sur 2" in announced(page)
    assert focused(page, "el.dataset.move") == "monter"
    page.keyboard.press("Enter")
    assert "rang 1 sur 2" in announced(page)
    # the list is reordered, and the focus stayed on the moved désir
    assert page.eval_on_selector_all("[data-option]", "els => els.map(e => e.dataset.option)")[:2] == [second, first]
    assert focused(page, "el.closest('[data-option]').dataset.option") == second

    # Rank `third`, then give it rank 1 with its select (a tie), typed on the keyboard.
    tab_to(page, button_of(third, "classer"))
    page.keyboard.press("Enter")
    tab_to(page, f"el.id === 'rang-{third}'", limit=10, key="Shift+Tab")
    assert page.eval_on_selector(f"#rang-{third}", "el => el.value") == "3"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.eval_on_selector(f"#rang-{third}", "el => el.value") == "1"
    assert focused(page, "el.id") == f"rang-{third}"
    assert "ex aequo" in announced(page)

    # Prepare the ballot with the submit button, from the keyboard.
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-ecl-ballot-result]:not([hidden])")
    assert focused(page, "el.id") == "bulletin-pret"
    summary = page.eval_on_selector_all("[data-ecl-ballot-summary] li", "els => els.map(e => e.textContent)")
    assert len(summary) == 2 and " = " in summary[0]

    # The same channels as the forms, in the same order: the forge comes first, with its warning about
    # the participation code typed above (it would be public there).
    channels = page.eval_on_selector_all("[data-ecl-ballot-result] [data-ecl-channel]",
                                         "els => els.map(e => e.dataset.eclChannel)")
    assert channels == ["forge", "telechargement", "courriel"]
    assert page.is_visible("[data-ecl-private-warning]")
    tab_to(page, "el.matches('[data-ecl-link=forge]')")
    tab_to(page, "el.matches('[data-ecl-link=telechargement]')")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    identifier = download.suggested_filename.removesuffix(".yaml")
    # 16 random characters: the published submission key (a hash of it) cannot be reversed second by second
    assert re.fullmatch(r"\d{8}-\d{6}-[a-z0-9]{16}", identifier) and identifier == shown_text(page, "[data-ecl-id]")
    text = open(download.path(), encoding="utf-8").read()  # noqa: SIM115
    assert text == page.text_content("[data-ecl-file]")
    # the forge link's decoded content is the downloaded file, proposed in the ballot inbox
    link = urlsplit(str(page.get_attribute("[data-ecl-link=forge]", "href")))
    assert (link.scheme, link.netloc) == ("https", "github.com")
    assert link.path == "/ville-de-loirance/donnees-publiques/new/main"
    query = parse_qs(link.query)
    assert query["filename"] == [f"contributions/inbox/bulletins/{identifier}.yaml"]
    assert query["value"] == [text]
    ballot = read_ballot_yaml(text)
    assert ballot.identifiant == identifier
    expected_tie = "=".join(o for o in options if o in (second, third))
    assert ballot.election == "futurs-2040"
    assert ballot.code == "ABCD-EFGH-JKMN"
    assert ballot.classement == f"{expected_tie}>{first}"
    # the ballot is valid for the election's own rules: it is counted
    setup = setup_from_rows({"id": "futurs-2040", "titre": "", "methode_officielle": "borda"},
                            [{"id": o, "election": "futurs-2040"} for o in options], None)
    results = tally_election(setup, [{"id": "b-1", "canal": ballot.canal, "classement": ballot.classement}])
    assert results["bulletins"]["exprimes"] == 1
    mail = str(page.get_attribute("[data-ecl-link=courriel]", "href"))
    assert mail.startswith("mailto:participation@loirance.example?subject=")
    assert parse_qs(urlsplit(mail).query)["body"] == [text]
    # the file, dropped where the forge link puts it, passes `eclaireur check` and is imported
    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / download.suggested_filename).write_text(text, encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(repo_copy)])
    assert checked.exit_code == 0, checked.output
    imported = CliRunner().invoke(main, ["election", "importer", "--root", str(repo_copy)])
    assert imported.exit_code == 0, imported.output
    last = (repo_copy / "data" / "bulletins.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last.endswith(f",en ligne,formulaire du site,{ballot.classement},{code_hash('futurs-2040', 'ABCDEFGHJKMN')},"
                         f"{identifier_key('futurs-2040', identifier)}")
    assert not (inbox / download.suggested_filename).exists()
    # the same file again (sent by e-mail too): skipped, the ballot counts once
    (inbox / download.suggested_filename).write_text(text, encoding="utf-8")
    again = CliRunner().invoke(main, ["election", "importer", "--root", str(repo_copy)])
    assert again.exit_code == 0 and "déjà importé" in again.output and "Aucun bulletin ajouté" in again.output
    assert (repo_copy / "data" / "bulletins.csv").read_text(encoding="utf-8").splitlines()[-1] == last


def shown_text(page: Any, selector: str) -> str:
    return str(page.text_content(selector) or "").strip()


def test_errors_are_shown_and_focused_when_nothing_is_ranked(page: Any, site_url: str) -> None:
    page.goto(site_url + "vote/bulletin/")
    tab_to(page, "el.id === 'code'")
    page.keyboard.type("ABCD-EFGH-JKM0")
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    assert focused(page, "el.matches('[data-ecl-ballot-errors]')")
    errors = page.eval_on_selector_all("[data-ecl-ballot-error-list] li", "els => els.map(e => e.textContent)")
    assert any("12 caractères" in e or "n'existe pas" in e for e in errors)
    assert any("Classez au moins un désir" in e for e in errors)
    assert page.get_attribute("#code", "aria-invalid") == "true"
    assert page.is_hidden("[data-ecl-ballot-result]")


def test_without_javascript_the_form_is_a_list_of_rank_selects_sent_by_email(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + "vote/bulletin/")
        assert tab.get_attribute("form[data-ecl-ballot]", "action").startswith("mailto:participation@loirance.example")
        assert tab.get_attribute("form[data-ecl-ballot]", "enctype") == "text/plain"
        assert len(tab.query_selector_all("select[data-ecl-rank]")) == len(desirs())
        assert tab.is_hidden("[data-ecl-buttons]")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["vote/", "vote/bulletin/", f"vote/desirs/{desirs()[0]}/", "tirages/",
                                  "tirages/jury-citoyen-futurs/"])
def test_vote_and_draw_pages_have_no_wcag_a_or_aa_violation(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    violations = axe_violations(page)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert violations == [], summary
