"""The evaluation benchmark: its synthetic data is a valid package of the requested size, its memory
figure is the build's own, and the pages of its largest scale stay light and readable."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from eclaireur.bench.timing import measure
from eclaireur.check.run import check_path
from eclaireur.evaluation.bench import EvaluationRun, add_evaluations, table
from eclaireur.generate import Generated
from test_evaluation_helpers import demo_repo, generate


def test_synthetic_evaluations_are_valid(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot")
    counts = add_evaluations(root / "data", 3, 40, 25)
    assert (counts["evaluations"], counts["indices"], counts["actions"]) == (3, 40, 25)
    assert counts["taches"] > counts["actions"]
    report = check_path(root, root=root)
    assert report.valid, [f"{p.file}:{p.line} {p.message}" for p in report.problems][:5]


def test_table_reports_the_cost_per_added_page() -> None:
    runs = [EvaluationRun(5, 1250, 500, 1290, 194, 22, 30.0, 200.0, 20.0),
            EvaluationRun(10, 2500, 1000, 2580, 214, 42, 40.0, 300.0, 30.0)]
    text = table(runs)
    assert "De 5 à 10 évaluations : 500 ms par page d’évaluation ajoutée" in text
    assert "30,0 s" in text and "200 Mio" in text


def test_peak_memory_is_the_command_s_own(tmp_path: Path) -> None:
    """A benchmark that has grown (PDFs laid out, pages generated in process) does not pass its size on to
    the builds it times: Linux hands the parent's high-water mark to a forked child."""
    grown = bytearray(300 * 2**20)
    grown[::4096] = b"\1" * len(range(0, len(grown), 4096))  # resident, not only reserved
    small = measure([sys.executable, "-c", "pass"], tmp_path)
    assert small.returncode == 0 and 0 < small.peak_mib < 100, small
    big = measure([sys.executable, "-c", "b = bytearray(200 * 2**20); b[::4096] = b'1' * (200 * 256); print('fini')"
                   "; raise SystemExit(3)"], tmp_path)
    assert (big.returncode, big.output) == (3, "fini\n") and 200 < big.peak_mib < 300, big
    assert len(grown) == 300 * 2**20
    missing = measure(["commande-introuvable-eclaireur"], tmp_path)
    assert missing.returncode != 0 and "commande-introuvable-eclaireur" in missing.output


@pytest.fixture(scope="module")
def bench_scale(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """The pages of the benchmark's largest scale: 20 evaluations and 2 000 actions (with fewer evidence items,
    which these pages do not show)."""
    root = demo_repo(tmp_path_factory.mktemp("banc") / "depot", options={"print_enabled": False})
    add_evaluations(root / "data", 20, 400, 2000)
    return generate(root, opendata=False)


def body_size(site: Generated, path: str) -> int:
    return len(site.pages[path].html.encode("utf-8"))


def test_follow_up_and_review_pages_stay_light_at_the_bench_scale(bench_scale: Generated) -> None:
    """Before: a dashboard of 100 actions weighed 242 Kio and the fête page 671 Kio (bodies, without the theme)."""
    pages = set(bench_scale.pages)
    dashboards = sorted(p for p in pages if p.endswith("/suivi.md"))
    recommendations = sorted(p for p in pages if "/suivi/preconisation-" in p)
    reviews = sorted(p for p in pages if re.fullmatch(r"evaluations/[^/]+/fete-2025\.md", p))
    assert (len(dashboards), len(recommendations), len(reviews)) == (20, 80, 20)
    assert body_size(bench_scale, "evaluations/fete-2025.md") < 32 * 1024
    for path in dashboards + recommendations + reviews:
        assert body_size(bench_scale, path) < 80 * 1024, (path, body_size(bench_scale, path))
    # what the split pages hold, all of it still published: every action once on the page of its recommendation
    articles = sum(bench_scale.pages[p].html.count('<article class="ecl-action') for p in recommendations)
    assert articles == 2000


def test_one_calendar_per_recommendation_at_the_bench_scale(bench_scale: Generated) -> None:
    from eclaireur.evaluation.graphiques import gantt_size
    from eclaireur.pages.evaluation_suivi import GANTT_ROWS

    page = bench_scale.pages["evaluations/budget-participatif-s1/suivi.md"].html
    charts = re.findall(r'<img data-chart="[^"]+"(?: style="[^"]*")? '
                        r'src="[./]*(graphiques/evaluation-calendrier-[0-9a-f]+\.svg)" alt="([^"]*)" '
                        r'width="1000" height="(\d+)"', page)
    rows = [int(re.search(r" : (\d+) actions?, chacune", alt).group(1)) for _, alt, _ in charts]  # type: ignore[union-attr]
    assert sum(rows) == 100 and max(rows) <= GANTT_ROWS
    assert len(charts) == 8  # 4 recommendations of 25 to 30 actions: two charts each
    assert "Diagramme de calendrier de la préconisation 1 (actions 1.1 à 1.45, partie 1 sur 2) : 15 actions" in page
    for (path, alt, height), n in zip(charts, rows, strict=True):
        svg = bench_scale.assets[path].data.decode("utf-8")
        width_pt, height_pt = map(float, re.search(r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())  # type: ignore[union-attr]
        statuses = len(re.findall(r"(\d+) (?:proposée|retenue|en cours|réalisée|abandonnée|réorientée|bloquée)",
                                  alt.split(". ")[1]))
        assert (width_pt, height_pt) == pytest.approx(tuple(72 * x for x in gantt_size(n, statuses)), abs=0.01)
        assert int(height) == round(1000 * height_pt / width_pt)


def test_plugin_hands_each_page_body_over_once() -> None:
    """mkdocs keeps every page's content until the end of the build: the plugin does not keep a second copy."""
    from types import SimpleNamespace
    from typing import Any

    from eclaireur.pages.base import Page
    from eclaireur.plugin import EclaireurPlugin

    plugin = EclaireurPlugin()
    plugin.generated.pages["evaluations/x/suivi.md"] = Page("evaluations/x/suivi.md", "Suivi", "<h1>Suivi</h1><p>x</p>")
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri="evaluations/x/suivi.md"), toc=None)
    body = plugin.on_page_content("", page=page, config=None, files=None)  # type: ignore[arg-type]
    assert body == '<h1 id="contenu-principal">Suivi</h1><p>x</p>' and page.toc is not None
    assert plugin.generated.pages == {}
    other: Any = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"), toc=None)
    assert plugin.on_page_content("<p>écrit à la main</p>", page=other, config=None, files=None) == (  # type: ignore[arg-type]
        "<p>écrit à la main</p>")
