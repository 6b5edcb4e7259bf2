"""Typed values from CSV cells, driven by the Table Schema (the read side of ``load``).

``eclaireur check`` validates with frictionless first; reading the validated files again with
frictionless costs about 0.1 s per resource whatever its size, so the build reads them with this
small caster, which follows the Table Schema rules for the types the project uses.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from eclaireur.bidi import strip_controls

Caster = Callable[[str], Any]

TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]
NON_NUMERIC = re.compile(r"[^0-9eE.+\-]")


class CastError(ValueError):
    """A cell that does not have its field's type (``eclaireur check`` says why, in French)."""


def _number(field: dict[str, Any]) -> Caster:
    decimal_char = field.get("decimalChar", ".")
    group_char = field.get("groupChar", "")
    bare = field.get("bareNumber", True)

    def cast(text: str) -> float | int:  # integers stay integers, as written in the file
        value = text.strip()
        if group_char:
            value = value.replace(group_char, "")
        if decimal_char != ".":
            value = value.replace(decimal_char, ".")
        if not bare:
            value = NON_NUMERIC.sub("", value)
        try:
            number = Decimal(value)
        except InvalidOperation as exc:
            raise CastError(text) from exc
        if not number.is_finite():
            raise CastError(text)
        return int(number) if number == number.to_integral_value() and "." not in value else float(number)

    return cast


def _integer(field: dict[str, Any]) -> Caster:
    bare = field.get("bareNumber", True)

    def cast(text: str) -> int:
        value = text.strip() if bare else NON_NUMERIC.sub("", text)
        try:
            return int(value)
        except ValueError as exc:
            raise CastError(text) from exc

    return cast


def _boolean(field: dict[str, Any]) -> Caster:
    true_values = set(field.get("trueValues", TRUE_VALUES))
    false_values = set(field.get("falseValues", FALSE_VALUES))

    def cast(text: str) -> bool:
        if text in true_values:
            return True
        if text in false_values:
            return False
        raise CastError(text)

    return cast


def _temporal(kind: str, field: dict[str, Any]) -> Caster:
    fmt = field.get("format", "default")

    def cast(text: str) -> Any:
        try:
            if fmt in ("default", "any"):
                if kind == "date":
                    return dt.date.fromisoformat(text)
                if kind == "datetime":
                    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
                return dt.time.fromisoformat(text)
            parsed = dt.datetime.strptime(text, fmt.removeprefix("fmt:"))
        except ValueError as exc:
            raise CastError(text) from exc
        return parsed.date() if kind == "date" else parsed.time() if kind == "time" else parsed

    return cast


def _year(field: dict[str, Any]) -> Caster:
    def cast(text: str) -> int:
        if not re.fullmatch(r"\d{4}", text.strip()):
            raise CastError(text)
        return int(text)

    return cast


def _json(field: dict[str, Any]) -> Caster:
    def cast(text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError as exc:
            raise CastError(text) from exc

    return cast


def _list(field: dict[str, Any]) -> Caster:
    delimiter = field.get("delimiter", ",")
    item = caster({"type": field.get("itemType", "string")})

    def cast(text: str) -> list[Any]:
        return [item(part) for part in text.split(delimiter)] if text else []

    return cast


def _string(field: dict[str, Any]) -> Caster:
    return strip_controls  # invisible bidirectional controls never reach a page or a print file


FACTORIES: dict[str, Callable[[dict[str, Any]], Caster]] = {
    "string": _string,
    "any": _string,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": lambda f: _temporal("date", f),
    "datetime": lambda f: _temporal("datetime", f),
    "time": lambda f: _temporal("time", f),
    "year": _year,
    "array": _json,
    "object": _json,
    "list": _list,
}


def caster(field: dict[str, Any]) -> Caster:
    """The function that turns a cell of ``field`` into its Python value (strings for unknown types)."""
    return FACTORIES.get(str(field.get("type", "string")), _string)(field)
