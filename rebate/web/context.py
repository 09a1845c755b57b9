from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    enterprise = getattr(user, "enterprise", None) if user and user.is_authenticated else None
    return {
        "current_enterprise": enterprise,
        "inserted_card": request.session.get("card_no", "") if hasattr(request, "session") else "",
    }
