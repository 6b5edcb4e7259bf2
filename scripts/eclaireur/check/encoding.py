"""Choosing how to decode a CSV file, and saying precisely where decoding fails.

frictionless guesses encodings with chardet and gets French legacy files wrong (Montpellier's ISO-8859-1
budget comes out as Thai cp874). French authorities write UTF-8 or Windows-1252, so the guess here is
simple and explainable: UTF-8 (with or without BOM) when it decodes, else cp1252, else latin-1.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

LEGACY_ENCODINGS = ("cp1252", "latin-1")
BINARY_SAMPLE = 8192


@dataclass(frozen=True)
class DecodeFailure:
    """Where a file stops being readable in an encoding."""

    encoding: str
    line: int
    byte: str
    position: int


@dataclass(frozen=True)
class EncodingChoice:
    """The encoding used to read a file; ``failure`` when the declared/expected one does not fit."""

    encoding: str
    detected: bool
    failure: DecodeFailure | None = None


def normalise(encoding: str) -> str:
    """Python's canonical name (``latin1`` -> ``iso8859-1``); raises LookupError when unknown."""
    return codecs.lookup(encoding).name


def looks_binary(data: bytes) -> bool:
    """NUL bytes in a file without a UTF-16/32 byte order mark: not a text file."""
    head = data[:BINARY_SAMPLE]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    return b"\x00" in head


def decode_failure(data: bytes, encoding: str) -> DecodeFailure | None:
    """The first undecodable byte of ``data`` in ``encoding`` (line counted from 1), or None."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : max(exc.end, exc.start + 1)]
        return DecodeFailure(
            encoding=encoding,
            line=data.count(b"\n", 0, exc.start) + 1,
            byte=" ".join(f"0x{byte:02X}" for byte in bad[:4]),
            position=exc.start,
        )
    return None


def _utf8_name(data: bytes) -> str:
    return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"


def guess_legacy(data: bytes) -> str:
    """The first of cp1252, latin-1 that decodes ``data`` (latin-1 always does) — unless the text it gives is
    not Latin-script writing at all (Greek or Cyrillic bytes read as cp1252 give « Ëåùíéäáò »): then the
    single-byte encoding chardet finds, when it decodes the file."""
    for encoding in LEGACY_ENCODINGS:
        if decode_failure(data, encoding) is None:
            if not looks_misread(data.decode(encoding)):
                return encoding
            return _other_script(data) or encoding
    return "latin-1"


_NON_ASCII_RUN = re.compile(r"[^\W\d_a-zA-Z]{3,}")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


def looks_misread(text: str) -> bool:
    """Whether ``text`` (decoded as cp1252) looks like another script: French puts at most two accented
    letters side by side (« créée »); mojibake of a Greek or Cyrillic word is accented letters only."""
    letters = len(_NON_ASCII_LETTER.findall(text))
    if letters < 3:
        return False
    in_runs = sum(len(run) for run in _NON_ASCII_RUN.findall(text))
    return in_runs / letters > 0.5


def _other_script(data: bytes) -> str | None:
    import chardet  # a dependency of frictionless

    guess = chardet.detect(data).get("encoding")
    if not guess:
        return None
    try:
        encoding = normalise(guess)
    except LookupError:
        return None
    if encoding in ("utf-8", "ascii") or encoding.startswith(("utf-16", "utf-32")):
        return None
    return encoding if decode_failure(data, encoding) is None else None


def choose_encoding(data: bytes, declared: str | None, *, detect: bool) -> EncodingChoice:
    """Pick the encoding of ``data``.

    ``declared`` (from the resource) wins and must decode. Otherwise UTF-8 is expected; with ``detect``
    a legacy encoding is accepted silently (a single CSV checked on its own), without it the UTF-8
    failure is reported and the legacy guess is still used to go on reading.
    """
    if declared:
        encoding = normalise(declared)
        if encoding == "utf-8":
            encoding = _utf8_name(data)
        failure = decode_failure(data, encoding)
        if failure is not None:
            return EncodingChoice(guess_legacy(data), detected=True, failure=failure)
        return EncodingChoice(encoding, detected=False)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        failure = decode_failure(data, "utf-16")
        return EncodingChoice("utf-16" if failure is None else "latin-1", detected=True, failure=failure)
    utf8 = _utf8_name(data)
    failure = decode_failure(data, utf8)
    if failure is None:
        return EncodingChoice(utf8, detected=False)
    legacy = guess_legacy(data)
    return EncodingChoice(legacy, detected=True, failure=None if detect else failure)
