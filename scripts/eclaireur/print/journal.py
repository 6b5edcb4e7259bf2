"""The newspaper: any Markdown report with front matter poured into the tabloid layout.

Front matter (all optional): ``titre``, ``chapeau``, ``auteurs`` (text or list), ``date``, ``rubrique``,
``journal`` (masthead), ``numero``, ``devise``, ``editeur``, ``prix``, ``couleur``, ``format``
(``tabloid`` or ``A3``), ``a_retenir`` (a list: the key points of a tabloid's back page) and ``colophon``
(a sentence on how the edition was made). The body is Markdown: each level-1 heading starts an article and may end with
attributes, ``# Titre {rubrique="Budget" chapeau="…" auteurs="…" couleur="#1F4E8C" colonnes=4 saut}``;
text before the first heading is the lead article titled by the front matter. Block quotes become pull
quotes and images (``![légende](photo.png)``) photos with their caption. An image's text alternative (read
by screen readers: the PDF is PDF/UA-1) is its ``alt`` attribute, ``![légende](graphique.svg){alt="…"}``,
or else its caption; an image with neither is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eclaireur import fr
from eclaireur.errors import DataError
from eclaireur.print.compilateur import page_count
from eclaireur.print.pages_de_fin import pages_de_fin
from eclaireur.print.pandoc import split_front_matter
from eclaireur.print.session import PrintSession
from eclaireur.print.typographie import typographie
from eclaireur.print.typst_source import TypstMarkup, string_literal

log = logging.getLogger("eclaireur")

TEMPLATE = "journal.typ.j2"
FORMATS = ("tabloid", "A3")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*(?:\{((?:[^{}\\]|\\.)*)\})?[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^(```|~~~)")
_ATTRIBUTE = re.compile(r'([A-Za-z_][\w-]*)(?:=(?:"((?:[^"\\]|\\.)*)"|(\S+)))?')
_IMAGE = re.compile(
    r"(!\[(?:[^\]\\]|\\.)*\]\()(<[^>]*>|[^)\s]+)((?:\s+\"[^\"]*\")?\))"
    r"(\{(?:[^{}\\\"]|\\.|\"(?:[^\"\\]|\\.)*\")*\})?"
)
_ALT = re.compile(r'\s*\balt=(?:"((?:[^"\\]|\\.)*)"|(\S+?))(?=\s|\}|$)')
# An image of the article bodies as pandoc writes it in typst (the staged files are named by their hash).
_TYPST_IMAGE = re.compile(r'\bimage\("(/assets/[0-9a-f]{20}\.[a-z]+)"')
_UNESCAPE = re.compile(r"\\(.)")


@dataclass
class Article:
    attributs: dict[str, Any]
    markdown: str


@dataclass
class Report:
    meta: dict[str, Any]
    articles: list[Article] = field(default_factory=list)


def _plain(text: str, escaped: bool = False) -> str:
    """Plain text for the layout; ``escaped`` texts (headings, attributes) lose their Markdown escapes."""
    return typographie((_UNESCAPE.sub(r"\1", text) if escaped else text).strip())


def _auteurs(value: Any) -> str:
    if isinstance(value, list):
        names = [str(v) for v in value if v]
        return ", ".join(names[:-1]) + (" et " if len(names) > 1 else "") + names[-1] if names else ""
    return str(value or "")


def _date(value: Any) -> str:
    if isinstance(value, dt.date):
        return fr.date_fr(value)
    return str(value or "")


def _attributes(text: str, source: str, line: int) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for match in _ATTRIBUTE.finditer(text or ""):
        name, quoted, bare = match.group(1), match.group(2), match.group(3)
        values[name] = quoted if quoted is not None else (bare if bare is not None else True)
    if "colonnes" in values:
        try:
            values["colonnes"] = int(values["colonnes"])
        except (TypeError, ValueError):
            raise DataError(
                f"{source}, ligne {line} : colonnes=« {values['colonnes']} » n'est pas un nombre de colonnes (1 à 6)."
            ) from None
        if not 1 <= values["colonnes"] <= 6:
            raise DataError(f"{source}, ligne {line} : colonnes={values['colonnes']} ; attendu entre 1 et 6.")
    return values


def _article(titre: str, attrs: dict[str, Any], markdown: str, une: bool, escaped: bool) -> Article:
    couleur = _UNESCAPE.sub(r"\1", str(attrs.get("couleur") or ""))
    if couleur and not re.fullmatch(r"#[0-9A-Fa-f]{6}", couleur):
        couleur = ""
    return Article(
        {
            "titre": _plain(titre, escaped),
            "rubrique": _plain(str(attrs.get("rubrique") or ""), escaped),
            "chapeau": _plain(str(attrs.get("chapeau") or ""), escaped),
            "auteurs": _plain(_auteurs(attrs.get("auteurs")), escaped),
            "date": _plain(_date(attrs.get("date")), escaped),
            "couleur": couleur,
            "une": une,
            "saut": bool(attrs.get("saut")),
            "colonnes": int(attrs.get("colonnes") or 0),
            "photo": None,
        },
        markdown,
    )


def parse_report(text: str, source: str) -> Report:
    """Split a Markdown report into its front matter and its articles."""
    meta, body = split_front_matter(text, source)
    offset = text[: len(text) - len(body)].count("\n")
    chunks: list[tuple[str, dict[str, Any], list[str]]] = [("", {}, [])]
    fence = ""
    for number, line in enumerate(body.split("\n"), start=offset + 1):
        opening = _FENCE.match(line)
        if opening and (not fence or line.startswith(fence)):
            fence = "" if fence else opening.group(1)
        heading = None if fence else _HEADING.match(line)
        if heading:
            chunks.append((heading.group(1), _attributes(heading.group(2) or "", source, number), []))
        else:
            chunks[-1][2].append(line)
    articles = []
    lead_text = "\n".join(chunks[0][2]).strip()
    if lead_text or len(chunks) == 1:
        titre = str(meta.get("titre") or meta.get("title") or "")
        if not titre:
            raise DataError(f"{source} : le rapport n'a ni « titre » dans son en-tête ni titre de niveau 1 (# Titre).")
        articles.append(_article(titre, meta, lead_text, une=True, escaped=False))
    for titre, attrs, lines in chunks[1:]:
        articles.append(_article(titre, attrs, "\n".join(lines).strip(), une=not articles, escaped=True))
    return Report(meta, articles)


def _legend(match: re.Match[str]) -> str:
    """The caption of a Markdown image (the text between its brackets), as plain text."""
    return _plain(match.group(1)[2:-2], True)


def _alt_attribute(match: re.Match[str]) -> tuple[str, str]:
    """The ``alt="…"`` of the image's attribute block (plain text, or ``""``) and the block without it."""
    block = match.group(4) or ""
    found = _ALT.search(block)
    if not found:
        return "", block
    value = found.group(1) if found.group(1) is not None else found.group(2)
    rest = block[: found.start()] + block[found.end() :]
    return _plain(value, True), "" if rest.strip("{} \t") == "" else rest


