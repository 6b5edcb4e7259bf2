"""The verifiable draw: the published demo draws verify, a changed seed or list is caught, bad input is refused."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.tirage.draw import Person, draw, fingerprint
from helpers import REPO

DRAWS = REPO / "data" / "tirages"
RESULTS = sorted(DRAWS.glob("*.yaml"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["tirage", *args])
    return result.exit_code, result.output


def copy_draw(result: Path, target: Path) -> Path:
    doc = yaml.safe_load(result.read_text(encoding="utf-8"))
    shutil.copy2(result, target / result.name)
    shutil.copy2(result.parent / doc["liste"], target / doc["liste"])
    return target / result.name


def test_the_demo_has_two_draws() -> None:
    assert [p.name for p in RESULTS] == ["conclave-budget-participatif.yaml", "jury-citoyen-futurs.yaml"]


@pytest.mark.parametrize("result", RESULTS, ids=lambda p: p.stem)
def test_published_demo_draws_are_reproduced_by_verify(result: Path) -> None:
    code, output = run("--verify", str(result))
    assert code == 0, output
    assert "Tirage vérifié" in output


def test_fingerprint_is_sha256_of_seed_colon_identifier() -> None:
    assert fingerprint("abc", "agent-0137") == hashlib.sha256(b"abc:agent-0137").hexdigest()
    # the same visible seed typed with a decomposed accent gives the same draw (NFC)
    assert fingerprint("de\u0301s", "x") == fingerprint("dés", "x")


def test_the_first_k_fingerprints_of_each_stratum_are_drawn() -> None:
    people = [Person(f"p-{i:03d}", "nord" if i % 3 else "sud") for i in range(60)]
    result = draw("graine", people, {"nord": 4, "sud": 2}, substitutes=1)
    for stratum, k in (("nord", 4), ("sud", 2)):
        ranked = sorted((fingerprint("graine", p.identifier), p.identifier) for p in people if p.stratum == stratum)
        drawn = [d.person.identifier for d in result.selected if d.person.stratum == stratum]
        assert drawn == [identifier for _, identifier in ranked[:k]]
        spare = [d.person.identifier for d in result.substitutes if d.person.stratum == stratum]
        assert spare == [ranked[k][1]]


def test_one_changed_character_of_the_seed_changes_the_draw(tmp_path: Path) -> None:
    result = copy_draw(DRAWS / "conclave-budget-participatif.yaml", tmp_path)
    doc = yaml.safe_load(result.read_text(encoding="utf-8"))
    seed = doc["graine"]
    other = seed[:-1] + ("4" if seed[-1] != "4" else "5")
    people = [Person(p.identifier, p.stratum) for p in _people(result)]
    quotas = {str(k): int(v) for k, v in doc["quotas"].items()}
    first = {d.person.identifier for d in draw(seed, people, quotas).selected}
    second = {d.person.identifier for d in draw(other, people, quotas).selected}
    assert first != second
    # and --verify notices a result whose seed was edited afterwards
    text = result.read_text(encoding="utf-8").replace(f"graine: '{seed}'", f"graine: '{other}'")
    assert f"graine: '{other}'" in text
    result.write_text(text, encoding="utf-8")
    code, output = run("--verify", str(result))
    assert code == 1
    assert "Tirage NON vérifié" in output and "personnes tirées différents" in output


def _people(result: Path) -> list[Person]:
    from eclaireur.tirage.result import read_people

    doc = yaml.safe_load(result.read_text(encoding="utf-8"))
    return read_people(result.parent / doc["liste"], doc["colonne_identifiant"], doc.get("colonne_strate")).people


def test_verify_notices_a_changed_list(tmp_path: Path) -> None:
    result = copy_draw(DRAWS / "jury-citoyen-futurs.yaml", tmp_path)
    doc = yaml.safe_load(result.read_text(encoding="utf-8"))
    listing = tmp_path / doc["liste"]
    lines = listing.read_text(encoding="utf-8").splitlines()
    listing.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one person removed
    code, output = run("--verify", str(result))
    assert code == 1
    assert "la liste jury-citoyen-futurs-liste.csv a changé" in output
    assert "la liste compte 1999 personnes" in output


def test_a_draw_written_by_the_command_verifies_and_is_reproducible(tmp_path: Path) -> None:
    listing = tmp_path / "liste.csv"
    listing.write_text("identifiant,quartier\n" + "".join(f"e-{i:04d},{'A' if i % 2 else 'B'}\n" for i in range(50)),
                       encoding="utf-8")
    quotas = tmp_path / "quotas.csv"
    quotas.write_text("strate,nombre\nA,3\nB,2\n", encoding="utf-8")
    args = [str(listing), "--strate", "quartier", "--quotas", str(quotas), "--graine", "7 3 1", "--suppleants", "1",
            "--date", "2026-01-15"]
    code, output = run(*args, "--sortie", str(tmp_path / "r1.yaml"))
    assert code == 0, output
    run(*args, "--sortie", str(tmp_path / "r2.yaml"))
    assert (tmp_path / "r1.yaml").read_bytes() == (tmp_path / "r2.yaml").read_bytes()
    doc = yaml.safe_load((tmp_path / "r1.yaml").read_text(encoding="utf-8"))
    assert doc["liste_sha256"] == hashlib.sha256(listing.read_bytes()).hexdigest()
    assert [e["strate"] for e in doc["tires"]] == ["A", "A", "A", "B", "B"]
    assert run("--verify", str(tmp_path / "r1.yaml"))[0] == 0
    # without strata, --nombre draws from the whole list
    code, output = run(str(listing), "--nombre", "4", "--graine", "x")
    assert code == 0 and yaml.safe_load(output)["nombre"] == 4


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("identifiant,service\na,x\na,y\n", ["--par-strate", "1", "--strate", "service"], "déjà présent ligne 2"),
        ("identifiant,service\na,x\n,y\n", ["--par-strate", "1", "--strate", "service"], "ligne 3, colonne"),
        ("identifiant,service\na,x\nb,x\n", ["--par-strate", "3", "--strate", "service"], "ne compte que 2 personnes"),
        ("identifiant,service\na,x\n", ["--par-strate", "1", "--strate", "quartier"], "colonne « quartier » absente"),
        ("identifiant\na\n", ["--nombre", "1", "--par-strate", "1"], "une seule façon de compter"),
        ("identifiant\na\n", ["--par-strate", "1"], "--strate COLONNE"),
    ],
)
def test_bad_lists_and_options_get_a_french_error(tmp_path: Path, content: str, args: list[str], message: str) -> None:
    listing = tmp_path / "liste.csv"
    listing.write_text(content, encoding="utf-8")
    code, output = run(str(listing), "--graine", "g", *args)
    assert code in (1, 2)
    assert message in output and "Traceback" not in output


def test_quotas_must_cover_every_stratum(tmp_path: Path) -> None:
    listing = tmp_path / "liste.csv"
    listing.write_text("identifiant,q\na,nord\nb,sud\n", encoding="utf-8")
    quotas = tmp_path / "quotas.csv"
    quotas.write_text("strate,nombre\nnord,1\n", encoding="utf-8")
    code, output = run(str(listing), "--graine", "g", "--strate", "q", "--quotas", str(quotas))
    assert code == 1 and "pas de quota pour la strate « sud »" in output


def test_verify_refuses_what_is_not_a_result(tmp_path: Path) -> None:
    bogus = tmp_path / "x.yaml"
    bogus.write_text("titre: rien\n", encoding="utf-8")
    code, output = run("--verify", str(bogus))
    assert code == 1 and "ce n'est pas un résultat de tirage" in output


def test_site_pages_show_seed_hash_and_result(built_site: Path) -> None:
    doc = yaml.safe_load((DRAWS / "jury-citoyen-futurs.yaml").read_text(encoding="utf-8"))
    page = (built_site / "tirages" / "jury-citoyen-futurs" / "index.html").read_text(encoding="utf-8")
    assert doc["liste_sha256"] in page
    assert doc["tires"][0]["identifiant"] in page
    assert "eclaireur tirage --verify jury-citoyen-futurs.yaml" in page
    assert (built_site / "tirages" / "jury-citoyen-futurs.yaml").read_bytes() == (
        DRAWS / "jury-citoyen-futurs.yaml"
    ).read_bytes()
    index = (built_site / "tirages" / "index.html").read_text(encoding="utf-8")
    assert "conclave-budget-participatif/" in index
