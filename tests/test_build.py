"""The build: atomic, reproducible, escaping hostile values, French errors from the CLI."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.bench.synthetic import set_plugin_option
from eclaireur.build import build_site
from eclaireur.cli import main
from eclaireur.errors import EclaireurError

HOSTILE = '<script>alert("x")</script> & "guillemets" <img src=x onerror=alert(1)>'


def edit_csv(path: Path, row_index: int, field: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames = list(reader.fieldnames or [])
        records = list(reader)
    records[row_index][field] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_build_leaves_previous_site_intact(repo_copy: Path) -> None:
    site = repo_copy / "site"
    site.mkdir()
    (site / "index.html").write_text("ancienne version", encoding="utf-8")
    (repo_copy / "theme" / "templates" / "projet.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(EclaireurError) as error:
        build_site(repo_copy, check=False)
    assert "gabarit" in error.value.message.lower()
    assert (site / "index.html").read_text(encoding="utf-8") == "ancienne version"
    assert sorted(p.name for p in repo_copy.iterdir() if p.name.startswith(".site")) == []


def test_invalid_data_stops_the_build_with_the_check_report(repo_copy: Path) -> None:
    set_plugin_option(repo_copy, "print_enabled", False)
    edit_csv(repo_copy / "data" / "projets.csv", 0, "date_debut", "31/02/2024")
    result = CliRunner().invoke(main, ["build", "--root", str(repo_copy)])
    assert result.exit_code == 1
    assert "projets.csv" in result.output and "date_debut" in result.output
    assert "Traceback" not in result.output
    assert not (repo_copy / "site").exists()


def test_hostile_values_are_escaped(repo_copy: Path) -> None:
    set_plugin_option(repo_copy, "print_enabled", False)  # typst escaping is tested in test_print*
    edit_csv(repo_copy / "data" / "projets.csv", 0, "nom", HOSTILE)
    with (repo_copy / "data" / "projets.csv").open(encoding="utf-8") as handle:
        projet_id = next(csv.DictReader(handle))["id"]
    build_site(repo_copy)
    page = (repo_copy / "site" / "projets" / projet_id / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.startswith("&lt;script&gt;alert(")


def test_same_inputs_give_the_same_bytes(repo_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(repo_copy / ".cache", ignore_errors=True)
    first = build_site(repo_copy, site_dir=tmp_path / "un").site_dir
    shutil.rmtree(repo_copy / ".cache")  # the second build draws every chart and PDF again
    second = build_site(repo_copy, site_dir=tmp_path / "deux").site_dir
    one, two = tree_digest(first), tree_digest(second)
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


def test_missing_configuration_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "mkdocs.yml" in result.output and "Traceback" not in result.output


def test_unchanged_data_is_not_checked_twice_but_a_change_is(repo_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    from eclaireur.build import check_before_build
    from eclaireur.config import load_config

    shutil.rmtree(repo_copy / ".cache", ignore_errors=True)
    config = load_config(repo_copy)
    caplog.set_level("INFO", logger="eclaireur")
    check_before_build(config)
    assert "vérification sautée" not in caplog.text
    check_before_build(config)
    assert "vérification sautée" in caplog.text
    edit_csv(repo_copy / "data" / "projets.csv", 0, "statut", "fini")
    with pytest.raises(EclaireurError) as error:
        check_before_build(config)
    assert "statut" in error.value.message and "fini" in error.value.message


def test_plain_mkdocs_build_checks_the_data_too(repo_copy: Path, tmp_path: Path) -> None:
    """``mkdocs build`` / ``mkdocs serve`` go through the plugin, which checks before generating."""
    from eclaireur.build import run_mkdocs

    set_plugin_option(repo_copy, "print_enabled", False)
    edit_csv(repo_copy / "data" / "themes.csv", 0, "couleur", "bleu")
    with pytest.raises(EclaireurError) as error:
        run_mkdocs(repo_copy, tmp_path / "site")
    assert "data/themes.csv:2" in error.value.message and "couleur" in error.value.message
