"""Project rules: front matter of content/ pages, media referenced by pages and by data fields."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from eclaireur.check.command import check_command
from eclaireur.check.run import check_path

DATAPACKAGE = """\
name: loirance-test
resources:
  - name: projets
    path: projets.csv
    schema:
      fields:
        - {name: id, type: integer, constraints: {required: true, unique: true}}
        - {name: nom, type: string}
        - {name: photo, type: string, "eclaireur:media": true}
      primaryKey: [id]
"""

PROJETS = """\
id,nom,photo
1,Rénovation de l'école Jules-Ferry,medias/ecole.jpg
2,Piste cyclable des Tanneurs,medias/absente.jpg
3,Jardins partagés,../../secret.jpg
4,Médiathèque,
"""


def make_repository(root: Path) -> Path:
    (root / "data" / "medias").mkdir(parents=True)
    (root / "data" / "datapackage.yaml").write_text(DATAPACKAGE, encoding="utf-8")
    (root / "data" / "projets.csv").write_text(PROJETS, encoding="utf-8")
    (root / "data" / "medias" / "ecole.jpg").write_bytes(b"\xff\xd8\xff")
    content = root / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "carte.png").write_bytes(b"\x89PNG")
    (content / "index.md").write_text(
        '---\ntitle: "Loirance, données ouvertes"\n---\n\n# Accueil\n\n![Carte](images/carte.png)\n',
        encoding="utf-8",
    )
    return root


def test_clean_repository_is_valid(tmp_path: Path) -> None:
    root = make_repository(tmp_path)
    (root / "data" / "projets.csv").write_text("id,nom,photo\n1,École,medias/ecole.jpg\n", encoding="utf-8")
    report = check_path(root, root=root)
    assert report.valid, [p.message for p in report.problems]
    assert "content/index.md" in report.files and "data/projets.csv" in report.files


def test_media_fields_in_data(tmp_path: Path) -> None:
    root = make_repository(tmp_path)
    report = check_path(root, root=root)
    found = [(p.code, p.file, p.line, p.column, p.value) for p in report.problems]
    assert found == [
        ("media-missing", "data/projets.csv", 3, "photo", "medias/absente.jpg"),
        ("media-outside", "data/projets.csv", 4, "photo", "../../secret.jpg"),
    ]
    assert "introuvable (cherché dans data/medias/)" in report.problems[0].message


def test_front_matter_that_does_not_parse(tmp_path: Path) -> None:
    root = make_repository(tmp_path)
    (root / "content" / "projets.md").write_text(
        "---\ntitle: Projets\ndescription: Budget : 12 M€\n  mal: indenté\n---\n\nTexte\n", encoding="utf-8"
    )
    report = check_path(root, root=root)
    problem = next(p for p in report.problems if p.file == "content/projets.md")
    assert problem.code == "front-matter"
    assert problem.line == 3  # « Budget : 12 M€ » : a colon inside an unquoted value
    assert problem.message.startswith("l'en-tête YAML (entre les lignes « --- ») est illisible")


def test_title_must_be_text(tmp_path: Path) -> None:
    root = make_repository(tmp_path)
    (root / "content" / "annee.md").write_text(
        "---\nauteur: Service communication\ntitle: 2024\n---\n", encoding="utf-8"
    )
    report = check_path(root, root=root)
    problem = next(p for p in report.problems if p.file == "content/annee.md")
    assert (problem.code, problem.line, problem.column, problem.value) == ("front-matter-title", 3, "title", "2024")
    assert "un nombre" in problem.message and 'title: "…"' in problem.message


def test_markdown_images(tmp_path: Path) -> None:
    root = make_repository(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-dehors.png"
    outside.write_bytes(b"\x89PNG")
    os.symlink(outside, root / "content" / "images" / "lien.png")
    (root / "content" / "galerie.md").write_text(
        "# Galerie\n\n"
        '![Carte](images/carte.png "La carte")\n'
        "![Absente](images/absente.png)\n"
        "![Lien](images/lien.png)\n"
        "![Absolu](/etc/hosts)\n"
        "![Remonte](../../../etc/hosts)\n"
        "![Distante](https://exemple.org/a.png)\n"
        "```\n![Dans du code](nexiste/pas.png)\n```\n"
        "![Espace](<images/carte.png>)\n",
        encoding="utf-8",
    )
    report = check_path(root, root=root)
    found = [(p.code, p.line, p.value) for p in report.problems if p.file == "content/galerie.md"]
    assert found == [
        ("media-missing", 4, "images/absente.png"),
        ("media-outside", 5, "images/lien.png"),
        ("media-outside", 6, "/etc/hosts"),
        ("media-outside", 7, "../../../etc/hosts"),
    ]
    messages = [p.message for p in report.problems if p.file == "content/galerie.md"]
    assert "lien symbolique" in messages[1] and "chemin absolu" in messages[2] and "remonte" in messages[3]


def test_reference_style_markdown_images(tmp_path: Path) -> None:
    root = make_repository(tmp_path)
    (root / "content" / "rapport.md").write_text(
        "# Rapport\n\n"
        "![La carte][carte] et ![Plan absent][Plan   Vélo], encore ![plan vélo] et ![Plan absent][].\n"
        "Un lien [carte] n'est pas une image ; ![jamais définie][nulle-part] reste du texte.\n"
        "![Distante][web]\n\n"
        "[carte]: images/carte.png \"La carte\"\n"
        "[plan vélo]: <images/plan-absent.png>\n"
        "[plan absent]: images/autre-absent.png\n"
        "[web]: https://exemple.org/a.png\n"
        "[inutilisee]: images/inutilisee-absente.png\n"
        "```\n![Dans du code][code]\n[code]: nexiste/pas.png\n```\n",
        encoding="utf-8",
    )
    report = check_path(root, root=root)
    found = [(p.code, p.line, p.value) for p in report.problems if p.file == "content/rapport.md"]
    assert found == [
        ("media-missing", 8, "images/plan-absent.png"),
        ("media-missing", 9, "images/autre-absent.png"),
    ]


def test_repository_exit_code(tmp_path: Path) -> None:
    root = make_repository(tmp_path)
    result = CliRunner().invoke(check_command, [str(root)])
    assert result.exit_code == 1
    expected = "\ndata/projets.csv:3: colonne « photo » : le fichier « medias/absente.jpg » est introuvable"
    assert expected in result.output


def test_demo_repository_is_valid() -> None:
    from helpers import REPO

    report = check_path(REPO, root=REPO)
    assert report.valid, [f"{p.file}:{p.line}: {p.message}" for p in report.problems]
    assert "data/datapackage.yaml" in report.files


def test_tabular_profile_with_broken_schema_reported_once(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "t.schema.json").write_text('{"fields": [{"name": "a", "type": "entier"}]}', encoding="utf-8")
    (tmp_path / "datapackage.yaml").write_text(
        "resources:\n  - name: t\n    path: t.csv\n    profile: tabular-data-resource\n    schema: t.schema.json\n",
        encoding="utf-8",
    )
    report = check_path(tmp_path / "datapackage.yaml", root=tmp_path)
    assert [(p.code, p.file) for p in report.problems] == [("schema-error", "t.schema.json")]
    assert "type « entier » inconnu" in report.problems[0].message
