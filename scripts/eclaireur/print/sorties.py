"""Every print file of the authority, by path under ``imprimer/``, and the generator for ``eclaireur build``.

Paths (relative to the site root, linked from the web pages):
``imprimer/affiches/<theme>.pdf``, ``imprimer/atlas.pdf``, ``imprimer/fiches/<projet>.pdf``,
``imprimer/journal/journal-de-la-mandature.pdf`` (and ``imprimer/journal/<nom>.pdf`` per extra report), and
the evaluations' newspapers and A3 follow-up tables under ``imprimer/evaluations/``
(:func:`eclaireur.evaluation.impression.evaluation_prints`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eclaireur.config import EngineConfig
from eclaireur.errors import EclaireurError, UnusableInputError
from eclaireur.load import Dataset
from eclaireur.parallele import Documents
from eclaireur.print import donnees, edition
from eclaireur.print.affiches import poster_pdf
from eclaireur.print.atlas import atlas_pdf
from eclaireur.print.fiches import sheet_pdf
from eclaireur.print.journal import journal_pdf
from eclaireur.print.session import PrintOptions, PrintSession

if TYPE_CHECKING:  # eclaireur.pages imports this module to register the generator
    from eclaireur.pages.base import Asset, BuildContext

log = logging.getLogger("eclaireur")

PREFIX = "imprimer"
KINDS = ("affiches", "atlas", "fiches", "journal", "evaluations")
# The evaluations' files are compiled by their own print session (their own cache) and, in ``eclaireur
# build``, published by the evaluation pages that link them; the other kinds share this module's session.
SESSION_KINDS = ("affiches", "atlas", "fiches", "journal")
JOURNAL_NAME = "journal-de-la-mandature"


def poster_path(theme_id: str) -> str:
    return f"{PREFIX}/affiches/{theme_id}.pdf"


def sheet_path(projet_id: str) -> str:
    return f"{PREFIX}/fiches/{projet_id}.pdf"


ATLAS_PATH = f"{PREFIX}/atlas.pdf"
JOURNAL_PATH = f"{PREFIX}/journal/{JOURNAL_NAME}.pdf"


@dataclass
class PrintResult:
    """The PDFs of a run (path under the site -> bytes) and what it cost."""

    files: dict[str, bytes] = field(default_factory=dict)
    seconds: float = 0.0
    compiled: int = 0
    reused: int = 0
    typst_seconds: float = 0.0
    pandoc_seconds: float = 0.0
    charts_seconds: float = 0.0
    charts_drawn: int = 0

    def summary(self) -> str:
        counts = {kind: sum(1 for p in self.files if p.startswith(f"{PREFIX}/{kind}")) for kind in KINDS}
        return (
            f"{counts['affiches']} affiches, {counts['atlas']} atlas, {counts['fiches']} fiches, "
            f"{counts['journal']} journal(aux), {counts['evaluations']} PDF d'évaluation en {self.seconds:.1f} s "
            f"({self.compiled} PDF compilés, {self.reused} repris du cache)"
        ).replace(".", ",")


def options_from_config(config: EngineConfig) -> PrintOptions:
    """``print_format`` (A2 or A3) and ``print_bleed`` from the plugin options of mkdocs.yml."""
    return PrintOptions(
        format=str(config.options.get("print_format", "A2")),
        fond_perdu=bool(config.options.get("print_bleed", False)),
    )


def build_print(
    config: EngineConfig,
    dataset: Dataset,
    options: PrintOptions | None = None,
    kinds: Sequence[str] = KINDS,
    reports: Sequence[Path] = (),
) -> PrintResult:
    """Produce the print files of ``kinds`` (and one newspaper per Markdown report in ``reports``)."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise UnusableInputError(
            f"Impression : « {', '.join(unknown)} » inconnu ; choisissez parmi {', '.join(KINDS)}."
        )
    started = time.perf_counter()
    session = PrintSession(config, dataset, options or PrintOptions())
    result = PrintResult()
    themes = donnees.themes(dataset)
    projets = sorted(dataset.rows("projets"), key=lambda p: str(p["id"])) if "fiches" in kinds else []
    if projets:
        _ = session.par_projet  # built once, before the threads
    sessions = [session]
    evaluations: list[tuple[str, Callable[[], bytes]]] = []
    evaluations_failure: EclaireurError | None = None
    if "evaluations" in kinds:
        from eclaireur.evaluation.impression import evaluation_documents, print_session

        sessions.append(print_session(config, dataset))
        try:
            evaluations = evaluation_documents(config, dataset, session=sessions[-1])
        except EclaireurError as exc:  # raised below, where the sequential build would meet it
            evaluations_failure = exc
    with Documents() as documents:
        # Submitted the longest first (the posters, that the atlas waits for, then the newspapers); collected in
        # the order of the sequential build, so that the first error in that order is the one raised.
        posters = [documents.submit(poster_pdf, session, theme) for theme in themes] if {"affiches", "atlas"} & set(
            kinds) else []
        journal = documents.submit(_journal, session) if "journal" in kinds and themes else None
        made_reports = [(report, documents.submit(journal_report, session, report)) for report in reports]
        made_evaluations = [(path, documents.submit(make)) for path, make in evaluations]
        sheets = [(projet, documents.submit(sheet_pdf, session, projet)) for projet in projets]
        fitted = [poster.result() for poster in posters]
        if "affiches" in kinds:
            for theme, poster in zip(themes, fitted, strict=True):
                result.files[poster_path(str(theme["id"]))] = poster.pdf
        if "atlas" in kinds and themes:
            result.files[ATLAS_PATH] = atlas_pdf(session)  # in this thread; the posters come from the cache
        for projet, sheet in sheets:
            result.files[sheet_path(str(projet["id"]))] = sheet.result()
        if journal is not None:
            result.files[JOURNAL_PATH] = journal.result()
        for report, made in made_reports:
            result.files[f"{PREFIX}/journal/{report.stem}.pdf"] = made.result()
        if evaluations_failure is not None:
            raise evaluations_failure
        for path, made in made_evaluations:
            result.files[path] = made.result()
    if set(SESSION_KINDS) <= set(kinds):
        session.compiler.prune()
    result.seconds = time.perf_counter() - started
    for s in sessions:
        result.compiled += s.compiler.stats.compiled
        result.reused += s.compiler.stats.reused
        result.typst_seconds += s.compiler.stats.seconds
        result.pandoc_seconds += s.pandoc.seconds
        result.charts_seconds += s.charts.seconds
        result.charts_drawn += s.charts.drawn
    return result


