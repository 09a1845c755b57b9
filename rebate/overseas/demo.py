"""The demo enterprise's 海外仓 history (`make run`): its pre-refunded HWC-YT lines, declared in
past periods before this system (sim_seed --overseas), taken from the bureau's own list so
the two agree, with the goods from customs' 报关单; then a sale and a 补缴 reported through the
one write path, so 海外仓出口货物核对 opens with rows reconciled, open and overdue.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from rebate.accounts.models import Enterprise, User
from rebate.calc.money import round_amount
from rebate.codes.selectors import rate_lookup
from rebate.core.models import RecordStatus
from rebate.declarations import ports
from rebate.goods.models import ExportLine
from rebate.goods.services import ExportLineInput, export_lines_create
from rebate.integrations.customs import CustomsPort, get_customs_port
from rebate.integrations.taxbureau import OverseasReport, PrerefundedLine, TaxBureauPort

from . import selectors, services

MARKUP = Decimal("1.15")  # the demo's 销售金额 over the 出口销售额


def _input(line: PrerefundedLine, customs_code: str, customs: CustomsPort) -> ExportLineInput:
    found = customs.get_declaration(customs_code=customs_code, entry_id=line.item_key[:18])
    if found is None:
        raise LookupError(f"海关没有报关单{line.item_key[:18]}")
    [item] = [i for i in found.items if i.item_key(found.entry_id) == line.item_key]
    rate = rate_lookup(item.code_ts, line.export_date)
    return ExportLineInput(
        period=line.period, item_key=line.item_key, export_date=line.export_date,
        commodity_code=item.code_ts, commodity_name=item.g_name, unit=item.first_unit,
        quantity=item.first_qty, fob_usd=item.fob_usd or Decimal("0.00"), fob_cny=line.fob_cny,
        levy_rate=rate.levy_rate, rebate_rate=rate.rebate_rate, trade_mode=found.trade_mode,
        business_types=selectors.PREREFUND_TYPE, currency=item.trade_curr,
        sequence_no=line.line_no,
    )  # fmt: skip


def seed_overseas(
    enterprise: Enterprise,
    actor: User,
    today: date,
    *,
    bureau: TaxBureauPort | None = None,
    customs: CustomsPort | None = None,
) -> list[ExportLine]:
    """Once: the bureau's listed lines as declared 明细, the first of each period reconciled."""
    if selectors.prerefunded_lines(enterprise).exists():
        return []
    port = bureau or ports.bureau()
    listed = port.overseas_unreconciled(customs_code=enterprise.customs_code)
    if not listed:
        return []
    source = customs or get_customs_port()
    inputs = [_input(line, enterprise.customs_code, source) for line in listed]
    lines = export_lines_create(enterprise=enterprise, actor=actor, lines=inputs)
    # declared before this system, in the bureau's own declaration: no batch of ours
    ExportLine.objects.filter(pk__in=[line.pk for line in lines]).update(
        status=RecordStatus.DECLARED
    )
    firsts: dict[str, ExportLine] = {}
    for line in ExportLine.objects.filter(pk__in=[line.pk for line in lines]).order_by("id"):
        firsts.setdefault(line.period, line)
    for index, line in enumerate(firsts.values()):
        if index % 2 == 0:
            sold_on = min(line.export_date + timedelta(days=45), today)
            report = OverseasReport("sold", sold_on, round_amount(line.fob_cny * MARKUP))
        else:
            report = OverseasReport("unsold", None, None, "repay", line.exempt_credit_refund,
                                    "海外仓盘亏，未售出部分补缴已退税款")  # fmt: skip
        services.record_reconciliation(
            enterprise=enterprise, actor=actor, line=line, report=report, port=port, today=today
        )
    return lines
