"""Writes of the 配置 pages. Every function takes the enterprise and the acting user.

The list records (币别, 委托企业, 自用到货地点, 无纸化标志) use the kernel's record write path
(rebate.core.services) after their own checks; the signatures are those RecordType expects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from stdnum.cn import uscc

from rebate.accounts.choices import Role
from rebate.accounts.models import Enterprise, User
from rebate.accounts.validators import validate_customs_code
from rebate.calc.exchange import ExchangeRateError, MethodChoice, validate_method_change
from rebate.calc.exchange import RateMethod as CalcRateMethod
from rebate.codes import selectors as codes
from rebate.codes.choices import CodeTable
from rebate.core import instances
from rebate.core import rows as row_writes
from rebate.core.models import EnterpriseOwned
from rebate.core.services import record_create, record_update

from .choices import PAPERLESS_TYPE, REGION_NAMES, FilingSource
from .models import (
    DeliveryPlace,
    EnterpriseCurrency,
    EnterpriseExtension,
    EnterpriseFiling,
    EnterpriseProfile,
    FilingHistory,
    Principal,
    RateMethodChoice,
)

Data = Mapping[str, Any]
TAXPAYER_ID = re.compile(r"^[0-9A-Z]{15,20}$")
READ_ONLY_ROLE = "当前用户为查看角色，不能修改数据"


def require_editor(actor: User) -> None:
    """Viewers may read the 配置 pages but not change them."""
    if getattr(actor, "role", None) == Role.VIEWER:
        raise PermissionDenied(READ_ONLY_ROLE)


def _value(obj: models.Model | None, data: Data, name: str) -> Any:
    """The submitted value, or the stored one when a partial update (批量修改) leaves it out."""
    return data[name] if name in data else getattr(obj, name, None)


def _unique(model: type[EnterpriseOwned], enterprise: Enterprise, obj: EnterpriseOwned | None,
            field: str, message: str, **lookup: Any) -> None:  # fmt: skip
    rows = model.objects.for_enterprise(enterprise).filter(**lookup)
    if obj is not None:
        rows = rows.exclude(pk=obj.pk)
    if rows.exists():
        raise ValidationError({field: message})


# PZ-01 币别 -------------------------------------------------------------------------------


def _currency_data(
    enterprise: Enterprise, obj: EnterpriseCurrency | None, data: Data
) -> dict[str, Any]:
    info = codes.currency(str(_value(obj, data, "currency_code") or ""))
    if info is None:
        raise ValidationError({"currency_code": "币别代码不存在，请从列表中选择"})
    _unique(EnterpriseCurrency, enterprise, obj, "currency_code", "该币别已存在，不能重复添加",
            currency_code=info.code)  # fmt: skip
    return {**data, "currency_code": info.code, "name": info.name, "old_code": info.old_code}


@transaction.atomic
def enterprise_currency_create(
    *, enterprise: Enterprise, actor: User | None, data: Data
) -> EnterpriseCurrency:
    """PZ-01: add a currency; its name and old numeric code come from the customs 币制 table."""
    values = _currency_data(enterprise, None, data)
    row = record_create(model=EnterpriseCurrency, enterprise=enterprise, actor=actor, data=values)
    assert isinstance(row, EnterpriseCurrency)
    return row


@transaction.atomic
def enterprise_currency_update(
    *, obj: EnterpriseCurrency, enterprise: Enterprise, actor: User, data: Data
) -> EnterpriseCurrency:
    """PZ-01: change a currency row."""
    values = _currency_data(enterprise, obj, data)
    record_update(obj=obj, enterprise=enterprise, actor=actor, data=values)
    return obj


# PZ-02 委托企业 -----------------------------------------------------------------------------


def _principal_fields(data: Data, obj: Principal | None = None) -> dict[str, Any]:
    taxpayer_id = str(_value(obj, data, "taxpayer_id") or "").strip().upper()
    customs_code = str(_value(obj, data, "customs_code") or "").strip().upper()
    if not TAXPAYER_ID.match(taxpayer_id):
        raise ValidationError({"taxpayer_id": "纳税人识别号应为15至20位数字或大写字母"})
    if len(taxpayer_id) == 18 and not uscc.is_valid(taxpayer_id):
        raise ValidationError({"taxpayer_id": "统一社会信用代码校验位错误"})
    if customs_code:
        validate_customs_code(customs_code)
    return {**data, "taxpayer_id": taxpayer_id, "customs_code": customs_code}


def _principal_data(enterprise: Enterprise, obj: Principal | None, data: Data) -> dict[str, Any]:
    values = _principal_fields(data, obj)
    _unique(Principal, enterprise, obj, "taxpayer_id", "该纳税人识别号的委托企业已存在",
            taxpayer_id=values["taxpayer_id"])  # fmt: skip
    return values


@transaction.atomic
def principal_create(*, enterprise: Enterprise, actor: User | None, data: Data) -> Principal:
    """PZ-02: add a 委托企业 (纳税人识别号 checked; a USCC also by its check character)."""
    values = _principal_data(enterprise, None, data)
    row = record_create(model=Principal, enterprise=enterprise, actor=actor, data=values)
    assert isinstance(row, Principal)
    return row


@transaction.atomic
def principal_update(
    *, obj: Principal, enterprise: Enterprise, actor: User, data: Data
) -> Principal:
    """PZ-02: change a 委托企业."""
    record_update(
        obj=obj, enterprise=enterprise, actor=actor, data=_principal_data(enterprise, obj, data)
    )
    return obj


def principal_create_many(
    *, enterprise: Enterprise, actor: User | None, rows: list[Data], checked: tuple[str, ...] = ()
) -> list[Principal]:
    """PZ-02 导入: principal_create's rules on every row — the uniqueness of 纳税人识别号 set-wise
    (within the file and against the stored rows) — all checked before the one short
    transaction that inserts them, so a large import holds the write lock for the insert only."""
    values: list[dict[str, Any]] = []
    failures: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        try:
            data = _principal_fields(row)
        except ValidationError as exc:
            failures += [(number, name, m[0]) for name, m in exc.message_dict.items()]
            continue
        if data["taxpayer_id"] in seen:
            failures.append((number, "taxpayer_id", "纳税人识别号在文件中重复"))
        seen.setdefault(data["taxpayer_id"], number)
        values.append(data)
    taken = _taken_taxpayer_ids(enterprise, sorted(seen))
    failures += [(seen[t], "taxpayer_id", "该纳税人识别号的委托企业已存在") for t in taken]
    if failures:
        raise row_writes.RowsInvalid(sorted(failures), numbered=True)
    objects = instances.build(Principal, values, enterprise=enterprise)
    row_writes.validate(objects, exclude=["enterprise", *checked], constraints=False)
    try:
        with transaction.atomic():
            return row_writes.insert(Principal, objects)
    except IntegrityError as exc:  # saved by someone else meanwhile
        raise ValidationError("部分纳税人识别号的委托企业已存在，请刷新后重新导入") from exc


def _taken_taxpayer_ids(enterprise: Enterprise, ids: list[str]) -> list[str]:
    taken: list[str] = []
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        rows = Principal.objects.for_enterprise(enterprise).filter(taxpayer_id__in=chunk)
        taken += rows.values_list("taxpayer_id", flat=True)
    return sorted(taken)


# PZ-03 自用到货地点 -------------------------------------------------------------------------


def _place_data(enterprise: Enterprise, obj: DeliveryPlace | None, data: Data) -> dict[str, Any]:
    code = str(_value(obj, data, "code") or "").strip().upper()
    district = str(_value(obj, data, "district_code") or "").strip()
    if district and codes.customs_code(CodeTable.DOMESTIC_DISTRICT, district) is None:
        raise ValidationError({"district_code": "境内货源地代码不存在"})
    _unique(DeliveryPlace, enterprise, obj, "code", "该到货地点代码已存在", code=code)
    return {**data, "code": code, "district_code": district}


@transaction.atomic
def delivery_place_create(
    *, enterprise: Enterprise, actor: User | None, data: Data
) -> DeliveryPlace:
    """PZ-03: add a 自用到货地点; 境内货源地 must be a customs 国内地区 code."""
    values = _place_data(enterprise, None, data)
    row = record_create(model=DeliveryPlace, enterprise=enterprise, actor=actor, data=values)
    assert isinstance(row, DeliveryPlace)
    return row


@transaction.atomic
def delivery_place_update(
    *, obj: DeliveryPlace, enterprise: Enterprise, actor: User, data: Data
) -> DeliveryPlace:
    """PZ-03: change a 自用到货地点."""
    record_update(
        obj=obj, enterprise=enterprise, actor=actor, data=_place_data(enterprise, obj, data)
    )
    return obj


# PZ-06 无纸化标志 ---------------------------------------------------------------------------


def _paperless_data(
    enterprise: Enterprise, obj: EnterpriseExtension | None, data: Data
) -> dict[str, Any]:
    start: date | None = _value(obj, data, "valid_from")
    end: date | None = _value(obj, data, "valid_to")
    if start is None:
        raise ValidationError({"valid_from": "有效期起为必填项"})
    if end is not None and end < start:
        raise ValidationError({"valid_to": "有效期止不能早于有效期起"})
    others = EnterpriseExtension.objects.for_enterprise(enterprise).filter(
        type_code=PAPERLESS_TYPE, valid_from__lte=end or date.max
    )
    if obj is not None:
        others = others.exclude(pk=obj.pk)
    if any((other.valid_to or date.max) >= start for other in others):
        raise ValidationError({"valid_from": "有效期与已有的无纸化标志记录重叠"})
    return {**data, "type_code": PAPERLESS_TYPE}


@transaction.atomic
def paperless_flag_create(
    *, enterprise: Enterprise, actor: User | None, data: Data
) -> EnterpriseExtension:
    """PZ-06: add a 无纸化标志 period (periods may not overlap)."""
    values = _paperless_data(enterprise, None, data)
    row = record_create(model=EnterpriseExtension, enterprise=enterprise, actor=actor, data=values)
    assert isinstance(row, EnterpriseExtension)
    return row


@transaction.atomic
def paperless_flag_update(
    *, obj: EnterpriseExtension, enterprise: Enterprise, actor: User, data: Data
) -> EnterpriseExtension:
    """PZ-06: change a 无纸化标志 period."""
    record_update(
        obj=obj, enterprise=enterprise, actor=actor, data=_paperless_data(enterprise, obj, data)
    )
    return obj


# PZ-07 / PZ-08 系统参数 ---------------------------------------------------------------------


@transaction.atomic
def enterprise_region_set(*, enterprise: Enterprise, actor: User, region: str) -> Enterprise:
    """PZ-07 所属地区: one of the 36 tax regions."""
    require_editor(actor)
    if region not in REGION_NAMES:
        raise ValidationError({"region": "请选择所属地区"})
    enterprise.region = region
    enterprise.full_clean()
    enterprise.save(update_fields=["region"])
    return enterprise


@transaction.atomic
def enterprise_profile_save(
    *, enterprise: Enterprise, actor: User, data: Data
) -> EnterpriseProfile:
    """PZ-08 企业信息: create or change the enterprise's own data (one row per enterprise)."""
    require_editor(actor)
    profile = EnterpriseProfile.objects.for_enterprise(enterprise).first()
    if profile is None:
        row = record_create(model=EnterpriseProfile, enterprise=enterprise, actor=actor, data=data)
        assert isinstance(row, EnterpriseProfile)
        return row
    record_update(obj=profile, enterprise=enterprise, actor=actor, data=data)
    return profile


