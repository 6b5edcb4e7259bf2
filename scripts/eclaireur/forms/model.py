"""Form model: each answer field of the Table Schema -> one control, with its French messages.

The control is chosen from the field's type, format and constraints. The error messages are written
here once: the page carries them (``data-msg-*`` attributes read by ``formulaires.js``) and the intake
(:mod:`eclaireur.contributions.answers`) gives the same messages for the same faults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from eclaireur import fr
from eclaireur.forms.definition import PRIVATE, SIGNATURE, FormDefinition

TEXTAREA_FROM = 200  # a text field allowing more characters than this is a multi-line text area
RADIO_UP_TO = 6  # an enum with at most this many values is a radio group, a select beyond
NAME_NEEDED = "Indiquez votre prénom et votre nom pour signer ainsi, ou choisissez de signer anonymement."
NAMED_SIGNATURES = ("nom", "initiales")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Control:
    """One control of the form page."""

    name: str
    kind: str  # text, textarea, email, url, number, date, checkbox, radio, select
    label: str
    help: str
    required: bool
    private: bool
    type: str
    attrs: dict[str, str] = field(default_factory=dict)
    options: list[Option] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)
    example: str = ""
    signs: str = ""  # for a signature choice: the private field holding the name to sign with
    short_label: str = ""  # how the error summary names the field when its label is a whole sentence

    @property
    def dom_id(self) -> str:
        return f"champ-{self.name.replace('_', '-')}"

    @property
    def grouped(self) -> bool:
        """Radio groups are a fieldset with a legend rather than a label."""
        return self.kind == "radio"


@dataclass(frozen=True)
class FormModel:
    definition: FormDefinition
    controls: list[Control]
    consent: Control

    @property
    def has_private(self) -> bool:
        return any(c.private for c in self.controls)


def _number(value: Any) -> str:
    return fr.nombre(value, 0 if float(value).is_integer() else 2)


def _bound_text(value: Any, kind: str) -> str:
    if kind == "date":
        return fr.date_fr(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
    return _number(value)


def control_kind(f: dict[str, Any]) -> str:
    """The HTML control for a Table Schema field."""
    kind = f.get("type", "string")
    constraints = f.get("constraints", {})
    if "enum" in constraints and kind != "boolean":
        return "radio" if len(constraints["enum"]) <= RADIO_UP_TO else "select"
    if kind == "boolean":
        return "checkbox"
    if kind in ("integer", "number"):
        return "number"
    if kind == "date":
        return "date"
    fmt = f.get("format", "default")
    if fmt == "email":
        return "email"
    if fmt == "uri":
        return "url"
    max_length = constraints.get("maxLength")
    return "text" if max_length is not None and int(max_length) <= TEXTAREA_FROM else "textarea"


def messages_for(f: dict[str, Any], kind: str) -> dict[str, str]:
    """French messages for every fault the field can have, keyed like frictionless' notes."""
    c = f.get("constraints", {})
    ftype = f.get("type", "string")
    example = f.get("example")
    out: dict[str, str] = {}
    if kind == "radio" or kind == "select":
        out["required"] = "Choisissez une réponse."
    elif kind == "checkbox":
        out["required"] = "Cochez cette case pour continuer."
    else:
        out["required"] = "Ce champ est obligatoire : remplissez-le."
    type_messages = {
        "integer": "Indiquez un nombre entier, en chiffres (par exemple 3).",
        "number": "Indiquez un nombre, en chiffres (par exemple 2,5).",
        "date": "Indiquez une date valide (jour, mois et année).",
        "boolean": "Cochez la case ou laissez-la vide.",
    }
    if ftype in type_messages:
        out["type"] = type_messages[ftype]
    elif kind == "email":
        out["type"] = "Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr."
    elif kind == "url":
        out["type"] = "Indiquez une adresse web complète, commençant par https://."
    if "minLength" in c:
        out["minLength"] = f"Ce texte est trop court : écrivez au moins {fr.nombre(c['minLength'])} caractères."
    if "maxLength" in c:
        out["maxLength"] = (
            f"Ce texte est trop long : {fr.nombre(c['maxLength'])} caractères au plus. Raccourcissez-le."
        )
    if "pattern" in c:
        hint = f" Exemple : {example}" if example not in (None, "") else ""
        out["pattern"] = "Le format de la réponse n'est pas celui attendu." + hint
    if "minimum" in c and "maximum" in c:
        text = f"La valeur doit être comprise entre {_bound_text(c['minimum'], ftype)} et " \
               f"{_bound_text(c['maximum'], ftype)}."
        out["minimum"] = out["maximum"] = text
    elif "minimum" in c:
        out["minimum"] = f"La valeur doit être au moins {_bound_text(c['minimum'], ftype)}."
    elif "maximum" in c:
        out["maximum"] = f"La valeur doit être au plus {_bound_text(c['maximum'], ftype)}."
    if "enum" in c:
        out["enum"] = "Choisissez une des réponses proposées."
    if f.get(SIGNATURE):
        out["signature"] = NAME_NEEDED
    return out


