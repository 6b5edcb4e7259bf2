"""Reading ballots in bulk (numpy) gives exactly what reading them one by one gives: rankings, spoiled
ballots and their reasons, channels, places; for any ranking text and any CSV file (property tests)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eclaireur.errors import DataError
from eclaireur.vote import ballot_csv
from eclaireur.vote.ballot_csv import read_ballot_columns
from eclaireur.vote.ranking import UNRANKED, NotCounted, RankingReader, SpanTexts
from eclaireur.vote.setup import ElectionSetup
from eclaireur.vote.tally import columns_of_fields, read_ballots

# ids of several byte lengths (1 to 23), one a prefix of another, one not ASCII, two of one length
OPTIONS = ["a", "ab", "b", "velo-tous-ages", "é-nuit", "option-longue-de-23-oct", "x9", "sans-voiture"]
PIECES = [*OPTIONS, "", " ", "A", "abc", "z", "é", "velo-tous-age", "\u00a0a", "a\u00a0", "\t",
          "option-longue-de-23-oc"]
SETUP = ElectionSetup(id="essai", titre="Essai", options=OPTIONS, option_titles={o: o for o in OPTIONS},
                      channels=["en ligne", "lycée", "gare"], code_channels=frozenset({"en ligne"}),
                      code_hashes=frozenset({"aa11", "bb22"}))

ranking_texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from([">", "=", " > ", "=", ">", ""])), max_size=9,
).map(lambda parts: "".join(name + sep for name, sep in parts)) | st.text(max_size=12)


def one_by_one(reader: RankingReader, texts: list[str]) -> tuple[np.ndarray, dict[int, NotCounted]]:
    rows = np.full((len(texts), len(reader.options)), UNRANKED, dtype=np.uint8)
    reasons = {}
    for i, text in enumerate(texts):
        read = reader.read(text)
        if isinstance(read, bytes):
            rows[i] = np.frombuffer(read, dtype=np.uint8)
        else:
            reasons[i] = read
    return rows, reasons


@settings(max_examples=300, deadline=None)
@given(st.lists(ranking_texts, max_size=30))
def test_bulk_reading_reads_every_text_like_the_one_by_one_reader(texts: list[str]) -> None:
    ranks, reasons = RankingReader(OPTIONS).read_many(texts)
    expected_ranks, expected_reasons = one_by_one(RankingReader(OPTIONS), texts)
    assert reasons == expected_reasons
    assert (ranks == expected_ranks).all()


def test_texts_left_in_a_buffer_are_read_between_their_own_bounds() -> None:
    # cells of one line of a file: the ">" and "=" of the cells around the rankings are not theirs
    cells = ["x>=", "a>b=x9", "é>", "ab=a>velo-tous-ages", ">="]
    encoded = [c.encode() for c in cells]
    data = np.frombuffer(b",".join(encoded) + b"\n", dtype=np.uint8)
    bounds = np.cumsum([0] + [len(e) + 1 for e in encoded])
    texts = SpanTexts(data, bounds[1:4].astype(np.intp), (bounds[2:5] - 1).astype(np.intp))
    assert list(texts) == cells[1:4]
    ranks, reasons = RankingReader(OPTIONS).read_many(texts)
    assert reasons == {1: NotCounted("option-inconnue", "« é »")}
    expected, _ = one_by_one(RankingReader(OPTIONS), cells[1:4])
    assert (ranks == expected).all() and ranks[0].tolist()[:3] == [0, UNRANKED, 1]


@pytest.mark.parametrize("kind", ["spans", "block"])
def test_texts_left_in_a_buffer_behave_like_a_list(kind: str) -> None:
    texts = ["b-00001", "", "é=a", "x" * 70]
    block = ("\n".join(texts) + "\n").encode("utf-8")
    data = np.frombuffer(block, dtype=np.uint8)
    ends = np.flatnonzero(data == ord("\n"))
    starts = np.concatenate([[0], ends[:-1] + 1]).astype(np.intp)
    lazy = SpanTexts(data, starts, ends) if kind == "spans" else ballot_csv.BlockTexts(block, starts, ends)
    assert len(lazy) == 4 and list(lazy) == texts and list(enumerate(lazy))[2] == (2, "é=a")
    assert lazy[2] == "é=a" and lazy[-1] == "x" * 70 and lazy[np.intp(0)] == "b-00001"
    assert lazy[1:] == texts[1:] and lazy[::-2] == texts[::-2] and lazy[5:] == []
    assert "é=a" in lazy and lazy.index("") == 1
    with pytest.raises(IndexError):
        lazy[4]


def test_options_that_could_be_confused_with_the_text_are_read_one_by_one() -> None:
    reader = RankingReader(["a b", "c"])
    ranks, reasons = reader.read_many(["a b>c", "c > a b", "a b=a b"])
    assert reasons == {2: NotCounted("option-repetee", "« a b »")}
    assert ranks[:2].tolist() == [[0, 1], [1, 0]]


def reference_read(setup: ElectionSetup, path: Path) -> dict[str, Any]:
    """The reading of the tally before it was done in bulk: the csv module, one ballot at a time."""
    reader = RankingReader(setup.options)
    rows, rejected, cast, places, used = [], [], Counter(), {}, {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = csv.reader(handle)
        header = [h.strip() for h in next(records)]
        at = [header.index(c) if c in header else -1 for c in ballot_csv.BALLOT_COLUMNS]
        for record in records:
            record = record + [""] * (max(at) + 1 - len(record))
            ballot_id, election, canal, lieu, code = (
                record[at[k]].strip() if at[k] >= 0 else "" for k in (0, 1, 2, 3, 5)
            )
            if election and election != setup.id:
                continue
            cast[canal] += 1
            places.setdefault(canal, set()).add(lieu)
            code = code.lower()
            read: bytes | NotCounted | None = None
            if not code:
                if canal in setup.code_channels:
                    read = NotCounted("code-manquant", f"canal « {canal} »")
            elif code not in (setup.code_hashes or ()):
                read = NotCounted("code-inconnu", f"empreinte {code[:12]}…")
            elif code in used:
                read = NotCounted("code-reutilise", f"déjà utilisé par le bulletin {used[code]}")
            else:
                used[code] = ballot_id
            if read is None:
                read = reader.read(record[at[4]])
            if isinstance(read, bytes):
                rows.append((canal, list(read)))
            else:
                rejected.append((ballot_id, canal, lieu, read))
    return {"rows": rows, "rejected": rejected, "cast": dict(cast), "places": places}


def bulk_read(setup: ElectionSetup, path: Path) -> dict[str, Any]:
    read = read_ballots(setup, read_ballot_columns(path))
    return {
        "rows": [(read.channels[c], r) for c, r in zip(read.row_channel.tolist(), read.ranks.tolist(), strict=True)],
        "rejected": [(r.id, r.canal, r.lieu, r.why) for r in read.rejected],
        "cast": {read.channels[c]: k for c, k in read.cast.items()},
        "places": {read.channels[c]: p for c, p in read.places.items()},
    }


cells = st.sampled_from(["", " ", "en ligne", "lycée", " gare ", "marché", "Lycée Jean-Zay, bâtiment B", "essai",
                         "autre", " essai", "aa11", "BB22", "cc33", 'dit "urne"', "a=b", "x>y"])
lines = st.lists(st.tuples(st.sampled_from(["b-1", "b-2", " b-3"]), cells, cells, cells, ranking_texts, cells),
                 max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines, st.sampled_from(["plain", "quoted", "crlf", "short", "bom"]), st.sampled_from([64, 300, 1 << 23]))
def test_a_ballot_file_is_read_like_the_csv_module_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ballots: list[tuple[str, ...]], style: str, block: int
) -> None:
    monkeypatch.setattr(ballot_csv, "BLOCK_BYTES", block)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if style == "crlf" else "\n",
                        quoting=csv.QUOTE_ALL if style == "quoted" else csv.QUOTE_MINIMAL)
    writer.writerow(["id", "election", "date", "canal", "lieu", "classement", "code_hash"])
    for number, (ballot_id, election, canal, lieu, ranking, code) in enumerate(ballots):
        row = [ballot_id, election, "2026-01-01", canal, lieu, ranking, code]
        writer.writerow(row[: 3 + number % 4] if style == "short" and number % 3 == 0 else row)
    path = tmp_path / "bulletins.csv"
    path.write_text(("\ufeff" if style == "bom" else "") + buffer.getvalue(), encoding="utf-8")
    assert bulk_read(SETUP, path) == reference_read(SETUP, path)


def test_ballots_given_as_rows_are_read_like_the_same_file(tmp_path: Path) -> None:
    fields = [("b-1", "essai", "en ligne", "urne", "a>b", "aa11"), ("b-2", "", "gare", " hall ", " ab = b ", ""),
              ("b-3", "autre", "gare", "hall", "a", ""), ("b-4", "essai", "fax", "", "", "")]
    read = read_ballots(SETUP, columns_of_fields(fields, size=2))
    assert read.ranks.tolist() == [[0, UNRANKED, 1] + [UNRANKED] * 5, [UNRANKED, 0, 0] + [UNRANKED] * 5]
    assert read.channels == ["en ligne", "lycée", "gare", "fax"] and dict(read.cast) == {0: 1, 2: 1, 3: 1}
    assert [(r.id, r.why.reason) for r in read.rejected] == [("b-4", "blanc")]


def test_a_file_that_is_not_utf8_or_has_no_ranking_column_stops_with_a_french_message(tmp_path: Path) -> None:
    path = tmp_path / "bulletins.csv"
    path.write_bytes("id,classement\nb-1,a\nb-2,é\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"fichier CSV illisible .* il doit être en UTF-8"):
        list(read_ballot_columns(path))
    path.write_text("id,rangs\nb-1,a\n", encoding="utf-8")
    with pytest.raises(DataError, match="colonne « classement » absente ; colonnes trouvées : id, rangs"):
        list(read_ballot_columns(path))
