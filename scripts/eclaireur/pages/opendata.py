"""Données ouvertes: every resource as CSV and JSON, the descriptor, and the data dictionary.

The dictionary is read from the Table Schemas (the single source of truth), never re-typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from eclaireur.bidi import strip_controls
from eclaireur.contributions.publish import public_csv, public_dataset
from eclaireur.evaluation.publication import public_evidence
from eclaireur.load import Dataset
from eclaireur.pages.base import Asset, BuildContext, Output, Page

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TYPE_LABELS = {
    "string": "texte",
    "integer": "nombre entier",
    "number": "nombre décimal",
    "boolean": "booléen (true/false)",
    "date": "date (AAAA-MM-JJ)",
    "datetime": "date et heure",
    "year": "année",
    "array": "liste",
    "list": "liste",
    "object": "objet",
}


def neutralise(value: str) -> str:
    """Prefix a quote to a text cell a spreadsheet would run as a formula (CSV injection); remove the invisible
    bidirectional controls (:mod:`eclaireur.bidi`)."""
    value = strip_controls(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"valeur non sérialisable en JSON : {value!r}")


def csv_bytes(data: Dataset, name: str) -> bytes:
    """The resource re-written as UTF-8 CSV, text cells protected against formula injection."""
    filtered = public_csv(data, name, neutralise)  # contributions and private fields (contributions.publish)
    if filtered is not None:
        return filtered
    schema = data.schemas[name]
    fields = schema.get("fields", [])
    text_fields = {f["name"] for f in fields if f.get("type", "string") == "string"}
    source = data.paths[name].read_text(encoding=data.resource(name).get("encoding", "utf-8"))
    reader = csv.reader(io.StringIO(source, newline=""))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = next(reader, [])
    writer.writerow(header)
    positions = [i for i, label in enumerate(header) if label in text_fields]
    for record in reader:
        for i in positions:
            if i < len(record):
                record[i] = neutralise(record[i])
        writer.writerow(record)
    return out.getvalue().encode("utf-8")


def json_bytes(data: Dataset, name: str) -> bytes:
    rows = data.rows(name)
    return (json.dumps(rows, ensure_ascii=False, indent=1, default=_json_default) + "\n").encode("utf-8")


def published_descriptor(data: Dataset) -> dict[str, Any]:
    """The descriptor as published: paths point to the published CSV, schemas inlined."""
    descriptor = {k: v for k, v in data.descriptor.items() if k != "resources"}
    resources = []
    for resource in data.descriptor["resources"]:
        name = resource["name"]
        published = {k: v for k, v in resource.items() if k not in ("path", "schema")}
        published["path"] = f"{name}.csv"
        published["encoding"] = "utf-8"
        published["schema"] = data.schemas[name]
        resources.append(published)
    descriptor["resources"] = resources
    return descriptor


def constraints_text(field: dict[str, Any]) -> list[str]:
    """Human-readable French constraints of a field."""
    c = field.get("constraints", {})
    out = []
    if c.get("required"):
        out.append("obligatoire")
    if c.get("unique"):
        out.append("unique")
    if "enum" in c:
        out.append("valeurs permises : " + ", ".join(f"« {v} »" for v in c["enum"]))
    if "minimum" in c:
        out.append(f"minimum {c['minimum']}")
    if "maximum" in c:
        out.append(f"maximum {c['maximum']}")
    if "minLength" in c:
        out.append(f"au moins {c['minLength']} caractères")
    if "maxLength" in c:
        out.append(f"au plus {c['maxLength']} caractères")
    if "pattern" in c:
        out.append(f"motif {c['pattern']}")
    return out


def dictionary(data: Dataset, name: str) -> list[dict[str, Any]]:
    schema = data.schemas[name]
    pk = schema.get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else pk
    fks: dict[str, str] = {}
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        for f, r in zip(fields, ref_fields, strict=False):
            fks[f] = f"{ref.get('resource') or name}.{r}"
    entries = []
    for field in schema.get("fields", []):
        entries.append(
            {
                "field": field,
                "type": TYPE_LABELS.get(field.get("type", "string"), field.get("type", "string")),
                "constraints": constraints_text(field)
                + (["clé primaire"] if field["name"] in pk else [])
                + ([f"renvoie à {fks[field['name']]}"] if field["name"] in fks else []),
                "scdl": field.get("eclaireur:scdl", ""),
            }
        )
    return entries


def generate(ctx: BuildContext) -> Iterator[Output]:
    data = public_dataset(ctx.dataset)  # only accepted contributions with consent, never a private field
    data = public_evidence(data)  # évaluations : jamais un témoignage sans consentement (issue 4)
    resources = []
    for resource in data.descriptor["resources"]:
        name = resource["name"]
        yield Asset(f"donnees/{name}.csv", csv_bytes(data, name))
        yield Asset(f"donnees/{name}.json", json_bytes(data, name))
        resources.append(
            {
                "resource": resource,
                "rows": len(data.rows(name)),
                "schema": data.schemas[name],
                "dictionary": dictionary(data, name),
            }
        )
    descriptor = published_descriptor(data)
    yield Asset(
        "donnees/datapackage.json",
        (json.dumps(descriptor, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"),
    )
    yield Page(
        "donnees/index.md",
        "Données ouvertes",
        ctx.render("donnees.html.j2", page="donnees/index.md", package=data.descriptor, resources=resources),
        description="Toutes les données du site, téléchargeables en CSV et JSON, avec leur dictionnaire.",
    )
