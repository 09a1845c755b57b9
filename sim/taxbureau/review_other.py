"""The bureau's rules for 其他申报 (A0404001, A0401001, A0402001, A0304001, A0303001, A0302001,
A0503001): each business self-checked against the bureau's OWN data — its customs e-info
(``CustomsInfo``), 收汇 information (``FxReceipt``), 进项发票 (``PurchaseInvoice``) and clock —
and reviewed with the amounts the bureau recomputes itself (rebate.calc.other).

Doubt codes are this simulator's (QT_*), messages the bureau's wording as far as known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from rebate.calc.deadlines import DeadlineError, declaration_deadline
from rebate.calc.other import (
    OtherCalcError,
    consumption_tax_refund,
    proceeds_deadline,
    used_equipment_refund,
)

from . import hooks
from .doubt_rules import Found
from .models import CustomsInfo, Enterprise, FxReceipt, PurchaseInvoice, Submission
from .registry import clock

Record = Mapping[str, Any]


def _found(section: str, record: Record, code: str, message: str, *, skippable: bool) -> Found:
    key = str(record.get("entry_id") or record.get("invoice_no") or record.get("doc_no") or "")
    return Found(
        code=code, level="E", skippable=skippable, message=message[:1000], table=section,
        line_no=str(record.get("line_no", ""))[:20], item_key=key[:21],
    )  # fmt: skip


def _einfo(enterprise: Enterprise, entry_id: str) -> list[CustomsInfo]:
    if not entry_id:
        return []
    return list(CustomsInfo.objects.filter(enterprise=enterprise, item_key__startswith=entry_id))


def _invoice(enterprise: Enterprise, code: str, number: str) -> PurchaseInvoice | None:
    rows = PurchaseInvoice.objects.filter(enterprise=enterprise, invoice_no=number)
    if code:
        rows = rows.filter(invoice_code=code)
    return rows.first()


# ------------------------------------------------------------------ 收汇情况 A0404001
def _proceeds(submission: Submission, records: hooks.Records) -> list[Found]:
    enterprise, today = submission.enterprise, clock().today
    found: list[Found] = []
    for record in records["CKSH"]:
        entry = str(record.get("entry_id", ""))
        einfo = _einfo(enterprise, entry)
        if not einfo:
            found.append(_found("CKSH", record, "QT_SH_WXX", f"报关单{entry}无出口报关单电子信息",
                                skippable=False))  # fmt: skip
            continue
        currencies = sorted({row.currency for row in einfo})
        currency = record.get("receipt_currency") or ""
        if currency and currency not in currencies:
            found.append(_found("CKSH", record, "QT_SH_BZ", (
                f"出口收汇货币{currency}与报关单{entry}的成交币制{'、'.join(currencies)}不符"
            ), skippable=False))  # fmt: skip
        total = sum((row.deal_total for row in einfo), Decimal("0.00"))
        amount = record.get("receipt_amount")
        if amount is not None and amount > total:
            found.append(_found("CKSH", record, "QT_SH_JE", (
                f"出口收汇金额{amount}大于报关单{entry}的成交总价{total}"
            ), skippable=True))  # fmt: skip
        voucher = record.get("voucher_no") or ""
        if voucher and not FxReceipt.objects.filter(enterprise=enterprise, voucher_no=voucher):
            found.append(_found("CKSH", record, "QT_SH_PZ", (
                f"收汇凭证{voucher}无外汇管理部门传递的收汇信息"
            ), skippable=True))  # fmt: skip
        deadline = proceeds_deadline(einfo[0].export_date, record.get("final_receipt_date"))
        if not record.get("received_on") and not record.get("deemed_reason") and today > deadline:
            found.append(_found("CKSH", record, "QT_SH_YQ", (
                f"报关单{entry}收汇截止日期{deadline.isoformat()}已过，尚未收汇且无视同收汇原因"
            ), skippable=True))  # fmt: skip
    return found


# ------------------------------------------------------------------ 出口信息查询 A0401001
def _has_info(enterprise: Enterprise, record: Record) -> bool:
    number = str(record.get("doc_no", ""))
    kind = record.get("doc_kind")
    if kind == "01":
        return bool(_einfo(enterprise, number[:18]))
    if kind == "03":
        code, no = (number[:-8], number[-8:]) if len(number) > 8 else ("", number)
        return _invoice(enterprise, code, no) is not None
    return False  # 代理出口货物证明: the bureau holds no such store here


def _info_review(submission: Submission, records: hooks.Records) -> hooks.Decision:
    lines = tuple(
        hooks.Line(
            str(record["line_no"]), str(record.get("doc_no", "")),
            quantity=Decimal(1) if _has_info(submission.enterprise, record) else Decimal(0),
        )
        for record in records["XXCX"]
    )  # fmt: skip
    return hooks.Decision(passed=True, lines=lines)


# ------------------------------------------------------------------ 无电子信息申报 A0402001
def _no_info(submission: Submission, records: hooks.Records) -> list[Found]:
    enterprise, today = submission.enterprise, clock().today
    found: list[Found] = []
    for record in records["WDZXX"]:
        entry = str(record.get("entry_id", ""))
        if _einfo(enterprise, entry):
            found.append(_found("WDZXX", record, "QT_WDZ_YXX", (
                f"报关单{entry}已有电子信息，不能申报无相关电子信息，请正常申报退（免）税"
            ), skippable=False))  # fmt: skip
        try:
            deadline = declaration_deadline(record["export_date"])
        except DeadlineError:
            continue
        if today > deadline:
            found.append(_found("WDZXX", record, "QT_WDZ_CQ", (
                f"报关单{entry}的申报期限{deadline.isoformat()}已过，不能申报无相关电子信息"
            ), skippable=False))  # fmt: skip
    return found


# ------------------------------------------------------------------ 购进自用货物 A0304001
def _self_use(submission: Submission, records: hooks.Records) -> list[Found]:
    found: list[Found] = []
    for record in records["GJZY"]:
        number = str(record.get("invoice_no", ""))
        invoice = _invoice(submission.enterprise, str(record.get("invoice_code") or ""), number)
        if invoice is None:
            found.append(_found("GJZY", record, "QT_ZY_WXX", f"增值税专用发票{number}无电子信息",
                                skippable=False))  # fmt: skip
            continue
        if (invoice.amount, invoice.tax) != (
            record.get("taxable_amount"),
            record.get("tax_amount"),
        ):
            found.append(_found("GJZY", record, "QT_ZY_BF", (
                f"发票{number}计税金额{record.get('taxable_amount')}、税额{record.get('tax_amount')}"
                f"与发票电子信息（金额{invoice.amount}、税额{invoice.tax}）不符"
            ), skippable=False))  # fmt: skip
        supplier = record.get("supplier_tax_id") or ""
        if supplier and supplier != invoice.supplier_tax_id:
            found.append(_found("GJZY", record, "QT_ZY_GHF", (
                f"供货方纳税人识别号{supplier}与发票电子信息{invoice.supplier_tax_id}不符"
            ), skippable=True))  # fmt: skip
    return found


def _self_use_review(submission: Submission, records: hooks.Records) -> hooks.Decision:
    """The confirmed 退税额 is the invoice's tax as the bureau holds it."""
    lines = []
    for record in records["GJZY"]:
        number = str(record.get("invoice_no", ""))
        invoice = _invoice(submission.enterprise, str(record.get("invoice_code") or ""), number)
        if invoice is None:
            return hooks.Decision(passed=False, reasons=f"增值税专用发票{number}无电子信息")
        lines.append(hooks.Line(str(record["line_no"]), number, amount=invoice.tax))
    return _refunds(lines)


