"""Typst stage: typst source -> PDF bytes, with the shipped fonts only, cached by content hash.

One warm :class:`typst.Compiler` per thread (documents are compiled several at once by
:class:`eclaireur.parallele.Documents`) compiles every document from a staging root
(``.cache/eclaireur/print/racine/``) holding a copy of ``theme/typst/lib/`` and content-addressed assets
(charts, photos). A PDF is cached under the hash of its source, of the layout library, of the fonts,
of the versions and of the PDF standards: a rebuild with unchanged data compiles nothing.

Every PDF declares PDF/UA-1 (ISO 14289-1, accessible PDF, as the RGAA asks of downloadable documents):
typst then checks what it can (document title and language, a text alternative for every image, fonts
that can show every character) and refuses the document otherwise; the refusal becomes a French error
naming the record and the template.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typst

from eclaireur.errors import EclaireurError, UnusableInputError
from eclaireur.print.typst_source import make_typst_environment, render_template

PRINT_VERSION = "1"
# PDF/A-2a could be added for archiving, but typst requires a document date for PDF/A and these PDFs have
# none (byte-reproducible from the data alone).
PDF_STANDARDS: tuple[typst.PDFStandard, ...] = ("ua-1",)
_PAGES_COUNT = re.compile(rb"<<(?:(?!>>).)*?/Type\s*/Pages\b(?:(?!>>).)*?/Count\s+(\d+)", re.DOTALL)
_COUNT_FIRST = re.compile(rb"<<(?:(?!>>).)*?/Count\s+(\d+)(?:(?!>>).)*?/Type\s*/Pages\b", re.DOTALL)


def page_count(pdf: bytes) -> int:
    """Number of pages of a PDF written by typst (the ``/Count`` of its page tree root)."""
    counts = [int(m) for m in _PAGES_COUNT.findall(pdf)] + [int(m) for m in _COUNT_FIRST.findall(pdf)]
    if not counts:
        raise ValueError("arbre des pages introuvable dans le PDF")
    return max(counts)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename; False when already identical."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return True


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _tree_digest(folder: Path, pattern: str) -> bytes:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes() if path.suffix in {".typ", ".j2"} else str(path.stat().st_size).encode())
    return h.digest()


@dataclass
class CompileStats:
    """What a build did: compiled or reused PDFs, and the time spent in typst."""

    compiled: int = 0
    reused: int = 0
    seconds: float = 0.0
    compiled_names: list[str] = field(default_factory=list)


class TypstCompiler:
    """Render ``theme/typst/*.typ.j2`` templates and compile them, reusing cached PDFs."""

    def __init__(self, theme_dir: Path, cache_dir: Path) -> None:
        self.template_dir = theme_dir / "typst"
        self.font_dir = theme_dir / "fonts"
        self.cache_dir = cache_dir / "print"
        self.root = self.cache_dir / "racine"
        self.pdf_dir = self.cache_dir / "pdf"
        self.env = make_typst_environment(self.template_dir)
        self.stats = CompileStats()
        self.used_keys: set[str] = set()
        if not self.template_dir.is_dir():
            raise UnusableInputError(
                f"{self.template_dir} : dossier des gabarits d'impression introuvable "
                "(il doit contenir les gabarits *.typ.j2 et le dossier lib/)."
            )
        self._sync_library()
        fonts = _tree_digest(self.font_dir, "*") if self.font_dir.is_dir() else b""
        version = str(getattr(typst, "__version__", "")).encode()
        library = _tree_digest(self.template_dir, "*.typ")
        standards = ",".join(PDF_STANDARDS).encode()
        self._salt = _digest(PRINT_VERSION.encode(), version, standards, library, fonts).encode()
        # One typst compiler per thread: the print chain compiles several documents at once
        # (eclaireur.parallele.Documents); typst lets go of the interpreter while it compiles.
        self._local = threading.local()
        self._lock = threading.Lock()

    def _sync_library(self) -> None:
        source = self.template_dir / "lib"
        target = self.root / "lib"
        wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()} if source.is_dir() else set()
        for rel in sorted(wanted):
            data = (source / rel).read_bytes()
            write_atomic(target / rel, data)
        if target.is_dir():
            for path in target.rglob("*"):
                if path.is_file() and path.relative_to(target) not in wanted:
                    path.unlink()

    def asset(self, data: bytes, suffix: str) -> str:
        """Store ``data`` in the staging root under its hash; return its typst path (``/assets/…``)."""
        name = f"{hashlib.sha256(data).hexdigest()[:20]}.{suffix}"
        path = self.root / "assets" / name
        if not path.is_file():
            write_atomic(path, data)
        return f"/assets/{name}"

    def render(self, template: str, *, record: str, **variables: Any) -> str:
        """The typst source of ``template`` for ``record`` (every value escaped as a typst literal)."""
        return render_template(self.env, template, record=record, **variables)

    def key(self, source: str) -> str:
        return _digest(self._salt, source.encode("utf-8"))

    def cached(self, key: str) -> bytes | None:
        path = self.pdf_dir / key[:2] / f"{key}.pdf"
        if path.is_file():
            self.used_keys.add(key)
            with self._lock:
                self.stats.reused += 1
            return path.read_bytes()
        return None

    def store(self, key: str, pdf: bytes) -> None:
        self.used_keys.add(key)
        write_atomic(self.pdf_dir / key[:2] / f"{key}.pdf", pdf)

    def compile_source(self, source: str, *, record: str, template: str) -> bytes:
        """Compile ``source`` now (no cache): the PDF bytes, or a French error naming the record."""
        compiler: Any = getattr(self._local, "compiler", None)
        if compiler is None:
            compiler = self._local.compiler = typst.Compiler(
                root=str(self.root), font_paths=[str(self.font_dir)], ignore_system_fonts=True
            )
        # The name of the file does not change the PDF; it is the thread's own.
        main = self.root / "documents" / f"{_digest(source.encode('utf-8'))[:24]}-{threading.get_ident()}.typ"
        write_atomic(main, source.encode("utf-8"))
        started = time.perf_counter()
        try:
            pdf: bytes = compiler.compile(input=str(main), format="pdf", pdf_standards=list(PDF_STANDARDS))
        except typst.TypstError as exc:
            message = _typst_message(exc)
            raise EclaireurError(
                f"Impression impossible pour {record} (gabarit theme/typst/{template}) : "
                f"typst signale « {message} ». {_advice(message)}"
            ) from exc
        finally:
            with self._lock:
                self.stats.seconds += time.perf_counter() - started
            main.unlink(missing_ok=True)
        with self._lock:
            self.stats.compiled += 1
            self.stats.compiled_names.append(record)
        return pdf

    def pdf(self, template: str, *, record: str, max_pages: int | None = None, **variables: Any) -> bytes:
        """Render and compile ``template`` (or reuse the cached PDF); check ``max_pages`` when given."""
        source = self.render(template, record=record, **variables)
        key = self.key(source)
        cached = self.cached(key)
        if cached is not None:
            return cached
        pdf = self.compile_source(source, record=record, template=template)
        if max_pages is not None and page_count(pdf) > max_pages:
            raise TooLongError(record, template, page_count(pdf), max_pages)
        self.store(key, pdf)
        return pdf

    def prune(self) -> int:
        """Remove cached PDFs not used by this build (after a complete build only)."""
        removed = 0
        if not self.pdf_dir.is_dir():
            return 0
        for path in self.pdf_dir.rglob("*.*"):
            if path.name.split(".", 1)[0] not in self.used_keys:
                path.unlink()
                removed += 1
        return removed


class TooLongError(EclaireurError):
    """A document that must fit ``max_pages`` pages does not."""

    def __init__(self, record: str, template: str, pages: int, max_pages: int, field: str = "") -> None:
        where = f", champ « {field} »" if field else ""
        super().__init__(
            f"{record}{where} : le contenu ne tient pas sur {max_pages} page(s) avec le gabarit "
            f"theme/typst/{template} ({pages} pages). Raccourcissez le texte de ce champ dans les données."
        )
        self.pages = pages


def _typst_message(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split())[:400]


# What a refusal of the PDF/UA-1 checks means, in French, and what to do (typst's messages are in English).
_UA_ADVICE = (
    ("could not be displayed", "Un caractère écrit dans le gabarit n'existe dans aucune des polices livrées "
     "(theme/fonts/) et un PDF accessible (PDF/UA-1) ne peut pas afficher de caractère manquant (les données, elles, "
     "sont nettoyées avant l'impression) : remplacez-le dans le gabarit, ou ajoutez une police libre qui l'a dans "
     "theme/fonts/ et nommez-la dans les listes de polices de theme/typst/lib/commun.typ."),
    ("missing alt text", "Une image n'a pas de texte de remplacement, obligatoire dans un PDF accessible "
     "(PDF/UA-1) : dans un rapport Markdown, écrivez sa légende ![légende](image.png) ou un texte "
     "{alt=\"…\"} après l'image ; dans un gabarit, donnez-lui alt:."),
    ("heading level", "Les niveaux de titre doivent se suivre dans un PDF accessible (PDF/UA-1) : dans un rapport "
     "Markdown, un article (# Titre) ne contient pas de ### sans ## avant, ni de #### sans ### avant."),
    ("first heading must be of level 1", "Le premier titre d'un PDF accessible (PDF/UA-1) doit être de niveau 1 : "
     "le gabarit est à corriger."),
    ("missing document title", "Le document n'a pas de titre, obligatoire dans un PDF accessible (PDF/UA-1) : "
     "le gabarit est à corriger."),
    ("missing document language", "La langue du document n'est pas déclarée, obligatoire dans un PDF accessible "
     "(PDF/UA-1) : le gabarit est à corriger."),
)


def _advice(message: str) -> str:
    if "PDF/UA" in message:
        for needle, advice in _UA_ADVICE:
            if needle in message:
                return advice
        return "Le PDF ne serait pas accessible (PDF/UA-1) : le gabarit est à corriger."
    return "Si la donnée contient un caractère inhabituel, signalez-le ; sinon le gabarit est à corriger."
