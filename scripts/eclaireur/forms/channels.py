"""Submission channels of a form page (and of the ballot page), from its settings and the site configuration.

- ``forge``: a prefilled "new file" link on the forge. ``forge_new_file_url`` is a URL template with
  ``{branch}``, ``{path}`` (the file to create, ``contributions/inbox/<form>/<id>.yaml``) and ``{content}``
  (the file's text), each URL-encoded. GitHub:
  ``https://github.com/<owner>/<repo>/new/{branch}?filename={path}&value={content}``; Forgejo and Gitea
  (1.15 and later): ``https://<host>/<owner>/<repo>/_new/{branch}/?filename={path}&value={content}``;
  GitLab: ``https://<host>/<group>/<project>/-/new/{branch}?file_name={path}&content={content}``.
- ``telechargement``: the file is downloaded, to attach to an e-mail or a pull request.
- ``courriel``: a ``mailto:`` link to ``contribution_email`` with the file as the body; without JavaScript
  the form itself posts there (``text/plain``).
- ``service``: the answer is POSTed as JSON to ``contribution_endpoint``; without JavaScript the form posts
  there (``application/x-www-form-urlencoded``).

The ballot page of the élection des futurs offers the same channels (:func:`channels_from_config`), with
``contributions/inbox/bulletins/`` as its folder; the templates share ``contribution-channels.html.j2`` and
the pages share ``contribution.js``.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import quote

from eclaireur.config import EngineConfig
from eclaireur.contributions.store import CONTRIBUTIONS, INBOX
from eclaireur.forms.definition import CHANNELS, FormDefinition

PLACEHOLDERS = ("{branch}", "{path}", "{content}")


@dataclass(frozen=True)
class Channels:
    """What the page offers, and where the form goes without JavaScript."""

    forge_template: str
    branch: str
    email: str
    endpoint: str
    download: bool
    max_url_length: int
    inbox_folder: str

    @property
    def forge(self) -> bool:
        return bool(self.forge_template)

    @property
    def forge_name(self) -> str:
        """The forge as a reader knows it: « GitHub », « GitLab », else « la forge de la collectivité »."""
        host = urllib.parse.urlsplit(self.forge_template).hostname or ""
        if host == "github.com" or host.endswith(".github.com"):
            return "GitHub"
        if "gitlab" in host:
            return "GitLab"
        return "la forge de la collectivité"

    @property
    def fallback_action(self) -> str:
        """The ``action`` of the ``<form>``: used only when JavaScript does not run."""
        if self.endpoint:
            return self.endpoint
        if self.email:
            return f"mailto:{self.email}"
        return ""

    @property
    def fallback_enctype(self) -> str:
        return "application/x-www-form-urlencoded" if self.endpoint else "text/plain"

    @property
    def any(self) -> bool:
        return self.forge or self.download or bool(self.email) or bool(self.endpoint)


def inbox_folder(form_id: str) -> str:
    return f"{CONTRIBUTIONS}/{INBOX}/{form_id}/"


def channels_for(form: FormDefinition, config: EngineConfig) -> Channels:
    return channels_from_config(config, inbox_folder(form.id), form.channels)


def channels_from_config(config: EngineConfig, folder: str, offered: Collection[str] = CHANNELS) -> Channels:
    """The channels among ``offered`` that the site configuration makes possible, for files going to ``folder``."""
    template = config.forge_new_file_url if "forge" in offered else ""
    if template and not all(p in template for p in PLACEHOLDERS):
        template = ""
    return Channels(
        forge_template=template,
        branch=config.forge_branch,
        email=config.contribution_email if "courriel" in offered else "",
        endpoint=config.contribution_endpoint if "service" in offered else "",
        download="telechargement" in offered,
        max_url_length=config.forge_max_url_length,
        inbox_folder=folder,
    )


def forge_link(template: str, branch: str, path: str, content: str) -> str:
    """The prefilled link (the same encoding as ``formulaires.js``: ``encodeURIComponent``)."""
    def encode(value: str) -> str:
        return quote(value, safe="-_.!~*'()")

    return template.replace("{branch}", encode(branch)).replace("{path}", encode(path)).replace(
        "{content}", encode(content)
    )


def template_problems(template: str) -> list[str]:
    """Why ``forge_new_file_url`` cannot be used (empty list when it can)."""
    if not template:
        return []
    problems = []
    missing = [p for p in PLACEHOLDERS if p not in template]
    if missing:
        problems.append("forge_new_file_url doit contenir " + ", ".join(missing) + ".")
    if not template.startswith("https://"):
        problems.append("forge_new_file_url doit commencer par https://.")
    return problems
