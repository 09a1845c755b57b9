"""Receiving a declaration package: file name, XSD, enterprise, card and signature checks.

Everything is checked before anything is stored, inside one transaction, so a refused
package changes nothing. The self-check itself runs afterwards (``tasks.run_self_check``).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from rebate.integrations.wire import WireError
from rebate.integrations.wire.package import (
    BUSINESS_CODE,
    SHORT_NAME,
    GoodsLine,
    PackageContent,
    parse_filename,
    read_package,
    verify_signature,
)
from sim.customs.registry import card_owner
from sim.customs.web import BadRequest

from .models import Doubt, Enterprise, Status, Submission
from .registry import find_enterprise
from .selfcheck import run_bureau_checks

MAX_PACKAGE_BYTES = 256 * 2**20  # about 800,000 明细表 lines
FINAL_STATUSES = (Status.DECLARED, Status.PASSED)


@dataclass
class _Totals:
    lines: int = 0
    fob_usd: Decimal = Decimal("0.00")
    fob_cny: Decimal = Decimal("0.00")

    def add(self, line: GoodsLine) -> None:
        self.lines += 1
        self.fob_usd += line.fob_usd
        self.fob_cny += line.fob_cny


def _wire_error(error: WireError) -> BadRequest:
    status = 403 if error.code == "signature" else 400
    return BadRequest(error.message, status)


def _check_head(content: PackageContent, enterprise: Enterprise, code: str, period: str) -> None:
    head = content.head
    if head.customs_code != code or head.period != period:
        raise BadRequest("申报文件名与数据包表头的海关企业代码或所属期不一致")
    if head.uscc != enterprise.uscc:
        raise BadRequest(f"纳税人识别号{head.uscc}与备案信息不符", 403)


def _check_card(content: PackageContent, enterprise: Enterprise) -> None:
    card_no = content.signature.card_no
    owner = card_owner(card_no)
    if owner is None:
        raise BadRequest(f"签名卡号{card_no}未在电子口岸注册或已注销", 403)
    if owner.customs_code != enterprise.customs_code:
        raise BadRequest(f"签名卡号{card_no}不属于企业{enterprise.customs_code}", 403)
    try:
        verify_signature(content, owner.public_key_pem)
    except WireError as error:
        raise _wire_error(error) from None


def _receipt_no(enterprise: Enterprise, period: str) -> str:
    count = Submission.objects.filter(enterprise=enterprise, period=period).count()
    return f"{enterprise.customs_code}{period}{count + 1:03d}"


@transaction.atomic
def receive_package(*, submitter: str, filename: str, data: bytes) -> Submission:
    """Check and store a package for self-check; raises ``BadRequest`` (nothing stored)."""
    enterprise = find_enterprise(submitter)
    try:
        code, period, short_name = parse_filename(filename)
    except WireError as error:
        raise _wire_error(error) from None
    if short_name != SHORT_NAME:
        raise BadRequest(f"暂不受理业务“{short_name}”的申报数据（支持：{SHORT_NAME}）")
    if code != enterprise.customs_code:
        raise BadRequest(f"申报数据属于企业{code}，不能由企业{enterprise.customs_code}申报", 403)
    if len(data) > MAX_PACKAGE_BYTES:
        raise BadRequest("申报数据过大", 413)
    totals = _Totals()
    try:
        content = read_package(io.BytesIO(data), on_main=totals.add)
    except WireError as error:
        raise _wire_error(error) from None
    _check_head(content, enterprise, code, period)
    _check_card(content, enterprise)
    locked = Submission.objects.select_for_update().filter(
        enterprise=enterprise, period=period, status__in=FINAL_STATUSES
    )
    if locked.exists():
        raise BadRequest(f"所属期{period}已正式申报，请先撤销后再申报", 409)
    summary = {str(r.row): [str(r.current), str(r.year_to_date)] for r in content.sections["SBHZ"]}
    return Submission.objects.create(
        enterprise=enterprise,
        receipt_no=_receipt_no(enterprise, period),
        filename=filename,
        business_code=BUSINESS_CODE,
        period=period,
        card_no=content.signature.card_no,
        digest=content.digest,
        package_gz=gzip.compress(data, compresslevel=3),
        line_count=totals.lines,
        submitted_at=timezone.now(),
        fob_usd_total=totals.fob_usd,
        fob_cny_total=totals.fob_cny,
        summary=summary,
    )


def package_lines(submission: Submission) -> tuple[list[GoodsLine], PackageContent]:
    lines: list[GoodsLine] = []
    assert submission.package_gz is not None
    with gzip.GzipFile(fileobj=io.BytesIO(bytes(submission.package_gz))) as source:
        content = read_package(source, on_main=lines.append, verify=False)  # type: ignore[arg-type]
    return lines, content


def explained_item_keys(content: PackageContent) -> frozenset[str]:
    """Item keys with a 离岸价差异原因说明表 (CYSM) line."""
    return frozenset(str(row.get("ckbgdh", "")) for row in content.sections.get("CYSM", ()))


def complete_self_check(submission_id: int) -> None:
    """Run the checks and store the doubts; idempotent (a finished check is left alone)."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.status != Status.CHECKING:
            return
        lines, content = package_lines(submission)
        issues = run_bureau_checks(
            submission.enterprise,
            submission.period,
            lines,
            explained_item_keys(content),
            submission.pk,
        )
        Doubt.objects.bulk_create(
            (
                Doubt(
                    submission=submission, code=issue.code, level=issue.level,
                    skippable=issue.skippable, message=issue.message[:1000],
                    table=issue.record.table, line_no=issue.record.line_id or "",
                    item_key=issue.record.item_key or "",
                )
                for issue in issues
            ),
            batch_size=2000,
        )  # fmt: skip
        blocking = any(not issue.skippable for issue in issues)
        submission.status = Status.BLOCKED if blocking else Status.CHECKED
        submission.checked_at = timezone.now()
        submission.save(update_fields=["status", "checked_at"])


def visible_status(submission: Submission) -> str:
    """What the enterprise sees: 自检中 until the configured self-check time has passed.

    A finished check is revealed only after the delay; an unfinished one (no worker picked the
    task up) is completed here, so the simulator also works without a background worker.
    """
    due = submission.submitted_at + timedelta(
        seconds=submission.enterprise.self_check_delay_seconds
    )
    if timezone.now() < due:
        return Status.CHECKING
    if submission.status == Status.CHECKING:
        from .exchange import sync  # the exchange reads customs; import only when needed

        sync(submission.enterprise)
        complete_self_check(submission.pk)
        submission.refresh_from_db()
    return submission.status


def iter_doubts(submission: Submission) -> Iterator[Doubt]:
    return submission.doubts.order_by("id").iterator(chunk_size=2000)
