"""Validate a submission against its form's Table Schema and turn it into a resource row.

Cells are read with frictionless' own field readers (the same rules as ``eclaireur check``); the
messages are the form page's messages (:func:`eclaireur.forms.model.messages_for`), so a citizen and
the publishing team read the same French sentence for the same fault.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from eclaireur.contributions.fileformat import Submission
from eclaireur.forms.definition import PENDING, FormDefinition
from eclaireur.forms.model import NAME_NEEDED, NAMED_SIGNATURES, control_kind, messages_for

NOTE_ORDER = ("required", "type", "enum", "minLength", "maxLength", "pattern", "minimum", "maximum")


@dataclass(frozen=True)
class FieldFault:
    """A wrong answer: the field, the value given, the French message and the check code."""

    field: str
    title: str
    value: str
    message: str
    code: str = "constraint-error"

    def text(self) -> str:
        shown = self.value if len(self.value) <= 80 else self.value[:77] + "…"
        return f"champ « {self.field} » ({self.title}), valeur « {shown} » : {self.message}"


def _field_reader(descriptor: dict[str, Any]) -> Any:
    from frictionless import Field

    return Field.from_descriptor({k: v for k, v in descriptor.items() if not k.startswith("eclaireur:")})


def normalise_text(value: str) -> str:
    """Line breaks as ``\\n`` (browsers send ``\\r\\n``), surrounding blanks removed."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass
class Validation:
    """The outcome of :func:`validate_submission`: the row, or the reasons (field faults among them)."""

    row: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    faults: list[FieldFault] = field(default_factory=list)

    def refuse(self, reason: str) -> None:
        self.reasons.append(reason)

    def fault(self, fault: FieldFault) -> None:
        self.faults.append(fault)
        self.reasons.append(fault.text())


def check_cell(descriptor: dict[str, Any], value: str) -> tuple[Any, str | None, str]:
    """The typed value and, when wrong, the French message of its first fault and its check code."""
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        return None, "Le texte contient un caractère invalide (demi-paire UTF-16) : retapez-le.", "type-error"
    if "\x00" in value:
        return None, "Le texte contient un caractère nul : retirez-le.", "type-error"
    typed, notes = _field_reader(descriptor).read_cell(value)
    if not notes:
        return typed, None, ""
    messages = messages_for(descriptor, control_kind(descriptor))
    for key in NOTE_ORDER:
        if key in notes:
            code = "type-error" if key == "type" else "constraint-error"
            return None, messages.get(key, "La réponse ne respecte pas le schéma du formulaire."), code
    return None, "La réponse ne respecte pas le schéma du formulaire.", "constraint-error"


def canonical(value: Any) -> str:
    """How a typed answer is written in the resource CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def fingerprint(form_id: str, answers: dict[str, str], consent: bool) -> str:
    """What makes two submissions identical: the form, the answers and the consent (not the id or time)."""
    payload = json.dumps(
        {"formulaire": form_id, "reponses": answers, "consentement": consent},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def validate_submission(form: FormDefinition, submission: Submission) -> Validation:
    """The resource row (status ``en attente``) or the French reasons why the submission is refused."""
    result = Validation()
    if submission.honeypot.strip():
        result.refuse("le champ piège « site_internet » est rempli : envoi attribué à un robot. Si vous êtes "
                       "une personne, renvoyez le formulaire en laissant ce champ vide.")
    fields = {f["name"]: f for f in form.answer_fields}
    unknown = sorted(name for name in submission.answers if name not in fields)
    if unknown:
        result.refuse("champs inconnus du formulaire « " + form.id + " » : "
                       + ", ".join(f"« {name[:40]} »" for name in unknown) + ".")
    answers: dict[str, str] = {}
    for name, descriptor in fields.items():
        raw = normalise_text(submission.answers.get(name, ""))
        typed, message, code = check_cell(descriptor, raw)
        if message:
            result.fault(FieldFault(name, str(descriptor.get("title", name)), raw, message, code))
        else:
            answers[name] = canonical(typed)
    signature = form.signature_field
    if signature is not None and answers.get(signature["name"]) in NAMED_SIGNATURES:
        name_field = str(signature["eclaireur:signature"])
        if not answers.get(name_field):
            title = str(fields[name_field].get("title", name_field))
            result.fault(FieldFault(name_field, title, "", NAME_NEEDED))
    consent_raw = submission.consent.strip().lower()
    if consent_raw not in ("", "true", "false"):
        result.refuse(f"« consentement » vaut « {submission.consent[:20]} » : true ou false attendu.")
    consent = consent_raw == "true"
    if form.consent_required and not consent:
        result.refuse("le consentement est obligatoire pour ce formulaire (« consentement: \"true\" ») : "
                       "sans lui la contribution ne peut pas être reçue.")
    if result.reasons:
        return result
    digest = fingerprint(form.id, answers, consent)
    result.row = {
        "id": submission.identifier or f"courriel-{digest[:12]}",
        "horodatage": submission.timestamp,
        "version": submission.version or form.version,
        "empreinte": digest,
        "statut": PENDING,
        "motif": "",
        "consentement": "true" if consent else "false",
        **answers,
    }
    return result
