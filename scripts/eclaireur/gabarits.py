"""The jinja2 environments of eclaireur: site pages, typst print templates and Markdown editions.

All three load templates from folders, fail on an undefined variable, trim the whitespace of block tags
the same way and know the French filters (``nombre``, ``euros``, ``millions``, ``pourcent``, ``date_fr``,
``unite``). Only the escaping differs: HTML autoescape for pages, a ``finalize`` that turns every value into
a typst literal or into literal Markdown text for print.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from eclaireur import fr

FRENCH_FILTERS: dict[str, Callable[..., str]] = {
    "nombre": fr.nombre,
    "euros": fr.euros,
    "millions": fr.millions,
    "pourcent": fr.pourcent,
    "date_fr": fr.date_fr,
    "unite": fr.unite,
    "accorde": fr.accorde,
    "accord_nombre": fr.accord_nombre,
}


def environment(
    template_dirs: Sequence[str | Path],
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
    comments: tuple[str, str] = ("{#", "#}"),
) -> jinja2.Environment:
    """An environment over ``template_dirs`` with the shared options and the French filters; ``comments``
    are jinja's comment delimiters, changed where the template language uses ``{#`` itself (typst)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in template_dirs]),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        comment_start_string=comments[0],
        comment_end_string=comments[1],
    )
    env.filters.update(FRENCH_FILTERS)
    return env
