"""Private fields: what a file of the public data package may hold when its schema has personal data.

A Table Schema field marked ``"eclaireur:private": true`` holds personal data (a name, an e-mail
address) or an internal note (a moderation reason). The data repository is public, so its values are
never written in ``data/``: they stay in the private register (:mod:`eclaireur.contributions.store`,
option ``private_dir``, outside the repository or ignored by Git). The CSV file in ``data/`` holds the
*public view* of the schema (:func:`public_schema`): the same fields without the private ones, plus
``signature_publiee`` when the schema lets the contributor choose how to sign.

The schema stays written once: the loader and ``eclaireur check`` read the public view of it for the
package's file, the form page and the register read the whole of it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

PRIVATE = "eclaireur:private"
SIGNATURE = "eclaireur:signature"
PUBLISHED_SIGNATURE = "signature_publiee"

PUBLISHED_SIGNATURE_FIELD: dict[str, Any] = {
    "name": PUBLISHED_SIGNATURE,
    "type": "string",
    "title": "Signature publiée",
    "description": "Ce qui est affiché sous la contribution selon le choix de son auteur : son nom, "
    "ses initiales ou « Anonyme ».",
    "example": "J. L. G.",
}


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    fields = schema.get("fields")
    return [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []


def private_names(schema: dict[str, Any]) -> set[str]:
    """The names of the fields marked private."""
    return {str(f.get("name")) for f in _fields(schema) if f.get(PRIVATE) is True}


def has_private_fields(schema: dict[str, Any]) -> bool:
    return bool(private_names(schema))


def signs(schema: dict[str, Any]) -> bool:
    """Whether a field lets the contributor choose how to sign (``eclaireur:signature``)."""
    return any(f.get(SIGNATURE) for f in _fields(schema))


def _names(keys: Any) -> list[str]:
    return [str(k) for k in keys] if isinstance(keys, list) else [str(keys)]


def public_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of what may be published: no private field, ``signature_publiee`` when it signs.

    Keys that name a private field (primary, unique and foreign keys) are dropped with it. Applying it
    twice gives the same schema.
    """
    if not has_private_fields(schema) and not signs(schema):
        return schema
    fields = [dict(f) for f in _fields(schema) if f.get(PRIVATE) is not True]
    if signs(schema) and all(f.get("name") != PUBLISHED_SIGNATURE for f in fields):
        fields.append(dict(PUBLISHED_SIGNATURE_FIELD))
    names = {str(f["name"]) for f in fields}
    out = {k: v for k, v in schema.items() if k not in ("fields", "primaryKey", "foreignKeys", "uniqueKeys")}
    out["fields"] = fields
    if "primaryKey" in schema and set(_names(schema["primaryKey"])) <= names:
        out["primaryKey"] = schema["primaryKey"]
    if isinstance(schema.get("uniqueKeys"), list):
        out["uniqueKeys"] = [key for key in schema["uniqueKeys"] if set(_names(key)) <= names]
    if isinstance(schema.get("foreignKeys"), list):
        out["foreignKeys"] = [
            fk for fk in schema["foreignKeys"] if isinstance(fk, dict) and set(_names(fk.get("fields"))) <= names
        ]
    return out


def git_would_publish(root: Path, path: Path) -> bool:
    """Whether ``path`` is inside the Git working tree ``root`` and not ignored by Git (a commit would take it).

    ``False`` outside the repository, without Git, or when Git cannot tell.
    """
    root, target = root.resolve(), path.resolve()
    if root not in target.parents or not (root / ".git").exists():
        return False
    try:
        answer = subprocess.run(["git", "-C", str(root), "check-ignore", "-q", "--no-index", str(target)],
                                capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return answer.returncode == 1  # 0: ignored; 128: Git could not tell
