"""Render the XSDs and the field tables of docs/wire from the record specifications.

The XSD files in ``schemas/`` are committed and are what both sides validate against; they are
produced by this module (``python -m rebate.integrations.wire.xsdgen`` rewrites them and the
docs tables) and a test asserts that the committed files equal a fresh rendering.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .spec import Field, Kind, RecordSpec

XS = "http://www.w3.org/2001/XMLSchema"
_Q = f"{{{XS}}}"

# name → (base type, facets)
SIMPLE_TYPES: dict[Kind, tuple[str, tuple[tuple[str, str], ...]]] = {
    Kind.TEXT: ("xs:string", (("maxLength", "500"),)),
    Kind.DATE8: ("xs:string", (("pattern", "[0-9]{8}"),)),
    Kind.DATE: ("xs:date", ()),
    Kind.PERIOD: ("xs:string", (("pattern", "[0-9]{4}(0[1-9]|1[0-2])"),)),
    Kind.AMOUNT: ("xs:decimal", (("totalDigits", "18"), ("fractionDigits", "2"))),
    Kind.RATE: (
        "xs:decimal",
        (("fractionDigits", "6"), ("minInclusive", "0"), ("maxInclusive", "1")),
    ),
    Kind.XRATE: ("xs:decimal", (("fractionDigits", "6"), ("minExclusive", "0"))),
    Kind.QUANTITY: ("xs:decimal", (("totalDigits", "22"), ("fractionDigits", "5"))),
    Kind.NUMBER: ("xs:decimal", (("totalDigits", "22"), ("fractionDigits", "5"))),
    Kind.INT: ("xs:int", ()),
    Kind.FLAG: ("xs:string", (("pattern", "[01]"),)),
    Kind.CODES: ("xs:string", (("pattern", "([A-Z0-9\\-]+(,[A-Z0-9\\-]+)*)?"),)),
}


@dataclass(frozen=True, slots=True)
class Attr:
    name: str
    required: bool = True
    fixed: str | None = None
    kind: Kind = Kind.TEXT
    pattern: str | None = None  # instead of the kind's type: an inline xs:string pattern


@dataclass(frozen=True, slots=True)
class Node:
    """An element: its record fields (if any) come first, then its child elements."""

    name: str
    label: str = ""
    record: RecordSpec | None = None
    children: tuple[Child, ...] = ()
    attributes: tuple[Attr, ...] = ()


@dataclass(frozen=True, slots=True)
class Child:
    node: Node
    min_occurs: int = 1
    unbounded: bool = False


@dataclass(frozen=True, slots=True)
class Format:
    schema_file: str
    namespace: str
    version: str
    title: str
    roots: tuple[Node, ...]
    doc_file: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def _x(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    element = etree.Element(_Q + tag) if parent is None else etree.SubElement(parent, _Q + tag)
    for key, value in attrs.items():
        element.set(key, value)
    return element


def _document(parent: etree._Element, text: str) -> None:
    if text:
        _x("documentation", _x("annotation", parent)).text = text


def _field_element(parent: etree._Element, spec_field: Field) -> None:
    attrs = {"name": spec_field.tag}
    if not spec_field.required:
        attrs["minOccurs"] = "0"
    if spec_field.pattern or spec_field.max_length:
        element = _x("element", parent, **attrs)
        _document(element, spec_field.label)
        restriction = _x("restriction", _x("simpleType", element), base="xs:string")
        if spec_field.pattern:
            _x("pattern", restriction, value=spec_field.pattern)
        if spec_field.max_length:
            _x("maxLength", restriction, value=str(spec_field.max_length))
        return
    element = _x("element", parent, **attrs, type=spec_field.kind.value)
    _document(element, spec_field.label)


def _node_type(parent: etree._Element, node: Node) -> None:
    complex_type = _x("complexType", parent)
    if node.record or node.children:
        sequence = _x("sequence", complex_type)
        for spec_field in node.record.fields if node.record else ():
            _field_element(sequence, spec_field)
        for child in node.children:
            attrs = {"name": child.node.name}
            if child.min_occurs != 1:
                attrs["minOccurs"] = str(child.min_occurs)
            if child.unbounded:
                attrs["maxOccurs"] = "unbounded"
            element = _x("element", sequence, **attrs)
            _document(element, child.node.label)
            _node_type(element, child.node)
    for attr in node.attributes:
        attrs = (
            {"name": attr.name} if attr.pattern else {"name": attr.name, "type": attr.kind.value}
        )
        if attr.required:
            attrs["use"] = "required"
        if attr.fixed:
            attrs["fixed"] = attr.fixed
        element = _x("attribute", complex_type, **attrs)
        if attr.pattern:
            restriction = _x("restriction", _x("simpleType", element), base="xs:string")
            _x("pattern", restriction, value=attr.pattern)


def render_xsd(fmt: Format) -> bytes:
    nsmap = {"xs": XS, None: fmt.namespace}
    schema = etree.Element(
        _Q + "schema",
        nsmap=nsmap,  # type: ignore[arg-type]
        targetNamespace=fmt.namespace,
        elementFormDefault="qualified",
        version=fmt.version,
    )
    _document(
        schema, f"{fmt.title}（版本 {fmt.version}）。由 rebate.integrations.wire.xsdgen 生成。"
    )
    for kind, (base, facets) in SIMPLE_TYPES.items():
        restriction = _x("restriction", _x("simpleType", schema, name=kind.value), base=base)
        for facet, value in facets:
            _x(facet, restriction, value=value)
    for root in fmt.roots:
        element = _x("element", schema, name=root.name)
        _document(element, root.label)
        _node_type(element, root)
    return etree.tostring(schema, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _walk(node: Node, depth: int = 0) -> Iterator[tuple[int, Node]]:
    yield depth, node
    for child in node.children:
        yield from _walk(child.node, depth + 1)


def render_doc(fmt: Format) -> str:
    """The Markdown reference of a format: structure, then one field table per record."""
    lines = [
        f"# {fmt.title}",
        "",
        f"- Namespace: `{fmt.namespace}`",
        f"- Version: `{fmt.version}` (root attribute `Version`)",
        f"- XSD: `rebate/integrations/wire/schemas/{fmt.schema_file}`",
        "",
        *fmt.notes,
        "",
        "## Structure",
        "",
    ]
    seen: list[RecordSpec] = []
    for root in fmt.roots:
        for depth, node in _walk(root):
            attrs = ", ".join(a.name for a in node.attributes)
            suffix = f" (attributes: {attrs})" if attrs else ""
            lines.append(f"{'  ' * depth}- `{node.name}` {node.label}{suffix}")
            if node.record and node.record not in seen:
                seen.append(node.record)
    for spec in seen:
        lines += ["", f"## `{spec.element}` — {spec.label}", ""]
        lines += ["| element | kind | required | 含义 |", "|---|---|---|---|"]
        for spec_field in spec.fields:
            kind = spec_field.pattern or spec_field.kind.value
            required = "yes" if spec_field.required else ""
            lines.append(f"| `{spec_field.tag}` | `{kind}` | {required} | {spec_field.label} |")
    return "\n".join(lines) + "\n"


def all_formats() -> Sequence[Format]:
    from .customs.structure import FORMAT as CUSTOMS
    from .feedback.structure import FORMAT as FEEDBACK
    from .package import businesses, package_format

    packages = tuple(package_format(spec) for spec in businesses() if spec.published)
    return (CUSTOMS, *packages, FEEDBACK)


SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DOCS_DIR = Path(__file__).resolve().parents[3] / "docs" / "wire"


def main() -> None:
    for fmt in all_formats():
        (SCHEMA_DIR / fmt.schema_file).write_bytes(render_xsd(fmt))
        if fmt.doc_file:
            (DOCS_DIR / fmt.doc_file).write_text(render_doc(fmt), encoding="utf-8")


if __name__ == "__main__":
    main()
