"""Characters that no shipped font can show, replaced before typst: a French warning, never an error.

The PDFs are PDF/UA-1, and typst refuses an accessible PDF with a character drawn as an empty box
(``.notdef``): one emoji that no font has, in a citizen's testimony, would stop ``eclaireur build``. The fonts
of ``theme/fonts/`` (Inter, Charis SIL, and the Noto fallbacks for the Arabic, Hebrew, Armenian and Georgian
scripts, emoji, symbols and mathematical signs) cover what a French text usually holds, residents' names and
testimonies in these scripts included; the rest (Chinese, Japanese, Korean, Ethiopic…) is replaced here, in
every value a template receives (strings and pandoc's markup alike), before it becomes typst source:

- a character that no font has becomes U+FFFD « � » (a control character is removed);
- a mark that modifies a character (accent, skin tone, keycap…) that no font has together with that character
  is removed, the character is kept; so is a mark on a character typst does not draw (a line break…);
- what typst does not draw (variation selectors, joiners, direction marks, soft hyphen, line breaks) is kept,
  except U+FEFF (BOM), which PDF/UA forbids and which becomes the word joiner U+2060, and the rare line breaks
  VT, FF and NEL, which become a plain line break (typst fails on an invisible character after them).

Typst sets a *cluster* (a character and the marks that modify it, as HarfBuzz groups them) with the first
family of the ``font:`` list that has all of its characters; the lists of ``theme/typst/lib/commun.typ`` name
every shipped family, so a cluster is shown when one family has all of its characters. That is the test made
here, with the ``cmap`` tables of the fonts (read once per process with fontTools, for the families as typst
names them).
"""

from __future__ import annotations

import functools
import logging
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eclaireur.print.typst_source import TypstMarkup

log = logging.getLogger("eclaireur")

SUBSTITUTE = "\ufffd"
WORD_JOINER = "\u2060"
BOM = "\ufeff"
ZWJ = "\u200d"
# Default_Ignorable_Code_Point (Unicode 16): typst does not shape these characters, a font needs none of them.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
BREAKS = frozenset("\t\n\r\u2028\u2029")
# Vertical tab, form feed and NEL are line breaks too, but typst fails on a default ignorable after them.
_NEWLINES = str.maketrans({"\v": "\n", "\f": "\n", "\x85": "\n"})
FREE = BREAKS.union(chr(c) for a, b in _DEFAULT_IGNORABLE for c in range(a, b + 1)) - {BOM}
"""Characters typst prints without a glyph: tabs, line breaks, default ignorables."""
# What PDF/UA forbids in a text even when a font maps it (many map U+0000 and U+FEFF): control characters
# (line breaks and tabs are free above), the BOM and the noncharacters U+FFFE and U+FFFF.
FORBIDDEN = frozenset([*range(0x00, 0x20), *range(0x7F, 0xA0), 0xFEFF, 0xFFFE, 0xFFFF])
MAX_LISTED = 12


def _extends(char: str, after_zwj: bool) -> bool:
    """Whether ``char`` belongs to the cluster of the character before it (HarfBuzz's continuations: marks,
    skin tones, joiners, emoji tags, and the pictograph after a zero-width joiner)."""
    code = ord(char)
    category = unicodedata.category(char)
    return (
        category[0] == "M"
        or 0x1F3FB <= code <= 0x1F3FF
        or code in (0x200C, 0x200D, 0xFF9E, 0xFF9F)
        or 0xE0020 <= code <= 0xE007F
        or (after_zwj and category in ("So", "Cn"))
    )


def clusters(text: str) -> Iterator[str]:
    """``text`` cut in clusters: a character followed by the characters that extend it."""
    start = 0
    for i in range(1, len(text)):
        if not _extends(text[i], text[i - 1] == ZWJ):
            yield text[start:i]
            start = i
    if text:
        yield text[start:]


