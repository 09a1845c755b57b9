"""商品代码 queries (PZ-09, PZ-10) and the rate-library versions page."""

from __future__ import annotations

import tempfile
from pathlib import Path

import django_tables2 as tables
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rebate.codes import selectors, services
from rebate.codes.access import is_reference_admin, require_reference_admin
from rebate.codes.forms import RateLibraryImportForm, RateSearchForm
from rebate.codes.models import RateLibraryVersion
from rebate.codes.tables import EntryPages, RateEntryTable

PER_PAGE = 50


def _rate_page(request: HttpRequest, *, nonrefundable: bool, title: str) -> HttpResponse:
    form = RateSearchForm(request.GET or None)
    library = selectors.active_rate_library()
    ids: list[int] = []
    if library is not None and (not form.is_bound or form.is_valid()):
        data = form.cleaned_data if form.is_bound else {}
        ids = selectors.rate_entry_ids(
            code_prefix=data.get("code", ""),
            name=data.get("name", ""),
            on_date=data.get("on_date"),
            nonrefundable=nonrefundable,
        )
    table = RateEntryTable(EntryPages(ids))
    tables.RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {
        "title": title,
        "form": form,
        "table": table,
        "library": library,
        "nonrefundable": nonrefundable,
        "can_manage": is_reference_admin(request.user),
    }
    return render(request, "codes/rate_codes.html", context, status=400 if form.errors else 200)


def rebate_codes(request: HttpRequest) -> HttpResponse:
    """PZ-09 退税商品码: code prefix or name search; a date answers what applied that day."""
    return _rate_page(request, nonrefundable=False, title="退税商品码")


def nonrefundable_codes(request: HttpRequest) -> HttpResponse:
    """PZ-10 不退税或免税商品码: rows with TSFLAG set or a zero 退税率."""
    return _rate_page(request, nonrefundable=True, title="不退税或免税商品码")


def rate_libraries(request: HttpRequest) -> HttpResponse:
    """The imported library versions; administrators import and activate them here."""
    form = RateLibraryImportForm()
    if request.method == "POST":
        require_reference_admin(request)
        form = RateLibraryImportForm(request.POST, request.FILES)
        if form.is_valid() and _import_library(request, form):
            return redirect("codes:rate_libraries")
    context = {
        "title": "退税率文库版本",
        "libraries": RateLibraryVersion.objects.order_by("-imported_at"),
        "form": form,
        "can_manage": is_reference_admin(request.user),
    }
    return render(request, "codes/rate_libraries.html", context, status=400 if form.errors else 200)


def _import_library(request: HttpRequest, form: RateLibraryImportForm) -> bool:
    upload = form.cleaned_data["archive"]
    with tempfile.TemporaryDirectory(prefix="ratelib-upload-") as tmp:
        path = Path(tmp) / "upload.zip"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            library = services.rate_library_import(
                path=path, version=form.cleaned_data["version"] or None, source_name=upload.name
            )
        except services.RateLibraryError as exc:
            form.add_error("archive", f"导入失败，已有文库未作任何修改：{exc}")
            return False
    messages.success(
        request, f"已导入退税率文库 {library.version}（{library.row_count} 条），已启用"
    )
    return True


@require_POST
def rate_library_activate(request: HttpRequest, version: str) -> HttpResponse:
    require_reference_admin(request)
    library = get_object_or_404(RateLibraryVersion, version=version)
    services.rate_library_activate(version=library.version)
    messages.success(request, f"已启用退税率文库 {library}")
    return redirect("codes:rate_libraries")
