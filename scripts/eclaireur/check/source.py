"""A tabular resource ready to validate: where it is, how to decode it, its schema and dialect.

Both validation engines (:mod:`eclaireur.check.fast` and :mod:`eclaireur.check.reference`) start from a
:class:`TableSpec` and build frictionless objects from plain dicts with *relative* paths and an explicit
basepath, so frictionless never meets an absolute path it would call unsafe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frictionless import Package, Resource

# Resource properties passed to frictionless as they are (the rest is ours or set explicitly).
PASSED_PROPERTIES = ("format", "mediatype", "compression", "hash", "bytes", "fields", "rows", "title")


@dataclass
class TableSpec:
    """One CSV file to validate.

    ``base`` is the folder paths are relative to (the descriptor's folder), ``relpath`` the file inside
    it, ``shown`` the path printed in reports. ``schema`` is ``None`` to let frictionless infer one.
    """

    name: str
    base: Path
    relpath: str
    shown: str
    encoding: str
    schema: dict[str, Any] | None = None
    dialect: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.base / self.relpath

    def descriptor(self, *, foreign_keys: bool = True) -> dict[str, Any]:
        """A frictionless resource descriptor (relative path, explicit encoding)."""
        descriptor: dict[str, Any] = {
            "name": self.name,
            "path": self.relpath,
            "encoding": self.encoding,
            "type": "table",
        }
        for key in PASSED_PROPERTIES:
            if key in self.extra:
                descriptor[key] = self.extra[key]
        descriptor.setdefault("format", "csv" if not self.relpath.lower().endswith(".tsv") else "tsv")
        if self.schema is not None:
            schema = dict(self.schema)
            if not foreign_keys:
                schema.pop("foreignKeys", None)
            descriptor["schema"] = schema
        dialect = dict(self.dialect or {})
        if dialect.get("header", True) is not False and "headerRows" not in dialect:
            # The first line is the header: frictionless would otherwise guess it from the content
            # (a ragged file made it pick line 3). With ``commentChar``, the first line that is not a comment.
            dialect["headerRows"] = [self.first_uncommented_row(str(dialect.get("commentChar") or ""))]
        descriptor["dialect"] = dialect
        return descriptor

    def first_uncommented_row(self, comment_char: str) -> int:
        """The row number (frictionless counts comment rows) of the first line not starting with
        ``comment_char``; 1 without one."""
        if not comment_char:
            return 1
        try:
            with self.path.open(encoding=self.encoding, errors="replace", newline="") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.startswith(comment_char):
                        return number
        except OSError:
            pass
        return 1

    def to_resource(self, *, foreign_keys: bool = False) -> Resource:
        """A standalone frictionless resource (without foreign keys unless asked)."""
        return Resource.from_descriptor(self.descriptor(foreign_keys=foreign_keys), basepath=str(self.base))


def build_package(specs: list[TableSpec]) -> Package:
    """A frictionless package of ``specs`` (all sharing one basepath) for cross-resource foreign keys."""
    base = specs[0].base if specs else Path(".")
    descriptor = {"resources": [spec.descriptor() for spec in specs]}
    return Package.from_descriptor(descriptor, basepath=str(base))
