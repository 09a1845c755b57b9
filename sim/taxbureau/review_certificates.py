"""The bureau's review of the seven 单证 businesses (证明类), against its OWN data: the customs
electronic information it received (``CustomsInfo``), the enterprises it has on file
(``Enterprise``, by 纳税人识别号) and the certificates it issued before (``IssuedCertificate``).

Self-check (数据自检) doubts, all 不可挑过 (the certificate cannot be issued while they stand):

- 代理出口货物证明 dlzm: 报关单无电子信息; 该报关单已开具过证明; 委托方未办理备案; 数量 or 离岸价
  beyond the customs item.
- 退运已补税证明 tgbs: 退运报关单不存在 (no customs record, or no 退运 on it); 退运数量超过海关退运
  数量; 该报关单已开具过证明.
- 委托出口货物证明 wtck: 报关单无电子信息 (the 受托方's declaration); 受托方未办理备案; 已开具过.
- 来料加工免税证明 lljg: 手（账）册无电子信息 (no customs record of the enterprise on it).
- 出口卷烟已免税证明 jyzm: 卷烟出口企业未办理备案; the same invoice certified before.
- 补办证明 bbzm: 补办的原证明不存在 (not one this bureau issued to the enterprise), or already
  replaced.
- 中标证明通知书 zbzm: 该招标项目已开具过中标证明通知书.
- 来料加工核销 llhx: 来料加工免税证明不存在 (not issued by this bureau); 报关单无电子信息; 报关单不
  属于该手（账）册; 已核销过.
- 准予免税购进出口卷烟证明 zyjy: 卷烟生产企业未办理备案; the plan's issued quantity plus this one
  beyond the 出口卷烟计划数量.
- 出口卷烟免税核销 jyhx: 准予免税购进出口卷烟证明不存在; 报关单无电子信息; 已核销过.

Approved (after the review delay): a 核销 (llhx, jyhx) is an approval only, kept in the
history but not sent back as a certificate; any other line gets a new 证明编号
(``{简称}{关区4位}{年}{序号6位}``, a project design: the real numbering is not public), kept in
the bureau's history and sent back in the review feedback as the line's item_key; a 补办 marks
its original replaced.

A 免抵退 line that names an issued 代理出口货物证明号码 for its item is checked against the
agent's customs record (``agency_customs``, used by the 免抵退 self-check).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from rebate.integrations.wire.package import GoodsLine, business

from . import hooks
from .doubt_rules import Found
from .models import CustomsInfo, DeclaredLine, Enterprise, IssuedCertificate, Submission

ZERO = Decimal("0")
SUBJECT = {  # what a business's certificate certifies, once
    "A0201001": "item_key", "A0201005": "item_key", "A0201003": "item_key",
    "A0203002": "invoice_no", "A0205003": "invoice_no", "A0202001": "original_no",
    "A0201007": "tender_no", "A0203001": "item_key", "A0205001": "item_key",
    "A0205002": "plan_no",
}  # fmt: skip
APPROVALS = ("A0203001", "A0205001")  # 核销: approved, no certificate (FORMS.md 1b)


class Review:
    """The doubts of one package, with the helpers every business's rules share."""

    def __init__(self, submission: Submission) -> None:
        self.submission = submission
        self.enterprise = submission.enterprise
        self.code = submission.business_code
        self.spec = business(self.code)
        self.found: list[Found] = []

    def doubt(self, record: dict[str, Any], suffix: str, message: str) -> None:
        self.found.append(
            Found(
                code=f"DZ_{self.spec.short_name.upper()}_{suffix}", level="E", skippable=False,
                message=message[:1000], table=self.spec.main.name,
                line_no=str(record.get("line_no", ""))[:20],
                item_key=str(record.get("item_key", ""))[:21],
            )
        )  # fmt: skip

    def customs(self, key: str, own: bool = True) -> CustomsInfo | None:
        rows = CustomsInfo.objects.filter(item_key=key)
        return (rows.filter(enterprise=self.enterprise) if own else rows).first()

    def on_file(self, record: dict[str, Any], field: str, role: str) -> None:
        taxpayer_id = record.get(field) or ""
        if not Enterprise.objects.filter(uscc=taxpayer_id).exists():
            self.doubt(record, "WBA", f"{role}{taxpayer_id}未办理出口退（免）税备案")

    def issued_before(self, record: dict[str, Any], what: str) -> None:
        subject = str(record.get(SUBJECT[self.code]) or "")
        earlier = IssuedCertificate.objects.filter(
            business_code=self.code, subject=subject, enterprise=self.enterprise
        ).first()
        if subject and earlier is not None:
            self.doubt(record, "YKJ", f"{what}{subject}已开具过证明（证明编号{earlier.number}）")

    def beyond(self, record: dict[str, Any], field: str, limit: Decimal, label: str) -> None:
        value = record.get(field)
        if isinstance(value, Decimal) and value > limit:
            self.doubt(record, "CXHG", f"{label}{value}超过海关电子信息的{limit}")


