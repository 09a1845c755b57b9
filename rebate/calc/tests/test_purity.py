"""The import contract: rebate.calc imports only the standard library and itself."""

import ast
import sys
from pathlib import Path

CALC = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            names.add("rebate.calc")  # relative imports stay inside the package
    return names


def source_files() -> list[Path]:
    return sorted(
        path for path in CALC.rglob("*.py") if "tests" not in path.relative_to(CALC).parts
    )


def test_calc_imports_no_django_and_no_other_rebate_package() -> None:
    assert len(source_files()) > 10
    offenders = []
    for path in source_files():
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top == "rebate":
                if name != "rebate.calc" and not name.startswith("rebate.calc."):
                    offenders.append(f"{path.name}: {name}")
            elif top not in sys.stdlib_module_names and top != "__future__":
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_the_walk_would_catch_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import django\nfrom rebate.core import models\n", encoding="utf-8")
    assert imported_modules(sample) == {"django", "rebate.core"}
