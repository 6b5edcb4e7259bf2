"""Contributions: import (validation, quarantine, duplicates), moderation, publication, inbox check."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.config import load_config
from eclaireur.contributions.fileformat import Submission, contribution_yaml
from eclaireur.contributions.intake import DUPLICATE, IMPORTED, QUARANTINED, import_contributions
from eclaireur.contributions.moderation import list_contributions, moderate
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.forms.definition import load_forms
from helpers import REGISTER, REPO

SURVEY = {"quartier": "Saint-Roch", "frequence": "Rarement ou jamais", "securite": "Plutôt pas en sécurité",
          "frein": "La peur de la circulation", "age": "", "remarque": "La rue Gambetta fait peur le soir."}
FREE = {"critere": "securite", "titre": "Un carrefour dangereux",
        "texte": "Le carrefour de la poste n'a pas de sas vélo et les feux sont trop courts.", "lien": "",
        "courriel": ""}


def inbox_file(root: Path, form_id: str, name: str, text: str | bytes) -> Path:
    folder = root / "contributions" / "inbox" / form_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def submission_text(form_id: str, answers: dict[str, str], identifier: str = "20260201-101010-abcdef",
                    consent: str = "true") -> str:
    return contribution_yaml(Submission(form_id, "1", identifier, "2026-02-01T10:10:10+01:00", consent, answers))


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rows(root: Path, form_id: str) -> list[dict[str, str]]:
    """The form's private register: every contribution with every field."""
    return read_csv(root / "contributions" / "prive" / f"{form_id}.csv")


