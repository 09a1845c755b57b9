"""疑点说明 and 退税试算 pages: thin views over guide data, selectors and rebate.insight.whatif."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from rebate.core.access import data_enterprise

from . import selectors
from .forms import WhatIfForm
from .guide import GROUPS, DoubtGuide, guide_for
from .whatif import base_ending_credit, what_if


def _found_row(request: HttpRequest) -> selectors.FoundRow | None:
    enterprise = data_enterprise(request)
    for name, find in (("doubt", selectors.doubt_row), ("issue", selectors.issue_row)):
        value = request.GET.get(name, "")
        if value:
            if not value.isdigit():
                raise Http404("没有该疑点")
            return find(enterprise, int(value))
    return None


def _rule(code: str, guide: DoubtGuide | None) -> tuple[str, bool]:
    """(level, 可跳过) in force: calc's catalogue for its codes, else what the guide states."""
    entry = selectors.catalogue_entry(code)
    if entry is not None:
        return entry.level, entry.skippable
    return (guide.level, bool(guide.skippable)) if guide is not None else ("", False)


def doubt_index(request: HttpRequest) -> HttpResponse:
    groups = [(heading, [(g, *_rule(g.code, g)) for g in guides]) for heading, guides in GROUPS]
    return render(request, "insight/doubt_index.html", {"groups": groups})


def doubt_detail(request: HttpRequest, code: str) -> HttpResponse:
    found = _found_row(request)
    if found is not None and found.code != code:
        raise Http404("疑点代码不符")
    guide = guide_for(code)
    if guide is None and found is None:
        raise Http404("没有该疑点代码的说明")
    level, skippable = _rule(code, guide)
    # The row's own flag when the clerk came from one (the bureau may re-level a code).
    skippable = found.skippable if found else skippable
    table = "" if guide is None else guide.table_label_for(found.period if found else "")
    context = {
        "code": code,
        "guide": guide,
        "level": level,
        "found": found,
        "skippable": skippable,
        "table": table,
    }
    return render(request, "insight/doubt_detail.html", context)


def whatif(request: HttpRequest) -> HttpResponse:
    enterprise = data_enterprise(request)
    period = request.GET.get("period", "")
    lines, total = selectors.movable_lines(enterprise, period) if period else ([], 0)
    ids = [row["pk"] for row in lines]
    result = None
    if "ending_credit" in request.GET:
        form = WhatIfForm(request.GET, line_ids=ids)
        if form.is_valid():
            try:
                result = what_if(enterprise, form.cleaned_data["period"], form.scenario())
            except ValidationError as exc:
                form.add_error(None, exc)
    else:
        credit = base_ending_credit(enterprise, period) if period else None
        form = WhatIfForm(initial={"period": period, "ending_credit": credit}, line_ids=ids)
    context = {
        "form": form,
        "period": period,
        "lines": lines,
        "line_total": total,
        "line_limit": selectors.LINE_LIST_LIMIT,
        "moved": set(form.cleaned_data.get("moved", [])) if form.is_bound else set(),
        "result": result,
    }
    return render(request, "insight/whatif.html", context)
