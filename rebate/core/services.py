"""The generic write path for plain records: one transaction, full_clean, update_fields.

Domain apps with rules of their own pass their own service functions to their RecordType; these
serve the plain forms (configuration lists and the like).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

READ_ONLY_MESSAGE = "该记录已生成或已申报，不能修改"


@transaction.atomic
def record_create(
    *, model: type[models.Model], enterprise: Any, actor: Any, data: Mapping[str, Any]
) -> models.Model:
    obj = model(enterprise=enterprise, **data)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def record_update(
    *, obj: models.Model, enterprise: Any, actor: Any, data: Mapping[str, Any]
) -> models.Model:
    if getattr(obj, "enterprise_id", None) != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")
    changed = [name for name, value in data.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, data[name])
    if not changed:
        return obj
    obj.full_clean()
    obj.save(update_fields=[*changed, "updated_at"] if hasattr(obj, "updated_at") else changed)
    return obj


@transaction.atomic
def record_delete(*, obj: models.Model, enterprise: Any, actor: Any) -> None:
    if getattr(obj, "enterprise_id", None) != enterprise.pk:
        raise PermissionDenied("您无权限操作该数据")
    try:
        obj.delete()
    except models.ProtectedError as exc:
        raise ValidationError("该记录已被其他数据引用，不能删除") from exc
