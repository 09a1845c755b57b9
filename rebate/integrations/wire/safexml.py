"""A hardened lxml parser: no DTD, no entities, no network, no huge trees.

Every document that crosses a party boundary is read through these functions, on both sides.
A DOCTYPE is refused outright (entity declarations can only live in one), so neither entity
expansion ("billion laughs") nor external entities can happen. Validation against the format's
XSD runs during parsing, also in the streaming (iterparse) form, so a large document is never
held in memory just to be validated.
"""

from __future__ import annotations

import functools
import re
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
HEAD_BYTES = 64 * 1024
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[^?!]")
_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?: ")
_EXPECTED = r"(?: Expected is (?:one of )?\( (?P<expected>.+?) \))?"
# libxml2's messages as Chinese: (pattern, text; {name} fields come from the match).
_SCHEMA_PHRASES: list[tuple[str, str]] = [
    (r"No matching global declaration available for the validation root", "根元素不是规定的格式"),
]
_ROOT_PHRASE = "根元素「{element}」不是规定的格式"
_V = r"The value '(?P<value>.*?)'"
_SCHEMA_PHRASES += [
    (r"This element is not expected\." + _EXPECTED, "此处不应出现该元素{expected}"),
    (r"Missing child element\(s\)\." + _EXPECTED, "缺少子元素{expected}"),
    (r"\[facet 'pattern'\] " + _V, "值「{value}」不符合格式"),
    (r"\[facet 'enumeration'\] " + _V, "值「{value}」不在可选值中"),
    (r"\[facet '(?:max|min)?[lL]ength'\] " + _V, "值「{value}」长度不符"),
    (r"\[facet '(?:max|min)(?:In|Ex)clusive'\] " + _V, "值「{value}」超出范围"),
    (r"\[facet '(?:totalDigits|fractionDigits)'\] " + _V, "值「{value}」位数不符"),
    (r"'(?P<value>.*?)' is not a valid value of the \w+ type", "值「{value}」类型不符"),
    (r"The attribute '(?P<value>.+?)' is required but missing", "缺少属性{value}"),
    (r"The attribute '(?P<value>.+?)' is not allowed", "不允许有属性{value}"),
    (r"Character content other than whitespace is not allowed", "不允许有文本内容"),
    (r"Element content is not allowed", "不允许有子元素"),
    (_V + " is not valid", "值「{value}」无效"),
]
_SYNTAX_PHRASES = [
    (r"no element found|Document is empty|Start tag expected", "文档为空或不是XML文档"),
    (r"Premature end of data|EndTag: '</' not found|Couldn't find end", "文档不完整"),
    (r"Opening and ending tag mismatch", "开始标签与结束标签不匹配"),
    (r"Extra content at the end of the document", "文档结尾有多余内容"),
    (r"xmlParseEntityRef|EntityRef: expecting ';'", "含有未转义的“&”字符"),
    (r"Entity '.*' not defined|undeclared entity", "引用了未定义的实体"),
    (r"[Ee]ncoding|not proper UTF-8|Unsupported encoding", "文件编码错误，应为UTF-8"),
    (r"Char 0x[0-9A-Fa-f]+ out of allowed range|PCDATA invalid Char", "含有XML不允许的字符"),
    (r"[Aa]ttribute|AttValue", "属性格式错误"),
    (r"StartTag: invalid element name|Comment not terminated", "标签格式错误"),
    (r"DOCTYPE|DTD", "不允许包含DOCTYPE或实体声明"),
]