def _refunds(lines: list[hooks.Line]) -> hooks.Decision:
    total = sum((line.amount or Decimal("0.00") for line in lines), Decimal("0.00"))
    return hooks.Decision(passed=True, amount=total, lines=tuple(lines))


# ------------------------------------------------------------------ 出口已使用设备 A0303001
def _equipment_refund(record: Record) -> Decimal | None:
    try:
        return used_equipment_refund(
            record["taxable_amount"], record["original_value"],
            record["accumulated_depreciation"], record["rebate_rate"],
        ).refund  # fmt: skip
    except (OtherCalcError, KeyError):
        return None


def _used_equipment(submission: Submission, records: hooks.Records) -> list[Found]:
    found: list[Found] = []
    for record in records["YSSB"]:
        entry = str(record.get("entry_id", ""))
        if not _einfo(submission.enterprise, entry):
            found.append(_found("YSSB", record, "QT_YS_WXX", f"报关单{entry}无出口报关单电子信息",
                                skippable=False))  # fmt: skip
        refund = _equipment_refund(record)
        if refund is None or refund != record.get("refund"):
            found.append(_found("YSSB", record, "QT_YS_TSE", (
                f"退税额{record.get('refund')}与按计税依据（金额×净值÷原值）×退税率计算的{refund}不符"
            ), skippable=False))  # fmt: skip
        if record.get("voucher_kind") == "1":
            number = str(record.get("voucher_no", ""))
            invoice = _invoice(submission.enterprise, "", number)
            if invoice is None:
                found.append(_found("YSSB", record, "QT_YS_FP", (
                    f"设备增值税专用发票{number}无电子信息"
                ), skippable=False))  # fmt: skip
            elif invoice.amount != record.get("taxable_amount"):
                found.append(_found("YSSB", record, "QT_YS_JE", (
                    f"计税金额{record.get('taxable_amount')}与发票电子信息金额{invoice.amount}不符"
                ), skippable=False))  # fmt: skip
    return found


