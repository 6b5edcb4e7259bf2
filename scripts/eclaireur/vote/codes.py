"""Participation codes: single-use codes printed on invitations; only their SHA-256 hashes are published.

* A code is 12 characters from an alphabet without look-alikes (no 0, 1, I, L, O), printed as
  ``XXXX-XXXX-XXXX``: 31^12, about 8 x 10^17 possible codes, drawn with :mod:`secrets`.
* Its published hash is ``SHA-256("<election id>:<code>")`` in lower-case hexadecimal, where ``<code>`` is
  the code in capitals without dashes or spaces. The election id makes the hashes of two elections unrelated.
* The hash list is published sorted, so that its order says nothing about the order of the private list.
* The private list must never be linked to names: fill the envelopes at random, then destroy or seal the
  list. Whoever holds it could link a published ballot to its code.
* The tally counts one ballot per code: the first ballot carrying a code (in the order of the ballot file,
  which is the order of reception) uses it, whatever it ranks; later ballots with the same code are
  spoiled (``code-reutilise``), so are ballots whose code is not in the list (``code-inconnu``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
GROUP = 4
HASH_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def normalise(code: str) -> str:
    """``abcd-efgh jkmn`` -> ``ABCDEFGHJKMN``: what is hashed."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def is_well_formed(code: str) -> bool:
    text = normalise(code)
    return len(text) == LENGTH and all(ch in ALPHABET for ch in text)


def display(code: str) -> str:
    """``ABCDEFGHJKMN`` -> ``ABCD-EFGH-JKMN``: how it is printed."""
    text = normalise(code)
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def code_hash(election: str, code: str) -> str:
    """The published hash of ``code`` for ``election``."""
    return hashlib.sha256(f"{election}:{normalise(code)}".encode()).hexdigest()


def new_code() -> str:
    return display("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def new_codes(count: int, election: str, taken_hashes: Iterable[str] = ()) -> list[str]:
    """``count`` fresh codes whose hashes are not in ``taken_hashes`` nor repeated."""
    taken = set(taken_hashes)
    codes: list[str] = []
    while len(codes) < count:
        code = new_code()
        digest = code_hash(election, code)
        if digest not in taken:
            taken.add(digest)
            codes.append(code)
    return codes
