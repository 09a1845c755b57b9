"""Pages of 配置 that are not plain record lists: PZ-04, PZ-05, PZ-07, PZ-08 and 汇率折算方式."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rebate.accounts.access import request_user
from rebate.accounts.models import Enterprise
from rebate.codes.choices import CodeTable
from rebate.codes.selectors import customs_codes
from rebate.core.access import data_enterprise, require_writer
from rebate.core.records import apply_validation_error

from . import selectors, services
from .choices import PAPERLESS_TYPE
from .forms import ProfileForm, RateMethodForm, RegionForm


def enterprise_info(request: HttpRequest) -> HttpResponse:
    """PZ-04 企业信息查询: read-only, including the 备案 data that feedback refreshes."""
    enterprise = data_enterprise(request)
    today = date.today()
    context = {
        "title": "企业信息查询",
        "enterprise": enterprise,
        "profile": selectors.enterprise_profile(enterprise),
        "filing": selectors.enterprise_filing(enterprise),
        "history": selectors.filing_history(enterprise)[:50],
        "rate_method": selectors.enterprise_rate_method(enterprise, today.year),
        "paperless": selectors.is_paperless(enterprise, today),
        "extensions": selectors.extensions(enterprise),
    }
    return render(request, "configuration/enterprise_info.html", context)


def extension_types(request: HttpRequest) -> HttpResponse:
    """PZ-05 扩展类型代码: the code list (view only)."""
    data_enterprise(request)
    rows = customs_codes(CodeTable.EXTENSION_TYPE)
    return render(
        request,
        "configuration/extension_types.html",
        {"title": "扩展类型代码", "rows": rows, "paperless_type": PAPERLESS_TYPE},
    )


def region(request: HttpRequest) -> HttpResponse:
    """PZ-07 所属地区."""
    enterprise = data_enterprise(request)
    form = RegionForm(request.POST or None, initial={"region": enterprise.region})
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            try:
                services.enterprise_region_set(
                    enterprise=enterprise,
                    actor=request_user(request),
                    region=form.cleaned_data["region"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "保存成功")
                return redirect("configuration:region")
    status = 400 if form.errors else 200
    context = {"title": "所属地区", "form": form, "enterprise": enterprise}
    return render(request, "configuration/region.html", context, status=status)


def _rate_method_form(enterprise: Enterprise, data: QueryDict | None = None) -> RateMethodForm:
    year = date.today().year
    current = selectors.enterprise_rate_method(enterprise, year)
    return RateMethodForm(data, initial={"method": current.name, "year": year})


def enterprise_edit(request: HttpRequest) -> HttpResponse:
    """PZ-08 企业信息 (and the 汇率折算方式 below it)."""
    enterprise = data_enterprise(request)
    profile = selectors.enterprise_profile(enterprise)
    form = ProfileForm(request.POST or None, instance=profile, enterprise=enterprise)
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in ProfileForm.Meta.fields}
            try:
                services.enterprise_profile_save(
                    enterprise=enterprise, actor=request_user(request), data=data
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "保存成功")
                return redirect("configuration:enterprise_edit")
    return _render_edit(request, enterprise, form, _rate_method_form(enterprise))


def _render_edit(
    request: HttpRequest, enterprise: Enterprise, form: ProfileForm, method_form: RateMethodForm
) -> HttpResponse:
    context = {
        "title": "企业信息",
        "form": form,
        "method_form": method_form,
        "history": selectors.rate_method_history(enterprise),
    }
    status = 400 if form.errors or method_form.errors else 200
    return render(request, "configuration/enterprise_edit.html", context, status=status)


@require_POST
def rate_method(request: HttpRequest) -> HttpResponse:
    """汇率折算方式: 当天 / 当月1日, from 1 January of a year, not changeable within it."""
    enterprise = require_writer(request)
    method_form = _rate_method_form(enterprise, request.POST)
    if method_form.is_valid():
        try:
            services.rate_method_choose(
                enterprise=enterprise,
                actor=request_user(request),
                method=method_form.cleaned_data["method"],
                year=method_form.cleaned_data["year"],
            )
        except ValidationError as exc:
            apply_validation_error(method_form, exc)
        else:
            messages.success(request, "汇率折算方式已保存")
            return redirect("configuration:enterprise_edit")
    profile = selectors.enterprise_profile(enterprise)
    form = ProfileForm(instance=profile, enterprise=enterprise)
    return _render_edit(request, enterprise, form, method_form)
