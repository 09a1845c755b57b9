"""A hardened lxml parser: no DTD, no entities, no network, no huge trees.

Every document that crosses a party boundary is read through these functions, on both sides.
A DOCTYPE is refused outright (entity declarations can only live in one), so neither entity
expansion ("billion laughs") nor external entities can happen. Validation against the format's
XSD runs during parsing, also in the streaming (iterparse) form, so a large document is never
held in memory just to be validated.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import IO, Any

from lxml import etree

from .errors import WireError

_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
DOCTYPE_REFUSED = "XML格式错误：不允许包含DOCTYPE或实体声明"


def _parser(schema: etree.XMLSchema | None = None) -> etree.XMLParser:
    return etree.XMLParser(schema=schema, **_PARSER_OPTIONS)


@functools.cache
def load_schema(name: str) -> etree.XMLSchema:
    """The XSD ``schemas/<name>`` shipped with this package (parsed with the safe parser)."""
    data = resources.files(__package__).joinpath("schemas", name).read_bytes()
    return etree.XMLSchema(etree.fromstring(data, _parser()))


def _refuse_doctype(tree: etree._ElementTree) -> None:
    info: Any = tree.docinfo  # lxml-stubs lack DocInfo.doctype
    if info.doctype or info.internalDTD is not None:
        raise WireError(DOCTYPE_REFUSED, code="malformed")


def syntax_error(error: etree.Error) -> WireError:
    """A parser or validation error as a short Chinese message with the line number."""
    text = str(error).split(" (<string>")[0]
    schema_problem = text.startswith("Element ") or "validation root" in text
    kind = "XML不符合数据格式定义" if schema_problem else "XML格式错误"
    line = getattr(error, "lineno", None)
    where = f"（第{line}行）" if line else ""
    return WireError(f"{kind}{where}：{text}", code="malformed")


def parse(data: bytes, schema_name: str | None = None) -> etree._Element:
    """Parse a small document completely, validating it when ``schema_name`` is given."""
    schema = load_schema(schema_name) if schema_name else None
    try:
        root = etree.fromstring(data, _parser(schema))
    except etree.XMLSyntaxError as error:
        raise syntax_error(error) from None
    _refuse_doctype(root.getroottree())
    return root


def iterparse(
    source: IO[bytes],
    schema_name: str | None = None,
    events: tuple[str, ...] = ("start", "end"),
    tags: Sequence[str] | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs, validating against the XSD while parsing.

    The caller clears elements it has consumed; memory then stays flat however large the
    document is. The DOCTYPE check happens at the root's start event, before any content.
    """
    schema = load_schema(schema_name) if schema_name else None
    # ``tags`` limits the events (not the parsing or validation) to the structural elements a
    # reader needs, which keeps Python out of the per-field loop of large documents.
    parser = etree.iterparse(source, events=events, tag=tags, schema=schema, **_PARSER_OPTIONS)
    checked = False
    try:
        for event, element in parser:
            if not checked:
                _refuse_doctype(element.getroottree())
                checked = True
            yield event, element
    except etree.XMLSyntaxError as error:
        raise syntax_error(error) from None
    if not checked:
        raise WireError("XML格式错误：文档为空", code="malformed")


def release(element: etree._Element) -> None:
    """Free a consumed element and the siblings before it (streaming reads)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
