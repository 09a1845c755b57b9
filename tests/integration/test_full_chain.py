"""The whole 免抵退 chain against the simulators (issue 8).

seed → 报关单 download → check → 生成退税 → the clerk's own data (with the planted mistakes) →
汇总 → 申报数据 → 自检 shows exactly the planted doubt codes → fix them
(撤销, edit, 差异说明, remove lines without e-info) → 数据一致性检查 clean → regenerate → 自检
clean → 确认申报 → 审核通过 → 数据查询 shows approved = computed; then a 冲减 of a declared
line next period.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from rebate.customs import services as customs
from rebate.customs.models import Declaration
from rebate.declarations import selectors, services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import get_family
from rebate.declarations.tests.factories import generate_signed
from rebate.goods import services as goods
from rebate.goods.models import ExportLine
from rebate.goods.writeback import WriteBackItem, export_lines_write_back
from rebate.mdt import services as mdt_services

from .conftest import World

pytestmark = pytest.mark.django_db(transaction=True)
PERIOD = "202609"
LINE_FIXES = {  # planted kind → (the line field the clerk typed wrong, the sim's override key)
    "fob_diff": ("fob_usd", "fob_usd"),
    "code_changed": ("commodity_code", "commodity_code"),
    "date_mismatch": ("export_date", "export_date"),
    "over_quantity": ("quantity", "quantity"),
    "missing_manual": ("handbook_no", "manual_no"),
    "missing_rate": ("allocation_rate", "allocation_rate"),
}
REMOVED_CODES = ("MDT_CKHW_BGD_WDZXX", "MDT_CKHW_BGD_MYXZ_BTS")
DUPLICATE_CODES = {
    "MDT_CKHW_BGD_LSSBJL",
    "MDT_CKHW_BGD_CKSL",
    "MDT_CKHW_BGD_USDLAJ",
    "MDT_CKHW_BGD_RMBLAJ",
}


def file_planned_rate(world: World) -> None:
    """计划分配率备案 (JL-01) of the enterprise's manual, declared before the year's lines are
    generated: 生成退税 then gives every 进料加工 line the rate on file on its export date."""
    from django.apps import apps

    from rebate.processing.tests.helpers import file_planned_rate as declare_rate

    manual = (
        apps.get_model("sim_customs", "Manual")
        .objects.filter(enterprise__customs_code=world.enterprise.customs_code)
        .order_by("valid_from")
        .first()
    )
    batch = declare_rate(
        world.clerk, manual.manual_no, manual.planned_import_total, manual.planned_export_total,
        date(2026, 1, 1), "202606",
    )  # fmt: skip
    assert batch.status == BatchStatus.PASSED


def planned_rate_on_file(world: World) -> None:
    """The 计划分配率备案 as already declared (a browser chain's card signs only in the browser):
    the record of the enterprise's manual, 已申报, the rate the bureau holds."""
    from django.apps import apps

    from rebate.core.models import RecordStatus
    from rebate.processing.models import PlannedRate
    from rebate.processing.records import planned_service

    manual = (
        apps.get_model("sim_customs", "Manual")
        .objects.filter(enterprise__customs_code=world.enterprise.customs_code)
        .order_by("valid_from")
        .first()
    )
    row = planned_service.create(
        enterprise=world.enterprise, actor=world.clerk,
        data={"period": "202606", "manual_no": manual.manual_no,
              "planned_imports": manual.planned_import_total,
              "planned_exports": manual.planned_export_total, "valid_from": date(2026, 1, 1)},
    )  # fmt: skip
    PlannedRate.objects.filter(pk=row.pk).update(status=RecordStatus.DECLARED)


def invoice(world: World, ids: list[int]) -> None:
    """出口发票修改 (DC-08): each 报关单 gets its own 20-digit 数电票 number."""
    for pk in ids:
        customs.declarations_set_invoice(
            enterprise=world.enterprise,
            actor=world.clerk,
            declaration_ids=[pk],
            invoice_no=f"2644{pk:016d}",
        )


def collect(world: World, period: str, first: date, last: date) -> None:
    e, clerk = world.enterprise, world.clerk
    customs.declarations_download(enterprise=e, actor=clerk, date_from=first, date_to=last)
    ids = list(
        Declaration.objects.filter(enterprise=e, ie_date__range=(first, last)).values_list(
            "pk", flat=True
        )
    )
    invoice(world, ids)
    customs.declarations_check(enterprise=e, actor=clerk, declaration_ids=ids)
    passed = Declaration.objects.filter(pk__in=ids, check_status="passed")
    customs.declarations_generate(
        enterprise=e,
        actor=clerk,
        period=period,
        declaration_ids=list(passed.values_list("pk", flat=True)),
    )


def as_typed(field: str, text: str) -> Any:
    if field == "export_date":
        return date.fromisoformat(text)
    if field in ("fob_usd", "quantity"):
        return Decimal(text)
    if field == "allocation_rate":
        return Decimal(text) if text else None
    return text


def type_mistakes(world: World) -> dict[int, dict[str, Any]]:
    """The clerk's own data differs from customs as planted; returns the correct values."""
    originals: dict[int, dict[str, Any]] = {}
    for case in world.planted(PERIOD):
        field, key = LINE_FIXES.get(case.kind, ("", ""))
        line = ExportLine.objects.filter(
            enterprise=world.enterprise, item_key=case.item_key
        ).first()
        if not field or line is None or line.pk in originals:
            continue
        originals[line.pk] = {field: getattr(line, field)}
        goods.export_line_update(
            obj=line,
            enterprise=world.enterprise,
            actor=world.clerk,
            data={field: as_typed(field, case.overrides[key])},
        )
    return originals


def declare_again(world: World) -> None:
    """The planted duplicate: an item of an earlier (declared) month declared again."""
    for case in world.planted(PERIOD):
        if (
            case.kind == "duplicate"
            and not ExportLine.objects.filter(item_key=case.item_key).exists()
        ):
            entry = case.item_key[:18]
            customs.declarations_download(
                enterprise=world.enterprise, actor=world.clerk, entry_id=entry
            )
            decl = Declaration.objects.get(enterprise=world.enterprise, entry_id=entry)
            invoice(world, [decl.pk])
            customs.declarations_check(
                enterprise=world.enterprise, actor=world.clerk, declaration_ids=[decl.pk]
            )
            customs.declarations_generate(
                enterprise=world.enterprise,
                actor=world.clerk,
                period=PERIOD,
                declaration_ids=[decl.pk],
            )
            others = ExportLine.objects.filter(
                enterprise=world.enterprise, period=PERIOD, item_key__startswith=entry
            ).exclude(item_key=case.item_key)
            for line in others:
                goods.export_line_delete(obj=line, enterprise=world.enterprise, actor=world.clerk)


def generate_and_check(world: World, capture: Any, period: str = PERIOD, check: bool = True) -> Any:
    """汇总 → 申报数据 → 自检; with ``check`` the local 数据一致性检查 first, which must then
    find nothing 不可跳过 (such problems refuse 生成汇总数据)."""
    e, clerk = world.enterprise, world.clerk
    if check:
        run = services.consistency_check(enterprise=e, actor=clerk, family="mdt", period=period)
        assert not run.blocking_count, list(run.issues.values_list("code", "item_key"))
    mdt_services.summary_generate(
        enterprise=e,
        actor=clerk,
        period=period,
        vat_transfer_out=Decimal("0.00"),
        ending_credit=None,  # row 17 from the VAT return filed at the bureau (Art. 15)
    )
    batch = generate_signed(clerk, period)
    with capture(execute=True):
        services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    services.batch_refresh(enterprise=e, actor=clerk, batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def test_full_chain(world, django_capture_on_commit_callbacks):
    e, clerk = world.enterprise, world.clerk
    file_planned_rate(world)
    collect(world, PERIOD, date(2026, 9, 1), date(2026, 9, 30))
    processing = ExportLine.objects.filter(
        enterprise=e, period=PERIOD, trade_mode__in=("0615", "0715")
    )
    assert processing.exists() and not processing.filter(allocation_rate__isnull=True).exists()
    assert set(processing.values_list("allocation_rate", flat=True)) == {Decimal("0.650000")}
    originals = type_mistakes(world)
    declare_again(world)
    in_package = set(
        ExportLine.objects.filter(enterprise=e, period=PERIOD).values_list("item_key", flat=True)
    )
    expected = {
        (c.item_key, c.expected_code) for c in world.planted(PERIOD) if c.item_key in in_package
    }
    assert expected, world.seed_output

    # The clerk skips 数据一致性检查 (its 不可跳过 problems would refuse 生成汇总数据), so the
    # planted mistakes reach the bureau's self-check.
    batch = generate_and_check(world, django_capture_on_commit_callbacks, check=False)
    found = {(d.item_key, d.code) for d in batch.doubts.all()}
    # Every planted case the package carries comes back with its code …
    assert expected <= found, sorted(expected - found)
    # … and nothing else: every 进料加工 line carries the 计划分配率 on file (no NOFPLV).
    assert found == expected, sorted(found - expected)
    assert batch.status == BatchStatus.BLOCKED
    states = ["generated", "checking", "blocked"]

    # Fix: 撤销 the batch, then correct the lines, add a 差异说明, drop lines without e-info.
    services.batch_revoke(enterprise=e, actor=clerk, batch_id=batch.pk, reason="修改疑点数据")
    states.append("revoked")
    fix_doubts(world, originals, batch)
    again = generate_and_check(world, django_capture_on_commit_callbacks)
    assert not again.doubts.filter(skippable=False).exists(), list(
        again.doubts.values_list("code", "item_key")
    )
    assert again.status == BatchStatus.CHECKED and again.batch_no == "02"
    states += ["generated", "checking", "checked"]

    services.batch_confirm(enterprise=e, actor=clerk, batch_id=again.pk)
    services.batch_refresh(enterprise=e, actor=clerk, batch_id=again.pk)
    again.refresh_from_db()
    assert again.status == BatchStatus.PASSED
    states += ["declared", "passed"]
    history = list(selectors.batches(e, "mdt").values_list("status", flat=True))
    assert sorted(history) == ["passed", "revoked"]

    [row] = selectors.query_rows(e, get_family("mdt"), PERIOD)
    assert row.review is not None and not row.differs
    figures = {f.label: f for f in row.figures}
    assert figures["免抵退税额"].approved == again.figure("exempt_credit_refund")
    assert figures["应退税额"].approved == again.summary.lines.get(row=18).current
    print("STATES", " → ".join(states), "DOUBTS", sorted({c for _, c in expected}))

    reverse_next_period(world, again)


def explain_fob(world: World, line: ExportLine, customs_fob: Decimal) -> None:
    """差异说明 (TS-08): the invoice FOB stays, the difference is explained."""
    goods.fob_difference.create(
        enterprise=world.enterprise,
        actor=world.clerk,
        data={
            "period": PERIOD,
            "item_key": line.item_key,
            "invoice_no": line.invoice_no or "0",
            "invoice_fob_usd": line.fob_usd,
            "invoice_fob_cny": line.fob_cny,
            "fob_usd": customs_fob,
            "fob_cny": line.fob_cny,
            "reason": "发票金额含佣金折扣，与报关单离岸价存在差异",
        },
    )


def fix_doubts(world: World, originals: dict[int, dict[str, Any]], batch: Any) -> None:
    """After 撤销: edit the mistyped lines back, explain FOB differences, drop lines that cannot
    be declared (no e-info, non-refundable trade mode, declared before)."""
    e, clerk = world.enterprise, world.clerk
    for pk, values in originals.items():
        line = ExportLine.objects.get(pk=pk)
        if "fob_usd" in values:
            explain_fob(world, line, values["fob_usd"])
        else:
            goods.export_line_update(obj=line, enterprise=e, actor=clerk, data=values)
    explained = {pk for pk, values in originals.items() if "fob_usd" in values}
    for doubt in batch.doubts.filter(skippable=False):
        lines = ExportLine.objects.filter(enterprise=e, period=PERIOD, item_key=doubt.item_key)
        for line in lines:
            if doubt.code in REMOVED_CODES:
                goods.export_line_delete(obj=line, enterprise=e, actor=clerk)
            elif doubt.code == "MDT_CKHW_BGD_USDLAJ_CY" and line.pk not in explained:
                explained.add(line.pk)
                explain_fob(world, line, line.fob_usd)


def reverse_next_period(world: World, declared_batch: Any) -> None:
    """冲减 (HZCJ) of one declared line in the next period: the full reversal passes self-check."""
    e, clerk = world.enterprise, world.clerk
    line = (
        ExportLine.objects.filter(declaration_batch_id=declared_batch.pk)
        .order_by("sequence_no")
        .first()
    )
    [reversal] = export_lines_write_back(
        enterprise=e,
        actor=clerk,
        period="202610",
        kind="HZCJ",
        items=[WriteBackItem(line.pk, line.quantity, line.fob_usd, line.fob_cny)],
    )
    assert (
        reversal.fob_cny == -line.fob_cny
        and reversal.exempt_credit_refund == -line.exempt_credit_refund
    )
