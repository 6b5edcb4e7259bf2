"""The election's settings, read from the Data Package (resources ``election``, ``desirs``, ``bulletins``,
``codes_participation``) either as typed rows (during the build) or straight from the CSV files (the
``tally`` command, so that a million ballots are read in seconds, without frictionless).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eclaireur.errors import DataError, UnusableInputError
from eclaireur.load import DESCRIPTOR_NAMES, Dataset, read_descriptor
from eclaireur.safeyaml import load_yaml
from eclaireur.vote.kernel import STRENGTHS

METHODS = ("borda", "schulze")
"""Official methods an election may choose."""

DEFAULT_CHANNELS = ("en ligne", "lycée", "gare", "marché", "mairie")


@dataclass(frozen=True)
class ElectionSetup:
    """What the tally needs to know before reading a ballot."""

    id: str
    titre: str
    options: list[str]
    option_titles: dict[str, str]
    methode: str = "borda"
    force: str = "victoires"
    channels: list[str] = field(default_factory=lambda: list(DEFAULT_CHANNELS))
    code_channels: frozenset[str] = frozenset()
    code_hashes: frozenset[str] | None = None
    row: dict[str, Any] = field(default_factory=dict)

    @property
    def uses_codes(self) -> bool:
        return self.code_hashes is not None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [_text(v) for v in value if _text(v)]
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    return dt.date.fromisoformat(text) if text else None


def setup_from_rows(
    election: Mapping[str, Any],
    desirs: Sequence[Mapping[str, Any]],
    codes: Sequence[Mapping[str, Any]] | None,
    channels: list[str] | None = None,
) -> ElectionSetup:
    """Build the settings from rows; ``codes`` is ``None`` when the package publishes no code list."""
    election_id = _text(election.get("id"))
    methode = _text(election.get("methode_officielle")) or "borda"
    force = _text(election.get("force_schulze")) or "victoires"
    if methode not in METHODS:
        raise DataError(f"election : méthode officielle « {methode} » inconnue (attendu : {', '.join(METHODS)}).")
    if force not in STRENGTHS:
        raise DataError(f"election : force_schulze « {force} » inconnue (attendu : {', '.join(STRENGTHS)}).")
    options = [_text(d.get("id")) for d in desirs if _text(d.get("election")) in ("", election_id)]
    if len(options) < 2:
        raise DataError(f"election « {election_id} » : il faut au moins deux désirs (options) dans desirs.csv.")
    repeated = sorted({option for option in options if options.count(option) > 1})
    if repeated:
        raise DataError(
            f"election « {election_id} » : dans desirs.csv, l'identifiant {', '.join(f'« {r} »' for r in repeated)} "
            "apparaît plusieurs fois ; chaque désir doit avoir un identifiant unique (corrigez desirs.csv, puis "
            "lancez « eclaireur check »)."
        )
    hashes = None
    if codes is not None:
        hashes = frozenset(
            _text(c.get("code_hash")).lower() for c in codes if _text(c.get("election")) in ("", election_id)
        )
    row = dict(election)
    for key in ("date_ouverture", "date_cloture", "date_resultats"):
        if key in row:
            row[key] = _as_date(row[key])
    row["canaux_code_requis"] = _as_list(election.get("canaux_code_requis"))
    return ElectionSetup(
        id=election_id,
        titre=_text(election.get("titre")),
        options=options,
        option_titles={_text(d.get("id")): _text(d.get("titre")) for d in desirs},
        methode=methode,
        force=force,
        channels=list(channels or DEFAULT_CHANNELS),
        code_channels=frozenset(row["canaux_code_requis"]),
        code_hashes=hashes,
        row=row,
    )


def channels_of(schema: Mapping[str, Any]) -> list[str] | None:
    """The channels listed in the ``canal`` field's enum, in their order."""
    for fld in schema.get("fields", []):
        if fld.get("name") == "canal":
            enum = (fld.get("constraints") or {}).get("enum")
            return [str(v) for v in enum] if enum else None
    return None


def setup_from_dataset(data: Dataset, election_id: str | None = None) -> ElectionSetup | None:
    """The election of the package (the first one, or ``election_id``), or ``None`` when there is none."""
    elections = data.rows("election")
    if not elections:
        return None
    election = _pick(elections, election_id)
    codes = data.rows("codes_participation") if "codes_participation" in data.names else None
    return setup_from_rows(election, data.rows("desirs"), codes, channels_of(data.schemas.get("bulletins", {})))


def _pick(elections: Sequence[Mapping[str, Any]], election_id: str | None) -> Mapping[str, Any]:
    if election_id is None:
        return elections[0]
    for election in elections:
        if _text(election.get("id")) == election_id:
            return election
    known = ", ".join(_text(e.get("id")) for e in elections)
    raise UnusableInputError(f"élection « {election_id} » introuvable (élections connues : {known}).")


@dataclass(frozen=True)
class PackageFiles:
    """Where the election's resources are, found through the descriptor."""

    descriptor: dict[str, Any]
    base: Path

    def path(self, name: str) -> Path | None:
        for resource in self.descriptor.get("resources", []):
            if resource.get("name") == name:
                return self.base / str(resource.get("path"))
        return None

    def schema(self, name: str) -> dict[str, Any]:
        import json


        for resource in self.descriptor.get("resources", []):
            if resource.get("name") == name:
                schema = resource.get("schema")
                if isinstance(schema, dict):
                    return schema
                if isinstance(schema, str):
                    text = (self.base / schema).read_text(encoding="utf-8")
                    loaded = json.loads(text) if schema.endswith(".json") else load_yaml(text)
                    return loaded if isinstance(loaded, dict) else {}
        return {}


def package_files(data_dir: Path) -> PackageFiles:
    for name in DESCRIPTOR_NAMES:
        candidate = data_dir / name
        if candidate.is_file():
            return PackageFiles(read_descriptor(candidate), data_dir)
    raise UnusableInputError(f"{data_dir} : pas de datapackage.yaml ; indiquez le dossier des données avec --root.")


def read_csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a UTF-8 CSV file as plain strings, with a French error when it cannot be read."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle)
    except FileNotFoundError as exc:
        raise UnusableInputError(f"{path} : fichier introuvable.") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataError(
            f"{path} : fichier CSV illisible ({exc}) ; il doit être en UTF-8, séparé par des virgules."
        ) from exc


def setup_from_files(data_dir: Path, election_id: str | None = None) -> tuple[ElectionSetup, Path]:
    """The election settings and the path of its ballot file, read from the CSV files of ``data_dir``."""
    files = package_files(data_dir)
    needed = {name: files.path(name) for name in ("election", "desirs", "bulletins")}
    missing = [name for name, path in needed.items() if path is None]
    if missing:
        raise UnusableInputError(
            f"{data_dir} : le paquet de données n'a pas de ressource {', '.join(missing)} ; "
            "il faut election, desirs et bulletins pour dépouiller."
        )
    elections = list(read_csv_rows(needed["election"]))  # type: ignore[arg-type]
    if not elections:
        raise DataError(f"{needed['election']} : aucune élection décrite.")
    codes_path = files.path("codes_participation")
    codes = list(read_csv_rows(codes_path)) if codes_path is not None else None
    setup = setup_from_rows(
        _pick(elections, election_id),
        list(read_csv_rows(needed["desirs"])),  # type: ignore[arg-type]
        codes,
        channels_of(files.schema("bulletins")),
    )
    return setup, needed["bulletins"]  # type: ignore[return-value]
