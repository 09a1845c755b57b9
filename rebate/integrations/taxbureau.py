"""TaxBureauPort: remote self-check, upload, formal declaration, revoke and the feedback.

Packages travel in the published formats ``urn:ckts:wire:package:{业务简称}:1``, one per
registered business (build them with ``wire.package.write_package``); doubts and feedback
come back as ``urn:ckts:wire:bureau:1`` documents (docs/wire/). Status and receipts are small
JSON answers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, TypeVar

import httpx
from django.conf import settings

from .credentials import authorization
from .http import PartyError, make_client, raise_for_party
from .models import Party
from .wire import WireError
from .wire.feedback import DoubtList, FilingFeedback, ProcessingFeedback, ReviewFeedback, reader

PARTY = "税务局"
NOT_FOUND = 404
VAT_RETURN_FIGURES = ("output_tax", "input_tax", "opening_credit", "ending_credit", "tax_payable")
BASE = "/api/v1"  # under TAXBUREAU_ENDPOINT
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Receipt:
    """The bureau's answer about one submitted package (受理回执 / status)."""

    receipt_no: str
    status: str  # one of wire.feedback.STATUSES
    filename: str
    period: str
    business_code: str
    line_count: int
    submitted_at: str
    doubt_count: int | None = None
    blocking_count: int | None = None
    reasons: str = ""


def _receipt(body: dict[str, Any]) -> Receipt:
    return Receipt(
        receipt_no=str(body["receipt_no"]),
        status=str(body["status"]),
        filename=str(body["filename"]),
        period=str(body["period"]),
        business_code=str(body["business_code"]),
        line_count=int(body["line_count"]),
        submitted_at=str(body["submitted_at"]),
        doubt_count=body.get("doubt_count"),
        blocking_count=body.get("blocking_count"),
        reasons=str(body.get("reasons", "")),
    )


@dataclass(frozen=True, slots=True)
class VatReturn:
    """The enterprise's 增值税纳税申报表 of one 所属期 as filed at the bureau."""

    period: str
    filed_on: date
    output_tax: Decimal  # 销项税额
    input_tax: Decimal  # 进项税额
    opening_credit: Decimal  # 上期留抵税额
    ending_credit: Decimal  # 期末留抵税额 (汇总表第17栏)
    tax_payable: Decimal  # 应纳税额


def _vat_return(body: dict[str, Any]) -> VatReturn:
    try:
        return VatReturn(
            period=str(body["period"]),
            filed_on=date.fromisoformat(str(body["filed_on"])),
            **{name: Decimal(str(body[name])) for name in VAT_RETURN_FIGURES},
        )
    except (KeyError, ValueError, ArithmeticError):
        raise PartyError(f"{PARTY}返回的增值税纳税申报表格式错误") from None


@dataclass(frozen=True, slots=True)
class PrerefundedLine:
    """A pre-refunded 海外仓 (HWC-YT, 公告2025年第3号) line the bureau lists as not reconciled."""

    period: str
    line_no: str
    item_key: str
    export_date: date
    fob_cny: Decimal
    exempt_credit_refund: Decimal | None
    receipt_no: str


def _prerefunded(body: dict[str, Any]) -> list[PrerefundedLine]:
    try:
        return [
            PrerefundedLine(
                period=str(row["period"]), line_no=str(row["line_no"]),
                item_key=str(row["item_key"]),
                export_date=date.fromisoformat(str(row["export_date"])),
                fob_cny=Decimal(str(row["fob_cny"])),
                exempt_credit_refund=(
                    None if row.get("exempt_credit_refund") is None
                    else Decimal(str(row["exempt_credit_refund"]))
                ),
                receipt_no=str(row.get("receipt_no", "")),
            )
            for row in body["lines"]
        ]  # fmt: skip
    except (KeyError, TypeError, ValueError, ArithmeticError):
        raise PartyError(f"{PARTY}返回的海外仓预退税明细格式错误") from None


