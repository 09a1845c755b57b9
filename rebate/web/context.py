from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    enterprise = getattr(user, "enterprise", None) if user and user.is_authenticated else None
    # The inserted IC card is the browser's (static/accounts/card.js): the server never knows it.
    return {"current_enterprise": enterprise}
