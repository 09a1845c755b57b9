"""Every doubt code the simulated bureau's review can raise has a 疑点说明 in the product.

The product never imports the simulators, so the guides keep their own table of rules; this
test reads the bureau's review modules (their source, not run) and compares: a new bureau rule
without a guide, or a guide for a rule the bureau does not run, fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rebate.certificates.wire import BY_CODE
from rebate.insight.guide import GUIDES, guide_for
from rebate.insight.guide.certificates import CHECKED, RULES

BUREAU = Path(__file__).resolve().parents[2] / "sim" / "taxbureau"
# Review helpers that raise one rule each (Review.on_file → WBA, ...).
HELPERS = {"on_file": "WBA", "issued_before": "YKJ", "beyond": "CXHG", "known_certificate": "ZMBCZ"}


def _raised_by(function: ast.FunctionDef) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        if name == "doubt" and isinstance(node.args[1], ast.Constant):
            found.add(str(node.args[1].value))
        elif name in HELPERS:
            found.add(HELPERS[name])
    return found


def _certificate_rules() -> dict[str, set[str]]:
    """业务简称 → the rule suffixes the bureau runs on it."""
    tree = ast.parse((BUREAU / "review_certificates.py").read_text(encoding="utf-8"))
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    table = next(
        n.value for n in tree.body
        if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "RULES"
    )  # fmt: skip
    assert isinstance(table, ast.Dict)
    rules = {}
    for key, value in zip(table.keys, table.values, strict=True):
        assert isinstance(key, ast.Constant) and isinstance(value, ast.Name)
        rules[BY_CODE[str(key.value)].short_name] = _raised_by(functions[value.id])
    return rules


def test_every_certificate_rule_the_bureau_runs_is_explained() -> None:
    bureau = _certificate_rules()
    assert bureau == {short: set(suffixes) for short, suffixes in CHECKED.items()}
    assert set().union(*bureau.values()) == set(RULES)
    for short, suffixes in bureau.items():
        for suffix in suffixes:
            assert guide_for(f"DZ_{short.upper()}_{suffix}") is not None, (short, suffix)


def test_every_other_declarations_code_the_bureau_raises_is_explained() -> None:
    source = (BUREAU / "review_other.py").read_text(encoding="utf-8")
    raised = set(re.findall(r'"(QT_[A-Z_]+)"', source))
    assert {"QT_SH_WXX", "QT_PD_ND"} <= raised  # the pattern reads the module
    assert raised == {code for code in GUIDES if code.startswith("QT_")}
    # Where the rule names its form literally, the guide names the same one.
    for section, code in re.findall(r'_found\("([A-Z]+)", record, "(QT_[A-Z_]+)"', source):
        assert GUIDES[code].table == section, code
    # 可跳过 as the bureau raises it; a skippable doubt is a 警告.
    flags = re.findall(r'"(QT_[A-Z_]+)",.*?skippable=(True|False)', source, flags=re.DOTALL)
    assert {code for code, _ in flags} == raised
    for code, skippable in flags:
        guide = GUIDES[code]
        assert guide.skippable == (skippable == "True"), code
        assert guide.level == ("W" if guide.skippable else "E"), code


def test_the_package_checks_the_bureau_raises_are_explained() -> None:
    source = (BUREAU / "form_names.py").read_text(encoding="utf-8")
    [code] = re.findall(r'^CODE = "([A-Z_]+)"', source, flags=re.MULTILINE)
    guide = guide_for(code)
    assert guide is not None and guide.level == "E" and guide.skippable is False
    assert '"E", False' in source  # raised as an error, not skippable, as the guide says
