"""信息下载's dialog: one message per problem, yellow on the fields the chosen mode needs."""

from __future__ import annotations

import pytest

from rebate.customs.forms import DownloadForm


def test_a_wrong_number_is_told_it_is_wrong_not_also_missing() -> None:
    form = DownloadForm({"mode": "entry", "entry_id": "53042026000000012"})  # 17 digits
    assert not form.is_valid()
    assert form.errors["entry_id"] == ["报关单号应为18位数字"]


def test_an_empty_number_is_missing() -> None:
    form = DownloadForm({"mode": "entry", "entry_id": ""})
    assert not form.is_valid() and form.errors["entry_id"] == ["报关单号为必填项"]
    assert "date_from" not in form.errors and "date_to" not in form.errors


def test_the_date_range_mode_needs_both_dates() -> None:
    form = DownloadForm({"mode": "range", "date_from": "", "date_to": "2026-03-31"})
    assert not form.is_valid()
    assert form.errors["date_from"] == ["出口日期起为必填项"] and "entry_id" not in form.errors


@pytest.mark.parametrize(
    ("data", "yellow", "white"),
    [
        (None, ["date_from", "date_to"], ["entry_id"]),  # the dialog opens 按出口日期
        ({"mode": "range"}, ["date_from", "date_to"], ["entry_id"]),
        ({"mode": "entry"}, ["entry_id"], ["date_from", "date_to"]),
    ],
)
def test_required_fields_of_the_mode_are_yellow(data, yellow, white) -> None:
    form = DownloadForm(data)
    for name in yellow:
        attrs = form.fields[name].widget.attrs
        assert "fld-required" in attrs["class"] and "fld-optional" not in attrs["class"], name
        assert attrs["data-required-msg"].endswith("为必填项")
    for name in white:
        assert "fld-optional" in form.fields[name].widget.attrs["class"], name
    for name in ("date_from", "date_to", "entry_id"):  # the browser repaints on a mode change
        assert form.fields[name].widget.attrs["data-required-when"].startswith("mode=")


def test_dates_are_iso_text_inputs() -> None:
    html = str(DownloadForm()["date_from"])
    assert 'type="text"' in html and 'placeholder="yyyy-mm-dd"' in html
