"""The contribution file: what a form page produces and what the intake reads.

A contribution is a small YAML file (``contributions/inbox/<form>/<id>.yaml``) whose values are all
double-quoted strings, written the same way by ``formulaires.js`` and by :func:`contribution_yaml`::

    formulaire: "enquete-pause-meridienne"
    version: "1"
    identifiant: "20260204-101530-k3x9ab"
    horodatage: "2026-02-04T10:15:30+01:00"
    consentement: "true"
    reponses:
      quartier: "Les Bruyères"

Reading is strict: no YAML tags, anchors or aliases, no duplicate keys, every scalar read as text, a
size limit. The e-mail channel without JavaScript sends the ``text/plain`` form encoding (one
``name=value`` per line), which :func:`parse_plain_text` reads into the same :class:`Submission`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from eclaireur.forms.definition import HONEYPOT, SLUG
from eclaireur.mojibake import NOTE, repair
from eclaireur.safeyaml import load_yaml

MAX_BYTES = 256 * 1024
MAX_ID_LENGTH = 80
TOP_KEYS = ("formulaire", "version", "identifiant", "horodatage", "consentement", "reponses", HONEYPOT)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$")
# Characters a YAML reader refuses or folds inside a quoted scalar, written as \uXXXX escapes.
_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


class SubmissionError(Exception):
    """A contribution file that cannot be accepted; ``reasons`` are French sentences."""

    def __init__(self, reasons: list[str], form_id: str = "") -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.form_id = form_id


@dataclass
class Submission:
    """A contribution as read from its file, before validation against its form."""

    form_id: str
    version: str
    identifier: str
    timestamp: str
    consent: str
    answers: dict[str, str] = field(default_factory=dict)
    honeypot: str = ""
    notes: list[str] = field(default_factory=list)
    """What the import did to the text (a repaired double encoding), for its report."""


# Writing ----------------------------------------------------------------------------------------------


def quote(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``value`` (same rules as formulaires.js)."""
    out = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", out) + '"'


def contribution_yaml(submission: Submission, answer_order: list[str] | None = None) -> str:
    """The text of a contribution file (answers in ``answer_order``, the form's field order)."""
    order = answer_order if answer_order is not None else list(submission.answers)
    lines = [
        f"# Contribution au formulaire « {submission.form_id} » : déposez ce fichier dans "
        f"contributions/inbox/{submission.form_id}/",
        f"formulaire: {quote(submission.form_id)}",
        f"version: {quote(submission.version)}",
        f"identifiant: {quote(submission.identifier)}",
        f"horodatage: {quote(submission.timestamp)}",
        f"consentement: {quote(submission.consent)}",
        "reponses:",
    ]
    lines += [f"  {name}: {quote(submission.answers.get(name, ''))}" for name in order]
    return "\n".join(lines) + "\n"


# Reading ----------------------------------------------------------------------------------------------


