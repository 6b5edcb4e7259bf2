"""Where contributions live, and atomic reads and writes of their CSV files.

``contributions/inbox/<form>/`` receives the files (pull requests, e-mails saved by the team), and
``contributions/inbox/bulletins/`` the ballots of the élection des futurs (see :mod:`eclaireur.vote.inbox`).
Everything a contributor sent stays in the **private register** (option ``private_dir``, by default
``contributions/prive/``, ignored by Git, or a folder outside the repository): ``<private_dir>/<form>.csv``
holds every contribution with every field of the form's schema, whatever its status, and
``<private_dir>/quarantaine/`` the refused files, each with a ``.motif.txt`` beside it. The form's
resource in ``data/`` (declared in ``datapackage.yaml``) is only the public view of the register: the
accepted contributions with consent, without their private fields (:mod:`eclaireur.contributions.publish`).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from eclaireur.config import EngineConfig
from eclaireur.errors import DataError
from eclaireur.forms.definition import BALLOT_INBOX, FormDefinition
from eclaireur.load import read_descriptor

CONTRIBUTIONS = "contributions"
INBOX = "inbox"
QUARANTINE = "quarantaine"
REASON_SUFFIX = ".motif.txt"


@dataclass(frozen=True)
class Folders:
    root: Path
    data_dir: Path
    private: Path

    @property
    def inbox(self) -> Path:
        return self.root / CONTRIBUTIONS / INBOX

    @property
    def ballots(self) -> Path:
        """Where the ballot page's files go: imported by ``eclaireur election importer``."""
        return self.inbox / BALLOT_INBOX

    @property
    def quarantine(self) -> Path:
        """Refused files keep their personal data: they go to the private register, never to ``data/``."""
        return self.private / QUARANTINE

    def register(self, form: FormDefinition) -> Path:
        """The private register of a form: every contribution received, with every field."""
        return self.private / f"{form.id}.csv"


PRIVATE_GITIGNORE = "# Registre privé d'eclaireur : données personnelles, jamais dans Git.\n*\n"
PRIVATE_README = """# Registre privé des contributions

Ce dossier contient les données personnelles des contributions (noms, adresses électroniques, motifs
de modération, envois refusés) : il ne doit jamais être publié. Son fichier .gitignore le tient hors de
Git ; sauvegardez-le comme les autres fichiers confidentiels de la collectivité.

- <formulaire>.csv : toutes les contributions reçues par le formulaire, avec tous leurs champs ;
- quarantaine/ : les fichiers refusés à l'import, chacun avec son .motif.txt.

Les données ouvertes (data/contributions/) n'en reçoivent que la partie publiable : les contributions
acceptées avec consentement, sans leurs champs privés (eclaireur contributions publish).
"""


def prepare_private(private: Path) -> None:
    """Create the private register with a ``.gitignore`` that keeps its whole content out of Git."""
    private.mkdir(parents=True, exist_ok=True)
    ignore = private / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, PRIVATE_GITIGNORE.encode("utf-8"))
    readme = private / "LISEZMOI.md"
    if not readme.exists():
        write_atomic(readme, PRIVATE_README.encode("utf-8"))


def folders(config: EngineConfig) -> Folders:
    return Folders(config.root, config.data_dir, config.private_dir)


def resource_path(config: EngineConfig, form: FormDefinition) -> Path:
    """The CSV file of the form's resource, as declared in the data package."""
    descriptor = read_descriptor(config.datapackage_path)
    base = config.datapackage_path.parent
    for resource in descriptor["resources"]:
        if resource.get("name") == form.resource:
            path = (base / str(resource.get("path", ""))).resolve()
            if base.resolve() not in path.parents:
                raise DataError(f"{config.datapackage_path} : la ressource « {form.resource} » doit pointer vers "
                                "un fichier du dossier des données.")
            return path
    raise DataError(
        f"{config.datapackage_path} : la ressource « {form.resource} » du formulaire « {form.id} » n'est pas "
        f"déclarée. Ajoutez-la (path: contributions/{form.id}.csv, schema: formulaires/{form.schema_path.name})."
    )


def read_rows(path: Path, header: list[str]) -> list[dict[str, str]]:
    """Rows of a contribution CSV (an absent file has none); its header must be ``header``."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path} : fichier illisible ({exc}).") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is not None and list(reader.fieldnames) != header:
        raise DataError(
            f"{path} : l'en-tête ({', '.join(reader.fieldnames)}) ne correspond pas au schéma du formulaire "
            f"({', '.join(header)}). Corrigez le fichier avant de continuer."
        )
    return [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in header})
    return out.getvalue()


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    write_atomic(path, csv_text(header, rows).encode("utf-8"))


def header_of(form: FormDefinition) -> list[str]:
    """The columns of the private register: every field of the form's schema."""
    return [str(f["name"]) for f in form.fields]
