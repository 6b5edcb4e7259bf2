"""What may be published of the contributions: accepted ones with consent, without private fields.

:func:`publish_form` writes a form's resource in ``data/`` from its private register: the rows
``acceptée`` with consent, without the fields marked ``"eclaireur:private": true``, with the published
signature (name, initials or « Anonyme ») as the field ``signature_publiee`` when the form lets the
contributor sign. The public repository never holds anything else of a contribution.

:func:`public_dataset` is the same filter again, applied by the open data generator before writing
anything (in case a row was added to ``data/`` by hand): in every contribution resource it keeps only
the rows ``acceptée`` with consent, and in every resource it drops the private fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eclaireur.config import EngineConfig
from eclaireur.contributions.store import csv_text, folders, header_of, read_rows, resource_path, write_atomic
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.forms.definition import ACCEPTED, FormDefinition, forms_dir, load_forms
from eclaireur.load import Dataset, Row
from eclaireur.privacy import PRIVATE, PUBLISHED_SIGNATURE, SIGNATURE, private_names, public_schema

MARKER = "eclaireur:publication"
ANONYMOUS = "Anonyme"


def initials(full_name: str) -> str:
    """``Jeanne Le Gall`` -> ``J. L. G.``; ``Jean-Marc Roux`` -> ``J.-M. R.``."""
    words = []
    for word in full_name.split():
        parts = [p for p in word.split("-") if p]
        if parts:
            words.append("-".join(p[0].upper() + "." for p in parts))
    return " ".join(words)


def published_signature(choice: Any, full_name: Any) -> str:
    name = " ".join(str(full_name or "").split())
    if choice == "nom" and name:
        return name
    if choice == "initiales" and name:
        return initials(name)
    return ANONYMOUS


def is_published(row: Row) -> bool:
    """Accepted by the team and published with the contributor's consent."""
    return row.get("statut") == ACCEPTED and row.get("consentement") in (True, "true")


def public_row(form: FormDefinition, row: Row) -> Row:
    """The row without its private fields, with the published signature when the form has one.

    A row of ``data/`` already carries its signature (the name it was made from is not there).
    """
    private = form.private_fields
    out = {k: v for k, v in row.items() if k not in private}
    signature = form.signature_field
    if signature is not None and PUBLISHED_SIGNATURE not in row:
        out[PUBLISHED_SIGNATURE] = published_signature(row.get(signature["name"]), row.get(signature[SIGNATURE]))
    return out


def published_rows(form: FormDefinition, rows: list[Row]) -> list[Row]:
    """Publishable rows, oldest first (client time, then id)."""
    kept = [public_row(form, row) for row in rows if is_published(row)]
    return sorted(kept, key=lambda r: (str(r.get("horodatage") or ""), str(r.get("id"))))


def public_header(form: FormDefinition) -> list[str]:
    """The columns of the form's resource in ``data/``: the public view of its schema."""
    return [str(f["name"]) for f in public_schema(form.schema)["fields"]]


@dataclass(frozen=True)
class Publication:
    """What :func:`publish_form` did to a form's resource in ``data/``."""

    form_id: str
    path: Path
    published: int
    kept: int
    changed: bool


def publish_form(
    config: EngineConfig,
    form: FormDefinition,
    register: list[dict[str, str]],
    *,
    withdrawn: frozenset[str] = frozenset(),
) -> Publication:
    """Rewrite ``data/contributions/<form>.csv`` from the register rows (atomically, only when it changes).

    The rows of the public file whose id is not in this register (moderated on another computer, whose
    register is not here) are kept as they are, unless their id is in ``withdrawn``; nothing else of
    the register than its published rows, without private fields, is ever written there.
    """
    path = resource_path(config, form)
    header = public_header(form)
    current = _public_rows(path, form, header)
    known = {row["id"] for row in register}
    kept = [row for row in current if row["id"] not in known and row["id"] not in withdrawn]
    published = [{k: _cell(v) for k, v in public_row(form, row).items()} for row in register if is_published(row)]
    rows = sorted(kept + published, key=lambda r: (r.get("horodatage", ""), r["id"]))
    data = csv_text(header, rows).encode("utf-8")
    changed = not path.is_file() or path.read_bytes() != data
    if changed:
        write_atomic(path, data)
    return Publication(form.id, path, len(published), len(kept), changed)


