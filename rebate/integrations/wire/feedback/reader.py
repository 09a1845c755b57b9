"""Read the bureau's feedback documents into typed records (validated while parsed)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from lxml import etree

from ..errors import WireError
from ..safexml import iterparse, release
from ..spec import build
from .model import (
    Doubt,
    DoubtList,
    FilingFeedback,
    FilingRecord,
    ManualFeedback,
    ManualRecord,
    ProcessingFeedback,
    ReviewedLine,
    ReviewFeedback,
    ReviewResult,
)
from .specs import (
    DOUBT,
    FILING,
    MANUAL_FEEDBACK,
    MANUAL_RECORD,
    NAMESPACE,
    REVIEW_RESULT,
    REVIEWED_LINE,
    SCHEMA,
    VERSION,
)

_NS = f"{{{NAMESPACE}}}"
_NS_LENGTH = len(_NS)


def _records(
    source: IO[bytes], root: str, record: str
) -> tuple[dict[str, str], Iterator[etree._Element]]:
    """The root's attributes and an iterator over its record elements (released after use)."""
    events = iterparse(source, SCHEMA, tags=(_NS + root, _NS + record))
    _, element = next(events)
    if element.tag != _NS + root:
        raise WireError(f"XML不符合数据格式定义：根元素应为{root}", code="malformed")
    if element.get("Version") != VERSION:
        raise WireError(f"不支持的反馈格式版本：{element.get('Version')}")
    attributes = {str(key): str(value) for key, value in element.attrib.items()}

    def records() -> Iterator[etree._Element]:
        for event, item in events:
            if event == "end" and item.tag == _NS + record:
                yield item
                release(item)

    return attributes, records()


def read_doubts(source: IO[bytes]) -> DoubtList:
    attrs, records = _records(source, "DoubtList", "Doubt")
    doubts = tuple(build(Doubt, DOUBT.values(element, _NS_LENGTH)) for element in records)
    return DoubtList(
        receipt_no=attrs["ReceiptNo"],
        customs_code=attrs["CustomsCode"],
        period=attrs["Period"],
        business_code=attrs["BusinessCode"],
        status=attrs["Status"],
        doubts=doubts,
    )


def _review_result(element: etree._Element) -> ReviewResult:
    lines_element = element.find(_NS + "Lines")
    lines = tuple(
        build(ReviewedLine, REVIEWED_LINE.values(line, _NS_LENGTH))
        for line in (lines_element if lines_element is not None else ())
    )
    values = REVIEW_RESULT.values(element, _NS_LENGTH)
    values.setdefault("period", "")  # a business without a period carries none
    return build(ReviewResult, values, lines=lines)


def read_review(source: IO[bytes]) -> ReviewFeedback:
    attrs, records = _records(source, "ReviewFeedback", "Declaration")
    results = tuple(_review_result(element) for element in records)
    return ReviewFeedback(attrs["CustomsCode"], attrs["Family"], attrs["Period"], results)


def _manual(element: etree._Element) -> ManualFeedback:
    rows_element = element.find(_NS + "Records")
    rows = tuple(
        build(ManualRecord, MANUAL_RECORD.values(row, _NS_LENGTH))
        for row in (rows_element if rows_element is not None else ())
    )
    return build(ManualFeedback, MANUAL_FEEDBACK.values(element, _NS_LENGTH), records=rows)


def read_processing(source: IO[bytes]) -> ProcessingFeedback:
    attrs, records = _records(source, "ProcessingFeedback", "Manual")
    manuals = tuple(_manual(element) for element in records)
    return ProcessingFeedback(attrs["CustomsCode"], int(attrs["Year"]), manuals)


def read_filings(source: IO[bytes]) -> FilingFeedback:
    attrs, records = _records(source, "FilingFeedback", "Filing")
    filings = tuple(build(FilingRecord, FILING.values(element, _NS_LENGTH)) for element in records)
    return FilingFeedback(attrs["CustomsCode"], filings)
