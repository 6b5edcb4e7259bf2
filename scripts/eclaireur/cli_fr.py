"""Click in French: the help and error strings click writes itself, translated at the command-line boundary.

Click marks its strings with gettext (``from gettext import gettext as _`` in each module) but ships no
catalogue. :func:`install` replaces those module-level names with lookups in :data:`MESSAGES` and
:data:`PLURALS` (the English text when a string is missing), gives click's parameter types French names
(metavars ``TEXTE``, ``ENTIER``; « 'abc' n'est pas un entier valide. ») and writes help headings the French
way (``Options :``). It must run before the commands are declared: click translates some strings when a
decorator or a type is built (help of ``--version``, names of ``click.Path``).

Placeholders are click's own, unchanged. Messages shown after « Erreur : » start with a lowercase letter, like
the CLI's other errors. Strings wrapped in the help columns keep a no-break space before their colon.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

# Click modules that take ``_`` (and ``ngettext``) from gettext and are translated. Two are left in English:
# ``_termui_impl`` (progress bar, editor and pager, unused by eclaireur; imported by click only on demand) and
# ``_winconsole`` (Windows console, not importable elsewhere).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui",
                 "types", "utils")

# Usage line of a group, instead of click's « COMMAND [ARGS]... » (pass it as ``subcommand_metavar``).
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."

MESSAGES: dict[str, str] = {
    # Help pages
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments positionnels",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "par défaut\u00a0: {default}",
    "env var: {var}": "variable d'environnement\u00a0: {var}",
    "required": "obligatoire",  # not a literal in click: _(extra["required"]) with extra["required"] = "required"
    "(dynamic)": "(calculé)",
    "deprecated": "obsolète",
    # Names of click.Path, in the metavars (DOSSIER) and in the messages below (title case: « Chemin »)
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    # Errors
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour obtenir de l'aide.",
    "Aborted!": "Interrompu.",
    "No such option {name!r}.": "option {name!r} inconnue.",
    "No such command {name!r}.": "commande {name!r} inconnue.",
    "Missing command.": "il manque la commande.",
    "Missing argument": "il manque l'argument",
    "Missing option": "il manque l'option",
    "Missing parameter": "il manque le paramètre",
    "Missing {param_type}": "il manque : {param_type}",
    "Missing parameter: {param_name}": "paramètre manquant : {param_name}",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Option {name!r} does not take a value.": "l'option {name!r} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "l'argument {name!r} attend {nargs} valeurs.",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} n'est pas un booléen valide. Valeurs reconnues : {states}",
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{name} {filename!r} : c'est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} : c'est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} : lecture non autorisée.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} : écriture non autorisée.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} : exécution non autorisée.",
    "Could not open file {filename!r}: {message}": "impossible d'ouvrir le fichier {filename!r} : {message}",
    "unknown error": "erreur inconnue",
    "Value must be an iterable.": "la valeur doit être itérable.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Avertissement : la commande {name!r} est obsolète.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Avertissement : {param_type} {name!r} obsolète.{extra_message}",
    # Prompts (click.prompt, click.confirm, click.pause)
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirme l'action sans poser la question.",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    # Shell completion (_ECLAIREUR_COMPLETE=bash_source)
    "Couldn't detect Bash version, shell completion is not supported.":
        "version de Bash inconnue : la complétion n'est pas prise en charge.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "la complétion n'est pas prise en charge par les versions de Bash antérieures à 4.4.",
    # Mistakes in the declaration of a command (for whoever writes one)
    "Could not determine name for option with declarations {decls!r}":
        "impossible de déterminer le nom de l'option déclarée par {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "aucune option déclarée, mais un nom est donné ({name}). Vouliez-vous déclarer un argument ? "
        "Ou écrire '--{name}' ?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "un argument se déclare par un seul nom, {length} donnés : {decls}.",
    "Name '{name}' defined twice": "nom '{name}' déclaré deux fois",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "l'option booléenne {decl!r} ne peut pas avoir le même drapeau pour vrai et faux.",
    "Invalid start character for option ({option})": "caractère initial invalide pour une option ({option})",
    "Unknown color {colour!r}": "couleur {colour!r} inconnue",
    "Unknown standard stream '{name}'": "flux standard '{name}' inconnu",
    "Choice({choices})": "Choice({choices})",  # repr() of a click.Choice, a Python expression
}

# (singular, plural) -> French (singular, plural). The form is chosen as in English (singular when n == 1):
# click's singular texts may write the 1 out (« but 1 was given ») or leave the count out.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Vouliez-vous dire {possibility} ?", "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("argument en trop ({args})", "arguments en trop ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("l'option {name!r} attend une valeur.", "l'option {name!r} attend {nargs} valeurs."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("attend {nargs} valeurs, mais en a reçu 1.", "attend {nargs} valeurs, mais en a reçu {len}."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} n'est pas la valeur attendue ({choice}).",
         "{value!r} n'est pas une valeur possible ({choices})."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} ne respecte pas le format {format}.", "{value!r} ne respecte aucun des formats {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("{len_type} valeurs attendues, {len_value} reçue.", "{len_type} valeurs attendues, {len_value} reçues."),
}

# Names of click's parameter types: metavars (``--nombre ENTIER``) and « {value!r} n'est pas un {number_type}
# valide. ». Click sets them as class attributes, outside gettext (click.Path's come from MESSAGES).
TYPE_NAMES: dict[type[click.ParamType[Any]], str] = {
    click.types.StringParamType: "texte",
    click.types.UnprocessedParamType: "texte",
    click.types.IntParamType: "entier",
    click.IntRange: "entier",
    click.types.FloatParamType: "nombre",
    click.FloatRange: "nombre",
    click.types.BoolParamType: "booléen",
    click.File: "fichier",
}


def gettext_fr(message: str) -> str:
    """Click's ``_``: the French text of ``message``, or ``message`` itself."""
    return MESSAGES.get(message, message)


def ngettext_fr(singular: str, plural: str, n: int) -> str:
    """Click's ``ngettext``: the French form for ``n``, or the English one."""
    forms = PLURALS.get((singular, plural), (singular, plural))
    return forms[0] if n == 1 else forms[1]


class FrenchHelpFormatter(click.HelpFormatter):
    """Help headings with a space before the colon: « Options : », « Commandes : »."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading} :\n")


def install() -> None:
    """Puts the French catalogue into click (for the whole process; calling it again changes nothing)."""
    for name in CLICK_MODULES:
        namespace = vars(importlib.import_module(f"click.{name}"))
        if "_" in namespace:
            namespace["_"] = gettext_fr
        if "ngettext" in namespace:
            namespace["ngettext"] = ngettext_fr
    for param_type, french_name in TYPE_NAMES.items():
        param_type.name = french_name
    click.Context.formatter_class = FrenchHelpFormatter