def stage_images(session: PrintSession, markdown: str, base_dir: Path, source: str) -> tuple[str, dict[str, str]]:
    """Copy the images a Markdown text shows into the typst root; French error when one is missing.

    Returns the text with the staged paths (``alt`` attributes taken out: pandoc's typst writer ignores
    them) and each staged path's text alternative: its ``alt`` attribute, or else its caption."""
    root = session.config.root.resolve()
    alternatives: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        target = match.group(2).strip("<>")
        alt, attributes = _alt_attribute(match)
        alt = alt or _legend(match)
        if not alt:
            raise DataError(
                f"{source} : l'image « {target} » n'a ni légende ni texte de remplacement ; un PDF accessible "
                "(PDF/UA-1) en exige un : écrivez ![ce que montre l'image](" + target + ") ou "
                "![légende](" + target + "){alt=\"ce que montre l'image\"}."
            )
        if target.startswith("/assets/") and (session.compiler.root / target.lstrip("/")).is_file():
            staged = target
        else:
            path = (base_dir / target).resolve()
            if root not in path.parents or path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
                raise DataError(
                    f"{source} : image « {target} » introuvable ou refusée (attendu : un fichier "
                    f"{', '.join(sorted(IMAGE_SUFFIXES))} du dépôt, chemin relatif au fichier Markdown)."
                )
            staged = session.compiler.asset(path.read_bytes(), path.suffix.lower().lstrip("."))
        alternatives.setdefault(staged, alt)
        return match.group(1) + staged + match.group(3) + attributes

    return _IMAGE.sub(replace, markdown), alternatives


