"""出口货物明细's colours follow the manual: yellow required, white optional, grey 返填."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from rebate.codes.tests.factories import make_library_entry
from rebate.goods.forms import ExportLineForm
from rebate.goods.tests.test_pages import LINE

pytestmark = pytest.mark.django_db


def classes(form, name) -> str:
    return form.fields[name].widget.attrs["class"]


def test_domestic_free_materials_is_optional_and_white() -> None:
    form = ExportLineForm()
    field = form.fields["domestic_free_materials"]
    assert not field.required
    assert "fld-optional" in classes(form, "domestic_free_materials")
    assert "fld-required" not in classes(form, "domestic_free_materials")
    assert "data-required-msg" not in field.widget.attrs


@pytest.mark.parametrize("name", ["levy_rate", "rebate_rate"])
def test_levy_and_rebate_rate_are_grey_and_read_only(name) -> None:
    form = ExportLineForm()
    attrs = form.fields[name].widget.attrs
    assert "fld-computed" in attrs["class"] and "fld-optional" not in attrs["class"]
    assert attrs["readonly"] is True and "返填" in attrs["data-hint"]
    html = str(form[name])
    assert "readonly" in html and "fld-computed" in html


def test_the_rates_come_from_the_library_whatever_was_submitted() -> None:
    make_library_entry("8501109990", rebate_rate=Decimal("0.13"))
    form = ExportLineForm({**LINE, "levy_rate": "0.05", "rebate_rate": "0.01"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["levy_rate"] == Decimal("0.13")
    assert form.cleaned_data["rebate_rate"] == Decimal("0.13")


def test_the_new_line_page_has_no_browser_validation_and_iso_dates(clerk_client) -> None:
    html = clerk_client.get(reverse("goods:exportline_add")).content.decode()
    assert 'type="number"' not in html and 'type="date"' not in html
    assert " required" not in html and ' min="' not in html and ' step="' not in html
    assert 'name="export_date"' in html and 'placeholder="yyyy-mm-dd"' in html


def test_an_english_browser_still_gets_chinese_messages(clerk_client) -> None:
    response = clerk_client.post(
        reverse("goods:exportline_add"),
        {**LINE, "export_date": "03/05/2026", "quantity": "abc"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    html = response.content.decode()
    assert "Enter a valid" not in html and "Enter a number" not in html
    assert "输入一个有效的日期" in html and "输入一个数字" in html


def test_bulk_edit_offers_no_returned_rate(clerk_client, clerk) -> None:
    from rebate.core.bulk import bulk_form_class
    from rebate.goods import records

    fields = bulk_form_class(records.export_line, clerk.enterprise)().fields
    assert "levy_rate" not in fields and "rebate_rate" not in fields
    assert "note" in fields and "domestic_free_materials" in fields
