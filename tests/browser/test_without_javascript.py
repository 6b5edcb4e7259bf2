"""Sending without JavaScript, end to end: what Chromium puts in the ``mailto:`` link of a form or of the ballot,
saved as the town hall's mail program shows it, imports exactly as it was typed (issue « Le site pour tous »).

Chromium encodes a ``text/plain`` form sent to ``mailto:`` twice (« Plutôt » arrives as « PlutÃ´t ») ; the import
repairs it (ftfy) and says so.
"""

from __future__ import annotations

import csv
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eclaireur.cli import main
from helpers import copy_repo

pytestmark = pytest.mark.browser

REMARK = "Plutôt bien, mais l’été c’est « dur » : 3 € le parking vélo !"


def _send(browser: Any, site_url: str, path: str, fill: Any) -> tuple[list[str], bool]:
    """Fill and send the form of ``path`` without JavaScript: the addresses the browser then asked to open, and
    whether the form's code field (when it has one) was found missing by the browser's own validation."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Page.enable")
    asked: list[str] = []
    cdp.on("Page.frameRequestedNavigation", lambda event: asked.append(event["url"]))
    tab.goto(site_url + path)
    fill(tab)
    tab.click("form button[type=submit]")
    tab.wait_for_timeout(500)
    missing = bool(tab.evaluate("(document.querySelector('input[name=code]') || {validity: {}}).validity.valueMissing"))
    context.close()
    return asked, missing


def _mail_body(browser: Any, site_url: str, path: str, fill: Any) -> str:
    """The body of the e-mail the browser prepares when the form of ``path`` is sent without JavaScript."""
    asked, _ = _send(browser, site_url, path, fill)
    mails = [url for url in asked if url.startswith("mailto:")]
    assert len(mails) == 1, asked
    query = urllib.parse.urlsplit(mails[0]).query
    return urllib.parse.parse_qs(query, keep_blank_values=True)["body"][0]  # as the mail program shows it


def _fill_survey(tab: Any) -> None:
    tab.select_option("select[name=quartier]", label="Saint-Roch")
    for name in ("frequence", "securite", "frein", "age"):
        tab.check(f"input[name={name}] >> nth=1")
    tab.fill("textarea[name=remarque]", REMARK)
    tab.check("input[name=consentement]")


def test_a_form_sent_by_email_without_javascript_imports_as_typed(
    browser: Any, site_url: str, tmp_path: Path
) -> None:
    body = _mail_body(browser, site_url, "formulaires/enquete-velo/", _fill_survey)
    assert "PlutÃ´t" in body  # what Chromium really sends: the answer encoded twice
    repo = copy_repo(tmp_path / "depot")
    inbox = repo / "contributions" / "inbox" / "enquete-velo"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "courriel.txt").write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["contributions", "import", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    assert "texte réparé" in result.output
    with (repo / "contributions" / "prive" / "enquete-velo.csv").open(encoding="utf-8", newline="") as handle:
        row = list(csv.DictReader(handle))[-1]
    assert row["remarque"] == REMARK
    assert row["quartier"] == "Saint-Roch"
    assert row["securite"] == "Plutôt en sécurité"
    assert row["statut"] == "en attente"


def _fill_ballot(code: str) -> Any:
    def fill(tab: Any) -> None:
        if code:
            tab.fill("input[name=code]", code)
        selects = tab.query_selector_all("select[data-ecl-rank]")
        selects[0].select_option("2")
        selects[1].select_option("1")
        selects[2].select_option("2")

    return fill


def test_the_ballot_sent_by_email_without_javascript_imports_as_ranked(
    browser: Any, site_url: str, tmp_path: Path
) -> None:
    code = "ABCD-EFGH-JKMN"
    body = _mail_body(browser, site_url, "vote/bulletin/", _fill_ballot(code))
    names = [line.split("=")[0] for line in body.splitlines() if line.endswith(("=1", "=2"))]
    repo = copy_repo(tmp_path / "depot")
    inbox = repo / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "courriel.txt").write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["election", "importer", "--root", str(repo), "--date", "2025-11-03"])
    assert result.exit_code == 0, result.output
    with (repo / "data" / "bulletins.csv").open(encoding="utf-8", newline="") as handle:
        row = list(csv.DictReader(handle))[-1]
    ranked = dict(line.split("=", 1) for line in body.splitlines() if "=" in line)
    first = [name for name in names if ranked[name] == "1"]
    second = [name for name in names if ranked[name] == "2"]
    assert row["classement"] == "=".join(first) + ">" + "=".join(second)
    assert row["code_hash"] and row["date"] == "2025-11-03"


def test_without_javascript_a_ballot_without_its_code_is_not_sent(browser: Any, site_url: str) -> None:
    asked, missing = _send(browser, site_url, "vote/bulletin/", _fill_ballot(""))
    assert asked == [] and missing


def test_without_a_mail_program_the_pages_say_how_to_hand_in_on_paper(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    tab = context.new_page()
    tab.goto(site_url + "vote/bulletin/")
    ballot = tab.inner_text("article")
    tab.goto(site_url + "formulaires/enquete-velo/")
    form = tab.inner_text("article")
    context.close()
    assert "Sans logiciel de messagerie" in ballot and "bulletin papier à imprimer" in ballot
    assert "Sans logiciel de messagerie" in form and "imprimez cette page" in form
