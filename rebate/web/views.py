"""The shell: portal, main screen, and the tab shown for a function not built yet."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from . import menu

REGIONS = ("中央标准应用", "北京", "天津", "上海", "江苏", "浙江", "福建", "山东", "广东", "深圳")


@login_not_required
def portal(request: HttpRequest) -> HttpResponse:
    return render(request, "web/portal.html", {"regions": REGIONS})


def main(request: HttpRequest) -> HttpResponse:
    return render(request, "web/main.html", {"menu_html": mark_safe(menu.menu_html())})  # noqa: S308


def unavailable(request: HttpRequest, key: str) -> HttpResponse:
    entry = menu.find(key)
    if entry is None or not entry.is_leaf:
        raise Http404("没有该功能")
    trail = " › ".join(e.label for e in menu.path_to(key))
    return render(request, "web/unavailable.html", {"entry": entry, "trail": trail})


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "web/dashboard.html")
