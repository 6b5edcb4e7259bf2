"""Site benchmark: ``eclaireur build`` on synthetic authorities against plain mkdocs on the same pages.

For each scale, the benchmark measures the full build (data check included, PDFs left to the print
benchmark), a rebuild with no change, the peak memory, and ``mkdocs build`` of the equivalent static
pages (the generated pages written out as Markdown files, the same theme and navigation, without the
eclaireur plugin).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from eclaireur.bench.search import first_query_bytes
from eclaireur.bench.synthetic import make_synthetic, set_plugin_option
from eclaireur.bench.timing import Measure, measure
from eclaireur.errors import EclaireurError
from eclaireur.safeyaml import load_yaml


@dataclass(frozen=True)
class SiteRun:
    projects: int
    pages: int
    build_s: float
    build_peak_mib: float
    rebuild_s: float
    mkdocs_s: float
    mkdocs_peak_mib: float
    search_first_query: dict[str, int] | None = None
    """Bytes a reader downloads for a first search, by query (pagefind; ``None`` without Chromium)."""

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.build_s / self.pages

    @property
    def mkdocs_ms_per_page(self) -> float:
        return 1000 * self.mkdocs_s / self.pages

    @property
    def ratio_to_mkdocs(self) -> float:
        return self.build_s / self.mkdocs_s

    def to_dict(self) -> dict[str, Any]:
        return dict(asdict(self), ms_per_page=self.ms_per_page, mkdocs_ms_per_page=self.mkdocs_ms_per_page,
                    ratio_to_mkdocs=self.ratio_to_mkdocs)


def export_plain(repo: Path, target: Path) -> None:
    """Write the pages the engine generates for ``repo`` as static Markdown files of a plain mkdocs site."""
    from eclaireur.config import load_config
    from eclaireur.generate import generate_all
    from eclaireur.plugin import front_matter

    config = load_config(repo)
    generated = generate_all(config)
    shutil.copytree(repo / "content", target / "content")
    shutil.copytree(repo / "theme", target / "theme")
    for path, page in generated.pages.items():
        out = target / "content" / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(front_matter(page.title, page.description) + "\n" + page.html, encoding="utf-8")
    for path, asset in generated.assets.items():
        out = target / "content" / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(asset.data)
    mkdocs_yml = load_yaml((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    mkdocs_yml["plugins"] = [p for p in mkdocs_yml.get("plugins", []) if not (isinstance(p, dict) and "eclaireur" in p)]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs_yml, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")


def _checked(run: Measure, what: str) -> Measure:
    if run.returncode != 0:
        raise EclaireurError(f"{what} a échoué (code {run.returncode}) :\n{run.output[-2000:]}")
    return run


def run_site_benchmark(source: Path, sizes: list[int], workdir: Path | None = None) -> list[SiteRun]:
    """Measure builds of synthetic authorities of ``sizes`` projects made from the repository ``source``."""
    results = []
    with tempfile.TemporaryDirectory(prefix="eclaireur-bench-", dir=workdir) as tmp:
        for size in sizes:
            repo = Path(tmp) / f"collectivite-{size}"
            projects = make_synthetic(source, repo, size)
            # PDFs are measured by the print benchmark; here both sides build the same web pages.
            set_plugin_option(repo, "print_enabled", False)
            eclaireur = [sys.executable, "-m", "eclaireur", "build", "--root", str(repo)]
            build = _checked(measure(eclaireur, repo), "eclaireur build")
            rebuild = _checked(measure(eclaireur, repo), "eclaireur build (reconstruction)")
            pages = sum(1 for _ in (repo / "site").rglob("index.html"))
            search = first_query_bytes(repo / "site")
            plain = Path(tmp) / f"mkdocs-{size}"
            export_plain(repo, plain)
            baseline = _checked(measure([sys.executable, "-m", "mkdocs", "build", "-q"], plain), "mkdocs build")
            results.append(SiteRun(projects, pages, build.seconds, build.peak_mib, rebuild.seconds,
                                   baseline.seconds, baseline.peak_mib, search))
            shutil.rmtree(repo)
            shutil.rmtree(plain)
    return results
