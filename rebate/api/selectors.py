from __future__ import annotations

from django.db.models import QuerySet

from rebate.accounts.models import User

from .models import ApiToken


def user_tokens(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens in their enterprise (a token is never shown to anyone else)."""
    return ApiToken.objects.for_enterprise(user.enterprise).filter(user=user)
