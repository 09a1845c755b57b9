"""申报期限规则: dated rules, listed for everyone, edited by a system administrator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from rebate.accounts.access import request_user
from rebate.codes import services
from rebate.codes.access import is_reference_admin, require_reference_admin
from rebate.codes.forms import DeadlineRuleForm
from rebate.codes.models import DeadlineRule
from rebate.core.records import apply_validation_error


def deadline_rules(request: HttpRequest) -> HttpResponse:
    context = {
        "title": "申报期限规则",
        "rules": DeadlineRule.objects.all(),
        "can_manage": is_reference_admin(request.user),
    }
    return render(request, "codes/deadline_rules.html", context)


def deadline_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_reference_admin(request)
    rule = get_object_or_404(DeadlineRule, pk=pk)
    form = DeadlineRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        changes = {
            name: form.cleaned_data[name]
            for name in services.deadlines.EDITABLE_FIELDS
            if name in form.cleaned_data
        }
        rule.refresh_from_db()  # the ModelForm already wrote the values onto the instance
        try:
            services.deadline_rule_update(rule=rule, actor=request_user(request), **changes)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "保存成功")
            return redirect("codes:deadline_rules")
    status = 400 if form.errors else 200
    context = {"title": "申报期限规则", "form": form, "rule": rule}
    return render(request, "codes/deadline_rule_form.html", context, status=status)
