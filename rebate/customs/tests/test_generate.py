"""生成退税 (DC-05): lines through goods, amounts by rebate.calc, each declaration whole or not at
all (the others still generated), never twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rebate.core.models import StatusChange
from rebate.customs.choices import CheckStatus, GenerationStatus
from rebate.customs.services import declarations_check, declarations_generate
from rebate.customs.sources import provide_planned_allocation_rate
from rebate.goods.models import ExportLine

from .factories import make_declaration, wire_item

pytestmark = pytest.mark.django_db


def checked(enterprise, user, **overrides):
    d = make_declaration(enterprise, **overrides)
    declarations_check(enterprise=enterprise, actor=user, declaration_ids=[d.pk])
    d.refresh_from_db()
    return d


def generate(enterprise, user, *declarations, **options):
    values = {"period": "202603", "invoice_no": "26442000000012345678"}
    values.update(options)
    return declarations_generate(
        enterprise=enterprise, actor=user, declaration_ids=[d.pk for d in declarations], **values
    )


def test_each_item_becomes_a_line(reference, enterprise, user) -> None:
    d = checked(enterprise, user)
    result = generate(enterprise, user, d, business_types="BSQ", contract_no="")
    assert (result.declarations, result.lines) == (1, 2)
    d.refresh_from_db()
    assert d.generation_status == GenerationStatus.GENERATED and d.period == "202603"
    lines = list(ExportLine.objects.for_enterprise(enterprise).order_by("item_key"))
    first = lines[0]
    assert first.item_key == f"{d.entry_id}001"
    assert first.export_date == date(2026, 3, 5)
    assert (first.commodity_code, first.commodity_name, first.unit) == (
        "8501109990",
        "微电机",
        "台",
    )
    assert first.quantity == Decimal("100")
    assert (first.fob_usd, first.fob_cny) == (Decimal("1000.00"), Decimal("7100.00"))
    assert (first.levy_rate, first.rebate_rate) == (Decimal("0.13"), Decimal("0.13"))
    assert first.exempt_credit_refund == Decimal("923.00")  # 7100 × 13 %
    assert first.invoice_no == "26442000000012345678" and first.contract_no == "HT-001"
    assert first.business_types == "BSQ" and first.origin == "customs"
    assert (first.currency, first.usd_rate, first.transaction_rate) == (
        "USD", Decimal("7.100000"), Decimal("7.100000"),
    )  # fmt: skip
    assert lines[1].rebate_rate == Decimal("0.09") and lines[1].unit == "件"
    assert [i.export_line_id for i in d.items.order_by("g_no")] == [line.pk for line in lines]
    change = StatusChange.objects.get(object_id=str(d.pk))
    assert (change.from_state, change.to_state, change.field) == ("0", "1", "generation_status")


def test_fob_is_derived_from_the_transaction_terms(reference, enterprise, user) -> None:
    """Without customs' own FOB figures the product derives them (DOMAIN §12.5)."""
    item = wire_item(1, decl_total=Decimal("1000.00"), fob_usd=None, fob_cny=None)
    d = checked(enterprise, user, trans_mode="1", fee_mark="3", fee_rate=Decimal("100"),
                fee_curr="USD", insur_mark="1", insur_rate=Decimal("0.3"),
                items=(item,))  # fmt: skip
    generate(enterprise, user, d)
    line = ExportLine.objects.get()
    # CIF 1000 − freight 100 − insurance 0.3 % × 1000 = 897 USD; RMB at 7.1.
    assert (line.fob_usd, line.fob_cny) == (Decimal("897.00"), Decimal("6368.70"))


def cif_line(enterprise, user, **item_values):
    """The line of a CIF declaration: 1000 USD less 100 USD freight and 0.3 % insurance."""
    item = wire_item(1, decl_total=Decimal("1000.00"), **item_values)
    d = checked(enterprise, user, trans_mode="1", fee_mark="3", fee_rate=Decimal("100"),
                fee_curr="USD", insur_mark="1", insur_rate=Decimal("0.3"),
                items=(item,))  # fmt: skip
    generate(enterprise, user, d)
    return ExportLine.objects.get()


