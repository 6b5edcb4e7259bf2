"""A synthetic authority: the demo repository with its projects multiplied to ``n`` projects.

Each added project is a copy of a demo project with a new id, and its chronology, key figures,
people and comments copied along, so that every page has the size and shape of a real one and
the package stays valid (primary and foreign keys).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

COPIED = ("mkdocs.yml", "content", "data", "theme")
CHILDREN = {"jalons": "projet", "chiffres_cles": "projet", "intervenants": "projet", "commentaires": "projet"}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fieldnames: list[str], records: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_plugin_option(repo: Path, name: str, value: object) -> None:
    """Set an option of the ``eclaireur`` plugin in ``repo/mkdocs.yml`` (the copy's, never the source's)."""
    import yaml

    from eclaireur.safeyaml import load_yaml

    path = repo / "mkdocs.yml"
    config = load_yaml(path.read_text(encoding="utf-8"))
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "eclaireur" in plugin:
            plugin["eclaireur"][name] = value
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_synthetic(source: Path, target: Path, projects: int) -> int:
    """Copy the repository at ``source`` to ``target`` with ``projects`` projects; return the count."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.exists():
            shutil.copy2(path, target / name)
    data = target / "data"
    fields, originals = _read(data / "projets.csv")
    children = {name: _read(data / f"{name}.csv") for name in CHILDREN if (data / f"{name}.csv").exists()}
    added: list[dict[str, str]] = []
    copies: dict[str, list[dict[str, str]]] = {name: [] for name in children}
    copy_number = 0
    next_comment = 1 + max((int(r["id"].split("-")[-1]) for r in children.get("commentaires", ([], []))[1]
                            if r["id"].split("-")[-1].isdigit()), default=0)
    while len(originals) + len(added) < projects:
        copy_number += 1
        for original in originals:
            if len(originals) + len(added) >= projects:
                break
            new_id = f"{original['id']}-s{copy_number}"
            added.append(dict(original, id=new_id, nom=f"{original['nom']} (variante {copy_number})"))
            for name, (_, records) in children.items():
                for record in records:
                    if record[CHILDREN[name]] == original["id"]:
                        copy = dict(record, **{CHILDREN[name]: new_id})
                        if "id" in copy:  # comments: « c-<number> », numbered after the demo's
                            copy["id"] = f"c-{next_comment:03d}"
                            next_comment += 1
                        copies[name].append(copy)
    _write(data / "projets.csv", fields, originals + added)
    for name, (child_fields, records) in children.items():
        _write(data / f"{name}.csv", child_fields, records + copies[name])
    return len(originals) + len(added)
