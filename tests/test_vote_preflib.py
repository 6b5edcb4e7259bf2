"""PrefLib files: the two real elections of the shared corpus, round trips, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from eclaireur.cli import main
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.vote.preflib import read_preflib, write_preflib
from helpers import REAL_DATA

BALLOTS = REAL_DATA / "ballots"
DEBIAN = BALLOTS / "00002-00000006.toc"
NETFLIX = BALLOTS / "00004-00000050.soc"



def test_debian_2010_condorcet_and_schulze_winner_is_zacchiroli() -> None:
    result = CliRunner().invoke(main, ["tally", str(DEBIAN), "--format", "json"])
    assert result.exit_code == 0, result.output
    results = json.loads(result.output)
    assert results["bulletins"]["votants"] == 436
    assert results["condorcet"]["gagnant"] == "Stefano Zacchiroli"
    assert results["schulze"]["gagnants"] == ["Stefano Zacchiroli"]
    assert results["schulze"]["classement"][-1]["options"] == ["None Of The Above"]
    # 323 of 436 voters put Zacchiroli before Verhelst (lines "1,{2,3,4,5}" count as ties among the others)
    names = [o["id"] for o in results["options"]]
    assert results["duels"][names.index("Stefano Zacchiroli")][names.index("Wouter Verhelst")] == 323


def test_debian_text_report_names_the_winner() -> None:
    result = CliRunner().invoke(main, ["tally", str(DEBIAN), "--methode", "schulze"])
    assert result.exit_code == 0
    assert "Classement officiel — méthode de Condorcet-Schulze" in result.output
    assert "Vainqueur de Condorcet (gagne tous ses duels) : Stefano Zacchiroli" in result.output


def test_netflix_soc_is_parsed() -> None:
    profile = read_preflib(NETFLIX)
    assert profile.data_type == "soc"
    assert profile.names == ["The Amityville Horror", "Mars Attacks!", "Lean on Me"]
    assert profile.voters == 391
    assert len(profile.ranks) == 6
    # first line "186: 3,1,2"
    assert profile.weights[0] == 186
    assert list(profile.ranks[0]) == [1, 2, 0]


@pytest.mark.parametrize("path", [DEBIAN, NETFLIX])
def test_write_then_read_gives_the_same_profile(path: Path, tmp_path: Path) -> None:
    profile = read_preflib(path)
    text, data_type = write_preflib(profile.names, profile.ranks, profile.weights, file_name="x", title=profile.title)
    assert data_type == profile.data_type
    copy = tmp_path / f"copie.{data_type}"
    copy.write_text(text, encoding="utf-8")
    again = read_preflib(copy)
    assert again.names == profile.names and again.voters == profile.voters

    def as_dict(p: object) -> dict[bytes, int]:
        return {r.tobytes(): int(w) for r, w in zip(p.ranks, p.weights, strict=True)}  # type: ignore[attr-defined]

    assert as_dict(again) == as_dict(profile)
    # same input, same bytes
    assert write_preflib(profile.names, profile.ranks, profile.weights, file_name="x", title=profile.title)[0] == text


def test_incomplete_orders_are_written_as_toi(tmp_path: Path) -> None:
    ranks = np.array([[0, 255, 255], [0, 1, 1], [255, 0, 255]], dtype=np.uint8)
    text, data_type = write_preflib(["a", "b", "c"], ranks)
    assert data_type == "toi"
    assert "1: 1,{2,3}" in text and "1: 2" in text
    path = tmp_path / "p.toi"
    path.write_text(text, encoding="utf-8")
    assert read_preflib(path).voters == 3


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("3: 1,2,4", "n'est pas un numéro d'option entre 1 et 3"),
        ("3: 1,1,2", "apparaît deux fois"),
        ("3: 1,{2,3", "accolade"),
        ("trois: 1,2,3", "n'est pas de la forme"),
        ("3: 1,2", "doit classer toutes les options"),
    ],
)
def test_bad_lines_are_reported_with_their_line_number(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "mauvais.soc"
    path.write_text(
        "# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n"
        f"# ALTERNATIVE NAME 3: c\n{body}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=message) as info:
        read_preflib(path)
    assert "ligne 6" in info.value.message


def test_ties_are_refused_in_a_strict_file(tmp_path: Path) -> None:
    path = tmp_path / "egalite.soc"
    path.write_text("# NUMBER ALTERNATIVES: 3\n2: 1,{2,3}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"ligne 2 : égalité"):
        read_preflib(path)


def test_unknown_extension_and_missing_file() -> None:
    with pytest.raises(UnusableInputError, match="extension"):
        read_preflib(Path("bulletins.txt"))
    with pytest.raises(UnusableInputError, match="introuvable"):
        read_preflib(Path("/nulle/part.toc"))


def test_cli_reports_a_bad_file_in_french_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "mauvais.toc"
    path.write_text("# NUMBER ALTERNATIVES: 2\n1: 1,3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["tally", str(path)])
    assert result.exit_code == 1
    assert "ligne 2" in result.output and "Traceback" not in result.output
