"""Pages stage: records -> site pages and files, one module per kind of page.

``GENERATORS`` lists every generator in the order they run; each is a plain function
``generate(ctx) -> Iterable[Output]`` (see :mod:`eclaireur.pages.base`).
"""

from __future__ import annotations

from eclaireur.pages import atlas, election, evaluations, formulaires, opendata, projets, tirage
from eclaireur.pages.base import Generator
from eclaireur.print import sorties as impression

GENERATORS: list[Generator] = [
    atlas.generate,
    projets.generate,
    evaluations.generate,
    opendata.generate,
    formulaires.generate,
    election.generate,
    tirage.generate,
    impression.generate,
]
