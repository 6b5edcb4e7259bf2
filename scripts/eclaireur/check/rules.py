"""The project's own rules, beyond Table Schema.

- every Markdown page of ``content/`` that opens with a YAML front matter block must parse, and its
  ``title``, when present, must be a text;
- every media file referenced by a page (``![texte](chemin)``) or by a data field marked
  ``"eclaireur:media": true`` in its schema must exist and stay inside the repository (no absolute path,
  no ``..`` climbing out, no symbolic link pointing outside).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import yaml

from eclaireur.check.catalogue import kind_for
from eclaireur.check.report import Problem, Report
from eclaireur.safeyaml import load_yaml

if TYPE_CHECKING:
    from eclaireur.check.package import PackageCheck

MEDIA_FLAG = "eclaireur:media"
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\]|(?![(\[]))")
DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class MediaReference:
    """A media path written in ``file`` at ``line``; ``base`` is the folder it is relative to."""

    file: str
    line: int | None
    raw: str
    base: Path
    column: str | None = None


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def type_name(value: Any) -> str:
    """French name of the YAML type of ``value``."""
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int | float):
        return "un nombre"
    if isinstance(value, datetime | date):
        return "une date"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un dictionnaire"
    if value is None:
        return "vide"
    return type(value).__name__


def front_matter(text: str) -> tuple[str, int] | None:
    """The YAML block of a page and the line it starts on, or None when the page has none."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), 2
    return "\n".join(lines[1:]), 2


def front_matter_problems(text: str, shown: str) -> list[Problem]:
    block = front_matter(text)
    if block is None:
        return []
    source, first_line = block
    try:
        data = load_yaml(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        detail = str(getattr(exc, "problem", None) or exc)
        return [Problem("front-matter", shown, kind_for("front-matter").render(detail=detail), line=line)]
    if data is None:
        return []
    if not isinstance(data, dict):
        detail = f"un dictionnaire « clé: valeur » est attendu, pas {type_name(data)}"
        return [Problem("front-matter", shown, kind_for("front-matter").render(detail=detail), line=first_line)]
    if "title" in data and not isinstance(data["title"], str):
        value = data["title"]
        line = first_line + next(
            (number for number, row in enumerate(source.splitlines()) if row.startswith("title")), 0
        )
        message = kind_for("front-matter-title").render(value=value, detail=type_name(value))
        return [Problem("front-matter-title", shown, message, line=line, column="title", value=str(value))]
    return []


def _label(text: str) -> str:
    """A reference label as Markdown matches it: case and runs of blanks do not count."""
    return " ".join(text.split()).casefold()


def _outside_fences(text: str) -> Iterator[tuple[int, str]]:
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def _local(raw: str) -> bool:
    """Not an anchor nor an address with a scheme (a Windows drive letter is a local path)."""
    return not (raw.startswith("#") or (SCHEME.match(raw) and not re.match(r"^[A-Za-z]:[\\/]", raw)))


def markdown_media(text: str, shown: str, base: Path) -> Iterator[MediaReference]:
    """Images referenced by a page, outside fenced code blocks: inline ``![alt](path)`` and reference-style
    ``![alt][label]``, ``![alt][]`` or ``![alt]`` with a ``[label]: path`` definition (reported on the line of
    the definition, where the path is written; once per definition)."""
    lines = list(_outside_fences(text))
    definitions: dict[str, tuple[int, str]] = {}
    for number, line in lines:
        found = DEFINITION.match(line)
        if found:
            definitions.setdefault(_label(found.group(1)), (number, found.group(2).strip("<>")))
    used: set[str] = set()
    for number, line in lines:
        for match in IMAGE.finditer(line):
            raw = match.group(1).strip("<>")
            if _local(raw):
                yield MediaReference(shown, number, raw, base)
        for match in REFERENCE_IMAGE.finditer(line):
            label = _label(match.group(2) or match.group(1))
            if label in definitions and label not in used:
                used.add(label)
                line_number, raw = definitions[label]
                if _local(raw):
                    yield MediaReference(shown, line_number, raw, base)


def media_problem(reference: MediaReference, root: Path) -> Problem | None:
    """Why ``reference`` is broken (outside the repository, missing), or None."""
    path_text = unquote(reference.raw.split("#", 1)[0].split("?", 1)[0])
    if not path_text:
        return None
    reason = None
    posix = PurePosixPath(path_text.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[A-Za-z]:", path_text):
        reason = "chemin absolu : écrivez un chemin relatif à la page ou au paquet"
    candidate = reference.base / path_text
    root_real = root.resolve()
    if reason is None:
        lexical = Path(os.path.normpath(os.path.join(reference.base.resolve(), path_text)))
        if not lexical.is_relative_to(root_real):
            reason = "« .. » remonte au-dessus du dépôt"
        elif candidate.exists() and not candidate.resolve().is_relative_to(root_real):
            reason = "lien symbolique vers l'extérieur du dépôt"
    if reason is not None:
        message = kind_for("media-outside").render(value=reference.raw, detail=reason)
        return Problem(
            "media-outside", reference.file, message, line=reference.line, column=reference.column, value=reference.raw
        )
    if not candidate.is_file():
        where = f" (cherché dans {_shown(candidate.parent, root)}/)"
        message = kind_for("media-missing").render(value=reference.raw, detail=where)
        return Problem(
            "media-missing", reference.file, message, line=reference.line, column=reference.column, value=reference.raw
        )
    return None


def data_media(check: PackageCheck) -> Iterator[MediaReference]:
    """Values of fields flagged ``"eclaireur:media": true``, relative to the package folder."""
    from eclaireur.check.records import records

    for name, spec in check.specs.items():
        flagged = [item["name"] for item in check.schema_fields.get(name, []) if item.get(MEDIA_FLAG) is True]
        for record in records(check, name) if flagged else ():
            for column in flagged:
                if record.text(column):
                    yield MediaReference(spec.shown, record.line, record.text(column), spec.base, column)


def check_project_rules(folder: Path, *, report: Report, display_base: Path, package: PackageCheck | None) -> None:
    """Front matter and media of the repository at ``folder``; problems go into ``report``."""
    root = folder
    references: list[MediaReference] = []
    content = folder / "content"
    if content.is_dir():
        for page in sorted(content.rglob("*.md")):
            if not page.is_file():
                continue
            shown = _shown(page, display_base)
            report.add_file(shown)
            try:
                text = page.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                line = page.read_bytes().count(b"\n", 0, exc.start) + 1
                report.add(
                    [
                        Problem(
                            "encoding-error",
                            shown,
                            kind_for("encoding-error").render(
                                value=f"0x{page.read_bytes()[exc.start]:02X}", expected="UTF-8"
                            ),
                            line=line,
                        )
                    ]
                )
                continue
            report.add(front_matter_problems(text, shown))
            references.extend(markdown_media(text, shown, page.parent))
    if package is not None:
        references.extend(data_media(package))
    for reference in references:
        found = media_problem(reference, root)
        if found is not None:
            report.add([found])
