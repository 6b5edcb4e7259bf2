"""Forms in a real browser: accessibility, French error messages, the contribution file and its forge link,
keyboard-only use, the page without JavaScript, and the whole path import -> moderation -> rebuild -> published."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from eclaireur.contributions.fileformat import read_submission
from helpers import axe_violations, copy_repo, serve_folder

pytestmark = pytest.mark.browser

FORM_PAGES = ["formulaires/", "formulaires/enquete-velo/", "formulaires/contribution-velo/",
              "formulaires/temoignage-velo/", "formulaires/fete-evaluation-2026/",
              "formulaires/enquete-velo/resultats/", "formulaires/temoignage-velo/resultats/",
              "formulaires/fete-evaluation-2026/resultats/"]
ACCEPTED_TEXT = "Le contresens cyclable de la rue des Mariniers est bloqué chaque matin par les livraisons du marché."
REJECTED_TEXT = "Ce texte de démonstration doit être refusé par la modération et ne jamais paraître sur le site."


def violations(page: Any) -> list[tuple[str, list[Any]]]:
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe_violations(page)]


def fill_free_contribution(page: Any, text: str, title: str = "Un point noir pour les vélos") -> None:
    page.check("#champ-critere-2")
    page.fill("#champ-titre", title)
    page.fill("#champ-texte", text)
    page.check("#champ-consentement")


def prepare(page: Any) -> str:
    """Submit the form and return the text of the contribution file shown on the page."""
    page.click("button[type=submit]")
    page.locator("#formulaire-envoi").wait_for(state="visible")
    return str(page.locator("[data-ecl-file]").text_content())


def download(page: Any) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click("[data-ecl-link=telechargement]")
    file = info.value
    return file.suggested_filename, Path(file.path()).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FORM_PAGES)
def test_form_pages_have_no_wcag_a_or_aa_violation(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert violations(page) == []


def test_invalid_answer_shows_french_messages_on_the_fields_and_submits_nothing(page: Any, site_url: str) -> None:
    url = site_url + "formulaires/contribution-velo/"
    page.goto(url)
    page.fill("#champ-titre", "Vél")
    page.fill("#champ-texte", "Trop court.")
    page.fill("#champ-lien", "javascript:alert(1)")
    page.fill("#champ-courriel", "pas-une-adresse")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("download", lambda d: requests.append("téléchargement " + d.suggested_filename))
    page.click("button[type=submit]")
    expected = {
        "champ-critere": "Choisissez une réponse.",
        "champ-titre": "Ce texte est trop court : écrivez au moins 5 caractères.",
        "champ-texte": "Ce texte est trop court : écrivez au moins 20 caractères.",
        "champ-lien": "Indiquez une adresse web complète, commençant par https://.",
        "champ-courriel": "Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.",
    }
    for dom_id, message in expected.items():
        error = page.locator(f"#{dom_id}-erreur")
        assert " ".join(str(error.text_content()).split()) == "Erreur : " + message
        holder = page.locator(f"#{dom_id}-bloc") if dom_id == "champ-critere" else page.locator(f"#{dom_id}")
        assert f"{dom_id}-erreur" in str(holder.get_attribute("aria-describedby")).split()
        assert page.locator(f"#{dom_id}").get_attribute("aria-invalid") == "true"
    summary = page.locator("#formulaire-erreurs")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "formulaire-erreurs"
    assert summary.locator("li").count() == len(expected)
    assert page.locator("#formulaire-envoi").is_hidden()
    assert page.url == url and requests == []
    assert violations(page) == []
    summary.locator("a").nth(1).click()
    assert page.evaluate("document.activeElement.id") == "champ-titre"


def test_valid_answer_gives_the_file_and_a_forge_link_with_the_same_content(page: Any, site_url: str) -> None:
    page.goto(site_url + "formulaires/contribution-velo/")
    typed = ("Le **sas vélo** du carrefour de la Poste est toujours occupé par les voitures.\n"
             "Deuxième ligne avec « guillemets », \"doubles\", une barre \\ oblique,\tune tabulation et 🚲.")
    fill_free_contribution(page, typed)
    shown = prepare(page)
    assert page.evaluate("document.activeElement.id") == "formulaire-envoi-titre"
    name, content = download(page)
    assert content == shown
    identifier = name.removesuffix(".yaml")
    link = str(page.locator("[data-ecl-link=forge]").get_attribute("href"))
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert parts.path == "/ville-de-loirance/donnees-publiques/new/main"
    query = parse_qs(parts.query)
    assert query["filename"] == [f"contributions/inbox/contribution-velo/{identifier}.yaml"]
    assert query["value"] == [content]
    mail = str(page.locator("[data-ecl-link=courriel]").get_attribute("href"))
    assert mail.startswith("mailto:participation@loirance.example?subject=")
    assert parse_qs(urlsplit(mail).query)["body"] == [content]
    read_back = read_submission(name, content.encode("utf-8"), {})  # what formulaires.js wrote, read by Python
    assert read_back.answers["texte"] == typed and read_back.identifier == identifier
    assert read_back.form_id == "contribution-velo" and read_back.consent == "true"
    assert violations(page) == []


def test_too_long_answer_says_so_and_offers_the_download(page: Any, site_url: str) -> None:
    page.goto(site_url + "formulaires/contribution-velo/")
    long_text = ("Été éléphant, «\u00a0été\u00a0». " * 120).strip()  # 2 759 characters, 9 700 once encoded
    fill_free_contribution(page, long_text)
    prepare(page)
    note = page.locator("[data-ecl-too-long=forge]")
    assert note.is_visible() and "trop longues pour tenir dans un lien" in note.inner_text()
    assert page.locator("[data-ecl-link=forge]").is_hidden()
    assert page.locator("[data-ecl-link=telechargement]").is_visible()


def test_form_can_be_filled_and_sent_with_the_keyboard_only(page: Any, site_url: str) -> None:
    page.goto(site_url + "formulaires/enquete-velo/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "champ-quartier":
            break
    assert page.evaluate("document.activeElement.id") == "champ-quartier"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # « Les Bruyères »
    for _ in range(3):  # fréquence, sécurité, frein : first choice of each group
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the optional age group is skipped: focus on its first choice, not checked
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "champ-remarque"
    page.keyboard.type("Saisie au clavier seulement.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # consent
    page.keyboard.press("Tab")  # the honeypot is skipped (tabindex=-1)
    assert page.evaluate("document.activeElement.textContent.trim()") == "Valider mes réponses"
    page.keyboard.press("Enter")
    page.locator("#formulaire-envoi").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "formulaire-envoi-titre"
    content = str(page.locator("[data-ecl-file]").text_content())
    assert 'quartier: "Les Bruyères"' in content and 'frequence: "Tous les jours ou presque"' in content
    assert 'age: ""' in content and 'consentement: "true"' in content
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-ecl-link')") == "telechargement":
            break
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert Path(info.value.path()).read_text(encoding="utf-8") == content


def test_without_javascript_the_form_posts_to_the_mailbox(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "formulaires/temoignage-velo/")
    form = tab.locator("form#formulaire")
    assert str(form.get_attribute("action")).startswith("mailto:participation@loirance.example?subject=")
    assert form.get_attribute("method") == "post" and form.get_attribute("enctype") == "text/plain"
    assert tab.locator("#champ-temoignage").get_attribute("required") is not None
    assert tab.locator("input[name=formulaire]").get_attribute("value") == "temoignage-velo"
    assert tab.locator("#formulaire-envoi").is_hidden()
    context.close()


# Import, moderation, rebuild -------------------------------------------------------------------------


class _Endpoint(http.server.BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Allow-Methods", "POST")

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        _Endpoint.received.append(json.loads(body))
        answer = "Bien reçu, merci.".encode()
        self.send_response(201)
        self._cors()
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/contributions"
    server.shutdown()


@pytest.fixture(scope="module")
def rebuilt(browser: Any, site_url: str, endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two answers downloaded from the site, imported, one accepted and one rejected, the site rebuilt."""
    from eclaireur.build import build_site
    from eclaireur.cli import main

    repo = copy_repo(tmp_path_factory.mktemp("moderation") / "depot")  # with .cache: PDFs are not redrawn
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      forge_branch: main\n", f"      forge_branch: main\n      contribution_endpoint: {endpoint}\n"),
        encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    identifiers = []
    for text in (ACCEPTED_TEXT, REJECTED_TEXT):
        tab.goto(site_url + "formulaires/contribution-velo/")
        fill_free_contribution(tab, text)
        prepare(tab)
        name, content = download(tab)
        inbox = repo / "contributions" / "inbox" / "contribution-velo"
        inbox.mkdir(parents=True, exist_ok=True)
        (inbox / name).write_text(content, encoding="utf-8")
        identifiers.append(name.removesuffix(".yaml"))
    context.close()
    runner = CliRunner()
    imported = runner.invoke(main, ["contributions", "import", "--root", str(repo)])
    assert imported.exit_code == 0, imported.output
    assert imported.output.count("importée ") == 2
    accepted = runner.invoke(main, ["contributions", "moderate", "--root", str(repo), identifiers[0], "--accept"])
    assert accepted.exit_code == 0, accepted.output
    rejected = runner.invoke(main, ["contributions", "moderate", "--root", str(repo), identifiers[1], "--reject",
                                    "--reason", "Démonstration d'un refus"])
    assert rejected.exit_code == 0, rejected.output
    build_site(repo)
    server, url = serve_folder(repo / "site")
    yield url
    server.shutdown()


