"""What a citizen's browser sees on every page: horizontal overflow, scroll regions, the size of chart text.

Shared by the every-page browser tests and by ``tools/audit_site.py`` (which prints the figures of a build).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

OVERFLOW_JS = r"""
() => {
  const vw = document.documentElement.clientWidth;
  const clipped = (el) => {  // inside a box that clips or scrolls, itself within the screen
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox !== 'visible' && a.getBoundingClientRect().right <= vw + 1) return true;
    }
    return false;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
    return s;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= 0 || r.left >= vw) continue;  // off-canvas (closed drawer) or empty
    if (r.right > vw + 1 && !clipped(el)) offenders.push([describe(el), Math.round(r.right - vw)]);
  }
  const regions = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(style.overflowX)) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= 0 || r.left >= vw) continue;
    const named = !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
    const focusable = el.tabIndex >= 0;
    regions.push({element: describe(el), named, focusable, role: el.getAttribute('role') || ''});
  }
  return {viewport: vw, scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 8),
          count: offenders.length, regions};
}
"""

CHART_IMAGES_JS = r"""
() => [...document.querySelectorAll('img')].filter(i => /\.svg(\?|$)/.test(i.currentSrc || i.src))
  .map(i => ({src: i.currentSrc || i.src, width: i.getBoundingClientRect().width, alt: i.alt}))
  .filter(i => i.width > 0)
"""

_VIEWBOX = re.compile(rb'viewBox="[\d.\-]+ [\d.\-]+ ([\d.]+) [\d.]+"')
_FONT = re.compile(rb"font-size:\s*([\d.]+)px")


def svg_font_range(svg: bytes) -> tuple[float, float] | None:
    """``(smallest font size, viewBox width)`` of a matplotlib SVG whose text is text; ``None`` without text."""
    sizes = [float(size) for size in _FONT.findall(svg)]
    box = _VIEWBOX.search(svg)
    if not sizes or box is None:
        return None
    return min(sizes), float(box.group(1))


def smallest_chart_text(page: Any, site: Path, base_url: str) -> list[tuple[str, float]]:
    """``(chart, smallest text in CSS px as displayed)`` for every SVG image of the page."""
    found = []
    for image in page.evaluate(CHART_IMAGES_JS):
        src = str(image["src"]).split("?")[0]
        if not src.startswith(base_url):
            continue
        path = site / src[len(base_url):]
        if not path.is_file():
            continue
        measured = svg_font_range(path.read_bytes())
        if measured is None:
            continue
        smallest, width = measured
        found.append((src[len(base_url):], smallest * float(image["width"]) / width))
    return found


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as the path after the site's address (``""`` for the home page)."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


CRUSHED_JS = r"""
() => {
  // Table cells narrower than their longest word (a word would be cut letter by letter). Words are what a line
  // cannot break (spaces and hyphens are break opportunities, non-breaking spaces are not); code, which may
  // wrap anywhere (paths, identifiers), and visually hidden text are left out.
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;left:-9999px;top:0';
  document.body.appendChild(probe);
  const crushed = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const style = getComputedStyle(cell);
    const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent.closest('code, .md-visually-hidden')) continue;
      for (const word of node.textContent.split(/[ \t\n\r\-]+/)) {
        if (word.length < 2) continue;
        probe.style.font = getComputedStyle(parent).font;
        probe.textContent = word;
        if (probe.getBoundingClientRect().width > width + 1) crushed.push([word, Math.round(width)]);
      }
    }
  }
  probe.remove();
  return crushed.slice(0, 5);
}
"""
