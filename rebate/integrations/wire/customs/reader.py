"""Read customs download documents into typed records, streaming and validated.

Every document is validated against ``customs-1.0.xsd`` while it is parsed (safexml), and
each record is released once converted, so a page of any size is read in flat memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import IO

from lxml import etree

from ..errors import WireError
from ..safexml import iterparse, release
from ..spec import build
from .model import (
    Amendment,
    DeclarationItem,
    DeclarationPage,
    ExportDeclaration,
    Manual,
    ManualRecord,
    ReturnRecord,
)
from .specs import (
    AMENDMENT,
    DEC_HEAD,
    DEC_LIST,
    MANUAL,
    MANUAL_RECORD,
    NAMESPACE,
    RETURN_RECORD,
    SCHEMA,
    VERSION,
)

_NS = f"{{{NAMESPACE}}}"
_NS_LENGTH = len(_NS)
# Events only for the page and its messages; items are read from the message at its end.
_PAGE_TAGS = (_NS + "DecDownload", _NS + "DecMessage")


def _check_root(element: etree._Element, expected: str) -> None:
    if element.tag != _NS + expected:
        raise WireError(f"XML不符合数据格式定义：根元素应为{expected}", code="malformed")
    if element.get("Version") != VERSION:
        raise WireError(f"不支持的数据格式版本：{element.get('Version')}（应为{VERSION}）")


def _declaration(message: etree._Element) -> ExportDeclaration:
    head = message.find(_NS + "DecHead")
    lists = message.find(_NS + "DecLists")
    if head is None or lists is None:
        raise WireError("XML不符合数据格式定义：报关单缺少表头或商品项", code="malformed")
    items = tuple(build(DeclarationItem, DEC_LIST.values(item, _NS_LENGTH)) for item in lists)
    return build(ExportDeclaration, DEC_HEAD.values(head, _NS_LENGTH), items=items)


def iter_declarations(source: IO[bytes]) -> Iterator[ExportDeclaration | str]:
    """Each declaration of a ``DecDownload`` page, then the page's next cursor (a str)."""
    cursor = ""
    for event, element in iterparse(source, SCHEMA, tags=_PAGE_TAGS):
        if event == "start":
            if element.getparent() is None:
                _check_root(element, "DecDownload")
                cursor = element.get("NextCursor", "")
            continue
        if element.tag == _NS + "DecMessage":
            yield _declaration(element)
            release(element)
    yield cursor


def read_declarations(source: IO[bytes]) -> DeclarationPage:
    declarations: list[ExportDeclaration] = []
    cursor = ""
    for value in iter_declarations(source):
        if isinstance(value, str):
            cursor = value
        else:
            declarations.append(value)
    return DeclarationPage(tuple(declarations), cursor)


def read_manuals(source: IO[bytes]) -> list[Manual]:
    manuals: list[Manual] = []
    for event, element in iterparse(source, SCHEMA):
        if event == "start":
            if element.getparent() is None:
                _check_root(element, "ManualDownload")
            continue
        if element.tag == _NS + "Manual":
            head = element.find(_NS + "ManualHead")
            records_element = element.find(_NS + "ManualRecords")
            if head is None or records_element is None:
                raise WireError("XML不符合数据格式定义：手册缺少表头或记录", code="malformed")
            records = tuple(
                build(ManualRecord, MANUAL_RECORD.values(record, _NS_LENGTH))
                for record in records_element
            )
            manual = build(Manual, MANUAL.values(head, _NS_LENGTH))
            manuals.append(replace(manual, records=records))
            release(element)
    return manuals


def read_amendments(source: IO[bytes]) -> list[Amendment]:
    return [build(Amendment, v) for v in _flat(source, "AmendmentDownload", "Amendment")]


def read_returns(source: IO[bytes]) -> list[ReturnRecord]:
    return [build(ReturnRecord, v) for v in _flat(source, "ReturnDownload", "ReturnRecord")]


def _flat(source: IO[bytes], root: str, record: str) -> Iterator[dict[str, object]]:
    spec = AMENDMENT if record == "Amendment" else RETURN_RECORD
    for event, element in iterparse(source, SCHEMA):
        if event == "start":
            if element.getparent() is None:
                _check_root(element, root)
            continue
        if element.tag == _NS + record:
            yield spec.values(element, _NS_LENGTH)
            release(element)
