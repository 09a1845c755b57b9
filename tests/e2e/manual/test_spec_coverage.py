"""Which SPEC ids the browser suite exercises: every spec_step call in tests/e2e names one.

The calls are read from the source (ast), not from a run, so this test is quick and needs no
browser. Until every id is covered, NOT_YET_COVERED lists the rest explicitly and the test fails
when it differs from the truth either way: a newly covered id must be removed from it (so the
set only shrinks), and an id that lost its step shows up as missing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.e2e.manual.steps import spec_items

E2E = Path(__file__).resolve().parents[1]
_ID = re.compile(r"^[A-Z]{2}-\d{2}$")

NOT_YET_COVERED: set[str] = set()  # every SPEC id has its spec_step


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def covered_ids(root: Path = E2E) -> set[str]:
    """The SPEC ids given as string literals to any spec_step(...) call under `root`."""
    found: set[str] = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _called_name(node) == "spec_step":
                found |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and _ID.match(arg.value)
                }
    return found


def test_spec_coverage() -> None:
    spec = set(spec_items())
    covered = covered_ids()
    unknown = covered - spec
    missing = spec - covered
    print(f"covered {len(covered & spec)}/{len(spec)}")
    print("missing:", " ".join(sorted(missing)) or "none")
    assert not unknown, f"spec_step names ids SPEC does not have: {sorted(unknown)}"
    assert not (NOT_YET_COVERED - spec), f"not SPEC ids: {sorted(NOT_YET_COVERED - spec)}"
    newly = NOT_YET_COVERED & covered
    assert not newly, f"now covered, remove from NOT_YET_COVERED: {sorted(newly)}"
    lost = missing - NOT_YET_COVERED
    assert not lost, f"not covered by any spec_step (and not in NOT_YET_COVERED): {sorted(lost)}"