def _attrs(f: dict[str, Any], kind: str) -> dict[str, str]:
    c = f.get("constraints", {})
    ftype = f.get("type", "string")
    attrs: dict[str, str] = {}
    if kind in ("text", "textarea", "email", "url"):
        if "maxLength" in c:
            attrs["maxlength"] = str(int(c["maxLength"]))
        if "minLength" in c:
            attrs["minlength"] = str(int(c["minLength"]))
        if "pattern" in c and kind != "textarea":
            attrs["pattern"] = str(c["pattern"])
        if kind == "textarea":
            attrs["rows"] = "8" if int(c.get("maxLength", 2000)) > 1000 else "5"
    if kind == "number":
        attrs["step"] = "1" if ftype == "integer" else "any"
        attrs["inputmode"] = "numeric" if ftype == "integer" else "decimal"
    if kind in ("number", "date"):
        for key, attr in (("minimum", "min"), ("maximum", "max")):
            if key in c:
                attrs[attr] = str(c[key])
    autocomplete = f.get("eclaireur:autocomplete")
    if autocomplete:
        attrs["autocomplete"] = str(autocomplete)
    return attrs


def _help(f: dict[str, Any], private: bool) -> str:
    text = str(f.get("description", "")).strip()
    if private:
        text = (text + " " if text else "") + "Cette information reste privée : elle n'est jamais publiée."
    return text


def build_control(f: dict[str, Any]) -> Control:
    kind = control_kind(f)
    constraints = f.get("constraints", {})
    private = f.get(PRIVATE) is True
    labels = f.get("eclaireur:labels", {}) or {}
    options = [Option(str(v), str(labels.get(str(v), v))) for v in constraints.get("enum", [])]
    if kind == "select":
        options = [Option("", "— Choisissez —"), *options]
    return Control(
        name=str(f["name"]),
        kind=kind,
        label=str(f.get("title", f["name"])),
        help=_help(f, private),
        required=bool(constraints.get("required")),
        private=private,
        type=str(f.get("type", "string")),
        attrs=_attrs(f, kind),
        options=options,
        messages=messages_for(f, kind),
        example=str(f.get("example", "")),
        signs=str(f.get(SIGNATURE) or ""),
    )


def consent_control(form: FormDefinition) -> Control:
    return Control(
        name="consentement",
        kind="checkbox",
        label=form.consent_text,
        help="" if form.consent_required else "Sans votre accord, votre contribution est lue mais jamais publiée.",
        required=form.consent_required,
        private=False,
        type="boolean",
        short_label="Votre accord",
        messages={
            "required": "Cochez cette case : sans votre accord, nous ne pouvons pas recevoir cette contribution.",
            "type": "Cochez la case ou laissez-la vide.",
        },
    )


def build_form_model(form: FormDefinition) -> FormModel:
    """The controls of ``form``, in the order of its schema, then the consent checkbox."""
    return FormModel(form, [build_control(f) for f in form.answer_fields], consent_control(form))
