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


# --- Importing is idempotent: a submission key per ballot (column envoi) --------------------------------------

IDENTIFIER = "20251022-184501-q7m2x8p4zc3k9wb6"
NEW_FILE = (
    '# Bulletin de vote « Essai » : à déposer dans contributions/inbox/bulletins/\n'
    f'election: "futurs-2040"\nidentifiant: "{IDENTIFIER}"\nhorodatage: "2025-10-22T18:45:01+02:00"\n'
    'canal: "en ligne"\ncode: "ABCD-EFGH-JKMN"\nclassement: "medecin-proche>eau-du-robinet"\n'
)
MAIL = "election=futurs-2040\r\ncode=\r\nvivre-la-nuit=2\r\nsport-dehors=1\r\netudier-ici=2\r\n"
"""An e-mail sent without JavaScript and without code."""


def csv_rows(repo: Path) -> list[dict[str, str]]:
    with (repo / "data" / "bulletins.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def imported(repo: Path, *args: str) -> tuple[int, str]:
    return invoke("election", "importer", "--root", str(repo), *args)


def test_demo_keys_are_those_of_the_import() -> None:
    from eclaireur.vote.ballot_file import KEY_HEX

    rows = csv_rows(REPO)
    online = [r for r in rows if r["canal"] == "en ligne"]
    assert all(len(r["envoi"]) == KEY_HEX for r in online) and not any(r["envoi"] for r in rows if r not in online)
    assert len({r["envoi"] for r in online}) == len(online)
    # the online ballots the page could not have prepared (blank, no code) are keyed by their content
    from eclaireur.vote.ballot_file import content_key
    blank = next(r for r in online if not r["classement"])
    assert blank["envoi"] == content_key("futurs-2040", blank["date"], "en ligne", "", blank["code_hash"])


def test_keys_say_nothing_of_the_identifier_and_ignore_how_the_ranking_is_written() -> None:
    from eclaireur.vote.ballot_file import BallotFile, identifier_key, submission_key
    from eclaireur.vote.ranking import RankingReader

    reader = RankingReader(OPTIONS)
    key = identifier_key("essai", IDENTIFIER)
    assert len(key) == 16 and int(key, 16) >= 0 and key not in IDENTIFIER and "184501" not in key
    assert key != identifier_key("autre", IDENTIFIER)
    with_id = BallotFile("essai", "b>a", identifiant=f" {IDENTIFIER} ")
    assert submission_key("essai", with_id, "2025-10-22", "", reader) == key  # whatever the content and day
    one, two = BallotFile("essai", "b=a > c"), BallotFile("essai", "a=b>c")
    assert submission_key("essai", one, "2025-10-22", "", reader) == submission_key("essai", two, "2025-10-22", "",
                                                                                   reader)
    assert submission_key("essai", one, "2025-10-22", "", reader) != submission_key("essai", one, "2025-10-23", "",
                                                                                   reader)
    assert submission_key("essai", one, "2025-10-22", "", reader) != submission_key("essai", one, "2025-10-22",
                                                                                   "ab" * 32, reader)
    mail = read_ballot_text("c.txt", "code=\nb=1\nidentifiant= <m1@exemple.fr>\n", "essai", OPTIONS)
    assert mail.identifiant == "<m1@exemple.fr>" and mail.classement == "b"


def test_a_ballot_already_imported_is_skipped_from_the_inbox_from_outside_and_by_service(
    repo_copy: Path, tmp_path: Path
) -> None:
    from eclaireur.vote.ballot_file import identifier_key

    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    ballots = repo_copy / "data" / "bulletins.csv"
    (inbox / f"{IDENTIFIER}.yaml").write_text(NEW_FILE, encoding="utf-8")
    code, output = imported(repo_copy)
    assert code == 0 and "1 bulletin(s) ajouté(s)" in output and "(b-05651 à b-05651)" in output, output
    last = csv_rows(repo_copy)[-1]
    assert (last["id"], last["envoi"]) == ("b-05651", identifier_key("futurs-2040", IDENTIFIER))
    after_first = ballots.read_bytes()

    # the same file again in the inbox (downloaded, then also sent through the forge), and the service's JSON
    (inbox / f"{IDENTIFIER}.yaml").write_text(NEW_FILE, encoding="utf-8")
    (inbox / "courriel-du-22.txt").write_text(NEW_FILE.replace("\n", "\r\n"), encoding="utf-8")
    service = {"election": "futurs-2040", "identifiant": IDENTIFIER, "horodatage": "2025-10-22T18:45:01+02:00",
               "canal": "en ligne", "code": "abcd efgh jkmn", "classement": "medecin-proche>eau-du-robinet"}
    (inbox / f"{IDENTIFIER}.json").write_text(json.dumps(service), encoding="utf-8")
    # eclaireur check (a pull request bringing them): a problem on each file, naming the ballot
    code, output = invoke("check", str(repo_copy), "--format", "json")
    found = [p for p in json.loads(output)["problems"] if "contributions/inbox/bulletins/" in p["file"]]
    assert code == 1 and len(found) == 3, found
    assert all(p["code"] == "unique-error" and p["column"] == "envoi" and p["value"] == last["envoi"]
               and p["message"] == "déjà importé : bulletin b-05651 (même identifiant)" for p in found), found
    code, output = imported(repo_copy)
    assert code == 0, output
    for name in (f"{IDENTIFIER}.yaml", "courriel-du-22.txt", f"{IDENTIFIER}.json"):
        assert f"{inbox / name} : déjà importé : bulletin b-05651 (même identifiant)." in output
    assert "Aucun bulletin ajouté" in output and "3 déjà importé(s), laissé(s) de côté" in output
    assert "3 fichier(s) retiré(s) de contributions/inbox/bulletins/" in output
    assert ballots.read_bytes() == after_first and [p.name for p in inbox.iterdir()] == ["README.md"]

    # a file given by path from outside the inbox is read, skipped, and left where it is
    outside = tmp_path / "recu.yaml"
    outside.write_text(NEW_FILE, encoding="utf-8")
    code, output = imported(repo_copy, str(outside))
    assert code == 0 and f"{outside} : déjà importé : bulletin b-05651" in output and "retiré" not in output
    assert outside.exists() and ballots.read_bytes() == after_first
    code, output = invoke("check", str(repo_copy))
    assert code == 0, output


def test_the_same_file_twice_in_one_run_is_added_once(repo_copy: Path, tmp_path: Path) -> None:
    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "recu.yaml"
    outside.write_text(NEW_FILE, encoding="utf-8")
    code, output = imported(repo_copy, str(outside), str(outside))
    assert code == 0 and "1 bulletin(s) ajouté(s)" in output, output
    assert f"{outside} : déjà importé : bulletin b-05651, ajouté par cette commande depuis {outside}" in output
    # a file of the inbox given twice (the folder, and the file by path): added once, removed once
    copy = inbox / "copie.yaml"
    copy.write_text(NEW_FILE.replace(IDENTIFIER, IDENTIFIER[:-1] + "x"), encoding="utf-8")
    code, output = imported(repo_copy, str(inbox), str(copy))
    assert code == 0 and "1 bulletin(s) ajouté(s)" in output and "1 fichier(s) retiré(s)" in output, output
    assert "déjà importé : bulletin b-05652, ajouté par cette commande" in output and not copy.exists()
    assert [r["id"] for r in csv_rows(repo_copy)][-3:] == ["b-05650", "b-05651", "b-05652"]


def test_an_email_without_javascript_saved_twice_is_imported_once(repo_copy: Path) -> None:
    from eclaireur.vote.ballot_file import content_key

    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "courriel.txt").write_text(MAIL, encoding="utf-8")
    # saved again, by someone else, the lines in another order and without the carriage returns
    lines = MAIL.split("\r\n")
    (inbox / "courriel (1).txt").write_text("\n".join([lines[0], lines[4], lines[2], lines[1], lines[3]]) + "\n",
                                            encoding="utf-8")
    code, output = invoke("check", str(repo_copy))
    assert code == 0, output  # without a date, the inbox cannot tell (the import is given one)
    code, output = imported(repo_copy, "--date", "2025-11-03")
    assert code == 0 and "1 bulletin(s) ajouté(s)" in output and "2 fichier(s) retiré(s)" in output, output
    assert (f"{inbox / 'courriel.txt'} : déjà importé : bulletin b-05651, ajouté par cette commande depuis "
            f"{inbox / 'courriel (1).txt'} (courriel sans identifiant : même classement, même code et même jour ; "
            "si ce sont deux personnes différentes, ajoutez au fichier une ligne identifiant=<référence du courriel>)."
            ) in output
    last = csv_rows(repo_copy)[-1]
    ranking = "sport-dehors>vivre-la-nuit=etudier-ici"  # ties in the order of desirs.csv
    assert (last["classement"], last["envoi"]) == (ranking, content_key("futurs-2040", "2025-11-03", "en ligne",
                                                                       ranking, ""))
    # saved a third time, later: still the same e-mail
    (inbox / "courriel.txt").write_text(MAIL, encoding="utf-8")
    code, output = imported(repo_copy, "--date", "2025-11-03")
    assert code == 0 and "déjà importé : bulletin b-05651 (courriel sans identifiant" in output, output
    # the same ranking another day, or from another person (the team adds the e-mail's reference): new ballots
    (inbox / "courriel.txt").write_text(MAIL, encoding="utf-8")
    (inbox / "autre.txt").write_text(MAIL + "identifiant=<CAB123@exemple.fr>\r\n", encoding="utf-8")
    code, output = imported(repo_copy, str(inbox / "courriel.txt"), "--date", "2025-11-04")
    assert code == 0 and "1 bulletin(s) ajouté(s)" in output, output
    code, output = imported(repo_copy, str(inbox / "autre.txt"), "--date", "2025-11-03")
    assert code == 0 and "1 bulletin(s) ajouté(s)" in output, output
    assert len({r["envoi"] for r in csv_rows(repo_copy)[-3:]}) == 3


