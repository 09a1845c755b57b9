"""Write customs download documents (the simulator's side; also used by tests and benches)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any

from lxml import etree

from ..spec import RecordSpec, record_element
from .model import Amendment, ExportDeclaration, Manual, ReturnRecord
from .specs import (
    AMENDMENT,
    DEC_HEAD,
    DEC_LIST,
    MANUAL,
    MANUAL_RECORD,
    NAMESPACE,
    RETURN_RECORD,
    VERSION,
)

_NS = f"{{{NAMESPACE}}}"
_NSMAP: Any = {None: NAMESPACE}  # lxml-stubs do not allow the default (None) prefix


def declaration_element(declaration: ExportDeclaration) -> etree._Element:
    message = etree.Element(_NS + "DecMessage", nsmap=_NSMAP)
    record_element(message, DEC_HEAD, DEC_HEAD.texts(declaration), NAMESPACE)
    lists = etree.SubElement(message, _NS + "DecLists")
    for item in declaration.items:
        record_element(lists, DEC_LIST, DEC_LIST.texts(item), NAMESPACE)
    return message


def write_declarations(
    out: IO[bytes],
    trade_code: str,
    declarations: Sequence[ExportDeclaration],
    next_cursor: str = "",
) -> None:
    """One ``DecDownload`` page; each declaration is serialised as soon as it is built."""
    attrs = {"Version": VERSION, "TradeCode": trade_code, "Count": str(len(declarations))}
    if next_cursor:
        attrs["NextCursor"] = next_cursor
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_NS + "DecDownload", attrs, nsmap={None: NAMESPACE}):
            for declaration in declarations:
                xf.write(declaration_element(declaration))


def write_manuals(out: IO[bytes], trade_code: str, manuals: Iterable[Manual]) -> None:
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        attrs = {"Version": VERSION, "TradeCode": trade_code}
        with xf.element(_NS + "ManualDownload", attrs, nsmap={None: NAMESPACE}):
            for manual in manuals:
                element = etree.Element(_NS + "Manual", nsmap=_NSMAP)
                record_element(element, MANUAL, MANUAL.texts(manual), NAMESPACE)
                records = etree.SubElement(element, _NS + "ManualRecords")
                for record in manual.records:
                    record_element(records, MANUAL_RECORD, MANUAL_RECORD.texts(record), NAMESPACE)
                xf.write(element)


def write_amendments(out: IO[bytes], trade_code: str, amendments: Iterable[Amendment]) -> None:
    _write_flat(out, "AmendmentDownload", trade_code, AMENDMENT, amendments)


def write_returns(out: IO[bytes], trade_code: str, returns: Iterable[ReturnRecord]) -> None:
    _write_flat(out, "ReturnDownload", trade_code, RETURN_RECORD, returns)


def _write_flat(
    out: IO[bytes], root: str, trade_code: str, spec: RecordSpec, records: Iterable[object]
) -> None:
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        attrs = {"Version": VERSION, "TradeCode": trade_code}
        with xf.element(_NS + root, attrs, nsmap={None: NAMESPACE}):
            for record in records:
                xf.write(record_element(None, spec, spec.texts(record), NAMESPACE))
