"""What an uploaded file really is, by its bytes, never by its name or the browser's word.

A PDF must start with its header and end with a trailer whose ``startxref`` points at a cross-
reference table or stream; a JPEG or PNG must open and verify in Pillow as that format. A
renamed executable, a truncated or a disguised file is refused with a Chinese sentence.
"""

from __future__ import annotations

import io
import re

from PIL import Image, UnidentifiedImageError

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
NOT_ALLOWED = "文件类型不符：只能上传PDF或图片（JPEG、PNG）文件"
BROKEN_PDF = "PDF文件已损坏或不完整，无法读取"
BROKEN_IMAGE = "图片文件已损坏或不完整，无法读取"

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_AT = re.compile(rb"\s*(xref\b|\d+\s+\d+\s+obj\b)")
_TAIL_BYTES = 2048


class ContentRefused(ValueError):
    """The file is not an acceptable document; str() is the message for the clerk."""


def sniff(data: bytes) -> str:
    """The content type of ``data`` (PDF, JPEG or PNG), checked by parsing; else refused."""
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        _check_image(data, "JPEG")
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(data, "PNG")
        return PNG
    raise ContentRefused(NOT_ALLOWED)


def _check_pdf(data: bytes) -> None:
    if not re.match(rb"%PDF-\d\.\d", data):
        raise ContentRefused(BROKEN_PDF)
    found = _STARTXREF.search(data[-_TAIL_BYTES:])
    if found is None:
        raise ContentRefused(BROKEN_PDF)
    offset = int(found.group(1))
    if offset >= len(data) or not _XREF_AT.match(data, offset):
        raise ContentRefused(BROKEN_PDF)


def _check_image(data: bytes, expected: str) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise ContentRefused(BROKEN_IMAGE)
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ContentRefused(BROKEN_IMAGE) from exc
