"""The ballot file made by the ballot page (``vote/bulletin/``), and how it is read back.

The page's script (``theme/overrides/assets/javascripts/classement.js``) writes::

    # Bulletin de vote : L'élection des futurs : Loirance 2040
    election: "futurs-2040"
    identifiant: "20251012-101530-k3x9ab7qm2x8p4zc"
    horodatage: "2025-10-12T10:15:30+02:00"
    canal: "en ligne"
    code: "ABCD-EFGH-JKMN"
    classement: "medecin-proche>fraicheur-ete=eau-du-robinet"

Every value is a double-quoted JSON string on its own line; reading is line by line (no YAML tags, anchors
or aliases can do anything). Without JavaScript the page sends the form by e-mail in the ``text/plain``
form encoding (``code=...`` then one ``<désir>=<rang>`` line per désir), which is read into the same
:class:`BallotFile`; the optional reception service (``contribution_endpoint``) receives the same keys as
a JSON object and stores it as a ``.json`` file. Reading refuses what is not a ballot; it never judges
the ranking: a ballot with an unknown option is still a ballot, and the tally counts it as spoiled, with
its reason.

The page proposes every file for ``contributions/inbox/bulletins/<identifiant>.yaml`` (forge link,
download); :mod:`eclaireur.vote.inbox` reads that folder for ``eclaireur election importer`` and
``eclaireur check``.

Every copy of one submission (the forge file, the download attached to an e-mail, the service's JSON, the
same e-mail saved twice) has the same **submission key** (:func:`submission_key`), stored in the ``envoi``
column of the ballot file so that a submission is imported once. It is a hash, never the identifiant
itself: the identifiant gives the time of the vote to the second, which the published file must not
(only the day is published). The page draws 16 random characters in the identifiant (about 80 bits), so
the hash cannot be reversed by trying every second of a day. A ballot without identifiant (the e-mail
sent without JavaScript) is keyed by its content and day, which the published row shows anyway.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from eclaireur.mojibake import repair
from eclaireur.vote.ranking import BETTER, SAME, RankingReader, format_ranking, groups_of

MAX_BYTES = 64 * 1024
KEYS = ("election", "identifiant", "horodatage", "canal", "code", "classement")
KEY_HEX = 16
"""Hexadecimal digits of a submission key (64 bits: a chance collision is about one in 30 million with a
million ballots, and is then refused by the import, never counted as a copy: see :func:`submission_key`)."""
_LINE = re.compile(r'^([a-z_]+):\s*(".*")\s*$')
_PLAIN = re.compile(r"^([A-Za-z0-9_-]+)=(.*)$")


class BallotFileError(Exception):
    """Not a ballot file: ``reasons`` are French sentences."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class BallotFile:
    """What a ballot file says, as text."""

    election: str
    classement: str
    code: str = ""
    canal: str = "en ligne"
    identifiant: str = ""
    horodatage: str = ""
    repaired: bool = False
    """The e-mail text was encoded twice on its way and was repaired (:mod:`eclaireur.mojibake`)."""


def read_ballot_yaml(text: str) -> BallotFile:
    """Read the file written by the ballot page."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise BallotFileError([f"fichier trop long (plus de {MAX_BYTES // 1024} Ko) pour être un bulletin"])
    values: dict[str, str] = {}
    reasons: list[str] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            reasons.append(f"ligne {number} : « {line[:60]} » n'est pas de la forme clé: \"valeur\"")
            continue
        key, raw = match.groups()
        if key not in KEYS:
            reasons.append(f"ligne {number} : clé « {key} » inconnue (attendu : {', '.join(KEYS)})")
            continue
        if key in values:
            reasons.append(f"ligne {number} : clé « {key} » répétée")
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            reasons.append(f"ligne {number} : valeur de « {key} » illisible")
            continue
        if not isinstance(value, str):
            reasons.append(f"ligne {number} : la valeur de « {key} » doit être un texte entre guillemets")
            continue
        values[key] = value
    return _ballot(values, reasons)


def _ballot(values: dict[str, Any], reasons: list[str]) -> BallotFile:
    """The ballot of the keys read (YAML or JSON), or every reason it is not one."""
    reasons = reasons + [f"clé « {key} » absente" for key in ("election", "classement") if key not in values]
    if reasons:
        raise BallotFileError(reasons)
    return BallotFile(
        election=values["election"],
        classement=values["classement"],
        code=values.get("code", ""),
        canal=values.get("canal", "en ligne") or "en ligne",
        identifiant=values.get("identifiant", ""),
        horodatage=values.get("horodatage", ""),
    )


def read_ballot_json(text: str) -> BallotFile:
    """Read the JSON object the page POSTs to the reception service (the keys of the YAML file)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise BallotFileError([f"fichier trop long (plus de {MAX_BYTES // 1024} Ko) pour être un bulletin"])
    try:
        loaded = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise BallotFileError(["JSON illisible"]) from None
    if not isinstance(loaded, dict):
        raise BallotFileError(["un objet JSON { \"clé\": \"valeur\" } est attendu"])
    reasons = []
    for key, value in loaded.items():
        if key not in KEYS:
            reasons.append(f"clé « {key} » inconnue (attendu : {', '.join(KEYS)})")
        elif not isinstance(value, str):
            reasons.append(f"la valeur de « {key} » doit être un texte entre guillemets")
    return _ballot(loaded, reasons)


