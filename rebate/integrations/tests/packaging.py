"""Build a package the way the product will: from customs downloads, with rebate.calc."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from rebate.accounts.tests.cards import issue_at_eport
from rebate.calc.mdt import GoodsLine as CalcLine
from rebate.calc.mdt import PeriodInput, calculate_period, compute_goods
from rebate.calc.periods import Period
from rebate.integrations.wire.canonical import private_key_signer
from rebate.integrations.wire.customs import ExportDeclaration
from rebate.integrations.wire.package import GoodsLine, PackageHead, SummaryRow, write_package

RATE = Decimal("0.13")
PROCESSING = ("0615", "0715")


def lines_of(
    declarations: list[ExportDeclaration],
    planned: Decimal,
    rates: Callable[[str, date], tuple[Decimal, Decimal] | None] | None = None,
) -> list[GoodsLine]:
    """Lines at the 文库's (征税率, 退税率) of each code on its export date (``rates``; 13 %
    where it has none), as the product declares them at the library the bureau holds."""
    lines = []
    for declaration in declarations:
        processing = declaration.trade_mode in PROCESSING
        for item in declaration.items:
            assert item.fob_usd is not None and item.fob_cny is not None
            levy, rebate = (rates and rates(item.code_ts, declaration.ie_date)) or (RATE, RATE)
            lines.append(
                GoodsLine(
                    line_no="",
                    item_key=item.item_key(declaration.entry_id),
                    export_date=declaration.ie_date,
                    commodity_code=item.code_ts,
                    unit=item.first_unit,
                    quantity=item.first_qty,
                    fob_usd=item.fob_usd,
                    fob_cny=item.fob_cny,
                    levy_rate=levy,
                    rebate_rate=rebate,
                    manual_no=declaration.manual_no if processing else "",
                    allocation_rate=planned if processing else None,
                )
            )
    return number(lines)


def _calc(line: GoodsLine) -> CalcLine:
    return CalcLine(
        line.line_no,
        line.fob_usd,
        line.fob_cny,
        line.levy_rate,
        line.rebate_rate,
        line.allocation_rate,
    )


def number(lines: list[GoodsLine]) -> list[GoodsLine]:
    columns = compute_goods([_calc(line) for line in lines])
    return [
        replace(line, line_no=f"{i + 1:04d}", non_creditable=nc, exempt_credit_refund=mdt)
        for i, (line, nc, mdt) in enumerate(
            zip(lines, columns.non_creditable, columns.exempt_credit_refund, strict=True)
        )
    ]


def summary(period: Period, lines: list[GoodsLine]) -> list[SummaryRow]:
    result = calculate_period(
        PeriodInput(period, goods=[_calc(line) for line in lines], ending_credit=Decimal("0.00"))
    )
    return [
        SummaryRow(row, value, value) for row, value in sorted(result.summary.as_rows().items())
    ]


class Card:
    """A test IC card issued by the e-port (its key pair made here, on the "card")."""

    def __init__(self, customs_code: str, card_no: str) -> None:
        self.key = issue_at_eport(customs_code, card_no).key
        self.card_no = card_no

    def package(self, head: PackageHead, lines: list[GoodsLine]) -> tuple[str, bytes]:
        out = io.BytesIO()
        info = write_package(
            out,
            head,
            sections={"TSSB": lines, "SBHZ": summary(Period.parse(head.period), lines)},
            card_no=self.card_no,
            signer=private_key_signer(self.key),
        )
        return info.filename, out.getvalue()
