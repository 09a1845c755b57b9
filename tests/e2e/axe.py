"""axe-core on every page the browser suite loads (issue 23: no serious or critical violation).

The vendored axe.min.js rides in the context's init script, so it is in every document and frame
(init scripts bypass the CSP, which admits no other script). On each document's `load` it asks
the test whether this URL was already checked (one run per distinct URL per test keeps it cheap),
runs axe on that document alone (each 页签's iframe is its own document) and reports the serious
and critical violations back through a binding. conftest fails the test with rule id and target.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AXE_JS = (
    Path(__file__).resolve().parents[2] / "rebate/web/static/vendor/axe-core/axe.min.js"
).read_text(encoding="utf-8")

_RUNNER = """
(() => {
  if (window.__axeArmed) return;
  window.__axeArmed = true;
  const check = async () => {
    const url = location.pathname + location.search;
    if (document.contentType !== 'text/html' || !location.protocol.startsWith('http')) return;
    if (!(await window.__axeWanted(url))) return;
    await new Promise((ready) => setTimeout(ready, 0));  // the page's own load handlers first
    // Colours are measured as painted: a transition under way (the button the mouse still
    // hovers after the click that loaded this page fades to its hover colours in .15 s) blends
    // two states that each pass. Chromium applies :hover to the new page a few frames after
    // load, so give it 200 ms, then wait for the finite ones (a spinner's never end).
    await new Promise((ready) => setTimeout(ready, 200));
    const settling = document.getAnimations().filter(
      (a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
    await Promise.all(settling.map((a) => a.finished.catch(() => null)));
    const covered = () => document.querySelector('.modal-backdrop, .modal.show');
    const before = covered();
    // And the colours at rest whatever the timing: on a loaded machine :hover may come later
    // than those 200 ms (CI measured #btn-import mid-fade at 1.7:1). With transitions off while
    // axe runs, an element is in one state or the other, each as painted at rest.
    // (A constructed sheet: the pages' CSP admits no inline <style>.)
    const rest = new CSSStyleSheet();
    rest.replaceSync('*, *::before, *::after { transition: none !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, rest];
    let result;
    try {
      result = await axe.run(document, {iframes: false, resultTypes: ['violations']});
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== rest);
    }
    // The test may open a dialog while axe runs: its half-transparent backdrop then lies over
    // the page and every colour measured under it is wrong (the dialog's page is not that page).
    const overlaid = before || covered();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .filter((v) => !(overlaid && v.id === 'color-contrast'))
      .map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
        detail: [...v.nodes[0].any, ...v.nodes[0].all].map((c) => c.message)[0] || '',
      }));
    await window.__axeReport(url, bad);
  };
  window.addEventListener('load', () => { window.__axePending = check().catch(() => null); });
})();
"""


@dataclass
class AxeWatch:
    """One browser context's axe runs: the URLs checked and what they found."""

    context: Any
    checked: set[str] = field(default_factory=set)
    found: list[str] = field(default_factory=list)

    def arm(self) -> None:
        self.context.expose_binding("__axeWanted", self._wanted)
        self.context.expose_binding("__axeReport", self._report)
        self.context.add_init_script(AXE_JS + "\n" + _RUNNER)

    def _wanted(self, _source: dict[str, Any], url: str) -> bool:
        if url in self.checked:
            return False
        self.checked.add(url)
        return True

    def _report(self, _source: dict[str, Any], url: str, violations: list[dict[str, Any]]) -> None:
        for v in violations:
            targets = " | ".join(v["targets"])
            self.found.append(
                f"{url}: {v['id']} ({v['impact']}: {v['help']}) at {targets} — {v['detail']}"
            )

    def settle(self) -> None:
        """Wait for runs still under way on the open pages (the last page of a test)."""
        if not self.context.pages:
            return
        for page in self.context.pages:
            for frame in page.frames:
                # A frame gone or navigating has nothing to wait for.
                with contextlib.suppress(Exception):
                    frame.evaluate("() => window.__axePending || null")

    def take(self) -> list[str]:
        found, self.found = self.found, []
        return found
