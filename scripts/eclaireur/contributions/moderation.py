"""``eclaireur contributions list`` and ``moderate``: read and change the status of contributions in the
private register; a decision rewrites the public view of the form
(:func:`~eclaireur.contributions.publish.publish_form`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eclaireur.config import EngineConfig
from eclaireur.contributions.intake import published_ids
from eclaireur.contributions.publish import Publication, publish_form
from eclaireur.contributions.store import folders, header_of, read_rows, write_atomic, write_rows
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.forms.definition import ACCEPTED, REJECTED, STATUSES, FormDefinition, load_forms

EXCERPT = 70
JOURNAL = "moderation-en-cours.json"
"""A decision being written (register and public file), until both are: see :func:`resume_moderation`."""


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
    """Contributions of the private register, by form then id, optionally of one status or one form."""
    if status is not None and status not in STATUSES:
        raise UnusableInputError(f"statut « {status} » inconnu ; statuts : {', '.join(STATUSES)}.")
    forms = load_forms(config.data_dir)
    if form_id is not None and form_id not in {f.id for f in forms}:
        raise UnusableInputError(f"formulaire « {form_id} » inconnu ; formulaires : {', '.join(f.id for f in forms)}.")
    box = folders(config)
    entries: list[Entry] = []
    for form in forms:
        if form_id is not None and form.id != form_id:
            continue
        for row in read_rows(box.register(form), header_of(form)):
            if status is None or row["statut"] == status:
                entries.append(_entry(form, row))
    return sorted(entries, key=lambda e: (e.form_id, e.id))


@dataclass(frozen=True)
class Decision:
    """The outcome of :func:`moderate`: the contribution as it now stands, and the public file rewritten."""

    entry: Entry
    publication: Publication
    in_register: bool = True


def moderate(
    config: EngineConfig, contribution_id: str, *, accept: bool, reason: str, form_id: str | None = None
) -> Decision:
    """Set a contribution ``acceptée`` or ``refusée`` (with the reason) in the private register, then
    rewrite the form's public file; both are written atomically.

    A contribution published from a register kept on another computer can still be withdrawn here
    (``--reject``): it is removed from the public file.
    """
    resume_moderation(config)
    reason = " ".join(reason.split())
    if not accept and not reason:
        raise UnusableInputError("un refus doit être motivé : ajoutez --reason \"…\" (le motif reste privé).")
    forms = [f for f in load_forms(config.data_dir) if form_id is None or f.id == form_id]
    box = folders(config)
    found: list[tuple[FormDefinition, list[dict[str, str]], dict[str, str]]] = []
    for form in forms:
        rows = read_rows(box.register(form), header_of(form))
        found += [(form, rows, row) for row in rows if row["id"] == contribution_id]
    if len(found) > 1:
        names = ", ".join(form.id for form, _, _ in found)
        raise UnusableInputError(f"l'identifiant « {contribution_id} » existe dans plusieurs formulaires ({names}) ; "
                                 "précisez lequel avec --formulaire.")
    if not found:
        return _withdraw(config, forms, contribution_id, accept=accept, reason=reason)
    form, rows, row = found[0]
    decision = {"formulaire": form.id, "id": contribution_id, "statut": ACCEPTED if accept else REJECTED,
                "motif": reason}
    write_atomic(journal_path(config), json.dumps(decision, ensure_ascii=False).encode("utf-8"))
    publication = _apply(config, form, rows, row, decision)
    journal_path(config).unlink()
    return Decision(_entry(form, row), publication)


def journal_path(config: EngineConfig) -> Path:
    """The decision being written (in the private register: its reason is private)."""
    return folders(config).private / JOURNAL


def _apply(config: EngineConfig, form: FormDefinition, rows: list[dict[str, str]], row: dict[str, str],
           decision: dict[str, str]) -> Publication:
    """Write a decision in the order that never publishes more than the register allows.

    A refusal is first removed from the public file, then written in the register; an acceptance is first
    written in the register, then published. Killed in between, the journal lets the next command finish.
    """
    row["statut"], row["motif"] = decision["statut"], decision["motif"]
    if decision["statut"] == ACCEPTED:
        write_rows(folders(config).register(form), header_of(form), rows)
        return publish_form(config, form, rows)
    publication = publish_form(config, form, rows)
    write_rows(folders(config).register(form), header_of(form), rows)
    return publication


def resume_moderation(config: EngineConfig) -> str | None:
    """Finish a decision interrupted by a crash (its journal is still there); the sentence that says so."""
    path = journal_path(config)
    if not path.is_file():
        return None
    try:
        decision = json.loads(path.read_text(encoding="utf-8"))
        form = next(f for f in load_forms(config.data_dir) if f.id == decision["formulaire"])
    except (OSError, ValueError, KeyError, StopIteration) as exc:
        raise DataError(f"{path} : journal de modération illisible ({exc}) ; vérifiez la dernière décision avec "
                        "« eclaireur contributions list », puis supprimez ce fichier.") from exc
    rows = read_rows(folders(config).register(form), header_of(form))
    row = next((r for r in rows if r["id"] == decision["id"]), None)
    if row is not None:
        _apply(config, form, rows, row, decision)
    path.unlink()
    return (f"Modération interrompue terminée : la contribution « {decision['id']} » est "
            f"« {decision['statut']} ».")


def _withdraw(config: EngineConfig, forms: list[FormDefinition], contribution_id: str, *, accept: bool,
              reason: str) -> Decision:
    """Remove from the public file a contribution the register here does not hold."""
    private = folders(config).private
    holders = [form for form in forms if contribution_id in published_ids(config, form)]
    if not holders:
        raise DataError(f"aucune contribution « {contribution_id} » dans le registre privé ({private}) ni dans "
                        "les données publiées ; « eclaireur contributions list » montre celles du registre.")
    if accept:
        raise DataError(f"la contribution « {contribution_id} » est déjà publiée, mais le registre privé ({private}) "
                        "ne la contient pas : elle a été modérée sur un autre poste. Utilisez ce registre-là "
                        "(option private_dir), ou --reject pour la retirer de la publication.")
    if len(holders) > 1:
        names = ", ".join(form.id for form in holders)
        raise UnusableInputError(f"l'identifiant « {contribution_id} » existe dans plusieurs formulaires ({names}) ; "
                                 "précisez lequel avec --formulaire.")
    form = holders[0]
    publication = publish_form(config, form, [], withdrawn=frozenset({contribution_id}))
    entry = Entry(form.id, contribution_id, REJECTED, "", False, reason, "")
    return Decision(entry, publication, in_register=False)