def agency(review: Review, record: dict[str, Any]) -> None:
    key = record["item_key"]
    info = review.customs(key)
    if info is None:
        review.doubt(record, "WDZXX", f"报关单{key}无电子信息")
    else:
        review.beyond(record, "quantity", info.quantity, "代理出口数量")
        review.beyond(record, "fob_usd", info.fob_usd, "美元离岸价")
        review.beyond(record, "fob_cny", info.fob_cny, "人民币离岸价")
    review.issued_before(record, "该报关单")
    review.on_file(record, "principal_taxpayer_id", "委托方")


def returned(review: Review, record: dict[str, Any]) -> None:
    key = record["item_key"]
    info = review.customs(key)
    if info is None or info.returned_quantity <= ZERO:
        review.doubt(record, "TYBGD", f"退运报关单不存在：报关单{key}无海关退运信息")
    else:
        review.beyond(record, "returned_quantity", info.returned_quantity, "退运数量")
        review.beyond(record, "returned_fob_cny", info.returned_fob_cny, "退运人民币离岸价")
    review.issued_before(record, "该报关单")


def entrusted(review: Review, record: dict[str, Any]) -> None:
    key = record["item_key"]
    if review.customs(key, own=False) is None:
        review.doubt(record, "WDZXX", f"报关单{key}无电子信息")
    review.on_file(record, "trustee_taxpayer_id", "受托方")
    review.issued_before(record, "该报关单")


def inward(review: Review, record: dict[str, Any]) -> None:
    manual = record.get("manual_no") or ""
    if not CustomsInfo.objects.filter(enterprise=review.enterprise, manual_no=manual).exists():
        review.doubt(record, "WSC", f"来料加工手（账）册{manual}无海关电子信息")
    review.issued_before(record, "加工费发票")


def known_certificate(review: Review, record: dict[str, Any], field: str, code: str,
                      what: str) -> None:  # fmt: skip
    number = record.get(field) or ""
    found = IssuedCertificate.objects.filter(
        enterprise=review.enterprise, business_code=code, number=number
    ).exists()
    if not found:
        review.doubt(record, "ZMBCZ", f"{what}{number}不存在")


def inward_writeoff(review: Review, record: dict[str, Any]) -> None:
    known_certificate(review, record, "exemption_certificate_no", "A0203002", "来料加工免税证明")
    key, manual = record["item_key"], record.get("manual_no") or ""
    info = review.customs(key)
    if info is None:
        review.doubt(record, "WDZXX", f"报关单{key}无电子信息")
    elif info.manual_no != manual:
        review.doubt(record, "BSSC", f"报关单{key}不属于手（账）册{manual}")
    review.issued_before(record, "该报关单")


def cigarette_permit(review: Review, record: dict[str, Any]) -> None:
    review.on_file(record, "producer_taxpayer_id", "卷烟生产企业")
    plan, quantity = str(record.get("plan_no") or ""), record.get("quantity") or ZERO
    earlier = IssuedCertificate.objects.filter(
        enterprise=review.enterprise, business_code=review.code, subject=plan
    ).values_list("quantity", flat=True)
    total = sum((q or ZERO for q in earlier), ZERO) + quantity
    planned = record.get("plan_quantity")
    if isinstance(planned, Decimal) and total > planned:
        review.doubt(
            record, "CJH", f"计划{plan}已开具及本次数量{total}超过出口卷烟计划数量{planned}"
        )


def cigarette_writeoff(review: Review, record: dict[str, Any]) -> None:
    known_certificate(review, record, "permit_no", "A0205002", "准予免税购进出口卷烟证明")
    key = record["item_key"]
    if review.customs(key) is None:
        review.doubt(record, "WDZXX", f"报关单{key}无电子信息")
    review.issued_before(record, "该报关单")