def with_alternatives(markup: TypstMarkup, alternatives: dict[str, str]) -> TypstMarkup:
    """Pandoc's typst markup with the text alternative of each staged image (``image(…, alt: "…")``)."""

    def replace(match: re.Match[str]) -> str:
        alt = alternatives.get(match.group(1))
        return match.group(0) if alt is None else f"{match.group(0)}, alt: {string_literal(alt)}"

    return TypstMarkup(_TYPST_IMAGE.sub(replace, markup))


def journal_pdf(session: PrintSession, text: str, source: str, base_dir: Path) -> bytes:
    """A Markdown report (``text`` read from ``source``) as a newspaper PDF."""
    report = parse_report(text, source)
    meta = report.meta
    fmt = str(meta.get("format") or "tabloid")
    if fmt not in FORMATS:
        raise DataError(f"{source} : format « {fmt} » inconnu pour le journal ; choisissez parmi {', '.join(FORMATS)}.")
    bodies = []
    alternatives = []
    for article in report.articles:
        staged, alts = stage_images(session, article.markdown, base_dir, source)
        photo = _IMAGE.search(staged)
        if photo:
            # The first image of an article is its photo, shown beside the standfirst.
            chemin = photo.group(2).strip("<>")
            article.attributs["photo"] = {"chemin": chemin, "legende": _legend(photo), "alt": alts[chemin]}
            staged = staged[: photo.start()] + staged[photo.end() :]
        bodies.append(staged)
        alternatives.append(alts)
    converted = [
        with_alternatives(markup, alts)
        for markup, alts in zip(session.pandoc.convert(bodies), alternatives, strict=True)
    ]
    autorite = session.autorite
    titre = _plain(str(meta.get("titre") or meta.get("journal") or report.articles[0].attributs["titre"]))
    numero = meta.get("numero")
    masthead = {
        "journal": _plain(str(meta.get("journal") or titre)),
        "numero": f"N° {numero}" if numero not in (None, "") else "",
        "date": _plain(_date(meta.get("date"))),
        "editeur": _plain(str(meta.get("editeur") or autorite["nom"])),
        "devise": _plain(str(meta.get("devise") or "")),
        "prix": _plain(str(meta.get("prix") or "Gratuit")),
        "mentions": _plain(str(meta.get("mentions") or ("Collectivité fictive" if autorite["fictive"] else ""))),
        "site": autorite["site"],
        "format": fmt,
    }
    articles = [
        {"attributs": a.attributs, "corps": corps} for a, corps in zip(report.articles, converted, strict=True)
    ]
    # A printer folds tabloid sheets in four pages: the layout ends with as many pages written from the data
    # as the count needs (see eclaireur.print.pages_de_fin).
    fin = pages_de_fin(session, meta) if fmt == "tabloid" else None
    pdf = session.compiler.pdf(
        TEMPLATE,
        record=f"le journal {source}",
        meta=masthead,
        articles=articles,
        fin=fin,
        **session.metadata(titre),
    )
    pages = page_count(pdf)
    if fin is not None and pages % 4:
        log.warning(
            "%s : le journal fait %d pages, pas un multiple de 4 ; les données n'ont pas assez de listes (élus, "
            "projets, fichiers ouverts) pour compléter le dernier cahier sans page blanche.", source, pages
        )
    return pdf
