"""Reading descriptors (datapackage, Table Schema, resource) from YAML or JSON, errors as data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eclaireur.safeyaml import load_yaml


@dataclass(frozen=True)
class ParseFailure:
    """Why a descriptor could not be read, in French, with the line when the parser knows it."""

    message: str
    line: int | None = None


def parse_descriptor(path: Path) -> tuple[Any, ParseFailure | None]:
    """The loaded YAML/JSON document of ``path``, or why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, ParseFailure(f"fichier illisible ({exc.strerror or exc})")
    if not data.strip():
        return None, ParseFailure("le fichier est vide")
    if b"\x00" in data[:8192]:
        return None, ParseFailure("le fichier est binaire, pas un texte YAML ou JSON")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, ParseFailure(f"le fichier n'est pas en UTF-8 (octet 0x{data[exc.start]:02X})", line)
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            return None, ParseFailure(f"JSON invalide : {exc.msg} (colonne {exc.colno})", exc.lineno)
    try:
        return load_yaml(text), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        yaml_line: int | None = int(mark.line) + 1 if mark is not None else None
        return None, ParseFailure(f"YAML invalide : {problem}", yaml_line)


def is_schema(document: Any) -> bool:
    return isinstance(document, dict) and "fields" in document and "resources" not in document


def is_package(document: Any) -> bool:
    return isinstance(document, dict) and "resources" in document


def is_resource(document: Any) -> bool:
    return isinstance(document, dict) and ("schema" in document or "dialect" in document) and "fields" not in document
