"""Ballots waiting in ``contributions/inbox/bulletins/``, read the same way by ``eclaireur election importer``
(which adds them to the ballot file) and by ``eclaireur check`` (which names the files the import would refuse).

The ballot page proposes each ballot as ``contributions/inbox/bulletins/<identifiant>.yaml`` (forge link,
download); an e-mailed ballot is saved there by the team (``.txt``), and the optional reception service
stores ``.json`` files there. A file is refused when it is not a ballot (:mod:`eclaireur.vote.ballot_file`),
is not in UTF-8, belongs to another election, names an unknown channel or has an unreadable timestamp. The
ranking itself is never judged here: a spoiled ballot is still a ballot, counted and reported by the tally.

A file whose submission key (:func:`~eclaireur.vote.ballot_file.submission_key`) is already in the ballot
file (column ``envoi``) was already imported: the import skips it, and ``eclaireur check`` reports it as a
problem, so that a pull request bringing a ballot already counted is not merged as a new one (it would be
harmless, the import skipping it, but it is the sign of a ballot sent twice and it would stay in the inbox);
the fix is to remove the file. The same goes for two files of the inbox that are copies of one submission.
An e-mail sent without JavaScript and without date is only keyed by the import (``--date``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eclaireur.check.report import Problem
from eclaireur.contributions.store import CONTRIBUTIONS, INBOX
from eclaireur.errors import DataError
from eclaireur.forms.definition import BALLOT_INBOX
from eclaireur.vote.ballot_file import MAX_BYTES, BallotFile, BallotFileError, read_ballot_text, submission_key
from eclaireur.vote.codes import code_hash
from eclaireur.vote.ranking import RankingReader
from eclaireur.vote.setup import ElectionSetup

FOLDER = f"{CONTRIBUTIONS}/{INBOX}/{BALLOT_INBOX}/"
"""The inbox of ballots, relative to the repository (what the page shows and the forge link fills in)."""

IGNORED_NAMES = (".gitkeep", "README.md", "LISEZMOI.md")
HOW_TO_FIX = "corrigez le fichier ou retirez-le de la boîte (voir CONTRIBUTING.md, « Bulletins de vote »)"
KEY_COLUMN = "envoi"
"""Column of the ballot file holding the submission key (empty for paper ballots keyed in by agents)."""


@dataclass(frozen=True)
class Recorded:
    """A ballot of the ballot file, as far as telling copies apart goes."""

    id: str
    classement: str
    code_hash: str
    file: str = ""
    """The file it comes from, for a ballot added by the running import (empty: already in the ballot file)."""

    def same_ballot(self, classement: str, digest: str) -> bool:
        return self.classement.strip() == classement.strip() and self.code_hash.strip().lower() == digest


@dataclass
class RecordedBallots:
    """What the ballot file already holds: its header, ballots by submission key, the first ballot of each
    code hash, the highest ballot number."""

    header: list[str]
    by_key: dict[str, Recorded] = field(default_factory=dict)
    by_code: dict[str, str] = field(default_factory=dict)
    last_number: int = 0

    def add(self, key: str, recorded: Recorded) -> None:
        if key:
            self.by_key.setdefault(key, recorded)
        if recorded.code_hash:
            self.by_code.setdefault(recorded.code_hash.strip().lower(), recorded.id)


def read_recorded(path: Path, data: bytes | None = None) -> RecordedBallots:
    """Read the ballot file ``path`` (or its bytes ``data``) for the import and ``eclaireur check``."""
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8-sig")
    except OSError as exc:
        raise DataError(f"{path} : fichier illisible ({exc.strerror}).") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} : le fichier n'est pas en UTF-8 ({exc.reason}, octet {exc.start}).") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
        result = RecordedBallots(header)
        at = {name: header.index(name) for name in ("id", "classement", "code_hash", KEY_COLUMN) if name in header}
        width = max(at.values(), default=-1) + 1
        for record in reader:
            if len(record) < width:
                record = record + [""] * (width - len(record))
            ballot_id = record[at["id"]].strip() if "id" in at else ""
            if ballot_id.startswith("b-") and ballot_id[2:].isdigit():
                result.last_number = max(result.last_number, int(ballot_id[2:]))
            result.add(
                record[at[KEY_COLUMN]].strip() if KEY_COLUMN in at else "",
                Recorded(ballot_id, record[at["classement"]] if "classement" in at else "",
                         record[at["code_hash"]].strip().lower() if "code_hash" in at else ""),
            )
    except csv.Error as exc:
        raise DataError(f"{path}, ligne {reader.line_num} : fichier CSV illisible ({exc}).") from exc
    return result


def ballot_inbox(root: Path) -> Path:
    return root / CONTRIBUTIONS / INBOX / BALLOT_INBOX


def ballot_files(targets: Sequence[Path]) -> list[Path]:
    """The files given, and the files under the folders given (sorted; README left out, hidden files kept)."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir() and not target.is_symlink():
            found += [
                path for path in sorted(target.rglob("*"))
                if (path.is_file() or path.is_symlink()) and path.name not in IGNORED_NAMES
                and not path.name.endswith(".motif.txt")
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
        default, ballots_path = setup_from_files(config.data_dir)
    except EclaireurError as exc:
        return [Problem("metadata-error", shown(folder),
                        f"{len(files)} fichier(s) dans {FOLDER} mais l'élection ne peut pas être lue : {exc.message}")]
    setups = {default.id: default}
    problems = []
    valid: list[tuple[Path, BallotFile, ElectionSetup]] = []
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
        if ballot is not None and not reasons:
            valid.append((path, ballot, setups[ballot.election]))
    if valid:
        try:
            recorded = read_recorded(ballots_path)
        except EclaireurError:
            return problems  # the ballot file itself is reported by the check of the data package
        problems += _copies(valid, recorded, shown)
    return problems


def _copies(
    ballots: list[tuple[Path, BallotFile, ElectionSetup]], recorded: RecordedBallots, shown: Callable[[Path], str]
) -> list[Problem]:
    """The inbox files already imported, copies of an earlier file of the inbox, or not copies although
    their key is known (what the import would skip or refuse)."""
    problems = []
    readers: dict[str, RankingReader] = {}
    for path, ballot, setup in ballots:
        date = ballot.horodatage[:10]
        if not ballot.identifiant.strip() and not date:
            continue  # an e-mail sent without JavaScript is keyed with the day given to the import (--date)
        digest = code_hash(setup.id, ballot.code) if ballot.code else ""
        if setup.id not in readers:
            try:
                readers[setup.id] = RankingReader(setup.options)
            except ValueError:
                continue  # options repeated or too many: reported with the désirs
        key = submission_key(setup.id, ballot, date, digest, readers[setup.id])
        _, message = copy_problem(key, ballot, digest, recorded)
        if message:
            problems.append(Problem("unique-error", shown(path), message, column=KEY_COLUMN, value=key))
        else:
            recorded.add(key, Recorded("", ballot.classement, digest, file=shown(path)))
    return problems


def copy_problem(key: str, ballot: BallotFile, digest: str, recorded: RecordedBallots) -> tuple[bool, str]:
    """Why the ballot whose submission key is ``key`` is not added, if it is not: ``(True, reason)`` for a
    copy of a ballot already recorded (skipped by the import), ``(False, reason)`` for a file whose key is
    known with another ranking or code (refused); ``(False, "")`` when the key is new."""
    earlier = recorded.by_key.get(key)
    if earlier is None:
        return False, ""
    where = f"bulletin {earlier.id}" if earlier.id else f"fichier {earlier.file}"
    if earlier.id and earlier.file:
        where += f", ajouté par cette commande depuis {earlier.file}"
    if not earlier.same_ballot(ballot.classement, digest):
        return False, (
            f"même clé d'envoi ({KEY_COLUMN} {key}) que le {where}, mais pas le même classement ou pas le même "
            "code : ce n'est pas une copie (fichier modifié à la main ?) ; un bulletin envoyé ne se corrige pas, "
            "la personne en prépare un nouveau sur la page du bulletin ; n'importez pas ce fichier (retirez-le de "
            "la boîte, voir CONTRIBUTING.md, « Bulletins de vote »)"
        )
    if ballot.identifiant.strip():
        same = "même identifiant"
    else:
        same = ("courriel sans identifiant : même classement, même code et même jour ; si ce sont deux personnes "
                "différentes, ajoutez au fichier une ligne identifiant=<référence du courriel>")
    if earlier.id:
        return True, f"déjà importé : {where} ({same})"
    return True, f"copie du {where} ({same}) : un seul des deux sera importé ; retirez l'autre de la boîte"
