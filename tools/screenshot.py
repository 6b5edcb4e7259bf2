"""Capture d'écran de pages du site construit, dans Chromium (Debian) piloté par Playwright.

    .venv/bin/python tools/screenshot.py site/ atlas/education/ /tmp/atlas.png [--width 1280] [--full]

Sert ``site/`` sur 127.0.0.1 le temps de la capture ; aucun accès au réseau.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("page")
    parser.add_argument("output", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"http://127.0.0.1:{server.server_port}/{args.page}")
            page.screenshot(path=str(args.output), full_page=args.full)
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
