"""Fiabilité (issue 11): one test per failure an adversarial pass found, written from the failure.

Inputs live in ``tests/fixtures/bad-input/`` (see its LISEZMOI.md); each test names the numbered failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from eclaireur.check.command import check_command
from eclaireur.check.run import check_path
from eclaireur.errors import DataError
from eclaireur.load import load_dataset
from eclaireur.safeyaml import MAX_ALIASES, load_yaml
from helpers import REPO, copy_repo

BAD = REPO / "tests" / "fixtures" / "bad-input"


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(check_command, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# 1. A CSV whose quote is never closed ------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_1_unclosed_quote_is_refused_by_both_engines(engine: str) -> None:
    code, output = check(str(BAD / "unclosed-quote.csv"), "--moteur", engine)
    assert code == 1, output
    assert "unclosed-quote.csv:2: colonne « nom » : guillemet ouvert ligne 2" in output
    assert "les lignes 3 à 4 sont lues comme la suite de cette cellule" in output
    report = check_path(BAD / "unclosed-quote.csv", root=BAD, engine=engine)  # type: ignore[arg-type]
    assert [(p.code, p.line, p.column) for p in report.problems] == [("csv-error", 2, "nom")]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('a,b\n1,"x ""cité"" y"\n2,"ouvert\n', 3),  # doubled quotes close nothing
        ('a,b\n1,"multi\nligne"\n2,"x\n3,y\n', 4),  # after a real multi-line cell
        ('a;b\r\n1;"x\r\n2;y\r\n', 2),  # CRLF and another delimiter
    ],
)
def test_1_unclosed_quote_line_is_where_the_quote_opens(tmp_path: Path, body: str, line: int) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(body.encode())
    report = check_path(path, root=tmp_path)
    assert [(p.code, p.line) for p in report.problems if p.code == "csv-error"] == [("csv-error", line)]


@pytest.mark.parametrize("body", ['a,b\n1,"fermé"\n', 'a,b\n1,"multi\nligne"\n', 'a,b\n1,x"y\n', 'a,b\n1,""\n'])
def test_1_closed_quotes_are_not_reported(tmp_path: Path, body: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(body, encoding="utf-8")
    assert not [p for p in check_path(path, root=tmp_path).problems if p.code == "csv-error"]


def test_1_loader_refuses_an_unclosed_quote_too(tmp_path: Path) -> None:
    (tmp_path / "lieux.csv").write_bytes((BAD / "unclosed-quote.csv").read_bytes())
    (tmp_path / "datapackage.yaml").write_text(
        "resources:\n  - name: lieux\n    path: lieux.csv\n    schema:\n      fields:\n"
        "        - {name: id, type: integer}\n        - {name: nom, type: string}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"lieux.csv:2 : guillemet ouvert jamais refermé"):
        load_dataset(tmp_path)


# 2. YAML « billion laughs » --------------------------------------------------------------------------


def test_2_billion_laughs_descriptor_is_refused_by_check() -> None:
    code, output = check(str(BAD / "billion-laughs" / "datapackage.yaml"))
    assert code == 1, output
    assert "les alias YAML (*nom) multiplient le document" in output


def test_2_billion_laughs_is_refused_by_the_loader_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "datapackage.yaml").write_bytes((BAD / "billion-laughs" / "datapackage.yaml").read_bytes())
    with pytest.raises(Exception, match="multiplient le document") as caught:
        load_dataset(tmp_path)
    assert getattr(caught.value, "message", "")  # an EclaireurError, not a MemoryError


def test_2_yaml_bounds() -> None:
    assert load_yaml("x: &x {k: 1}\ny: *x\nz: [*x, *x]") == {"x": {"k": 1}, "y": {"k": 1}, "z": [{"k": 1}] * 2}
    with pytest.raises(yaml.YAMLError, match="renvoie à l'élément qui le contient"):
        load_yaml("a: &a [1, *a]")
    aliases = "base: &b 1\n" + "".join(f"k{i}: *b\n" for i in range(MAX_ALIASES + 1))
    with pytest.raises(yaml.YAMLError, match=f"plus de {MAX_ALIASES} alias"):
        load_yaml(aliases)
    with pytest.raises(yaml.YAMLError, match="caractères ; au plus"):
        load_yaml("x: " + "a" * 5_000_001)


def test_2_every_yaml_reader_goes_through_the_bounded_loader() -> None:
    """No module reads YAML with PyYAML directly (safeyaml.py is the one place that does)."""
    offenders = []
    for path in sorted((REPO / "scripts" / "eclaireur").rglob("*.py")):
        if path.name == "safeyaml.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("yaml.safe_load(", "yaml.load(", "yaml.full_load(", "yaml.unsafe_load("):
            if needle in text:
                offenders.append(f"{path.relative_to(REPO)}: {needle}")
    assert offenders == []


# 10. The tests pass in a clone of the repository alone ---------------------------------------------------


def test_10_tests_read_real_files_from_the_repository() -> None:
    from helpers import REAL_DATA

    assert REAL_DATA.is_relative_to(REPO)
    for needed in (
        "collectivites/VilleMTP_MTP_BudgetPri_2014.csv",
        "collectivites/VilleMTP_MTP_Delibs.csv",
        "schemas/scdl-subventions/schema.json",
        "frictionless-fixtures/invalid.csv",
        "ballots/00002-00000006.toc",
        "LISEZMOI.md",
    ):
        assert (REAL_DATA / needed).is_file(), needed
    assert next((REAL_DATA / "collectivites").glob("SCDL_COM_Poitiers*.csv"), None) is not None


def test_10_no_test_module_needs_the_shared_folder_to_be_collected() -> None:
    """Collect the whole suite with ``../shared`` hidden (HOME-less clone simulation: REAL_DATA only)."""
    for path in sorted((REPO / "tests").rglob("*.py")):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        assert "/work/shared" not in text, path
        assert 'parent / "shared"' not in text or path.name == "helpers.py", path


@pytest.mark.skipif(os.environ.get("ECLAIREUR_CLONE_TEST") == "1", reason="déjà dans le clone")
def test_10_collection_succeeds_in_a_clone_without_shared(tmp_path: Path) -> None:
    clone = tmp_path / "seul" / "eclaireur"
    subprocess.run(["git", "clone", "-q", "--no-local", str(REPO), str(clone)], check=True)
    tracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "-z"], cwd=REPO,
                             capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, tracked):  # the working tree's new files, so that the test sees this change
        target = clone / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / name.decode()).read_bytes())
    changed = subprocess.run(["git", "diff", "--name-only", "-z", "HEAD"], cwd=REPO,
                             capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, changed):
        source = REPO / name.decode()
        target = clone / name.decode()
        if source.exists():
            target.write_bytes(source.read_bytes())
        elif target.exists():
            target.unlink()
    assert not (clone.parent / "shared").exists()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=clone, capture_output=True, text=True, env={**os.environ, "ECLAIREUR_CLONE_TEST": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "test_check_collectivites.py::" in result.stdout


# 3. Draws --------------------------------------------------------------------------------------------

DRAW = "data/tirages/jury-citoyen-futurs.yaml"


def _tamper(repo: Path, old: str, new: str) -> Path:
    path = repo / DRAW
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_3_verify_refuses_an_altered_fingerprint(tmp_path: Path) -> None:
    from eclaireur.cli import main

    repo = copy_repo(tmp_path / "depot")
    doc = yaml.safe_load((repo / DRAW).read_text(encoding="utf-8"))
    fingerprint = doc["tires"][0]["empreinte"]
    altered = fingerprint[:-1] + ("0" if fingerprint[-1] != "0" else "1")
    path = _tamper(repo, fingerprint, altered)
    result = CliRunner().invoke(main, ["tirage", "--verify", str(path)])
    assert result.exit_code == 1, result.output
    assert "Tirage NON vérifié" in result.output
    assert f"position 1 ({doc['tires'][0]['identifiant']}) : empreinte publié « {altered} »" in result.output


@pytest.mark.parametrize(
    ("key", "value"),
    [("rang", ("  rang: 1\n", "  rang: 7\n")), ("liste_personnes", None)],
    ids=["rang", "liste_personnes"],
)
def test_3_check_verifies_every_draw(tmp_path: Path, key: str, value: Any) -> None:
    repo = copy_repo(tmp_path / "depot")
    if key == "rang":
        _tamper(repo, value[0], value[1])
    else:
        text = (repo / DRAW).read_text(encoding="utf-8")
        count = yaml.safe_load(text)["liste_personnes"]
        _tamper(repo, f"liste_personnes: {count}\n", f"liste_personnes: {count + 1}\n")
    report = check_path(repo, root=repo)
    draws = [p for p in report.problems if p.code == "draw-error"]
    assert draws and all(p.file == DRAW for p in draws), report.problems
    assert not report.valid


@pytest.mark.parametrize("named", ["../../contributions/prive/temoignage.csv", "/etc/passwd", "../datapackage.yaml/.."])
def test_3_a_draw_list_outside_the_published_data_is_refused(tmp_path: Path, named: str) -> None:
    from eclaireur.pages.tirage import published_draws

    repo = copy_repo(tmp_path / "depot")
    private = repo / "contributions" / "prive"
    private.mkdir(parents=True, exist_ok=True)
    (private / "temoignage.csv").write_text("identifiant,courriel\np1,camille.martin@exemple.fr\n", encoding="utf-8")
    path = repo / DRAW
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace(f"liste: {doc['liste']}\n", f"liste: {named}\n"),
                    encoding="utf-8")
    report = check_path(repo, root=repo)
    messages = " ".join(p.message for p in report.problems if p.code == "draw-error")
    assert "liste publiée" in messages, report.problems
    assert "exemple.fr" not in messages and "root:" not in messages
    with pytest.raises(DataError) as refused:
        published_draws(repo / "data")
    assert "exemple.fr" not in refused.value.message and "root:" not in refused.value.message


def test_3_a_git_ignored_list_inside_the_data_is_refused(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "depot")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("data/tirages/jury-citoyen-futurs-liste.csv\n", encoding="utf-8")
    report = check_path(repo, root=repo)
    assert any("Git ignore" in p.message for p in report.problems if p.code == "draw-error"), report.problems


# 6. Hidden files in the inbox ---------------------------------------------------------------------------


def test_6_a_hidden_inbox_file_is_checked_imported_and_never_left_behind(mini_repo: Path) -> None:
    from eclaireur.contributions.intake import IMPORTED, QUARANTINED, import_contributions
    from test_contributions import FREE, inbox_file, rows, submission_text

    good = inbox_file(mini_repo, "contribution-velo", ".x.yaml", submission_text("contribution-velo", FREE))
    bad = inbox_file(mini_repo, "contribution-velo", ".y.yaml",
                     'formulaire: "contribution-velo"\nnom: "Camille Martin"\ncourriel: "camille@exemple.fr"\n')
    report = check_path(mini_repo, root=mini_repo)
    assert any(p.file == "contributions/inbox/contribution-velo/.y.yaml" for p in report.problems), report.problems
    from eclaireur.config import load_config

    outcomes = {Path(item.source).name: item.status for item in import_contributions(load_config(mini_repo))}
    assert outcomes == {".x.yaml": IMPORTED, ".y.yaml": QUARANTINED}
    assert not good.exists() and not bad.exists()
    assert [row["titre"] for row in rows(mini_repo, "contribution-velo")][-1] == FREE["titre"]


# 5. Moderation order --------------------------------------------------------------------------------------


def _published_contribution(repo: Path) -> tuple[Any, str]:
    from eclaireur.config import load_config
    from eclaireur.contributions.intake import import_contributions
    from eclaireur.contributions.moderation import moderate
    from test_contributions import FREE, inbox_file, submission_text

    text = submission_text("contribution-velo", FREE, "20260301-101010-abcdef")
    inbox_file(repo, "contribution-velo", "a.yaml", text)
    config = load_config(repo)
    [outcome] = import_contributions(config)
    moderate(config, outcome.contribution_id, accept=True, reason="")
    return config, outcome.contribution_id


def test_5_a_refusal_killed_between_its_two_writes_never_stays_public(
    mini_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eclaireur.contributions.moderation as moderation
    from eclaireur.cli import main
    from test_contributions import public_rows, rows

    config, identifier = _published_contribution(mini_repo)
    assert identifier in {row["id"] for row in public_rows(mini_repo, "contribution-velo")}

    def killed(*args: Any, **kwargs: Any) -> None:
        raise SystemExit(137)

    monkeypatch.setattr(moderation, "write_rows", killed)
    with pytest.raises(SystemExit):
        moderation.moderate(config, identifier, accept=False, reason="Propos injurieux")
    monkeypatch.undo()
    assert identifier not in {row["id"] for row in public_rows(mini_repo, "contribution-velo")}
    report = check_path(mini_repo, root=mini_repo)
    assert any("modération a été interrompue" in p.message for p in report.problems), report.problems
    result = CliRunner().invoke(main, ["contributions", "list", "--root", str(mini_repo)])
    assert result.exit_code == 0, result.output
    assert f"Modération interrompue terminée : la contribution « {identifier} » est « refusée »" in result.output
    held = next(row for row in rows(mini_repo, "contribution-velo") if row["id"] == identifier)
    assert (held["statut"], held["motif"]) == ("refusée", "Propos injurieux")
    assert not moderation.journal_path(config).exists()
    assert not [p for p in check_path(mini_repo, root=mini_repo).problems if p.code == "private-data"]


def test_5_check_compares_the_public_file_with_the_register(mini_repo: Path) -> None:
    from test_contributions import rows

    config, identifier = _published_contribution(mini_repo)
    register = config.private_dir / "contribution-velo.csv"
    assert next(row for row in rows(mini_repo, "contribution-velo") if row["id"] == identifier)["statut"] == "acceptée"
    register.write_text(_set_status(register.read_text(encoding="utf-8"), identifier, "refusée"), encoding="utf-8")
    report = check_path(mini_repo, root=mini_repo)
    found = [p for p in report.problems if p.code == "private-data"]
    assert found and "le registre privé la dit « refusée »" in found[0].message
    assert found[0].file == "data/contributions/contribution-velo.csv" and found[0].line


def _set_status(text: str, identifier: str, status: str) -> str:
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text, newline=""))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(reader.fieldnames or []), lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row["id"] == identifier:
            row["statut"] = status
        writer.writerow(row)
    return out.getvalue()


# 4. Interrupted builds -----------------------------------------------------------------------------------


def _session_processes(session: int) -> list[str]:
    """Command lines of the processes still in ``session`` (the build started its own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat[stat.rindex(")") + 2 :].split()[3]) == session:
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _snapshot(site: Path) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _build(repo: Path, **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "eclaireur", "build", "--no-check", "--root", str(repo)],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)


