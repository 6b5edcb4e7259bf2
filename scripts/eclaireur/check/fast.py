"""The fast validation engine: frictionless's own rules, without its per-row machinery.

frictionless spends ~24 s on 1 000 000 rows, mostly building ``Row`` objects and parsing the same dates
again and again. This engine keeps what decides the findings — frictionless opens the resource and gives
the header errors, the expected fields and their cell readers (type parsing and constraints) — and replays
``Row.__process`` and the unique / primary key / foreign key logic of ``TableResource.__open_row_stream``
in a plain ``csv`` loop, caching the reading of repeated cell values. It produces the same frictionless
``Error`` objects, in the same order; ``tests/test_check_engines.py`` compares both engines.

Anything unusual (another format, several header rows, comment rows, ``hash``/``bytes`` checks,
case-insensitive headers) is left to the reference engine: see :func:`supports`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frictionless import FrictionlessException, errors
from frictionless.error import Error
from frictionless.formats.csv.control import CsvControl
from frictionless.resources import TableResource
from frictionless.table.row import create_cell_handlers

from eclaireur.check.lines import RowLines
from eclaireur.check.readers import fast_cell_reader
from eclaireur.check.source import TableSpec

CACHE_LIMIT = 20_000
"""Distinct raw values remembered per column (dates, codes, categories repeat; identifiers do not)."""

DEFAULT_LIMIT_ERRORS = 1000

KeyValues = Callable[[str, tuple[str, ...]], "set[tuple[Any, ...]] | None"]
"""``(resource name, key fields) -> set of key tuples`` (``None`` when the resource does not exist)."""


@dataclass
class TableOutcome:
    """What one engine found in one table (frictionless errors, with record -> line map)."""

    errors: list[Error] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines: RowLines = field(default_factory=RowLines.identity)
    rows: int = 0
    partial: bool = False
    engine: str = "rapide"
    python_dialect: Any = None
    schema: dict[str, Any] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)


def _to_str(value: Any) -> str:
    return str(value) if value is not None else ""


def supports(resource: TableResource) -> bool:
    """True when the fast engine reads ``resource`` exactly as frictionless would."""
    dialect = resource.dialect
    return (
        resource.format in ("csv", "tsv")
        and resource.scheme == "file"
        and not resource.compression
        and not resource.innerpath
        and not (resource.hash or resource.bytes or resource.fields or resource.rows)
        and dialect.header
        and list(dialect.header_rows) == [1]
        and not dialect.comment_char
        and not dialect.comment_rows
        and dialect.header_case
        and not getattr(dialect, "skip_blank_rows", False)
    )


def open_resource(spec: TableSpec) -> tuple[TableResource | None, list[Error]]:
    """Open ``spec`` without foreign keys: the resource, or the errors frictionless would report."""
    try:
        resource = spec.to_resource(foreign_keys=False)
        resource.to_descriptor(validate=True)
    except FrictionlessException as exception:
        return None, exception.to_errors()
    try:
        resource.open()
    except FrictionlessException as exception:
        resource.close()
        return None, exception.to_errors()
    if not isinstance(resource, TableResource):
        resource.close()
        return None, [errors.SourceError(note="the source is not a table")]
    return resource, []


def python_dialect(resource: TableResource) -> Any:
    """The ``csv`` dialect frictionless settled on (after sniffing) for an open resource."""
    control = CsvControl.from_dialect(resource.dialect)
    if resource.format == "tsv":
        control.set_not_defined("delimiter", "\t")
    return control.to_python()


def iter_records(path: Path, encoding: str, dialect: Any) -> Iterator[tuple[int, list[str]]]:
    """``(first physical line, cells)`` of every CSV record, header included."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, dialect)
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1


