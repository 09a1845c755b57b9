"""Who may touch rebate data (CK-04) and who may change it (roles)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

NO_PERMISSION = "您无权限操作该数据"
READ_ONLY_ROLE = "viewer"


def data_enterprise(request: HttpRequest) -> Any:
    """The enterprise whose data the request may read: signed in, with a bound e-port card."""
    user: Any = request.user
    enterprise = getattr(user, "enterprise", None)
    if enterprise is None or not hasattr(user, "card"):
        raise PermissionDenied(NO_PERMISSION)
    return enterprise


def require_writer(request: HttpRequest) -> Any:
    enterprise = data_enterprise(request)
    if getattr(request.user, "role", "") == READ_ONLY_ROLE:
        raise PermissionDenied("当前用户为查看角色，不能修改数据")
    return enterprise


class DataAccessMixin:
    """For class-based views: resolves self.enterprise or answers 403 with the manual's words."""

    writes = False
    enterprise: Any

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.enterprise = require_writer(request) if self.writes else data_enterprise(request)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
