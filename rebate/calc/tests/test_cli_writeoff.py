"""``writeoff`` of the contract CLI (formats/calc-cli.md): a hand-checked case and bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from rebate.calc import cli

EXAMPLE = Path(__file__).resolve().parent / "examples" / "writeoff-textbook.json"


def document() -> Any:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_two_manuals_by_hand() -> None:
    """Manual A: imports 0615 300,000 + 0654 50,000 − E0864 10,000 − I0844 5,000 = 335,000;
    exports E0715 500,000 + E4600 20,000 − I4600 20,000 = 500,000; rate 0.670000. Declared
    400,000 at 0.65 (13 %/9 %): over = 400,000 × (0.65 − 0.67) = −8,000 → 14: −720.00,
    8: −320.00. Manual B: 0615 I 80,000 / E 100,000 → 0.8; combined 415,000 ÷ 600,000."""
    doc = {"manuals": [
        {"manual_no": "C44039600001", "records": [
            {"direction": "I", "trade_mode": "0615", "amount_cny": "300000.00"},
            {"direction": "I", "trade_mode": "0654", "amount_cny": "50000.00"},
            {"direction": "E", "trade_mode": "0864", "amount_cny": "10000.00"},
            {"direction": "I", "trade_mode": "0844", "amount_cny": "5000.00"},
            {"direction": "E", "trade_mode": "0715", "amount_cny": "500000.00"},
            {"direction": "E", "trade_mode": "4600", "amount_cny": "20000.00"},
            {"direction": "I", "trade_mode": "4600", "amount_cny": "20000.00"},
        ], "declared": [{"fob_cny": "400000.00", "planned_rate": "0.65", "levy_rate": "0.13",
                         "rebate_rate": "0.09"}]},
        {"manual_no": "C44039600002", "records": [
            {"direction": "I", "trade_mode": "0615", "amount_cny": "80000.00"},
            {"direction": "E", "trade_mode": "0615", "amount_cny": "100000.00"},
        ]},
    ]}  # fmt: skip
    out = cli.run_command("writeoff", doc)
    a, b = out["manuals"]
    assert (a["import_total"], a["export_total"], a["actual_rate"]) == (
        "335000.00", "500000.00", "0.670000",
    )  # fmt: skip
    assert (a["refund_adjustment"], a["non_creditable_adjustment"]) == ("-720.00", "-320.00")
    assert (b["actual_rate"], b["declared_exports"], b["refund_adjustment"]) == (
        "0.800000", "0.00", "0.00",
    )  # fmt: skip
    assert out["combined_actual_rate"] == "0.691667"  # 415,000 ÷ 600,000
    assert out["summary"] == {"8": "-320.00", "14": "-720.00"}


def _bad(mutate: Any) -> Any:
    doc = copy.deepcopy(document())
    mutate(doc)
    return doc


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["manuals"][0]["records"][0].update(amount_cny=1), "amount_cny"),
        (lambda d: d["manuals"][0]["records"][0].update(direction="X"), "direction"),
        (lambda d: d["manuals"][0]["records"][0].update(trade_mode="615"), "trade_mode"),
        (lambda d: d["manuals"].append(copy.deepcopy(d["manuals"][0])), "manuals[1].manual_no"),
        (lambda d: d["manuals"][0].update(records=[], corrections=[]), "manuals[0].records"),
        (lambda d: d["manuals"][0]["declared"][0].update(levy_rate="13"), "levy_rate"),
        (lambda d: d["manuals"][0].pop("manual_no"), "manuals[0].manual_no"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(
    mutate: Any, field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_bad(mutate)), encoding="utf-8")
    assert cli.main(["writeoff", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and field in captured.err
