"""A hint for every field (UI-06, issue 23 "Finish"): each field of every registered record
form carries a focus hint saying what to enter — its help text, or one made by core.hints from
the fields' vocabulary (rebate.codes.hints), its validator or its type — never the bare
「请填写…」 a form falls back to when no rule knows the field."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import get_resolver, reverse

from rebate.core.forms import ConventionForm
from rebate.core.hints import field_hint
from rebate.core.records import REGISTRY, build_form

pytestmark = pytest.mark.django_db
FALLBACK = re.compile(r"^请填写.*（(必填|选填)）$")
CJK = re.compile(r"[\u4e00-\u9fff]")

get_resolver().url_patterns  # noqa: B018 — every app's records registered
FORMS = [r for r in REGISTRY if r.has("add") or r.has("edit")]


def test_every_record_form_is_enumerated() -> None:
    assert len(FORMS) >= 50 and "goods:exportline" in {r.key for r in FORMS}


@pytest.mark.parametrize("record", FORMS, ids=lambda r: r.key)
def test_every_field_of_the_form_has_a_hint(record, enterprise) -> None:
    form = build_form(record, enterprise)
    bare = {
        name: field.widget.attrs.get("data-hint", "")
        for name, field in form.fields.items()
        if not isinstance(field.widget, forms.HiddenInput)
        and (
            FALLBACK.match(field.widget.attrs.get("data-hint", ""))
            or not CJK.search(field.widget.attrs.get("data-hint", ""))
        )
    }
    assert not bare, f"{record.key}: fields without a hint: {bare}"


class Sample(ConventionForm):
    period = forms.CharField(label="所属期", max_length=6)
    fob_cny = forms.DecimalField(label="出口销售额（人民币）", max_digits=18, decimal_places=2)
    fob_usd = forms.DecimalField(label="出口销售额（美元）", max_digits=18, decimal_places=2)
    rate = forms.DecimalField(label="退税率", max_digits=10, decimal_places=6)
    export_date = forms.DateField(label="出口日期")
    supplier = forms.CharField(label="供货方纳税人识别号", max_length=20)
    odd = forms.CharField(label="某个字段", max_length=20)
    own = forms.CharField(label="某个字段二", max_length=20, help_text="自己的提示")


def test_hints_come_from_the_vocabulary_the_validator_and_the_type() -> None:
    hints = {name: f.widget.attrs["data-hint"] for name, f in Sample().fields.items()}
    assert hints["period"] == "申报所属期：6位年月YYYYMM，如202503"
    assert hints["fob_cny"] == "出口销售额（人民币）：元，两位小数，如12345.67"
    assert hints["fob_usd"] == "出口销售额（美元）：美元，最多2位小数"
    assert hints["rate"] == "退税率：以小数填写，如13%填0.13"
    assert hints["export_date"] == "出口日期：日期，格式yyyy-mm-dd，如2026-03-05"
    assert hints["supplier"] == "供货方纳税人识别号：18位统一社会信用代码（数字或大写字母）"
    assert hints["own"] == "自己的提示"
    # No rule knows this field: the bare fallback, which the enumeration above refuses.
    assert FALLBACK.match(hints["odd"]) and field_hint("某个字段", Sample().fields["odd"]) == ""


def test_a_models_format_validator_is_the_hint(enterprise) -> None:
    from rebate.processing.records import planned

    form = build_form(planned, enterprise)
    assert form.fields["manual_no"].widget.attrs["data-hint"].startswith("手（账）册号应为")


def test_the_form_page_carries_the_hints(clerk_client) -> None:
    page = clerk_client.get(reverse("goods:exportline_add")).content.decode()
    assert 'data-hint="申报所属期：6位年月YYYYMM，如202503"' in page
    assert 'data-hint="出口报关单号：21位，即18位海关编号+0+2位项号，按报关单填写"' in page


def _convention_forms() -> list[type]:
    from django.utils.module_loading import autodiscover_modules

    from rebate.core.forms import ConventionFormMixin

    autodiscover_modules("forms")
    found, todo = [], list(ConventionFormMixin.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("rebate.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def test_the_other_forms_have_hints_too(enterprise) -> None:
    """Dialogs and account pages (登录, 注册, 忘记密码, 生成汇总数据 …): every form of the
    product that can be made without its view's arguments."""
    records = {r.form for r in REGISTRY}
    made, bare = 0, {}
    for cls in _convention_forms():
        if cls in records:
            continue
        try:
            form = cls()
        except (TypeError, ValueError):  # needs what its view passes (the enterprise, a row)
            continue
        made += 1
        for name, field in form.fields.items():
            if FALLBACK.match(field.widget.attrs.get("data-hint", "")):
                bare[f"{cls.__module__}.{cls.__name__}.{name}"] = field.widget.attrs["data-hint"]
    assert made >= 20 and not bare, (made, bare)


def test_the_import_templates_notes_carry_the_hints() -> None:
    """批量导入's template: each column's 说明 says what to enter, as the form's hint does."""
    from openpyxl import load_workbook

    from rebate.core.imports import template_file
    from rebate.goods.records import export_line

    notes = load_workbook(template_file(export_line)).worksheets[1]
    said = {row[0]: row[2] for row in notes.iter_rows(min_row=2, values_only=True)}
    assert said["所属期"] == "申报所属期：6位年月YYYYMM，如202503"
    assert said["出口报关单号"].startswith("出口报关单号：21位，即18位海关编号")
    assert said["出口日期"] == "日期，如 2026-03-05"  # the format once, not twice
    assert said["出口销售额（人民币）"].startswith("出口销售额（人民币）：元，两位小数")
