"""The bureau's review of a 免抵退 declaration (A0305001): it recomputes, it does not copy.

From its OWN data — the customs e-info it received (CustomsInfo), its 出口退税率文库 (RateRow,
the rates valid on each line's 出口日期, DOMAIN §11.3) and the enterprise's filed
增值税纳税申报表 (VatReturn) — it computes row 11 (出口货物劳务免抵退税额),
row 15 and 应退税额 = min(row 15, its 期末留抵) (DOMAIN §3 rows 15–19). The enterprise's rows
18/19 are only compared with it. Rows 12–14 (services, the carried offset, the 核销 adjustment)
come from the declaration: the bureau has no data of its own for them here.

Outcomes: 退回 with reasons (row 11 disagrees with the declared lines; no VAT return for a
period the dated rule covers); 审核通过; 审核通过 with 审核调整 — the difference between the
approved and the declared 应退税额 and its reason go into the feedback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rebate.calc.checks import CheckContext
from rebate.calc.mdt import GoodsLine as CalcLine
from rebate.calc.mdt import compute_goods
from rebate.calc.mdt.vat_first import vat_return_first
from rebate.calc.money import ZERO
from rebate.calc.periods import Period
from rebate.integrations.wire.package import GoodsLine

from .intake import explained_item_keys, package_lines
from .models import CustomsInfo, RateRow, Submission, VatReturn

RED_LETTER = ("HZCJ", "HZCJ-TY")  # reversals: their e-info is the original export's
_TOLERANCES = CheckContext()
FOB_TOLERANCE_USD = _TOLERANCES.fob_difference_usd  # the self-check's USDLAJ_CY thresholds
FOB_TOLERANCE_RATIO = _TOLERANCES.fob_difference_ratio


@dataclass(frozen=True, slots=True)
class MdtReview:
    passed: bool
    reasons: str = ""
    exempt_credit_refund: Decimal | None = None  # row 11 as the bureau computes it
    refund: Decimal | None = None  # 应退税额 approved
    exempt_credit: Decimal | None = None  # 免抵税额 approved
    adjustment: Decimal | None = None  # approved − declared 应退税额 (审核调整); None if equal


def _row(submission: Submission, number: int) -> Decimal:
    return Decimal(submission.summary.get(str(number), ["0"])[0])


def _own_base(
    line: GoodsLine, info: CustomsInfo | None, explained: frozenset[str]
) -> tuple[Decimal, Decimal]:
    """(USD, CNY) the bureau accepts for a line: the declared FOB while it is within what its
    self-check tolerates of its e-info net of 退运 (1 USD and 5 %, USDLAJ_CY — the enterprise
    converts at its own rates, customs at its monthly rate), explained by a 离岸价差异原因说明
    or equal to a 改单; else the e-info's own; nothing for a line it has no e-info for."""
    if any(kind in RED_LETTER for kind in line.business_types) or line.item_key in explained:
        return line.fob_usd, line.fob_cny
    if info is None:
        return ZERO, ZERO
    usd, cny = info.fob_usd - info.returned_fob_usd, info.fob_cny - info.returned_fob_cny
    if info.amended_fob_usd is not None and line.fob_usd == info.amended_fob_usd:
        return line.fob_usd, line.fob_cny
    if line.fob_usd - usd > max(FOB_TOLERANCE_USD, usd * FOB_TOLERANCE_RATIO):
        return max(usd, ZERO), max(cny, ZERO)
    return line.fob_usd, line.fob_cny


@dataclass(frozen=True, slots=True)
class OwnRow11:
    """Row 11 as the bureau computes it, and the lines whose declared rates its 文库 corrects."""

    value: Decimal
    rate_notes: tuple[str, ...] = ()


Rates = tuple[Decimal, Decimal]  # (征税率, 退税率)


def library_rates(codes: Iterable[str]) -> dict[str, list[tuple[date, date, Rates]]]:
    """The bureau's 文库 rows of ``codes``: code → [(valid from, valid to, rates)]."""
    found: dict[str, list[tuple[date, date, Rates]]] = {}
    rows = RateRow.objects.filter(code__in=set(codes)).order_by("valid_from")
    for row in rows.values_list("code", "valid_from", "valid_to", "levy_rate", "rebate_rate"):
        code, start, end, levy, rebate = row
        found.setdefault(code, []).append((start, end, (levy, rebate)))
    return found


