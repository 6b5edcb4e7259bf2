"""Reading YAML that anyone may have written, with bounds set before any work is done.

A YAML document can be small on disk and huge in memory: nine anchors of nine aliases each (« billion
laughs ») make 387 420 489 strings once something walks the data (a JSON dump, a page, a copy). PyYAML
shares aliased nodes, so the load itself is cheap and the blow-up comes later, far from the file. Every
YAML of the project (descriptors, schemas, forms, draws, front matter, ``mkdocs.yml``) is therefore read
through :func:`load_yaml`, which refuses, with a French message:

- a document longer than :data:`MAX_CHARACTERS` characters;
- more than :data:`MAX_ALIASES` aliases (``*nom``);
- aliases that would add more than :data:`MAX_EXPANSION` nodes once expanded.

The error is a :class:`yaml.YAMLError`, so every caller's existing « YAML illisible » handling names the
file; with a ``problem_mark`` when the parser knows the line.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

MAX_CHARACTERS = 5_000_000
"""Longest YAML document read (5 million characters: a descriptor or a draw is a few kilobytes)."""
MAX_ALIASES = 100
"""Most aliases (``*nom``) in one document."""
MAX_EXPANSION = 10_000
"""Most nodes that aliases may add to a document once expanded."""


class YamlLimitError(yaml.YAMLError):
    """A YAML document over one of the bounds (its ``problem`` is the French reason)."""

    def __init__(self, problem: str, problem_mark: Any = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = problem_mark

    def __str__(self) -> str:
        return self.problem


class _Bounded:
    """Mixin for a PyYAML loader: counts aliases while composing and measures the expanded document."""

    _aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise YamlLimitError(
                    f"plus de {MAX_ALIASES} alias YAML (*nom) dans le document ; écrivez les valeurs en entier, "
                    "sans ancres (&nom) ni alias",
                    mark,
                )
        return super().compose_node(parent, index)  # type: ignore[misc]

    def compose_document(self) -> Any:
        node = super().compose_document()  # type: ignore[misc]
        if self._aliases:
            distinct, expanded = _sizes(node)
            if expanded - distinct > MAX_EXPANSION:
                raise YamlLimitError(
                    f"les alias YAML (*nom) multiplient le document : {expanded} éléments une fois développé pour "
                    f"{distinct} écrits (au plus {MAX_EXPANSION} de plus sont permis) ; écrivez les valeurs en "
                    "entier, sans ancres (&nom) ni alias",
                    getattr(node, "start_mark", None),
                )
        return node


def _sizes(root: yaml.Node) -> tuple[int, int]:
    """``(distinct nodes, nodes once every alias is expanded)`` of a composed document (post-order walk)."""
    expanded: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            children = _children(node)
            if any(id(child) not in expanded for child in children):
                raise YamlLimitError(
                    "un alias YAML (*nom) renvoie à l'élément qui le contient : la donnée serait infinie ; "
                    "écrivez les valeurs en entier, sans ancres (&nom) ni alias",
                    getattr(node, "start_mark", None),
                )
            expanded[key] = 1 + sum(expanded[id(child)] for child in children)
            open_nodes.discard(key)
            continue
        if key in expanded or key in open_nodes:
            continue
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in expanded)
    return len(expanded), expanded[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


@functools.cache
def bounded(loader: type) -> type:
    """``loader`` (a PyYAML loader class) with the bounds of this module."""
    return type(f"Bounded{loader.__name__}", (_Bounded, loader), {})


def load_yaml(text: str, loader: type = yaml.SafeLoader) -> Any:
    """The document of ``text`` read by ``loader`` (safe by default), within the bounds above."""
    if len(text) > MAX_CHARACTERS:
        raise YamlLimitError(
            f"document YAML de {len(text)} caractères ; au plus {MAX_CHARACTERS} sont lus (un descripteur, un "
            "formulaire ou un tirage en compte quelques milliers)"
        )
    return yaml.load(text, Loader=bounded(loader))