def public_rows(root: Path, form_id: str) -> list[dict[str, str]]:
    """The form's file in data/: what the public repository holds."""
    return read_csv(root / "data" / "contributions" / f"{form_id}.csv")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file outside the inbox, the private register (with its quarantine) and data/: none may change."""
    allowed = (root / "contributions" / "inbox", root / "contributions" / "prive", root / "data")
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(a == p or a in p.parents for a in allowed)
    }


# Import ----------------------------------------------------------------------------------------------


def test_valid_file_becomes_a_pending_row_and_leaves_the_inbox(mini_repo: Path) -> None:
    before = rows(mini_repo, "enquete-velo")
    path = inbox_file(mini_repo, "enquete-velo", "a.yaml", submission_text("enquete-velo", SURVEY))
    outcomes = import_contributions(load_config(mini_repo))
    assert [(o.status, o.contribution_id) for o in outcomes] == [(IMPORTED, "20260201-101010-abcdef")]
    after = rows(mini_repo, "enquete-velo")
    assert after[: len(before)] == before and len(after) == len(before) + 1
    row = after[-1]
    assert row["statut"] == "en attente" and row["quartier"] == "Saint-Roch" and row["consentement"] == "true"
    assert len(row["empreinte"]) == 64 and row["motif"] == ""
    assert not path.exists()
    assert public_rows(mini_repo, "enquete-velo") == public_rows(REPO, "enquete-velo")  # pending: nothing public


def test_identical_submissions_are_imported_once(mini_repo: Path) -> None:
    inbox_file(mini_repo, "enquete-velo", "a.yaml", submission_text("enquete-velo", SURVEY, "20260201-101010-aaaaaa"))
    inbox_file(mini_repo, "enquete-velo", "b.yaml", submission_text("enquete-velo", SURVEY, "20260201-101011-bbbbbb"))
    outcomes = import_contributions(load_config(mini_repo))
    assert [o.status for o in outcomes] == [IMPORTED, DUPLICATE]
    assert "20260201-101010-aaaaaa" in outcomes[1].reasons[0]
    inbox_file(mini_repo, "enquete-velo", "c.yaml", submission_text("enquete-velo", SURVEY, "20260202-090000-cccccc"))
    again = import_contributions(load_config(mini_repo))
    assert [o.status for o in again] == [DUPLICATE]
    assert sum(1 for r in rows(mini_repo, "enquete-velo") if r["remarque"] == SURVEY["remarque"]) == 1


def test_bad_file_goes_to_quarantine_with_a_french_reason(mini_repo: Path) -> None:
    text = submission_text("enquete-velo", {**SURVEY, "quartier": "Mars", "age": "12 ans"})
    path = inbox_file(mini_repo, "enquete-velo", "faux.yaml", text)
    before = rows(mini_repo, "enquete-velo")
    outcomes = import_contributions(load_config(mini_repo))
    assert outcomes[0].status == QUARANTINED
    moved = mini_repo / "contributions" / "prive" / "quarantaine" / "enquete-velo" / "faux.yaml"
    reason = moved.with_name("faux.yaml.motif.txt").read_text(encoding="utf-8")
    assert moved.read_text(encoding="utf-8") == text  # nothing lost, byte for byte
    assert not path.exists()
    assert "champ « quartier » (Votre quartier), valeur « Mars » : Choisissez une des réponses proposées." in reason
    assert "champ « age »" in reason and "Que faire" in reason
    assert rows(mini_repo, "enquete-velo") == before


def test_second_quarantined_file_of_the_same_name_is_kept_too(mini_repo: Path) -> None:
    for _ in range(2):
        inbox_file(mini_repo, "enquete-velo", "x.yaml", "pas: [du, tout")
        import_contributions(load_config(mini_repo))
    folder = mini_repo / "contributions" / "prive" / "quarantaine" / "enquete-velo"
    assert sorted(p.name for p in folder.iterdir()) == ["x-2.yaml", "x-2.yaml.motif.txt", "x.yaml", "x.yaml.motif.txt"]


def test_a_required_consent_is_enforced(mini_repo: Path) -> None:
    answers = {"temoignage": "J'habite Saint-Roch et je ne prends jamais le vélo : la côte est trop raide pour moi.",
               "quartier": "Saint-Roch", "lien_photo": "", "signature": "anonyme", "nom_complet": "", "courriel": ""}
    inbox_file(mini_repo, "temoignage-velo", "t.yaml", submission_text("temoignage-velo", answers, consent="false"))
    outcome = import_contributions(load_config(mini_repo))[0]
    assert outcome.status == QUARANTINED
    assert any("le consentement est obligatoire" in r for r in outcome.reasons)


def test_signing_with_a_name_needs_the_name(mini_repo: Path) -> None:
    answers = {"temoignage": "Le double-sens cyclable de la rue Pasteur m'a changé la vie pour aller au travail.",
               "quartier": "", "lien_photo": "", "signature": "initiales", "nom_complet": "", "courriel": ""}
    inbox_file(mini_repo, "temoignage-velo", "t.yaml", submission_text("temoignage-velo", answers))
    outcome = import_contributions(load_config(mini_repo))[0]
    assert outcome.status == QUARANTINED
    assert any("champ « nom_complet »" in r and "Indiquez votre prénom et votre nom" in r for r in outcome.reasons)


def test_plain_text_mail_without_javascript_is_imported(mini_repo: Path) -> None:
    body = ("formulaire=contribution-velo\r\nversion=1\r\ncritere=quartiers\r\ntitre=Saint-Roch coupé du centre\r\n"
            "texte=Il n'y a aucune piste entre Saint-Roch et le centre.\r\nLe pont est dangereux.\r\nlien=\r\n"
            "courriel=\r\nconsentement=true\r\nsite_internet=\r\n")
    inbox_file(mini_repo, "contribution-velo", "courriel.txt", body)
    outcome = import_contributions(load_config(mini_repo))[0]
    assert outcome.status == IMPORTED and outcome.contribution_id.startswith("courriel-")
    row = rows(mini_repo, "contribution-velo")[-1]
    assert row["texte"] == "Il n'y a aucune piste entre Saint-Roch et le centre.\nLe pont est dangereux."
    assert row["consentement"] == "true" and row["horodatage"] == ""


def test_file_from_outside_the_inbox_is_copied_never_moved(mini_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "telechargements"
    outside.mkdir()
    good = outside / "bon.yaml"
    good.write_text(submission_text("contribution-velo", FREE), encoding="utf-8")
    bad = outside / "mauvais.yaml"
    bad.write_text("formulaire: inconnu\n", encoding="utf-8")
    outcomes = import_contributions(load_config(mini_repo), [good, bad])
    assert [o.status for o in outcomes] == [IMPORTED, QUARANTINED]
    assert good.exists() and bad.exists()
    assert (mini_repo / "contributions" / "prive" / "quarantaine" / "mauvais.yaml").read_text(encoding="utf-8") == \
        "formulaire: inconnu\n"


def test_missing_path_is_an_unusable_input(mini_repo: Path) -> None:
    with pytest.raises(UnusableInputError, match="introuvable"):
        import_contributions(load_config(mini_repo), [mini_repo / "nulle-part.yaml"])


# Bad input -------------------------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
       f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
) + "\nformulaire: enquete-velo\n"

HOSTILE_FILES: list[tuple[str, str | bytes, str]] = [
    ("tag.yaml", "formulaire: !!python/object/apply:os.system ['touch /tmp/eclaireur-pirate']\n",
     "les étiquettes YAML"),
    ("ancres.yaml", BILLION_LAUGHS, "les ancres YAML"),
    ("profond.yaml", "formulaire: " + "[" * 5000 + "]" * 5000 + "\n", "YAML"),
    ("utf8.yaml", b"formulaire: \"enquete-velo\"\nreponses:\n  remarque: \"caf\xe9\"\n", "n'est pas en UTF-8"),
    ("inconnu.yaml", submission_text("sondage-fantome", SURVEY), "formulaire « sondage-fantome » inconnu"),
    ("chemin.yaml", submission_text("enquete-velo", SURVEY).replace('"enquete-velo"', '"../../etc"', 1),
     "« formulaire » vaut « ../../etc »"),
    ("identifiant.yaml", submission_text("enquete-velo", SURVEY, identifier="../../etc/passwd"),
     "« identifiant » vaut « ../../etc/passwd »"),
    ("enorme.yaml", submission_text("contribution-velo", {**FREE, "texte": "x" * 1_000_000}),
     "une contribution en fait au plus"),
    ("long.yaml", submission_text("contribution-velo", {**FREE, "texte": "é" * 3001}),
     "Ce texte est trop long : 3\u202f000 caractères au plus"),
    ("champ.yaml", submission_text("contribution-velo", {**FREE, "commentaire_cache": "x"}),
     "champs inconnus du formulaire"),
    ("liste.yaml", "formulaire: enquete-velo\nidentifiant: a\nreponses:\n  quartier: [a, b]\n",
     "doit être un texte"),
    ("double.yaml", "formulaire: enquete-velo\nformulaire: contribution-velo\n", "apparaît deux fois"),
    ("lien.yaml", submission_text("contribution-velo", {**FREE, "lien": "javascript:alert(1)"}),
     "champ « lien »"),
    ("robot.yaml", submission_text("enquete-velo", SURVEY).replace("reponses:", 'site_internet: "https://x.example"\n'
                                                                    "reponses:"), "champ piège"),
    ("nul.yaml", submission_text("contribution-velo", {**FREE, "texte": "Un texte\u0000 avec un caractère nul ici."}),
     "caractère nul"),
    ("image.png", b"\x89PNG\r\n\x1a\n", "extension non reconnue"),
]


@pytest.mark.parametrize(("name", "content", "expected"), HOSTILE_FILES, ids=[h[0] for h in HOSTILE_FILES])
def test_hostile_file_is_quarantined_with_a_french_reason(mini_repo: Path, name: str, content: str | bytes,
                                                          expected: str) -> None:
    before_rows = {f: rows(mini_repo, f) for f in ("enquete-velo", "contribution-velo")}
    before = snapshot(mini_repo)
    original = content if isinstance(content, bytes) else content.encode("utf-8")
    inbox_file(mini_repo, "enquete-velo" if "contribution-velo" not in str(content)[:120] else "contribution-velo",
               name, content)
    outcomes = import_contributions(load_config(mini_repo))
    assert [o.status for o in outcomes] == [QUARANTINED]
    assert any(expected in reason for reason in outcomes[0].reasons), outcomes[0].reasons
    quarantined = mini_repo / outcomes[0].destination
    assert quarantined.read_bytes() == original  # never lost
    assert quarantined.with_name(quarantined.name + ".motif.txt").is_file()
    assert snapshot(mini_repo) == before
    assert {f: rows(mini_repo, f) for f in before_rows} == before_rows
    assert not Path("/tmp/eclaireur-pirate").exists()


def test_symbolic_link_is_moved_not_followed(mini_repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe", encoding="utf-8")
    folder = mini_repo / "contributions" / "inbox" / "enquete-velo"
    folder.mkdir(parents=True)
    (folder / "lien.yaml").symlink_to(secret)
    outcome = import_contributions(load_config(mini_repo))[0]
    assert outcome.status == QUARANTINED and "lien symbolique" in outcome.reasons[0]
    moved = mini_repo / outcome.destination
    assert moved.is_symlink() and secret.read_text(encoding="utf-8") == "mot de passe"


# Moderation ------------------------------------------------------------------------------------------


def test_moderation_changes_the_status_and_keeps_the_other_rows(mini_repo: Path) -> None:
    inbox_file(mini_repo, "contribution-velo", "a.yaml", submission_text("contribution-velo", FREE))
    import_contributions(load_config(mini_repo))
    before = rows(mini_repo, "contribution-velo")
    public_before = public_rows(mini_repo, "contribution-velo")
    decision = moderate(load_config(mini_repo), "20260201-101010-abcdef", accept=True, reason="Constat utile")
    entry = decision.entry
    assert entry.status == "acceptée" and decision.publication.changed
    after = rows(mini_repo, "contribution-velo")
    assert [r for r in after if r["id"] != entry.id] == [r for r in before if r["id"] != entry.id]
    assert next(r for r in after if r["id"] == entry.id)["motif"] == "Constat utile"
    public = public_rows(mini_repo, "contribution-velo")
    assert [r for r in public if r["id"] != entry.id] == public_before
    published = next(r for r in public if r["id"] == entry.id)
    assert published["titre"] == FREE["titre"] and not {"courriel", "motif", "empreinte"} & set(published)
    with pytest.raises(UnusableInputError, match="un refus doit être motivé"):
        moderate(load_config(mini_repo), entry.id, accept=False, reason="  ")
    with pytest.raises(DataError, match="aucune contribution « inexistante »"):
        moderate(load_config(mini_repo), "inexistante", accept=True, reason="")
    pending = list_contributions(load_config(mini_repo), status="en attente")
    assert entry.id not in {e.id for e in pending}


def test_cli_import_list_moderate(mini_repo: Path) -> None:
    runner = CliRunner()
    inbox_file(mini_repo, "contribution-velo", "a.yaml", submission_text("contribution-velo", FREE))
    inbox_file(mini_repo, "contribution-velo", "b.yaml", "formulaire: contribution-velo\n")
    result = runner.invoke(main, ["contributions", "import", "--root", str(mini_repo)])
    assert result.exit_code == 1, result.output
    assert "importée" in result.output and "quarantaine" in result.output
    assert "1 importée(s), 0 en double, 1 en quarantaine." in result.output
    listed = runner.invoke(main, ["contributions", "list", "--root", str(mini_repo), "--statut", "en attente"])
    assert listed.exit_code == 0 and "20260201-101010-abcdef" in listed.output
    refused = runner.invoke(main, ["contributions", "moderate", "--root", str(mini_repo), "20260201-101010-abcdef",
                                   "--reject"])
    assert refused.exit_code == 2 and "un refus doit être motivé" in refused.output
    assert "Traceback" not in refused.output
    done = runner.invoke(main, ["contributions", "moderate", "--root", str(mini_repo), "20260201-101010-abcdef",
                                "--reject", "--reason", "Hors sujet"])
    assert done.exit_code == 0 and "« refusée »" in done.output
    empty = runner.invoke(main, ["contributions", "import", "--root", str(mini_repo)])
    assert empty.exit_code == 0 and "Aucune contribution à importer" in empty.output


def test_header_mismatch_stops_before_writing(mini_repo: Path) -> None:
    target = mini_repo / "contributions" / "prive" / "enquete-velo.csv"
    target.write_text("id,autre\n", encoding="utf-8")
    inbox_file(mini_repo, "enquete-velo", "a.yaml", submission_text("enquete-velo", SURVEY))
    with pytest.raises(DataError, match="ne correspond pas au schéma"):
        import_contributions(load_config(mini_repo))
    assert target.read_text(encoding="utf-8") == "id,autre\n"
    assert (mini_repo / "contributions" / "inbox" / "enquete-velo" / "a.yaml").exists()


# Publication -----------------------------------------------------------------------------------------


def test_public_dataset_keeps_only_accepted_rows_with_consent_without_private_fields() -> None:
    from eclaireur.contributions.publish import public_csv, public_dataset
    from eclaireur.load import load_dataset
    from eclaireur.pages.opendata import neutralise

    dataset = load_dataset(REPO / "data")
    public = public_dataset(dataset)
    for form in load_forms(REPO / "data"):
        published = public.rows(form.resource)
        source = dataset.rows(form.resource)
        assert len(published) == sum(1 for r in source if r["statut"] == "acceptée" and r["consentement"] is True)
        assert published, form.id
        names = {f["name"] for f in public.schemas[form.resource]["fields"]}
        assert not names & form.private_fields
        assert all(not set(r) & form.private_fields for r in published)
        text = (public_csv(public, form.resource, neutralise) or b"").decode("utf-8")
        assert "courriel-perso.example" not in text and "empreinte" not in text.splitlines()[0]
    signed = {r["id"]: r["signature_publiee"] for r in public.rows("contributions_temoignage_velo")}
    assert sorted(signed.values()) == ["Anonyme", "J.-M. A.-L.", "Mathilde Perrin"]


def test_csv_download_neutralises_spreadsheet_formulas(mini_repo: Path) -> None:
    from eclaireur.contributions.publish import public_csv, public_dataset
    from eclaireur.load import load_dataset
    from eclaireur.pages.opendata import neutralise

    inbox_file(mini_repo, "contribution-velo", "f.yaml", submission_text(
        "contribution-velo", {**FREE, "titre": "=HYPERLINK(\"https://x.example\";\"clic\")",
                              "texte": "@SUM(1+1) est une formule déguisée dans un texte assez long."}))
    import_contributions(load_config(mini_repo))
    moderate(load_config(mini_repo), "20260201-101010-abcdef", accept=True, reason="")
    public = public_dataset(load_dataset(mini_repo / "data"))
    text = (public_csv(public, "contributions_contribution_velo", neutralise) or b"").decode("utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(1+1)" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_hostile_text_is_shown_inert_on_the_results_page(repo_copy: Path) -> None:
    from eclaireur.generate import build_context, run_generators
    from eclaireur.pages import formulaires

    hostile = {**FREE, "titre": "\"><img src=x onerror=alert(1)>",
               "texte": "<script>alert('x')</script> [clic](javascript:alert(1)) ![espion](https://traceur.example/p.gif)"
                        " [données](data:text/html;base64,PHNjcmlwdD4=)"}
    inbox_file(repo_copy, "contribution-velo", "h.yaml", submission_text("contribution-velo", hostile))
    assert import_contributions(load_config(repo_copy))[0].status == IMPORTED
    moderate(load_config(repo_copy), "20260201-101010-abcdef", accept=True, reason="Test")
    ctx = build_context(load_config(repo_copy))
    pages = {p: v.html for p, v in run_generators(ctx, [formulaires.generate]).pages.items()}
    html = pages["formulaires/contribution-velo/resultats.md"]
    assert "&lt;script&gt;alert" in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    assert "javascript:" not in html.split("clic")[0][-200:] and 'href="javascript' not in html
    images = re.findall(r"<img\b[^>]*>", html)
    assert images and all(re.search(r'src="(\.\./)+graphiques/reponses-[0-9a-f]+\.svg"', i) for i in images)
    assert 'href="data:' not in html


# eclaireur check -------------------------------------------------------------------------------------


def test_inbox_check_names_the_file_the_line_and_the_field(mini_repo: Path) -> None:
    from eclaireur.contributions.inbox_check import contribution_problems

    inbox_file(mini_repo, "enquete-velo", "a.yaml", submission_text("enquete-velo", {**SURVEY, "quartier": "Mars"}))
    inbox_file(mini_repo, "enquete-velo", "b.yaml", b"formulaire: \"caf\xe9\"\n")
    problems = contribution_problems(mini_repo, mini_repo)
    by_file = {p.file: p for p in problems}
    field = by_file["contributions/inbox/enquete-velo/a.yaml"]
    assert (field.code, field.column, field.value, field.line) == ("constraint-error", "quartier", "Mars", 8)
    assert "Choisissez une des réponses proposées" in field.message
    assert by_file["contributions/inbox/enquete-velo/b.yaml"].code == "encoding-error"
    assert (mini_repo / "contributions" / "inbox" / "enquete-velo" / "a.yaml").exists()  # check writes nothing


def test_inbox_check_reports_an_undeclared_resource(mini_repo: Path) -> None:
    from eclaireur.contributions.inbox_check import contribution_problems

    package = mini_repo / "data" / "datapackage.yaml"
    descriptor = yaml.safe_load(package.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "contributions_enquete_velo"]
    package.write_text(yaml.safe_dump(descriptor, allow_unicode=True), encoding="utf-8")
    problems = contribution_problems(mini_repo, mini_repo)
    assert any(p.code == "resource-error" and "contributions_enquete_velo" in p.message for p in problems)


# The built demo site ---------------------------------------------------------------------------------

TEXT_SUFFIXES = (".html", ".json", ".csv", ".xml", ".js", ".txt", ".svg", ".md", ".yaml")


def demo_rows() -> list[tuple[object, dict[str, str]]]:
    """Every contribution of the demo's private register."""
    return [(form, row) for form in load_forms(REPO / "data") for row in read_csv(REGISTER / f"{form.id}.csv")]