FILING_FIELDS = (
    "filing_no",
    "filing_date",
    "refund_authority",
    "refund_method",
    "category",
    "taxpayer_type",
    "enterprise_type",
    "details",
)


@transaction.atomic
def enterprise_filing_update(
    *, enterprise: Enterprise, source: str = FilingSource.FEEDBACK, source_note: str = "",
    **values: Any,
) -> EnterpriseFiling:  # fmt: skip
    """Store the bureau's 备案 data of the enterprise; 反馈读入 (TS-28) calls this.

    ``values`` are fields of EnterpriseFiling (FILING_FIELDS); absent ones stay unchanged.
    """
    unknown = set(values) - set(FILING_FIELDS)
    if unknown:
        raise ValueError(f"unknown filing fields: {sorted(unknown)}")
    filing = EnterpriseFiling.objects.for_enterprise(enterprise).first() or EnterpriseFiling(
        enterprise=enterprise
    )
    for name, value in values.items():
        setattr(filing, name, value)
    filing.source, filing.source_note = source, source_note[:200]
    filing.full_clean()
    filing.save()
    return filing


def filing_history_add(
    *, enterprise: Enterprise, business_code: str, label: str, filed_on: date, summary: str = "",
    receipt_no: str = "",
) -> FilingHistory:  # fmt: skip
    """One approved filing in PZ-04's 备案历史 (once per 受理回执号)."""
    values = {"business_code": business_code, "label": label[:60], "filed_on": filed_on,
              "summary": summary[:2000]}  # fmt: skip
    if receipt_no:
        row, _ = FilingHistory.objects.update_or_create(
            enterprise=enterprise, receipt_no=receipt_no, defaults=values
        )
        return row
    return FilingHistory.objects.create(enterprise=enterprise, **values)


def _history(enterprise: Enterprise) -> list[MethodChoice]:
    return [
        MethodChoice(row.year, CalcRateMethod[row.method])
        for row in RateMethodChoice.objects.for_enterprise(enterprise)
    ]


@transaction.atomic
def rate_method_choose(
    *, enterprise: Enterprise, actor: User, method: str, year: int, used_in_year: bool = False
) -> RateMethodChoice:
    """汇率折算方式 (当天 / 当月1日) from 1 January of ``year``; not changeable within a year.

    ``used_in_year``: a declaration of ``year`` already applied the method in force (the
    declarations app knows; the page passes False until it can ask).
    """
    require_editor(actor)
    try:
        requested = CalcRateMethod[method]
    except KeyError as exc:
        raise ValidationError({"method": "请选择汇率折算方式"}) from exc
    try:
        validate_method_change(_history(enterprise), requested, year, used_in_year=used_in_year)
    except ExchangeRateError as exc:
        raise ValidationError({"method": str(exc).split(" / ")[0]}) from exc
    row, _ = RateMethodChoice.objects.update_or_create(
        enterprise=enterprise,
        year=year,
        defaults={"method": method, "actor": actor if getattr(actor, "pk", None) else None},
    )
    return row
