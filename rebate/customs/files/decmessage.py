"""The Single Window's own 报关单 XML (DecMessage, DOMAIN §12.2) read into the download's record.

Parsing is the hardened parser of the wire layer (no DTD, no entities, no network, no huge
trees) validating against ``schemas/decmessage.xsd`` while it reads. Every problem of a file is
collected — the field named in Chinese — so the clerk sees all of them at once.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from lxml import etree

from rebate.integrations.wire import safexml
from rebate.integrations.wire.customs import DeclarationItem, ExportDeclaration
from rebate.integrations.wire.errors import WireError
from rebate.integrations.wire.spec import Field

from .fields import HEAD, ITEM, FieldError, missing, read

NAMESPACE = "http://www.chinaport.gov.cn/dec"
_NS = f"{{{NAMESPACE}}}"
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "decmessage.xsd"
NOT_DECMESSAGE = f"不是单一窗口报关单报文：根元素应为DecMessage（命名空间{NAMESPACE}）"
_HEAD_BY_TAG = {f.tag: f for f in HEAD}
_ITEM_BY_TAG = {f.tag: f for f in ITEM}


class DecFileError(ValueError):
    """The problems of one file, each a Chinese sentence."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@functools.cache
def schema() -> etree.XMLSchema:
    return safexml.schema_from_bytes(SCHEMA_FILE.read_bytes())


def _root(data: bytes) -> etree._Element:
    found = None
    seen = False
    try:
        # Every end event (a file is small): the root is the last, whatever its name.
        for _event, element in safexml.iterparse(io.BytesIO(data), schema(), events=("end",)):
            seen = True
            if element.getparent() is None:
                found = element
    except WireError as error:
        text = error.message
        if "根元素" in text:
            text = NOT_DECMESSAGE
        raise DecFileError([text]) from None
    if found is None and seen:  # the stream ended inside the root (a cut-off file)
        raise DecFileError(["XML格式错误：文档不完整"])
    if found is None or found.tag != _NS + "DecMessage":
        raise DecFileError([NOT_DECMESSAGE])
    return found


def _values(
    element: etree._Element, by_tag: dict[str, Field], where: str, problems: list[str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_NS):
            continue
        field = by_tag.get(tag[len(_NS) :])
        text = (child.text or "").strip()
        if field is None or not text:
            continue  # a field not stored here, or left empty as the Single Window writes it
        try:
            values[field.attr] = read(field, text)
        except FieldError as error:
            problems.append(f"{where}{field.label}（{field.tag}）{error}")
    fields = tuple(by_tag.values())
    problems += [f"{where}缺少{f.label}（{f.tag}）" for f in missing(fields, values)]
    return values


def read_decmessage(data: bytes) -> ExportDeclaration:
    """One DecMessage as the download's record, or DecFileError with every problem found."""
    root = _root(data)
    problems: list[str] = []
    head_element = root.find(_NS + "DecHead")
    lists = root.find(_NS + "DecLists")
    assert head_element is not None and lists is not None  # the XSD requires both
    head = _values(head_element, _HEAD_BY_TAG, "表头", problems)
    items: list[dict[str, Any]] = []
    seen: set[int] = set()
    for number, element in enumerate(lists.iter(_NS + "DecList"), start=1):
        values = _values(element, _ITEM_BY_TAG, f"第{number}个商品项", problems)
        g_no = values.get("g_no")
        if g_no in seen:
            problems.append(f"第{number}个商品项的项号{g_no}重复")
        seen.add(g_no)  # type: ignore[arg-type]
        items.append(values)
    if problems:
        raise DecFileError(problems)
    return ExportDeclaration(**head, items=tuple(DeclarationItem(**v) for v in items))
