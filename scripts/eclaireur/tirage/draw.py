"""The draw itself: a documented, deterministic algorithm anyone can redo by hand.

Method ``eclaireur-tirage/1``:

1. The **seed** is a text published *before* the draw (for instance dice thrown in a public council
   session, or the numbers of a public lottery), taken exactly as published (Unicode NFC form).
2. Each person of the published list gets a **fingerprint**: ``SHA-256(seed + ":" + identifier)``, the
   text encoded in UTF-8, written in lower-case hexadecimal. For example, with the seed ``abc`` and the
   identifier ``agent-0137`` one hashes the text ``abc:agent-0137``.
3. The list is **sorted by fingerprint**, in increasing (alphabetical) order; in the impossible case of
   two equal fingerprints, by identifier.
4. The **first k people** of that order are drawn. With strata (a service, a district), the first
   ``k(s)`` people *of each stratum* in that same order are drawn, ``k(s)`` being the stratum's quota.
5. The **substitutes** are the next people of the order (of each stratum), in order.

Nobody can choose the result: the seed is unknown when the list is published (its SHA-256 is published
with the result, so it cannot be changed afterwards), and the list is fixed when the seed becomes known.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

METHOD = "eclaireur-tirage/1"
RULE = (
    "Chaque personne de la liste reçoit l'empreinte SHA-256 (UTF-8, hexadécimal minuscule) du texte "
    "« graine:identifiant » ; la liste est triée par empreinte croissante (puis par identifiant) ; dans chaque "
    "strate, les premières personnes de cet ordre sont tirées selon le quota, les suivantes sont suppléantes."
)
NO_STRATUM = ""


@dataclass(frozen=True)
class Person:
    """One line of the published list."""

    identifier: str
    stratum: str = NO_STRATUM


@dataclass(frozen=True)
class Drawn:
    """A person in the draw order: rank within the stratum (1 = drawn first) and fingerprint."""

    person: Person
    rank: int
    fingerprint: str


@dataclass(frozen=True)
class Draw:
    """Who is drawn and who are the substitutes, stratum by stratum (strata in sorted order)."""

    selected: list[Drawn]
    substitutes: list[Drawn]


def normalise_seed(seed: str) -> str:
    return unicodedata.normalize("NFC", seed)


def fingerprint(seed: str, identifier: str) -> str:
    """``SHA-256("<seed>:<identifier>")`` in hexadecimal."""
    return hashlib.sha256(f"{normalise_seed(seed)}:{identifier}".encode()).hexdigest()


def draw_order(seed: str, people: Sequence[Person]) -> list[tuple[str, Person]]:
    """Everybody, sorted by fingerprint (then identifier)."""
    return sorted(((fingerprint(seed, p.identifier), p) for p in people), key=lambda x: (x[0], x[1].identifier))


def draw(seed: str, people: Sequence[Person], quotas: Mapping[str, int], substitutes: int = 0) -> Draw:
    """Draw ``quotas[stratum]`` people per stratum (``NO_STRATUM`` for a draw without strata)."""
    per_stratum: dict[str, list[tuple[str, Person]]] = {}
    for digest, person in draw_order(seed, people):
        per_stratum.setdefault(person.stratum, []).append((digest, person))
    selected: list[Drawn] = []
    spare: list[Drawn] = []
    for stratum in sorted(quotas):
        order = per_stratum.get(stratum, [])
        k = quotas[stratum]
        selected += [Drawn(p, i + 1, d) for i, (d, p) in enumerate(order[:k])]
        spare += [Drawn(p, k + i + 1, d) for i, (d, p) in enumerate(order[k : k + substitutes])]
    return Draw(selected, spare)
