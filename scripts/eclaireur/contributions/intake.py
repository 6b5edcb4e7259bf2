"""``eclaireur contributions import``: inbox files -> rows ``en attente`` of the private register, or quarantine.

Nothing is lost: a refused file is moved (or, when it comes from outside the inbox, copied) to the
quarantine of the private register with a French ``.motif.txt`` beside it; an accepted file is removed
from the inbox only after its row is safely written in the register; a duplicate (same form, answers
and consent as a row already stored) is reported and removed from the inbox. Only the inbox and the
private register are ever written: a pending contribution changes nothing in ``data/``. Ballots
(``contributions/inbox/bulletins/``) are not contributions: they are left where they are and
reported, for ``eclaireur election importer``.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eclaireur.config import EngineConfig
from eclaireur.contributions.answers import FieldFault, validate_submission
from eclaireur.contributions.fileformat import MAX_BYTES, SubmissionError, read_submission
from eclaireur.contributions.store import (
    REASON_SUFFIX,
    Folders,
    folders,
    header_of,
    prepare_private,
    read_rows,
    resource_path,
    write_atomic,
    write_rows,
)
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.forms.definition import FormDefinition, load_forms

IMPORTED, DUPLICATE, QUARANTINED, BALLOT = "importée", "doublon", "quarantaine", "bulletin"
BALLOT_REASON = "bulletin de vote : il reste dans la boîte ; importez-le avec « eclaireur election importer »"
IGNORED_NAMES = (".gitkeep", "README.md", "LISEZMOI.md")


@dataclass
class Outcome:
    """What happened to one file."""

    source: str
    status: str
    form_id: str = ""
    contribution_id: str = ""
    reasons: list[str] = field(default_factory=list)
    destination: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Examined:
    path: Path
    data: bytes
    form: FormDefinition | None
    row: dict[str, str]
    reasons: list[str]
    faults: list[FieldFault] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def is_inside(folder: Path, path: Path) -> bool:
    folder = folder.resolve()
    parent = path.parent.resolve()
    return parent == folder or folder in parent.parents


def shown(root: Path, path: Path) -> str:
    """A path relative to the repository when inside it."""
    absolute = path.parent.resolve() / path.name
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(absolute)


def collect_files(box: Folders, paths: list[Path]) -> list[Path]:
    """The contribution files to import: the given files, the files under the given folders, or the whole
    inbox; ballots (``inbox/bulletins/``) are left out (see :func:`collect_ballots`)."""
    return [path for path in _collect(box, paths) if not is_inside(box.ballots, path)]


def collect_ballots(box: Folders, paths: list[Path]) -> list[Path]:
    """The ballot files among what :func:`collect_files` would look at."""
    return [path for path in _collect(box, paths) if is_inside(box.ballots, path)]


def _collect(box: Folders, paths: list[Path]) -> list[Path]:
    targets = paths or [box.inbox]
    found: list[Path] = []
    for target in targets:
        if target.is_symlink() or target.is_file():
            found.append(target)
        elif target.is_dir():
            for path in sorted(target.rglob("*")):
                # A hidden file (« .x.yaml ») is a contribution like any other: it may hold a name and an e-mail.
                if path.name in IGNORED_NAMES or path.name.endswith(REASON_SUFFIX):
                    continue
                if path.is_file() or path.is_symlink():
                    found.append(path)
        elif target == box.inbox and not paths:
            return []
        else:
            raise UnusableInputError(f"{target} : fichier ou dossier introuvable.")
    return found


def examine(box: Folders, path: Path, forms: dict[str, FormDefinition]) -> Examined:
    """Read and validate one file; never raises for a bad file."""
    if path.is_symlink():
        return Examined(path, b"", None, {}, ["lien symbolique refusé : déposez le fichier lui-même."])
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            data = b""
            raise SubmissionError([f"le fichier fait {size} octets ; une contribution en fait au plus {MAX_BYTES}."])
        data = path.read_bytes()
        names = {form_id: [str(f["name"]) for f in form.answer_fields] for form_id, form in forms.items()}
        submission = read_submission(path.name, data, names)
    except SubmissionError as exc:
        return Examined(path, data, forms.get(exc.form_id), {}, exc.reasons)
    except OSError as exc:
        return Examined(path, b"", None, {}, [f"fichier illisible ({exc.strerror})."])
    form = forms.get(submission.form_id)
    if form is None:
        known = ", ".join(sorted(forms)) or "aucun"
        return Examined(path, data, None, {},
                        [f"formulaire « {submission.form_id} » inconnu ; formulaires du site : {known}."])
    reasons: list[str] = []
    if is_inside(box.inbox, path) and path.parent.resolve() != box.inbox.resolve():
        folder = path.parent.name
        if folder != form.id:
            reasons.append(f"le fichier est rangé dans inbox/{folder}/ mais concerne le formulaire « {form.id} » ; "
                           f"déplacez-le dans contributions/inbox/{form.id}/.")
    result = validate_submission(form, submission)
    return Examined(path, data, form, result.row, reasons + result.reasons, result.faults, submission.notes)


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    stem, dot, suffix = name.partition(".")
    number = 2
    while candidate.exists() or candidate.with_name(candidate.name + REASON_SUFFIX).exists():
        candidate = folder / f"{stem}-{number}{dot}{suffix}"
        number += 1
    return candidate


def reason_text(source: str, form_id: str, reasons: list[str]) -> str:
    lines = [
        f"Contribution refusée à l'import : {source}",
        f"Formulaire : {form_id or 'inconnu'}",
        "",
        "Motifs :",
        *[f"- {reason}" for reason in reasons],
        "",
        "Que faire : corrigez le fichier, replacez-le dans contributions/inbox/<formulaire>/ et relancez",
        "« eclaireur contributions import » ; s'il s'agit d'un envoi indésirable, supprimez ce fichier et son motif.",
    ]
    return "\n".join(lines) + "\n"


def quarantine(box: Folders, item: Examined, form_id: str) -> str:
    """Move (inbox) or copy (elsewhere) the file to the quarantine with its reason file."""
    inside = is_inside(box.inbox, item.path)
    relative = item.path.parent.resolve().relative_to(box.inbox.resolve()) if inside else Path()
    prepare_private(box.private)
    folder = box.quarantine / relative
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, item.path.name)
    source = shown(box.root, item.path)
    write_atomic(target.with_name(target.name + REASON_SUFFIX),
                 reason_text(source, form_id, item.reasons).encode("utf-8"))
    if inside:
        os.replace(item.path, target)  # a symbolic link is moved as a link, never followed
    elif not item.path.is_symlink():
        shutil.copyfile(item.path, target)
    return shown(box.root, target)


def published_ids(config: EngineConfig, form: FormDefinition) -> set[str]:
    """The ids already in the form's public file (some may come from a register kept elsewhere)."""
    path = resource_path(config, form)
    if not path.is_file():
        return set()
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {row.get("id") or "" for row in csv.DictReader(handle)}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path} : fichier illisible ({exc}). Lancez « eclaireur check » pour le détail.") from exc