@dataclass(frozen=True)
class Found:
    """A character taken out of a value: ``action`` is ``remplacé`` (by « � ») or ``retiré``."""

    field: str
    char: str
    action: str

    def describe(self) -> str:
        control = unicodedata.category(self.char) == "Cc"
        name = unicodedata.name(self.char, "") or ("caractère de contrôle" if control else "sans nom Unicode connu")
        shown = f" « {self.char} »" if unicodedata.category(self.char)[0] not in "CMZ" else ""
        where = f", champ « {self.field} »" if self.field else ""
        return f"U+{ord(self.char):04X} {name}{shown} ({self.action}{where})"


class FontCoverage:
    """Which characters each shipped family can show (a family: the characters all its styles have)."""

    def __init__(self, families: Mapping[str, frozenset[int]]) -> None:
        self.families = dict(sorted(families.items()))
        everything = frozenset().union(*self.families.values()) if self.families else frozenset()
        # Text made only of these characters has one character per cluster, each shown by some family.
        self._plain = frozenset(chr(c) for c in everything | {ord(c) for c in FREE} if not _extends(chr(c), False))
        covered = [name for name, chars in self.families.items() if ord(SUBSTITUTE) in chars]
        self.substitute = SUBSTITUTE if covered else "?"

    def names(self) -> str:
        return ", ".join(self.families)

    def _shown(self, chars: str) -> bool:
        needed = {ord(c) for c in chars if c not in FREE}
        return not needed or any(needed <= family for family in self.families.values())

    def shown(self, cluster: str) -> bool:
        """Whether one family has every character of ``cluster`` (as typed, composed or decomposed)."""
        if self._shown(cluster):
            return True
        return any(self._shown(unicodedata.normalize(form, cluster)) for form in ("NFC", "NFD"))

    def clean(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with what no font shows replaced or removed, and the characters concerned (char, action)."""
        if self._plain.issuperset(text):
            return text, []
        out: list[str] = []
        found: list[tuple[str, str]] = []
        for cluster in clusters(text.translate(_NEWLINES)):
            self._clean_cluster(cluster.replace(BOM, WORD_JOINER), out, found)
        return "".join(out), found

    def _clean_cluster(self, cluster: str, out: list[str], found: list[tuple[str, str]]) -> None:
        if ZWJ in cluster and (cluster[0] in FREE or not self.shown(cluster)):
            # a sequence joined by zero-width joiners that no font draws as one: its parts, side by side (cut
            # again without the joiners: a mark after one now modifies the character before it)
            for part in clusters(cluster.replace(ZWJ, "")):
                self._clean_cluster(part, out, found)
            return
        if cluster[0] in FREE and not FREE.issuperset(cluster):
            # marks on what typst does not draw (a line break, a Hangul filler…) modify nothing: typst would
            # shape them with it and fail
            out.append("".join(c for c in cluster if c in FREE))
            found += [(c, "retiré") for c in cluster if c not in FREE]
            return
        if self.shown(cluster):
            out.append(cluster)
            return
        needed = [c for c in cluster if c not in FREE]
        best = max(
            (chars for chars in self.families.values() if ord(needed[0]) in chars),
            key=lambda chars: sum(ord(c) in chars for c in needed),
            default=None,
        )
        if best is None:
            if unicodedata.category(needed[0]) == "Cc":
                found.append((needed[0], "retiré"))
            else:
                out.append(self.substitute)
                found.append((needed[0], f"remplacé par « {self.substitute} »"))
            found += [(c, "retiré") for c in needed[1:]]
            return
        out.append("".join(c for c in cluster if c in FREE or ord(c) in best))
        found += [(c, "retiré") for c in needed if ord(c) not in best]


def _font_files(font_dir: Path) -> tuple[tuple[str, str, int, int, int], ...]:
    """(family as typst names it, path, index, size, mtime) of each font typst finds in ``font_dir``."""
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_dir)])
    rows = []
    for info in fonts.fonts():
        if info.path is None:
            continue
        stat = Path(info.path).stat()
        rows.append((info.family, str(info.path), info.index, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(rows))


@functools.lru_cache(maxsize=8)
def _coverage(files: tuple[tuple[str, str, int, int, int], ...]) -> FontCoverage:
    from fontTools.ttLib import TTFont

    families: dict[str, frozenset[int]] = {}
    for family, path, index, _size, _mtime in files:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            chars = frozenset(font.getBestCmap() or {}) - FORBIDDEN
        families[family] = families[family] & chars if family in families else chars
    return FontCoverage(families)


def font_coverage(font_dir: Path) -> FontCoverage:
    """The coverage of the fonts of ``font_dir`` (computed once per process while the files do not change)."""
    return _coverage(_font_files(font_dir) if font_dir.is_dir() else ())


@dataclass
class GlyphGuard:
    """Cleans the values given to a typst template and warns once per record for each character taken out
    (the fitting of a sheet renders the same record several times)."""

    coverage: FontCoverage
    warned: dict[str, set[Found]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def clean(self, variables: dict[str, Any], record: str) -> dict[str, Any]:
        """``variables`` with every string cleaned (:meth:`FontCoverage.clean`); a warning names what changed."""
        if not self.coverage.families:
            return variables
        found: list[Found] = []
        cleaned = {name: self._value(value, (name,), found) for name, value in variables.items()}
        if found:
            with self._lock:  # documents may be rendered from several threads
                already = self.warned.setdefault(record, set())
                new = [f for f in dict.fromkeys(found) if f not in already]
                already.update(new)
            if new:
                log.warning("%s", warning(record, new, self.coverage))
        return cleaned

    def _value(self, value: Any, path: tuple[str | int, ...], found: list[Found]) -> Any:
        if isinstance(value, str):
            text, chars = self.coverage.clean(value)
            if text == value:
                return value
            found += [Found(field_name(path), char, action) for char, action in chars]
            return TypstMarkup(text) if isinstance(value, TypstMarkup) else text
        if isinstance(value, Mapping):
            items = {k: self._value(v, (*path, str(k)), found) for k, v in value.items()}
            return value if all(items[k] is v for k, v in value.items()) else items
        if isinstance(value, Sequence):
            values = [self._value(v, (*path, i), found) for i, v in enumerate(value)]
            return value if all(a is b for a, b in zip(values, value, strict=True)) else values
        return value


def field_name(path: tuple[str | int, ...]) -> str:
    """``("fiche", "remarques_agents", 2, "texte")`` -> ``remarques_agents.texte`` (the template variable that
    holds the whole document is left out when there is a field under it)."""
    names = [p for p in path if isinstance(p, str)]
    return ".".join(names[1:] if len(names) > 1 else names)


def warning(record: str, found: Sequence[Found], coverage: FontCoverage) -> str:
    """The French warning for the characters of ``record`` that no shipped font shows."""
    listed = " ; ".join(f.describe() for f in found[:MAX_LISTED])
    more = f" ; et {len(found) - MAX_LISTED} autre(s)" if len(found) > MAX_LISTED else ""
    if len(found) == 1:
        what, change, keep = "un caractère de la donnée n'existe", "ce changement", "ce caractère, écrivez-le"
        has = "l'a"
    else:
        what, change, keep = f"{len(found)} caractères de la donnée n'existent", "ces changements", \
            "ces caractères, écrivez-les"
        has = "les a"
    return (
        f"{record} : {what} dans aucune police livrée ({coverage.names()}) : {listed}{more}. Le PDF est produit "
        f"avec {change}, car un PDF accessible (PDF/UA-1) ne peut pas montrer de case vide. Pour garder {keep} "
        f"autrement dans la donnée, ou ajoutez dans theme/fonts/ une police libre qui {has} et nommez-la dans les "
        "listes de polices de theme/typst/lib/commun.typ."
    )
