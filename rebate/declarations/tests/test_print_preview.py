"""Print previews identical to the PDFs (issue 23 "Finish"): the preview page and the PDF of a
form come from one rendering — the form's template with the same context (reports.form_context;
only the page's screen styling differs) — so every text the preview shows is in the PDF, in the
same order, and the PDF has nothing else but its page folios. Checked through the pages the
clerk uses: 预览 (the form's link) against PDF, with pdftotext reading the PDF."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from rebate.certificates.tests.factories import make_agency
from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import get_family
from rebate.filings.tests.factories import make_registration

from .conftest import line_input
from .factories import make_batch
from .test_feedback import declared

pytestmark = pytest.mark.django_db
# The page folio: written in a paged form's HTML, drawn by @page in the others' PDF only.
FOLIO = re.compile(r"第\d+页共\d+页")


class _Texts(HTMLParser):
    """The texts of a page's body in document order, without whitespace (as laid out, a
    letter-spaced title or a wrapped cell comes out of pdftotext with gaps)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._skip += tag in ("style", "title", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title", "script")

    def handle_data(self, data: str) -> None:
        text = "".join(data.split())
        if text and not self._skip:
            self.texts.append(text)


def _preview_text(html: str) -> str:
    parser = _Texts()
    parser.feed(html)
    return FOLIO.sub("", "".join(parser.texts))


def _pdf_text(data: bytes, tmp_path: Any) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    raw = subprocess.run(  # -raw: the text in the order it was drawn, i.e. the document's
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return FOLIO.sub("", "".join(raw.split()))


def _same(client: Any, url: str, tmp_path: Any) -> str:
    preview = client.get(url)
    pdf = client.get(url + "&format=pdf")
    assert preview.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    shown, printed = _preview_text(preview.content.decode()), _pdf_text(pdf.content, tmp_path)
    assert shown and printed == shown, _first_difference(shown, printed)
    return shown


def _first_difference(shown: str, printed: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(shown, printed, strict=False)) if a != b), None)
    at = min(len(shown), len(printed)) if at is None else at
    return (
        f"preview …{shown[max(0, at - 30) : at + 30]}… / PDF …{printed[max(0, at - 30) : at + 30]}…"
    )


def test_every_form_of_a_declared_batch_previews_as_it_prints(
    client, clerk, lines, bureau, tmp_path
) -> None:
    """The 明细表 of three pages (paged), the 汇总表 and each of the other forms (table)."""
    lines(*(line_input(n) for n in range(80)))
    batch = declared(clerk, bureau)
    client.force_login(clerk)
    for form in get_family("mdt").print_forms:
        url = reverse("declarations:print_form", args=[batch.pk]) + f"?form={form.key}"
        text = _same(client, url, tmp_path)
        assert clerk.enterprise.name in text and "经办人" in text, form.key
        if form.key == "detail":
            assert text.count("出口货物报关单号") == 3  # three pages, each with its header


def test_the_forms_of_other_families_preview_as_they_print(client, clerk, tmp_path) -> None:
    """A 备案 record (项目/内容 table), a 单证 application and a 其他申报 batch's sheet."""
    client.force_login(clerk)
    enterprise = clerk.enterprise
    record = reverse("declarations:print_record", args=[make_registration(enterprise).pk])
    text = _same(client, record + "?family=filings&form=registration", tmp_path)
    assert "出口退（免）税备案表" in text and enterprise.uscc in text
    record = reverse("declarations:print_record", args=[make_agency(enterprise).pk])
    text = _same(client, record + "?family=certificates&form=agency", tmp_path)
    assert "代理出口货物证明申请表" in text
    other = get_family("other_declarations")
    batch = make_batch(
        enterprise, family=other.key, business_code=other.businesses[0].code,
        status=BatchStatus.DECLARED,
    )  # fmt: skip
    url = reverse("declarations:print_form", args=[batch.pk]) + "?form=sheet"
    assert enterprise.name in _same(client, url, tmp_path)


def test_a_difference_between_preview_and_pdf_is_found(tmp_path) -> None:
    """The comparison itself: a cell the PDF lacks (or has in another order) fails it."""
    from weasyprint import HTML

    page = "<html><body><table><tr><td>申报序号</td><td>0001</td></tr></table></body></html>"
    pdf = bytes(HTML(string=page).write_pdf())
    assert _pdf_text(pdf, tmp_path) == _preview_text(page) == "申报序号0001"
    assert _preview_text(page.replace("0001", "0002")) != _pdf_text(pdf, tmp_path)
    assert _preview_text(
        page.replace("<td>申报序号</td><td>0001</td>", "<td>0001</td><td>申报序号</td>")
    ) != _pdf_text(pdf, tmp_path)
