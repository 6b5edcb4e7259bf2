"""``eclaireur build``: check the data, run mkdocs into a temporary folder, then swap it in.

A failed build removes its temporary folder and leaves the previous ``site/`` untouched; the swap is one
atomic exchange, and what a killed build left behind is cleaned at the next start (:mod:`eclaireur.swap`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import time
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from eclaireur import __version__
from eclaireur.config import CONFIG_FILE, EngineConfig, load_config
from eclaireur.errors import DataError
from eclaireur.swap import install, new_staging, recover, tidy

log = logging.getLogger("eclaireur")


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    seconds: float


def run_mkdocs(root: Path, site_dir: Path, *, strict: bool = False) -> None:
    """Run ``mkdocs build`` on ``root/mkdocs.yml`` into ``site_dir`` (French errors)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = mkdocs_load_config(config_file=str(root / CONFIG_FILE), site_dir=str(site_dir), strict=strict)
    except MkDocsException as exc:
        raise DataError(f"{root / CONFIG_FILE} : configuration invalide.\n{exc}") from exc
    errors = _ErrorCollector()
    logging.getLogger("mkdocs").addHandler(errors)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except MkDocsException as exc:
        detail = "\n".join(errors.messages) or str(exc)
        raise DataError(f"La construction du site a échoué :\n{detail}") from exc
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(errors)


class _ErrorCollector(logging.Handler):
    """Keeps the errors mkdocs logs before it aborts, to show them in the French message."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# Set by ``build_site`` while mkdocs runs: the data was checked already (or the user chose --no-check),
# so the plugin does not check again. ``mkdocs serve`` and plain ``mkdocs build`` leave it unset.
CHECKED_BY_CALLER: ContextVar[bool] = ContextVar("eclaireur_checked_by_caller", default=False)


def inputs_digest(config: EngineConfig) -> str:
    """SHA-256 of everything ``eclaireur check`` reads: data, content and the engine's version."""
    digest = hashlib.sha256(f"eclaireur {__version__}".encode())
    for folder in (config.data_dir, config.content_dir, config.root / "contributions"):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
            digest.update(str(path.relative_to(config.root)).encode("utf-8") + b"\0")
            digest.update(os.readlink(path).encode() if path.is_symlink() else path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def check_before_build(config: EngineConfig) -> None:
    """Stop before building when ``eclaireur check`` finds problems in the data.

    A successful check is remembered by the digest of its inputs, so that a rebuild with unchanged
    data does not validate the same files again.
    """
    from eclaireur.check.output import render_text
    from eclaireur.check.run import check_path

    memo = config.cache_dir / "check-valide.sha256"
    digest = inputs_digest(config)
    if memo.is_file() and memo.read_text(encoding="utf-8") == digest:
        log.info("Données inchangées depuis la dernière vérification réussie : vérification sautée.")
        return
    report = check_path(config.root, root=config.root)
    if not report.valid:
        raise DataError("Les données ne sont pas valides ; le site n'a pas été construit.\n" + render_text(report))
    memo.parent.mkdir(parents=True, exist_ok=True)
    tmp = memo.with_suffix(".tmp")
    tmp.write_text(digest, encoding="utf-8")
    tmp.replace(memo)


def build_site(root: Path, site_dir: Path | None = None, *, strict: bool = False, check: bool = True) -> BuildResult:
    """Build the site of the repository at ``root`` into ``site_dir`` (``root/site`` by default)."""
    started = time.perf_counter()
    root = root.resolve()
    config = load_config(root)  # French errors about mkdocs.yml before anything else
    if check:
        check_before_build(config)
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    tmp = new_staging(site_dir)
    token = CHECKED_BY_CALLER.set(True)
    try:
        run_mkdocs(root, tmp, strict=strict)
        try:
            install(tmp, site_dir)
        except OSError as exc:
            raise DataError(f"{site_dir} : le site construit n'a pas pu remplacer le précédent "
                            f"({exc.strerror or exc}) ; vérifiez les droits du dossier, puis relancez : le site "
                            "précédent est gardé, ou remis en place au démarrage suivant.") from exc
    except BaseException:  # nothing half-written: the previous site/ stays as it was
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        CHECKED_BY_CALLER.reset(token)
        tidy(site_dir)
    seconds = time.perf_counter() - started
    log.info("Site construit dans %s en %.1f s", site_dir, seconds)
    return BuildResult(site_dir, seconds)
