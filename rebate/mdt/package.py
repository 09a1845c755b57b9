"""The A0305001 package writer: every form of the batch, streamed, for the card to sign.

The 明细表 lines are read in chunks straight from the database and handed to
``wire.package.write_unsigned_package`` one by one, so memory does not grow with the number of
lines. The clerk's IC card signs the digest in the browser afterwards (services.batch_sign).
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from decimal import Decimal
from typing import IO, Any, cast

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise
from rebate.calc.money import ZERO
from rebate.declarations.families import PackageRequest, PackageResult, Section
from rebate.declarations.package import CHUNK, close_all, package_head, section_rows
from rebate.integrations.wire.package import (
    BUSINESS_CODE,
    SHORT_NAME,
    GoodsLine,
    SummaryRow,
    write_unsigned_package,
)

LINE_FIELDS = (
    "sequence_no",
    "item_key",
    "export_date",
    "commodity_code",
    "unit",
    "quantity",
    "fob_usd",
    "fob_cny",
    "levy_rate",
    "rebate_rate",
    "invoice_no",
    "agency_certificate_no",
    "commodity_name",
    "allocation_rate",
    "bonded_materials_price",
    "domestic_free_materials",
    "non_creditable",
    "exempt_credit_refund",
    "handbook_no",
    "business_types",
    "contract_no",
    "note",
    "currency",
    "transaction_total",
    "transaction_rate",
    "usd_rate",
    "rebate_month",
)


class Totals:
    """Running totals of the lines as they stream past (the batch's declared figures)."""

    def __init__(self) -> None:
        self.fob_usd = ZERO
        self.fob_cny = ZERO
        self.exempt_credit_refund = ZERO

    def add(self, line: GoodsLine) -> GoodsLine:
        self.fob_usd += line.fob_usd
        self.fob_cny += line.fob_cny
        self.exempt_credit_refund += line.exempt_credit_refund or ZERO
        return line


class UnitCodes:
    """计量单位 name (as the 明细表 shows it) → the 3-digit customs code the package carries."""

    def __init__(self) -> None:
        from rebate.codes.choices import CodeTable
        from rebate.codes.selectors import customs_codes

        self.by_name = dict(customs_codes(CodeTable.UNIT).values_list("name", "code"))

    def code(self, unit: str) -> str:
        if len(unit) == 3 and unit.isdigit():
            return unit
        code = self.by_name.get(unit)
        if code is None:
            raise ValidationError(f"计量单位“{unit}”无法对应海关计量单位代码，请修改明细后重新生成")
        return str(code)


def _goods_line(v: tuple[Any, ...], units: UnitCodes) -> GoodsLine:
    (
        seq,
        key,
        day,
        code,
        unit,
        qty,
        usd,
        cny,
        levy,
        rebate,
        invoice,
        agency,
        name,
        alloc,
        bonded,
        domestic,
        non_cred,
        ecr,
        handbook,
        types,
        contract,
        note,
        currency,
        total,
        rate,
        usd_rate,
        month,
    ) = v
    return GoodsLine(
        line_no=seq,
        item_key=key,
        export_date=day,
        commodity_code=code,
        unit=units.code(unit),
        quantity=qty,
        fob_usd=usd,
        fob_cny=cny,
        levy_rate=levy,
        rebate_rate=rebate,
        invoice_no=invoice,
        agent_certificate_no=agency,
        commodity_name=name[:255],
        allocation_rate=alloc,
        bonded_materials_price=bonded if alloc is not None else None,
        domestic_duty_free_price=domestic or None,
        non_creditable=non_cred,
        exempt_credit_refund=ecr,
        manual_no=handbook,
        business_types=tuple(c.strip() for c in types.split(",") if c.strip()),
        contract_no=contract[:40],
        remark=note[:200],
        currency=currency,
        deal_total=total,
        deal_rate=rate,
        usd_rate=usd_rate,
        rebate_period=month,
    )


def goods_lines(enterprise: Enterprise, batch_id: int, totals: Totals) -> Generator[GoodsLine]:
    from rebate.goods.models import ExportLine

    rows = (
        ExportLine.objects.filter(enterprise=enterprise, declaration_batch_id=batch_id)
        .order_by("sequence_no", "id")
        .values_list(*LINE_FIELDS)
    )
    units = UnitCodes()
    for values in rows.iterator(chunk_size=CHUNK):
        yield totals.add(_goods_line(values, units))


def summary_rows(summary: object) -> list[SummaryRow]:
    """The 19 rows summary_step.MdtSummary.for_batch prepared: row → (当期, 本年累计, 差额)."""
    rows = cast(Mapping[int, tuple[Decimal, Decimal, Decimal | None]], summary or {})
    return [SummaryRow(row, *values) for row, values in sorted(rows.items())]


def make_writer(sections: tuple[Section, ...]) -> Any:
    def write_mdt_package(out: IO[bytes], request: PackageRequest) -> PackageResult:
        enterprise = request.enterprise
        head = package_head(request, BUSINESS_CODE, SHORT_NAME)
        totals, counter = Totals(), [0]
        goods = goods_lines(enterprise, request.batch_id, totals)
        forms = section_rows(sections, enterprise, request.batch_id, counter)
        try:
            tables = {"TSSB": goods, "SBHZ": summary_rows(request.summary), **forms}
            info = write_unsigned_package(out, head, sections=tables)
        finally:
            close_all({"TSSB": goods, **forms})
        return PackageResult(
            filename=info.filename,
            digest=info.digest,
            line_count=info.line_count,
            record_count=counter[0],
            figures={
                "fob_usd_total": totals.fob_usd,
                "fob_cny_total": totals.fob_cny,
                "exempt_credit_refund": totals.exempt_credit_refund,
            },
        )

    return write_mdt_package