def secrets() -> set[str]:
    """Private values of the demo, and the texts of contributions that may not be published."""
    from eclaireur.contributions.publish import is_published

    values: set[str] = set()
    published_texts: set[str] = set()
    signed_names: set[str] = set()
    for form, row in demo_rows():
        assert hasattr(form, "private_fields")
        private = form.private_fields  # type: ignore[attr-defined]
        published = is_published(row)
        for name, value in row.items():
            if name in private:
                values.add(value)
            elif published:
                published_texts.add(value)
        if published and row.get("signature") == "nom":
            signed_names.add(row["nom_complet"])
        if not published:
            values.update(v for k, v in row.items() if k not in private and len(v) > 40)
    return {v for v in values if len(v) >= 8 and v not in signed_names and v not in published_texts}


def test_private_values_and_unpublished_texts_never_reach_the_site(built_site: Path) -> None:
    import html
    import json

    hidden = secrets()
    assert "luc.bernardin@courriel-perso.example" in hidden and "Boucle magnétique pour malentendant" in hidden
    assert any("Gérard Vasseur" in v for v in hidden)
    corpus = []
    for path in sorted(built_site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            corpus.append((path, path.read_text(encoding="utf-8", errors="replace")))
    import gzip

    from eclaireur.search import fold

    index = sorted((built_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert index  # the search index (pagefind: gzipped JSON, accents folded) is read too
    corpus += [(path, gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")) for path in index]
    for value in sorted(hidden):
        forms_of_value = {value, html.escape(value), html.escape(value, quote=False), json.dumps(value)[1:-1],
                          json.dumps(value, ensure_ascii=False)[1:-1]}
        forms_of_value |= {fold(f) for f in forms_of_value}
        for path, text in corpus:
            leaked = [f for f in forms_of_value if f in text]
            assert not leaked, f"{value[:60]!r} se trouve dans {path.relative_to(built_site)}"
    results = (built_site / "formulaires" / "temoignage-velo" / "resultats" / "index.html").read_text(encoding="utf-8")
    assert "Mathilde Perrin" in results and "J.-M. A.-L." in results and "Anonyme" in results


def test_json_from_the_reception_service_is_imported(mini_repo: Path) -> None:
    import json

    body = {"formulaire": "enquete-velo", "version": "1", "identifiant": "20260203-090000-json01",
            "horodatage": "2026-02-03T09:00:00+01:00", "consentement": "false", "reponses": SURVEY}
    inbox_file(mini_repo, "enquete-velo", "service.json", json.dumps(body, ensure_ascii=False))
    outcome = import_contributions(load_config(mini_repo))[0]
    assert (outcome.status, outcome.contribution_id) == (IMPORTED, "20260203-090000-json01")
    assert rows(mini_repo, "enquete-velo")[-1]["consentement"] == "false"


def test_results_count_closed_answers_and_sign_with_initials() -> None:
    from eclaireur.contributions.publish import initials, published_rows, published_signature
    from eclaireur.contributions.results import closed_questions, published_contributions
    from eclaireur.load import load_dataset

    assert initials("Jean-Marc  Le Gall") == "J.-M. L. G."
    assert published_signature("anonyme", "Jeanne Martin") == "Anonyme"
    assert published_signature("nom", "") == "Anonyme"
    dataset = load_dataset(REPO / "data")
    survey = next(f for f in load_forms(REPO / "data") if f.id == "enquete-velo")
    published = published_rows(survey, dataset.rows(survey.resource))
    questions = {q.name: q for q in closed_questions(survey, published)}
    assert set(questions) == {"quartier", "frequence", "securite", "frein", "age"}
    for question in questions.values():
        assert sum(c.count for c in question.counts) == len(published)
    expected = sum(1 for r in published if r["quartier"] == "Saint-Roch")
    assert next(c.count for c in questions["quartier"].counts if c.label == "Saint-Roch") == expected
    remarks = published_contributions(survey, published)
    assert remarks and all(a.text is not None for c in remarks for a in c.answers)
