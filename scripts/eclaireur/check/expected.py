"""What a Table Schema field expects, said in French with an example.

Used to fill the ``{expected}`` part of a message: « nombre attendu (ex. 1234.56) ».
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

SAMPLE_MOMENT = datetime(2024, 3, 15, 14, 30, 0)
MAX_ENUM_SHOWN = 12

SPACE_NAMES = {
    " ": "une espace",
    "\u00a0": "une espace insécable",
    "\u202f": "une espace fine insécable",
    "'": "une apostrophe",
    ".": "un point",
    ",": "une virgule",
}

STRFTIME_FR = {
    "%d": "JJ",
    "%m": "MM",
    "%Y": "AAAA",
    "%y": "AA",
    "%H": "HH",
    "%M": "mm",
    "%S": "ss",
    "%z": "",
    "%b": "mois abrégé",
    "%B": "mois",
    "%j": "jour de l'année",
    "%f": "microsecondes",
    "%p": "AM/PM",
    "%I": "HH (12 h)",
}


def describe_format(pattern: str) -> str:
    """``%d/%m/%Y`` -> ``JJ/MM/AAAA``."""
    return re.sub(r"%[a-zA-Z]", lambda match: STRFTIME_FR.get(match.group(0), match.group(0)), pattern)


def _sample(pattern: str) -> str:
    return SAMPLE_MOMENT.strftime(pattern.replace("%z", ""))


def _char_name(char: str) -> str:
    return SPACE_NAMES.get(char, f"« {char} »")


def _number_example(field: dict[str, Any], integer: bool) -> str:
    decimal = str(field.get("decimalChar", "."))
    group = str(field.get("groupChar", ""))
    whole = "1234" if not group else f"1{group}234"
    return whole if integer else f"{whole}{decimal}56"


def _number_text(field: dict[str, Any], integer: bool) -> str:
    noun = "nombre entier" if integer else "nombre"
    example = _number_example(field, integer)
    details = []
    if not integer:
        decimal = str(field.get("decimalChar", "."))
        details.append("virgule décimale" if decimal == "," else f"séparateur décimal {_char_name(decimal)}")
    if field.get("groupChar"):
        details.append(f"milliers séparés par {_char_name(str(field['groupChar']))}")
    elif not integer:
        details.append("sans séparateur de milliers")
    if field.get("bareNumber") is False:
        details.append("texte autour permis, comme « 12 € »")
    suffix = f" ; {', '.join(details)}" if details else ""
    return f"{noun} attendu (ex. {example}{suffix})"


def _boolean_text(field: dict[str, Any]) -> str:
    trues = field.get("trueValues") or ["true", "True", "TRUE", "1"]
    falses = field.get("falseValues") or ["false", "False", "FALSE", "0"]
    yes = " ou ".join(map(str, trues[:2]))
    no = " ou ".join(map(str, falses[:2]))
    return f"valeur oui/non attendue ({yes} pour oui, {no} pour non)"


def _temporal_text(field: dict[str, Any], noun: str, default: str) -> str:
    fmt = str(field.get("format") or "default")
    if fmt == "any":
        return f"{noun} (ex. {_sample(default)})"
    pattern = default if fmt == "default" else fmt
    return f"{noun} au format {describe_format(pattern).strip()} (ex. {_sample(pattern)})"


def describe_type(field: dict[str, Any]) -> str:
    """« nombre entier attendu (ex. 1234) » for an integer field, and so on for every type."""
    kind = str(field.get("type") or "string")
    fmt = str(field.get("format") or "default")
    if kind == "string":
        return {
            "email": "adresse électronique attendue (ex. accueil@loirance.example)",
            "uri": "adresse web complète attendue (ex. https://www.loirance.example/)",
            "uuid": "identifiant UUID attendu (ex. 0f8fad5b-d9cb-469f-a165-70867728950e)",
            "binary": "données encodées en base64 attendues",
        }.get(fmt, "texte attendu")
    if kind == "integer":
        return _number_text(field, integer=True)
    if kind == "number":
        return _number_text(field, integer=False)
    if kind == "boolean":
        return _boolean_text(field)
    if kind == "date":
        return _temporal_text(field, "date attendue", "%Y-%m-%d")
    if kind == "datetime":
        return _temporal_text(field, "date et heure attendues", "%Y-%m-%dT%H:%M:%S")
    if kind == "time":
        return _temporal_text(field, "heure attendue", "%H:%M:%S")
    if kind == "year":
        return "année sur quatre chiffres attendue (ex. 2024)"
    if kind == "yearmonth":
        return "année et mois attendus (ex. 2024-03)"
    if kind == "duration":
        return "durée ISO 8601 attendue (ex. P1Y2M10D pour 1 an, 2 mois et 10 jours)"
    if kind == "geopoint":
        example = {"array": "[4.83, 45.76]", "object": '{"lon": 4.83, "lat": 45.76}'}.get(fmt, "4.83,45.76")
        return f"point géographique longitude,latitude attendu (ex. {example})"
    if kind == "geojson":
        return "objet GeoJSON attendu"
    if kind == "object":
        return 'objet JSON attendu (ex. {"clé": "valeur"})'
    if kind == "array":
        return 'tableau JSON attendu (ex. ["a", "b"])'
    if kind == "list":
        delimiter = str(field.get("delimiter", ","))
        return f"liste attendue, éléments séparés par « {delimiter} »"
    return f"valeur de type « {kind} » attendue"


def hint_for_value(field: dict[str, Any], value: str) -> str:
    """A precise hint when the mistake is a common one (decimal comma, French date...)."""
    kind = str(field.get("type") or "string")
    decimal = str(field.get("decimalChar", "."))
    if kind in ("number", "integer"):
        group = str(field.get("groupChar", ""))
        if "\u00a0" in value.strip() and group != "\u00a0":
            return ' : les milliers sont séparés par des espaces insécables, déclarez groupChar: "\\u00a0"'
        if decimal == "." and re.fullmatch(r"[-+]?[\d\s\u00a0\u202f.]*,\d+", value.strip()):
            return " : la virgule décimale n'est pas déclarée dans le schéma (decimalChar), écrivez un point"
        if re.search(r"\d[\s\u00a0\u202f]\d", value) and not field.get("groupChar"):
            return " : les espaces entre les milliers ne sont pas déclarées dans le schéma (groupChar)"
        if kind == "integer" and re.fullmatch(r"[-+]?\d+[.,]\d+", value.strip()):
            return " : un nombre entier ne peut pas avoir de décimales"
    if kind == "date" and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", value.strip()):
        fmt = str(field.get("format") or "default")
        if fmt in ("default", "any"):
            return ' : une date JJ/MM/AAAA demande « format: "%d/%m/%Y" » dans le schéma, ou écrivez AAAA-MM-JJ'
    return ""


def _shown(value: Any) -> str:
    return f"« {value} »"


def describe_constraint(field: dict[str, Any], name: str, value: str) -> str:
    """What the ``name`` constraint of ``field`` expects, for a message."""
    constraints = field.get("constraints") or {}
    limit = constraints.get(name)
    if name == "required":
        return "une valeur est obligatoire dans cette colonne"
    if name == "minLength":
        return f"au moins {limit} caractères attendus (la valeur en a {len(value)})"
    if name == "maxLength":
        return f"au plus {limit} caractères attendus (la valeur en a {len(value)})"
    if name == "minimum":
        return f"valeur supérieure ou égale à {limit} attendue"
    if name == "maximum":
        return f"valeur inférieure ou égale à {limit} attendue"
    if name == "exclusiveMinimum":
        return f"valeur strictement supérieure à {limit} attendue"
    if name == "exclusiveMaximum":
        return f"valeur strictement inférieure à {limit} attendue"
    if name == "pattern":
        if re.fullmatch(r"\d+\.0", value):
            return (
                f"valeur conforme au motif {_shown(limit)} attendue : le tableur l'a exportée comme un nombre "
                "décimal (« .0 » final, chiffres parfois perdus) ; exportez cette colonne en texte"
            )
        return f"valeur conforme au motif {_shown(limit)} attendue (expression régulière du schéma)"
    if name == "enum":
        choices = [str(choice) for choice in (limit or [])]
        shown = ", ".join(_shown(choice) for choice in choices[:MAX_ENUM_SHOWN])
        more = f" … ({len(choices)} valeurs, voir le schéma)" if len(choices) > MAX_ENUM_SHOWN else ""
        return f"une des valeurs autorisées attendue : {shown}{more}"
    if name == "unique":
        return "valeur unique attendue dans cette colonne"
    return f"contrainte « {name} » = {limit!r} non respectée"
