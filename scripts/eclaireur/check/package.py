"""Check a Data Package: its descriptor, every schema, every CSV resource, foreign keys across them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from frictionless import FrictionlessException, Package, Schema

from eclaireur.check.catalogue import kind_for
from eclaireur.check.convert import translate_note
from eclaireur.check.custom import run_custom_checks, unsupported_notices
from eclaireur.check.descriptors import parse_descriptor
from eclaireur.check.encoding import choose_encoding, looks_binary
from eclaireur.check.fast import read_key_values
from eclaireur.check.report import Notice, Problem, Report
from eclaireur.check.schema_rules import schema_messages
from eclaireur.check.source import TableSpec, build_package
from eclaireur.check.table import Engine, check_table
from eclaireur.privacy import public_schema

TABULAR_SUFFIXES = (".csv", ".tsv")
NAME_PATTERN = re.compile(r"[^a-z0-9._-]+")


def resource_name(text: str) -> str:
    """A frictionless-safe resource name from a file name."""
    return NAME_PATTERN.sub("-", text.lower()).strip("-") or "ressource"


def problem(code: str, file: str, line: int | None = None, **params: Any) -> Problem:
    """A problem of ``code`` without cell position (descriptor, file-level)."""
    return Problem(code=code, file=file, line=line, message=kind_for(code).render(**params))


def shown_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` with ``/`` separators when inside it, else as given."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def safe_relative(value: str) -> str | None:
    """Why ``value`` is not a safe path inside the package folder, or None when it is."""
    if not value:
        return "chemin vide"
    if "://" in value:
        return "adresse distante : le fichier doit être dans le dépôt"
    posix = PurePosixPath(value.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[A-Za-z]:", value):
        return "chemin absolu"
    if ".." in posix.parts:
        return "« .. » remonte hors du dossier du paquet"
    return None


@dataclass
class PackageCheck:
    """Check state for one descriptor."""

    descriptor: Path
    display_base: Path
    limit_errors: int
    engine: Engine
    report: Report
    specs: dict[str, TableSpec] = field(default_factory=dict)
    schema_fields: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _keys: dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]] = field(default_factory=dict)
    _package: Package | None = None

    @property
    def shown(self) -> str:
        return shown_path(self.descriptor, self.display_base)

    def key_values(self, name: str, key: tuple[str, ...]) -> set[tuple[Any, ...]] | None:
        spec = self.specs.get(name)
        if spec is None:
            return None
        cached = self._keys.get((name, key))
        if cached is None:
            cached = read_key_values(spec, key)
            self._keys[(name, key)] = cached
        return cached

    def package(self) -> Package | None:
        if self._package is None and self.specs:
            self._package = build_package(list(self.specs.values()))
        return self._package


def _load_part(value: Any, base: Path, what: str, check: PackageCheck) -> dict[str, Any] | None:
    """A schema or dialect given inline or as a relative path; problems reported on the way."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        check.report.add([problem("package-error", check.shown, detail=f"« {what} » doit être un objet ou un chemin")])
        return None
    reason = safe_relative(value)
    path = base / value
    shown = shown_path(path, check.display_base)
    if reason:
        check.report.add([problem("package-error", check.shown, detail=f"{what} « {value} » : {reason}")])
        return None
    if not path.is_file():
        check.report.add([problem("package-error", check.shown, detail=f"{what} « {value} » introuvable")])
        return None
    document, failure = parse_descriptor(path)
    if failure is not None:
        code = "schema-error" if what == "schema" else "dialect-error"
        check.report.add([problem(code, shown, failure.line, detail=failure.message)])
        return None
    if not isinstance(document, dict):
        check.report.add([problem("schema-error", shown, detail="un objet JSON/YAML est attendu")])
        return None
    check.report.add_file(shown)
    return document


def schema_problems(schema: dict[str, Any], shown: str) -> list[Problem]:
    """Our collected schema checks, then frictionless's own (French when we know the message)."""
    messages = schema_messages(schema)
    if not messages:
        try:
            Schema.from_descriptor(schema)
        except FrictionlessException as exception:
            messages = [translate_note(str(error.note)) for error in exception.to_errors()]
    return [problem("schema-error", shown, detail=message) for message in messages]


