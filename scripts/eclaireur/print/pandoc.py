"""Markdown prose -> typst markup with pandoc (pypandoc-binary), in one pandoc process per build.

Raw typst, HTML and TeX, ``$math$`` and ``@citations`` are disabled, so Markdown text (a contribution
included) can only produce the markup pandoc writes itself, with the text escaped. Uncached documents
are converted together in one pandoc call, split on a separator paragraph; results are cached by hash.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from eclaireur.errors import DataError
from eclaireur.print.compilateur import write_atomic
from eclaireur.print.typst_source import TypstMarkup
from eclaireur.safeyaml import load_yaml

READER = "markdown-raw_attribute-raw_html-raw_tex-tex_math_dollars-citations+smart"
PANDOC_VERSION_SALT = "pandoc-1"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """``---`` YAML front matter and the Markdown body; French error when the YAML is invalid."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = load_yaml(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise DataError(f"{source} : en-tête YAML (front matter) illisible ({exc}).") from exc
    if not isinstance(meta, dict):
        raise DataError(f"{source} : l'en-tête YAML doit être un dictionnaire (clé: valeur).")
    return meta, text[match.end() :]


class PandocConverter:
    """Converts Markdown to typst markup, batching the documents not yet in the cache."""

    def __init__(self, cache_dir: Path, lua_filter: Path) -> None:
        self.cache_dir = cache_dir / "print" / "pandoc"
        self.lua_filter = lua_filter
        self.seconds = 0.0
        self.calls = 0
        self._lock = threading.Lock()  # documents are converted by several threads at once
        self._salt = PANDOC_VERSION_SALT + (lua_filter.read_text(encoding="utf-8") if lua_filter.is_file() else "")

    def _key(self, markdown: str) -> str:
        return hashlib.sha256((self._salt + "\0" + markdown).encode("utf-8")).hexdigest()

    def convert(self, documents: Sequence[str]) -> list[TypstMarkup]:
        """Typst markup for each Markdown document, in order."""
        keys = [self._key(doc) for doc in documents]
        results: dict[str, str] = {}
        missing: dict[str, str] = {}
        for key, doc in zip(keys, documents, strict=True):
            cached = self.cache_dir / key[:2] / f"{key}.typ"
            if cached.is_file():
                results[key] = cached.read_text(encoding="utf-8")
            else:
                missing[key] = doc
        if missing:
            converted = self._convert_batch(list(missing.values()))
            for key, markup in zip(missing, converted, strict=True):
                results[key] = markup
                write_atomic(self.cache_dir / key[:2] / f"{key}.typ", markup.encode("utf-8"))
        return [TypstMarkup(results[key]) for key in keys]

    def _run(self, markdown: str) -> str:
        import pypandoc

        args = ["--wrap=preserve"]
        if self.lua_filter.is_file():
            args.append(f"--lua-filter={self.lua_filter}")
        started = time.perf_counter()
        try:
            return str(pypandoc.convert_text(markdown, "typst", format=READER, extra_args=args))
        except (RuntimeError, OSError) as exc:
            raise DataError(f"Conversion Markdown -> typst par pandoc impossible : {exc}") from exc
        finally:
            with self._lock:
                self.seconds += time.perf_counter() - started
                self.calls += 1

    def _convert_batch(self, documents: list[str]) -> list[str]:
        if len(documents) == 1:
            return [self._run(documents[0])]
        token = "ECLAIREURSEPARATEUR" + hashlib.sha256("\0".join(documents).encode("utf-8")).hexdigest()[:24]
        joined = f"\n\n{token}\n\n".join(doc.rstrip("\n") for doc in documents)
        parts = self._run(joined).split(f"\n{token}\n")
        if len(parts) != len(documents):
            # A document left a construct open (code fence, list...): convert one by one.
            return [self._run(doc) for doc in documents]
        return [part.strip("\n") + "\n" for part in parts]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@\"'=:&%])")


def markdown_escape(value: Any) -> str:
    """A data value as literal Markdown text (every ASCII punctuation backslash-escaped)."""
    if value is None:
        return ""
    text = re.sub(r"\s+", " ", str(value))
    return _MD_SPECIAL.sub(r"\\\1", text)
