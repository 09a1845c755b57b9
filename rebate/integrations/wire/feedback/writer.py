"""Write the bureau's feedback documents (the simulator's side)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO

from lxml import etree

from ..spec import RecordSpec, record_element
from .model import Doubt, FilingRecord, ManualFeedback, ReviewResult
from .specs import (
    DOUBT,
    FILING,
    MANUAL_FEEDBACK,
    MANUAL_RECORD,
    NAMESPACE,
    REVIEW_RESULT,
    REVIEWED_LINE,
    VERSION,
)

_NS = f"{{{NAMESPACE}}}"


def _write(
    out: IO[bytes],
    root: str,
    attributes: Mapping[str, str],
    spec: RecordSpec,
    records: Iterable[object],
) -> None:
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        attrs = {"Version": VERSION, **attributes}
        with xf.element(_NS + root, attrs, nsmap={None: NAMESPACE}):
            for record in records:
                element = record_element(None, spec, spec.texts(record), NAMESPACE)
                if isinstance(record, ReviewResult) and record.lines:
                    lines = etree.SubElement(element, _NS + "Lines")
                    for line in record.lines:
                        record_element(lines, REVIEWED_LINE, REVIEWED_LINE.texts(line), NAMESPACE)
                if isinstance(record, ManualFeedback) and record.records:
                    rows = etree.SubElement(element, _NS + "Records")
                    for row in record.records:
                        record_element(rows, MANUAL_RECORD, MANUAL_RECORD.texts(row), NAMESPACE)
                xf.write(element)


def write_doubts(
    out: IO[bytes],
    *,
    receipt_no: str,
    customs_code: str,
    period: str,
    business_code: str,
    status: str,
    doubts: Iterable[Doubt],
) -> None:
    attributes = {
        "ReceiptNo": receipt_no,
        "CustomsCode": customs_code,
        "Period": period,
        "BusinessCode": business_code,
        "Status": status,
    }
    _write(out, "DoubtList", attributes, DOUBT, doubts)


def write_review(
    out: IO[bytes], *, customs_code: str, family: str, period: str, results: Iterable[ReviewResult]
) -> None:
    attributes = {"CustomsCode": customs_code, "Family": family, "Period": period}
    _write(out, "ReviewFeedback", attributes, REVIEW_RESULT, results)


def write_processing(
    out: IO[bytes], *, customs_code: str, year: int, manuals: Iterable[ManualFeedback]
) -> None:
    attributes = {"CustomsCode": customs_code, "Year": str(year)}
    _write(out, "ProcessingFeedback", attributes, MANUAL_FEEDBACK, manuals)


def write_filings(out: IO[bytes], *, customs_code: str, filings: Iterable[FilingRecord]) -> None:
    _write(out, "FilingFeedback", {"CustomsCode": customs_code}, FILING, filings)
