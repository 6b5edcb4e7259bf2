"""Make the demo media of the evaluations (data/media/evaluations/): drawings, synthetic voices, videos.

Everything is made here, offline, from the data itself, so that the files can be published under
CC BY 4.0 without third-party rights:

- the "photos" are flat drawings made with Pillow (their captions say so);
- the testimonies are read by the espeak-ng speech synthesiser (``transcription`` of ``indices.csv``);
- each synthesis video is a few title cards with the synthesised voice of its ``transcription``
  (``syntheses.csv``), with a WebVTT subtitle file cut on the same sentences and a poster frame.

Needs ``espeak-ng`` and ``ffmpeg`` (Debian packages) and Pillow. The outputs are committed: the site
build never runs this script. Run it again after changing a transcription::

    .venv/bin/python tools/generate_media.py
"""

from __future__ import annotations

import csv
import math
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUT = DATA / "media" / "evaluations"
FONTS = ROOT / "theme" / "fonts" / "inter"
W, H = 960, 600
VIDEO_W, VIDEO_H = 640, 360
CREDIT = "Ville de Loirance (fictive) — illustration de démonstration, CC BY 4.0"

SKY = (214, 232, 245)
GRASS = (148, 190, 120)
ROAD = (120, 124, 132)
PATH_GREEN = (64, 150, 96)
WATER = (94, 150, 200)
BRICK = (170, 92, 70)
INK = (34, 38, 46)
WHITE = (255, 255, 255)
SKIN = [(236, 196, 160), (196, 140, 100), (140, 96, 64), (226, 178, 140)]
CLOTHES = [(29, 78, 137), (163, 18, 42), (46, 107, 48), (122, 78, 0), (91, 44, 145), (15, 94, 107)]


def font(size: int, weight: str = "Regular") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"Inter-{weight}.otf"), size)


def canvas(sky: tuple[int, int, int] = SKY) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (W, H), sky)
    return image, ImageDraw.Draw(image)


def credit(draw: ImageDraw.ImageDraw) -> None:
    text_font = font(14)
    width = draw.textlength(CREDIT, font=text_font)
    draw.rectangle((W - width - 20, H - 28, W, H), fill=(255, 255, 255))
    draw.text((W - width - 10, H - 24), CREDIT, font=text_font, fill=INK)


