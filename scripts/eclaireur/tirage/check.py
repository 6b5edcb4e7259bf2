"""``eclaireur check`` on the published draws: every ``data/tirages/*.yaml`` is verified as ``--verify`` does."""

from __future__ import annotations

from pathlib import Path

from eclaireur.check.package import problem, shown_path
from eclaireur.check.report import Problem
from eclaireur.errors import EclaireurError
from eclaireur.tirage.result import FOLDER, verify


def draw_problems(data_dir: Path, display_base: Path) -> list[Problem]:
    """One ``draw-error`` per way a published draw fails to verify (its list must be in ``data_dir``)."""
    folder = data_dir / FOLDER
    found: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        shown = shown_path(path, display_base)
        try:
            outcome = verify(path, data_dir)
        except EclaireurError as exc:
            found.append(problem("draw-error", shown, detail=exc.message))
            continue
        found.extend(problem("draw-error", shown, detail=message) for message in outcome.messages)
    return found
