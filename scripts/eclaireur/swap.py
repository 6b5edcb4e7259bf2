"""Replacing ``site/`` by a finished build in one step, and cleaning what a killed build left behind.

A build writes into ``.<site>-construction/nouveau-<pid>-…`` beside ``site/`` (same file system, so a rename
is enough), then exchanges it with ``site/`` in one atomic system call (Linux ``renameat2`` with
``RENAME_EXCHANGE``): at every instant ``site/`` is either the previous site or the new one, whole. Where the
call does not exist (another system, a file system that refuses it) two renames are made, through
``ancien-<pid>-…``; a kill between them leaves no ``site/``, and :func:`recover` puts the previous one back at
the next start.

The construction folder holds a ``.gitignore`` of its own (``*``): ``git add -A`` never takes a half-built
site, even when the repository's ``.gitignore`` does not name the folder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("eclaireur")

NEW, OLD = "nouveau", "ancien"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_root(site_dir: Path) -> Path:
    """The folder, beside ``site_dir``, where builds are made before they replace it."""
    return site_dir.parent / f".{site_dir.name}-construction"


def new_staging(site_dir: Path) -> Path:
    """An empty folder for this build, named after this process (so that a later build knows it is dead)."""
    root = staging_root(site_dir)
    root.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Constructions en cours d'eclaireur : jamais dans Git.\n*\n", encoding="utf-8")
    return Path(tempfile.mkdtemp(prefix=f"{NEW}-{os.getpid()}-", dir=root))


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); ``False`` when the system cannot."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return done == 0


def install(staging: Path, site_dir: Path, *, exchange: bool = True) -> None:
    """Put the finished build ``staging`` in place of ``site_dir`` and remove the previous site."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if exchange and _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f"{OLD}-{os.getpid()}-", dir=staging_root(site_dir)))
    old.rmdir()
    os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def tidy(site_dir: Path) -> None:
    """Remove the construction folder when no build uses it any more (it then holds only its ``.gitignore``)."""
    root = staging_root(site_dir)
    ignore = root / ".gitignore"
    try:
        if [p.name for p in root.iterdir()] != [".gitignore"]:
            return
        text = ignore.read_bytes()
        ignore.unlink()
    except OSError:
        return
    try:
        root.rmdir()
    except OSError:  # another build started meanwhile: its folder keeps the .gitignore
        ignore.write_bytes(text)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(site_dir: Path) -> list[str]:
    """Clean what killed builds left beside ``site_dir``; put the previous site back if a kill took it away.

    Returns a French sentence per thing done. Folders of builds still running (their process is alive) are
    left alone. The ``.<site>-nouveau-*`` and ``.<site>-ancien-*`` folders of earlier versions are removed.
    """
    done: list[str] = []
    root = staging_root(site_dir)
    leftovers: list[Path] = []
    if root.is_dir():
        for path in sorted(root.iterdir()):
            kind, _, rest = path.name.partition("-")
            pid = rest.partition("-")[0]
            if kind in (NEW, OLD) and path.is_dir() and pid.isdigit() and not _alive(int(pid)):
                leftovers.append(path)
    leftovers += [
        path for path in sorted(site_dir.parent.glob(f".{site_dir.name}-*-*"))
        if path.is_dir() and path.name.startswith((f".{site_dir.name}-{NEW}-", f".{site_dir.name}-{OLD}-"))
    ]
    for path in leftovers:
        previous = path.name.startswith(OLD) or path.name.startswith(f".{site_dir.name}-{OLD}-")
        if previous and not site_dir.exists():
            os.rename(path, site_dir)
            done.append(f"site précédent remis en place ({site_dir.name}/) : une construction avait été interrompue.")
            continue
        shutil.rmtree(path, ignore_errors=True)
        done.append(f"dossier d'une construction interrompue supprimé : {path.name}")
    for sentence in done:
        log.info("%s", sentence)
    return done
