"""Each doubt rule: one case that raises it and one that does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from rebate.calc.checks import (
    DEFAULT_CATALOGUE,
    CatalogueEntry,
    CheckContext,
    CustomsRecord,
    DeclaredLine,
    EarlierDeclared,
    Issue,
    LibraryRow,
    ReturnCertificate,
    WriteoffCycle,
    has_blocking,
    library_from_rows,
    run_checks,
)
from rebate.calc.mdt import GoodsLine, PeriodInput, calculate_period
from rebate.calc.periods import Period

KEY = "530420250040970934001"
EXPORT_DAY = date(2025, 3, 10)
LINE = DeclaredLine(
    line_id="0001", item_key=KEY, export_date=EXPORT_DAY, commodity_code="8501109999",
    unit="007", quantity=D("100"), fob_usd=D("1000.00"), fob_cny=D("7100.00"),
    levy_rate=D("0.13"), rebate_rate=D("0.13"), trade_mode="0110", currency="USD",
    invoice_no="25442000000012345678",
)  # fmt: skip
RECORD = CustomsRecord(
    item_key=KEY, export_date=EXPORT_DAY, commodity_code="8501109999", trade_mode="0110",
    transport_mode="2", destination_country="502", manual_no=None, quantity=D("100"),
    fob_usd=D("1000.00"), fob_cny=D("7100.00"),
)  # fmt: skip
LIBRARY_ROW = LibraryRow(
    "8501109999", date(2020, 1, 1), date(2099, 12, 31), "007", D("0.13"), D("0.13")
)
SUMMARY = calculate_period(
    PeriodInput(Period(2025, 3), [GoodsLine("1", D("1000"), D("7100"), D("0.13"), D("0.13"))],
                ending_credit=D("500"))
).summary  # fmt: skip
CONTEXT: dict[str, Any] = {
    "period": Period(2025, 3),
    "exchange_rates": {("USD", EXPORT_DAY): D("7.1"), ("USD", date(2024, 6, 1)): D("7.1")},
    "today": date(2025, 4, 10),
    "planned_allocation_rate": D("0.70"),
    "writeoffs": {"C1": [WriteoffCycle(date(2024, 1, 1), date(2024, 12, 31), D("0.65"))]},
    "enterprise_class": 1,
    "summary": SUMMARY,
}


def check(mods: dict[str, Any]) -> list[Issue]:
    line = replace(LINE, **mods.get("line", {}))
    record = replace(RECORD, **mods.get("record", {}))
    library = [replace(LIBRARY_ROW, **mods.get("library", {}))]
    ctx_fields = {**CONTEXT, "customs": {KEY: record}, "library": library_from_rows(library)}
    ctx_fields.update(mods.get("ctx", {}))
    lines = [line, *(replace(line, line_id="0002", **extra) for extra in mods.get("extra", []))]
    return run_checks(lines, CheckContext(**ctx_fields))


def bgd(code: str) -> str:
    return "MDT_CKHW_BGD_" + code


JL = {"record": {"trade_mode": "0615", "manual_no": "C1"}}
EARLIER = {KEY: EarlierDeclared(D("100"), D("1000.00"), D("7100.00"))}
RED = frozenset({"HZCJ"})
REVERSAL = {"quantity": D("-100"), "fob_usd": D("-1000.00"), "fob_cny": D("-7100.00")}
RETURNED = frozenset({"HZCJ-TY"})
PARTIAL = {"quantity": D("-40"), "fob_usd": D("-400.00"), "fob_cny": D("-2840.00")}
CERTIFIED = {KEY: ReturnCertificate("TGBS440320260000001", D("2840.00"))}


def merge(base: dict[str, Any], **parts: dict[str, Any]) -> dict[str, Any]:
    return {key: {**base.get(key, {}), **parts.get(key, {})} for key in {*base, *parts}}


CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        bgd("WDZXX"),
        {"ctx": {"customs": {}}},
        {"ctx": {"customs": {}}, "line": {"business_types": RED}},
    ),
    (
        bgd("HZCJ_BYZ"),
        {
            "line": {"business_types": RED, **REVERSAL, "fob_usd": D("-999.00")},
            "ctx": {"earlier": EARLIER},
        },
        {"line": {"business_types": RED, **REVERSAL}, "ctx": {"earlier": EARLIER}},
    ),
    (
        bgd("HZCJ_TY_CG"),
        {
            "line": {"business_types": RETURNED, **PARTIAL, "quantity": D("-101")},
            "ctx": {"earlier": EARLIER},
        },
        {"line": {"business_types": RETURNED, **PARTIAL}, "ctx": {"earlier": EARLIER}},
    ),
    (
        bgd("HZCJ_TY"),
        {
            "line": {"business_types": RETURNED, **PARTIAL},
            "ctx": {"earlier": EARLIER, "returned_goods": {}},
        },
        {
            "line": {"business_types": RETURNED, **PARTIAL},
            "ctx": {"earlier": EARLIER, "returned_goods": CERTIFIED},
        },
    ),
    (bgd("USDLAJ_CY"), {"line": {"fob_usd": D("1100.00")}}, {"line": {"fob_usd": D("1040.00")}}),
    (
        bgd("USDLAJ_GD"),
        {"line": {"fob_usd": D("1100.00")}, "record": {"amended_fob_usd": D("1100.00")}},
        {
            "line": {"fob_usd": D("1100.00"), "has_fob_difference_note": True},
            "record": {"amended_fob_usd": D("1100.00")},
        },
    ),
    (bgd("LSSBJL"), {"ctx": {"earlier": EARLIER}}, {"ctx": {"earlier": {"x": EarlierDeclared()}}}),
    (bgd("BYTS"), {"record": {"no_refund": True}}, {"record": {"no_refund": False}}),
    (
        bgd("SPDM"),
        {"record": {"commodity_code": "8502109999"}},
        {"record": {"commodity_code": "85011099"}},
    ),
    (bgd("MYXZ_BCZ"), {"record": {"trade_mode": None}}, {}),
    (
        bgd("MYXZ_BTS"),
        {"record": {"trade_mode": "0214"}},
        {"record": {"trade_mode": "0615", "manual_no": None}},
    ),
    (
        "MTS_CKHW_BGD_LMYCL_ZZMDG",
        {"line": {"business_types": frozenset({"LMYCL"})}},
        {
            "line": {"business_types": frozenset({"LMYCL"})},
            "record": {"destination_country": "142"},
        },
    ),
    (
        bgd("CKRQ"),
        {"record": {"export_date": date(2025, 3, 9)}},
        {
            "record": {"export_date": date(2025, 3, 9), "transport_mode": "0"},
            "line": {"business_types": frozenset({"BSQ"})},
        },
    ),
    (
        bgd("QYGTS_FLGLCD"),
        {"line": {"business_types": frozenset({"QYGTS"})}, "ctx": {"enterprise_class": 3}},
        {"line": {"business_types": frozenset({"QYGTS"})}, "ctx": {"enterprise_class": 2}},
    ),
    (
        bgd("DWCB_NOT"),
        {"line": {"business_types": frozenset({"DWCB"})}},
        {"line": {"business_types": frozenset({"DWCB"})}, "record": {"trade_mode": "3422"}},
    ),
    (bgd("DWCB_NULL"), {"record": {"trade_mode": "3422"}}, {}),
    (
        bgd("JWTZ_NOT"),
        {"line": {"business_types": frozenset({"JWTZ"})}},
        {"line": {"business_types": frozenset({"JWTZ"})}, "record": {"trade_mode": "2210"}},
    ),
    (bgd("JWTZ_NULL"), {"record": {"trade_mode": "2210"}}, {}),
    (
        bgd("DWYZ_NOT"),
        {"line": {"business_types": frozenset({"DWYZ"})}},
        {"line": {"business_types": frozenset({"DWYZ"})}, "record": {"trade_mode": "3511"}},
    ),
    (bgd("DWYZ_NULL"), {"record": {"trade_mode": "3511"}}, {}),
    (
        bgd("XLXP_NOT"),
        {"line": {"business_types": frozenset({"XLXP"})}},
        {"line": {"business_types": frozenset({"XLXP"})}, "record": {"trade_mode": "1300"}},
    ),
    (
        bgd("XLXP_NULL"),
        {"record": {"trade_mode": "1300"}},
        {"line": {"business_types": frozenset({"XLXP"})}, "record": {"trade_mode": "1300"}},
    ),
    (
        bgd("BSQ_NOT"),
        {"line": {"business_types": frozenset({"BSQ"})}},
        {"line": {"business_types": frozenset({"BSQ"})}, "record": {"transport_mode": "0"}},
    ),
    (bgd("BSQ_NULL"), {"record": {"transport_mode": "0"}}, {}),
    (
        bgd("BSCKZNX"),
        {"record": {"transport_mode": "8", "destination_country": "142"}},
        {"record": {"transport_mode": "8"}},
    ),
    ("MDT_CKHW_CKPZH_YSFS", {"record": {"transport_mode": "T"}}, {}),
    (
        "MDT_JLJG_BDG_NOSCH",
        merge(JL, line={"allocation_rate": D("0.70")}),
        merge(JL, line={"manual_no": "C1", "allocation_rate": D("0.70")}),
    ),
    (
        "MDT_JLJG_JGMYSCH",
        merge(JL, line={"manual_no": "C2", "allocation_rate": D("0.70")}),
        merge(JL, line={"manual_no": "C1", "allocation_rate": D("0.70")}),
    ),
    (
        "MDT_JLJG_BDG_NOFPLV",
        merge(JL, line={"manual_no": "C1"}),
        merge(JL, line={"manual_no": "C1", "allocation_rate": D("0.70")}),
    ),
    (
        "MDT_JLJG_SJFPLV_YHX",
        merge(
            JL,
            line={"manual_no": "C1", "allocation_rate": D("0.70"), "export_date": date(2024, 6, 1)},
            record={"export_date": date(2024, 6, 1)},
        ),
        merge(
            JL,
            line={"manual_no": "C1", "allocation_rate": D("0.65"), "export_date": date(2024, 6, 1)},
            record={"export_date": date(2024, 6, 1)},
        ),
    ),
    (
        "MDT_JLJG_SJFPLV_WHX",
        merge(JL, line={"manual_no": "C1", "allocation_rate": D("0.68")}),
        merge(JL, line={"manual_no": "C1", "allocation_rate": D("0.70")}),
    ),
    ("MDT_JLJG_SCH_NOJLJG", {"line": {"manual_no": "C1"}}, {}),
    (bgd("CKSL"), {"line": {"quantity": D("150")}}, {"line": {"quantity": D("100")}}),
    (
        bgd("USDLAJ"),
        {"record": {"returned_fob_usd": D("100.00")}},
        {"record": {"returned_fob_usd": D("0.50")}},
    ),
    (
        bgd("RMBLAJ"),
        {"record": {"agent_fob_cny": D("200.00")}},
        {"record": {"agent_fob_cny": D("1.00")}},
    ),
    # TAX-SYS: the FOB remainders are checked only once part of the item is used up; a first
    # declaration at the enterprise's rate above customs' figure (its own rate) is not flagged.
    (
        bgd("RMBLAJ"),
        {"line": {"fob_cny": D("7300.00")}, "record": {"returned_fob_cny": D("0.01")}},
        {"line": {"fob_cny": D("7300.00")}},
    ),
    (
        bgd("USDLAJ"),
        {"line": {"fob_usd": D("1030.00")}, "record": {"agent_fob_usd": D("0.01")}},
        {"line": {"fob_usd": D("1030.00")}},
    ),
    ("LOCAL_BGDH_FORMAT", {"line": {"item_key": KEY[:-1]}}, {}),
    ("LOCAL_CKRQ_AFTER_PERIOD", {"ctx": {"period": Period(2025, 2)}}, {}),
    (
        "LOCAL_EXCHANGE_RATE_MISSING",
        {"ctx": {"exchange_rates": {}}},
        {"ctx": {"exchange_rates": None}},
    ),
    ("LOCAL_SPDM_NOT_IN_LIBRARY", {"library": {"valid_from": date(2026, 1, 1)}}, {}),
    ("LOCAL_SPDM_NOT_BASIC", {"library": {"is_basic": False}}, {}),
    ("LOCAL_RATE_MISMATCH", {"library": {"rebate_rate": D("0.09")}}, {}),
    ("LOCAL_UNIT_MISMATCH", {"line": {"unit": "035"}}, {}),
    (
        "LOCAL_TRADE_MODE_NOT_REFUNDABLE",
        {"ctx": {"customs": None}, "line": {"trade_mode": "0214"}},
        {"ctx": {"customs": None}},
    ),
    (
        "LOCAL_DUPLICATE_ITEM",
        {"extra": [{}]},
        {"extra": [{"business_types": RED, **REVERSAL}], "ctx": {"earlier": EARLIER}},
    ),
    (
        "LOCAL_FOB_CNY_USD_MISMATCH",
        {"line": {"fob_cny": D("7200.00")}},
        {"line": {"fob_cny": D("7100.99")}},
    ),
    ("LOCAL_SUMMARY_ARITHMETIC", {"ctx": {"summary": replace(SUMMARY, refund_due=D("0"))}}, {}),
    (
        "LOCAL_DEADLINE",
        {"ctx": {"today": date(2026, 4, 16)}},
        {"ctx": {"today": date(2026, 4, 15)}},
    ),
    (
        "LOCAL_DEADLINE_LATE",
        {"line": {"export_date": date(2026, 2, 10)}, "ctx": {"today": date(2027, 4, 16)}},
        {"line": {"export_date": date(2026, 2, 10)}, "ctx": {"today": date(2027, 4, 15)}},
    ),
    (
        "LOCAL_DEADLINE_NEAR",
        {"ctx": {"today": date(2026, 4, 1)}},
        {"ctx": {"today": date(2026, 3, 1)}},
    ),
    ("LOCAL_INVOICE_FORMAT", {"line": {"invoice_no": "ABC-1"}}, {"line": {"invoice_no": None}}),
]


def codes(issues: list[Issue]) -> set[str]:
    return {issue.code for issue in issues}


def test_the_clean_baseline_raises_nothing() -> None:
    assert check({}) == []


@pytest.mark.parametrize(("code", "raising", "clean"), CASES, ids=[case[0] for case in CASES])
def test_rule_raises_and_does_not_raise(
    code: str, raising: dict[str, Any], clean: dict[str, Any]
) -> None:
    issues = [issue for issue in check(raising) if issue.code == code]
    assert issues, f"{code} was not raised"
    entry = DEFAULT_CATALOGUE[code]
    assert (issues[0].level, issues[0].skippable) == (entry.level, entry.skippable)
    assert "{" not in issues[0].message  # every placeholder was filled
    assert code not in codes(check(clean))


def test_every_catalogue_code_has_a_case() -> None:
    assert {entry.code for entry in DEFAULT_CATALOGUE} == {case[0] for case in CASES}


def test_issue_names_the_record() -> None:
    issue = next(i for i in check({"record": {"no_refund": True}}) if i.code == bgd("BYTS"))
    assert (issue.record.table, issue.record.line_id, issue.record.item_key) == (
        "TSSB",
        "0001",
        KEY,
    )
    assert issue.level == "E" and not issue.skippable and KEY in issue.message
    summary_issue = check({"ctx": {"summary": replace(SUMMARY, refund_due=D("0"))}})[0]
    assert (summary_issue.record.table, summary_issue.record.line_id) == ("SBHZ", "18")


def test_catalogue_is_data_that_callers_can_override() -> None:
    raising = {"ctx": {"earlier": EARLIER}}
    relevelled = DEFAULT_CATALOGUE.with_overrides(
        CatalogueEntry(bgd("LSSBJL"), "E", False, "重复申报：{item_key}")
    )
    issues = run_checks([LINE], CheckContext(**{**CONTEXT, "earlier": EARLIER}), relevelled)
    issue = next(i for i in issues if i.code == bgd("LSSBJL"))
    assert (issue.level, issue.skippable, issue.message) == ("E", False, f"重复申报：{KEY}")
    assert has_blocking(issues)
    assert bgd("LSSBJL") in codes(check(raising))
    silenced = DEFAULT_CATALOGUE.without(bgd("LSSBJL"))
    ctx = CheckContext(**{**CONTEXT, "earlier": EARLIER})
    assert bgd("LSSBJL") not in codes(run_checks([LINE], ctx, silenced))
    assert (
        len(DEFAULT_CATALOGUE.with_overrides(CatalogueEntry("NEW", "I", True, "x")))
        == len(DEFAULT_CATALOGUE) + 1
    )


def test_only_filter_and_blocking_flag() -> None:
    ctx = CheckContext(**{**CONTEXT, "earlier": EARLIER})
    warnings = run_checks([LINE], ctx)
    assert codes(warnings) == {bgd("LSSBJL")}
    assert not has_blocking(warnings)  # 可挑过 only
    assert run_checks([LINE], ctx, only={"LOCAL_DEADLINE"}) == []


def test_unknown_code_in_catalogue_is_a_programming_error() -> None:
    from rebate.calc.checks import Catalogue

    with pytest.raises(KeyError):
        run_checks([LINE], CheckContext(**{**CONTEXT, "earlier": EARLIER}), Catalogue([]))
    with pytest.raises(ValueError, match="duplicate"):
        Catalogue([DEFAULT_CATALOGUE[bgd("BYTS")], DEFAULT_CATALOGUE[bgd("BYTS")]])


def test_without_customs_data_the_customs_rules_are_skipped() -> None:
    ctx = CheckContext(**{**CONTEXT, "customs": None})
    assert (
        run_checks([replace(LINE, fob_usd=D("5000"))], ctx, only={bgd("USDLAJ_CY"), bgd("WDZXX")})
        == []
    )


def test_a_partial_return_reversal_passes_and_a_partial_data_correction_does_not() -> None:
    """DOMAIN §8.2: 冲减可以部分冲掉 for goods returned (HZCJ-TY, within the 退运证明); a plain
    HZCJ (a data correction) reverses the whole declared amount."""
    ctx = {"earlier": EARLIER, "returned_goods": CERTIFIED}
    assert check({"line": {"business_types": RETURNED, **PARTIAL}, "ctx": ctx}) == []
    (wrong,) = check({"line": {"business_types": RED, **PARTIAL}, "ctx": ctx})
    assert wrong.code == bgd("HZCJ_BYZ") and not wrong.skippable
    over = check({"line": {"business_types": RETURNED, **REVERSAL, "fob_cny": D("-7100.01")},
                  "ctx": {"earlier": EARLIER}})  # fmt: skip
    assert [(i.code, i.skippable) for i in over] == [(bgd("HZCJ_TY_CG"), False)]
    assert "人民币离岸价7100.01超过该报关单已申报的7100.00" in over[0].message
    found = check({"line": {"business_types": RETURNED, **PARTIAL, "fob_cny": D("-2900.00")},
                   "ctx": ctx})  # fmt: skip
    (beyond,) = [i for i in found if i.code.startswith(bgd("HZCJ"))]
    assert beyond.code == bgd("HZCJ_TY") and beyond.skippable
    assert "人民币离岸价2900.00超过退运证明TGBS440320260000001的退运人民币离岸价2840.00" in (
        beyond.message
    )
