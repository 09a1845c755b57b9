"""settle(page): wait until what a screenshot shows is the page at rest, never by a fixed sleep.

A screenshot taken the moment a step's check passed could show a 页签 whose page was still
being fetched (UI-01's blank 展示区): the check looked at one element, the tab's document was not
there yet. So before a screenshot: every document has loaded, no 页签 is aria-busy (shell.js
marks a pane from the moment its page is asked for or left until the next one has loaded), no
htmx request is in flight (htmx gives the requesting element .htmx-request), the fonts are in
and two frames have been painted. The screenshot itself ends finite CSS transitions
(animations="disabled"), so a button fading to its hover colours is shot in its final colours.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

BUSY = '[aria-busy="true"], .htmx-request'
# The CSP admits no eval'd strings in the page (wait_for_function is refused), but evaluate's
# function declarations run: fonts in, then two animation frames (the second one is painted).
_PAINTED = """() => document.fonts.ready.then(() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))"""


def settle(page: Any, timeout: float = 30_000) -> None:
    """Wait for `page` and every frame in it to be at rest (see the module's note)."""
    page.wait_for_load_state("load", timeout=timeout)
    expect(page.locator(BUSY)).to_have_count(0, timeout=timeout)
    for frame in page.frames:
        if frame.is_detached() or frame.url in ("", "about:blank"):
            continue
        frame.wait_for_load_state("load", timeout=timeout)
        expect(frame.locator(BUSY)).to_have_count(0, timeout=timeout)
        frame.evaluate(_PAINTED)


def settled_screenshot(page: Any, path: Path, target: Any = None) -> Path:
    """`target` (default `page`: a page or a locator) saved to `path` once the page it is on
    has settled."""
    target = target or page
    settle(getattr(target, "page", target))  # a Locator knows its page; a Page is one
    target.screenshot(path=str(path), animations="disabled")
    return path


_HOLDS_FOCUS = """(sel) => {
  const el = document.querySelector(sel);
  return !!el && el.classList.contains('show') && el.contains(document.activeElement);
}"""


def modal_shown(page: Any, dialog: str) -> None:
    """Wait until the Bootstrap modal `dialog` of `page` (a Page or a 页签's Frame) is shown
    and holds the focus, before typing or Tabbing in it. `.show` is set when the fade starts;
    the focus trap takes the focus when it ends, so a Tab walk begun in between loses its
    place (CI, under load: Enter on 确定 landed on the modal itself; a filled 所属期 was not
    sent). A function, not an expression: the CSP lets those run (see _PAINTED)."""
    page.wait_for_function(_HOLDS_FOCUS, arg=dialog)
