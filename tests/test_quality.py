"""Lint, types and documentation are part of the test run."""

from __future__ import annotations

import re
import subprocess
import sys

import click
from click.testing import CliRunner

from eclaireur.cli import main
from helpers import REPO


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "scripts", "tests", "tools"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = main.list_commands(click.Context(main))
    assert {"build", "serve", "check", "benchmark"} <= set(names)
    for name in names:
        assert main.get_command(click.Context(main), name) is not None, name
        assert re.search(rf"eclaireur {re.escape(name)}\b", readme), f"« eclaireur {name} » absent du README"


def test_every_plugin_option_is_documented_in_the_readme() -> None:
    from eclaireur.plugin import EclaireurPluginConfig

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, _ in EclaireurPluginConfig._schema:
        assert f"`{name}`" in readme, f"option « {name} » absente du README"


def test_help_is_french() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "collectivité" in result.output
