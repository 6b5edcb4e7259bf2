"""The private register: personal data of contributions never enters the public repository."""

from __future__ import annotations

import csv
import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.config import load_config
from eclaireur.contributions.inbox_check import contribution_problems
from eclaireur.contributions.intake import IMPORTED, QUARANTINED, import_contributions
from eclaireur.contributions.moderation import moderate
from eclaireur.contributions.publish import publish_all
from eclaireur.errors import DataError
from eclaireur.forms.definition import load_forms
from helpers import REGISTER, REPO
from test_contributions import (
    FREE,
    SURVEY,
    inbox_file,
    public_rows,
    read_csv,
    rows,
    submission_text,
)

TESTIMONY = {"temoignage": "Je traverse le pont de la Varenne tous les matins : la bande cyclable s'arrête au milieu.",
             "quartier": "La Varenne", "lien_photo": "", "signature": "initiales", "nom_complet": "Paulette Grandjean",
             "courriel": "paulette.grandjean@courriel-perso.example"}


def tracked_text(root: Path) -> str:
    """Every text file Git would publish from the repository ``root`` (what is not ignored)."""
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout.split("\n")
    texts = []
    for name in filter(None, listed):
        path = root / name
        if path.is_file() and path.suffix in (".csv", ".yaml", ".json", ".md", ".txt"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def git_repo(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def test_demo_data_is_the_public_view_of_the_register(mini_repo: Path) -> None:
    """data/contributions/ of the demo is exactly what ``publish`` writes from the register, byte for byte."""
    for path in (mini_repo / "data" / "contributions").glob("*.csv"):
        path.unlink()
    publications = publish_all(load_config(mini_repo))
    assert {p.form_id for p in publications} == {f.id for f in load_forms(REPO / "data")}
    for form in load_forms(REPO / "data"):
        written = (mini_repo / "data" / "contributions" / f"{form.id}.csv").read_bytes()
        assert written == (REPO / "data" / "contributions" / f"{form.id}.csv").read_bytes(), form.id
    again = publish_all(load_config(mini_repo))
    assert not any(p.changed for p in again)


def test_no_private_value_is_in_the_public_repository() -> None:
    """The demo's private values (names, e-mails, moderation notes, unpublished texts) are only in the
    register fixture: nothing under data/, content/ or contributions/ holds one."""
    public = "\n".join(p.read_text(encoding="utf-8") for folder in ("data", "content", "contributions")
                       for p in sorted((REPO / folder).rglob("*"))
                       if p.is_file() and p.suffix in (".csv", ".md", ".yaml"))
    checked = 0
    for form in load_forms(REPO / "data"):
        closed = {f["name"] for f in form.fields if "enum" in f.get("constraints", {})}
        register = read_csv(REGISTER / f"{form.id}.csv")
        said_publicly = {value for row in register if row["statut"] == "acceptée" and row["consentement"] == "true"
                         for name, value in row.items() if name not in form.private_fields}
        for row in register:
            published = row["statut"] == "acceptée" and row["consentement"] == "true"
            for name, value in row.items():
                private = name in form.private_fields
                if name in closed or (not private and value in said_publicly):
                    continue  # a choice among the form's answers, or words a published contribution says too
                if (private and len(value) >= 8) or (not published and len(value) > 40):
                    if name == "nom_complet" and published and row.get("signature") == "nom":
                        continue  # the author chose to sign with their name
                    assert value not in public, f"{form.id} {row['id']} {name}"
                    checked += 1
    assert checked > 50


def test_import_moderate_publish_keeps_private_fields_in_the_register(mini_repo: Path) -> None:
    git_repo(mini_repo)
    inbox_file(mini_repo, "temoignage-velo", "t.yaml", submission_text("temoignage-velo", TESTIMONY))
    assert import_contributions(load_config(mini_repo))[0].status == IMPORTED
    assert rows(mini_repo, "temoignage-velo")[-1]["courriel"] == TESTIMONY["courriel"]
    assert "Paulette" not in tracked_text(mini_repo)  # pending: only in the register
    moderate(load_config(mini_repo), "20260201-101010-abcdef", accept=True, reason="Précis")
    published = next(r for r in public_rows(mini_repo, "temoignage-velo") if r["id"] == "20260201-101010-abcdef")
    assert published["signature_publiee"] == "P. G." and published["temoignage"] == TESTIMONY["temoignage"]
    text = tracked_text(mini_repo)
    assert TESTIMONY["temoignage"] in text
    assert "Paulette" not in text and "courriel-perso" not in text and "Précis" not in text
    ignore = mini_repo / "contributions" / "prive" / ".gitignore"
    assert ignore.is_file()  # made by the import: the register ignores itself even without the root .gitignore
    assert contribution_problems(mini_repo, mini_repo) == []


def test_refused_files_wait_in_the_private_quarantine(mini_repo: Path) -> None:
    git_repo(mini_repo)
    bad = {**TESTIMONY, "courriel": "paulette-sans-arobase"}
    inbox_file(mini_repo, "temoignage-velo", "t.yaml", submission_text("temoignage-velo", bad))
    outcome = import_contributions(load_config(mini_repo))[0]
    assert outcome.status == QUARANTINED
    assert outcome.destination.startswith("contributions/prive/quarantaine/temoignage-velo/")
    assert "paulette" not in tracked_text(mini_repo).lower()


def test_withdrawing_a_contribution_published_from_another_register(mini_repo: Path) -> None:
    shutil.rmtree(mini_repo / "contributions" / "prive")  # this computer has no register
    published = public_rows(mini_repo, "temoignage-velo")
    target = published[0]["id"]
    with pytest.raises(DataError, match="modérée sur un autre poste"):
        moderate(load_config(mini_repo), target, accept=True, reason="")
    decision = moderate(load_config(mini_repo), target, accept=False, reason="Retrait demandé par l'autrice")
    assert not decision.in_register and decision.publication.changed
    assert public_rows(mini_repo, "temoignage-velo") == published[1:]
    runner = CliRunner()
    listed = runner.invoke(main, ["contributions", "list", "--root", str(mini_repo)])
    assert listed.exit_code == 0 and "n'existe pas encore sur ce poste" in listed.output
    kept = runner.invoke(main, ["contributions", "publish", "--root", str(mini_repo)])
    assert kept.exit_code == 0, kept.output
    assert public_rows(mini_repo, "temoignage-velo") == published[1:]  # no register: nothing removed


def test_rejecting_a_published_contribution_removes_it_from_the_public_file(mini_repo: Path) -> None:
    target = public_rows(mini_repo, "enquete-velo")[0]["id"]
    result = CliRunner().invoke(main, ["contributions", "moderate", "--root", str(mini_repo), target, "--reject",
                                       "--reason", "Doublon d'une réponse papier"])
    assert result.exit_code == 0, result.output
    assert "« refusée »" in result.output and "réécrit" in result.output
    assert target not in {r["id"] for r in public_rows(mini_repo, "enquete-velo")}
    assert next(r for r in rows(mini_repo, "enquete-velo") if r["id"] == target)["statut"] == "refusée"


def test_check_refuses_private_columns_in_the_public_file(mini_repo: Path) -> None:
    public = mini_repo / "data" / "contributions" / "fete-evaluation-2026.csv"
    shutil.copy2(REGISTER / "fete-evaluation-2026.csv", public)
    problems = [p for p in contribution_problems(mini_repo, mini_repo) if p.code == "private-data"]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.column) == (public.relative_to(mini_repo).as_posix(), 1, "empreinte")
    assert "« nom_complet », « courriel »" in problem.message and "registre privé" in problem.message
    with pytest.raises(DataError, match="colonnes privées"):
        moderate(load_config(mini_repo), "20260116-101205-dq5jnt", accept=True, reason="")
    result = CliRunner().invoke(main, ["check", str(mini_repo)])
    assert result.exit_code == 1 and "Donnée privée" not in result.output.split("\n")[0]
    assert "champs privés du formulaire « fete-evaluation-2026 »" in result.output


def test_check_refuses_a_pending_contribution_in_the_public_file(mini_repo: Path) -> None:
    public = mini_repo / "data" / "contributions" / "enquete-velo.csv"
    lines = public.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",acceptée,true,", ",en attente,true,", 1)
    public.write_text("".join(lines), encoding="utf-8")
    problems = [p for p in contribution_problems(mini_repo, mini_repo) if p.code == "private-data"]
    assert [(p.line, p.column, p.value) for p in problems] == [(4, "statut", "en attente")]
    assert "« en attente »" in problems[0].message


