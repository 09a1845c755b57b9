"""打印退税申报报表 (TS-26): one HTML template per form, on screen and as a PDF (WeasyPrint).

The CJK font comes from Debian's fonts-noto-cjk through fontconfig and is embedded in the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from .families import PrintForm
from .models import DeclarationBatch


def form_context(form: PrintForm, subject: Any, *, pdf: bool) -> dict[str, Any]:
    """The template context of a batch's form, or of a record's (``form.record``: printed
    before generating, so without a batch and its 申报日期)."""
    enterprise = subject.enterprise
    batch: DeclarationBatch | None = None if form.record else subject
    declared_at = batch.declared_at if batch is not None else None
    data: Mapping[str, Any] = form.context(enterprise, subject)
    return {
        **data,
        "title": form.title_for(batch.period) if batch is not None else form.title,
        "form": form,
        "batch": batch,
        "record": subject if form.record else None,
        "enterprise": enterprise,
        "declared_on": timezone.localtime(declared_at).date() if declared_at else None,
        "pdf": pdf,
        "printed_on": timezone.localdate(),
    }


def render_html(form: PrintForm, subject: Any, *, pdf: bool = False, nonce: str = "") -> str:
    """`subject`: the batch, or the record of a record form. `nonce`: the response's CSP nonce
    for the form's own stylesheet (shared with the PDF)."""
    context = form_context(form, subject, pdf=pdf)
    return render_to_string(form.template, {**context, "nonce": nonce})


CHUNK_PAGES = 10  # a paged form is laid out this many pages at a time (progress, memory)
Progress = Callable[[int, int, str], None]


def _silent(done: int, total: int, message: str) -> None:
    pass


def _whole(form: PrintForm, context: dict[str, Any], progress: Progress) -> bytes:
    """A form laid out by the PDF engine in one go: its progress is told by stage (rows read,
    laid out, written), since the engine does not tell how far its layout has got."""
    from weasyprint import HTML

    title = context["title"]
    progress(1, 3, f"正在排版{title}")
    document = HTML(string=render_to_string(form.template, context)).render()
    progress(2, 3, f"正在生成{title}PDF：共{len(document.pages)}页")
    data = bytes(document.write_pdf())
    progress(3, 3, f"已生成{title}PDF")
    return data


def render_pdf(form: PrintForm, subject: Any, progress: Progress | None = None) -> bytes:
    """The form as a PDF. A paged form (families/print_pages.py) is laid out in chunks of
    CHUNK_PAGES pages whose pages are then joined: the folios are already written, so they
    stay right, and ``progress(pages done, pages, message)`` is told after each chunk; any
    other form tells its stages (_whole)."""
    from weasyprint import HTML

    context = form_context(form, subject, pdf=True)
    pages = context.get("pages")
    if not context.get("paged") or pages is None:
        return _whole(form, context, progress or _silent)
    documents = []
    for start in range(0, len(pages), CHUNK_PAGES):
        chunk = pages[start : start + CHUNK_PAGES]
        html = render_to_string(form.template, {**context, "pages": chunk})
        documents.append(HTML(string=html).render())
        if progress:
            done = start + len(chunk)
            progress(done, len(pages), f"正在排版{context['title']}：第{done}页，共{len(pages)}页")
    joined = documents[0].copy([page for document in documents for page in document.pages])
    return bytes(joined.write_pdf())
