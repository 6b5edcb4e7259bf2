"""Form definitions: ``data/formulaires/<id>.yaml`` (settings) + the Table Schema of the answers.

A form's Table Schema is also the schema of the resource its contributions are stored in
(the private register ``<private_dir>/<id>.csv``, whose public view is ``data/contributions/<id>.csv``):
it starts with the intake fields every contribution carries (:data:`INTAKE_FIELDS`), followed by the
answer fields the form page shows. A field marked ``"eclaireur:private": true`` stays in the private
register, outside the public repository, and is never published (:mod:`eclaireur.privacy`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eclaireur.config import parse_iso_date
from eclaireur.errors import DataError
from eclaireur.privacy import PRIVATE, PUBLISHED_SIGNATURE, SIGNATURE
from eclaireur.safeyaml import load_yaml

FORMS_FOLDER = "formulaires"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SIGNATURE_CHOICES = ("nom", "initiales", "anonyme")
CHANNELS = ("forge", "telechargement", "courriel", "service")
SUPPORTED_TYPES = ("string", "integer", "number", "boolean", "date")
SUPPORTED_FORMATS = ("default", "email", "uri")
HONEYPOT = "site_internet"
RESERVED_NAMES = (HONEYPOT, "formulaire", "version", PUBLISHED_SIGNATURE)
BALLOT_INBOX = "bulletins"
"""``contributions/inbox/bulletins/`` receives the ballots of the élection des futurs (read by
``eclaireur election importer``, not by ``eclaireur contributions import``): no form may take this id."""

# name -> (type, private): the columns every contribution resource starts with, in this order.
INTAKE_FIELDS: dict[str, tuple[str, bool]] = {
    "id": ("string", False),
    "horodatage": ("string", False),
    "version": ("string", False),
    "empreinte": ("string", True),
    "statut": ("string", False),
    "motif": ("string", True),
    "consentement": ("boolean", False),
}
STATUSES = ("en attente", "acceptée", "refusée")
PENDING, ACCEPTED, REJECTED = STATUSES


class SettingsLoader(yaml.SafeLoader):
    """Safe YAML where dates stay text: a wrong date gets a French message instead of a traceback."""


SettingsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FormDefinition:
    """One form: its settings and the Table Schema of its answers."""

    id: str
    title: str
    introduction: str
    version: str
    resource: str
    schema: dict[str, Any]
    path: Path
    schema_path: Path
    opens: dt.date | None = None
    closes: dt.date | None = None
    consent_text: str = ""
    consent_required: bool = False
    channels: tuple[str, ...] = CHANNELS
    belongs_to: dict[str, str] = field(default_factory=dict)
    results: bool = True
    thanks: str = ""

    @property
    def fields(self) -> list[dict[str, Any]]:
        return list(self.schema.get("fields", []))

    @property
    def answer_fields(self) -> list[dict[str, Any]]:
        """The fields the citizen fills in (every field after the intake fields)."""
        return [f for f in self.fields if f["name"] not in INTAKE_FIELDS]

    @property
    def private_fields(self) -> set[str]:
        return {f["name"] for f in self.fields if f.get(PRIVATE) is True}

    @property
    def signature_field(self) -> dict[str, Any] | None:
        """The field where the contributor chooses how to sign (name, initials, anonymous), if any."""
        return next((f for f in self.answer_fields if f.get(SIGNATURE)), None)

    def state(self, on: dt.date) -> str:
        """``ouvert``, ``à venir`` or ``fermé`` on the date ``on``."""
        if self.opens and on < self.opens:
            return "à venir"
        if self.closes and on > self.closes:
            return "fermé"
        return "ouvert"


@dataclass(frozen=True)
class FormProblem:
    """A problem in a form definition: the file and a French message saying how to fix it."""

    file: Path
    message: str


def forms_dir(data_dir: Path) -> Path:
    return data_dir / FORMS_FOLDER


def _text(settings: dict[str, Any], key: str, problems: list[str], *, required: bool = False) -> str:
    value = settings.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(f"« {key} » doit être un texte (mettez-le entre guillemets).")
        return ""
    if required and not value.strip():
        problems.append(f"« {key} » est obligatoire : ajoutez une ligne « {key}: … ».")
    return value.strip()


def schema_problems(schema: dict[str, Any]) -> list[str]:
    """What keeps ``schema`` from being a contribution schema (intake fields first, supported types)."""
    problems: list[str] = []
    fields = schema.get("fields")
    if not isinstance(fields, list) or not all(isinstance(f, dict) and "name" in f for f in fields):
        return ["le schéma doit contenir une liste « fields » de champs nommés."]
    names = [str(f["name"]) for f in fields]
    expected = list(INTAKE_FIELDS)
    if names[: len(expected)] != expected:
        problems.append(
            "les premiers champs doivent être, dans cet ordre : " + ", ".join(expected)
            + f" (trouvé : {', '.join(names[: len(expected)])}) ; copiez-les d'un formulaire existant."
        )
    by_name = {str(f["name"]): f for f in fields}
    for name, (kind, private) in INTAKE_FIELDS.items():
        f = by_name.get(name)
        if f is None:
            continue
        if f.get("type", "string") != kind:
            problems.append(f"le champ « {name} » doit être de type « {kind} ».")
        if private and f.get(PRIVATE) is not True:
            problems.append(f"le champ « {name} » doit porter « \"{PRIVATE}\": true ».")
    statut = by_name.get("statut", {}).get("constraints", {}).get("enum")
    if statut is not None and list(statut) != list(STATUSES):
        problems.append("le champ « statut » doit avoir pour valeurs permises : " + ", ".join(STATUSES) + ".")
    seen: set[str] = set()
    for f in fields:
        name = str(f["name"])
        if name in seen:
            problems.append(f"le champ « {name} » est déclaré deux fois.")
        seen.add(name)
        if name in INTAKE_FIELDS:
            continue
        if not FIELD_NAME.match(name) or name in RESERVED_NAMES:
            problems.append(
                f"le nom de champ « {name} » n'est pas permis : lettres minuscules, chiffres et « _ », "
                f"commençant par une lettre (40 caractères au plus), hors {', '.join(RESERVED_NAMES)}."
            )
        if f.get("type", "string") not in SUPPORTED_TYPES:
            problems.append(
                f"le champ « {name} » est de type « {f.get('type')} » : un formulaire sait afficher "
                + ", ".join(SUPPORTED_TYPES) + "."
            )
        if f.get("format", "default") not in SUPPORTED_FORMATS:
            problems.append(f"le champ « {name} » a le format « {f.get('format')} », non pris en charge.")
        if not str(f.get("title", "")).strip():
            problems.append(f"le champ « {name} » n'a pas de « title » : c'est le libellé montré au public.")
        pattern = f.get("constraints", {}).get("pattern")
        if pattern is not None:
            try:
                re.compile(str(pattern))
            except re.error as exc:
                problems.append(f"le motif du champ « {name} » est invalide ({exc}).")
        signed = f.get(SIGNATURE)
        if signed:
            choices = f.get("constraints", {}).get("enum", [])
            if not choices or any(c not in SIGNATURE_CHOICES for c in choices):
                problems.append(
                    f"le champ de signature « {name} » doit avoir des valeurs permises parmi "
                    + ", ".join(SIGNATURE_CHOICES) + "."
                )
            if signed not in by_name or by_name[str(signed)].get(PRIVATE) is not True:
                problems.append(
                    f"« {SIGNATURE} » du champ « {name} » doit nommer un champ privé du formulaire "
                    f"(le nom complet), pas « {signed} »."
                )
    return problems


def _read_schema(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    loaded = json.loads(text) if path.suffix == ".json" else load_yaml(text)
    if not isinstance(loaded, dict):
        raise ValueError("un objet JSON est attendu")
    return loaded


def read_form(path: Path) -> tuple[FormDefinition | None, list[str]]:
    """Read one form settings file; returns the definition, or ``None`` and the problems found."""
    problems: list[str] = []
    try:
        settings = load_yaml(path.read_text(encoding="utf-8"), SettingsLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        return None, [f"fichier illisible ({exc}) ; enregistrez-le en UTF-8 et vérifiez la syntaxe YAML."]
    if not isinstance(settings, dict):
        return None, ["un dictionnaire YAML (lignes « clé: valeur ») est attendu."]
    form_id = str(settings.get("id", ""))
    if form_id != path.stem:
        problems.append(f"« id » vaut « {form_id} » ; il doit être égal au nom du fichier, « {path.stem} ».")
    if not SLUG.match(path.stem):
        problems.append("le nom du fichier doit être un identifiant en minuscules, chiffres et tirets.")
    if path.stem == BALLOT_INBOX:
        problems.append(f"l'identifiant « {BALLOT_INBOX} » est réservé aux bulletins de vote "
                        f"(contributions/inbox/{BALLOT_INBOX}/) ; choisissez un autre nom de fichier.")
    title = _text(settings, "titre", problems, required=True)
    introduction = _text(settings, "introduction", problems)
    version = str(settings.get("version", "")).strip()
    if not version:
        problems.append("« version » est obligatoire (la version du schéma, par exemple \"1\").")
    resource = _text(settings, "ressource", problems) or "contributions_" + path.stem.replace("-", "_")
    opens = parse_iso_date(settings.get("ouverture"), "ouverture", problems)
    closes = parse_iso_date(settings.get("fermeture"), "fermeture", problems)
    if opens and closes and closes < opens:
        problems.append("« fermeture » est avant « ouverture ».")
    consent = settings.get("consentement") or {}
    if not isinstance(consent, dict):
        problems.append("« consentement » doit contenir « texte » et « obligatoire ».")
        consent = {}
    consent_text = _text(consent, "texte", problems, required=True)
    consent_required = consent.get("obligatoire", False)
    if not isinstance(consent_required, bool):
        problems.append("« consentement.obligatoire » vaut true ou false.")
        consent_required = False
    channels = settings.get("canaux", list(CHANNELS))
    if not isinstance(channels, list) or not channels or any(c not in CHANNELS for c in channels):
        problems.append("« canaux » est une liste prise parmi : " + ", ".join(CHANNELS) + ".")
        channels = list(CHANNELS)
    belongs = settings.get("rattachement") or {}
    if not isinstance(belongs, dict) or any(k not in ("evaluation", "page") for k in belongs):
        problems.append("« rattachement » contient « evaluation: <identifiant> » ou « page: <chemin.md> ».")
        belongs = {}
    results = settings.get("resultats", True)
    if not isinstance(results, bool):
        problems.append("« resultats » vaut true ou false.")
        results = True
    schema_name = _text(settings, "schema", problems) or f"{path.stem}.schema.json"
    schema_path = (path.parent / schema_name).resolve()
    schema: dict[str, Any] = {"fields": []}
    if path.parent.resolve() not in schema_path.parents:
        problems.append(f"« schema » ({schema_name}) doit être un fichier du dossier {path.parent.name}/.")
    else:
        try:
            schema = _read_schema(schema_path)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            problems.append(f"schéma {schema_name} illisible ({exc}).")
        else:
            problems.extend(f"{schema_name} : {p}" for p in schema_problems(schema))
    if problems:
        return None, problems
    return (
        FormDefinition(
            id=form_id,
            title=title,
            introduction=introduction,
            version=version,
            resource=resource,
            schema=schema,
            path=path,
            schema_path=schema_path,
            opens=opens,
            closes=closes,
            consent_text=consent_text,
            consent_required=consent_required,
            channels=tuple(channels),
            belongs_to={str(k): str(v) for k, v in belongs.items()},
            results=results,
            thanks=_text(settings, "remerciement", problems),
        ),
        [],
    )


def read_forms(data_dir: Path) -> tuple[list[FormDefinition], list[FormProblem]]:
    """Every form of ``data/formulaires/`` (sorted by id) and the problems of the unreadable ones."""
    folder = forms_dir(data_dir)
    forms: list[FormDefinition] = []
    problems: list[FormProblem] = []
    if not folder.is_dir():
        return forms, problems
    for path in sorted(folder.glob("*.y*ml")):
        form, found = read_form(path)
        problems.extend(FormProblem(path, message) for message in found)
        if form is not None:
            forms.append(form)
    resources: dict[str, str] = {}
    for form in forms:
        if form.resource in resources:
            problems.append(
                FormProblem(form.path, f"la ressource « {form.resource} » sert déjà au formulaire "
                                       f"« {resources[form.resource]} » : donnez-lui un autre nom.")
            )
        resources[form.resource] = form.id
    return forms, problems


def load_forms(data_dir: Path) -> list[FormDefinition]:
    """Every form, or a :class:`DataError` listing every problem of every definition."""
    forms, problems = read_forms(data_dir)
    if problems:
        raise DataError(
            "Définitions de formulaires invalides :\n"
            + "\n".join(f"- {p.file.name} : {p.message}" for p in problems)
        )
    return forms


def forms_of_evaluation(data_dir: Path, evaluation_id: str) -> list[FormDefinition]:
    """The forms attached to an evaluation (``rattachement: {evaluation: <id>}``), for its call for contributions.

    Their pages are ``formulaires/<id>/index.md`` and ``formulaires/<id>/resultats.md``.
    """
    return [form for form in load_forms(data_dir) if form.belongs_to.get("evaluation") == evaluation_id]


def form_by_id(forms: list[FormDefinition], form_id: str) -> FormDefinition | None:
    return next((form for form in forms if form.id == form_id), None)
