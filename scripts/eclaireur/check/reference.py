"""The reference engine: ``Resource.validate`` of frictionless 5.21, as is.

Used when the fast engine declines a resource (see :func:`eclaireur.check.fast.supports`), when asked
with ``engine="frictionless"``, and by the tests that prove both engines find the same problems.
"""

from __future__ import annotations

from typing import Any

from frictionless import FrictionlessException, Package
from frictionless.resources import TableResource

from eclaireur.check.fast import TableOutcome, python_dialect
from eclaireur.check.lines import RowLines, scan_row_lines
from eclaireur.check.source import TableSpec


def validate_reference(spec: TableSpec, *, limit_errors: int, package: Package | None = None) -> TableOutcome:
    """Validate ``spec`` with frictionless (inside ``package`` when foreign keys need other resources)."""
    if package is not None and package.has_resource(spec.name):
        resource = package.get_resource(spec.name)
    else:
        try:
            resource = spec.to_resource(foreign_keys=True)
        except FrictionlessException as exception:
            return TableOutcome(errors=exception.to_errors(), engine="frictionless")
    report = resource.validate(limit_errors=limit_errors)
    task = report.tasks[0] if report.tasks else None
    found = list(report.errors) + (list(task.errors) if task else [])
    warnings = list(report.warnings) + (list(task.warnings) if task else [])
    lines = RowLines.identity()
    dialect = None
    if isinstance(resource, TableResource) and resource.format in ("csv", "tsv"):
        dialect = python_dialect(resource)
        if any(getattr(error, "row_number", None) for error in found):
            lines = scan_row_lines(spec.path, spec.encoding, dialect)
    schema: dict[str, Any] = {}
    labels: list[str] = []
    if isinstance(resource, TableResource):
        schema = resource.schema.to_descriptor()
        labels = [str(label) for label in (task.labels if task else [])]
    rows = int(task.stats.get("rows") or 0) if task and isinstance(task.stats, dict) else 0
    return TableOutcome(
        errors=found,
        warnings=warnings,
        lines=lines,
        rows=rows,
        partial=any(warning.startswith("reached error limit") for warning in warnings),
        engine="frictionless",
        python_dialect=dialect,
        schema=schema,
        labels=labels,
    )