def test_accepted_contribution_appears_after_rebuild_and_rejected_does_not(page: Any, rebuilt: str) -> None:
    page.goto(rebuilt + "formulaires/contribution-velo/resultats/")
    contributions = page.locator(".ecl-contribution")
    texts = [contributions.nth(i).inner_text() for i in range(contributions.count())]
    assert any(ACCEPTED_TEXT in t for t in texts)
    assert not any(REJECTED_TEXT in t for t in texts)
    response = page.request.get(rebuilt + "donnees/contributions_contribution_velo.csv")
    csv_text = response.text()
    assert ACCEPTED_TEXT in csv_text and REJECTED_TEXT not in csv_text
    found = {}
    for words in ("contresens Mariniers livraisons", "moderation jamais paraitre"):  # the accepted one, the other
        page.goto(rebuilt + "recherche/?q=" + words)
        page.wait_for_function(
            "() => /trouvée|Aucune/.test(document.querySelector('.ecl-search__status').textContent)", timeout=20000)
        found[words] = [a.get_attribute("href") or "" for a in page.query_selector_all(".ecl-search__title a")]
    assert any("contribution-velo/resultats" in href for href in found["contresens Mariniers livraisons"])
    assert not any("contribution-velo/resultats" in href for href in found["moderation jamais paraitre"])


