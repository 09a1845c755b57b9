"""A fake TaxBureauPort for unit tests: verifies the signed package, answers what it is told."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from rebate.integrations.http import PartyError
from rebate.integrations.taxbureau import OverseasReport, PrerefundedLine, Receipt, VatReturn
from rebate.integrations.wire import feedback as wire
from rebate.integrations.wire.package import read_package


@dataclass
class Submitted:
    receipt_no: str
    filename: str
    content: bytes
    status: str = wire.CHECKING
    doubts: tuple[wire.Doubt, ...] = ()


@dataclass
class FakeBureau:
    """Counts calls; ``next_doubts`` are the doubts the next finished self-check reports."""

    next_doubts: tuple[wire.Doubt, ...] = ()
    review_result: str = wire.PASSED
    reasons: str = ""  # 退回原因, or the 审核调整's reason
    adjustment: Decimal | None = None  # an approval adjusts 应退税额 by this
    calls: list[str] = field(default_factory=list)
    packages: dict[str, Submitted] = field(default_factory=dict)
    contents: list[Any] = field(default_factory=list)
    history: list[wire.ReviewResult] = field(default_factory=list)  # declared before this system
    vat_returns: dict[str, Decimal] = field(default_factory=dict)  # 所属期 → filed 期末留抵
    # Its list of pre-refunded HWC-YT lines; a report takes its line off and is kept here.
    overseas: list[PrerefundedLine] = field(default_factory=list)
    reports: dict[str, OverseasReport] = field(default_factory=dict)

    def _receipt(self, s: Submitted) -> Receipt:
        blocking = sum(1 for d in s.doubts if not d.skippable)
        return Receipt(
            s.receipt_no, s.status, s.filename, "", "A0305001", 0, "", len(s.doubts), blocking
        )

    def submit_package(self, *, customs_code: str, filename: str, content: bytes) -> Receipt:
        self.calls.append("submit")
        self.contents.append(read_package(io.BytesIO(content)))
        receipt_no = f"SB{len(self.packages) + 1:06d}"
        self.packages[receipt_no] = Submitted(receipt_no, filename, content)
        return self._receipt(self.packages[receipt_no])

    def upload(self, *, customs_code: str, filename: str, content: bytes) -> Receipt:
        self.calls.append("upload")
        self.contents.append(read_package(io.BytesIO(content)))
        receipt_no = f"SB{len(self.packages) + 1:06d}"
        self.packages[receipt_no] = Submitted(receipt_no, filename, content, wire.UPLOADED)
        return self._receipt(self.packages[receipt_no])

    def finish_self_check(self) -> None:
        for s in self.packages.values():
            if s.status == wire.CHECKING:
                s.doubts = self.next_doubts
                blocking = any(not d.skippable for d in s.doubts)
                s.status = wire.BLOCKED if blocking else wire.CHECKED

    def status(self, *, customs_code: str, receipt_no: str) -> Receipt:
        self.calls.append("status")
        return self._receipt(self.packages[receipt_no])

    def doubts(self, *, customs_code: str, receipt_no: str) -> wire.DoubtList:
        self.calls.append("doubts")
        s = self.packages[receipt_no]
        return wire.DoubtList(receipt_no, customs_code, "", "A0305001", s.status, s.doubts)

    def declare(self, *, customs_code: str, receipt_no: str) -> Receipt:
        self.calls.append("declare")
        self.packages[receipt_no].status = wire.UNDER_REVIEW
        return self._receipt(self.packages[receipt_no])

    def review(self) -> None:
        for s in self.packages.values():
            if s.status in (wire.UNDER_REVIEW, wire.UPLOADED):
                s.status = self.review_result

    def revoke(self, *, customs_code: str, receipt_no: str, reason: str = "") -> Receipt:
        self.calls.append("revoke")
        self.packages[receipt_no].status = wire.REVOKED
        return self._receipt(self.packages[receipt_no])

    def review_feedback(
        self, *, customs_code: str, business_code: str, period: str
    ) -> wire.ReviewFeedback:
        self.calls.append("review_feedback")
        results = []
        for s, content in zip(self.packages.values(), self.contents, strict=True):
            if s.status not in (wire.PASSED, wire.RETURNED) or content.head.period != period:
                continue
            rows = {row.row: row.current for row in content.sections["SBHZ"]}
            passed = s.status == wire.PASSED
            adjust = self.adjustment if passed else None  # 审核调整 of 应退税额
            results.append(
                wire.ReviewResult(
                    receipt_no=s.receipt_no,
                    business_code="A0305001",
                    period=period,
                    result=s.status,
                    line_count=content.line_count,
                    fob_usd_total=Decimal("0.00"),
                    fob_cny_total=Decimal("0.00"),
                    exempt_credit_refund=rows[11] if passed else None,
                    refund=rows[18] + (adjust or 0) if passed else None,
                    exempt_credit=rows[19] - (adjust or 0) if passed else None,
                    reasons=self.reasons if not passed or adjust is not None else "",
                    adjustment=adjust,
                )
            )
        results += [r for r in self.history if r.period == period]
        return wire.ReviewFeedback(customs_code, business_code, period, tuple(results))

    def filings(self, *, customs_code: str) -> wire.FilingFeedback:
        self.calls.append("filings")
        return wire.FilingFeedback(customs_code, ())

    def vat_return(self, *, customs_code: str, period: str) -> VatReturn | None:
        """The filed returns are ``vat_returns`` (所属期 → 期末留抵); none is filed otherwise."""
        self.calls.append("vat_return")
        credit = self.vat_returns.get(period)
        if credit is None:
            return None
        zero = Decimal("0.00")
        return VatReturn(period, date(2026, 1, 15), zero, credit, zero, credit, zero)

    def overseas_unreconciled(self, *, customs_code: str) -> list[PrerefundedLine]:
        self.calls.append("overseas_unreconciled")
        return [line for line in self.overseas if line.item_key not in self.reports]

    def reconcile_overseas(
        self, *, customs_code: str, item_key: str, report: OverseasReport
    ) -> None:
        """Accepted once per 报关单号 (a second report is refused, as the bureau does)."""
        self.calls.append("reconcile_overseas")
        if item_key in self.reports:
            raise PartyError(f"报关单{item_key}的海外仓预退税已核对", status=409)
        self.reports[item_key] = report

    def overseas_reconciliation(self, *, customs_code: str, item_key: str) -> OverseasReport | None:
        self.calls.append("overseas_reconciliation")
        return self.reports.get(item_key)
