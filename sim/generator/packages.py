"""The enterprise's own declaration of a period, as the generator knows it should look.

Lines are built from the customs data (current values, as the product would download them),
the invoices and the planted overrides, with the amounts computed by ``rebate.calc`` as the
product computes them: the 原币FOB at the central parity of the export day (当天, the default
汇率折算方式) from the world's one series; the
package is written with the published writer and signed with the generator's card. Tests and
benches submit these packages to the bureau and compare the doubts with what was planted.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from rebate.calc.fob import line_fob
from rebate.calc.mdt import GoodsLine as CalcLine
from rebate.calc.mdt import PeriodInput, calculate_period, compute_goods
from rebate.calc.money import round_amount
from rebate.calc.periods import Period
from rebate.integrations.wire.canonical import Signer, private_key_signer
from rebate.integrations.wire.package import (
    BUSINESS_CODE,
    SHORT_NAME,
    GoodsLine,
    PackageHead,
    SummaryRow,
    write_package,
)
from sim.customs import models as customs
from sim.rates import series
from sim.taxbureau.models import Enterprise as BureauEnterprise
from sim.taxbureau.models import Invoice, PlantedAnomaly, SeedCard, VatReturn

from . import reference
from .manuals import PROCESSING_MODES
from .overseas import OVERSEAS_MODE, PREREFUND_TYPE

ITEM_FIELDS = (
    "g_no", "code_ts", "g_name", "first_qty", "first_unit", "decl_total", "trade_curr",
    "fob_orig", "fob_usd", "fob_cny", "declaration__entry_id", "declaration__ie_date",
    "declaration__trade_mode", "declaration__manual_no", "declaration__contr_no",
)  # fmt: skip
ENDING_CREDIT_SHARE = Decimal("0.4")  # 期末留抵 as a share of 免抵退税额 (demo VAT return)


def _amounts(row: dict[str, object], export_date: date) -> tuple[Decimal, ...]:
    """(成交币汇率, 美元汇率, 美元离岸价, 人民币离岸价) at the export day's central parity."""
    currency, fob = str(row["trade_curr"]), row["fob_orig"]
    if not isinstance(fob, Decimal):  # stored before customs kept its 原币FOB: its figures
        rates = reference.monthly_rates(Period.of(export_date))
        usd, cny = row["fob_usd"], row["fob_cny"]
        return rates.get(currency, Decimal(1)), rates["USD"], usd, cny  # type: ignore[return-value]
    rate = series.central_parity(currency, export_date) if currency != "CNY" else Decimal(1)
    usd_rate = series.central_parity("USD", export_date)
    cny, usd = line_fob(fob, rate, usd_rate)
    return rate, usd_rate, usd, cny


def _line(row: dict[str, object], invoices: dict[str, str], planned: Decimal | None) -> GoodsLine:
    entry_id = str(row["declaration__entry_id"])
    export_date = row["declaration__ie_date"]
    assert isinstance(export_date, date)
    code = str(row["code_ts"])
    processing = row["declaration__trade_mode"] in PROCESSING_MODES
    levy = Decimal("0.13")
    deal_rate, usd_rate, fob_usd, fob_cny = _amounts(row, export_date)
    currency = str(row["trade_curr"])
    return GoodsLine(
        line_no="", item_key=f"{entry_id}0{int(str(row['g_no'])):02d}", export_date=export_date,
        commodity_code=code, unit=str(row["first_unit"]), quantity=row["first_qty"],  # type: ignore[arg-type]
        fob_usd=fob_usd, fob_cny=fob_cny, levy_rate=levy,
        rebate_rate=reference.rebate_rate(code, levy, export_date),
        invoice_no=invoices.get(entry_id, ""),
        commodity_name=str(row["g_name"])[:255],
        allocation_rate=planned if processing else None,
        manual_no=str(row["declaration__manual_no"]) if processing else "",
        contract_no=str(row["declaration__contr_no"]), currency=currency,
        deal_total=row["decl_total"], deal_rate=deal_rate,  # type: ignore[arg-type]
        usd_rate=usd_rate,
        business_types=(PREREFUND_TYPE,) if row["declaration__trade_mode"] == OVERSEAS_MODE else (),
    )  # fmt: skip


def _override(line: GoodsLine, overrides: dict[str, str]) -> GoodsLine:
    changes: dict[str, object] = {}
    for name, value in overrides.items():
        if name in ("fob_usd", "quantity"):
            changes[name] = Decimal(value)
        elif name == "export_date":
            changes[name] = date.fromisoformat(value)
        elif name == "allocation_rate":
            changes[name] = Decimal(value) if value else None
        elif name in ("commodity_code", "manual_no"):
            changes[name] = value
    return replace(line, **changes)  # type: ignore[arg-type]


