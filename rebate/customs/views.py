"""报关单采集 screen (DC-01…DC-12): one page; the buttons open dialogs loaded by HTMX.

Views are thin: a form, one service call, a fragment. Dialog fragments answer 200 also when they
carry form errors, so that HTMX swaps them into the open dialog.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from rebate.accounts.access import request_user
from rebate.accounts.models import Enterprise
from rebate.core.access import data_enterprise, require_writer
from rebate.core.excel import xlsx_response
from rebate.core.imports import ImportFailed, RowError
from rebate.core.paging import CappedCountPaginator
from rebate.core.records import apply_validation_error
from rebate.core.uploads import UploadRefused
from rebate.goods import evidence

from . import selectors, services
from .files import broker
from .filters import DeclarationFilter
from .forms import CodeMapForm, DownloadForm, GenerateForm, InvoiceEditForm, RateFixForm
from .tables import ItemTable, LineTable
from .tasks import download_job_for, import_job_create

PER_PAGE = 50
INLINE_MAX_BYTES = 256 * 1024  # a larger 报关单导入 runs as a job with a progress bar
HIDDEN_ITEM_FIELDS = {"id", "enterprise", "created_at", "updated_at", "export_line"}


def ticked(request: HttpRequest) -> list[int]:
    values = request.POST.getlist("pk") or request.GET.getlist("pk")
    return [int(v) for v in values if v.isdigit()]


def _fragment(request: HttpRequest, name: str, **context: Any) -> HttpResponse:
    return render(request, f"customs/{name}.html", context)


@require_GET
def declarations_page(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    filterset = DeclarationFilter(
        request.GET or None, queryset=selectors.declaration_list(enterprise)
    )
    # Counting stops past 10,000 rows (「约 N 条」 on PostgreSQL): an exact COUNT(*) over
    # 100,000 declarations was a seq scan of the table on every page view (~45 ms of ~80).
    page = CappedCountPaginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "customs/declarations.html",
        {"title": "报关单采集", "filter": filterset, "page": page, "query": query.urlencode()},
    )


@require_GET
def items(request: HttpRequest, pk: int) -> HttpResponse:
    """商品信息 (DC-10) of the clicked declaration, with its 出口明细, 改单 history and the
    certificates (单证) applied for on its items."""
    enterprise = data_enterprise(request)
    declaration = get_object_or_404(selectors.declarations(enterprise), pk=pk)
    keys = list(
        selectors.declaration_items(enterprise, declaration).values_list("item_key", flat=True)
    )
    by_item = evidence.certificates_for(enterprise, keys)
    certificates = [c for key in keys for c in by_item.get(key, ())]
    return _fragment(
        request,
        "_items",
        declaration=declaration,
        items=ItemTable(selectors.declaration_items(enterprise, declaration)),
        lines=LineTable(selectors.declaration_lines(enterprise, declaration)),
        revisions=selectors.declaration_revisions(enterprise, declaration),
        certificates=certificates,
    )


@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The full item (DC-11), opened by double-click."""
    item = selectors.item(data_enterprise(request), pk)
    if item is None:
        raise Http404
    fields = [
        (f.verbose_name, getattr(item, f.name))
        for f in item._meta.fields
        if f.name not in HIDDEN_ITEM_FIELDS
    ]
    return _fragment(request, "_item_detail", item=item, fields=fields)


def download(request: HttpRequest) -> HttpResponse:
    """信息下载 (DC-02/03): the dialog, then the job's progress bar."""
    if request.method != "POST":
        data_enterprise(request)
        return _fragment(request, "_download", form=DownloadForm())
    enterprise = require_writer(request)
    form = DownloadForm(request.POST)
    if not form.is_valid():
        return _fragment(request, "_download", form=form)
    job = download_job_for(
        enterprise=enterprise, actor=request_user(request), data=form.cleaned_data
    )
    return _fragment(request, "_download", job=job)


def _check_result(
    request: HttpRequest, enterprise: Enterprise, ids: list[int], **extra: Any
) -> HttpResponse:
    found = selectors.declarations(enterprise).filter(pk__in=ids)
    found = found.order_by("check_status", "ie_date", "entry_id")  # 检查未通过 first
    return _fragment(
        request,
        "_check",
        declarations=found,
        ids=ids,
        rate_form=RateFixForm(),
        code_form=CodeMapForm(),
        **extra,
    )


@require_POST
def check(request: HttpRequest) -> HttpResponse:
    """数据检查 (DC-04) of the ticked declarations."""
    enterprise = require_writer(request)
    ids = ticked(request)
    try:
        report = services.declarations_check(
            enterprise=enterprise, actor=request_user(request), declaration_ids=ids
        )
    except ValidationError as exc:
        return _fragment(request, "_message", errors=exc.messages)
    return _check_result(request, enterprise, ids, report=report)


@require_POST
def fix_rate(request: HttpRequest) -> HttpResponse:
    enterprise = require_writer(request)
    ids = ticked(request)
    form = RateFixForm(request.POST)
    form.fields["currency"].disabled = form.fields["on_date"].disabled = False
    if form.is_valid():
        try:
            report = services.declaration_rate_fix(
                enterprise=enterprise,
                actor=request_user(request),
                declaration_ids=ids,
                **form.cleaned_data,
            )
            return _check_result(request, enterprise, ids, report=report)
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return _check_result(request, enterprise, ids, fix_errors=form.errors.as_text())


