"""Typst sources from jinja2 templates where every interpolated value is a typst literal.

The templates in ``theme/typst/`` never paste data into typst *markup*: ``{{ value }}`` is
finalised into a typst code literal (``"texte"``, ``12``, ``true``, ``none``, ``(1, 2)``,
``(cle: "v")``), so a name containing ``#``, ``$``, ``*``, ``_``, ``@``, ``<``, ``]``, ``\\`` or ``"``
is a string for typst and prints as itself. The only way to insert markup is :class:`TypstMarkup`,
which only the pandoc stage produces (pandoc escapes the text it converts).

Before that, every string and every piece of markup a template receives loses the characters that no font of
``theme/fonts/`` can show (:mod:`eclaireur.print.glyphes`: replaced by « � » with a French warning): the PDFs
are PDF/UA-1 and typst would refuse the whole document for one of them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from eclaireur.errors import UnusableInputError
from eclaireur.gabarits import environment


class TypstMarkup(str):
    """Typst markup produced by pandoc from Markdown: inserted as is, inside a content block."""

    __slots__ = ()


_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string_literal(text: str) -> str:
    """``Il a dit "non"`` -> ``"Il a dit \\"non\\""``: a typst string literal that evaluates to ``text``."""
    out = ['"']
    for char in text:
        escaped = _STRING_ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            out.append(f"\\u{{{ord(char):x}}}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _key(name: Any) -> str:
    return string_literal(str(name))


def literal(value: Any) -> str:
    """Any plain Python value as a typst code literal (strings are always quoted and escaped)."""
    if isinstance(value, TypstMarkup):
        return "[" + value + "]"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "none"
        return repr(value)
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, dt.date):
        return string_literal(value.isoformat())
    if isinstance(value, Path):
        return string_literal(value.as_posix())
    if isinstance(value, Mapping):
        if not value:
            return "(:)"
        items = ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items())
        return f"({items})"
    if isinstance(value, Sequence):
        items = ", ".join(literal(v) for v in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    raise TypeError(f"valeur non convertible en littéral typst : {type(value).__name__}")


def _finalize(value: Any) -> str:
    return literal(value)


def make_typst_environment(template_dir: Path) -> jinja2.Environment:
    """A jinja2 environment for ``*.typ.j2`` templates: every ``{{ value }}`` becomes a typst literal, once
    cleaned of the characters that the fonts beside the templates (``theme/fonts/``) do not have."""
    from eclaireur.print.glyphes import GlyphGuard, font_coverage

    # typst uses ``#`` freely: jinja's comments are ``{## … ##}`` there.
    env = environment([template_dir], autoescape=False, finalize=_finalize, comments=("{##", "##}"))
    env.extend(glyphes=GlyphGuard(font_coverage(template_dir.parent / "fonts")))
    return env


def render_template(env: jinja2.Environment, template: str, *, record: str, **variables: Any) -> str:
    """Render ``template`` or fail with a French message naming the template and the record."""
    guard = getattr(env, "glyphes", None)
    if guard is not None:
        variables = guard.clean(variables, record)
    try:
        return env.get_template(template).render(**variables)
    except jinja2.TemplateNotFound as exc:
        folder = getattr(env.loader, "searchpath", ["?"])[0]
        raise UnusableInputError(
            f"Gabarit d'impression introuvable : {Path(folder) / template} (demandé pour {record}). "
            "Vérifiez le nom du gabarit ou restaurez-le depuis le dépôt (dossier theme/typst/)."
        ) from exc
    except jinja2.UndefinedError as exc:
        raise UnusableInputError(
            f"Gabarit d'impression {template} ({record}) : variable manquante ({exc.message})."
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise UnusableInputError(
            f"Gabarit d'impression {exc.filename or template}, ligne {exc.lineno} ({record}) : "
            f"syntaxe jinja2 invalide ({exc.message})."
        ) from exc
