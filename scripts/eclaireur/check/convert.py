"""frictionless errors -> French :class:`Problem` s, with editor line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from frictionless.error import Error

from eclaireur.check.catalogue import FRICTIONLESS_CODES, kind_for
from eclaireur.check.expected import describe_constraint, describe_type, hint_for_value
from eclaireur.check.lines import RowLines
from eclaireur.check.report import Problem

POSITION = re.compile(r"position (\d+)")
CONSTRAINT = re.compile(r'constraint "(\w+)"')

NOTE_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r'^"(\w+)" should be set as "constraints\.(\w+)"$'),
        "« {0} » doit être placé dans « constraints » (constraints: {{{1}: …}}), pas directement sur le champ",
    ),
    (
        re.compile(r'^field type "(.*)" is not supported$'),
        "type de champ « {0} » inconnu (types : string, integer, number, boolean, date, datetime, time, year, "
        "yearmonth, duration, geopoint, geojson, object, array, list, any)",
    ),
    (re.compile(r"^names of the resources are not unique$"), "plusieurs ressources portent le même nom"),
    (re.compile(r'^property "(.*)" is not valid "(.*)"$'), "la propriété « {0} » n'est pas du type attendu « {1} »"),
    (re.compile(r'^"(.*)" is a required property$'), "la propriété « {0} » est obligatoire"),
    (
        re.compile(r"^the source is empty$"),
        "le fichier est vide : une première ligne avec les noms des colonnes est attendue",
    ),
    (re.compile(r'^path "(.*)" is not safe$'), "le chemin « {0} » n'est pas sûr (absolu ou hors du dossier du paquet)"),
    (re.compile(r"^\[Errno 2\] No such file or directory: '(.*)'$"), "fichier introuvable : « {0} »"),
    (
        re.compile(r'^failed to handle a foreign key for resource "(.*)" as resource "(.*)" does not exist$'),
        "la clé étrangère de « {0} » vise la ressource « {1} », qui n'existe pas dans le paquet",
    ),
    (
        re.compile(r"^package is required for foreign keys to other resources"),
        "cette clé étrangère vise une autre ressource : vérifiez le paquet entier (datapackage.yaml), "
        "pas ce seul fichier",
    ),
    (re.compile(r'^expected is "(.*)" and actual is "(.*)"$'), "« {0} » déclaré, « {1} » trouvé"),
]


def translate_note(note: str) -> str:
    """A French rendering of a frictionless note (the original is kept when no rule matches)."""
    for pattern, french in NOTE_TRANSLATIONS:
        match = pattern.search(note)
        if match:
            return french.format(*match.groups())
    return f"{note} (message de frictionless)"


@dataclass
class TableContext:
    """What the converter needs about the table the errors come from."""

    file: str
    lines: RowLines
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    field_count: int = 0
    inferred: bool = False

    def label(self, number: int | None) -> str | None:
        """The header label at position ``number`` (1-based), None when blank or absent."""
        if number and 1 <= number <= len(self.labels):
            return self.labels[number - 1] or None
        return None


def _cell(value: str | None) -> str:
    return f"valeur « {value} »" if value not in (None, "") else "cellule vide"


def _line_of_note(note: str, lines: RowLines) -> str:
    match = POSITION.search(note)
    if not match:
        return "?"
    line = lines.line(int(match.group(1)))
    return str(line) if line is not None else match.group(1)


def to_problem(error: Error, context: TableContext) -> Problem:
    """One frictionless error as a French problem."""
    kind_code = FRICTIONLESS_CODES.get(error.type, "metadata-error")
    kind = kind_for(kind_code)
    note = str(getattr(error, "note", "") or "")
    row_number = getattr(error, "row_number", None)
    field_name = getattr(error, "field_name", None) or None
    field_number = getattr(error, "field_number", None)
    line = context.lines.line(row_number) if row_number else None
    value: str | None = None
    params: dict[str, Any] = {"field": field_name, "position": field_number}
    schema_field = context.fields.get(field_name or "", {"name": field_name, "type": "any"})

    if error.type == "type-error":
        value = str(getattr(error, "cell", ""))
        params.update(
            cell=_cell(value), expected=describe_type(schema_field), detail=hint_for_value(schema_field, value)
        )
    elif error.type == "constraint-error":
        value = str(getattr(error, "cell", ""))
        match = CONSTRAINT.search(note)
        name = match.group(1) if match else ""
        params.update(cell=_cell(value), expected=describe_constraint(schema_field, name, value))
    elif error.type == "unique-error":
        value = str(getattr(error, "cell", ""))
        params.update(value=value, other=_line_of_note(note, context.lines))
    elif error.type == "primary-key":
        keys = context.primary_key
        shown = ", ".join(keys)
        params["field"] = shown
        cells = list(getattr(error, "cells", []) or [])
        values = [
            cells[context.labels.index(key)] if key in context.labels and context.labels.index(key) < len(cells) else ""
            for key in keys
        ]
        value = ", ".join(values)
        field_name = shown or None
        if "None" in note and "all" in note:
            params["detail"] = f"clé primaire ({shown}) vide"
        else:
            params["detail"] = (
                f"clé primaire « {value} » ({shown}) déjà utilisée ligne {_line_of_note(note, context.lines)}"
            )
    elif error.type == "foreign-key":
        names = list(getattr(error, "field_names", []) or [])
        value = ", ".join(getattr(error, "field_cells", []) or [])
        reference = getattr(error, "reference_name", "") or ""
        ref_fields = ", ".join(getattr(error, "reference_field_names", []) or [])
        field_name = ", ".join(names) or None
        target = f"la ressource « {reference} »" if reference else "cette même ressource"
        params.update(
            value=value,
            other=target,
            expected=f"une valeur existante de la colonne « {ref_fields} » de {target} est attendue",
        )
        if names and names[0] in context.labels:
            field_number = context.labels.index(names[0]) + 1
    elif error.type in ("extra-cell", "missing-cell"):
        value = str(getattr(error, "cell", "") or "") if error.type == "extra-cell" else None
        count = context.field_count or len(context.labels)
        params.update(value=value, expected=f"{count} colonne attendue" if count < 2 else f"{count} colonnes attendues")
        if error.type == "extra-cell":
            field_name = context.label(field_number)
    elif error.type in ("duplicate-label", "blank-label", "incorrect-label", "missing-label", "extra-label"):
        row_numbers = list(getattr(error, "row_numbers", []) or [1])
        line = context.lines.line(row_numbers[0]) or row_numbers[0]
        value = str(getattr(error, "label", "") or "") or None
        positions = re.findall(r"\d+", note)
        params.update(value=value, other=", ".join(positions), expected=field_name)
        if error.type in ("duplicate-label", "incorrect-label", "extra-label"):
            field_name = value or field_name
        if error.type == "missing-label":
            value = None
    else:
        params["detail"] = translate_note(note) if note else kind.title
        reasons = getattr(error, "reasons", None)
        if reasons:
            params["detail"] += " : " + " ; ".join(translate_note(str(reason.note)) for reason in reasons)

    if context.inferred and field_number and error.type not in ("foreign-key", "primary-key"):
        field_name = context.label(field_number)
    message = kind.render(**params)
    return Problem(
        code=kind.code,
        file=context.file,
        message=message,
        line=line,
        column=field_name,
        column_number=field_number,
        value=value,
        row=row_number,
    )


def to_problems(found: list[Error], context: TableContext) -> list[Problem]:
    return [to_problem(error, context) for error in found]
