"""Forms: definitions, schema -> controls, the form page's HTML, the contribution file format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eclaireur.contributions.fileformat import Submission, contribution_yaml, read_submission
from eclaireur.errors import DataError
from eclaireur.forms.channels import forge_link
from eclaireur.forms.definition import INTAKE_FIELDS, load_forms, read_form, read_forms
from eclaireur.forms.model import build_control
from helpers import REPO

DEMO_FORMS = ("contribution-velo", "enquete-velo", "fete-evaluation-2026", "temoignage-velo")
FETE_PROMPTS = ("poubelle", "machine_a_laver", "coffre_fort", "longue_vue")


def test_demo_forms_load_without_problem() -> None:
    forms, problems = read_forms(REPO / "data")
    assert problems == []
    assert [f.id for f in forms] == list(DEMO_FORMS)
    by_id = {f.id: f for f in forms}
    assert all(name in {f["name"] for f in by_id["fete-evaluation-2026"].answer_fields} for name in FETE_PROMPTS)
    testimony = by_id["temoignage-velo"]
    assert testimony.consent_required is True
    assert testimony.signature_field is not None and testimony.signature_field["name"] == "signature"
    assert {"nom_complet", "courriel", "empreinte", "motif"} <= testimony.private_fields
    assert "forge" not in by_id["fete-evaluation-2026"].channels  # name and address would be public there
    assert by_id["enquete-velo"].belongs_to == {"evaluation": "plan-velo"}


def test_every_form_resource_is_declared_with_the_form_schema() -> None:
    import yaml

    descriptor = yaml.safe_load((REPO / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for form in load_forms(REPO / "data"):
        assert resources[form.resource]["schema"] == f"formulaires/{form.schema_path.name}"
        assert resources[form.resource]["path"] == f"contributions/{form.id}.csv"


@pytest.mark.parametrize(
    ("descriptor", "kind", "attrs"),
    [
        ({"name": "a", "type": "string", "constraints": {"maxLength": 120}}, "text", {"maxlength": "120"}),
        ({"name": "a", "type": "string", "constraints": {"maxLength": 2000}}, "textarea", {"maxlength": "2000"}),
        ({"name": "a", "type": "string"}, "textarea", {}),
        ({"name": "a", "type": "string", "format": "email"}, "email", {}),
        ({"name": "a", "type": "string", "format": "uri", "constraints": {"pattern": "https://.+"}}, "url",
         {"pattern": "https://.+"}),
        ({"name": "a", "type": "integer", "constraints": {"minimum": 1, "maximum": 5}}, "number",
         {"min": "1", "max": "5", "step": "1"}),
        ({"name": "a", "type": "number"}, "number", {"step": "any"}),
        ({"name": "a", "type": "date", "constraints": {"minimum": "2026-01-01"}}, "date", {"min": "2026-01-01"}),
        ({"name": "a", "type": "boolean"}, "checkbox", {}),
        ({"name": "a", "type": "string", "constraints": {"enum": ["x", "y", "z"]}}, "radio", {}),
        ({"name": "a", "type": "string", "constraints": {"enum": [str(i) for i in range(9)]}}, "select", {}),
    ],
)
def test_control_is_chosen_from_type_format_and_constraints(descriptor: dict[str, Any], kind: str,
                                                            attrs: dict[str, str]) -> None:
    control = build_control({"title": "Question", **descriptor})
    assert control.kind == kind
    for key, value in attrs.items():
        assert control.attrs[key] == value


def test_messages_are_french_and_name_the_limits() -> None:
    control = build_control({"name": "note", "title": "Note", "type": "integer", "example": 3,
                             "constraints": {"required": True, "minimum": 1, "maximum": 5}})
    assert control.messages["required"].startswith("Ce champ est obligatoire")
    assert control.messages["minimum"] == "La valeur doit être comprise entre 1 et 5."
    assert "nombre entier" in control.messages["type"]
    private = build_control({"name": "courriel", "title": "Courriel", "type": "string", "format": "email",
                             "eclaireur:private": True})
    assert private.private and "jamais publiée" in private.help


def write_form(folder: Path, form_id: str, settings: str, schema: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{form_id}.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    path = folder / f"{form_id}.yaml"
    path.write_text(settings, encoding="utf-8")
    return path


def demo_schema(form_id: str = "enquete-velo") -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (REPO / "data" / "formulaires" / f"{form_id}.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def test_bad_definitions_get_french_reasons(tmp_path: Path) -> None:
    schema = demo_schema()
    schema["fields"] = [*schema["fields"][1:], {"name": "photo", "type": "object", "title": "Photo"},
                        {"name": "Mauvais Nom", "type": "string", "title": "x"}]
    settings = ("id: autre\ntitre: Essai\nversion: '1'\nouverture: 2026-13-01\n"
                "consentement:\n  texte: D'accord\ncanaux: [pigeon]\n")
    path = write_form(tmp_path / "data" / "formulaires", "essai", settings, schema)
    form, problems = read_form(path)
    assert form is None
    text = "\n".join(problems)
    assert "« id » vaut « autre »" in text
    assert "une date AAAA-MM-JJ est attendue" in text
    assert "« canaux »" in text
    assert "les premiers champs doivent être" in text and ", ".join(INTAKE_FIELDS) in text
    assert "type « object »" in text
    assert "« Mauvais Nom » n'est pas permis" in text
    with pytest.raises(DataError, match="Définitions de formulaires invalides"):
        load_forms(tmp_path / "data")


def test_a_signature_must_name_a_private_field(tmp_path: Path) -> None:
    schema = demo_schema("temoignage-velo")
    for f in schema["fields"]:
        if f["name"] == "nom_complet":
            f.pop("eclaireur:private")
    path = write_form(tmp_path, "essai", "id: essai\ntitre: Essai\nversion: '1'\n"
                      "consentement:\n  texte: D'accord\n", schema)
    _, problems = read_form(path)
    assert any("doit nommer un champ privé" in p for p in problems)


# The contribution file --------------------------------------------------------------------------------

TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=150, deadline=None)
@given(answers=st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True), TEXTS, max_size=5))
def test_contribution_file_reads_back_exactly(answers: dict[str, str]) -> None:
    submission = Submission("enquete-velo", "1", "20260204-101530-k3x9ab", "2026-02-04T10:15:30+01:00", "true",
                            answers)
    text = contribution_yaml(submission)
    again = read_submission("x.yaml", text.encode("utf-8"), {})
    assert again.answers == answers
    assert again.form_id == "enquete-velo" and again.identifier == "20260204-101530-k3x9ab"


def test_forge_link_decodes_to_the_file() -> None:
    content = contribution_yaml(Submission("enquete-velo", "1", "a-b", "", "true", {"remarque": "é & = ? # \"x\"\n"}))
    link = forge_link("https://github.com/o/r/new/{branch}?filename={path}&value={content}", "main",
                      "contributions/inbox/enquete-velo/a-b.yaml", content)
    query = parse_qs(urlsplit(link).query)
    assert urlsplit(link).path == "/o/r/new/main"
    assert query["value"] == [content]
    assert query["filename"] == ["contributions/inbox/enquete-velo/a-b.yaml"]


# The form page ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def form_pages() -> dict[str, str]:
    from eclaireur.config import load_config
    from eclaireur.generate import build_context, run_generators
    from eclaireur.pages import formulaires

    ctx = build_context(load_config(REPO))
    generated = run_generators(ctx, [formulaires.generate])
    return {path: page.html for path, page in generated.pages.items()}


def test_every_form_has_a_page_and_a_results_page(form_pages: dict[str, str]) -> None:
    for form_id in DEMO_FORMS:
        assert f"formulaires/{form_id}/index.md" in form_pages
        assert f"formulaires/{form_id}/resultats.md" in form_pages
    assert "formulaires/index.md" in form_pages


def test_form_page_is_accessible_markup(form_pages: dict[str, str]) -> None:
    html = form_pages["formulaires/temoignage-velo/index.md"]
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert len(ids) == len(re.findall(r'\sid="([^"]+)"', html)), "identifiants en double"
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        assert set(described.split()) <= ids
    for target in re.findall(r'<label for="([^"]+)"', html):
        assert target in ids
    assert re.search(r"\son[a-z]+\s*=", html) is None, "gestionnaire d'événement en ligne"
    assert "<script>" not in html and 'src="../../assets/javascripts/formulaires.js"' in html
    assert 'name="site_internet"' in html and 'tabindex="-1"' in html
    assert 'action="mailto:participation@loirance.example?subject=' in html and 'enctype="text/plain"' in html
    assert html.count("(obligatoire)") >= 3 and "jamais publiée" in html
    assert '<fieldset class="ecl-field ecl-field--choices"' in html and "<legend>" in html


def test_form_without_forge_channel_has_no_forge_link(form_pages: dict[str, str]) -> None:
    assert 'data-ecl-link="forge"' not in form_pages["formulaires/fete-evaluation-2026/index.md"]
    assert 'data-ecl-link="forge"' in form_pages["formulaires/contribution-velo/index.md"]
    for prompt in ("Poubelle", "Machine à laver", "Coffre-fort", "Longue-vue"):
        assert prompt in form_pages["formulaires/fete-evaluation-2026/index.md"]


def test_closed_form_shows_no_controls(repo_copy: Path) -> None:
    from eclaireur.config import load_config
    from eclaireur.generate import build_context, run_generators
    from eclaireur.pages import formulaires

    settings_file = repo_copy / "data" / "formulaires" / "enquete-velo.yaml"
    settings_file.write_text(settings_file.read_text(encoding="utf-8").replace("fermeture: 2026-03-15",
                                                                                "fermeture: 2026-01-20"),
                             encoding="utf-8")
    ctx = build_context(load_config(repo_copy))
    pages = {p: v.html for p, v in run_generators(ctx, [formulaires.generate]).pages.items()}
    html = pages["formulaires/enquete-velo/index.md"]
    assert "Ce formulaire est fermé depuis le 20 janvier 2026" in html
    assert "<form" not in html
