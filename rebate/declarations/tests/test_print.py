"""打印退税申报报表: PDFs in the official layout with the CJK text embedded."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.urls import reverse

from rebate.declarations import reports
from rebate.declarations.families import get_family

from .test_feedback import declared

pytestmark = pytest.mark.django_db


def test_detail_and_summary_pdfs_carry_the_header_totals_and_signature(
    clerk, lines, bureau, tmp_path
):
    lines()
    batch = declared(clerk, bureau)
    family = get_family("mdt")
    for key, words in (
        ("detail", ["生产企业出口货物劳务免抵退税申报明细表", "合计", "2000000.00"]),
        ("summary", ["免抵退税申报汇总表", "免抵退税额合计", "本年累计"]),
    ):
        pdf = tmp_path / f"{key}.pdf"
        pdf.write_bytes(reports.render_pdf(family.print_form(key), batch))
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        text = "".join(text.split())  # letter-spaced titles come out with gaps
        for word in [
            *words,
            clerk.enterprise.name,
            clerk.enterprise.uscc,
            clerk.enterprise.customs_code,
            "所属期",
            "申报日期",
            "经办人",
            "法定代表人",
        ]:
            assert word in text, (key, word)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / key)],
            check=True,
        )
        png = next(tmp_path.glob(f"{key}*.png"))
        assert png.stat().st_size > 5000


def test_print_pages_only_for_formal_batches(client, clerk, lines, bureau):
    lines()
    batch = declared(clerk, bureau)
    client.force_login(clerk)
    page = client.get(reverse("declarations:print"))
    assert page.status_code == 200 and batch.number in page.content.decode()
    preview = client.get(reverse("declarations:print_form", args=[batch.pk]) + "?form=summary")
    assert "免抵退税申报汇总表" in preview.content.decode()
    pdf = client.get(reverse("declarations:print_form", args=[batch.pk]) + "?form=cksh&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_print_preview_stylesheet_carries_the_responses_csp_nonce(client, clerk, lines, bureau):
    """The preview shares its <style> with the PDF renderer; the CSP admits it by nonce only."""
    lines()
    batch = declared(clerk, bureau)
    client.force_login(clerk)
    preview = client.get(reverse("declarations:print_form", args=[batch.pk]) + "?form=summary")
    policy = dict(d.split(" ", 1) for d in preview["Content-Security-Policy"].split("; "))
    nonce = re.search(r"'nonce-([^']+)'", policy["style-src"])
    assert nonce and policy["style-src"].startswith("'self' ")
    assert f'<style nonce="{nonce.group(1)}">' in preview.content.decode()
    assert "style=" not in preview.content.decode()
    again = client.get(reverse("declarations:print_form", args=[batch.pk]) + "?form=summary")
    assert nonce.group(1) not in again["Content-Security-Policy"]  # fresh for every response
