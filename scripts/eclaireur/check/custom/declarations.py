"""The declarations of Validata's ``custom_checks``: what a schema asks for, read and checked.

A schema of schema.data.gouv.fr lists the checks Table Schema cannot express in a top-level
``custom_checks`` list, each with its parameters (Validata, ``validata_core/custom_checks/``)::

    "custom_checks": [{"name": "french-siret-value", "params": {"column": "COLL_SIRET"}}, …]

:func:`declarations` reads that list into the checks to run (:class:`Declared`: the columns they read,
problems going on the first one), French messages on broken entries and the names we do not implement;
:data:`SIGNATURES` gives the parameters of each of the eight supported checks (``column1`` may be spelt
``column``, as in Validata's documentation; ``allow-year-only`` is "yes"/"true" as Validata reads it, or
a YAML boolean).

Deliberate differences with Validata: a declaration naming a column absent from ``fields``, or missing a
parameter, is a ``schema-error`` (:func:`declaration_messages`, collected by
:mod:`eclaireur.check.schema_rules`; Validata skips the check or stops); a check name we do not know is a
notice « vérification non prise en charge » (:func:`unsupported_notices`), never a silent skip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eclaireur.check.custom.values import OPERATORS
from eclaireur.check.report import Notice

YES = ("true", "yes")
NO = ("false", "no")

# name -> (parameters naming one column, parameter naming a list of columns or "", minimum list length)
SIGNATURES: dict[str, tuple[tuple[str, ...], str, int]] = {
    "french-siret-value": (("column",), "", 0),
    "french-siren-value": (("column",), "", 0),
    "year-interval-value": (("column",), "", 0),
    "nomenclature-actes-value": (("column",), "", 0),
    "compare-columns-value": (("column", "column2"), "", 0),
    "sum-columns-value": (("column",), "columns", 2),
    "cohesive-columns-value": (("column",), "othercolumns", 1),
    "one-of-required": (("column1", "column2"), "", 0),
}
SUPPORTED = tuple(SIGNATURES)


@dataclass(frozen=True)
class Declared:
    """One sound, supported entry of ``custom_checks``: its columns (problems go on the first one)."""

    name: str
    number: int
    columns: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Declarations:
    """What ``custom_checks`` declares: the checks to run, French messages on broken entries, unknown names."""

    checks: list[Declared] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    unsupported: list[tuple[int, str]] = field(default_factory=list)


def _field_names(schema: dict[str, Any]) -> set[str]:
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return set()
    return {item["name"] for item in fields if isinstance(item, dict) and isinstance(item.get("name"), str)}


def allows_year_only(value: Any) -> bool | None:
    """``allow-year-only`` read as Validata does ("true"/"yes"); a YAML boolean too; None when unclear."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES + NO:
        return value.strip().lower() in YES
    return None


def declarations(schema: Any) -> Declarations:
    """Read the ``custom_checks`` of ``schema``; nothing when it declares none."""
    found = Declarations()
    if not isinstance(schema, dict) or "custom_checks" not in schema:
        return found
    entries = schema["custom_checks"]
    if not isinstance(entries, list):
        found.messages.append("« custom_checks » doit être une liste de vérifications ({name, params})")
        return found
    known = _field_names(schema)
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            found.messages.append(f"custom_checks n° {number} : un objet {{name, params}} est attendu")
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            found.messages.append(f"custom_checks n° {number} : « name » (le nom de la vérification) est obligatoire")
            continue
        if name not in SIGNATURES:
            found.unsupported.append((number, name))
            continue
        params = entry.get("params", {})
        if not isinstance(params, dict):
            found.messages.append(f"custom_checks n° {number} (« {name} ») : « params » doit être un objet")
            continue
        checked, messages = _declared(name, number, params, known)
        found.messages.extend(messages)
        if checked is not None:
            found.checks.append(checked)
    return found


def _declared(name: str, number: int, params: dict[str, Any], known: set[str]) -> tuple[Declared | None, list[str]]:
    label = f"custom_checks n° {number} (« {name} »)"
    singles, many, minimum = SIGNATURES[name]
    messages: list[str] = []
    columns: list[str] = []
    for param in singles:
        value = params.get(param)
        if value is None and param == "column1":
            value = params.get("column")  # the spelling of Validata's documentation
        if value is None:
            messages.append(f"{label} : paramètre « {param} » manquant (le nom d'une colonne du schéma)")
        elif not isinstance(value, str):
            messages.append(f"{label} : « {param} » doit être le nom d'une colonne (un texte)")
        else:
            columns.append(value)
    if many:
        value = params.get(many)
        if value is None:
            messages.append(f"{label} : paramètre « {many} » manquant (une liste de noms de colonnes)")
        elif not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            messages.append(f"{label} : « {many} » doit être une liste de noms de colonnes")
        elif len(value) < minimum:
            wanted = "au moins deux colonnes à additionner" if minimum == 2 else "au moins une colonne"
            messages.append(f"{label} : « {many} » doit nommer {wanted}")
        else:
            columns.extend(value)
    for column in dict.fromkeys(columns):
        if column not in known:
            messages.append(f"{label} : la colonne « {column} » n'est pas déclarée dans « fields »")
    if name == "compare-columns-value":
        op = params.get("op")
        if op is None:
            messages.append(f"{label} : paramètre « op » manquant (>, >=, ==, <= ou <)")
        elif op not in OPERATORS:
            messages.append(f"{label} : opérateur « {op} » inconnu (>, >=, ==, <= ou <)")
    if name == "year-interval-value" and allows_year_only(params.get("allow-year-only")) is None:
        messages.append(
            f"{label} : « allow-year-only » vaut « {params.get('allow-year-only')} » — « yes » ou « true » pour "
            "accepter une année seule, « no » ou « false » sinon"
        )
    if messages:
        return None, messages
    return Declared(name, number, tuple(columns), dict(params)), []


def declaration_messages(schema: Any) -> list[str]:
    """French descriptions of what is wrong in the ``custom_checks`` of ``schema`` (for ``schema-error``)."""
    return declarations(schema).messages


def unsupported_notices(schema: Any, shown: str) -> list[Notice]:
    """« vérification … non prise en charge » for each check name this package does not implement."""
    return [
        Notice(
            shown,
            f"vérification « {name} » (custom_checks n° {number}) non prise en charge par eclaireur check : "
            f"elle n'est pas faite (prises en charge : {', '.join(SUPPORTED)})",
        )
        for number, name in declarations(schema).unsupported
    ]