def test_a_code_used_by_another_ballot_is_added_with_a_warning_naming_the_first(repo_copy: Path) -> None:
    codes = repo_copy / "data" / "codes_participation.csv"
    with codes.open("a", encoding="utf-8") as handle:  # a code of the published list, for this test
        handle.write(f"futurs-2040,{code_hash('futurs-2040', 'ABCDEFGHJKMN')}\n")
    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "a.yaml").write_text(NEW_FILE, encoding="utf-8")
    code, output = imported(repo_copy)
    assert code == 0 and "Attention" not in output, output
    # another ballot (another identifiant), same code: the same person voting twice, and a third in the same run
    (inbox / "b.yaml").write_text(NEW_FILE.replace(IDENTIFIER, "20251023-090000-aaaabbbbccccdddd")
                                  .replace("medecin-proche>", ""), encoding="utf-8")
    (inbox / "c.yaml").write_text(NEW_FILE.replace(IDENTIFIER, "20251023-090500-eeeeffffgggghhhh")
                                  .replace("ABCD-EFGH-JKMN", "XYZW-XYZW-XYZW"), encoding="utf-8")
    (inbox / "d.yaml").write_text(NEW_FILE.replace(IDENTIFIER, "20251023-091000-iiiijjjjkkkkllll")
                                  .replace("ABCD-EFGH-JKMN", "XYZW-XYZW-XYZW"), encoding="utf-8")
    code, output = imported(repo_copy)
    assert code == 0 and "3 bulletin(s) ajouté(s)" in output, output
    assert (f"Attention : {inbox / 'b.yaml'} (b-05652) porte le même code de participation que le bulletin b-05651 "
            "(la même personne a-t-elle voté deux fois ?) ; il est ajouté, et le dépouillement ne compte que le "
            "premier des deux (« code déjà utilisé »), voir content/vote/regles.md.") in output
    assert (f"Attention : {inbox / 'd.yaml'} (b-05654) porte le même code de participation que le bulletin b-05653 "
            in output and "ne compte aucun des deux (code qui ne figure pas dans la liste publiée)" in output)
    # what the tally does with them: the rule of content/vote/regles.md, as before
    result = CliRunner().invoke(main, ["tally", "--root", str(repo_copy), "--format", "json"])
    rejected = {r["bulletin"]: (r["motif"], r["detail"]) for r in json.loads(result.output)["bulletins"]["non_comptes"]}
    assert "b-05651" not in rejected
    assert rejected["b-05652"] == ("code-reutilise", "déjà utilisé par le bulletin b-05651")
    assert rejected["b-05653"][0] == rejected["b-05654"][0] == "code-inconnu"


