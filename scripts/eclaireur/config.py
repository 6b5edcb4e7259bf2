"""Engine configuration: the options of the ``eclaireur`` plugin in ``mkdocs.yml``.

The same typed object is used by the mkdocs plugin and by the CLI commands that do not run mkdocs
(``check``, ``print`` ...). Every problem is collected before stopping once, as mkdocs does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eclaireur.errors import UnusableInputError
from eclaireur.load import DESCRIPTOR_NAMES
from eclaireur.safeyaml import load_yaml

CONFIG_FILE = "mkdocs.yml"
DEFAULT_PRIVATE_DIR = "contributions/prive"
"""Where the private register is kept by default: inside the repository, ignored by Git."""


@dataclass(frozen=True)
class EngineConfig:
    """Where things are and how the site is published."""

    root: Path
    data_dir: Path
    content_dir: Path
    theme_dir: Path
    cache_dir: Path
    private_dir: Path
    site_name: str = ""
    site_url: str = ""
    reference_date: dt.date | None = None
    contribution_email: str = ""
    contribution_url: str = ""
    repo_url: str = ""
    forge_new_file_url: str = ""
    forge_branch: str = "main"
    forge_max_url_length: int = 8000
    contribution_endpoint: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def datapackage_path(self) -> Path:
        for name in DESCRIPTOR_NAMES:
            candidate = self.data_dir / name
            if candidate.exists():
                return candidate
        return self.data_dir / "datapackage.yaml"


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/name`` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_LenientLoader.add_multi_constructor("!", _ignore_tag)


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    path = root / CONFIG_FILE
    if not path.is_file():
        raise UnusableInputError(
            f"{path} : fichier de configuration introuvable. Lancez la commande depuis la racine du dépôt "
            "(le dossier qui contient mkdocs.yml) ou indiquez-le avec --root."
        )
    try:
        loaded = load_yaml(path.read_text(encoding="utf-8"), _LenientLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UnusableInputError(f"{path} : YAML illisible ({exc}).") from exc
    if not isinstance(loaded, dict):
        raise UnusableInputError(f"{path} : la configuration doit être un dictionnaire YAML.")
    return loaded


def plugin_options(mkdocs_yml: dict[str, Any]) -> dict[str, Any]:
    """The options given to ``- eclaireur:`` in the ``plugins`` list."""
    for entry in mkdocs_yml.get("plugins") or []:
        if isinstance(entry, dict) and "eclaireur" in entry:
            return dict(entry["eclaireur"] or {})
    return {}


def parse_iso_date(value: Any, key: str, problems: list[str]) -> dt.date | None:
    """A date from a setting (YAML may already have made it a date); a French problem when it is not one."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"« {key} » vaut « {value} » : une date AAAA-MM-JJ est attendue.")
        return None


def _positive_int(value: Any, key: str, default: int, problems: list[str]) -> int:
    if value in (None, ""):
        return default
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    problems.append(f"{key} : « {value} » n'est pas un nombre entier positif.")
    return default


def _private_folder(root: Path, value: Any, problems: list[str]) -> Path:
    """``private_dir``: the private register may live outside the repository (that is its point)."""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"private_dir : un chemin de dossier est attendu, pas « {value} ».")
        return root / DEFAULT_PRIVATE_DIR
    path = (root / Path(value).expanduser()).resolve()
    if path == root or path in root.parents:
        problems.append(f"private_dir : « {value} » contiendrait tout le dépôt ; indiquez un dossier à part, "
                        f"par exemple « {DEFAULT_PRIVATE_DIR} » (ignoré par Git) ou un dossier hors du dépôt.")
    return path


def engine_config(root: Path, options: dict[str, Any], mkdocs_yml: dict[str, Any]) -> EngineConfig:
    """Build the typed configuration, collecting every problem before raising once."""
    problems: list[str] = []
    root = root.resolve()

    def folder(key: str, default: str) -> Path:
        value = options.get(key, default)
        if not isinstance(value, str) or not value:
            problems.append(f"{key} : un chemin de dossier est attendu, pas « {value} ».")
            return root / default
        path = (root / value).resolve()
        if root not in path.parents and path != root:
            problems.append(f"{key} : « {value} » sort du dépôt ; indiquez un dossier du dépôt.")
        return path

    data_dir = folder("data_dir", "data")
    content_dir = (root / str(mkdocs_yml.get("docs_dir", "content"))).resolve()
    theme_dir = folder("theme_dir", "theme")
    cache_dir = folder("cache_dir", ".cache/eclaireur")
    private_dir = _private_folder(root, options.get("private_dir", DEFAULT_PRIVATE_DIR), problems)
    reference = parse_iso_date(options.get("reference_date"), "reference_date", problems)
    max_url_length = _positive_int(options.get("forge_max_url_length"), "forge_max_url_length", 8000, problems)
    if problems:
        raise UnusableInputError(
            "Configuration du module eclaireur (mkdocs.yml) invalide :\n" + "\n".join(f"- {p}" for p in problems)
        )
    return EngineConfig(
        root=root,
        data_dir=data_dir,
        content_dir=content_dir,
        theme_dir=theme_dir,
        cache_dir=cache_dir,
        private_dir=private_dir,
        site_name=str(mkdocs_yml.get("site_name", "")),
        site_url=str(mkdocs_yml.get("site_url") or ""),
        reference_date=reference,
        contribution_email=str(options.get("contribution_email", "")),
        contribution_url=str(options.get("contribution_url", "")),
        repo_url=str(mkdocs_yml.get("repo_url") or ""),
        forge_new_file_url=str(options.get("forge_new_file_url") or ""),
        forge_branch=str(options.get("forge_branch") or "main"),
        forge_max_url_length=max_url_length,
        contribution_endpoint=str(options.get("contribution_endpoint") or ""),
        options=options,
    )


def load_config(root: Path) -> EngineConfig:
    """Read ``mkdocs.yml`` at ``root`` and return the engine configuration."""
    mkdocs_yml = read_mkdocs_yml(root)
    return engine_config(root, plugin_options(mkdocs_yml), mkdocs_yml)
