"""French formatting of numbers, amounts, percentages and dates (with babel's CLDR data).

Thousands are separated by a narrow no-break space, decimals by a comma, as the French
typographic convention (and the CLDR ``fr`` locale) wants: ``1 234,56 €``.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "fr_FR"
NBSP = "\u00a0"
NNBSP = "\u202f"


def nombre(value: float | int | None, decimals: int = 0) -> str:
    """``12345.6`` -> ``12 346`` (or with ``decimals`` digits after the comma)."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def euros(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` -> ``1 235 €``."""
    if value is None:
        return ""
    return f"{nombre(value, decimals)}{NBSP}€"


def millions(value: float | int | None) -> str:
    """``12345678`` -> ``12,3 M€`` (for charts and summaries)."""
    if value is None:
        return ""
    return f"{nombre(value / 1_000_000, 1)}{NBSP}M€"


def pourcent(value: float | None, decimals: int = 1) -> str:
    """``0.125`` -> ``12,5 %``."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(value, format=pattern, locale=LOCALE)


@functools.lru_cache(maxsize=8192)
def date_fr(value: dt.date | None, style: str = "long") -> str:
    """``2026-01-31`` -> ``31 janvier 2026`` (``style="short"`` -> ``31/01/2026``).

    Cached: babel's formatting costs ~0.2 ms and pages repeat the same dates many times.
    """
    if value is None:
        return ""
    if style == "short":
        return value.strftime("%d/%m/%Y")
    if style == "month":
        return format_date(value, format="MMMM y", locale=LOCALE)
    text = format_date(value, format="long", locale=LOCALE)
    return text.replace("1 ", "1er ", 1) if value.day == 1 and text.startswith("1 ") else text


def unite(value: float | int | None, unit: str) -> str:
    """A key figure with its unit: ``1200, 'élèves'`` -> ``1 200 élèves``; ``€`` and ``%`` glued with a nbsp."""
    if value is None:
        return ""
    decimals = 0 if float(value).is_integer() else (1 if abs(float(value)) >= 10 else 2)
    text = nombre(value, decimals)
    return f"{text}{NBSP}{unit}".strip() if unit else text


FEMININE = {"élu": "élue", "adjoint": "adjointe", "conseiller": "conseillère", "président": "présidente",
            "vice-président": "vice-présidente", "délégué": "déléguée", "rapporteur": "rapporteure",
            "conseiller municipal": "conseillère municipale", "conseiller délégué": "conseillère déléguée"}
"""Titles that agree with the person's gender (the ``civilite`` column of the data: « Mme » or « M. »)."""


def accorde(title: str, civilite: str | None) -> str:
    """``title`` agreed with ``civilite``: ``accorde("élu", "Mme")`` -> « élue » (capital kept)."""
    if (civilite or "").strip().lower() not in ("mme", "madame"):
        return title
    lowered = title.lower()
    feminine = FEMININE.get(lowered)
    if feminine is None:
        return title
    return feminine[0].upper() + feminine[1:] if title[:1].isupper() else feminine


PLURALS = {"réalisée": "réalisées", "en cours": "en cours", "à l'étude": "à l'étude", "à l’étude": "à l’étude"}


def accord_nombre(count: int, word: str) -> str:
    """« 1 terminé », « 46 terminés », « 2 en cours » : ``word`` in the plural from 2 on."""
    if count < 2:
        return f"{nombre(count)} {word}"
    plural = PLURALS.get(word, word if word.endswith(("s", "x")) else word + "s")
    return f"{nombre(count)} {plural}"