def test_nothing_is_written_when_a_ballot_is_refused_or_the_file_cannot_be_written(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    ballots = repo_copy / "data" / "bulletins.csv"
    outside = repo_copy / "recu.yaml"
    outside.write_text(NEW_FILE, encoding="utf-8")
    assert imported(repo_copy, str(outside))[0] == 0
    before = ballots.read_bytes()
    # a known identifiant with another ranking is not a copy: refused (never dropped as a copy), nothing added
    (inbox / "nouveau.yaml").write_text(NEW_FILE.replace(IDENTIFIER, "20251024-100000-mmmmnnnnppppqqqq"),
                                        encoding="utf-8")
    (inbox / "modifie.yaml").write_text(NEW_FILE.replace("medecin-proche>", ""), encoding="utf-8")
    code, output = imported(repo_copy)
    assert code == 1 and "aucun bulletin ajouté" in output and "Traceback" not in output, output
    assert ("modifie.yaml : même clé d'envoi" in output and "que le bulletin b-05651, mais pas le même classement"
            in output and "ce n'est pas une copie" in output)
    assert ballots.read_bytes() == before and {p.name for p in inbox.iterdir()} >= {"nouveau.yaml", "modifie.yaml"}
    code, output = invoke("check", str(repo_copy), "--format", "json")
    found = [p for p in json.loads(output)["problems"] if "contributions/inbox/bulletins/" in p["file"]]
    assert code == 1 and [(Path(p["file"]).name, p["code"]) for p in found] == [("modifie.yaml", "unique-error")]
    (inbox / "modifie.yaml").unlink()

    # the ballot file cannot be written (disk full): nothing changes, no temporary file, the inbox is kept
    def full(self: Path, target: Path) -> Path:
        raise OSError(28, "Plus de place sur le périphérique")

    monkeypatch.setattr(Path, "replace", full)
    code, output = imported(repo_copy)
    assert code == 1 and "écriture impossible (Plus de place sur le périphérique) ; rien n'a été ajouté" in output
    assert "Traceback" not in output and ballots.read_bytes() == before
    assert not ballots.with_suffix(".csv.tmp").exists() and (inbox / "nouveau.yaml").exists()
    monkeypatch.undo()

    # a ballot file without the envoi column: refused with how to add it, before anything is read or written
    lines = before.decode("utf-8").split("\n")
    ballots.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines if line) + "\n", encoding="utf-8")
    without = ballots.read_bytes()
    code, output = imported(repo_copy)
    assert code == 1 and "pas de colonne « envoi »" in output and "compté deux fois" in output, output
    assert ballots.read_bytes() == without and (inbox / "nouveau.yaml").exists()


def test_copies_waiting_in_the_inbox_are_reported_by_check(repo_copy: Path) -> None:
    inbox = repo_copy / "contributions" / "inbox" / "bulletins"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "a.yaml").write_text(NEW_FILE, encoding="utf-8")
    (inbox / "b.yaml").write_text(NEW_FILE, encoding="utf-8")
    code, output = invoke("check", str(repo_copy), "--format", "json")
    found = [p for p in json.loads(output)["problems"] if "contributions/inbox/bulletins/" in p["file"]]
    assert code == 1 and [Path(p["file"]).name for p in found] == ["b.yaml"], found
    assert found[0]["message"].startswith("copie du fichier ") and "a.yaml (même identifiant)" in found[0]["message"]
