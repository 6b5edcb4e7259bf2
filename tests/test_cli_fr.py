"""Click's own strings in French: usage errors, help pages, and a catalogue that follows click's source."""

from __future__ import annotations

import ast
import importlib
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from eclaireur import cli_fr
from eclaireur.cli import main
from helpers import REPO

CLICK_DIR = Path(click.__file__).parent

# Click modules with gettext strings that the catalogue leaves in English, and why.
NOT_TRANSLATED = {
    "_termui_impl": "barre de progression, éditeur, pager : importé par click à la demande, eclaireur ne s'en sert pas",
    "_winconsole": "console Windows : ne s'importe que sous Windows",
}
# Calls of _() whose argument is not a literal: the expression, and the msgids it can take.
DYNAMIC_MSGIDS = {"extra['required']": {"required"}}  # core.py: extra["required"] = "required"

# What click writes in English when its strings are not translated.
ENGLISH = re.compile(r"Usage:|Options:|Commands:|Error:|Try '|Show this message|Show the version|\[default:"
                     r"|\[required\]|\bCOMMAND\b|\[ARGS\]|No such|Missing|Invalid value|Did you mean")
ENGLISH_METAVAR = re.compile(r"-\w[-\w]* (TEXT|INTEGER|FLOAT|BOOLEAN|DIRECTORY|FILE|FILENAME|PATH)\b")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="eclaireur")


def assert_no_english(output: str) -> None:
    assert not ENGLISH.search(output), output
    assert not ENGLISH_METAVAR.search(output), output


def usage_error(result: Result, command: str) -> str:
    """The message of a usage error, after checking what surrounds it."""
    assert result.exit_code == 2, result.output
    assert f"Utilisation : {command} " in result.output
    assert f"Essayez « {command} --help » pour obtenir de l'aide." in result.output
    assert_no_english(result.output)
    message = result.output.splitlines()[-1]
    assert message.startswith("Erreur : "), result.output
    return message.removeprefix("Erreur : ")


def test_unknown_option_with_a_suggestion() -> None:
    message = usage_error(run("check", "--foo"), "eclaireur check")
    assert message == "option '--foo' inconnue. Vouliez-vous dire '--format' ?"


def test_unknown_command() -> None:
    assert usage_error(run("zzz"), "eclaireur") == "commande 'zzz' inconnue."


def test_mistyped_command_gets_a_suggestion_even_when_loaded_lazily() -> None:
    assert usage_error(run("chek"), "eclaireur") == "commande 'chek' inconnue. Vouliez-vous dire 'check' ?"
    message = usage_error(run("contributions", "publsh"), "eclaireur contributions")
    assert message == "commande 'publsh' inconnue. Vouliez-vous dire 'publish' ?"


def test_missing_argument_and_missing_option() -> None:
    message = usage_error(run("contributions", "moderate"), "eclaireur contributions moderate")
    assert message == "il manque l'argument 'CONTRIBUTION_ID'."
    @click.command("exemple")
    @click.option("--prive", required=True)
    def exemple(prive: str) -> None:
        """Une commande d'exemple : eclaireur n'a plus d'option obligatoire."""

    result = CliRunner().invoke(exemple, [], prog_name="eclaireur exemple")
    assert usage_error(result, "eclaireur exemple") == "il manque l'option '--prive'."
    assert "[obligatoire]" in CliRunner().invoke(exemple, ["--help"], prog_name="eclaireur exemple").output


def test_invalid_choice() -> None:
    message = usage_error(run("contributions", "list", "--statut", "bidon"), "eclaireur contributions list")
    assert message.startswith("valeur invalide pour '--statut' : 'bidon' n'est pas une valeur possible ('")


def test_invalid_integers() -> None:
    message = usage_error(run("tirage", "--nombre", "abc"), "eclaireur tirage")
    assert message == "valeur invalide pour '--nombre' : 'abc' n'est pas un entier valide."
    message = usage_error(run("tirage", "--nombre", "-3"), "eclaireur tirage")
    assert message == "valeur invalide pour '--nombre' : -3 n'est pas dans l'intervalle x>=0."


def test_bad_paths(tmp_path: Path) -> None:
    absent = tmp_path / "absent.yaml"
    message = usage_error(run("election", "importer", str(absent)), "eclaireur election importer")
    assert message == f"valeur invalide pour '[FICHIERS]...' : Chemin '{absent}' introuvable."
    a_file = tmp_path / "fichier.txt"
    a_file.write_text("", encoding="utf-8")
    message = usage_error(run("build", "--root", str(a_file)), "eclaireur build")
    assert message == f"valeur invalide pour '--root' : Dossier '{a_file}' : c'est un fichier."


def test_extra_argument() -> None:
    message = usage_error(run("contributions", "publish", "en-trop"), "eclaireur contributions publish")
    assert message == "argument en trop (en-trop)"


def test_help_of_the_group() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("Utilisation : eclaireur [OPTIONS] COMMANDE [ARGUMENTS]...\n")
    for text in ("\nOptions :\n", "--version   Affiche la version et quitte.",
                 "-h, --help  Affiche cette aide et quitte.", "\nCommandes :\n"):
        assert text in result.output
    assert_no_english(result.output)


def test_help_of_a_command() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Utilisation : eclaireur check [OPTIONS]")
    assert "--schema CHEMIN " in result.output
    assert "--limit-errors ENTIER " in result.output
    assert "défaut\u00a0: 1000; x>=0]" in result.output
    assert_no_english(result.output)


