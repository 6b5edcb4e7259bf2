"""Media files of the evaluations: allowed types, size limits, and where they go in the site.

The list is documented for contributors in ``data/media/evaluations/LISEZMOI.md``; keep both in step
(a test compares them). SVG is refused because a browser runs the scripts it may contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

KIO = 1024
MIO = 1024 * 1024


@dataclass(frozen=True)
class MediaKind:
    """A family of media files: label, extensions, size limit and how to recognise the content."""

    key: str
    label: str
    extensions: tuple[str, ...]
    max_bytes: int


IMAGE = MediaKind("image", "image", (".png", ".jpg", ".jpeg", ".webp"), 1 * MIO)
AUDIO = MediaKind("son", "son", (".mp3", ".ogg", ".opus", ".m4a"), 5 * MIO)
VIDEO = MediaKind("vidéo", "vidéo", (".mp4", ".webm"), 20 * MIO)
SUBTITLES = MediaKind("sous-titres", "sous-titres WebVTT", (".vtt",), 200 * KIO)
KINDS: tuple[MediaKind, ...] = (IMAGE, AUDIO, VIDEO, SUBTITLES)

MIME_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
    ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".opus": "audio/ogg", ".m4a": "audio/mp4",
    ".mp4": "video/mp4", ".webm": "video/webm", ".vtt": "text/vtt",
}

# Which kind of file each column expects, by evidence type for ``indices.fichier``.
EVIDENCE_FILE_KIND = {"photo": IMAGE, "son": AUDIO, "vidéo": VIDEO}
COLUMN_KIND = {"affiche": IMAGE, "sous_titres": SUBTITLES, "video": VIDEO}


def kind_of(path: str) -> MediaKind | None:
    """The media kind of a file name, from its extension (None when the type is not allowed)."""
    suffix = PurePosixPath(path).suffix.lower()
    return next((kind for kind in KINDS if suffix in kind.extensions), None)


def content_matches(path: Path) -> bool:
    """True when the first bytes of the file are those of its extension's format."""
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(16)
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".mp3":
        return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    if suffix in (".ogg", ".opus"):
        return head.startswith(b"OggS")
    if suffix in (".mp4", ".m4a"):
        return head[4:8] == b"ftyp"
    if suffix == ".webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if suffix == ".vtt":
        return head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT")
    return False


def human_size(size: int) -> str:
    """``1048576`` -> ``1 Mio`` (the unit the documentation uses)."""
    if size >= MIO:
        value = size / MIO
        return (f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")) + "\u00a0Mio"
    return f"{max(1, round(size / KIO))}\u00a0Kio"


def site_path(data_path: str) -> str:
    """Where a file of ``data/`` is published: ``media/evaluations/x.png`` -> ``medias/evaluations/x.png``."""
    relative = PurePosixPath(data_path).relative_to("media")
    return f"medias/{relative.as_posix()}"


def data_file(data_dir: Path, data_path: str) -> Path | None:
    """The file of ``data/`` a column names, or None when the path leaves the data folder."""
    candidate = (data_dir / data_path).resolve()
    root = data_dir.resolve()
    return candidate if root in candidate.parents else None
