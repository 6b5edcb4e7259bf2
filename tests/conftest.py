"""Shared fixtures: a copy of the demo repository, the demo site built once, and a browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from eclaireur import cli_fr
from helpers import REGISTER, REPO, chromium_path, copy_repo, serve_folder

# Click in French in every test, whatever module a test imports first (eclaireur.cli does the same).
cli_fr.install()


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "depot")


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    """Just what the intake needs: mkdocs.yml, the forms, their resources and a package declaring them."""
    root = tmp_path / "depot"
    (root / "data").mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "data" / "formulaires", root / "data" / "formulaires")
    shutil.copytree(REPO / "data" / "contributions", root / "data" / "contributions")
    shutil.copytree(REGISTER, root / "contributions" / "prive")
    descriptor = yaml.safe_load((REPO / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"].startswith("contributions_")
                               and r["path"].startswith("contributions/")]
    (root / "data" / "datapackage.yaml").write_text(yaml.safe_dump(descriptor, allow_unicode=True), encoding="utf-8")
    (root / "contributions" / "inbox").mkdir(parents=True)
    return root


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


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium; in CI its absence is a failure, elsewhere the browser tests are skipped."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium est absent : tools/install.sh doit installer le paquet Debian « chromium ».")
        pytest.skip("Chromium (paquet Debian « chromium ») n'est pas installé.")
    return path


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the demo site, served locally for the whole session."""
    server, url = serve_folder(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()
