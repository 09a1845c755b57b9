"""随附单据 pages: the declarations, a declaration's 备案单证目录 with 上传 and its exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from rebate.accounts.access import request_user
from rebate.accounts.cardauth import challenge_take, signed_text_from
from rebate.core.access import data_enterprise, require_writer
from rebate.core.excel import XLSX
from rebate.core.records import apply_validation_error

from . import exports, selectors, services
from .forms import AttachForm

TITLE = "随附单据及备案单证目录"


@require_GET
def batches(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    found = list(selectors.batches(enterprise)[:200])
    counts = selectors.entry_counts(enterprise, [b.pk for b in found])
    rows = []
    for b in found:
        count, first_on = counts.get(b.pk, (0, None))
        rows.append((b, selectors.family_label(b), count, selectors.due(b, first_on)))
    return render(request, "documents/batches.html", {"title": TITLE, "rows": rows})


def _page(request: HttpRequest, batch: Any, form: AttachForm, status: int = 200) -> HttpResponse:
    enterprise = batch.enterprise
    entries = selectors.catalogue(enterprise, batch)
    due = selectors.due(batch, selectors.first_entry_on(entries))
    context = {
        "title": "备案单证目录",
        "batch": batch,
        "entries": [(e, selectors.late(e, due.due)) for e in entries],
        "due": due,
        "form": form,
    }
    return render(request, "documents/catalogue.html", context, status=status)


@require_http_methods(["GET", "POST"])
def catalogue(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = data_enterprise(request)
    batch = selectors.batch_of(enterprise, pk)
    lines = selectors.batch_lines(enterprise, batch)
    if request.method == "GET":
        return _page(request, batch, AttachForm(lines=lines))
    require_writer(request)
    form = AttachForm(request.POST, request.FILES, lines=lines)
    if not form.is_valid():
        return _page(request, batch, form, status=400)
    line = form.chosen_line()
    attachment = services.Attachment(
        kind=form.cleaned_data["kind"],
        title=form.cleaned_data["title"],
        keeping=form.cleaned_data["keeping"],
        line_record=line.record if line else "",
        line_id=line.pk if line else None,
    )
    try:
        services.attach(
            enterprise=enterprise,
            actor=request_user(request),
            batch=batch,
            signed=signed_text_from(request.POST),
            is_fresh=lambda text: challenge_take(request.session, text),
            attachment=attachment,
            upload=form.cleaned_data.get("file"),
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc), extra_tags="card")
        return _page(request, batch, form, status=403)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return _page(request, batch, form, status=400)
    messages.success(request, "随附单据已上传，已列入备案单证目录")
    return redirect("documents:catalogue", pk=batch.pk)


@require_GET
def catalogue_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """备案单证目录 as Excel (kind "xlsx") or PDF (kind "pdf")."""
    enterprise = data_enterprise(request)
    batch = selectors.batch_of(enterprise, pk)
    entries = selectors.catalogue(enterprise, batch)
    due = selectors.due(batch, selectors.first_entry_on(entries))
    name = f"备案单证目录_{batch.number}.{kind}"
    if kind == "pdf":
        return _file(exports.pdf(batch, entries, due), "application/pdf", name, "inline")
    return _file(exports.xlsx(batch, entries, due), XLSX, name, "attachment")


def _file(data: bytes, content_type: str, name: str, disposition: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    return response


@require_GET
def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_of(data_enterprise(request), pk)
    response = _file(services.read(document), document.content_type, document.original_name,
                     "inline")  # fmt: skip
    # Checked to be a PDF or an image by content; the browser must not guess otherwise.
    response["X-Content-Type-Options"] = "nosniff"
    return response


def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = require_writer(request)
    entry = selectors.entry_of(enterprise, pk)  # another enterprise's: 404, whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.entry_delete(enterprise=enterprise, actor=request_user(request), entry=entry)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已删除该目录条目")
    return redirect("documents:catalogue", pk=entry.batch_id)


def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = require_writer(request)
    document = selectors.document_of(enterprise, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = request.POST.get("batch", "")
    try:
        services.document_delete(
            enterprise=enterprise, actor=request_user(request), document=document
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已删除该文件")
    if back.isdigit():
        return redirect("documents:catalogue", pk=int(back))
    return redirect(reverse("documents:batches"))
