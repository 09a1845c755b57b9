"""The shell: portal, main screen, 首页 dashboard, the tab of a function not built yet."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from rebate.core.access import data_enterprise

from . import menu
from .dashboard import dashboard_data

REGIONS = ("中央标准应用", "北京", "天津", "上海", "江苏", "浙江", "福建", "山东", "广东", "深圳")


@login_not_required
def portal(request: HttpRequest) -> HttpResponse:
    return render(request, "web/portal.html", {"regions": REGIONS})


@login_not_required
def region(request: HttpRequest, name: str) -> HttpResponse:
    """我要办事 (PT-03): the region's local single window, which links to the standard edition."""
    if name not in REGIONS:
        raise Http404("没有该地区")
    return render(request, "web/region.html", {"region": name})


def main(request: HttpRequest) -> HttpResponse:
    return render(request, "web/main.html", {"menu_html": mark_safe(menu.menu_html())})  # noqa: S308


def unavailable(request: HttpRequest, key: str) -> HttpResponse:
    entry = menu.find(key)
    if entry is None or not entry.is_leaf:
        raise Http404("没有该功能")
    trail = " › ".join(e.label for e in menu.path_to(key))
    return render(request, "web/unavailable.html", {"entry": entry, "trail": trail})


def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        enterprise = data_enterprise(request)
    except PermissionDenied:
        enterprise = None  # no bound card yet: the welcome only, no enterprise figures
    data = dashboard_data(enterprise) if enterprise is not None else None
    # The charts' data rides in an attribute: the CSP allows no inline <script>, not even JSON.
    context = {"data": data, "charts_json": json.dumps(data), "has_card": enterprise is not None}
    return render(request, "web/dashboard.html", context)