def _rate_on(library: dict[str, list[tuple[date, date, Rates]]], line: GoodsLine) -> Rates | None:
    for start, end, rates in library.get(line.commodity_code, ()):
        if start <= line.export_date <= end:
            return rates
    return None


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _rate_note(line: GoodsLine, own: Rates) -> str:
    """Why the bureau recomputed a line at other rates: the code, declared against 文库."""
    parts = [
        f"{label}申报{_percent(declared)}、文库{_percent(rate)}"
        for label, declared, rate in (
            ("征税率", line.levy_rate, own[0]), ("退税率", line.rebate_rate, own[1])
        )
        if declared != rate
    ]  # fmt: skip
    return (
        f"第{line.line_no}行出口商品代码{line.commodity_code}（出口日期{line.export_date:%Y-%m-%d}）"
        f"{'，'.join(parts)}，按税务机关退税率文库计算"
    )


def own_row_11(submission: Submission) -> OwnRow11:
    """Row 11 recomputed on the FOB the bureau's e-info supports, at the rates its own 文库
    gives the line's code on its 出口日期 (a line declared at another rate is recomputed and
    noted); a code its 文库 does not hold keeps the declared rates (no figure of its own)."""
    lines, content = package_lines(submission)
    explained = explained_item_keys(content)
    infos = {
        info.item_key: info
        for info in CustomsInfo.objects.filter(
            enterprise=submission.enterprise, item_key__in={line.item_key for line in lines}
        )
    }
    library = library_rates(line.commodity_code for line in lines)
    calc_lines, notes = [], []
    for line in lines:
        usd, cny = _own_base(line, infos.get(line.item_key), explained)
        own = _rate_on(library, line) or (line.levy_rate, line.rebate_rate)
        if own != (line.levy_rate, line.rebate_rate):
            notes.append(_rate_note(line, own))
        calc_lines.append(
            CalcLine(line.line_no, usd, cny, own[0], own[1], line.allocation_rate,
                     line.domestic_duty_free_price or ZERO)
        )  # fmt: skip
    return OwnRow11(sum(compute_goods(calc_lines).exempt_credit_refund, ZERO), tuple(notes))


def review(submission: Submission) -> MdtReview:
    declared_11 = _row(submission, 11)
    if declared_11 != submission.exempt_credit_refund:
        return MdtReview(False, f"汇总表第11栏免抵退税额{declared_11}与明细表计算结果"
                                f"{submission.exempt_credit_refund}不一致")  # fmt: skip
    period = Period.parse(submission.period)
    filed = VatReturn.objects.filter(
        enterprise=submission.enterprise, period=submission.period
    ).first()
    rule = vat_return_first(period)
    if filed is None and rule is not None:
        return MdtReview(False, f"所属期{period}未申报增值税纳税申报表，不能审核免抵退税"
                                f"（须先申报增值税，{rule.source}）")  # fmt: skip
    own = own_row_11(submission)
    row_11 = own.value
    row_10 = row_11 + _row(submission, 12)
    row_15 = max(row_10 - _row(submission, 13) + _row(submission, 14), ZERO)
    declared_17 = _row(submission, 17)
    credit = filed.ending_credit if filed is not None else declared_17
    refund = min(row_15, credit)
    declared_18 = _row(submission, 18)
    why = []
    if row_11 != declared_11:
        why.append(
            f"按税务机关出口报关单电子信息和退税率文库计算的免抵退税额为{row_11}（申报{declared_11}）"
        )
        why.extend(own.rate_notes)
    if credit != declared_17:
        why.append(f"增值税纳税申报表期末留抵税额为{credit}（汇总表第17栏申报{declared_17}）")
    adjustment = refund - declared_18 if refund != declared_18 else None
    if adjustment is not None:
        why.append(f"审核调整应退税额{adjustment:+}：申报{declared_18}，核准{refund}")
    return MdtReview(True, "；".join(why), row_11, refund, row_15 - refund, adjustment)
