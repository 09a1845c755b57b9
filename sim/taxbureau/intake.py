"""Receiving a declaration package: file name, XSD, enterprise, card and signature checks.

The business is the one the file name's short name names in the wire registry
(``wire.package.business_by_short_name``): the bureau knows every registered business, a
test-only one included, and refuses others with the list of those it accepts. Everything is
checked before anything is stored, inside one transaction, so a refused package changes
nothing. The self-check runs afterwards (``tasks.run_self_check``): 免抵退 (A0305001) gets the
bureau's 免抵退 checks (``selfcheck``), every business gets its doubt rules (``DoubtRule``).
A business without self-check is uploaded instead (远程申报 → 上传成功, ``upload=True``).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from rebate.integrations.wire import WireError
from rebate.integrations.wire.package import (
    BUSINESS_CODE,
    BusinessSpec,
    GoodsLine,
    PackageContent,
    PeriodKind,
    business,
    parse_package_filename,
    read_package,
    verify_signature,
)
from sim.customs.bulk import fast_insert
from sim.customs.registry import card_owner
from sim.customs.web import BadRequest

from . import hooks
from .doubt_rules import Found, RuleBook
from .form_names import wrong_form_names
from .models import Doubt, Enterprise, Status, Submission
from .registry import find_enterprise
from .selfcheck import run_bureau_checks

MAX_PACKAGE_BYTES = 256 * 2**20  # about 800,000 明细表 lines
FINAL_STATUSES = (Status.DECLARED, Status.UPLOADED, Status.PASSED)


@dataclass
class _Totals:
    """Lines of the main section; 免抵退 lines also sum their 离岸价."""

    lines: int = 0
    fob_usd: Decimal = Decimal("0.00")
    fob_cny: Decimal = Decimal("0.00")

    def add(self, line: object) -> None:
        self.lines += 1
        if isinstance(line, GoodsLine):
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


def _business(filename: str, upload: bool) -> tuple[str, str, BusinessSpec]:
    try:
        code, period, spec = parse_package_filename(filename)
    except WireError as error:
        raise _wire_error(error) from None
    if upload and spec.self_check:
        raise BadRequest(f"业务{spec.code}（{spec.label}）须先数据自检，不能直接上传", 409)
    if not upload and not spec.self_check:
        raise BadRequest(
            f"业务{spec.code}（{spec.label}）无需数据自检，请直接远程申报（上传）", 409
        )
    return code, period, spec


def declared_already(enterprise: Enterprise, business_code: str, period: str) -> bool:
    """Whether the business already has a final declaration for the period (a business
    without a period files each package on its own, so none blocks another)."""
    if not period:
        return False
    return Submission.objects.filter(
        enterprise=enterprise, business_code=business_code, period=period,
        status__in=FINAL_STATUSES,
    ).exists()  # fmt: skip


def _receipt_no(enterprise: Enterprise, period: str) -> str:
    count = Submission.objects.filter(enterprise=enterprise, period=period).count()
    return f"{enterprise.customs_code}{period}{count + 1:03d}"


@transaction.atomic
def receive_package(
    *, submitter: str, filename: str, data: bytes, upload: bool = False
) -> Submission:
    """Check and store a package for self-check (or, ``upload``, as 上传成功 for a business
    without self-check); raises ``BadRequest`` (nothing stored)."""
    enterprise = find_enterprise(submitter)
    code, period, spec = _business(filename, upload)
    if code != enterprise.customs_code:
        raise BadRequest(f"申报数据属于企业{code}，不能由企业{enterprise.customs_code}申报", 403)
    if len(data) > MAX_PACKAGE_BYTES:
        raise BadRequest("申报数据过大", 413)
    totals = _Totals()
    try:
        content = read_package(io.BytesIO(data), on_main=totals.add)
    except WireError as error:
        raise _wire_error(error) from None
    if content.business is not spec:
        raise BadRequest(f"申报文件名的业务简称{spec.short_name}与数据包的格式不一致")
    _check_head(content, enterprise, code, period)
    _check_card(content, enterprise)
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()  # one at a time
    stored_period = "" if spec.period_kind is PeriodKind.NONE else period
    if declared_already(enterprise, spec.code, stored_period):
        raise BadRequest(f"{spec.label}{period}已正式申报，请先撤销后再申报", 409)
    now = timezone.now()
    return Submission.objects.create(
        enterprise=enterprise,
        receipt_no=_receipt_no(enterprise, stored_period),
        filename=filename,
        business_code=spec.code,
        period=stored_period,
        status=Status.UPLOADED if upload else Status.CHECKING,
        declared_at=now if upload else None,
        card_no=content.signature.card_no,
        digest=content.digest,
        package_gz=gzip.compress(data, compresslevel=3),
        line_count=totals.lines,
        submitted_at=now,
        fob_usd_total=totals.fob_usd,
        fob_cny_total=totals.fob_cny,
        summary=_declared_summary(content),
    )


def _declared_summary(content: PackageContent) -> dict[str, list[str]]:
    """免抵退's 汇总表 as declared (the review compares it); other businesses have none."""
    if content.business.code != BUSINESS_CODE:
        return {}
    rows = content.sections["SBHZ"]
    return {str(r.row): [str(r.current), str(r.year_to_date)] for r in rows}