@require_POST
def fix_code(request: HttpRequest) -> HttpResponse:
    enterprise = require_writer(request)
    ids = ticked(request)
    form = CodeMapForm(request.POST)
    item_id = request.POST.get("item", "")
    if form.is_valid() and item_id.isdigit():
        try:
            report = services.declaration_item_map_code(
                enterprise=enterprise,
                actor=request_user(request),
                item_id=int(item_id),
                new_code=form.cleaned_data["new_code"],
            )
            return _check_result(request, enterprise, ids, report=report)
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return _check_result(request, enterprise, ids, fix_errors=form.errors.as_text())


def generate(request: HttpRequest) -> HttpResponse:
    """生成退税 (DC-05): the dialog (所属期, 业务类型, 出口发票号, 出口合同号), then 确定."""
    enterprise = require_writer(request)
    ids = ticked(request)
    common = selectors.common_invoice_no(enterprise, ids)
    lacking = selectors.any_without_invoice(enterprise, ids)
    if request.method != "POST":
        form = GenerateForm(initial={"invoice_no": common}, invoice_required=lacking)
        return _fragment(request, "_generate", form=form, ids=ids)
    form = GenerateForm(request.POST, invoice_required=lacking)
    if form.is_valid():
        try:
            result = services.declarations_generate(
                enterprise=enterprise,
                actor=request_user(request),
                declaration_ids=ids,
                **form.cleaned_data,
            )
            return _fragment(
                request, "_message", success=result.text(), errors=result.refused, reload=True
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return _fragment(request, "_generate", form=form, ids=ids)


@require_GET
def invoice_template(request: HttpRequest) -> HttpResponseBase:
    """出口发票导入 template (DC-06): the ticked declarations, else the filtered list."""
    enterprise = data_enterprise(request)
    ids = ticked(request)
    queryset = DeclarationFilter(
        request.GET or None, queryset=selectors.declaration_list(enterprise)
    ).qs
    if ids:
        queryset = queryset.filter(pk__in=ids)
    handle = services.invoice_template(queryset.iterator(chunk_size=2000))
    return xlsx_response(handle, "出口发票导入模板.xlsx")


def invoice_import(request: HttpRequest) -> HttpResponse:
    """出口发票导入 (DC-07): upload the filled template; all or nothing."""
    if request.method != "POST":
        data_enterprise(request)
        return _fragment(request, "_invoice_import")
    enterprise = require_writer(request)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ImportFailed([RowError(0, "—", "请选择要导入的文件")])
        count = services.invoices_import(
            enterprise=enterprise, actor=request_user(request), upload=upload
        )
    except ImportFailed as failed:
        return _fragment(request, "_invoice_import", errors=failed.errors)
    return _fragment(
        request, "_message", success=f"导入成功，共设置{count}张报关单的出口发票号", reload=True
    )


def invoice_edit(request: HttpRequest) -> HttpResponse:
    """出口发票修改 (DC-08) of the ticked declarations."""
    enterprise = require_writer(request)
    ids = ticked(request)
    if request.method != "POST":
        initial = {"invoice_no": selectors.common_invoice_no(enterprise, ids)}
        return _fragment(request, "_invoice_edit", form=InvoiceEditForm(initial=initial), ids=ids)
    form = InvoiceEditForm(request.POST)
    if form.is_valid():
        try:
            services.declarations_set_invoice(
                enterprise=enterprise,
                actor=request_user(request),
                declaration_ids=ids,
                **form.cleaned_data,
            )
            return _fragment(request, "_message", success="出口发票号修改成功", reload=True)
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return _fragment(request, "_invoice_edit", form=form, ids=ids)


@require_GET
def declaration_template(request: HttpRequest) -> HttpResponseBase:
    """报关单导入's Excel template (the broker layout: one row per 商品项)."""
    data_enterprise(request)
    return xlsx_response(broker.template(), "报关单导入模板.xlsx")


def declaration_import(request: HttpRequest) -> HttpResponse:
    """报关单导入: DecMessage XML, a ZIP of them, or the broker Excel; all or nothing."""
    if request.method != "POST":
        job = selectors.import_job(data_enterprise(request), request.GET.get("job", ""))
        errors = [RowError(**e) for e in job.result.get("errors", [])] if job else []
        return _fragment(request, "_declaration_import", job=job, errors=errors)
    enterprise = require_writer(request)
    upload = request.FILES.get("file")
    actor = request_user(request)
    try:
        if upload is None:
            raise ImportFailed([RowError(0, "—", "请选择要导入的文件")])
        if (upload.size or 0) > INLINE_MAX_BYTES:
            job = import_job_create(enterprise=enterprise, actor=actor, upload=upload)
            return _fragment(request, "_declaration_import", job=job)
        summary = services.declarations_import(
            enterprise=enterprise, actor=actor, upload=upload, name=upload.name or ""
        )
    except UploadRefused as refused:
        return _fragment(request, "_declaration_import", errors=[RowError(0, "—", str(refused))])
    except ImportFailed as failed:
        return _fragment(request, "_declaration_import", errors=failed.errors)
    text = f"导入成功，{summary.text()}"
    return _fragment(request, "_message", success=text, errors=summary.warnings, reload=True)