def publish_all(config: EngineConfig, *, form_id: str | None = None) -> list[Publication]:
    """:func:`publish_form` for every form (or one) from its register; nothing is written if one fails."""
    forms = load_forms(config.data_dir)
    if form_id is not None and form_id not in {f.id for f in forms}:
        raise UnusableInputError(f"formulaire « {form_id} » inconnu ; formulaires : {', '.join(f.id for f in forms)}.")
    box = folders(config)
    chosen = [form for form in forms if form_id is None or form.id == form_id]
    registers = {form.id: read_rows(box.register(form), header_of(form)) for form in chosen}
    for form in chosen:
        _public_rows(resource_path(config, form), form, public_header(form))  # every file readable first
    return [publish_form(config, form, registers[form.id]) for form in chosen]


def _public_rows(path: Path, form: FormDefinition, header: list[str]) -> list[dict[str, str]]:
    """The rows of the public file, by column name: a column the schema gained is empty, one it lost is
    dropped (so ``publish`` also follows a change of the form); a private column stops everything."""
    if not path.exists():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            leaked = [name for name in reader.fieldnames or [] if name in form.private_fields]
            if leaked:
                raise DataError(
                    f"{path} : les colonnes privées {', '.join(leaked)} sont dans le dépôt public. Déplacez ce "
                    f"fichier dans le registre privé ({register_hint(form)}), puis lancez « eclaireur "
                    "contributions publish » : il réécrit ici la seule partie publiable."
                )
            return [{name: row.get(name) or "" for name in header} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path} : fichier illisible ({exc}).") from exc


def register_hint(form: FormDefinition) -> str:
    return f"<private_dir>/{form.id}.csv, par défaut contributions/prive/{form.id}.csv"


def forms_of(root: Path) -> list[FormDefinition]:
    return load_forms(root) if forms_dir(root).is_dir() else []


def public_dataset(dataset: Dataset) -> Dataset:
    """The dataset as it may be published (see the module docstring); the input is not changed."""
    forms = {form.resource: form for form in forms_of(dataset.root)}
    descriptor = dict(dataset.descriptor)
    resources = []
    schemas = dict(dataset.schemas)
    tables = dict(dataset.tables)
    for resource in dataset.descriptor.get("resources", []):
        name = str(resource.get("name"))
        schema = dataset.schemas.get(name, {})
        form = forms.get(name)
        has_private = any(f.get(PRIVATE) is True for f in schema.get("fields", []))
        if form is None and not has_private:
            resources.append(resource)
            continue
        if form is not None:
            tables[name] = published_rows(form, dataset.rows(name))
            marker = "contributions acceptées avec consentement, sans les champs privés"
        else:
            private = private_names(schema)
            tables[name] = [{k: v for k, v in row.items() if k not in private} for row in dataset.rows(name)]
            marker = "sans les champs privés"
        schemas[name] = public_schema(schema)
        resources.append({**resource, MARKER: marker})
    descriptor["resources"] = resources
    return Dataset(root=dataset.root, descriptor=descriptor, schemas=schemas, tables=tables, paths=dict(dataset.paths))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def public_csv(dataset: Dataset, name: str, neutralise: Callable[[str], str]) -> bytes | None:
    """The CSV of a resource filtered by :func:`public_dataset` (``None`` for the other resources)."""
    if MARKER not in dataset.resource(name):
        return None
    fields = dataset.schemas[name].get("fields", [])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f["name"] for f in fields])
    texts = [f.get("type", "string") == "string" for f in fields]
    for row in dataset.rows(name):
        cells = [_cell(row.get(f["name"])) for f in fields]
        writer.writerow([neutralise(cell) if text else cell for cell, text in zip(cells, texts, strict=True)])
    return out.getvalue().encode("utf-8")