def package_lines(submission: Submission) -> tuple[list[GoodsLine], PackageContent]:
    lines: list[GoodsLine] = []
    assert submission.package_gz is not None
    with gzip.GzipFile(fileobj=io.BytesIO(bytes(submission.package_gz))) as source:
        content = read_package(source, on_main=lines.append, verify=False)  # type: ignore[arg-type]
    return lines, content


class _StoredRead:
    """One pass over a stored package for every self-check: the doubt rules see each record as
    it streams by; the records the 免抵退 checks and a business's hook need are kept.

    The package was validated against its XSD and its digest verified when it was received
    (``receive_package``); the checks read the stored copy once more, without either, and only
    once (they read it three times for 免抵退: its lines, the doubt rules, the forms' names).
    """

    def __init__(self, submission: Submission, keep_main: bool) -> None:
        self.spec = business(submission.business_code)
        self.book = RuleBook(submission.business_code)
        self.keep_main = keep_main
        self.records: dict[str, list[Any]] = {s.name: [] for s in self.spec.sections}
        self.found: list[Found] = []
        assert submission.package_gz is not None
        with gzip.GzipFile(fileobj=io.BytesIO(bytes(submission.package_gz))) as source:
            self.content = read_package(
                source,  # type: ignore[arg-type]
                on_main=self._main,
                on_record=self._other,
                verify=False,
            )

    def _main(self, record: Any) -> None:
        if self.book:
            main = self.spec.main
            self.found.extend(self.book.check(main.name, record, main.line_field))
        if self.keep_main:
            self.records[self.spec.main.name].append(record)

    def _other(self, section: str, record: Any) -> None:
        if self.book:
            self.found.extend(
                self.book.check(section, record, self.spec.section(section).line_field)
            )
        self.records[section].append(record)


def _mdt_doubts(submission: Submission, read: _StoredRead) -> list[Found]:
    lines = read.records[read.spec.main.name]
    explained = _explained(read.records.get("CYSM", ()))
    issues = run_bureau_checks(
        submission.enterprise, submission.period, lines, explained, submission.pk
    )
    return [
        Found(
            issue.code, issue.level, issue.skippable, issue.message[:1000], issue.record.table,
            issue.record.line_id or "", issue.record.item_key or "",
        )
        for issue in issues
    ]  # fmt: skip


def explained_item_keys(content: PackageContent) -> frozenset[str]:
    """Item keys with a 离岸价差异原因说明表 (CYSM) line."""
    return _explained(content.sections.get("CYSM", ()))


def _explained(rows: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(row.get("ckbgdh", "")) for row in rows)


def self_check_doubts(submission: Submission) -> list[Found]:
    """Every doubt of the stored package, from one read of it: the 免抵退 checks, the
    business's doubt rules, the forms' names, the business's own hook."""
    mdt = submission.business_code == BUSINESS_CODE
    hook = hooks.SELF_CHECKS.get(submission.business_code)
    read = _StoredRead(submission, keep_main=mdt or hook is not None)
    issues = _mdt_doubts(submission, read) if mdt else []
    issues += read.found
    issues += wrong_form_names(read.content)  # each form named as in force for the period
    if hook is not None:  # the business's own rules
        issues += hook(submission, read.records)
    return issues


DOUBT_COLUMNS = ("submission_id", "code", "level", "skippable", "message", "table", "line_no",
                 "item_key")  # fmt: skip


def complete_self_check(submission_id: int) -> None:
    """Run the checks and store the doubts; idempotent (a finished check is left alone)."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission_id)
        if submission.status != Status.CHECKING:
            return
        issues = self_check_doubts(submission)
        # Plain tuples through executemany: bulk_create of Doubt instances spent ~1.4 s per
        # 10,000 doubts preparing each field of each instance (the self-check bench's profile).
        fast_insert(Doubt, DOUBT_COLUMNS, (
            (submission.pk, i.code, i.level, i.skippable, i.message, i.table, i.line_no,
             i.item_key)
            for i in issues
        ))  # fmt: skip
        blocking = any(not issue.skippable for issue in issues)
        submission.status = Status.BLOCKED if blocking else Status.CHECKED
        submission.checked_at = timezone.now()
        submission.save(update_fields=["status", "checked_at"])


def visible_status(submission: Submission) -> str:
    """What the enterprise sees: 自检中 until the configured self-check time has passed.

    A finished check is revealed only after the delay; an unfinished one (no worker picked the
    task up) is completed here, so the simulator also works without a background worker.
    """
    if submission.status == Status.UPLOADED:
        return submission.status  # no self-check: uploaded, awaiting review
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


def iter_doubts(submission: Submission) -> Iterator[tuple[Any, ...]]:
    """The submission's doubts as (code, level, skippable, message, table, line_no,
    item_key) in the order found: tuples, not instances (100,000 doubts are read out)."""
    rows = submission.doubts.order_by("id").values_list(*DOUBT_COLUMNS[1:])
    return rows.iterator(chunk_size=2000)
