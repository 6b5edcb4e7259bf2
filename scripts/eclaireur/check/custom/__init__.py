"""Validata's ``custom_checks``: the extra checks declared by French public-data schemas.

Schemas published on schema.data.gouv.fr (SCDL délibérations, subventions, budget, catalogue, équipements,
hautes rémunérations…) list the checks Table Schema cannot express in a top-level ``custom_checks`` list,
run by Validata, the French validator (validata-core, ``validata_core/custom_checks/``)::

    "custom_checks": [{"name": "french-siret-value", "params": {"column": "COLL_SIRET"}}, …]

The eight checks those schemas use are implemented in this package with Validata's semantics (its source, versions 0.x
and the current ``Check``/``Validator`` design, read for this module):

- ``french-siret-value`` / ``french-siren-value`` (``column``): ``stdnum.fr.siret.is_valid`` /
  ``stdnum.fr.siren.is_valid`` of python-stdnum, the library Validata calls — spaces and dots are ignored,
  14 (9) digits, Luhn key; for La Poste's establishments (SIREN 356 000 000, head office aside) the sum of
  the digits is a multiple of 5 instead;
- ``year-interval-value`` (``column``, ``allow-year-only``: "yes"/"true"): ``AAAA/AAAA`` with two different,
  increasing years, or ``AAAA`` alone when allowed;
- ``nomenclature-actes-value`` (``column``): « matière/… », the matière being one of the 9 of the Actes
  nomenclature, compared without case or accents, no space around the first « / »;
- ``compare-columns-value`` (``column``, ``op`` among ``> >= == <= <``, ``column2``): numbers compared as
  numbers, texts as texts, two values of one type (dates) between them; a number against a text is an error;
- ``sum-columns-value`` (``column``, ``columns``): the first column equals the sum of the others;
- ``cohesive-columns-value`` (``column``, ``othercolumns``): on a row the columns are all filled or all
  empty; in the file, all present or all absent;
- ``one-of-required`` (``column1``, ``column2``): at least one of the two cells is filled; both columns
  absent from the file is an error.

As in Validata, a check reads the value frictionless gives a cell (a cell with a type error counts as
missing: ``type-error`` reports it); a row where one of the check's values is missing is skipped (the
schema's ``required`` decides whether it may be), except for the last two checks, whose concern is which
cells are filled; a column the schema declares but the file lacks counts as missing (``missing-label``
reports it). Columns are found by their name in the header.

Deliberate differences: a declaration naming a column absent from ``fields``, or missing a parameter, is
a ``schema-error`` (Validata skips the check or stops); a check name we do not know is a notice
« vérification non prise en charge », never a silent skip; for the last two checks a cell with a type error
counts as filled (its value is there, only badly written) and a zero is a value; the text checks (SIRET,
SIREN, years, nomenclature) read the cell as written, so a column typed ``integer`` keeps its leading
zeros; years are ASCII digits; numbers are compared and added as decimals, never through ``eval``; the
message of a reversed period names its years in the right order.

The checks run after the table check, in one more pass over the file (:func:`~eclaireur.check.records.
read_rows`, editor lines), only for a schema that declares some; ``--limit-errors`` counts for the table
as a whole.

One stage per module:

- :mod:`~eclaireur.check.custom.declarations` — reading ``custom_checks``: the checks to run, the
  ``schema-error`` messages of broken entries, the notices for names not supported;
- :mod:`~eclaireur.check.custom.values` — the checks on one value (SIRET, SIREN, periods, Actes
  nomenclature, comparison of two values);
- :mod:`~eclaireur.check.custom.rows` — the cells read as frictionless types them, one row check per
  declaration;
- :mod:`~eclaireur.check.custom.run` — :func:`run_custom_checks`, the row checks over a table's records.
"""

from __future__ import annotations

from eclaireur.check.custom.declarations import (
    Declarations,
    Declared,
    declaration_messages,
    declarations,
    unsupported_notices,
)
from eclaireur.check.custom.run import CustomOutcome, run_custom_checks
from eclaireur.check.custom.values import (
    compare,
    nomenclature_actes_detail,
    siren_detail,
    siret_detail,
    year_interval_detail,
)

__all__ = [
    "CustomOutcome",
    "Declarations",
    "Declared",
    "compare",
    "declaration_messages",
    "declarations",
    "nomenclature_actes_detail",
    "run_custom_checks",
    "siren_detail",
    "siret_detail",
    "unsupported_notices",
    "year_interval_detail",
]