class _Columns:
    """The expected fields of an open resource, with cached cell readers."""

    def __init__(self, resource: TableResource) -> None:
        header = resource.header
        fields = header.get_expected_fields()
        handlers = create_cell_handlers(fields)
        self.names = [field.name for field in fields]
        self.readers = [
            fast_cell_reader(field) or handler.reader
            for field, handler in zip(fields, handlers.values(), strict=True)
        ]
        self.caches: list[dict[Any, tuple[Any, Any]] | None] = [{} for _ in self.readers]
        self.count = len(self.names)

    def read(self, index: int, source: Any) -> tuple[Any, Any]:
        cache = self.caches[index]
        if cache is None:
            return self.readers[index](source)
        hit = cache.get(source)
        if hit is None:
            hit = self.readers[index](source)
            if len(cache) < CACHE_LIMIT:
                cache[source] = hit
        return hit

    def drop_full_caches(self) -> None:
        """Stop caching columns whose values hardly repeat (identifiers, amounts, free text)."""
        for index, cache in enumerate(self.caches):
            if cache is not None and len(cache) >= CACHE_LIMIT:
                self.caches[index] = None


def _cell_errors(columns: _Columns, cells: list[str], row_number: int, first: list[int]) -> list[Error]:
    """``Row.__process`` of frictionless 5.21, line for line, for a row known to have a problem.

    frictionless reads a row lazily: the cells the unique / primary key / foreign key checks look at
    (``first``, in that order) are parsed — and their errors recorded — before the others.
    """
    found: list[Error] = []
    shown = [_to_str(cell) for cell in cells]
    blank = 0
    order = list(dict.fromkeys(first)) + [index for index in range(columns.count) if index not in first]
    for index in order:
        source = cells[index] if index < len(cells) else None
        target, notes = columns.read(index, source)
        notes = dict(notes) if notes else None
        type_note = notes.pop("type", None) if notes else None
        if target is None and not type_note:
            blank += 1
        name = columns.names[index]
        if type_note:
            found.append(
                errors.TypeError(
                    note=type_note,
                    cells=list(shown),
                    row_number=row_number,
                    cell=str(source),
                    field_name=name,
                    field_number=index + 1,
                )
            )
        if notes:
            for note in notes.values():
                found.append(
                    errors.ConstraintError(
                        note=note,
                        cells=list(shown),
                        row_number=row_number,
                        cell=str(source),
                        field_name=name,
                        field_number=index + 1,
                    )
                )
    if columns.count < len(cells):
        for field_number, cell in enumerate(cells[columns.count :], start=columns.count + 1):
            found.append(
                errors.ExtraCellError(
                    note="",
                    cells=list(shown),
                    row_number=row_number,
                    cell=str(cell),
                    field_name="",
                    field_number=field_number,
                )
            )
    if columns.count > len(cells):
        for index in range(len(cells), columns.count):
            found.append(
                errors.MissingCellError(
                    note="",
                    cells=list(shown),
                    row_number=row_number,
                    cell="",
                    field_name=columns.names[index],
                    field_number=index + 1,
                )
            )
    if columns.count == blank:
        found = [errors.BlankRowError(note="", cells=list(shown), row_number=row_number)]
    return found


