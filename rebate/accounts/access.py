"""The acting user of a request, as the services' `actor: User` expects it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from rebate.core.access import NO_PERMISSION

from .models import User


def request_user(request: HttpRequest) -> User:
    """The signed-in user. LoginRequiredMiddleware keeps anonymous requests out of every view
    not marked login_not_required, so a view that writes always has one; anything else is
    refused rather than recorded as an actor."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied(NO_PERMISSION)
    return user
