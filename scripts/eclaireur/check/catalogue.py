"""The catalogue of problems ``eclaireur check`` can report.

One frozen entry per stable code, like frictionless's ``errors/cell.py``: a French ``title``, a French
message ``template`` (what is wrong, what was expected) and a ``fix`` (how to repair it). Templates are
filled with :meth:`ProblemKind.render`; the placeholders are ``{value}``, ``{cell}`` (« valeur « x » » or
« cellule vide »), ``{field}``, ``{expected}``, ``{detail}``, ``{position}``, ``{other}``. Every
frictionless error type maps to one entry through :data:`FRICTIONLESS_CODES`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProblemKind:
    """A kind of problem: stable ``code`` slug, French title, message template and how to fix it."""

    code: str
    title: str
    template: str
    fix: str
    description: str = ""

    def placeholders(self) -> set[str]:
        """Names used in ``template`` and ``fix``."""
        names: set[str] = set()
        for text in (self.template, self.fix):
            names.update(name for _, name, _, _ in string.Formatter().parse(text) if name)
        return names

    def render(self, **context: Any) -> str:
        """The French message: what is wrong, then « ; » and how to fix it."""
        values = {name: "" for name in self.placeholders()}
        values.update({key: "" if value is None else value for key, value in context.items()})
        message = self.template.format(**values)
        fix = self.fix.format(**values)
        return f"{message} ; {fix}" if fix else message


def _kind(code: str, title: str, template: str, fix: str, description: str = "") -> ProblemKind:
    return ProblemKind(code=code, title=title, template=template, fix=fix, description=description)


# Cells ------------------------------------------------------------------------------------------------

TYPE_ERROR = _kind(
    "type-error",
    "Valeur d'un type incorrect",
    "{cell} — {expected}{detail}",
    "corrigez la valeur dans le fichier (ou le type de la colonne dans le schéma)",
    "La valeur ne peut pas être lue avec le type déclaré par le schéma.",
)
CONSTRAINT_ERROR = _kind(
    "constraint-error",
    "Contrainte non respectée",
    "{cell} — {expected}",
    "corrigez la valeur (la contrainte est déclarée dans le schéma)",
    "La valeur a le bon type mais ne respecte pas une contrainte du schéma.",
)
UNIQUE_ERROR = _kind(
    "unique-error",
    "Valeur en double",
    "valeur « {value} » déjà présente ligne {other} — une valeur unique est attendue dans cette colonne",
    "donnez une valeur différente à l'une des deux lignes",
)
PRIMARY_KEY = _kind(
    "primary-key",
    "Clé primaire en double ou vide",
    "{detail}",
    "chaque ligne doit avoir une clé primaire ({field}) renseignée et différente de toutes les autres",
)
FOREIGN_KEY = _kind(
    "foreign-key",
    "Référence introuvable",
    "valeur « {value} » introuvable dans {other} — {expected}",
    "corrigez la valeur ou ajoutez la ligne manquante dans la ressource référencée",
)
BLANK_ROW = _kind(
    "blank-row",
    "Ligne vide",
    "ligne vide — chaque ligne doit porter au moins une valeur",
    "supprimez cette ligne",
)
EXTRA_CELL = _kind(
    "extra-cell",
    "Cellule en trop",
    "cellule en trop « {value} » — la ligne a plus de cellules que l'en-tête n'a de colonnes ({expected})",
    "supprimez la cellule, ou mettez entre guillemets la valeur qui contient le séparateur",
)
MISSING_CELL = _kind(
    "missing-cell",
    "Cellule manquante",
    "cellule manquante — la ligne a moins de cellules que l'en-tête n'a de colonnes ({expected})",
    "ajoutez la cellule, même vide (un séparateur de plus en fin de ligne)",
)
DUPLICATE_ROW = _kind(
    "duplicate-row",
    "Ligne en double",
    "ligne identique à la ligne {other}",
    "supprimez l'une des deux lignes",
)
ROW_CONSTRAINT = _kind(
    "row-constraint",
    "Contrainte de ligne non respectée",
    "la ligne ne respecte pas la règle {detail}",
    "corrigez les valeurs de la ligne",
)
CELL_CHECK = _kind(
    "cell-check",
    "Valeur refusée par une vérification",
    "valeur « {value} » — {detail}",
    "corrigez la valeur",
)

# Validata's « custom_checks » (schemas of schema.data.gouv.fr; see check/custom/) ------------------------

FRENCH_SIRET = _kind(
    "french-siret-value",
    "Numéro SIRET invalide",
    "valeur « {value} » — numéro SIRET attendu : 14 chiffres dont le dernier est une clé de contrôle{detail}",
    "recopiez le numéro depuis l'avis de situation SIRENE ou l'annuaire des entreprises ; dans un tableur, "
    "mettez la colonne au format Texte avant d'exporter",
    "Vérification « french-siret-value » déclarée par le schéma (custom_checks) : le SIRET doit avoir 14 "
    "chiffres et une clé de Luhn juste (sauf établissements de La Poste, 356 000 000 : somme des chiffres "
    "multiple de 5), comme le vérifie Validata.",
)
FRENCH_SIREN = _kind(
    "french-siren-value",
    "Numéro SIREN invalide",
    "valeur « {value} » — numéro SIREN attendu : 9 chiffres dont le dernier est une clé de contrôle{detail}",
    "recopiez le numéro depuis l'avis de situation SIRENE ou l'annuaire des entreprises ; dans un tableur, "
    "mettez la colonne au format Texte avant d'exporter",
    "Vérification « french-siren-value » déclarée par le schéma (custom_checks) : 9 chiffres et une clé de "
    "Luhn juste.",
)
YEAR_INTERVAL = _kind(
    "year-interval-value",
    "Année ou période invalide",
    "valeur « {value} » — {detail}",
    "écrivez une période de deux années croissantes séparées par « / », sans espace (2024/2025), ou une "
    "année seule (2024) si le schéma le permet",
    "Vérification « year-interval-value » déclarée par le schéma (custom_checks) : une période AAAA/AAAA dont "
    "la seconde année suit la première, ou une année seule si « allow-year-only » le permet.",
)
NOMENCLATURE_ACTES = _kind(
    "nomenclature-actes-value",
    "Matière hors de la nomenclature Actes",
    "valeur « {value} » — {detail}",
    "écrivez « matière/sous-matière », la matière étant l'une des 9 de la nomenclature Actes (majuscules et "
    "accents indifférents)",
    "Vérification « nomenclature-actes-value » déclarée par le schéma (custom_checks) : la valeur commence par "
    "une des 9 matières de la nomenclature Actes du contrôle de légalité, suivie de « / ».",
)
COMPARE_COLUMNS = _kind(
    "compare-columns-value",
    "Comparaison entre colonnes non respectée",
    "{detail}",
    "corrigez l'une des deux valeurs (la règle est déclarée dans « custom_checks » du schéma)",
    "Vérification « compare-columns-value » déclarée par le schéma : deux valeurs de la ligne comparées "
    "(nombres entre eux, dates entre elles, textes dans l'ordre alphabétique).",
)
SUM_COLUMNS = _kind(
    "sum-columns-value",
    "Somme de colonnes incorrecte",
    "{detail}",
    "corrigez le total ou l'une des valeurs additionnées (la règle est déclarée dans « custom_checks » du "
    "schéma)",
    "Vérification « sum-columns-value » déclarée par le schéma : une colonne vaut la somme d'autres colonnes.",
)
COHESIVE_COLUMNS = _kind(
    "cohesive-columns-value",
    "Colonnes à remplir ensemble",
    "{detail}",
    "remplissez les cellules vides de ces colonnes, ou videz les autres (une colonne absente s'ajoute, même "
    "vide)",
    "Vérification « cohesive-columns-value » déclarée par le schéma : des colonnes toutes remplies ou toutes "
    "vides sur une ligne (et toutes présentes ou toutes absentes du fichier).",
)
ONE_OF_REQUIRED = _kind(
    "one-of-required",
    "Une des deux colonnes doit être remplie",
    "{detail}",
    "renseignez au moins l'une des deux colonnes (les deux peuvent l'être ; une colonne absente s'ajoute)",
    "Vérification « one-of-required » déclarée par le schéma : sur chaque ligne, au moins une des deux "
    "colonnes a une valeur.",
)

# Labels (header) ---------------------------------------------------------------------------------------

DUPLICATE_LABEL = _kind(
    "duplicate-label",
    "Nom de colonne en double",
    "l'en-tête « {value} » apparaît plusieurs fois (déjà en colonne {other})",
    "renommez ou supprimez la colonne en double",
)
BLANK_LABEL = _kind(
    "blank-label",
    "Nom de colonne vide",
    "la colonne n° {position} n'a pas de nom dans l'en-tête",
    "donnez-lui un nom dans la première ligne, ou supprimez la colonne si elle est vide",
)
INCORRECT_LABEL = _kind(
    "incorrect-label",
    "Nom de colonne inattendu",
    "l'en-tête « {value} » en colonne n° {position} — « {expected} » attendu par le schéma",
    "renommez la colonne comme dans le schéma (ou remettez les colonnes dans l'ordre du schéma)",
)
MISSING_LABEL = _kind(
    "missing-label",
    "Colonne manquante",
    "la colonne « {field} » (n° {position} du schéma) est absente du fichier",
    "ajoutez cette colonne (même vide) ou retirez-la du schéma",
)
EXTRA_LABEL = _kind(
    "extra-label",
    "Colonne non déclarée",
    "la colonne « {value} » (n° {position}) n'est pas déclarée dans le schéma",
    "supprimez la colonne ou déclarez-la dans le schéma",
)
BLANK_HEADER = _kind(
    "blank-header",
    "En-tête vide",
    "la première ligne (l'en-tête) est vide",
    "écrivez les noms des colonnes sur la première ligne",
)
HEADER_MISMATCH = _kind(
    "header-mismatch",
    "En-tête sans rapport avec le schéma",
    "aucune colonne de l'en-tête ne correspond au schéma",
    "vérifiez que le fichier et le schéma vont ensemble",
)

# Table-wide -------------------------------------------------------------------------------------------

HEADER_ORDER = _kind(
    "header-order",
    "Colonnes dans un autre ordre",
    "les colonnes du fichier sont celles du schéma, mais dans un autre ordre : « {value} » au lieu de « {expected} » "
    "(les valeurs sont vérifiées d'après le nom de leur colonne)",
    "remettez les colonnes dans l'ordre du schéma (dans un tableur : couper la colonne puis « Insérer les cellules "
    "coupées »)",
    "Toutes les colonnes du schéma sont là, mais pas dans son ordre : le fichier est vérifié colonne par colonne "
    "d'après leur nom, et l'ordre est signalé une fois.",
)
TABLE_COUNT = _kind(
    "table-count",
    "Dimensions inattendues",
    "{detail}",
    "mettez à jour le descripteur (nombre de lignes, de colonnes, taille ou empreinte) ou le fichier",
)

# Files and sources ------------------------------------------------------------------------------------

ENCODING_ERROR = _kind(
    "encoding-error",
    "Encodage illisible",
    "octet {value} illisible en {expected}{detail}",
    "enregistrez le fichier en UTF-8 (dans LibreOffice : « Enregistrer sous », jeu de caractères "
    "Unicode UTF-8), ou déclarez son encodage dans la ressource (« encoding: cp1252 »)",
)
CSV_ERROR = _kind(
    "csv-error",
    "Guillemet jamais refermé",
    "guillemet ouvert ligne {position} ({field}) jamais refermé : {detail}",
    "refermez le guillemet à la fin de la valeur (« \"Parc des Rives\" »), ou doublez-le (« \"\" ») s'il "
    "fait partie du texte",
    "Une cellule entre guillemets n'est jamais refermée : le lecteur CSV lit alors toute la suite du fichier "
    "comme une seule cellule, et des lignes disparaissent sans autre erreur.",
)
SOURCE_ERROR = _kind(
    "source-error",
    "Fichier illisible",
    "{detail}",
    "vérifiez le chemin et le contenu du fichier",
)

# Descriptors ------------------------------------------------------------------------------------------

SCHEMA_ERROR = _kind(
    "schema-error",
    "Schéma invalide",
    "{detail}",
    "corrigez le schéma (Table Schema : https://specs.frictionlessdata.io/table-schema/)",
)
PACKAGE_ERROR = _kind(
    "package-error",
    "Descripteur de paquet invalide",
    "{detail}",
    "corrigez le descripteur du paquet (Data Package : https://specs.frictionlessdata.io/data-package/)",
)
RESOURCE_ERROR = _kind(
    "resource-error",
    "Ressource invalide",
    "{detail}",
    "corrigez la description de la ressource dans le descripteur du paquet",
)
DIALECT_ERROR = _kind(
    "dialect-error",
    "Dialecte CSV invalide",
    "{detail}",
    "corrigez « dialect » (delimiter, quoteChar, header…) dans la ressource",
)
PRIVATE_DATA = _kind(
    "private-data",
    "Donnée privée dans le dépôt public",
    "{detail}",
    "gardez-la dans le registre privé (option private_dir : contributions/prive/, ignoré par Git, ou un "
    "dossier hors du dépôt) ; « eclaireur contributions publish » réécrit data/contributions/ avec la seule "
    "partie publiable",
    "Une donnée personnelle ou non publiable (champ « eclaireur:private », contribution non acceptée ou sans "
    "consentement) se trouve dans un fichier que Git publierait.",
)
DRAW_ERROR = _kind(
    "draw-error",
    "Tirage au sort non vérifié",
    "{detail}",
    "refaites le tirage avec « eclaireur tirage » sur la liste publiée, sans modifier le résultat à la main ; "
    "« eclaireur tirage --verify RESULTAT » dit ce qui diffère",
    "Un résultat de data/tirages/ ne se vérifie pas : sa liste, sa graine ou les valeurs publiées (empreintes, "
    "rangs, suppléants) ne redonnent pas le résultat, ou sa liste n'est pas une liste publiée du dossier des données.",
)
METADATA_ERROR = _kind(
    "metadata-error",
    "Métadonnées invalides",
    "{detail}",
    "corrigez le descripteur",
)

# Project rules (content/ and media) -------------------------------------------------------------------

FRONT_MATTER = _kind(
    "front-matter",
    "En-tête YAML illisible",
    "l'en-tête YAML (entre les lignes « --- ») est illisible : {detail}",
    "corrigez la syntaxe YAML (deux-points suivis d'une espace, guillemets autour des valeurs "
    "qui contiennent « : » ou « # »)",
)
FRONT_MATTER_TITLE = _kind(
    "front-matter-title",
    "Titre de page incorrect",
    "« title » vaut « {value} » ({detail}) — un texte est attendu",
    'mettez le titre entre guillemets : title: "…"',
)
MEDIA_MISSING = _kind(
    "media-missing",
    "Média introuvable",
    "le fichier « {value} » est introuvable{detail}",
    "ajoutez le fichier au dépôt ou corrigez le chemin (les majuscules comptent)",
)
MEDIA_OUTSIDE = _kind(
    "media-outside",
    "Média hors du dépôt",
    "le chemin « {value} » sort du dépôt ({detail})",
    "copiez le fichier dans le dépôt et utilisez un chemin relatif sans « .. » qui remonte au-dessus",
)


CATALOGUE: dict[str, ProblemKind] = {
    kind.code: kind
    for kind in (
        TYPE_ERROR,
        CONSTRAINT_ERROR,
        UNIQUE_ERROR,
        PRIMARY_KEY,
        FOREIGN_KEY,
        BLANK_ROW,
        EXTRA_CELL,
        MISSING_CELL,
        DUPLICATE_ROW,
        ROW_CONSTRAINT,
        CELL_CHECK,
        FRENCH_SIRET,
        FRENCH_SIREN,
        YEAR_INTERVAL,
        NOMENCLATURE_ACTES,
        COMPARE_COLUMNS,
        SUM_COLUMNS,
        COHESIVE_COLUMNS,
        ONE_OF_REQUIRED,
        DUPLICATE_LABEL,
        BLANK_LABEL,
        INCORRECT_LABEL,
        MISSING_LABEL,
        EXTRA_LABEL,
        BLANK_HEADER,
        HEADER_MISMATCH,
        HEADER_ORDER,
        TABLE_COUNT,
        ENCODING_ERROR,
        CSV_ERROR,
        SOURCE_ERROR,
        SCHEMA_ERROR,
        PACKAGE_ERROR,
        RESOURCE_ERROR,
        DIALECT_ERROR,
        METADATA_ERROR,
        PRIVATE_DATA,
        DRAW_ERROR,
        FRONT_MATTER,
        FRONT_MATTER_TITLE,
        MEDIA_MISSING,
        MEDIA_OUTSIDE,
    )
}

# Every error type of frictionless 5.21 (``frictionless/errors/*.py``) -> our code.
FRICTIONLESS_CODES: dict[str, str] = {
    # cells and rows
    "type-error": "type-error",
    "constraint-error": "constraint-error",
    "unique-error": "unique-error",
    "primary-key": "primary-key",
    "foreign-key": "foreign-key",
    "blank-row": "blank-row",
    "extra-cell": "extra-cell",
    "missing-cell": "missing-cell",
    "duplicate-row": "duplicate-row",
    "row-constraint": "row-constraint",
    "row-error": "row-constraint",
    "cell-error": "cell-check",
    "ascii-value": "cell-check",
    "forbidden-value": "cell-check",
    "sequential-value": "cell-check",
    "truncated-value": "cell-check",
    "deviated-value": "cell-check",
    "deviated-cell": "cell-check",
    "required-value": "cell-check",
    # labels and header
    "duplicate-label": "duplicate-label",
    "blank-label": "blank-label",
    "incorrect-label": "incorrect-label",
    "missing-label": "missing-label",
    "extra-label": "extra-label",
    "label-error": "incorrect-label",
    "blank-header": "blank-header",
    "unmatched-header": "header-mismatch",
    "header-error": "header-mismatch",
    # table
    "table-dimensions": "table-count",
    "field-count": "table-count",
    "row-count": "table-count",
    "hash-count": "table-count",
    "byte-count": "table-count",
    "table-error": "table-count",
    # files
    "encoding-error": "encoding-error",
    "source-error": "source-error",
    "scheme-error": "source-error",
    "format-error": "source-error",
    "compression-error": "source-error",
    "file-error": "source-error",
    "data-error": "source-error",
    # descriptors
    "schema-error": "schema-error",
    "field-error": "schema-error",
    "package-error": "package-error",
    "resource-error": "resource-error",
    "dialect-error": "dialect-error",
    "control-error": "dialect-error",
    "metadata-error": "metadata-error",
    "detector-error": "metadata-error",
    "catalog-error": "metadata-error",
    "dataset-error": "metadata-error",
    "checklist-error": "metadata-error",
    "check-error": "metadata-error",
    "inquiry-error": "metadata-error",
    "inquiry-task-error": "metadata-error",
    "pipeline-error": "metadata-error",
    "step-error": "metadata-error",
    "report-error": "metadata-error",
    "report-task-error": "metadata-error",
    "stats-error": "metadata-error",
    "error": "metadata-error",
}


def kind_for(code: str) -> ProblemKind:
    """The catalogue entry of ``code`` (a frictionless type is translated first)."""
    return CATALOGUE[FRICTIONLESS_CODES.get(code, code)]