class StrictLoader(yaml.BaseLoader):
    """Every scalar as text; tags, anchors, aliases and duplicate keys refused."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError("les alias YAML (*nom) ne sont pas permis")
        if getattr(event, "anchor", None) is not None:
            raise yaml.YAMLError("les ancres YAML (&nom) ne sont pas permises")
        if getattr(event, "tag", None) not in (None, "!"):
            raise yaml.YAMLError(f"les étiquettes YAML ({event.tag}) ne sont pas permises")
        if getattr(event, "tag", None) == "!":
            raise yaml.YAMLError("les étiquettes YAML (!) ne sont pas permises")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[str] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                raise yaml.YAMLError("une clé doit être un texte")
            if key in seen:
                raise yaml.YAMLError(f"la clé « {key} » apparaît deux fois")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def decode(data: bytes) -> str:
    """UTF-8 text (a leading BOM is dropped), or a French :class:`SubmissionError`."""
    if len(data) > MAX_BYTES:
        raise SubmissionError(
            [f"le fichier fait {len(data)} octets ; une contribution en fait au plus {MAX_BYTES}."]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(
            [f"le fichier n'est pas en UTF-8 (octet {data[exc.start]:#04x} à la position {exc.start}) ; "
             "enregistrez-le en UTF-8."]
        ) from exc
    return text.removeprefix("\ufeff")


def _load_yaml(text: str) -> Any:
    try:
        return load_yaml(text, StrictLoader)  # StrictLoader builds only str, list and dict
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (ligne {where.line + 1})" if where is not None else ""
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SubmissionError([f"YAML illisible{line} : {detail}."]) from exc
    except RecursionError as exc:
        raise SubmissionError(["YAML trop profondément imbriqué."]) from exc


def _load_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise ValueError("clé en double")
        return dict(items)

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError) as exc:
        raise SubmissionError([f"JSON illisible : {exc}."]) from exc


def _text_value(value: Any, where: str, reasons: list[str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        reasons.append(f"« {where} » doit être un texte, pas une liste ni un dictionnaire.")
        return ""
    return value


def submission_from_mapping(loaded: Any) -> Submission:
    """Check the shape of a loaded contribution (keys, texts, identifiers) and return it."""
    if not isinstance(loaded, dict):
        raise SubmissionError(["le fichier doit être un dictionnaire « clé: valeur » (voir un exemple "
                               "dans CONTRIBUTING.md)."])
    reasons: list[str] = []
    unknown = sorted(str(k) for k in loaded if k not in TOP_KEYS)
    if unknown:
        reasons.append("clés inconnues : " + ", ".join(f"« {k[:40]} »" for k in unknown)
                       + " ; clés permises : " + ", ".join(TOP_KEYS[:-1]) + ".")
    form_id = _text_value(loaded.get("formulaire"), "formulaire", reasons).strip()
    if not form_id:
        reasons.append("« formulaire » manque : indiquez l'identifiant du formulaire.")
    elif len(form_id) > MAX_ID_LENGTH or not SLUG.match(form_id):
        reasons.append(f"« formulaire » vaut « {form_id[:80]} » : un identifiant en minuscules, chiffres et "
                       "tirets est attendu.")
        form_id = ""
    identifier = _text_value(loaded.get("identifiant"), "identifiant", reasons).strip()
    if not identifier or len(identifier) > MAX_ID_LENGTH or not SLUG.match(identifier):
        reasons.append(f"« identifiant » vaut « {identifier[:80]} » : un identifiant en minuscules, chiffres et "
                       "tirets (80 caractères au plus) est attendu.")
    timestamp = _text_value(loaded.get("horodatage"), "horodatage", reasons).strip()
    if timestamp and not TIMESTAMP.match(timestamp):
        reasons.append(f"« horodatage » vaut « {timestamp[:40]} » : une date et heure ISO 8601 est attendue "
                       "(2026-02-04T10:15:30+01:00).")
    version = _text_value(loaded.get("version"), "version", reasons).strip()
    if len(version) > 20:
        reasons.append("« version » est trop longue (20 caractères au plus).")
    consent = _text_value(loaded.get("consentement"), "consentement", reasons).strip()
    honeypot = _text_value(loaded.get(HONEYPOT), HONEYPOT, reasons)
    answers_raw = loaded.get("reponses")
    answers: dict[str, str] = {}
    if answers_raw in (None, ""):
        answers_raw = {}
    if not isinstance(answers_raw, dict):
        reasons.append("« reponses » doit être un dictionnaire « champ: valeur ».")
    else:
        for key, value in answers_raw.items():
            answers[str(key)] = _text_value(value, f"reponses.{str(key)[:40]}", reasons)
    if reasons:
        raise SubmissionError(reasons, form_id)
    return Submission(form_id, version, identifier, timestamp, consent, answers, honeypot)


def parse_plain_text(text: str, field_names: dict[str, list[str]]) -> Submission:
    """Read the ``text/plain`` body sent by the e-mail channel without JavaScript.

    ``field_names`` maps each form id to its answer field names: a line ``name=value`` starts a field
    only when ``name`` belongs to the form; any other line continues the previous value.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    form_id = next((line[len("formulaire="):].strip() for line in lines if line.startswith("formulaire=")), "")
    if form_id not in field_names:
        shown = form_id[:80] or "absent"
        raise SubmissionError([f"formulaire « {shown} » inconnu : la première ligne doit être "
                               "« formulaire=<identifiant> » d'un formulaire du site."], form_id)
    known = {"formulaire", "version", "consentement", HONEYPOT, *field_names[form_id]}
    values: dict[str, str] = {}
    current: str | None = None
    for line in lines:
        name, sep, value = line.partition("=")
        if sep and name in known and name not in values:
            current = name
            values[name] = value
        elif current is not None:
            values[current] += "\n" + line
        elif line.strip():
            raise SubmissionError([f"ligne inattendue avant le premier champ : « {line[:60]} »."], form_id)
    answers = {name: values[name].rstrip("\n") for name in field_names[form_id] if name in values}
    return Submission(
        form_id=form_id,
        version=values.get("version", "").strip(),
        identifier="",
        timestamp="",
        consent="true" if values.get("consentement", "").strip() == "true" else "false",
        answers=answers,
        honeypot=values.get(HONEYPOT, ""),
    )


def read_submission(name: str, data: bytes, field_names: dict[str, list[str]]) -> Submission:
    """Read a contribution file by its extension: ``.yaml``/``.yml``, ``.json`` or ``.txt`` (e-mail)."""
    lowered = name.lower()
    if not lowered.endswith((".yaml", ".yml", ".json", ".txt")):
        raise SubmissionError(["extension non reconnue : une contribution est un fichier .yaml (formulaire du "
                               "site), .json (service de réception) ou .txt (courriel sans JavaScript)."])
    text = decode(data)
    if lowered.endswith((".yaml", ".yml")):
        return submission_from_mapping(_load_yaml(text))
    if lowered.endswith(".json"):
        return submission_from_mapping(_load_json(text))
    text, repaired = repair(text)  # the e-mail of a form sent without JavaScript arrives encoded twice
    submission = parse_plain_text(text, field_names)
    if repaired:
        submission.notes.append(NOTE)
    return submission
