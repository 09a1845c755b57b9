"""Shared bits of the declarations pages: the family of a URL, the period, errors, the card."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from rebate.accounts.access import request_user
from rebate.accounts.cardauth import challenge_take, signed_text_from
from rebate.accounts.models import Enterprise
from rebate.accounts.services import require_signing_card
from rebate.calc.periods import filing_period

from ..families import Family, PeriodKind, UnknownFamily, get_family
from ..services import BlockingProblems


def family_of(key: str) -> Family:
    try:
        return get_family(key)
    except UnknownFamily as exc:
        raise Http404(str(exc)) from exc


def family_url(family: Family, page: str, **query: Any) -> str:
    """The URL of one of a family's pages (generate, check, summary, package, self_check,
    refresh, print, revoke, …), with the non-empty ``query`` values.

    Every family page, form and redirect goes through here, so a second family's buttons run
    that family: its own namespace's names when it has one (a family app mounting
    urls.family_pages, e.g. ``mdt:generate``), else the engine's keyed pages.
    """
    if family.url_namespace:
        path = reverse(f"{family.url_namespace}:{page}")
    else:
        path = reverse(f"declarations:family_{page}", kwargs={"family": family.key})
    params = {k: v for k, v in query.items() if v}
    return f"{path}?{urlencode(params)}" if params else path


def record_url(family: Family, table: str, record_id: int | None) -> str:
    """The detail page of the record a check issue or 疑点 names, or "" when it has none."""
    name = family.record_detail.get(table)
    return reverse(name, args=[record_id]) if name and record_id else ""


def error_text(exc: ValidationError) -> str:
    return "；".join(str(m) for m in exc.messages)


def fail(request: HttpRequest, exc: ValidationError) -> None:
    """The refusal as the page's red message; one for 不可跳过 problems links their list."""
    tags = "consistency" if isinstance(exc, BlockingProblems) else ""
    messages.error(request, error_text(exc), extra_tags=tags)


def default_period(enterprise: Enterprise, family: Family) -> str:
    """The period the page opens on: the family's latest with open records, else its latest
    batch's, else last month."""
    from ..selectors import batches

    if family.period_kind is PeriodKind.NONE:
        return ""
    latest = family.open_period(enterprise) if family.open_period else None
    latest = latest or batches(enterprise, family.key).values_list("period", flat=True).first()
    latest = latest or str(filing_period(timezone.localdate()))
    return latest[:4] if family.period_kind is PeriodKind.YEAR else latest


def signing_card_no(request: HttpRequest) -> str:
    """CK-01/05: the bound card is inserted: the browser signed a fresh challenge with it.

    PermissionDenied carries the reason (未检测到IC卡…, or both card numbers).
    """
    card = require_signing_card(
        request_user(request),
        signed_text_from(request.POST),
        is_fresh=lambda text: challenge_take(request.session, text),
    )
    return card.card_no


def card_refused(request: HttpRequest, exc: PermissionDenied) -> None:
    """The refusal with a link to the IC card page, where the card is inserted."""
    messages.error(request, str(exc), extra_tags="card")
