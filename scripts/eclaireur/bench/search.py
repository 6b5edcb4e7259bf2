"""What a reader downloads for a first search (pagefind): measured in Chromium on the built site.

Everything fetched under ``pagefind/`` from the moment the query is typed until the results are shown (the
loader, the WebAssembly module, the index chunks of the words, the fragments of the results listed).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Any

QUERIES = ("velo", "budget")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def chromium() -> str | None:
    return next((path for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if shutil.which(path)), None)


def first_query_bytes(site: Path, queries: tuple[str, ...] = QUERIES) -> dict[str, int] | None:
    """Bytes of ``pagefind/`` fetched by the first search of each query (``None`` without Chromium/Playwright)."""
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if executable is None:
        return None
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    found: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                sizes: list[int] = []

                def note(response: Any, sizes: list[int] = sizes) -> None:
                    if "/pagefind/" in response.url and response.ok:
                        sizes.append(len(response.body()))

                page.on("response", note)
                page.goto(base + "recherche/?q=" + query)
                page.wait_for_function(
                    "() => /trouvée|Aucune/.test(document.querySelector('.ecl-search__status').textContent)",
                    timeout=60000)
                page.wait_for_load_state("networkidle")
                found[query] = sum(sizes)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return found