def _wait_for(condition: Any, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc et renameat2 : Linux")
def test_4_a_killed_build_leaves_the_site_whole_no_stray_folder_and_no_process(tmp_path: Path) -> None:
    import shutil
    import signal

    from eclaireur.bench.synthetic import set_plugin_option

    repo = copy_repo(tmp_path / "depot")
    set_plugin_option(repo, "print_enabled", False)
    first = _build(repo)
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    site = repo / "site"
    before = _snapshot(site)
    staging = repo / ".site-construction"

    def building() -> list[Path]:
        return [p for p in staging.glob("nouveau-*") if p.is_dir()]

    points = {
        "au début de mkdocs": lambda: bool(building()),
        "pendant le dessin des graphiques": lambda: any((p / "atlas").is_dir() for p in building()),
        "juste avant l'échange": lambda: any((p / "sitemap.xml").is_file() for p in building()),
    }
    killed: list[str] = []
    helpers = 0
    for name, reached in points.items():
        shutil.rmtree(repo / ".cache", ignore_errors=True)  # charts drawn again: worker processes start
        build = _build(repo)
        assert _wait_for(lambda reached=reached, build=build: reached() or build.poll() is not None, 300), name
        if build.poll() is None:
            killed.append(name)
            helpers = max(helpers, len(_session_processes(build.pid)) - 1)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        assert _wait_for(lambda build=build: not _session_processes(build.pid), 15), (
            name, _session_processes(build.pid))
        assert _snapshot(site) == before, name  # the previous site, or the new one: the same bytes
        strays = [p.name for p in repo.iterdir() if p.name.startswith(".site") and p.name != ".site-construction"]
        assert strays == [], name
        assert (staging / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert killed[:2] == list(points)[:2] and helpers >= 2, (killed, helpers)  # fork server and workers
    last = _build(repo)
    assert last.wait(timeout=300) == 0
    assert not staging.exists()  # what the kills left is cleaned, and the empty construction folder removed
    assert _snapshot(site) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc : Linux")
def test_4_sigterm_ends_the_build_cleanly(tmp_path: Path) -> None:
    import signal

    from eclaireur.bench.synthetic import set_plugin_option

    repo = copy_repo(tmp_path / "depot")
    set_plugin_option(repo, "print_enabled", False)
    build = _build(repo)
    staging = repo / ".site-construction"
    assert _wait_for(lambda: any(staging.glob("nouveau-*/atlas")) or build.poll() is not None, 300)
    os.kill(build.pid, signal.SIGTERM)
    _, errors = build.communicate(timeout=60)
    assert build.returncode == 128 + signal.SIGTERM, errors
    assert b"Traceback" not in errors and b"Interrompu" in errors
    assert not list(staging.glob("nouveau-*"))
    assert _wait_for(lambda: not _session_processes(build.pid), 15), _session_processes(build.pid)


def test_4_a_kill_between_the_two_renames_is_repaired_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eclaireur import swap

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancien", encoding="utf-8")
    staging = swap.new_staging(site)
    (staging / "index.html").write_text("nouveau", encoding="utf-8")
    renames = []
    real_rename = os.rename

    def killed_after_one(source: Any, target: Any) -> None:
        renames.append(target)
        if len(renames) == 2:
            raise SystemExit(137)
        real_rename(source, target)

    monkeypatch.setattr(swap.os, "rename", killed_after_one)
    with pytest.raises(SystemExit):
        swap.install(staging, site, exchange=False)
    monkeypatch.undo()
    assert not site.exists()
    monkeypatch.setattr(swap, "_alive", lambda pid: False)  # as if this process had been killed
    done = swap.recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "ancien"
    assert any("site précédent remis en place" in sentence for sentence in done)
    assert sorted(p.name for p in swap.staging_root(site).iterdir()) == [".gitignore"]


def test_4_the_exchange_is_atomic_where_the_system_has_it(tmp_path: Path) -> None:
    from eclaireur import swap

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancien", encoding="utf-8")
    staging = swap.new_staging(site)
    (staging / "index.html").write_text("nouveau", encoding="utf-8")
    if not swap._exchange(staging, site):
        pytest.skip("renameat2(RENAME_EXCHANGE) absent : le repli à deux renommages est testé ci-dessus")
    assert (site / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert (staging / "index.html").read_text(encoding="utf-8") == "ancien"
    assert swap._exchange(staging, site)  # and back
    swap.install(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert not staging.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc : Linux")
def test_4_ctrl_c_stops_the_build_without_a_worker_traceback(tmp_path: Path) -> None:
    import shutil
    import signal

    repo = copy_repo(tmp_path / "depot")
    shutil.rmtree(repo / ".cache", ignore_errors=True)
    build = _build(repo)
    assert _wait_for(lambda: len(_session_processes(build.pid)) >= 3 or build.poll() is not None, 300)
    assert build.poll() is None, "la construction s'est arrêtée avant que les processus auxiliaires démarrent"
    os.killpg(build.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
    _, errors = build.communicate(timeout=120)
    assert build.returncode != 0
    assert b"Traceback" not in errors and b"KeyboardInterrupt" not in errors, errors.decode()[-2000:]
    assert _wait_for(lambda: not _session_processes(build.pid), 15), _session_processes(build.pid)
    assert not list((repo / ".site-construction").glob("nouveau-*"))


# 7. check, from peer suites ------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_7_comment_char_of_a_resource_descriptor_is_honoured(engine: str) -> None:
    report = check_path(BAD / "comment-preamble.csv", schema=BAD / "comment-preamble.resource.json", root=BAD,
                        engine=engine)  # type: ignore[arg-type]
    assert report.valid, report.problems


def test_7_a_preamble_line_gets_a_hint() -> None:
    report = check_path(BAD / "comment-preamble.csv", root=BAD)
    assert any("ressemble à un préambule" in notice.message and "commentChar" in notice.message
               for notice in report.notices), report.notices


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_7_reordered_columns_are_reported_once_and_checked_by_name(engine: str) -> None:
    report = check_path(BAD / "columns-reordered.csv", schema=BAD / "columns-reordered.schema.json", root=BAD,
                        engine=engine)  # type: ignore[arg-type]
    assert [(p.code, p.line, p.column) for p in report.problems] == [
        ("header-order", 1, None),
        ("type-error", 3, "montant"),
    ]
    assert "« nom, id, montant » au lieu de « id, nom, montant »" in report.problems[0].message


def test_7_one_expected_column_is_singular_and_a_semicolon_header_gets_a_hint() -> None:
    report = check_path(BAD / "semicolon.csv", schema=BAD / "semicolon-read-as-comma.resource.json", root=BAD)
    assert any("séparé par des points-virgules" in notice.message for notice in report.notices), report.notices
    preamble = check_path(BAD / "comment-preamble.csv", root=BAD)
    extra = [p.message for p in preamble.problems if p.code == "extra-cell"]
    assert extra and all("(1 colonne attendue)" in message for message in extra)


def test_7_greek_iso_8859_7_is_not_reported_as_cp1252() -> None:
    from helpers import REAL_DATA

    report = check_path(REAL_DATA / "frictionless-fixtures" / "table-infer-iso-8859-7.csv", root=REAL_DATA)
    assert [n.message for n in report.notices] == ["encodage détecté : cp1253 (le fichier n'est pas en UTF-8)"]
    french = check_path(REAL_DATA / "collectivites" / "VilleMTP_MTP_BudgetPri_2014.csv", root=REAL_DATA)
    assert "encodage détecté : cp1252 (le fichier n'est pas en UTF-8)" in [n.message for n in french.notices]


# 8. tally, from peer suites -------------------------------------------------------------------------------


def test_8_two_preflib_alternatives_with_the_same_name_are_refused() -> None:
    from eclaireur.cli import main

    result = CliRunner().invoke(main, ["tally", str(BAD / "preflib-same-name.soc"), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "les options 2 et 3 portent le même nom « Parc »" in result.output
    assert "Traceback" not in result.output


def test_8_a_trailing_comma_in_a_preflib_order_is_refused() -> None:
    from eclaireur.cli import main

    result = CliRunner().invoke(main, ["tally", str(BAD / "preflib-trailing-comma.soc")])
    assert result.exit_code == 1, result.output
    assert "ligne 9 : virgule en trop à la fin de l'ordre" in result.output


def test_8_an_email_ranking_the_same_desir_twice_is_refused() -> None:
    from eclaireur.vote.ballot_file import BallotFileError, read_ballot_plain

    with pytest.raises(BallotFileError) as refused:
        read_ballot_plain("a=1\nb=2\na=3\n", "essai", ["a", "b", "c"])
    assert refused.value.reasons == ["ligne 3 : « a » est classé deux fois (rang 1 puis 3) ; un désir n'a qu'un rang"]


def test_8_ballots_of_another_election_are_set_aside_and_said(tmp_path: Path) -> None:
    from eclaireur.cli import main

    rows = (REPO / "data" / "bulletins.csv").read_text(encoding="utf-8").splitlines()
    first = rows[1].split(",")
    other = ",".join(["b-99999", "budget-2027", *first[2:7], ""])
    path = tmp_path / "bulletins.csv"
    path.write_text("\n".join([*rows, other, other.replace("b-99999", "b-99998")]) + "\n", encoding="utf-8")
    plain = CliRunner().invoke(main, ["tally", "--root", str(REPO), str(path)])
    assert plain.exit_code == 0, plain.output
    assert "Laissés de côté : 2 bulletins d'une autre élection (« budget-2027 »), ni comptés ni votants" in plain.output
    data = json.loads(CliRunner().invoke(main, ["tally", "--root", str(REPO), str(path), "--format", "json"]).output)
    assert data["bulletins"]["autres_elections"] == {"budget-2027": 2}
    published = json.loads(CliRunner().invoke(main, ["tally", "--root", str(REPO), "--format", "json"]).output)
    assert "autres_elections" not in published["bulletins"]  # the demo's published results are unchanged
    assert data["bulletins"]["votants"] == published["bulletins"]["votants"]


def test_8_the_rules_page_says_strongest_paths_are_computed_once() -> None:
    rules = (REPO / "content" / "vote" / "regles.md").read_text(encoding="utf-8")
    assert "une\n  seule fois, entre tous les désirs" in rules


# 9. Invisible bidirectional controls ---------------------------------------------------------------------

RLO = "\u202e"


def test_9_bidi_controls_are_named_by_check_and_removed_from_html_pdf_and_open_data(tmp_path: Path) -> None:
    import shutil

    from eclaireur.build import build_site

    repo = copy_repo(tmp_path / "depot")
    path = repo / "data" / "projets.csv"
    text = path.read_text(encoding="utf-8")
    name = "Rendre accessibles les bâtiments municipaux"
    assert name in text
    path.write_text(text.replace(name, f"Rendre accessibles {RLO}gnp.exe{chr(0x202c)} les bâtiments", 1),
                    encoding="utf-8")
    report = check_path(repo, root=repo)
    notices = [n.message for n in report.notices if "bidirectionnel" in n.message]
    assert len(notices) == 1 and "colonne « nom »" in notices[0] and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in notices[0]
    assert "U+202C (POP DIRECTIONAL FORMATTING)" in notices[0]
    shutil.rmtree(repo / "site", ignore_errors=True)
    site = build_site(repo, check=False).site_dir
    page = site / "projets" / "accessibilite-batiments-municipaux" / "index.html"
    for built in site.rglob("*"):
        if built.suffix in (".html", ".csv", ".json"):
            assert RLO not in built.read_text(encoding="utf-8", errors="replace"), built
    assert "Rendre accessibles gnp.exe les bâtiments" in page.read_text(encoding="utf-8")
    sheet = site / "imprimer" / "fiches" / "accessibilite-batiments-municipaux.pdf"
    shown = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    assert "gnp.exe" in " ".join(shown.split()) and RLO not in shown


def test_4_a_site_that_cannot_be_replaced_is_a_french_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eclaireur.build as build
    from eclaireur.bench.synthetic import set_plugin_option

    repo = copy_repo(tmp_path / "depot")
    set_plugin_option(repo, "print_enabled", False)
    site = repo / "site"
    site.mkdir()
    (site / "index.html").write_text("ancienne version", encoding="utf-8")

    def refused(staging: Path, target: Path) -> None:
        raise PermissionError(13, "Permission non accordée")

    monkeypatch.setattr(build, "install", refused)
    with pytest.raises(DataError, match="n'a pas pu remplacer le précédent"):
        build.build_site(repo, check=False)
    assert (site / "index.html").read_text(encoding="utf-8") == "ancienne version"
    assert not (repo / ".site-construction").exists()