@dataclass
class _Integrity:
    """Unique, primary key and foreign key state of ``TableResource.__open_row_stream``."""

    unique: dict[int, dict[Any, int]]
    primary: list[int]
    memory_primary: dict[tuple[Any, ...], int]
    foreign: list[tuple[str, tuple[str, ...], tuple[int, ...], tuple[str, ...], set[tuple[Any, ...]]]]

    @property
    def active(self) -> bool:
        return bool(self.unique or self.primary or self.foreign)

    def quick(self, targets: list[Any], row_number: int) -> bool:
        """Record the row and return True when it breaks no key; False (nothing recorded) otherwise."""
        for index, memory in self.unique.items():
            cell = targets[index]
            if cell is not None and memory.get(cell):
                return False
        key: tuple[Any, ...] = ()
        if self.primary:
            key = tuple(targets[index] for index in self.primary)
            if all(value is None for value in key) or self.memory_primary.get(key):
                return False
        for _, _, indexes, _, lookup in self.foreign:
            values = tuple(targets[index] for index in indexes)
            if not all(value is None for value in values) and values not in lookup:
                return False
        for index, memory in self.unique.items():
            cell = targets[index]
            if cell is not None:
                memory[cell] = row_number
        if self.primary:
            self.memory_primary[key] = row_number
        return True

    def check(
        self, columns: _Columns, cells: list[str], row_number: int, targets: list[Any]
    ) -> tuple[list[Error], list[int]]:
        """Integrity errors, and the cells frictionless parses before the rest of the row.

        Those are the cells looked at until the first integrity error (which makes frictionless parse
        the whole row).
        """
        found: list[Error] = []
        accessed: list[int] = []
        for index, memory in self.unique.items():
            if not found:
                accessed.append(index)
            cell = targets[index]
            if cell is not None:
                match = memory.get(cell)
                memory[cell] = row_number
                if match:
                    found.append(
                        errors.UniqueError(
                            note=f"the same as in the row at position {match}",
                            cells=[_to_str(value) for value in cells],
                            row_number=row_number,
                            cell=str(cell),
                            field_name=columns.names[index],
                            field_number=index + 1,
                        )
                    )
        if self.primary:
            if not found:
                accessed.extend(self.primary)
            key = tuple(targets[index] for index in self.primary)
            if set(key) == {None}:
                found.append(
                    errors.PrimaryKeyError(
                        note='cells composing the primary keys are all "None"',
                        cells=[_to_str(value) for value in cells],
                        row_number=row_number,
                    )
                )
            else:
                match = self.memory_primary.get(key)
                self.memory_primary[key] = row_number
                if match:
                    found.append(
                        errors.PrimaryKeyError(
                            note=f"the same as in the row at position {match}",
                            cells=[_to_str(value) for value in cells],
                            row_number=row_number,
                        )
                    )
        for source_name, source_key, indexes, target_key, lookup in self.foreign:
            if not found:
                accessed.extend(indexes)
            values = tuple(targets[index] for index in indexes)
            if set(values) == {None}:
                continue
            if values not in lookup:
                note = 'for "{}": values "{}" not found in the lookup table "{}" as "{}"'.format(
                    ", ".join(target_key),
                    ", ".join(str(value) for value in values),
                    source_name,
                    ", ".join(source_key),
                )
                found.append(
                    errors.ForeignKeyError(
                        note=note,
                        cells=[_to_str(value) for value in cells],
                        row_number=row_number,
                        field_names=list(target_key),
                        field_cells=[_to_str(value) for value in values],
                        reference_name=source_name,
                        reference_field_names=list(source_key),
                    )
                )
        return found, accessed


def _integrity(
    spec: TableSpec, resource: TableResource, columns: _Columns, key_values: KeyValues
) -> tuple[_Integrity, list[Error]]:
    names = {name: index for index, name in enumerate(columns.names)}
    schema = spec.schema or {}
    primary_key = resource.schema.primary_key
    primary = [names[name] for name in primary_key] if primary_key and set(primary_key) <= set(names) else []
    unique: dict[int, dict[Any, int]] = {
        index: {}
        for index, field_object in enumerate(resource.header.get_expected_fields())
        if field_object.constraints.get("unique")
    }
    foreign = []
    declared = schema.get("foreignKeys") or []
    for key in declared:
        fields = key.get("fields")
        target_key = tuple([fields] if isinstance(fields, str) else fields or [])
        reference = key.get("reference") or {}
        ref_fields = reference.get("fields")
        source_key = tuple([ref_fields] if isinstance(ref_fields, str) else ref_fields or [])
        source_name = reference.get("resource") or ""
        lookup_name = spec.name if source_name in ("", spec.name) else source_name
        lookup = key_values(lookup_name, source_key)
        if lookup is None:
            note = (
                f'failed to handle a foreign key for resource "{spec.name}" as resource "{source_name}" does not exist'
            )
            return _Integrity({}, [], {}, []), [errors.ResourceError(note=note)]
        if not set(target_key) <= set(names):
            continue
        indexes = tuple(names[name] for name in target_key)
        foreign.append((source_name, source_key, indexes, target_key, lookup))
    return _Integrity(unique, primary, {}, foreign), []