def test_endpoint_channel_posts_json_and_shows_the_answer(page: Any, rebuilt: str, endpoint: str) -> None:
    page.goto(rebuilt + "formulaires/fete-evaluation-2026/")
    page.fill("#champ-nom-complet", "Capucine Testard")
    page.fill("#champ-courriel", "capucine.testard@courriel-perso.example")
    page.check("#champ-profil")
    page.check("#champ-atelier-3")
    for name in ("poubelle", "machine-a-laver", "coffre-fort", "longue-vue"):
        page.fill(f"#champ-{name}", f"Réponse de démonstration pour {name}.")
    prepare(page)
    assert page.locator("[data-ecl-link=forge]").count() == 0
    page.click("[data-ecl-send]")
    status = page.locator("[data-ecl-status]")
    status.filter(has_text="201").wait_for()
    assert "Contribution reçue par le service (201) : Bien reçu, merci." in status.inner_text()
    sent = _Endpoint.received[-1]
    assert sent["formulaire"] == "fete-evaluation-2026"
    assert sent["reponses"]["poubelle"] == "Réponse de démonstration pour poubelle."
    form = page.locator("form#formulaire")
    assert form.get_attribute("action") == endpoint  # without JavaScript the form posts there
    assert form.get_attribute("enctype") == "application/x-www-form-urlencoded"
