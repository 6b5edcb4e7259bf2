"""Mesures du site construit dans Chromium, page par page : débordements, zones qui défilent, taille du plus
petit texte des graphiques, octets chargés à la première visite.

    .venv/bin/python tools/audit_site.py site/ [--widths 320,375,1280] [--json mesures.json]

Sert ``site/`` sur 127.0.0.1 le temps de la mesure ; aucun accès au réseau. Les tests « chaque page » du
dossier tests/browser/ vérifient les mêmes choses ; cet outil donne les chiffres (avant/après).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from audit import OVERFLOW_JS, site_pages, smallest_chart_text


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--widths", default="320,375,1280")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    site = args.site.resolve()
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    pages = site_pages(site)
    report: dict[str, object] = {"pages": len(pages)}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for width in (int(w) for w in args.widths.split(",")):
                context = browser.new_context(viewport={"width": width, "height": 800})
                page = context.new_page()
                overflowing, unnamed, texts = [], set(), []
                for path in pages:
                    page.goto(base + path)
                    result = page.evaluate(OVERFLOW_JS)
                    if result["count"] or result["scrollWidth"] > result["viewport"]:
                        overflowing.append((path, result["offenders"][:2]))
                    for region in result["regions"]:
                        if not (region["named"] and region["focusable"]):
                            unnamed.add(region["element"])
                    texts += [(size, path, chart) for chart, size in smallest_chart_text(page, site, base)]
                smallest = min(texts) if texts else None
                report[str(width)] = {
                    "overflowing_pages": len(overflowing),
                    "examples": overflowing[:6],
                    "unnamed_scroll_regions": sorted(unnamed)[:10],
                    "smallest_chart_text_px": round(smallest[0], 1) if smallest else None,
                    "smallest_chart": smallest[1:] if smallest else None,
                    "charts_under_12px": sum(1 for size, _, _ in texts if size < 12),
                    "charts_measured": len(texts),
                }
                context.close()
            first_loads = []
            for path in pages[:: max(1, len(pages) // 25)]:
                context = browser.new_context(viewport={"width": 375, "height": 800})
                page = context.new_page()
                sizes: list[int] = []
                page.on("response", lambda r, sizes=sizes: sizes.append(len(r.body()) if r.ok else 0))
                page.goto(base + path, wait_until="networkidle")
                first_loads.append(sum(sizes))
                context.close()
            report["first_load_bytes_median"] = int(statistics.median(first_loads))
            browser.close()
    finally:
        server.shutdown()
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