@dataclass(frozen=True, slots=True)
class OverseasReport:
    """The enterprise's reconciliation of one pre-refunded line: sold (销售日期, 销售金额), or
    unsold with a 补缴 (repay) / 调整 (adjust) amount and its reason."""

    outcome: str  # "sold" | "unsold"
    sold_on: date | None = None
    sale_amount: Decimal | None = None
    settlement: str = ""  # "repay" | "adjust"
    settle_amount: Decimal | None = None
    reason: str = ""

    def body(self) -> dict[str, Any]:
        if self.outcome == "sold":
            assert self.sold_on is not None
            return {"outcome": self.outcome, "sold_on": self.sold_on.isoformat(),
                    "sale_amount": str(self.sale_amount)}  # fmt: skip
        return {"outcome": self.outcome, "settlement": self.settlement,
                "settle_amount": str(self.settle_amount), "reason": self.reason}  # fmt: skip


def _report(body: dict[str, Any]) -> OverseasReport:
    try:
        sold = str(body["outcome"]) == "sold"
        amount = body.get("sale_amount" if sold else "settle_amount")
        return OverseasReport(
            outcome=str(body["outcome"]),
            sold_on=date.fromisoformat(str(body["sold_on"])) if sold else None,
            sale_amount=Decimal(str(amount)) if sold else None,
            settlement="" if sold else str(body["settlement"]),
            settle_amount=None if sold else Decimal(str(amount)),
            reason="" if sold else str(body.get("reason", "")),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError):
        raise PartyError(f"{PARTY}返回的海外仓核对记录格式错误") from None


class TaxBureauPort(Protocol):
    def submit_package(self, *, customs_code: str, filename: str, content: bytes) -> Receipt:
        """数据自检 (TS-22): upload a signed package; the answer is 自检中 with a receipt."""
        ...

    def upload(self, *, customs_code: str, filename: str, content: bytes) -> Receipt:
        """远程申报 without self-check: a business whose spec has none (进料, 备案) is uploaded;
        the answer is 上传成功 with a receipt, its review result follows like a declaration's."""
        ...

    def status(self, *, customs_code: str, receipt_no: str) -> Receipt:
        """自检状态查询 (TS-23) / review progress."""
        ...

    def doubts(self, *, customs_code: str, receipt_no: str) -> DoubtList:
        """疑点反馈 (TS-24) of a finished self-check."""
        ...

    def declare(self, *, customs_code: str, receipt_no: str) -> Receipt:
        """确认申报 (TS-25): formal declaration after a self-check without blocking doubts."""
        ...

    def revoke(self, *, customs_code: str, receipt_no: str, reason: str = "") -> Receipt:
        """撤销申报数据 (TS-27)."""
        ...

    def review_feedback(
        self, *, customs_code: str, business_code: str, period: str
    ) -> ReviewFeedback:
        """退税审核结果下载 (TS-29) of one business (申报业务表代码, e.g. A0305001) and its
        period (所属期 YYYYMM, 申报年 YYYY, or "" for a business without a period)."""
        ...

    def processing_feedback(self, *, customs_code: str, year: int) -> ProcessingFeedback:
        """进料审核结果下载 / 加贸反馈 (JL-03) by 核销年度."""
        ...

    def filings(self, *, customs_code: str) -> FilingFeedback:
        """备案反馈: the filings the bureau holds for the enterprise."""
        ...

    def vat_return(self, *, customs_code: str, period: str) -> VatReturn | None:
        """The period's filed 增值税纳税申报表; None while it is not filed."""
        ...

    def overseas_unreconciled(self, *, customs_code: str) -> list[PrerefundedLine]:
        """The bureau's list of the enterprise's pre-refunded HWC-YT lines not reconciled."""
        ...

    def reconcile_overseas(
        self, *, customs_code: str, item_key: str, report: OverseasReport
    ) -> None:
        """Report one pre-refunded line's reconciliation (refused: PartyError, its words)."""
        ...

    def overseas_reconciliation(self, *, customs_code: str, item_key: str) -> OverseasReport | None:
        """The reconciliation the bureau recorded for the line; None while it has none."""
        ...


