"""Static checks of a Table Schema descriptor, all collected before giving up.

frictionless 5.21 stops at the first broken field (its multiple-errors test is skipped upstream); an agent
fixing a schema wants the whole list at once, like mkdocs's configuration validation. The ``custom_checks``
of French public-data schemas (Validata) are checked here too; frictionless ignores that key.
"""

from __future__ import annotations

from typing import Any

from eclaireur.check.custom import declaration_messages

FIELD_TYPES = {
    "any",
    "array",
    "boolean",
    "date",
    "datetime",
    "duration",
    "geojson",
    "geopoint",
    "integer",
    "list",
    "number",
    "object",
    "string",
    "time",
    "year",
    "yearmonth",
}
FIELD_CONSTRAINTS = {
    "required",
    "unique",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "pattern",
    "enum",
    "jsonSchema",
}


def _names(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def schema_messages(schema: Any) -> list[str]:
    """French descriptions of everything wrong in ``schema`` (empty when it looks sound)."""
    if not isinstance(schema, dict):
        return ["un schéma doit être un objet (des paires clé: valeur), avec une liste « fields »"]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return ["le schéma doit contenir une liste « fields » non vide"]
    messages: list[str] = []
    names: list[str] = []
    for position, field in enumerate(fields, start=1):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field["name"]:
            messages.append(f"le champ n° {position} doit avoir un nom (« name »)")
            continue
        name = field["name"]
        if name in names:
            messages.append(f"le champ « {name} » est déclaré deux fois")
        names.append(name)
        kind = field.get("type", "string")
        if kind not in FIELD_TYPES:
            messages.append(f"champ « {name} » : type « {kind} » inconnu (types : {', '.join(sorted(FIELD_TYPES))})")
        for misplaced in ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"):
            if misplaced in field:
                messages.append(
                    f"champ « {name} » : « {misplaced} » doit être placé dans « constraints » "
                    f"(constraints: {{{misplaced}: …}})"
                )
        constraints = field.get("constraints", {})
        if not isinstance(constraints, dict):
            messages.append(f"champ « {name} » : « constraints » doit être un objet")
        else:
            for constraint in constraints:
                if constraint not in FIELD_CONSTRAINTS:
                    messages.append(f"champ « {name} » : contrainte « {constraint} » inconnue")
    known = set(names)
    primary = schema.get("primaryKey")
    if primary is not None:
        keys = _names(primary)
        if keys is None:
            messages.append("« primaryKey » doit être un nom de champ ou une liste de noms")
        else:
            for key in keys:
                if key not in known:
                    messages.append(f"« primaryKey » cite le champ « {key} », absent de « fields »")
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        messages.append("« foreignKeys » doit être une liste")
        foreign_keys = []
    for number, key in enumerate(foreign_keys, start=1):
        messages.extend(_foreign_key_messages(number, key, known))
    messages.extend(declaration_messages(schema))  # Validata's « custom_checks » (check/custom/)
    return messages


def _foreign_key_messages(number: int, key: Any, known: set[str]) -> list[str]:
    label = f"clé étrangère n° {number}"
    if not isinstance(key, dict):
        return [f"{label} : un objet avec « fields » et « reference » est attendu"]
    messages: list[str] = []
    fields = _names(key.get("fields"))
    if fields is None:
        messages.append(f"{label} : « fields » doit être un nom de champ ou une liste de noms")
        fields = []
    for name in fields:
        if name not in known:
            messages.append(f"{label} : le champ « {name} » est absent de « fields »")
    reference = key.get("reference")
    if not isinstance(reference, dict):
        messages.append(f"{label} : « reference » (resource, fields) est obligatoire")
        return messages
    if "datapackage" in reference:
        messages.append(f"{label} : une référence vers un autre paquet (« datapackage ») n'est pas prise en charge")
    ref_fields = _names(reference.get("fields"))
    if ref_fields is None:
        messages.append(f"{label} : « reference.fields » doit être un nom de champ ou une liste de noms")
    elif len(ref_fields) != len(fields):
        messages.append(
            f"{label} : {len(fields)} champ(s) dans « fields » mais {len(ref_fields)} dans « reference.fields »"
        )
    if not isinstance(reference.get("resource", ""), str):
        messages.append(f"{label} : « reference.resource » doit être un nom de ressource")
    return messages