def help_pages(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    pages = [path]
    for name in group.list_commands(click.Context(group)):
        command = group.get_command(click.Context(group), name)
        if isinstance(command, click.Group):
            pages += help_pages(command, (*path, name))
        else:
            pages.append((*path, name))
    return pages


def test_every_help_page_is_french() -> None:
    pages = help_pages(main)
    assert ("election", "codes") in pages
    outputs = {}
    for page in pages:
        result = run(*page, "--help")
        assert result.exit_code == 0, (page, result.output)
        assert_no_english(result.output)
        outputs[page] = result.output
    assert "--root DOSSIER " in outputs[("build",)]
    assert "--graine TEXTE " in outputs[("tirage",)]
    assert "--sortie FICHIER " in outputs[("tally",)]
    assert "codes-<élection>.csv dans le registre privé" in " ".join(outputs[("election", "codes")].split())


def test_version() -> None:
    from eclaireur import __version__

    result = run("--version")
    assert (result.exit_code, result.output) == (0, f"eclaireur, version {__version__}\n")


def test_aborted() -> None:
    @click.command()
    def interrupted() -> None:
        raise click.Abort()

    result = CliRunner().invoke(interrupted)
    assert (result.exit_code, result.stderr) == (1, "Interrompu.\n")


def test_the_installed_command_speaks_french() -> None:
    """Through ``python -m eclaireur``, whatever the tests imported before."""
    result = subprocess.run([sys.executable, "-m", "eclaireur", "--verison"], cwd=REPO, capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert result.stderr.endswith("Erreur : option '--verison' inconnue. Vouliez-vous dire '--version' ?\n")
    assert result.stderr.startswith("Utilisation : python -m eclaireur [OPTIONS] COMMANDE [ARGUMENTS]...\n")


def click_msgids() -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """Literal msgids of _() and (singular, plural) of ngettext() in click's source, and the other _() calls."""
    messages: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    dynamic: set[str] = set()
    for source in sorted(CLICK_DIR.glob("*.py")):
        if source.stem in NOT_TRANSLATED:
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            literals = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if node.func.id == "_":
                if literals:
                    messages.add(literals[0])
                else:
                    dynamic.add(ast.unparse(node.args[0]))
            elif node.func.id == "ngettext":
                assert len(literals) == 2, f"{source.name}:{node.lineno}"
                plurals.add((literals[0], literals[1]))
    return messages, plurals, dynamic


def test_the_catalogue_covers_click() -> None:
    messages, plurals, dynamic = click_msgids()
    assert len(messages) > 50 and len(plurals) > 5
    assert dynamic == set(DYNAMIC_MSGIDS), "nouvel appel de _() sans chaîne littérale dans click"
    messages |= set().union(*DYNAMIC_MSGIDS.values())
    assert sorted(messages - set(cli_fr.MESSAGES)) == [], "chaînes de click absentes de eclaireur/cli_fr.py"
    assert sorted(set(plurals) - set(cli_fr.PLURALS)) == [], "pluriels de click absents de eclaireur/cli_fr.py"
    assert sorted(set(cli_fr.MESSAGES) - messages) == [], "chaînes que click n'utilise plus"
    assert sorted(set(cli_fr.PLURALS) - plurals) == [], "pluriels que click n'utilise plus"


def test_every_gettext_module_of_click_is_translated_or_excluded() -> None:
    with_gettext = {source.stem for source in CLICK_DIR.glob("*.py")
                    if re.search(r"^from gettext import", source.read_text(encoding="utf-8"), re.MULTILINE)}
    assert with_gettext == set(cli_fr.CLICK_MODULES) | set(NOT_TRANSLATED)
    for name in cli_fr.CLICK_MODULES:
        namespace = vars(importlib.import_module(f"click.{name}"))
        assert namespace["_"] is cli_fr.gettext_fr, name
        assert namespace.get("ngettext", cli_fr.ngettext_fr) is cli_fr.ngettext_fr, name


def test_eclaireur_does_not_use_the_untranslated_modules() -> None:
    """``_termui_impl`` is what click.progressbar, click.edit and click.echo_via_pager run."""
    for source in (REPO / "scripts" / "eclaireur").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"\b(progressbar|edit|echo_via_pager)\(", text), source


def fields(text: str) -> list[tuple[str, str, str]]:
    """Placeholders of a str.format template and of a %-template, as click fills them."""
    parsed = [(name, spec or "", conversion or "") for _, name, spec, conversion in string.Formatter().parse(text)
              if name is not None]
    return sorted(parsed + [(name, "%", "") for name in re.findall(r"%\((\w+)\)s", text)])


@pytest.mark.parametrize("english", sorted(cli_fr.MESSAGES))
def test_translation_keeps_the_placeholders(english: str) -> None:
    assert fields(cli_fr.MESSAGES[english]) == fields(english)


@pytest.mark.parametrize("english", sorted(cli_fr.PLURALS))
def test_plural_translation_keeps_the_placeholders(english: tuple[str, str]) -> None:
    french = cli_fr.PLURALS[english]
    assert [fields(form) for form in french] == [fields(form) for form in english]
    assert cli_fr.ngettext_fr(*english, 1) == french[0]
    assert cli_fr.ngettext_fr(*english, 2) == cli_fr.ngettext_fr(*english, 0) == french[1]


def test_unknown_strings_stay_in_english() -> None:
    assert cli_fr.gettext_fr("Not in the catalogue") == "Not in the catalogue"
    assert cli_fr.ngettext_fr("one thing", "{n} things", 3) == "{n} things"