def tree(draw: ImageDraw.ImageDraw, x: int, y: int, size: int = 60,
         colour: tuple[int, int, int] = (70, 130, 70)) -> None:
    draw.rectangle((x - size // 10, y - size, x + size // 10, y), fill=(110, 80, 50))
    draw.ellipse((x - size // 2, y - size * 2, x + size // 2, y - size // 2 - 10), fill=colour)
    draw.ellipse((x - size // 3, y - size * 2 - 15, x + size // 2 + 10, y - size), fill=colour)


def person(draw: ImageDraw.ImageDraw, x: int, y: int, height: int = 150, skin: int = 0, clothes: int = 0,
           holding: str = "") -> None:
    """A standing person, feet at (x, y)."""
    head = height // 7
    body_top = y - height + head * 2
    draw.ellipse((x - head, y - height, x + head, y - height + head * 2), fill=SKIN[skin % len(SKIN)])
    draw.rounded_rectangle((x - head * 1.3, body_top, x + head * 1.3, y - height * 0.42), radius=head // 2,
                           fill=CLOTHES[clothes % len(CLOTHES)])
    draw.line((x - head * 0.6, y - height * 0.42, x - head * 0.7, y), fill=INK, width=max(4, head // 2))
    draw.line((x + head * 0.6, y - height * 0.42, x + head * 0.7, y), fill=INK, width=max(4, head // 2))
    if holding == "paper":
        draw.rectangle((x + head * 1.2, body_top + head, x + head * 2.3, body_top + head * 2.4), fill=WHITE,
                       outline=INK)
    elif holding == "tablet":
        draw.rectangle((x - head * 2.2, body_top + head, x - head * 0.6, body_top + head * 2.2), fill=(40, 40, 40))
    elif holding == "can":
        draw.polygon([(x + head * 1.3, body_top + head * 2), (x + head * 3, body_top + head * 2),
                      (x + head * 3.4, body_top + head * 1.4), (x + head * 3, body_top + head * 3),
                      (x + head * 1.3, body_top + head * 3)], fill=(60, 120, 170))


def bicycle(draw: ImageDraw.ImageDraw, x: int, y: int, size: int = 70, colour: tuple[int, int, int] = INK,
            rider: int | None = None, child_seat: bool = False) -> None:
    """A bicycle whose wheels touch the ground at y, front wheel on the right."""
    r = size // 2
    back, front = (x - size // 2 - 4, y - r), (x + size // 2 + 4, y - r)
    for cx, cy in (back, front):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=INK, width=4)
    seat = (x - size // 6, y - r - size // 2)
    bar = (x + size // 3, y - r - size // 2)
    crank = (x, y - r)
    for a, b in ((back, crank), (crank, seat), (seat, back), (crank, bar), (bar, front), (seat, bar)):
        draw.line((a, b), fill=colour, width=5)
    draw.line((bar, (bar[0] + 10, bar[1] - 12)), fill=INK, width=5)
    if rider is not None:
        hip = (seat[0], seat[1] - 6)
        shoulder = (seat[0] + size // 4, seat[1] - size // 1.6)
        draw.line((hip, shoulder), fill=CLOTHES[rider % len(CLOTHES)], width=size // 5)
        draw.line((shoulder, (bar[0] + 10, bar[1] - 12)), fill=CLOTHES[rider % len(CLOTHES)], width=size // 10)
        draw.line((hip, crank), fill=INK, width=size // 10)
        head = size // 7
        draw.ellipse((shoulder[0] - head, shoulder[1] - head * 2.4, shoulder[0] + head * 1.2, shoulder[1] - 2),
                     fill=SKIN[rider % len(SKIN)])
        if child_seat:
            draw.rectangle((back[0] - 6, seat[1] - 18, back[0] + 20, seat[1] + 6), fill=(230, 180, 40))
            draw.ellipse((back[0] - 2, seat[1] - 40, back[0] + 18, seat[1] - 20), fill=SKIN[(rider + 1) % len(SKIN)])


def building(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: tuple[int, int, int],
             rows: int, cols: int, roof: tuple[int, int, int] | None = None) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=colour)
    if roof:
        draw.polygon([(x0 - 8, y0), ((x0 + x1) // 2, y0 - 50), (x1 + 8, y0)], fill=roof)
    cw = (x1 - x0) / cols
    rh = (y1 - y0 - 30) / rows
    for r in range(rows):
        for c in range(cols):
            wx = x0 + c * cw + cw * 0.25
            wy = y0 + 15 + r * rh + rh * 0.2
            draw.rectangle((wx, wy, wx + cw * 0.5, wy + rh * 0.55), fill=(236, 240, 246), outline=INK)


def sign(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], lines: list[tuple[str, int, str]],
         fill: tuple[int, int, int] = WHITE, ink: tuple[int, int, int] = INK, post: bool = True) -> None:
    x0, y0, x1, y1 = box
    if post:
        draw.rectangle(((x0 + x1) // 2 - 5, y1, (x0 + x1) // 2 + 5, y1 + 120), fill=(90, 90, 90))
    draw.rectangle(box, fill=fill, outline=INK, width=3)
    y = y0 + 12
    for text, size, weight in lines:
        draw.text((x0 + 14, y), text, font=font(size, weight), fill=ink)
        y += int(size * 1.35)


# -- the drawings, one per file -------------------------------------------------------------------------------

def draw_urne_marche() -> Image.Image:
    image, draw = canvas()
    draw.rectangle((0, 420, W, H), fill=(200, 196, 186))
    for i, x in enumerate(range(-40, W, 240)):
        colour = [(200, 60, 60), (40, 110, 170), (230, 160, 40), (60, 140, 80)][i % 4]
        draw.rectangle((x, 240, x + 220, 420), fill=(236, 226, 206))
        for s in range(0, 220, 44):
            draw.polygon([(x + s, 170), (x + s + 22, 170), (x + s + 22, 240), (x + s, 240)], fill=colour)
            draw.polygon([(x + s + 22, 170), (x + s + 44, 170), (x + s + 44, 240), (x + s + 22, 240)], fill=WHITE)
        for k in range(6):
            fruit = [(220, 80, 40), (240, 200, 60), (120, 170, 60)][k % 3]
            draw.ellipse((x + 20 + k * 32, 330, x + 46 + k * 32, 356), fill=fruit)
    draw.rectangle((300, 330, 700, 470), fill=(29, 78, 137))
    draw.rectangle((320, 470, 335, 560), fill=INK)
    draw.rectangle((665, 470, 680, 560), fill=INK)
    draw.rectangle((440, 230, 560, 330), fill=(225, 238, 246), outline=INK, width=3)
    draw.rectangle((470, 226, 530, 234), fill=INK)
    for k in range(5):
        draw.rectangle((455 + k * 18, 300 - k * 7, 475 + k * 18, 328), fill=WHITE, outline=(120, 120, 120))
    sign(draw, (300, 60, 700, 140), [("Budget participatif", 30, "Bold"), ("Votez ici !", 24, "Regular")],
         fill=(255, 247, 214), post=False)
    person(draw, 760, 560, 190, skin=1, clothes=2, holding="paper")
    person(draw, 840, 560, 175, skin=2, clothes=4, holding="paper")
    person(draw, 905, 560, 150, skin=0, clothes=1)
    person(draw, 220, 560, 185, skin=3, clothes=0, holding="tablet")
    credit(draw)
    return image


def draw_jardin_saint_roch() -> Image.Image:
    image, draw = canvas()
    for i, x in enumerate(range(0, W, 190)):
        building(draw, (x, 120, x + 180, 380), BRICK if i % 2 else (184, 110, 84), 2, 2, roof=(90, 60, 60))
    draw.rectangle((0, 380, W, H), fill=(120, 90, 60))
    for k in range(6):
        x0 = 60 + k * 150
        draw.rectangle((x0, 420, x0 + 120, 500), fill=(150, 110, 70), outline=(90, 60, 40), width=4)
        for p in range(4):
            cx = x0 + 18 + p * 28
            colour = (60, 140, 70) if (k + p) % 3 else (200, 60, 50)
            draw.ellipse((cx - 12, 395, cx + 12, 430), fill=colour)
    for x in range(0, W, 40):
        draw.rectangle((x, 520, x + 12, 590), fill=(200, 170, 120))
    draw.rectangle((0, 535, W, 545), fill=(200, 170, 120))
    person(draw, 300, 520, 150, skin=2, clothes=3, holding="can")
    person(draw, 650, 520, 140, skin=0, clothes=5, holding="can")
    sign(draw, (600, 190, 920, 270), [("Jardin partagé", 26, "Bold"), ("de la rue des Mariniers", 20, "Regular")],
         fill=(240, 248, 236), post=False)
    credit(draw)
    return image


def draw_panneau_chantier() -> Image.Image:
    image, draw = canvas((226, 230, 236))
    draw.rectangle((0, 360, W, H), fill=(176, 150, 120))
    draw.rectangle((520, 330, 900, 380), fill=(150, 130, 100))
    # excavator
    draw.rectangle((600, 250, 760, 330), fill=(240, 180, 30))
    draw.rectangle((700, 200, 760, 260), fill=(240, 180, 30), outline=INK, width=3)
    draw.line((620, 260, 540, 170), fill=(240, 180, 30), width=18)
    draw.line((540, 170, 500, 260), fill=(240, 180, 30), width=14)
    draw.polygon([(480, 250), (530, 250), (520, 290)], fill=INK)
    draw.rounded_rectangle((590, 330, 780, 365), radius=16, fill=INK)
    for x in range(0, W, 120):
        draw.rectangle((x, 430, x + 110, 500), fill=WHITE, outline=INK, width=2)
        for s in range(0, 110, 28):
            draw.polygon([(x + s, 430), (x + s + 14, 430), (x + s + 28, 500), (x + s + 14, 500)], fill=(230, 100, 30))
        draw.rectangle((x + 10, 500, x + 18, 560), fill=INK)
        draw.rectangle((x + 92, 500, x + 100, 560), fill=INK)
    lines = [("VILLE DE LOIRANCE", 26, "Bold"), ("Construction d’un", 22, "Regular"),
             ("terrain multisport", 22, "Regular"), ("Durée des travaux : 8 mois", 20, "Regular"),
             ("Maître d’ouvrage : Ville de Loirance", 16, "Regular")]
    sign(draw, (60, 90, 460, 330), lines, fill=(255, 255, 255), post=True)
    credit(draw)
    return image


def draw_verbatim_porteuse() -> Image.Image:
    image, draw = canvas((250, 246, 238))
    draw.rectangle((30, 30, W - 30, H - 50), outline=INK, width=3)
    draw.rectangle((50, 50, 430, H - 70), fill=(222, 214, 198))
    draw.rectangle((50, 380, 430, H - 70), fill=(176, 140, 100))
    draw.rectangle((230, 120, 400, 260), fill=(190, 220, 240), outline=INK, width=3)
    draw.line((315, 120, 315, 260), fill=INK, width=3)
    draw.rectangle((90, 360, 410, 380), fill=(140, 100, 70))
    draw.rectangle((250, 350, 330, 365), fill=WHITE, outline=INK)
    draw.ellipse((135, 200, 205, 270), fill=(60, 40, 30))
    draw.rounded_rectangle((115, 260, 225, 380), radius=30, fill=CLOTHES[4])
    quote = ["« On a voté, et puis", "plus rien. On a appris", "par le journal que notre", "projet était reporté. »"]
    y = 110
    for line in quote:
        draw.text((470, y), line, font=font(34, "SemiBold"), fill=INK)
        y += 52
    draw.text((470, y + 30), "Porteuse d’un projet lauréat 2021,", font=font(20), fill=(74, 79, 87))
    draw.text((470, y + 58), "Saint-Roch", font=font(20), fill=(74, 79, 87))
    draw.text((470, H - 110), "Atelier des porteurs de projets — 7 décembre 2023", font=font(16), fill=(74, 79, 87))
    credit(draw)
    return image


def draw_quai_varenne() -> Image.Image:
    image, draw = canvas()
    draw.rectangle((0, 200, W, 330), fill=WATER)
    for x in range(0, W, 80):
        draw.arc((x, 240, x + 60, 270), 200, 340, fill=(200, 225, 245), width=3)
    draw.rectangle((0, 180, W, 205), fill=GRASS)
    for x in range(30, W, 130):
        tree(draw, x, 200, 50)
    draw.rectangle((0, 330, W, 345), fill=(190, 190, 190))
    draw.rectangle((0, 345, W, 450), fill=PATH_GREEN)
    for x in range(0, W, 60):
        draw.rectangle((x, 395, x + 30, 400), fill=WHITE)
    draw.rectangle((0, 450, W, 470), fill=(210, 210, 210))
    draw.rectangle((0, 470, W, H), fill=ROAD)
    for x in range(0, W, 120):
        draw.rectangle((x, 535, x + 60, 542), fill=WHITE)
    bicycle(draw, 200, 440, 70, colour=(29, 78, 137), rider=1)
    bicycle(draw, 520, 392, 66, colour=(163, 18, 42), rider=2, child_seat=True)
    bicycle(draw, 780, 440, 70, colour=(46, 107, 48), rider=4)
    credit(draw)
    return image


def draw_rue_tanneries() -> Image.Image:
    image, draw = canvas((222, 228, 236))
    draw.rectangle((80, 90, 600, 330), fill=BRICK)
    draw.rectangle((80, 50, 600, 95), fill=(120, 60, 50))
    draw.rectangle((470, 0, 510, 60), fill=(120, 60, 50))
    for c in range(6):
        draw.arc((100 + c * 82, 130, 160 + c * 82, 210), 180, 360, fill=WHITE, width=5)
        draw.rectangle((100 + c * 82, 170, 160 + c * 82, 250), fill=(236, 240, 246), outline=INK)
    draw.text((110, 58), "ANCIENNE TANNERIE", font=font(26, "Bold"), fill=(240, 230, 210))
    draw.rectangle((0, 330, W, H), fill=ROAD)
    draw.rectangle((0, 330, 380, 400), fill=PATH_GREEN)
    draw.rectangle((0, 320, W, 330), fill=(200, 200, 200))
    for x in range(420, W, 40):
        draw.rectangle((x, 380, x + 24, 520), fill=(235, 235, 235))
    sign(draw, (300, 220, 440, 300), [("FIN DE", 22, "Bold"), ("PISTE", 22, "Bold")], fill=WHITE, post=False)
    draw.rectangle((365, 300, 375, 330), fill=(90, 90, 90))
    draw.rounded_rectangle((600, 380, 900, 500), radius=12, fill=(236, 236, 236), outline=INK, width=3)
    draw.rectangle((820, 400, 890, 450), fill=(190, 220, 240), outline=INK)
    for cx in (660, 840):
        draw.ellipse((cx - 32, 470, cx + 32, 534), fill=INK)
    bicycle(draw, 500, 520, 70, colour=(29, 78, 137), rider=0)
    credit(draw)
    return image


def draw_arceaux_gare() -> Image.Image:
    image, draw = canvas()
    draw.rectangle((120, 60, 840, 330), fill=(226, 214, 190), outline=INK, width=3)
    draw.polygon([(100, 60), (480, 0), (860, 60)], fill=(140, 80, 60))
    draw.ellipse((440, 80, 520, 160), fill=WHITE, outline=INK, width=4)
    draw.line((480, 120, 480, 92), fill=INK, width=4)
    draw.line((480, 120, 502, 120), fill=INK, width=4)
    draw.text((410, 170), "GARE", font=font(34, "Bold"), fill=INK)
    for c in range(5):
        draw.rectangle((160 + c * 140, 220, 240 + c * 140, 330), fill=(190, 220, 240), outline=INK, width=2)
    draw.rectangle((0, 330, W, H), fill=(196, 192, 184))
    colours = [(29, 78, 137), (163, 18, 42), (46, 107, 48), (122, 78, 0), (91, 44, 145), (15, 94, 107)]
    for k in range(11):
        x = 70 + k * 72
        draw.arc((x - 26, 420, x + 26, 480), 180, 360, fill=(110, 110, 110), width=7)
        draw.line((x - 26, 450, x - 26, 520), fill=(110, 110, 110), width=7)
        draw.line((x + 26, 450, x + 26, 520), fill=(110, 110, 110), width=7)
        bicycle(draw, x, 540 - (k % 2) * 6, 56, colour=colours[k % len(colours)])
    for x in range(0, W, 22):
        draw.line((x, 345, x, 400), fill=(70, 70, 70), width=3)
    draw.line((0, 345, W, 345), fill=(70, 70, 70), width=4)
    bicycle(draw, 880, 410, 50, colour=(163, 18, 42))
    draw.rectangle((30, 300, 40, 420), fill=(90, 90, 90))
    draw.ellipse((10, 260, 60, 310), fill=(29, 78, 137), outline=WHITE, width=4)
    bicycle(draw, 60, 420, 46, colour=(46, 107, 48))
    credit(draw)
    return image


DRAWINGS: dict[str, Callable[[], Image.Image]] = {
    "bp-urne-marche.png": draw_urne_marche,
    "bp-jardin-saint-roch.png": draw_jardin_saint_roch,
    "bp-panneau-chantier.png": draw_panneau_chantier,
    "bp-verbatim-porteuse.png": draw_verbatim_porteuse,
    "pv-quai-varenne.png": draw_quai_varenne,
    "pv-rue-tanneries.png": draw_rue_tanneries,
    "pv-arceaux-gare.png": draw_arceaux_gare,
}

VOICES = {"bp-temoignage-porteur.mp3": "fr+m3", "pv-temoignage-cycliste.mp3": "fr+f3"}


def save_png(image: Image.Image, path: Path) -> None:
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


# -- sound and video -------------------------------------------------------------------------------------------

def run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


def speak(text: str, wav: Path, voice: str) -> float:
    """Synthesise ``text`` into ``wav``; returns its duration in seconds."""
    run(["espeak-ng", "-v", voice, "-s", "150", "-p", "45", "-w", str(wav), text])
    with wave.open(str(wav)) as w:
        return w.getnframes() / w.getframerate()


def to_mp3(wav: Path, mp3: Path) -> None:
    run(["ffmpeg", "-y", "-loglevel", "error", "-i", str(wav), "-ac", "1", "-ar", "22050", "-codec:a", "libmp3lame",
         "-b:a", "32k", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", str(mp3)])


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.?!])\s+(?=[A-ZÀÂÉÈÊÎÔÙÛÇ0-9])", text.strip())
    return [p for p in parts if p]


def wrap(text: str, text_font: ImageFont.FreeTypeFont, width: int, draw: ImageDraw.ImageDraw) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=text_font) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def card(body: str, colour: tuple[int, int, int], footer: str, poster: bool = False) -> Image.Image:
    """A title card of a synthesis video: a coloured band, the spoken sentences, a footer."""
    image = Image.new("RGB", (VIDEO_W, VIDEO_H), (250, 250, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, VIDEO_W, 56), fill=colour)
    draw.text((20, 14), "Mini-vidéo de synthèse", font=font(22, "Bold"), fill=WHITE)
    body_font = font(34 if poster else 26, "Bold" if poster else "SemiBold")
    y = 100 if poster else 90
    for line in wrap(body, body_font, VIDEO_W - 60, draw)[:6]:
        draw.text((30, y), line, font=body_font, fill=INK)
        y += 48 if poster else 38
    draw.text((20, VIDEO_H - 30), footer, font=font(14), fill=(74, 79, 87))
    return image


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def make_video(stem: str, title: str, transcription: str, colour: tuple[int, int, int], work: Path) -> None:
    """Title cards, one per group of sentences, read by espeak-ng: MP4 + WebVTT + poster PNG."""
    parts = sentences(transcription)
    groups = [" ".join(parts[i : i + 2]) for i in range(0, len(parts), 2)]
    durations: list[float] = []
    frames: list[bytes] = []
    params = None
    for i, text in enumerate(groups, start=1):
        wav = work / f"{stem}-{i}.wav"
        durations.append(speak(text, wav, "fr+f3") + 0.4)
        with wave.open(str(wav)) as w:
            params = w.getparams()
            frames.append(w.readframes(w.getnframes()) + b"\x00\x00" * int(0.4 * w.getframerate()))
        footer = f"{i}/{len(groups)} — Ville de Loirance (fictive), voix de synthèse, CC BY 4.0"
        card(text, colour, footer).save(work / f"{stem}-{i}.png")
    assert params is not None
    with wave.open(str(work / f"{stem}.wav"), "wb") as out:
        out.setparams(params)
        for chunk in frames:
            out.writeframes(chunk)
    concat = work / f"{stem}.txt"
    lines = []
    for i, duration in enumerate(durations, start=1):
        lines += [f"file '{work / f'{stem}-{i}.png'}'", f"duration {duration:.3f}"]
    lines.append(f"file '{work / f'{stem}-{len(groups)}.png'}'")
    concat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(["ffmpeg", "-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(concat), "-i",
         str(work / f"{stem}.wav"), "-vf", "fps=5,format=yuv420p", "-c:v", "libx264", "-preset", "veryslow",
         "-tune", "stillimage", "-crf", "30", "-threads", "1", "-c:a", "aac", "-b:a", "32k", "-ac", "1",
         "-shortest", "-movflags", "+faststart", "-map_metadata", "-1", "-fflags", "+bitexact",
         "-flags:v", "+bitexact", "-flags:a", "+bitexact", str(OUT / f"{stem}.mp4")])
    cues = ["WEBVTT", ""]
    start = 0.0
    for i, (text, duration) in enumerate(zip(groups, durations, strict=True), start=1):
        cues += [str(i), f"{timestamp(start)} --> {timestamp(start + duration)}", text, ""]
        start += duration
    (OUT / f"{stem}.vtt").write_text("\n".join(cues), encoding="utf-8")
    poster = card(title, colour, "Ville de Loirance (fictive) — évaluation engagée, CC BY 4.0", poster=True)
    save_png(poster, OUT / f"{stem}-affiche.png")


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> int:
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            print(f"Erreur : {tool} est introuvable (paquet Debian « {tool} »).", file=sys.stderr)
            return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for name, drawing in DRAWINGS.items():
        save_png(drawing(), OUT / name)
    themes = {row["id"]: row for row in read_csv("themes")}
    evaluations = {row["id"]: row for row in read_csv("evaluations")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for row in read_csv("indices"):
            name = Path(row["fichier"]).name
            if row["type"] == "son" and name in VOICES:
                wav = work / "voix.wav"
                speak(row["transcription"], wav, VOICES[name])
                to_mp3(wav, OUT / name)
        for row in read_csv("syntheses"):
            if not row["video"]:
                continue
            hex_colour = themes[evaluations[row["evaluation"]]["theme"]]["couleur"].lstrip("#")
            colour = tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
            make_video(Path(row["video"]).stem, row["titre"], row["transcription"], colour, work)  # type: ignore[arg-type]
    for path in sorted(OUT.iterdir()):
        if path.suffix != ".md":
            print(f"{path.relative_to(ROOT)} : {math.ceil(path.stat().st_size / 1024)} Kio")
    return 0


if __name__ == "__main__":
    sys.exit(main())
