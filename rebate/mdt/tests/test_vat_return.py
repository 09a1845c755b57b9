"""The VAT return comes first (公告2026年第5号 Art. 15, DOMAIN §16): row 17 from the bureau's filed
增值税纳税申报表, a differing typed value only with a reason, and from 2026 periods no
生成申报数据 while the period's return is not filed (a dated rule; 2025 periods are not held)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.declarations.families import get_family
from rebate.declarations.gates import gate_notices
from rebate.declarations.tests.conftest import CLEAN_PERIOD, PERIOD, october
from rebate.declarations.tests.factories import generate_unsigned
from rebate.mdt import KEY
from rebate.mdt import services as mdt_services
from rebate.mdt.summary_step import MdtSummary

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = date(2026, 11, 5)


def _summary(clerk, period=CLEAN_PERIOD, credit=None, reason=""):
    return mdt_services.summary_generate(
        enterprise=clerk.enterprise, actor=clerk, period=period, vat_transfer_out=D("0.00"),
        ending_credit=credit, ending_credit_reason=reason,
    )  # fmt: skip


def test_row_17_comes_from_the_filed_vat_return(clerk, lines, rates, bureau):
    lines(october(1))
    bureau.vat_returns[CLEAN_PERIOD] = D("1234.56")
    summary = _summary(clerk)
    assert summary.ending_credit == summary.vat_return_credit == D("1234.56")
    assert summary.lines.get(row=17).current == D("1234.56")
    assert MdtSummary().initial(clerk.enterprise, CLEAN_PERIOD)["ending_credit"] == D("1234.56")
    html = MdtSummary().section(clerk.enterprise, CLEAN_PERIOD, None, draft=True)
    assert html["summary"].vat_return_credit == D("1234.56")


def test_a_typed_value_that_differs_needs_a_reason(clerk, lines, rates, bureau, client):
    lines(october(1))
    bureau.vat_returns[CLEAN_PERIOD] = D("1234.56")
    with pytest.raises(ValidationError) as refused:
        _summary(clerk, credit=D("2000.00"))
    assert "期末留底税额2000.00与所属期202610增值税纳税申报表的期末留抵税额1234.56不一致" in str(
        refused.value.message_dict["ending_credit_reason"]
    )
    summary = _summary(clerk, credit=D("2000.00"), reason="留抵税额更正申报中")
    assert summary.lines.get(row=17).current == D("2000.00")
    assert (summary.vat_return_credit, summary.ending_credit_reason) == (
        D("1234.56"), "留抵税额更正申报中",
    )  # fmt: skip
    client.force_login(clerk)
    html = client.get(reverse("mdt:generate") + f"?period={CLEAN_PERIOD}").content.decode()
    assert "第17栏按填写的期末留底税额2000.00，税局增值税纳税申报表的期末留抵税额为1234.56" in html
    assert "差异原因：留抵税额更正申报中" in html


def test_without_a_return_row_17_must_be_typed(clerk, lines, rates, bureau):
    lines(october(1))
    with pytest.raises(ValidationError) as refused:
        _summary(clerk)
    assert "税局尚无所属期202610的增值税纳税申报表，请填写期末留底税额" in str(refused.value)


def test_a_2026_period_without_its_vat_return_is_refused(clerk, lines, rates, bureau):
    lines(october(1))
    family = get_family(KEY)
    (notice,) = [n for n in gate_notices(clerk.enterprise, family, CLEAN_PERIOD, TODAY)
                 if "增值税纳税申报表" in n.message]  # fmt: skip
    assert notice.refuses
    _summary(clerk, credit=D("0.00"))  # typed: the summary itself can be generated
    with pytest.raises(ValidationError) as refused:
        generate_unsigned(clerk, CLEAN_PERIOD)
    assert (
        "所属期202610的增值税纳税申报表尚未申报：自202601所属期起，须先申报增值税再申报免抵退税"
        "（国家税务总局公告2026年第5号第十五条），不能生成申报数据"
    ) in str(refused.value)
    bureau.vat_returns[CLEAN_PERIOD] = D("0.00")  # filed now
    assert generate_unsigned(clerk, CLEAN_PERIOD).period == CLEAN_PERIOD


def test_a_2025_period_is_not_held_by_the_rule(clerk, lines, bureau):
    lines()
    family = get_family(KEY)
    assert not [n for n in gate_notices(clerk.enterprise, family, PERIOD, TODAY)
                if "增值税纳税申报表" in n.message]  # fmt: skip
    _summary(clerk, period=PERIOD, credit=D("100000.00"))
    assert generate_unsigned(clerk, PERIOD).period == PERIOD
