"""Where the generated pages live: their Markdown source paths and the public address mkdocs gives them.

The page generators write their pages at these source paths and the print files print their public
addresses (a poster names its atlas page, a sheet its project page, a newspaper the evaluation pages), so
that the paper always points at the page that exists. Plain functions importing nothing from the engine:
every stage may use them.
"""

from __future__ import annotations

OPEN_DATA_INDEX = "donnees/index.md"


def page_url(path: str) -> str:
    """The directory URL mkdocs gives a Markdown source: ``atlas/education.md`` -> ``atlas/education/``."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def public_url(site: str, path: str) -> str:
    """The full address of the page or file at source ``path`` on the site whose address is ``site``:
    ``("https://www.loirance.example/", "atlas/education.md")`` -> ``https://www.loirance.example/atlas/education/``
    (the site-relative URL when ``site`` is empty)."""
    return f"{site.rstrip('/')}/{page_url(path)}" if site else page_url(path)


def theme_path(theme_id: str) -> str:
    return f"atlas/{theme_id}.md"


def projet_path(projet_id: str) -> str:
    return f"projets/{projet_id}.md"


def evaluation_path(evaluation_id: str) -> str:
    """The landing page of an evaluation."""
    return f"evaluations/{evaluation_id}/index.md"


def compilation_path(evaluation_id: str) -> str:
    return f"evaluations/{evaluation_id}/compilation.md"


def report_path(evaluation_id: str) -> str:
    return f"evaluations/{evaluation_id}/rapport.md"


def follow_up_path(evaluation_id: str) -> str:
    return f"evaluations/{evaluation_id}/suivi.md"


def newspaper_path(evaluation_id: str) -> str:
    """The newspaper edition of an evaluation's report (a print file)."""
    return f"imprimer/evaluations/{evaluation_id}-journal.pdf"


def follow_up_pdf_path(evaluation_id: str) -> str:
    """The A3 follow-up table of an evaluation (a print file)."""
    return f"imprimer/evaluations/{evaluation_id}-tableau-de-suivi-a3.pdf"


def follow_up_recommendation_path(evaluation_id: str, recommendation_id: str) -> str:
    """The actions of one recommendation, with their tasks: a page under the follow-up dashboard."""
    return f"evaluations/{evaluation_id}/suivi/preconisation-{recommendation_id}.md"


def fete_evaluation_path(evaluation_id: str, year: int) -> str:
    """The review of one evaluation's actions at the fête de l'évaluation of ``year``."""
    return f"evaluations/{evaluation_id}/fete-{year}.md"
