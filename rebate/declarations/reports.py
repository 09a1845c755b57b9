"""打印退税申报报表 (TS-26): one HTML template per form, on screen and as a PDF (WeasyPrint).

The CJK font comes from Debian's fonts-noto-cjk through fontconfig and is embedded in the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from .families import PrintForm
from .models import DeclarationBatch


def form_context(form: PrintForm, batch: DeclarationBatch, *, pdf: bool) -> dict[str, Any]:
    enterprise = batch.enterprise
    declared_on = timezone.localtime(batch.declared_at).date() if batch.declared_at else None
    data: Mapping[str, Any] = form.context(enterprise, batch)
    return {
        **data,
        "title": form.title,
        "form": form,
        "batch": batch,
        "enterprise": enterprise,
        "declared_on": declared_on,
        "pdf": pdf,
        "printed_on": timezone.localdate(),
    }


def render_html(
    form: PrintForm, batch: DeclarationBatch, *, pdf: bool = False, nonce: str = ""
) -> str:
    """`nonce`: the response's CSP nonce for the form's own stylesheet (shared with the PDF)."""
    return render_to_string(form.template, {**form_context(form, batch, pdf=pdf), "nonce": nonce})


def render_pdf(form: PrintForm, batch: DeclarationBatch) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=render_html(form, batch, pdf=True)).write_pdf()
    return pdf