def cigarette(review: Review, record: dict[str, Any]) -> None:
    review.on_file(record, "exporter_taxpayer_id", "卷烟出口企业")
    review.issued_before(record, "发票")


def reissue(review: Review, record: dict[str, Any]) -> None:
    number = record.get("original_no") or ""
    original = IssuedCertificate.objects.filter(enterprise=review.enterprise, number=number).first()
    if original is None:
        review.doubt(record, "YZMBCZ", f"补办的原证明{number}不存在")
    elif original.replaced:
        review.doubt(record, "YBB", f"原证明{number}已补办过")


def winning_bid(review: Review, record: dict[str, Any]) -> None:
    review.issued_before(record, "招标项目")


RULES: dict[str, Callable[[Review, dict[str, Any]], None]] = {
    "A0201001": agency, "A0201005": returned, "A0201003": entrusted, "A0203002": inward,
    "A0205003": cigarette, "A0202001": reissue, "A0201007": winning_bid,
    "A0203001": inward_writeoff, "A0205002": cigarette_permit, "A0205001": cigarette_writeoff,
}  # fmt: skip


def _main(submission: Submission, records: hooks.Records) -> list[dict[str, Any]]:
    return [dict(r) for r in records[business(submission.business_code).main.name]]


def check(submission: Submission, records: hooks.Records) -> list[Found]:
    review = Review(submission)
    for record in _main(submission, records):
        RULES[submission.business_code](review, record)
    return review.found


def _number(short_name: str, customs_code: str, year: int) -> str:
    prefix = f"{short_name.upper()}{customs_code[:4]}{year}"
    count = IssuedCertificate.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1:06d}"


def issue(submission: Submission, records: hooks.Records) -> hooks.Decision:
    """审核通过: a 证明编号 per line, in the bureau's history and the review's lines (written
    here: hooks.Decision's lines are keyed by digits only, a 证明编号 has letters); a 核销 is
    only kept in the history."""
    code, enterprise = submission.business_code, submission.enterprise
    spec = business(code)
    today = submission.reviewed_on or timezone.localdate()
    for record in _main(submission, records):
        number = _number(spec.short_name, enterprise.customs_code, today.year)
        subject = str(record.get(SUBJECT[code]) or "")
        IssuedCertificate.objects.create(
            enterprise=enterprise, business_code=code, number=number, subject=subject[:50],
            submission=submission, line_no=str(record["line_no"]), issued_on=today,
            quantity=record.get("quantity") or record.get("returned_quantity"),
            fob_cny=record.get("fob_cny") or record.get("returned_fob_cny"),
        )  # fmt: skip
        if code == "A0202001":
            IssuedCertificate.objects.filter(enterprise=enterprise, number=subject).update(
                replaced=True
            )
        if code in APPROVALS:
            continue  # a 核销: approved and kept (its number the bureau's own), nothing issued
        DeclaredLine.objects.create(
            submission=submission, enterprise=enterprise, line_no=str(record["line_no"]),
            item_key=number, quantity=record.get("quantity") or ZERO,
            fob_usd=record.get("fob_usd") or ZERO,
            fob_cny=record.get("fob_cny") or record.get("returned_fob_cny") or ZERO,
        )  # fmt: skip
    return hooks.Decision(passed=True)


def agency_customs(lines: Iterable[GoodsLine]) -> dict[str, CustomsInfo]:
    """A 免抵退 line exported by an agent names the 代理出口货物证明号码 it was given (DOMAIN
    §7.1 dlckhwzmhm; S5: the 证明编号, optionally with the 2-digit 项号 after it): where this
    bureau issued that certificate for the line's 报关单 item, the agent's customs record stands
    for the 委托方's (item_key → record), so the line is not without 电子信息."""
    named = {
        line.item_key: line.agent_certificate_no for line in lines if line.agent_certificate_no
    }
    if not named:
        return {}
    issued = IssuedCertificate.objects.filter(business_code="A0201001", subject__in=list(named))
    accepted = {
        cert.subject
        for cert in issued
        if named[cert.subject] in (cert.number, *(f"{cert.number}{n:02d}" for n in range(100)))
    }
    return {info.item_key: info for info in CustomsInfo.objects.filter(item_key__in=accepted)}


for _code in RULES:
    hooks.register(_code, self_check=check, review=issue)