def _recomputed(section: str, refund: Callable[[Record], Decimal | None]) -> hooks.Review:
    """A review confirming each line's 退税额 as the bureau recomputes it (per 报关单)."""

    def review(submission: Submission, records: hooks.Records) -> hooks.Decision:
        lines = [
            hooks.Line(str(r["line_no"]), str(r.get("entry_id", "")), amount=refund(r))
            for r in records[section]
        ]
        return _refunds(lines)

    return review


# ------------------------------------------------------------------ 出口非自产货物 A0302001
def _consumption_refund(record: Record) -> Decimal | None:
    try:
        computed = consumption_tax_refund(record["taxable_amount"], record["levy_rate"])
    except (OtherCalcError, KeyError):
        return None
    paid = record.get("tax_amount")
    return min(computed, paid) if isinstance(paid, Decimal) else computed


def _non_own(submission: Submission, records: hooks.Records) -> list[Found]:
    found: list[Found] = []
    for record in records["FZCHW"]:
        entry = str(record.get("entry_id", ""))
        if not _einfo(submission.enterprise, entry):
            found.append(_found("FZCHW", record, "QT_FZ_WXX", f"报关单{entry}无出口报关单电子信息",
                                skippable=False))  # fmt: skip
        declared, paid = record.get("refund"), record.get("tax_amount")
        if isinstance(declared, Decimal) and isinstance(paid, Decimal) and declared > paid:
            found.append(_found("FZCHW", record, "QT_FZ_TSE", (
                f"消费税退税额{declared}大于消费税凭证所列税额{paid}"
            ), skippable=False))  # fmt: skip
    return found


# ------------------------------------------------------------------ 管理类别评定 A0503001
def _reports(submission: Submission, records: hooks.Records) -> Iterator[Found]:
    year = clock().today.year
    for section in ("SCNL", "FKTX"):
        for record in records.get(section, []):
            if int(record.get("report_year") or 0) > year:
                yield _found(section, record, "QT_PD_ND", (
                    f"报告年度{record.get('report_year')}晚于当前年度{year}"
                ), skippable=False)  # fmt: skip


hooks.register("A0404001", self_check=_proceeds)
hooks.register("A0401001", review=_info_review)
hooks.register("A0402001", self_check=_no_info)
hooks.register("A0304001", self_check=_self_use, review=_self_use_review)
hooks.register(
    "A0303001", self_check=_used_equipment, review=_recomputed("YSSB", _equipment_refund)
)
hooks.register("A0302001", self_check=_non_own, review=_recomputed("FZCHW", _consumption_refund))
hooks.register("A0503001", self_check=lambda s, r: list(_reports(s, r)))
