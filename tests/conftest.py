"""Shared fixtures: the repository root, a copy of the demo repository, and the demo site built once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REAL_DATA = REPO.parent / "shared" / "data" / "real"
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
    for optional in ("contributions",):
        if (REPO / optional).is_dir():
            shutil.copytree(REPO / optional, target / optional)
    return target


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "depot")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once per test session from the repository itself into a temporary folder."""
    from eclaireur.build import build_site

    target = tmp_path_factory.mktemp("site") / "site"
    build_site(REPO, site_dir=target)
    return target


@pytest.fixture(scope="session")
def read_page(built_site: Path) -> Callable[[str], str]:
    def read(url: str) -> str:
        path = built_site / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    return read


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium; in CI its absence is a failure, elsewhere the browser tests are skipped."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium est absent : tools/install.sh doit installer le paquet Debian « chromium ».")
        pytest.skip("Chromium (paquet Debian « chromium ») n'est pas installé.")
    return path
