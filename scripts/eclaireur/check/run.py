"""``check_path``: what ``eclaireur check`` does, as a function returning a :class:`Report`.

The target is a repository folder (its ``data/datapackage.yaml`` and the project rules on ``content/``),
a datapackage descriptor, a Table Schema on its own, or a single CSV file (its structure alone, or
against ``schema``). Problems in the data are returned in the report; an input that cannot be checked at
all raises :class:`eclaireur.errors.UnusableInputError` (exit code 2 at the CLI).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eclaireur.check.catalogue import kind_for
from eclaireur.check.custom import run_custom_checks, unsupported_notices
from eclaireur.check.descriptors import is_package, is_resource, is_schema, parse_descriptor
from eclaireur.check.encoding import choose_encoding, looks_binary
from eclaireur.check.fast import DEFAULT_LIMIT_ERRORS
from eclaireur.check.package import check_package, problem, resource_name, schema_problems, shown_path
from eclaireur.check.report import Notice, Problem, Report
from eclaireur.check.rules import check_project_rules
from eclaireur.check.source import TableSpec
from eclaireur.check.table import Engine, check_table
from eclaireur.errors import UnusableInputError
from eclaireur.load import DESCRIPTOR_NAMES

DESCRIPTOR_SUFFIXES = (".yaml", ".yml", ".json")


def find_descriptor(folder: Path) -> Path | None:
    """``data/datapackage.yaml`` (or .yml/.json) of a repository, or a descriptor in the folder itself."""
    for candidate_dir in (folder / "data", folder):
        for name in DESCRIPTOR_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
    return None


def check_path(
    target: Path,
    *,
    schema: Path | None = None,
    root: Path | None = None,
    limit_errors: int = DEFAULT_LIMIT_ERRORS,
    engine: Engine = "auto",
) -> Report:
    """Check ``target`` and return every problem found (``limit_errors`` per table, 0 = no limit)."""
    target = Path(target)
    display_base = Path(root) if root is not None else Path.cwd()
    report = Report(limit_errors=limit_errors)
    if not target.exists():
        raise UnusableInputError(f"{target} : fichier ou dossier introuvable.")
    if target.is_dir():
        if schema is not None:
            raise UnusableInputError("--schema s'utilise avec un fichier CSV, pas avec un dossier.")
        descriptor = find_descriptor(target)
        if descriptor is None:
            raise UnusableInputError(
                f"{target} : aucun descripteur de paquet (data/datapackage.yaml ou datapackage.json) ; "
                "indiquez un dépôt eclaireur, un descripteur ou un fichier CSV."
            )
        package = check_package(
            descriptor, display_base=display_base, limit_errors=limit_errors, engine=engine, report=report
        )
        check_project_rules(target, report=report, display_base=display_base, package=package)
        # --- Évaluations (issue 4) : règles croisées, voir eclaireur/evaluation/rules.py ---
        from eclaireur.evaluation.rules import evaluation_problems

        report.add(evaluation_problems(package))
        # --- fin des règles des évaluations ---
        # --- Contributions (issue 5) : formulaires et boîte de réception (contributions/inbox_check.py) ---
        from eclaireur.contributions.inbox_check import contribution_problems

        report.add(contribution_problems(target, display_base))
        # --- fin des contributions ---
        # --- Bulletins de vote (issue 6) : contributions/inbox/bulletins/ (vote/inbox.py) ---
        from eclaireur.vote.inbox import inbox_ballot_problems

        report.add(inbox_ballot_problems(target, display_base))
        # --- fin des bulletins de vote ---
        from eclaireur.tirage.check import draw_problems

        report.add(draw_problems(descriptor.parent, display_base))
        return report.finish()
    if target.suffix.lower() in DESCRIPTOR_SUFFIXES:
        if schema is not None:
            raise UnusableInputError("--schema s'utilise avec un fichier CSV, pas avec un descripteur.")
        _check_descriptor_file(target, display_base, limit_errors, engine, report)
        return report.finish()
    _check_single_csv(target, schema, display_base, limit_errors, engine, report)
    return report.finish()


def _check_descriptor_file(target: Path, display_base: Path, limit_errors: int, engine: Engine, report: Report) -> None:
    document, failure = parse_descriptor(target)
    shown = shown_path(target, display_base)
    if failure is None and is_schema(document):
        report.add_file(shown)
        found = schema_problems(document, shown)
        report.add(found)
        if not found:
            report.notices.extend(unsupported_notices(document, shown))
        return
    if failure is None and not is_package(document):
        report.add_file(shown)
        report.add(
            [problem("package-error", shown, detail="ni paquet de données (« resources ») ni schéma (« fields »)")]
        )
        return
    check_package(target, display_base=display_base, limit_errors=limit_errors, engine=engine, report=report)


def _load_schema_argument(schema: Path, display_base: Path) -> tuple[dict[str, Any], dict[str, Any] | None, str | None]:
    """``--schema``: a Table Schema, or a resource descriptor carrying schema, dialect and encoding."""
    if not schema.is_file():
        raise UnusableInputError(f"{schema} : schéma introuvable.")
    document, failure = parse_descriptor(schema)
    if failure is not None:
        where = f", ligne {failure.line}" if failure.line else ""
        raise UnusableInputError(f"{schema}{where} : schéma illisible — {failure.message}.")
    if is_resource(document):
        inner = document.get("schema")
        if isinstance(inner, str):
            inner, failure = parse_descriptor(schema.parent / inner)
            if failure is not None:
                raise UnusableInputError(f"{schema} : schéma « {document['schema']} » illisible — {failure.message}.")
        if not isinstance(inner, dict):
            raise UnusableInputError(f"{schema} : « schema » doit être un objet Table Schema.")
        dialect = document.get("dialect")
        encoding = document.get("encoding")
        return inner, dialect if isinstance(dialect, dict) else None, str(encoding) if encoding else None
    if not isinstance(document, dict):
        raise UnusableInputError(f"{schema} : un objet Table Schema (avec « fields ») est attendu.")
    return document, None, None


def _check_single_csv(
    target: Path, schema: Path | None, display_base: Path, limit_errors: int, engine: Engine, report: Report
) -> None:
    shown = shown_path(target, display_base)
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise UnusableInputError(f"{target} : lecture impossible ({exc.strerror or exc}).") from exc
    if looks_binary(data):
        raise UnusableInputError(f"{target} : fichier binaire ; un fichier texte CSV est attendu.")
    schema_dict: dict[str, Any] | None = None
    dialect: dict[str, Any] | None = None
    declared: str | None = None
    if schema is not None:
        schema_dict, dialect, declared = _load_schema_argument(schema, display_base)
        schema_shown = shown_path(schema, display_base)
        report.add_file(schema_shown)
        found = schema_problems(schema_dict, schema_shown)
        if found:
            report.add(found)
            return
        report.notices.extend(unsupported_notices(schema_dict, schema_shown))
    report.add_file(shown)
    try:
        choice = choose_encoding(data, declared, detect=True)
    except LookupError as exc:
        raise UnusableInputError(f"{schema} : encodage « {declared} » inconnu.") from exc
    if choice.failure is not None:
        failure = choice.failure
        report.add(
            [
                Problem(
                    code="encoding-error",
                    file=shown,
                    line=failure.line,
                    value=failure.byte,
                    message=kind_for("encoding-error").render(
                        value=failure.byte,
                        expected=failure.encoding,
                        detail=f" ; lu en {choice.encoding} pour continuer la vérification",
                    ),
                )
            ]
        )
    elif choice.detected:
        report.notices.append(Notice(shown, f"encodage détecté : {choice.encoding} (le fichier n'est pas en UTF-8)"))
    spec = TableSpec(
        name=resource_name(target.stem),
        base=target.parent,
        relpath=target.name,
        shown=shown,
        encoding=choice.encoding,
        schema=schema_dict,
        dialect=dialect,
        extra={"format": "tsv"} if target.suffix.lower() == ".tsv" else {"format": "csv"},
    )

    def own_keys(name: str, key: tuple[str, ...]) -> set[tuple[Any, ...]] | None:
        from eclaireur.check.fast import read_key_values

        return read_key_values(spec, key) if name == spec.name else None

    result = check_table(spec, limit_errors=limit_errors, engine=engine, key_values=own_keys)
    report.add(result.problems)
    report.notices.extend(result.notices)
    # Validata's « custom_checks » of the schema (check/custom/)
    custom = run_custom_checks(spec, limit_errors=limit_errors, found=len(result.problems))
    report.add(custom.problems)
    if result.truncated or custom.truncated:
        report.truncated.append(shown)
