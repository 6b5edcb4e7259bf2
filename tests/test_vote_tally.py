"""The demo election: recount from the published ballots, spoiled-ballot reporting, codes, ballot files."""

from __future__ import annotations

import csv
import json
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.vote.ballot_file import (
    BallotFileError,
    content_key,
    identifier_key,
    read_ballot_plain,
    read_ballot_yaml,
)
from eclaireur.vote.codes import code_hash, is_well_formed, normalise
from eclaireur.vote.setup import setup_from_rows
from eclaireur.vote.tally import tally_election
from helpers import REPO

OPTIONS = ["a", "b", "c", "d"]


def cli_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["tally", "--root", str(REPO), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def independent_borda(data: Path, options: list[str]) -> dict[str, float]:
    """A plain-Python recount written from the published rules page (no numpy, no eclaireur code)."""
    published = {row["code_hash"] for row in csv.DictReader((data / "codes_participation.csv").open(encoding="utf-8"))}
    used: set[str] = set()
    points = dict.fromkeys(options, 0.0)
    m = len(options)
    for row in csv.DictReader((data / "bulletins.csv").open(encoding="utf-8")):
        code = row["code_hash"]
        if code:
            if code not in published or code in used:
                continue
            used.add(code)
        elif row["canal"] == "en ligne":
            continue
        text = row["classement"].strip()
        if not text:
            continue
        groups = [[name.strip() for name in group.split("=")] for group in text.split(">")]
        names = [n for g in groups for n in g]
        if any(not n for n in names) or any(n not in options for n in names) or len(set(names)) != len(names):
            continue
        place = 0
        for group in [*groups, [o for o in options if o not in names]]:
            if not group:
                continue
            share = sum(m - 1 - (place + i) for i in range(len(group))) / len(group)
            for name in group:
                points[name] += share
            place += len(group)
    return points


def test_published_results_are_recomputed_from_the_published_ballots(built_site: Path) -> None:
    published = (built_site / "vote" / "resultats.json").read_text(encoding="utf-8")
    # 1. The command anyone can run gives the same bytes.
    result = CliRunner().invoke(main, ["tally", "--root", str(REPO), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.output == published
    # 2. The ballots published next to the results are the ballots counted.
    assert (built_site / "vote" / "bulletins.csv").read_bytes() == (REPO / "data" / "bulletins.csv").read_bytes()
    # 3. An independent recount (plain Python, from the rules page) gives the same Borda points.
    results = json.loads(published)
    options = [o["id"] for o in results["options"]]
    expected = independent_borda(REPO / "data", options)
    assert results["borda"]["points"] == pytest.approx(expected)
    # 4. The page states the official winner and the recount command.
    page = (built_site / "vote" / "index.html").read_text(encoding="utf-8")
    winner = results["classement_officiel"][0]["options"][0]
    assert f"desirs/{winner}/" in page
    assert "eclaireur tally --format json --sortie resultats.json" in page


def test_demo_election_reports_every_kind_of_rejected_ballot() -> None:
    results = cli_json()
    ballots = results["bulletins"]
    with (REPO / "data" / "bulletins.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert ballots["votants"] == len(rows)
    assert ballots["exprimes"] + ballots["blancs"] + ballots["nuls"] == ballots["votants"]
    assert set(ballots["par_motif"]) == {
        "blanc", "syntaxe", "option-inconnue", "option-repetee", "code-manquant", "code-inconnu", "code-reutilise",
    }
    assert len(ballots["non_comptes"]) == ballots["blancs"] + ballots["nuls"]
    assert sum(ballots["par_motif"].values()) == len(ballots["non_comptes"])
    # the channel figures add up to the whole election
    assert sum(c["votants"] for c in results["canaux"]) == ballots["votants"]
    assert sum(c["exprimes"] for c in results["canaux"]) == ballots["exprimes"]


def small_setup(codes: list[str] | None = None, required: str = ""):  # type: ignore[no-untyped-def]
    election = {"id": "essai", "titre": "Essai", "methode_officielle": "borda", "force_schulze": "victoires",
                "canaux_code_requis": required}
    desirs = [{"id": o, "titre": o.upper(), "election": "essai"} for o in OPTIONS]
    rows = None if codes is None else [{"election": "essai", "code_hash": code_hash("essai", c)} for c in codes]
    return setup_from_rows(election, desirs, rows)


def ballot(number: int, text: str, canal: str = "marché", code: str = "") -> dict[str, str]:
    return {"id": f"b-{number:05d}", "election": "essai", "canal": canal, "lieu": "ici", "classement": text,
            "code_hash": code_hash("essai", code) if code else ""}


def test_spoiled_ballots_are_counted_by_reason_and_listed() -> None:
    rows = [
        ballot(1, "a>b"),
        ballot(2, ""),
        ballot(3, "a>>b"),
        ballot(4, "a>z"),
        ballot(5, "b=b"),
        ballot(6, "c"),
    ]
    results = tally_election(small_setup(), rows)
    summary = results["bulletins"]
    assert (summary["votants"], summary["exprimes"], summary["blancs"], summary["nuls"]) == (6, 2, 1, 3)
    assert summary["par_motif"] == {"blanc": 1, "syntaxe": 1, "option-inconnue": 1, "option-repetee": 1}
    reasons = {b["bulletin"]: (b["motif"], b["detail"]) for b in summary["non_comptes"]}
    assert reasons["b-00004"] == ("option-inconnue", "« z »")
    assert reasons["b-00005"] == ("option-repetee", "« b »")
    # a>b gives a 3, b 2, c and d 0.5 each; c alone gives c 3 and 1 to each other
    assert results["borda"]["points"] == {"a": 4.0, "b": 3.0, "c": 3.5, "d": 1.5}


def test_one_ballot_per_participation_code() -> None:
    setup = small_setup(codes=["AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF"], required="en ligne")
    rows = [
        ballot(1, "a", "en ligne", "aaaabbbbcccc"),  # the normalised code is the same
        ballot(2, "b", "en ligne", "AAAA-BBBB-CCCC"),  # reused: spoiled, even though the first ballot differs
        ballot(3, "c", "en ligne", "ZZZZ-ZZZZ-ZZZZ"),  # not in the published list
        ballot(4, "d", "en ligne"),  # no code where one is required
        ballot(5, "d", "marché"),  # no code needed on paper
        ballot(6, "b", "en ligne", "DDDD-EEEE-FFFF"),
    ]
    results = tally_election(setup, rows)
    reasons = {b["bulletin"]: b["motif"] for b in results["bulletins"]["non_comptes"]}
    assert reasons == {"b-00002": "code-reutilise", "b-00003": "code-inconnu", "b-00004": "code-manquant"}
    assert "b-00001" in next(b["detail"] for b in results["bulletins"]["non_comptes"] if b["bulletin"] == "b-00002")
    assert results["bulletins"]["exprimes"] == 3


def test_codes_command_writes_private_codes_and_public_hashes(repo_copy: Path, tmp_path: Path) -> None:
    private = tmp_path / "hors-depot" / "codes-prives.csv"
    private.parent.mkdir()
    public = repo_copy / "data" / "codes_participation.csv"
    before = public.read_text(encoding="utf-8").splitlines()
    result = CliRunner().invoke(main, ["election", "codes", "25", "--root", str(repo_copy), "--prive", str(private)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    codes = [row["code"] for row in csv.DictReader(private.open(encoding="utf-8"))]
    assert len(codes) == 25 and len(set(codes)) == 25 and all(is_well_formed(c) for c in codes)
    after = public.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 25
    assert after[1:] == sorted(after[1:])  # published sorted: the order says nothing
    hashes = {line.split(",")[1] for line in after[1:]}
    assert all(code_hash("futurs-2040", c) in hashes for c in codes)
    assert not any(normalise(c) in public.read_text(encoding="utf-8") for c in codes)
    # never overwrite the private list, never write it where it would be published
    again = CliRunner().invoke(main, ["election", "codes", "5", "--root", str(repo_copy), "--prive", str(private)])
    assert again.exit_code == 2 and "existe déjà" in again.output
    inside = CliRunner().invoke(
        main, ["election", "codes", "5", "--root", str(repo_copy), "--prive", str(repo_copy / "data" / "x.csv")]
    )
    assert inside.exit_code == 2 and "serait publié" in inside.output


def test_codes_go_to_the_private_register_by_default_never_where_git_publishes(repo_copy: Path) -> None:
    subprocess.run(["git", "init", "-q", str(repo_copy)], check=True)
    runner = CliRunner()
    first = runner.invoke(main, ["election", "codes", "3", "--root", str(repo_copy)])
    second = runner.invoke(main, ["election", "codes", "2", "--root", str(repo_copy)])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    register = repo_copy / "contributions" / "prive"
    assert len(list(csv.DictReader((register / "codes-futurs-2040.csv").open(encoding="utf-8")))) == 3
    assert len(list(csv.DictReader((register / "codes-futurs-2040-2.csv").open(encoding="utf-8")))) == 2
    assert (register / ".gitignore").is_file()
    tracked = subprocess.run(["git", "-C", str(repo_copy), "status", "--porcelain", "--untracked-files=all"],
                             capture_output=True, text=True, check=True).stdout
    assert "codes-futurs-2040" not in tracked
    loose = runner.invoke(main, ["election", "codes", "2", "--root", str(repo_copy), "--prive",
                                 str(repo_copy / "codes.csv")])
    assert loose.exit_code == 2 and "serait publié au prochain commit" in loose.output
    assert not (repo_copy / "codes.csv").exists()


def test_tally_of_another_ballot_file_and_method_override(tmp_path: Path) -> None:
    source = tmp_path / "bulletins.csv"
    with (REPO / "data" / "bulletins.csv").open(encoding="utf-8") as handle:
        lines = handle.read().splitlines()[:201]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = cli_json(str(source), "--methode", "schulze")
    assert results["bulletins"]["votants"] == 200
    assert results["methode_officielle"] == "schulze"
    assert results["classement_officiel"] == results["schulze"]["classement"]
    bad = tmp_path / "mauvais.csv"
    bad.write_text("id,canal\nb-1,gare\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["tally", "--root", str(REPO), str(bad)])
    assert result.exit_code == 1 and "classement" in result.output and "Traceback" not in result.output


def test_text_report_is_french_and_complete() -> None:
    result = CliRunner().invoke(main, ["tally", "--root", str(REPO)])
    assert result.exit_code == 0
    text = result.output
    for expected in ("Votants : 5", "Classement officiel — méthode de Borda", "Vainqueur de Condorcet",
                     "Bulletins nuls, un par ligne", "Bulletins blancs : b-", "Par canal", "Matrice des duels"):
        assert expected in text


def test_preflib_export_of_the_demo_election(tmp_path: Path) -> None:
    target = tmp_path / "futurs.toi"
    result = CliRunner().invoke(main, ["tally", "--root", str(REPO), "--format", "json", "--preflib", str(target)])
    assert result.exit_code == 0
    recount = CliRunner().invoke(main, ["tally", str(target), "--format", "json"])
    from_preflib = json.loads(recount.output)
    from_csv = json.loads(result.output)
    assert from_preflib["bulletins"]["exprimes"] == from_csv["bulletins"]["exprimes"]
    assert from_preflib["duels"] == from_csv["duels"]
    assert from_preflib["borda"]["points"] == from_csv["borda"]["points"]


def test_ballot_files_from_the_ballot_page() -> None:
    text = (
        "# Bulletin de vote : Essai\nelection: \"essai\"\nidentifiant: \"20251012-101530-k3x9ab\"\n"
        "horodatage: \"2025-10-12T10:15:30+02:00\"\ncanal: \"en ligne\"\ncode: \"ABCD-EFGH-JKMN\"\n"
        "classement: \"b>a=c\"\n"
    )
    read = read_ballot_yaml(text)
    assert (read.election, read.classement, read.code) == ("essai", "b>a=c", "ABCD-EFGH-JKMN")
    with pytest.raises(BallotFileError, match="classement"):
        read_ballot_yaml('election: "essai"\n')
    with pytest.raises(BallotFileError, match="n'est pas de la forme"):
        read_ballot_yaml('election: "essai"\nclassement: "a"\ncode: !!python/object "x"\n')
    with pytest.raises(BallotFileError, match="clé « tag » inconnue"):
        read_ballot_yaml('election: "essai"\nclassement: "a"\ntag: "x"\n')
    with pytest.raises(BallotFileError, match="n'est pas de la forme"):
        read_ballot_yaml('election: &x "essai"\nclassement: *x\n')
    plain = read_ballot_plain("election=essai\r\ncode=ABCD\r\na=2\r\nb=1\r\nc=2\r\nd=\r\n", "essai", OPTIONS)
    assert plain.classement == "b>a=c" and plain.code == "ABCD"
    with pytest.raises(BallotFileError, match="hors de 1 à 4"):
        read_ballot_plain("a=9\n", "essai", OPTIONS)


def test_ballot_files_are_imported_into_the_ballot_file(repo_copy: Path, tmp_path: Path) -> None:
    ballots = repo_copy / "data" / "bulletins.csv"
    before = ballots.read_bytes()
    yaml_file = tmp_path / "bulletin.yaml"
    yaml_file.write_text(
        '# Bulletin de vote\nelection: "futurs-2040"\nidentifiant: "20251020-101530-k3x9ab"\n'
        'horodatage: "2025-10-20T10:15:30+02:00"\ncanal: "en ligne"\ncode: "ABCD-EFGH-JKMN"\n'
        'classement: "velo-tous-ages>sans-voiture=nature-en-ville"\n', encoding="utf-8")
    mail = tmp_path / "courriel.txt"
    mail.write_text("election=futurs-2040\r\ncode=\r\nvivre-la-nuit=1\r\nmedecin-proche=\r\n", encoding="utf-8")
    bad = tmp_path / "pas-un-bulletin.yaml"
    bad.write_text('election: "autre"\nclassement: "a"\n', encoding="utf-8")
    refused = CliRunner().invoke(main, ["election", "importer", str(yaml_file), str(bad), "--root", str(repo_copy)])
    assert refused.exit_code == 1 and "aucun bulletin ajouté" in refused.output and "« autre »" in refused.output
    assert ballots.read_bytes() == before  # nothing written when one file is bad
    result = CliRunner().invoke(
        main, ["election", "importer", str(yaml_file), str(mail), "--root", str(repo_copy), "--date", "2025-11-02"]
    )
    assert result.exit_code == 0, result.output
    added = ballots.read_text(encoding="utf-8").splitlines()[-2:]
    assert added[0] == ("b-05651,futurs-2040,2025-10-20,en ligne,formulaire du site,"
                        f"velo-tous-ages>sans-voiture=nature-en-ville,{code_hash('futurs-2040', 'ABCDEFGHJKMN')},"
                        f"{identifier_key('futurs-2040', '20251020-101530-k3x9ab')}")
    assert added[1] == ("b-05652,futurs-2040,2025-11-02,en ligne,formulaire du site,vivre-la-nuit,,"
                        f"{content_key('futurs-2040', '2025-11-02', 'en ligne', 'vivre-la-nuit', '')}")
    assert "ABCD" not in ballots.read_text(encoding="utf-8")
    recount = json.loads(CliRunner().invoke(main, ["tally", "--root", str(repo_copy), "--format", "json"]).output)
    reasons = {b["bulletin"]: b["motif"] for b in recount["bulletins"]["non_comptes"]}
    assert reasons["b-05651"] == "code-inconnu"  # not a code of the published list
    assert reasons["b-05652"] == "code-manquant"  # online ballots need a code


def test_repeated_option_id_is_a_french_error_not_a_traceback(repo_copy: Path) -> None:
    desirs = repo_copy / "data" / "desirs.csv"
    lines = desirs.read_text(encoding="utf-8").splitlines()
    desirs.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    repeated = lines[1].split(",", 1)[0]
    result = CliRunner().invoke(main, ["tally", "--root", str(repo_copy)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert f"l'identifiant « {repeated} » apparaît plusieurs fois" in result.output
