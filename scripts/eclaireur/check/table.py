"""Validate one table with the chosen engine and turn the findings into problems and notices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from frictionless import Package

from eclaireur.bidi import controls_in_csv
from eclaireur.check.catalogue import kind_for
from eclaireur.check.convert import TableContext, to_problems
from eclaireur.check.fast import KeyValues, TableOutcome, validate_fast
from eclaireur.check.lines import unclosed_quote
from eclaireur.check.reference import validate_reference
from eclaireur.check.report import Notice, Problem
from eclaireur.check.source import TableSpec

Engine = Literal["auto", "fast", "frictionless"]


@dataclass
class TableResult:
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    truncated: bool = False
    outcome: TableOutcome | None = None


def run_engine(
    spec: TableSpec,
    *,
    limit_errors: int,
    engine: Engine,
    key_values: KeyValues,
    package: Callable[[], Package | None] | None = None,
) -> TableOutcome:
    """The findings of the fast engine, or of frictionless when asked or when the fast one declines."""
    if engine != "frictionless":
        outcome = validate_fast(spec, limit_errors=limit_errors, key_values=key_values)
        if outcome is not None:
            return outcome
    return validate_reference(spec, limit_errors=limit_errors, package=package() if package else None)


def _context(spec: TableSpec, outcome: TableOutcome) -> TableContext:
    schema: dict[str, Any] = spec.schema or outcome.schema or {}
    fields = {str(item.get("name")): item for item in schema.get("fields", []) if isinstance(item, dict)}
    labels = outcome.labels
    primary = schema.get("primaryKey") or []
    return TableContext(
        file=spec.shown,
        lines=outcome.lines,
        fields=fields,
        labels=labels,
        primary_key=[primary] if isinstance(primary, str) else list(primary),
        field_count=len(labels) or len(fields),
        inferred=spec.schema is None,
    )


def _unclosed_quote_problems(spec: TableSpec, outcome: TableOutcome) -> list[Problem]:
    """The quote still open at the end of the file (both engines read it as one long cell)."""
    found = unclosed_quote(spec.path, spec.encoding, outcome.python_dialect, outcome.lines.last_start())
    if found is None:
        return []
    labels = outcome.labels
    column = labels[found.field_number - 1] if 0 < found.field_number <= len(labels) else None
    where = f"colonne « {column} »" if column else f"cellule {found.field_number}"
    following = found.last_line - found.line
    detail = (
        f"les lignes {found.line + 1} à {found.last_line} sont lues comme la suite de cette cellule et ne sont "
        "pas vérifiées" if following > 1
        else f"la ligne {found.last_line} est lue comme la suite de cette cellule" if following == 1
        else "la cellule va jusqu'à la fin du fichier"
    )
    return [
        Problem(
            code="csv-error",
            file=spec.shown,
            line=found.line,
            column=column,
            column_number=found.field_number,
            message=kind_for("csv-error").render(position=found.line, field=where, detail=detail),
        )
    ]


def check_table(
    spec: TableSpec,
    *,
    limit_errors: int,
    engine: Engine,
    key_values: KeyValues,
    package: Callable[[], Package | None] | None = None,
) -> TableResult:
    outcome = run_engine(spec, limit_errors=limit_errors, engine=engine, key_values=key_values, package=package)
    order: list[Problem] = []
    by_name = _matched_by_name(spec, outcome)
    if by_name is not None:  # the same columns in another order: one problem, then the values by name
        order = [_order_problem(spec, outcome.labels)]
        spec = by_name
        outcome = run_engine(spec, limit_errors=limit_errors, engine=engine, key_values=key_values)
    result = TableResult(outcome=outcome, truncated=outcome.partial)
    result.problems = order + to_problems(outcome.errors, _context(spec, outcome))
    dialect = outcome.python_dialect
    if dialect is not None and not outcome.partial:
        result.problems.extend(_unclosed_quote_problems(spec, outcome))
    delimiter = getattr(dialect, "delimiter", ",") if dialect is not None else ","
    if delimiter != ",":
        shown = "tabulation" if delimiter == "\t" else f"« {delimiter} »"
        result.notices.append(Notice(spec.shown, f"séparateur de colonnes : {shown}"))
    result.notices.extend(_reading_hints(spec, outcome, result.problems, delimiter))
    if dialect is not None:
        result.notices.extend(_bidi_notices(spec, outcome))
    return result


def _bidi_notices(spec: TableSpec, outcome: TableOutcome) -> list[Notice]:
    """One notice per cell holding invisible bidirectional controls (removed from what is published)."""
    notices = []
    for found in controls_in_csv(spec.path, spec.encoding, outcome.python_dialect):
        labels = outcome.labels
        column = f"« {labels[found.column]} »" if found.column < len(labels) else f"n° {found.column + 1}"
        notices.append(Notice(spec.shown, (
            f"ligne {found.line}, colonne {column} : caractère de contrôle bidirectionnel invisible "
            f"{found.describe()} ; il change l'ordre dans lequel le texte s'affiche, il est retiré du site, des "
            "impressions et des données ouvertes (supprimez-le du fichier)")))
    return notices


def _matched_by_name(spec: TableSpec, outcome: TableOutcome) -> TableSpec | None:
    """``spec`` with its schema's fields in the file's order, when the header has exactly the schema's
    columns but in another order (Validata matches columns by name; frictionless by position)."""
    fields = [item for item in (spec.schema or {}).get("fields", []) if isinstance(item, dict)]
    names = [str(item.get("name")) for item in fields]
    labels = outcome.labels
    if not labels or labels == names or sorted(labels) != sorted(names) or len(set(labels)) != len(labels):
        return None
    by_name = {str(item.get("name")): item for item in fields}
    return replace(spec, schema={**(spec.schema or {}), "fields": [by_name[label] for label in labels]})


def _order_problem(spec: TableSpec, labels: list[str]) -> Problem:
    names = [str(item.get("name")) for item in (spec.schema or {}).get("fields", []) if isinstance(item, dict)]
    return Problem(
        code="header-order",
        file=spec.shown,
        line=1,
        message=kind_for("header-order").render(value=", ".join(labels), expected=", ".join(names)),
    )


def _reading_hints(spec: TableSpec, outcome: TableOutcome, problems: list[Problem], delimiter: str) -> list[Notice]:
    """Why a file full of structure errors may simply be read with the wrong settings."""
    structure = [p for p in problems if p.code in ("extra-cell", "missing-cell", "incorrect-label", "missing-label",
                                                   "extra-label", "blank-label", "header-mismatch")]
    if not structure:
        return []
    hints: list[Notice] = []
    labels = outcome.labels
    dialect = spec.dialect or {}
    if labels and labels[0].lstrip().startswith("#") and not dialect.get("commentChar"):
        hints.append(Notice(spec.shown, (
            f"la ligne 1 (« {labels[0][:60]} ») ressemble à un préambule ou à un commentaire, pas à l'en-tête : "
            "supprimez-la, ou déclarez dans la ressource « dialect: {commentChar: \"#\"} »")))
    if delimiter != ";" and any(";" in label for label in labels):
        hints.append(Notice(spec.shown, (
            "l'en-tête contient des « ; » : le fichier semble séparé par des points-virgules ; déclarez dans la "
            "ressource « dialect: {delimiter: \";\"} »")))
    return hints
