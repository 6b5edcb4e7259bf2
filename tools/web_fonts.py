"""Refait les polices du site (theme/overrides/assets/fonts/Inter-*.woff2) à partir des polices d'impression
(theme/fonts/inter/*.otf, Inter 4, licence OFL 1.1), réduites aux écritures latines du français et des langues
voisines : un lecteur télécharge ~30 Kio par graisse au lieu de ~115 Kio. Les autres caractères (grec,
cyrillique…) restent affichés, par la police du système (voir unicode-range dans eclaireur.css).

    .venv/bin/pip install brotli && .venv/bin/python tools/web_fonts.py

Mêmes entrées, mêmes octets.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "theme" / "fonts" / "inter"
TARGET = ROOT / "theme" / "overrides" / "assets" / "fonts"
WEIGHTS = {"Regular": "Inter-Regular.otf", "Italic": "Inter-Italic.otf", "SemiBold": "Inter-SemiBold.otf",
           "Bold": "Inter-Bold.otf"}
UNICODE_RANGE = (
    "U+0000-024F, U+0259, U+02BB-02BC, U+02C6-02DD, U+0300-036F, U+1E00-1EFF, U+2000-206F, "
    "U+20A0-20C0, U+2100-215F, U+2190-2199, U+2212, U+2215, U+FEFF, U+FFFD"
)
"""Also written in the @font-face rules of eclaireur.css."""


def unicodes() -> list[int]:
    codes: list[int] = []
    for part in UNICODE_RANGE.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        codes.extend(range(int(first, 16), int(last or first, 16) + 1))
    return codes


def main() -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    for weight, source in WEIGHTS.items():
        font = TTFont(SOURCE / source, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes())
        subsetter.subset(font)
        target = TARGET / f"Inter-{weight}.woff2"
        subset.save_font(font, str(target), options)
        print(f"{target.relative_to(ROOT)} : {target.stat().st_size // 1024} Kio")


if __name__ == "__main__":
    main()
