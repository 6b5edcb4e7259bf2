"""Ballots in contributions/inbox/bulletins/: read like the page writes them, checked by `eclaireur check`,
imported by `eclaireur election importer`, left alone by `eclaireur contributions import`."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.forms.definition import read_form
from eclaireur.vote.ballot_file import BallotFileError, read_ballot_json, read_ballot_text
from eclaireur.vote.codes import code_hash
from helpers import REPO

OPTIONS = ["a", "b", "c", "d"]
PAGE_FILE = (
    '# Bulletin de vote « Essai » : à déposer dans contributions/inbox/bulletins/\n'
    'election: "futurs-2040"\nidentifiant: "20251020-101530-k3x9ab"\nhorodatage: "2025-10-20T10:15:30+02:00"\n'
    'canal: "en ligne"\ncode: "ABCD-EFGH-JKMN"\nclassement: "velo-tous-ages>sans-voiture=nature-en-ville"\n'
)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_each_channel_of_the_page_is_read_into_the_same_ballot() -> None:
    service = json.dumps({"election": "essai", "identifiant": "20251020-101530-k3x9ab", "canal": "en ligne",
                          "code": "ABCD-EFGH-JKMN", "classement": "b>a=c"})
    from_service = read_ballot_text("20251020-101530-k3x9ab.json", service, "essai", OPTIONS)
    page = 'election: "essai"\nidentifiant: "20251020-101530-k3x9ab"\ncode: "ABCD-EFGH-JKMN"\nclassement: "b>a=c"\n'
    from_page = read_ballot_text("20251020-101530-k3x9ab.yaml", page, "essai", OPTIONS)
    # the page's file pasted from an e-mail into a .txt, and the form sent without JavaScript
    from_mail = read_ballot_text("courriel.txt", page, "essai", OPTIONS)
    without_js = read_ballot_text("courriel.txt", "election=essai\r\ncode=ABCD-EFGH-JKMN\r\na=2\r\nb=1\r\nc=2\r\n",
                                  "essai", OPTIONS)
    assert from_service == from_page == from_mail
    assert (without_js.election, without_js.classement, without_js.code) == ("essai", "b>a=c", "ABCD-EFGH-JKMN")


@pytest.mark.parametrize(("text", "reason"), [
    ('{"election": "essai"}', "clé « classement » absente"),
    ('{"election": "essai", "classement": "a", "x": "1"}', "clé « x » inconnue"),
    ('{"election": "essai", "classement": ["a"]}', "la valeur de « classement » doit être un texte"),
    ('["essai"]', "un objet JSON"),
    ('{"election": ', "JSON illisible"),
    ("[" * 50_000, "JSON illisible"),  # deeper than the JSON reader goes
])
def test_service_files_that_are_not_ballots_get_a_french_reason(text: str, reason: str) -> None:
    with pytest.raises(BallotFileError, match=reason):
        read_ballot_json(text)


def test_no_form_may_take_the_ballot_folder_as_its_id(tmp_path: Path) -> None:
    folder = tmp_path / "formulaires"
    folder.mkdir()
    shutil.copy(REPO / "data" / "formulaires" / "enquete-velo.schema.json", folder / "bulletins.schema.json")
    source = (REPO / "data" / "formulaires" / "enquete-velo.yaml").read_text(encoding="utf-8")
    (folder / "bulletins.yaml").write_text(source.replace("id: enquete-velo", "id: bulletins"), encoding="utf-8")
    _, problems = read_form(folder / "bulletins.yaml")
    assert any("« bulletins » est réservé aux bulletins de vote" in p for p in problems)


def test_inbox_ballots_are_checked_then_imported(repo_copy: Path) -> None:
    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    ballots = repo_copy / "data" / "bulletins.csv"
    before = ballots.read_bytes()
    (inbox / "20251020-101530-k3x9ab.yaml").write_text(PAGE_FILE, encoding="utf-8")
    (inbox / "20251021-090000-zz9zz9.json").write_text(json.dumps(
        {"election": "futurs-2040", "identifiant": "20251021-090000-zz9zz9", "horodatage": "2025-10-21T09:00:00+02:00",
         "canal": "en ligne", "classement": "medecin-proche"}), encoding="utf-8")
    (inbox / "courriel-sans-javascript.txt").write_text("election=futurs-2040\r\ncode=\r\nvivre-la-nuit=1\r\n",
                                                        encoding="utf-8")
    bad = {
        "autre-election.yaml": ('election: "futurs-2050"\nclassement: "a"\n', "élection « futurs-2050 » introuvable"),
        "pigeon.yaml": ('election: "futurs-2040"\ncanal: "pigeon voyageur"\nclassement: "a"\n',
                        "canal « pigeon voyageur » inconnu"),
        "latin1.txt": ("election=futurs-2040\nvivre-la-nuit=1\n# désir".encode("latin-1"), "pas en UTF-8"),
        "balise.yaml": ('election: "futurs-2040"\nclassement: !!python/object "a"\n', "n'est pas de la forme"),
        "horodatage.yaml": ('election: "futurs-2040"\nhorodatage: "hier"\nclassement: "a"\n',
                            "horodatage « hier » illisible"),
    }
    for name, (content, _) in bad.items():
        target = inbox / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    code, output = invoke("check", str(repo_copy), "--format", "json")
    assert code == 1
    found = {Path(p["file"]).name: p["message"] for p in json.loads(output)["problems"]
             if "contributions/inbox/bulletins/" in p["file"]}
    assert set(found) == set(bad), found
    for name, (_, reason) in bad.items():
        assert reason in found[name] and "CONTRIBUTING.md" in found[name], found[name]

    # contributions import leaves ballots where they are, and says what to do with them
    code, output = invoke("contributions", "import", "--root", str(repo_copy))
    assert code == 0 and "8 bulletin(s) de vote laissé(s) dans la boîte" in output
    assert "eclaireur election importer" in output
    assert len(list(inbox.iterdir())) == 9  # the 8 ballots and the README, nothing quarantined
    assert not (repo_copy / "contributions" / "prive" / "quarantaine" / "bulletins").exists()

    # one bad file: nothing is added
    code, output = invoke("election", "importer", "--root", str(repo_copy), "--date", "2025-11-03")
    assert code == 1 and "aucun bulletin ajouté" in output and "pigeon voyageur" in output
    assert ballots.read_bytes() == before
    for name in bad:
        (inbox / name).unlink()
    code, output = invoke("election", "importer", "--root", str(repo_copy))
    assert code == 1 and "indiquez-la avec --date AAAA-MM-JJ" in output  # the e-mail has no timestamp
    code, output = invoke("election", "importer", "--root", str(repo_copy), "--date", "2025-11-03")
    assert code == 0, output
    assert "3 bulletin(s) ajouté(s)" in output and "3 fichier(s) retiré(s) de contributions/inbox/bulletins/" in output
    added = list(csv.DictReader(ballots.read_text(encoding="utf-8").splitlines()))[-3:]
    assert [(r["date"], r["classement"], r["code_hash"]) for r in added] == [
        ("2025-10-20", "velo-tous-ages>sans-voiture=nature-en-ville", code_hash("futurs-2040", "ABCDEFGHJKMN")),
        ("2025-10-21", "medecin-proche", ""),
        ("2025-11-03", "vivre-la-nuit", ""),
    ]
    assert [p.name for p in inbox.iterdir()] == ["README.md"]
    code, output = invoke("election", "importer", "--root", str(repo_copy))
    assert code == 0 and "Aucun bulletin à importer" in output
    code, output = invoke("check", str(repo_copy))
    assert code == 0, output


def test_files_given_outside_the_inbox_are_imported_but_never_removed(repo_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "courriels"
    folder.mkdir()
    outside = folder / "recu-par-courriel.yaml"
    outside.write_text(PAGE_FILE, encoding="utf-8")
    code, output = invoke("election", "importer", str(folder), "--root", str(repo_copy))
    assert code == 0 and "1 bulletin(s) ajouté(s)" in output and "retiré" not in output
    assert outside.exists()
    code, output = invoke("election", "importer", str(outside), "--root", str(repo_copy), "--date", "2025-13-01")
    assert code == 2 and "attendu AAAA-MM-JJ" in output
