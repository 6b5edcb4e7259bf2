"""Hostile and unusual inputs: a French message and exit code 2 (unusable) or 1 (invalid), never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.check.command import check_command


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(check_command, list(args))
    output = result.output + (result.stderr if result.stderr_bytes else "")
    assert "Traceback" not in output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, output


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_missing_path(tmp_path: Path) -> None:
    code, output = invoke(str(tmp_path / "absent.csv"))
    assert code == 2 and "introuvable" in output


def test_directory_without_datapackage(tmp_path: Path) -> None:
    code, output = invoke(str(tmp_path))
    assert code == 2 and "aucun descripteur de paquet" in output


def test_binary_file(tmp_path: Path) -> None:
    code, output = invoke(str(write(tmp_path / "image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)))
    assert code == 2 and "binaire" in output


def test_zero_byte_csv(tmp_path: Path) -> None:
    code, output = invoke(str(write(tmp_path / "vide.csv", b"")))
    assert code == 1 and "le fichier est vide" in output


def test_non_utf8_csv_is_read_as_cp1252(tmp_path: Path) -> None:
    code, output = invoke(str(write(tmp_path / "ancien.csv", "nom;ville\nHélène;Montpellier\n".encode("cp1252"))))
    assert code == 0 and "encodage détecté : cp1252" in output


def test_invalid_yaml_descriptor(tmp_path: Path) -> None:
    descriptor = write(tmp_path / "data" / "datapackage.yaml", b"resources:\n  - name: a\n    path: [oops\n")
    code, output = invoke(str(descriptor))
    assert code == 1 and "YAML invalide" in output and "datapackage.yaml:4" in output


def test_repository_with_invalid_yaml_descriptor(tmp_path: Path) -> None:
    write(tmp_path / "data" / "datapackage.yaml", b"resources: {\n")
    code, output = invoke(str(tmp_path))
    assert code == 1 and "YAML invalide" in output


def test_non_utf8_descriptor(tmp_path: Path) -> None:
    descriptor = write(tmp_path / "datapackage.yaml", "title: Délibérations\nresources: []\n".encode("cp1252"))
    code, output = invoke(str(descriptor))
    assert code == 1 and "n'est pas en UTF-8" in output


def test_zero_byte_descriptor(tmp_path: Path) -> None:
    code, output = invoke(str(write(tmp_path / "datapackage.json", b"")))
    assert code == 1 and "vide" in output


def test_descriptor_that_is_a_list(tmp_path: Path) -> None:
    code, output = invoke(str(write(tmp_path / "datapackage.json", b"[1, 2, 3]")))
    assert code == 1 and "ni paquet" in output


def test_schema_file_invalid_json(tmp_path: Path) -> None:
    csv = write(tmp_path / "t.csv", b"a,b\n1,2\n")
    schema = write(tmp_path / "schema.json", b'{"fields": [')
    code, output = invoke(str(csv), "--schema", str(schema))
    assert code == 2 and "schéma illisible" in output and "JSON invalide" in output


def test_schema_file_missing(tmp_path: Path) -> None:
    csv = write(tmp_path / "t.csv", b"a,b\n1,2\n")
    code, output = invoke(str(csv), "--schema", str(tmp_path / "absent.json"))
    assert code == 2 and "schéma introuvable" in output


def test_schema_with_directory(tmp_path: Path) -> None:
    write(tmp_path / "data" / "datapackage.yaml", b"resources: []\n")
    code, output = invoke(str(tmp_path), "--schema", str(write(tmp_path / "s.json", b"{}")))
    assert code == 2 and "--schema" in output


def test_unknown_encoding_in_package(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", b"a\n1\n")
    descriptor = write(
        tmp_path / "datapackage.yaml", b"resources:\n  - name: t\n    path: t.csv\n    encoding: klingon\n"
    )
    code, output = invoke(str(descriptor))
    assert code == 1 and "klingon" in output


def test_resource_path_escaping_the_package(tmp_path: Path) -> None:
    descriptor = write(
        tmp_path / "depot" / "datapackage.yaml", b"resources:\n  - name: t\n    path: ../../etc/passwd\n"
    )
    code, output = invoke(str(descriptor))
    assert code == 1 and "remonte" in output


def test_unsafe_schema_path(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", b"a\n1\n")
    descriptor = write(
        tmp_path / "datapackage.yaml", b"resources:\n  - name: t\n    path: t.csv\n    schema: /etc/hosts\n"
    )
    code, output = invoke(str(descriptor))
    assert code == 1 and "chemin absolu" in output


def test_package_resource_not_utf8(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", "nom\nHélène\n".encode("cp1252"))
    descriptor = write(tmp_path / "datapackage.yaml", b"resources:\n  - name: t\n    path: t.csv\n")
    code, output = invoke(str(descriptor))
    assert code == 1
    assert "t.csv:2 : octet 0xE9 illisible en utf-8 ; le fichier semble encodé en cp1252" in output


def test_package_foreign_key_to_missing_resource(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", b"id,parent\n1,2\n")
    descriptor = write(
        tmp_path / "datapackage.yaml",
        b"resources:\n  - name: t\n    path: t.csv\n    schema:\n      fields:\n        - {name: id, type: integer}\n"
        b"        - {name: parent, type: integer}\n      foreignKeys:\n"
        b"        - {fields: parent, reference: {resource: absente, fields: id}}\n",
    )
    code, output = invoke(str(descriptor))
    assert code == 1 and "« absente », qui n'existe pas" in output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_csv(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.csv", b"a\n1\n")
    path.chmod(0)
    code, output = invoke(str(path))
    assert code == 2 and "lecture impossible" in output


def test_bad_arguments() -> None:
    code, _ = invoke(".", "--format", "xml")
    assert code == 2
    code, _ = invoke(".", "--limit-errors", "-3")
    assert code == 2
