"""冲减出口 (TS-06): the one goods page that is not a generic record page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from rebate.accounts.access import request_user
from rebate.core.access import DataAccessMixin
from rebate.core.forms import apply_conventions
from rebate.core.records import ticked_pks

from .forms import WriteBackForm, WriteBackLineForm
from .selectors import declared_lines, remaining
from .writeback import WriteBackItem, export_lines_write_back

LineFormSet = formset_factory(WriteBackLineForm, extra=0)


class WriteBackView(DataAccessMixin, View):
    """GET ?pk=…: the ticked declared lines with what is left of each (full 冲减 by default);
    POST: 冲减出口 through goods.writeback.export_lines_write_back."""

    writes = True

    def lines(self, pks: list[int]) -> list[Any]:
        return list(declared_lines(self.enterprise).filter(pk__in=pks))

    def get(self, request: HttpRequest) -> HttpResponse:
        lines = self.lines(ticked_pks(request))
        if not lines:
            messages.error(request, "请先勾选要冲减的已申报明细")
            return redirect(reverse("goods:writeback_list"))
        left = remaining(self.enterprise, lines)
        initial = [{"line_id": line.pk, **left[line.pk]} for line in lines]
        form = WriteBackForm(initial={"kind": "HZCJ", "period": lines[0].period})
        return self.show(request, form, LineFormSet(initial=initial), lines)

    def post(self, request: HttpRequest) -> HttpResponse:
        form, formset = WriteBackForm(request.POST), LineFormSet(request.POST)
        if form.is_valid() and formset.is_valid():
            items = [WriteBackItem(**f.cleaned_data) for f in formset]
            try:
                created = export_lines_write_back(
                    enterprise=self.enterprise,
                    actor=request_user(request),
                    items=items,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"冲减成功，生成{len(created)}条冲减明细")
                return redirect(reverse("goods:exportline_list") + "?business_types=HZCJ")
        lines = self.lines([_line_id(f) for f in formset])
        return self.show(request, form, formset, lines, status=400)

    def show(
        self, request: HttpRequest, form: Any, formset: Any, lines: list[Any], status: int = 200
    ) -> HttpResponse:
        apply_conventions(form)
        for line_form in formset:
            apply_conventions(line_form)
        by_id = {line.pk: line for line in lines}
        rows = [(by_id.get(_line_id(f)), f) for f in formset]
        context = {"title": "冲减出口", "form": form, "formset": formset, "rows": rows}
        return render(request, "goods/writeback.html", context, status=status)


def _line_id(form: Any) -> int:
    value = form.initial.get("line_id") or form.data.get(f"{form.prefix}-line_id") or 0
    return int(value) if str(value).isdigit() else 0
