"""Cell readers for the common field types, equal to frictionless's ``Field.create_cell_reader`` but cheaper.

frictionless builds one generic closure per field (``str(cell) in missing_values``, a value reader, then
``functools.partial`` constraint checks). For ``string`` (default format), ``integer`` and ``number`` fields
these readers do the same steps with the same builtins (``int``, ``Decimal``, ``re.match``) and return the
same ``(value, notes)`` pairs, notes in the same order; any other field keeps frictionless's reader.
``tests/test_check_engines.py`` compares the two on generated values.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from frictionless import Field

CellReader = Callable[[Any], tuple[Any, Any]]

SIMPLE_CONSTRAINTS = {
    "required",
    "unique",
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
}
BOUNDS = {
    "minimum": operator.ge,
    "maximum": operator.le,
    "exclusiveMinimum": operator.gt,
    "exclusiveMaximum": operator.lt,
}


def _missing_values(field: Field) -> list[str]:
    if not field.has_defined("missing_values") and field.schema:
        return list(field.schema.missing_values)
    return list(field.missing_values)


def _value_reader(field: Field) -> Callable[[str], Any] | None:
    """The value reader for a ``str`` cell, or None when this module does not cover the field."""
    defined = set(field.list_defined())
    if field.type == "string" and field.format == "default":
        return lambda cell: cell
    if field.type == "integer" and getattr(field, "bare_number", True) and "bare_number" not in defined:

        def read_integer(cell: str) -> Any:
            try:
                return int(cell.strip())
            except Exception:
                return None

        return read_integer
    if field.type == "number" and not defined & {"bare_number", "float_number"}:
        processed = bool(defined & {"group_char", "decimal_char"})
        group = str(getattr(field, "group_char", ""))
        decimal = str(getattr(field, "decimal_char", "."))

        def read_number(cell: str) -> Any:
            cell = cell.strip()
            if processed:
                cell = cell.replace(group, "")
                if decimal != "." and "." in cell:
                    return None
                cell = cell.replace(decimal, ".")
            try:
                return Decimal(cell)
            except Exception:
                return None

        return read_number
    return None


def _checks(field: Field) -> list[tuple[str, Callable[[Any], bool], str]]:
    """``(name, passes, note)`` in frictionless's order (``field.supported_constraints``).

    Constraint values are read with frictionless's own value reader, as ``create_cell_reader`` does.
    """
    value_reader = field.create_value_reader()
    checks: list[tuple[str, Callable[[Any], bool], str]] = []
    for name in field.supported_constraints:
        constraint = field.constraints.get(name)
        if constraint is None:
            continue
        note = f'constraint "{name}" is "{field.constraints[name]}"'
        passes = _constraint_check(name, constraint, value_reader)
        if passes is not None:
            checks.append((name, passes, note))
    return checks


def _constraint_check(name: str, constraint: Any, value_reader: Callable[[Any], Any]) -> Callable[[Any], bool] | None:
    """The check of one constraint, as ``check_<name>`` in ``frictionless/schema/field.py``."""
    if name == "required":
        return (lambda cell: cell is not None) if constraint else None
    if name in BOUNDS:
        return _bound_check(value_reader(constraint), BOUNDS[name])
    if name == "pattern":
        match = re.compile(f"^{constraint}$").match

        def matches(cell: Any) -> bool:
            return cell is None or bool(match(cell))

        return matches
    if name == "enum":
        choices = list(map(value_reader, constraint))

        def allowed(cell: Any) -> bool:
            return cell is None or cell in choices

        return allowed

    def long_enough(cell: Any) -> bool:
        return cell is None or len(cell) >= constraint

    def short_enough(cell: Any) -> bool:
        return cell is None or len(cell) <= constraint

    return {"minLength": long_enough, "maxLength": short_enough}.get(name)


def _bound_check(limit: Any, compare: Callable[[Any, Any], Any]) -> Callable[[Any], bool]:
    """frictionless's ``_check_bound``: empty passes, NaN fails, else ``compare(cell, limit)``."""

    def passes(cell: Any) -> bool:
        if cell is None:
            return True
        if cell != cell:
            return False
        return bool(compare(cell, limit))

    return passes


def fast_cell_reader(field: Field) -> CellReader | None:
    """A reader equal to ``field.create_cell_reader()`` for ``str``/``None`` cells, or None."""
    if set(field.constraints) - SIMPLE_CONSTRAINTS:
        return None
    value_reader = _value_reader(field)
    if value_reader is None:
        return None
    missing = set(_missing_values(field))
    type_note = {"type": f'type is "{field.type}/{field.format}"'}
    checks = _checks(field)

    def cell_reader(cell: Any) -> tuple[Any, Any]:
        if cell is None or cell in missing:
            value = None
        else:
            value = value_reader(cell)
            if value is None:
                return None, dict(type_note)
        notes = None
        for name, passes, note in checks:
            if not passes(value):
                if notes is None:
                    notes = {}
                notes[name] = note
        return value, notes

    return cell_reader
