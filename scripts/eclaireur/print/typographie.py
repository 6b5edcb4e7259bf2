"""French typography for plain text going to print.

Non-breaking spaces before ``: ; ! ?``, inside « », before ``%`` and ``€`` and between groups of
thousands, and an ellipsis character for ``...``; straight quotes are left as typed. URLs, times
(``14:30``) and e-mail addresses are left as they are.
"""

from __future__ import annotations

import re

from eclaireur.fr import NBSP, NNBSP

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")
_SPACE_BEFORE_HIGH = re.compile(r"[ \t\u00a0\u202f]*([;!?])(?=\s|$|[»\)\]])")
_NO_SPACE_BEFORE_HIGH = re.compile(r"(?<=[\w\)»\]…])([;!?])")
_COLON = re.compile(r"(?<=\S)[ \t\u00a0\u202f]*:(?=\s|$)")
_OPEN_GUILLEMET = re.compile(r"«[ \t\u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"[ \t\u00a0\u202f]*»")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_UNIT = re.compile(r"(?<=\d)[ \u00a0\u202f]?([%€])")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")


def _fix(segment: str) -> str:
    segment = _ELLIPSIS.sub("…", segment)
    segment = _UNIT.sub(lambda m: NBSP + m.group(1), segment)
    segment = _THOUSANDS.sub(NNBSP, segment)
    segment = _SPACE_BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), segment)
    segment = _NO_SPACE_BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), segment)
    segment = _COLON.sub(NBSP + ":", segment)
    segment = _OPEN_GUILLEMET.sub("«" + NBSP, segment)
    segment = _CLOSE_GUILLEMET.sub(NBSP + "»", segment)
    return segment


def typographie(text: str | None) -> str:
    """``Pourquoi ? "Parce que" : voilà`` -> the same with the French non-breaking spaces and « »."""
    if not text:
        return ""
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        parts.append(_fix(text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_fix(text[last:]))
    return "".join(parts)
