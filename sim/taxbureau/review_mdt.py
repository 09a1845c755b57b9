"""The bureau's review of a 免抵退 declaration (A0305001): it recomputes, it does not copy.

From its OWN data — the customs e-info it received (CustomsInfo) and the enterprise's filed
增值税纳税申报表 (VatReturn) — it computes row 11 (出口货物劳务免抵退税额),
row 15 and 应退税额 = min(row 15, its 期末留抵) (DOMAIN §3 rows 15–19). The enterprise's rows
18/19 are only compared with it. Rows 12–14 (services, the carried offset, the 核销 adjustment)
come from the declaration: the bureau has no data of its own for them here.

Outcomes: 退回 with reasons (row 11 disagrees with the declared lines; no VAT return for a
period the dated rule covers); 审核通过; 审核通过 with 审核调整 — the difference between the
approved and the declared 应退税额 and its reason go into the feedback.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rebate.calc.checks import CheckContext
from rebate.calc.mdt import GoodsLine as CalcLine
from rebate.calc.mdt import compute_goods
from rebate.calc.mdt.vat_first import vat_return_first
from rebate.calc.money import ZERO
from rebate.calc.periods import Period
from rebate.integrations.wire.package import GoodsLine

from .intake import explained_item_keys, package_lines
from .models import CustomsInfo, Submission, VatReturn

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


def own_row_11(submission: Submission) -> Decimal:
    """Row 11 recomputed on the FOB the bureau's e-info supports, at the declared rates (their
    agreement with the 文库 is the self-check's matter)."""
    lines, content = package_lines(submission)
    explained = explained_item_keys(content)
    infos = {
        info.item_key: info
        for info in CustomsInfo.objects.filter(
            enterprise=submission.enterprise, item_key__in={line.item_key for line in lines}
        )
    }
    calc_lines = []
    for line in lines:
        usd, cny = _own_base(line, infos.get(line.item_key), explained)
        calc_lines.append(
            CalcLine(line.line_no, usd, cny, line.levy_rate, line.rebate_rate, line.allocation_rate,
                     line.domestic_duty_free_price or ZERO)
        )  # fmt: skip
    return sum(compute_goods(calc_lines).exempt_credit_refund, ZERO)


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
    row_11 = own_row_11(submission)
    row_10 = row_11 + _row(submission, 12)
    row_15 = max(row_10 - _row(submission, 13) + _row(submission, 14), ZERO)
    declared_17 = _row(submission, 17)
    credit = filed.ending_credit if filed is not None else declared_17
    refund = min(row_15, credit)
    declared_18 = _row(submission, 18)
    why = []
    if row_11 != declared_11:
        why.append(f"按税务机关出口报关单电子信息计算的免抵退税额为{row_11}（申报{declared_11}）")
    if credit != declared_17:
        why.append(f"增值税纳税申报表期末留抵税额为{credit}（汇总表第17栏申报{declared_17}）")
    adjustment = refund - declared_18 if refund != declared_18 else None
    if adjustment is not None:
        why.append(f"审核调整应退税额{adjustment:+}：申报{declared_18}，核准{refund}")
    return MdtReview(True, "；".join(why), row_11, refund, row_15 - refund, adjustment)