def explain(text: str, schema_problem: bool) -> str:
    """libxml2's English message as Chinese ("" when it is not one known here)."""
    element = _ELEMENT.match(text)
    rest = text[element.end() :] if element else text
    for pattern, phrase in _SCHEMA_PHRASES if schema_problem else _SYNTAX_PHRASES:
        found = re.search(pattern, rest)
        if found:
            fields = {k: v or "" for k, v in found.groupdict().items()}
            if fields.get("expected"):
                fields["expected"] = "，应为" + "、".join(
                    re.sub(r"\{[^}]*\}", "", name).strip() for name in fields["expected"].split(",")
                )
            detail = phrase.format(**fields)
            if element and phrase == _SCHEMA_PHRASES[0][1]:
                return _ROOT_PHRASE.format(element=element.group(1))
            if element and element.group(2):
                return f"元素「{element.group(1)}」的属性「{element.group(2)}」{detail}"
            return f"元素「{element.group(1)}」{detail}" if element else detail
    return f"元素「{element.group(1)}」不符合格式定义" if element else ""


def _parser(schema: etree.XMLSchema | None = None) -> etree.XMLParser:
    return etree.XMLParser(schema=schema, **_PARSER_OPTIONS)


@functools.cache
def load_schema(name: str) -> etree.XMLSchema:
    """The XSD ``schemas/<name>`` shipped with this package (parsed with the safe parser)."""
    data = resources.files(__package__).joinpath("schemas", name).read_bytes()
    return schema_from_bytes(data)


def schema_from_bytes(data: bytes) -> etree.XMLSchema:
    """An XSD rendered in memory (a business registered without a committed schema file)."""
    return etree.XMLSchema(etree.fromstring(data, _parser()))


SchemaRef = str | etree.XMLSchema | None


def _schema(ref: SchemaRef) -> etree.XMLSchema | None:
    return load_schema(ref) if isinstance(ref, str) else ref


def _refuse_doctype(tree: etree._ElementTree) -> None:
    info: Any = tree.docinfo  # lxml-stubs lack DocInfo.doctype
    if info.doctype or info.internalDTD is not None:
        raise WireError(DOCTYPE_REFUSED, code="malformed")


def syntax_error(error: etree.Error) -> WireError:
    """A parser or validation error as a short Chinese message with the line number (libxml2's
    English text is translated; what has no translation is left out, never shown raw)."""
    text = str(error).split(" (<string>")[0]
    schema_problem = text.startswith("Element ") or "validation root" in text
    kind = "XML不符合数据格式定义" if schema_problem else "XML格式错误"
    line = getattr(error, "lineno", None)
    where = f"（第{line}行）" if line else ""
    detail = explain(text, schema_problem)
    return WireError(f"{kind}{where}" + (f"：{detail}" if detail else ""), code="malformed")


def refuse_doctype_bytes(head: bytes) -> None:
    """A DOCTYPE (or entity declaration) in the prolog is refused before libxml2 sees it."""
    root = _ROOT_START.search(head)
    if _DOCTYPE.search(head[: root.start() if root else len(head)]):
        raise WireError(DOCTYPE_REFUSED, code="malformed")


class Rejoined:
    """A stream whose first bytes were read ahead (for the DOCTYPE check) and are given back."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        if size is None or size < 0:
            data, self.head = self.head + self.rest.read(), b""
            return data
        data, self.head = self.head[:size], self.head[size:]
        return data


def parse(data: bytes, schema_name: str | None = None) -> etree._Element:
    """Parse a small document completely, validating it when ``schema_name`` is given."""
    schema = load_schema(schema_name) if schema_name else None
    refuse_doctype_bytes(data[:HEAD_BYTES])
    try:
        root = etree.fromstring(data, _parser(schema))
    except etree.XMLSyntaxError as error:
        raise syntax_error(error) from None
    _refuse_doctype(root.getroottree())
    return root


def iterparse(
    source: IO[bytes],
    schema_name: SchemaRef = None,
    events: tuple[str, ...] = ("start", "end"),
    tags: Sequence[str] | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs, validating against the XSD while parsing.

    The caller clears elements it has consumed; memory then stays flat however large the
    document is. The DOCTYPE check happens at the root's start event, before any content.
    """
    schema = _schema(schema_name)
    head = source.read(HEAD_BYTES)
    refuse_doctype_bytes(head)
    if not head.strip():
        raise WireError("XML格式错误：文档为空", code="malformed")
    source = Rejoined(head, source)  # type: ignore[assignment]
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
