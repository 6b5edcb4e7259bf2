"""Rebuild the fallback fonts of theme/fonts/noto/ (other scripts, emoji, symbols, mathematical signs) from their
packages.

The print chain never downloads a font: these files are in the repository. To rebuild them, fetch the two
packages with their ordinary clients, then run this script from the repository root::

    npm pack @fontsource/noto-emoji@5.3.2 && tar xzf fontsource-noto-emoji-5.3.2.tgz
    apt-get download fonts-noto-core=20201225-1 && dpkg-deb -x fonts-noto-core_20201225-1_all.deb noto-core
    .venv/bin/python tools/polices_noto.py package/files/noto-emoji-emoji-400-normal.woff2 \\
        noto-core/usr/share/fonts/truetype/noto

- Noto Emoji (monochrome, weight 400, every emoji of the font): the WOFF2 file is only decompressed to
  TrueType (typst reads TTF/OTF), the font itself is unchanged.
- Noto Sans Symbols 2 and Noto Sans Math: subset (pyftsubset) to the symbol, arrow and mathematical blocks
  of U+2000–U+2BFF that neither Inter, Charis SIL nor Noto Emoji has, without hinting.
- Noto Sans Arabic, Hebrew, Armenian and Georgian (Regular and Bold): every character of their scripts, with
  their shaping tables whole (GSUB and GPOS: joined Arabic letters, ligatures, vowel marks), without hinting.
  Only the characters that Inter or Charis SIL shows on its own are left out (digits, Latin punctuation,
  hyphens): typst sets each cluster with the first family of the list that has it, so these never reach a
  script font; combining marks, spaces (a mark shown alone sits on a space), joiners and the dotted circle
  stay, they belong to the clusters the script font shapes. Ethiopic (250 Kio a style even cut like these)
  and the CJK fonts (several Mio) are not shipped: their characters become « � » with a warning
  (eclaireur/print/glyphes.py).

All of them are under the SIL Open Font License 1.1 (no reserved font name), copied as LICENCE-OFL-1.1.txt.
Same packages, same bytes.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "theme" / "fonts"
TARGET = FONTS / "noto"
SYMBOLS = [(0x2000, 0x2BFF)]
MATHS = [(0x2100, 0x214F), (0x2190, 0x23FF), (0x27C0, 0x27FF), (0x2900, 0x2BFF)]
SCRIPTS = [f"NotoSans{script}-{style}.ttf" for script in ("Arabic", "Hebrew", "Armenian", "Georgian")
           for style in ("Regular", "Bold")]  # fmt: skip
DOTTED_CIRCLE = 0x25CC  # HarfBuzz draws a mark without its letter on the font's own dotted circle
CLUSTER_PARTS = ("Mn", "Mc", "Me", "Zs")  # combining marks, and the spaces that carry a mark shown alone
# Default_Ignorable_Code_Point of the script fonts (joiners, direction marks): part of the clusters they shape.
IGNORABLE = {0x034F, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070)}


def cmap(path: Path) -> set[int]:
    return set(TTFont(path, lazy=True).getBestCmap())


def covered(*folders: Path) -> set[int]:
    """Every character of the fonts of ``folders``."""
    found: set[int] = set()
    for folder in folders:
        for path in sorted(folder.glob("*.[ot]tf")):
            found |= cmap(path)
    return found


def write_subset(source: Path, target: Path, blocks: list[tuple[int, int]], exclude: set[int]) -> set[int]:
    """``source`` cut to its characters of ``blocks`` not in ``exclude``; returns the characters kept."""
    keep = sorted(c for c in cmap(source) if c not in exclude and any(a <= c <= b for a, b in blocks))
    return save_subset(source, target, keep)


def script_characters(source: Path, text_faces: set[int]) -> list[int]:
    """The characters of the script font ``source`` to keep: all but control characters and what the text faces
    (``text_faces``) show on their own."""

    def alone(c: int) -> bool:
        return unicodedata.category(chr(c)) not in CLUSTER_PARTS and c not in IGNORABLE and c != DOTTED_CIRCLE

    return sorted(
        c for c in cmap(source) if unicodedata.category(chr(c)) != "Cc" and not (c in text_faces and alone(c))
    )


def save_subset(source: Path, target: Path, keep: list[int]) -> set[int]:
    """``source`` cut to the characters ``keep`` (and every glyph its layout tables reach from them), without
    hinting; returns the characters kept."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["DSIG"]
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    font.save(target)
    return set(keep)


def font_files() -> list[str]:
    """The files this script writes in theme/fonts/noto/ (a test checks that the folder holds exactly these)."""
    return ["NotoEmoji-Regular.ttf", "NotoSansSymbols2-Regular.ttf", "NotoSansMath-Regular.ttf", *SCRIPTS]


def main(emoji_woff2: Path, noto_dir: Path) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    emoji = TTFont(emoji_woff2, recalcTimestamp=False)
    emoji.flavor = None
    emoji.save(TARGET / "NotoEmoji-Regular.ttf")
    taken = covered(FONTS / "inter", FONTS / "charis") | cmap(TARGET / "NotoEmoji-Regular.ttf")
    taken |= write_subset(
        noto_dir / "NotoSansSymbols2-Regular.ttf", TARGET / "NotoSansSymbols2-Regular.ttf", SYMBOLS, taken
    )
    write_subset(noto_dir / "NotoSansMath-Regular.ttf", TARGET / "NotoSansMath-Regular.ttf", MATHS, taken)
    text_faces = covered(FONTS / "inter", FONTS / "charis")
    for name in SCRIPTS:
        source = noto_dir / name
        save_subset(source, TARGET / name, script_characters(source, text_faces))
    for path in sorted(TARGET.glob("*.ttf")):
        print(f"{path.relative_to(ROOT)} : {len(cmap(path))} caractères, {path.stat().st_size // 1024} Kio")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage : tools/polices_noto.py NOTO-EMOJI.woff2 DOSSIER-DES-TTF-NOTO")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
