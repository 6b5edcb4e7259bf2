"""What may be published of the contributions: accepted ones with consent, without private fields.

:func:`public_dataset` is the filter the open data generator applies before writing anything: in every
contribution resource it keeps only the rows ``acceptée`` with consent, and in every resource of the
package it drops the fields marked ``"eclaireur:private": true`` (from the rows and from the schema).
When a form lets the contributor sign, the published signature (name, initials or « Anonyme ») is added
as the field ``signature_publiee``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eclaireur.forms.definition import (
    ACCEPTED,
    PRIVATE,
    PUBLISHED_SIGNATURE,
    SIGNATURE,
    FormDefinition,
    forms_dir,
    load_forms,
)
from eclaireur.load import Dataset, Row

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
    """The row without its private fields, with the published signature when the form has one."""
    private = form.private_fields
    out = {k: v for k, v in row.items() if k not in private}
    signature = form.signature_field
    if signature is not None:
        out[PUBLISHED_SIGNATURE] = published_signature(row.get(signature["name"]), row.get(signature[SIGNATURE]))
    return out


def published_rows(form: FormDefinition, rows: list[Row]) -> list[Row]:
    """Publishable rows, oldest first (client time, then id)."""
    kept = [public_row(form, row) for row in rows if is_published(row)]
    return sorted(kept, key=lambda r: (str(r.get("horodatage") or ""), str(r.get("id"))))


def public_schema(schema: dict[str, Any], form: FormDefinition | None) -> dict[str, Any]:
    fields = [dict(f) for f in schema.get("fields", []) if f.get(PRIVATE) is not True]
    if form is not None and form.signature_field is not None:
        fields.append(
            {
                "name": PUBLISHED_SIGNATURE,
                "type": "string",
                "title": "Signature publiée",
                "description": "Ce qui est affiché sous la contribution selon le choix de son auteur : son nom, "
                "ses initiales ou « Anonyme ».",
                "example": "J. L. G.",
            }
        )
    names = {f["name"] for f in fields}
    out = {k: v for k, v in schema.items() if k not in ("fields", "primaryKey", "foreignKeys", "uniqueKeys")}
    out["fields"] = fields
    for key in ("primaryKey", "uniqueKeys"):
        if key in schema:
            out[key] = schema[key]
    if "primaryKey" in out:
        keys = out["primaryKey"] if isinstance(out["primaryKey"], list) else [out["primaryKey"]]
        if not set(keys) <= names:
            del out["primaryKey"]
    if "foreignKeys" in schema:
        out["foreignKeys"] = [
            fk for fk in schema["foreignKeys"]
            if set(fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]) <= names
        ]
    return out


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
            private = {f["name"] for f in schema.get("fields", []) if f.get(PRIVATE) is True}
            tables[name] = [{k: v for k, v in row.items() if k not in private} for row in dataset.rows(name)]
            marker = "sans les champs privés"
        schemas[name] = public_schema(schema, form)
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
