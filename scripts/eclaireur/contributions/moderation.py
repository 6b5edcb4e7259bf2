"""``eclaireur contributions list`` and ``moderate``: read and change the status of stored contributions."""

from __future__ import annotations

from dataclasses import dataclass

from eclaireur.config import EngineConfig
from eclaireur.contributions.store import header_of, read_rows, resource_path, write_rows
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.forms.definition import ACCEPTED, REJECTED, STATUSES, FormDefinition, load_forms

EXCERPT = 70


@dataclass(frozen=True)
class Entry:
    """One stored contribution, as listed for the publishing team."""

    form_id: str
    id: str
    status: str
    timestamp: str
    consent: bool
    reason: str
    excerpt: str


def excerpt(form: FormDefinition, row: dict[str, str]) -> str:
    """The first non-private free-text answer (a choice when there is none), on one line, shortened."""
    candidates = [f for f in form.answer_fields
                  if f.get("eclaireur:private") is not True and f.get("type", "string") == "string"]
    candidates.sort(key=lambda f: "enum" in f.get("constraints", {}))
    for f in candidates:
        text = " ".join(row.get(f["name"], "").split())
        if text:
            return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
    return ""


def _entry(form: FormDefinition, row: dict[str, str]) -> Entry:
    return Entry(form.id, row["id"], row["statut"], row["horodatage"], row["consentement"] == "true",
                 row.get("motif", ""), excerpt(form, row))


def list_contributions(config: EngineConfig, *, status: str | None = None, form_id: str | None = None) -> list[Entry]:
    """Stored contributions, by form then id, optionally of one status or one form."""
    if status is not None and status not in STATUSES:
        raise UnusableInputError(f"statut « {status} » inconnu ; statuts : {', '.join(STATUSES)}.")
    forms = load_forms(config.data_dir)
    if form_id is not None and form_id not in {f.id for f in forms}:
        raise UnusableInputError(f"formulaire « {form_id} » inconnu ; formulaires : {', '.join(f.id for f in forms)}.")
    entries: list[Entry] = []
    for form in forms:
        if form_id is not None and form.id != form_id:
            continue
        for row in read_rows(resource_path(config, form), header_of(form)):
            if status is None or row["statut"] == status:
                entries.append(_entry(form, row))
    return sorted(entries, key=lambda e: (e.form_id, e.id))


def moderate(
    config: EngineConfig, contribution_id: str, *, accept: bool, reason: str, form_id: str | None = None
) -> Entry:
    """Set a contribution ``acceptée`` or ``refusée`` (with the reason); the resource is rewritten atomically."""
    reason = " ".join(reason.split())
    if not accept and not reason:
        raise UnusableInputError("un refus doit être motivé : ajoutez --reason \"…\" (le motif reste privé).")
    forms = [f for f in load_forms(config.data_dir) if form_id is None or f.id == form_id]
    found: list[tuple[FormDefinition, list[dict[str, str]], dict[str, str]]] = []
    for form in forms:
        rows = read_rows(resource_path(config, form), header_of(form))
        found += [(form, rows, row) for row in rows if row["id"] == contribution_id]
    if not found:
        raise DataError(f"aucune contribution « {contribution_id} » ; « eclaireur contributions list » les montre.")
    if len(found) > 1:
        names = ", ".join(form.id for form, _, _ in found)
        raise UnusableInputError(f"l'identifiant « {contribution_id} » existe dans plusieurs formulaires ({names}) ; "
                                 "précisez lequel avec --formulaire.")
    form, rows, row = found[0]
    row["statut"] = ACCEPTED if accept else REJECTED
    row["motif"] = reason
    write_rows(resource_path(config, form), header_of(form), rows)
    return _entry(form, row)
