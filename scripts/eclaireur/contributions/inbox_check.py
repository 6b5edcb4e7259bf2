"""What ``eclaireur check`` says about forms and the contributions inbox (nothing is written).

A pull request that adds a bad file to ``contributions/inbox/`` fails CI with the file, the line of the
answer and the field named, in the check's own :class:`~eclaireur.check.report.Problem` type; the form
definitions of ``data/formulaires/`` and their resources are checked too.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from eclaireur.check.catalogue import kind_for
from eclaireur.check.records import TRUE_VALUES
from eclaireur.check.report import Problem
from eclaireur.config import EngineConfig, load_config
from eclaireur.contributions.intake import collect_files, examine
from eclaireur.contributions.moderation import journal_path
from eclaireur.contributions.publish import is_published
from eclaireur.contributions.store import folders, header_of, read_rows
from eclaireur.errors import EclaireurError
from eclaireur.forms.channels import template_problems
from eclaireur.forms.definition import ACCEPTED, FormDefinition, read_forms
from eclaireur.load import read_descriptor
from eclaireur.privacy import git_would_publish

HOW_TO_FIX = "corrigez le fichier (voir CONTRIBUTING.md, « Contributions »)"


def _shown(path: Path, base: Path) -> str:
    absolute = path.parent.resolve() / path.name
    try:
        return absolute.relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(absolute)


def _answer_line(data: bytes, field: str) -> int | None:
    """The line of ``  field:`` in a contribution file (1-based), for the annotation."""
    text = data.decode("utf-8", errors="replace")
    pattern = re.compile(rf"^\s+{re.escape(field)}\s*:")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _reason_code(reason: str) -> str:
    if "UTF-8" in reason:
        return "encoding-error"
    return "source-error"


def form_problems(repo: Path, display_base: Path) -> list[Problem]:
    """Problems of the form definitions, of their resources in the package and of the forge setting."""
    config = load_config(repo)
    forms, found = read_forms(config.data_dir)
    problems = [Problem("metadata-error", _shown(p.file, display_base), p.message) for p in found]
    if not forms:
        return problems
    try:
        descriptor = read_descriptor(config.datapackage_path)
    except EclaireurError:
        return problems  # the package check reports it
    declared = {str(r.get("name")): r for r in descriptor.get("resources", [])}
    package = _shown(config.datapackage_path, display_base)
    for form in forms:
        resource = declared.get(form.resource)
        if resource is None:
            problems.append(Problem("resource-error", package,
                                    f"la ressource « {form.resource} » du formulaire « {form.id} » n'est pas déclarée "
                                    f"; ajoutez-la (path: contributions/{form.id}.csv, "
                                    f"schema: formulaires/{form.schema_path.name})"))
            continue
        schema = (config.datapackage_path.parent / str(resource.get("schema", ""))).resolve()
        if schema != form.schema_path:
            problems.append(Problem("resource-error", package,
                                    f"la ressource « {form.resource} » doit avoir pour schéma celui du formulaire, "
                                    f"formulaires/{form.schema_path.name} (trouvé : {resource.get('schema')})"))
        path = (config.datapackage_path.parent / str(resource.get("path", ""))).resolve()
        leaks = public_file_problems(form, path, _shown(path, display_base))
        problems += leaks or register_mismatches(config, form, path, _shown(path, display_base))
    mkdocs = _shown(repo / "mkdocs.yml", display_base)
    problems += [Problem("metadata-error", mkdocs, message) for message in template_problems(config.forge_new_file_url)]
    problems += register_problems(config.root, config.private_dir, display_base)
    journal = journal_path(config)
    if journal.is_file():
        problems.append(Problem("private-data", _shown(journal, display_base), kind_for("private-data").render(
            detail="une modération a été interrompue avant d'être écrite partout ; relancez une commande "
            "« eclaireur contributions » (list suffit) pour la terminer")))
    return problems


def register_mismatches(config: EngineConfig, form: FormDefinition, path: Path, shown: str) -> list[Problem]:
    """Public rows that the private register, where it is present, does not allow to publish."""
    register = {row["id"]: row for row in read_rows(folders(config).register(form), header_of(form))}
    if not register or not path.is_file():
        return []
    problems: list[Problem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        line = 2
        for cells in reader:
            held = register.get(cells.get("id") or "")
            if held is not None and not is_published(held):
                why = (f"« {held['statut']} »" if held["statut"] != ACCEPTED
                       else "sans l'accord de son auteur")
                problems.append(Problem("private-data", shown, kind_for("private-data").render(
                    detail=f"la contribution « {held['id']} » est publiée mais le registre privé la dit {why} ; "
                    "« eclaireur contributions publish » la retire"), line=line, column="id", value=held["id"]))
            line = reader.line_num + 1
    return problems


def public_file_problems(form: FormDefinition, path: Path, shown: str) -> list[Problem]:
    """What the public file of a form holds that only its private register may hold."""
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            leaked = [name for name in header if name in form.private_fields]
            if leaked:
                names = ", ".join(f"« {name} »" for name in leaked)
                return [Problem("private-data", shown, kind_for("private-data").render(
                    detail=f"les colonnes {names} sont des champs privés du formulaire « {form.id} » : le dépôt public "
                    f"ne doit pas les contenir (déplacez ce fichier vers <private_dir>/{form.id}.csv)"), line=1,
                    column=leaked[0])]
            problems: list[Problem] = []
            line = reader.line_num + 1
            for record in reader:
                cells = dict(zip(header, record, strict=False))
                status, consent = cells.get("statut", ""), cells.get("consentement", "")
                if status != ACCEPTED or consent not in TRUE_VALUES:
                    what = f"est « {status} »" if status != ACCEPTED else "n'a pas l'accord de son auteur"
                    column = "statut" if status != ACCEPTED else "consentement"
                    problems.append(Problem("private-data", shown, kind_for("private-data").render(
                        detail=f"la contribution « {cells.get('id', '')} » {what} : seules les contributions "
                        "acceptées avec consentement figurent dans les données publiques"),
                        line=line, column=column, value=cells.get(column, "")))
                line = reader.line_num + 1
            return problems
    except (OSError, UnicodeDecodeError, csv.Error):
        return []  # the package check reports an unreadable file


def register_problems(root: Path, private: Path, display_base: Path) -> list[Problem]:
    """The private register must not be committed: inside the repository, Git must ignore it."""
    if not git_would_publish(root, private / "registre.csv"):
        return []
    folder = private.resolve().relative_to(root.resolve()).as_posix()
    return [Problem("private-data", _shown(root / ".gitignore", display_base),
                    f"le registre privé « {folder}/ » est dans le dépôt mais Git ne l'ignore pas : ses données "
                    f"personnelles seraient publiées au prochain commit ; ajoutez la ligne « /{folder}/ » à "
                    ".gitignore (ou choisissez avec l'option private_dir un dossier hors du dépôt)", value=folder)]


def inbox_problems(repo: Path, display_base: Path) -> list[Problem]:
    """One problem per reason a file of ``contributions/inbox/`` would be put in quarantine."""
    config = load_config(repo)
    box = folders(config)
    forms, found = read_forms(config.data_dir)
    if found or not box.inbox.is_dir():
        return []
    by_id = {form.id: form for form in forms}
    problems: list[Problem] = []
    for path in collect_files(box, []):
        item = examine(box, path, by_id)
        shown = _shown(path, display_base)
        field_texts = {fault.text() for fault in item.faults}
        for fault in item.faults:
            problems.append(Problem(fault.code, shown, f"{fault.text()} ; {HOW_TO_FIX}",
                                    line=_answer_line(item.data, fault.field), column=fault.field,
                                    value=fault.value[:200]))
        for reason in item.reasons:
            if reason not in field_texts:
                problems.append(Problem(_reason_code(reason), shown, f"{reason} ; {HOW_TO_FIX}"))
    return problems


def contribution_problems(repo: Path, display_base: Path) -> list[Problem]:
    """Everything ``eclaireur check`` reports about forms and contributions of the repository ``repo``."""
    if not (repo / "mkdocs.yml").is_file():
        return []
    try:
        problems = form_problems(repo, display_base)
        return problems + inbox_problems(repo, display_base)
    except EclaireurError as exc:
        return [Problem("metadata-error", _shown(repo / "mkdocs.yml", display_base), exc.message)]
