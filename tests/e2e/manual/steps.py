"""spec_step: one step of the manual, driven by the SPEC item's own visible label.

The label comes from docs/SPEC.md (parsed here, never copied into a test): the step finds the
element showing it, acts on it, lets the caller assert the outcome and keeps a screenshot under
test-output/manual/<chapter>/<id>.png. The coverage test (test_spec_coverage.py) reads the
e2e tests' spec_step calls to tell which SPEC ids the browser suite exercises.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.e2e.settled import settled_screenshot

ROOT = Path(__file__).resolve().parents[3]
SPEC = ROOT / "docs" / "SPEC.md"
SHOTS = ROOT / "test-output" / "manual"
_SECTION = re.compile(r"^## (\d+) ")
_ITEM = re.compile(r"^- `(?P<id>[A-Z]{2}-\d{2})`(?: \*\*(?P<label>[^*]+)\*\*)?")


@dataclass(frozen=True)
class SpecItem:
    id: str
    label: str  # '' when SPEC names a rule, not a control (e.g. CK-01)
    chapter: str  # SPEC's section number, the manual's chapter order

    @property
    def visible(self) -> str:
        """What the screen shows: the last part of a 'menu · leaf' label."""
        return self.label.split(" · ")[-1]


@functools.cache
def spec_items() -> dict[str, SpecItem]:
    items: dict[str, SpecItem] = {}
    chapter = ""
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        if m := _SECTION.match(line):
            chapter = f"{int(m.group(1)):02d}"
        elif m := _ITEM.match(line):
            items[m["id"]] = SpecItem(m["id"], (m["label"] or "").strip(), chapter)
    return items


def _click(target: Any) -> None:
    target.click()


def spec_step(
    page: Any,
    spec_id: str,
    act: Callable[[Any], None] | None = _click,
    *,
    check: Callable[[], None],
    role: str | None = None,
    scope: Any = None,
) -> Path:
    """Find SPEC `spec_id`'s label on `page` (within `scope`, by ARIA `role` if given), `act`
    on it (click unless told; None = only look), run `check`, screenshot once the page and its
    页签 are settled (tests/e2e/settled.py); returns the PNG."""
    item = spec_items()[spec_id]
    target = None
    if item.label:
        root = scope or page
        found = (
            root.get_by_role(role, name=item.visible, exact=True)
            if role
            else root.get_by_text(item.visible, exact=True)
        )
        target = found.first
        target.wait_for(state="visible")
    if act is not None:
        act(target)
    check()
    path = SHOTS / item.chapter / f"{spec_id}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return settled_screenshot(page, path)