def import_contributions(config: EngineConfig, paths: list[Path] | None = None, *, keep: bool = False) -> list[Outcome]:
    """Import every file of ``paths`` (the inbox by default); returns one outcome per file, in order."""
    box = folders(config)
    forms = {form.id: form for form in load_forms(config.data_dir)}
    files = collect_files(box, [Path(p) for p in paths or []])
    outcomes: list[Outcome] = [Outcome(shown(box.root, path), BALLOT, reasons=[BALLOT_REASON])
                               for path in collect_ballots(box, [Path(p) for p in paths or []])]
    stored: dict[str, list[dict[str, str]]] = {}
    public_ids: dict[str, set[str]] = {}
    added: dict[str, list[dict[str, str]]] = defaultdict(list)
    to_remove: list[Path] = []
    for path in files:
        item = examine(box, path, forms)
        source = shown(box.root, path)
        form = item.form
        if form is not None and not item.reasons:
            if form.id not in stored:
                stored[form.id] = read_rows(box.register(form), header_of(form))
                public_ids[form.id] = published_ids(config, form)
            rows = stored[form.id] + added[form.id]
            twin = next((r for r in rows if r["empreinte"] == item.row["empreinte"]), None)
            if twin is not None:
                outcomes.append(Outcome(source, DUPLICATE, form.id, twin["id"],
                                        [f"identique à la contribution {twin['id']} déjà reçue"]))
                to_remove.append(path)
                continue
            if any(r["id"] == item.row["id"] for r in rows) or item.row["id"] in public_ids[form.id]:
                item.reasons.append(f"l'identifiant « {item.row['id']} » est déjà pris par une autre contribution "
                                    "de ce formulaire ; changez « identifiant » dans le fichier.")
            else:
                added[form.id].append(item.row)
                outcomes.append(Outcome(source, IMPORTED, form.id, item.row["id"], notes=item.notes))
                to_remove.append(path)
                continue
        form_id = form.id if form is not None else ""
        destination = quarantine(box, item, form_id)
        outcomes.append(Outcome(source, QUARANTINED, form_id, "", list(item.reasons), destination, item.notes))
    if added:
        prepare_private(box.private)
    for form_id, rows in sorted(added.items()):
        form = forms[form_id]
        write_rows(box.register(form), header_of(form), stored[form_id] + rows)
    if not keep:
        for path in to_remove:
            if is_inside(box.inbox, path):
                path.unlink(missing_ok=True)
    return outcomes
