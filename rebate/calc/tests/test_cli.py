"""The contract CLI (formats/calc-cli.md): examples, bad input, in-process and as a process."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rebate.calc import cli

REPO_ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = Path(__file__).resolve().parent / "examples"
CASES = [
    ("period", "period-textbook"),
    ("period", "period-processing-trade"),
    ("fob", "fob-cif"),
    ("writeoff", "writeoff-textbook"),
]


def run_cli(command: str, path: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "rebate.calc", command, str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
    )


def expected(name: str) -> Any:
    return json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("command", "name"), CASES)
def test_examples_through_the_real_cli(command: str, name: str) -> None:
    completed = run_cli(command, EXAMPLES / f"{name}.json")
    assert completed.returncode == 0, completed.stderr.decode()
    assert completed.stderr == b""
    assert json.loads(completed.stdout.decode("utf-8")) == expected(name)


@pytest.mark.parametrize(("command", "name"), CASES)
def test_examples_in_process(command: str, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([command, str(EXAMPLES / f"{name}.json")]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == expected(name)
    assert captured.err == ""


def test_output_amounts_are_strings_with_two_decimals() -> None:
    document = json.loads((EXAMPLES / "period-processing-trade.json").read_text(encoding="utf-8"))
    output = cli.run_command("period", document)
    values = [*output["summary"].values()]
    values += [v for line in output["goods"] for k, v in line.items() if k != "id"]
    assert all(isinstance(v, str) and v.split(".")[1].__len__() == 2 for v in values)
    assert set(output) == {"goods", "summary"}
    assert list(output["summary"]) == [str(n) for n in range(1, 20)]


def test_services_and_writeoff_in_the_cli() -> None:
    document = {
        "period": "202605",
        "goods": [],
        "services": [
            {
                "id": "S1",
                "usd": "100.00",
                "cny": "710.00",
                "levy_rate": "0.06",
                "rebate_rate": "0.06",
            }
        ],
        "processing_writeoff": {"non_creditable_adjustment": "10.00", "refund_adjustment": "-5.00"},
        "ending_credit": "100.00",
    }
    output = cli.run_command("period", document)
    assert output["services"] == [
        {"id": "S1", "non_creditable": "0.00", "exempt_credit_refund": "42.60"}
    ]
    assert output["summary"]["8"] == "10.00" and output["summary"]["14"] == "-5.00"
    assert output["summary"]["15"] == "37.60" and output["summary"]["18"] == "37.60"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def mutate(name: str, change: Any) -> dict[str, Any]:
    document = copy.deepcopy(load(name))
    change(document)
    return document


TEXTBOOK, PROCESSING, FOB = "period-textbook", "period-processing-trade", "fob-cif"
BAD_INPUTS: list[tuple[str, str, Any, str]] = [
    ("missing field", TEXTBOOK, lambda d: d["goods"][0].pop("fob_cny"), "goods[0].fob_cny"),
    ("missing period", TEXTBOOK, lambda d: d.pop("period"), "period"),
    (
        "non-numeric amount",
        TEXTBOOK,
        lambda d: d["goods"][0].update(fob_cny="abc"),
        "goods[0].fob_cny",
    ),
    (
        "JSON number amount",
        TEXTBOOK,
        lambda d: d["goods"][0].update(fob_cny=2000000.0),
        "goods[0].fob_cny",
    ),
    ("JSON integer amount", PROCESSING, lambda d: d.update(carried_offset=2000), "carried_offset"),
    (
        "rate in percent",
        TEXTBOOK,
        lambda d: d["goods"][0].update(levy_rate="13"),
        "goods[0].levy_rate",
    ),
    (
        "three decimals",
        TEXTBOOK,
        lambda d: d["vat_return"].update(input_tax="1.005"),
        "vat_return.input_tax",
    ),
    (
        "both credit sources",
        TEXTBOOK,
        lambda d: d.update(ending_credit="1.00"),
        "ending_credit/vat_return",
    ),
    (
        "neither credit source",
        PROCESSING,
        lambda d: d.pop("ending_credit"),
        "ending_credit/vat_return",
    ),
    ("bad period", TEXTBOOK, lambda d: d.update(period="2026-05"), "period"),
    ("unknown field", TEXTBOOK, lambda d: d["goods"][0].update(fob_rmb="1.00"), "goods[0].fob_rmb"),
    ("goods not a list", TEXTBOOK, lambda d: d.update(goods={}), "goods"),
    ("unknown transaction term", FOB, lambda d: d.update(transaction_term="9"), "transaction_term"),
    ("numeric transaction term", FOB, lambda d: d.update(transaction_term=1), "transaction_term"),
    ("currency without rate", FOB, lambda d: d.update(currency="EUR"), "rates.EUR"),
    ("fee currency without rate", FOB, lambda d: d["freight"].update(currency="GBP"), "rates.GBP"),
    ("bad fee mark", FOB, lambda d: d["insurance"].update(mark="4"), "insurance.mark"),
    ("missing item total", FOB, lambda d: d["items"][1].pop("total"), "items[1].total"),
    ("JSON number rate", FOB, lambda d: d["rates"].update(USD=7.1), "rates.USD"),
]


@pytest.mark.parametrize(
    ("label", "name", "change", "field"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_exits_2_with_one_line_naming_the_field(
    label: str, name: str, change: Any, field: str, tmp_path: Path
) -> None:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(mutate(name, change)), encoding="utf-8")
    command = "fob" if name == FOB else "period"
    completed = run_cli(command, path)
    assert completed.returncode == 2
    assert completed.stdout == b""
    stderr = completed.stderr.decode("utf-8")
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"{field}: "), stderr


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        ("{not json", "FILE", "not valid JSON"),
        ('{"period": "202605", "period": "202606"}', "FILE", "duplicate key 'period'"),
        ('{"period": NaN}', "FILE", "NaN is not allowed"),
        ("[]", "input", "must be a JSON object"),
    ],
)
def test_malformed_documents(
    text: str, field: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.json"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["period", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith("\n") and captured.err.count("\n") == 1
    assert captured.err.startswith((str(path) if field == "FILE" else field) + ": ")
    assert problem in captured.err


def test_usage_and_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert cli.main(["sum", "x.json"]) == 2
    assert cli.main(["period", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "usage:" in err and "missing.json: cannot read" in err


def test_a_float_in_the_json_is_refused_not_rounded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = load(TEXTBOOK)
    text = json.dumps(document).replace('"2000000.00"', "2000000.005")
    path = tmp_path / "float.json"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["period", str(path)]) == 2
    assert "goods[0].fob_cny: a JSON number" in capsys.readouterr().err
