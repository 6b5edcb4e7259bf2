"""Fitting a document on its pages: shrink the type a little, then cut the longest texts with a mark.

A cut text ends with `` […]`` and the document says where the full text is online; a document that
still does not fit names the record and the field that makes it too long (French error).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eclaireur.print.compilateur import TooLongError, TypstCompiler, page_count, write_atomic

Path_ = tuple[str | int, ...]
MARK = " […]"
MIN_CHARS = 90


@dataclass(frozen=True)
class Fitted:
    """A fitted document: its PDF, the data as printed (texts cut or not) and the type density used."""

    pdf: bytes
    data: dict[str, Any]
    densite: float


def couper(text: str, limit: int) -> str:
    """Cut ``text`` to about ``limit`` characters at a word boundary and add the ``[…]`` mark."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.\u00a0\u202f—-") + MARK


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _label(path: Path_, labels: dict[str, str]) -> str:
    names = [p for p in path if isinstance(p, str)]
    key = ".".join(names)
    return labels.get(key, key)


def ajuster(
    compiler: TypstCompiler,
    template: str,
    record: str,
    data: dict[str, Any],
    source: Callable[[dict[str, Any], float], str],
    cuttable: Sequence[Path_],
    fixed: dict[str, str],
    suite: str,
    densites: Sequence[float] = (1.0,),
    max_pages: int = 1,
    labels: dict[str, str] | None = None,
) -> Fitted:
    """Compile ``source(data, densite)`` on at most ``max_pages`` pages (cached under the full version).

    ``cuttable`` lists the paths of the texts that may be cut; ``fixed`` maps the fields that may not
    (name -> text) to name the culprit when nothing more can be cut; ``suite`` is the line added
    when a text was cut (it names the web address of the full version).
    """
    labels = labels or {}
    first = source(data, densites[0])
    key = compiler.key(first)
    cached = compiler.cached(key)
    fit_path = compiler.pdf_dir / key[:2] / f"{key}.ajustement.json"
    if cached is not None and fit_path.is_file():
        fit = json.loads(fit_path.read_text(encoding="utf-8"))
        return Fitted(cached, fit["data"], fit["densite"])
    pdf = compiler.compile_source(first, record=record, template=template)
    pages = page_count(pdf)
    densite = densites[0]
    for densite in densites[1:]:
        if pages <= max_pages:
            break
        pdf = compiler.compile_source(source(data, densite), record=record, template=template)
        pages = page_count(pdf)
    work = copy.deepcopy(data)
    last_cut: Path_ | None = None
    while pages > max_pages:
        candidates = [(len(_get(work, p)), p) for p in cuttable if len(_get(work, p)) > MIN_CHARS + len(MARK)]
        if not candidates:
            biggest = max(fixed.items(), key=lambda kv: len(kv[1]), default=("", ""))[0]
            field = biggest or (_label(last_cut, labels) if last_cut else "")
            raise TooLongError(record, template, pages, max_pages, field)
        _, path = max(candidates, key=lambda c: c[0])
        text = _get(work, path)
        base = text[: -len(MARK)] if text.endswith(MARK) else text
        _set(work, path, couper(base, max(MIN_CHARS, int(len(base) * 0.72))))
        work["suite"] = suite
        last_cut = path
        pdf = compiler.compile_source(source(work, densite), record=record, template=template)
        pages = page_count(pdf)
    compiler.store(key, pdf)
    fit_json = json.dumps({"data": work, "densite": densite}, ensure_ascii=False, sort_keys=True, default=str)
    write_atomic(fit_path, fit_json.encode("utf-8"))
    return Fitted(pdf, work, densite)
