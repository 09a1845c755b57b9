"""The explainer's data covers every code the checks can raise, and only those."""

from __future__ import annotations

from rebate.calc.checks import DEFAULT_CATALOGUE
from rebate.insight.guide import GUIDES, TABLE_LABELS, guide_for
from rebate.mdt import checks as mdt_checks


def test_every_catalogue_code_has_an_explanation():
    missing = [entry.code for entry in DEFAULT_CATALOGUE if guide_for(entry.code) is None]
    assert not missing, f"疑点说明 missing for {missing}"


def test_the_families_own_check_codes_have_one_too():
    # 免抵退's 数据一致性检查 adds two rules calc has no data for (rebate.mdt.checks).
    for code in (mdt_checks.RECEIPT_MISSING, mdt_checks.RETURN_UNCERTIFIED):
        assert guide_for(code) is not None, code


def test_each_explanation_says_what_where_and_how():
    for guide in GUIDES.values():
        assert guide.title and guide.meaning and guide.fix, guide.code
        assert guide.fields, f"{guide.code} names no field"
        assert guide.table in TABLE_LABELS, guide.code


def test_a_fob_difference_may_be_explained_a_commodity_code_may_not():
    assert "离岸价差异原因说明表" in guide_for("MDT_CKHW_BGD_USDLAJ_CY").note
    assert guide_for("MDT_CKHW_BGD_SPDM").note == ""
    assert guide_for("LOCAL_SUMMARY_ARITHMETIC").table_label == "《免抵退税申报汇总表》"