class HttpTaxBureauClient:
    def __init__(self, endpoint: str, *, timeout: float = 300.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout

    def _call(self, method: str, path: str, customs_code: str, **kwargs: Any) -> httpx.Response:
        # The credential names the enterprise: the bureau answers for it and for no other.
        headers = {**authorization(Party.TAXBUREAU, customs_code), **kwargs.pop("headers", {})}
        with make_client(self.endpoint, timeout=self.timeout) as client:
            response = client.request(method, BASE + path, headers=headers, **kwargs)
        raise_for_party(response, PARTY)
        return response

    def _document(
        self, path: str, customs_code: str, params: dict[str, str], parse: Callable[[Any], T]
    ) -> T:
        response = self._call("GET", path, customs_code, params=params)
        try:
            return parse(io.BytesIO(response.content))
        except WireError as error:
            raise PartyError(f"{PARTY}返回的数据格式错误：{error.message}") from None

    def submit_package(self, *, customs_code: str, filename: str, content: bytes) -> Receipt:
        headers = {"X-Filename": filename, "Content-Type": "application/xml"}
        response = self._call("POST", "/packages", customs_code, content=content, headers=headers)
        return _receipt(response.json())

    def upload(self, *, customs_code: str, filename: str, content: bytes) -> Receipt:
        headers = {"X-Filename": filename, "Content-Type": "application/xml"}
        response = self._call("POST", "/uploads", customs_code, content=content, headers=headers)
        return _receipt(response.json())

    def status(self, *, customs_code: str, receipt_no: str) -> Receipt:
        return _receipt(self._call("GET", f"/packages/{receipt_no}", customs_code).json())

    def doubts(self, *, customs_code: str, receipt_no: str) -> DoubtList:
        return self._document(
            f"/packages/{receipt_no}/doubts", customs_code, {}, reader.read_doubts
        )

    def declare(self, *, customs_code: str, receipt_no: str) -> Receipt:
        return _receipt(self._call("POST", f"/packages/{receipt_no}/declare", customs_code).json())

    def revoke(self, *, customs_code: str, receipt_no: str, reason: str = "") -> Receipt:
        response = self._call(
            "POST", f"/packages/{receipt_no}/revoke", customs_code, json={"reason": reason}
        )
        return _receipt(response.json())

    def review_feedback(
        self, *, customs_code: str, business_code: str, period: str
    ) -> ReviewFeedback:
        params = {"business": business_code, "period": period}
        return self._document("/feedback/review", customs_code, params, reader.read_review)

    def processing_feedback(self, *, customs_code: str, year: int) -> ProcessingFeedback:
        params = {"year": str(year)}
        return self._document("/feedback/processing", customs_code, params, reader.read_processing)

    def filings(self, *, customs_code: str) -> FilingFeedback:
        return self._document("/feedback/filings", customs_code, {}, reader.read_filings)

    def vat_return(self, *, customs_code: str, period: str) -> VatReturn | None:
        try:
            response = self._call("GET", "/vat-returns", customs_code, params={"period": period})
        except PartyError as error:
            if error.status == NOT_FOUND:
                return None
            raise
        return _vat_return(response.json())

    def overseas_unreconciled(self, *, customs_code: str) -> list[PrerefundedLine]:
        return _prerefunded(self._call("GET", "/overseas-lines", customs_code).json())

    def reconcile_overseas(
        self, *, customs_code: str, item_key: str, report: OverseasReport
    ) -> None:
        path = f"/overseas-lines/{item_key}/reconciliation"
        self._call("POST", path, customs_code, json=report.body())

    def overseas_reconciliation(self, *, customs_code: str, item_key: str) -> OverseasReport | None:
        try:
            response = self._call("GET", f"/overseas-lines/{item_key}/reconciliation", customs_code)
        except PartyError as error:
            if error.status == NOT_FOUND:
                return None
            raise
        return _report(response.json())


def get_taxbureau_port() -> TaxBureauPort:
    return HttpTaxBureauClient(settings.TAXBUREAU_ENDPOINT)