def read_ballot_text(name: str, text: str, election: str, options: list[str]) -> BallotFile:
    """Read a ballot file: ``.json`` (reception service), ``.yaml``/``.yml`` (the page); any other file (an
    e-mail saved as ``.txt``) is the page's file when its first line is a comment or ``clé: "valeur"``,
    else the ``désir=rang`` lines sent without JavaScript."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "json":
        return read_ballot_json(text)
    if suffix in ("yaml", "yml") or text.startswith("#") or ":" in text.split("\n", 1)[0]:
        return read_ballot_yaml(text)
    text, repaired = repair(text)  # the e-mail of a ballot sent without JavaScript arrives encoded twice
    ballot = read_ballot_plain(text, election, options)
    return replace(ballot, repaired=True) if repaired else ballot


def read_ballot_plain(text: str, election: str, options: list[str]) -> BallotFile:
    """Read the ``text/plain`` e-mail the page sends without JavaScript (``<désir>=<rang>`` lines).

    The page cannot give such an e-mail an identifiant; the team may add an ``identifiant=...`` line (the
    reference of the e-mail, for instance) to tell apart two people who sent the same ranking the same day
    (see :func:`submission_key`)."""
    ranks: dict[str, int] = {}
    code = ""
    identifiant = ""
    reasons: list[str] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        match = _PLAIN.match(line.strip())
        if not match:
            reasons.append(f"ligne {number} : « {line[:60]} » n'est pas de la forme nom=valeur")
            continue
        name, value = match.group(1), match.group(2).strip()
        if name == "code":
            code = value
        elif name == "identifiant":
            identifiant = value
        elif name == "election":
            if value and value != election:
                reasons.append(f"ligne {number} : bulletin de l'élection « {value} », pas de « {election} »")
        elif name in options:
            if value:
                if not value.isdigit() or not 1 <= int(value) <= len(options):
                    reasons.append(f"ligne {number} : rang « {value} » de « {name} » hors de 1 à {len(options)}")
                elif name in ranks:
                    reasons.append(f"ligne {number} : « {name} » est classé deux fois (rang {ranks[name]} puis "
                                   f"{value}) ; un désir n'a qu'un rang")
                else:
                    ranks[name] = int(value)
        else:
            reasons.append(f"ligne {number} : « {name} » n'est pas un désir de cette élection")
    if reasons:
        raise BallotFileError(reasons)
    by_rank: dict[int, list[str]] = {}
    for option in options:
        if option in ranks:
            by_rank.setdefault(ranks[option], []).append(option)
    ranking = BETTER.join(SAME.join(by_rank[r]) for r in sorted(by_rank))
    return BallotFile(election=election, classement=ranking, code=code, identifiant=identifiant)


def identifier_key(election: str, identifiant: str) -> str:
    """The submission key of a ballot the page prepared: a hash of its identifiant (see :func:`submission_key`)."""
    material = f"{election}:identifiant:{identifiant.strip()}"
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:KEY_HEX]


def content_key(election: str, date: str, canal: str, ranking: str, digest: str) -> str:
    """The submission key of a ballot without identifiant: a hash of what its published row shows (day,
    channel, ranking as :func:`normalised_ranking` writes it, hash of the code); see :func:`submission_key`."""
    material = f"{election}:contenu:{date}:{canal}:{ranking}:{digest}"
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:KEY_HEX]


def normalised_ranking(text: str, reader: RankingReader) -> str:
    """The ranking as one text per ballot: ``b=a > c`` and ``a=b>c`` are both ``a=b>c`` (ties in the order
    of the options); a ranking that cannot be read keeps its text, white space removed."""
    read = reader.read(text)
    if isinstance(read, bytes):
        return format_ranking(groups_of(read, reader.options))
    return "".join(text.split())


def submission_key(election: str, ballot: BallotFile, date: str, digest: str, reader: RankingReader) -> str:
    """The public key of one submission (column ``envoi``), the same for every copy of it.

    * The page's ballot (forge file, download, e-mail of the file, service's JSON): a hash of its
      identifiant, drawn by the page for each ballot prepared. A copy has the same identifiant, and the same
      content: a file with a known identifiant and another ranking or code is not a copy (hand-edited,
      forged, or a chance collision of two keys) and the import refuses it rather than drop a ballot.
    * The e-mail sent without JavaScript has no identifiant: a hash of its content (ranking, code hash,
      channel) and of the day it was received (``date``), so the same e-mail saved twice is caught. Two
      people who send exactly the same ranking the same day, both without JavaScript and without a code,
      cannot be told apart from the files: the team adds an ``identifiant=`` line to the second one. With a
      participation code (required online in the demo election), the code tells them apart.

    ``digest`` is the hash of the ballot's code (empty without code); ``reader`` reads the election's options.
    """
    if ballot.identifiant.strip():
        return identifier_key(election, ballot.identifiant)
    return content_key(election, date, ballot.canal, normalised_ranking(ballot.classement, reader), digest)
