"""The endpoint forms; the service checks the address (egress) and the events again."""

from __future__ import annotations

from django import forms

from .choices import SUBSCRIBABLE


class _Events(forms.Form):
    use_required_attribute = False  # no browser bubbles: the server's Chinese messages instead
    events = forms.MultipleChoiceField(
        label="订阅事件",
        choices=SUBSCRIBABLE,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个订阅事件"},
    )


class EndpointCreateForm(_Events):
    name = forms.CharField(label="名称", max_length=100, error_messages={"required": "请输入名称"})
    url = forms.CharField(
        label="推送地址",
        max_length=500,
        help_text="必须为HTTPS地址；仅本机测试地址（127.0.0.1、::1、localhost）可使用http",
        error_messages={"required": "请输入推送地址"},
    )
    field_order = ["name", "url", "events"]


class EndpointEditForm(_Events):
    name = forms.CharField(label="名称", max_length=100, error_messages={"required": "请输入名称"})
    active = forms.BooleanField(label="启用", required=False)
    field_order = ["name", "events", "active"]