def validate_fast(spec: TableSpec, *, limit_errors: int, key_values: KeyValues) -> TableOutcome | None:
    """Validate ``spec`` like ``Resource.validate`` would; ``None`` when this engine cannot."""
    resource, failures = open_resource(spec)
    if resource is None:
        return TableOutcome(errors=failures)
    try:
        if not supports(resource):
            return None
        dialect = python_dialect(resource)
        outcome = TableOutcome(
            python_dialect=dialect,
            lines=RowLines(),
            schema=resource.schema.to_descriptor(),
            labels=[str(label) for label in resource.labels],
        )
        found = outcome.errors
        if not (resource.labels or resource.fragment):
            found.append(errors.SourceError(note="the source is empty"))
        found.extend(resource.header.errors)
        columns = _Columns(resource)
        integrity, problems = _integrity(spec, resource, columns, key_values)
    finally:
        resource.close()
    if problems:
        return TableOutcome(errors=problems)
    outcome.rows = _scan(spec, columns, integrity, outcome, limit_errors)
    return outcome


def _scan(spec: TableSpec, columns: _Columns, integrity: _Integrity, outcome: TableOutcome, limit: int) -> int:
    found = outcome.errors
    lines = outcome.lines
    count = columns.count
    caches = columns.caches
    readers = columns.readers
    checking = integrity.active
    rows = 0
    row_number = 0
    for start, cells in iter_records(spec.path, spec.encoding, outcome.python_dialect):
        row_number += 1
        lines.append(start)
        if row_number == 1:
            continue
        rows += 1
        if rows % 10_000 == 0:
            columns.drop_full_caches()
        bad = len(cells) != count
        blank = 0
        targets: list[Any] = []
        if not bad:
            for index, source in enumerate(cells):
                cache = caches[index]
                if cache is None:
                    target, notes = readers[index](source)
                else:
                    hit = cache.get(source)
                    if hit is None:
                        hit = readers[index](source)
                        if len(cache) < CACHE_LIMIT:
                            cache[source] = hit
                    target, notes = hit
                if notes:
                    bad = True
                    break
                if target is None:
                    blank += 1
                targets.append(target)
            bad = bad or blank == count
        row_errors: list[Error] = []
        accessed: list[int] = []
        if bad:
            targets = [columns.read(index, cells[index] if index < len(cells) else None)[0] for index in range(count)]
        if checking and (bad or not integrity.quick(targets, row_number)):
            row_errors, accessed = integrity.check(columns, cells, row_number, targets)
        if bad:
            row_errors[:0] = _cell_errors(columns, cells, row_number, accessed)
        if row_errors:
            found.extend(row_errors)
            if limit and len(found) >= limit:
                del found[limit:]
                outcome.warnings.append(f"reached error limit: {limit}")
                outcome.partial = True
                break
    return rows


def read_key_values(spec: TableSpec, key: tuple[str, ...]) -> set[tuple[Any, ...]]:
    """Typed values of ``key`` in every row of ``spec`` (all-empty keys left out), as frictionless's lookup."""
    resource, _ = open_resource(spec)
    values: set[tuple[Any, ...]] = set()
    if resource is None:
        return values
    try:
        dialect = python_dialect(resource)
        columns = _Columns(resource)
        usable = supports(resource)
    finally:
        resource.close()
    if not usable:
        return _reference_key_values(spec, key)
    indexes = [columns.names.index(name) if name in columns.names else None for name in key]
    for row_number, (_, cells) in enumerate(iter_records(spec.path, spec.encoding, dialect), start=1):
        if row_number == 1:
            continue
        value = tuple(
            None if index is None else columns.read(index, cells[index] if index < len(cells) else None)[0]
            for index in indexes
        )
        if set(value) != {None}:
            values.add(value)
    return values


def _reference_key_values(spec: TableSpec, key: tuple[str, ...]) -> set[tuple[Any, ...]]:
    resource = spec.to_resource(foreign_keys=False)
    values: set[tuple[Any, ...]] = set()
    with resource:
        for row in resource.row_stream:  # type: ignore[attr-defined]
            value = tuple(row.get(name) for name in key)
            if set(value) != {None}:
                values.add(value)
    return values
