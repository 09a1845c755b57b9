"""The lifecycle engine names no family (issue 15's proof): ``grep`` of rebate/declarations, tests
and migrations aside, for 免抵退's model, business code, short name, domain apps and family key
finds nothing. A family's names live in its own app (rebate.mdt) and reach the engine as hooks."""

from __future__ import annotations

import re
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]
SKIPPED = {"tests", "migrations", "__pycache__"}
NAMES = re.compile(r"ExportLine|A0305001|scsb|rebate\.goods|rebate\.service_exports|\"mdt\"|'mdt'")


def family_names(root: Path) -> list[str]:
    """``file:line: text`` of every line under ``root`` (tests and migrations aside) that names
    a family."""
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or SKIPPED & set(path.relative_to(root).parts):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and fonts name nothing
        for number, line in enumerate(text.splitlines(), 1):
            if NAMES.search(line):
                hits.append(f"{path.relative_to(root.parent)}:{number}: {line.strip()}")
    return hits


def test_the_engine_names_no_family():
    hits = family_names(ENGINE)
    assert not hits, "the engine names a family:\n" + "\n".join(hits)


def test_the_scan_finds_each_name_outside_tests_and_migrations(tmp_path):
    engine = tmp_path / "declarations"
    (engine / "views").mkdir(parents=True)
    (engine / "tests").mkdir()
    (engine / "migrations").mkdir()
    planted = [
        "from rebate.goods.models import ExportLine",
        "CODE = 'A0305001'",
        'SHORT = "scsb"',
        "import rebate.service_exports",
        'if family == "mdt":',
        "key = 'mdt'",
    ]
    (engine / "views" / "page.py").write_text("\n".join(["ok = 1", *planted]), encoding="utf-8")
    (engine / "tests" / "test_x.py").write_text('FAMILY = "mdt"', encoding="utf-8")
    (engine / "migrations" / "0001.py").write_text("'A0305001'", encoding="utf-8")
    (engine / "logo.png").write_bytes(b"\x89PNG\xff\xfe")
    hits = family_names(engine)
    assert [hit.split(": ", 1)[1] for hit in hits] == planted
    assert hits[0].startswith("declarations/views/page.py:2: ")