def test_customs_figures_are_kept_beside_never_used(reference, enterprise, user) -> None:
    """Customs' FOB pair is at its monthly rate: the line keeps it for comparison and computes
    its own amounts from the 原币FOB at the enterprise's rates (DOMAIN §12.5)."""
    line = cif_line(enterprise, user, fob_usd=Decimal("896.55"), fob_cny=Decimal("6365.51"))
    assert (line.transaction_fob, line.fob_usd, line.fob_cny) == (
        Decimal("897.00"), Decimal("897.00"), Decimal("6368.70"),
    )  # fmt: skip
    assert (line.transaction_rate, line.usd_rate) == (Decimal("7.100000"), Decimal("7.100000"))
    assert (line.customs_fob_usd, line.customs_fob_cny) == (Decimal("896.55"), Decimal("6365.51"))


def test_customs_original_currency_fob_is_the_base_when_sent(reference, enterprise, user) -> None:
    """Customs' 原币FOB (its fees converted at its rates) is taken as sent; the amounts are the
    enterprise's: 896.55 × 7.1 = 6365.505 → 6365.51."""
    line = cif_line(enterprise, user, fob_orig=Decimal("896.55"), fob_usd=Decimal("896.55"),
                    fob_cny=Decimal("6275.85"))  # fmt: skip
    assert (line.transaction_fob, line.fob_usd, line.fob_cny) == (
        Decimal("896.55"), Decimal("896.55"), Decimal("6365.51"),
    )  # fmt: skip
    assert line.customs_fob_cny == Decimal("6275.85")  # customs' at its 7.0 monthly rate


def test_euro_price_converted_through_the_enterprise_rates(reference, enterprise, user) -> None:
    item = wire_item(1, trade_curr="EUR", fob_usd=None, fob_cny=None)
    d = checked(enterprise, user, items=(item,))
    generate(enterprise, user, d)
    line = ExportLine.objects.get()
    assert line.fob_cny == Decimal("7800.00")
    assert line.fob_usd == Decimal("1098.59")  # 7800 / 7.1
    assert line.transaction_rate == Decimal("7.800000")


def test_processing_trade_carries_the_manual(reference, enterprise, user) -> None:
    d = checked(enterprise, user, trade_mode="0615", manual_no="C53041234567")
    generate(enterprise, user, d)
    line = ExportLine.objects.order_by("item_key").first()
    assert line.handbook_no == "C53041234567" and line.trade_mode == "0615"
    assert line.allocation_rate is None  # no 计划分配率备案 on file


def test_processing_trade_takes_the_provided_planned_rate(reference, enterprise, user) -> None:
    """The processing family hands its 计划分配率 in (customs may not import a family)."""
    asked = []

    def planned_rate(of):
        def resolve(on, manual_no=""):
            asked.append((of, on, manual_no))
            return Decimal("0.7000")

        return resolve

    previous = provide_planned_allocation_rate(planned_rate)
    try:
        d = checked(enterprise, user, trade_mode="0615", manual_no="C53041234567")
        generate(enterprise, user, d)
    finally:
        provide_planned_allocation_rate(previous)
    assert ExportLine.objects.order_by("item_key").first().allocation_rate == Decimal("0.7000")
    assert asked and asked[0] == (enterprise, d.ie_date, "C53041234567")


def test_generating_twice_is_refused(reference, enterprise, user) -> None:
    d = checked(enterprise, user)
    generate(enterprise, user, d)
    with pytest.raises(ValidationError, match=f"报关单{d.entry_id}已生成退税数据，不能重复生成"):
        generate(enterprise, user, d)
    assert ExportLine.objects.count() == 2


def test_regenerating_after_the_lines_were_deleted(reference, enterprise, user) -> None:
    d = checked(enterprise, user)
    generate(enterprise, user, d)
    ExportLine.objects.all().delete()
    assert generate(enterprise, user, d).lines == 2


def test_unchecked_declaration_is_refused(reference, enterprise, user) -> None:
    d = make_declaration(enterprise)
    with pytest.raises(ValidationError) as error:
        generate(enterprise, user, d)
    assert error.value.messages == [f"报关单{d.entry_id}尚未进行数据检查，请先进行数据检查"]


