"""Read stage: the Data Package -> typed rows, one list of dicts per resource.

Validation is the job of :mod:`eclaireur.check`; this stage only reads what ``check`` accepted and fails
with a French message when a file cannot be read at all.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eclaireur.cast import CastError, caster
from eclaireur.check.lines import unclosed_quote
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.privacy import public_schema
from eclaireur.safeyaml import load_yaml

Row = dict[str, Any]
DESCRIPTOR_NAMES = ("datapackage.yaml", "datapackage.yml", "datapackage.json")
"""The names a data package descriptor may have, in the order they are looked for."""


def group_rows(rows: list[Row], key: str) -> defaultdict[Any, list[Row]]:
    """Rows grouped by the value of ``key``, file order kept in each group; a missing key gives ``[]``."""
    grouped: defaultdict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


@dataclass(frozen=True)
class Dataset:
    """The whole package in memory: descriptor, schemas and typed rows."""

    root: Path
    descriptor: dict[str, Any]
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)

    def rows(self, name: str) -> list[Row]:
        """Rows of a resource, or an empty list when the package does not have it."""
        return self.tables.get(name, [])

    def index(self, name: str, key: str = "id") -> dict[Any, Row]:
        """Rows of a resource by the value of ``key``."""
        return {row[key]: row for row in self.rows(name)}

    def group(self, name: str, key: str) -> defaultdict[Any, list[Row]]:
        """Rows of a resource grouped by the value of ``key`` (see :func:`group_rows`)."""
        return group_rows(self.rows(name), key)

    def resource(self, name: str) -> dict[str, Any]:
        for resource in self.descriptor.get("resources", []):
            if resource.get("name") == name:
                return dict(resource)
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [r["name"] for r in self.descriptor.get("resources", [])]


def read_descriptor(path: Path) -> dict[str, Any]:
    """Read a datapackage descriptor (YAML or JSON), with a French error when unreadable."""
    if not path.is_file():
        raise UnusableInputError(f"{path} : descripteur de paquet de données introuvable.")
    try:
        text = path.read_text(encoding="utf-8")
        loaded = json.loads(text) if path.suffix == ".json" else load_yaml(text)
    except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise UnusableInputError(f"{path} : descripteur illisible ({exc}).") from exc
    if not isinstance(loaded, dict) or not isinstance(loaded.get("resources"), list):
        raise UnusableInputError(f"{path} : le descripteur doit contenir une liste « resources ».")
    return loaded


def _read_schema(base: Path, schema: Any) -> dict[str, Any]:
    """The schema of a resource as its file holds it: without private fields (its public view)."""
    if isinstance(schema, dict):
        return public_schema(schema)
    path = base / str(schema)
    try:
        text = path.read_text(encoding="utf-8")
        loaded = json.loads(text) if path.suffix == ".json" else load_yaml(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{path} : schéma illisible ({exc}).") from exc
    if not isinstance(loaded, dict):
        raise DataError(f"{path} : un schéma Table Schema (objet JSON) est attendu.")
    return public_schema(loaded)


def _read_rows(base: Path, resource: dict[str, Any], schema: dict[str, Any]) -> list[Row]:
    """Typed rows of a CSV resource (its dialect, encoding and missing values as declared)."""
    path = base / str(resource.get("path"))
    dialect = resource.get("dialect") or {}
    dialect = dialect.get("csv", dialect) if isinstance(dialect, dict) else {}
    encoding = str(resource.get("encoding", "utf-8"))
    missing = set(schema.get("missingValues", [""]))
    fields = {f["name"]: (caster(f), f.get("type", "string")) for f in schema.get("fields", [])}
    line = 1
    try:
        with path.open(encoding="utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding,
                       newline="") as handle:
            reader = csv.reader(handle, delimiter=str(dialect.get("delimiter", ",")),
                                quotechar=str(dialect.get("quoteChar", '"')))
            header = next(reader, [])
            line = reader.line_num
            casts = [fields.get(name, (str, "string")) for name in header]
            rows: list[Row] = []
            last_start = 1
            for record in reader:
                last_start, line = line + 1, reader.line_num
                if not any(record):
                    continue
                row: Row = {}
                for name, (cast, _), cell in zip(header, casts, record, strict=False):
                    row[name] = None if cell in missing else cast(cell)
                for name in header[len(record):]:
                    row[name] = None
                rows.append(row)
        opened = unclosed_quote(path, handle.encoding, reader.dialect, last_start)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(
            f"{path} : ressource « {resource.get('name')} » illisible ({exc}). "
            "Lancez « eclaireur check » pour le détail."
        ) from exc
    except CastError as exc:
        raise DataError(
            f"{path}:{line} : valeur « {exc} » d'un type inattendu. Lancez « eclaireur check » pour le détail."
        ) from exc
    if opened is not None:
        raise DataError(
            f"{path}:{opened.line} : guillemet ouvert jamais refermé ; les lignes suivantes seraient lues comme une "
            "seule cellule. Lancez « eclaireur check » pour le détail."
        )
    return rows


def load_dataset(data_dir: Path, descriptor_path: Path | None = None) -> Dataset:
    """Read every resource of the package in ``data_dir``.

    A schema with private fields is read as its public view (:func:`eclaireur.privacy.public_schema`):
    the package's files never hold private fields.
    """
    path = descriptor_path or next(
        (data_dir / n for n in DESCRIPTOR_NAMES if (data_dir / n).exists()),
        data_dir / "datapackage.yaml",
    )
    descriptor = read_descriptor(path)
    base = path.parent
    schemas: dict[str, dict[str, Any]] = {}
    tables: dict[str, list[Row]] = {}
    paths: dict[str, Path] = {}
    for resource in descriptor["resources"]:
        name = str(resource.get("name"))
        schema = _read_schema(base, resource.get("schema", {"fields": []}))
        schemas[name] = schema
        paths[name] = base / str(resource.get("path"))
        tables[name] = _read_rows(base, resource, schema)
    return Dataset(root=base, descriptor=descriptor, schemas=schemas, tables=tables, paths=paths)