def check_package(
    descriptor: Path, *, display_base: Path, limit_errors: int, engine: Engine, report: Report
) -> PackageCheck:
    """Check the package described by ``descriptor``; everything found goes into ``report``."""
    check = PackageCheck(descriptor, display_base, limit_errors, engine, report)
    report.add_file(check.shown)
    document, failure = parse_descriptor(descriptor)
    if failure is not None:
        report.add([problem("package-error", check.shown, failure.line, detail=failure.message)])
        return check
    if not isinstance(document, dict) or not isinstance(document.get("resources"), list):
        report.add([problem("package-error", check.shown, detail="une liste « resources » est attendue")])
        return check
    base = descriptor.parent
    resources: list[dict[str, Any]] = []
    for position, resource in enumerate(document["resources"], start=1):
        if not isinstance(resource, dict):
            report.add([problem("package-error", check.shown, detail=f"la ressource n° {position} doit être un objet")])
            continue
        resources.append(_prepare(resource, position, base, check))
    inline = dict(document)
    inline["resources"] = [entry for entry in resources if entry]
    try:
        errors = Package.validate_descriptor(_descriptor_only(inline)).errors
    except FrictionlessException as exception:
        errors = exception.to_errors()
    if errors:
        report.add([problem("package-error", check.shown, detail=translate_note(str(e.note))) for e in errors])
        return check
    for spec in check.specs.values():
        result = check_table(
            spec, limit_errors=limit_errors, engine=engine, key_values=check.key_values, package=check.package
        )
        report.add(result.problems)
        report.notices.extend(result.notices)
        custom = run_custom_checks(spec, limit_errors=limit_errors, found=len(result.problems))
        report.add(custom.problems)
        if result.truncated or custom.truncated:
            report.truncated.append(spec.shown)
    return check


def _descriptor_only(document: dict[str, Any]) -> dict[str, Any]:
    """The package descriptor for frictionless's metadata check.

    Schemas are inline (loaded and checked already); a resource whose schema was rejected loses its
    tabular profile so that the same mistake is not reported twice.
    """
    copy = dict(document)
    resources = []
    for resource in document["resources"]:
        entry = dict(resource)
        if "schema" not in entry and str(entry.get("profile", "")).startswith("tabular"):
            entry.pop("profile")
        resources.append(entry)
    copy["resources"] = resources
    return copy


def _prepare(resource: dict[str, Any], position: int, base: Path, check: PackageCheck) -> dict[str, Any]:
    """Resolve one resource: schema and dialect loaded, file checked, a :class:`TableSpec` registered."""
    prepared = dict(resource)
    name = str(resource.get("name") or f"ressource-{position}")
    schema = None
    if "schema" in resource:
        schema = _load_part(resource["schema"], base, "schema", check)
        schema_file = (
            shown_path(base / resource["schema"], check.display_base)
            if isinstance(resource["schema"], str)
            else check.shown
        )
        if schema is not None:
            found = schema_problems(schema, schema_file)
            check.report.add(found)
            if found:
                schema = None
            else:
                check.report.notices.extend(unsupported_notices(schema, schema_file))
                schema = public_schema(schema)  # private fields are never in the package's files
                prepared["schema"] = schema
                check.schema_fields[name] = [item for item in schema.get("fields", []) if isinstance(item, dict)]
        if schema is None:
            prepared.pop("schema", None)
    dialect = None
    if "dialect" in resource:
        dialect = _load_part(resource["dialect"], base, "dialect", check)
        if dialect is None:
            prepared.pop("dialect", None)
        else:
            prepared["dialect"] = dialect
    path = resource.get("path")
    if not isinstance(path, str):
        return prepared
    reason = safe_relative(path)
    if reason:
        check.report.add([problem("media-outside", check.shown, value=path, detail=reason)])
        return prepared
    file = base / path
    shown = shown_path(file, check.display_base)
    check.report.add_file(shown)
    if not file.is_file():
        check.report.add(
            [problem("source-error", shown, detail=f"fichier introuvable (ressource « {name} » de {check.shown})")]
        )
        return prepared
    if not path.lower().endswith(TABULAR_SUFFIXES) or ("schema" in resource and schema is None):
        return prepared
    data = file.read_bytes()
    if looks_binary(data):
        check.report.add([problem("source-error", shown, detail="fichier binaire : un texte CSV est attendu")])
        return prepared
    declared = resource.get("encoding")
    try:
        choice = choose_encoding(data, str(declared) if declared else None, detect=False)
    except LookupError:
        check.report.add(
            [
                problem(
                    "encoding-error",
                    shown,
                    value=str(declared),
                    expected="un encodage connu",
                    detail=f" : « {declared} » n'est pas un nom d'encodage connu (utf-8, cp1252…)",
                )
            ]
        )
        return prepared
    if choice.failure is not None:
        failure = choice.failure
        hint = f" ; le fichier semble encodé en {choice.encoding}" if choice.detected else ""
        check.report.add(
            [
                Problem(
                    code="encoding-error",
                    file=shown,
                    line=failure.line,
                    value=failure.byte,
                    message=kind_for("encoding-error").render(
                        value=failure.byte, expected=failure.encoding, detail=hint
                    ),
                )
            ]
        )
    extra = {key: resource[key] for key in resource if key not in ("name", "path", "schema", "dialect", "encoding")}
    check.specs[name] = TableSpec(
        name=name,
        base=base,
        relpath=PurePosixPath(path).as_posix(),
        shown=shown,
        encoding=choice.encoding,
        schema=schema,
        dialect=dialect,
        extra=extra,
    )
    if choice.detected and choice.failure is None:
        check.report.notices.append(Notice(shown, f"encodage : {choice.encoding}"))
    return prepared
