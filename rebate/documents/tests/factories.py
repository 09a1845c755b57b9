"""Documents for tests (a minimal real PDF, a real PNG) and the isolation harness's entries."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rebate.core.testing import isolation
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.tests import factories as batch_factories

from ..models import CatalogueEntry, Document, DocumentKind, Keeping


def pdf_bytes(text: str = "contract") -> bytes:
    """A one-page PDF with a correct cross-reference table (what the content check parses)."""
    stream = f"BT /F1 12 Tf 20 50 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return out.getvalue()


def upload(name: str = "合同.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data)


def make_document(enterprise: Any, **overrides: Any) -> Document:
    """A stored document (its file written through the default storage, as uploads are)."""
    data = pdf_bytes(f"document {Document.objects.count() + 1}")
    digest = hashlib.sha256(data).hexdigest()
    name = storages["default"].save(f"documents/{enterprise.pk}/{digest}.pdf", ContentFile(data))
    values: dict[str, Any] = {
        "sha256": digest,
        "content_type": "application/pdf",
        "size": len(data),
        "storage_name": name,
        "original_name": "合同.pdf",
        "card_no": "CK0000000001",
    }
    return Document.objects.create(enterprise=enterprise, **{**values, **overrides})


def make_entry(enterprise: Any, **overrides: Any) -> CatalogueEntry:
    values: dict[str, Any] = {
        "batch": batch_factories.make_batch(enterprise),
        "kind": DocumentKind.CONTRACT,
        "title": "合同 HT-2026-001",
        "keeping": Keeping.PAPER,
    }
    return CatalogueEntry.objects.create(enterprise=enterprise, **{**values, **overrides})


isolation.register(
    Document, make=make_document, urls=["documents:document_file", "documents:document_delete"]
)
isolation.register(CatalogueEntry, make=make_entry, urls=["documents:entry_delete"])
# A declaration's catalogue pages take the batch's pk: proved with the batch's own URLs.
isolation.DECLARED[DeclarationBatch].urls.extend(
    ["documents:catalogue", "documents:catalogue_xlsx", "documents:catalogue_pdf"]
)
isolation.DECLARED[DeclarationBatch].list_urls.append("documents:batches")