def test_a_checked_declaration_that_failed_is_told_so(reference, enterprise, user) -> None:
    d = checked(enterprise, user, items=(wire_item(1, code_ts="8471500000"),))
    assert d.check_status == CheckStatus.FAILED
    with pytest.raises(ValidationError) as error:
        generate(enterprise, user, d)
    assert error.value.messages == [
        f"报关单{d.entry_id}数据检查未通过，请按数据检查的问题处理后重新检查"
    ]
    assert "尚未进行" not in error.value.messages[0]


def test_the_good_ones_are_generated_and_the_others_listed(reference, enterprise, user) -> None:
    good = checked(enterprise, user)
    failed = checked(enterprise, user, items=(wire_item(1, code_ts="8471500000"),))
    unchecked = make_declaration(enterprise)
    result = generate(enterprise, user, good, failed, unchecked)
    assert (result.declarations, result.lines) == (1, 2)
    assert sorted(result.refused) == sorted(
        [
            f"报关单{failed.entry_id}数据检查未通过，请按数据检查的问题处理后重新检查",
            f"报关单{unchecked.entry_id}尚未进行数据检查，请先进行数据检查",
        ]
    )
    assert "2张报关单未生成" in result.text()
    assert set(ExportLine.objects.values_list("item_key", flat=True)) == {
        f"{good.entry_id}001",
        f"{good.entry_id}002",
    }
    for d, status in ((good, "1"), (failed, "0"), (unchecked, "0")):
        d.refresh_from_db()
        assert d.generation_status == status, d.entry_id


def test_a_declaration_failing_while_its_lines_are_built_is_left_out_whole(
    reference, enterprise, user
) -> None:
    good = checked(enterprise, user)
    bad = checked(enterprise, user)
    # The code leaves the library after the check: its items cannot become lines.
    bad.items.update(rebate_code="8471500000")
    result = generate(enterprise, user, good, bad)
    assert result.declarations == 1 and len(result.refused) == 1
    assert bad.entry_id in result.refused[0] and "不在退税率文库中" in result.refused[0]
    assert not ExportLine.objects.filter(item_key__startswith=bad.entry_id).exists()
    bad.refresh_from_db()
    assert bad.generation_status == GenerationStatus.NOT_GENERATED


def test_invoice_number_needed_from_dialog_or_declaration(reference, enterprise, user) -> None:
    d = checked(enterprise, user)
    with pytest.raises(ValidationError, match="没有出口发票号"):
        generate(enterprise, user, d, invoice_no="")
    d.invoice_no = "FP-0001"
    d.save()
    generate(enterprise, user, d, invoice_no="")
    assert set(ExportLine.objects.values_list("invoice_no", flat=True)) == {"FP-0001"}


def test_export_date_after_the_period_is_refused(reference, enterprise, user) -> None:
    d = checked(enterprise, user)
    with pytest.raises(ValidationError, match="晚于所属期202602的最后一天"):
        generate(enterprise, user, d, period="202602")


@pytest.mark.parametrize(
    ("options", "field"),
    [({"period": "2026-3"}, "period"), ({"business_types": "XXX"}, "business_types"),
     ({"invoice_no": "发票 1"}, "invoice_no")],
)  # fmt: skip
def test_bad_dialog_input_names_the_field(reference, enterprise, user, options, field) -> None:
    d = checked(enterprise, user)
    with pytest.raises(ValidationError) as error:
        generate(enterprise, user, d, **options)
    assert field in error.value.message_dict


def test_the_code_adjustment_follows_its_lines_into_the_period(reference, enterprise, user):
    from rebate.customs.services.fixes import declaration_item_map_code
    from rebate.goods.models import CodeAdjustment

    d = make_declaration(enterprise, items=(wire_item(1, code_ts="8471500000"),))
    declarations_check(enterprise=enterprise, actor=user, declaration_ids=[d.pk])
    item = d.items.get()
    declaration_item_map_code(
        enterprise=enterprise, actor=user, item_id=item.pk, new_code="8471500001"
    )
    d.refresh_from_db()
    generate(enterprise, user, d, period="202604")
    adjustment = CodeAdjustment.objects.for_enterprise(enterprise).get(item_key=item.item_key)
    assert adjustment.period == "202604"
    assert ExportLine.objects.get().commodity_code == "8471500001"
