"""Ballots waiting in ``contributions/inbox/bulletins/``, read the same way by ``eclaireur election importer``
(which adds them to the ballot file) and by ``eclaireur check`` (which names the files the import would refuse).

The ballot page proposes each ballot as ``contributions/inbox/bulletins/<identifiant>.yaml`` (forge link,
download); an e-mailed ballot is saved there by the team (``.txt``), and the optional reception service
stores ``.json`` files there. A file is refused when it is not a ballot (:mod:`eclaireur.vote.ballot_file`),
is not in UTF-8, belongs to another election, names an unknown channel or has an unreadable timestamp. The
ranking itself is never judged here: a spoiled ballot is still a ballot, counted and reported by the tally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from eclaireur.check.report import Problem
from eclaireur.contributions.store import CONTRIBUTIONS, INBOX
from eclaireur.forms.definition import BALLOT_INBOX
from eclaireur.vote.ballot_file import MAX_BYTES, BallotFile, BallotFileError, read_ballot_text
from eclaireur.vote.setup import ElectionSetup

FOLDER = f"{CONTRIBUTIONS}/{INBOX}/{BALLOT_INBOX}/"
"""The inbox of ballots, relative to the repository (what the page shows and the forge link fills in)."""

IGNORED_NAMES = (".gitkeep", "README.md", "LISEZMOI.md")
HOW_TO_FIX = "corrigez le fichier ou retirez-le de la boîte (voir CONTRIBUTING.md, « Bulletins de vote »)"


def ballot_inbox(root: Path) -> Path:
    return root / CONTRIBUTIONS / INBOX / BALLOT_INBOX


def ballot_files(targets: Sequence[Path]) -> list[Path]:
    """The files given, and the files under the folders given (sorted; README, hidden files left out)."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir() and not target.is_symlink():
            found += [
                path for path in sorted(target.rglob("*"))
                if (path.is_file() or path.is_symlink()) and path.name not in IGNORED_NAMES
                and not path.name.startswith(".") and not path.name.endswith(".motif.txt")
            ]
        else:
            found.append(target)
    return found


def is_inside(folder: Path, path: Path) -> bool:
    folder = folder.resolve()
    parent = path.parent.resolve()
    return parent == folder or folder in parent.parents


def _timestamp_problem(ballot: BallotFile) -> str:
    if not ballot.horodatage:
        return ""
    try:
        dt.date.fromisoformat(ballot.horodatage[:10])
    except ValueError:
        return (f"horodatage « {ballot.horodatage[:40]} » illisible (attendu : AAAA-MM-JJTHH:MM:SS+01:00, "
                "comme l'écrit la page du bulletin)")
    return ""


def examine(path: Path, setup: ElectionSetup) -> tuple[BallotFile | None, list[str]]:
    """Read one ballot file for ``setup``'s election: the ballot, and why it would be refused (French)."""
    if path.is_symlink():
        return None, ["lien symbolique refusé : déposez le fichier lui-même"]
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [f"le fichier fait {size} octets ; un bulletin en fait au plus {MAX_BYTES}"]
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return None, [f"fichier illisible ({exc.strerror})"]
    except UnicodeDecodeError:
        return None, ["le fichier n'est pas en UTF-8"]
    try:
        ballot = read_ballot_text(path.name, text.removeprefix("\ufeff"), setup.id, setup.options)
    except BallotFileError as exc:
        return None, [f"ce n'est pas un bulletin ({'; '.join(exc.reasons)})"]
    reasons = []
    if ballot.election != setup.id:
        reasons.append(f"bulletin de l'élection « {ballot.election} », pas de « {setup.id} »")
    if ballot.canal not in setup.channels:
        reasons.append(f"canal « {ballot.canal} » inconnu (canaux : {', '.join(setup.channels)})")
    problem = _timestamp_problem(ballot)
    if problem:
        reasons.append(problem)
    return ballot, reasons


def inbox_ballot_problems(repo: Path, display_base: Path) -> list[Problem]:
    """What ``eclaireur check`` reports about ``contributions/inbox/bulletins/`` (one problem per reason)."""
    from eclaireur.config import load_config
    from eclaireur.errors import EclaireurError
    from eclaireur.vote.setup import setup_from_files

    def shown(path: Path) -> str:
        absolute = path.parent.resolve() / path.name
        try:
            return absolute.relative_to(display_base.resolve()).as_posix()
        except ValueError:
            return str(absolute)

    if not (repo / "mkdocs.yml").is_file():
        return []
    config = load_config(repo)
    folder = ballot_inbox(config.root)
    files = ballot_files([folder]) if folder.is_dir() else []
    if not files:
        return []
    try:
        default, _ = setup_from_files(config.data_dir)
    except EclaireurError as exc:
        return [Problem("metadata-error", shown(folder),
                        f"{len(files)} fichier(s) dans {FOLDER} mais l'élection ne peut pas être lue : {exc.message}")]
    setups = {default.id: default}
    problems = []
    for path in files:
        ballot, reasons = examine(path, default)
        if ballot is not None and ballot.election != default.id:
            if ballot.election not in setups:
                try:
                    setups[ballot.election] = setup_from_files(config.data_dir, ballot.election)[0]
                except EclaireurError as exc:
                    problems.append(Problem("source-error", shown(path), f"{exc.message.rstrip('.')} ; {HOW_TO_FIX}",
                                            column="election", value=ballot.election))
                    continue
            ballot, reasons = examine(path, setups[ballot.election])
        code = "encoding-error" if any("UTF-8" in r for r in reasons) else "source-error"
        problems += [Problem(code, shown(path), f"{reason} ; {HOW_TO_FIX}") for reason in reasons]
    return problems
