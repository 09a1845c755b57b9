"""打印退税申报报表: PDFs in the official layout with the CJK text embedded."""

from __future__ import annotations

import re
import subprocess
import tempfile

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.core.models import Job, JobStatus
from rebate.declarations import reports
from rebate.declarations.families import get_family

from .conftest import line_input
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
    page = client.get(reverse("mdt:print"))
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


LONG_NAME = "交流电动机，输出功率不超过37.5瓦"


def _many(clerk, lines, bureau, count=80):
    lines(*(line_input(n, commodity_name=LONG_NAME if n % 2 else "微电机") for n in range(count)))
    return declared(clerk, bureau)


def _poppler(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _page_texts(pdf, pages):
    return [_poppler("pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-")
            for p in range(1, pages + 1)]  # fmt: skip


def test_detail_pdf_is_landscape_a4_with_one_line_per_row(clerk, lines, bureau, tmp_path):
    """Like the official form: 报关单号, 发票号 and 出口日期 never wrap, ≥ 25 rows a page."""
    batch = _many(clerk, lines, bureau)
    pdf = tmp_path / "detail.pdf"
    pdf.write_bytes(reports.render_pdf(get_family("mdt").print_form("detail"), batch))
    info = _poppler("pdfinfo", str(pdf))
    assert "841.89 x 595.276 pts (A4)" in info  # landscape
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages == 3  # 36 + 36 + 8 rows, the totals and the signature on the last page
    texts = _page_texts(pdf, pages)
    rows = [[t for t in text.splitlines() if "53042025" in t] for text in texts]
    assert [len(r) for r in rows] == [36, 36, 8] and min(len(r) for r in rows[:-1]) >= 25
    for line in batch_lines(batch):
        (row,) = [r for page in rows for r in page if line.item_key in r]  # whole, on one line
        assert line.invoice_no in row and "2025-03-05" in row and line.sequence_no in row
    for number, text in enumerate(texts, 1):
        assert f"第{number}页共{pages}页" in "".join(text.split())
        assert "出口货物报关单号" in text and clerk.enterprise.name in text  # headers repeated
    assert "合计" in texts[-1] and "经办人" in texts[-1] and "经办人" not in texts[0]
    assert "输出功率不超过37.5" in "".join(texts[0].split())  # long names kept, set smaller
    _poppler("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p"))
    png = next(tmp_path.glob("p*.png")).read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > height


def batch_lines(batch):
    from rebate.goods.models import ExportLine

    return ExportLine.objects.filter(declaration_batch_id=batch.pk)


def test_a_paged_print_is_laid_out_in_chunks_with_progress(clerk, lines, bureau, monkeypatch):
    batch = _many(clerk, lines, bureau)
    monkeypatch.setattr(reports, "CHUNK_PAGES", 1)
    calls = []
    data = reports.render_pdf(
        get_family("mdt").print_form("detail"), batch, progress=lambda *a: calls.append(a)
    )
    assert [(done, total) for done, total, _ in calls] == [(1, 3), (2, 3), (3, 3)]
    assert calls[-1][2] == "正在排版生产企业出口货物劳务免抵退税申报明细表：第3页，共3页"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        texts = _page_texts(f.name, 3)
    assert [f"第{n}页共3页" in "".join(t.split()) for n, t in enumerate(texts, 1)] == [True] * 3


def test_a_large_print_runs_as_a_job_and_is_downloaded(
    client, clerk, lines, bureau, settings, django_capture_on_commit_callbacks
):
    settings.PRINT_JOB_LINES = 50
    batch = _many(clerk, lines, bureau)
    client.force_login(clerk)
    html = client.get(reverse("mdt:print")).content.decode()
    assert 'class="badge text-bg-primary border-0 print-job" data-form="detail"' in html
    assert 'print-pdf" data-form="summary"' in html  # small forms print at once
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("declarations:print_job", args=[batch.pk]), {"form": "detail"})
    job = Job.objects.get(kind="declarations.print")
    assert r.status_code == 302 and r["Location"].endswith(f"?job={job.pk}")
    assert job.status == JobStatus.SUCCEEDED and (job.done, job.total) == (3, 3)
    page = client.get(r["Location"]).content.decode()
    assert 'id="print-download"' in page and "job-progress" in page
    pdf = client.get(reverse("declarations:print_download", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    other = make_user()
    client.force_login(other)
    assert client.get(reverse("declarations:print_download", args=[job.pk])).status_code == 404
