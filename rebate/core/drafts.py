"""暂存 of every record form, once for the framework (core.records): the posted fields are kept
as a Draft without the form's or the service's checks, listed as 暂存 on the form's list, and
opened again into the form; saving it normally runs every check, writes the record and drops
the draft. A draft is never a row of the form's model, so it never joins a batch.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, redirect

from .access import require_writer
from .models import Draft

DRAFT_FIELD = "draft"  # the hidden field carrying the draft a form was opened from
DRAFT_BUTTON = "save_draft"
MAX_VALUE_CHARS = 4000  # a draft holds what a form holds: bounded per value
MAX_VALUES = 50
SAVED = "已暂存：未进行数据检查，不会进入申报数据；打开暂存记录并保存后方可申报"
TOO_LONG = "暂存内容过长"


def drafts(enterprise: Any, record_key: str) -> Any:
    return Draft.objects.filter(enterprise=enterprise, record=record_key)


def draft_of(enterprise: Any, record_key: str, pk: Any) -> Draft | None:
    """The enterprise's draft of this form named by the request (404 for anyone else's)."""
    if not str(pk or "").isdigit():
        return None
    draft: Draft = get_object_or_404(drafts(enterprise, record_key), pk=int(pk))
    return draft


def _kept(post: QueryDict, names: list[str]) -> dict[str, list[str]]:
    data = {name: post.getlist(name) for name in names if name in post}
    for values in data.values():
        if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE_CHARS for v in values):
            raise ValidationError(TOO_LONG)
    return data


def _summary(data: dict[str, list[str]]) -> str:
    shown = [v for values in data.values() for v in values if v.strip()][:4]
    return " / ".join(shown)[:200]


@transaction.atomic
def draft_save(
    *,
    enterprise: Any,
    actor: Any,
    record_key: str,
    object_id: int | None,
    post: QueryDict,
    names: list[str],
    draft: Draft | None = None,
) -> Draft:
    """暂存: keep the form's posted fields as they are; no check of the form runs."""
    data = _kept(post, names)
    draft = draft or Draft(enterprise=enterprise, record=record_key, object_id=object_id)
    draft.data, draft.summary, draft.created_by = data, _summary(data), actor
    draft.save()
    return draft


def initial_of(draft: Draft) -> dict[str, Any]:
    """The form's initial values from a draft (one value, or the list of a multiple choice)."""
    return {k: (v[0] if len(v) == 1 else v) for k, v in draft.data.items()}


def draft_discard(*, enterprise: Any, draft: Draft | None) -> None:
    """The draft became the record (saved normally) or was deleted by the clerk."""
    if draft is not None and draft.enterprise_id == enterprise.pk:
        draft.delete()


def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """删除暂存: the draft goes; the form's records are untouched."""
    from .records import record_for

    enterprise = require_writer(request)
    draft = get_object_or_404(Draft.objects.filter(enterprise=enterprise), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    draft_discard(enterprise=enterprise, draft=draft)
    messages.success(request, "已删除暂存记录")
    return redirect(record_for(draft.record).url_name("list"))
