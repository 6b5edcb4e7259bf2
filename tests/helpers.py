"""Helpers shared by the tests (importable as ``helpers``: ``pythonpath = ["tests"]``)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REGISTER = REPO / "tests" / "fixtures" / "registre-prive"
"""The demo's private register (fictional people): never in data/, only here for the tests."""
REAL_DATA = REPO / "tests" / "fixtures" / "real"
"""Real public files the tests read, copied from the team's corpus with their provenance (LISEZMOI.md there)."""
SHARED_REAL_DATA = REPO.parent / "shared" / "data" / "real"
"""The whole corpus beside the repository: optional, tests that read it skip when it is absent."""
COPIED = ("mkdocs.yml", "content", "data", "theme")


def copy_repo(target: Path) -> Path:
    """A copy of the demo repository (configuration, content, data, theme) in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    for optional in ("contributions", ".cache"):
        if (REPO / optional).is_dir():
            shutil.copytree(REPO / optional, target / optional)
    return target


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(candidate):
            return candidate
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """WCAG 2.x A and AA violations reported by axe-core (shipped in axe-playwright-python)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return list(results.response.get("violations", []))