def _items(query: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
    yield from query


def period_lines(customs_code: str, period: Period) -> list[GoodsLine]:
    """Every line the enterprise declares for ``period`` (planted overrides applied)."""
    bureau = BureauEnterprise.objects.get(customs_code=customs_code)
    invoices = dict(
        Invoice.objects.filter(
            enterprise=bureau, issued_on__gte=period.first_day, issued_on__lte=period.last_day
        ).values_list("entry_id", "invoice_no")
    )
    rows = customs.DeclarationItem.objects.filter(
        declaration__enterprise__customs_code=customs_code,
        declaration__ie_date__gte=period.first_day,
        declaration__ie_date__lte=period.last_day,
    ).order_by("declaration__entry_id", "g_no")
    planted = PlantedAnomaly.objects.filter(customs_code=customs_code, period=str(period))
    overrides = {p.item_key: p.overrides for p in planted if p.overrides and p.kind != "duplicate"}
    rate = bureau.planned_allocation_rate
    lines = [_line(row, invoices, rate) for row in _items(rows.values(*ITEM_FIELDS))]
    lines = [_override(line, overrides.get(line.item_key, {})) for line in lines]
    duplicates = sorted({p.item_key for p in planted if p.kind == "duplicate"})
    if duplicates:
        again = customs.DeclarationItem.objects.filter(
            declaration__entry_id__in={key[:18] for key in duplicates}
        ).values(*ITEM_FIELDS)
        lines += [
            line for line in (_line(row, {}, rate) for row in again) if line.item_key in duplicates
        ]
    return renumber(lines)


def renumber(lines: list[GoodsLine]) -> list[GoodsLine]:
    """Number the lines and fill their amounts (rebate.calc.mdt, rounded per line)."""
    columns = compute_goods([_calc(line, str(index)) for index, line in enumerate(lines)])
    return [
        replace(
            line, line_no=f"{index + 1:04d}", bonded_materials_price=bonded,
            non_creditable=non_creditable, exempt_credit_refund=refund,
        )
        for index, (line, bonded, non_creditable, refund) in enumerate(
            zip(lines, columns.bonded_materials_price, columns.non_creditable,
                columns.exempt_credit_refund, strict=True)
        )
    ]  # fmt: skip


def _calc(line: GoodsLine, line_id: str) -> CalcLine:
    return CalcLine(
        line_id, line.fob_usd, line.fob_cny, line.levy_rate, line.rebate_rate, line.allocation_rate
    )


def summary_rows(
    period: Period, lines: list[GoodsLine], ending_credit: Decimal | None = None
) -> list[SummaryRow]:
    """汇总表 column (a); column (b) repeats it (the generator keeps no year-to-date chain).
    Row 17 is the filed VAT return's 期末留抵 when given, else a share of the 免抵退税额."""
    goods = [_calc(line, line.line_no) for line in lines]
    first = calculate_period(PeriodInput(period, goods=goods, ending_credit=Decimal("0.00")))
    credit = ending_credit
    if credit is None:
        credit = round_amount(first.summary.exempt_credit_refund_total * ENDING_CREDIT_SHARE)
    result = calculate_period(PeriodInput(period, goods=goods, ending_credit=credit))
    rows = result.summary.as_rows()
    return [SummaryRow(row, value, value) for row, value in sorted(rows.items())]


def card_signer(customs_code: str) -> tuple[str, Signer]:
    card = SeedCard.objects.get(customs_code=customs_code)
    key = serialization.load_pem_private_key(card.private_key_pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return card.card_no, private_key_signer(key)


def reference_package(
    customs_code: str, period: Period, lines: list[GoodsLine] | None = None
) -> tuple[str, bytes]:
    """(file name, signed package bytes) of the enterprise's declaration for ``period``."""
    bureau = BureauEnterprise.objects.get(customs_code=customs_code)
    lines = period_lines(customs_code, period) if lines is None else lines
    card_no, signer = card_signer(customs_code)
    head = PackageHead(
        customs_code, bureau.uscc, bureau.name, str(period), BUSINESS_CODE, SHORT_NAME,
        software="sim_seed",
    )  # fmt: skip
    buffer = io.BytesIO()
    filed = VatReturn.objects.filter(enterprise=bureau, period=str(period)).first()
    credit = filed.ending_credit if filed is not None else None  # the enterprise files it first
    sections: dict[str, Iterable[object]] = {
        "TSSB": lines,
        "SBHZ": summary_rows(period, lines, credit),
    }
    info = write_package(buffer, head, sections=sections, card_no=card_no, signer=signer)
    return info.filename, buffer.getvalue()


def clean_lines(customs_code: str, period: Period) -> list[GoodsLine]:
    """The period's lines without any item that is expected to raise a doubt."""
    expected = set(
        PlantedAnomaly.objects.filter(customs_code=customs_code, period=str(period)).values_list(
            "item_key", flat=True
        )
    )
    lines = [line for line in period_lines(customs_code, period) if line.item_key not in expected]
    return renumber(lines)