def _journal(session: PrintSession) -> bytes:
    """The newspaper of the term (edition template written in Markdown, then laid out)."""
    markdown = edition.edition_markdown(session)
    return journal_pdf(session, markdown, edition.SOURCE, session.config.root)


def journal_report(session: PrintSession, report: Path) -> bytes:
    """A Markdown report file poured into the newspaper layout."""
    if not report.is_file():
        raise UnusableInputError(f"{report} : rapport Markdown introuvable.")
    try:
        text = report.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UnusableInputError(f"{report} : le fichier n'est pas en UTF-8 ({exc}).") from exc
    return journal_pdf(session, text, str(report), report.parent)


def generate(ctx: BuildContext) -> Iterable[Asset]:
    """Generator of ``eclaireur build``: the same PDFs under ``imprimer/`` in the site (the evaluations' PDFs
    come with the evaluation pages, from the same :func:`~eclaireur.evaluation.impression.evaluation_prints`)."""
    from eclaireur.pages.base import Asset
    if ctx.config.options.get("print_enabled", True) is False:
        return []
    result = build_print(ctx.config, ctx.dataset, options_from_config(ctx.config), SESSION_KINDS)
    log.info("eclaireur : impression, %s", result.summary())
    return [Asset(path, data) for path, data in sorted(result.files.items())]