def test_check_refuses_a_register_git_would_publish(mini_repo: Path) -> None:
    git_repo(mini_repo)
    (mini_repo / "contributions" / "prive" / ".gitignore").unlink(missing_ok=True)
    problems = [p for p in contribution_problems(mini_repo, mini_repo) if p.code == "private-data"]
    assert len(problems) == 1 and problems[0].file == ".gitignore"
    assert "ajoutez la ligne « /contributions/prive/ » à .gitignore" in problems[0].message
    (mini_repo / ".gitignore").write_text("/contributions/prive/\n", encoding="utf-8")
    assert [p for p in contribution_problems(mini_repo, mini_repo) if p.code == "private-data"] == []


def test_the_register_can_live_outside_the_repository(mini_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "partage-confidentiel" / "registre"
    shutil.move(mini_repo / "contributions" / "prive", outside)
    config = dataclasses.replace(load_config(mini_repo), private_dir=outside)
    inbox_file(mini_repo, "contribution-velo", "a.yaml", submission_text("contribution-velo", FREE))
    inbox_file(mini_repo, "enquete-velo", "b.yaml", submission_text("enquete-velo", {**SURVEY, "age": "vieux"}))
    outcomes = import_contributions(config)
    assert [o.status for o in outcomes] == [IMPORTED, QUARANTINED]
    assert read_csv(outside / "contribution-velo.csv")[-1]["titre"] == FREE["titre"]
    assert (outside / "quarantaine" / "enquete-velo" / "b.yaml").is_file()
    assert not (mini_repo / "contributions" / "prive").exists()


def test_private_dir_setting_is_read_from_mkdocs_yml(mini_repo: Path, tmp_path: Path) -> None:
    mkdocs = mini_repo / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    setting = "      private_dir: contributions/prive\n"
    assert setting in text
    mkdocs.write_text(text.replace(setting, f"      private_dir: {tmp_path}/r\n"), encoding="utf-8")
    assert load_config(mini_repo).private_dir == tmp_path / "r"
    mkdocs.write_text(text.replace(setting, "      private_dir: .\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["contributions", "list", "--root", str(mini_repo)])
    assert result.exit_code == 2 and "private_dir" in result.output and "Traceback" not in result.output


def test_publish_follows_a_change_of_the_form_without_the_register(mini_repo: Path) -> None:
    """Rows kept from another register are read by column name: a column the form gained comes back empty."""
    shutil.rmtree(mini_repo / "contributions" / "prive")
    public = mini_repo / "data" / "contributions" / "enquete-velo.csv"
    before = public_rows(mini_repo, "enquete-velo")
    old = [{k: v for k, v in row.items() if k != "age"} for row in before]
    with public.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(old[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(old)
    publications = publish_all(load_config(mini_repo), form_id="enquete-velo")
    assert publications[0].changed and publications[0].kept == len(before)
    assert public_rows(mini_repo, "enquete-velo") == [{**row, "age": ""} for row in before]
