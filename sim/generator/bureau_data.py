"""The tax bureau's side of a generated enterprise: 备案, 文库, invoices, 收汇, history.

History months (all but the newest ``OPEN_MONTHS``) are formally declared and approved at the
bureau, as if the enterprise had declared them in earlier periods; their review feedback is
then downloadable, and an item of theirs declared again is a duplicate (LSSBJL).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from rebate.calc.money import round_amount
from rebate.calc.periods import Period
from sim.customs.bulk import fast_insert
from sim.taxbureau import overseas
from sim.taxbureau.models import (
    DeclaredLine,
    FxReceipt,
    Invoice,
    RateRow,
    Status,
    Submission,
    VatReturn,
)
from sim.taxbureau.models import Enterprise as BureauEnterprise

from . import reference
from .customs_month import GeneratedDeclaration
from .packages import period_lines, summary_rows
from .profile import enterprise_hash

RECEIPT_RATE = 0.85  # share of invoices already paid in history months


def ensure_rate_library(customs_code: str) -> None:
    """The bureau's 文库 rows of the enterprise's products, one per dated step of the code."""
    known = set(RateRow.objects.values_list("code", flat=True))
    rows = [
        RateRow(
            code=p.code, name=p.name, valid_from=start, valid_to=end, unit=p.unit,
            levy_rate=p.levy_rate, rebate_rate=rate,
        )
        for p in reference.catalogue(customs_code)
        if p.code not in known
        for start, end, rate in reference.rate_periods(p.code, p.levy_rate)
    ]  # fmt: skip
    RateRow.objects.bulk_create(rows)


def invoice_number(customs_code: str, period: Period, index: int) -> str:
    """数电票 number: year(2) + 广东(44) + channel(1) + 15-digit sequence (20 digits)."""
    sequence = f"{enterprise_hash(customs_code):04d}{period.month:02d}{index:09d}"
    return f"{period.year % 100:02d}441{sequence}"


def write_invoices(
    bureau: BureauEnterprise,
    period: Period,
    declarations: list[GeneratedDeclaration],
    rng: random.Random,
    paid: bool,
) -> None:
    rates = reference.monthly_rates(period)
    invoices, receipts = [], []
    for index, generated in enumerate(declarations):
        head = generated.head
        currency = generated.items[0].trade_curr
        amount = sum((item.decl_total for item in generated.items), Decimal("0.00"))
        number = invoice_number(bureau.customs_code, period, index)
        invoices.append(
            Invoice(
                enterprise=bureau, invoice_no=number, issued_on=head.ie_date,
                entry_id=head.entry_id, currency=currency, amount=amount,
                amount_cny=round_amount(amount * rates.get(currency, Decimal(1))),
            )
        )  # fmt: skip
        if paid and rng.random() < RECEIPT_RATE:
            receipts.append(
                FxReceipt(
                    enterprise=bureau, voucher_no=f"FX{number}", invoice_no=number,
                    received_on=head.ie_date + timedelta(days=rng.randint(30, 90)),
                    currency=currency, amount=amount, payer=f"Overseas Buyer {head.trade_country}",
                    payer_country=head.trade_country,
                )
            )  # fmt: skip
    Invoice.objects.bulk_create(invoices, batch_size=2000)
    FxReceipt.objects.bulk_create(receipts, batch_size=2000)


def declare_history(bureau: BureauEnterprise, period: Period) -> None:
    """An approved formal declaration of ``period`` with its lines (the bureau's 已申报). Its row
    17 is the 期末留抵 of the period's 增值税纳税申报表 the bureau holds (filed first, Art. 15),
    so 应退税额 = min(row 15, that 期末留抵) as the bureau's own review computes it."""
    lines = period_lines(bureau.customs_code, period)
    filed = VatReturn.objects.filter(enterprise=bureau, period=str(period)).first()
    summary = summary_rows(period, lines, filed.ending_credit if filed is not None else None)
    values = {row.row: row.current for row in summary}
    moment = datetime.combine(period.next().first_day + timedelta(days=9), datetime.min.time(), UTC)
    submission = Submission.objects.create(
        enterprise=bureau, receipt_no=f"{bureau.customs_code}{period}H01",
        filename=f"{bureau.customs_code}_{period}_scsb.xml", business_code="A0305001",
        period=str(period), card_no="", digest="", package_gz=None, line_count=len(lines),
        status=Status.PASSED, submitted_at=moment, checked_at=moment, declared_at=moment,
        reviewed_on=(moment + timedelta(days=12)).date(),
        fob_usd_total=sum((line.fob_usd for line in lines), Decimal("0.00")),
        fob_cny_total=sum((line.fob_cny for line in lines), Decimal("0.00")),
        exempt_credit_refund=values[11], refund=values[18], exempt_credit=values[19],
        summary={str(row.row): [str(row.current), str(row.year_to_date)] for row in summary},
    )  # fmt: skip
    columns = ("submission_id", "enterprise_id", "line_no", "item_key", "quantity", "fob_usd",
               "fob_cny", "exempt_credit_refund")  # fmt: skip
    rows = (
        (submission.pk, bureau.pk, line.line_no, line.item_key, line.quantity, line.fob_usd,
         line.fob_cny, line.exempt_credit_refund)
        for line in lines
    )  # fmt: skip
    fast_insert(DeclaredLine, columns, rows)
    # its HWC-YT (海外仓 9810) lines join the bureau's list of pre-refunded lines, as at 确认申报
    overseas.record_declared(submission, lines, [line.exempt_credit_refund for line in lines])
