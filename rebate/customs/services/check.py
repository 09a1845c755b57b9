"""数据检查 (DC-04): the ticked declarations' items through the rules of rebate.calc.checks.

The rules are calc's (exchange rate exists under the enterprise's method, code valid on the export
date and basic, unit as in the library, 监管方式 refundable, 进料加工 carries a 手册号); this module
only turns declarations into calc's DeclaredLine, runs them, and stores the problems with what a
clerk needs to fix them in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise, User
from rebate.calc.checks import DEFAULT_CATALOGUE, CheckContext, DeclaredLine, findings
from rebate.calc.fob import FobError

from ..choices import CheckStatus
from ..models import Declaration, DeclarationItem
from ..sources import Reference
from .fob import item_fob

RATE_MISSING = "LOCAL_EXCHANGE_RATE_MISSING"
NOT_IN_LIBRARY = "LOCAL_SPDM_NOT_IN_LIBRARY"
NOT_BASIC = "LOCAL_SPDM_NOT_BASIC"
# The DC-04 checks of rebate.calc.checks, and the fix each one offers.
CHECK_CODES = frozenset(
    {
        "LOCAL_BGDH_FORMAT",
        RATE_MISSING,
        NOT_IN_LIBRARY,
        NOT_BASIC,
        "LOCAL_UNIT_MISMATCH",
        "LOCAL_TRADE_MODE_NOT_REFUNDABLE",
        "MDT_JLJG_BDG_NOSCH",
    }
)
FOB_PROBLEM = "FOB"
NOTHING_TICKED = "请先勾选报关单"


@dataclass
class CheckReport:
    passed: int = 0
    failed: int = 0

    def text(self) -> str:
        return f"数据检查完成：通过{self.passed}张，未通过{self.failed}张"


def _line(declaration: Declaration, item: DeclarationItem, ref: Reference) -> DeclaredLine:
    row = ref.rate_row(item.rebate_code, declaration.ie_date)
    zero = Decimal(0)
    return DeclaredLine(
        line_id=str(item.pk),
        item_key=item.item_key,
        export_date=declaration.ie_date,
        commodity_code=item.rebate_code,
        unit=item.first_unit,
        quantity=item.first_qty,
        fob_usd=item.fob_usd if item.fob_usd is not None else zero,
        fob_cny=item.fob_cny if item.fob_cny is not None else zero,
        levy_rate=row.levy_rate if row else zero,
        rebate_rate=row.rebate_rate if row else zero,
        manual_no=declaration.manual_no or None,
        trade_mode=declaration.trade_mode,
        currency=item.trade_curr,
    )


def _fee_currency_lines(declaration: Declaration, line: DeclaredLine) -> Iterator[DeclaredLine]:
    """A fee given as a total in another currency needs that currency's rate too."""
    for mark, currency in (
        (declaration.fee_mark, declaration.fee_curr),
        (declaration.insur_mark, declaration.insur_curr),
        (declaration.other_mark, declaration.other_curr),
    ):
        if mark in ("2", "3") and currency and currency != line.currency:
            yield replace(line, currency=currency, line_id=f"{line.line_id}:{currency}")


def _fix(code: str, params: dict[str, object], item: DeclarationItem) -> dict[str, str]:
    if code == RATE_MISSING:
        return {
            "kind": "rate",
            "currency": str(params["currency"]),
            "date": str(params["rate_date"]),
        }
    if code in (NOT_IN_LIBRARY, NOT_BASIC):
        return {"kind": "code", "item": str(item.pk), "code": item.rebate_code}
    return {}


def problems_of(
    declaration: Declaration, items: Sequence[DeclarationItem], ref: Reference
) -> list[dict[str, Any]]:
    """The DC-04 problems of one declaration, one entry per distinct message."""
    lines = [_line(declaration, item, ref) for item in items]
    extra = [fee for line in lines[:1] for fee in _fee_currency_lines(declaration, line)]
    year = declaration.ie_date.year
    ctx = CheckContext(
        library=ref.library_row,
        exchange_rates=ref.stored_rate,
        rate_method=ref.rate_method(year),
        non_refundable_trade_modes=ref.non_refundable({declaration.trade_mode}),
    )
    by_id = {str(item.pk): item for item in items}
    problems: dict[str, dict[str, Any]] = {}
    for finding in findings([*lines, *extra], ctx):
        if finding.code not in CHECK_CODES:
            continue
        item = by_id[str(finding.record.line_id).split(":")[0]]
        issue = DEFAULT_CATALOGUE.issue(finding.code, finding.record, finding.params)
        message = issue.message
        if finding.code == NOT_IN_LIBRARY and ref.miss_reason(
            item.rebate_code, declaration.ie_date
        ):
            message = ref.miss_reason(item.rebate_code, declaration.ie_date)
        key = f"{finding.code}|{message}"
        problems.setdefault(
            key,
            {
                "code": finding.code,
                "message": message,
                "item": item.g_no if finding.code != RATE_MISSING else "",
                "fix": _fix(finding.code, dict(finding.params), item),
            },
        )
    if not problems:
        problems.update(_fob_problem(declaration, items, ref))
    return list(problems.values())


def _fob_problem(
    declaration: Declaration, items: Sequence[DeclarationItem], ref: Reference
) -> dict[str, dict[str, Any]]:
    """离岸价 must be computable (成交方式 and 运保杂) before lines can be generated."""
    try:
        item_fob(declaration, items, ref)
    except FobError as exc:
        message = f"离岸价无法计算：{exc.message}"
        return {FOB_PROBLEM: {"code": FOB_PROBLEM, "message": message, "item": "", "fix": {}}}
    return {}


def _declarations(enterprise: Enterprise, declaration_ids: Iterable[int]) -> list[Declaration]:
    ids = sorted({int(pk) for pk in declaration_ids})
    if not ids:
        raise ValidationError(NOTHING_TICKED)
    found: list[Declaration] = []
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        found.extend(
            Declaration.objects.for_enterprise(enterprise)
            .filter(pk__in=chunk)
            .prefetch_related("items")
        )
    if len(found) != len(ids):
        raise ValidationError("勾选的报关单不存在或已被删除")
    return found


@transaction.atomic
def declarations_check(
    *,
    enterprise: Enterprise,
    actor: User,
    declaration_ids: Iterable[int],
    reference: Reference | None = None,
) -> CheckReport:
    """Check the ticked declarations and store each one's result (检查通过 / 检查未通过)."""
    ref = reference or Reference(enterprise)
    declarations = _declarations(enterprise, declaration_ids)
    now = timezone.now()
    report = CheckReport()
    for declaration in declarations:
        problems = problems_of(declaration, list(declaration.items.all()), ref)
        declaration.check_problems = problems
        declaration.check_status = CheckStatus.FAILED if problems else CheckStatus.PASSED
        declaration.checked_at = now
        declaration.updated_at = now
        if problems:
            report.failed += 1
        else:
            report.passed += 1
    _save_results(declarations, now)
    return report


def _save_results(declarations: Sequence[Declaration], now: datetime) -> None:
    """Passed declarations share one UPDATE per chunk; failed ones (few) are saved one by one."""
    passed = [d.pk for d in declarations if d.check_status == CheckStatus.PASSED]
    for start in range(0, len(passed), 900):
        Declaration.objects.filter(pk__in=passed[start : start + 900]).update(
            check_status=CheckStatus.PASSED, check_problems=[], checked_at=now, updated_at=now
        )
    for d in declarations:
        if d.check_status != CheckStatus.PASSED:
            d.save(update_fields=["check_status", "check_problems", "checked_at", "updated_at"])
