"""Shared bits of the declarations pages: the family of a URL, the period, errors, the card."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone

from rebate.accounts.cardauth import challenge_take, signed_text_from
from rebate.accounts.services import require_signing_card
from rebate.calc.periods import Period

from ..families import Family, UnknownFamily, get_family

DEFAULT_FAMILY = "mdt"


def family_of(key: str | None) -> Family:
    try:
        return get_family(key or DEFAULT_FAMILY)
    except UnknownFamily as exc:
        raise Http404(str(exc)) from exc


def error_text(exc: ValidationError) -> str:
    return "；".join(str(m) for m in exc.messages)


def fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, error_text(exc))


def default_period(enterprise: Any, family: Family) -> str:
    """The period the page opens on: the latest with collected lines, else last month."""
    from rebate.goods.models import ExportLine

    from ..selectors import batches

    latest = (
        ExportLine.objects.filter(enterprise=enterprise, declaration_batch_id__isnull=True)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    ) or batches(enterprise, family.key).values_list("period", flat=True).first()
    return latest or str(Period.of(timezone.localdate()).previous())


def signing_card_no(request: HttpRequest) -> str:
    """CK-01/05: the bound card is inserted: the browser signed a fresh challenge with it.

    PermissionDenied carries the reason (未检测到IC卡…, or both card numbers).
    """
    card = require_signing_card(
        request.user,  # type: ignore[arg-type]
        signed_text_from(request.POST),
        is_fresh=lambda text: challenge_take(request.session, text),
    )
    return card.card_no


def card_refused(request: HttpRequest, exc: PermissionDenied) -> None:
    """The refusal with a link to the IC card page, where the card is inserted."""
    messages.error(request, str(exc), extra_tags="card")
