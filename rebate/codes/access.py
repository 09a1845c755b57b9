"""Who may change reference data shared by every enterprise: system administrators only."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from rebate.accounts.models import User

NOT_ADMIN = "只有系统管理员可以维护参考数据"


def is_reference_admin(user: User | AnonymousUser) -> bool:
    """Staff users (the operator of the installation), never a tenant's own administrator:
    a rate or rule changed here changes every enterprise's calculation."""
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


def require_reference_admin(request: HttpRequest) -> None:
    if not is_reference_admin(request.user):
        raise PermissionDenied(NOT_ADMIN)
