"""Keyboard-only driving for browser tests: Tab to a control, then Enter or Space, no mouse.

The focused element is looked up through same-origin iframes (each 页签 of the shell is one),
so a test can walk from the 菜单栏 into a page the way a keyboard user does.
"""

from __future__ import annotations

from typing import Any

_FOCUSED = """(sel) => {
  let doc = document, el = doc.activeElement;
  while (el && el.tagName === 'IFRAME' && el.contentDocument) {
    doc = el.contentDocument; el = doc.activeElement;
  }
  if (!el) return [false, ''];
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  const what = `${el.tagName.toLowerCase()}#${el.id} ${name.slice(0, 30)}`;
  return [sel ? el.matches(sel) : false, what];
}"""


def focused(page: Any) -> str:
    """A short description of the focused element (tag#id and its name)."""
    return str(page.evaluate(_FOCUSED, "")[1])


def tab_to(page: Any, selector: str, *, limit: int = 120, back: bool = False) -> None:
    """Press Tab (Shift+Tab with `back`) until the focus is on `selector`; fail with the
    trail of focused elements when `limit` presses never reach it (unreachable control)."""
    trail: list[str] = []
    for _ in range(limit):
        matches, what = page.evaluate(_FOCUSED, selector)
        if matches:
            return
        trail.append(what)
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"Tab never reached {selector}; last focus: {trail[-12:]}")


def press_on(page: Any, selector: str, key: str = "Enter", **tab: Any) -> None:
    """Tab to `selector`, then press `key` (Enter for links and buttons, Space for boxes)."""
    tab_to(page, selector, **tab)
    page.keyboard.press(key)
