"""The checks on one value of Validata's ``custom_checks``: each says why a value is wrong, or None.

- :func:`siret_detail` / :func:`siren_detail` (``french-siret-value`` / ``french-siren-value``):
  ``stdnum.fr.siret.is_valid`` / ``stdnum.fr.siren.is_valid`` of python-stdnum, the library Validata
  calls — spaces and dots are ignored, 14 (9) digits, Luhn key; for La Poste's establishments (SIREN
  356 000 000, head office aside) the sum of the digits is a multiple of 5 instead. The French detail says
  what went wrong: a SIRET exported by a spreadsheet as a decimal (« .0 »), a lost leading zero, a wrong key;
- :func:`year_interval_detail` (``year-interval-value``): ``AAAA/AAAA`` with two different, increasing
  years, or ``AAAA`` alone when allowed; years are ASCII digits, and the message of a reversed period names
  its years in the right order;
- :func:`nomenclature_actes_detail` (``nomenclature-actes-value``): « matière/… », the matière being one of
  the 9 of the Actes nomenclature, compared without case or accents (Validata's ``norm_str``), no space
  around the first « / »;
- :func:`compare` (``compare-columns-value``): numbers compared as numbers (:func:`as_number`, Validata's
  ``is_a_number``, as decimals, never through ``eval``), texts as texts, two values of one type (dates)
  between them; a number against a text cannot be compared (None, an error for the check).

These functions read nothing: :mod:`eclaireur.check.custom.rows` gives them the cells of a row (the text
checks read the cell as written, so a column typed ``integer`` keeps its leading zeros).
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from stdnum import luhn
from stdnum.fr import siren, siret

OPERATORS: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
    ">": (operator.gt, "supérieure à"),
    ">=": (operator.ge, "supérieure ou égale à"),
    "==": (operator.eq, "égale à"),
    "<=": (operator.le, "inférieure ou égale à"),
    "<": (operator.lt, "inférieure à"),
}
MATIERES_ACTES = (
    "Commande publique",
    "Urbanisme",
    "Domaine et patrimoine",
    "Fonction publique",
    "Institutions et vie politique",
    "Libertés publiques et pouvoirs de police",
    "Finances locales",
    "Domaines de compétences par thèmes",
    "Autres domaines de compétences",
)
"""The 9 matières of the Actes nomenclature (contrôle de légalité), as Validata lists them."""

YEAR_INTERVAL = re.compile(r"([0-9]{4})/([0-9]{4})")
YEAR = re.compile(r"[0-9]{4}")


def _identifier_detail(text: str, size: int, what: str) -> str:
    """Why ``text`` is not a valid SIRET (``size`` 14) or SIREN (9), after python-stdnum refused it."""
    compact = siret.compact(text)
    if re.fullmatch(r"\s*[0-9]+\.0\s*", text):
        return (
            " ; le tableur l'a exporté comme un nombre décimal (« .0 » final), ses derniers chiffres ont pu être "
            "perdus"
        )
    if not compact or not compact.isascii() or not compact.isdigit():
        return " ; seuls des chiffres sont permis (les espaces et les points sont tolérés)"
    if len(compact) != size:
        lost = " (un zéro initial perdu ?)" if len(compact) == size - 1 else ""
        return f" ; la valeur a {len(compact)} chiffres au lieu de {size}{lost}"
    if what == "SIRET" and (compact.startswith("356000000") and compact != "35600000000048"):
        return " ; pour un établissement de La Poste, la somme des chiffres doit être un multiple de 5"
    if what == "SIRET" and luhn.is_valid(compact) and not siren.is_valid(compact[:9]):
        return " ; la clé du SIREN (les 9 premiers chiffres) est fausse : un chiffre est erroné ou deux sont inversés"
    return " ; la clé de contrôle (formule de Luhn) est fausse : un chiffre est erroné ou deux sont inversés"


def siret_detail(text: str) -> str | None:
    """None for a valid SIRET (as ``stdnum.fr.siret.is_valid``), else the French detail."""
    return None if siret.is_valid(text) else _identifier_detail(text, 14, "SIRET")


def siren_detail(text: str) -> str | None:
    """None for a valid SIREN (as ``stdnum.fr.siren.is_valid``), else the French detail."""
    return None if siren.is_valid(text) else _identifier_detail(text, 9, "SIREN")


def year_interval_detail(text: str, allow_year_only: bool) -> str | None:
    """None for a valid period (or year, when allowed), else what is expected."""
    match = YEAR_INTERVAL.fullmatch(text)
    if match is None:
        if allow_year_only:
            if YEAR.fullmatch(text):
                return None
            return "année (AAAA) ou période (AAAA/AAAA) attendue, ex. 2024 ou 2024/2025"
        return "période AAAA/AAAA attendue, ex. 2024/2025"
    first, second = int(match.group(1)), int(match.group(2))
    if first == second:
        return "les deux années de la période doivent être différentes"
    if first > second:
        return f"la seconde année ({second}) doit être postérieure à la première ({first}) : écrivez {second}/{first}"
    return None


def _plain(text: str) -> str:
    """Lower case without accents, as Validata's ``norm_str``."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


PLAIN_MATIERES = {_plain(matiere) for matiere in MATIERES_ACTES}


def nomenclature_actes_detail(text: str) -> str | None:
    """None when ``text`` starts with a matière of the Actes nomenclature and « / », else why not."""
    if "/" not in text:
        return "le « / » qui sépare la matière de la sous-matière manque (ex. « Urbanisme/Documents d'urbanisme »)"
    prefix = text[: text.find("/")]
    if _plain(prefix) in PLAIN_MATIERES and "/ " not in text:
        return None
    if _plain(prefix.rstrip()) in PLAIN_MATIERES or "/ " in text:
        return "le signe « / » ne doit être ni précédé ni suivi d'une espace"
    return f"« {prefix} » n'est pas une matière de la nomenclature Actes ({', '.join(MATIERES_ACTES)})"


def as_number(value: Any) -> Decimal | None:
    """``value`` as a number when it is one, or a text that reads as one (Validata's ``is_a_number``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal | float | str):
        try:
            number = Decimal(str(value).strip()) if isinstance(value, str | float) else Decimal(value)
        except (InvalidOperation, ValueError):
            return None
        return number if number.is_finite() else None
    return None


def compare(first: Any, op: str, second: Any) -> bool | None:
    """``first op second`` as Validata compares them; None when they cannot be compared."""
    test = OPERATORS[op][0]
    left, right = as_number(first), as_number(second)
    if left is not None and right is not None:
        return test(left, right)
    if isinstance(first, str) and isinstance(second, str):
        return test(first, second)
    if type(first) is type(second):
        try:
            return bool(test(first, second))
        except TypeError:
            return test(str(first), str(second))
    return None
